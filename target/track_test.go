package target_test

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/saleskit/saleskit/target"
	"github.com/shopspring/decimal"
)

func monthlyPlan(t testing.TB) []target.PeriodTarget {
	t.Helper()
	plan, err := target.SplitTime(d("12000000"), day("2025-01-01"), day("2026-01-01"), target.Month, 2, nil)
	if err != nil {
		t.Fatal(err)
	}
	return plan
}

func TestTrackMidYear(t *testing.T) {
	plan := monthlyPlan(t) // 1,000,000 a month
	tests := []struct {
		name                    string
		actual                  string
		asOf                    string
		opts                    *target.TrackOptions
		expected, runRate, proj string
		gap, required           string
		remainingWD             int
		pace                    float64
		status                  target.Status
	}{
		// Ahead: 6,600,000 by 1 July against 6,000,000 expected: pace 1.1.
		// Run rate 6,600,000 × 365 / 181 = 13,309,392.265… → .27. Plan shape:
		// 6,600,000 × 12,000,000 / 6,000,000 = 13,200,000. Gap 5,400,000
		// over the 132 weekdays from 1 July to 31 December: 40,909.0909… → .09.
		{"ahead", "6600000", "2025-07-01", nil, "6000000", "13309392.27", "13200000", "5400000", "40909.09", 132, 1.1, target.Ahead},
		// Behind: 4,800,000 → pace 0.8, below 0.85.
		{"behind", "4800000", "2025-07-01", nil, "6000000", "9679558.01", "9600000", "7200000", "54545.45", 132, 0.8, target.Behind},
		// Mid-month, the plan's own shape: July has 23 weekdays, 11 of them
		// (1–15 July) have passed: 6,000,000 + 1,000,000 × 11/23 =
		// 6,478,260.869… → .87. Actual 6,300,000: pace 0.97248… → on track.
		// Run rate 6,300,000 × 365 / 196 = 11,732,142.857… → .86.
		// Plan shape 6,300,000 × 12,000,000 / 6,478,260.87 = 11,669,798.656… → .66.
		// Gap 5,700,000 over 121 weekdays left (132 − 11) = 47,107.438… → .44.
		{"mid-month on track", "6300000", "2025-07-16", nil, "6478260.87", "11732142.86", "11669798.66", "5700000", "47107.44", 121, 6300000.0 / 6478260.87, target.OnTrack},
		// A cost budget (lower is better): 5,500,000 spent against 6,000,000
		// expected → pace 6/5.5 = 1.0909 → ahead.
		{"lower is better", "5500000", "2025-07-01", &target.TrackOptions{Direction: target.LowerIsBetter}, "6000000", "11091160.22", "11000000", "6500000", "49242.42", 132, 6.0 / 5.5, target.Ahead},
		// Not started: 12,000,000 over all 261 weekdays of 2025 = 45,977.011… → .01.
		{"not started", "0", "2025-01-01", nil, "0", "0", "0", "12000000", "45977.01", 261, 0, target.NotStarted},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := target.Track(plan, d(tt.actual), at(tt.asOf), 2, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range []struct {
				what      string
				got, want decimal.Decimal
			}{{"Expected", p.Expected, d(tt.expected)}, {"RunRate", p.RunRate, d(tt.runRate)},
				{"PlanProjection", p.PlanProjection, d(tt.proj)}, {"Gap", p.Gap, d(tt.gap)},
				{"RequiredPerWorkingDay", p.RequiredPerWorkingDay, d(tt.required)}} {
				if !c.got.Equal(c.want) {
					t.Errorf("%s = %s, want %s", c.what, c.got, c.want)
				}
			}
			if p.RemainingWorkingDays != tt.remainingWD || p.Status != tt.status {
				t.Errorf("remaining working days %d, status %s; want %d, %s (%s)", p.RemainingWorkingDays, p.Status, tt.remainingWD, tt.status, p.Reason)
			}
			if diff := p.Pace - tt.pace; diff > 1e-9 || diff < -1e-9 {
				t.Errorf("Pace = %v, want %v", p.Pace, tt.pace)
			}
		})
	}
}

func TestTrackReason(t *testing.T) {
	p, err := target.Track(monthlyPlan(t), d("4800000"), at("2025-07-01"), 2, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := "actual 4,800,000 against 6,000,000 expected by 2025-07-01 in the plan's shape: pace 0.8, behind (below 0.85)"
	if p.Reason.String() != want {
		t.Errorf("Reason = %q, want %q", p.Reason, want)
	}
	if p.Attainment != 0.4 {
		t.Errorf("Attainment = %v, want 0.4", p.Attainment)
	}
}

func TestTrackWithHolidayCalendar(t *testing.T) {
	// Weekly plan for 2025 by China's working days: 10,000 a working day.
	// As of Wed 29 Jan, weeks W01–W04 are done: 2 + 5 + 5 + 6 = 18 working
	// days = 180,000; in W05 only Mon 27 Jan works and it has passed:
	// + 10,000 = 190,000 expected.
	cal := china2025(t)
	plan, err := target.SplitTime(d("2480000"), day("2025-01-01"), day("2026-01-01"), target.Week, 2,
		&target.SplitOptions{Weighting: target.WorkingDays, Calendar: cal})
	if err != nil {
		t.Fatal(err)
	}
	p, err := target.Track(plan, d("190000"), at("2025-01-29"), 2, &target.TrackOptions{Calendar: cal})
	if err != nil {
		t.Fatal(err)
	}
	// 248 − 19 working days remain; 2,290,000 / 229 = 10,000 a day.
	if !p.Expected.Equal(d("190000")) || p.Status != target.OnTrack || p.RemainingWorkingDays != 229 || !p.RequiredPerWorkingDay.Equal(d("10000")) {
		t.Errorf("progress = %+v", p)
	}
}

func TestTrackErrors(t *testing.T) {
	if _, err := target.Track(nil, d("1"), at("2025-01-01"), 2, nil); !errors.Is(err, target.ErrNoParts) {
		t.Errorf("empty plan: %v", err)
	}
	plan := monthlyPlan(t)
	plan[1], plan[2] = plan[2], plan[1]
	if _, err := target.Track(plan, d("1"), at("2025-05-01"), 2, nil); !errors.Is(err, target.ErrSpan) {
		t.Errorf("out-of-order plan: %v", err)
	}
}

func TestReplan(t *testing.T) {
	plan, err := target.SplitTime(d("10000000"), day("2025-01-01"), day("2026-01-01"), target.Quarter, 2, nil)
	if err != nil {
		t.Fatal(err)
	}
	// Q1 and Q2 closed at 2,000,000 and 2,300,000: 5,700,000 remains, over
	// Q3 and Q4 evenly.
	r, err := target.Replan(plan, ds("2000000", "2300000"), at("2025-07-01"), 2)
	if err != nil {
		t.Fatal(err)
	}
	got := []decimal.Decimal{r.Periods[0].Target, r.Periods[1].Target, r.Periods[2].Target, r.Periods[3].Target}
	equalDecimals(t, "replanned", got, ds("2000000", "2300000", "2850000", "2850000"))
	if r.Closed != 2 || !r.Remaining.Equal(d("5700000")) || len(r.Paradoxes) != 0 {
		t.Errorf("replan = %+v", r)
	}
	// The change log: Q1 −500,000, Q2 −200,000, Q3 and Q4 +350,000.
	changes := target.Diff(target.PlanCells("co", plan), target.PlanCells("co", r.Periods))
	want := []target.CellChange{
		{Unit: "co", Period: "2025-Q1", Old: d("2500000"), New: d("2000000")},
		{Unit: "co", Period: "2025-Q2", Old: d("2500000"), New: d("2300000")},
		{Unit: "co", Period: "2025-Q3", Old: d("2500000"), New: d("2850000")},
		{Unit: "co", Period: "2025-Q4", Old: d("2500000"), New: d("2850000")},
	}
	if diff := cmp.Diff(want, changes); diff != "" {
		t.Errorf("Diff (-want +got):\n%s", diff)
	}
	if !changes[0].Delta().Equal(d("-500000")) {
		t.Errorf("Delta = %s", changes[0].Delta())
	}
}

func TestReplanAlabamaParadox(t *testing.T) {
	// Four periods; the first (target 5) is closed. The open three have
	// weights 1, 3, 3 and targets 1, 1, 1 (3 split by Hamilton: 3/7, 9/7,
	// 9/7 → floors 0, 1, 1, the spare unit to the largest remainder 3/7).
	// The first period closes at 4, so 4 remains — more than 3 — but
	// Hamilton splits 4 as 4/7, 12/7, 12/7 → 0, 1, 1 + two units to the two
	// remainders 5/7: 0, 2, 2. The first open period falls from 1 to 0.
	plan := paradoxPlan()
	r, err := target.Replan(plan, ds("4"), at("2025-02-01"), 0)
	if err != nil {
		t.Fatal(err)
	}
	got := []decimal.Decimal{r.Periods[1].Target, r.Periods[2].Target, r.Periods[3].Target}
	equalDecimals(t, "open periods", got, ds("0", "2", "2"))
	if len(r.Paradoxes) != 1 || r.Paradoxes[0].Label != "p1" || !r.Paradoxes[0].Old.Equal(d("1")) || !r.Paradoxes[0].New.Equal(d("0")) {
		t.Fatalf("Paradoxes = %+v", r.Paradoxes)
	}
	if want := "the open periods' total grew from 3 to 4, yet p1 fell from 1 to 0: largest-remainder rounding moved a unit of the last place to another period (the Alabama paradox)"; r.Paradoxes[0].Reason.String() != want {
		t.Errorf("Reason = %q", r.Paradoxes[0].Reason)
	}
}

func TestReplanErrors(t *testing.T) {
	plan := monthlyPlan(t)
	for name, tc := range map[string]struct {
		actuals []decimal.Decimal
		asOf    time.Time
		want    error
	}{
		"too few actuals": {ds("1"), at("2025-03-01"), target.ErrMismatch},
		"all closed":      {make([]decimal.Decimal, 12), at("2026-01-01"), target.ErrMismatch},
	} {
		if _, err := target.Replan(plan, tc.actuals, tc.asOf, 2); !errors.Is(err, tc.want) {
			t.Errorf("%s: err = %v, want %v", name, err, tc.want)
		}
	}
	if _, err := target.Replan(nil, nil, at("2025-01-01"), 2); !errors.Is(err, target.ErrNoParts) {
		t.Errorf("empty plan: %v", err)
	}
}

func TestDiffAddedRemoved(t *testing.T) {
	old := []target.Cell{{Unit: "a", Period: "1", Amount: d("1")}, {Unit: "b", Period: "1", Amount: d("2")}}
	new := []target.Cell{{Unit: "a", Period: "1", Amount: d("1.00")}, {Unit: "c", Period: "1", Amount: d("3")}}
	want := []target.CellChange{
		{Unit: "c", Period: "1", New: d("3"), Added: true},
		{Unit: "b", Period: "1", Old: d("2"), Removed: true},
	}
	if diff := cmp.Diff(want, target.Diff(old, new)); diff != "" {
		t.Errorf("Diff (-want +got):\n%s", diff)
	}
}

// paradoxPlan is four months 2025-01 to 2025-04 of weights 1, 1, 3, 3 and
// targets 5, 1, 1, 1 (see TestReplanAlabamaParadox).
func paradoxPlan() []target.PeriodTarget {
	months := []string{"2025-01-01", "2025-02-01", "2025-03-01", "2025-04-01", "2025-05-01"}
	plan := make([]target.PeriodTarget, 4)
	for i, w := range []string{"1", "1", "3", "3"} {
		plan[i] = target.PeriodTarget{Label: []string{"p0", "p1", "p2", "p3"}[i],
			Start: day(months[i]), End: day(months[i+1]), Weight: d(w), Target: d("1")}
	}
	plan[0].Target = d("5")
	return plan
}

// TestStatusLabel: every status has a name for people in English and
// Chinese, and a value out of range names itself.
func TestStatusLabel(t *testing.T) {
	want := map[target.Status][2]string{
		target.NotStarted: {"Not started", "未开始"}, target.Ahead: {"Ahead", "超前"}, target.OnTrack: {"On track", "正常"},
		target.AtRisk: {"At risk", "有风险"}, target.Behind: {"Behind", "落后"}, target.Status(9): {"Status(9)", "Status(9)"},
	}
	for s, w := range want {
		if got := s.Label("en"); got != w[0] {
			t.Errorf("%v.Label(en) = %q, want %q", s, got, w[0])
		}
		if got := s.Label("zh-CN"); got != w[1] {
			t.Errorf("%v.Label(zh-CN) = %q, want %q", s, got, w[1])
		}
	}
}
