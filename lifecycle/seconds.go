package lifecycle

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"time"
)

// seconds is a time.Duration that encodes in JSON as a number of seconds,
// written exactly: 90061.000000001 for 25h1m1s and a nanosecond. A JSON
// number of nanoseconds would pass 2^53, where JavaScript loses digits,
// after 104 days. Decoding reads json.Numbers with readSeconds, which
// knows the fields' names for its errors.
type seconds time.Duration

// MarshalJSON writes the duration as a JSON number of seconds, with as many
// decimals as it needs, at most nine.
func (s seconds) MarshalJSON() ([]byte, error) { return []byte(formatSeconds(time.Duration(s))), nil }

// readSeconds reads two JSON numbers of seconds, a in the field named
// aField and b in bField, into da and db: up to nine decimals exactly, other
// forms (an exponent, more decimals) rounded to the nearest nanosecond. A
// missing number is zero; a number outside the range of time.Duration is a
// [*FieldError] naming its field and wrapping [ErrDuration].
func readSeconds(da *time.Duration, aField string, a json.Number, db *time.Duration, bField string, b json.Number) error {
	for _, f := range []struct {
		d     *time.Duration
		field string
		n     json.Number
	}{{da, aField, a}, {db, bField, b}} {
		if f.n == "" {
			*f.d = 0
			continue
		}
		d, ok := parseSeconds(string(f.n))
		if !ok {
			return fieldErr(f.field, string(f.n), ErrDuration)
		}
		*f.d = d
	}
	return nil
}

// formatSeconds writes d in seconds, exactly.
func formatSeconds(d time.Duration) string {
	u := uint64(d)
	sign := ""
	if d < 0 {
		u, sign = -u, "-"
	}
	s := sign + strconv.FormatUint(u/1e9, 10)
	if ns := u % 1e9; ns != 0 {
		frac := strconv.FormatUint(ns+1e9, 10)[1:] // nine digits, leading zeros kept
		s += "." + strings.TrimRight(frac, "0")
	}
	return s
}

// parseSeconds reads a JSON number of seconds as a duration, and reports
// whether it is one.
func parseSeconds(s string) (time.Duration, bool) {
	text := strings.TrimPrefix(s, "-")
	whole, frac, _ := strings.Cut(text, ".")
	if whole != "" && len(frac) <= 9 && digits(whole) && digits(frac) && len(whole) <= 10 {
		sec, _ := strconv.ParseUint(whole, 10, 64)
		ns, _ := strconv.ParseUint(frac+"000000000"[len(frac):], 10, 64)
		total, neg := sec*1e9+ns, len(text) < len(s)
		switch {
		case total <= math.MaxInt64 && neg:
			return -time.Duration(total), true
		case total <= math.MaxInt64:
			return time.Duration(total), true
		case total == 1<<63 && neg:
			return math.MinInt64, true
		}
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.Abs(f*1e9) >= math.MaxInt64 {
		return 0, false
	}
	return time.Duration(math.Round(f * 1e9)), true
}

// digits reports whether s is made of ASCII digits only ("" is).
func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
