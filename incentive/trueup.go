package incentive

import (
	"cmp"
	"slices"
	"strings"

	"github.com/shopspring/decimal"
)

// A locked period is corrected by comparing its restated statement with
// the locked one group by group: what a deal earned from a component (its
// commission, bonus, exclusion and per-deal cap lines), what a clawback
// took back, and a component's or the plan's period-level lines
// (thresholds, per-period caps, rounding, deficit, draw, recovery). True-up
// lines already paid for the period in later locked statements count as
// paid.

// The groups a locked period is compared by.
const (
	groupDeal = iota
	groupClawback
	groupPeriod
)

type groupKey struct {
	group           int
	component, deal string
}

type trueKey struct {
	rep    int32
	period Date
}

// groupOf returns the group line l belongs to, and false for a true-up,
// which is not compared.
func groupOf(l *Line) (groupKey, bool) {
	switch {
	case l.Kind == LineTrueUp:
		return groupKey{}, false
	case l.Kind == LineClawback:
		return groupKey{groupClawback, l.Component, l.Deal}, true
	case l.Deal != "":
		return groupKey{groupDeal, l.Component, l.Deal}, true
	}
	return groupKey{groupPeriod, l.Component, ""}, true
}

// groupOfTrueUp returns the group a true-up line corrects.
func groupOfTrueUp(l Line) groupKey {
	switch l.Code {
	case CodeTrueUpClawback:
		return groupKey{groupClawback, l.Component, l.Deal}
	case CodeTrueUpComponent, CodeTrueUpPeriod:
		return groupKey{groupPeriod, l.Component, ""}
	}
	return groupKey{groupDeal, l.Component, l.Deal}
}

// groups sums s's lines by group.
func groups(s *Statement) map[groupKey]decimal.Decimal {
	m := map[groupKey]decimal.Decimal{}
	if s == nil {
		return m
	}
	for _, ls := range [][]Line{s.Lines, s.Adjustments} {
		for i := range ls {
			if g, ok := groupOf(&ls[i]); ok {
				m[g] = add(m[g], ls[i].Amount)
			}
		}
	}
	return m
}

// creditOf returns the credit s gives deal (reversals aside) and whether
// it has any.
func creditOf(s *Statement, deal string) (decimal.Decimal, bool) {
	if s == nil {
		return zero, false
	}
	sum, found := zero, false
	for i := range s.Credits {
		if c := &s.Credits[i]; c.Deal == deal && !c.Reversal {
			sum, found = add(sum, c.Amount), true
		}
	}
	return sum, found
}

// diff appends to out the true-ups of rep r's locked statement for period
// p against its restatement.
func (e *engine) diff(r int32, p int, restated, locked *Statement, out []Line) []Line {
	period := e.d.periods[p]
	want, got := groups(restated), groups(locked)
	for g, v := range e.already[trueKey{r, period.Start}] {
		got[g] = add(got[g], v)
	}
	keys := make([]groupKey, 0, len(want)+len(got))
	for k := range want {
		keys = append(keys, k)
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			keys = append(keys, k)
		}
	}
	order := func(id string) int {
		return slices.IndexFunc(e.d.comps, func(c component) bool { return c.id == id })
	}
	slices.SortFunc(keys, func(a, b groupKey) int {
		if a.group != b.group {
			return cmp.Compare(a.group, b.group)
		}
		if a.component != b.component {
			return cmp.Compare(order(a.component), order(b.component))
		}
		return strings.Compare(a.deal, b.deal)
	})
	for _, k := range keys {
		now, then := want[k], got[k]
		if now.Equal(then) {
			continue
		}
		l := Line{Kind: LineTrueUp, Component: k.component, Deal: k.deal, Key: period.String(), Ref: period.Start,
			Was: then, Value: now, Amount: sub(now, then), Places: e.d.plan.Rounding.Places}
		switch k.group {
		case groupDeal:
			before, was := creditOf(locked, k.deal)
			after, is := creditOf(restated, k.deal)
			switch {
			case is && !was:
				l.Code, l.Basis = CodeTrueUpAdded, after
			case was && !is:
				l.Code, l.From = CodeTrueUpRemoved, before
			case !before.Equal(after):
				l.Code, l.From, l.Basis = CodeTrueUpCredit, before, after
			default:
				l.Code = CodeTrueUpRecalculated
			}
		case groupClawback:
			l.Code = CodeTrueUpClawback
		default:
			l.Code = CodeTrueUpComponent
			if k.component == "" {
				l.Code = CodeTrueUpPeriod
			}
		}
		out = append(out, l)
	}
	return out
}
