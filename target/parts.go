package target

import (
	"encoding/json"
	"fmt"
	"iter"
	"strconv"

	"github.com/shopspring/decimal"
)

// Parts is an allocation held compactly: every part as a whole number of
// units of 10^-places (cents at places 2), 8 bytes a part. It is what
// [AllocateParts] returns for splits too large to want a [decimal.Decimal]
// per part up front. The zero Parts has no parts.
type Parts struct {
	mags   []uint64 // |part| in units; each at most 2^63 − 1
	neg    bool     // every part has the sign of the total
	places int32
}

// Len returns the number of parts.
func (p Parts) Len() int { return len(p.mags) }

// Places returns the number of decimal places the parts were rounded to.
func (p Parts) Places() int32 { return p.places }

// Units returns part i in units of 10^-Places(): 83333334 for 833,333.34 at
// places 2. It panics if i is out of range, as indexing a slice does.
func (p Parts) Units(i int) int64 {
	if p.neg {
		return -int64(p.mags[i])
	}
	return int64(p.mags[i])
}

// At returns part i as a decimal with Places() places. Each call makes a
// new decimal. It panics if i is out of range, as indexing a slice does.
func (p Parts) At(i int) decimal.Decimal {
	return decimal.New(p.Units(i), -p.places)
}

// All yields every part's index and value in order, making each decimal as
// it is reached, so a caller that streams parts to storage holds only one.
func (p Parts) All() iter.Seq2[int, decimal.Decimal] {
	return func(yield func(int, decimal.Decimal) bool) {
		for i := range p.mags {
			if !yield(i, p.At(i)) {
				return
			}
		}
	}
}

// Decimals returns every part as a decimal, as [Allocate] does; equal
// neighbouring parts share one immutable value.
func (p Parts) Decimals() []decimal.Decimal {
	return decimalsOf(p.mags, p.neg, p.places)
}

// AllocateParts is [Allocate] for large splits: the same parts by the same
// largest-remainder rule and tie-break, held in a [Parts] as integers in
// units of 10^-places instead of one decimal each.
//
// A decimal.Decimal holds its value in a big.Int, which costs two heap
// allocations, so for a million parts building the decimals costs more than
// the split itself. AllocateParts builds none; callers that write parts to
// storage read them with [Parts.Units] or [Parts.All], and [Parts.Decimals]
// gives the slice Allocate would have.
//
// The total in units, |total|·10^places, must fit in an int64 (at places 2,
// up to about 92 quadrillion), since every part is then an int64 too;
// otherwise AllocateParts returns a *FieldError wrapping ErrRange and
// Allocate, which has no such limit, is the one to call. Weights may be any
// non-negative decimals. The other errors are Allocate's.
func AllocateParts(total decimal.Decimal, weights []decimal.Decimal, places int32) (Parts, error) {
	names := plainWeights()
	if err := checkAllocation(total, weights, places, names); err != nil {
		return Parts{}, err
	}
	t, fits := totalUnits(total, places)
	if !fits {
		return Parts{}, fieldErr("total", total.String(), ErrRange)
	}
	p := Parts{neg: total.Sign() < 0, places: places}
	mags, ok, err := allocateFast(t, weights, nil, names)
	if err != nil {
		return Parts{}, err
	}
	if ok {
		p.mags = mags
		return p, nil
	}
	// Weights beyond 64 bits: split in arbitrary precision. Every part is
	// at most the total, so it fits.
	exact, err := allocateBig(total, weights, places, names)
	if err != nil {
		return Parts{}, err
	}
	p.mags = make([]uint64, len(exact))
	for i, q := range exact {
		p.mags[i] = q.Uint64()
	}
	return p, nil
}

// String returns the parts as decimals in brackets, "[833333.34 833333.33]".
func (p Parts) String() string {
	b := []byte{'['}
	for i := range p.mags {
		if i > 0 {
			b = append(b, ' ')
		}
		b = append(b, p.At(i).StringFixed(p.places)...)
	}
	return string(append(b, ']'))
}

// partsJSON is the JSON form of Parts.
type partsJSON struct {
	Places int32             `json:"places"`
	Parts  []decimal.Decimal `json:"parts"`
}

// MarshalJSON encodes p as {"places":2,"parts":["833333.34","833333.33"]}:
// the places and every part as a decimal string, as the parts of Allocate
// encode.
func (p Parts) MarshalJSON() ([]byte, error) {
	b := []byte(`{"places":`)
	b = strconv.AppendInt(b, int64(p.places), 10)
	b = append(b, `,"parts":[`...)
	for i := range p.mags {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '"')
		b = append(b, p.At(i).String()...)
		b = append(b, '"')
	}
	return append(b, "]}"...), nil
}

// UnmarshalJSON decodes what MarshalJSON writes. Places outside
// [MinPlaces, MaxPlaces] are a *FieldError wrapping ErrPlaces; a part finer
// than the places, ErrPrecision; a part beyond int64 units, ErrRange; parts
// of both signs, ErrMismatch (every part has the sign of its total).
func (p *Parts) UnmarshalJSON(b []byte) error {
	var v partsJSON
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	if err := checkPlaces(v.Places); err != nil {
		return err
	}
	out := Parts{places: v.Places, mags: make([]uint64, len(v.Parts))}
	sign := 0
	for i, d := range v.Parts {
		field := "parts[" + strconv.Itoa(i) + "]"
		if err := checkExp(field, d); err != nil {
			return err
		}
		if err := checkFits(field, d, v.Places); err != nil {
			return err
		}
		u, ok := totalUnits(d, v.Places)
		if !ok {
			return fieldErr(field, d.String(), fmt.Errorf("%w: beyond int64 units", ErrRange))
		}
		if s := d.Sign(); s != 0 {
			if sign != 0 && s != sign {
				return fieldErr(field, d.String(), fmt.Errorf("%w: parts of both signs", ErrMismatch))
			}
			sign = s
		}
		out.mags[i] = u
	}
	out.neg = sign < 0
	*p = out
	return nil
}
