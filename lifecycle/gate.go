package lifecycle

import "math/bits"

// Item is something a gate can require: a checklist item to tick ("budget
// confirmed") or a fact to record ("decision maker"). An instance meets an
// item when it holds a non-empty value for the item's key (see
// [Instance.SetFact] and [Instance.Tick]).
type Item struct {
	// Key identifies the item in gates and in an instance's facts.
	Key string `json:"key"`
	// Kind says how a UI asks for the item; it does not change how the
	// item is met.
	Kind ItemKind `json:"kind,omitzero"`
	// Labels are the item's display text per language.
	Labels Labels `json:"labels,omitempty"`
}

// Label returns the item's display text for lang, chosen as [Labels.Get]
// chooses, or its key when it has none.
func (it Item) Label(lang string) string { return orKey(it.Labels.Get(lang), it.Key) }

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
	// definition's Items and listed once.
	Items []string `json:"items"`
	// Labels are the gate's display text per language.
	Labels Labels `json:"labels,omitempty"`
}

// Label returns the gate's display text for lang, chosen as [Labels.Get]
// chooses, or its name when it has none.
func (g Gate) Label(lang string) string { return orKey(g.Labels.Get(lang), g.Name) }

// GateMode says whether an unmet gate stops a transition. The zero value is
// [Blocking].
type GateMode int

// The gate modes.
const (
	// Blocking gates refuse the transition while items are missing.
	Blocking GateMode = iota
	// Advisory gates report missing items and let the transition through.
	Advisory
)

var gateModeNames = enumNames{"blocking", "advisory"}

// String returns the mode's wire name, or "GateMode(n)".
func (m GateMode) String() string { return gateModeNames.str("GateMode", int(m)) }

// MarshalText encodes m as its name; a mode without one is a [*FieldError]
// wrapping [ErrUnknownName].
func (m GateMode) MarshalText() ([]byte, error) {
	return gateModeNames.text("mode", "GateMode", int(m))
}

// UnmarshalText decodes a name; any other text is a [*FieldError] wrapping
// [ErrUnknownName].
func (m *GateMode) UnmarshalText(b []byte) error {
	v, err := gateModeNames.parse("mode", b)
	if err == nil {
		*m = GateMode(v)
	}
	return err
}

// ItemKind says how a UI asks for a gate item. Both kinds are met the same
// way: the instance holds a non-empty value for the item's key. The zero
// value is [Checklist].
type ItemKind int

// The item kinds.
const (
	// Checklist items are ticked: "feasibility assessed".
	Checklist ItemKind = iota
	// Fact items hold a value: the decision maker's name, the budget.
	Fact
)

var itemKindNames = enumNames{"checklist", "fact"}

// String returns the kind's wire name, or "ItemKind(n)".
func (k ItemKind) String() string { return itemKindNames.str("ItemKind", int(k)) }

// MarshalText encodes k as its name; a kind without one is a [*FieldError]
// wrapping [ErrUnknownName].
func (k ItemKind) MarshalText() ([]byte, error) {
	return itemKindNames.text("kind", "ItemKind", int(k))
}

// UnmarshalText decodes a name; any other text is a [*FieldError] wrapping
// [ErrUnknownName].
func (k *ItemKind) UnmarshalText(b []byte) error {
	v, err := itemKindNames.parse("kind", b)
	if err == nil {
		*k = ItemKind(v)
	}
	return err
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

// covers reports whether the bit set facts holds every bit of mask.
func covers(facts, mask []uint64) bool {
	for w, m := range mask {
		if m&^facts[w] != 0 {
			return false
		}
	}
	return true
}

// meets reports whether the bit sets a and b share a bit.
func meets(a, b []uint64) bool {
	for w, m := range b {
		if m&a[w] != 0 {
			return true
		}
	}
	return false
}
