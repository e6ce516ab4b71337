package lifecycle

import "iter"

// Effect is work a transition asks the host to carry out, such as "create
// task: kick-off meeting". Effects are data: the library performs no I/O, it
// returns the effects of a transition in [Fired] and the host acts on them.
type Effect struct {
	// Kind says what to do, in the host's vocabulary: "task", "notify",
	// "email".
	Kind string `json:"kind"`
	// Key identifies the effect: "kickoff_meeting".
	Key string `json:"key"`
	// Labels are the effect's display text per locale.
	Labels Labels `json:"labels,omitempty"`
}

// effect is an Effect inside a built Definition.
type effect struct {
	kind, key string
	labels    span
}

// Effects is a read-only view of the effects of one transition, in order:
// the exit effects of the state left, the transition's own effects, then the
// entry effects of the state entered. The zero value is empty. An Effects
// shares memory with its Definition, so returning it costs no allocation.
type Effects struct {
	list   []int32 // indices into all
	all    []effect
	labels *labelTable
}

// Len returns the number of effects.
func (e Effects) Len() int { return len(e.list) }

// At returns the i'th effect, with a fresh Labels map. It panics if i is out
// of range, like a slice index.
func (e Effects) At(i int) Effect {
	f := e.all[e.list[i]]
	return Effect{Kind: f.kind, Key: f.key, Labels: e.labels.labels(f.labels)}
}

// Label returns the i'th effect's text for locale (see [Labels.Get]), or its
// key when it has no such label.
func (e Effects) Label(i int, locale string) string {
	f := e.all[e.list[i]]
	if s := e.labels.get(f.labels, locale); s != "" {
		return s
	}
	return f.key
}

// All yields the effects in order.
func (e Effects) All() iter.Seq[Effect] {
	return func(yield func(Effect) bool) {
		for i := range e.list {
			if !yield(e.At(i)) {
				return
			}
		}
	}
}
