package target

import (
	"fmt"
	"strconv"

	"github.com/shopspring/decimal"
)

// NestedPlan is a plan split level by level, such as year → quarters →
// months → weeks: the first level splits the total, and every period of each
// further level lies inside one period of the level above, whose target its
// periods add up to exactly.
type NestedPlan struct {
	Levels []PlanLevel `json:"levels"`
}

// PlanLevel is one level of a NestedPlan: its periods in date order, and for
// each the index in the level above of the period it lies in (none for the
// first level).
type PlanLevel struct {
	Grain   Grain          `json:"grain,omitempty"`
	Periods []PeriodTarget `json:"periods"`
	Parents []int          `json:"parents,omitempty"`
}

// Level returns the periods of the level of grain g, or nil when n has no
// such level. Each level is a whole plan of its own, for Track and Replan.
func (n NestedPlan) Level(g Grain) []PeriodTarget {
	for _, l := range n.Levels {
		if l.Grain == g {
			return l.Periods
		}
	}
	return nil
}

// Children returns the periods of level+1 that lie in period i of level.
func (n NestedPlan) Children(level, i int) []PeriodTarget {
	if level < 0 || level+1 >= len(n.Levels) {
		return nil
	}
	next := n.Levels[level+1]
	var out []PeriodTarget
	for k, p := range next.Parents {
		if p == i {
			out = append(out, next.Periods[k])
		}
	}
	return out
}

// SplitNested splits total over the calendar dates [start, end) level by
// level: into periods of grains[0], then each of those into periods of
// grains[1] inside it, and so on, every level rounded to places decimal
// places. grains run from coarse to fine (Quarter, Month, Week, Day, each
// at most once, any left out): year → quarters → months → weeks is
// []Grain{Quarter, Month, Week}. Quarters follow opts.FiscalYearStart.
//
// Each period of a level is split by Allocate over its children, so every
// level adds up exactly to its parent's part, and every level to the total.
// Separate splits do not nest: SplitTime into quarters and SplitTime into
// months each round against the total on their own, so a quarter and the
// months in it may differ by up to a unit of the last place per month. The
// price of nesting is that a period is within one unit per level of its
// exact share of the total, where a separate split keeps it within one.
//
// Weeks do not nest in months: a week across a month's end is cut at it,
// and its two parts, one in each month, are labelled with the week and their
// parent's label ("2025-W05/2025-01" and "2025-W05/2025-02"), so every
// label in a level is unique. Whole weeks keep their plain label.
//
// Every level is weighed as opts says, as SplitTime weighs it: even within
// each parent, by calendar or working days, or by seasonal shares. Explicit
// weights are one per period of the finest level; a coarser period weighs
// the sum of its periods' weights.
//
// SplitNested returns the errors of SplitTime, and a *FieldError wrapping
// ErrNoParts for no grains and ErrUnknownName or ErrInvalid for a grain
// without a name or out of order (grains[i]).
func SplitNested(total decimal.Decimal, start, end Date, grains []Grain, places int32, opts *SplitOptions) (NestedPlan, error) {
	o, fy, err := checkSplit(total, start, end, opts)
	if err != nil {
		return NestedPlan{}, err
	}
	if len(grains) == 0 {
		return NestedPlan{}, fieldErr("grains", "", ErrNoParts)
	}
	for i, g := range grains {
		field := "grains[" + strconv.Itoa(i) + "]"
		switch {
		case !grainNames.valid(int(g)):
			return NestedPlan{}, fieldErr(field, g.String(), ErrUnknownName)
		case i > 0 && g <= grains[i-1]:
			return NestedPlan{}, fieldErr(field, g.String(), fmt.Errorf("%w: grains run from coarse to fine, each once; %s follows %s", ErrInvalid, g, grains[i-1]))
		}
	}
	// The periods of every level, and their parents.
	n := NestedPlan{Levels: make([]PlanLevel, len(grains))}
	top, err := periodsOf(start, end, grains[0], fy, nil)
	if err != nil {
		return NestedPlan{}, err
	}
	periods := [][]Period{top}
	for k := 1; k < len(grains); k++ {
		var level []Period
		var parents []int
		for i, p := range periods[k-1] {
			before := len(level)
			if level, err = periodsOf(p.Start, p.End, grains[k], fy, level); err != nil {
				return NestedPlan{}, err
			}
			if len(level) > maxPeriods {
				return NestedPlan{}, fieldErr("end", end.String(), fmt.Errorf("%w: more than %d %ss from %s", ErrSpan, maxPeriods, grains[k], start))
			}
			for range len(level) - before {
				parents = append(parents, i)
			}
		}
		uniqueLabels(level, parents, periods[k-1])
		periods = append(periods, level)
		n.Levels[k].Parents = parents
	}
	for k, g := range grains {
		n.Levels[k].Grain = g
		n.Levels[k].Periods = weigh(periods[k], o, fy)
	}
	finest := n.Levels[len(grains)-1].Periods
	if o.Weighting == Explicit {
		if len(o.Weights) != len(finest) {
			return NestedPlan{}, fieldErr("opts.weights", strconv.Itoa(len(o.Weights))+" weights",
				fmt.Errorf("%w: the span has %d periods at the finest level (%s)", ErrMismatch, len(finest), grains[len(grains)-1]))
		}
		for i := range finest {
			finest[i].Weight = o.Weights[i]
		}
		for k := len(grains) - 1; k > 0; k-- {
			up := n.Levels[k-1].Periods
			sums := make([]adder, len(up))
			for i, p := range n.Levels[k].Periods {
				sums[n.Levels[k].Parents[i]].add(p.Weight)
			}
			for i := range up {
				up[i].Weight = sums[i].sum()
			}
		}
	}
	// Split top-down: the total over the first level, then each part over
	// its children.
	if err := share(total, n.Levels[0].Periods, places, o, start, end); err != nil {
		return NestedPlan{}, err
	}
	for k := 1; k < len(grains); k++ {
		level := n.Levels[k]
		for i, lo := 0, 0; lo < len(level.Periods); i++ {
			hi := lo
			for hi < len(level.Periods) && level.Parents[hi] == i {
				hi++
			}
			if hi == lo {
				continue
			}
			parent := n.Levels[k-1].Periods[i]
			kids := level.Periods[lo:hi]
			if parent.Target.IsZero() && allZeroWeight(kids) {
				for j := range kids {
					kids[j].Target = decimal.New(0, -places)
				}
			} else if err := share(parent.Target, kids, places, o, parent.Start, parent.End); err != nil {
				return NestedPlan{}, err
			}
			lo = hi
		}
	}
	return n, nil
}

func allZeroWeight(ps []PeriodTarget) bool {
	for _, p := range ps {
		if !p.Weight.IsZero() {
			return false
		}
	}
	return true
}

// uniqueLabels gives the parts of a period cut by a parent's boundary (a
// week across a month's end) their parent's label after a slash, so that
// labels within a level are unique.
func uniqueLabels(level []Period, parents []int, up []Period) {
	count := make(map[string]int, len(level))
	for _, p := range level {
		count[p.Label]++
	}
	for i, p := range level {
		if count[p.Label] > 1 {
			level[i].Label = p.Label + "/" + up[parents[i]].Label
		}
	}
}
