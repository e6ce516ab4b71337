package target

import (
	"fmt"
	"strconv"
	"time"

	"github.com/shopspring/decimal"
)

// SplitOptions are the optional settings of SplitTime. The zero value splits
// evenly over calendar-year periods with a Monday-to-Friday calendar; each
// field defaults on its own.
type SplitOptions struct {
	Weighting Weighting `json:"weighting"`
	// Weights: 12 monthly shares for Seasonal, one per period for Explicit.
	Weights []decimal.Decimal `json:"weights,omitempty"`
	// Calendar decides working days; nil means Monday to Friday. It is
	// behaviour, not data: store the Holidays it was built from.
	Calendar Calendar `json:"-"`
	// FiscalYearStart is the first month of the fiscal year (zero means
	// January). It sets where quarters begin and the order of seasonal
	// shares. A fiscal year is named after the calendar year it starts in.
	FiscalYearStart time.Month `json:"fiscal_year_start,omitempty"`
}

// maxPeriods bounds a split so that a typo in a year cannot ask for millions
// of periods.
const maxPeriods = 100_000

// SplitTime splits total over [start, end) into periods of the given grain,
// rounded to places decimal places, adding up to total exactly (see Allocate
// for the rounding rule). Periods follow the calendar in start's location;
// those straddling the span's edges are clipped to it, so a span that starts
// on a Wednesday begins with a short week. Days and working days are counted
// on calendar dates, so a daylight-saving change does not shorten a day.
//
// The weights come from opts (nil means even): even, calendar days, working
// days under opts.Calendar, seasonal monthly shares, or explicit per period.
//
// SplitTime returns a *FieldError wrapping ErrSpan when end is not after
// start or the span needs more than 100,000 periods, ErrUnknownName for a
// grain or weighting without a name, ErrInvalid for a fiscal month outside
// 1–12, ErrMismatch when the number of weights is wrong, ErrZeroWeights
// when the weighting gives every period zero (a span with no working days
// split by working days), and the errors of Allocate.
func SplitTime(total decimal.Decimal, start, end time.Time, grain Grain, places int32, opts *SplitOptions) ([]PeriodTarget, error) {
	var o SplitOptions
	if opts != nil {
		o = *opts
	}
	fy := o.FiscalYearStart
	if fy == 0 {
		fy = time.January
	}
	switch {
	case !end.After(start):
		word := "before"
		if end.Equal(start) {
			word = "the same as"
		}
		return nil, fieldErr("end", end.Format(time.RFC3339), fmt.Errorf("%w: end is %s start %s", ErrSpan, word, start.Format(time.RFC3339)))
	case !grainNames.valid(int(grain)):
		return nil, fieldErr("grain", grain.String(), ErrUnknownName)
	case fy < time.January || fy > time.December:
		return nil, fieldErr("opts.fiscal_year_start", strconv.Itoa(int(fy)), fmt.Errorf("%w: a month is 1 to 12", ErrInvalid))
	case !weightingNames.valid(int(o.Weighting)):
		return nil, fieldErr("opts.weighting", o.Weighting.String(), ErrUnknownName)
	case o.Weighting == Seasonal && len(o.Weights) != 12:
		return nil, fieldErr("opts.weights", strconv.Itoa(len(o.Weights))+" weights",
			fmt.Errorf("%w: seasonal weighting needs 12 monthly shares", ErrMismatch))
	}
	weightName := func(i int) string { return "opts.weights[" + strconv.Itoa(i) + "]" }
	for i, w := range o.Weights {
		if err := checkExp(weightName(i), w); err != nil {
			return nil, err
		}
	}
	if err := checkExp("total", total); err != nil {
		return nil, err
	}
	periods, err := periodsOf(start, end, grain, fy)
	if err != nil {
		return nil, err
	}
	if o.Weighting == Explicit && len(o.Weights) != len(periods) {
		return nil, fieldErr("opts.weights", strconv.Itoa(len(o.Weights))+" weights",
			fmt.Errorf("%w: the span has %d %ss", ErrMismatch, len(periods), grain))
	}
	out := make([]PeriodTarget, len(periods))
	weights := make([]decimal.Decimal, len(periods))
	one := decimal.NewFromInt(1)
	for i, p := range periods {
		from, to := dayNumber(p.Start), dayNumber(p.End)
		if p.End.Hour()|p.End.Minute()|p.End.Second()|p.End.Nanosecond() != 0 {
			to++ // a span ending mid-day covers part of its last date
		}
		out[i] = PeriodTarget{Label: p.Label, Start: p.Start, End: p.End, Days: to - from, WorkingDays: workingDays(o.Calendar, from, to)}
		switch o.Weighting {
		case Even:
			weights[i] = one
		case CalendarDays:
			weights[i] = decimal.NewFromInt(int64(out[i].Days))
		case WorkingDays:
			weights[i] = decimal.NewFromInt(int64(out[i].WorkingDays))
		case Seasonal:
			weights[i] = seasonalWeight(o.Weights, fy, from, to)
		case Explicit:
			weights[i] = o.Weights[i]
		}
		out[i].Weight = weights[i]
	}
	span := start.Format(time.DateOnly) + " to " + end.Format(time.DateOnly)
	names := weightNames{list: "opts.weights", item: weightName}
	switch o.Weighting {
	case WorkingDays:
		names.zero = func() error {
			return fieldErr("opts.weighting", o.Weighting.String(), fmt.Errorf("%w: no working day from %s", ErrZeroWeights, span))
		}
	case Seasonal:
		if err := checkDecimals(o.Weights, weightNames{list: "opts.weights", item: weightName, zero: func() error { return nil }}); err != nil {
			return nil, err
		}
		names.zero = func() error {
			return fieldErr("opts.weights", "", fmt.Errorf("%w: the months from %s have no share", ErrZeroWeights, span))
		}
	}
	parts, err := allocate(total, weights, places, names)
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].Target = parts[i]
	}
	return out, nil
}

// monthLCM is lcm(28, 29, 30, 31): every month length divides it, so a
// seasonal weight pro-rated by days stays an exact decimal.
const monthLCM = 377580

// seasonalWeight is Σ over the months the day numbers [from, to) touch of
// share(month) × (days covered ÷ days in month), scaled by monthLCM.
func seasonalWeight(shares []decimal.Decimal, fy time.Month, from, to int) decimal.Decimal {
	var w decimal.Decimal
	for d := from; d < to; {
		date := dateOfDays(d)
		first := Date{date.Year, date.Month, 1}.days()
		next := first + daysIn(date.Year, date.Month)
		covered := min(next, to) - d
		idx := (int(date.Month) - int(fy) + 12) % 12
		w = w.Add(shares[idx].Mul(decimal.NewFromInt(int64(covered * (monthLCM / (next - first))))))
		d = min(next, to)
	}
	return w
}

// periodsOf cuts [start, end) into periods of grain, clipped to the span.
func periodsOf(start, end time.Time, grain Grain, fy time.Month) ([]Period, error) {
	loc := start.Location()
	end = end.In(loc)
	var out []Period
	cur := start
	for cur.Before(end) {
		if len(out) == maxPeriods {
			return nil, fieldErr("end", end.Format(time.RFC3339), fmt.Errorf("%w: more than %d %ss", ErrSpan, maxPeriods, grain))
		}
		y, m, d := cur.Date()
		var next time.Time
		var label string
		switch grain {
		case Quarter:
			off := (int(m) - int(fy) + 12) % 12 // months into the fiscal year
			q := off / 3
			qStartMonth := m - time.Month(off%3)
			next = time.Date(y, qStartMonth+3, 1, 0, 0, 0, 0, loc)
			fyYear := y
			if int(m) < int(fy) {
				fyYear--
			}
			if fy == time.January {
				label = fmt.Sprintf("%d-Q%d", fyYear, q+1)
			} else {
				label = fmt.Sprintf("FY%d-Q%d", fyYear, q+1)
			}
		case Month:
			next = time.Date(y, m+1, 1, 0, 0, 0, 0, loc)
			label = fmt.Sprintf("%04d-%02d", y, int(m))
		case Week:
			wd := (int(cur.Weekday()) + 6) % 7 // 0 = Monday
			next = time.Date(y, m, d+7-wd, 0, 0, 0, 0, loc)
			iy, iw := cur.ISOWeek()
			label = fmt.Sprintf("%04d-W%02d", iy, iw)
		case Day:
			next = time.Date(y, m, d+1, 0, 0, 0, 0, loc)
			label = fmt.Sprintf("%04d-%02d-%02d", y, int(m), d)
		}
		if next.After(end) {
			next = end
		}
		out = append(out, Period{Label: label, Start: cur, End: next})
		cur = next
	}
	return out, nil
}
