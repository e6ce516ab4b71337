package incentive_test

import (
	"math/big"
	"slices"
	"sort"

	"github.com/saleskit/saleskit/incentive"
	"github.com/shopspring/decimal"
)

// naiveCompute is the second implementation: written from the package
// documentation, one deal at a time, in plain decimal arithmetic with no
// shortcuts (no int64 paths, no shared running totals, no precomputed
// tier bounds). It covers what the generator makes: booking credit,
// revenue splits, start dates, flat, tiered (every method, basis,
// accumulation and boundary), per-deal, per-unit and milestone
// components, filters on products and kinds, thresholds, component and
// plan caps, clawbacks on every basis, reversals, draws and negative
// payouts, rounding per line or on the total. It computes every period
// from the first and returns the statements of the last.
func naiveCompute(p incentive.Plan, periods []incentive.Period, txs []incentive.Transaction) map[string]naiveStatement {
	type paidKey struct{ rep, deal, comp string }
	paid := map[paidKey]decimal.Decimal{}
	atRate := map[paidKey]decimal.Decimal{}
	bal := map[string]incentive.Balance{}
	var out map[string]naiveStatement
	for _, period := range periods {
		out = map[string]naiveStatement{}
		for _, rep := range p.Reps {
			credits := naiveCredits(p, rep, period, txs)
			open := bal[rep.ID]
			quota := naiveQuota(p, rep, period)
			if quota.active == 0 && len(credits) == 0 && open.Owed.IsZero() && open.CapCarried.IsZero() && !naiveHasCancel(p, rep, period, txs) {
				continue
			}
			s := naiveStatement{byDeal: map[string]decimal.Decimal{}, subtotals: map[string]decimal.Decimal{}}
			earned := decimal.Zero
			for _, comp := range naiveComponents(p, period) {
				lines := naiveComponent(p, comp, rep, quota, period, credits)
				sum := decimal.Zero
				for _, l := range lines {
					if l.deal != "" && (l.kind == incentive.LineCommission || l.kind == incentive.LineBonus || l.kind == incentive.LineCap) {
						k := paidKey{rep.ID, l.deal, comp.ID}
						paid[k] = paid[k].Add(l.amount)
						if l.kind == incentive.LineCommission {
							atRate[k] = atRate[k].Add(l.basis.Mul(l.rate))
						}
						s.byDeal[comp.ID+"/"+l.deal] = s.byDeal[comp.ID+"/"+l.deal].Add(l.amount)
					}
					sum = sum.Add(l.amount)
				}
				s.subtotals[comp.ID] = sum
				earned = earned.Add(sum)
			}
			s.earned = earned
			x := earned
			closing := open
			closing.Rep = rep.ID
			// Clawbacks of this rep's deals cancelled in the period.
			var clawbacks decimal.Decimal
			if cb := p.Clawback; cb != nil {
				for _, t := range naiveSorted(txs) {
					if !naiveClawsBack(p, t) || !period.Contains(t.Cancelled) {
						continue
					}
					for _, comp := range uniqueComponents(p) {
						k := paidKey{rep.ID, t.ID, comp}
						v, ok := paid[k]
						if !ok {
							continue
						}
						delete(paid, k)
						var c decimal.Decimal
						switch cb.Basis {
						case incentive.RecoverOriginalRate:
							c = naiveRound(p, atRate[k]).Neg()
						case incentive.RecoverPercentage:
							c = naiveRound(p, v.Mul(cb.Percent)).Neg()
						default:
							c = v.Neg()
						}
						clawbacks = clawbacks.Add(c)
					}
				}
			}
			// Plan caps.
			capped := earned
			if cp := p.Cap; cp != nil {
				var room *decimal.Decimal
				if cp.PerPeriod.IsPositive() {
					r := cp.PerPeriod
					room = &r
				}
				if cp.PerYear.IsPositive() {
					y := decimal.Max(cp.PerYear.Sub(open.YearEarned), decimal.Zero)
					if room == nil || y.LessThan(*room) {
						room = &y
					}
				}
				if room != nil && earned.GreaterThan(*room) {
					if cp.Excess == incentive.PayLater {
						closing.CapCarried = closing.CapCarried.Add(earned.Sub(*room))
					}
					capped = *room
				}
				if open.CapCarried.IsPositive() && (room == nil || capped.LessThan(*room)) {
					rel := open.CapCarried
					if room != nil {
						rel = decimal.Min(rel, room.Sub(capped))
					}
					closing.CapCarried = closing.CapCarried.Sub(rel)
					capped = capped.Add(rel)
				}
			} else if open.CapCarried.IsPositive() {
				capped = capped.Add(open.CapCarried)
				closing.CapCarried = decimal.Zero
			}
			closing.YearEarned = open.YearEarned.Add(capped)
			x = capped.Add(clawbacks)
			if p.Rounding.Stage == incentive.OnTotal {
				x = naiveRoundMode(x, p.Rounding.Places, p.Rounding.Mode)
			}
			owed := open.Owed
			if x.IsNegative() && p.Negative == incentive.CarryNegative {
				owed = owed.Add(x.Neg())
				x = decimal.Zero
			}
			topped := false
			draw := decimal.Zero
			if dr := p.Draw; dr != nil && quota.active > 0 {
				draw = naiveProrate(p, dr.Amount, quota)
				closing.DrawPeriods++
				if x.LessThan(draw) {
					if dr.Kind == incentive.Recoverable {
						owed = owed.Add(draw.Sub(x))
					} else {
						closing.YearEarned = closing.YearEarned.Add(draw.Sub(x))
					}
					x, topped = draw, true
				}
			}
			if !topped && open.Owed.IsPositive() && x.IsPositive() {
				avail, rate, wait := x, decimal.NewFromInt(1), false
				if dr := p.Draw; dr != nil && dr.Kind == incentive.Recoverable {
					if !dr.RecoveryRate.IsZero() {
						rate = dr.RecoveryRate
					}
					if dr.Floor {
						avail = decimal.Max(x.Sub(draw), decimal.Zero)
					}
					wait = open.DrawPeriods < dr.AfterPeriods
				}
				rec := decimal.Min(owed, open.Owed, avail.Mul(rate).RoundDown(p.Rounding.Places))
				if !wait && rec.IsPositive() {
					owed = owed.Sub(rec)
					x = x.Sub(rec)
				}
			}
			closing.Owed = owed
			s.payout = x
			s.closing = closing
			bal[rep.ID] = closing
			out[rep.ID] = s
		}
	}
	return out
}

type naiveStatement struct {
	earned, payout decimal.Decimal
	subtotals      map[string]decimal.Decimal
	byDeal         map[string]decimal.Decimal // "component/deal" → what the deal earned there
	closing        incentive.Balance
}

type naiveLine struct {
	kind                incentive.LineKind
	deal                string
	basis, rate, amount decimal.Decimal
}

type naiveCredit struct {
	deal                 string
	date                 incentive.Date
	amount, units, share decimal.Decimal
	dealAmount           decimal.Decimal
	product              string
	kind                 incentive.DealKind
	reversal             bool
}

func naiveSorted(txs []incentive.Transaction) []incentive.Transaction {
	s := slices.Clone(txs)
	sort.SliceStable(s, func(i, j int) bool { return s[i].ID < s[j].ID })
	return s
}

func naiveWorks(rep incentive.Rep, d incentive.Date) bool {
	return (rep.Start.IsZero() || !d.Before(rep.Start)) && (rep.End.IsZero() || d.Before(rep.End))
}

func naiveClawsBack(p incentive.Plan, t incentive.Transaction) bool {
	cb := p.Clawback
	return cb != nil && !t.Cancelled.IsZero() && !t.Booked.Before(p.Start) && t.Cancelled.Before(p.End) &&
		(cb.WithinDays == 0 || t.Cancelled.Sub(t.Booked) <= cb.WithinDays)
}

func naiveHasCancel(p incentive.Plan, rep incentive.Rep, period incentive.Period, txs []incentive.Transaction) bool {
	for _, t := range txs {
		if naiveClawsBack(p, t) && period.Contains(t.Cancelled) {
			if _, ok := naiveShare(t, rep.ID); ok {
				return true
			}
		}
	}
	return false
}

// naiveShare returns rep's revenue credit of t's amount, by the largest
// remainder computed afresh.
func naiveShare(t incentive.Transaction, rep string) (decimal.Decimal, bool) {
	if len(t.Splits) == 0 {
		return t.Amount, t.Rep == rep
	}
	return naiveSplit(t.Amount, t.Splits, rep)
}

// naiveSplit applies the largest remainder: truncate every exact share to
// cents toward zero, then hand out the cents left one at a time to the
// largest remainders, the earlier split first among equals.
func naiveSplit(amount decimal.Decimal, splits []incentive.Split, rep string) (decimal.Decimal, bool) {
	parts := make([]decimal.Decimal, len(splits))
	rems := make([]decimal.Decimal, len(splits))
	left := amount
	for i, s := range splits {
		exact := amount.Mul(s.Share)
		parts[i] = exact.Truncate(2)
		rems[i] = exact.Sub(parts[i]).Abs()
		left = left.Sub(parts[i])
	}
	unit := decimal.New(1, -2)
	if left.IsNegative() {
		unit = unit.Neg()
	}
	for !left.IsZero() {
		best := -1
		for i := range splits {
			if best < 0 || rems[i].GreaterThan(rems[best]) {
				best = i
			}
		}
		parts[best] = parts[best].Add(unit)
		rems[best] = decimal.NewFromInt(-1) // each part takes at most one unit
		left = left.Sub(unit)
	}
	for i, s := range splits {
		if s.Rep == rep {
			return parts[i], true
		}
	}
	return decimal.Zero, false
}

func naiveShareOf(t incentive.Transaction, rep string) decimal.Decimal {
	if len(t.Splits) == 0 {
		return decimal.NewFromInt(1)
	}
	for _, s := range t.Splits {
		if s.Rep == rep {
			return s.Share
		}
	}
	return decimal.Zero
}

// naiveCredits returns rep's credits dated in period (with reversals),
// in date then deal order, leaving out those before the rep's start.
func naiveCredits(p incentive.Plan, rep incentive.Rep, period incentive.Period, txs []incentive.Transaction) []naiveCredit {
	var out []naiveCredit
	for _, t := range txs {
		amount, ok := naiveShare(t, rep.ID)
		if !ok || t.Booked.Before(p.Start) || !naiveWorks(rep, t.Booked) {
			continue
		}
		share := naiveShareOf(t, rep.ID)
		c := naiveCredit{deal: t.ID, date: t.Booked, amount: amount, units: t.Units.Mul(share), share: share,
			dealAmount: t.Amount, product: t.Product, kind: t.Kind}
		if period.Contains(t.Booked) {
			out = append(out, c)
		}
		if p.Clawback != nil && p.Clawback.ReducesAttainment && naiveClawsBack(p, t) && period.Contains(t.Cancelled) {
			c.reversal, c.date, c.amount, c.units = true, t.Cancelled, c.amount.Neg(), c.units.Neg()
			out = append(out, c)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.date != b.date {
			return a.date.Before(b.date)
		}
		if a.deal != b.deal {
			return a.deal < b.deal
		}
		return !a.reversal && b.reversal
	})
	return out
}

type naiveQuotaT struct {
	effective    decimal.Decimal
	active, days int
}

func naiveQuota(p incentive.Plan, rep incentive.Rep, period incentive.Period) naiveQuotaT {
	active := 0
	for d := period.Start; d.Before(period.End); d = d.AddDays(1) {
		if naiveWorks(rep, d) {
			active++
		}
	}
	q := naiveQuotaT{active: active, days: period.Days()}
	q.effective = naiveProrate(p, rep.Quota, q)
	return q
}

func naiveProrate(p incentive.Plan, v decimal.Decimal, q naiveQuotaT) decimal.Decimal {
	if q.active == q.days {
		return v
	}
	// Exactly, as a fraction: scaled to cents, the whole part and what is
	// left decide the cent.
	num := new(big.Rat).Mul(v.Rat(), big.NewRat(int64(q.active)*100, int64(q.days)))
	whole := new(big.Int).Quo(num.Num(), num.Denom()) // toward zero
	rest := new(big.Rat).Sub(num, new(big.Rat).SetInt(whole))
	twice := rest.Abs(rest).Mul(rest, big.NewRat(2, 1))
	away := false
	switch c := twice.Cmp(big.NewRat(1, 1)); {
	case p.Rounding.Mode == incentive.Down:
	case c > 0:
		away = true
	case c == 0:
		away = p.Rounding.Mode == incentive.HalfUp || whole.Bit(0) == 1
	}
	if away {
		whole.Add(whole, big.NewInt(int64(num.Sign())))
	}
	return decimal.NewFromBigInt(whole, -2)
}

func uniqueComponents(p incentive.Plan) []string {
	var ids []string
	for _, c := range p.Components {
		if !slices.Contains(ids, c.ID) {
			ids = append(ids, c.ID)
		}
	}
	return ids
}

// naiveComponents returns the components in effect in period: the
// generator makes no versions.
func naiveComponents(p incentive.Plan, _ incentive.Period) []incentive.Component { return p.Components }

func naiveRound(p incentive.Plan, d decimal.Decimal) decimal.Decimal {
	if p.Rounding.Stage == incentive.OnTotal {
		return d
	}
	return naiveRoundMode(d, p.Rounding.Places, p.Rounding.Mode)
}

func naiveRoundMode(d decimal.Decimal, places int32, mode incentive.RoundingMode) decimal.Decimal {
	switch mode {
	case incentive.HalfEven:
		return d.RoundBank(places)
	case incentive.Down:
		return d.Truncate(places)
	}
	return d.Round(places)
}

func naiveAdmits(c naiveCredit, f incentive.Filter) bool {
	if len(f.Products) > 0 && !slices.Contains(f.Products, c.product) {
		return false
	}
	if len(f.Kinds) > 0 && !slices.Contains(f.Kinds, c.kind) {
		return false
	}
	return true
}

func naiveValue(c naiveCredit, m incentive.Measure) decimal.Decimal {
	if m == incentive.Units {
		return c.units
	}
	return c.amount
}

// naiveComponent pays one component for one rep and period.
func naiveComponent(p incentive.Plan, k incentive.Component, rep incentive.Rep, q naiveQuotaT, period incentive.Period, all []naiveCredit) []naiveLine {
	var credits []naiveCredit
	for _, c := range all {
		if naiveAdmits(c, k.Filter) {
			credits = append(credits, c)
		}
	}
	totalMeasure := decimal.Zero
	for _, c := range credits {
		totalMeasure = totalMeasure.Add(naiveValue(c, k.Measure))
	}
	if k.Threshold.IsPositive() {
		if !q.effective.IsPositive() || totalMeasure.LessThan(k.Threshold.Mul(q.effective)) {
			return nil
		}
	}
	var lines []naiveLine
	switch k.Type {
	case incentive.TypeFlat:
		for _, c := range credits {
			if !c.reversal {
				v := naiveValue(c, k.Measure)
				lines = append(lines, naiveLine{incentive.LineCommission, c.deal, v, k.Rate, v.Mul(k.Rate)})
			}
		}
	case incentive.TypePerDeal:
		for _, c := range credits {
			if !c.reversal && c.amount.IsPositive() {
				lines = append(lines, naiveLine{incentive.LineBonus, c.deal, c.share, k.Amount, c.share.Mul(k.Amount)})
			}
		}
	case incentive.TypePerUnit:
		for _, c := range credits {
			if !c.reversal && !c.units.IsZero() {
				lines = append(lines, naiveLine{incentive.LineBonus, c.deal, c.units, k.Amount, c.units.Mul(k.Amount)})
			}
		}
	case incentive.TypeMilestones:
		if q.effective.IsPositive() {
			for _, m := range k.Milestones {
				if totalMeasure.GreaterThanOrEqual(m.At.Mul(q.effective)) {
					lines = append(lines, naiveLine{kind: incentive.LineBonus, amount: m.Amount})
				}
			}
		}
	case incentive.TypeTiered:
		lines = naiveTiered(k, q, credits, totalMeasure)
	}
	for i := range lines {
		lines[i].amount = naiveRound(p, lines[i].amount)
	}
	if cp := k.Cap; cp != nil {
		if cp.PerDeal.IsPositive() {
			var deals []string
			sums := map[string]decimal.Decimal{}
			for _, l := range lines {
				if l.deal != "" {
					if _, seen := sums[l.deal]; !seen {
						deals = append(deals, l.deal)
					}
					sums[l.deal] = sums[l.deal].Add(l.amount)
				}
			}
			for _, d := range deals {
				if sums[d].GreaterThan(cp.PerDeal) {
					lines = append(lines, naiveLine{kind: incentive.LineCap, deal: d, amount: cp.PerDeal.Sub(sums[d])})
				}
			}
		}
		if cp.PerPeriod.IsPositive() {
			sum := decimal.Zero
			for _, l := range lines {
				sum = sum.Add(l.amount)
			}
			if sum.GreaterThan(cp.PerPeriod) {
				lines = append(lines, naiveLine{kind: incentive.LineCap, amount: cp.PerPeriod.Sub(sum)})
			}
		}
	}
	return lines
}

// naiveTiered pays a rate table one credit at a time: for each unit of
// position it asks which tier holds it, by walking the tiers.
func naiveTiered(k incentive.Component, q naiveQuotaT, credits []naiveCredit, final decimal.Decimal) []naiveLine {
	scale := decimal.NewFromInt(1)
	if k.Basis == incentive.BasisAttainment {
		if !q.effective.IsPositive() {
			return nil
		}
		scale = q.effective
	}
	from := func(j int) decimal.Decimal { return k.Tiers[j].From.Mul(scale) }
	to := func(j int) (decimal.Decimal, bool) {
		if k.Tiers[j].To == nil {
			return decimal.Zero, false
		}
		return k.Tiers[j].To.Mul(scale), true
	}
	reached := func(total decimal.Decimal) int {
		r := 0
		for j := 1; j < len(k.Tiers); j++ {
			if total.GreaterThan(from(j)) || (total.Equal(from(j)) && k.Boundary == incentive.LowerInclusive) {
				r = j
			}
		}
		return r
	}
	rateFor := func(j, top int) (decimal.Decimal, int) {
		if k.Method == incentive.Retroactive {
			return k.Tiers[top].Rate, top
		}
		h := -1
		for i := 0; i <= top; i++ {
			if k.Tiers[i].Retroactive {
				h = i
			}
		}
		if j <= h {
			return k.Tiers[h].Rate, h
		}
		return k.Tiers[j].Rate, j
	}
	// pay returns the lines of moving from lo to hi (lo ≤ hi), sign s.
	pay := func(deal string, lo, hi decimal.Decimal, negative bool, top int) []naiveLine {
		var out []naiveLine
		lastTier := -1
		for j := range k.Tiers {
			a := lo
			if j > 0 {
				a = decimal.Max(lo, from(j))
			}
			b := hi
			if t, ok := to(j); ok {
				b = decimal.Min(hi, t)
			}
			if !a.LessThan(b) {
				continue
			}
			part := b.Sub(a)
			if negative {
				part = part.Neg()
			}
			rate, eff := rateFor(j, top)
			if eff == lastTier {
				out[len(out)-1].basis = out[len(out)-1].basis.Add(part)
				out[len(out)-1].amount = out[len(out)-1].basis.Mul(rate)
				continue
			}
			lastTier = eff
			out = append(out, naiveLine{incentive.LineCommission, deal, part, rate, part.Mul(rate)})
		}
		return out
	}
	var lines []naiveLine
	if k.Accumulate == incentive.PerDeal {
		for _, c := range credits {
			if c.reversal {
				continue
			}
			v := naiveValue(c, k.Measure)
			a := v.Abs()
			lines = append(lines, pay(c.deal, decimal.Zero, a, v.IsNegative(), reached(a))...)
		}
		return lines
	}
	top := reached(final)
	pos := decimal.Zero
	for _, c := range credits {
		v := naiveValue(c, k.Measure)
		next := pos.Add(v)
		if !c.reversal && !v.IsZero() {
			if v.IsPositive() {
				lines = append(lines, pay(c.deal, pos, next, false, top)...)
			} else {
				lines = append(lines, pay(c.deal, next, pos, true, top)...)
			}
		}
		pos = next
	}
	return lines
}
