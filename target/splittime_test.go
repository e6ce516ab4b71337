package target_test

import (
	"errors"
	"testing"
	"time"

	"github.com/saleskit/saleskit/target"
	"github.com/shopspring/decimal"
)

func TestChina2025WorkingDays(t *testing.T) {
	cal := china2025(t)
	// 2025 has 261 weekdays. Weekday holidays: 1 Jan (1), Spring Festival
	// 28–31 Jan and 3–4 Feb (6), 4 Apr (1), 1, 2 and 5 May (3), 2 Jun (1),
	// 1–3 and 6–8 Oct (6): 18. Make-up weekend days: 26 Jan, 8 Feb, 27 Apr,
	// 28 Sep, 11 Oct: 5. Working days: 261 − 18 + 5 = 248.
	plan, err := target.SplitTime(d("2480000"), day("2025-01-01"), day("2026-01-01"), target.Month, 2,
		&target.SplitOptions{Weighting: target.WorkingDays, Calendar: cal})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, p := range plan {
		n += p.WorkingDays
	}
	if n != 248 {
		t.Errorf("working days in 2025 = %d, want 248", n)
	}
	// January: 23 weekdays − 1 Jan − 28..31 Jan + 26 Jan = 19.
	// February: 20 weekdays − 3, 4 Feb + 8 Feb = 19. October: 23 − 6 + 1 = 18.
	for label, want := range map[string]int{"2025-01": 19, "2025-02": 19, "2025-10": 18, "2025-12": 23} {
		for _, p := range plan {
			if p.Label == label && p.WorkingDays != want {
				t.Errorf("%s working days = %d, want %d", label, p.WorkingDays, want)
			}
		}
	}
	for _, tt := range []struct {
		date string
		want bool
	}{{"2025-01-26", true}, {"2025-01-28", false}, {"2025-02-05", true}, {"2025-02-09", false}, {"2025-10-11", true}} {
		if got := cal.IsWorkingDay(target.MustDate(tt.date)); got != tt.want {
			t.Errorf("IsWorkingDay(%s) = %v, want %v", tt.date, got, tt.want)
		}
	}
}

func TestSplitTimeChina2025Weeks(t *testing.T) {
	// 2,480,000 over the 248 working days of 2025 is 10,000 a working day,
	// so every ISO week's target is 10,000 × its working days, exactly.
	plan, err := target.SplitTime(d("2480000"), day("2025-01-01"), day("2026-01-01"), target.Week, 2,
		&target.SplitOptions{Weighting: target.WorkingDays, Calendar: china2025(t)})
	if err != nil {
		t.Fatal(err)
	}
	// 1 Jan 2025 is a Wednesday in ISO week 2025-W01; 29–31 Dec 2025 fall in
	// 2026-W01. So 52 weeks plus the clipped 2026-W01.
	if len(plan) != 53 {
		t.Fatalf("%d weeks, want 53", len(plan))
	}
	want := map[string]struct {
		start    string
		days, wd int
	}{
		"2025-W01": {"2025-01-01", 5, 2}, // clipped: Wed 1 Jan (holiday) to Sun 5 Jan
		"2025-W04": {"2025-01-20", 7, 6}, // plus make-up Sunday 26 Jan
		"2025-W05": {"2025-01-27", 7, 1}, // Spring Festival: only Mon 27 Jan works
		"2025-W06": {"2025-02-03", 7, 4}, // 5, 6, 7 Feb and make-up Sat 8 Feb
		"2025-W40": {"2025-09-29", 7, 2}, // 29, 30 Sep; National Day from 1 Oct
		"2025-W41": {"2025-10-06", 7, 3}, // 9, 10 Oct and make-up Sat 11 Oct
		"2026-W01": {"2025-12-29", 3, 3}, // clipped at the span's end
	}
	var total decimal.Decimal
	for _, p := range plan {
		total = total.Add(p.Target)
		if !p.Target.Equal(decimal.NewFromInt(int64(10000 * p.WorkingDays))) {
			t.Errorf("%s target = %s, want 10,000 × %d", p.Label, p.Target, p.WorkingDays)
		}
		if w, ok := want[p.Label]; ok {
			if p.Start.String() != w.start || p.Days != w.days || p.WorkingDays != w.wd {
				t.Errorf("%s = start %s, %d days, %d working; want %s, %d, %d", p.Label,
					p.Start, p.Days, p.WorkingDays, w.start, w.days, w.wd)
			}
			delete(want, p.Label)
		}
	}
	if len(want) != 0 {
		t.Errorf("weeks missing: %v", want)
	}
	if !total.Equal(d("2480000")) {
		t.Errorf("weeks add up to %s", total)
	}
}

func TestSplitTimeGrainsAndWeightings(t *testing.T) {
	y2025, y2026 := day("2025-01-01"), day("2026-01-01")
	tests := []struct {
		name   string
		total  string
		start  target.Date
		end    target.Date
		grain  target.Grain
		opts   *target.SplitOptions
		labels []string
		want   []decimal.Decimal
	}{
		{"even quarters", "10000000", y2025, y2026, target.Quarter, nil,
			[]string{"2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"}, ds("2500000", "2500000", "2500000", "2500000")},
		// A fiscal year from April: FY2025 runs April 2025 to March 2026.
		{"fiscal quarters", "400", day("2025-04-01"), day("2026-04-01"), target.Quarter,
			&target.SplitOptions{FiscalYearStart: time.April},
			[]string{"FY2025-Q1", "FY2025-Q2", "FY2025-Q3", "FY2025-Q4"}, ds("100", "100", "100", "100")},
		// By calendar days: Q1 90, Q2 91, Q3 92, Q4 92 of 365.
		// 3,650,000 × 90/365 = 900,000, ×91 = 910,000, ×92 = 920,000.
		{"calendar days", "3650000", y2025, y2026, target.Quarter, &target.SplitOptions{Weighting: target.CalendarDays},
			nil, ds("900000", "910000", "920000", "920000")},
		// A span from mid-February clips the first month; explicit weights.
		{"explicit, clipped", "1000", day("2025-02-15"), day("2025-05-01"), target.Month,
			&target.SplitOptions{Weighting: target.Explicit, Weights: ds("1", "2", "2")},
			[]string{"2025-02", "2025-03", "2025-04"}, ds("200", "400", "400")},
		// Seasonal: shares 1..12 for Jan..Dec (sum 78) by quarter: Q1 = 6/78,
		// Q2 = 15/78, Q3 = 24/78, Q4 = 33/78 of 7,800 = 600, 1500, 2400, 3300.
		{"seasonal quarters", "7800", y2025, y2026, target.Quarter,
			&target.SplitOptions{Weighting: target.Seasonal, Weights: ds("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12")},
			nil, ds("600", "1500", "2400", "3300")},
		// Seasonal in a fiscal year from April: Weights[0] is April's share.
		{"seasonal fiscal months", "300", day("2025-04-01"), day("2025-07-01"), target.Month,
			&target.SplitOptions{Weighting: target.Seasonal, FiscalYearStart: time.April,
				Weights: ds("1", "1", "1", "9", "9", "9", "9", "9", "9", "9", "9", "9")},
			[]string{"2025-04", "2025-05", "2025-06"}, ds("100", "100", "100")},
		// Seasonal pro rata by days: half of June (15 of 30 days) gets half
		// of June's share; July is whole. June share 2, July 1: weights 1 : 1.
		{"seasonal partial month", "100", day("2025-06-16"), day("2025-08-01"), target.Month,
			&target.SplitOptions{Weighting: target.Seasonal, Weights: ds("0", "0", "0", "0", "0", "2", "1", "0", "0", "0", "0", "0")},
			[]string{"2025-06", "2025-07"}, ds("50", "50")},
		// Days, three of them, even.
		{"days", "10", day("2025-03-01"), day("2025-03-04"), target.Day, nil,
			[]string{"2025-03-01", "2025-03-02", "2025-03-03"}, ds("3.34", "3.33", "3.33")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plan, err := target.SplitTime(d(tt.total), tt.start, tt.end, tt.grain, 2, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			got := make([]decimal.Decimal, len(plan))
			for i, p := range plan {
				got[i] = p.Target
				if tt.labels != nil && p.Label != tt.labels[i] {
					t.Errorf("label %d = %q, want %q", i, p.Label, tt.labels[i])
				}
				if i > 0 && p.Start != plan[i-1].End {
					t.Errorf("period %d starts %v, previous ends %v", i, p.Start, plan[i-1].End)
				}
			}
			equalDecimals(t, "targets", got, tt.want)
			if plan[0].Start != tt.start || plan[len(plan)-1].End != tt.end {
				t.Errorf("plan spans %v–%v, want %v–%v", plan[0].Start, plan[len(plan)-1].End, tt.start, tt.end)
			}
		})
	}
}

func TestSplitTimeErrors(t *testing.T) {
	a, b := day("2025-01-01"), day("2026-01-01")
	tests := []struct {
		name  string
		start target.Date
		end   target.Date
		grain target.Grain
		opts  *target.SplitOptions
		want  error
	}{
		{"inverted", b, a, target.Month, nil, target.ErrSpan},
		{"empty", a, a, target.Month, nil, target.ErrSpan},
		{"bad grain", a, b, target.Grain(9), nil, target.ErrUnknownName},
		{"seasonal needs 12", a, b, target.Month, &target.SplitOptions{Weighting: target.Seasonal, Weights: ones(4)}, target.ErrMismatch},
		{"explicit count", a, b, target.Quarter, &target.SplitOptions{Weighting: target.Explicit, Weights: ones(3)}, target.ErrMismatch},
		{"bad fiscal month", a, b, target.Quarter, &target.SplitOptions{FiscalYearStart: 13}, target.ErrInvalid},
		{"too many periods", a, day("9999-01-01"), target.Day, nil, target.ErrSpan},
		{"no working days", day("2025-01-04"), day("2025-01-06"), target.Day, &target.SplitOptions{Weighting: target.WorkingDays}, target.ErrZeroWeights},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := target.SplitTime(d("100"), tt.start, tt.end, tt.grain, 2, tt.opts)
			if !errors.Is(err, tt.want) {
				t.Fatalf("SplitTime error = %v, want %v", err, tt.want)
			}
		})
	}
}
