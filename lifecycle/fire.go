package lifecycle

import (
	"strconv"
	"strings"
	"time"
)

// Start returns a new instance in the initial state, entered at at by actor,
// with the initial state's default probability and a start step in its
// history. The initial state's entry effects are in [Definition.OnEnter].
// For the zero Definition the instance has no state.
func (d *Definition[S, T]) Start(at time.Time, actor string) *Instance[S, T] {
	in := &Instance[S, T]{entered: at}
	if len(d.states) == 0 {
		return in
	}
	s := &d.states[d.initial]
	in.state = s.key
	if s.hasProb {
		in.prob = s.prob
	}
	in.history = []Step[S, T]{{Kind: StepStart, To: s.key, At: at, Actor: actor}}
	in.cdef, in.cstate = d, d.initial
	return in
}

// Fired describes a transition that went through.
type Fired[S, T ~string] struct {
	// From and To are the states left and entered; equal for self and
	// internal transitions.
	From, To S
	// Trigger is the trigger fired.
	Trigger T
	// Internal reports whether the transition was internal.
	Internal bool
	// Effects are the effects for the host to carry out.
	Effects Effects
	// Advisories lists the advisory gates that had missing items; the
	// transition went through regardless.
	Advisories []Reason
}

// Reason is one thing that blocks a trigger, or, for an advisory gate, one
// thing that is missing without blocking it.
type Reason struct {
	// Kind says what the reason is about.
	Kind ReasonKind `json:"kind"`
	// Name names the gate or guard.
	Name string `json:"name,omitempty"`
	// Mode is the gate's mode; reasons that are not about a gate block.
	Mode GateMode `json:"mode,omitzero"`
	// Missing lists, for a gate, the keys of the items still missing, in
	// the gate's order.
	Missing []string `json:"missing,omitempty"`
	// Err is the guard's error.
	Err error `json:"-"`
}

// Blocking reports whether the reason stops the transition.
func (r Reason) Blocking() bool { return r.Mode == Blocking }

// String describes the reason: `gate "initiation.exit" missing
// feasibility_assessed`, `guard "credit": over limit`, `paused`.
func (r Reason) String() string {
	var b strings.Builder
	r.write(&b)
	return b.String()
}

func (r Reason) write(b *strings.Builder) {
	switch r.Kind {
	case ReasonNoTransition:
		b.WriteString("no transition")
	case ReasonPaused:
		b.WriteString("paused")
	case ReasonGate:
		if r.Mode == Advisory {
			b.WriteString("advisory ")
		}
		b.WriteString("gate ")
		b.WriteString(strconv.Quote(r.Name))
		b.WriteString(" missing ")
		b.WriteString(strings.Join(r.Missing, ", "))
	case ReasonGuard:
		b.WriteString("guard ")
		b.WriteString(strconv.Quote(r.Name))
		if r.Err != nil {
			b.WriteString(": ")
			b.WriteString(strings.TrimPrefix(r.Err.Error(), "lifecycle: "))
		}
	default:
		b.WriteString(r.Kind.String())
	}
}

// Refusal is the error Fire returns when a trigger may not fire. It names
// every gate and guard that refused and every item still missing, and
// matches [ErrRefused], the sentinel of each reason's kind
// ([ErrNoTransition], [ErrPaused], [ErrGate], [ErrGuard]) and each guard's
// own error with [errors.Is].
type Refusal struct {
	// State is the instance's state.
	State string
	// Trigger is the trigger refused.
	Trigger string
	// Reasons lists every reason, blocking ones and advisory ones, in the
	// order checked: pause, exit gates, the transition's gates, entry
	// gates, guards.
	Reasons []Reason
}

// Error returns a message such as `lifecycle: trigger "approve" refused in
// state "initiation": gate "initiation.exit" missing feasibility_assessed`.
func (r *Refusal) Error() string {
	var b strings.Builder
	b.WriteString("lifecycle: trigger ")
	b.WriteString(strconv.Quote(r.Trigger))
	b.WriteString(" refused in state ")
	b.WriteString(strconv.Quote(r.State))
	sep := ": "
	for _, why := range r.Reasons {
		if !why.Blocking() {
			continue
		}
		b.WriteString(sep)
		why.write(&b)
		sep = "; "
	}
	return b.String()
}

// Unwrap returns ErrRefused, the sentinels of the reasons' kinds and the
// guards' errors, for [errors.Is] and [errors.As].
func (r *Refusal) Unwrap() []error {
	errs := []error{ErrRefused}
	for _, why := range r.Reasons {
		if !why.Blocking() {
			continue
		}
		switch why.Kind {
		case ReasonNoTransition:
			errs = append(errs, ErrNoTransition)
		case ReasonPaused:
			errs = append(errs, ErrPaused)
		case ReasonGate:
			errs = append(errs, ErrGate)
		case ReasonGuard:
			errs = append(errs, ErrGuard)
			if why.Err != nil {
				errs = append(errs, why.Err)
			}
		}
	}
	return errs
}

// Fire fires trigger on in at time at, on behalf of actor. On success it
// moves the instance, records a step in its history and returns what
// happened, including the effects for the host to carry out and any
// advisory gates with missing items. Entering a state resets the
// probability to the state's default and drops a manual override; an
// internal transition changes neither.
//
// On refusal Fire changes nothing and returns a [*Refusal] listing every
// reason. Other errors are [ErrNilDefinition], [ErrNilInstance], and a
// [*FieldError] wrapping [ErrUnknownState] when the instance's state is not
// in the definition or [ErrTimeOrder] when at is before the instance's last
// step.
func (d *Definition[S, T]) Fire(in *Instance[S, T], trigger T, at time.Time, actor string) (Fired[S, T], error) {
	return d.fire(in, trigger, at, actor, "")
}

// FireNote is [Definition.Fire] with a note recorded in the history step.
func (d *Definition[S, T]) FireNote(in *Instance[S, T], trigger T, at time.Time, actor, note string) (Fired[S, T], error) {
	return d.fire(in, trigger, at, actor, note)
}

func (d *Definition[S, T]) fire(in *Instance[S, T], trigger T, at time.Time, actor, note string) (Fired[S, T], error) {
	if d == nil {
		return Fired[S, T]{}, ErrNilDefinition
	}
	if in == nil {
		return Fired[S, T]{}, ErrNilInstance
	}
	si, err := d.stateOf(in)
	if err != nil {
		return Fired[S, T]{}, err
	}
	if n := len(in.history); n > 0 && at.Before(in.history[n-1].At) {
		return Fired[S, T]{}, fieldErr("at", at.Format(time.RFC3339Nano), ErrTimeOrder)
	}
	ti := d.lookup(si, trigger)
	if ti < 0 {
		return Fired[S, T]{}, &Refusal{State: string(in.state), Trigger: string(trigger), Reasons: []Reason{{Kind: ReasonNoTransition}}}
	}
	tr := &d.trans[ti]
	reasons, blocked := d.judge(in, tr, d.bits(in, true), at, actor)
	if blocked {
		return Fired[S, T]{}, &Refusal{State: string(in.state), Trigger: string(trigger), Reasons: reasons}
	}

	from, to := &d.states[tr.from], &d.states[tr.to]
	kind := StepFire
	if tr.internal {
		kind = StepInternal
	}
	in.history = append(in.history, Step[S, T]{Kind: kind, From: from.key, To: to.key, Trigger: tr.trigger, At: at, Actor: actor, Note: note})
	if !tr.internal {
		in.state, in.entered, in.cstate = to.key, at, tr.to
		if to.hasProb {
			in.prob = to.prob
		}
		in.override = false
	}
	return Fired[S, T]{
		From:       from.key,
		To:         to.key,
		Trigger:    tr.trigger,
		Internal:   tr.internal,
		Effects:    Effects{list: d.fx[tr.fx.lo:tr.fx.hi:tr.fx.hi], all: d.effects, labels: d.labels},
		Advisories: reasons,
	}, nil
}

// judge checks the pause, gates and guards of tr for in. It returns every
// unmet check and reports whether any of them blocks. When everything is met
// it allocates nothing; otherwise it allocates the reasons and one slice
// that holds every missing key.
func (d *Definition[S, T]) judge(in *Instance[S, T], tr *transition[S, T], facts []uint64, at time.Time, actor string) (reasons []Reason, blocked bool) {
	check := d.checks[tr.check.lo:tr.check.hi]
	unmet, missing := 0, 0
	for _, gi := range check {
		if n := d.gates[gi].missing(facts); n > 0 {
			unmet++
			missing += n
		}
	}
	if in.paused || unmet > 0 {
		n := unmet + len(tr.guards)
		if in.paused {
			n++
		}
		reasons = make([]Reason, 0, n)
		blocked = in.paused
	}
	if in.paused {
		reasons = append(reasons, Reason{Kind: ReasonPaused})
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
			reasons = append(reasons, Reason{Kind: ReasonGate, Name: g.name, Mode: g.mode, Missing: keys[lo:len(keys):len(keys)]})
			if g.mode == Blocking {
				blocked = true
			}
		}
	}
	if len(tr.guards) > 0 {
		a := Attempt[S, T]{Instance: in, From: d.states[tr.from].key, To: d.states[tr.to].key, Trigger: tr.trigger, At: at, Actor: actor}
		for _, g := range tr.guards {
			if err := g.guard.Allow(a); err != nil {
				reasons = append(reasons, Reason{Kind: ReasonGuard, Name: g.name, Err: err})
				blocked = true
			}
		}
	}
	return reasons, blocked
}
