package target

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// Sentinel errors. Every error the package returns wraps one of these, so a
// caller can branch with [errors.Is]; most arrive inside a [*FieldError] that
// names the offending field and value.
var (
	// ErrUnknownName reports a name that no value of an enum has.
	ErrUnknownName = errors.New("target: unknown name")
	// ErrNoParts reports an allocation into zero parts.
	ErrNoParts = errors.New("target: nothing to allocate into")
	// ErrNegativeWeight reports a weight below zero.
	ErrNegativeWeight = errors.New("target: negative weight")
	// ErrZeroWeights reports weights that are all zero, so no share is defined.
	ErrZeroWeights = errors.New("target: all weights are zero")
	// ErrPlaces reports a number of decimal places outside [MinPlaces, MaxPlaces].
	ErrPlaces = errors.New("target: decimal places out of range")
	// ErrPrecision reports an amount finer than the unit a split rounds to,
	// 10^-places; splitting it would round money away.
	ErrPrecision = errors.New("target: amount is finer than the places allow")
	// ErrRange reports an amount too large for the form asked for, such as
	// a total beyond int64 units in AllocateParts.
	ErrRange = errors.New("target: amount out of range")
	// ErrSpan reports an empty or inverted period, or periods that overlap.
	ErrSpan = errors.New("target: invalid period")
	// ErrInvalid reports a value that is not valid for its field: a missing
	// identifier, a value out of its range.
	ErrInvalid = errors.New("target: invalid value")
	// ErrMismatch reports inputs whose lengths or totals disagree.
	ErrMismatch = errors.New("target: inputs do not match")
	// ErrTree reports a malformed organisation or goal tree: a duplicate or
	// unknown identifier, no root or several, or a cycle.
	ErrTree = errors.New("target: malformed tree")
)

// FieldError reports a bad value in one field of the caller's input. Field is
// the path the caller wrote: the JSON path for data ("plan[3].target",
// "units[2].weight"), the parameter name for an argument ("asOf",
// "weights[3]"). Value is the offending value as text, empty when quoting it
// would not help. Err is one of the package's sentinel errors, possibly
// wrapped with detail; FieldError unwraps to it, so errors.Is(err, ErrX)
// holds.
type FieldError struct {
	Field string
	Value string
	Err   error
}

// Error returns `target: FIELD "VALUE": MESSAGE`, the value quoted as by
// strconv.Quote and left out when empty, and MESSAGE the wrapped error's
// text without its "target: " prefix ("invalid value" when Err is nil).
func (e *FieldError) Error() string {
	msg := "invalid value"
	if e.Err != nil {
		msg = strings.TrimPrefix(e.Err.Error(), "target: ")
	}
	var b strings.Builder
	b.WriteString("target: ")
	b.WriteString(e.Field)
	if e.Value != "" {
		b.WriteByte(' ')
		b.WriteString(strconv.Quote(e.Value))
	}
	b.WriteString(": ")
	b.WriteString(msg)
	return b.String()
}

// Unwrap returns the sentinel error.
func (e *FieldError) Unwrap() error { return e.Err }

func fieldErr(field, value string, err error) error {
	return &FieldError{Field: field, Value: value, Err: err}
}

// MaxExponent bounds the exponent of every decimal the package accepts:
// |exponent| ≤ 10,000, the range shopspring/decimal itself decodes from
// text. Larger exponents, which only arithmetic can make, would take
// unbounded time and memory to rescale, or overflow; they are rejected as
// ErrInvalid.
const MaxExponent = 10_000

// checkExp reports a decimal whose exponent lies outside ±MaxExponent. The
// value is left out of the error: its text could run to billions of digits.
func checkExp(field string, d decimal.Decimal) error {
	if e := d.Exponent(); e > MaxExponent || e < -MaxExponent {
		return fieldErr(field, "", fmt.Errorf("%w: exponent %d is beyond ±%d", ErrInvalid, e, MaxExponent))
	}
	return nil
}
