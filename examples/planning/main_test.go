package main

import (
	"bytes"
	"io"
	"testing"
	"time"

	"github.com/saleskit/saleskit/examples/internal/golden"
	"github.com/saleskit/saleskit/target"
	"github.com/shopspring/decimal"
)

// TestPlanningGolden runs the program in English and in Chinese and
// compares its output with the golden files, so every change to what users
// see is reviewed in a diff. Run go test ./examples/planning -update to
// accept a deliberate change.
func TestPlanningGolden(t *testing.T) {
	golden.Languages(t, "planning.golden", func(t *testing.T, lang string) string {
		var out bytes.Buffer
		if err := run(&out, options{lang: lang, seed: 7}); err != nil {
			t.Fatalf("run: %v", err)
		}
		return out.String()
	})
}

// TestPlanningFigures checks the figures the plan prints against the
// package directly.
//
// 2025 has 261 weekdays (52 weeks and a Wednesday). The holidays take 18 of
// them (1 + 6 + 1 + 3 + 1 + 6) and the make-up days give 5 back: 248
// working days, 59 + 61 + 67 + 61 by quarter. 10,000,000 × 59/248 =
// 2,379,032.258…, × 61/248 = 2,459,677.419…, × 67/248 = 2,701,612.903…;
// the floors leave 3 cents, which go to the largest remainders: Q2 and Q4
// (.935…), then Q1 (.806…), so
//
//	Q1 2,379,032.26   Q2 2,459,677.42   Q3 2,701,612.90   Q4 2,459,677.42
//
// At mid-year, seed 7's first half is 4,436,774 against the 4,838,709.68
// of Q1 + Q2: pace 0.9169, at risk. 5,563,226 remains for the 128 working
// days of the second half, 43,462.70 a working day, and July, 23 of them,
// is re-planned to 5,563,226 × 23/128 = 999,642.171875 → 999,642.17.
func TestPlanningFigures(t *testing.T) {
	_, cal, err := calendar()
	if err != nil {
		t.Fatal(err)
	}
	plan, err := target.SplitNested(annual, jan1, nextYear, []target.Grain{target.Quarter, target.Month}, 2,
		&target.SplitOptions{Weighting: target.WorkingDays, Calendar: cal})
	if err != nil {
		t.Fatal(err)
	}
	d := decimal.RequireFromString
	wantQ := []struct {
		days   int
		amount decimal.Decimal
	}{{59, d("2379032.26")}, {61, d("2459677.42")}, {67, d("2701612.90")}, {61, d("2459677.42")}}
	for i, q := range plan.Level(target.Quarter) {
		if q.WorkingDays != wantQ[i].days || !q.Target.Equal(wantQ[i].amount) {
			t.Errorf("SplitNested: %s = %d working days, %s, want %d, %s", q.Label, q.WorkingDays, q.Target, wantQ[i].days, wantQ[i].amount)
		}
	}

	months := plan.Level(target.Month)
	actuals := firstHalf(months[:6], 7)
	asOf := time.Date(2025, 7, 1, 9, 0, 0, 0, shanghai)
	p, err := target.Track(months, decimal.Sum(decimal.Zero, actuals...), asOf, 2, &target.TrackOptions{Calendar: cal})
	if err != nil {
		t.Fatal(err)
	}
	if !p.Actual.Equal(d("4436774")) || !p.Expected.Equal(d("4838709.68")) || p.Status != target.AtRisk ||
		p.RemainingWorkingDays != 128 || !p.RequiredPerWorkingDay.Equal(d("43462.70")) {
		t.Errorf("Track = actual %s, expected %s, %s, %d days left, %s a day; want 4436774, 4838709.68, at_risk, 128, 43462.70",
			p.Actual, p.Expected, p.Status, p.RemainingWorkingDays, p.RequiredPerWorkingDay)
	}
	rev, err := target.Replan(months, actuals, asOf, 2)
	if err != nil {
		t.Fatal(err)
	}
	if jul := rev.Periods[6]; jul.Label != "2025-07" || !jul.Target.Equal(d("999642.17")) {
		t.Errorf("Replan: %s = %s, want 2025-07 = 999642.17", jul.Label, jul.Target)
	}

	var out bytes.Buffer
	if err := run(&out, options{lang: "en", seed: 7}); err != nil {
		t.Fatal(err)
	}
	golden.Contains(t, out.String(), "year                248  10,000,000.00", "2025-07            23  927,419.36  999,642.17",
		"needed per working day       43,462.70", "a gap of 300,000.00")
}

// TestPlanningSeed: the same seed prints the same plan, another seed
// another one, and an unknown language is refused.
func TestPlanningSeed(t *testing.T) {
	golden.Seeded(t, func(w io.Writer, lang string, seed uint64) error { return run(w, options{lang: lang, seed: seed}) })
}
