package lifecycle

import "time"

// Permission says whether one trigger may fire now, and why not: what a UI
// needs to draw one button.
type Permission[S, T ~string] struct {
	// Trigger is the trigger.
	Trigger T
	// To is the state the trigger leads to.
	To S
	// Internal reports whether the transition is internal.
	Internal bool
	// Allowed reports whether Fire would let the trigger through.
	Allowed bool
	// Reasons lists every unmet check, blocking and advisory, as a
	// [*Refusal] would.
	Reasons []Reason
}

// Permitted lists every trigger the instance's current state has a
// transition for, in the definition's order, each allowed or blocked with
// its reasons, judged at time at for actor. Permitted does not change the
// instance; guards are called as Fire would call them. It returns
// [ErrNilDefinition], [ErrNilInstance] or a [*FieldError] wrapping
// [ErrUnknownState].
func (d *Definition[S, T]) Permitted(in *Instance[S, T], at time.Time, actor string) ([]Permission[S, T], error) {
	if d == nil {
		return nil, ErrNilDefinition
	}
	if in == nil {
		return nil, ErrNilInstance
	}
	si, ok := d.stateIndex(in)
	if !ok {
		return nil, fieldErr("state", string(in.state), ErrUnknownState)
	}
	facts := d.bits(in, false)
	s := &d.states[si]
	out := make([]Permission[S, T], 0, s.out.hi-s.out.lo)
	for _, k := range d.outs[s.out.lo:s.out.hi] {
		tr := &d.trans[k]
		reasons, blocked := d.judge(in, tr, facts, at, actor)
		out = append(out, Permission[S, T]{
			Trigger:  tr.trigger,
			To:       d.states[tr.to].key,
			Internal: tr.internal,
			Allowed:  !blocked,
			Reasons:  reasons,
		})
	}
	return out, nil
}

// stateIndex returns the index of in's state without touching in's cache.
func (d *Definition[S, T]) stateIndex(in *Instance[S, T]) (int32, bool) {
	if in.cdef == d && int(in.cstate) < len(d.states) && d.states[in.cstate].key == in.state {
		return in.cstate, true
	}
	i, ok := d.lookupState(in.state)
	return i, ok
}
