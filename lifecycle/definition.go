package lifecycle

import "encoding/json"

// Definition is a built, checked lifecycle. It is immutable and safe for
// concurrent use: one Definition serves any number of instances. Build one
// with a [Builder] or take a preset such as [SalesProject]. To store a
// definition, marshal it (it encodes its [Spec]); to load one, decode the
// Spec and build it: a Definition has no UnmarshalJSON, so json.Unmarshal
// into one decodes nothing.
//
// The zero Definition, and a nil *Definition, have no states: every method
// works on them and reports that nothing is there.
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
	outs     []int32 // transitions by source state, each state's run in declaration order
	outTrig  []T     // the trigger of each transition in outs, which lookup scans
	gates    []gate  // every declared gate; states and transitions hold spans of it
	checks   []int32 // per transition, the gates it must pass, as indices into gates
	fx       effectTable
	triggers []trigger[T]
	items    []item
	idx      []int32          // item indices: the gates' items and the states' stay items
	masks    []uint64         // bit masks over items: the gates', and per transition need and stay
	guards   []guardRef[S, T] // the transitions' guards
	words    int              // length of a bit set over items
	initial  int32
}

// state is a State inside a built Definition.
type state[S ~string] struct {
	key      S
	kind     StateKind
	labels   span
	prob     float64
	hasProb  bool
	forecast ForecastCategory
	outcome  Outcome
	stale    int
	stay     span // of Definition.idx: the stay items
	stayMask span // of Definition.masks: the same as a bit mask; empty when there are none
	entry    span // of Definition.gates
	exit     span // of Definition.gates
	onEnter  span // of fx.list
	onExit   span // of fx.list
	enterRun span // of fx.runs: the entry effects, for OnEnter
	out      span // of Definition.outs
}

// transition is a Transition inside a built Definition. Its fields are
// small (spans of the Definition's tables rather than slices of their own)
// and it copies what firing needs from the states it joins: the key and
// default probability of to, and the stay mask of from. Fire then reads
// one transition and no state: 48 fewer instructions per Fire in
// BenchmarkFireLoop's loop than reading the states (423 against 471,
// counted by callgrind), and a SalesProject Definition is smaller to build
// (10.6 kB against 12.9 kB with slices of its own).
type transition[S, T ~string] struct {
	from, to int32
	trigger  T
	toKey    S
	prob     float64 // the default probability of to, when hasProb
	own      span    // of Definition.gates
	effects  span    // of fx.list
	check    span    // of Definition.checks: exit gates of from, own gates, entry gates of to
	fx       span    // of fx.runs: exit effects of from, own effects, entry effects of to
	need     span    // of Definition.masks: every item of the gates in check; empty when none
	stay     span    // of Definition.masks: the stay items of from, when the transition leaves it
	guards   span    // of Definition.guards
	internal bool
	facts    bool // whether firing reads the facts: gates to check or stay facts to forget
	hasProb  bool
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

// def returns d, or the zero Definition when d is nil, so that a nil
// *Definition behaves as the zero Definition does.
func (d *Definition[S, T]) def() *Definition[S, T] {
	if d == nil {
		return &Definition[S, T]{}
	}
	return d
}

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
func (d *Definition[S, T]) Name() string { return d.def().name }

// Label returns the lifecycle's display text for lang, chosen as
// [Labels.Get] chooses, or its name when it has none.
func (d *Definition[S, T]) Label(lang string) string {
	d = d.def()
	return orKey(d.labels.get(d.label, lang), d.name)
}

// Initial returns the initial state, or "" for the zero Definition.
func (d *Definition[S, T]) Initial() S {
	d = d.def()
	if len(d.states) == 0 {
		return ""
	}
	return d.states[d.initial].key
}

// States returns the state keys in process order.
func (d *Definition[S, T]) States() []S {
	d = d.def()
	out := make([]S, len(d.states))
	for i := range d.states {
		out[i] = d.states[i].key
	}
	return out
}

// State returns the data of state s, and reports whether the definition has
// it.
func (d *Definition[S, T]) State(s S) (State[S], bool) {
	d = d.def()
	i, ok := d.lookupState(s)
	if !ok {
		return State[S]{}, false
	}
	return d.stateSpec(i), true
}

// StateLabel returns the display text of state s for lang, chosen as
// [Labels.Get] chooses, or s itself when it has none.
func (d *Definition[S, T]) StateLabel(s S, lang string) string {
	d = d.def()
	if i, ok := d.lookupState(s); ok {
		return d.stateText(i, lang)
	}
	return string(s)
}

// stateText returns the display text of state i for lang, or its key.
func (d *Definition[S, T]) stateText(i int32, lang string) string {
	return orKey(d.labels.get(d.states[i].labels, lang), string(d.states[i].key))
}

// TriggerLabel returns the display text of trigger t for lang, chosen as
// [Labels.Get] chooses, or t itself when it has none.
func (d *Definition[S, T]) TriggerLabel(t T, lang string) string {
	d = d.def()
	for _, tr := range d.triggers {
		if tr.key == t {
			return orKey(d.labels.get(tr.labels, lang), string(t))
		}
	}
	return string(t)
}

// ItemLabel returns the display text of gate item key for lang, chosen as
// [Labels.Get] chooses, or key itself when it has none.
func (d *Definition[S, T]) ItemLabel(key, lang string) string {
	d = d.def()
	for _, it := range d.items {
		if it.key == key {
			return orKey(d.labels.get(it.labels, lang), key)
		}
	}
	return key
}

// OnEnter returns the effects of entering state s; an instance created by
// [Definition.Start] should carry out those of the initial state. An
// unknown state has none.
func (d *Definition[S, T]) OnEnter(s S) Effects {
	d = d.def()
	i, ok := d.lookupState(s)
	if !ok {
		return Effects{}
	}
	r := d.states[i].enterRun
	return Effects{t: &d.fx, lo: r.lo, hi: r.hi}
}

// Spec returns the definition as data: a deep copy the caller may change
// and build again. Unnamed gates carry the names Build gave them.
func (d *Definition[S, T]) Spec() Spec[S, T] {
	d = d.def()
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
			Guards:   guardNames(d.guards[t.guards.lo:t.guards.hi]),
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
		Outcome:        s.outcome,
		StaleAfterDays: s.stale,
		StayItems:      d.itemKeys(d.idx[s.stay.lo:s.stay.hi]),
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

// itemKeys returns the keys of the items ix, or nil when there are none.
func (d *Definition[S, T]) itemKeys(ix []int32) []string {
	if len(ix) == 0 {
		return nil
	}
	out := make([]string, len(ix))
	for i, it := range ix {
		out[i] = d.items[it].key
	}
	return out
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
		out[i] = Gate{Name: g.name, Mode: g.mode, Items: d.itemKeys(g.items), Labels: d.labels.labels(g.labels)}
	}
	return out
}

func (d *Definition[S, T]) effectSpecs(sp span) []Effect {
	if sp.lo == sp.hi {
		return nil
	}
	out := make([]Effect, 0, sp.hi-sp.lo)
	for _, f := range d.fx.list[sp.lo:sp.hi] {
		out = append(out, Effect{Kind: f.kind, Key: f.key, Labels: d.labels.labels(f.labels)})
	}
	return out
}

// MarshalJSON encodes the definition's [Spec]. Guards are encoded by name:
// a Builder that registers them under the same names builds the decoded Spec
// again.
func (d *Definition[S, T]) MarshalJSON() ([]byte, error) {
	return json.Marshal(d.Spec())
}

// stateOf returns the index of in's state, using and refreshing in's cache.
// The cache is trusted when it was filled for d: only Start, Fire and
// stateOf set an instance's state, and each keeps the cache in step.
func (d *Definition[S, T]) stateOf(in *Instance[S, T]) (int32, error) {
	if in.cdef == d && int(in.cstate) < len(d.states) {
		return in.cstate, nil
	}
	i, ok := d.lookupState(in.state)
	if !ok {
		return 0, fieldErr("state", string(in.state), ErrUnknownState)
	}
	in.cdef, in.cstate, in.cbits = d, i, nil
	return i, nil
}

// lookup returns the index of the state's transition for trigger, or -1.
func (d *Definition[S, T]) lookup(si int32, t T) int32 {
	s := d.states[si].out
	for k, tt := range d.outTrig[s.lo:s.hi] {
		if tt == t {
			return d.outs[int(s.lo)+k]
		}
	}
	return -1
}
