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
	// ErrNoParts reports an allocation into zero parts.
	ErrNoParts = errors.New("target: nothing to allocate into")
	// ErrNegativeWeight reports a weight below zero.
	ErrNegativeWeight = errors.New("target: negative weight")
	// ErrZeroWeights reports weights that are all zero, so no share is defined.
	ErrZeroWeights = errors.New("target: all weights are zero")
	// ErrPlaces reports a number of decimal places outside [MinPlaces, MaxPlaces].
	ErrPlaces = errors.New("target: decimal places out of range")
	// ErrPrecision reports an amount with more decimal places than the split
	// may produce; splitting it would round money away.
	ErrPrecision = errors.New("target: amount has more decimal places than allowed")
	// ErrRange reports an amount too large for the form asked for, such as
	// a total beyond int64 units in AllocateParts.
	ErrRange = errors.New("target: amount out of range")
	// ErrSpan reports an empty or inverted period.
	ErrSpan = errors.New("target: invalid period")
	// ErrInvalid reports a value that is not valid for its field: an unknown
	// enum name, a missing identifier, a value out of its range.
	ErrInvalid = errors.New("target: invalid value")
	// ErrMismatch reports inputs whose lengths or totals disagree.
	ErrMismatch = errors.New("target: inputs do not match")
	// ErrTree reports a malformed organisation or goal tree: a duplicate or
	// unknown identifier, no root or several, or a cycle.
	ErrTree = errors.New("target: malformed tree")
)

// FieldError describes a bad input: which field, what value, and which
// sentinel error it is. Unwrap returns Err, so errors.Is(err, ErrNegativeWeight)
// holds for a *FieldError about a negative weight.
type FieldError struct {
	Field string // the input field, e.g. "weights[3]" or "goal.End"
	Value string // the offending value as text; empty if it does not help
	Err   error  // one of the package's sentinel errors
}

// Error returns "target: <field> = <value>: <reason>".
func (e *FieldError) Error() string {
	reason, _ := strings.CutPrefix(e.Err.Error(), "target: ")
	if e.Value == "" {
		return fmt.Sprintf("target: %s: %s", e.Field, reason)
	}
	return fmt.Sprintf("target: %s = %s: %s", e.Field, e.Value, reason)
}

// Unwrap returns the sentinel error.
func (e *FieldError) Unwrap() error { return e.Err }

// MaxExponent bounds the exponent of every decimal the package accepts:
// |exponent| ≤ 10,000, the range shopspring/decimal itself decodes from
// text. Larger exponents, which only arithmetic can make, would take
// unbounded time and memory to rescale, or overflow; they are rejected as
// ErrInvalid.
const MaxExponent = 10_000

// checkExp reports a decimal whose exponent lies outside ±MaxExponent.
func checkExp(field string, d decimal.Decimal) error {
	if e := d.Exponent(); e > MaxExponent || e < -MaxExponent {
		return fieldErr(field, "exponent "+strconv.Itoa(int(e)), fmt.Errorf("%w: exponent out of range", ErrInvalid))
	}
	return nil
}

func fieldErr(field, value string, err error) error {
	return &FieldError{Field: field, Value: value, Err: err}
}
