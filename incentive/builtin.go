package incentive

import (
	"github.com/shopspring/decimal"
)

// builtin makes the Rule of a checked built-in component.
func builtin(k *Component, r Rounding) Rule {
	switch k.Type {
	case TypeFlat:
		return flatRule{rate: k.Rate, r: newRounder(r)}
	case TypeOverride:
		return flatRule{rate: k.Rate, team: true, r: newRounder(r)}
	case TypePerUnit:
		return unitRule{amount: k.Amount, r: newRounder(r)}
	case TypePerDeal:
		return dealRule{amount: k.Amount, r: newRounder(r)}
	case TypeMilestones:
		return milestoneRule{milestones: k.Milestones}
	case TypeScorecard:
		return newScorecard(k, r)
	}
	return newTiered(k, r)
}

// flatRule pays rate on each credit's measure; an override pays it on team
// credit only.
type flatRule struct {
	rate decimal.Decimal
	team bool
	r    rounder
}

func (r flatRule) Pay(in Input, lines []Line) ([]Line, error) {
	for i := range in.Credits {
		c := &in.Credits[i]
		if c.Reversal || (r.team && c.Type != Team) {
			continue
		}
		v := c.value(in.Measure, in.Key)
		l := Line{Kind: LineCommission, Deal: c.Deal, Date: c.Date, Code: CodeRate, Basis: v, Rate: r.rate, Amount: r.r.times(v, r.rate)}
		if r.team {
			l.Code, l.Key = CodeOverride, c.From
		}
		lines = append(lines, l)
	}
	return lines, nil
}

// unitRule pays amount per unit of the measure.
type unitRule struct {
	amount decimal.Decimal
	r      rounder
}

func (r unitRule) Pay(in Input, lines []Line) ([]Line, error) {
	for i := range in.Credits {
		c := &in.Credits[i]
		if v := c.value(in.Measure, in.Key); !c.Reversal && !v.IsZero() {
			lines = append(lines, Line{Kind: LineBonus, Deal: c.Deal, Date: c.Date, Code: CodeUnitBonus,
				Basis: v, Rate: r.amount, Amount: r.r.times(v, r.amount)})
		}
	}
	return lines, nil
}

// dealRule pays amount for each deal, times the rep's share; credit notes
// and refunds earn none.
type dealRule struct {
	amount decimal.Decimal
	r      rounder
}

func (r dealRule) Pay(in Input, lines []Line) ([]Line, error) {
	for i := range in.Credits {
		c := &in.Credits[i]
		if !c.Reversal && c.Amount.Sign() > 0 {
			lines = append(lines, Line{Kind: LineBonus, Deal: c.Deal, Date: c.Date, Code: CodeDealBonus,
				Basis: c.Share, Rate: r.amount, Amount: r.r.times(c.Share, r.amount)})
		}
	}
	return lines, nil
}

// milestoneRule pays each milestone the period's attainment reaches.
type milestoneRule struct{ milestones []Milestone }

func (r milestoneRule) Pay(in Input, lines []Line) ([]Line, error) {
	if in.Quota.Sign() <= 0 {
		return append(lines, Line{Kind: LineThreshold, Code: CodeNoQuota, Amount: zero}), nil
	}
	total := in.Total()
	for _, m := range r.milestones {
		if total.Cmp(mul(m.At, in.Quota)) >= 0 {
			lines = append(lines, Line{Kind: LineBonus, Code: CodeMilestone, From: m.At, To: in.Quota,
				Basis: total, Value: ratio(total, in.Quota, 4, Down), Amount: m.Amount})
		}
	}
	return lines, nil
}
