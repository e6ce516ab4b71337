package incentive

import (
	"github.com/shopspring/decimal"
)

// quota returns rep r's effective quota for period p.
func (d *Definition) quota(r int32, p Period) Quota {
	rep := &d.plan.Reps[r]
	start, end := p.Start, p.End
	if !rep.Start.IsZero() && rep.Start.After(start) {
		start = rep.Start
	}
	if !rep.End.IsZero() && rep.End.Before(end) {
		end = rep.End
	}
	q := Quota{Base: rep.Quota, ActiveDays: max(end.Sub(start), 0), PeriodDays: p.Days()}
	q.Prorated = d.prorate(rep.Quota, q)
	for _, rl := range rep.Relief {
		if rl.Period == p.Start {
			q.Relief = add(q.Relief, rl.Amount)
		}
	}
	q.Effective = sub(q.Prorated, q.Relief)
	if q.Effective.Sign() < 0 {
		q.Effective = zero
	}
	return q
}

// prorate returns amount × active / period days, rounded by the plan.
func (d *Definition) prorate(amount decimal.Decimal, q Quota) decimal.Decimal {
	if q.ActiveDays == q.PeriodDays || amount.IsZero() {
		return amount
	}
	return ratio(mul(amount, decimal.NewFromInt(int64(q.ActiveDays))), decimal.NewFromInt(int64(q.PeriodDays)),
		d.plan.Rounding.Places, d.plan.Rounding.Mode)
}
