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

// fuzzDecimal parses a total within the exponents fuzz targets use.
func fuzzDecimal(s string) (decimal.Decimal, bool) {
	v, err := decimal.NewFromString(s)
	return v, err == nil && v.Exponent() >= -40 && v.Exponent() <= 40
}

// fuzzDate is the date n days after 1900-01-01, within years 1900–2199.
func fuzzDate(n int64) target.Date {
	return target.MustDate("1900-01-01").AddDays(int((n%109_500 + 109_500) % 109_500))
}

// clearError fails unless err wraps one of the package's sentinels and
// every *FieldError in it starts with the package name once.
func clearError(t *testing.T, err error) {
	t.Helper()
	for _, s := range []error{target.ErrUnknownName, target.ErrDate, target.ErrNoParts, target.ErrNegativeWeight,
		target.ErrZeroWeights, target.ErrPlaces, target.ErrPrecision, target.ErrRange, target.ErrSpan, target.ErrInvalid,
		target.ErrMismatch, target.ErrTree} {
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
		total, ok := fuzzDecimal(totalText)
		if !ok {
			return
		}
		weights := fuzzDecimals(weightsText, 64)
		parts, err := target.Allocate(total, weights, int32(places))
		if err != nil {
			clearError(t, err)
			return
		}
		checkHamilton(t, total, weights, parts, int32(places))
		equalDecimals(t, "Allocate against the naive method", parts, naiveHamilton(total, weights, int32(places)))
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
	f.Add("1000000", int64(45000), uint16(365), uint8(3), uint8(2), uint8(4), "")
	f.Add("100", int64(45045), uint16(60), uint8(1), uint8(3), uint8(1), "1,2,3,4,5,6,7,8,9,10,11,12")
	f.Add("100", int64(45045), uint16(60), uint8(2), uint8(4), uint8(1), "1,2,3")
	f.Fuzz(func(t *testing.T, totalText string, startDay int64, spanDays uint16, grain, weighting, fy uint8, weightsText string) {
		total, ok := fuzzDecimal(totalText)
		if !ok {
			return
		}
		start := fuzzDate(startDay)
		end := start.AddDays(int(spanDays % 800))
		g, month := target.Grain(grain%6), time.Month(fy%14)
		opts := &target.SplitOptions{Weighting: target.Weighting(weighting % 6), FiscalYearStart: month,
			Weights: fuzzDecimals(weightsText, 400)}
		plan, err := target.SplitTime(total, start, end, g, 2, opts)
		if err != nil {
			clearError(t, err)
			return
		}
		checkCovers(t, plan, start, end, total)
		want := naivePeriods(start, end, g, month)
		if len(want) != len(plan) {
			t.Fatalf("%d periods, the naive cut gives %d", len(plan), len(want))
		}
		for i, p := range plan {
			if p.Period() != want[i] {
				t.Fatalf("period %d = %+v, the naive cut gives %+v", i, p.Period(), want[i])
			}
		}
	})
}

// checkCovers fails unless plan covers every date of [start, end) exactly
// once, in order, and adds up to total.
func checkCovers(t *testing.T, plan []target.PeriodTarget, start, end target.Date, total decimal.Decimal) {
	t.Helper()
	var s decimal.Decimal
	days := 0
	for i, p := range plan {
		s = s.Add(p.Target)
		days += p.Days
		if p.Days != p.End.Sub(p.Start) || p.Days <= 0 {
			t.Fatalf("period %s [%s, %s) says %d days", p.Label, p.Start, p.End, p.Days)
		}
		if i > 0 && p.Start != plan[i-1].End {
			t.Fatalf("period %s starts %s, period %s ends %s", p.Label, p.Start, plan[i-1].Label, plan[i-1].End)
		}
	}
	if len(plan) == 0 || plan[0].Start != start || plan[len(plan)-1].End != end || days != end.Sub(start) {
		t.Fatalf("plan of %d periods covers %d days, want [%s, %s), %d days", len(plan), days, start, end, end.Sub(start))
	}
	if !s.Equal(total) {
		t.Fatalf("periods add up to %s, want %s", s, total)
	}
}

func FuzzSplitNested(f *testing.F) {
	f.Add("36000000", int64(45000), uint16(365), uint8(0x13), uint8(2), uint8(4))
	f.Add("1000", int64(45045), uint16(120), uint8(0x24), uint8(1), uint8(1))
	f.Fuzz(func(t *testing.T, totalText string, startDay int64, spanDays uint16, grainBits, weighting, fy uint8) {
		total, ok := fuzzDecimal(totalText)
		if !ok {
			return
		}
		start := fuzzDate(startDay)
		end := start.AddDays(int(spanDays % 400))
		var grains []target.Grain
		for g := target.Quarter; g <= target.Day; g++ {
			if grainBits&(1<<g) != 0 {
				grains = append(grains, g)
			}
		}
		if grainBits&1 != 0 && len(grains) > 1 { // out of order, on purpose
			grains[0], grains[1] = grains[1], grains[0]
		}
		opts := &target.SplitOptions{Weighting: target.Weighting(weighting % 4), FiscalYearStart: time.Month(fy % 13)}
		n, err := target.SplitNested(total, start, end, grains, 2, opts)
		if err != nil {
			clearError(t, err)
			return
		}
		checkNested(t, n, start, end, total)
	})
}

// checkNested fails unless every level covers [start, end) exactly once and
// adds up to total, and every period's children add up to it.
func checkNested(t *testing.T, n target.NestedPlan, start, end target.Date, total decimal.Decimal) {
	t.Helper()
	for k, l := range n.Levels {
		checkCovers(t, l.Periods, start, end, total)
		seen := map[string]bool{}
		for _, p := range l.Periods {
			if seen[p.Label] {
				t.Fatalf("level %d has label %s twice", k, p.Label)
			}
			seen[p.Label] = true
		}
		if k == 0 {
			continue
		}
		sums := make([]decimal.Decimal, len(n.Levels[k-1].Periods))
		for i, p := range l.Periods {
			parent := n.Levels[k-1].Periods[l.Parents[i]]
			if p.Start.Before(parent.Start) || p.End.After(parent.End) {
				t.Fatalf("%s [%s, %s) is not inside its parent %s [%s, %s)", p.Label, p.Start, p.End, parent.Label, parent.Start, parent.End)
			}
			sums[l.Parents[i]] = sums[l.Parents[i]].Add(p.Target)
		}
		for i, p := range n.Levels[k-1].Periods {
			if !sums[i].Equal(p.Target) {
				t.Fatalf("the %ss of %s add up to %s, want %s", l.Grain, p.Label, sums[i], p.Target)
			}
		}
	}
}

func FuzzSplitTree(f *testing.F) {
	f.Add("1000", "a,,1;b,a,2;c,a,3;d,b,1")
	f.Add("1000", "a,,1;b,a,0;c,a,0")
	f.Add("5", "a,b,1;b,a,1")
	f.Fuzz(func(t *testing.T, totalText, spec string) {
		total, ok := fuzzDecimal(totalText)
		if !ok {
			return
		}
		var units []target.Unit
		for _, row := range strings.Split(spec, ";") {
			f := strings.Split(row, ",")
			if len(f) < 3 || len(units) > 200 {
				continue
			}
			w, ok := fuzzDecimal(f[2])
			if !ok {
				continue
			}
			u := target.Unit{ID: f[0], Parent: f[1], Weight: w}
			if len(f) > 3 {
				if v, ok := fuzzDecimal(f[3]); ok {
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
		if err := g.Validate(); err != nil {
			t.Fatalf("SplitGrid's own grid fails Validate: %v", err)
		}
	})
}

func FuzzGridJSON(f *testing.F) {
	f.Add(`{"rows":[{"label":"east","total":"3"},{"label":"west","total":"2"}],"cols":[{"label":"Jan","total":"5"}],"cells":[["3"],["2"]]}`)
	f.Add(`{"rows":[{"label":"east","total":"3"},{"label":"west","total":"2"}],"cols":[{"label":"Jan","total":"5"}],"cells":[["3"]]}`)
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > 4096 {
			return
		}
		var g target.Grid
		if json.Unmarshal([]byte(text), &g) != nil {
			return
		}
		cells, err := g.CellList()
		if err != nil {
			clearError(t, err)
			return
		}
		if len(cells) != len(g.Rows)*len(g.Cols) {
			t.Fatalf("%d cells for %d × %d", len(cells), len(g.Rows), len(g.Cols))
		}
	})
}

func FuzzGoalJSON(f *testing.F) {
	b, _ := json.Marshal(revenueGoal())
	f.Add(string(b))
	f.Add(`{"metric":"custom","aggregation":"ratio","target":"0.5","start":"2025-01-01","end":"2024-01-01"}`)
	f.Add(`{"metric":"nope"}`)
	f.Add(`{"id":"draft"}`)
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > 4096 {
			return
		}
		var g target.Goal
		if err := json.Unmarshal([]byte(text), &g); err != nil {
			return
		}
		r := target.Check(g, &g, nil)
		if len(r.Verdicts) != 5 {
			t.Fatalf("%d verdicts", len(r.Verdicts))
		}
		for _, v := range r.Verdicts {
			for _, reason := range v.Reasons {
				if reason.Text("en") == reason.Code || reason.Text("zh-CN") == reason.Code {
					t.Fatalf("reason %s has no sentence", reason.Code)
				}
			}
		}
		if _, err := target.CheckTree([]target.Goal{g, g}, nil); err == nil && g.ID != "" {
			t.Fatal("duplicate goals accepted")
		}
		out, err := json.Marshal(g)
		if err != nil {
			t.Fatalf("a decoded goal does not marshal: %v", err)
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
	f.Add("12000000", "6600000", uint16(181), int32(0), uint8(2), uint8(2), true)
	f.Add("100", "-5", uint16(400), int32(-3600*5), uint8(1), uint8(0), false)
	f.Add("0", "500", uint16(390), int32(3600*14), uint8(2), uint8(2), true)
	f.Fuzz(func(t *testing.T, totalText, actualText string, asOfDay uint16, offset int32, grain, places uint8, lower bool) {
		total, ok1 := decimal.NewFromString(totalText)
		actual, ok2 := decimal.NewFromString(actualText)
		if ok1 != nil || ok2 != nil || total.Exponent() < -2 || total.Exponent() > 30 || actual.Exponent() < -30 || actual.Exponent() > 30 {
			return
		}
		start := day("2025-01-01")
		plan, err := target.SplitTime(total, start, day("2026-01-01"), target.Grain(1+grain%3), 2, nil)
		if err != nil {
			clearError(t, err)
			return
		}
		// An instant of the date, somewhere on Earth.
		date := start.AddDays(int(asOfDay%500) - 50)
		loc := time.FixedZone("", int(offset%(14*3600)))
		asOf := date.In(loc).Add(time.Duration(asOfDay%24) * time.Hour / 2)
		if target.DateOf(asOf) != date {
			asOf = date.In(loc)
		}
		opts := &target.TrackOptions{}
		if lower {
			opts.Direction = target.LowerIsBetter
		}
		p, err := target.Track(plan, actual, asOf, int32(places%4), opts)
		if err != nil {
			t.Fatalf("Track on a valid plan: %v", err)
		}
		if !p.Gap.Equal(total.Sub(actual)) || p.AsOf != date {
			t.Fatalf("Gap = %s, AsOf = %s; want %s, %s", p.Gap, p.AsOf, total.Sub(actual), date)
		}
		if want := roundHalfAway(naiveExpected(plan, date, target.Holidays{}), int32(places%4)); !p.Expected.Equal(want) {
			t.Fatalf("Expected = %s, the naive expectation gives %s", p.Expected, want)
		}
		if _, err := json.Marshal(p); err != nil {
			t.Fatalf("json.Marshal(Progress): %v", err)
		}
		closed := 0
		for closed < len(plan) && !plan[closed].End.After(date) {
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
	f.Add(200, 210, 30, []byte{5, 4, 3, 5}, "2500000", "20000000", "3")
	f.Add(0, -1, 7, []byte{}, "-1", "0", "0")
	f.Fuzz(func(t *testing.T, start, end, newCustomers int, answers []byte, a, b, m string) {
		if len(answers) > 1024 {
			return
		}
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
		ours, ok1 := fuzzDecimal(a)
		market, ok2 := fuzzDecimal(b)
		multiple, ok3 := fuzzDecimal(m)
		if ok1 && ok2 {
			check(target.MarketShare(ours, market))
		}
		if ok1 && ok2 && ok3 {
			c, err := target.PipelineCoverage(ours, market, multiple)
			if err != nil {
				clearError(t, err)
			} else if c.Needed.Sign() < 0 {
				t.Fatalf("negative pipeline needed: %s", c.Needed)
			}
		}
	})
}
