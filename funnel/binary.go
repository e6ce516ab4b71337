package funnel

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/big"
	"slices"

	"github.com/shopspring/decimal"
)

// ErrFormat reports bytes that are not an analyzer's binary form (see
// [Analyzer.MarshalBinary]): a version this package does not read, a length
// past the end of the bytes, a value out of range, or trailing bytes.
var ErrFormat = errors.New("funnel: bad binary form of an analyzer")

// binaryVersion is the format version [Analyzer.MarshalBinary] writes first.
const binaryVersion = 2

// binaryKind is the byte after the version: an analyzer.
const binaryKind = 'A'

// The binary form's event flags: bits 0–5 of an event's flag byte hold its
// stage.
const (
	flagSameAmount = 1 << 6 // the amount of the event before, which is not in bigs
	flagSameNames  = 1 << 7 // the owner and source its deal named last (none if none yet)
)

// The modes of an owner or source in an event's names byte.
const (
	nameNone  = 0 // the event names none
	nameLast  = 1 // the one its deal named last
	nameGiven = 2 // a uint name number follows
)

// minEventNanos and maxEventNanos bound an event time in nanoseconds since
// 1970, as Add accepts it.
const (
	minEventNanos = minEventSec * 1e9
	maxEventNanos = maxEventSec*1e9 + 999_999_999
)

// maxBigExp bounds the exponent of a big amount's decimal, so that judging
// the amount never computes a power of ten past a few dozen digits.
const maxBigExp = 100

// maxBigBytes bounds a big amount's coefficient in bytes (77 digits; an
// amount has at most 54).
const maxBigBytes = 32

// MarshalBinary encodes the analyzer (encoding.BinaryMarshaler): its stage
// list, options, skipped-event counts and every accepted event, so that
// [Analyzer.UnmarshalBinary] gives an analyzer that reports and merges
// exactly as this one. An event takes 16 bytes, one that names an owner or a
// source other than its deal's first, or whose amount is large, a few more;
// a deal its id and four bytes or so; the stage list's JSON comes once.
// BenchmarkBinary's million deals take 19.5 bytes an event, and an encoding
// and a decoding of them about 120 ms together on a 2-core VM. It regroups the analyzer's
// storage by deal, as a report does, which no report depends on; like every
// method it is not safe for concurrent use. It never fails.
//
// The form, version 2, is these fields in order, where uint is an unsigned
// LEB128 varint (encoding/binary.AppendUvarint) in its shortest form, int a
// zigzag varint (binary.AppendVarint), string a uint byte length and then
// the bytes, and u64 eight bytes, little-endian:
//
//	byte    2, the version
//	byte    'A', an analyzer
//	string  the stage list as JSON (Stages' encoding/json form)
//	uint    Options.OnUnknown (0 or 1), then Options.Deals and
//	        Options.Events, each at most 4,294,967,294
//	uint    k, then k pairs string key, uint count: events skipped per
//	        unknown stage key, keys in increasing byte order, counts ≥ 1
//	uint    m, then m distinct non-empty strings: the owners and sources
//	        events name, name number 1 to m
//	uint    d, then d quadruples uint id length ≥ 1, uint event count ≥ 1,
//	        uint owner, uint source: the deals, each id distinct, with the
//	        name numbers (0 for none) of the owner and the source its events
//	        keep in a bit
//	bytes   the d deal ids, one after another
//	events  each deal's events in turn, in the order the deal's counts say,
//	        16 bytes each: u64 its time, nanoseconds since 1970-01-01 UTC,
//	        within 1900 to 2190 as Add takes it; u64 its word
//	uint    x, then x extensions, one for each event whose word has bit 12
//	        set, in the order of those events: the amount, uint owner, uint
//	        source (name numbers, 0 for none)
//
// An event's word holds its stage's index in the list in bits 0–5. With
// bit 12 clear, bits 6–11 hold exp + 18 and bits 15–63 coef for an amount
// coef·10^exp (exp 0 when coef is 0), bit 13 says the event names its
// deal's owner and bit 14 its deal's source. With bit 12 set, every other
// bit is 0, and the event's amount and names are in its extension: an event
// takes one only when its amount does not fit its word or it names an owner
// or a source other than its deal's. A deal's owner (or source) is 0 if and
// only if none of its events names one, and one of its events names it
// otherwise. An extension's amount is a uint v = coef<<7 | (exp+18)<<1 for
// coef·10^exp with coef < 2^49 and |exp| ≤ 18 (exp 0 when coef is 0), or v
// = 1 followed by a decimal: an int exponent within ±100, a uint byte count
// n from 1 to 32 and n bytes of the coefficient, big-endian, without a
// leading zero byte. Every amount is one Add takes (see [ErrAmount]).
//
// Version 1, which [Analyzer.UnmarshalBinary] still reads, wrote each
// event's time as a varint delta and its amount and names only when they
// changed: about 10 bytes an event, and more than twice as long to encode
// and decode.
func (a *Analyzer) MarshalBinary() ([]byte, error) {
	a.regroup()
	stages, err := json.Marshal(a.stages)
	if err != nil { // a built stage list always marshals
		return nil, err
	}
	idBytes := 0
	for i := range a.deals {
		idBytes += int(a.deals[i].idLen)
	}
	b := make([]byte, 0, 64+len(stages)+idBytes+8*len(a.deals)+recBytes*len(a.recs)+len(a.exts)*12)
	b = append(b, binaryVersion, binaryKind)
	b = appendString(b, string(stages))
	b = binary.AppendUvarint(b, uint64(a.onUnknown))
	b = binary.AppendUvarint(b, uint64(a.hint))
	b = binary.AppendUvarint(b, uint64(a.hintEv))
	keys := make([]string, 0, len(a.unknown))
	for k := range a.unknown {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	b = binary.AppendUvarint(b, uint64(len(keys)))
	for _, k := range keys {
		b = appendString(b, k)
		b = binary.AppendUvarint(b, uint64(a.unknown[k]))
	}
	b = binary.AppendUvarint(b, uint64(len(a.names.keys)))
	for _, n := range a.names.keys {
		b = appendString(b, n)
	}
	b = binary.AppendUvarint(b, uint64(len(a.deals)))
	for i := range a.deals {
		ds := &a.deals[i]
		b = binary.AppendUvarint(b, uint64(ds.idLen))
		b = binary.AppendUvarint(b, uint64(ds.n))
		b = binary.AppendUvarint(b, uint64(ds.owner))
		b = binary.AppendUvarint(b, uint64(ds.source))
	}
	for i := range a.deals {
		b = append(b, a.id(&a.deals[i])...)
	}
	// The events as they are stored, but for an extended event's word,
	// whose index into exts gives way to the order of the extensions.
	at := len(b)
	b = b[:at+recBytes*len(a.recs)]
	var ext []byte
	nx := 0
	for _, r := range a.recs {
		w := r.w
		if r.ext() {
			x := &a.exts[r.extIndex()]
			ext = a.appendAmount(ext, x.amt)
			ext = binary.AppendUvarint(ext, uint64(x.owner))
			ext = binary.AppendUvarint(ext, uint64(x.source))
			w = uint64(r.stage()) | recExt
			nx++
		}
		binary.LittleEndian.PutUint64(b[at:], uint64(r.t))
		binary.LittleEndian.PutUint64(b[at+8:], w)
		at += recBytes
	}
	b = binary.AppendUvarint(b, uint64(nx))
	return append(b, ext...), nil
}

// recBytes is the size of an event in the binary form.
const recBytes = 16

// appendAmount appends amount word w as an extension's amount.
func (a *Analyzer) appendAmount(b []byte, w uint64) []byte {
	if wordBig(w) {
		b = append(b, 1)
		return appendDecimal(b, a.bigs[wordCoef(w)])
	}
	return binary.AppendUvarint(b, uint64(wordCoef(w))<<7|uint64(wordExp(w)+maxAmountExp)<<1)
}

// timeUnits are the units event times are written in: 1 ns, 1 µs, 1 ms, 1 s.
var timeUnits = [...]int64{1, 1e3, 1e6, 1e9}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func appendDecimal(b []byte, d decimal.Decimal) []byte {
	b = binary.AppendVarint(b, int64(d.Exponent()))
	mag := d.Coefficient().Bytes() // amounts are not negative
	b = binary.AppendUvarint(b, uint64(len(mag)))
	return append(b, mag...)
}

// UnmarshalBinary decodes the form [Analyzer.MarshalBinary] writes
// (encoding.BinaryUnmarshaler), version 2 or the earlier version 1, into a,
// replacing what a held; a may be the zero Analyzer. It checks everything:
// the version, every length against the bytes left, the stage list as
// [Stages.Validate] does, the options as [NewAnalyzer] does, every event as
// [Analyzer.Add] does, deal ids and names distinct, and no trailing bytes;
// it allocates no more than the input's length justifies. Bad bytes are an
// error wrapping [ErrFormat] (and the stage list's or option's own error,
// if that is what is wrong), and a is left as it was.
func (a *Analyzer) UnmarshalBinary(data []byte) error {
	d := binDecoder{b: data}
	switch {
	case len(data) < 2:
		return d.failf("%d bytes, too short for the header", len(data))
	case data[0] != 1 && data[0] != binaryVersion:
		return d.failf("version %d; this package reads versions 1 and %d", data[0], binaryVersion)
	case data[1] != binaryKind:
		return d.failf("kind byte %q, not %q", data[1], binaryKind)
	}
	version := data[0]
	d.b = data[2:]
	var stages Stages
	if js := d.bytes(); d.err == nil {
		if err := json.Unmarshal(js, &stages); err != nil {
			return d.fail(fmt.Errorf("%w: stages: %w", ErrFormat, err))
		}
	}
	var opts Options
	opts.OnUnknown = OnUnknown(d.uint(1))
	hint, hintEv := d.uint(uint64(maxIndex)), d.uint(uint64(maxIndex))
	u := uint64(0)
	if version == 1 {
		u = d.uint(uint64(len(timeUnits) - 1))
	}
	if d.err != nil {
		return d.err
	}
	b, err := NewAnalyzer(stages, &opts)
	if err != nil {
		return d.fail(fmt.Errorf("%w: %w", ErrFormat, err))
	}
	b.hint, b.hintEv = int(hint), int(hintEv)
	nu := d.count(2)
	if nu > 0 {
		b.unknown = make(map[string]int, nu)
		prev := ""
		for k := range nu {
			key := string(d.bytes())
			n := d.uint(uint64(maxIndex))
			switch {
			case d.err != nil:
				return d.err
			case k > 0 && key <= prev:
				return d.failf("unknown stage %q out of order", key)
			case b.stageOf(key) >= 0:
				return d.failf("unknown stage %q is in the stage list", key)
			case n == 0:
				return d.failf("unknown stage %q skipped no event", key)
			}
			b.unknown[key], prev = int(n), key
		}
	}
	nn := d.count(2)
	if d.err != nil {
		return d.err
	}
	b.names.keys = make([]string, 0, nn)
	for range nn {
		name := string(d.bytes())
		if d.err != nil {
			return d.err
		}
		if _, added := b.names.intern(name); name == "" || !added {
			return d.failf("name %q empty or repeated", name)
		}
	}
	// The deals: an id length, an event count and, from version 2, an
	// owner and a source each. Version 1 keeps them in a table; version 2
	// reads its table again as it reads the events, which spares the
	// table's 16 bytes a deal.
	fields, minEvent := 2, uint64(2)
	if version != 1 {
		fields, minEvent = 4, recBytes
	}
	nd := d.count(fields + 1) // the fields and an id byte
	if d.err != nil {
		return d.err
	}
	var deals []uint32
	if version == 1 {
		deals = make([]uint32, fields*nd)
	}
	table := d.b
	var f [4]uint32
	idBytes, events := uint64(0), uint64(0)
	limits := [4]uint64{uint64(len(d.b)), uint64(maxIndex), uint64(nn), uint64(nn)}
	for i := range nd {
		if d.b, err = takeUints(d.b, f[:fields], &limits); err != nil {
			return d.fail(err)
		}
		if deals != nil {
			copy(deals[fields*i:], f[:fields])
		}
		idBytes += uint64(f[0])
		events += uint64(f[1])
		switch {
		case d.err != nil:
			return d.err
		case f[0] == 0 || f[1] == 0:
			return d.failf("deal %d has an empty id or no events", i)
		case idBytes > uint64(len(d.b)) || events > uint64(len(d.b))/minEvent || events > uint64(maxIndex):
			return d.failf("deals of %d id bytes and %d events, more than the %d bytes left hold", idBytes, events, len(d.b))
		}
	}
	table = table[:len(table)-len(d.b)]
	// The ids are one block: one string holds them all, a chunk of b's
	// idStore.
	if idBytes > math.MaxUint32 {
		return d.failf("deals of %d id bytes, more than an analyzer holds", idBytes)
	}
	ids := string(d.b[:idBytes])
	d.b = d.b[idBytes:]
	chunk := b.idText.whole(ids)
	b.deals = make([]dealState, 0, nd)
	if version == 1 {
		b.recs = make([]rec, 0, events)
		err = d.eventsV1(b, ids, chunk, deals, timeUnits[u], nn)
	} else {
		err = d.eventsV2(b, ids, chunk, table, nd, events)
	}
	if err != nil {
		return err
	}
	if len(d.b) > 0 {
		return d.failf("%d trailing bytes", len(d.b))
	}
	b.tail = uint32(max(len(b.deals)-1, 0))
	*a = *b
	return nil
}

// deal adds to b the deal with the given id, which b must not have yet,
// and which is in b's idStore at chunk c, offset off.
func (d *binDecoder) deal(b *Analyzer, id string, c, off uint32) *dealState {
	_, known, h, ext := b.find(id)
	if known {
		d.failf("deal %q repeated", id)
		return nil
	}
	return &b.deals[b.insertAt(id, h, ext, c, off)]
}

// eventsV2 reads the events and their extensions of version 2 (see
// [Analyzer.MarshalBinary]) into b, which holds the names: nd deals, whose
// id lengths, event counts, owners and sources are in table, already
// checked, and whose ids are in ids, chunk chunk of b's idStore.
func (d *binDecoder) eventsV2(b *Analyzer, ids string, chunk uint32, table []byte, nd int, events uint64) error {
	if uint64(len(d.b)) < events*recBytes {
		return d.failf("%d events in %d bytes", events, len(d.b))
	}
	in := d.b[:events*recBytes]
	d.b = d.b[events*recBytes:]
	nx := d.count(3) // an amount, an owner and a source
	if d.err != nil {
		return d.err
	}
	b.exts = make([]extRec, 0, nx)
	b.recs = make([]rec, events)
	out := b.recs
	nStages := uint64(len(b.stages))
	var f [4]uint32
	limits := [4]uint64{math.MaxUint32, math.MaxUint32, math.MaxUint32, math.MaxUint32}
	// While the ids come in increasing order, the deals are appended to a
	// local slice, and b.sorted is brought up to date once they stop.
	deals, inOrder := b.deals, true
	off, prev := uint32(0), ""
	for range nd {
		table, _ = takeUints(table, f[:], &limits) // checked as the header was read
		n, m, owner, source := f[0], f[1], f[2], f[3]
		id := ids[off : off+n]
		var ds *dealState
		if k := len(deals); inOrder && (k == 0 || id > prev) {
			// extending the sorted prefix, as MarshalBinary of an
			// analyzer fed in id order writes them
			deals = append(deals, dealState{idChunk: chunk, idOff: off, idLen: n})
			ds = &deals[k]
		} else {
			if inOrder {
				b.deals, b.sorted, inOrder = deals, len(deals), false
			}
			if ds = d.deal(b, id, chunk, off); ds == nil {
				return d.err
			}
			deals = b.deals
		}
		off += n
		prev = id
		ds.n, ds.owner, ds.source = m, owner, source
		// What the deal's events may name in their words, and what they do.
		var may, named uint64
		if owner != 0 {
			may |= recOwner
		}
		if source != 0 {
			may |= recSource
		}
		evs, recs := in[:m*recBytes], out[:m]
		in, out = in[m*recBytes:], out[m:]
		for k := range recs {
			t, w := int64(binary.LittleEndian.Uint64(evs[recBytes*k:])), binary.LittleEndian.Uint64(evs[recBytes*k+8:])
			exp := w & recExpMask >> recExpShift
			switch {
			case uint64(t-minEventNanos) > maxEventNanos-minEventNanos:
				return d.failf("deal %q: an event time out of range", id)
			case w&(1<<recStageBits-1) >= nStages:
				return d.failf("deal %q: stage %d of %d", id, w&(1<<recStageBits-1), nStages)
			case w&recExt != 0:
				var err error
				if w, err = d.extension(b, ds, w, &named); err != nil {
					return err
				}
			case exp > 2*maxAmountExp || w>>recCoefShift == 0 && exp != maxAmountExp:
				return d.failf("deal %q: amount %d·10^%d out of range", id, w>>recCoefShift, int(exp)-maxAmountExp)
			case w&(recOwner|recSource)&^may != 0:
				return d.failf("deal %q: an event names the deal's owner or source, which it has not", id)
			default:
				named |= w
			}
			recs[k] = rec{t, w}
		}
		if may&^named != 0 {
			return d.failf("deal %q: no event names the deal's owner or source", id)
		}
	}
	b.deals = deals
	if inOrder {
		b.sorted = len(deals)
	}
	if len(b.exts) != nx {
		return d.failf("%d extended events and %d extensions", len(b.exts), nx)
	}
	return nil
}

// extension reads the extension of an event of deal ds whose word is w and
// returns its word in b. It adds recOwner and recSource to named when the
// event names the deal's owner or source.
func (d *binDecoder) extension(b *Analyzer, ds *dealState, w uint64, named *uint64) (uint64, error) {
	stage := w & (1<<recStageBits - 1)
	switch {
	case w != stage|recExt:
		return 0, d.failf("deal %q: an extended event's word %#x", b.id(ds), w)
	case len(b.exts) == cap(b.exts):
		return 0, d.failf("deal %q: more extended events than the %d extensions", b.id(ds), cap(b.exts))
	}
	nn := uint64(len(b.names.keys))
	amt := d.amount(b)
	owner, source := uint32(d.uint(nn)), uint32(d.uint(nn))
	switch {
	case d.err != nil:
		return 0, d.err
	case owner != 0 && ds.owner == 0 || source != 0 && ds.source == 0:
		return 0, d.failf("deal %q: an event names an owner or a source, the deal none", b.id(ds))
	case !wordBig(amt) && (owner == 0 || owner == ds.owner) && (source == 0 || source == ds.source):
		return 0, d.failf("deal %q: an extension its event does not need", b.id(ds))
	}
	if owner != 0 && owner == ds.owner {
		*named |= recOwner
	}
	if source != 0 && source == ds.source {
		*named |= recSource
	}
	b.exts = append(b.exts, extRec{amt: amt, owner: owner, source: source})
	return w | uint64(len(b.exts)-1)<<recCoefShift, nil
}

// eventsV1 reads the events of version 1 into b, which holds the names;
// deals holds each deal's id length and event count, ids their ids (chunk
// chunk of b's idStore), and event times are in units of unit nanoseconds.
func (d *binDecoder) eventsV1(b *Analyzer, ids string, chunk uint32, deals []uint32, unit int64, nn int) error {
	maxDelta := (maxEventNanos - minEventNanos) / unit
	var prevT int64
	prevAmt := amountWord(0, 0)
	off := uint32(0)
	for i := 0; i < len(deals); i += 2 {
		id := ids[off : off+deals[i]]
		ds := d.deal(b, id, chunk, off)
		if ds == nil {
			return d.err
		}
		off += deals[i]
		var lastOwner, lastSrc uint32
		for range deals[i+1] {
			delta, n := binary.Varint(d.b)
			if n <= 0 || len(d.b) <= n {
				return d.failf("deal %q: an event cut short", id)
			}
			if n > 1 && d.b[n-1] == 0 {
				return d.failf("deal %q: a time not in its shortest form", id)
			}
			flags := d.b[n]
			d.b = d.b[n+1:]
			switch {
			case delta > maxDelta || delta < -maxDelta,
				delta > 0 && delta*unit > maxEventNanos-prevT,
				delta < 0 && delta*unit < minEventNanos-prevT:
				return d.failf("deal %q: an event time out of range", id)
			}
			t := prevT + delta*unit
			if t < minEventNanos || t > maxEventNanos {
				return d.failf("deal %q: an event time out of range", id)
			}
			prevT = t
			stage := int(flags & (1<<recStageBits - 1))
			if stage >= len(b.stages) {
				return d.failf("deal %q: stage %d of %d", id, stage, len(b.stages))
			}
			amt := prevAmt
			if flags&flagSameAmount == 0 {
				if amt = d.amount(b); d.err != nil {
					return d.err
				}
				if !wordBig(amt) {
					prevAmt = amt
				}
			}
			owner, source := lastOwner, lastSrc
			if flags&flagSameNames == 0 {
				if len(d.b) == 0 {
					return d.failf("deal %q: an event cut short", id)
				}
				modes := d.b[0]
				d.b = d.b[1:]
				owner, source = d.name(modes&3, lastOwner, nn), d.name(modes>>2, lastSrc, nn)
				if d.err != nil {
					return d.err
				}
			}
			if owner != 0 {
				lastOwner = owner
			}
			if source != 0 {
				lastSrc = source
			}
			b.recs = append(b.recs, b.encode(ds, t, stage, amt, owner, source))
			ds.n++
		}
	}
	return d.err
}

// binDecoder reads the binary form; its first failure sticks.
type binDecoder struct {
	b   []byte
	err error
}

func (d *binDecoder) fail(err error) error {
	if d.err == nil {
		d.err = err
	}
	d.b = nil
	return d.err
}

func (d *binDecoder) failf(format string, args ...any) error {
	return d.fail(fmt.Errorf("%w: "+format, append([]any{ErrFormat}, args...)...))
}

// uint reads a uint of at most limit.
func (d *binDecoder) uint(limit uint64) uint64 {
	if b := d.b; len(b) > 0 && b[0] < 0x80 && uint64(b[0]) <= limit {
		d.b = b[1:] // one byte, as most are
		return uint64(b[0])
	}
	return d.uintSlow(limit)
}

// takeUints reads len(v) uints from b into v, v[k] at most limit[k], as
// uint does, and returns the rest of b. Most are one byte, read here from
// a local slice: reading a deal's fields one uint at a time through the
// decoder took decoding BenchmarkBinary's million deals 55 ms, against 10
// ms so, as every d.b = d.b[1:] through a pointer is a write barrier while
// the collector runs, which it does through much of a decoding.
func takeUints(b []byte, v []uint32, limit *[4]uint64) ([]byte, error) {
	if len(b) >= len(v) {
		k := 0
		for ; k < len(v) && b[k] < 0x80 && uint64(b[k]) <= limit[k]; k++ {
			v[k] = uint32(b[k])
		}
		if k == len(v) {
			return b[k:], nil
		}
	}
	d := binDecoder{b: b}
	for k := range v {
		v[k] = uint32(d.uint(limit[k]))
	}
	return d.b, d.err
}

// uintSlow is uint for the general case.
func (d *binDecoder) uintSlow(limit uint64) uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b)
	switch {
	case n <= 0 || v > limit:
		d.failf("a bad varint, or one above %d", limit)
		return 0
	case n > 1 && d.b[n-1] == 0: // a trailing zero group: not AppendUvarint's form
		d.failf("a varint not in its shortest form")
		return 0
	}
	d.b = d.b[n:]
	return v
}

// count reads the length of a list whose every element takes at least size
// bytes, and refuses one the bytes left cannot hold.
func (d *binDecoder) count(size int) int {
	n := d.uint(1 << 62)
	if d.err == nil && n > uint64(len(d.b)/size) {
		d.failf("a list of %d, more than the %d bytes left can hold", n, len(d.b))
		return 0
	}
	return int(n)
}

// bytes reads a string's bytes, which alias the input.
func (d *binDecoder) bytes() []byte {
	n := d.count(1)
	if d.err != nil {
		return nil
	}
	s := d.b[:n]
	d.b = d.b[n:]
	return s
}

// amount reads an event's amount and returns its amount word in b,
// appending a big amount to b.bigs.
func (d *binDecoder) amount(b *Analyzer) uint64 {
	v := d.uint(1<<(recCoefBits+7) - 1)
	if d.err != nil {
		return 0
	}
	if v&1 == 0 {
		coef, exp := int64(v>>7), int32(v>>1&(1<<6-1))-maxAmountExp
		if exp > maxAmountExp || coef == 0 && exp != 0 {
			d.failf("amount %d·10^%d out of range", coef, exp)
			return 0
		}
		return amountWord(coef, exp)
	}
	if v != 1 {
		d.failf("a bad amount")
		return 0
	}
	exp, n := binary.Varint(d.b)
	if n <= 0 || exp > maxBigExp || exp < -maxBigExp || (n > 1 && d.b[n-1] == 0) {
		d.failf("a big amount's exponent out of range or not in its shortest form")
		return 0
	}
	d.b = d.b[n:]
	size := d.uint(maxBigBytes)
	switch {
	case d.err != nil:
		return 0
	case size == 0 || size > uint64(len(d.b)) || d.b[0] == 0:
		d.failf("a big amount of %d bytes", size)
		return 0
	}
	amt := decimal.NewFromBigInt(new(big.Int).SetBytes(d.b[:size]), int32(exp))
	d.b = d.b[size:]
	if _, _, _, why := normalAmount(amt); why != "" {
		d.failf("amount %s: %s", amt, why)
		return 0
	}
	b.bigs = append(b.bigs, amt)
	return bigWord(len(b.bigs) - 1)
}

// name reads an owner or a source in the given mode, its deal having named
// last last, among nn names.
func (d *binDecoder) name(mode byte, last uint32, nn int) uint32 {
	switch {
	case mode == nameNone:
		return 0
	case mode == nameLast && last != 0:
		return last
	case mode == nameGiven:
		v := d.uint(uint64(nn))
		if v == 0 && d.err == nil {
			d.failf("name number 0")
		}
		return uint32(v)
	}
	d.failf("name mode %d with a deal that named %d", mode, last)
	return 0
}
