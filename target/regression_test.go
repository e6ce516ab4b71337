package target_test

import (
	"encoding/json"
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"strings"
	"testing"
	"time"

	"github.com/saleskit/saleskit/target"
	"github.com/shopspring/decimal"
)

// Tests named for the calendar, determinism and edge defects found trying
// the package, each failing on the code before its fix.

func TestPlanFromMidnightsReadInAnotherZone(t *testing.T) {
	// A 2026 goal stored as Shanghai midnights and read back in UTC (what a
	// database driver does) is 16:00 on the day before: MidnightDate
	// refuses it rather than turn it into a plan from 31 December.
	sh, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	stored := time.Date(2026, 1, 1, 0, 0, 0, 0, sh)
	if _, err := target.MidnightDate(stored.UTC()); !errors.Is(err, target.ErrDate) {
		t.Fatalf("MidnightDate(Shanghai midnight read in UTC) = %v, want ErrDate", err)
	}
	start, err := target.MidnightDate(stored.In(sh))
	if err != nil {
		t.Fatal(err)
	}
	end, err := target.MidnightDate(time.Date(2027, 1, 1, 0, 0, 0, 0, sh).UTC().In(sh))
	if err != nil {
		t.Fatal(err)
	}
	plan, err := target.SplitTime(d("1000000"), start, end, target.Month, 2, &target.SplitOptions{Weighting: target.WorkingDays})
	if err != nil {
		t.Fatal(err)
	}
	// 2026 has 365 days and 261 weekdays: Mon 1 Jan … Thu 31 Dec.
	days, wd := 0, 0
	for _, p := range plan {
		days += p.Days
		wd += p.WorkingDays
	}
	if len(plan) != 12 || plan[0].Label != "2026-01" || days != 365 || wd != 261 {
		t.Fatalf("2026 by month = %d periods from %s, %d days, %d working days; want 12 from 2026-01, 365, 261",
			len(plan), plan[0].Label, days, wd)
	}
}

func TestSplitAcrossMidnightDST(t *testing.T) {
	// Zones whose daylight-saving change skips midnight: the first instant
	// of the day is 01:00. Dates read from those instants split like any
	// other dates.
	for _, tc := range []struct {
		zone  string
		year  int
		grain target.Grain
		n     int // periods
		days  int
	}{
		{"America/Santiago", 2024, target.Day, 366, 366},
		{"America/Asuncion", 2000, target.Month, 12, 366},
		{"Africa/Cairo", 2014, target.Month, 12, 365},
		{"Asia/Tehran", 2016, target.Week, 53, 366}, // Fri 1 Jan 2016 is in 2015-W53
	} {
		loc, err := time.LoadLocation(tc.zone)
		if err != nil {
			t.Fatal(err)
		}
		start, err1 := target.MidnightDate(target.Date{Year: tc.year, Month: 1, Day: 1}.In(loc))
		end, err2 := target.MidnightDate(target.Date{Year: tc.year + 1, Month: 1, Day: 1}.In(loc))
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		plan, err := target.SplitTime(d("1000"), start, end, tc.grain, 2, nil)
		if err != nil {
			t.Fatalf("%s %d %s: %v", tc.zone, tc.year, tc.grain, err)
		}
		n := 0
		for _, p := range plan {
			n += p.Days
		}
		if len(plan) != tc.n || n != tc.days {
			t.Errorf("%s %d by %s: %d periods covering %d days, want %d covering %d", tc.zone, tc.year, tc.grain, len(plan), n, tc.n, tc.days)
		}
	}
	// Beirut sprang forward at midnight on Sunday 31 March 2024: 25–31
	// March is still seven dates, 100 each of 700 by calendar days.
	beirut, err := time.LoadLocation("Asia/Beirut")
	if err != nil {
		t.Fatal(err)
	}
	if got := target.MustDate("2024-03-31").In(beirut); got.Hour() != 1 {
		t.Errorf("the first instant of 2024-03-31 in Beirut is %v, want 01:00", got)
	}
	plan, err := target.SplitTime(d("700"), day("2024-03-25"), day("2024-04-01"), target.Day, 2,
		&target.SplitOptions{Weighting: target.CalendarDays})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range plan {
		if p.Days != 1 || !p.Target.Equal(d("100")) {
			t.Errorf("%s: %d days, %s of 700; want 1 day, 100", p.Label, p.Days, p.Target)
		}
	}
}

func TestNestedSplitAddsUp(t *testing.T) {
	// 36,000,000 over China's 248 working days of 2025 (months 19, 19, 21 |
	// 22, 19, 20 | 23, 21, 23 | 18, 20, 23; quarters 59, 61, 67, 61).
	// Separately, Q1 = 36,000,000 × 59/248 = 8,564,516.129… → .13, while the
	// months split on their own give 2,758,064.51 + 2,758,064.51 +
	// 3,048,387.10 = 8,564,516.12. Nested, Q1's 8,564,516.13 is split
	// 19:19:21: 2,758,064.5166…, twice, and 3,048,387.1016… → floors .51,
	// .51, .10 leave one cent for the largest remainder, January's (the
	// earlier of two ties): 2,758,064.52 + 2,758,064.51 + 3,048,387.10.
	opts := &target.SplitOptions{Weighting: target.WorkingDays, Calendar: china2025(t)}
	start, end := day("2025-01-01"), day("2026-01-01")
	n, err := target.SplitNested(d("36000000"), start, end, []target.Grain{target.Quarter, target.Month, target.Week}, 2, opts)
	if err != nil {
		t.Fatal(err)
	}
	checkNested(t, n, start, end, d("36000000"))
	quarters, months := n.Level(target.Quarter), n.Level(target.Month)
	equalDecimals(t, "quarters", targets(quarters), ds("8564516.13", "8854838.71", "9725806.45", "8854838.71"))
	equalDecimals(t, "months", targets(months), ds("2758064.52", "2758064.51", "3048387.10", "3193548.39", "2758064.51",
		"2903225.81", "3338709.68", "3048387.09", "3338709.68", "2612903.22", "2903225.81", "3338709.68"))
	// The same year split twice on its own does not nest.
	sepQ, _ := target.SplitTime(d("36000000"), start, end, target.Quarter, 2, opts)
	sepM, _ := target.SplitTime(d("36000000"), start, end, target.Month, 2, opts)
	if q1 := sepM[0].Target.Add(sepM[1].Target).Add(sepM[2].Target); q1.Equal(sepQ[0].Target) {
		t.Errorf("separate splits nest after all: Q1 %s, its months %s", sepQ[0].Target, q1)
	}
	// Week 5 (27 Jan – 2 Feb) crosses into February: cut at the month's end,
	// its two parts carry their month.
	weeks := n.Level(target.Week)
	var w5 []string
	for _, w := range weeks {
		if strings.HasPrefix(w.Label, "2025-W05") {
			w5 = append(w5, w.Label+" "+w.Start.String()+" "+w.End.String())
		}
	}
	if want := "2025-W05/2025-01 2025-01-27 2025-02-01,2025-W05/2025-02 2025-02-01 2025-02-03"; strings.Join(w5, ",") != want {
		t.Errorf("week 5 = %q, want %q", w5, want)
	}
	if kids := n.Children(0, 0); len(kids) != 3 || kids[2].Label != "2025-03" {
		t.Errorf("Children(0, 0) = %v, want Q1's three months", kids)
	}
}

func targets(plan []target.PeriodTarget) []decimal.Decimal {
	out := make([]decimal.Decimal, len(plan))
	for i, p := range plan {
		out[i] = p.Target
	}
	return out
}

func TestWeekdayCalendarRejectsImpossibleDates(t *testing.T) {
	_, err := target.NewWeekdayCalendar(target.Holidays{Off: []target.DateRange{target.OneDay(target.Date{Year: 2025, Month: 6, Day: 31})}})
	var fe *target.FieldError
	if !errors.Is(err, target.ErrDate) || !errors.As(err, &fe) || fe.Field != "off[0]" {
		t.Fatalf("NewWeekdayCalendar(off 2025-06-31) = %v, want ErrDate on off[0]", err)
	}
	var h target.Holidays
	if err := json.Unmarshal([]byte(`{"off":["2025-06-31"]}`), &h); !errors.Is(err, target.ErrDate) {
		t.Errorf("decoding off 2025-06-31: %v, want ErrDate", err)
	}
	if err := json.Unmarshal([]byte(`{"off":["2025-10-08/2025-10-01"]}`), &h); !errors.Is(err, target.ErrDate) {
		t.Errorf("decoding an inverted range: %v, want ErrDate", err)
	}
}

func TestHolidayRanges(t *testing.T) {
	// National Day 2025, 1–8 October, is one entry; 11 October, a Saturday,
	// is worked. October has 23 weekdays; 6 of them (1–3, 6–8) are off:
	// 23 − 6 + 1 = 18 working days.
	const text = `{"name":"国庆节","off":["2025-10-01/2025-10-08"],"work":["2025-10-11"]}`
	var h target.Holidays
	if err := json.Unmarshal([]byte(text), &h); err != nil {
		t.Fatal(err)
	}
	if len(h.Off) != 1 || h.Off[0].Days() != 8 {
		t.Fatalf("off = %v, want one range of 8 days", h.Off)
	}
	cal, err := target.NewWeekdayCalendar(h)
	if err != nil {
		t.Fatal(err)
	}
	plan, err := target.SplitTime(d("18"), day("2025-10-01"), day("2025-11-01"), target.Month, 0, &target.SplitOptions{Calendar: cal})
	if err != nil {
		t.Fatal(err)
	}
	if plan[0].WorkingDays != 18 {
		t.Errorf("October 2025 has %d working days, want 18", plan[0].WorkingDays)
	}
	b, err := json.Marshal(h)
	if err != nil || string(b) != text {
		t.Errorf("json.Marshal(holidays) = %s, %v; want %s", b, err, text)
	}
	// The calendar marshals as its holidays, merged: two touching ranges
	// become one.
	cal, _ = target.NewWeekdayCalendar(target.Holidays{Off: []target.DateRange{target.MustDateRange("2025-10-04/2025-10-08"), target.MustDateRange("2025-10-01/2025-10-03")}})
	if b, _ := json.Marshal(cal); string(b) != `{"off":["2025-10-01/2025-10-08"]}` {
		t.Errorf("json.Marshal(calendar) = %s", b)
	}
	// A make-up day inside a day off is a contradiction.
	_, err = target.NewWeekdayCalendar(target.Holidays{Off: []target.DateRange{target.MustDateRange("2025-10-01/2025-10-08")},
		Work: []target.DateRange{target.MustDateRange("2025-10-04")}})
	if !errors.Is(err, target.ErrInvalid) || !strings.Contains(err.Error(), `work[0] "2025-10-04"`) {
		t.Errorf("work inside off: %v", err)
	}
}

func TestTrackSameAfterJSON(t *testing.T) {
	// 10,000,000 into quarters at places 2, actual 1,000,001 as of 17
	// February: the plan read back from JSON ("2500000" where the split
	// held 2500000.00) tracks to the same numbers. Q1 has 64 weekdays, 33
	// of them before 17 February (23 in January, 10 in February):
	// expected 2,500,000 × 33/64 = 1,289,062.5 at places 2 → 1,289,062.50.
	plan, err := target.SplitTime(d("10000000"), day("2025-01-01"), day("2026-01-01"), target.Quarter, 2, nil)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(plan)
	var back []target.PeriodTarget
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	a, err1 := target.Track(plan, d("1000001"), at("2025-02-17"), 2, nil)
	c, err2 := target.Track(back, d("1000001.00"), at("2025-02-17"), 2, nil)
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	if !a.Expected.Equal(d("1289062.5")) {
		t.Errorf("Expected = %s, want 1289062.50", a.Expected)
	}
	ja, _ := json.Marshal(a)
	jc, _ := json.Marshal(c)
	if string(ja) != string(jc) {
		t.Fatalf("Track before and after a JSON round trip:\n%s\n%s", ja, jc)
	}
}

func TestGrowthComparedExactly(t *testing.T) {
	// 15,000,000.0000000001 over 10,000,000 is growth 0.50000000000000001:
	// above a 50% limit, however little.
	g := revenueGoal()
	g.Baseline, g.Target = d("10000000"), d("15000000.0000000001")
	v := target.Check(g, nil, nil).Verdict(target.Achievable)
	if v.OK || v.Reasons[0].Code != target.CodeGrowthAboveLimit || !v.Reasons[0].Amounts["allowed"].Equal(d("15000000")) {
		t.Fatalf("growth 0.50000000000000001 against a 50%% limit: %v", v)
	}
	g.Target = d("15000000")
	if v := target.Check(g, nil, nil).Verdict(target.Achievable); !v.OK {
		t.Errorf("growth of exactly 50%% fails a 50%% limit: %v", v)
	}
}

func TestFractionFloat64Nearest(t *testing.T) {
	for _, tc := range []struct {
		f    target.Fraction
		want float64
	}{
		{target.Fraction{Num: d("1"), Den: d("3e10")}, 3.3333333333333335e-11},
		{target.Fraction{Num: d("1"), Den: d("3")}, 1.0 / 3},
		{target.Fraction{Num: d("42"), Den: d("50")}, 0.84},
	} {
		if got := tc.f.Float64(); got != tc.want {
			t.Errorf("Fraction{%s}.Float64() = %v, want %v", tc.f, got, tc.want)
		}
	}
}

func TestReplanNoFalseParadox(t *testing.T) {
	// 1,000 over three months at places 2 is 333.34, 333.33, 333.33.
	// Re-planned at places 0 with nothing closed it is 334, 333, 333: the
	// total did not grow, and 333.33 → 333 is the rounding asked for.
	plan, err := target.SplitTime(d("1000"), day("2025-01-01"), day("2025-04-01"), target.Month, 2, nil)
	if err != nil {
		t.Fatal(err)
	}
	r, err := target.Replan(plan, nil, at("2025-01-01"), 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Paradoxes) != 0 {
		t.Fatalf("Replan at places 0 of a places-2 plan, nothing closed: %d paradoxes, first %q", len(r.Paradoxes), r.Paradoxes[0].Reason)
	}
	equalDecimals(t, "re-plan", targets(r.Periods), ds("334", "333", "333"))
}

func TestTrackZeroTarget(t *testing.T) {
	plan, err := target.SplitTime(d("0"), day("2025-01-01"), day("2026-01-01"), target.Month, 2, nil)
	if err != nil {
		t.Fatal(err)
	}
	lower := &target.TrackOptions{Direction: target.LowerIsBetter}
	for _, tc := range []struct {
		name   string
		actual string
		asOf   string
		opts   *target.TrackOptions
		status target.Status
		code   string
	}{
		// A zero budget with 500 spent, after the plan ended: overspent.
		{"zero budget overspent after the end", "500", "2026-02-01", lower, target.Behind, target.CodeZeroPlanBehind},
		{"zero budget untouched", "0", "2025-06-01", lower, target.OnTrack, target.CodeZeroPlanOnTrack},
		{"zero target, sales anyway", "500", "2025-06-01", nil, target.Ahead, target.CodeZeroPlanAhead},
		{"before the start", "500", "2025-01-01", lower, target.NotStarted, target.CodeNotStarted},
	} {
		p, err := target.Track(plan, d(tc.actual), at(tc.asOf), 2, tc.opts)
		if err != nil {
			t.Fatal(err)
		}
		if p.Status != tc.status || p.Reason.Code != tc.code || p.Pace != 0 {
			t.Errorf("%s: status %s, %s, pace %v; want %s, %s, 0", tc.name, p.Status, p.Reason, p.Pace, tc.status, tc.code)
		}
	}
	// After the end of a positive plan the whole plan is expected:
	// 12,000,000 and 13,200,000 done is a pace of 1.1.
	p, err := target.Track(monthlyPlan(t), d("13200000"), at("2026-03-01"), 2, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !p.Expected.Equal(d("12000000")) || p.Status != target.Ahead || p.RemainingWorkingDays != 0 {
		t.Errorf("after the end: expected %s, status %s, %d working days left", p.Expected, p.Status, p.RemainingWorkingDays)
	}
}

func TestPolicyThresholdsDefaultOnTheirOwn(t *testing.T) {
	// 1,000,000 by 1 July against 6,000,000 expected: pace 0.17, behind
	// whatever AheadAt says.
	p, err := target.Track(monthlyPlan(t), d("1000000"), at("2025-07-01"), 2, &target.TrackOptions{Policy: &target.Policy{AheadAt: 1.2}})
	if err != nil {
		t.Fatal(err)
	}
	if p.Status != target.Behind || p.Reason.Numbers["threshold"] != 0.85 {
		t.Fatalf("Policy{AheadAt: 1.2}, pace %.2f: status %s (%s), want behind below 0.85", p.Pace, p.Status, p.Reason)
	}
	// The SMART limits default on their own too: a Policy that sets only
	// the capacity still limits growth to 50%.
	g := revenueGoal()
	g.Target = d("18000000")
	if target.Check(g, nil, &target.Policy{Capacity: target.DefaultPolicy().Capacity}).Verdict(target.Achievable).OK {
		t.Error("a Policy without MaxGrowth lets 125% growth pass")
	}
	// Thresholds out of order are an error.
	_, err = target.Track(monthlyPlan(t), d("1"), at("2025-07-01"), 2, &target.TrackOptions{Policy: &target.Policy{AheadAt: 0.5}})
	if !errors.Is(err, target.ErrInvalid) || !strings.Contains(err.Error(), "opts.policy.on_track_at") {
		t.Errorf("AheadAt 0.5 below OnTrackAt 0.95: %v", err)
	}
}

func TestGridCellListShortRows(t *testing.T) {
	var g target.Grid
	if err := json.Unmarshal([]byte(`{"rows":[{"label":"east","total":"3"},{"label":"west","total":"2"}],"cols":[{"label":"Jan","total":"5"}],"cells":[["3"]]}`), &g); err != nil {
		t.Fatal(err)
	}
	defer func() {
		if r := recover(); r != nil {
			t.Fatalf("CellList of a decoded grid with a missing row panics: %v", r)
		}
	}()
	if _, err := g.CellList(); !errors.Is(err, target.ErrMismatch) {
		t.Fatalf("CellList of a grid with a missing row: %v, want ErrMismatch", err)
	}
	g.Cells = [][]decimal.Decimal{{d("3")}, {d("1")}}
	if err := g.Validate(); !errors.Is(err, target.ErrMismatch) || !strings.Contains(err.Error(), "rows[1].total") {
		t.Errorf("Validate of a grid whose row does not add up: %v", err)
	}
}

func TestAllocateDocStatesAppendBehaviour(t *testing.T) {
	// Allocate's doc once promised that appending parts never moves a
	// contested unit between earlier parts. That is false for Hamilton; the
	// doc now shows the counterexample, which this test runs.
	f, err := parser.ParseFile(token.NewFileSet(), "allocate.go", nil, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	var doc string
	for _, decl := range f.Decls {
		if fn, ok := decl.(*ast.FuncDecl); ok && fn.Name.Name == "Allocate" {
			doc = fn.Doc.Text()
		}
	}
	if strings.Contains(doc, "never moves a contested unit") || !strings.Contains(doc, "0.02 split 1:4 at\nplaces 2 is [0 0.02]; appending a part of weight 1 gives [0.01 0.01 0]") {
		t.Fatalf("Allocate's doc does not show 0.02 split 1:4, then 1:4:1:\n%s", doc)
	}
	a, _ := target.Allocate(d("0.02"), ds("1", "4"), 2)
	b, _ := target.Allocate(d("0.02"), ds("1", "4", "1"), 2)
	equalDecimals(t, "0.02 split 1:4", a, ds("0", "0.02"))
	equalDecimals(t, "0.02 split 1:4:1", b, ds("0.01", "0.01", "0"))
}
