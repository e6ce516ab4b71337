package target

import (
	"errors"
	"fmt"
	"strings"
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

func fieldErr(field, value string, err error) error {
	return &FieldError{Field: field, Value: value, Err: err}
}
