package lifecycle

import "encoding/json"

// Spec is the data form of a [Definition]: plain structs that round-trip
// through encoding/json, so a CRM can store a lifecycle in its database and
// edit it in a UI. A Spec is not checked until a [Builder] builds it.
//
// S is the caller's type for state keys and T its type for trigger keys;
// both are strings underneath, so a Spec[Phase, ProjectTrigger] and a
// Spec[string, string] read and write the same JSON.
type Spec[S, T ~string] struct {
	// Name identifies the lifecycle: "sales-project".
	Name string `json:"name"`
	// Labels are the lifecycle's display text per locale.
	Labels Labels `json:"labels,omitempty"`
	// States lists the states in process order; that order decides which
	// transitions count as loops back (see [Measures]).
	States []State[S] `json:"states"`
	// Triggers optionally declares triggers, to give them labels. A
	// transition may use a trigger that is not declared.
	Triggers []Trigger[T] `json:"triggers,omitempty"`
	// Items declares every item gates may require.
	Items []Item `json:"items,omitempty"`
	// Transitions lists the transitions; for each state they are offered in
	// this order.
	Transitions []Transition[S, T] `json:"transitions"`
}

// State is one state of a lifecycle and the stage data CRMs attach to it.
type State[S ~string] struct {
	// Key identifies the state.
	Key S `json:"key"`
	// Kind says whether the state is the initial one, a terminal one, or
	// neither.
	Kind StateKind `json:"kind,omitzero"`
	// Labels are the state's display text per locale.
	Labels Labels `json:"labels,omitempty"`
	// Probability, when set, is the default win probability in [0, 1] an
	// instance takes when it enters the state (see [Prob]). An instance
	// keeps the value it took on entry, so changing the default later does
	// not rewrite instances already in the state.
	Probability *float64 `json:"probability,omitempty"`
	// Forecast is the forecast category of deals in the state.
	Forecast ForecastCategory `json:"forecast,omitzero"`
	// Won marks a state that counts as won.
	Won bool `json:"won,omitempty"`
	// Lost marks a state that counts as lost.
	Lost bool `json:"lost,omitempty"`
	// StaleAfterDays, when positive, is the number of days of unpaused time
	// in the state after which an instance counts as stale.
	StaleAfterDays int `json:"stale_after_days,omitempty"`
	// Entry lists the gates every transition into the state must pass.
	Entry []Gate `json:"entry,omitempty"`
	// Exit lists the gates every transition out of the state must pass.
	Exit []Gate `json:"exit,omitempty"`
	// OnEnter lists the effects of entering the state.
	OnEnter []Effect `json:"on_enter,omitempty"`
	// OnExit lists the effects of leaving the state.
	OnExit []Effect `json:"on_exit,omitempty"`
}

// Trigger declares a trigger and its labels: the text of a button.
type Trigger[T ~string] struct {
	// Key identifies the trigger.
	Key T `json:"key"`
	// Labels are the trigger's display text per locale.
	Labels Labels `json:"labels,omitempty"`
}

// Transition says that trigger moves an instance from one state to another.
// A transition whose To equals its From is a self-transition: the instance
// leaves and re-enters the state, with exit and entry gates and effects. An
// internal transition stays in the state without leaving it: no exit or
// entry gates or effects, and the stage age and probability are untouched.
type Transition[S, T ~string] struct {
	// From is the state the transition leaves.
	From S `json:"from"`
	// Trigger fires the transition.
	Trigger T `json:"trigger"`
	// To is the state the transition enters. An internal transition may
	// leave it empty.
	To S `json:"to,omitempty"`
	// Internal marks an internal transition.
	Internal bool `json:"internal,omitempty"`
	// Gates lists the transition's own gates, such as approve-to-bid.
	Gates []Gate `json:"gates,omitempty"`
	// Guards names Go functions registered with [Builder.Guard] that must
	// allow the transition, for rules that cannot be data.
	Guards []string `json:"guards,omitempty"`
	// Effects lists the transition's own effects.
	Effects []Effect `json:"effects,omitempty"`
}

// Prob returns a pointer to p, for [State.Probability] in Go literals.
func Prob(p float64) *float64 { return &p }

// Definition is a built, validated lifecycle. It is immutable and safe for
// concurrent use: one Definition serves any number of instances. The zero
// value has no states; build a Definition with a [Builder], decode one from
// JSON, or take a preset such as [SalesProject].
//
// Building interns states, triggers and gate items to small integers and
// precomputes, for every transition, the gates it must pass and the effects
// it returns, so that firing does no map lookups and no string building.
type Definition[S, T ~string] struct {
	name     string
	label    span
	labels   *labelTable
	states   []state[S]
	index    map[S]int32 // nil for small definitions, which find scans
	trans    []transition[S, T]
	outs     []int32  // transitions by source state, each state's run in declaration order
	gates    []gate   // every declared gate; states and transitions hold spans of it
	checks   []int32  // per transition, the gates it must pass, as indices into gates
	effects  []effect // every declared effect
	fx       []int32  // per transition, the effects it returns, as indices into effects
	triggers []trigger[T]
	items    []item
	words    int // length of a bit set over items
	initial  int32
	guards   map[string]Guard[S, T]
}

// state is a State inside a built Definition.
type state[S ~string] struct {
	key       S
	kind      StateKind
	labels    span
	prob      float64
	hasProb   bool
	forecast  ForecastCategory
	won, lost bool
	stale     int
	entry     span // of Definition.gates
	exit      span // of Definition.gates
	onEnter   span // of Definition.effects
	onExit    span // of Definition.effects
	out       span // of Definition.outs
}

// transition is a Transition inside a built Definition.
type transition[S, T ~string] struct {
	from, to int32
	trigger  T
	internal bool
	own      span // of Definition.gates
	effects  span // of Definition.effects
	check    span // of Definition.checks: exit gates of from, own gates, entry gates of to
	fx       span // of Definition.fx: exit effects of from, own effects, entry effects of to
	guards   []guardRef[S, T]
}

// guardRef is a guard a transition names, and the guard registered under
// that name.
type guardRef[S, T ~string] struct {
	name  string
	guard Guard[S, T]
}

type trigger[T ~string] struct {
	key    T
	labels span
}

type item struct {
	key    string
	kind   ItemKind
	labels span
}

// smallTable is the size up to which states and items are found by a
// linear scan rather than a map: faster to build, and as fast to search.
const smallTable = 16

// find returns the index of state s among the first n states.
func (d *Definition[S, T]) find(s S, n int) (int32, bool) {
	if d.index != nil {
		i, ok := d.index[s]
		return i, ok && int(i) < n
	}
	for i := range d.states[:n] {
		if d.states[i].key == s {
			return int32(i), true
		}
	}
	return 0, false
}

// lookupState returns the index of state s.
func (d *Definition[S, T]) lookupState(s S) (int32, bool) { return d.find(s, len(d.states)) }

// Name returns the lifecycle's name.
func (d *Definition[S, T]) Name() string { return d.name }

// Label returns the lifecycle's display text for locale (see [Labels.Get]),
// or its name when it has none.
func (d *Definition[S, T]) Label(locale string) string {
	if s := d.labels.get(d.label, locale); s != "" {
		return s
	}
	return d.name
}

// Initial returns the initial state, or "" for the zero Definition.
func (d *Definition[S, T]) Initial() S {
	if len(d.states) == 0 {
		return ""
	}
	return d.states[d.initial].key
}

// States returns the state keys in process order.
func (d *Definition[S, T]) States() []S {
	out := make([]S, len(d.states))
	for i := range d.states {
		out[i] = d.states[i].key
	}
	return out
}

// State returns the data of state s, and reports whether the definition has
// it.
func (d *Definition[S, T]) State(s S) (State[S], bool) {
	i, ok := d.lookupState(s)
	if !ok {
		return State[S]{}, false
	}
	return d.stateSpec(i), true
}

// StateLabel returns the display text of state s for locale (see
// [Labels.Get]), or s itself when it has none.
func (d *Definition[S, T]) StateLabel(s S, locale string) string {
	if i, ok := d.lookupState(s); ok {
		if l := d.labels.get(d.states[i].labels, locale); l != "" {
			return l
		}
	}
	return string(s)
}

// TriggerLabel returns the display text of trigger t for locale (see
// [Labels.Get]), or t itself when it has none.
func (d *Definition[S, T]) TriggerLabel(t T, locale string) string {
	for _, tr := range d.triggers {
		if tr.key == t {
			if l := d.labels.get(tr.labels, locale); l != "" {
				return l
			}
			break
		}
	}
	return string(t)
}

// ItemLabel returns the display text of gate item key for locale (see
// [Labels.Get]), or key itself when it has none.
func (d *Definition[S, T]) ItemLabel(key, locale string) string {
	for _, it := range d.items {
		if it.key == key {
			if l := d.labels.get(it.labels, locale); l != "" {
				return l
			}
			break
		}
	}
	return key
}

// OnEnter returns the effects of entering state s; an instance created by
// [Definition.Start] should carry out those of the initial state.
func (d *Definition[S, T]) OnEnter(s S) Effects {
	i, ok := d.lookupState(s)
	if !ok {
		return Effects{}
	}
	return d.effectsOf(d.states[i].onEnter)
}

// effectsOf returns the effects in s, a span of d.effects.
func (d *Definition[S, T]) effectsOf(s span) Effects {
	if s.lo == s.hi {
		return Effects{}
	}
	list := make([]int32, s.hi-s.lo)
	for i := range list {
		list[i] = s.lo + int32(i)
	}
	return Effects{list: list, all: d.effects, labels: d.labels}
}

// Spec returns the definition as data: a deep copy the caller may change
// and build again. Unnamed gates carry the names Build gave them.
func (d *Definition[S, T]) Spec() Spec[S, T] {
	sp := Spec[S, T]{Name: d.name, Labels: d.labels.labels(d.label)}
	sp.States = make([]State[S], len(d.states))
	for i := range d.states {
		sp.States[i] = d.stateSpec(int32(i))
	}
	for _, t := range d.triggers {
		sp.Triggers = append(sp.Triggers, Trigger[T]{Key: t.key, Labels: d.labels.labels(t.labels)})
	}
	for _, it := range d.items {
		sp.Items = append(sp.Items, Item{Key: it.key, Kind: it.kind, Labels: d.labels.labels(it.labels)})
	}
	sp.Transitions = make([]Transition[S, T], len(d.trans))
	for i := range d.trans {
		t := &d.trans[i]
		tr := Transition[S, T]{
			From:     d.states[t.from].key,
			Trigger:  t.trigger,
			Internal: t.internal,
			Gates:    d.gateSpecs(t.own),
			Guards:   guardNames(t.guards),
			Effects:  d.effectSpecs(t.effects),
		}
		if !t.internal {
			tr.To = d.states[t.to].key
		}
		sp.Transitions[i] = tr
	}
	return sp
}

func (d *Definition[S, T]) stateSpec(i int32) State[S] {
	s := &d.states[i]
	st := State[S]{
		Key:            s.key,
		Kind:           s.kind,
		Labels:         d.labels.labels(s.labels),
		Forecast:       s.forecast,
		Won:            s.won,
		Lost:           s.lost,
		StaleAfterDays: s.stale,
		Entry:          d.gateSpecs(s.entry),
		Exit:           d.gateSpecs(s.exit),
		OnEnter:        d.effectSpecs(s.onEnter),
		OnExit:         d.effectSpecs(s.onExit),
	}
	if s.hasProb {
		st.Probability = Prob(s.prob)
	}
	return st
}

func guardNames[S, T ~string](gs []guardRef[S, T]) []string {
	if len(gs) == 0 {
		return nil
	}
	out := make([]string, len(gs))
	for i, g := range gs {
		out[i] = g.name
	}
	return out
}

func (d *Definition[S, T]) gateSpecs(sp span) []Gate {
	gs := d.gates[sp.lo:sp.hi]
	if len(gs) == 0 {
		return nil
	}
	out := make([]Gate, len(gs))
	for i := range gs {
		g := &gs[i]
		items := make([]string, len(g.items))
		for j, it := range g.items {
			items[j] = d.items[it].key
		}
		out[i] = Gate{Name: g.name, Mode: g.mode, Items: items, Labels: d.labels.labels(g.labels)}
	}
	return out
}

func (d *Definition[S, T]) effectSpecs(sp span) []Effect {
	fs := d.effects[sp.lo:sp.hi]
	if len(fs) == 0 {
		return nil
	}
	out := make([]Effect, len(fs))
	for i, f := range fs {
		out[i] = Effect{Kind: f.kind, Key: f.key, Labels: d.labels.labels(f.labels)}
	}
	return out
}

// MarshalJSON encodes the definition's [Spec].
func (d *Definition[S, T]) MarshalJSON() ([]byte, error) {
	return json.Marshal(d.Spec())
}

// UnmarshalJSON decodes a [Spec] and builds it, reporting every problem as
// Build does. Guards cannot be decoded: a definition whose transitions name
// guards fails with [ErrUnknownGuard]; decode its Spec instead and build it
// with a [Builder] that registers the guards. Decode only into a fresh
// Definition, never into one already shared.
func (d *Definition[S, T]) UnmarshalJSON(data []byte) error {
	var sp Spec[S, T]
	if err := json.Unmarshal(data, &sp); err != nil {
		return err
	}
	built, err := NewBuilder[S, T](sp.Name).Spec(sp).Build()
	if err != nil {
		return err
	}
	*d = *built
	return nil
}

// stateOf returns the index of in's state, using and refreshing in's cache.
func (d *Definition[S, T]) stateOf(in *Instance[S, T]) (int32, error) {
	if in.cdef == d && int(in.cstate) < len(d.states) && d.states[in.cstate].key == in.state {
		return in.cstate, nil
	}
	i, ok := d.lookupState(in.state)
	if !ok {
		return 0, fieldErr("state", string(in.state), ErrUnknownState)
	}
	if in.cdef != d {
		in.cdef = d
		in.cbits = nil
	}
	in.cstate = i
	return i, nil
}

// lookup returns the index of the state's transition for trigger, or -1.
func (d *Definition[S, T]) lookup(si int32, t T) int32 {
	s := &d.states[si]
	for _, k := range d.outs[s.out.lo:s.out.hi] {
		if d.trans[k].trigger == t {
			return k
		}
	}
	return -1
}
