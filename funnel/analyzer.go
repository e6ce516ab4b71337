package funnel

import (
	"errors"
	"fmt"
	"hash/maphash"
	"iter"
	"strconv"
	"time"

	"github.com/shopspring/decimal"
)

// Options configures an [Analyzer]. The zero value (or nil) means defaults:
// unknown stages are rejected and no sizes are hinted. Each field defaults
// on its own.
type Options struct {
	// OnUnknown says what to do with an event whose stage is not in the
	// list.
	OnUnknown OnUnknown `json:"on_unknown"`
	// Deals hints how many distinct deals will be added, so that the
	// analyzer's deal storage, and its deal index if it needs one (deals
	// that come in increasing id order need none), grow to that size in
	// one step rather than by doubling. It is only a hint: up front the
	// analyzer reserves room for at most 65,536 deals, and later never more
	// than the events added could need (see [Analyzer.AddAll]), so a wrong
	// hint costs time, not memory. A hint above the analyzer's capacity,
	// 4,294,967,294, is an error.
	Deals int `json:"deals,omitempty"`
	// Events hints how many events will be added, bounded as Deals is.
	Events int `json:"events,omitempty"`
}

// Analyzer accumulates stage-change events and reports on them. It keeps
// every accepted event in a compact form (16 bytes, plus 24 per deal and a
// copy of its id, which holds no pointer for the garbage collector to
// follow and keeps no larger string the id was cut from alive), so
// events may come in any order, a deal's events may be split across
// analyzers, and one analyzer can report in either [Mode], over any window,
// as of any time, each deal attributed to the owner and source in force
// then.
//
// Events grouped by deal are stored in arrival order at no extra cost; events
// in any other order take 4 more bytes each until the next report regroups
// them by deal, once, in place. Deals that do not come in increasing id order
// take 16 to 32 more bytes each in a hash table. An event that names an owner
// or a source other than the first its deal named, or whose amount's
// coefficient is 2⁴⁹ or more, takes 16 bytes more (and the latter a decimal).
//
// Create one with [NewAnalyzer]; the zero Analyzer is not usable. An Analyzer
// is not safe for concurrent use, reports included: give each goroutine its
// own and combine them with [Analyzer.Merge].
type Analyzer struct {
	stages    Stages
	keys      []string // stage keys, in list order
	lay       *layout
	onUnknown OnUnknown

	ids     dealIndex // deal id → index into deals, past the sorted prefix
	sorted  int       // deals[:sorted] have increasing ids and are not in ids
	hint    int       // Options.Deals
	hintEv  int       // Options.Events
	deals   []dealState
	idText  idStore // the deals' ids
	recs    []rec
	recDeal []uint32          // the deal of each rec, kept while not grouped
	grouped bool              // each deal's recs are contiguous in recs, in deal order
	tail    uint32            // the deal of the last rec, while grouped
	exts    []extRec          // what does not fit in recs
	bigs    []decimal.Decimal // amounts whose coefficient does not fit in a rec

	unknown map[string]int // skipped events per unknown stage key

	names strIndex // owners and sources, interned

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
	if !onUnknownNames.valid(int(o.OnUnknown)) {
		return nil, fieldErr("opts.on_unknown", o.OnUnknown.String(), ErrOption)
	}
	var errs []error
	for _, h := range []struct {
		field string
		n     int
	}{{"opts.deals", o.Deals}, {"opts.events", o.Events}} {
		switch {
		case h.n < 0:
			errs = append(errs, fieldErr(h.field, strconv.Itoa(h.n), fmt.Errorf("%w: a size hint is not negative", ErrOption)))
		case int64(h.n) > maxIndex:
			errs = append(errs, fieldErr(h.field, strconv.Itoa(h.n),
				fmt.Errorf("%w: more than the analyzer's capacity of 4,294,967,294", ErrOption)))
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	seed := maphash.MakeSeed()
	a := &Analyzer{
		stages:    stages.clone(),
		onUnknown: o.OnUnknown,
		ids:       dealIndex{seed: seed},
		names:     strIndex{seed: seed},
		hint:      o.Deals,
		hintEv:    o.Events,
		deals:     make([]dealState, 0, min(o.Deals, reserveBound)),
		recs:      make([]rec, 0, min(o.Events, reserveBound)),
		grouped:   true,
	}
	for _, s := range a.stages {
		a.keys = append(a.keys, s.Key)
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

// Add adds one event. It returns a [*FieldError] naming the event's field
// for an empty deal id ([ErrEmptyDeal]), a time out of range ([ErrTime]), a
// negative or out-of-range amount ([ErrAmount]) or, under [Reject], an
// unknown stage ([ErrUnknownStage]); under [Skip] an unknown stage is counted
// and the event left out. It returns [ErrCapacity] when the analyzer is full.
// A rejected event changes nothing.
//
// Add does not allocate once the event's deal is known, unless its owner or
// source is new to the analyzer, it names an owner or a source other than
// the first its deal named, its amount's coefficient is 2⁴⁹ or more (about
// 5.6·10¹⁴: 15 digits or more), or the analyzer's storage must grow (see
// [Options]).
func (a *Analyzer) Add(e Event) error { return a.add(&e) }

func (a *Analyzer) add(e *Event) error {
	if e.Deal == "" {
		return fieldErr("deal", "", ErrEmptyDeal)
	}
	t, ok := eventNanos(e.Time)
	if !ok {
		return timeErr("time", e.Time)
	}
	// The events of a deal mostly repeat its amount, so the split of the
	// previous event's amount is kept: decimals are immutable. Without it,
	// AddAll of grouped events runs 11% more instructions; in arbitrary
	// order it runs 2.5% fewer, and Add of known deals 4% fewer (Ir,
	// bench_test.go): the grouped whole path is the budget that counts.
	coef, exp, small := a.lastAmt.coef, a.lastAmt.exp, a.lastAmt.small
	newAmt := e.Amount != a.lastAmt.d
	if newAmt {
		// The common amount is already in range; normalAmount judges the
		// others.
		coef, exp, small = splitAmount(e.Amount)
		if !small || coef < 0 || exp < -maxAmountExp || exp > maxAmountExp {
			var why string
			if coef, exp, small, why = normalAmount(e.Amount); why != "" {
				return fieldErr("amount", amountText(e.Amount), fmt.Errorf("%w: %s", ErrAmount, why))
			}
		}
	}
	stage := a.stageOf(e.Stage)
	if stage < 0 {
		if a.onUnknown == Skip {
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
	d, known, h, ext := a.find(e.Deal)
	if !known {
		if int64(len(a.deals)) >= maxIndex || int64(len(e.Deal)) > maxIndex {
			return ErrCapacity
		}
		d = a.insert(e.Deal, h, ext)
	}
	if newAmt {
		a.lastAmt.d, a.lastAmt.coef, a.lastAmt.exp, a.lastAmt.small = e.Amount, coef, exp, small
	}
	var amt uint64
	if small && coef <= maxRecCoef {
		amt = amountWord(coef, exp)
	} else {
		amt = bigWord(len(a.bigs))
		a.bigs = append(a.bigs, e.Amount)
	}
	// Most events name their deal's owner and source again, so those are
	// compared first, and other names go through nameIndex. Interning
	// every name instead takes AddAll of grouped events 42% more
	// instructions, in arbitrary order 24% more, and Add 50% more (Ir,
	// bench_test.go).
	ds := &a.deals[d]
	r := rec{t, uint64(stage) | amt}
	// The two switches are written out rather than calling one helper for
	// both, which the compiler does not inline.
	var owner, source uint32 // names for encode: the deal's first, or others
	switch {
	case e.Owner == "":
	case ds.owner != 0 && e.Owner == a.names.keys[ds.owner-1]:
		r.w |= recOwner
	default:
		owner = a.nameIndex(e.Owner, &a.lastOwner, &a.lastOwnerI)
	}
	switch {
	case e.Source == "":
	case ds.source != 0 && e.Source == a.names.keys[ds.source-1]:
		r.w |= recSource
	default:
		source = a.nameIndex(e.Source, &a.lastSrc, &a.lastSrcI)
	}
	if owner|source != 0 || wordBig(amt) {
		if r.w&recOwner != 0 {
			owner = ds.owner
		}
		if r.w&recSource != 0 {
			source = ds.source
		}
		r = a.encode(ds, t, stage, amt, owner, source)
	}
	if n := len(a.recs); a.grouped && d >= a.tail && n < cap(a.recs) {
		// appendRec's common case, without the call: without it AddAll of
		// grouped events runs 4.7% more instructions, and arbitrary order
		// and Add gain under 0.5% (Ir, bench_test.go).
		a.tail = d
		a.recs = a.recs[:n+1]
		a.recs[n] = r
		ds.n++
	} else {
		a.appendRec(d, r)
	}
	return nil
}

// AddAll adds the events in order and returns how many it took. It stops at
// the first bad event: events[:n] are added (or, under [Skip], counted as
// skipped), and events[n] and those after it are not. The error is that of
// [Analyzer.Add] for events[n], its field path prefixed with "events[n]".
// Without an error n is len(events). To go on past a bad event, fix or drop
// it and call AddAll with events[n:] again.
//
// AddAll makes room for all its events at once, and looks a few events
// ahead, so that finding the deals of events in arbitrary order waits for
// memory less than one [Analyzer.Add] at a time would: prefer it to a loop
// of Add for a batch in hand.
func (a *Analyzer) AddAll(events []Event) (int, error) {
	// Room for every event, and for as many new deals as the hint expects
	// and the events could hold.
	a.recs = growFor(a.recs, len(events), 0)
	a.deals = growFor(a.deals, min(len(events), max(a.hint-len(a.deals), 0)), a.hint)
	for lo := 0; lo < len(events); lo += aheadLen {
		batch := events[lo:min(lo+aheadLen, len(events))]
		if a.ids.n > 0 {
			a.touchAhead(batch)
		}
		for i := range batch {
			if err := a.add(&batch[i]); err != nil {
				return lo + i, eventErr(lo+i, err)
			}
		}
	}
	return len(events), nil
}

// AddSeq adds the events of seq in order and returns how many it took, like
// [Analyzer.AddAll]: the first n events of seq are added, and the error is
// that of the event after them. It stops reading seq at the first bad event.
func (a *Analyzer) AddSeq(events iter.Seq[Event]) (int, error) {
	n := 0
	for e := range events {
		if err := a.add(&e); err != nil {
			return n, eventErr(n, err)
		}
		n++
	}
	return n, nil
}

// timeErr returns the error for an event time or an option that is zero or
// out of range.
func timeErr(field string, t time.Time) error {
	if t.IsZero() {
		return fieldErr(field, "", fmt.Errorf("%w: the time is zero", ErrTime))
	}
	return fieldErr(field, timeText(t), fmt.Errorf("%w: %s", ErrTime, timeRange))
}

// reserveBound is the most a size hint reserves before any event comes:
// room for 65,536 deals (2 MiB) and as many events (1 MiB).
const reserveBound = 1 << 16

// growFor returns s, or a copy of it, with room for n more elements. A slice
// that must grow at least doubles, as append grows it, but never past hint
// when the hint has room for the n: an accurate hint is reached exactly.
func growFor[T any](s []T, n, hint int) []T {
	need := len(s) + n
	if need <= cap(s) {
		return s
	}
	c := max(need, 2*cap(s), 16)
	if hint >= need {
		c = min(c, hint)
	}
	t := make([]T, len(s), c)
	copy(t, s)
	return t
}

// eventErr returns err, an error of Add, as the error of events[i].
func eventErr(i int, err error) error {
	at := "events[" + strconv.Itoa(i) + "]"
	if _, ok := err.(*FieldError); ok {
		return prefixField(at, err)
	}
	return fieldErr(at, "", err)
}

// Reset empties the analyzer but keeps its storage, so a long-lived analyzer
// that is refilled for every report allocates only as its data grows.
func (a *Analyzer) Reset() {
	a.ids.reset()
	a.sorted = 0
	a.deals = a.deals[:0]
	a.idText.reset()
	a.recs = a.recs[:0]
	a.recDeal = a.recDeal[:0]
	a.grouped, a.tail = true, 0
	a.exts = a.exts[:0]
	clear(a.bigs)
	a.bigs = a.bigs[:0]
	a.unknown = nil
	a.names.reset()
	a.lastOwner, a.lastOwnerI, a.lastSrc, a.lastSrcI = "", 0, "", 0
	a.lastAmt.d, a.lastAmt.coef, a.lastAmt.exp, a.lastAmt.small = decimal.Decimal{}, 0, 0, true
}

// stageOf returns the index of the stage with the given key, or -1.
func (a *Analyzer) stageOf(key string) int {
	for i, k := range a.keys {
		if k == key {
			return i
		}
	}
	return -1
}
