package target_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/saleskit/saleskit/target"
	"github.com/shopspring/decimal"
)

// fuzzDecimals turns fuzz text into decimals: comma-separated numbers; bad
// items are skipped.
func fuzzDecimals(s string, max int) []decimal.Decimal {
	var out []decimal.Decimal
	for _, f := range strings.Split(s, ",") {
		if len(out) == max {
			break
		}
		if v, err := decimal.NewFromString(strings.TrimSpace(f)); err == nil && v.Exponent() > -40 && v.Exponent() < 40 {
			out = append(out, v)
		}
	}
	return out
}

// clearError fails unless err wraps one of the package's sentinels.
func clearError(t *testing.T, err error) {
	t.Helper()
	for _, s := range []error{target.ErrUnknownName, target.ErrDate, target.ErrNoParts, target.ErrNegativeWeight, target.ErrZeroWeights, target.ErrPlaces,
		target.ErrPrecision, target.ErrRange, target.ErrSpan, target.ErrInvalid, target.ErrMismatch, target.ErrTree} {
		if errors.Is(err, s) {
			if !strings.HasPrefix(err.Error(), "target: ") {
				t.Fatalf("error %q does not start with the package name", err)
			}
			return
		}
	}
	t.Fatalf("error %v wraps no sentinel", err)
}

func FuzzAllocate(f *testing.F) {
	f.Add("2500000", "1,1,1", int8(2))
	f.Add("-100.5", "0,0.5,3", int8(1))
	f.Add("1e30", "1e20,0,7", int8(0))
	f.Add("7", "0,0", int8(0))
	f.Fuzz(func(t *testing.T, totalText, weightsText string, places int8) {
		total, err := decimal.NewFromString(totalText)
		if err != nil || total.Exponent() < -40 || total.Exponent() > 40 {
			return
		}
		weights := fuzzDecimals(weightsText, 64)
		parts, err := target.Allocate(total, weights, int32(places))
		if err != nil {
			clearError(t, err)
			return
		}
		checkHamilton(t, total, weights, parts, int32(places))
		// AllocateParts gives the same parts, or says the total is out of
		// its int64 range.
		bulk, err := target.AllocateParts(total, weights, int32(places))
		if errors.Is(err, target.ErrRange) {
			return
		}
		if err != nil {
			t.Fatalf("AllocateParts: %v after Allocate succeeded", err)
		}
		equalDecimals(t, "AllocateParts", bulk.Decimals(), parts)
	})
}

func FuzzSplitTime(f *testing.F) {
	f.Add("1000000", int64(0), uint16(365), uint8(3), uint8(2), uint8(4), "")
	f.Add("100", int64(86400*45), uint16(60), uint8(1), uint8(3), uint8(1), "1,2,3,4,5,6,7,8,9,10,11,12")
	f.Add("100", int64(86400*45), uint16(60), uint8(2), uint8(4), uint8(1), "1,2,3")
	f.Fuzz(func(t *testing.T, totalText string, startSec int64, spanDays uint16, grain, weighting, fy uint8, weightsText string) {
		total, err := decimal.NewFromString(totalText)
		if err != nil || total.Exponent() < -40 || total.Exponent() > 40 {
			return
		}
		start := time.Unix(startSec%(86400*365*200), 0).UTC()
		end := start.AddDate(0, 0, int(spanDays%800))
		opts := &target.SplitOptions{Weighting: target.Weighting(weighting % 6), FiscalYearStart: time.Month(fy % 14),
			Weights: fuzzDecimals(weightsText, 400)}
		plan, err := target.SplitTime(total, start, end, target.Grain(grain%6), 2, opts)
		if err != nil {
			clearError(t, err)
			return
		}
		var s decimal.Decimal
		for i, p := range plan {
			s = s.Add(p.Target)
			if i > 0 && !p.Start.Equal(plan[i-1].End) {
				t.Fatalf("gap between periods %d and %d", i-1, i)
			}
		}
		if !s.Equal(total) {
			t.Fatalf("periods add up to %s, want %s", s, total)
		}
	})
}

func FuzzSplitTree(f *testing.F) {
	f.Add("1000", "a,,1;b,a,2;c,a,3;d,b,1")
	f.Add("1000", "a,,1;b,a,0;c,a,0")
	f.Add("5", "a,b,1;b,a,1")
	f.Fuzz(func(t *testing.T, totalText, spec string) {
		total, err := decimal.NewFromString(totalText)
		if err != nil || total.Exponent() < -40 || total.Exponent() > 40 {
			return
		}
		var units []target.Unit
		for _, row := range strings.Split(spec, ";") {
			f := strings.Split(row, ",")
			if len(f) < 3 || len(units) > 200 {
				continue
			}
			w, err := decimal.NewFromString(f[2])
			if err != nil || w.Exponent() < -40 || w.Exponent() > 40 {
				continue
			}
			u := target.Unit{ID: f[0], Parent: f[1], Weight: w}
			if len(f) > 3 {
				if v, err := decimal.NewFromString(f[3]); err == nil && v.Exponent() > -40 && v.Exponent() < 40 {
					u.Target = decimal.NewNullDecimal(v)
				}
			}
			units = append(units, u)
		}
		tree, err := target.SplitTree(total, units, 2)
		if err != nil {
			clearError(t, err)
			return
		}
		if len(tree.Units) != len(units) {
			t.Fatalf("%d lines for %d units", len(tree.Units), len(units))
		}
		for _, u := range tree.RollUp().Units {
			if u.Members > 0 && !u.Gap.IsZero() {
				t.Fatalf("gap after RollUp: %+v", u)
			}
		}
	})
}

func FuzzSplitGrid(f *testing.F) {
	f.Add("100,50", "70,80", uint8(0))
	f.Add("1.5,2.25", "3.75", uint8(2))
	f.Add("1,2", "4", uint8(0))
	f.Fuzz(func(t *testing.T, rowsText, colsText string, places uint8) {
		rows, cols := fuzzDecimals(rowsText, 12), fuzzDecimals(colsText, 24)
		p := int32(places % 4)
		g, err := target.SplitGrid(margins(nil, rows), margins(nil, cols), p)
		if err != nil {
			clearError(t, err)
			return
		}
		checkGrid(t, g, p)
	})
}

func FuzzGoalJSON(f *testing.F) {
	b, _ := json.Marshal(revenueGoal())
	f.Add(string(b))
	f.Add(`{"metric":"custom","aggregation":"ratio","target":"0.5","start":"2025-01-01T00:00:00Z","end":"2024-01-01T00:00:00Z"}`)
	f.Add(`{"metric":"nope"}`)
	f.Fuzz(func(t *testing.T, text string) {
		var g target.Goal
		if err := json.Unmarshal([]byte(text), &g); err != nil {
			return
		}
		r := target.Check(g, &g, nil)
		if len(r.Verdicts) != 5 {
			t.Fatalf("%d verdicts", len(r.Verdicts))
		}
		if _, err := target.CheckTree([]target.Goal{g, g}, nil); err == nil && g.ID != "" {
			t.Fatal("duplicate goals accepted")
		}
		out, err := json.Marshal(g)
		if err != nil {
			return // an invalid enum value cannot be encoded; that is an error, not a panic
		}
		var back target.Goal
		if err := json.Unmarshal(out, &back); err != nil {
			t.Fatalf("re-decoding %s: %v", out, err)
		}
		if !back.Equal(g) {
			t.Fatalf("round trip changed the goal:\n%+v\n%+v", g, back)
		}
	})
}

func FuzzTrackReplan(f *testing.F) {
	f.Add("12000000", "6600000", uint16(181), uint8(2), true)
	f.Add("100", "-5", uint16(400), uint8(1), false)
	f.Fuzz(func(t *testing.T, totalText, actualText string, asOfDay uint16, grain uint8, lower bool) {
		total, err1 := decimal.NewFromString(totalText)
		actual, err2 := decimal.NewFromString(actualText)
		if err1 != nil || err2 != nil || total.Exponent() < -2 || total.Exponent() > 30 || actual.Exponent() < -30 || actual.Exponent() > 30 {
			return
		}
		start := day("2025-01-01")
		plan, err := target.SplitTime(total, start, start.AddDate(1, 0, 0), target.Grain(1+grain%3), 2, nil)
		if err != nil {
			clearError(t, err)
			return
		}
		asOf := start.AddDate(0, 0, int(asOfDay%500)-50)
		opts := &target.TrackOptions{}
		if lower {
			opts.Direction = target.LowerIsBetter
		}
		p, err := target.Track(plan, actual, asOf, opts)
		if err != nil {
			t.Fatalf("Track on a valid plan: %v", err)
		}
		if !p.Gap.Equal(total.Sub(actual)) {
			t.Fatalf("Gap = %s, want %s", p.Gap, total.Sub(actual))
		}
		closed := 0
		for closed < len(plan) && !plan[closed].End.After(asOf) {
			closed++
		}
		actuals := make([]decimal.Decimal, closed)
		for i := range actuals {
			actuals[i] = actual.Round(2)
		}
		r, err := target.Replan(plan, actuals, asOf, 2)
		if err != nil {
			clearError(t, err)
			return
		}
		var s decimal.Decimal
		for _, p := range r.Periods {
			s = s.Add(p.Target)
		}
		if !s.Equal(total) {
			t.Fatalf("re-plan adds up to %s, want %s", s, total)
		}
	})
}

func FuzzMeasures(f *testing.F) {
	f.Add(200, 210, 30, []byte{5, 4, 3, 5}, "2500000", "20000000", "3", "2025-10-01")
	f.Add(0, -1, 7, []byte{}, "-1", "0", "0", "2025-02-30")
	f.Fuzz(func(t *testing.T, start, end, newCustomers int, answers []byte, a, b, m, date string) {
		check := func(f target.Fraction, err error) {
			if err != nil {
				clearError(t, err)
				return
			}
			if v := f.Float64(); !f.Defined() || v < 0 || v > 1 {
				t.Fatalf("fraction %s = %v, want a defined value in [0, 1]", f, v)
			}
		}
		check(target.RetentionRate(start, end, newCustomers))
		scores := make([]int, len(answers))
		for i, x := range answers {
			scores[i] = int(x % 8)
		}
		check(target.CSAT(scores))
		check(target.ConversionRate(newCustomers, start))
		ours, err1 := decimal.NewFromString(a)
		market, err2 := decimal.NewFromString(b)
		multiple, err3 := decimal.NewFromString(m)
		if err1 == nil && err2 == nil {
			check(target.MarketShare(ours, market))
		}
		if err1 == nil && err2 == nil && err3 == nil {
			c, err := target.PipelineCoverage(ours, market, multiple)
			if err != nil {
				clearError(t, err)
			} else if c.Needed.Sign() < 0 {
				t.Fatalf("negative pipeline needed: %s", c.Needed)
			}
		}
		if dt, err := target.ParseDate(date); err != nil {
			clearError(t, err)
		} else if dt.String() != date {
			t.Fatalf("ParseDate(%q).String() = %q", date, dt.String())
		} else if _, err := target.NewWeekdayCalendar(target.Holidays{Off: []target.Date{dt}, Work: []target.Date{dt}}); err == nil {
			t.Fatal("a date both off and worked was accepted")
		}
	})
}
