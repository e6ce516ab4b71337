package funnel

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"slices"

	"github.com/shopspring/decimal"
)

// ErrFormat reports bytes that are not an analyzer's binary form (see
// [Analyzer.MarshalBinary]): a version this package does not read, a length
// past the end of the bytes, a value out of range, or trailing bytes.
var ErrFormat = errors.New("funnel: bad binary form of an analyzer")

// binaryVersion is the format version [Analyzer.MarshalBinary] writes first.
const binaryVersion = 1

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
// exactly as this one. Clean data takes about 10 bytes an event (9.8 on
// BenchmarkBinary's), and the stage list's JSON once. It regroups the analyzer's storage by deal, as a report
// does, which no report depends on; like every method it is not safe for
// concurrent use. It never fails.
//
// The form, version 1, is these fields in order, where uint is an unsigned
// LEB128 varint (encoding/binary.AppendUvarint), int a zigzag varint
// (binary.AppendVarint), and string a uint byte length and then the bytes:
//
//	byte    1, the version
//	byte    'A', an analyzer
//	string  the stage list as JSON (Stages' encoding/json form)
//	uint    Options.OnUnknown (0 or 1), then Options.Deals and
//	        Options.Events, each at most 4,294,967,294
//	uint    u: event times are multiples of 1000^u nanoseconds, u ≤ 3
//	uint    k, then k pairs string key, uint count: events skipped per
//	        unknown stage key, keys in increasing byte order, counts ≥ 1
//	uint    m, then m distinct non-empty strings: the owners and sources
//	        events name, name number 1 to m
//	uint    d, then d pairs uint id length ≥ 1, uint event count ≥ 1: the
//	        deals, each id distinct
//	bytes   the d deal ids, one after another
//	events  each deal's events in turn, in the order the deal's counts say
//
// An event is:
//
//	int     its time, in units of 1000^u nanoseconds, less the time of the
//	        event before it (the deal's, or the previous deal's last; for
//	        the first event, 1970-01-01 UTC); the time is within 1900 to
//	        2190, as Add takes
//	byte    flags: bits 0–5 the stage's index in the list; bit 6, the
//	        amount is the last one written before as a v with bit 0 clear
//	        (zero if none was) and no amount follows; bit 7, the event
//	        names the owner and the source its deal's events named last
//	        (none while they named none) and no names byte follows
//	uint    without bit 6, the amount: v = coef<<7 | (exp+18)<<1 for
//	        coef·10^exp with coef < 2^49 and |exp| ≤ 18 (exp 0 when coef
//	        is 0), or v = 1 followed by a decimal: an int exponent within
//	        ±100, a uint byte count n from 1 to 32 and n bytes of the
//	        coefficient, big-endian, without a leading zero byte. The amount
//	        is one Add takes (see [ErrAmount]).
//	byte    without bit 7, the names: bits 0–1 the owner's mode, bits 2–3
//	        the source's: 0 none, 1 the one the deal named last, 2 a uint
//	        name number follows (the owner's first)
func (a *Analyzer) MarshalBinary() ([]byte, error) {
	a.regroup()
	stages, err := json.Marshal(a.stages)
	if err != nil { // a built stage list always marshals
		return nil, err
	}
	idBytes := 0
	for i := range a.deals {
		idBytes += len(a.deals[i].id)
	}
	b := make([]byte, 0, 64+len(stages)+idBytes+6*len(a.deals)+8*len(a.recs))
	b = append(b, binaryVersion, binaryKind)
	b = appendString(b, string(stages))
	b = binary.AppendUvarint(b, uint64(a.onUnknown))
	b = binary.AppendUvarint(b, uint64(a.hint))
	b = binary.AppendUvarint(b, uint64(a.hintEv))
	u := a.timeUnit()
	b = binary.AppendUvarint(b, uint64(u))
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
		b = binary.AppendUvarint(b, uint64(len(a.deals[i].id)))
		b = binary.AppendUvarint(b, uint64(a.deals[i].n))
	}
	for i := range a.deals {
		b = append(b, a.deals[i].id...)
	}
	var prevT int64
	prevAmt := amountWord(0, 0)
	start := uint32(0)
	for i := range a.deals {
		ds := &a.deals[i]
		var lastOwner, lastSrc uint32
		for _, r := range a.recs[start : start+ds.n] {
			b = binary.AppendVarint(b, (r.t-prevT)/timeUnits[u])
			prevT = r.t
			flags := r.stage()
			amt := a.amountOf(r)
			owner, source := a.namesOf(ds, r)
			if amt == prevAmt {
				flags |= flagSameAmount
			}
			if owner == lastOwner && source == lastSrc {
				flags |= flagSameNames
			}
			b = append(b, flags)
			if flags&flagSameAmount == 0 {
				if wordBig(amt) {
					b = append(b, 1)
					b = appendDecimal(b, a.bigs[wordCoef(amt)])
				} else {
					b = binary.AppendUvarint(b, uint64(wordCoef(amt))<<7|uint64(wordExp(amt)+maxAmountExp)<<1)
					prevAmt = amt
				}
			}
			if flags&flagSameNames == 0 {
				om, sm := nameMode(owner, lastOwner), nameMode(source, lastSrc)
				b = append(b, om|sm<<2)
				if om == nameGiven {
					b = binary.AppendUvarint(b, uint64(owner))
				}
				if sm == nameGiven {
					b = binary.AppendUvarint(b, uint64(source))
				}
			}
			if owner != 0 {
				lastOwner = owner
			}
			if source != 0 {
				lastSrc = source
			}
		}
		start += ds.n
	}
	return b, nil
}

// timeUnits are the units event times are written in: 1 ns, 1 µs, 1 ms, 1 s.
var timeUnits = [...]int64{1, 1e3, 1e6, 1e9}

// timeUnit returns the largest u such that every event time is a multiple
// of timeUnits[u].
func (a *Analyzer) timeUnit() int {
	multiple := func(div func(int64) bool) bool {
		for _, r := range a.recs {
			if !div(r.t) {
				return false
			}
		}
		return true
	}
	switch {
	case multiple(func(t int64) bool { return t%1e9 == 0 }):
		return 3
	case multiple(func(t int64) bool { return t%1e6 == 0 }):
		return 2
	case multiple(func(t int64) bool { return t%1e3 == 0 }):
		return 1
	}
	return 0
}

// nameMode returns how an event naming n (1 + name index, or 0) is written
// when its deal named last last.
func nameMode(n, last uint32) byte {
	switch {
	case n == 0:
		return nameNone
	case n == last:
		return nameLast
	}
	return nameGiven
}

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
// (encoding.BinaryUnmarshaler) into a, replacing what a held; a may be the
// zero Analyzer. It checks everything: the version, every length against
// the bytes left, the stage list as [Stages.Validate] does, the options as
// [NewAnalyzer] does, every event as [Analyzer.Add] does, deal ids and names
// distinct, and no trailing bytes; it allocates no more than the input's
// length justifies. Bad bytes are an error wrapping [ErrFormat] (and the
// stage list's or option's own error, if that is what is wrong), and a is
// left as it was.
func (a *Analyzer) UnmarshalBinary(data []byte) error {
	d := binDecoder{b: data}
	switch {
	case len(data) < 2:
		return d.failf("%d bytes, too short for the header", len(data))
	case data[0] != binaryVersion:
		return d.failf("version %d; this package reads version %d", data[0], binaryVersion)
	case data[1] != binaryKind:
		return d.failf("kind byte %q, not %q", data[1], binaryKind)
	}
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
	u := d.uint(uint64(len(timeUnits) - 1))
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
	nd := d.count(3) // an id length, a count, an id byte
	if d.err != nil {
		return d.err
	}
	lens := make([]uint32, 2*nd)
	idBytes, events := uint64(0), uint64(0)
	for i := range nd {
		lens[2*i], lens[2*i+1] = uint32(d.uint(uint64(len(d.b)))), uint32(d.uint(uint64(maxIndex)))
		idBytes += uint64(lens[2*i])
		events += uint64(lens[2*i+1])
		switch {
		case d.err != nil:
			return d.err
		case lens[2*i] == 0 || lens[2*i+1] == 0:
			return d.failf("deal %d has an empty id or no events", i)
		case idBytes > uint64(len(d.b)) || events > uint64(len(d.b))/2 || events > uint64(maxIndex):
			return d.failf("deals of %d id bytes and %d events, more than the %d bytes left hold", idBytes, events, len(d.b))
		}
	}
	// The ids are one block: one string holds them all.
	ids := string(d.b[:idBytes])
	d.b = d.b[idBytes:]
	b.deals = make([]dealState, 0, nd)
	b.recs = make([]rec, 0, events)
	unit := timeUnits[u]
	maxDelta := (maxEventNanos - minEventNanos) / unit
	var prevT int64
	prevAmt := amountWord(0, 0)
	for i := range nd {
		id := ids[:lens[2*i]]
		ids = ids[len(id):]
		_, known, h, ext := b.find(id)
		if known {
			return d.failf("deal %q repeated", id)
		}
		di := b.insert(id, h, ext)
		ds := &b.deals[di]
		var lastOwner, lastSrc uint32
		for range lens[2*i+1] {
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
	if len(d.b) > 0 {
		return d.failf("%d trailing bytes", len(d.b))
	}
	if d.err != nil {
		return d.err
	}
	b.tail = uint32(max(len(b.deals)-1, 0))
	*a = *b
	return nil
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
