package target

import (
	"fmt"
	"strconv"
	"time"

	"github.com/shopspring/decimal"
)

// Revision is the result of Replan: the new plan and how it came about.
type Revision struct {
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
	Reason Reason          `json:"reason"`
}

// Replan spreads what remains of a plan over its open periods as of asOf.
// asOf is an instant; Replan takes its date in asOf's own location (pass
// asOf.In(loc)), and a period is closed when all its dates lie before that
// date: as of any instant of 1 July, a plan's second quarter is closed and
// its third is open. actuals holds one actual per closed period, in order. The remainder, the plan's total minus the
// closed actuals, is split over the open periods in proportion to their
// weights with Allocate, rounded to places, so the new plan still adds up to
// the old total exactly. A remainder below zero (the target is already
// beaten) is spread as a negative amount, so the open periods show the
// surplus.
//
// When the remainder is more than the open periods' old targets, yet a
// period gets less than before under the same places (every old open target
// a whole number of units of 10^-places), the result lists it in Paradoxes
// rather than hide it. Rounding an old plan to fewer places is not a
// paradox: 333.33 becoming 333 at places 0 is the rounding asked for.
//
// Replan returns a *FieldError wrapping ErrNoParts for an empty plan,
// ErrMismatch when len(actuals) is not the number of closed periods or every
// period is closed, ErrSpan for periods out of order, ErrPrecision for an
// actual (or a plan total) finer than places, ErrNegativeWeight naming every
// open period with a negative weight, ErrZeroWeights when every open period
// has weight 0, and ErrPlaces and ErrInvalid as Allocate does.
func Replan(plan []PeriodTarget, actuals []decimal.Decimal, asOf time.Time, places int32) (Revision, error) {
	if len(plan) == 0 {
		return Revision{}, fieldErr("plan", "", ErrNoParts)
	}
	if err := checkPlaces(places); err != nil {
		return Revision{}, err
	}
	if err := checkOrder(plan); err != nil {
		return Revision{}, err
	}
	today := DateOf(asOf)
	closed := 0
	for closed < len(plan) && !plan[closed].End.After(today) {
		closed++
	}
	switch {
	case len(actuals) != closed:
		return Revision{}, fieldErr("actuals", strconv.Itoa(len(actuals))+" actuals",
			fmt.Errorf("%w: %d periods are closed as of %s", ErrMismatch, closed, today))
	case closed == len(plan):
		return Revision{}, fieldErr("asOf", asOf.Format(time.RFC3339), fmt.Errorf("%w: every period is closed by %s; nothing to re-plan", ErrMismatch, today))
	}
	for i, a := range actuals {
		field := "actuals[" + strconv.Itoa(i) + "]"
		if err := checkExp(field, a); err != nil {
			return Revision{}, err
		}
		if err := checkFits(field, a, places); err != nil {
			return Revision{}, err
		}
	}
	for i, p := range plan {
		if err := checkExp("plan["+strconv.Itoa(i)+"].target", p.Target); err != nil {
			return Revision{}, err
		}
	}
	r := Revision{Periods: make([]PeriodTarget, len(plan)), Closed: closed}
	copy(r.Periods, plan)
	var total, done, oldOpen adder
	for i, p := range plan {
		total.add(p.Target)
		if i < closed {
			r.Periods[i].Target = actuals[i]
			done.add(actuals[i])
		} else {
			oldOpen.add(p.Target)
		}
	}
	r.Total = total.sum()
	r.Remaining = r.Total.Sub(done.sum())
	if !fitsPlaces(r.Total, places) {
		return Revision{}, fieldErr("places", strconv.Itoa(int(places)), fmt.Errorf("%w: the plan's total %s is finer than places %d",
			ErrPrecision, formatAmount(r.Total), places))
	}
	open := plan[closed:]
	weights := make([]decimal.Decimal, len(open))
	for i := range weights {
		weights[i] = open[i].Weight
	}
	names := weightNames{list: "plan", item: func(i int) string { return "plan[" + strconv.Itoa(closed+i) + "].weight" },
		zero: func() error {
			return fieldErr("plan", "", fmt.Errorf("%w: every open period from plan[%d] has weight 0", ErrZeroWeights, closed))
		}}
	parts, err := allocate(r.Remaining, weights, places, names)
	if err != nil {
		return Revision{}, err
	}
	before := oldOpen.sum()
	// A paradox needs a strictly larger amount split at the places the old
	// targets were split at.
	samePlaces := true
	for _, p := range open {
		samePlaces = samePlaces && fitsPlaces(p.Target, places)
	}
	grew := r.Remaining.GreaterThan(before) && samePlaces
	for i, p := range parts {
		r.Periods[closed+i].Target = p
		old := open[i].Target
		if grew && p.LessThan(old) {
			r.Paradoxes = append(r.Paradoxes, Paradox{Label: open[i].Label, Old: old, New: p,
				Reason: newReason(CodeAlabamaParadox).withAmount("old_total", before).withAmount("new_total", r.Remaining).
					withAmount("old", old).withAmount("new", p).withText("period", open[i].Label)})
		}
	}
	return r, nil
}

// checkOrder reports periods whose dates do not exist, that are empty,
// overlap or run backwards.
func checkOrder(plan []PeriodTarget) error {
	for i, p := range plan {
		if p.Start.IsValid() && p.End.IsValid() && p.End.After(p.Start) && (i == 0 || !p.Start.Before(plan[i-1].End)) {
			continue // the common case names nothing
		}
		at := "plan[" + strconv.Itoa(i) + "]"
		if err := checkSpan(at+".start", at+".end", p.Start, p.End); err != nil {
			return err
		}
		return fieldErr(at+".start", p.Start.String(),
			fmt.Errorf("%w: period %s starts before period %s ends (%s)", ErrSpan, p.Label, plan[i-1].Label, plan[i-1].End))
	}
	return nil
}
