package incentive

import (
	"errors"
	"fmt"
	"slices"

	"github.com/shopspring/decimal"
)

// checkOptions checks the locked statements, opening balances and metrics.
func (e *engine) checkOptions(c *checker, o *ComputeOptions) {
	d := e.d
	n := len(d.plan.Reps)
	e.opening = make([]Balance, n)
	for r := range e.opening {
		e.opening[r].Rep = d.plan.Reps[r].ID
	}
	seen := make([]bool, n)
	for i, b := range o.Opening {
		f := at("opening", i)
		r, ok := d.repIdx[b.Rep]
		if !ok {
			c.add(f+".rep", b.Rep, ErrUnknownRep)
			continue
		}
		if seen[r] {
			c.add(f+".rep", b.Rep, ErrDuplicate)
		}
		seen[r] = true
		c.money(f+".owed", b.Owed, false)
		c.money(f+".cap_carried", b.CapCarried, false)
		c.money(f+".year_earned", b.YearEarned, false)
		if b.DrawPeriods < 0 {
			c.add(f+".draw_periods", fmt.Sprint(b.DrawPeriods), ErrNegative)
		}
		e.opening[r] = b
	}
	e.metrics = make([][]Metric, n)
	type mkey struct {
		r   int32
		p   int
		key string
	}
	mseen := map[mkey]bool{}
	for i, m := range o.Metrics {
		f := at("metrics", i)
		r, ok := d.repIdx[m.Rep]
		if !ok {
			c.add(f+".rep", m.Rep, ErrUnknownRep)
			continue
		}
		p := d.periodIndex(m.Period)
		switch {
		case !m.Period.IsValid():
			c.add(f+".period", m.Period.String(), ErrDate)
		case p < 0:
			c.add(f+".period", m.Period.String(), ErrPeriod)
		case m.Key == "":
			c.add(f+".key", "", ErrEmpty)
		case mseen[mkey{r, p, m.Key}]:
			c.add(f+".key", m.Key, ErrDuplicate)
		default:
			mseen[mkey{r, p, m.Key}] = true
			if c.number(f+".value", m.Value, zero, true) {
				e.metrics[r] = append(e.metrics[r], m)
			}
		}
	}
	e.locked = make([]map[int32]*Statement, 0)
	for i := range o.Locked {
		s := &o.Locked[i]
		f := at("locked", i)
		r, ok := d.repIdx[s.Rep]
		p := slices.Index(d.periods, s.Period)
		switch {
		case s.Plan != d.plan.ID:
			c.add(f+".plan", s.Plan, because(ErrLedger, "a statement of plan %q, not %q", s.Plan, d.plan.ID))
			continue
		case !ok:
			c.add(f+".rep", s.Rep, ErrUnknownRep)
			continue
		case p < 0:
			c.add(f+".period", s.Period.String(), because(ErrLedger, "not one of the plan's periods"))
			continue
		case p >= e.target:
			c.add(f+".period", s.Period.String(), because(ErrLedger, "locked at or after the period computed, %s", d.periods[e.target]))
			continue
		}
		if err := s.sane(); err != nil {
			var fe *FieldError
			errors.As(err, &fe)
			c.add(f+"."+fe.Field, fe.Value, fe.Err)
			continue
		}
		for len(e.locked) <= p {
			e.locked = append(e.locked, nil)
		}
		if e.locked[p] == nil {
			e.locked[p] = map[int32]*Statement{}
		}
		if e.locked[p][r] != nil {
			c.add(f+".rep", s.Rep, because(ErrDuplicate, "two locked statements for %s in %s", s.Rep, s.Period))
		}
		e.locked[p][r] = s
	}
	for p, m := range e.locked {
		if m == nil {
			c.add("locked", d.periods[p].String(), because(ErrLedger, "period %s is not locked but %s is", d.periods[p], d.periods[len(e.locked)-1]))
			break
		}
	}
	e.already = map[trueKey]map[groupKey]decimal.Decimal{}
	for _, m := range e.locked {
		for r, s := range m {
			for _, l := range s.Adjustments {
				if l.Kind == LineTrueUp {
					k := trueKey{r, l.Ref}
					if e.already[k] == nil {
						e.already[k] = map[groupKey]decimal.Decimal{}
					}
					g := groupOfTrueUp(l)
					e.already[k][g] = add(e.already[k][g], l.Amount)
				}
			}
		}
	}
}
