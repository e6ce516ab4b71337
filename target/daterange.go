package target

import (
	"fmt"
	"strings"
)

// DateRange is a run of calendar dates from First to Last, both included: a
// holiday of 1–7 October is one DateRange, not seven dates. It encodes as
// text in ISO 8601 interval form, "2025-10-01/2025-10-07", where the last
// date counts as a whole day, or as the single date "2025-10-01" when First
// and Last are the same day; both forms decode, so a list of plain dates is
// a list of one-day ranges.
//
// A valid DateRange has valid dates with Last not before First. The zero
// DateRange is not valid: it means "no range", and its text form is empty.
type DateRange struct {
	First Date
	Last  Date
}

// OneDay returns the range of the single date d.
func OneDay(d Date) DateRange { return DateRange{First: d, Last: d} }

// ParseDateRange parses "2006-01-02/2006-01-02" or "2006-01-02". A bad date,
// or a last date before the first, is a *FieldError wrapping ErrDate.
func ParseDateRange(s string) (DateRange, error) {
	a, b, isRange := strings.Cut(s, "/")
	first, err := ParseDate(a)
	if err != nil {
		return DateRange{}, fieldErr("date_range", s, ErrDate)
	}
	last := first
	if isRange {
		if last, err = ParseDate(b); err != nil {
			return DateRange{}, fieldErr("date_range", s, ErrDate)
		}
	}
	r := DateRange{First: first, Last: last}
	if err := r.check("date_range"); err != nil {
		return DateRange{}, err
	}
	return r, nil
}

// MustDateRange is ParseDateRange for literals in tests and examples: it
// panics on bad text.
func MustDateRange(s string) DateRange {
	r, err := ParseDateRange(s)
	if err != nil {
		panic(err)
	}
	return r
}

// IsZero reports whether r is the zero DateRange.
func (r DateRange) IsZero() bool { return r == DateRange{} }

// IsValid reports whether both dates exist and Last is not before First.
func (r DateRange) IsValid() bool { return r.check("") == nil }

// check reports an invalid range as a *FieldError naming field.
func (r DateRange) check(field string) error {
	switch {
	case !r.First.IsValid():
		return fieldErr(field, r.String(), fmt.Errorf("%w: first date %s does not exist", ErrDate, r.First))
	case !r.Last.IsValid():
		return fieldErr(field, r.String(), fmt.Errorf("%w: last date %s does not exist", ErrDate, r.Last))
	case r.Last.Before(r.First):
		return fieldErr(field, r.String(), fmt.Errorf("%w: last date is before the first", ErrDate))
	}
	return nil
}

// Days returns the number of dates in r, First and Last included; 0 for an
// invalid range.
func (r DateRange) Days() int {
	if !r.IsValid() {
		return 0
	}
	return r.Last.Sub(r.First) + 1
}

// Contains reports whether d lies in r, First and Last included.
func (r DateRange) Contains(d Date) bool { return !d.Before(r.First) && !d.After(r.Last) }

// String returns r as "2025-10-01/2025-10-07", or "2025-10-01" for one day.
func (r DateRange) String() string {
	if r.First == r.Last {
		return r.First.String()
	}
	return r.First.String() + "/" + r.Last.String()
}

// MarshalText encodes r as String does, and the zero DateRange as the
// empty text; any other invalid r is a *FieldError wrapping ErrDate.
func (r DateRange) MarshalText() ([]byte, error) {
	if r.IsZero() {
		return []byte{}, nil
	}
	if err := r.check("date_range"); err != nil {
		return nil, err
	}
	return []byte(r.String()), nil
}

// UnmarshalText decodes a range or a single date, as ParseDateRange does,
// and the empty text as the zero DateRange.
func (r *DateRange) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*r = DateRange{}
		return nil
	}
	v, err := ParseDateRange(string(b))
	if err != nil {
		return err
	}
	*r = v
	return nil
}
