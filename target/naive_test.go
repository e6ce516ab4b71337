package target_test

import (
	"fmt"
	"math/big"
	"slices"
	"time"

	"github.com/saleskit/saleskit/target"
	"github.com/shopspring/decimal"
)

// The naive implementations below are written from the docs, the slow and
// obvious way, for cross-checks and fuzz targets.

// naiveHamilton is the largest-remainder method done the slow, obvious way,
// in exact rationals: every part's share T·w/W in units of 10^-places, its
// floor, and the units left over handed to the largest remainders, the
// earlier part first among equals (a stable sort).
func naiveHamilton(total decimal.Decimal, weights []decimal.Decimal, places int32) []decimal.Decimal {
	t := total.Abs().Shift(places).BigInt()
	sumW := new(big.Rat)
	for _, w := range weights {
		sumW.Add(sumW, w.Rat())
	}
	floors := make([]*big.Int, len(weights))
	rems := make([]*big.Rat, len(weights))
	left := new(big.Int).Set(t)
	for i, w := range weights {
		share := new(big.Rat).Mul(new(big.Rat).SetInt(t), w.Rat())
		share.Quo(share, sumW)
		floors[i] = new(big.Int).Quo(share.Num(), share.Denom())
		rems[i] = new(big.Rat).Sub(share, new(big.Rat).SetInt(floors[i]))
		left.Sub(left, floors[i])
	}
	order := make([]int, len(weights))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return rems[b].Cmp(rems[a]) })
	for _, i := range order[:left.Int64()] {
		floors[i].Add(floors[i], big.NewInt(1))
	}
	parts := make([]decimal.Decimal, len(weights))
	for i, f := range floors {
		if total.Sign() < 0 {
			f.Neg(f)
		}
		parts[i] = decimal.NewFromBigInt(f, -places)
	}
	return parts
}

// naivePeriods cuts [start, end) into periods of grain the obvious way: walk
// every date, label it with the time package, and start a new period
// whenever the label changes.
func naivePeriods(start, end target.Date, grain target.Grain, fy time.Month) []target.Period {
	if fy == 0 {
		fy = time.January
	}
	var out []target.Period
	for d := start; d.Before(end); d = d.AddDays(1) {
		t := time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC)
		var label string
		switch grain {
		case target.Quarter:
			off := (int(t.Month()) - int(fy) + 12) % 12
			y := t.Year()
			if t.Month() < fy {
				y--
			}
			label = fmt.Sprintf("%04d-Q%d", y, off/3+1)
			if fy != time.January {
				label = "FY" + label
			}
		case target.Month:
			label = t.Format("2006-01")
		case target.Week:
			y, w := t.ISOWeek()
			label = fmt.Sprintf("%04d-W%02d", y, w)
		case target.Day:
			label = t.Format(time.DateOnly)
		}
		if n := len(out); n > 0 && out[n-1].Label == label {
			out[n-1].End = d.AddDays(1)
			continue
		}
		out = append(out, target.Period{Label: label, Start: d, End: d.AddDays(1)})
	}
	return out
}

// naiveWorkingDays counts the working days in [from, to) the obvious way:
// a date is a working day if a make-up entry lists it, else if no day-off
// entry lists it and it is Monday to Friday.
func naiveWorkingDays(h target.Holidays, from, to target.Date) int {
	listed := func(rs []target.DateRange, d target.Date) bool {
		return slices.ContainsFunc(rs, func(r target.DateRange) bool { return r.Contains(d) })
	}
	n := 0
	for d := from; d.Before(to); d = d.AddDays(1) {
		switch {
		case listed(h.Work, d):
			n++
		case listed(h.Off, d):
		case d.Weekday() != time.Saturday && d.Weekday() != time.Sunday:
			n++
		}
	}
	return n
}

// naiveExpected is Track's expectation from its doc, in exact rationals:
// the periods that ended before asOf's date, plus the current period's
// target × its working days passed ÷ its working days (calendar days when
// it has none). Working days are counted under h.
func naiveExpected(plan []target.PeriodTarget, today target.Date, h target.Holidays) *big.Rat {
	sum := new(big.Rat)
	for _, p := range plan {
		switch {
		case !p.End.After(today):
			sum.Add(sum, p.Target.Rat())
		case p.Start.Before(today):
			done, all := naiveWorkingDays(h, p.Start, today), naiveWorkingDays(h, p.Start, p.End)
			if all == 0 {
				done, all = today.Sub(p.Start), p.End.Sub(p.Start)
			}
			share := new(big.Rat).Mul(p.Target.Rat(), big.NewRat(int64(done), int64(all)))
			sum.Add(sum, share)
		}
	}
	return sum
}

// roundHalfAway rounds r to places decimal places, half away from zero.
func roundHalfAway(r *big.Rat, places int32) decimal.Decimal {
	pow := new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(max(places, -places))), nil))
	if places < 0 {
		pow.Inv(pow)
	}
	scaled := new(big.Rat).Mul(r, pow)
	neg := scaled.Sign() < 0
	scaled.Abs(scaled)
	q, m := new(big.Int).QuoRem(scaled.Num(), scaled.Denom(), new(big.Int))
	if new(big.Int).Mul(m, big.NewInt(2)).Cmp(scaled.Denom()) >= 0 {
		q.Add(q, big.NewInt(1))
	}
	if neg {
		q.Neg(q)
	}
	return decimal.NewFromBigInt(q, -places)
}
