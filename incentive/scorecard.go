package incentive

import (
	"github.com/shopspring/decimal"
)

// scorePlaces is the precision of a scorecard score: 4 decimal places,
// 0.01%.
const scorePlaces = 4

// scorecardRule pays bonus × Σ weight × score over the measures, one line
// per measure, unless a gate is not met. The bonus is the component's
// Amount prorated by the dates the rep worked (rounded by the plan), or
// the rep's prorated target incentive.
type scorecardRule struct {
	measures []ScoreMeasure
	gate     *Gate
	amount   decimal.Decimal
	rounding Rounding
}

func newScorecard(k *Component, r Rounding) scorecardRule {
	return scorecardRule{measures: k.Measures, gate: k.Gate, amount: k.Amount, rounding: r}
}

func (r scorecardRule) Pay(in Input, lines []Line) ([]Line, error) {
	bonus := in.TargetIncentive
	if !r.amount.IsZero() {
		bonus = r.amount
		if in.ActiveDays != in.PeriodDays && in.PeriodDays > 0 {
			bonus = ratio(mul(r.amount, decimal.NewFromInt(int64(in.ActiveDays))), decimal.NewFromInt(int64(in.PeriodDays)),
				r.rounding.Places, r.rounding.Mode)
		}
	}
	type scored struct {
		actual, target decimal.Decimal
		known          bool
	}
	scores := make([]scored, len(r.measures))
	for i, m := range r.measures {
		s := &scores[i]
		if m.Measure == Custom {
			s.actual, s.known = in.Metric(m.Key)
			s.target = m.Target
			continue
		}
		s.known = true
		for j := range in.Credits {
			s.actual = add(s.actual, in.Credits[j].value(m.Measure, ""))
		}
		s.target = m.Target
		if s.target.IsZero() {
			s.target = in.Quota
			s.known = in.Quota.Sign() > 0
		}
	}
	if g := r.gate; g != nil {
		for i, m := range r.measures {
			if m.ID != g.Measure {
				continue
			}
			s := scores[i]
			share := zero
			if s.known && !s.target.IsZero() {
				share = ratio(s.actual, s.target, scorePlaces, HalfUp)
			}
			if share.Cmp(g.AtLeast) < 0 {
				return append(lines, Line{Kind: LineThreshold, Code: CodeGateNotMet, Key: m.ID,
					Value: share, From: g.AtLeast, Amount: zero}), nil
			}
		}
	}
	for i, m := range r.measures {
		s := scores[i]
		basis := mul(bonus, m.Weight)
		if !s.known || s.target.Equal(m.Floor) {
			lines = append(lines, Line{Kind: LineBonus, Code: CodeScoreMissing, Key: m.ID, Basis: basis, Amount: zero})
			continue
		}
		score := Score(s.actual, m.Floor, s.target, m.Cap)
		lines = append(lines, Line{Kind: LineBonus, Code: CodeScore, Key: m.ID, Value: s.actual, From: m.Floor, To: s.target,
			Basis: basis, Rate: score, Amount: mul(basis, score)})
	}
	return lines, nil
}

// Score returns a scorecard measure's score: the straight line from 0 at
// floor to 1 at target, (actual − floor) / (target − floor), rounded half up
// to 4 decimal places and kept between 0 and limit (zero limit means 1).
// A target below the floor scores a measure where lower is better. Score
// returns 0 when target equals floor.
func Score(actual, floor, target, limit decimal.Decimal) decimal.Decimal {
	den := sub(target, floor)
	if den.IsZero() {
		return zero
	}
	if limit.IsZero() {
		limit = one
	}
	s := ratio(sub(actual, floor), den, scorePlaces, HalfUp)
	switch {
	case s.Sign() < 0:
		return zero
	case s.Cmp(limit) > 0:
		return limit
	}
	return s
}
