package lifecycle

import "time"

// Step is one entry in an instance's history.
type Step[S, T ~string] struct {
	// Kind says what happened. The zero Kind is invalid.
	Kind StepKind `json:"kind,omitempty"`
	// From is the state before the step; empty for a start.
	From S `json:"from,omitempty"`
	// To is the state after the step.
	To S `json:"to"`
	// Trigger is the trigger fired; empty for start, pause and resume.
	Trigger T `json:"trigger,omitempty"`
	// At is when the step happened.
	At time.Time `json:"at"`
	// Actor is who caused the step.
	Actor string `json:"actor,omitempty"`
	// Note is a free-text note; for a pause, its reason.
	Note string `json:"note,omitempty"`
	// Until is a pause's planned resume date; zero otherwise.
	Until Date `json:"until,omitzero"`
}

// StepKind says what a history step records. The zero value is invalid.
type StepKind int

// The step kinds.
const (
	// StepStart records the instance's creation in the initial state.
	StepStart StepKind = iota + 1
	// StepFire records a transition that left its state: to another state,
	// or back into the same one (a self-transition).
	StepFire
	// StepInternal records an internal transition: the trigger fired and
	// the instance stayed in its state without leaving it.
	StepInternal
	// StepPause records a pause, with its reason and resume date.
	StepPause
	// StepResume records the end of a pause.
	StepResume
)

var stepKindNames = enumNames{"", "start", "fire", "internal", "pause", "resume"}

// String returns the kind's wire name, or "StepKind(n)".
func (k StepKind) String() string { return stepKindNames.str("StepKind", int(k)) }

// MarshalText encodes k as its name; the zero kind, or any kind without a
// name, is a [*FieldError] wrapping [ErrUnknownName].
func (k StepKind) MarshalText() ([]byte, error) {
	return stepKindNames.text("kind", "StepKind", int(k))
}

// UnmarshalText decodes a name; any other text is a [*FieldError] wrapping
// [ErrUnknownName].
func (k *StepKind) UnmarshalText(b []byte) error {
	v, err := stepKindNames.parse("kind", b)
	if err == nil {
		*k = StepKind(v)
	}
	return err
}
