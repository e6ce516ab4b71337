package funnel

import (
	"bytes"
	"strconv"
	"time"

	"github.com/shopspring/decimal"
)

// Durations in JSON are numbers of seconds, exact to the nanosecond, under
// keys ending "_seconds": JavaScript reads a count of nanoseconds exactly
// only up to 2⁵³ ns, about 104 days. The types holding a time.Duration
// encode it through seconds in their MarshalJSON and UnmarshalJSON.

// seconds is a time.Duration that encodes as a JSON number of seconds.
type seconds time.Duration

// MarshalJSON writes s as seconds with up to nine decimals: 90061.000000001.
func (s seconds) MarshalJSON() ([]byte, error) { return appendSeconds(nil, time.Duration(s)), nil }

// UnmarshalJSON reads a JSON number of seconds, rounded half away from zero
// to the nanosecond; null leaves s unchanged. Anything else, or a number
// outside the range of a time.Duration (about ±292 years), is a
// [*FieldError] wrapping [ErrDuration].
func (s *seconds) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		return nil
	}
	d, err := parseSeconds(b)
	if err != nil {
		return err
	}
	*s = seconds(d)
	return nil
}

// appendSeconds appends d as a number of seconds, exactly.
func appendSeconds(b []byte, d time.Duration) []byte {
	ns := int64(d)
	if ns < 0 {
		b = append(b, '-')
	}
	// Work on the magnitude as unsigned, so that the smallest Duration
	// does not overflow.
	u := uint64(ns)
	if ns < 0 {
		u = -u
	}
	b = strconv.AppendUint(b, u/1e9, 10)
	if frac := u % 1e9; frac != 0 {
		var digits [9]byte
		for i := 8; i >= 0; i-- {
			digits[i] = byte('0' + frac%10)
			frac /= 10
		}
		b = append(b, '.')
		b = append(b, bytes.TrimRight(digits[:], "0")...)
	}
	return b
}

// parseSeconds reads a JSON number of seconds as a duration, rounded half
// away from zero to the nanosecond.
func parseSeconds(b []byte) (time.Duration, error) {
	bad := func() (time.Duration, error) { return 0, fieldErr("seconds", string(b), ErrDuration) }
	if len(b) == 0 || b[0] == '"' {
		return bad()
	}
	d, err := decimal.NewFromString(string(b))
	if err != nil {
		return bad()
	}
	if d.IsZero() {
		return 0, nil
	}
	// |d| < 10^order: more than 10^10 seconds is out of range, less than
	// 10^-10 rounds to zero. Checking first keeps a huge exponent from
	// costing a huge rescale.
	order := int64(d.NumDigits()) + int64(d.Exponent())
	switch {
	case order > 11:
		return bad()
	case order < -10:
		return 0, nil
	}
	ns := d.Shift(9).Round(0)
	if !ns.IsInteger() || ns.Cmp(decimal.NewFromInt(minDuration)) < 0 || ns.Cmp(decimal.NewFromInt(maxDuration)) > 0 {
		return bad()
	}
	return time.Duration(ns.IntPart()), nil
}

const (
	minDuration = -1 << 63
	maxDuration = 1<<63 - 1
)
