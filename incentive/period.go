package incentive

import (
	"strconv"
	"time"
)

// Grain is the length of a plan's periods, the spans it pays for. The zero
// value is Month.
type Grain int

// The period lengths.
const (
	Month    Grain = iota // one calendar month
	Quarter               // three months
	HalfYear              // six months
	Year                  // twelve months
)

var grainNames = enumNames{"month", "quarter", "half_year", "year"}

// String returns the wire name of g: "month", "quarter", "half_year",
// "year", or "Grain(n)".
func (g Grain) String() string { return grainNames.str("Grain", int(g)) }

// MarshalText encodes g as its name.
func (g Grain) MarshalText() ([]byte, error) { return grainNames.text("period", "Grain", int(g)) }

// UnmarshalText decodes a name; other text is a *FieldError wrapping
// ErrUnknownName.
func (g *Grain) UnmarshalText(b []byte) error {
	v, err := grainNames.parse("period", b)
	if err == nil {
		*g = Grain(v)
	}
	return err
}

// months returns the number of calendar months in a period of g.
func (g Grain) months() int {
	switch g {
	case Quarter:
		return 3
	case HalfYear:
		return 6
	case Year:
		return 12
	}
	return 1
}

// Period is one span a plan pays for: the calendar dates from Start up to,
// not including, End. The zero Period is empty.
type Period struct {
	Start Date `json:"start,omitzero"`
	End   Date `json:"end,omitzero"`
}

// Days returns the number of calendar dates in p.
func (p Period) Days() int { return p.End.Sub(p.Start) }

// Contains reports whether d is one of p's dates: Start ≤ d < End.
func (p Period) Contains(d Date) bool { return !d.Before(p.Start) && d.Before(p.End) }

// String names p the way a statement shows it: "2025-03" for a calendar
// month, "2025-Q1" for a calendar quarter, "2025-H2" for a calendar half
// year, "2025" for a calendar year, and "2025-04-15/2025-05-15" (start and
// end, end excluded) for any other span.
func (p Period) String() string {
	s, e := p.Start, p.End
	if s.Day == 1 && e.Day == 1 && s.IsValid() && e.IsValid() {
		m := (e.Year-s.Year)*12 + int(e.Month) - int(s.Month)
		y := string(appendPad(nil, s.Year, 4))
		switch {
		case m == 1:
			return y + "-" + string(appendPad(nil, int(s.Month), 2))
		case m == 3 && (s.Month-1)%3 == 0:
			return y + "-Q" + strconv.Itoa(int(s.Month-1)/3+1)
		case m == 6 && (s.Month-1)%6 == 0:
			return y + "-H" + strconv.Itoa(int(s.Month-1)/6+1)
		case m == 12 && s.Month == time.January:
			return y
		}
	}
	return s.String() + "/" + e.String()
}

// addMonths returns the date n calendar months after d. Plans start on day
// 1 to 28 of a month, so the day always exists.
func addMonths(d Date, n int) Date {
	m := int(d.Month) - 1 + n
	y := d.Year + m/12
	m %= 12
	if m < 0 {
		m += 12
		y--
	}
	return Date{y, time.Month(m + 1), d.Day}
}
