package funnel

import (
	"errors"
	"strconv"
	"strings"
)

// Sentinel errors. Functions wrap them, usually in a [*FieldError] that names
// the offending field, so callers match them with [errors.Is].
var (
	// ErrTooFewStages reports a stage list with fewer than two stages.
	ErrTooFewStages = errors.New("funnel: fewer than two stages")
	// ErrTooManyStages reports a stage list longer than [MaxStages].
	ErrTooManyStages = errors.New("funnel: too many stages")
	// ErrEmptyKey reports a stage without a key.
	ErrEmptyKey = errors.New("funnel: empty stage key")
	// ErrDuplicateStage reports two stages with the same key.
	ErrDuplicateStage = errors.New("funnel: duplicate stage key")
	// ErrNoWon reports a stage list without exactly one terminal won stage.
	ErrNoWon = errors.New("funnel: stage list needs exactly one won stage")
	// ErrNoOpen reports a stage list without an open stage.
	ErrNoOpen = errors.New("funnel: stage list needs an open stage")
	// ErrStageOrder reports an open stage listed after a terminal one.
	ErrStageOrder = errors.New("funnel: open stages must come before terminal stages")
	// ErrProbability reports a probability outside [0, 1] or not a number.
	ErrProbability = errors.New("funnel: probability outside [0, 1]")
	// ErrUnknownName reports a name that no enum value has.
	ErrUnknownName = errors.New("funnel: unknown name")

	// ErrEmptyDeal reports an event without a deal id.
	ErrEmptyDeal = errors.New("funnel: empty deal id")
	// ErrUnknownStage reports an event whose stage is not in the stage list.
	ErrUnknownStage = errors.New("funnel: unknown stage")
	// ErrTime reports a zero time or one outside 1900-01-01 to 2190-01-01 UTC.
	ErrTime = errors.New("funnel: time zero or out of range")
	// ErrAmount reports a negative amount, or one with more than 18 digits
	// after the decimal point or more than 36 before it, trailing zeros
	// aside: the rule is on the value, so 1e19 and 10000000000000000000 are
	// the same amount.
	ErrAmount = errors.New("funnel: amount negative or out of range")
	// ErrCapacity reports an analyzer that would hold more than 4,294,967,294
	// deals or events, or a deal id of more than 4,294,967,294 bytes.
	ErrCapacity = errors.New("funnel: analyzer capacity exceeded")

	// ErrMismatch reports analyzers or reports built on different stage
	// lists or options; the error that wraps it says what differs.
	ErrMismatch = errors.New("funnel: different stage lists or options")
	// ErrSelfMerge reports an analyzer merged into itself.
	ErrSelfMerge = errors.New("funnel: analyzer merged into itself")
	// ErrOption reports an invalid option value.
	ErrOption = errors.New("funnel: invalid option")
	// ErrUnreconciled reports a pipeline flow whose opening, movements and
	// closing do not add up. It signals a defect in this package.
	ErrUnreconciled = errors.New("funnel: pipeline flow does not reconcile")

	// ErrEmptyAgent reports a call record without an agent.
	ErrEmptyAgent = errors.New("funnel: empty agent")
	// ErrDuration reports a negative call duration, or JSON for a duration
	// that is not a number of seconds within the range of a time.Duration.
	ErrDuration = errors.New("funnel: duration negative or out of range")
	// ErrOutcome reports a call outcome that is not one of the defined values.
	ErrOutcome = errors.New("funnel: invalid call outcome")
)

// FieldError reports a bad value in one field of the caller's input. Field is
// the path the caller wrote: the JSON path for data ("stages[2].key",
// "events[7].stage"), the parameter name for an argument ("alpha", "from",
// "opts.deals"). Value is the offending value as text, empty when quoting it
// would not help. Err is one of the package's sentinel errors, possibly
// wrapped with detail; FieldError unwraps to it, so errors.Is(err, ErrX)
// holds.
type FieldError struct {
	Field string
	Value string
	Err   error
}

// Error returns `funnel: FIELD "VALUE": MESSAGE`, the value quoted as by
// strconv.Quote and left out when empty, and MESSAGE the wrapped error's
// text without its "funnel: " prefix ("invalid value" when Err is nil).
func (e *FieldError) Error() string {
	msg := "invalid value"
	if e.Err != nil {
		msg = strings.TrimPrefix(e.Err.Error(), "funnel: ")
	}
	var b strings.Builder
	b.WriteString("funnel: ")
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

// prefixField returns err with prefix prepended to its field path when err is
// a *FieldError, and err unchanged otherwise.
func prefixField(prefix string, err error) error {
	var fe *FieldError
	if errors.As(err, &fe) {
		return &FieldError{Field: prefix + "." + fe.Field, Value: fe.Value, Err: fe.Err}
	}
	return err
}
