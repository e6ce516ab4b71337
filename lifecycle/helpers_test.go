package lifecycle_test

import (
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/saleskit/saleskit/lifecycle"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// t0 is the instant every scenario starts at.
var t0 = time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC)

func day(n int) time.Time { return t0.Add(time.Duration(n) * 24 * time.Hour) }

const days = 24 * time.Hour

func gateObstacle(name string, missing ...string) lifecycle.Obstacle {
	return lifecycle.Obstacle{Kind: lifecycle.ObstacleGate, Name: name, Missing: missing}
}

func advisory(name string, missing ...string) lifecycle.Obstacle {
	return lifecycle.Obstacle{Kind: lifecycle.ObstacleGate, Name: name, Mode: lifecycle.Advisory, Missing: missing}
}

var (
	noTransition = []lifecycle.Obstacle{{Kind: lifecycle.ObstacleNoTransition}}
	pausedNow    = lifecycle.Obstacle{Kind: lifecycle.ObstaclePaused}
)

// step is one thing that happens to an instance at a fixed instant, and what
// must follow.
type step[S, T ~string] struct {
	day       int               // days after t0
	tick      []string          // checklist items ticked first
	facts     map[string]string // facts recorded first
	clear     []string          // facts cleared first
	fire      T                 // the trigger fired, if any
	pause     string            // pause with this reason
	until     int               // the pause's resume day
	resume    bool              // resume
	prob      float64           // override the probability with this, if > 0
	want      S                 // the state afterwards
	refused   []lifecycle.Obstacle
	err       error    // the sentinel expected, for errors other than refusals
	effects   []string // the keys of the effects returned
	advice    []lifecycle.Obstacle
	forgotten []string // the stay facts forgotten
	wantP     *float64 // the probability afterwards, if set
}

// run plays steps on a new instance of d and checks every outcome. A refused
// step must leave the instance exactly as it was, and after every step the
// instance must pass Check.
func run[S, T ~string](t *testing.T, d *lifecycle.Definition[S, T], steps []step[S, T]) *lifecycle.Instance[S, T] {
	t.Helper()
	in := d.Start(t0, "owner")
	overridden := false
	for i, s := range steps {
		at := day(s.day)
		for _, k := range s.tick {
			in.Tick(k)
		}
		for k, v := range s.facts {
			in.SetFact(k, v)
		}
		for _, k := range s.clear {
			in.Clear(k)
		}
		if s.prob > 0 {
			if err := in.OverrideProbability(s.prob); err != nil {
				t.Fatalf("step %d: OverrideProbability(%v) = %v", i, s.prob, err)
			}
			overridden = true
		}
		before := mustJSON(t, in)
		var move lifecycle.Move[S, T]
		var err error
		switch {
		case s.pause != "":
			var until lifecycle.Date
			if s.until > 0 {
				until = lifecycle.DateOf(day(s.until))
			}
			err = d.Pause(in, at, "owner", s.pause, until)
		case s.resume:
			err = d.Resume(in, at, "owner")
		case s.fire != "":
			move, err = d.Fire(in, s.fire, at, "owner")
		}
		switch {
		case s.refused != nil:
			var r *lifecycle.Refusal
			if !errors.As(err, &r) {
				t.Fatalf("step %d: Fire(%q) = %v, want a refusal", i, s.fire, err)
			}
			if !errors.Is(err, lifecycle.ErrRefused) {
				t.Errorf("step %d: refusal does not match ErrRefused", i)
			}
			if diff := cmp.Diff(s.refused, r.Obstacles, cmpopts.EquateErrors()); diff != "" {
				t.Errorf("step %d: Fire(%q) obstacles (-want +got):\n%s", i, s.fire, diff)
			}
			if after := mustJSON(t, in); after != before {
				t.Errorf("step %d: refused Fire(%q) changed the instance:\n%s\nwant\n%s", i, s.fire, after, before)
			}
		case s.err != nil:
			if !errors.Is(err, s.err) {
				t.Fatalf("step %d: err = %v, want %v", i, err, s.err)
			}
		case err != nil:
			t.Fatalf("step %d: unexpected error %v", i, err)
		case s.fire != "":
			var keys []string
			for e := range move.Effects.All() {
				keys = append(keys, e.Key)
			}
			if diff := cmp.Diff(s.effects, keys); diff != "" {
				t.Errorf("step %d: Fire(%q) effects (-want +got):\n%s", i, s.fire, diff)
			}
			if diff := cmp.Diff(s.advice, move.Advisories); diff != "" {
				t.Errorf("step %d: Fire(%q) advisories (-want +got):\n%s", i, s.fire, diff)
			}
			if diff := cmp.Diff(s.forgotten, move.Forgotten); diff != "" {
				t.Errorf("step %d: Fire(%q) forgotten (-want +got):\n%s", i, s.fire, diff)
			}
			for _, k := range move.Forgotten {
				if v, ok := in.Fact(k); ok {
					t.Errorf("step %d: Fire(%q) forgot %q, but the instance still has %q", i, s.fire, k, v)
				}
			}
			if move.To != s.want || move.Trigger != s.fire {
				t.Errorf("step %d: Move = %v --%v--> %v, want --%v--> %v", i, move.From, move.Trigger, move.To, s.fire, s.want)
			}
		}
		if got := in.State(); got != s.want {
			t.Fatalf("step %d: state = %q, want %q", i, got, s.want)
		}
		if err == nil && s.fire != "" && !move.Internal {
			overridden = false // entering a state drops the override
		}
		if in.Overridden() != overridden {
			t.Errorf("step %d: Overridden() = %v, want %v", i, in.Overridden(), overridden)
		}
		if s.wantP != nil && in.Probability() != *s.wantP {
			t.Errorf("step %d: probability = %v, want %v", i, in.Probability(), *s.wantP)
		}
		if err := d.Check(in); err != nil {
			t.Fatalf("step %d: Check = %v", i, err)
		}
	}
	return in
}

func mustJSON(t testing.TB, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// golden compares got with testdata/name, or rewrites the file with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -run %s -update to create it)", err, t.Name())
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s differs from its golden file (-want +got):\n%s", name, diff)
	}
}

type preset struct {
	name, file   string
	def          any // a *lifecycle.Definition of the preset's types
	mermaid, dot func(lang string) string
}

func presets() []preset {
	sp, op, cu, tl := lifecycle.SalesProject(), lifecycle.Opportunity(), lifecycle.Customer(), lifecycle.TelesalesLead()
	return []preset{
		{"sales_project", "sales_project.json", sp, sp.Mermaid, sp.DOT},
		{"opportunity", "opportunity.json", op, op.Mermaid, op.DOT},
		{"customer", "customer.json", cu, cu.Mermaid, cu.DOT},
		{"telesales_lead", "telesales_lead.json", tl, tl.Mermaid, tl.DOT},
	}
}
