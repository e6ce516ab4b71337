package funnel_test

import (
	"testing"
	"time"

	"github.com/saleskit/saleskit/funnel"
	"github.com/shopspring/decimal"
)

func day(d int) time.Time { return time.Date(2025, 3, d, 9, 0, 0, 0, time.UTC) }

func ev(deal, stage string, t time.Time, amount int64) funnel.Event {
	return funnel.Event{Deal: deal, Stage: stage, Time: t, Amount: decimal.NewFromInt(amount)}
}

// worked is the example of doc.go: four deals on the B2B stages.
func worked() []funnel.Event {
	return []funnel.Event{
		ev("d1", "lead", day(1), 1000), ev("d1", "qualified", day(3), 1000),
		ev("d1", "proposal", day(6), 1000), ev("d1", "won", day(16), 1000),
		ev("d2", "lead", day(1), 400), ev("d2", "proposal", day(4), 400), ev("d2", "lost", day(9), 400),
		ev("d3", "lead", day(2), 250), ev("d3", "qualified", day(4), 250), ev("d3", "lost", day(5), 250),
		ev("d4", "lead", day(2), 300),
	}
}

func mustReport(t testing.TB, stages funnel.Stages, events []funnel.Event, o *funnel.ReportOptions) funnel.Report {
	t.Helper()
	a, err := funnel.NewAnalyzer(stages, &funnel.Options{OnUnknown: funnel.Skip})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.AddAll(events); err != nil {
		t.Fatal(err)
	}
	r, err := a.Report(o)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// counts is a stage's counts, for compact tables.
type counts struct{ Entered, Advanced, Lost, Open, Skipped int }

func stageCounts(r funnel.Report) []counts {
	var out []counts
	for _, s := range r.Stages {
		out = append(out, counts{s.Entered, s.Advanced, s.Lost, s.Open, s.Skipped})
	}
	return out
}

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func checkReport(t *testing.T, name string, r funnel.Report) {
	t.Helper()
	inUnit := func(what string, x funnel.Rate) {
		if !(0 <= x.Low && x.Low <= x.Value && x.Value <= x.High && x.High <= 1) {
			t.Errorf("%s: %s = %+v, not 0 ≤ low ≤ value ≤ high ≤ 1", name, what, x)
		}
	}
	inUnit("win rate", r.Overall.WinRate)
	inUnit("bottleneck", r.Bottleneck.Conversion)
	for i, s := range r.Stages {
		inUnit(s.Key+" conversion", s.Conversion)
		inUnit(s.Key+" from top", s.FromTop)
		if i > 0 && s.Entered > r.Stages[i-1].Entered {
			t.Errorf("%s: %s entered %d > previous %d", name, s.Key, s.Entered, r.Stages[i-1].Entered)
		}
		if s.Outcome != funnel.Open {
			continue
		}
		if s.Entered != s.Advanced+s.Lost+s.Open {
			t.Errorf("%s: %s: entered %d ≠ %d + %d + %d", name, s.Key, s.Entered, s.Advanced, s.Lost, s.Open)
		}
		if sum := s.AdvancedAmount.Add(s.LostAmount).Add(s.OpenAmount); !sum.Equal(s.EnteredAmount) {
			t.Errorf("%s: %s: entered amount %s ≠ %s", name, s.Key, s.EnteredAmount, sum)
		}
		if s.Probability < 0 || s.Probability > 1 {
			t.Errorf("%s: %s probability %v", name, s.Key, s.Probability)
		}
	}
}
