package lifecycle

import (
	"strconv"
	"time"
)

// Date is a calendar date: a year, a month and a day, with no time of day and
// no location. A pause's planned resume date is a date, not a midnight: a
// midnight moves with the zone it is read in, and on some days does not
// exist. Date encodes as text in ISO 8601 form, "2025-10-01".
//
// The zero Date is not a valid date; it stands for "no date" and encodes as
// empty text, so a draft that lacks one still saves (a struct field that
// may hold it is tagged omitzero and left out).
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf returns the date of t in t's own location; pass t.In(loc) to read
// it in another.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// ParseDate parses "2006-01-02". Other text, or a date that does not exist
// (2025-06-31, 0000-01-01), is a *FieldError wrapping ErrDate.
func ParseDate(s string) (Date, error) {
	// time.Parse checks the day against the month's length, but takes
	// year 0.
	t, err := time.Parse(time.DateOnly, s)
	if d := DateOf(t); err == nil && len(s) == len(time.DateOnly) && d.IsValid() {
		return d, nil
	}
	return Date{}, fieldErr("date", s, ErrDate)
}

// MustDate is ParseDate for literals in tests and examples: it panics on bad
// text.
func MustDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// IsValid reports whether d is a date that exists, in years 1 to 9999.
func (d Date) IsValid() bool {
	return d.Year >= 1 && d.Year <= 9999 && d.Month >= time.January && d.Month <= time.December &&
		d.Day >= 1 && d.Day <= daysIn(d.Year, d.Month)
}

// String returns d as "2006-01-02" (or "Date(2025-06-31)" style text for an
// invalid date, which has no text form).
func (d Date) String() string {
	s := pad(d.Year, 4) + "-" + pad(int(d.Month), 2) + "-" + pad(d.Day, 2)
	if !d.IsValid() {
		return "Date(" + s + ")"
	}
	return s
}

// MarshalText encodes d as "2006-01-02", and the zero Date as empty text;
// any other invalid d is a *FieldError wrapping ErrDate.
func (d Date) MarshalText() ([]byte, error) {
	if d.IsZero() {
		return []byte{}, nil
	}
	if !d.IsValid() {
		return nil, fieldErr("date", d.String(), ErrDate)
	}
	return []byte(d.String()), nil
}

// UnmarshalText decodes "2006-01-02", as ParseDate does, and empty text as
// the zero Date.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// AddDays returns the date n calendar days after d (before, for negative n).
func (d Date) AddDays(n int) Date { return dateOfDays(d.days() + n) }

// Sub returns the number of calendar days from e to d: d.Sub(e) is 1 when d
// is the day after e.
func (d Date) Sub(e Date) int { return d.days() - e.days() }

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int {
	switch a, b := d.days(), e.days(); {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Before reports whether d is before e; After whether it is after.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// After reports whether d is after e.
func (d Date) After(e Date) bool { return d.Compare(e) > 0 }

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday { return time.Weekday((d.days()%7 + 11) % 7) } // 1970-01-01 was a Thursday

// In returns the first instant of d in loc: its midnight, or, where a
// daylight-saving change skips midnight (America/Santiago, Asia/Beirut), the
// first instant after the gap.
func (d Date) In(loc *time.Location) time.Time {
	t := time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
	for DateOf(t).Before(d) { // time.Date moved into the previous day
		t = t.Add(time.Duration(60-t.Minute()) * time.Minute).Truncate(time.Minute)
	}
	return t
}

// days returns the number of days from 1970-01-01 to d (Howard Hinnant's
// days_from_civil).
func (d Date) days() int {
	y, m := d.Year, int(d.Month)
	if m <= 2 {
		y--
	}
	era := y
	if era < 0 {
		era -= 399
	}
	era /= 400
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d.Day - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// dateOfDays is the inverse of days (civil_from_days).
func dateOfDays(n int) Date {
	n += 719468
	era := n
	if era < 0 {
		era -= 146096
	}
	era /= 146097
	doe := n - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	day := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return Date{y, time.Month(m), day}
}

func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func pad(v, width int) string {
	s := strconv.Itoa(v)
	for len(s) < width {
		s = "0" + s
	}
	return s
}
