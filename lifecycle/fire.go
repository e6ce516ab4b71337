package lifecycle

import (
	"slices"
	"strings"
	"time"
)

// Start returns a new instance in the initial state, entered at at by actor,
// with the initial state's default probability and a start step in its
// history. The initial state's entry effects are in [Definition.OnEnter].
// For the zero Definition, or a nil one, the instance has no state.
func (d *Definition[S, T]) Start(at time.Time, actor string) *Instance[S, T] {
	in := &Instance[S, T]{entered: at}
	if d == nil || len(d.states) == 0 {
		return in
	}
	s := &d.states[d.initial]
	in.state = s.key
	if s.hasProb {
		in.prob, in.base = s.prob, s.prob
	}
	in.history = []Step[S, T]{{Kind: StepStart, To: s.key, At: at, Actor: actor}}
	in.cdef, in.cstate = d, d.initial
	return in
}

// Move describes a transition that went through: what the host must now do
// and what it should know.
type Move[S, T ~string] struct {
	// From and To are the states left and entered; equal for self and
	// internal transitions.
	From S `json:"from"`
	To   S `json:"to"`
	// Trigger is the trigger fired.
	Trigger T `json:"trigger"`
	// Internal reports whether the transition was internal.
	Internal bool `json:"internal,omitempty"`
	// Effects are the effects for the host to carry out.
	Effects Effects `json:"effects"`
	// Advisories lists the advisory gates that had missing items; the
	// transition went through regardless.
	Advisories []Obstacle `json:"advisories,omitempty"`
	// Forgotten lists the keys of the facts the instance forgot on leaving
	// From, because they describe one stay there (see [State.StayItems]),
	// in the state's order. A host that keeps them elsewhere saves them
	// now.
	Forgotten []string `json:"forgotten,omitempty"`
}

// Fire fires trigger on in at time at, on behalf of actor. On success it
// moves the instance, records a step in its history and returns the move,
// with the effects for the host to carry out, any advisory gates with
// missing items and the stay facts forgotten. Entering a state drops a
// manual override of the probability and takes the state's default, or
// keeps the default the instance had when the state has none; an internal
// transition changes neither. Leaving a state forgets the facts of its stay
// items.
//
// On refusal Fire changes nothing and returns a [*Refusal] listing every
// obstacle. Other errors are [ErrNilDefinition], [ErrNilInstance], and a
// [*FieldError] wrapping [ErrUnknownState] when the instance's state is not
// in the definition or [ErrTimeOrder] when at is before the instance's last
// step.
//
// A successful Fire allocates nothing but the amortised growth of the
// history; a refusal allocates its obstacles, and a reason only when asked
// for one.
func (d *Definition[S, T]) Fire(in *Instance[S, T], trigger T, at time.Time, actor string) (Move[S, T], error) {
	return d.fire(in, trigger, at, actor, "")
}

// FireNote is [Definition.Fire] with a note recorded in the history step.
func (d *Definition[S, T]) FireNote(in *Instance[S, T], trigger T, at time.Time, actor, note string) (Move[S, T], error) {
	return d.fire(in, trigger, at, actor, note)
}

func (d *Definition[S, T]) fire(in *Instance[S, T], trigger T, at time.Time, actor, note string) (Move[S, T], error) {
	// The checks ready makes, inline for the common case where they pass:
	// calling ready costs 29 more instructions per Fire in
	// BenchmarkFireLoop's loop (452 against 423, counted by callgrind).
	var si int32
	if d != nil && in != nil && in.cdef == d && int(in.cstate) < len(d.states) && !in.early(at) {
		si = in.cstate
	} else {
		var err error
		if si, err = d.ready(in, at); err != nil {
			return Move[S, T]{}, err
		}
	}
	ti := d.lookup(si, trigger)
	if ti < 0 {
		return Move[S, T]{}, &Refusal{State: string(in.state), Trigger: string(trigger), Obstacles: []Obstacle{{Kind: ObstacleNoTransition}}}
	}
	tr := &d.trans[ti]
	var facts []uint64
	if tr.facts {
		// in.cdef is d here. Reading the cache in place saves the call
		// to bits: 18 instructions per Fire in BenchmarkFireLoop's loop
		// (441 against 423).
		if facts = in.cachedBits(); facts == nil {
			facts = d.newBits(in, true)
		}
	}
	var advice []Obstacle
	if in.paused || tr.guards.lo < tr.guards.hi || (tr.need.lo < tr.need.hi && !covers(facts, d.masks[tr.need.lo:tr.need.hi])) {
		obstacles, blocked, r := d.judge(in, tr, facts, at, actor, true)
		if blocked {
			if r == nil {
				r = new(Refusal)
			}
			*r = Refusal{State: string(in.state), Trigger: string(trigger), Obstacles: obstacles}
			return Move[S, T]{}, r
		}
		advice = obstacles
	}

	// The step is written field by field into the history's spare
	// capacity. Appending a composite literal builds it on the stack and
	// copies it (23 more instructions per Fire, 446 against 423), and the
	// copy reads as 16-byte words what was just written as 8-byte ones,
	// which stalls: written in place, BenchmarkFireLoop took about 10 ns/op
	// less (40-46 against 53-65 ns/op, one window, 2 cores).
	n := len(in.history)
	if n == cap(in.history) {
		in.history = slices.Grow(in.history, 1)
	}
	in.history = in.history[:n+1]
	st := &in.history[n]
	kind, from := StepFire, in.state
	if tr.internal {
		kind = StepInternal
	}
	st.Kind, st.From, st.To, st.Trigger, st.At, st.Actor, st.Note, st.Until = kind, from, tr.toKey, tr.trigger, at, actor, note, Date{}
	var forgotten []string
	if !tr.internal {
		if tr.stay.lo < tr.stay.hi && meets(facts, d.masks[tr.stay.lo:tr.stay.hi]) {
			forgotten = d.forget(in, &d.states[tr.from], facts)
		}
		in.state, in.entered, in.cstate = tr.toKey, at, tr.to
		if tr.hasProb {
			in.base = tr.prob
		}
		in.prob, in.override = in.base, false
	}
	return Move[S, T]{
		From:       from,
		To:         tr.toKey,
		Trigger:    tr.trigger,
		Internal:   tr.internal,
		Effects:    Effects{t: &d.fx, lo: tr.fx.lo, hi: tr.fx.hi},
		Advisories: advice,
		Forgotten:  forgotten,
	}, nil
}

// judge checks the pause, gates and guards of tr for in, whose facts (a bit
// set over d's items) are given. It returns every obstacle and reports
// whether any of them blocks. When nothing is wrong it allocates nothing;
// otherwise it allocates the obstacles and one slice that holds every
// missing key. For Fire (refusing set) it allocates up to two obstacles
// together with the Refusal that will hold them, and returns that too: one
// allocation fewer per refusal, BenchmarkFireRefused 259-395 ns/op against
// 379-518 (one window, 2 cores).
func (d *Definition[S, T]) judge(in *Instance[S, T], tr *transition[S, T], facts []uint64, at time.Time, actor string, refusing bool) (obstacles []Obstacle, blocked bool, r *Refusal) {
	check := d.checks[tr.check.lo:tr.check.hi]
	unmet, missing := 0, 0
	for _, gi := range check {
		if n := d.gates[gi].missing(facts); n > 0 {
			unmet++
			missing += n
		}
	}
	if in.paused || unmet > 0 {
		n := unmet + int(tr.guards.hi-tr.guards.lo)
		if in.paused {
			n++
		}
		if refusing && n <= len(refusalBlock{}.obstacles) {
			b := new(refusalBlock)
			obstacles, r = b.obstacles[:0:n], &b.refusal
		} else {
			obstacles = make([]Obstacle, 0, n)
		}
	}
	if in.paused {
		obstacles = append(obstacles, Obstacle{Kind: ObstaclePaused})
		blocked = true
	}
	if unmet > 0 {
		keys := make([]string, 0, missing)
		for _, gi := range check {
			g := &d.gates[gi]
			lo := len(keys)
			keys = g.appendMissing(keys, facts, d.items)
			if len(keys) == lo {
				continue
			}
			obstacles = append(obstacles, Obstacle{Kind: ObstacleGate, Name: g.name, Mode: g.mode, Missing: keys[lo:len(keys):len(keys)]})
			if g.mode == Blocking {
				blocked = true
			}
		}
	}
	if tr.guards.lo < tr.guards.hi {
		a := Attempt[S, T]{Instance: in, From: in.state, To: tr.toKey, Trigger: tr.trigger, At: at, Actor: actor}
		for _, g := range d.guards[tr.guards.lo:tr.guards.hi] {
			if err := g.guard.Allow(a); err != nil {
				obstacles = append(obstacles, Obstacle{Kind: ObstacleGuard, Name: g.name, Message: strings.TrimPrefix(err.Error(), "lifecycle: "), Err: err})
				blocked = true
			}
		}
	}
	return obstacles, blocked, r
}

// refusalBlock holds a refusal and its obstacles in one allocation.
type refusalBlock struct {
	refusal   Refusal
	obstacles [2]Obstacle
}
