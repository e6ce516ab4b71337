package lifecycle

import "time"

// Permission says whether one trigger may fire now, and why not: what a UI
// needs to draw one button.
type Permission[S, T ~string] struct {
	// Trigger is the trigger.
	Trigger T `json:"trigger"`
	// To is the state the trigger leads to.
	To S `json:"to"`
	// Internal reports whether the transition is internal.
	Internal bool `json:"internal,omitempty"`
	// Allowed reports whether Fire would let the trigger through.
	Allowed bool `json:"allowed"`
	// Obstacles lists every obstacle, blocking and advisory, as a
	// [*Refusal] would.
	Obstacles []Obstacle `json:"obstacles,omitempty"`
}

// Permitted lists every trigger the instance's current state has a
// transition for, in the definition's order, each allowed or blocked with
// its obstacles, judged at time at for actor. Permitted does not change the
// instance (it may refresh the cache an instance keeps for its definition,
// as Fire does); guards are called as Fire would call them. It returns
// [ErrNilDefinition], [ErrNilInstance] or a [*FieldError] wrapping
// [ErrUnknownState].
func (d *Definition[S, T]) Permitted(in *Instance[S, T], at time.Time, actor string) ([]Permission[S, T], error) {
	if d == nil {
		return nil, ErrNilDefinition
	}
	if in == nil {
		return nil, ErrNilInstance
	}
	si, err := d.stateOf(in)
	if err != nil {
		return nil, err
	}
	facts := d.bits(in, true)
	s := &d.states[si]
	out := make([]Permission[S, T], 0, s.out.hi-s.out.lo)
	for _, k := range d.outs[s.out.lo:s.out.hi] {
		tr := &d.trans[k]
		obstacles, blocked, _ := d.judge(in, tr, facts, at, actor, false)
		out = append(out, Permission[S, T]{
			Trigger:   tr.trigger,
			To:        d.states[tr.to].key,
			Internal:  tr.internal,
			Allowed:   !blocked,
			Obstacles: obstacles,
		})
	}
	return out, nil
}
