package target

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"
)

// Replanned is the result of Replan: the new plan and how it came about.
type Replanned struct {
	// Periods is the new plan: closed periods carry their actuals as their
	// targets, open periods share what remains.
	Periods []PeriodTarget `json:"periods"`
	// Closed is the number of closed periods at the start of Periods.
	Closed int `json:"closed"`
	// Total is the plan's total, the sum of the old targets; Remaining is
	// Total minus the closed periods' actuals, spread over the open periods.
	Total     decimal.Decimal `json:"total"`
	Remaining decimal.Decimal `json:"remaining"`
	// Paradoxes lists open periods that got less although what remained to
	// spread grew (the Alabama paradox of largest-remainder methods).
	Paradoxes []Paradox `json:"paradoxes,omitempty"`
}

// Paradox records one period whose target fell in a re-plan although the
// amount to spread over the open periods grew. Largest-remainder rounding
// can do that: a larger total shifts the remainders, and a unit of the last
// place moves to another period. It is at most one unit of the last place.
type Paradox struct {
	Label  string          `json:"label"`
	Old    decimal.Decimal `json:"old"`
	New    decimal.Decimal `json:"new"`
	Reason string          `json:"reason"`
}

// Replan spreads what remains of a plan over its open periods as of asOf.
// A period is closed when it ends at or before asOf; actuals holds one actual
// per closed period, in order. The remainder, the plan's total minus the
// closed actuals, is split over the open periods in proportion to their
// weights with Allocate, rounded to places, so the new plan still adds up to
// the old total exactly. A remainder below zero (the target is already
// beaten) is spread as a negative amount, so the open periods show the
// surplus.
//
// When the remainder is at least the open periods' old targets, yet a period
// gets less than before, the result lists it in Paradoxes rather than hide
// it.
//
// Replan returns a *FieldError wrapping ErrNoParts for an empty plan,
// ErrMismatch when len(actuals) is not the number of closed periods or every
// period is closed, ErrSpan for periods out of order, and the errors of
// Allocate (for example ErrZeroWeights when every open period has weight 0).
func Replan(plan []PeriodTarget, actuals []decimal.Decimal, asOf time.Time, places int32) (Replanned, error) {
	if len(plan) == 0 {
		return Replanned{}, fieldErr("plan", "", ErrNoParts)
	}
	if err := checkOrder(plan); err != nil {
		return Replanned{}, err
	}
	closed := 0
	for closed < len(plan) && !plan[closed].End.After(asOf) {
		closed++
	}
	switch {
	case len(actuals) != closed:
		return Replanned{}, fieldErr("actuals", fmt.Sprintf("%d actuals", len(actuals)),
			fmt.Errorf("%w: %d periods are closed as of %s", ErrMismatch, closed, asOf.Format(time.DateOnly)))
	case closed == len(plan):
		return Replanned{}, fieldErr("asOf", asOf.Format(time.DateOnly), fmt.Errorf("%w: every period is closed; nothing to re-plan", ErrMismatch))
	}
	for i, a := range actuals {
		if err := checkExp(fmt.Sprintf("actuals[%d]", i), a); err != nil {
			return Replanned{}, err
		}
	}
	for i, p := range plan {
		if err := checkExp(fmt.Sprintf("plan[%d].target", i), p.Target); err != nil {
			return Replanned{}, err
		}
	}
	r := Replanned{Periods: make([]PeriodTarget, len(plan)), Closed: closed}
	copy(r.Periods, plan)
	var oldOpen decimal.Decimal
	for i, p := range plan {
		r.Total = r.Total.Add(p.Target)
		if i < closed {
			r.Periods[i].Target = actuals[i]
			r.Remaining = r.Remaining.Sub(actuals[i])
		} else {
			oldOpen = oldOpen.Add(p.Target)
		}
	}
	r.Remaining = r.Remaining.Add(r.Total)
	weights := make([]decimal.Decimal, len(plan)-closed)
	for i := range weights {
		weights[i] = plan[closed+i].Weight
	}
	parts, err := Allocate(r.Remaining, weights, places)
	if err != nil {
		return Replanned{}, err
	}
	for i, p := range parts {
		r.Periods[closed+i].Target = p
		old := plan[closed+i].Target
		if r.Remaining.GreaterThanOrEqual(oldOpen) && p.LessThan(old) {
			r.Paradoxes = append(r.Paradoxes, Paradox{Label: plan[closed+i].Label, Old: old, New: p,
				Reason: fmt.Sprintf("the open periods' total grew from %s to %s, yet %s fell from %s to %s: "+
					"largest-remainder rounding moved a unit of the last place to another period (the Alabama paradox)",
					formatAmount(oldOpen), formatAmount(r.Remaining), plan[closed+i].Label, formatAmount(old), formatAmount(p))})
		}
	}
	return r, nil
}

// checkOrder reports periods that overlap or run backwards.
func checkOrder(plan []PeriodTarget) error {
	for i, p := range plan {
		if !p.End.After(p.Start) {
			return fieldErr(fmt.Sprintf("plan[%d]", i), p.Label, ErrSpan)
		}
		if i > 0 && p.Start.Before(plan[i-1].End) {
			return fieldErr(fmt.Sprintf("plan[%d].start", i), p.Label, fmt.Errorf("%w: starts before period %s ends", ErrSpan, plan[i-1].Label))
		}
	}
	return nil
}

// Cell is one number of a plan: a unit's target for a period.
type Cell struct {
	Unit   string          `json:"unit"`
	Period string          `json:"period"`
	Amount decimal.Decimal `json:"amount"`
}

// Equal reports whether c and d are the same cell with the same amount.
func (c Cell) Equal(d Cell) bool {
	return c.Unit == d.Unit && c.Period == d.Period && c.Amount.Equal(d.Amount)
}

// PlanCells lists a one-unit time plan as cells, for Diff.
func PlanCells(unit string, plan []PeriodTarget) []Cell {
	out := make([]Cell, len(plan))
	for i, p := range plan {
		out[i] = Cell{Unit: unit, Period: p.Label, Amount: p.Target}
	}
	return out
}

// Change is one changed cell between two plans.
type Change struct {
	Unit   string          `json:"unit"`
	Period string          `json:"period"`
	Old    decimal.Decimal `json:"old"`
	New    decimal.Decimal `json:"new"`
	// Added is true for a cell only the new plan has (Old is zero);
	// Removed for one only the old plan has (New is zero).
	Added   bool `json:"added,omitempty"`
	Removed bool `json:"removed,omitempty"`
}

// Equal reports whether c and d record the same change.
func (c Change) Equal(d Change) bool {
	return c.Unit == d.Unit && c.Period == d.Period && c.Old.Equal(d.Old) && c.New.Equal(d.New) &&
		c.Added == d.Added && c.Removed == d.Removed
}

// Delta returns New − Old.
func (c Change) Delta() decimal.Decimal { return c.New.Sub(c.Old) }

// Diff lists every cell whose amount differs between the old and the new
// plan, cells being matched on (unit, period): first the changed and added
// cells in the new plan's order, then the removed cells in the old plan's
// order. Amounts are compared by value, so 100 and 100.00 are the same. A
// CRM keeps the list as the plan's change log. If a plan lists the same cell
// twice, the last one counts.
func Diff(old, new []Cell) []Change {
	type key struct{ unit, period string }
	before := make(map[key]decimal.Decimal, len(old))
	for _, c := range old {
		before[key{c.Unit, c.Period}] = c.Amount
	}
	after := make(map[key]decimal.Decimal, len(new))
	order := make([]Cell, 0, len(new))
	for _, c := range new {
		k := key{c.Unit, c.Period}
		if _, dup := after[k]; !dup {
			order = append(order, c)
		}
		after[k] = c.Amount
	}
	var out []Change
	for _, c := range order {
		k := key{c.Unit, c.Period}
		amount := after[k]
		o, ok := before[k]
		switch {
		case !ok:
			out = append(out, Change{Unit: c.Unit, Period: c.Period, New: amount, Added: true})
		case !o.Equal(amount):
			out = append(out, Change{Unit: c.Unit, Period: c.Period, Old: o, New: amount})
		}
	}
	seen := make(map[key]bool, len(old))
	for _, c := range old {
		k := key{c.Unit, c.Period}
		if _, kept := after[k]; kept || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, Change{Unit: c.Unit, Period: c.Period, Old: before[k], Removed: true})
	}
	return out
}
