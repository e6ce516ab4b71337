package incentive

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// The sentinel errors. Every error the package returns wraps one of them,
// usually inside a *FieldError that names the path of the bad value.
var (
	// ErrUnknownName reports a name that no value of an enum has.
	ErrUnknownName = errors.New("incentive: unknown name")
	// ErrEmpty reports a required identifier or date left empty.
	ErrEmpty = errors.New("incentive: missing value")
	// ErrDuplicate reports an identifier used twice where it must be unique:
	// a rep, a component version, a transaction, a split's rep.
	ErrDuplicate = errors.New("incentive: duplicate")
	// ErrUnknownRep reports a rep (in a split, a manager field, a metric or a
	// locked statement) that the plan does not list.
	ErrUnknownRep = errors.New("incentive: rep is not in the plan")
	// ErrUnknownType reports a component type that is neither built in nor
	// in the Registry.
	ErrUnknownType = errors.New("incentive: unknown rule type")
	// ErrTiers reports tiers that are unsorted, overlap, leave a gap or do not
	// start at zero.
	ErrTiers = errors.New("incentive: tiers out of order")
	// ErrNegative reports a negative rate, amount, quota, cap or share.
	ErrNegative = errors.New("incentive: negative value")
	// ErrShares reports a transaction's revenue split shares that do not add
	// up to exactly 1, or an overlay split the plan does not allow.
	ErrShares = errors.New("incentive: split shares do not add up to 1")
	// ErrPlaces reports money with more decimal places than the plan's
	// currency has: crediting it would round money away.
	ErrPlaces = errors.New("incentive: more decimal places than the currency has")
	// ErrRange reports a value outside its allowed range: an amount beyond
	// 10^15, a rate above 100, dates in the wrong order.
	ErrRange = errors.New("incentive: value out of range")
	// ErrPeriod reports a date outside the plan, or plan bounds that do not
	// make whole periods.
	ErrPeriod = errors.New("incentive: invalid period")
	// ErrParam reports a component field that its type does not take, or a
	// field its type needs and lacks.
	ErrParam = errors.New("incentive: parameter does not fit the rule")
	// ErrWeights reports scorecard weights that do not add up to exactly 1.
	ErrWeights = errors.New("incentive: weights do not add up to 1")
	// ErrOrgTree reports managers that form a cycle.
	ErrOrgTree = errors.New("incentive: managers form a cycle")
	// ErrPayments reports payments that do not fit their deal: more than its
	// amount, before its booking, or both paid and payments given.
	ErrPayments = errors.New("incentive: payments do not fit the deal")
	// ErrLedger reports locked statements that do not fit the plan: a period
	// that is not one of the plan's, locked periods that are not the first
	// ones, a locked period at or after the one computed.
	ErrLedger = errors.New("incentive: locked statements do not fit the plan")
	// ErrRule reports a rule that failed or broke the Rule contract while
	// computing: an error, a panic, a line of a kind rules may not pay.
	ErrRule = errors.New("incentive: rule failed")
	// ErrRegistry reports a rule type that cannot be registered: an empty
	// name, a built-in name, a name registered twice, a nil constructor.
	ErrRegistry = errors.New("incentive: cannot register rule type")
	// ErrDecode reports plan JSON that does not decode: bad syntax, a field
	// of the wrong type, a field the plan has no place for.
	ErrDecode = errors.New("incentive: malformed plan")
	// ErrUnbalanced reports a statement whose lines do not add up to its
	// subtotals and payout.
	ErrUnbalanced = errors.New("incentive: statement does not add up")
	// ErrTooMany reports that more errors were found than are listed: a
	// call reports the first 100 bad values and counts the rest.
	ErrTooMany = errors.New("incentive: too many errors")
)

// FieldError reports a bad value in one field of the caller's input. Field is
// the path the caller wrote: the JSON path for data ("components[1].tiers[2].from"), the
// parameter name for an argument ("asOf", "weights[3]"). Value is the
// offending value as text, empty when quoting it would not help. Err is one of
// the package's sentinel errors, possibly wrapped with detail; FieldError
// unwraps to it, so errors.Is(err, ErrX) holds.
type FieldError struct {
	Field string
	Value string
	Err   error
}

// Error returns `incentive: FIELD "VALUE": MESSAGE`, the value quoted as by
// strconv.Quote and left out when empty, and MESSAGE the wrapped error's
// text without its "incentive: " prefix ("invalid value" when Err is nil).
func (e *FieldError) Error() string {
	msg := "invalid value"
	if e.Err != nil {
		msg = strings.TrimPrefix(e.Err.Error(), "incentive: ")
	}
	var b strings.Builder
	b.WriteString("incentive: ")
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

// because wraps sentinel with a sentence in the caller's terms:
// because(ErrRange, "cancelled %s is before booked %s", c, b).
func because(sentinel error, format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{sentinel}, args...)...)
}
