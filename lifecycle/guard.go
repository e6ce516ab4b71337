package lifecycle

import "time"

// Attempt describes a transition being tried, for a [Guard] to judge.
type Attempt[S, T ~string] struct {
	// Instance is the instance the trigger is fired on. A guard must not
	// change it.
	Instance *Instance[S, T] `json:"instance"`
	// From and To are the states the transition leaves and enters.
	From S `json:"from"`
	To   S `json:"to"`
	// Trigger is the trigger fired.
	Trigger T `json:"trigger"`
	// At is the time of the attempt.
	At time.Time `json:"at"`
	// Actor is who fires the trigger.
	Actor string `json:"actor,omitempty"`
}

// Guard is a rule that cannot be data, registered with a [Builder] under the
// name transitions use in their Guards. Allow returns nil to let the
// transition through, or an error whose message explains the refusal; the
// refusal's [Obstacle] carries the error in Err and its text in Message. A
// guard must be pure: it may read the attempt and nothing else, and must not
// keep it.
type Guard[S, T ~string] interface {
	// Allow returns nil when the attempt may pass, or an error saying why
	// not.
	Allow(a Attempt[S, T]) error
}

// GuardFunc adapts a function to [Guard].
type GuardFunc[S, T ~string] func(a Attempt[S, T]) error

// Allow calls f(a).
func (f GuardFunc[S, T]) Allow(a Attempt[S, T]) error { return f(a) }
