package incentive

import (
	"slices"

	"github.com/shopspring/decimal"
)

// tieredRule pays from a rate table. It is one algorithm for every kind of
// table: each credit is a move of a position along the tiers — from the
// running period total (PerPeriod) or from zero (PerDeal) — and each slice
// of the move inside one tier is paid at that tier's effective rate:
//
//   - Marginal: the tier's own rate;
//   - Retroactive: the rate of the tier the final total reaches;
//   - a hybrid (Marginal with Retroactive tiers): the rate of the highest
//     retroactive tier the final total reaches, for slices in or below that
//     tier, and each higher tier's own rate above it.
//
// A negative credit moves the position down, so it is paid with its sign
// at the rates of the tiers it moves back through; below zero is the first
// tier. Under PerDeal a negative credit mirrors the positive one of the
// same size. A reversal credit moves the position and pays nothing.
// Adjacent slices of one credit at the same effective tier are one line.
type tieredRule struct {
	tiers      []Tier
	basis      TierBasis
	accumulate Accumulate
	method     Method
	boundary   Boundary
	r          rounder
	// final says whether a line's rate depends on the final total: a
	// retroactive table, or a hybrid.
	final bool
	// bounds are an amount table's bounds, at the currency's places.
	bounds []bound
	// from, to and rates are the tiers' as nums (to zero for the open
	// tier).
	from, to, rates []num
}

func newTiered(k *Component, r Rounding) *tieredRule {
	t := &tieredRule{tiers: k.Tiers, basis: k.Basis, accumulate: k.Accumulate, method: k.Method, boundary: k.Boundary,
		r: newRounder(r), final: k.Method == Retroactive}
	for _, tier := range k.Tiers {
		t.final = t.final || tier.Retroactive
		var to num
		if tier.To != nil {
			to = numOf(*tier.To)
		}
		t.from, t.to, t.rates = append(t.from, numOf(tier.From)), append(t.to, to), append(t.rates, numOf(tier.Rate))
	}
	for i, tier := range k.Tiers {
		t.bounds = append(t.bounds, t.boundOf(i, tier.To == nil, num{}))
	}
	return t
}

// bound is one tier's bounds for a rep: from, to (when !open). They are
// held as totals, as positions are: compared as integers, not decimals
// (the int64 path of BenchmarkComputeMillion).
type bound struct {
	from, to total
	open     bool
}

// boundOf returns tier i's bounds, times scale unless it is zero, at the
// currency's places when that is exact.
func (r *tieredRule) boundOf(i int, open bool, scale num) bound {
	b := bound{open: open}
	from, to := r.from[i], r.to[i]
	if !scale.isZero() {
		from, to = mulNum(from, scale), mulNum(to, scale)
	}
	b.from.addNum(r.r.at(from))
	if !open {
		b.to.addNum(r.r.at(to))
	}
	return b
}

// Pay pays in's credits from the rate table.
func (r *tieredRule) Pay(in Input, lines []Line) ([]Line, error) {
	var sum total
	return r.pay(in, measures(in, nil), lines, &sum), nil
}

// pay is Pay with each credit's measure at hand (vals[i] is
// in.Credits[i]'s); it adds the amounts of the lines it makes to sum.
func (r *tieredRule) pay(in Input, vals []fixed, lines []Line, sum *total) []Line {
	var buf [8]bound
	bs := r.bounds
	if r.basis == BasisAttainment {
		if in.Quota.Sign() <= 0 {
			return append(lines, Line{Kind: LineThreshold, Code: CodeNoQuota, Amount: zero})
		}
		bs = buf[:0]
		q := numOf(in.Quota)
		for i, t := range r.tiers {
			bs = append(bs, r.boundOf(i, t.To == nil, q))
		}
	}
	if r.accumulate == PerDeal {
		for i := range in.Credits {
			c := &in.Credits[i]
			if c.Reversal {
				continue
			}
			whole := c.value(in.Measure, in.Key)
			v := numFrom(vals[i], whole)
			neg := v.sign() < 0
			var lo, hi total
			if neg {
				hi.addNum(v.neg())
			} else {
				hi.addNum(v)
			}
			lines = r.slices(lines, bs, c, &lo, &hi, v, whole, neg, r.reached(bs, &hi), sum)
		}
		return lines
	}
	final := 0
	if r.final {
		var t total
		t.add(in.Opening)
		for i := range in.Credits {
			t.addNum(numFrom(vals[i], in.Credits[i].value(in.Measure, in.Key)))
		}
		final = r.reached(bs, &t)
	}
	var pos total
	pos.add(in.Opening)
	for i := range in.Credits {
		c := &in.Credits[i]
		whole := c.value(in.Measure, in.Key)
		v := numFrom(vals[i], whole)
		next := pos
		next.addNum(v)
		if !c.Reversal && !v.isZero() {
			if v.sign() > 0 {
				lines = r.slices(lines, bs, c, &pos, &next, v, whole, false, final, sum)
			} else {
				lines = r.slices(lines, bs, c, &next, &pos, v, whole, true, final, sum)
			}
		}
		pos = next
	}
	return lines
}

// reached returns the index of the tier a total reaches, by the boundary
// rule: on a boundary, the higher tier under LowerInclusive, the lower
// under UpperInclusive.
func (r *tieredRule) reached(bs []bound, t *total) int {
	for j := len(bs) - 1; j > 0; j-- {
		c := t.cmp(&bs[j].from)
		if c > 0 || (c == 0 && r.boundary == LowerInclusive) {
			return j
		}
	}
	return 0
}

// effective returns the tier whose rate pays a slice in tier j when the
// final total reaches tier k.
func (r *tieredRule) effective(j, k int) int {
	if r.method == Retroactive {
		return k
	}
	for h := k; h >= j; h-- {
		if r.tiers[h].Retroactive {
			return h
		}
	}
	return j
}

// slices appends the lines paying the move from lo to hi (lo ≤ hi),
// negated when neg, for credit c, whose value is whole (wholeDec as a
// decimal), when the final total reaches tier k, and adds their amounts to
// sum.
func (r *tieredRule) slices(lines []Line, bs []bound, c *Credit, lo, hi *total, whole num, wholeDec decimal.Decimal, neg bool, k int, sum *total) []Line {
	if whole.isZero() {
		return lines // a move of nothing; every other move has lo < hi, so each slice below is not empty
	}
	// Nearly every move lies in one tier: its one line is made here, as
	// sliced would make it, without sliced's scratch space. This is a
	// speed trick: measured with callgrind (GOGC=off), it takes
	// BenchmarkStatement100Lines from 371k to 356k instructions an op.
	// TestSlicesMatchSliced compares the two.
	if j, ok := r.within(bs, lo, hi); ok {
		e := r.effective(j, k)
		amount := r.r.timesNum(whole, r.rates[e])
		sum.addNum(amount)
		return r.appendLine(lines, c, e, j != e || r.method == Retroactive, wholeDec, amount)
	}
	return r.sliced(lines, bs, c, lo, hi, whole, wholeDec, neg, k, sum)
}

// sliced is slices for any move that is not nothing, one tier or many.
func (r *tieredRule) sliced(lines []Line, bs []bound, c *Credit, lo, hi *total, whole num, wholeDec decimal.Decimal, neg bool, k int, sum *total) []Line {
	// The slices of the move, adjacent ones at one effective tier made
	// one; each becomes a line, appended whole, once its basis is
	// complete.
	type slice struct {
		e     int  // the effective tier
		retro bool // paid at a rate other than its own tier's
		basis num
		whole bool // the whole move: its basis is wholeDec
	}
	var buf [8]slice
	ss := buf[:0]
	for j := range bs {
		// Tier j covers [from, to); the first tier also covers everything
		// below zero. Tiers wholly below the move are skipped, and the
		// first wholly above it ends the loop.
		if !bs[j].open && bs[j].to.cmp(lo) <= 0 {
			continue
		}
		if j > 0 && bs[j].from.cmp(hi) >= 0 {
			break
		}
		a, b := lo, hi
		if j > 0 && bs[j].from.cmp(lo) > 0 {
			a = &bs[j].from
		}
		if !bs[j].open && bs[j].to.cmp(hi) < 0 {
			b = &bs[j].to
		}
		e := r.effective(j, k)
		part, isWhole := whole, true // the whole move, when it lies in one tier
		if a != lo || b != hi {
			if part, isWhole = subNum(b.num(), a.num()), false; neg {
				part = part.neg()
			}
		}
		if n := len(ss); n > 0 && ss[n-1].e == e {
			ss[n-1].basis, ss[n-1].whole = addNum(ss[n-1].basis, part), false
			continue
		}
		ss = append(ss, slice{e: e, retro: j != e || r.method == Retroactive, basis: part, whole: isWhole})
	}
	for _, sl := range ss {
		basis := wholeDec
		if !sl.whole {
			basis = sl.basis.dec()
		}
		amount := r.r.timesNum(sl.basis, r.rates[sl.e])
		sum.addNum(amount)
		lines = r.appendLine(lines, c, sl.e, sl.retro, basis, amount)
	}
	return lines
}

// within returns the tier that holds the whole move from lo to hi, when
// one does: the first tier not wholly below the move, when the move does
// not go past its end. That tier starts at or below lo (or is the first,
// which also covers what is below zero), as the tiers are contiguous
// (checkTiers), and the next starts where it ends: the loop of sliced
// would make the move its only slice.
func (r *tieredRule) within(bs []bound, lo, hi *total) (int, bool) {
	for j := range bs {
		if bs[j].open || bs[j].to.cmp(lo) > 0 {
			return j, bs[j].open || bs[j].to.cmp(hi) >= 0
		}
	}
	return 0, false
}

// appendLine appends the line paying amount on basis for credit c at tier
// e's rate (retro when it is not the credit's own tier's rate, or the
// table is retroactive). The line is written in its place, not built and
// then copied there: a Line is 248 bytes (BenchmarkStatement100Lines).
func (r *tieredRule) appendLine(lines []Line, c *Credit, e int, retro bool, basis decimal.Decimal, amount num) []Line {
	t := &r.tiers[e]
	var to decimal.Decimal
	if t.To != nil {
		to = *t.To
	}
	n := len(lines)
	lines = slices.Grow(lines, 1)[:n+1]
	lines[n] = Line{Kind: LineCommission, Deal: c.Deal, Date: c.Date, Code: r.code(e, retro),
		Tier: e + 1, From: t.From, To: to, Basis: basis, Rate: t.Rate, Amount: amount.dec()}
	return lines
}

// code returns the reason code of a line paid at tier e's rate.
func (r *tieredRule) code(e int, retro bool) string {
	open := r.tiers[e].To == nil
	quota := r.basis == BasisAttainment
	switch {
	case retro && quota && open:
		return CodeTierQuotaRetroOpen
	case retro && quota:
		return CodeTierQuotaRetro
	case retro && open:
		return CodeTierRetroOpen
	case retro:
		return CodeTierRetro
	case quota && open:
		return CodeTierQuotaOpen
	case quota:
		return CodeTierQuota
	case open:
		return CodeTierOpen
	}
	return CodeTier
}
