package target

import (
	"fmt"
	"strconv"
	"time"

	"github.com/shopspring/decimal"
)

// SplitOptions are the optional settings of SplitTime and SplitNested. The
// zero value splits evenly over calendar-year periods with a
// Monday-to-Friday calendar; each field defaults on its own.
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

// SplitTime splits total over the calendar dates [start, end) into periods
// of the given grain, rounded to places decimal places, adding up to total
// exactly (see Allocate for the rounding rule). Periods straddling the
// span's edges are clipped to it, so a span that starts on a Wednesday
// begins with a short week. Dates carry no time of day and no zone, so the
// split is the same wherever it is made; read a stored midnight with
// MidnightDate, which refuses one read in the wrong zone.
//
// The weights come from opts (nil means even): even, calendar days, working
// days under opts.Calendar, seasonal monthly shares, or explicit per period.
//
// SplitTime returns a *FieldError wrapping ErrDate for a start or end that
// is not a valid date, ErrSpan when end is not after start or the span
// needs more than 100,000 periods, ErrUnknownName for a grain or weighting
// without a name, ErrInvalid for a fiscal month outside 1–12, ErrMismatch
// when the number of weights is wrong, ErrZeroWeights when the weighting
// gives every period zero (a span with no working days split by working
// days), and the errors of Allocate.
func SplitTime(total decimal.Decimal, start, end Date, grain Grain, places int32, opts *SplitOptions) ([]PeriodTarget, error) {
	o, fy, err := checkSplit(total, start, end, opts)
	if err != nil {
		return nil, err
	}
	if !grainNames.valid(int(grain)) {
		return nil, fieldErr("grain", grain.String(), ErrUnknownName)
	}
	periods, err := periodsOf(start, end, grain, fy, nil)
	if err != nil {
		return nil, err
	}
	if o.Weighting == Explicit && len(o.Weights) != len(periods) {
		return nil, fieldErr("opts.weights", strconv.Itoa(len(o.Weights))+" weights",
			fmt.Errorf("%w: the span has %d %ss", ErrMismatch, len(periods), grain))
	}
	out := weigh(periods, o, fy)
	if o.Weighting == Explicit {
		for i := range out {
			out[i].Weight = o.Weights[i]
		}
	}
	if err := share(total, out, places, o, start, end); err != nil {
		return nil, err
	}
	return out, nil
}

// checkSplit checks what SplitTime and SplitNested share and returns the
// options with the fiscal year start resolved.
func checkSplit(total decimal.Decimal, start, end Date, opts *SplitOptions) (SplitOptions, time.Month, error) {
	var o SplitOptions
	if opts != nil {
		o = *opts
	}
	fy := o.FiscalYearStart
	if fy == 0 {
		fy = time.January
	}
	if err := checkSpan("start", "end", start, end); err != nil {
		return o, fy, err
	}
	switch {
	case fy < time.January || fy > time.December:
		return o, fy, fieldErr("opts.fiscal_year_start", strconv.Itoa(int(fy)), fmt.Errorf("%w: a month is 1 to 12", ErrInvalid))
	case !weightingNames.valid(int(o.Weighting)):
		return o, fy, fieldErr("opts.weighting", o.Weighting.String(), ErrUnknownName)
	case o.Weighting == Seasonal && len(o.Weights) != 12:
		return o, fy, fieldErr("opts.weights", strconv.Itoa(len(o.Weights))+" weights",
			fmt.Errorf("%w: seasonal weighting needs 12 monthly shares", ErrMismatch))
	}
	if o.Weighting == Seasonal || o.Weighting == Explicit {
		// Negative or out-of-range weights, every one; all-zero is judged
		// on the periods they weigh.
		names := optsWeights()
		names.zero = func() error { return nil }
		if err := checkDecimals(o.Weights, names); err != nil {
			return o, fy, err
		}
	}
	if err := checkExp("total", total); err != nil {
		return o, fy, err
	}
	return o, fy, nil
}

// checkSpan reports a start or end that is not a valid date, and an end
// that is not after the start.
func checkSpan(startField, endField string, start, end Date) error {
	switch {
	case !start.IsValid():
		return fieldErr(startField, start.String(), ErrDate)
	case !end.IsValid():
		return fieldErr(endField, end.String(), ErrDate)
	case end.Before(start):
		return fieldErr(endField, end.String(), fmt.Errorf("%w: end is before start %s", ErrSpan, start))
	case end == start:
		return fieldErr(endField, end.String(), fmt.Errorf("%w: end is start %s; the period [start, end) is empty", ErrSpan, start))
	}
	return nil
}

func optsWeights() weightNames {
	return weightNames{list: "opts.weights", item: func(i int) string { return "opts.weights[" + strconv.Itoa(i) + "]" }}
}

// weigh returns the periods as period targets with their days, working
// days and weights (Explicit weights aside: the caller sets those).
func weigh(periods []Period, o SplitOptions, fy time.Month) []PeriodTarget {
	out := make([]PeriodTarget, len(periods))
	one := decimal.NewFromInt(1)
	for i, p := range periods {
		from, to := p.Start.days(), p.End.days()
		out[i] = PeriodTarget{Label: p.Label, Start: p.Start, End: p.End, Days: to - from, WorkingDays: workingDays(o.Calendar, from, to)}
		switch o.Weighting {
		case Even:
			out[i].Weight = one
		case CalendarDays:
			out[i].Weight = decimal.NewFromInt(int64(out[i].Days))
		case WorkingDays:
			out[i].Weight = decimal.NewFromInt(int64(out[i].WorkingDays))
		case Seasonal:
			out[i].Weight = seasonalWeight(o.Weights, fy, from, to)
		}
	}
	return out
}

// share allocates total over the periods by their weights, naming what the
// caller passed when the weights cannot split it. start and end bound the
// periods, for the message.
func share(total decimal.Decimal, periods []PeriodTarget, places int32, o SplitOptions, start, end Date) error {
	weights := make([]decimal.Decimal, len(periods))
	for i, p := range periods {
		weights[i] = p.Weight
	}
	span := start.String() + " to " + end.String()
	names := optsWeights()
	switch o.Weighting {
	case WorkingDays:
		names.zero = func() error {
			return fieldErr("opts.weighting", o.Weighting.String(), fmt.Errorf("%w: no working day from %s", ErrZeroWeights, span))
		}
	case Seasonal:
		names.zero = func() error {
			return fieldErr("opts.weights", "", fmt.Errorf("%w: the months from %s have no share", ErrZeroWeights, span))
		}
	}
	parts, err := allocate(total, weights, places, names)
	if err != nil {
		return err
	}
	for i := range periods {
		periods[i].Target = parts[i]
	}
	return nil
}

// monthLCM is lcm(28, 29, 30, 31): every month length divides it, so a
// seasonal weight pro-rated by days stays an exact decimal.
const monthLCM = 377580

// seasonalWeight is Σ over the months the day numbers [from, to) touch of
// share(month) × (days covered ÷ days in month), scaled by monthLCM. It is
// additive: the weights of two adjacent spans add up to the weight of both.
func seasonalWeight(shares []decimal.Decimal, fy time.Month, from, to int) decimal.Decimal {
	var w adder
	for d := from; d < to; {
		date := dateOfDays(d)
		first := Date{date.Year, date.Month, 1}.days()
		length := daysIn(date.Year, date.Month)
		next := first + length
		covered := min(next, to) - d
		idx := (int(date.Month) - int(fy) + 12) % 12
		w.add(shares[idx].Mul(decimal.NewFromInt(int64(covered * (monthLCM / length)))))
		d = min(next, to)
	}
	return w.sum()
}

// periodsOf cuts the dates [start, end) into periods of grain, clipped to
// the span, appending them to out.
func periodsOf(start, end Date, grain Grain, fy time.Month, out []Period) ([]Period, error) {
	n0 := len(out)
	for cur := start; cur.Before(end); {
		if len(out)-n0 == maxPeriods {
			return nil, fieldErr("end", end.String(), fmt.Errorf("%w: more than %d %ss from %s", ErrSpan, maxPeriods, grain, start))
		}
		var next Date
		var buf [16]byte
		label := buf[:0]
		switch grain {
		case Quarter:
			off := (int(cur.Month) - int(fy) + 12) % 12 // months into the fiscal year
			next = firstOfMonth(cur.Year, cur.Month-time.Month(off%3)+3)
			fyYear := cur.Year
			if cur.Month < fy {
				fyYear--
			}
			if fy != time.January {
				label = append(label, "FY"...)
			}
			label = append(appendPad(label, fyYear, 4), "-Q"...)
			label = strconv.AppendInt(label, int64(off/3+1), 10)
		case Month:
			next = firstOfMonth(cur.Year, cur.Month+1)
			label = appendPad(append(appendPad(label, cur.Year, 4), '-'), int(cur.Month), 2)
		case Week:
			n := cur.days()
			next = cur.AddDays(7 - weekdayIndex(n))
			y, w := isoWeek(n)
			label = appendPad(append(appendPad(label, y, 4), "-W"...), w, 2)
		case Day:
			next = cur.AddDays(1)
			label = cur.appendText(label)
		}
		if next.After(end) {
			next = end
		}
		out = append(out, Period{Label: string(label), Start: cur, End: next})
		cur = next
	}
	return out, nil
}

// firstOfMonth returns the first date of month m of year y, m counted on
// past December into the years after.
func firstOfMonth(y int, m time.Month) Date {
	y += int(m-1) / 12
	return Date{y, (m-1)%12 + 1, 1}
}

// isoWeek returns the ISO 8601 year and week of day number n: the week's
// Thursday decides the year.
func isoWeek(n int) (year, week int) {
	th := n + 3 - weekdayIndex(n)
	year = dateOfDays(th).Year
	return year, (th-Date{year, time.January, 1}.days())/7 + 1
}
