package risk

import (
	"encoding/binary"
	"fmt"
	"math"
	"math/big"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// The binary form of the accumulators ([Totals], [HeatMap], [SignalCounts])
// is compact and versioned, so that a distributed engine can ship them
// between workers and store them. Every form starts with two bytes:
//
//	byte 0  the format version, 1
//	byte 1  the accumulator: 'T' Totals, 'H' HeatMap, 'S' SignalCounts
//
// and goes on with fields of these types:
//
//	uint     an unsigned LEB128 varint (encoding/binary.AppendUvarint), at
//	         most 2^62
//	string   a uint byte length, then that many bytes of UTF-8
//	decimal  a zigzag varint exponent (binary.AppendVarint) within
//	         ±MaxExponent; a uint n = 2 × len + sign, sign 1 for a negative
//	         value; then len bytes of the magnitude of the coefficient,
//	         big-endian, without leading zero bytes, at most 32 bytes. Zero
//	         is n = 0 with exponent 0.
//
// Each accumulator's layout is documented on its MarshalBinary. Encoding is
// canonical: equal accumulators encode to equal bytes, decimals in their
// exact form (2.50 keeps its exponent, −2). Decoding checks everything (the
// version, the kind, every length against the bytes left, every value's
// range, the order of sorted keys, that the totals add up) and allocates no
// more than the input's length justifies; anything else is an error
// wrapping [ErrFormat].

// binaryVersion is the format version written first.
const binaryVersion = 1

// maxMagnitude bounds a decimal's coefficient in bytes (77 digits).
const maxMagnitude = 32

// maxUint bounds every encoded count.
const maxUint = 1 << 62

type encoder struct{ b []byte }

func newEncoder(kind byte) *encoder { return &encoder{b: []byte{binaryVersion, kind}} }

func (e *encoder) uint(v uint64) { e.b = binary.AppendUvarint(e.b, v) }

func (e *encoder) int(v int64) {
	if v < 0 { // counts are never negative in an accumulator made by Add
		v = 0
	}
	e.uint(uint64(v))
}

func (e *encoder) string(s string) {
	e.uint(uint64(len(s)))
	e.b = append(e.b, s...)
}

func (e *encoder) decimal(d decimal.Decimal) {
	c := d.Coefficient()
	if c.Sign() == 0 {
		e.b = binary.AppendVarint(e.b, 0)
		e.uint(0)
		return
	}
	e.b = binary.AppendVarint(e.b, int64(d.Exponent()))
	mag := c.Abs(c).Bytes()
	sign := uint64(0)
	if d.Sign() < 0 {
		sign = 1
	}
	e.uint(2*uint64(len(mag)) + sign)
	e.b = append(e.b, mag...)
}

type decoder struct {
	b   []byte
	err error
}

// newDecoder checks the version and kind bytes.
func newDecoder(b []byte, kind byte, what string) *decoder {
	d := &decoder{b: b}
	switch {
	case len(b) < 2:
		d.fail("%s: %d bytes, too short for the header", what, len(b))
	case b[0] != binaryVersion:
		d.fail("%s: version %d; this package reads version %d", what, b[0], binaryVersion)
	case b[1] != kind:
		d.fail("%s: kind byte %q, not %q", what, b[1], kind)
	default:
		d.b = b[2:]
	}
	return d
}

func (d *decoder) fail(format string, args ...any) {
	if d.err == nil {
		d.err = fmt.Errorf("%w: "+format, append([]any{ErrFormat}, args...)...)
	}
	d.b = nil
}

func (d *decoder) uint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b)
	switch {
	case n <= 0 || v > maxUint:
		d.fail("bad or oversized varint")
		return 0
	case n > 1 && d.b[n-1] == 0: // a trailing zero group: not AppendUvarint's form
		d.fail("a varint not in its shortest form")
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) int() int64 { return int64(d.uint()) }

// count reads a length of a list whose every element takes at least size
// bytes, and refuses one the bytes left cannot hold.
func (d *decoder) count(size int) int {
	n := d.uint()
	if d.err == nil && n > uint64(len(d.b)/size) {
		d.fail("a list of %d, more than the %d bytes left can hold", n, len(d.b))
		return 0
	}
	return int(n)
}

func (d *decoder) string() string {
	n := d.count(1)
	if d.err != nil {
		return ""
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	if !utf8.ValidString(s) {
		d.fail("a string that is not UTF-8")
		return ""
	}
	return s
}

func (d *decoder) decimal() decimal.Decimal {
	if d.err != nil {
		return zero
	}
	exp, n := binary.Varint(d.b)
	switch {
	case n <= 0 || exp > MaxExponent || exp < -MaxExponent:
		d.fail("bad decimal exponent")
		return zero
	case n > 1 && d.b[n-1] == 0: // a trailing zero group: not AppendVarint's form
		d.fail("a decimal exponent not in its shortest form")
		return zero
	}
	d.b = d.b[n:]
	h := d.uint()
	size := int(h / 2)
	switch {
	case d.err != nil:
		return zero
	case h == 0:
		if exp != 0 {
			d.fail("zero with exponent %d", exp)
		}
		return zero
	case size == 0 || size > maxMagnitude || size > len(d.b):
		d.fail("a decimal of %d bytes", size)
		return zero
	case d.b[0] == 0:
		d.fail("a decimal with a leading zero byte")
		return zero
	}
	c := new(big.Int).SetBytes(d.b[:size])
	d.b = d.b[size:]
	if h%2 == 1 {
		c.Neg(c)
	}
	return decimal.NewFromBigInt(c, int32(exp))
}

// end fails unless every byte was read.
func (d *decoder) end() error {
	if d.err == nil && len(d.b) > 0 {
		d.fail("%d trailing bytes", len(d.b))
	}
	return d.err
}

// addCount adds counts, failing on overflow.
func (d *decoder) addCount(a, b int64) int64 {
	if a > math.MaxInt64-b {
		d.fail("counts overflow")
		return 0
	}
	return a + b
}
