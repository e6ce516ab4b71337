package forecast

import (
	"encoding/binary"
	"math"
	"slices"
	"strconv"
)

// The binary encodings of this package's accumulators ([Pipeline],
// [WinModel]) share a frame and a few primitives:
//
//	byte     version, 1
//	byte     kind: 'P' for a Pipeline, 'W' for a WinModel
//	...      the accumulator's fields, as each type documents
//
// uvarint and varint are encoding/binary's variable-length integers; a
// string is a uvarint byte length and the bytes; a float64 is its IEEE 754
// bits, eight bytes little-endian. Lists are sorted so that equal
// accumulators encode to equal bytes. Decoding checks every field, refuses
// trailing bytes, and never allocates more than a small multiple of the
// input's length.

// encodingVersion is the version byte this package writes and reads.
const encodingVersion = 1

// encoder appends the primitives to a byte slice.
type encoder struct{ b []byte }

func (e *encoder) uvarint(v uint64) { e.b = binary.AppendUvarint(e.b, v) }
func (e *encoder) varint(v int64)   { e.b = binary.AppendVarint(e.b, v) }
func (e *encoder) float(v float64)  { e.b = binary.LittleEndian.AppendUint64(e.b, math.Float64bits(v)) }
func (e *encoder) header(kind byte) { e.b = append(e.b, encodingVersion, kind) }

func (e *encoder) string(s string) {
	e.uvarint(uint64(len(s)))
	e.b = append(e.b, s...)
}

// sum writes a non-negative 128-bit sum as two uvarints, high word first.
func (e *encoder) sum(s sum128) {
	e.uvarint(uint64(s.hi))
	e.uvarint(s.lo)
}

func encodeLabels(e *encoder, l Labels) {
	tags := make([]string, 0, len(l))
	for k := range l {
		tags = append(tags, k)
	}
	slices.Sort(tags)
	e.uvarint(uint64(len(tags)))
	for _, k := range tags {
		e.string(k)
		e.string(l[k])
	}
}

func encodeStages(e *encoder, s Stages) {
	e.uvarint(uint64(len(s)))
	for _, st := range s {
		e.string(st.Key)
		e.float(st.Probability)
		e.uvarint(uint64(st.Category))
		e.uvarint(uint64(st.Outcome))
		encodeLabels(e, st.Labels)
	}
}

// decoder reads the primitives, remembering the first problem; once it has
// one, every read returns zero values.
type decoder struct {
	b   []byte
	off int
	err error
}

func (d *decoder) fail(what string) {
	if d.err == nil {
		d.err = fieldErr("data", "", wrap(ErrEncoding, what+" at byte "+strconv.Itoa(d.off)))
	}
}

func (d *decoder) left() int { return len(d.b) - d.off }

func (d *decoder) byte() byte {
	if d.err != nil || d.left() < 1 {
		d.fail("unexpected end")
		return 0
	}
	v := d.b[d.off]
	d.off++
	return v
}

func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b[d.off:])
	switch {
	case n <= 0:
		d.fail("bad uvarint")
		return 0
	case n > 1 && d.b[d.off+n-1] == 0: // a trailing zero group: not AppendUvarint's form
		d.fail("a uvarint not in its shortest form")
		return 0
	}
	d.off += n
	return v
}

func (d *decoder) varint() int64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Varint(d.b[d.off:])
	switch {
	case n <= 0:
		d.fail("bad varint")
		return 0
	case n > 1 && d.b[d.off+n-1] == 0: // not AppendVarint's form
		d.fail("a varint not in its shortest form")
		return 0
	}
	d.off += n
	return v
}

// small reads a uvarint that must not exceed max.
func (d *decoder) small(max uint64, what string) int {
	v := d.uvarint()
	if v > max {
		d.fail(what + " out of range")
		return 0
	}
	return int(v)
}

// count reads a list length; each element takes at least minSize bytes, so
// a length the remaining input cannot hold is refused before anything is
// allocated for it.
func (d *decoder) count(minSize int, what string) int {
	v := d.uvarint()
	if d.err == nil && v > uint64(d.left()/minSize) {
		d.fail(what + " count larger than the data")
		return 0
	}
	return int(v)
}

func (d *decoder) float() float64 {
	if d.err != nil || d.left() < 8 {
		d.fail("unexpected end")
		return 0
	}
	v := math.Float64frombits(binary.LittleEndian.Uint64(d.b[d.off:]))
	d.off += 8
	return v
}

func (d *decoder) string() string {
	n := d.count(1, "string length")
	if d.err != nil {
		return ""
	}
	s := string(d.b[d.off : d.off+n])
	d.off += n
	return s
}

// sum reads a non-negative 128-bit sum.
func (d *decoder) sum() sum128 {
	hi, lo := d.uvarint(), d.uvarint()
	if hi > math.MaxInt64 {
		d.fail("sum out of range")
		return sum128{}
	}
	return sum128{hi: int64(hi), lo: lo}
}

// sortedStrings reads a strictly increasing list of strings.
func (d *decoder) sortedStrings(what string) []string {
	n := d.count(1, what)
	out := make([]string, 0, n)
	for range n {
		s := d.string()
		if d.err != nil {
			return nil
		}
		if len(out) > 0 && out[len(out)-1] >= s {
			d.fail(what + " not sorted")
			return nil
		}
		out = append(out, s)
	}
	return out
}

func (d *decoder) labels() Labels {
	n := d.count(2, "label")
	if n == 0 {
		return nil
	}
	l := make(Labels, n)
	prev := ""
	for i := range n {
		k, v := d.string(), d.string()
		if d.err != nil {
			return nil
		}
		if i > 0 && k <= prev {
			d.fail("labels not sorted")
			return nil
		}
		prev = k
		l[k] = v
	}
	return l
}

// stages reads a stage list and validates it.
func (d *decoder) stages() Stages {
	n := d.count(12, "stage")
	s := make(Stages, 0, n)
	for range n {
		var st Stage
		st.Key = d.string()
		st.Probability = d.float()
		st.Category = Category(d.small(uint64(numCategories), "category"))
		st.Outcome = Outcome(d.small(uint64(Lost), "outcome"))
		st.Labels = d.labels()
		if d.err != nil {
			return nil
		}
		s = append(s, st)
	}
	if d.err == nil {
		if err := s.Validate(); err != nil {
			d.fail("invalid stage list (" + err.Error() + ")")
			return nil
		}
	}
	return s
}

// header reads the version and kind bytes.
func (d *decoder) header(kind byte) {
	if len(d.b) == 0 {
		d.fail("no data")
		return
	}
	if v := d.byte(); v != encodingVersion {
		if d.err == nil {
			d.err = fieldErr("data", "", wrap(ErrVersion, "version "+strconv.Itoa(int(v))))
		}
		return
	}
	if k := d.byte(); k != kind && d.err == nil {
		d.fail("not a " + kindName(kind) + " encoding")
	}
}

// end refuses trailing bytes and returns the first problem.
func (d *decoder) end() error {
	if d.err == nil && d.left() != 0 {
		d.fail("trailing bytes")
	}
	return d.err
}

func kindName(k byte) string {
	switch k {
	case 'P':
		return "pipeline"
	case 'W':
		return "win model"
	}
	return "known"
}
