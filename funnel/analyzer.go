package funnel

import (
	"cmp"
	"iter"
	"math"
	"slices"
	"strconv"

	"github.com/shopspring/decimal"
)

// Options configures an [Analyzer]. The zero value (or nil) means defaults:
// unknown stages are rejected and no sizes are hinted.
type Options struct {
	// Unknown says what to do with an event whose stage is not in the list.
	Unknown Policy `json:"unknown"`
	// Deals hints how many distinct deals will be added, so the analyzer
	// allocates its index once. It is only a hint.
	Deals int `json:"deals,omitempty"`
	// Events hints how many events will be added, so the analyzer allocates
	// its event storage once. It is only a hint.
	Events int `json:"events,omitempty"`
}

// Analyzer accumulates stage-change events and reports on them. It keeps
// every accepted event in a compact form (24 bytes, plus 56 per deal), so
// events may come in any order, a deal's events may be split across
// analyzers, and one analyzer can report in either [Mode], over any window,
// as of any time.
//
// Events grouped by deal are stored in arrival order at no extra cost; events
// in any other order are regrouped by deal, once, by the next report.
//
// Create one with [NewAnalyzer]; the zero Analyzer is not usable. An Analyzer
// is not safe for concurrent use, reports included: give each goroutine its
// own and combine them with [Analyzer.Merge].
type Analyzer struct {
	stages Stages
	keys   []string // stage keys, in list order
	lay    *layout
	policy Policy

	ids     map[string]uint32 // deal id → index into deals, past the sorted prefix
	sorted  int               // deals[:sorted] have increasing ids and are not in ids
	deals   []dealState
	recs    []rec
	spare   []rec             // storage for regrouping recs
	grouped bool              // each deal's recs are contiguous in recs
	bigs    []decimal.Decimal // amounts too long for an int64 coefficient

	unknown map[string]int // skipped events per unknown stage key

	names   []string          // owners and sources, interned
	nameIdx map[string]uint32 // name → 1 + index into names

	lastID     string // the deal of the previous Add, to skip the lookup
	last       uint32
	hasLast    bool
	lastOwner  string // the owner of the previous Add and its index + 1
	lastOwnerI uint32
	lastSrc    string
	lastSrcI   uint32

	scr scratch // reused by Report
}

// dealState is what an analyzer keeps per deal, 56 bytes: its id, where its
// events are, and its owner and source with the time and stage of the event
// that set each.
type dealState struct {
	id          string
	start       uint32 // index of the deal's first rec, when grouped
	n           uint32 // number of recs
	ownerT      int64
	sourceT     int64
	owner       uint32 // 1 + index into names; 0 if none
	source      uint32 // 1 + index into names; 0 if none
	ownerStage  uint8
	sourceStage uint8
}

// rec is one accepted event: 24 bytes.
type rec struct {
	t     int64  // nanoseconds since 1970
	amt   int64  // amount coefficient, or index into bigs when big is set
	deal  uint32 // index into deals
	exp   int16
	stage uint8 // index into the stage list
	big   bool
}

const maxIndex = math.MaxUint32 - 1

// NewAnalyzer returns an empty analyzer for the stage list, which it copies.
// It returns the list's validation error (see [Stages.Validate]) or a
// [*FieldError] wrapping [ErrOption] for a bad option.
func NewAnalyzer(stages Stages, opts *Options) (*Analyzer, error) {
	if err := stages.Validate(); err != nil {
		return nil, err
	}
	var o Options
	if opts != nil {
		o = *opts
	}
	if _, ok := enumText(policyNames, int(o.Unknown)); !ok {
		return nil, fieldErr("options.unknown", strconv.Itoa(int(o.Unknown)), ErrOption)
	}
	if o.Deals < 0 || o.Deals > maxIndex {
		return nil, fieldErr("options.deals", strconv.Itoa(o.Deals), ErrOption)
	}
	if o.Events < 0 || o.Events > maxIndex {
		return nil, fieldErr("options.events", strconv.Itoa(o.Events), ErrOption)
	}
	a := &Analyzer{
		stages:  stages.clone(),
		policy:  o.Unknown,
		ids:     make(map[string]uint32, o.Deals),
		nameIdx: make(map[string]uint32),
		deals:   make([]dealState, 0, o.Deals),
		recs:    make([]rec, 0, o.Events),
		grouped: true,
	}
	for _, s := range a.stages {
		a.keys = append(a.keys, s.Key)
	}
	a.lay = newLayout(a.stages)
	return a, nil
}

// Stages returns a copy of the analyzer's stage list.
func (a *Analyzer) Stages() Stages { return a.stages.clone() }

// Deals returns the number of distinct deals added.
func (a *Analyzer) Deals() int { return len(a.deals) }

// Events returns the number of events accepted, duplicates included and
// skipped unknown-stage events excluded.
func (a *Analyzer) Events() int { return len(a.recs) }

// Add adds one event. It returns a [*FieldError] naming the field for an
// empty deal id ([ErrEmptyDeal]), a time out of range ([ErrTime]), a negative
// or out-of-range amount ([ErrAmount]) or, under the [Reject] policy, an
// unknown stage ([ErrUnknownStage]); under [Skip] an unknown stage is counted
// and the event left out. It returns [ErrCapacity] when the analyzer is full.
// A rejected event changes nothing.
//
// Add does not allocate once the event's deal is known, unless its owner or
// source is new to the analyzer, its amount's coefficient has more than 18
// digits, or the analyzer's storage must grow (see [Options]).
func (a *Analyzer) Add(e Event) error { return a.add(&e) }

func (a *Analyzer) add(e *Event) error {
	if e.Deal == "" {
		return fieldErr("deal", "", ErrEmptyDeal)
	}
	t, ok := eventNanos(e.Time)
	if !ok {
		return fieldErr("time", e.Time.String(), ErrTime)
	}
	coef, exp, small := splitAmount(e.Amount)
	if e.Amount.Sign() < 0 || (small && (exp < -maxAmountExp || exp > maxAmountExp)) ||
		(!small && (e.Amount.Exponent() < -maxAmountExp || e.Amount.Exponent() > maxAmountExp)) {
		return fieldErr("amount", e.Amount.String(), ErrAmount)
	}
	stage := -1
	for i, k := range a.keys {
		if k == e.Stage {
			stage = i
			break
		}
	}
	if stage < 0 {
		if a.policy == Skip {
			if a.unknown == nil {
				a.unknown = make(map[string]int)
			}
			a.unknown[e.Stage]++
			return nil
		}
		return fieldErr("stage", e.Stage, ErrUnknownStage)
	}
	if len(a.recs) >= maxIndex {
		return ErrCapacity
	}
	var d uint32
	if a.hasLast && e.Deal == a.lastID {
		d = a.last
	} else {
		i, known := a.find(e.Deal)
		if !known {
			if len(a.deals) >= maxIndex {
				return ErrCapacity
			}
			i = a.insert(e.Deal)
		}
		d, a.lastID, a.last, a.hasLast = i, e.Deal, i, true
	}
	r := rec{t: t, amt: coef, exp: int16(exp), stage: uint8(stage)}
	if !small {
		r.amt, r.big = int64(len(a.bigs)), true
		a.bigs = append(a.bigs, e.Amount)
	}
	a.appendRec(d, r)
	ds := &a.deals[d]
	if e.Owner != "" {
		// Most events repeat their deal's owner, or the previous event's.
		oi := ds.owner
		if oi == 0 || e.Owner != a.names[oi-1] {
			if e.Owner != a.lastOwner || a.lastOwnerI == 0 {
				a.lastOwner, a.lastOwnerI = e.Owner, a.intern(e.Owner)
			}
			oi = a.lastOwnerI
		}
		a.offerOwner(ds, t, r.stage, oi)
	}
	if e.Source != "" {
		si := ds.source
		if si == 0 || e.Source != a.names[si-1] {
			if e.Source != a.lastSrc || a.lastSrcI == 0 {
				a.lastSrc, a.lastSrcI = e.Source, a.intern(e.Source)
			}
			si = a.lastSrcI
		}
		a.offerSource(ds, t, r.stage, si)
	}
	return nil
}

// appendRec stores r as deal d's newest event.
func (a *Analyzer) appendRec(d uint32, r rec) {
	ds := &a.deals[d]
	end := uint32(len(a.recs))
	if ds.n == 0 {
		ds.start = end
	} else if ds.start+ds.n != end {
		a.grouped = false
	}
	r.deal = d
	a.recs = append(a.recs, r)
	ds.n++
}

// regroup makes each deal's recs contiguous, keeping their arrival order,
// with a counting sort by deal.
func (a *Analyzer) regroup() {
	if a.grouped {
		return
	}
	pos := uint32(0)
	for i := range a.deals {
		a.deals[i].start = pos
		pos += a.deals[i].n
	}
	if cap(a.spare) < len(a.recs) {
		a.spare = make([]rec, len(a.recs))
	}
	out := a.spare[:len(a.recs)]
	for _, r := range a.recs {
		ds := &a.deals[r.deal]
		out[ds.start] = r
		ds.start++
	}
	for i := range a.deals {
		a.deals[i].start -= a.deals[i].n
	}
	a.recs, a.spare = out, a.recs[:0]
	a.grouped = true
}

// find returns the index of the deal with the given id and whether there is
// one. Deals added in increasing id order, as events grouped by deal and
// sorted by id come, form a sorted prefix found by binary search without
// hashing; the others are in the hash map.
func (a *Analyzer) find(id string) (uint32, bool) {
	if n := a.sorted; n > 0 && id <= a.deals[n-1].id {
		i, ok := slices.BinarySearchFunc(a.deals[:n], id, func(d dealState, id string) int {
			return cmp.Compare(d.id, id)
		})
		if ok {
			return uint32(i), true
		}
	}
	if len(a.ids) == 0 {
		return 0, false
	}
	i, ok := a.ids[id]
	return i, ok
}

// insert adds a deal the analyzer does not know and returns its index.
func (a *Analyzer) insert(id string) uint32 {
	i := uint32(len(a.deals))
	if a.sorted == len(a.deals) && (i == 0 || id > a.deals[i-1].id) {
		a.sorted++
	} else {
		a.ids[id] = i
	}
	a.deals = append(a.deals, dealState{id: id})
	return i
}

// intern returns 1 + the index of name in names, adding it if new.
func (a *Analyzer) intern(name string) uint32 {
	if i, ok := a.nameIdx[name]; ok {
		return i
	}
	a.names = append(a.names, name)
	i := uint32(len(a.names))
	a.nameIdx[name] = i
	return i
}

// name returns the interned name i, "" for 0.
func (a *Analyzer) name(i uint32) string {
	if i == 0 {
		return ""
	}
	return a.names[i-1]
}

// Reset empties the analyzer but keeps its storage, so a long-lived analyzer
// that is refilled for every report allocates only as its data grows.
func (a *Analyzer) Reset() {
	clear(a.ids)
	a.sorted = 0
	clear(a.deals) // drop references to deal ids
	a.deals = a.deals[:0]
	a.recs = a.recs[:0]
	a.grouped = true
	clear(a.bigs)
	a.bigs = a.bigs[:0]
	a.unknown = nil
	clear(a.nameIdx)
	clear(a.names)
	a.names = a.names[:0]
	a.lastID, a.last, a.hasLast = "", 0, false
	a.lastOwner, a.lastOwnerI, a.lastSrc, a.lastSrcI = "", 0, "", 0
}

// offerOwner makes owner, carried by an event at time t in stage, the deal's
// owner if that event is later than the one that set the current owner. Ties
// in time and stage go to the larger owner in byte order, so the choice does
// not depend on the order events arrive in.
func (a *Analyzer) offerOwner(ds *dealState, t int64, stage uint8, owner uint32) {
	if ds.owner != 0 {
		c := cmpTS(t, stage, ds.ownerT, ds.ownerStage)
		if c < 0 || (c == 0 && (owner == ds.owner || a.name(owner) < a.name(ds.owner))) {
			return
		}
	}
	ds.owner, ds.ownerT, ds.ownerStage = owner, t, stage
}

// offerSource makes source, carried by an event at time t in stage, the
// deal's source if that event is earlier than the one that set the current
// source. Ties go to the smaller source in byte order.
func (a *Analyzer) offerSource(ds *dealState, t int64, stage uint8, source uint32) {
	if ds.source != 0 {
		c := cmpTS(t, stage, ds.sourceT, ds.sourceStage)
		if c > 0 || (c == 0 && (source == ds.source || a.name(source) > a.name(ds.source))) {
			return
		}
	}
	ds.source, ds.sourceT, ds.sourceStage = source, t, stage
}

func cmpTS(t1 int64, s1 uint8, t2 int64, s2 uint8) int {
	switch {
	case t1 < t2:
		return -1
	case t1 > t2:
		return 1
	case s1 < s2:
		return -1
	case s1 > s2:
		return 1
	}
	return 0
}

func cmpTimeStage(x, y rec) int { return cmpTS(x.t, x.stage, y.t, y.stage) }

// AddAll adds the events in order. It stops at the first bad event and
// returns its error (see [Analyzer.Add]) with the field path prefixed by
// "events[i]"; the events before it stay added.
func (a *Analyzer) AddAll(events []Event) error {
	for i := range events {
		if err := a.add(&events[i]); err != nil {
			return prefixField("events["+strconv.Itoa(i)+"]", err)
		}
	}
	return nil
}

// AddSeq adds the events of seq in order, like [Analyzer.AddAll].
func (a *Analyzer) AddSeq(events iter.Seq[Event]) error {
	i := 0
	for e := range events {
		if err := a.Add(e); err != nil {
			return prefixField("events["+strconv.Itoa(i)+"]", err)
		}
		i++
	}
	return nil
}

// Merge adds every event of b to a, as if a had been given them directly, so
// reports of the merged analyzer equal those of one analyzer fed all events,
// whatever the sharding, including shards that split one deal's events. Merge
// is associative and commutative up to the order of internal storage, which
// no report depends on. b is left unchanged.
//
// Merge returns [ErrMismatch] when the analyzers have different stage lists
// or policies, [ErrSelfMerge] when b is a, and [ErrCapacity] when the result
// would be too large; on error a is unchanged.
func (a *Analyzer) Merge(b *Analyzer) error {
	if a == b {
		return ErrSelfMerge
	}
	if !a.stages.equal(b.stages) || a.policy != b.policy {
		return ErrMismatch
	}
	if len(a.recs)+len(b.recs) > maxIndex || len(a.deals)+len(b.deals) > maxIndex {
		return ErrCapacity
	}
	a.recs = slices.Grow(a.recs, len(b.recs))
	bigBase := int64(len(a.bigs))
	a.bigs = append(a.bigs, b.bigs...)
	to := make([]uint32, len(b.deals)) // b's deal index → a's
	// When b's deals are in id order, walk a's sorted prefix alongside
	// instead of searching it for each deal.
	walk := b.sorted == len(b.deals)
	cursor := 0
	for bi := range b.deals {
		bd := &b.deals[bi]
		var i uint32
		var known bool
		if walk {
			for cursor < a.sorted && a.deals[cursor].id < bd.id {
				cursor++
			}
			if cursor < a.sorted && a.deals[cursor].id == bd.id {
				i, known = uint32(cursor), true
			} else if len(a.ids) > 0 {
				i, known = a.ids[bd.id]
			}
		} else {
			i, known = a.find(bd.id)
		}
		if !known {
			i = a.insert(bd.id)
		}
		to[bi] = i
		ds := &a.deals[i]
		if bd.owner != 0 {
			a.offerOwner(ds, bd.ownerT, bd.ownerStage, a.intern(b.name(bd.owner)))
		}
		if bd.source != 0 {
			a.offerSource(ds, bd.sourceT, bd.sourceStage, a.intern(b.name(bd.source)))
		}
	}
	for _, r := range b.recs {
		if r.big {
			r.amt += bigBase
		}
		a.appendRec(to[r.deal], r)
	}
	for k, n := range b.unknown {
		if a.unknown == nil {
			a.unknown = make(map[string]int, len(b.unknown))
		}
		a.unknown[k] += n
	}
	a.hasLast, a.lastOwnerI, a.lastSrcI = false, 0, 0
	return nil
}

// addTo adds the amount of r to m.
func (a *Analyzer) addTo(m *money, r rec) {
	if r.big {
		m.addDec(a.bigs[r.amt])
		return
	}
	m.add(r.amt, int32(r.exp))
}

// subFrom subtracts the amount of r from m.
func (a *Analyzer) subFrom(m *money, r rec) {
	if r.big {
		m.addDec(a.bigs[r.amt].Neg())
		return
	}
	m.add(-r.amt, int32(r.exp))
}

// decimalOf returns the amount of r as a decimal.
func (a *Analyzer) decimalOf(r rec) decimal.Decimal {
	if r.big {
		return a.bigs[r.amt]
	}
	return decimal.New(r.amt, int32(r.exp))
}

// cmpAmount compares the amounts of x and y.
func (a *Analyzer) cmpAmount(x, y rec) int {
	if !x.big && !y.big {
		xc, yc := x.amt, y.amt
		switch {
		case x.exp > y.exp:
			c, ok := mulPow10(xc, int32(x.exp-y.exp))
			if !ok {
				return 1 // amounts are non-negative: the scaled one is larger
			}
			xc = c
		case x.exp < y.exp:
			c, ok := mulPow10(yc, int32(y.exp-x.exp))
			if !ok {
				return -1
			}
			yc = c
		}
		switch {
		case xc < yc:
			return -1
		case xc > yc:
			return 1
		}
		return 0
	}
	return a.decimalOf(x).Cmp(a.decimalOf(y))
}
