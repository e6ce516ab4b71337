package risk

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// Sentinel errors. Every error the package returns wraps one of these (or
// [ErrDate]), so a caller can branch with [errors.Is]; most arrive inside a
// [*FieldError] naming the offending field and value, several at once joined
// by [errors.Join].
var (
	// ErrUnknownName reports a name that no value of an enum has.
	ErrUnknownName = errors.New("risk: unknown name")
	// ErrMatrix reports an inconsistent matrix: a scale with too few or
	// too many levels, values or bands that do not rise, a missing or
	// unknown cell rating, ratings that fall as probability or impact rise.
	ErrMatrix = errors.New("risk: inconsistent matrix")
	// ErrInvalid reports a value that is not valid for its field: a missing
	// identifier, a probability outside (0, 1], a negative amount.
	ErrInvalid = errors.New("risk: invalid value")
	// ErrLevel reports a probability or impact the matrix cannot place: an
	// unknown level key, a value below the first band, or a measure the
	// matrix has no bands for.
	ErrLevel = errors.New("risk: no such level")
	// ErrStrategy reports a response that does not fit its risk: a threat
	// strategy on an opportunity or the reverse, or a residual that
	// contradicts the strategy.
	ErrStrategy = errors.New("risk: strategy does not fit")
	// ErrRange reports a decimal with too many digits or too large an
	// exponent (see [MaxDigits]), or a count beyond a stated limit.
	ErrRange = errors.New("risk: out of range")
	// ErrDuplicate reports two risks (or deals, or options) with the same
	// identifier.
	ErrDuplicate = errors.New("risk: duplicate identifier")
	// ErrTree reports a malformed decision tree: a node of no kind, a
	// chance node whose probabilities do not add up to one, a terminal node
	// with children, a tree too deep or too large.
	ErrTree = errors.New("risk: malformed decision tree")
	// ErrOption reports a bad option or policy field.
	ErrOption = errors.New("risk: invalid option")
	// ErrMismatch reports accumulators that cannot be merged: built for
	// matrices with different levels or ratings.
	ErrMismatch = errors.New("risk: accumulators do not match")
	// ErrFormat reports bytes that are not an accumulator's binary form:
	// an unknown version or kind, truncated or trailing data, a value out
	// of range, or totals that do not add up.
	ErrFormat = errors.New("risk: invalid binary form")
)

// FieldError reports a bad value in one field of the caller's input. Field is
// the path the caller wrote: the JSON path for data ("stages[2].key"), the
// parameter name for an argument ("asOf", "weights[3]"). Value is the
// offending value as text, empty when quoting it would not help. Err is one of
// the package's sentinel errors, possibly wrapped with detail; FieldError
// unwraps to it, so errors.Is(err, ErrX) holds.
type FieldError struct {
	Field string
	Value string
	Err   error
}

// Error returns `risk: FIELD "VALUE": MESSAGE`, the value quoted as by
// strconv.Quote and left out when empty, and MESSAGE the wrapped error's
// text without its "risk: " prefix ("invalid value" when Err is nil).
func (e *FieldError) Error() string {
	msg := "invalid value"
	if e.Err != nil {
		msg = strings.TrimPrefix(e.Err.Error(), "risk: ")
	}
	var b strings.Builder
	b.WriteString("risk: ")
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

// flatten returns the errors joined in err, recursively, in order.
func flatten(err error) []error {
	if err == nil {
		return nil
	}
	j, ok := err.(interface{ Unwrap() []error })
	if !ok {
		return []error{err}
	}
	var out []error
	for _, e := range j.Unwrap() {
		out = append(out, flatten(e)...)
	}
	return out
}

// checker collects the problems of one value. Fields are named by the
// caller's path: list[index].field for an element of a list (list set),
// else field alone. A field's name is built only for a problem, so
// checking a good value allocates nothing.
type checker struct {
	list  string
	index int
	errs  []error
}

// path returns the caller's path of field.
func (c *checker) path(field string) string {
	if c.list == "" {
		return field
	}
	return c.list + "[" + strconv.Itoa(c.index) + "]." + field
}

// add records err, a *FieldError naming a field of the value, with the
// value's path.
func (c *checker) add(err error) {
	if fe, ok := err.(*FieldError); ok && c.list != "" {
		err = fieldErr(c.path(fe.Field), fe.Value, fe.Err)
	}
	c.errs = append(c.errs, err)
}

// fail records a problem with field, wrapping sentinel with a message.
func (c *checker) fail(field, value string, sentinel error, format string, args ...any) {
	c.errs = append(c.errs, fieldErr(c.path(field), value, fmt.Errorf("%w: "+format, append([]any{sentinel}, args...)...)))
}

// name records a value that is not a name of its enum.
func (c *checker) name(field, value string) {
	c.errs = append(c.errs, fieldErr(c.path(field), value, ErrUnknownName))
}

// decimal records a decimal beyond MaxDigits or MaxExponent, naming it
// base+name, and reports whether d is within them.
func (c *checker) decimal(base, name string, d decimal.Decimal) bool {
	err := checkDecimal("", d)
	if err == nil {
		return true
	}
	fe := err.(*FieldError)
	c.errs = append(c.errs, fieldErr(c.path(base+name), fe.Value, fe.Err))
	return false
}

// err returns the problems joined, or nil.
func (c *checker) err() error { return errors.Join(c.errs...) }
