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
}

func newTiered(k *Component) tieredRule {
	return tieredRule{tiers: k.Tiers, basis: k.Basis, accumulate: k.Accumulate, method: k.Method, boundary: k.Boundary}
}

// bound is one tier's money bounds for a rep: from, to (when !open).
type bound struct {
	from, to decimal.Decimal
	open     bool
}

func (r tieredRule) Pay(in Input, lines []Line) ([]Line, error) {
	var buf [8]bound
	bs := buf[:0]
	if r.basis == BasisAttainment {
		if in.Quota.Sign() <= 0 {
			return append(lines, Line{Kind: LineThreshold, Code: CodeNoQuota, Amount: zero}), nil
		}
		for _, t := range r.tiers {
			b := bound{from: mul(t.From, in.Quota), open: t.To == nil}
			if t.To != nil {
				b.to = mul(*t.To, in.Quota)
			}
			bs = append(bs, b)
		}
	} else {
		for _, t := range r.tiers {
			b := bound{from: t.From, open: t.To == nil}
			if t.To != nil {
				b.to = *t.To
			}
			bs = append(bs, b)
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
			a := v
			if neg {
				a = v.Neg()
			}
			lines = r.slices(lines, bs, c, zero, a, neg, r.reached(bs, a))
		}
		return lines, nil
	}
	final := r.reached(bs, in.Total())
	pos := in.Opening
	for i := range in.Credits {
		c := &in.Credits[i]
		v := c.value(in.Measure, in.Key)
		next := add(pos, v)
		if !c.Reversal && !v.IsZero() {
			if v.Sign() > 0 {
				lines = r.slices(lines, bs, c, pos, next, false, final)
			} else {
				lines = r.slices(lines, bs, c, next, pos, true, final)
			}
		}
		pos = next
	}
	return lines, nil
}

// reached returns the index of the tier a total reaches, by the boundary
// rule: on a boundary, the higher tier under LowerInclusive, the lower
// under UpperInclusive.
func (r tieredRule) reached(bs []bound, total decimal.Decimal) int {
	for j := len(bs) - 1; j > 0; j-- {
		c := cmpDec(total, bs[j].from)
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

// slices appends the lines paying the move from lo to hi (lo ≤ hi), negated
// when neg, for credit c, when the final total reaches tier k.
func (r tieredRule) slices(lines []Line, bs []bound, c *Credit, lo, hi decimal.Decimal, neg bool, k int) []Line {
	first := len(lines)
	for j := range bs {
		// Tier j covers [from, to); the first tier also covers everything
		// below zero.
		a := lo
		if j > 0 {
			a = maxDec(lo, bs[j].from)
		}
		b := hi
		if !bs[j].open {
			b = minDec(hi, bs[j].to)
		}
		if cmpDec(a, b) >= 0 {
			continue
		}
		e := r.effective(j, k)
		part := sub(b, a)
		if neg {
			part = part.Neg()
		}
		if n := len(lines); n > first && lines[n-1].Tier == e+1 {
			l := &lines[n-1]
			l.Basis = add(l.Basis, part)
			l.Amount = mul(l.Basis, l.Rate)
			continue
		}
		t := r.tiers[e]
		l := Line{Kind: LineCommission, Deal: c.Deal, Date: c.Date, Code: r.code(e, j != e || r.method == Retroactive),
			Tier: e + 1, From: t.From, Basis: part, Rate: t.Rate, Amount: mul(part, t.Rate)}
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
