package lifecycle

import (
	"math"
	"slices"
	"strconv"
)

// compiler turns a Spec into a Definition, collecting every problem. It
// allocates from a few slabs sized up front, and formats a field path only
// when it reports a problem, so that building a preset takes microseconds
// (BenchmarkBuildSalesProject).
type compiler[S, T ~string] struct {
	sp     *Spec[S, T]
	guards map[string]Guard[S, T]
	d      *Definition[S, T]
	itemIx map[string]int32
	errs   []error
	queue  []int32 // room for the states, for checkGraph
}

// compile builds sp with the registered guards; errs are problems found
// before, reported first. It reads sp and guards and keeps neither.
func compile[S, T ~string](sp *Spec[S, T], guards map[string]Guard[S, T], errs []error) (*Definition[S, T], []error) {
	c := compiler[S, T]{sp: sp, guards: guards, errs: slices.Clone(errs)}
	d := c.compile()
	return d, c.errs
}

func (c *compiler[S, T]) fail(field func() string, value string, err error) {
	c.errs = append(c.errs, fieldErr(field(), value, err))
}

// at returns a field path function for list[i] followed by rest.
func at(list string, i int, rest string) func() string {
	return func() string { return list + "[" + strconv.Itoa(i) + "]" + rest }
}

// under returns a field path function for field followed by [i] and rest.
func under(field func() string, i int, rest string) func() string {
	return func() string { return field() + "[" + strconv.Itoa(i) + "]" + rest }
}

func (c *compiler[S, T]) compile() *Definition[S, T] {
	sp := c.sp
	d := &Definition[S, T]{name: sp.Name, initial: -1}
	c.d = d
	c.size()
	d.label = d.labels.add(sp.Labels)

	// Items.
	d.items = make([]item, len(sp.Items))
	if len(sp.Items) > smallTable {
		c.itemIx = make(map[string]int32, len(sp.Items))
	}
	for i, it := range sp.Items {
		if it.Key == "" {
			c.fail(at("items", i, ".key"), "", ErrEmptyKey)
		} else if _, dup := c.item(it.Key, i); dup {
			c.fail(at("items", i, ".key"), it.Key, ErrDuplicateItem)
		} else if c.itemIx != nil {
			c.itemIx[it.Key] = int32(i)
		}
		if !itemKindNames.valid(int(it.Kind)) {
			c.fail(at("items", i, ".kind"), it.Kind.String(), ErrUnknownName)
		}
		d.items[i] = item{key: it.Key, kind: it.Kind, labels: d.labels.add(it.Labels)}
	}
	d.words = (len(d.items) + 63) / 64

	// Triggers.
	if len(sp.Triggers) > 0 {
		d.triggers = make([]trigger[T], len(sp.Triggers))
	}
	for i, t := range sp.Triggers {
		if t.Key == "" {
			c.fail(at("triggers", i, ".key"), "", ErrEmptyKey)
		}
		for _, prev := range d.triggers[:i] {
			if prev.key == t.Key {
				c.fail(at("triggers", i, ".key"), string(t.Key), ErrDuplicateTrigger)
				break
			}
		}
		d.triggers[i] = trigger[T]{key: t.Key, labels: d.labels.add(t.Labels)}
	}

	// States.
	d.states = make([]state[S], len(sp.States))
	if len(sp.States) > smallTable {
		d.index = make(map[S]int32, len(sp.States))
	}
	for i := range sp.States {
		c.state(i)
	}
	if d.initial < 0 {
		c.fail(func() string { return "states" }, "", ErrNoInitial)
	}

	// Transitions.
	d.trans = make([]transition[S, T], len(sp.Transitions))
	for i := range sp.Transitions {
		c.transition(i)
	}
	c.link()
	c.checkGraph()
	d.labels.finish()
	return d
}

// item returns the index of the item key among the first n items.
func (c *compiler[S, T]) item(key string, n int) (int32, bool) {
	if c.itemIx != nil {
		i, ok := c.itemIx[key]
		return i, ok && int(i) < n
	}
	for i := range c.d.items[:n] {
		if c.d.items[i].key == key {
			return int32(i), true
		}
	}
	return 0, false
}

// size counts labels, gates, gate items and effects, and makes the slabs.
func (c *compiler[S, T]) size() {
	sp := c.sp
	labels, gates, items, effects := len(sp.Labels), 0, 0, 0
	countGates := func(gs []Gate) {
		gates += len(gs)
		for _, g := range gs {
			labels += len(g.Labels)
			items += len(g.Items)
		}
	}
	countEffects := func(fs []Effect) {
		effects += len(fs)
		for _, f := range fs {
			labels += len(f.Labels)
		}
	}
	for _, it := range sp.Items {
		labels += len(it.Labels)
	}
	for _, t := range sp.Triggers {
		labels += len(t.Labels)
	}
	for _, s := range sp.States {
		labels += len(s.Labels)
		items += len(s.StayItems)
		countGates(s.Entry)
		countGates(s.Exit)
		countEffects(s.OnEnter)
		countEffects(s.OnExit)
	}
	for _, t := range sp.Transitions {
		countGates(t.Gates)
		countEffects(t.Effects)
	}
	d := c.d
	d.labels = &labelTable{list: make([]label, 0, labels)}
	d.labels.buf.Grow(16 * labels)
	d.gates = make([]gate, 0, gates)
	d.fx = effectTable{list: make([]effect, 0, effects), labels: d.labels}
	d.idx = make([]int32, 0, items)
	words := (len(sp.Items) + 63) / 64
	d.masks = make([]uint64, 0, (gates+len(sp.States)+len(sp.Transitions))*words)
}

// mask appends a bit mask over the items, all zero, to the definition's
// masks and returns its span.
func (c *compiler[S, T]) mask() span {
	d := c.d
	lo := len(d.masks)
	for range d.words {
		d.masks = append(d.masks, 0)
	}
	return span{int32(lo), int32(len(d.masks))}
}

func (c *compiler[S, T]) state(i int) {
	s := &c.sp.States[i]
	d := c.d
	if s.Key == "" {
		c.fail(at("states", i, ".key"), "", ErrEmptyKey)
	} else if _, dup := d.find(s.Key, i); dup {
		c.fail(at("states", i, ".key"), string(s.Key), ErrDuplicateState)
	} else if d.index != nil {
		d.index[s.Key] = int32(i)
	}
	switch s.Kind {
	case Initial:
		if d.initial >= 0 {
			c.fail(at("states", i, ".kind"), string(s.Key), ErrManyInitial)
		} else {
			d.initial = int32(i)
		}
	case Normal, Terminal:
	default:
		c.fail(at("states", i, ".kind"), s.Kind.String(), ErrUnknownName)
	}
	st := state[S]{
		key:      s.Key,
		kind:     s.Kind,
		labels:   d.labels.add(s.Labels),
		forecast: s.Forecast,
		outcome:  s.Outcome,
		stale:    s.StaleAfterDays,
	}
	if p := s.Probability; p != nil {
		if math.IsNaN(*p) || *p < 0 || *p > 1 {
			c.fail(at("states", i, ".probability"), formatFloat(*p), ErrProbability)
		}
		st.prob, st.hasProb = *p, true
	}
	if !forecastNames.valid(int(s.Forecast)) {
		c.fail(at("states", i, ".forecast"), s.Forecast.String(), ErrUnknownName)
	}
	if !outcomeNames.valid(int(s.Outcome)) {
		c.fail(at("states", i, ".outcome"), s.Outcome.String(), ErrUnknownName)
	}
	if s.StaleAfterDays < 0 {
		c.fail(at("states", i, ".stale_after_days"), strconv.Itoa(s.StaleAfterDays), ErrStaleDays)
	}
	if len(s.StayItems) > 0 {
		st.stay, st.stayMask = c.itemList(at("states", i, ".stay_items"), s.StayItems)
	}
	st.entry = c.gateList(at("states", i, ".entry"), s.Entry, func() string { return string(s.Key) + ".entry" })
	st.exit = c.gateList(at("states", i, ".exit"), s.Exit, func() string { return string(s.Key) + ".exit" })
	st.onEnter = c.effectList(s.OnEnter)
	st.onExit = c.effectList(s.OnExit)
	d.states[i] = st
}

// itemList resolves the item keys listed at field to their indices and a
// bit mask of them, appended to the definition's idx and masks, and returns
// their spans; it reports unknown and repeated keys.
func (c *compiler[S, T]) itemList(field func() string, keys []string) (items, mask span) {
	d := c.d
	lo := int32(len(d.idx))
	mask = c.mask()
	bits := d.masks[mask.lo:mask.hi]
	for j, key := range keys {
		ix, ok := c.item(key, len(d.items))
		switch {
		case !ok:
			c.fail(under(field, j, ""), key, ErrUnknownItem)
		case bits[ix>>6]&(1<<(ix&63)) != 0:
			c.fail(under(field, j, ""), key, ErrDuplicateItem)
		default:
			d.idx = append(d.idx, ix)
			bits[ix>>6] |= 1 << (ix & 63)
		}
	}
	return span{lo, int32(len(d.idx))}, mask
}

// gateList compiles gs into the definition's gates and returns their span;
// field is the path of the list, and name gives the name of an unnamed gate.
func (c *compiler[S, T]) gateList(field func() string, gs []Gate, name func() string) span {
	d := c.d
	lo := int32(len(d.gates))
	for i, g := range gs {
		path := under(field, i, "")
		cg := gate{name: g.Name, mode: g.Mode, labels: d.labels.add(g.Labels)}
		if cg.name == "" {
			cg.name = name()
			if len(gs) > 1 {
				cg.name += "." + strconv.Itoa(i+1)
			}
		}
		if !gateModeNames.valid(int(g.Mode)) {
			c.fail(under(field, i, ".mode"), g.Mode.String(), ErrUnknownName)
		}
		if len(g.Items) == 0 {
			c.fail(under(field, i, ".items"), cg.name, ErrEmptyGate)
		}
		items, mask := c.itemList(func() string { return path() + ".items" }, g.Items)
		cg.items, cg.mask = d.idx[items.lo:items.hi:items.hi], d.masks[mask.lo:mask.hi:mask.hi]
		d.gates = append(d.gates, cg)
	}
	return span{lo, int32(len(d.gates))}
}

// effectList compiles fs into the definition's effects and returns their
// span.
func (c *compiler[S, T]) effectList(fs []Effect) span {
	t := &c.d.fx
	lo := int32(len(t.list))
	for _, f := range fs {
		t.list = append(t.list, effect{kind: f.Kind, key: f.Key, labels: c.d.labels.add(f.Labels)})
	}
	return span{lo, int32(len(t.list))}
}

func (c *compiler[S, T]) transition(i int) {
	t := &c.sp.Transitions[i]
	d := c.d
	ct := &d.trans[i]
	ct.from, ct.to, ct.trigger, ct.internal = -1, -1, t.Trigger, t.Internal
	if ix, ok := d.find(t.From, len(d.states)); ok {
		ct.from = ix
	} else {
		c.fail(at("transitions", i, ".from"), string(t.From), ErrUnknownState)
	}
	if t.Trigger == "" {
		c.fail(at("transitions", i, ".trigger"), "", ErrEmptyKey)
	}
	switch {
	case t.Internal && (t.To == "" || t.To == t.From):
		ct.to = ct.from
	case t.Internal:
		c.fail(at("transitions", i, ".to"), string(t.To), ErrInternalTarget)
	default:
		if ix, ok := d.find(t.To, len(d.states)); ok {
			ct.to = ix
		} else {
			c.fail(at("transitions", i, ".to"), string(t.To), ErrUnknownState)
		}
	}
	ct.own = c.gateList(at("transitions", i, ".gates"), t.Gates, func() string { return string(t.From) + "." + string(t.Trigger) })
	lo := int32(len(d.guards))
	for j, name := range t.Guards {
		g := c.guards[name]
		if g == nil {
			c.fail(under(at("transitions", i, ".guards"), j, ""), name, ErrUnknownGuard)
		}
		d.guards = append(d.guards, guardRef[S, T]{name, g})
	}
	ct.guards = span{lo, int32(len(d.guards))}
	ct.effects = c.effectList(t.Effects)
	if ct.from >= 0 {
		if d.states[ct.from].kind == Terminal {
			c.fail(at("transitions", i, ".from"), string(t.From), ErrTerminalExit)
		}
		for j := range i {
			p := &d.trans[j]
			if p.from == ct.from && p.trigger == ct.trigger {
				c.fail(at("transitions", i, ".trigger"), string(t.Trigger), ErrDuplicateTransition)
				break
			}
		}
	}
}

// link groups transitions by source state and precomputes, for each, the
// gates it must pass, the items they need and the effects it returns. The
// index tables share one allocation.
func (c *compiler[S, T]) link() {
	d := c.d
	ns := len(d.states)
	nTrans, nGates, nRuns := 0, 0, 0
	for i := range d.states {
		s := &d.states[i]
		nRuns += int(s.onEnter.hi - s.onEnter.lo)
	}
	for i := range d.trans {
		t := &d.trans[i]
		if t.from < 0 || t.to < 0 {
			continue // already reported
		}
		nTrans++
		nGates += int(t.own.hi - t.own.lo)
		nRuns += int(t.effects.hi - t.effects.lo)
		if !t.internal {
			from, to := &d.states[t.from], &d.states[t.to]
			nGates += int(from.exit.hi - from.exit.lo + to.entry.hi - to.entry.lo)
			nRuns += int(from.onExit.hi - from.onExit.lo + to.onEnter.hi - to.onEnter.lo)
		}
	}
	arena := make([]int32, (ns+1)+ns+nTrans+nGates+nRuns+ns)
	carve := func(n int) []int32 {
		s := arena[:n:n]
		arena = arena[n:]
		return s
	}
	counts, next := carve(ns+1), carve(ns)
	d.outs = carve(nTrans)
	d.outTrig = make([]T, nTrans)
	d.checks = carve(nGates)[:0]
	d.fx.runs = carve(nRuns)[:0]
	c.queue = carve(ns)[:0]

	for i := range d.trans {
		if t := &d.trans[i]; t.from >= 0 && t.to >= 0 {
			counts[t.from+1]++
		}
	}
	for i := 1; i < len(counts); i++ {
		counts[i] += counts[i-1]
	}
	copy(next, counts)
	for i := range d.trans {
		t := &d.trans[i]
		if t.from < 0 || t.to < 0 {
			continue
		}
		d.outs[next[t.from]] = int32(i)
		d.outTrig[next[t.from]] = t.trigger
		next[t.from]++
	}
	effects := func(s span) {
		for f := s.lo; f < s.hi; f++ {
			d.fx.runs = append(d.fx.runs, f)
		}
	}
	for i := range d.states {
		s := &d.states[i]
		s.out = span{counts[i], counts[i+1]}
		lo := int32(len(d.fx.runs))
		effects(s.onEnter)
		s.enterRun = span{lo, int32(len(d.fx.runs))}
	}
	gates := func(s span) {
		for g := s.lo; g < s.hi; g++ {
			d.checks = append(d.checks, g)
		}
	}
	for i := range d.trans {
		t := &d.trans[i]
		if t.from < 0 || t.to < 0 {
			continue
		}
		from, to := &d.states[t.from], &d.states[t.to]
		glo, elo := int32(len(d.checks)), int32(len(d.fx.runs))
		if !t.internal {
			gates(from.exit)
			effects(from.onExit)
		}
		gates(t.own)
		effects(t.effects)
		if !t.internal {
			gates(to.entry)
			effects(to.onEnter)
		}
		t.check = span{glo, int32(len(d.checks))}
		t.fx = span{elo, int32(len(d.fx.runs))}
		if t.check.lo < t.check.hi {
			t.need = c.mask()
			need := d.masks[t.need.lo:t.need.hi]
			for _, gi := range d.checks[t.check.lo:t.check.hi] {
				for w, m := range d.gates[gi].mask {
					need[w] |= m
				}
			}
		}
		t.toKey = to.key
		if !t.internal {
			t.stay, t.prob, t.hasProb = from.stayMask, to.prob, to.hasProb
		}
		t.facts = t.need.lo < t.need.hi || t.stay.lo < t.stay.hi
	}
}

// checkGraph reports unreachable states and non-terminal dead ends.
func (c *compiler[S, T]) checkGraph() {
	d := c.d
	var seen []bool
	if d.initial >= 0 { // without an initial state reachability means nothing
		seen = make([]bool, len(d.states))
		queue := append(c.queue, d.initial)
		seen[d.initial] = true
		for k := 0; k < len(queue); k++ {
			st := &d.states[queue[k]]
			for _, ti := range d.outs[st.out.lo:st.out.hi] {
				if to := d.trans[ti].to; !seen[to] {
					seen[to] = true
					queue = append(queue, to)
				}
			}
		}
	}
	for i := range d.states {
		st := &d.states[i]
		if seen != nil && !seen[i] {
			c.fail(at("states", i, ".key"), string(st.key), ErrUnreachable)
		}
		if st.kind == Terminal {
			continue
		}
		out := false
		for _, ti := range d.outs[st.out.lo:st.out.hi] {
			if d.trans[ti].to != int32(i) {
				out = true
				break
			}
		}
		if !out {
			c.fail(at("states", i, ".key"), string(st.key), ErrDeadEnd)
		}
	}
}
