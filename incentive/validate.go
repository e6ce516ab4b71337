package incentive

import (
	"slices"
	"strconv"

	"github.com/shopspring/decimal"
)

// maxPeriods bounds a plan's length: ten years of months.
const maxPeriods = 120

// checkPlan checks everything about p that does not depend on a rule type's
// constructor, and returns the plan's periods when its bounds are good.
func (c *checker) checkPlan(p *Plan) []Period {
	var periods []Period
	c.enum("period", int(p.Period), "Grain", grainNames)
	startOK, endOK := false, false
	switch {
	case p.Start.IsZero():
		c.add("start", "", ErrEmpty)
	case !p.Start.IsValid():
		c.add("start", p.Start.String(), ErrDate)
	case p.Start.Day > 28:
		c.add("start", p.Start.String(), because(ErrPeriod, "a plan starts on day 1 to 28 of a month"))
	default:
		startOK = true
	}
	switch {
	case p.End.IsZero():
		c.add("end", "", ErrEmpty)
	case !p.End.IsValid():
		c.add("end", p.End.String(), ErrDate)
	case startOK && !p.End.After(p.Start):
		c.add("end", p.End.String(), because(ErrPeriod, "end %s is not after start %s", p.End, p.Start))
	default:
		endOK = true
	}
	if startOK && endOK && int(p.Period) >= 0 && int(p.Period) < len(grainNames) {
		step := p.Period.months()
		for s := p.Start; s.Before(p.End); s = addMonths(s, step) {
			if len(periods) == maxPeriods {
				c.add("end", p.End.String(), because(ErrPeriod, "a plan has at most %d periods", maxPeriods))
				return nil
			}
			periods = append(periods, Period{s, addMonths(s, step)})
		}
		if last := periods[len(periods)-1].End; last != p.End {
			c.add("end", p.End.String(), because(ErrPeriod, "periods of a %s from %s end on %s or %s, not %s",
				p.Period, p.Start, periods[len(periods)-1].Start, last, p.End))
			periods = nil
		}
	}
	r := p.Rounding
	if r.Places < 0 || r.Places > 9 {
		c.add("rounding.places", strconv.Itoa(int(r.Places)), because(ErrRange, "0 to 9 places"))
		c.places = 0
	}
	c.enum("rounding.mode", int(r.Mode), "RoundingMode", roundingModeNames)
	c.enum("rounding.stage", int(r.Stage), "RoundingStage", roundingStageNames)
	c.enum("crediting.on", int(p.Crediting.On), "CreditOn", creditOnNames)
	c.enum("negative", int(p.Negative), "NegativePayout", negativePayoutNames)
	if p.Cap != nil {
		c.checkCap("cap", p.Cap, true)
	}
	if cb := p.Clawback; cb != nil {
		if cb.WithinDays < 0 {
			c.add("clawback.within_days", strconv.Itoa(cb.WithinDays), ErrNegative)
		}
		c.enum("clawback.basis", int(cb.Basis), "ClawbackBasis", clawbackBasisNames)
		switch {
		case cb.Basis == RecoverPercentage && (cb.Percent.Sign() <= 0):
			c.add("clawback.percent", cb.Percent.String(), because(ErrParam, "a percentage clawback needs a percent above 0"))
		case cb.Basis == RecoverPercentage:
			c.number("clawback.percent", cb.Percent, one, false)
		case !cb.Percent.IsZero():
			c.add("clawback.percent", cb.Percent.String(), because(ErrParam, "percent applies to the percentage basis only"))
		}
	}
	if d := p.Draw; d != nil {
		c.enum("draw.kind", int(d.Kind), "DrawKind", drawKindNames)
		if d.Amount.Sign() <= 0 {
			c.add("draw.amount", d.Amount.String(), because(ErrParam, "a draw needs an amount above 0"))
		} else {
			c.money("draw.amount", d.Amount, false)
		}
		c.number("draw.recovery_rate", d.RecoveryRate, one, false)
		if d.AfterPeriods < 0 {
			c.add("draw.after_periods", strconv.Itoa(d.AfterPeriods), ErrNegative)
		}
		if d.Kind == NonRecoverable {
			switch {
			case !d.RecoveryRate.IsZero():
				c.add("draw.recovery_rate", d.RecoveryRate.String(), because(ErrParam, "a non-recoverable draw recovers nothing"))
			case d.AfterPeriods != 0:
				c.add("draw.after_periods", strconv.Itoa(d.AfterPeriods), because(ErrParam, "a non-recoverable draw recovers nothing"))
			case d.Floor:
				c.add("draw.floor", "true", because(ErrParam, "a non-recoverable draw recovers nothing"))
			}
		}
	}
	return periods
}

// checkCap checks a cap on the plan (plan) or on a component.
func (c *checker) checkCap(field string, cp *Cap, plan bool) {
	c.money(field+".per_deal", cp.PerDeal, false)
	c.money(field+".per_period", cp.PerPeriod, false)
	c.money(field+".per_year", cp.PerYear, false)
	c.enum(field+".excess", int(cp.Excess), "CapExcess", capExcessNames)
	switch {
	case plan && !cp.PerDeal.IsZero():
		c.add(field+".per_deal", cp.PerDeal.String(), because(ErrParam, "per-deal caps are set on components"))
	case !plan && !cp.PerYear.IsZero():
		c.add(field+".per_year", cp.PerYear.String(), because(ErrParam, "per-year caps are set on the plan"))
	case !plan && cp.Excess != Forfeit:
		c.add(field+".excess", cp.Excess.String(), because(ErrParam, "a component cap forfeits its excess; carry excess with the plan's cap"))
	}
}

// checkReps checks the reps and returns their index and manager chains.
func (c *checker) checkReps(p *Plan, periods []Period) (map[string]int32, [][]int32) {
	idx := make(map[string]int32, len(p.Reps))
	for i, r := range p.Reps {
		f := at("reps", i)
		switch {
		case r.ID == "":
			c.add(f+".id", "", ErrEmpty)
		default:
			if _, dup := idx[r.ID]; dup {
				c.add(f+".id", r.ID, ErrDuplicate)
			} else {
				idx[r.ID] = int32(i)
			}
		}
		c.date(f+".start", r.Start)
		c.date(f+".end", r.End)
		if !r.Start.IsZero() && !r.End.IsZero() && !r.End.After(r.Start) {
			c.add(f+".end", r.End.String(), because(ErrRange, "end %s is not after start %s", r.End, r.Start))
		}
		c.money(f+".quota", r.Quota, false)
		c.money(f+".target_incentive", r.TargetIncentive, false)
		for j, rl := range r.Relief {
			g := at(f+".relief", j)
			switch {
			case rl.Period.IsZero():
				c.add(g+".period", "", ErrEmpty)
			case !slices.ContainsFunc(periods, func(q Period) bool { return q.Start == rl.Period }):
				if len(periods) > 0 {
					c.add(g+".period", rl.Period.String(), because(ErrPeriod, "not the first date of one of the plan's periods"))
				}
			}
			c.money(g+".amount", rl.Amount, false)
		}
		if c.full() {
			return idx, nil
		}
	}
	chains := make([][]int32, len(p.Reps))
	for i, r := range p.Reps {
		if r.Manager == "" {
			continue
		}
		f := at("reps", i) + ".manager"
		m, ok := idx[r.Manager]
		if !ok {
			c.add(f, r.Manager, ErrUnknownRep)
			continue
		}
		seen := map[int32]bool{int32(i): true}
		for ok {
			if seen[m] {
				c.add(f, r.Manager, because(ErrOrgTree, "%s is their own manager through %s", r.ID, p.Reps[m].ID))
				chains[i] = nil
				break
			}
			seen[m] = true
			chains[i] = append(chains[i], m)
			if p.Reps[m].Manager == "" {
				break
			}
			m, ok = idx[p.Reps[m].Manager]
		}
	}
	return idx, chains
}

// checkComponent checks what every component has, and the parameters of
// the built-in types; a registered type's own parameters are its
// constructor's to check.
func (c *checker) checkComponent(f string, k *Component, p *Plan, custom bool) {
	if k.ID == "" {
		c.add(f+".id", "", ErrEmpty)
	}
	if c.date(f+".effective", k.Effective) && !k.Effective.IsZero() &&
		(k.Effective.Before(p.Start) || !k.Effective.Before(p.End)) && p.Start.IsValid() && p.End.IsValid() {
		c.add(f+".effective", k.Effective.String(), because(ErrPeriod, "not a date of the plan %s to %s", p.Start, p.End))
	}
	c.measure(f, k.Measure, k.Key)
	c.checkFilter(f+".filter", &k.Filter)
	c.number(f+".threshold", k.Threshold, decimal.NewFromInt(1000), false)
	if k.Cap != nil {
		c.checkCap(f+".cap", k.Cap, false)
	}
	if custom {
		return
	}
	t := k.Type
	// unused reports a parameter set on a type that does not take it.
	unused := func(name, value string, set bool, takes ...string) {
		if set && !slices.Contains(takes, t) {
			c.add(f+"."+name, value, because(ErrParam, "a %s component has no %s", t, name))
		}
	}
	unused("rate", k.Rate.String(), !k.Rate.IsZero(), TypeFlat, TypeOverride)
	unused("amount", k.Amount.String(), !k.Amount.IsZero(), TypePerUnit, TypePerDeal, TypeScorecard)
	unused("tiers", strconv.Itoa(len(k.Tiers)), len(k.Tiers) > 0, TypeTiered)
	unused("basis", k.Basis.String(), k.Basis != BasisAmount, TypeTiered)
	unused("accumulate", k.Accumulate.String(), k.Accumulate != PerPeriod, TypeTiered)
	unused("method", k.Method.String(), k.Method != Marginal, TypeTiered)
	unused("boundary", k.Boundary.String(), k.Boundary != LowerInclusive, TypeTiered)
	unused("milestones", strconv.Itoa(len(k.Milestones)), len(k.Milestones) > 0, TypeMilestones)
	unused("measures", strconv.Itoa(len(k.Measures)), len(k.Measures) > 0, TypeScorecard)
	unused("gate", "", k.Gate != nil, TypeScorecard)
	unused("params", "", len(k.Params) > 0)
	switch t {
	case TypeFlat, TypeOverride:
		c.number(f+".rate", k.Rate, maxRate, false)
	case TypeTiered:
		c.checkTiers(f, k)
	case TypePerUnit:
		c.money(f+".amount", k.Amount, false)
		if k.Measure == Revenue || k.Measure == Margin {
			c.add(f+".measure", k.Measure.String(), because(ErrParam, "a per_unit component counts units, new_customers or a custom measure; pay a rate on money with flat"))
		}
	case TypePerDeal:
		c.money(f+".amount", k.Amount, false)
	case TypeMilestones:
		if len(k.Milestones) == 0 {
			c.add(f+".milestones", "", because(ErrParam, "a milestones component needs milestones"))
		}
		for j, m := range k.Milestones {
			g := at(f+".milestones", j)
			if c.number(g+".at", m.At, decimal.NewFromInt(1000), false) && j > 0 && m.At.Cmp(k.Milestones[j-1].At) <= 0 {
				c.add(g+".at", m.At.String(), because(ErrTiers, "milestone %d at %s is not above milestone %d at %s", j+1, m.At, j, k.Milestones[j-1].At))
			}
			c.money(g+".amount", m.Amount, false)
		}
	case TypeScorecard:
		c.checkScorecard(f, k)
	}
}

// measure checks a measure and its key: a custom measure names the value
// (or metric) it reads, the others name none.
func (c *checker) measure(f string, m Measure, key string) bool {
	c.enum(f+".measure", int(m), "Measure", measureNames)
	switch {
	case m == Custom && key == "":
		c.add(f+".key", "", because(ErrParam, "a custom measure needs a key"))
	case m != Custom && key != "":
		c.add(f+".key", key, because(ErrParam, "key names a custom measure"))
	default:
		return true
	}
	return false
}

func (c *checker) checkFilter(f string, fl *Filter) {
	for j, pr := range fl.Products {
		if pr == "" {
			c.add(at(f+".products", j), "", ErrEmpty)
		}
	}
	for j, k := range fl.Kinds {
		c.enum(at(f+".kinds", j), int(k), "DealKind", dealKindNames)
	}
	for j, t := range fl.Credits {
		c.enum(at(f+".credits", j), int(t), "CreditType", creditTypeNames)
	}
	c.enum(f+".status", int(fl.Status), "DealStatus", dealStatusNames)
	if fl.AtLeast != nil {
		c.money(f+".at_least", *fl.AtLeast, false)
	}
	if fl.Below != nil && c.money(f+".below", *fl.Below, false) && fl.AtLeast != nil && fl.Below.Cmp(*fl.AtLeast) <= 0 {
		c.add(f+".below", fl.Below.String(), because(ErrRange, "below %s is not above at_least %s", fl.Below, fl.AtLeast))
	}
	c.date(f+".from", fl.From)
	c.date(f+".until", fl.Until)
	if !fl.From.IsZero() && !fl.Until.IsZero() && !fl.Until.After(fl.From) {
		c.add(f+".until", fl.Until.String(), because(ErrRange, "until %s is not after from %s", fl.Until, fl.From))
	}
}

// checkTiers checks a rate table: tiers from zero, each starting where the
// one before ends, only the last open, rates from 0 to 100.
func (c *checker) checkTiers(f string, k *Component) {
	c.enum(f+".basis", int(k.Basis), "TierBasis", tierBasisNames)
	c.enum(f+".accumulate", int(k.Accumulate), "Accumulate", accumulateNames)
	c.enum(f+".method", int(k.Method), "Method", methodNames)
	c.enum(f+".boundary", int(k.Boundary), "Boundary", boundaryNames)
	if len(k.Tiers) == 0 {
		c.add(f+".tiers", "", because(ErrParam, "a tiered component needs tiers"))
		return
	}
	moneyBounds := k.Basis == BasisAmount && (k.Measure == Revenue || k.Measure == Margin)
	bound := func(field string, d decimal.Decimal) bool {
		if moneyBounds {
			return c.money(field, d, false)
		}
		hi := zero
		if k.Basis == BasisAttainment {
			hi = decimal.NewFromInt(1000)
		}
		return c.number(field, d, hi, false)
	}
	for j, t := range k.Tiers {
		g := at(f+".tiers", j)
		okFrom := bound(g+".from", t.From)
		switch {
		case !okFrom:
		case j == 0 && !t.From.IsZero():
			c.add(g+".from", t.From.String(), because(ErrTiers, "the first tier starts at 0"))
		case j > 0 && k.Tiers[j-1].To != nil && t.From.Cmp(*k.Tiers[j-1].To) != 0:
			c.add(g+".from", t.From.String(), because(ErrTiers, "tier %d starts at %s but tier %d ends at %s", j+1, t.From, j, k.Tiers[j-1].To))
		}
		switch {
		case t.To == nil && j < len(k.Tiers)-1:
			c.add(g+".to", "null", because(ErrTiers, "only the last tier is open"))
		case t.To != nil && bound(g+".to", *t.To) && okFrom && t.To.Cmp(t.From) <= 0:
			c.add(g+".to", t.To.String(), because(ErrTiers, "tier %d ends at %s, not above its start %s", j+1, t.To, t.From))
		}
		c.number(g+".rate", t.Rate, maxRate, false)
	}
}

func (c *checker) checkScorecard(f string, k *Component) {
	c.money(f+".amount", k.Amount, false)
	if len(k.Measures) == 0 {
		c.add(f+".measures", "", because(ErrParam, "a scorecard needs measures"))
		return
	}
	ids := map[string]bool{}
	sum := zero
	weightsOK := true
	for j, m := range k.Measures {
		g := at(f+".measures", j)
		switch {
		case m.ID == "":
			c.add(g+".id", "", ErrEmpty)
		case ids[m.ID]:
			c.add(g+".id", m.ID, ErrDuplicate)
		}
		ids[m.ID] = true
		if c.measure(g, m.Measure, m.Key) && m.Measure == Custom && m.Target.IsZero() && m.Floor.IsZero() {
			c.add(g+".target", "", because(ErrParam, "a custom measure needs a target or a floor"))
		}
		if m.Weight.Sign() <= 0 {
			c.add(g+".weight", m.Weight.String(), because(ErrWeights, "a weight is above 0"))
			weightsOK = false
		} else if c.number(g+".weight", m.Weight, one, false) {
			sum = sum.Add(m.Weight)
		} else {
			weightsOK = false
		}
		c.number(g+".floor", m.Floor, zero, true)
		c.number(g+".target", m.Target, zero, true)
		c.number(g+".cap", m.Cap, decimal.NewFromInt(10), false)
		if !m.Target.IsZero() && m.Target.Equal(m.Floor) {
			c.add(g+".target", m.Target.String(), because(ErrRange, "target equals floor %s", m.Floor))
		}
	}
	if weightsOK && !sum.Equal(one) {
		c.add(f+".measures", sum.String(), because(ErrWeights, "weights add up to %s", sum))
	}
	if g := k.Gate; g != nil {
		if !ids[g.Measure] || g.Measure == "" {
			c.add(f+".gate.measure", g.Measure, because(ErrParam, "not one of the scorecard's measures"))
		}
		if g.AtLeast.Sign() <= 0 {
			c.add(f+".gate.at_least", g.AtLeast.String(), because(ErrParam, "a gate needs at_least above 0"))
		} else {
			c.number(f+".gate.at_least", g.AtLeast, decimal.NewFromInt(10), false)
		}
	}
}
