package lifecycle

import (
	"errors"
	"strconv"
	"strings"
)

// Errors reported while building a [Definition]. Build wraps each in a
// [*FieldError] naming the offending field, and joins them all with
// [errors.Join], so every problem is reported at once.
var (
	// ErrEmptyKey means a state, trigger or item has an empty key.
	ErrEmptyKey = errors.New("lifecycle: empty key")
	// ErrDuplicateState means two states share a key.
	ErrDuplicateState = errors.New("lifecycle: duplicate state")
	// ErrDuplicateTrigger means two declared triggers share a key.
	ErrDuplicateTrigger = errors.New("lifecycle: duplicate trigger")
	// ErrDuplicateItem means two declared items share a key, or a gate or
	// a state's stay items list the same item twice.
	ErrDuplicateItem = errors.New("lifecycle: duplicate item")
	// ErrDuplicateTransition means two transitions leave the same state on
	// the same trigger.
	ErrDuplicateTransition = errors.New("lifecycle: two transitions for the same state and trigger")
	// ErrDuplicateGuard means a guard name was registered twice.
	ErrDuplicateGuard = errors.New("lifecycle: guard registered twice")
	// ErrNilGuard means a guard was registered as nil.
	ErrNilGuard = errors.New("lifecycle: nil guard")
	// ErrUnknownState means a transition, an instance or a history step
	// names a state the definition does not have.
	ErrUnknownState = errors.New("lifecycle: unknown state")
	// ErrUnknownItem means a gate or a state's stay items list an item the
	// definition does not declare.
	ErrUnknownItem = errors.New("lifecycle: unknown gate item")
	// ErrUnknownGuard means a transition names a guard that is not
	// registered with the Builder.
	ErrUnknownGuard = errors.New("lifecycle: unknown guard")
	// ErrNoInitial means no state has kind initial.
	ErrNoInitial = errors.New("lifecycle: no initial state")
	// ErrManyInitial means more than one state has kind initial.
	ErrManyInitial = errors.New("lifecycle: more than one initial state")
	// ErrUnreachable means no path of transitions leads from the initial
	// state to the state.
	ErrUnreachable = errors.New("lifecycle: state unreachable from the initial state")
	// ErrDeadEnd means a state that is not terminal has no transition to
	// another state.
	ErrDeadEnd = errors.New("lifecycle: non-terminal state has no way out")
	// ErrTerminalExit means a transition leaves a terminal state.
	ErrTerminalExit = errors.New("lifecycle: transition out of a terminal state")
	// ErrInternalTarget means an internal transition names a target other
	// than its own state.
	ErrInternalTarget = errors.New("lifecycle: internal transition must stay in its state")
	// ErrEmptyGate means a gate lists no items.
	ErrEmptyGate = errors.New("lifecycle: gate requires nothing")
	// ErrProbability means a probability is not a number in [0, 1].
	ErrProbability = errors.New("lifecycle: probability outside [0, 1]")
	// ErrStaleDays means a state's stale threshold is negative.
	ErrStaleDays = errors.New("lifecycle: negative stale days")
	// ErrUnknownName reports a name that no value of an enum has, or an
	// enum value that has no name.
	ErrUnknownName = errors.New("lifecycle: unknown name")
)

// Errors reported while running instances and reading their data.
var (
	// ErrNilDefinition means a method was called on a nil Definition.
	ErrNilDefinition = errors.New("lifecycle: nil definition")
	// ErrNilInstance means a nil Instance was passed.
	ErrNilInstance = errors.New("lifecycle: nil instance")
	// ErrTimeOrder means a time is earlier than the instance's last
	// recorded step.
	ErrTimeOrder = errors.New("lifecycle: time before the last recorded step")
	// ErrRefused is matched by every [*Refusal].
	ErrRefused = errors.New("lifecycle: transition refused")
	// ErrNoTransition is matched by a refusal whose trigger has no
	// transition from the current state.
	ErrNoTransition = errors.New("lifecycle: no transition for trigger")
	// ErrPaused is matched by a refusal of a paused instance; Pause returns
	// it for an instance that is already paused.
	ErrPaused = errors.New("lifecycle: instance paused")
	// ErrGate is matched by a refusal that a blocking gate caused.
	ErrGate = errors.New("lifecycle: gate not met")
	// ErrGuard is matched by a refusal that a guard caused.
	ErrGuard = errors.New("lifecycle: guard refused")
	// ErrNotPaused means Resume was called on an instance that is not
	// paused.
	ErrNotPaused = errors.New("lifecycle: instance not paused")
	// ErrTerminal means Pause was called on an instance in a terminal
	// state.
	ErrTerminal = errors.New("lifecycle: instance in a terminal state")
	// ErrHistory means a history does not replay on the definition, or an
	// instance disagrees with its own history.
	ErrHistory = errors.New("lifecycle: history does not replay")
	// ErrDuration reports a number of seconds that is not a duration
	// time.Duration can hold.
	ErrDuration = errors.New("lifecycle: invalid duration")
)

// FieldError reports a bad value in one field of the caller's input. Field is
// the path the caller wrote: the JSON path for data ("states[2].key",
// "history[4].trigger"), the parameter name for an argument ("at",
// "probability"). Value is the offending value as text, empty when quoting it
// would not help. Err is one of the package's sentinel errors, possibly
// wrapped with detail; FieldError unwraps to it, so errors.Is(err, ErrX)
// holds.
type FieldError struct {
	Field string
	Value string
	Err   error
}

// Error returns `lifecycle: FIELD "VALUE": MESSAGE`, the value quoted as by
// strconv.Quote and left out when empty, and MESSAGE the wrapped error's
// text without its "lifecycle: " prefix ("invalid value" when Err is nil).
func (e *FieldError) Error() string {
	msg := "invalid value"
	if e.Err != nil {
		msg = strings.TrimPrefix(e.Err.Error(), "lifecycle: ")
	}
	var b strings.Builder
	b.WriteString("lifecycle: ")
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
