package lifecycle

import (
	"fmt"
	"time"
)

// Replay walks a history on the definition and returns the state it ends
// in. The history must start with a start step into the initial state; each
// later step must leave the state the previous one reached, by a transition
// the definition has for its trigger, never while paused; pauses and
// resumes must alternate; and times must never go backwards. Any breach is
// a [*FieldError] naming the step, wrapping [ErrHistory], [ErrUnknownState]
// or [ErrTimeOrder].
func (d *Definition[S, T]) Replay(history []Step[S, T]) (S, error) {
	var zero S
	if d == nil {
		return zero, ErrNilDefinition
	}
	cur := int32(-1)
	paused := false
	var last time.Time
	for i, s := range history {
		f := fmt.Sprintf("history[%d]", i)
		if i > 0 && s.At.Before(last) {
			return zero, fieldErr(f+".at", s.At.Format(time.RFC3339Nano), ErrTimeOrder)
		}
		last = s.At
		if s.Kind != StepStart && i == 0 {
			return zero, fieldErr(f+".kind", s.Kind.String(), ErrHistory)
		}
		if s.Kind != StepStart && s.From != d.states[cur].key {
			return zero, fieldErr(f+".from", string(s.From), ErrHistory)
		}
		switch s.Kind {
		case StepStart:
			if i != 0 {
				return zero, fieldErr(f+".kind", s.Kind.String(), ErrHistory)
			}
			if len(d.states) == 0 || s.To != d.states[d.initial].key {
				return zero, fieldErr(f+".to", string(s.To), ErrHistory)
			}
			cur = d.initial
		case StepFire, StepInternal:
			if paused {
				return zero, fieldErr(f+".kind", s.Kind.String(), ErrPaused)
			}
			ti := d.lookup(cur, s.Trigger)
			if ti < 0 {
				return zero, fieldErr(f+".trigger", string(s.Trigger), ErrHistory)
			}
			tr := &d.trans[ti]
			if tr.internal != (s.Kind == StepInternal) {
				return zero, fieldErr(f+".kind", s.Kind.String(), ErrHistory)
			}
			if d.states[tr.to].key != s.To {
				return zero, fieldErr(f+".to", string(s.To), ErrHistory)
			}
			cur = tr.to
		case StepPause, StepResume:
			if paused != (s.Kind == StepResume) || s.To != s.From {
				return zero, fieldErr(f+".kind", s.Kind.String(), ErrHistory)
			}
			paused = !paused
		default:
			return zero, fieldErr(f+".kind", s.Kind.String(), ErrHistory)
		}
	}
	if cur < 0 {
		return zero, fieldErr("history", "", ErrHistory)
	}
	return d.states[cur].key, nil
}

// Validate checks that in fits the definition: its state is known, its
// history replays (see [Definition.Replay]) to its state, its pause agrees
// with the history, and its entry time is that of the step that entered the
// state. Run it on instances loaded from storage. It returns
// [ErrNilDefinition], [ErrNilInstance] or a [*FieldError].
func (d *Definition[S, T]) Validate(in *Instance[S, T]) error {
	if d == nil {
		return ErrNilDefinition
	}
	if in == nil {
		return ErrNilInstance
	}
	if _, ok := d.lookupState(in.state); !ok {
		return fieldErr("state", string(in.state), ErrUnknownState)
	}
	got, err := d.Replay(in.history)
	if err != nil {
		return err
	}
	if got != in.state {
		return fieldErr("state", string(in.state), ErrHistory)
	}
	entered, paused := in.history[0].At, false
	for _, s := range in.history {
		switch s.Kind {
		case StepFire:
			entered = s.At
		case StepPause:
			paused = true
		case StepResume:
			paused = false
		}
	}
	if paused != in.paused {
		return fieldErr("pause", "", ErrHistory)
	}
	if !entered.Equal(in.entered) {
		return fieldErr("entered", in.entered.Format(time.RFC3339Nano), ErrHistory)
	}
	return nil
}
