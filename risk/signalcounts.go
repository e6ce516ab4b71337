package risk

import (
	"fmt"
	"maps"
	"slices"
)

// SignalCounts is an accumulator of deal risks over a portfolio: how many
// deals were judged, how many raised each signal, and how many fell in each
// tier. Counts of any sharding of the deals, merged in any order
// ([SignalCounts.Merge]), equal the counts of one pass; they travel as
// bytes ([SignalCounts.MarshalBinary]). The zero SignalCounts is empty and
// ready to use; it is plain data and not safe for concurrent use.
type SignalCounts struct {
	Deals    int64                `json:"deals"`
	BySignal map[SignalKind]int64 `json:"by_signal,omitempty"`
	ByTier   map[string]int64     `json:"by_tier,omitempty"`
}

// Add counts one deal's risk.
func (c *SignalCounts) Add(r DealRisk) {
	c.Deals++
	if c.ByTier == nil {
		c.ByTier = map[string]int64{}
	}
	c.ByTier[r.Tier]++
	for _, s := range r.Signals {
		if c.BySignal == nil {
			c.BySignal = map[SignalKind]int64{}
		}
		c.BySignal[s.Kind]++
	}
}

// Merge adds u's counts to c: associative and commutative.
func (c *SignalCounts) Merge(u SignalCounts) {
	c.Deals += u.Deals
	for k, n := range u.BySignal {
		if c.BySignal == nil {
			c.BySignal = map[SignalKind]int64{}
		}
		c.BySignal[k] += n
	}
	for k, n := range u.ByTier {
		if c.ByTier == nil {
			c.ByTier = map[string]int64{}
		}
		c.ByTier[k] += n
	}
}

// Equal reports whether c and u hold the same counts (a nil map and an
// empty one are the same).
func (c SignalCounts) Equal(u SignalCounts) bool {
	return c.Deals == u.Deals && maps.Equal(c.BySignal, u.BySignal) && maps.Equal(c.ByTier, u.ByTier)
}

// MarshalBinary encodes c in the package's binary form (see the format
// notes in binary.go): after the version byte 1 and the kind byte 'S',
//
//	uint: Deals
//	uint k, then k pairs of a uint signal kind and a uint count,
//	        kinds rising, counts from 1: BySignal
//	uint t, then t pairs of a string tier and a uint count, tiers
//	        rising in byte order, counts from 1: ByTier
//
// Zero counts are left out. It never fails.
func (c SignalCounts) MarshalBinary() ([]byte, error) {
	e := newEncoder('S')
	e.int(c.Deals)
	kinds := slices.Sorted(maps.Keys(c.BySignal))
	kinds = slices.DeleteFunc(kinds, func(k SignalKind) bool { return c.BySignal[k] <= 0 || k < 0 })
	e.uint(uint64(len(kinds)))
	for _, k := range kinds {
		e.uint(uint64(k))
		e.int(c.BySignal[k])
	}
	tiers := slices.Sorted(maps.Keys(c.ByTier))
	tiers = slices.DeleteFunc(tiers, func(t string) bool { return c.ByTier[t] <= 0 })
	e.uint(uint64(len(tiers)))
	for _, t := range tiers {
		e.string(t)
		e.int(c.ByTier[t])
	}
	return e.b, nil
}

// UnmarshalBinary decodes the form MarshalBinary writes into c, checking
// it whole: known signal kinds in rising order, each counted by at most
// Deals deals, tiers in rising order, and tier counts adding up to Deals.
// Bad bytes are an error wrapping [ErrFormat], and c is left as it was.
func (c *SignalCounts) UnmarshalBinary(b []byte) error {
	d := newDecoder(b, 'S', "signal counts")
	var u SignalCounts
	u.Deals = d.int()
	nk := d.count(2)
	lastKind := uint64(0)
	for range nk {
		kind, n := d.uint(), d.int()
		switch {
		case d.err != nil:
		case kind == 0 || kind >= uint64(len(signalNames)):
			d.fail("signal counts: signal kind %d", kind)
		case n == 0 || n > u.Deals:
			d.fail("signal counts: %s counted %d times in %d deals", SignalKind(kind), n, u.Deals)
		case kind <= lastKind:
			d.fail("signal counts: signal kinds out of order")
		}
		if d.err != nil {
			break
		}
		if u.BySignal == nil {
			u.BySignal = make(map[SignalKind]int64, nk)
		}
		u.BySignal[SignalKind(kind)], lastKind = n, kind
	}
	nt := d.count(2)
	var sum int64
	last := ""
	for k := range nt {
		tier, n := d.string(), d.int()
		switch {
		case d.err != nil:
		case n == 0:
			d.fail("signal counts: tier %q counts no deal", tier)
		case k > 0 && tier <= last:
			d.fail("signal counts: tiers out of order")
		}
		if d.err != nil {
			break
		}
		if u.ByTier == nil {
			u.ByTier = make(map[string]int64, nt)
		}
		u.ByTier[tier], last = n, tier
		sum = d.addCount(sum, n)
	}
	if err := d.end(); err != nil {
		return err
	}
	if sum != u.Deals {
		return fmt.Errorf("%w: signal counts: tiers count %d deals of %d", ErrFormat, sum, u.Deals)
	}
	*c = u
	return nil
}
