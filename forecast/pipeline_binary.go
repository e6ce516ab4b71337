package forecast

import (
	"cmp"
	"math"
	"math/bits"
	"slices"
	"time"
)

// MarshalBinary encodes the pipeline (encoding.BinaryMarshaler) in this
// format, after the frame every accumulator of the package shares (version
// byte 1, kind byte 'P'; see the primitives there):
//
//	uvarint  places
//	uvarint  grain (0 month, 1 quarter, 2 year)
//	uvarint  fiscal year's first month, 1 to 12
//	stages   uvarint count; each: string key, float64 probability,
//	         uvarint category, uvarint outcome, labels (uvarint count;
//	         each: string tag, string text; sorted by tag)
//	owners   uvarint count; each a string; sorted, distinct
//	uvarint  deals
//	cells    uvarint count; each: uvarint owner (index into owners),
//	         varint period start (days since 1970-01-01), uvarint category,
//	         uvarint deals, amount and weighted amount as 128-bit sums of
//	         units of 10^-places (uvarint high word, uvarint low word);
//	         sorted by owner, period, category
//
// Equal pipelines encode to equal bytes, whatever order their deals came in.
// A pipeline of a few owners and periods takes a few hundred bytes, however
// many deals it holds.
func (p *Pipeline) MarshalBinary() ([]byte, error) {
	cells := slices.Clone(p.cells)
	slices.SortFunc(cells, func(a, b cell) int {
		return cmp.Or(cmp.Compare(a.owner, b.owner), cmp.Compare(a.period, b.period), cmp.Compare(a.category, b.category))
	})
	var owners []string
	for _, c := range cells {
		if len(owners) == 0 || owners[len(owners)-1] != c.owner {
			owners = append(owners, c.owner)
		}
	}
	rank := 0
	e := &encoder{b: make([]byte, 0, 64+16*len(p.stages)+32*len(cells))}
	e.header('P')
	e.uvarint(uint64(p.places))
	e.uvarint(uint64(p.setting.grain))
	e.uvarint(uint64(p.setting.fiscal))
	encodeStages(e, p.stages)
	e.uvarint(uint64(len(owners)))
	for _, o := range owners {
		e.string(o)
	}
	e.uvarint(uint64(p.deals))
	e.uvarint(uint64(len(cells)))
	for i, c := range cells {
		if i > 0 && c.owner != cells[i-1].owner {
			rank++
		}
		e.uvarint(uint64(rank))
		e.varint(int64(c.period))
		e.uvarint(uint64(c.category))
		e.uvarint(uint64(c.deals))
		e.sum(c.amount)
		e.sum(c.weighted)
	}
	return e.b, nil
}

// UnmarshalBinary replaces p with the pipeline data encodes, in the format
// [Pipeline.MarshalBinary] writes. It checks every field: the version, the
// stage list, the order of owners and cells, that every period is a period
// of the encoded grain, that counts add up and that no weighted amount
// exceeds its amount. Bad data is a *FieldError wrapping [ErrEncoding] (or
// [ErrVersion] for another version), and leaves p unchanged.
func (p *Pipeline) UnmarshalBinary(data []byte) error {
	d := &decoder{b: data}
	d.header('P')
	q := &Pipeline{}
	places := int32(d.small(maxPlaces, "places"))
	grain := Grain(d.small(uint64(Year), "grain"))
	fiscal := time.Month(d.small(12, "fiscal year start"))
	if d.err == nil && fiscal == 0 {
		d.fail("fiscal year start out of range")
	}
	stages := d.stages()
	q.dealRules = newDealRules(stages, places, periodSetting{grain, fiscal})
	q.reset()
	owners := d.sortedStrings("owners")
	deals := d.uvarint()
	if d.err == nil && deals > maxDeals {
		d.fail("deal count out of range")
	}
	n := d.count(7, "cell")
	q.cells = make([]cell, 0, n)
	var prev cell
	var total uint64
	for i := range n {
		var c cell
		oi := d.small(uint64(max(len(owners)-1, 0)), "owner")
		period := d.varint()
		c.category = Category(d.small(uint64(CategoryOmitted), "category"))
		cd := d.uvarint()
		c.amount, c.weighted = d.sum(), d.sum()
		if d.err != nil {
			break
		}
		switch {
		case len(owners) == 0:
			d.fail("cell without owners")
		case period < math.MinInt32 || period > math.MaxInt32 || !q.isPeriodStart(int32(period)):
			d.fail("period not a period start")
		case !c.category.valid():
			d.fail("category out of range")
		case cd == 0 || cd > maxDeals:
			d.fail("cell deal count out of range")
		case c.weighted.compare(c.amount) > 0:
			d.fail("weighted amount above amount")
		case c.amount.compare(maxSum(cd)) > 0:
			d.fail("amount too large for its deals")
		}
		if d.err != nil {
			break
		}
		c.owner, c.period, c.deals = owners[oi], int32(period), int64(cd)
		if i > 0 && cmp.Or(cmp.Compare(prev.owner, c.owner), cmp.Compare(prev.period, c.period),
			cmp.Compare(prev.category, c.category)) >= 0 {
			d.fail("cells not sorted")
			break
		}
		total += cd
		if total > maxDeals {
			d.fail("cell deal counts out of range")
			break
		}
		q.cellIx[cellKey(uint32(oi), c.period, c.category)] = int32(len(q.cells))
		q.cells = append(q.cells, c)
		prev = c
	}
	if d.err == nil && total != deals {
		d.fail("cell deal counts do not add up to the deal count")
	}
	if err := d.end(); err != nil {
		return err
	}
	q.owners = owners
	for i, o := range owners {
		q.ownerIx[o] = uint32(i)
	}
	q.deals = int64(deals)
	*p = *q
	return nil
}

// isPeriodStart reports whether days is the first day of a period of q's
// grain, in years 1 to 9999.
func (q *Pipeline) isPeriodStart(days int32) bool {
	if days < -719162 || days > 2932896 { // 0001-01-01 … 9999-12-31
		return false
	}
	d := dateOfDays(int(days))
	pd := PeriodOf(d, q.setting.grain, q.setting.fiscal)
	return pd.Start == d && pd.Start.IsValid() && pd.End.IsValid()
}

// compare returns -1, 0 or +1 as s is below, equal to or above t.
func (s sum128) compare(t sum128) int {
	if s.hi != t.hi {
		return cmp.Compare(s.hi, t.hi)
	}
	return cmp.Compare(s.lo, t.lo)
}

// maxSum returns n × (2^63 - 1), the most n amounts can add up to.
func maxSum(n uint64) sum128 {
	hi, lo := bits.Mul64(n, math.MaxInt64)
	return sum128{hi: int64(hi), lo: lo}
}
