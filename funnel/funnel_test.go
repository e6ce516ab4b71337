package funnel_test

import (
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
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

func mustReport(t *testing.T, stages funnel.Stages, events []funnel.Event, o *funnel.ReportOptions) funnel.Report {
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

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

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

func TestWilson(t *testing.T) {
	tests := []struct {
		s, n      int
		low, high float64
	}{
		{2, 3, 0.2077, 0.9385},
		{2000, 3000, 0.6498, 0.6833},
		{0, 10, 0, 0.2775}, // z²/(n+z²) = 3.8415/13.8415
		{10, 10, 0.7225, 1},
		{0, 0, 0, 1},
	}
	for _, tt := range tests {
		r := funnel.Wilson(tt.s, tt.n)
		if math.Abs(r.Low-tt.low) > 5e-4 || math.Abs(r.High-tt.high) > 5e-4 {
			t.Errorf("Wilson(%d, %d) = [%.4f, %.4f], want [%.4f, %.4f]", tt.s, tt.n, r.Low, r.High, tt.low, tt.high)
		}
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

func TestAddErrors(t *testing.T) {
	a, err := funnel.NewAnalyzer(funnel.B2B(), nil)
	if err != nil {
		t.Fatal(err)
	}
	good := ev("a", "lead", day(1), 1)
	tests := []struct {
		name  string
		e     funnel.Event
		field string
		want  error
	}{
		{"no deal", funnel.Event{Stage: "lead", Time: day(1)}, "deal", funnel.ErrEmptyDeal},
		{"unknown stage", funnel.Event{Deal: "a", Stage: "demo", Time: day(1)}, "stage", funnel.ErrUnknownStage},
		{"zero time", funnel.Event{Deal: "a", Stage: "lead"}, "time", funnel.ErrTime},
		{"far future", funnel.Event{Deal: "a", Stage: "lead", Time: time.Date(2300, 1, 1, 0, 0, 0, 0, time.UTC)}, "time", funnel.ErrTime},
		{"negative amount", funnel.Event{Deal: "a", Stage: "lead", Time: day(1), Amount: dec("-1")}, "amount", funnel.ErrAmount},
		{"huge exponent", funnel.Event{Deal: "a", Stage: "lead", Time: day(1), Amount: dec("1e40")}, "amount", funnel.ErrAmount},
	}
	for _, tt := range tests {
		err := a.Add(tt.e)
		var fe *funnel.FieldError
		if !errors.Is(err, tt.want) || !errors.As(err, &fe) || fe.Field != tt.field {
			t.Errorf("%s: Add = %v, want %v on field %q", tt.name, err, tt.want, tt.field)
		}
	}
	if a.Events() != 0 {
		t.Errorf("rejected events were kept: Events() = %d", a.Events())
	}
	n, err := a.AddAll([]funnel.Event{good, {Deal: "b", Stage: "demo", Time: day(1)}})
	var fe *funnel.FieldError
	if n != 1 || !errors.As(err, &fe) || fe.Field != "events[1].stage" || fe.Value != "demo" {
		t.Errorf("AddAll = %d, %v; want 1 and a FieldError on events[1].stage naming demo", n, err)
	}
	if want := `funnel: events[1].stage "demo": unknown stage`; err.Error() != want {
		t.Errorf("message = %q, want %q", err, want)
	}
}

// TestAddAllTakesAPrefix checks the batch contract: AddAll and AddSeq take
// the events before the first bad one, say how many, and leave the rest, so
// that a caller can drop the bad event and go on.
func TestAddAllTakesAPrefix(t *testing.T) {
	events := worked()
	bad := funnel.Event{Deal: "d9", Stage: "on_hold", Time: day(3)}
	withBad := slices.Insert(slices.Clone(events), 5, bad)
	want := mustReport(t, funnel.B2B(), events, nil)

	for _, add := range []struct {
		name string
		fn   func(*funnel.Analyzer, []funnel.Event) (int, error)
	}{
		{"AddAll", (*funnel.Analyzer).AddAll},
		{"AddSeq", func(a *funnel.Analyzer, evs []funnel.Event) (int, error) { return a.AddSeq(slices.Values(evs)) }},
	} {
		t.Run(add.name, func(t *testing.T) {
			a, _ := funnel.NewAnalyzer(funnel.B2B(), nil)
			n, err := add.fn(a, withBad)
			var fe *funnel.FieldError
			if n != 5 || !errors.Is(err, funnel.ErrUnknownStage) || !errors.As(err, &fe) || fe.Field != "events[5].stage" {
				t.Fatalf("%s = %d, %v; want 5 and an unknown stage at events[5].stage", add.name, n, err)
			}
			if a.Events() != 5 {
				t.Errorf("after the error the analyzer holds %d events, want the 5 before it", a.Events())
			}
			m, err := add.fn(a, withBad[n+1:])
			if err != nil || m != len(withBad)-n-1 {
				t.Fatalf("%s of the rest = %d, %v; want %d, nil", add.name, m, err, len(withBad)-n-1)
			}
			got, err := a.Report(nil)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("report after dropping the bad event (-want +got):\n%s", diff)
			}
		})
	}
}

func TestStagesValidate(t *testing.T) {
	open := func(k string) funnel.Stage { return funnel.Stage{Key: k} }
	won := funnel.Stage{Key: "won", Outcome: funnel.Won}
	tests := []struct {
		name   string
		stages funnel.Stages
		want   []error
	}{
		{"one stage", funnel.Stages{won}, []error{funnel.ErrTooFewStages}},
		{"no won", funnel.Stages{open("a"), open("b")}, []error{funnel.ErrNoWon}},
		{"duplicate", funnel.Stages{open("a"), open("a"), won}, []error{funnel.ErrDuplicateStage}},
		{"empty key and bad probability", funnel.Stages{open(""), {Key: "b", Probability: 1.5}, won}, []error{funnel.ErrEmptyKey, funnel.ErrProbability}},
		{"open after terminal", funnel.Stages{open("a"), won, open("b")}, []error{funnel.ErrStageOrder}},
		{"no open stage", funnel.Stages{won, {Key: "lost", Outcome: funnel.Lost}}, []error{funnel.ErrNoOpen}},
		{"two won", funnel.Stages{open("a"), won, {Key: "won2", Outcome: funnel.Won}}, []error{funnel.ErrNoWon}},
	}
	for _, tt := range tests {
		err := tt.stages.Validate()
		for _, w := range tt.want {
			if !errors.Is(err, w) {
				t.Errorf("%s: Validate() = %v, want %v", tt.name, err, w)
			}
		}
		if _, err := funnel.NewAnalyzer(tt.stages, nil); err == nil {
			t.Errorf("%s: NewAnalyzer accepted an invalid list", tt.name)
		}
	}
	for _, s := range []funnel.Stages{funnel.B2B(), funnel.Telesales()} {
		if err := s.Validate(); err != nil {
			t.Errorf("preset invalid: %v", err)
		}
	}
}

func TestStagesJSON(t *testing.T) {
	for _, s := range []funnel.Stages{funnel.B2B(), funnel.Telesales()} {
		b, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		var back funnel.Stages
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(s, back); diff != "" {
			t.Errorf("round trip (-want +got):\n%s", diff)
		}
	}
	if got := funnel.B2B()[1].Label("zh-CN"); got != "商机确认" {
		t.Errorf("zh-CN label = %q", got)
	}
	var s funnel.Stages
	err := json.Unmarshal([]byte(`[{"key":"a","outcome":"open"},{"key":"b","outcome":"closed"}]`), &s)
	if !errors.Is(err, funnel.ErrUnknownName) {
		t.Errorf("unknown outcome: err = %v", err)
	}
	err = json.Unmarshal([]byte(`[{"key":"a"},{"key":"b"}]`), &s)
	if !errors.Is(err, funnel.ErrNoWon) || s != nil {
		t.Errorf("no won: err = %v, stages %v", err, s)
	}
}

func TestEnumText(t *testing.T) {
	type enum interface {
		MarshalText() ([]byte, error)
		String() string
	}
	tests := []struct {
		v    enum
		back interface{ UnmarshalText([]byte) error }
		name string
	}{
		{funnel.Strict, new(funnel.Mode), "strict"},
		{funnel.AnyOrder, new(funnel.Mode), "any_order"},
		{funnel.Skip, new(funnel.OnUnknown), "skip"},
		{funnel.Lost, new(funnel.Outcome), "lost"},
		{funnel.OutsideWindow, new(funnel.Cause), "outside_window"},
		{funnel.CallNoAnswer, new(funnel.CallOutcome), "no_answer"},
		{funnel.CallDeal, new(funnel.CallOutcome), "deal"},
	}
	for _, tt := range tests {
		b, err := tt.v.MarshalText()
		if err != nil || string(b) != tt.name || tt.v.String() != tt.name {
			t.Errorf("MarshalText(%v) = %q, %v; want %q", tt.v, b, err, tt.name)
		}
		if err := tt.back.UnmarshalText(b); err != nil {
			t.Errorf("UnmarshalText(%q) = %v", b, err)
		}
		if err := tt.back.UnmarshalText([]byte("nope")); !errors.Is(err, funnel.ErrUnknownName) {
			t.Errorf("UnmarshalText(nope) = %v, want ErrUnknownName", err)
		}
	}
	if _, err := funnel.CallOutcome(0).MarshalText(); !errors.Is(err, funnel.ErrUnknownName) {
		t.Errorf("zero CallOutcome marshals: %v", err)
	}
	if _, err := funnel.Mode(7).MarshalText(); !errors.Is(err, funnel.ErrUnknownName) {
		t.Errorf("Mode(7) marshals: %v", err)
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

// TestMergeEqualsOnePass shards messy events at random, one event at a time
// (so shards split deals), merges the shards in random order and shape, and
// compares whole reports with one analyzer fed everything.
func TestMergeEqualsOnePass(t *testing.T) {
	for seed := range uint64(5) {
		rng := rand.New(rand.NewPCG(seed, 99))
		events := genEvents(200+seed, genOptions{Deals: 250, Owners: 4, Messy: true})
		if seed%2 == 0 {
			// Grouped by deal in id order, so shards hold their deals in
			// order too and Merge walks them side by side.
			slices.SortStableFunc(events, func(x, y funnel.Event) int { return strings.Compare(x.Deal, y.Deal) })
		}
		whole := analyze(t, events)
		nShards := 2 + rng.IntN(5)
		parts := make([][]funnel.Event, nShards)
		for _, e := range events {
			k := rng.IntN(nShards)
			parts[k] = append(parts[k], e)
		}
		shards := make([]*funnel.Analyzer, nShards)
		for i, p := range parts {
			shards[i] = analyze(t, p)
		}
		// Merge in a random tree: repeatedly merge two random analyzers.
		for len(shards) > 1 {
			i, j := rng.IntN(len(shards)), rng.IntN(len(shards)-1)
			if j >= i {
				j++
			}
			if err := shards[i].Merge(shards[j]); err != nil {
				t.Fatal(err)
			}
			shards = slices.Delete(shards, j, j+1)
		}
		merged := shards[0]
		if merged.Events() != whole.Events() || merged.Deals() != whole.Deals() {
			t.Fatalf("seed %d: merged holds %d events of %d deals, want %d of %d", seed, merged.Events(), merged.Deals(), whole.Events(), whole.Deals())
		}
		for name, o := range reportOptions() {
			want, _ := whole.Report(&o)
			got, err := merged.Report(&o)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Fatalf("seed %d, %d shards, %s: merged report differs (-want +got):\n%s", seed, nShards, name, diff)
			}
		}
		f1, err1 := whole.Flow(genStart.Add(60*24*time.Hour), genStart.Add(200*24*time.Hour), nil)
		f2, err2 := merged.Flow(genStart.Add(60*24*time.Hour), genStart.Add(200*24*time.Hour), nil)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if diff := cmp.Diff(f1, f2); diff != "" {
			t.Errorf("seed %d: merged flow differs (-want +got):\n%s", seed, diff)
		}
	}
}

func TestMergeErrors(t *testing.T) {
	a, _ := funnel.NewAnalyzer(funnel.B2B(), nil)
	b, _ := funnel.NewAnalyzer(funnel.Telesales(), nil)
	if err := a.Merge(b); !errors.Is(err, funnel.ErrMismatch) {
		t.Errorf("Merge of other stages = %v, want ErrMismatch", err)
	}
	if err := a.Merge(a); !errors.Is(err, funnel.ErrSelfMerge) {
		t.Errorf("self Merge = %v, want ErrSelfMerge", err)
	}
}

func TestReset(t *testing.T) {
	a := analyze(t, worked())
	want, _ := a.Report(nil)
	a.Reset()
	if a.Events() != 0 || a.Deals() != 0 {
		t.Fatalf("after Reset: %d events, %d deals", a.Events(), a.Deals())
	}
	if _, err := a.AddAll(worked()); err != nil {
		t.Fatal(err)
	}
	got, _ := a.Report(nil)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("refilled report differs (-want +got):\n%s", diff)
	}
}

func TestFlowWorkedExample(t *testing.T) {
	// The worked example plus d5: new on 3 March at 500, raised to 650 on
	// 6 March.
	events := append(worked(), ev("d5", "lead", day(3), 500), ev("d5", "qualified", day(6), 650))
	a := analyze(t, events)
	line := func(n int, amount string) funnel.FlowLine { return funnel.FlowLine{Deals: n, Amount: dec(amount)} }
	tests := []struct {
		entry string
		want  funnel.Flow
	}{
		// From 2 March noon every deal is open in lead: 1000+400+250+300.
		// d2 (400) and d3 (250) are lost; d5 is new at 500 and grows 150.
		// Closing: d1 1000, d4 300, d5 650 = 1950 = 1950 + 500 − 650 + 150.
		{"", funnel.Flow{Entry: "lead", Opening: line(4, "1950"), New: line(1, "500"), Lost: line(2, "650"),
			Changed: line(1, "150"), Closing: line(3, "1950")}},
		// From qualified on, nothing is pipeline at the start; d1, d2, d3
		// and d5 move in (1000 + 400 + 250 + 650), d2 and d3 are lost.
		// Closing: d1 and d5, 1650 = 2300 − 650.
		{"qualified", funnel.Flow{Entry: "qualified", Opening: line(0, "0"), MovedIn: line(4, "2300"),
			Lost: line(2, "650"), Closing: line(2, "1650")}},
	}
	from, to := day(2).Add(3*time.Hour), day(10)
	for _, tt := range tests {
		got, err := a.Flow(from, to, &funnel.FlowOptions{Entry: tt.entry})
		if err != nil {
			t.Fatal(err)
		}
		tt.want.From, tt.want.To = from, to
		zero := funnel.FlowLine{Amount: decimal.Zero}
		for _, l := range []*funnel.FlowLine{&tt.want.New, &tt.want.MovedIn, &tt.want.Won, &tt.want.Lost, &tt.want.PushedOut, &tt.want.Changed} {
			if l.Amount.IsZero() && l.Deals == 0 {
				*l = zero
			}
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("Flow(entry %q) (-want +got):\n%s", tt.entry, diff)
		}
	}
	if _, err := a.Flow(to, from, nil); !errors.Is(err, funnel.ErrOption) {
		t.Errorf("Flow backwards = %v, want ErrOption", err)
	}
	if _, err := a.Flow(from, to, &funnel.FlowOptions{Entry: "won"}); !errors.Is(err, funnel.ErrOption) {
		t.Errorf("Flow from won = %v, want ErrOption", err)
	}
	bad := funnel.Flow{Opening: line(1, "10"), Closing: line(1, "11")}
	if err := bad.Check(); !errors.Is(err, funnel.ErrUnreconciled) {
		t.Errorf("Check of a broken flow = %v, want ErrUnreconciled", err)
	}
}

// TestFlowChains checks on messy data that consecutive flows chain: each
// closing is the next opening, whatever the pipeline's entry stage.
func TestFlowChains(t *testing.T) {
	a := analyze(t, genEvents(7, genOptions{Deals: 300, Owners: 3, Messy: true}))
	for _, entry := range []string{"", "qualified", "negotiation"} {
		var prev *funnel.Flow
		for m := range 12 {
			from, to := genStart.AddDate(0, m, 0), genStart.AddDate(0, m+1, 0)
			f, err := a.Flow(from, to, &funnel.FlowOptions{Entry: entry})
			if err != nil {
				t.Fatal(err)
			}
			if prev != nil && !prev.Closing.Equal(f.Opening) {
				t.Errorf("entry %q, month %d: opening %v ≠ previous closing %v", entry, m, f.Opening, prev.Closing)
			}
			prev = &f
		}
	}
}

func TestCompare(t *testing.T) {
	// 40 of 100 vs 60 of 100: pooled 0.5, SE √(0.25 × 0.02) = 0.0707,
	// Z = 0.2 ÷ 0.0707 = 2.828, P = erfc(2) = 0.00468.
	mk := func(top, next int) funnel.Report {
		return funnel.Report{Stages: []funnel.StageReport{
			{Key: "a", Entered: top, Conversion: funnel.Wilson(top, top), FromTop: funnel.Wilson(top, top)},
			{Key: "b", Entered: next, Conversion: funnel.Wilson(next, top), FromTop: funnel.Wilson(next, top)},
		}}
	}
	c, err := funnel.Compare(mk(100, 40), mk(100, 60), 0.05)
	if err != nil {
		t.Fatal(err)
	}
	s := c.Steps[0]
	if math.Abs(s.Z-2.8284) > 1e-3 || math.Abs(s.P-0.004678) > 1e-5 || !s.Significant || math.Abs(s.Diff-0.2) > 1e-12 {
		t.Errorf("Change = %+v, want Z 2.828, P 0.00468, significant", s)
	}
	c, _ = funnel.Compare(mk(10, 4), mk(10, 6), 0.05)
	if c.Steps[0].Significant {
		t.Errorf("4 of 10 vs 6 of 10 flagged significant: %+v", c.Steps[0])
	}
	if _, err := funnel.Compare(mk(1, 1), mk(1, 1), 1.5); !errors.Is(err, funnel.ErrOption) {
		t.Errorf("alpha 1.5: %v", err)
	}
	other := mk(1, 1)
	other.Stages[1].Key = "c"
	if _, err := funnel.Compare(mk(1, 1), other, 0.05); !errors.Is(err, funnel.ErrMismatch) {
		t.Errorf("different stages: %v", err)
	}
}

func TestCalls(t *testing.T) {
	at := func(h int) time.Time { return time.Date(2025, 3, 3, h, 30, 0, 0, time.UTC) }
	var calls []funnel.Call
	add := func(agent string, h int, o funnel.CallOutcome, n int, d time.Duration) {
		for range n {
			calls = append(calls, funnel.Call{Agent: agent, Time: at(h), Outcome: o, Duration: d})
		}
	}
	add("ann", 9, funnel.CallNoAnswer, 4, 0)
	add("ann", 9, funnel.CallBusy, 1, 0)
	add("ann", 10, funnel.CallConnected, 2, time.Minute)
	add("ann", 10, funnel.CallConversation, 1, 5*time.Minute)
	add("ann", 14, funnel.CallAppointment, 1, 8*time.Minute)
	add("ann", 14, funnel.CallDeal, 1, 12*time.Minute)
	add("bob", 9, funnel.CallNoAnswer, 5, 0)
	r, err := funnel.Calls(slices.Values(calls), nil)
	if err != nil {
		t.Fatal(err)
	}
	ann := r.Agents[0].Stats
	// ann: 10 dials; connected 2 + 1 + 1 + 1 = 5; conversations 3;
	// appointments 2; deals 1; talk 2 + 5 + 8 + 12 = 27 minutes.
	if ann.Dials != 10 || ann.Connected != 5 || ann.Conversations != 3 || ann.Appointments != 2 || ann.Deals != 1 ||
		ann.ConnectRate.Value != 0.5 || ann.DealsPer100Dials != 10 || ann.Talk != 27*time.Minute {
		t.Errorf("ann = %+v", ann)
	}
	if r.Total.Dials != 15 || r.Total.DealsPer100Dials != 100.0/15 || r.Agents[1].Agent != "bob" {
		t.Errorf("total = %+v, agents %v", r.Total, r.Agents)
	}
	// 9:00–9:59: ann's 5 and bob's 5 dials, none connected.
	if h := r.Hours[9]; h.Dials != 10 || h.Connected != 0 || r.Hours[14].Deals != 1 {
		t.Errorf("hours: 9 = %+v, 14 deals %d", h, r.Hours[14].Deals)
	}
	shanghai := time.FixedZone("CST", 8*3600)
	r, _ = funnel.Calls(slices.Values(calls), &funnel.CallOptions{Location: shanghai})
	if r.Hours[17].Dials != 10 {
		t.Errorf("09:30 UTC is 17:30 in Shanghai: hour 17 has %d dials", r.Hours[17].Dials)
	}
	bad := []funnel.Call{{Agent: "ann", Time: at(9), Outcome: funnel.CallDeal, Duration: -time.Second}}
	if _, err := funnel.Calls(slices.Values(bad), nil); !errors.Is(err, funnel.ErrDuration) {
		t.Errorf("negative duration: %v", err)
	}
	bad[0] = funnel.Call{Agent: "ann", Time: at(9)}
	if _, err := funnel.Calls(slices.Values(bad), nil); !errors.Is(err, funnel.ErrOutcome) {
		t.Errorf("zero outcome: %v", err)
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
