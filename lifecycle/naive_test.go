package lifecycle_test

import (
	"errors"
	"math"
	"slices"
	"time"

	"github.com/saleskit/saleskit/lifecycle"
)

// naive is a second implementation of the lifecycle engine, written from the
// documentation: it interprets a Spec as it stands, with maps and linear
// scans, on an instance of its own. The cross-checks and FuzzFire run it
// beside a Definition and compare every outcome. It knows no guards.
type naive[S, T ~string] struct {
	sp       lifecycle.Spec[S, T] // as the Definition reports it, gates named
	state    S
	entered  time.Time
	prob     float64
	base     float64 // the default of the last state entered that has one
	override bool
	facts    map[string]string
	paused   bool
	pause    lifecycle.Pause
	history  []lifecycle.Step[S, T]
}

// naiveResult is what a call on the naive model gives: a move, a refusal or
// an error sentinel.
type naiveResult[S, T ~string] struct {
	move      lifecycle.Move[S, T] // Effects left empty: see effects
	effects   []lifecycle.Effect
	obstacles []lifecycle.Obstacle // of a refusal
	refused   bool
	err       error // a sentinel, for failures other than refusals
}

var (
	errNaiveTime = lifecycle.ErrTimeOrder
	errNaiveDate = lifecycle.ErrDate
)

func newNaive[S, T ~string](sp lifecycle.Spec[S, T], at time.Time, actor string) *naive[S, T] {
	n := &naive[S, T]{sp: sp, facts: map[string]string{}, entered: at}
	for _, s := range sp.States {
		if s.Kind == lifecycle.Initial {
			n.state = s.Key
			if s.Probability != nil {
				n.prob, n.base = *s.Probability, *s.Probability
			}
			n.history = []lifecycle.Step[S, T]{{Kind: lifecycle.StepStart, To: s.Key, At: at, Actor: actor}}
		}
	}
	return n
}

func (n *naive[S, T]) stateSpec(s S) lifecycle.State[S] {
	for _, st := range n.sp.States {
		if st.Key == s {
			return st
		}
	}
	panic("naive: no state " + string(s))
}

func (n *naive[S, T]) early(at time.Time) bool {
	return len(n.history) > 0 && at.Before(n.history[len(n.history)-1].At)
}

func (n *naive[S, T]) fire(trigger T, at time.Time, actor, note string) naiveResult[S, T] {
	if n.early(at) {
		return naiveResult[S, T]{err: errNaiveTime}
	}
	var tr *lifecycle.Transition[S, T]
	for i := range n.sp.Transitions {
		if t := &n.sp.Transitions[i]; t.From == n.state && t.Trigger == trigger {
			tr = t
			break
		}
	}
	if tr == nil {
		return naiveResult[S, T]{refused: true, obstacles: []lifecycle.Obstacle{{Kind: lifecycle.ObstacleNoTransition}}}
	}
	to := tr.To
	if tr.Internal {
		to = tr.From
	}
	from, into := n.stateSpec(tr.From), n.stateSpec(to)
	var gates []lifecycle.Gate
	if !tr.Internal {
		gates = append(gates, from.Exit...)
	}
	gates = append(gates, tr.Gates...)
	if !tr.Internal {
		gates = append(gates, into.Entry...)
	}
	var obstacles []lifecycle.Obstacle
	blocked := n.paused
	if n.paused {
		obstacles = append(obstacles, lifecycle.Obstacle{Kind: lifecycle.ObstaclePaused})
	}
	for _, g := range gates {
		var missing []string
		for _, k := range g.Items {
			if n.facts[k] == "" {
				missing = append(missing, k)
			}
		}
		if len(missing) > 0 {
			obstacles = append(obstacles, lifecycle.Obstacle{Kind: lifecycle.ObstacleGate, Name: g.Name, Mode: g.Mode, Missing: missing})
			blocked = blocked || g.Mode == lifecycle.Blocking
		}
	}
	if blocked {
		return naiveResult[S, T]{refused: true, obstacles: obstacles}
	}
	kind := lifecycle.StepFire
	if tr.Internal {
		kind = lifecycle.StepInternal
	}
	n.history = append(n.history, lifecycle.Step[S, T]{Kind: kind, From: tr.From, To: to, Trigger: trigger, At: at, Actor: actor, Note: note})
	res := naiveResult[S, T]{move: lifecycle.Move[S, T]{From: tr.From, To: to, Trigger: trigger, Internal: tr.Internal, Advisories: obstacles}}
	if !tr.Internal {
		res.effects = append(res.effects, from.OnExit...)
	}
	res.effects = append(res.effects, tr.Effects...)
	if !tr.Internal {
		res.effects = append(res.effects, into.OnEnter...)
		for _, k := range from.StayItems {
			if n.facts[k] != "" {
				res.move.Forgotten = append(res.move.Forgotten, k)
				delete(n.facts, k)
			}
		}
		n.state, n.entered = to, at
		if into.Probability != nil {
			n.base = *into.Probability
		}
		n.prob, n.override = n.base, false
	}
	return res
}

func (n *naive[S, T]) doPause(at time.Time, actor, reason string, until lifecycle.Date) error {
	switch {
	case n.early(at):
		return errNaiveTime
	case !until.IsZero() && !until.IsValid():
		return errNaiveDate
	case n.paused:
		return lifecycle.ErrPaused
	case n.stateSpec(n.state).Kind == lifecycle.Terminal:
		return lifecycle.ErrTerminal
	}
	n.paused, n.pause = true, lifecycle.Pause{At: at, Actor: actor, Reason: reason, Until: until}
	n.history = append(n.history, lifecycle.Step[S, T]{Kind: lifecycle.StepPause, From: n.state, To: n.state, At: at, Actor: actor, Note: reason, Until: until})
	return nil
}

func (n *naive[S, T]) doResume(at time.Time, actor string) error {
	switch {
	case n.early(at):
		return errNaiveTime
	case !n.paused:
		return lifecycle.ErrNotPaused
	}
	n.paused, n.pause = false, lifecycle.Pause{}
	n.history = append(n.history, lifecycle.Step[S, T]{Kind: lifecycle.StepResume, From: n.state, To: n.state, At: at, Actor: actor})
	return nil
}

func (n *naive[S, T]) overrideProbability(p float64) error {
	if math.IsNaN(p) || p < 0 || p > 1 {
		return lifecycle.ErrProbability
	}
	n.prob, n.override = p, true
	return nil
}

// measure reads the history as of asOf, as Measures documents: each step at
// or before asOf starts a stretch that lasts until the next such step or
// asOf, spent in the state and pause the step leaves.
func (n *naive[S, T]) measure(asOf time.Time) lifecycle.Measures[S] {
	var steps []lifecycle.Step[S, T]
	for _, s := range n.history {
		if s.At.After(asOf) {
			break
		}
		steps = append(steps, s)
	}
	order := func(s S) int {
		return slices.IndexFunc(n.sp.States, func(st lifecycle.State[S]) bool { return st.Key == s })
	}
	var m lifecycle.Measures[S]
	paused := false
	for i, s := range steps {
		switch s.Kind {
		case lifecycle.StepStart, lifecycle.StepFire:
			if s.Kind == lifecycle.StepFire && order(s.To) < order(s.From) {
				j := slices.IndexFunc(m.Loops, func(l lifecycle.Loop[S]) bool { return l.From == s.From && l.To == s.To })
				if j < 0 {
					m.Loops = append(m.Loops, lifecycle.Loop[S]{From: s.From, To: s.To})
					j = len(m.Loops) - 1
				}
				m.Loops[j].Count++
			}
			m.Path = append(m.Path, s.To)
			if !slices.ContainsFunc(m.Time, func(t lifecycle.StateTime[S]) bool { return t.State == s.To }) {
				m.Time = append(m.Time, lifecycle.StateTime[S]{State: s.To})
			}
			m.State, m.Age, m.Paused = s.To, 0, 0
		case lifecycle.StepPause:
			paused = true
		case lifecycle.StepResume:
			paused = false
		}
		j := slices.IndexFunc(m.Time, func(t lifecycle.StateTime[S]) bool { return t.State == m.State })
		if s.Kind == lifecycle.StepStart || s.Kind == lifecycle.StepFire {
			m.Time[j].Visits++
		}
		end := asOf
		if i+1 < len(steps) {
			end = steps[i+1].At
		}
		if d := end.Sub(s.At); d > 0 {
			if paused {
				m.Time[j].Paused += d
				m.Paused += d
			} else {
				m.Time[j].Time += d
				m.Age += d
			}
		}
	}
	if m.State != "" {
		days := n.stateSpec(m.State).StaleAfterDays
		m.Stale = !paused && days > 0 && m.Age >= time.Duration(days)*24*time.Hour
	}
	return m
}

// sameError reports whether err matches the naive model's sentinel.
func sameError(err, want error) bool {
	if want == nil {
		return err == nil
	}
	return errors.Is(err, want)
}
