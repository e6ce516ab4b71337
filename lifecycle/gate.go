package lifecycle

import "math/bits"

// Item is something a gate can require: a checklist item to tick ("budget
// confirmed") or a fact to record ("decision maker"). An instance meets an
// item when it holds a non-empty value for the item's key (see
// [Instance.SetFact] and [Instance.Check]).
type Item struct {
	// Key identifies the item in gates and in an instance's facts.
	Key string `json:"key"`
	// Kind says how a UI asks for the item; it does not change how the
	// item is met.
	Kind ItemKind `json:"kind,omitzero"`
	// Labels are the item's display text per locale.
	Labels Labels `json:"labels,omitempty"`
}

// Gate is an entry or exit criterion: a named list of items that must be met
// before a transition may pass. A state's entry gates guard every transition
// into it, its exit gates every transition out of it (internal transitions
// neither enter nor leave, so they skip both), and a transition's own gates
// guard that transition only: a decision point such as approve-to-bid. A
// blocking gate refuses the transition while items are missing; an advisory
// gate reports them and lets it through.
type Gate struct {
	// Name identifies the gate in refusals and diagrams. Build names an
	// unnamed gate after its place: "initiation.exit", "strategy.entry",
	// "lead.qualify".
	Name string `json:"name,omitempty"`
	// Mode says whether missing items block the transition.
	Mode GateMode `json:"mode,omitzero"`
	// Items lists the keys of the required items, each declared in the
	// definition's Items.
	Items []string `json:"items"`
	// Labels are the gate's display text per locale.
	Labels Labels `json:"labels,omitempty"`
}

// gate is a Gate inside a built Definition: its items as indices into the
// definition's items, and the same set as a bit mask over them.
type gate struct {
	name   string
	mode   GateMode
	items  []int32
	mask   []uint64
	labels span
}

// missing returns how many of the gate's items facts (a bit set over the
// definition's items) lacks.
func (g *gate) missing(facts []uint64) int {
	n := 0
	for w, m := range g.mask {
		if m &^= facts[w]; m != 0 {
			n += bits.OnesCount64(m)
		}
	}
	return n
}

// appendMissing appends the keys of the gate's items that facts lacks, in
// the gate's order.
func (g *gate) appendMissing(dst []string, facts []uint64, items []item) []string {
	for _, it := range g.items {
		if facts[it>>6]&(1<<(it&63)) == 0 {
			dst = append(dst, items[it].key)
		}
	}
	return dst
}
