package lifecycle

import (
	"encoding/json"
	"iter"
)

// Effect is work a transition asks the host to carry out, such as "create
// task: kick-off meeting". Effects are data: the library performs no I/O, it
// returns the effects of a transition in [Move] and the host acts on them.
type Effect struct {
	// Kind says what to do, in the host's vocabulary: "task", "notify",
	// "email".
	Kind string `json:"kind"`
	// Key identifies the effect: "kickoff_meeting".
	Key string `json:"key"`
	// Labels are the effect's display text per language.
	Labels Labels `json:"labels,omitempty"`
}

// Label returns the effect's display text for lang, chosen as [Labels.Get]
// chooses, or its key when it has none.
func (e Effect) Label(lang string) string { return orKey(e.Labels.Get(lang), e.Key) }

// effect is an Effect inside a built Definition.
type effect struct {
	kind, key string
	labels    span
}

// effectTable holds a built Definition's effects: every declared effect, and
// runs of indices into them, one run per transition (the exit effects of the
// state left, the transition's own, the entry effects of the state entered)
// and one per state (its entry effects).
type effectTable struct {
	list   []effect
	runs   []int32
	labels *labelTable
}

// Effects is a read-only list of the effects of one transition, in order:
// the exit effects of the state left, the transition's own effects, then the
// entry effects of the state entered. The zero value is empty. An Effects
// from a [Definition] shares memory with it, so returning it costs no
// allocation. It encodes in JSON as a list of [Effect]s and decodes from
// one.
type Effects struct {
	t      *effectTable
	lo, hi int32
}

// Len returns the number of effects.
func (e Effects) Len() int { return int(e.hi - e.lo) }

// At returns the i'th effect, with a fresh Labels map. It panics if i is out
// of range, like a slice index.
func (e Effects) At(i int) Effect {
	f := e.effect(i)
	return Effect{Kind: f.kind, Key: f.key, Labels: e.t.labels.labels(f.labels)}
}

// Label returns the i'th effect's text for lang, chosen as [Labels.Get]
// chooses, or its key when it has none. It panics if i is out of range.
func (e Effects) Label(i int, lang string) string {
	f := e.effect(i)
	return orKey(e.t.labels.get(f.labels, lang), f.key)
}

func (e Effects) effect(i int) *effect {
	var runs []int32
	if e.t != nil {
		runs = e.t.runs[e.lo:e.hi]
	}
	return &e.t.list[runs[i]]
}

// All yields the effects in order.
func (e Effects) All() iter.Seq[Effect] {
	return func(yield func(Effect) bool) {
		for i := range e.Len() {
			if !yield(e.At(i)) {
				return
			}
		}
	}
}

// MarshalJSON encodes the effects as a JSON list of [Effect]s.
func (e Effects) MarshalJSON() ([]byte, error) {
	list := make([]Effect, e.Len())
	for i := range list {
		list[i] = e.At(i)
	}
	return json.Marshal(list)
}

// UnmarshalJSON decodes a JSON list of [Effect]s.
func (e *Effects) UnmarshalJSON(data []byte) error {
	var list []Effect
	if err := json.Unmarshal(data, &list); err != nil {
		return err
	}
	if len(list) == 0 {
		*e = Effects{}
		return nil
	}
	t := &effectTable{labels: &labelTable{}, runs: make([]int32, len(list))}
	for i, f := range list {
		t.list = append(t.list, effect{kind: f.Kind, key: f.Key, labels: t.labels.add(f.Labels)})
		t.runs[i] = int32(i)
	}
	t.labels.finish()
	*e = Effects{t: t, lo: 0, hi: int32(len(list))}
	return nil
}
