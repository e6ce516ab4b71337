package target

import (
	"fmt"
	"strconv"
	"time"

	"github.com/shopspring/decimal"
)

// Grain is the length of the periods SplitTime produces. The zero value is
// GrainInvalid.
type Grain int

// The grains.
const (
	GrainInvalid Grain = iota
	Quarter            // fiscal quarters; see SplitOptions.FiscalYearStart
	Month              // calendar months
	Week               // ISO 8601 weeks, Monday to Sunday
	Day                // calendar days
)

var grainNames = [...]string{"", "quarter", "month", "week", "day"}

// String returns "quarter", "month", "week" or "day".
func (g Grain) String() string {
	if g <= GrainInvalid || int(g) >= len(grainNames) {
		return fmt.Sprintf("Grain(%d)", int(g))
	}
	return grainNames[g]
}

// MarshalText encodes g as its name.
func (g Grain) MarshalText() ([]byte, error) {
	if g <= GrainInvalid || int(g) >= len(grainNames) {
		return nil, fieldErr("grain", g.String(), ErrInvalid)
	}
	return []byte(grainNames[g]), nil
}

// UnmarshalText decodes a grain name; an unknown name is an error.
func (g *Grain) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		return fieldErr("grain", `""`, ErrInvalid)
	}
	return unmarshalEnum(g, "grain", grainNames[:], b)
}

// Weighting says how SplitTime weighs the periods. The zero value is Even.
type Weighting int

// The weightings.
const (
	// Even gives every period the same weight, clipped periods included.
	Even Weighting = iota
	// CalendarDays weighs a period by its number of days.
	CalendarDays
	// WorkingDays weighs a period by its working days under the Calendar.
	WorkingDays
	// Seasonal weighs a period by seasonal shares of the months it covers:
	// SplitOptions.Weights holds 12 shares, one per month of the fiscal
	// year, such as last year's monthly actuals. A period covering part of
	// a month gets that month's share pro rata by calendar days.
	Seasonal
	// Explicit takes SplitOptions.Weights as one weight per period.
	Explicit
)

var weightingNames = [...]string{"even", "calendar_days", "working_days", "seasonal", "explicit"}

// String returns the weighting's lowercase name.
func (w Weighting) String() string {
	if w < 0 || int(w) >= len(weightingNames) {
		return fmt.Sprintf("Weighting(%d)", int(w))
	}
	return weightingNames[w]
}

// MarshalText encodes w as its name.
func (w Weighting) MarshalText() ([]byte, error) {
	if w < 0 || int(w) >= len(weightingNames) {
		return nil, fieldErr("weighting", w.String(), ErrInvalid)
	}
	return []byte(weightingNames[w]), nil
}

// UnmarshalText decodes a weighting name; an unknown name is an error.
func (w *Weighting) UnmarshalText(b []byte) error {
	return unmarshalEnum(w, "weighting", weightingNames[:], b)
}

// SplitOptions are the optional settings of SplitTime. The zero value splits
// evenly over calendar-year periods with a Monday-to-Friday calendar.
type SplitOptions struct {
	Weighting Weighting
	// Weights: 12 monthly shares for Seasonal, one per period for Explicit.
	Weights []decimal.Decimal
	// Calendar decides working days; nil means Monday to Friday.
	Calendar Calendar
	// FiscalYearStart is the first month of the fiscal year (zero means
	// January). It sets where quarters begin and the order of seasonal
	// shares. A fiscal year is named after the calendar year it starts in.
	FiscalYearStart time.Month
}

// Period is a half-open interval of time [Start, End) with a label such as
// "2025-Q1", "FY2025-Q3", "2025-03", "2025-W07" or "2025-03-14".
type Period struct {
	Label string    `json:"label"`
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
}

// Contains reports whether t lies in [Start, End).
func (p Period) Contains(t time.Time) bool { return !t.Before(p.Start) && t.Before(p.End) }

// PeriodTarget is one period of a time plan: its share of the total and the
// facts it was weighed by.
type PeriodTarget struct {
	Period
	Weight      decimal.Decimal `json:"weight"`
	Target      decimal.Decimal `json:"target"`
	Days        int             `json:"days"`
	WorkingDays int             `json:"working_days"`
}

// Equal reports whether p and q are the same period with the same numbers.
func (p PeriodTarget) Equal(q PeriodTarget) bool {
	return p.Label == q.Label && p.Start.Equal(q.Start) && p.End.Equal(q.End) &&
		p.Weight.Equal(q.Weight) && p.Target.Equal(q.Target) && p.Days == q.Days && p.WorkingDays == q.WorkingDays
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
// start or the span needs more than 100,000 periods, ErrInvalid for an
// unknown grain, weighting or fiscal month, ErrMismatch when the number of
// weights is wrong, and the errors of Allocate, such as ErrZeroWeights for a
// span with no working days split by working days.
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
		return nil, fieldErr("end", end.Format(time.RFC3339), ErrSpan)
	case grain <= GrainInvalid || grain > Day:
		return nil, fieldErr("grain", grain.String(), ErrInvalid)
	case fy < time.January || fy > time.December:
		return nil, fieldErr("opts.FiscalYearStart", strconv.Itoa(int(fy)), ErrInvalid)
	case o.Weighting < Even || o.Weighting > Explicit:
		return nil, fieldErr("opts.Weighting", o.Weighting.String(), ErrInvalid)
	case o.Weighting == Seasonal && len(o.Weights) != 12:
		return nil, fieldErr("opts.Weights", fmt.Sprintf("%d weights", len(o.Weights)),
			fmt.Errorf("%w: seasonal weighting needs 12 monthly shares", ErrMismatch))
	}
	for i, w := range o.Weights {
		if err := checkExp(fmt.Sprintf("opts.Weights[%d]", i), w); err != nil {
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
		return nil, fieldErr("opts.Weights", fmt.Sprintf("%d weights", len(o.Weights)),
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
		out[i] = PeriodTarget{Period: p, Days: to - from, WorkingDays: workingDays(o.Calendar, from, to)}
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
	parts, err := Allocate(total, weights, places)
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
		date := dateOfDay(d)
		first := civilDays(date.Year, date.Month, 1)
		next := civilDays(date.Year, date.Month+1, 1)
		if date.Month == time.December {
			next = civilDays(date.Year+1, time.January, 1)
		}
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
