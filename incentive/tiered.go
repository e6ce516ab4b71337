package incentive

import (
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
}

func newTiered(k *Component, r Rounding) tieredRule {
	t := tieredRule{tiers: k.Tiers, basis: k.Basis, accumulate: k.Accumulate, method: k.Method, boundary: k.Boundary,
		r: newRounder(r), final: k.Method == Retroactive}
	for _, tier := range k.Tiers {
		t.final = t.final || tier.Retroactive
		t.bounds = append(t.bounds, boundOf(tier.From, tier.To, zero, t.r))
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

func boundOf(from decimal.Decimal, to *decimal.Decimal, scale decimal.Decimal, r rounder) bound {
	b := bound{open: to == nil}
	if scale.IsZero() {
		b.from.add(r.at(from))
		if to != nil {
			b.to.add(r.at(*to))
		}
		return b
	}
	b.from.add(r.at(mul(from, scale)))
	if to != nil {
		b.to.add(r.at(mul(*to, scale)))
	}
	return b
}

func (r tieredRule) Pay(in Input, lines []Line) ([]Line, error) {
	var buf [8]bound
	bs := r.bounds
	if r.basis == BasisAttainment {
		if in.Quota.Sign() <= 0 {
			return append(lines, Line{Kind: LineThreshold, Code: CodeNoQuota, Amount: zero}), nil
		}
		bs = buf[:0]
		for _, t := range r.tiers {
			bs = append(bs, boundOf(t.From, t.To, in.Quota, r.r))
		}
	}
	if r.accumulate == PerDeal {
		for i := range in.Credits {
			c := &in.Credits[i]
			if c.Reversal {
				continue
			}
			v := c.value(in.Measure, in.Key)
			neg := v.Sign() < 0
			var lo, hi total
			if neg {
				hi.add(v.Neg())
			} else {
				hi.add(v)
			}
			lines = r.slices(lines, bs, c, &lo, &hi, v, neg, r.reached(bs, &hi))
		}
		return lines, nil
	}
	final := 0
	if r.final {
		var t total
		t.add(in.Total())
		final = r.reached(bs, &t)
	}
	var pos total
	pos.add(in.Opening)
	for i := range in.Credits {
		c := &in.Credits[i]
		v := c.value(in.Measure, in.Key)
		next := pos
		next.add(v)
		if !c.Reversal && !v.IsZero() {
			if v.Sign() > 0 {
				lines = r.slices(lines, bs, c, &pos, &next, v, false, final)
			} else {
				lines = r.slices(lines, bs, c, &next, &pos, v, true, final)
			}
		}
		pos = next
	}
	return lines, nil
}

// reached returns the index of the tier a total reaches, by the boundary
// rule: on a boundary, the higher tier under LowerInclusive, the lower
// under UpperInclusive.
func (r tieredRule) reached(bs []bound, t *total) int {
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
func (r tieredRule) effective(j, k int) int {
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
// negated when neg, for credit c, whose value is whole, when the final
// total reaches tier k.
func (r tieredRule) slices(lines []Line, bs []bound, c *Credit, lo, hi *total, whole decimal.Decimal, neg bool, k int) []Line {
	if whole.IsZero() {
		return lines // a move of nothing; every other move has lo < hi, so each slice below is not empty
	}
	first := len(lines)
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
		part := whole // the whole move, when it lies in one tier
		if a != lo || b != hi {
			if part = sub(b.value(), a.value()); neg {
				part = part.Neg()
			}
		}
		if n := len(lines); n > first && lines[n-1].Tier == e+1 {
			l := &lines[n-1]
			l.Basis = add(l.Basis, part)
			l.Amount = r.r.times(l.Basis, l.Rate)
			continue
		}
		t := r.tiers[e]
		l := Line{Kind: LineCommission, Deal: c.Deal, Date: c.Date, Code: r.code(e, j != e || r.method == Retroactive),
			Tier: e + 1, From: t.From, Basis: part, Rate: t.Rate, Amount: r.r.times(part, t.Rate)}
		if t.To != nil {
			l.To = *t.To
		}
		lines = append(lines, l)
	}
	return lines
}

// code returns the reason code of a line paid at tier e's rate.
func (r tieredRule) code(e int, retro bool) string {
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
