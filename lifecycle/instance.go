package lifecycle

import (
	"encoding/json"
	"iter"
	"maps"
	"math"
	"slices"
	"strconv"
	"time"
)

// Instance is one sales project, opportunity or customer moving through a
// lifecycle: its current state, the probability it took on entry, its gate
// facts, whether it is paused, and the history of everything that happened
// to it. An Instance is caller-owned data: store it as JSON, load it, pass it
// to the [Definition] that drives it. Create one with [Definition.Start].
//
// The zero Instance has no state; firing on it fails with [ErrUnknownState].
// An Instance is not safe for concurrent use. Copying an Instance value
// makes a shallow copy that shares facts and history with the original; use
// [Instance.Clone] for an independent one.
type Instance[S, T ~string] struct {
	state    S
	entered  time.Time
	prob     float64 // base, or the manual override
	base     float64 // the default of the last state entered that has one
	override bool
	facts    *factTable
	paused   bool
	pause    Pause
	history  []Step[S, T]

	// A cache of the state's index and of the facts as a bit set over the
	// items of the definition cdef. The bit set is never written after it
	// is made, so copies of the Instance may share it.
	cdef   *Definition[S, T]
	cstate int32
	cfacts *factTable
	cgen   uint64
	cbits  []uint64
}

// factTable holds an instance's facts; gen counts changes, so the bit set
// cached from it can tell when it is out of date.
type factTable struct {
	m   map[string]string
	gen uint64
}

// State returns the current state.
func (in *Instance[S, T]) State() S { return in.state }

// Entered returns when the instance entered its current state.
func (in *Instance[S, T]) Entered() time.Time { return in.entered }

// Probability returns the win probability: a manual override made since the
// instance entered its state, or else the default of the last state entered
// that has one, as it was on entry (0 when none has).
func (in *Instance[S, T]) Probability() float64 { return in.prob }

// Overridden reports whether the probability is a manual override.
func (in *Instance[S, T]) Overridden() bool { return in.override }

// OverrideProbability sets the win probability by hand. The override holds
// until the instance next enters a state, by any transition that is not
// internal; the probability is then the default again, the new state's or,
// when it has none, the one the instance had before. A p outside [0, 1] is
// a [*FieldError] wrapping [ErrProbability].
func (in *Instance[S, T]) OverrideProbability(p float64) error {
	if math.IsNaN(p) || p < 0 || p > 1 {
		return fieldErr("probability", formatFloat(p), ErrProbability)
	}
	in.prob, in.override = p, true
	return nil
}

// formatFloat writes p for an error message: 1.01, NaN, +Inf.
func formatFloat(p float64) string { return strconv.FormatFloat(p, 'g', -1, 64) }

// Paused returns the current pause, and reports whether the instance is
// paused.
func (in *Instance[S, T]) Paused() (Pause, bool) { return in.pause, in.paused }

// Fact returns the value recorded for key, and reports whether there is one.
func (in *Instance[S, T]) Fact(key string) (string, bool) {
	if in.facts == nil {
		return "", false
	}
	v, ok := in.facts.m[key]
	return v, ok
}

// SetFact records value for key; an empty value removes the fact. A gate
// item is met when its key has a value. A fact whose item is one of a
// state's stay items is forgotten when the instance leaves that state (see
// [State.StayItems]).
func (in *Instance[S, T]) SetFact(key, value string) {
	if value == "" {
		in.Clear(key)
		return
	}
	if in.facts == nil {
		in.facts = &factTable{m: map[string]string{}}
	}
	if old, ok := in.facts.m[key]; ok && old == value {
		return
	}
	in.facts.m[key] = value
	in.facts.gen++
}

// Tick ticks the checklist item key, recording the value "done".
func (in *Instance[S, T]) Tick(key string) { in.SetFact(key, "done") }

// Clear removes the fact or checklist tick for key.
func (in *Instance[S, T]) Clear(key string) {
	if in.facts == nil {
		return
	}
	if _, ok := in.facts.m[key]; !ok {
		return
	}
	delete(in.facts.m, key)
	in.facts.gen++
}

// Facts returns a copy of the recorded facts.
func (in *Instance[S, T]) Facts() map[string]string {
	if in.facts == nil {
		return map[string]string{}
	}
	return maps.Clone(in.facts.m)
}

// History returns a copy of the history, oldest step first.
func (in *Instance[S, T]) History() []Step[S, T] { return slices.Clone(in.history) }

// Steps yields the history, oldest step first, without copying it.
func (in *Instance[S, T]) Steps() iter.Seq[Step[S, T]] {
	return func(yield func(Step[S, T]) bool) {
		for _, s := range in.history {
			if !yield(s) {
				return
			}
		}
	}
}

// Clone returns an independent copy of the instance.
func (in *Instance[S, T]) Clone() *Instance[S, T] {
	out := &Instance[S, T]{
		state:    in.state,
		entered:  in.entered,
		prob:     in.prob,
		base:     in.base,
		override: in.override,
		paused:   in.paused,
		pause:    in.pause,
		history:  slices.Clone(in.history),
	}
	if in.facts != nil {
		out.facts = &factTable{m: maps.Clone(in.facts.m)}
	}
	return out
}

// instanceJSON is the JSON form of an Instance.
type instanceJSON[S, T ~string] struct {
	State       S                 `json:"state"`
	Entered     time.Time         `json:"entered"`
	Probability float64           `json:"probability"`
	Overridden  bool              `json:"overridden,omitempty"`
	Default     float64           `json:"default_probability,omitempty"` // when overridden
	Facts       map[string]string `json:"facts,omitempty"`
	Pause       *Pause            `json:"pause,omitempty"`
	History     []Step[S, T]      `json:"history"`
}

// MarshalJSON encodes the instance.
func (in *Instance[S, T]) MarshalJSON() ([]byte, error) {
	j := instanceJSON[S, T]{
		State:       in.state,
		Entered:     in.entered,
		Probability: in.prob,
		Overridden:  in.override,
		History:     in.history,
	}
	if in.override {
		j.Default = in.base
	}
	if in.facts != nil && len(in.facts.m) > 0 {
		j.Facts = in.facts.m
	}
	if in.paused {
		p := in.pause
		j.Pause = &p
	}
	return json.Marshal(j)
}

// UnmarshalJSON decodes an instance written by MarshalJSON. It checks that
// the probabilities lie in [0, 1] (a [*FieldError] wrapping [ErrProbability])
// and drops facts with empty values; whether the state and history fit a
// definition is for [Definition.Check] to say.
func (in *Instance[S, T]) UnmarshalJSON(data []byte) error {
	var j instanceJSON[S, T]
	if err := json.Unmarshal(data, &j); err != nil {
		return err
	}
	if math.IsNaN(j.Probability) || j.Probability < 0 || j.Probability > 1 {
		return fieldErr("probability", formatFloat(j.Probability), ErrProbability)
	}
	if !j.Overridden {
		j.Default = j.Probability
	} else if math.IsNaN(j.Default) || j.Default < 0 || j.Default > 1 {
		return fieldErr("default_probability", formatFloat(j.Default), ErrProbability)
	}
	for k, v := range j.Facts {
		if v == "" {
			delete(j.Facts, k) // an empty value is no fact, as SetFact has it
		}
	}
	*in = Instance[S, T]{
		state:    j.State,
		entered:  j.Entered,
		prob:     j.Probability,
		base:     j.Default,
		override: j.Overridden,
		history:  j.History,
	}
	if len(j.Facts) > 0 {
		in.facts = &factTable{m: j.Facts}
	}
	if j.Pause != nil {
		in.paused, in.pause = true, *j.Pause
	}
	return nil
}

// bits returns in's facts as a bit set over d's items, from the cache when
// it is fresh. When store is set and the cache belongs to d (stateOf has
// run), a fresh computation is cached.
func (d *Definition[S, T]) bits(in *Instance[S, T], store bool) []uint64 {
	if b := in.cachedBits(); b != nil && in.cdef == d {
		return b
	}
	return d.newBits(in, store)
}

// cachedBits returns the cached bit set of the facts, or nil when there is
// none or the facts have changed since.
func (in *Instance[S, T]) cachedBits() []uint64 {
	if in.cfacts != in.facts || in.cgen != in.facts.generation() {
		return nil
	}
	return in.cbits
}

// generation returns t's count of changes; a nil table has had none.
func (t *factTable) generation() uint64 {
	if t == nil {
		return 0
	}
	return t.gen
}

// newBits computes in's facts as a bit set over d's items, and caches it as
// bits says.
func (d *Definition[S, T]) newBits(in *Instance[S, T], store bool) []uint64 {
	gen := in.facts.generation()
	b := make([]uint64, d.words)
	if in.facts != nil && len(in.facts.m) > 0 {
		for i := range d.items {
			if in.facts.m[d.items[i].key] != "" {
				b[i>>6] |= 1 << (i & 63)
			}
		}
	}
	if store && in.cdef == d {
		in.cbits, in.cfacts, in.cgen = b, in.facts, gen
	}
	return b
}

// forget removes the facts of the stay items of state s and returns their
// keys, in the state's order; facts (a bit set over d's items) says which
// are present.
func (d *Definition[S, T]) forget(in *Instance[S, T], s *state[S], facts []uint64) []string {
	var keys []string
	for _, ix := range d.idx[s.stay.lo:s.stay.hi] {
		if facts[ix>>6]&(1<<(ix&63)) != 0 {
			key := d.items[ix].key
			keys = append(keys, key)
			in.Clear(key)
		}
	}
	return keys
}
