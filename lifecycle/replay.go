package lifecycle

import (
	"fmt"
	"strconv"
	"time"
)

// Replay walks a history on the definition and returns the state it ends
// in. The history must start with a start step into the initial state; each
// later step must leave the state the previous one reached, by a transition
// the definition has for its trigger (a fire for a transition that leaves,
// an internal step for an internal one), never while paused; pauses and
// resumes must alternate, outside terminal states; and times must never go
// backwards.
//
// Replay returns [ErrNilDefinition] for a nil definition. Any breach is a
// [*FieldError] naming the step's field ("history[3].trigger") and wrapping
// [ErrTimeOrder] when the step is earlier than the one before it, or
// [ErrHistory] otherwise, with a message that says what the step should
// have been.
func (d *Definition[S, T]) Replay(history []Step[S, T]) (S, error) {
	var zero S
	if d == nil {
		return zero, ErrNilDefinition
	}
	if len(history) == 0 {
		return zero, fieldErr("history", "", replayErr("it has no steps"))
	}
	cur, paused := int32(-1), -1 // the state reached; the step of the pause in force, or -1
	for i, s := range history {
		f := func(name string) string { return "history[" + strconv.Itoa(i) + "]." + name }
		if i > 0 && s.At.Before(history[i-1].At) {
			return zero, fieldErr(f("at"), s.At.Format(time.RFC3339Nano),
				fmt.Errorf("%w: step %d is at %s", ErrTimeOrder, i-1, history[i-1].At.Format(time.RFC3339Nano)))
		}
		if i == 0 {
			switch {
			case s.Kind != StepStart:
				return zero, fieldErr(f("kind"), s.Kind.String(), replayErr("a history begins with a start step"))
			case len(d.states) == 0:
				return zero, fieldErr(f("to"), string(s.To), replayErr("the definition has no states"))
			case s.To != d.states[d.initial].key:
				return zero, fieldErr(f("to"), string(s.To), replayErr("a start enters the initial state %q", d.states[d.initial].key))
			}
			cur = d.initial
			continue
		}
		key := d.states[cur].key
		if s.Kind == StepStart {
			return zero, fieldErr(f("kind"), s.Kind.String(), replayErr("only the first step is a start"))
		}
		if s.From != key {
			return zero, fieldErr(f("from"), string(s.From), replayErr("step %d left the instance in %q", i-1, key))
		}
		switch s.Kind {
		case StepFire, StepInternal:
			if paused >= 0 {
				return zero, fieldErr(f("kind"), s.Kind.String(), replayErr("step %d paused the instance and nothing resumed it", paused))
			}
			ti := d.lookup(cur, s.Trigger)
			if ti < 0 {
				return zero, fieldErr(f("trigger"), string(s.Trigger), replayErr("%q has no transition for it", key))
			}
			tr := &d.trans[ti]
			if tr.internal != (s.Kind == StepInternal) {
				want := StepFire
				if tr.internal {
					want = StepInternal
				}
				return zero, fieldErr(f("kind"), s.Kind.String(), replayErr("%q on %q is a %s step", s.Trigger, key, want))
			}
			if to := d.states[tr.to].key; to != s.To {
				return zero, fieldErr(f("to"), string(s.To), replayErr("%q on %q leads to %q", s.Trigger, key, to))
			}
			cur = tr.to
		case StepPause, StepResume:
			switch {
			case s.Kind == StepPause && paused >= 0:
				return zero, fieldErr(f("kind"), s.Kind.String(), replayErr("step %d paused the instance already", paused))
			case s.Kind == StepResume && paused < 0:
				return zero, fieldErr(f("kind"), s.Kind.String(), replayErr("the instance is not paused"))
			case s.Kind == StepPause && d.states[cur].kind == Terminal:
				return zero, fieldErr(f("kind"), s.Kind.String(), replayErr("%q is terminal", key))
			case s.To != key:
				return zero, fieldErr(f("to"), string(s.To), replayErr("a %s stays in %q", s.Kind, key))
			}
			paused = -1
			if s.Kind == StepPause {
				paused = i
			}
		default:
			return zero, fieldErr(f("kind"), s.Kind.String(), replayErr("not a step kind"))
		}
	}
	return d.states[cur].key, nil
}

// replayErr wraps ErrHistory with what is wrong.
func replayErr(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrHistory}, args...)...)
}

// Check checks that in fits the definition: its state is known, its history
// replays (see [Definition.Replay]) to its state, its pause is the one its
// history leaves in force, and its entry time is that of the step that
// entered the state. Run it on instances loaded from storage. It returns
// [ErrNilDefinition], [ErrNilInstance], or a [*FieldError] wrapping
// [ErrUnknownState], [ErrTimeOrder] or [ErrHistory] that names the field and
// the step it disagrees with.
func (d *Definition[S, T]) Check(in *Instance[S, T]) error {
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
	h := in.history
	entered, paused := 0, -1 // the steps that entered the state and paused it
	for i, s := range h {
		switch s.Kind {
		case StepFire:
			entered = i
		case StepPause:
			paused = i
		case StepResume:
			paused = -1
		}
	}
	const stamp = time.RFC3339Nano
	switch {
	case got != in.state:
		return fieldErr("state", string(in.state), replayErr("the history ends in %q", got))
	case in.paused && paused < 0:
		return fieldErr("pause", "", replayErr("the instance is paused and its history is not"))
	case !in.paused && paused >= 0:
		return fieldErr("pause", "", replayErr("step %d paused the instance and nothing resumed it", paused))
	case in.paused && !samePause(in.pause, h[paused]):
		s := h[paused]
		until := ""
		if !s.Until.IsZero() {
			until = " until " + s.Until.String()
		}
		return fieldErr("pause", "", replayErr("step %d paused the instance at %s by %q for %q%s", paused, s.At.Format(stamp), s.Actor, s.Note, until))
	case !in.entered.Equal(h[entered].At):
		return fieldErr("entered", in.entered.Format(stamp), replayErr("step %d entered %q at %s", entered, got, h[entered].At.Format(stamp)))
	}
	return nil
}

// samePause reports whether p is the pause that step s recorded.
func samePause[S, T ~string](p Pause, s Step[S, T]) bool {
	return p.At.Equal(s.At) && p.Actor == s.Actor && p.Reason == s.Note && p.Until == s.Until
}
