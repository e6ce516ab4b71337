package lifecycle

import "time"

// Pause describes a paused instance.
type Pause struct {
	// At is when the pause began.
	At time.Time `json:"at"`
	// Actor is who paused the instance.
	Actor string `json:"actor,omitempty"`
	// Reason says why.
	Reason string `json:"reason,omitempty"`
	// Until is the planned resume date, or the zero Date when there is
	// none. It is a plan only: the pause lasts until [Definition.Resume].
	Until Date `json:"until,omitzero"`
}

// Pause puts in on hold in its current state, at time at, by actor, for
// reason, with a planned resume date until (the zero Date for none). A
// paused instance refuses every trigger until [Definition.Resume], and its
// paused time does not count towards its time in the state or staleness
// (see [Measures]). The pause is recorded in the history.
//
// Pause returns [ErrNilDefinition], [ErrNilInstance], [ErrPaused] when the
// instance is already paused, [ErrTerminal] in a terminal state, or a
// [*FieldError] wrapping [ErrUnknownState], [ErrTimeOrder] or, for an
// until that is neither zero nor a real date, [ErrDate].
func (d *Definition[S, T]) Pause(in *Instance[S, T], at time.Time, actor, reason string, until Date) error {
	si, err := d.ready(in, at)
	if err != nil {
		return err
	}
	if !until.IsZero() && !until.IsValid() {
		return fieldErr("until", until.String(), ErrDate)
	}
	if in.paused {
		return ErrPaused
	}
	if d.states[si].kind == Terminal {
		return ErrTerminal
	}
	in.paused = true
	in.pause = Pause{At: at, Actor: actor, Reason: reason, Until: until}
	in.history = append(in.history, Step[S, T]{Kind: StepPause, From: in.state, To: in.state, At: at, Actor: actor, Note: reason, Until: until})
	return nil
}

// Resume ends the pause of in at time at, by actor, and records it in the
// history. It returns [ErrNilDefinition], [ErrNilInstance], [ErrNotPaused],
// or a [*FieldError] wrapping [ErrUnknownState] or [ErrTimeOrder].
func (d *Definition[S, T]) Resume(in *Instance[S, T], at time.Time, actor string) error {
	if _, err := d.ready(in, at); err != nil {
		return err
	}
	if !in.paused {
		return ErrNotPaused
	}
	in.paused, in.pause = false, Pause{}
	in.history = append(in.history, Step[S, T]{Kind: StepResume, From: in.state, To: in.state, At: at, Actor: actor})
	return nil
}

// ready checks d, in and at as every change to an instance needs.
func (d *Definition[S, T]) ready(in *Instance[S, T], at time.Time) (int32, error) {
	if d == nil {
		return 0, ErrNilDefinition
	}
	if in == nil {
		return 0, ErrNilInstance
	}
	si, err := d.stateOf(in)
	if err != nil {
		return 0, err
	}
	if in.early(at) {
		return 0, fieldErr("at", at.Format(time.RFC3339Nano), ErrTimeOrder)
	}
	return si, nil
}

// early reports whether at is before the instance's last step.
func (in *Instance[S, T]) early(at time.Time) bool {
	n := len(in.history)
	return n > 0 && at.Before(in.history[n-1].At)
}
