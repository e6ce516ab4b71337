package lifecycle

import "time"

// Pause puts in on hold in its current state, at time at, by actor, for
// reason, with a planned resume date until (zero for none). A paused
// instance refuses every trigger until [Definition.Resume], and does not
// count as stale. The pause is recorded in the history.
//
// Pause returns [ErrNilDefinition], [ErrNilInstance], [ErrPaused] when the
// instance is already paused, [ErrTerminal] in a terminal state, or a
// [*FieldError] wrapping [ErrUnknownState] or [ErrTimeOrder].
func (d *Definition[S, T]) Pause(in *Instance[S, T], at time.Time, actor, reason string, until time.Time) error {
	si, err := d.ready(in, at)
	if err != nil {
		return err
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
	if n := len(in.history); n > 0 && at.Before(in.history[n-1].At) {
		return 0, fieldErr("at", at.Format(time.RFC3339Nano), ErrTimeOrder)
	}
	return si, nil
}
