package funnel

import (
	"hash/maphash"
	"iter"
	"math"
	"math/bits"
	"slices"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// Options configures an [Analyzer]. The zero value (or nil) means defaults:
// unknown stages are rejected and no sizes are hinted.
type Options struct {
	// Unknown says what to do with an event whose stage is not in the list.
	Unknown Policy `json:"unknown"`
	// Deals hints how many distinct deals will be added, so the analyzer
	// allocates its deal index once, if it needs one (deals that come in
	// increasing id order need none). It is only a hint.
	Deals int `json:"deals,omitempty"`
	// Events hints how many events will be added, so the analyzer allocates
	// its event storage once. It is only a hint.
	Events int `json:"events,omitempty"`
}

// Analyzer accumulates stage-change events and reports on them. It keeps
// every accepted event in a compact form (16 bytes, plus 48 per deal), so
// events may come in any order, a deal's events may be split across
// analyzers, and one analyzer can report in either [Mode], over any window,
// as of any time.
//
// Events grouped by deal are stored in arrival order at no extra cost; events
// in any other order take 4 more bytes each until the next report regroups
// them by deal, once, in place. Deals that do not come in increasing id order
// take 16 to 32 more bytes each in a hash table.
//
// Create one with [NewAnalyzer]; the zero Analyzer is not usable. An Analyzer
// is not safe for concurrent use, reports included: give each goroutine its
// own and combine them with [Analyzer.Merge].
type Analyzer struct {
	stages  Stages
	keys    []string  // stage keys, in list order
	keyHash [256]int8 // keySlot(key) → stage index; -1 for none or several
	lay     *layout
	policy  Policy

	ids     dealIndex // deal id → index into deals, past the sorted prefix
	sorted  int       // deals[:sorted] have increasing ids and are not in ids
	hint    int       // Options.Deals
	deals   []dealState
	recs    []rec
	recDeal []uint32          // the deal of each rec, kept while not grouped
	grouped bool              // each deal's recs are contiguous in recs, in deal order
	tail    uint32            // the deal of the last rec, while grouped
	bigs    []decimal.Decimal // amounts too long for an int64 coefficient

	unknown map[string]int // skipped events per unknown stage key

	names strIndex // owners and sources, interned

	lastID     string // the deal of the previous Add, to skip the lookup
	last       uint32
	hasLast    bool
	lastOwner  string // the owner of the previous Add and its index + 1
	lastOwnerI uint32
	lastSrc    string
	lastSrcI   uint32
	lastAmt    struct { // the amount of the previous Add, split
		d     decimal.Decimal
		coef  int64
		exp   int32
		small bool
	}

	scr  scratch // reused by Report
	sink uint64  // keeps touchAhead's reads
}

// dealState is what an analyzer keeps per deal, 48 bytes: its id, how many
// events it has, and its owner and source with the time and stage of the
// event that set each. While recs are grouped, each deal's come after those
// of the deals before it, so a deal's first rec is the sum of the counts of
// the deals before it.
type dealState struct {
	id          string
	ownerT      int64
	sourceT     int64
	n           uint32 // number of recs
	owner       uint32 // 1 + index into names; 0 if none
	source      uint32 // 1 + index into names; 0 if none
	ownerStage  uint8
	sourceStage uint8
}

// rec is one accepted event, 16 bytes: its time, and a word holding its
// stage and its amount, coef·10^exp, or the index of the amount in bigs
// when the coefficient does not fit in recCoefBits bits.
type rec struct {
	t int64  // nanoseconds since 1970
	w uint64 // bits 0–5 stage, 6–11 exp+maxAmountExp, 12 big, 13–63 coefficient or index
}

const (
	recStageBits = 6 // holds an index below MaxStages
	recExpShift  = recStageBits
	recBig       = 1 << 12
	recCoefShift = 13
	recCoefBits  = 64 - recCoefShift
	maxRecCoef   = 1<<recCoefBits - 1
)

// smallRec returns the rec of an event in stage at time t with amount
// coef·10^exp, 0 ≤ coef ≤ maxRecCoef and |exp| ≤ maxAmountExp.
func smallRec(t int64, stage int, coef int64, exp int32) rec {
	return rec{t, uint64(stage) | uint64(exp+maxAmountExp)<<recExpShift | uint64(coef)<<recCoefShift}
}

// bigRec returns the rec of an event whose amount is bigs[i].
func bigRec(t int64, stage int, i int) rec {
	return rec{t, uint64(stage) | recBig | uint64(i)<<recCoefShift}
}

func (r rec) stage() uint8 { return uint8(r.w & (1<<recStageBits - 1)) }
func (r rec) big() bool    { return r.w&recBig != 0 }

// coef returns the amount's coefficient, or for a big amount its index.
func (r rec) coef() int64 { return int64(r.w >> recCoefShift) }
func (r rec) exp() int32  { return int32(r.w>>recExpShift&(1<<6-1)) - maxAmountExp }

// maxIndex bounds deal and event indices, which are stored as uint32. It is
// an int64 so that comparisons with lengths compile on 32-bit platforms too.
const maxIndex int64 = math.MaxUint32 - 1

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
	if o.Deals < 0 || int64(o.Deals) > maxIndex {
		return nil, fieldErr("options.deals", strconv.Itoa(o.Deals), ErrOption)
	}
	if o.Events < 0 || int64(o.Events) > maxIndex {
		return nil, fieldErr("options.events", strconv.Itoa(o.Events), ErrOption)
	}
	seed := maphash.MakeSeed()
	a := &Analyzer{
		stages:  stages.clone(),
		policy:  o.Unknown,
		ids:     dealIndex{seed: seed},
		names:   strIndex{seed: seed},
		hint:    o.Deals,
		deals:   make([]dealState, 0, o.Deals),
		recs:    make([]rec, 0, o.Events),
		grouped: true,
	}
	for i := range a.keyHash {
		a.keyHash[i] = -1
	}
	taken := [256]bool{}
	for i, s := range a.stages {
		a.keys = append(a.keys, s.Key)
		if s.Key == "" {
			continue
		}
		k := keySlot(s.Key)
		if taken[k] {
			a.keyHash[k] = -1
		} else {
			a.keyHash[k] = int8(i)
		}
		taken[k] = true
	}
	a.lay = newLayout(a.stages)
	a.lastAmt.small = true // the zero decimal's split
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
// source is new to the analyzer, its amount's coefficient is 2⁵¹ or more
// (16 digits or more), or the analyzer's storage must grow (see [Options]).
func (a *Analyzer) Add(e Event) error { return a.add(&e) }

func (a *Analyzer) add(e *Event) error {
	if e.Deal == "" {
		return fieldErr("deal", "", ErrEmptyDeal)
	}
	t, ok := eventNanos(e.Time)
	if !ok {
		return fieldErr("time", e.Time.String(), ErrTime)
	}
	var coef int64
	var exp int32
	var small bool
	newAmt := e.Amount != a.lastAmt.d
	if !newAmt {
		// The previous event's amount: decimals are immutable.
		coef, exp, small = a.lastAmt.coef, a.lastAmt.exp, a.lastAmt.small
	} else {
		coef, exp, small = splitAmount(e.Amount)
	}
	if small && (coef < 0 || exp < -maxAmountExp || exp > maxAmountExp) ||
		!small && (e.Amount.Sign() < 0 || e.Amount.Exponent() < -maxAmountExp || e.Amount.Exponent() > maxAmountExp) {
		return fieldErr("amount", e.Amount.String(), ErrAmount)
	}
	stage := a.stageOf(e.Stage)
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
	if int64(len(a.recs)) >= maxIndex {
		return ErrCapacity
	}
	var d uint32
	if a.hasLast && e.Deal == a.lastID {
		d = a.last
	} else {
		i, known, h, ext := a.find(e.Deal)
		if !known {
			if int64(len(a.deals)) >= maxIndex {
				return ErrCapacity
			}
			i = a.insert(e.Deal, h, ext)
		}
		d, a.lastID, a.last, a.hasLast = i, e.Deal, i, true
	}
	if newAmt {
		a.lastAmt.d, a.lastAmt.coef, a.lastAmt.exp, a.lastAmt.small = e.Amount, coef, exp, small
	}
	var r rec
	if small && coef <= maxRecCoef {
		r = smallRec(t, stage, coef, exp)
	} else {
		r = bigRec(t, stage, len(a.bigs))
		a.bigs = append(a.bigs, e.Amount)
	}
	ds := &a.deals[d]
	if n := len(a.recs); a.grouped && d >= a.tail && n < cap(a.recs) {
		// appendRec's common case, without the call.
		a.tail = d
		a.recs = a.recs[:n+1]
		a.recs[n] = r
		ds.n++
	} else {
		a.appendRec(d, r)
	}
	// An event earlier than the one that named the deal's owner cannot
	// name it, nor one later than the one that named its source: those
	// are not even looked up. The others mostly repeat the deal's name.
	if e.Owner != "" && (ds.owner == 0 || t >= ds.ownerT) {
		o := ds.owner
		if o == 0 || e.Owner != a.names.keys[o-1] {
			o = a.nameIndex(e.Owner, ds.owner, &a.lastOwner, &a.lastOwnerI)
		}
		if ds.owner == 0 || t > ds.ownerT {
			ds.owner, ds.ownerT, ds.ownerStage = o, t, uint8(stage)
		} else {
			a.offerOwner(ds, t, uint8(stage), o)
		}
	}
	if e.Source != "" && (ds.source == 0 || t <= ds.sourceT) {
		a.offerSource(ds, t, uint8(stage), a.nameIndex(e.Source, ds.source, &a.lastSrc, &a.lastSrcI))
	}
	return nil
}

// nameIndex returns 1 + the interned index of name, an owner or a source.
// Most events repeat their deal's current name (cur) or the previous
// event's (*last, *lastI), so those are tried before the string table.
func (a *Analyzer) nameIndex(name string, cur uint32, last *string, lastI *uint32) uint32 {
	if cur != 0 && name == a.names.keys[cur-1] {
		return cur
	}
	if name != *last || *lastI == 0 {
		*last, *lastI = name, a.intern(name)
	}
	return *lastI
}

// stageOf returns the index of the stage with the given key, or -1.
func (a *Analyzer) stageOf(key string) int {
	if key != "" {
		if i := a.keyHash[keySlot(key)]; i >= 0 {
			if a.keys[i] == key {
				return int(i)
			}
			return -1
		}
	}
	for i, k := range a.keys {
		if k == key {
			return i
		}
	}
	return -1
}

// keySlot places a non-empty stage key in Analyzer.keyHash.
func keySlot(key string) uint8 {
	return uint8(len(key)*31 + int(key[0]) + int(key[len(key)-1])*7)
}

// appendRec stores r as deal d's newest event.
func (a *Analyzer) appendRec(d uint32, r rec) {
	switch {
	case !a.grouped:
		a.recDeal = append(a.recDeal, d)
	case d >= a.tail:
		// The deals after the tail have no recs yet: d's recs stay
		// contiguous, and after those of the deals before it.
		a.tail = d
	default:
		a.ungroup()
		a.recDeal = append(a.recDeal, d)
	}
	a.recs = append(a.recs, r)
	a.deals[d].n++
}

// ungroup notes the deal of every rec so far, as recs stop being grouped.
func (a *Analyzer) ungroup() {
	a.grouped = false
	a.recDeal = slices.Grow(a.recDeal[:0], cap(a.recs))[:len(a.recs)]
	k := 0
	for i := range a.deals {
		for range a.deals[i].n {
			a.recDeal[k] = uint32(i)
			k++
		}
	}
}

// regroup makes each deal's recs contiguous, in place: a radix sort by
// deal in at most two levels, first by the high bits of the deal index, so
// that the moves of the second level, by deal, stay in the cache. It does
// not keep the arrival order of a deal's recs, which reports put in
// canonical order anyway.
func (a *Analyzer) regroup() {
	if a.grouped {
		return
	}
	// start[i] is deal i's first rec once grouped, then the next place
	// for one of its recs; end[i] is the place after its last.
	nd := len(a.deals)
	bounds := make([]uint32, 2*nd)
	start, end := bounds[:nd], bounds[nd:]
	pos := uint32(0)
	for i := range a.deals {
		start[i] = pos
		pos += a.deals[i].n
		end[i] = pos
	}
	recs, keys := a.recs, a.recDeal[:len(a.recs)]
	if shift := uint(max(bits.Len(uint(nd-1))-radixBits, 0)); shift > 0 {
		nb := (nd-1)>>shift + 1
		hb := make([]uint32, 2*nb)
		heads, ends := hb[:nb], hb[nb:]
		for b := range nb {
			heads[b] = start[b<<shift]
			ends[b] = end[min((b+1)<<shift, nd)-1]
		}
		cycleSort(recs, keys, heads, ends, shift)
	}
	// By deal. A deal's recs are now within its bucket, so the moves stay
	// in the cache.
	cycleSort(recs, keys, start, end, 0)
	a.recDeal = a.recDeal[:0]
	a.grouped = true
	a.tail = uint32(max(len(a.deals)-1, 0))
}

// cycleSort moves every rec to its bucket, keys[i]>>shift, in place, by
// following cycles: bucket b is the places from heads[b] to ends[b], and
// heads[b] advances as they fill. keys move with their recs.
func cycleSort(recs []rec, keys []uint32, heads, ends []uint32, shift uint) {
	for b := range heads {
		for heads[b] < ends[b] {
			i := heads[b]
			r, d := recs[i], keys[i]
			for k := d >> shift; k != uint32(b); k = d >> shift {
				j := heads[k]
				heads[k]++
				r, recs[j] = recs[j], r
				d, keys[j] = keys[j], d
			}
			recs[i], keys[i] = r, d
			heads[b]++
		}
	}
}

// radixBits is the widest digit regroup sorts on in one pass.
const radixBits = 11

// find returns the index of the deal with the given id and whether there is
// one. When there is none, ext says whether the id extends the sorted
// prefix, and otherwise h is its hash; both are for insert. Deals added in
// increasing id order, as events grouped by deal and sorted by id come, form
// a sorted prefix found by binary search without hashing; the others are in
// the hash table.
func (a *Analyzer) find(id string) (i uint32, known bool, h uint32, ext bool) {
	if n := a.sorted; n > 0 {
		switch c := strings.Compare(id, a.deals[n-1].id); {
		case c == 0:
			return uint32(n - 1), true, 0, false
		case c < 0:
			k, ok := slices.BinarySearchFunc(a.deals[:n-1], id, func(d dealState, id string) int {
				return strings.Compare(d.id, id)
			})
			if ok {
				return uint32(k), true, 0, false
			}
		case n == len(a.deals):
			return 0, false, 0, true
		}
	} else if len(a.deals) == 0 {
		return 0, false, 0, true
	}
	h = a.ids.hash(id)
	i, known = a.ids.find(a.deals, id, h)
	return i, known, h, false
}

// extends reports whether a deal the analyzer does not know with the given
// id extends the sorted prefix, as find does.
func (a *Analyzer) extends(id string) bool {
	n := a.sorted
	return n == len(a.deals) && (n == 0 || id > a.deals[n-1].id)
}

// insert adds a deal the analyzer does not know, which extends the sorted
// prefix (ext) or else has hash h (see find), and returns its index.
func (a *Analyzer) insert(id string, h uint32, ext bool) uint32 {
	i := uint32(len(a.deals))
	switch {
	case ext:
		a.sorted++
	case a.sorted > 0 && a.sorted <= maxShortPrefix:
		// A short sorted prefix is not worth a binary search on every
		// lookup: hash it too.
		for k := range a.sorted {
			a.ids.insert(a.ids.hash(a.deals[k].id), uint32(k), a.hint)
		}
		a.sorted = 0
		fallthrough
	default:
		a.ids.insert(h, i, a.hint)
	}
	a.deals = append(a.deals, dealState{id: id})
	return i
}

// maxShortPrefix is the longest sorted prefix of deals moved into the hash
// table when the first deal out of order comes.
const maxShortPrefix = 4096

// dealIndex finds deals by id: an open-addressing hash table with linear
// probing whose 8-byte slots each hold a 32-bit hash of an id, which places
// it, and 1 + the index of its deal; 0 marks an empty slot. It is at most
// half full. Its seed is random, but nothing it finds depends on it.
type dealIndex struct {
	seed  maphash.Seed
	slots []uint64
	n     int
}

func (x *dealIndex) hash(id string) uint32 { return uint32(maphash.String(x.seed, id)) }

// find returns the index of the deal whose id, with hash h, is id.
func (x *dealIndex) find(deals []dealState, id string, h uint32) (uint32, bool) {
	if x.n == 0 {
		return 0, false
	}
	mask := uint32(len(x.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		s := x.slots[i]
		if s == 0 {
			return 0, false
		}
		if uint32(s>>32) == h {
			if d := uint32(s) - 1; deals[d].id == id {
				return d, true
			}
		}
	}
}

// insert adds deal d, whose id has hash h and is not in x. hint is the
// number of deals expected in all.
func (x *dealIndex) insert(h, d uint32, hint int) {
	if 2*(x.n+1) > len(x.slots) {
		x.grow(hint)
	}
	mask := uint32(len(x.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		if x.slots[i] == 0 {
			x.slots[i] = uint64(h)<<32 | uint64(d+1)
			x.n++
			return
		}
	}
}

// grow doubles the table, or sizes it for hint deals when it is empty.
func (x *dealIndex) grow(hint int) {
	size := max(2*len(x.slots), 1024)
	if len(x.slots) == 0 {
		for size < 2*hint && uint64(size) < 1<<32 {
			size *= 2
		}
	}
	old := x.slots
	x.slots = make([]uint64, size)
	mask := uint32(size - 1)
	for _, s := range old {
		if s == 0 {
			continue
		}
		i := uint32(s>>32) & mask
		for x.slots[i] != 0 {
			i = (i + 1) & mask
		}
		x.slots[i] = s
	}
}

func (x *dealIndex) reset() {
	if x.n > 0 {
		clear(x.slots)
		x.n = 0
	}
}

// intern returns 1 + the index of name in names, adding it if new.
func (a *Analyzer) intern(name string) uint32 {
	i, _ := a.names.intern(name)
	return i
}

// name returns the interned name i, "" for 0.
func (a *Analyzer) name(i uint32) string {
	if i == 0 {
		return ""
	}
	return a.names.keys[i-1]
}

// strIndex numbers distinct strings from 1 in the order they come: an
// open-addressing hash table like [dealIndex] over the list of the strings.
type strIndex struct {
	seed  maphash.Seed
	slots []uint64 // 32-bit hash << 32 | number; 0 is empty
	keys  []string // the strings, by number - 1
	// cache holds the number of a string recently interned, at a slot
	// cheaper to find than its place in slots; 0 is empty.
	cache [256]uint32
}

// cacheSlot places s in strIndex.cache by its length and a few of its
// bytes.
func cacheSlot(s string) uint8 {
	n := len(s)
	if n == 0 {
		return 0
	}
	x := uint32(n) ^ uint32(s[0])<<8 ^ uint32(s[max(n-2, 0)])<<16 ^ uint32(s[n-1])<<24
	return uint8((x * 0x9e3779b1) >> 24)
}

// intern returns the number of s, and whether s is new.
func (x *strIndex) intern(s string) (uint32, bool) {
	c := cacheSlot(s)
	if v := x.cache[c]; v != 0 && x.keys[v-1] == s {
		return v, false
	}
	v, added := x.lookup(s)
	x.cache[c] = v
	return v, added
}

func (x *strIndex) lookup(s string) (uint32, bool) {
	h := uint32(maphash.String(x.seed, s))
	mask := uint32(len(x.slots) - 1)
	i := h & mask
	if len(x.slots) > 0 {
		for ; ; i = (i + 1) & mask {
			v := x.slots[i]
			if v == 0 {
				break
			}
			if uint32(v>>32) == h && x.keys[uint32(v)-1] == s {
				return uint32(v), false
			}
		}
	}
	if 2*(len(x.keys)+1) > len(x.slots) {
		x.grow()
		mask = uint32(len(x.slots) - 1)
		for i = h & mask; x.slots[i] != 0; i = (i + 1) & mask {
		}
	}
	x.keys = append(x.keys, s)
	n := uint32(len(x.keys))
	x.slots[i] = uint64(h)<<32 | uint64(n)
	return n, true
}

func (x *strIndex) grow() {
	old := x.slots
	x.slots = make([]uint64, max(2*len(old), 64))
	mask := uint32(len(x.slots) - 1)
	for _, v := range old {
		if v != 0 {
			i := uint32(v>>32) & mask
			for x.slots[i] != 0 {
				i = (i + 1) & mask
			}
			x.slots[i] = v
		}
	}
}

func (x *strIndex) reset() {
	clear(x.cache[:])
	clear(x.slots)
	clear(x.keys) // drop references
	x.keys = x.keys[:0]
}

// Reset empties the analyzer but keeps its storage, so a long-lived analyzer
// that is refilled for every report allocates only as its data grows.
func (a *Analyzer) Reset() {
	a.ids.reset()
	a.sorted = 0
	clear(a.deals) // drop references to deal ids
	a.deals = a.deals[:0]
	a.recs = a.recs[:0]
	a.recDeal = a.recDeal[:0]
	a.grouped, a.tail = true, 0
	clear(a.bigs)
	a.bigs = a.bigs[:0]
	a.unknown = nil
	a.names.reset()
	a.lastID, a.last, a.hasLast = "", 0, false
	a.lastOwner, a.lastOwnerI, a.lastSrc, a.lastSrcI = "", 0, "", 0
	a.lastAmt.d, a.lastAmt.coef, a.lastAmt.exp, a.lastAmt.small = decimal.Decimal{}, 0, 0, true
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

func cmpTimeStage(x, y rec) int { return cmpTS(x.t, x.stage(), y.t, y.stage()) }

// AddAll adds the events in order. It stops at the first bad event and
// returns its error (see [Analyzer.Add]) with the field path prefixed by
// "events[i]"; the events before it stay added.
func (a *Analyzer) AddAll(events []Event) error {
	for lo := 0; lo < len(events); lo += aheadLen {
		batch := events[lo:min(lo+aheadLen, len(events))]
		if a.ids.n > 0 {
			a.touchAhead(batch)
		}
		for i := range batch {
			if err := a.add(&batch[i]); err != nil {
				return prefixField("events["+strconv.Itoa(lo+i)+"]", err)
			}
		}
	}
	return nil
}

// aheadLen is the number of events whose memory touchAhead touches at once.
const aheadLen = 32

// touchAhead reads, for each event in a batch, the memory that finding its
// deal will read: the hash table slot, the deal, the deal's id. Done for the
// whole batch first, these reads wait for memory together instead of one
// after the other, and the adds that follow find them in the cache. Nothing
// is changed, so the adds need not trust what was found.
func (a *Analyzer) touchAhead(events []Event) {
	x := &a.ids
	mask := uint32(len(x.slots) - 1)
	var at, hs [aheadLen]uint32
	var sink uint64
	prev := ""
	for k := range events {
		id := events[k].Deal
		if id == prev {
			at[k] = math.MaxUint32 // found by the previous event's add
			continue
		}
		prev = id
		h := x.hash(id)
		hs[k], at[k] = h, h&mask
		sink += x.slots[at[k]]
	}
	var deals [aheadLen]uint32
	for k := range events {
		deals[k] = math.MaxUint32
		i := at[k]
		if i == math.MaxUint32 {
			continue
		}
		for ; ; i = (i + 1) & mask {
			s := x.slots[i]
			if s == 0 {
				break
			}
			if d := uint32(s) - 1; uint32(s>>32) == hs[k] && int(d) < len(a.deals) {
				deals[k] = d
				sink += uint64(len(a.deals[d].id))
				break
			}
		}
	}
	for _, d := range deals[:len(events)] {
		if d != math.MaxUint32 {
			if id := a.deals[d].id; id != "" {
				sink += uint64(id[0])
			}
		}
	}
	a.sink = sink
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
	if int64(len(a.recs))+int64(len(b.recs)) > maxIndex || int64(len(a.deals))+int64(len(b.deals)) > maxIndex {
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
		var i, h uint32
		var known, ext bool
		if walk {
			for cursor < a.sorted && a.deals[cursor].id < bd.id {
				cursor++
			}
			switch {
			case cursor < a.sorted && a.deals[cursor].id == bd.id:
				i, known = uint32(cursor), true
			case a.extends(bd.id): // past every deal a has, and none is hashed
				ext = true
			default:
				h = a.ids.hash(bd.id)
				i, known = a.ids.find(a.deals, bd.id, h)
			}
		} else {
			i, known, h, ext = a.find(bd.id)
		}
		if !known {
			i = a.insert(bd.id, h, ext)
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
	moved := func(r rec) rec {
		if r.big() {
			r.w += uint64(bigBase) << recCoefShift
		}
		return r
	}
	if b.grouped {
		start := uint32(0)
		for bi := range b.deals {
			n := b.deals[bi].n
			for _, r := range b.recs[start : start+n] {
				a.appendRec(to[bi], moved(r))
			}
			start += n
		}
	} else {
		for k, r := range b.recs {
			a.appendRec(to[b.recDeal[k]], moved(r))
		}
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
	if r.big() {
		m.addDec(a.bigs[r.coef()])
		return
	}
	m.add(r.coef(), r.exp())
}

// subFrom subtracts the amount of r from m.
func (a *Analyzer) subFrom(m *money, r rec) {
	if r.big() {
		m.addDec(a.bigs[r.coef()].Neg())
		return
	}
	m.add(-r.coef(), r.exp())
}

// decimalOf returns the amount of r as a decimal.
func (a *Analyzer) decimalOf(r rec) decimal.Decimal {
	if r.big() {
		return a.bigs[r.coef()]
	}
	return decimal.New(r.coef(), r.exp())
}

// cmpAmount compares the amounts of x and y.
func (a *Analyzer) cmpAmount(x, y rec) int {
	if !x.big() && !y.big() {
		xc, yc := x.coef(), y.coef()
		switch xe, ye := x.exp(), y.exp(); {
		case xe > ye:
			c, ok := mulPow10(xc, xe-ye)
			if !ok {
				return 1 // amounts are non-negative: the scaled one is larger
			}
			xc = c
		case xe < ye:
			c, ok := mulPow10(yc, ye-xe)
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
