package target

import (
	"fmt"
	"time"
)

// Date is a calendar date without a time of day or a location. It encodes
// as text in ISO 8601 form, "2025-10-01". The zero value is not a valid date.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf returns the calendar date of t in t's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// MustDate returns the Date for "2006-01-02" text and panics on bad text. It
// is meant for literals in tests and examples; use ParseDate for input.
func MustDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// ParseDate parses "2006-01-02". It returns a *FieldError wrapping
// ErrInvalid for any other text or a date that does not exist.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fieldErr("date", fmt.Sprintf("%q", s), ErrInvalid)
	}
	return DateOf(t), nil
}

// In returns midnight at the start of d in loc.
func (d Date) In(loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
}

// String returns d as "2006-01-02".
func (d Date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day) }

// MarshalText encodes d as "2006-01-02".
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText decodes "2006-01-02".
func (d *Date) UnmarshalText(b []byte) error {
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// dayNumber returns the number of days from 1970-01-01 to t's calendar date
// in t's location: the seconds since the epoch on t's local clock, divided
// by the seconds in a day and rounded down.
func dayNumber(t time.Time) int {
	_, off := t.Zone()
	s := t.Unix() + int64(off)
	days := s / 86400
	if s%86400 < 0 {
		days--
	}
	return int(days)
}

// civilDays returns the number of days from 1970-01-01 to the date y-m-d
// (Howard Hinnant's days_from_civil).
func civilDays(y int, m time.Month, d int) int {
	if m <= 2 {
		y--
	}
	era := y
	if era < 0 {
		era -= 399
	}
	era /= 400
	yoe := y - era*400
	mp := (int(m) + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// Calendar says which days are working days. Implement it to plug in a
// company's own calendar; WeekdayCalendar covers public holidays and
// make-up working days.
type Calendar interface {
	// IsWorkingDay reports whether the calendar date d is a working day.
	IsWorkingDay(d Date) bool
}

// CalendarFunc adapts a function to the Calendar interface.
type CalendarFunc func(d Date) bool

// IsWorkingDay returns f(d).
func (f CalendarFunc) IsWorkingDay(d Date) bool { return f(d) }

// Holidays lists the exceptions to a Monday-to-Friday working week: public
// holidays that fall on weekdays (weekend dates may be listed too), and
// make-up working days that fall on weekends, as in mainland China's adjusted
// working weekends (调休). It is plain data; build a Calendar from it with
// NewWeekdayCalendar.
type Holidays struct {
	Name string `json:"name,omitempty"`
	Off  []Date `json:"off"`  // days off
	Work []Date `json:"work"` // make-up working days
}

// WeekdayCalendar is a Calendar whose working days are Monday to Friday,
// except its holidays, plus its make-up working days. The zero value is a
// plain Monday-to-Friday calendar. It is immutable and safe for concurrent use.
type WeekdayCalendar struct {
	off, work map[int]struct{}
}

// NewWeekdayCalendar builds a WeekdayCalendar from h. A date listed both as
// a day off and as a working day is an error wrapping ErrInvalid.
func NewWeekdayCalendar(h Holidays) (WeekdayCalendar, error) {
	c := WeekdayCalendar{off: make(map[int]struct{}, len(h.Off)), work: make(map[int]struct{}, len(h.Work))}
	for _, d := range h.Off {
		c.off[civilDays(d.Year, d.Month, d.Day)] = struct{}{}
	}
	for i, d := range h.Work {
		n := civilDays(d.Year, d.Month, d.Day)
		if _, dup := c.off[n]; dup {
			return WeekdayCalendar{}, fieldErr(fmt.Sprintf("work[%d]", i), d.String(), fmt.Errorf("%w: also listed as a day off", ErrInvalid))
		}
		c.work[n] = struct{}{}
	}
	return c, nil
}

// IsWorkingDay reports whether d is a working day.
func (c WeekdayCalendar) IsWorkingDay(d Date) bool {
	return c.isWorking(civilDays(d.Year, d.Month, d.Day))
}

// isWorking answers for a day number; 1970-01-01 (day 0) was a Thursday.
func (c WeekdayCalendar) isWorking(n int) bool {
	if _, ok := c.off[n]; ok {
		return false
	}
	if _, ok := c.work[n]; ok {
		return true
	}
	wd := ((n+3)%7 + 7) % 7 // 0 = Monday
	return wd < 5
}

// workingDays counts working days in the day numbers [from, to).
func workingDays(cal Calendar, from, to int) int {
	n := 0
	if wc, ok := cal.(WeekdayCalendar); ok || cal == nil {
		for d := from; d < to; d++ {
			if wc.isWorking(d) {
				n++
			}
		}
		return n
	}
	for d := from; d < to; d++ {
		if cal.IsWorkingDay(dateOfDay(d)) {
			n++
		}
	}
	return n
}

// dateOfDay is the inverse of civilDays.
func dateOfDay(n int) Date {
	z := n + 719468
	era := z
	if era < 0 {
		era -= 146096
	}
	era /= 146097
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return Date{y, time.Month(m), d}
}
