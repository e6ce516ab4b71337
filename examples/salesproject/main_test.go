package main

import (
	"bytes"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/saleskit/saleskit/examples/internal/golden"
	"github.com/saleskit/saleskit/lifecycle"
)

// TestSalesProjectGolden runs the program in English and in Chinese and
// compares its output with the golden files, so every change to what users
// see is reviewed in a diff. Run go test ./examples/salesproject -update to
// accept a deliberate change.
func TestSalesProjectGolden(t *testing.T) {
	golden.Languages(t, "salesproject.golden", func(t *testing.T, lang string) string {
		var out bytes.Buffer
		if err := run(&out, options{lang: lang}); err != nil {
			t.Fatalf("run: %v", err)
		}
		// The diagram printed is the package's own, in the language.
		if m := lifecycle.SalesProject().Mermaid(lang); !strings.HasSuffix(out.String(), m) {
			t.Errorf("output does not end with SalesProject().Mermaid(%q)", lang)
		}
		return out.String()
	})
}

// TestSalesProjectMeasures checks the measures the report prints against
// Measure on the instance the story ends with.
//
// As of day 70 the project is in execution, entered again on day 61:
//
//	strategy    days 20–30 and 50–61, less the pause of days 52–59: 10 + 4 = 14 days active, 7 paused
//	execution   days 30–45 and 61–70: 15 + 9 = 24 days
//	monitoring  days 45–50: 5 days, looped back to strategy once
//
// At the end (day 88) it is won, monitoring has had two stays (5 + 4 days,
// the second from day 75 to the close on day 79) and closing 9 days.
func TestSalesProjectMeasures(t *testing.T) {
	p, err := story(io.Discard, options{lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	d := lifecycle.SalesProject()
	if p.State() != lifecycle.PhaseWon {
		t.Fatalf("state = %s, want won", p.State())
	}
	m, err := d.Measure(p, day(70))
	if err != nil {
		t.Fatal(err)
	}
	dd := func(n float64) time.Duration { return time.Duration(n * 24 * float64(time.Hour)) }
	want := map[lifecycle.Phase][2]time.Duration{
		lifecycle.PhaseStrategy:   {dd(14), dd(7)},
		lifecycle.PhaseExecution:  {dd(24), 0},
		lifecycle.PhaseMonitoring: {dd(5), 0},
	}
	for _, st := range m.Time {
		if w, ok := want[st.State]; ok && (st.Time != w[0] || st.Paused != w[1]) {
			t.Errorf("Measure(day 70): %s = %v active, %v paused, want %v, %v", st.State, st.Time, st.Paused, w[0], w[1])
		}
	}
	if m.State != lifecycle.PhaseExecution || m.Age != dd(9) || m.LoopsFrom(lifecycle.PhaseMonitoring) != 1 {
		t.Errorf("Measure(day 70) = %s for %v, %d loops, want execution for 9 days, 1 loop", m.State, m.Age, m.LoopsFrom(lifecycle.PhaseMonitoring))
	}
	if err := d.Check(p); err != nil {
		t.Errorf("Check = %v, want nil", err)
	}

	var out bytes.Buffer
	if err := run(&out, options{lang: "en"}); err != nil {
		t.Fatal(err)
	}
	golden.Contains(t, out.String(), "Strategy                        2  14.0 days  7.0 days", "Closing                         1   9.0 days")
}

// TestSalesProjectRefusal: approving with one of three initiation items
// ticked is refused by the initiation-review gate, which names the two
// missing, and the advisory market-research gate rides along.
func TestSalesProjectRefusal(t *testing.T) {
	d := lifecycle.SalesProject()
	p := d.Start(day(0), "chen")
	p.Tick("background_clarified")
	_, err := d.Fire(p, lifecycle.ProjectApprove, day(2), "chen")
	var r *lifecycle.Refusal
	if !errors.As(err, &r) || !errors.Is(err, lifecycle.ErrGate) {
		t.Fatalf("Fire(approve) = %v, want a *Refusal wrapping ErrGate", err)
	}
	if len(r.Obstacles) != 2 || !slices.Equal(r.Obstacles[0].Missing, []string{"goal_defined", "feasibility_assessed"}) || r.Obstacles[1].Blocking() {
		t.Errorf("obstacles = %v, want the blocking gate missing goal_defined, feasibility_assessed, then an advisory one", r.Obstacles)
	}
	if err := run(io.Discard, options{lang: "fr"}); err == nil {
		t.Error("run -lang fr = nil error, want one")
	}
}
