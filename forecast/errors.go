package forecast

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Sentinel errors. Functions wrap them, usually in a [*FieldError] naming the
// offending field or parameter, so callers match them with [errors.Is].
var (
	// ErrUnknownName reports a name that no value of an enum has.
	ErrUnknownName = errors.New("forecast: unknown name")

	// ErrStage reports a stage list that cannot be used: no stages, a stage
	// without a key, two stages with one key, no won stage, or a stage whose
	// probability or category contradicts its outcome.
	ErrStage = errors.New("forecast: invalid stage list")
	// ErrUnknownStage reports a deal whose stage is not in the stage list.
	ErrUnknownStage = errors.New("forecast: unknown stage")
	// ErrProbability reports a probability outside [0, 1], not a number, or
	// contradicting the deal's outcome.
	ErrProbability = errors.New("forecast: probability outside [0, 1]")
	// ErrCategory reports a forecast category a deal or stage may not take.
	ErrCategory = errors.New("forecast: category not allowed")
	// ErrAmount reports a money amount that is negative, has more decimal
	// places than the places in use, or is too large to hold.
	ErrAmount = errors.New("forecast: amount out of range")
	// ErrPlaces reports a number of decimal places outside [0, 9].
	ErrPlaces = errors.New("forecast: places outside [0, 9]")
	// ErrDuplicate reports two records with the same identity: two deals
	// with one id in a snapshot, two adjustments of one number.
	ErrDuplicate = errors.New("forecast: duplicate")
	// ErrOption reports an option outside its documented range.
	ErrOption = errors.New("forecast: invalid option")

	// ErrMismatch reports accumulators built with different settings.
	ErrMismatch = errors.New("forecast: different settings")
	// ErrSelfMerge reports an accumulator merged into itself.
	ErrSelfMerge = errors.New("forecast: accumulator merged into itself")
	// ErrEncoding reports bytes that are not an encoding this package wrote.
	ErrEncoding = errors.New("forecast: malformed encoding")
	// ErrVersion reports an encoding of a version this package cannot read.
	ErrVersion = errors.New("forecast: unsupported encoding version")

	// ErrOrg reports an org tree that is not a tree: a unit without a key,
	// two units with one key, a manager that is not a unit, or a cycle.
	ErrOrg = errors.New("forecast: invalid org tree")
	// ErrUnknownUnit reports an owner or unit that is not in the org tree.
	ErrUnknownUnit = errors.New("forecast: unknown unit")
	// ErrAdjustment reports an adjustment that cannot be applied: made by
	// someone other than the unit or its manager, of the omitted category,
	// or of a negative amount.
	ErrAdjustment = errors.New("forecast: invalid adjustment")

	// ErrSeries reports a series value that is not finite, or a series
	// with no values.
	ErrSeries = errors.New("forecast: series value not finite")
	// ErrTooShort reports a series too short for the model: fewer points
	// than its window, its parameters or two seasonal cycles need.
	ErrTooShort = errors.New("forecast: series too short for the model")
	// ErrModel reports a model specification that is incomplete or
	// contradictory.
	ErrModel = errors.New("forecast: invalid model")
	// ErrParams reports a smoothing parameter outside its bounds.
	ErrParams = errors.New("forecast: smoothing parameter out of bounds")
	// ErrInitial reports initial states of the wrong shape, not finite, or
	// not positive where multiplicative seasonality needs it.
	ErrInitial = errors.New("forecast: invalid initial states")
	// ErrDiverged reports a fit whose states or errors overflowed: the
	// model does not describe the series.
	ErrDiverged = errors.New("forecast: model diverged")
	// ErrHorizon reports a forecast horizon below 1 or above MaxHorizon.
	ErrHorizon = errors.New("forecast: horizon out of range")
	// ErrLength reports two series that should have one length and do not.
	ErrLength = errors.New("forecast: lengths differ")

	// ErrOutcome reports a closed deal that is neither won nor lost.
	ErrOutcome = errors.New("forecast: closed deal neither won nor lost")
	// ErrField reports a scoring field without a name.
	ErrField = errors.New("forecast: empty field name")
	// ErrNoHistory reports a win model asked to score before it has learnt
	// from any closed deal.
	ErrNoHistory = errors.New("forecast: no closed deals learnt")
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

// Error returns `forecast: FIELD "VALUE": MESSAGE`, the value quoted as by
// strconv.Quote and left out when empty, and MESSAGE the wrapped error's
// text without its "forecast: " prefix ("invalid value" when Err is nil).
func (e *FieldError) Error() string {
	msg := "invalid value"
	if e.Err != nil {
		msg = strings.TrimPrefix(e.Err.Error(), "forecast: ")
	}
	var b strings.Builder
	b.WriteString("forecast: ")
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

// wrap returns err with detail appended: "forecast: message: detail".
func wrap(err error, detail string) error { return fmt.Errorf("%w: %s", err, detail) }

// joinErrs returns nil for no errors, the error itself for one, and
// errors.Join of all of them otherwise.
func joinErrs(errs []error) error {
	switch len(errs) {
	case 0:
		return nil
	case 1:
		return errs[0]
	}
	return errors.Join(errs...)
}

// formatFloat writes f the shortest way that reads back as f.
func formatFloat(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }
