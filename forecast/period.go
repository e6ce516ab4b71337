package forecast

import "time"

// Grain is the length of a forecast period. The zero value is Month.
type Grain int

// The period lengths.
const (
	// Month is a calendar month.
	Month Grain = iota
	// Quarter is three months, starting from the fiscal year's first month.
	Quarter
	// Year is a fiscal year of twelve months.
	Year
)

var grainNames = enumNames{"month", "quarter", "year"}

// String returns the wire name of g ("month", "quarter", "year"), or
// "Grain(n)".
func (g Grain) String() string { return grainNames.str("Grain", int(g)) }

// MarshalText encodes g as its name; a value without one is a *FieldError
// wrapping [ErrUnknownName].
func (g Grain) MarshalText() ([]byte, error) { return grainNames.text("grain", "Grain", int(g)) }

// UnmarshalText decodes "month", "quarter" or "year"; any other text is a
// *FieldError wrapping [ErrUnknownName].
func (g *Grain) UnmarshalText(b []byte) error {
	v, err := grainNames.parse("grain", b)
	if err != nil {
		return err
	}
	*g = Grain(v)
	return nil
}

// months returns the number of months in a period of grain g.
func (g Grain) months() int {
	switch g {
	case Quarter:
		return 3
	case Year:
		return 12
	}
	return 1
}

// Period is a forecast period: the calendar dates from Start up to but not
// including End. The zero Period is empty and invalid.
type Period struct {
	Start Date `json:"start,omitzero"`
	End   Date `json:"end,omitzero"`
}

// String returns p as an ISO 8601 interval, "2025-07-01/2025-10-01".
func (p Period) String() string { return p.Start.String() + "/" + p.End.String() }

// Contains reports whether d lies in p: on or after Start, before End.
func (p Period) Contains(d Date) bool { return !d.Before(p.Start) && d.Before(p.End) }

// PeriodOf returns the period of grain g that contains d, with fiscal years
// starting on the first day of fiscalYearStart (zero means January). A
// quarter is three months counted from the fiscal year's start: with
// fiscalYearStart April, 2025-05-20 is in [2025-04-01, 2025-07-01). d must
// be a valid date; the result for an invalid one is the zero Period.
func PeriodOf(d Date, g Grain, fiscalYearStart time.Month) Period {
	if !d.IsValid() || fiscalYearStart < 0 || fiscalYearStart > time.December || g < Month || g > Year {
		return Period{}
	}
	if fiscalYearStart == 0 {
		fiscalYearStart = time.January
	}
	n := g.months()
	// months since the fiscal origin, counted from year 0
	m := d.Year*12 + int(d.Month-1) - int(fiscalYearStart-1)
	first := m - mod(m, n)
	start := monthStart(first + int(fiscalYearStart-1))
	end := monthStart(first + n + int(fiscalYearStart-1))
	return Period{start, end}
}

// monthStart returns the first day of month m counted from January of year 0.
func monthStart(m int) Date {
	return Date{Year: m / 12, Month: time.Month(m%12 + 1), Day: 1}
}

func mod(a, n int) int {
	r := a % n
	if r < 0 {
		r += n
	}
	return r
}
