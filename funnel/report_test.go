package funnel_test

import (
	"errors"
	"math"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/saleskit/saleskit/funnel"
	"github.com/shopspring/decimal"
)

func TestWorkedExampleCounts(t *testing.T) {
	tests := []struct {
		mode funnel.Mode
		want []counts
	}{
		// Any order: d2 passes through qualified (lead → proposal) and d1
		// through negotiation (proposal → won).
		// lead: 4 in; d1, d2, d3 went on; d4 open.
		// qualified: d1, d2, d3; d1 and d2 went on, d3 lost there.
		// proposal: d1, d2; d1 went on, d2 lost there.
		{funnel.AnyOrder, []counts{{4, 3, 0, 1, 0}, {3, 2, 1, 0, 1}, {2, 1, 1, 0, 0}, {1, 1, 0, 0, 1}, {1, 0, 0, 0, 0}}},
		// Strict: d2 counts up to lead only, d1 up to proposal; both went
		// beyond their last counted stage, so they are advanced there.
		{funnel.Strict, []counts{{4, 3, 0, 1, 0}, {2, 1, 1, 0, 1}, {1, 1, 0, 0, 0}, {0, 0, 0, 0, 1}, {0, 0, 0, 0, 0}}},
	}
	for _, tt := range tests {
		t.Run(tt.mode.String(), func(t *testing.T) {
			r := mustReport(t, funnel.B2B(), worked(), &funnel.ReportOptions{Mode: tt.mode})
			if diff := cmp.Diff(tt.want, stageCounts(r)); diff != "" {
				t.Errorf("stage counts (-want +got):\n%s", diff)
			}
		})
	}
}

func TestWorkedExampleMoneyAndTime(t *testing.T) {
	r := mustReport(t, funnel.B2B(), worked(), nil)
	lead, qual, prop := r.Stages[0], r.Stages[1], r.Stages[2]
	hours := func(h int) time.Duration { return time.Duration(h) * time.Hour }
	checks := []struct {
		name      string
		got, want any
	}{
		// 1000 + 400 + 250 + 300
		{"lead entered", lead.EnteredAmount, dec("1950")},
		{"lead advanced", lead.AdvancedAmount, dec("1650")},
		{"lead open", lead.OpenAmount, dec("300")},
		// 300 × 10%
		{"lead weighted", lead.WeightedAmount, dec("30")},
		{"qualified lost", qual.LostAmount, dec("250")},
		{"proposal lost", prop.LostAmount, dec("400")},
		{"won entered", r.Stages[4].EnteredAmount, dec("1000")},
		// stays in lead: d1 2 days, d2 3 days, d3 2 days; d4's is still open
		// and no AsOf is given. Mean 7 days ÷ 3 = 56 h; nearest ranks:
		// median ⌈1.5⌉ = 2nd = 2 days, p90 ⌈2.7⌉ = 3rd = 3 days.
		{"lead latest", lead.Latest, funnel.Durations{N: 3, Mean: hours(56), Median: hours(48), P90: hours(72)}},
		// proposal: d1 10 days, d2 5 days.
		{"proposal latest", prop.Latest, funnel.Durations{N: 2, Mean: hours(180), Median: hours(120), P90: hours(240)}},
		{"conversion into qualified", qual.Conversion.Successes*10 + qual.Conversion.Trials, 3*10 + 4},
		{"win rate", r.Overall.WinRate.Value, 1.0 / 3},
		{"average won", r.Overall.AverageWon, dec("1000")},
		{"lost", r.Losses, []funnel.Loss{{Key: "lost", Deals: 2, Amount: dec("650")}}},
		// d1: 1 Mar → 16 Mar.
		{"cycle", r.Overall.Cycle, funnel.Durations{N: 1, Mean: hours(360), Median: hours(360), P90: hours(360)}},
		// 1 open × 1/3 × 1000 ÷ 15 days = 22.222…
		{"velocity", r.Overall.Velocity, dec("22.22")},
		{"weighted pipeline", r.Overall.WeightedAmount, dec("30")},
	}
	for _, c := range checks {
		if diff := cmp.Diff(c.want, c.got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", c.name, diff)
		}
	}
}

func TestWorkedExampleBottleneck(t *testing.T) {
	// Step conversions: 3/4, 2/3, 1/2, 1/1. Against the pooled rate of the
	// other steps, proposal → negotiation scores lowest: its upper bound
	// 90.5% over (3+2+1)/(4+3+1) = 75% is 1.21, against 1.43, 1.31 and 1.5.
	r := mustReport(t, funnel.B2B(), worked(), nil)
	b := r.Bottleneck
	if !b.Found || b.From != "proposal" || b.To != "negotiation" || b.Benchmark != 0.75 || b.Significant || b.Benchmarked {
		t.Fatalf("Bottleneck = %+v, want proposal → negotiation against 0.75, not significant", b)
	}
	// 1 of 2 is 50%, Wilson interval 9.45%–90.55%.
	want := funnel.Reason{Code: funnel.CodeShortOfPooledRate,
		Numbers: map[string]float64{"conversion": 0.5, "low": b.Conversion.Low, "high": b.Conversion.High,
			"successes": 1, "trials": 2, "benchmark": 0.75},
		Texts: map[string]string{"from": "proposal", "to": "negotiation"}}
	if !b.Reason.Equal(want) || math.Abs(b.Conversion.Low-0.0945) > 5e-5 || math.Abs(b.Conversion.High-0.9055) > 5e-5 {
		t.Errorf("Reason = %+v, want %+v", b.Reason, want)
	}

	// With a benchmark of 99% for lead → qualified, 3 of 4 (upper bound
	// 95.4%) is significantly short.
	r = mustReport(t, funnel.B2B(), worked(), &funnel.ReportOptions{Benchmark: map[string]float64{"lead": 0.99, "qualified": 0.5}})
	b = r.Bottleneck
	if b.From != "lead" || !b.Significant || !b.Benchmarked || b.Benchmark != 0.99 || b.Reason.Code != funnel.CodeBelowBenchmark {
		t.Fatalf("Bottleneck = %+v, want lead → qualified, significant against 0.99", b)
	}
}

func TestMessyRules(t *testing.T) {
	amt := func(e funnel.Event, a int64) funnel.Event { e.Amount = decimal.NewFromInt(a); return e }
	tests := []struct {
		name   string
		events []funnel.Event
		check  func(t *testing.T, r funnel.Report)
	}{
		{"duplicate keeps the largest amount", []funnel.Event{
			ev("a", "lead", day(1), 100), amt(ev("a", "lead", day(1), 0), 120), ev("a", "lead", day(1), 100),
		}, func(t *testing.T, r funnel.Report) {
			if r.Events != 1 || !r.Stages[0].EnteredAmount.Equal(dec("120")) {
				t.Errorf("Events = %d, entered amount %s; want 1, 120", r.Events, r.Stages[0].EnteredAmount)
			}
			want := []funnel.Ignored{{Cause: funnel.Duplicate, Stage: "lead", Events: 2}}
			if diff := cmp.Diff(want, r.Ignored); diff != "" {
				t.Errorf("Ignored (-want +got):\n%s", diff)
			}
		}},
		{"regression counts once per stage", []funnel.Event{
			ev("a", "lead", day(1), 10), ev("a", "qualified", day(2), 10), ev("a", "lead", day(4), 10),
			ev("a", "qualified", day(5), 10), ev("a", "proposal", day(8), 10),
		}, func(t *testing.T, r funnel.Report) {
			got := stageCounts(r)[:3]
			if diff := cmp.Diff([]counts{{1, 1, 0, 0, 0}, {1, 1, 0, 0, 0}, {1, 0, 0, 1, 0}}, got); diff != "" {
				t.Errorf("counts (-want +got):\n%s", diff)
			}
			q := r.Stages[1]
			// qualified: 2 days, then 3 days; latest 3, cumulative 5.
			if q.Reentered != 1 || q.Regressed != 1 || q.Latest.Mean != 72*time.Hour || q.Cumulative.Mean != 120*time.Hour {
				t.Errorf("qualified = %+v", q)
			}
			if r.Overall.Regressions != 1 || r.Overall.Regressed != 1 || r.Stages[0].Reentered != 1 {
				t.Errorf("Overall = %+v", r.Overall)
			}
		}},
		{"reopened lost deal", []funnel.Event{
			ev("a", "lead", day(1), 10), ev("a", "lost", day(2), 10), ev("a", "qualified", day(5), 10), ev("a", "won", day(11), 10),
		}, func(t *testing.T, r funnel.Report) {
			if r.Overall.Reopened != 1 || r.Overall.Won != 1 || r.Overall.Lost != 0 || r.Stages[1].Entered != 1 {
				t.Errorf("Overall = %+v, qualified entered %d", r.Overall, r.Stages[1].Entered)
			}
			if r.Overall.Cycle.Mean != 240*time.Hour {
				t.Errorf("cycle = %v, want 240h (1 → 11 March)", r.Overall.Cycle.Mean)
			}
		}},
		{"lost after regression counts at the furthest stage", []funnel.Event{
			ev("a", "lead", day(1), 10), ev("a", "proposal", day(2), 10), ev("a", "lead", day(3), 10), ev("a", "lost", day(4), 10),
		}, func(t *testing.T, r funnel.Report) {
			if r.Stages[2].Lost != 1 || r.Stages[0].Lost != 0 || r.Stages[2].Regressed != 1 {
				t.Errorf("counts %v, proposal regressed %d", stageCounts(r), r.Stages[2].Regressed)
			}
		}},
		{"same time: stage order decides", []funnel.Event{
			ev("a", "qualified", day(1), 10), ev("a", "lead", day(1), 10),
		}, func(t *testing.T, r funnel.Report) {
			if r.Stages[0].Skipped != 0 || r.Stages[1].Entered != 1 || r.Stages[0].Open != 0 {
				t.Errorf("counts %v", stageCounts(r))
			}
		}},
		{"unknown stage under Skip", []funnel.Event{
			ev("a", "lead", day(1), 10), ev("a", "on-hold", day(2), 10), ev("b", "paused", day(2), 10),
		}, func(t *testing.T, r funnel.Report) {
			want := []funnel.Ignored{
				{Cause: funnel.UnknownStage, Stage: "on-hold", Events: 1},
				{Cause: funnel.UnknownStage, Stage: "paused", Events: 1},
			}
			if diff := cmp.Diff(want, r.Ignored); diff != "" || r.Deals != 1 {
				t.Errorf("Deals %d, Ignored (-want +got):\n%s", r.Deals, diff)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.check(t, mustReport(t, funnel.B2B(), tt.events, nil))
			// Any arrival order gives the same report.
			rev := slices.Clone(tt.events)
			slices.Reverse(rev)
			if diff := cmp.Diff(mustReport(t, funnel.B2B(), tt.events, nil), mustReport(t, funnel.B2B(), rev, nil)); diff != "" {
				t.Errorf("reversed events give another report (-want +got):\n%s", diff)
			}
		})
	}
}

func TestAsOfAndWindow(t *testing.T) {
	// As of 10 March: d1 is still in proposal (entered 6 March), so its stay
	// there is measured as 4 days; its won event is after as-of.
	r := mustReport(t, funnel.B2B(), worked(), &funnel.ReportOptions{AsOf: day(10)})
	if r.Overall.Won != 0 || r.Overall.Open != 2 {
		t.Errorf("as of 10 March: Overall = %+v, want 0 won, 2 open (d1, d4)", r.Overall)
	}
	if got := r.Ignored; len(got) != 1 || got[0] != (funnel.Ignored{Cause: funnel.AfterAsOf, Stage: "won", Events: 1}) {
		t.Errorf("Ignored = %v", got)
	}
	// proposal: d2 5 days, d1 4 days so far.
	if p := r.Stages[2].Latest; p.N != 2 || p.Mean != 108*time.Hour {
		t.Errorf("proposal stays = %+v, want 2 with mean 4.5 days", p)
	}
	// Within a 14-day window d1 (won on day 15 of its life) is not won.
	r = mustReport(t, funnel.B2B(), worked(), &funnel.ReportOptions{Window: 14 * 24 * time.Hour})
	if r.Stages[4].Entered != 0 || r.Ignored[0].Cause != funnel.OutsideWindow {
		t.Errorf("14-day window: won entered %d, ignored %v", r.Stages[4].Entered, r.Ignored)
	}
}

func TestExactMoney(t *testing.T) {
	// 20 deals of 900,000,000,000,000,000.01 overflow an int64 of cents
	// (about 9.2e18) long before the end; one of 10^25 + 0.5 has a
	// coefficient too long for an int64. The sums stay exact.
	var events []funnel.Event
	for i := range 20 {
		e := ev(string(rune('a'+i)), "won", day(1), 0)
		e.Amount = dec("900000000000000000.01")
		events = append(events, e)
	}
	huge := ev("z", "won", day(2), 0)
	huge.Amount = dec("10000000000000000000000000.5")
	events = append(events, huge)
	r := mustReport(t, funnel.B2B(), events, nil)
	want := dec("18000000000000000000.2").Add(dec("10000000000000000000000000.5"))
	if !r.Overall.WonAmount.Equal(want) || !r.Stages[4].EnteredAmount.Equal(want) {
		t.Errorf("WonAmount = %s, want %s", r.Overall.WonAmount, want)
	}
	if !r.Stages[0].EnteredAmount.Equal(want) {
		t.Errorf("lead EnteredAmount = %s, want %s (every won deal passed through)", r.Stages[0].EnteredAmount, want)
	}
}

// TestProperties checks, on messy generated data: every rate and interval
// lies in [0, 1]; entered counts never increase down the funnel; each open
// stage's entered splits into advanced, lost and open in counts and money;
// and every accepted event is either counted or listed as ignored.
func TestProperties(t *testing.T) {
	for seed := range uint64(6) {
		events := genEvents(100+seed, genOptions{Deals: 300, Owners: 4, Messy: true})
		a := analyze(t, events)
		for name, o := range reportOptions() {
			r, err := a.Report(&o)
			if err != nil {
				t.Fatal(err)
			}
			reports := []funnel.Report{r}
			for _, s := range r.Segments {
				reports = append(reports, s.Report)
			}
			for _, r := range reports {
				checkReport(t, name, r)
			}
			if o.AsOf.IsZero() && o.Window == 0 {
				ignored := 0
				for _, ig := range r.Ignored {
					if ig.Cause == funnel.UnknownStage {
						continue
					}
					ignored += ig.Events
				}
				if r.Events+ignored != a.Events() {
					t.Errorf("%s: %d counted + %d ignored ≠ %d accepted", name, r.Events, ignored, a.Events())
				}
			}
		}
	}
}

func TestReportOptionErrors(t *testing.T) {
	a := analyze(t, worked())
	for _, o := range []funnel.ReportOptions{
		{Mode: 9},
		{Window: -time.Hour},
		{Benchmark: map[string]float64{"won": 0.5}},
		{Benchmark: map[string]float64{"lead": 1.5}},
		{Benchmark: map[string]float64{"nope": 0.5}},
	} {
		if _, err := a.Report(&o); !errors.Is(err, funnel.ErrOption) {
			t.Errorf("Report(%+v) = %v, want ErrOption", o, err)
		}
	}
}

func TestTimeRangeKeepsDurationsExact(t *testing.T) {
	// Times run from 1900 up to 2190, under 292 years, so the longest
	// possible cycle still fits in a time.Duration: a deal opened on
	// 1 Jan 1900 and won on 1 Jan 2189 has a cycle of 289 years to the
	// nanosecond: 105,556 days, 289 × 365 plus 71 leap days (every fourth
	// year from 1904 to 2188 is 72 of them, less 2100).
	first := time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)
	won := time.Date(2189, 1, 1, 0, 0, 0, 0, time.UTC)
	r := mustReport(t, funnel.B2B(), []funnel.Event{
		{Deal: "old", Stage: "lead", Time: first},
		{Deal: "old", Stage: "won", Time: won},
	}, nil)
	if got, want := r.Overall.Cycle.Median, time.Duration(105_556)*24*time.Hour; got != want || want != won.Sub(first) {
		t.Errorf("cycle = %v, want %v", got, want)
	}
	a, err := funnel.NewAnalyzer(funnel.B2B(), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, at := range []time.Time{first.Add(-time.Nanosecond), time.Date(2190, 1, 1, 0, 0, 0, 0, time.UTC), {}} {
		if err := a.Add(funnel.Event{Deal: "d", Stage: "lead", Time: at}); !errors.Is(err, funnel.ErrTime) {
			t.Errorf("Add at %v: err = %v, want ErrTime", at, err)
		}
	}
}
