package forecast

import (
	"errors"
	"fmt"
	"strconv"
	"time"
)

// ErrDate reports text that is not a date of the form "2006-01-02", a date
// that does not exist, or an instant that is not the first instant of its
// date.
var ErrDate = errors.New("forecast: invalid date")

// Date is a calendar date: a year, a month and a day, with no time of day and
// no location. Plans, holidays and close dates are dates, not midnights:
// a midnight moves with the zone it is read in, and on some days does not
// exist. Date encodes as text in ISO 8601 form, "2025-10-01".
//
// The zero Date is not a valid date: it means "no date". Its text form is
// empty, so a draft saves with it and loads back ("start": ""); a struct
// field that may hold it is tagged omitzero, so a draft usually leaves it
// out.
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
// (2025-06-31), is a *FieldError wrapping ErrDate.
func ParseDate(s string) (Date, error) {
	// time.Parse checks the day against the month's length.
	t, err := time.Parse(time.DateOnly, s)
	if err != nil || len(s) != len(time.DateOnly) || !DateOf(t).IsValid() { // time.Parse takes year 0
		return Date{}, fieldErr("date", s, ErrDate)
	}
	return DateOf(t), nil
}

// MidnightDate returns the date of which t is the first instant in t's own
// location: its midnight, or the first instant after a daylight-saving gap
// that skips midnight. Any other instant is a *FieldError wrapping ErrDate:
// a date stored as a midnight in one zone and read back in another (a
// Shanghai midnight read in UTC is 16:00 the day before) is caught here
// instead of silently becoming the day before. Pass t.In(loc) for the zone
// the date was set in.
func MidnightDate(t time.Time) (Date, error) {
	d := DateOf(t)
	if !t.Equal(d.In(t.Location())) {
		return Date{}, fieldErr("t", t.Format(time.RFC3339Nano), fmt.Errorf("%w: not the first instant of a date in %s", ErrDate, t.Location()))
	}
	return d, nil
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
	var buf [24]byte
	s := string(d.appendText(buf[:0]))
	if !d.IsValid() {
		return "Date(" + s + ")"
	}
	return s
}

// appendText appends "2006-01-02" to b.
func (d Date) appendText(b []byte) []byte {
	b = appendPad(b, d.Year, 4)
	b = append(b, '-')
	b = appendPad(b, int(d.Month), 2)
	b = append(b, '-')
	return appendPad(b, d.Day, 2)
}

// MarshalText encodes d as "2006-01-02", and the zero Date as the empty
// text; any other invalid d is a *FieldError wrapping ErrDate.
func (d Date) MarshalText() ([]byte, error) {
	if d.IsZero() {
		return []byte{}, nil
	}
	if !d.IsValid() {
		return nil, fieldErr("date", d.String(), ErrDate)
	}
	return d.appendText(make([]byte, 0, 10)), nil
}

// UnmarshalText decodes "2006-01-02", as ParseDate does, and the empty text
// as the zero Date.
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
	// Year, month and day in turn: the order of days for valid dates, and
	// cheaper than counting days.
	switch a, b := d.key(), e.key(); {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// key orders dates as Compare does: year, then month, then day.
func (d Date) key() int { return (d.Year*16+int(d.Month))*32 + d.Day }

// Before reports whether d is before e; After whether it is after.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// After reports whether d is after e.
func (d Date) After(e Date) bool { return d.Compare(e) > 0 }

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday { return time.Weekday((d.days()%7 + 11) % 7) } // 1970-01-01 was a Thursday

// In returns the first instant of d in loc: its midnight, or, where a
// daylight-saving change skips midnight (America/Santiago, Asia/Beirut), the
// first instant after the gap. For a date the zone skips altogether
// (Pacific/Apia skipped 2011-12-30) it is the first instant of the day after.
func (d Date) In(loc *time.Location) time.Time {
	t := time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
	// time.Date picks one of the offsets in force around a midnight that
	// falls in a gap, and may land in the day before or after the gap's
	// end. So look at each zone period within a day and a bit of t: in a
	// period with offset off, the first instant whose wall clock reads d
	// or later is max(period start, midnight − off). The earliest of those
	// is the answer.
	midnight := time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC).Unix()
	var best time.Time
	for u, stop := t.Add(-30*time.Hour), t.Add(30*time.Hour); u.Before(stop); {
		start, end := u.ZoneBounds()
		_, off := u.Zone()
		c := time.Unix(midnight-int64(off), 0).In(loc)
		if !start.IsZero() && c.Before(start) {
			c = start
		}
		if (end.IsZero() || c.Before(end)) && (best.IsZero() || c.Before(best)) {
			best = c
		}
		if end.IsZero() {
			break
		}
		u = end
	}
	return best
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

// daysIn returns the number of days in month m (January to December) of
// year y (Gregorian).
//
// The lengths come from a table: a switch on the month mispredicts on
// dates spread over the year, which validating every deal's or event's
// date meets (forecast's BenchmarkPipeline1M, callgrind: 2.67 million
// mispredicted branches in Pipeline.Add with the switch, 2.39 million with
// the table). The same in every package that has a Date.
func daysIn(y int, m time.Month) int {
	if m == time.February && y%4 == 0 && (y%100 != 0 || y%400 == 0) {
		return 29
	}
	return int(monthDays[m])
}

// monthDays are the months' lengths in a common year, by time.Month.
var monthDays = [13]int8{0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}

// appendPad appends v in decimal, padded with zeros to width digits.
func appendPad(b []byte, v, width int) []byte {
	if v < 0 {
		b, v = append(b, '-'), -v
	}
	for n, p := 1, 10; n < width; n, p = n+1, p*10 {
		if v < p {
			b = append(b, '0')
		}
	}
	return strconv.AppendInt(b, int64(v), 10)
}
