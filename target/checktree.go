package target

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// SumCheck says whether the children of a goal add up to it.
type SumCheck struct {
	Parent   string   `json:"parent"`
	Children []string `json:"children,omitempty"` // the children summed: same metric and unit
	// Summed is false for a ratio goal: its children are never summed.
	Summed     bool            `json:"summed"`
	Sum        decimal.Decimal `json:"sum"`
	Target     decimal.Decimal `json:"target"`
	Difference decimal.Decimal `json:"difference"` // Sum − Target; negative is short
	OK         bool            `json:"ok"`
	Reason     Reason          `json:"reason"`
}

// TreeAssessment is the SMART judgement of a goal tree: an Assessment per
// goal, in input order, and a SumCheck for every goal that has children, in
// input order of the parents.
type TreeAssessment struct {
	Goals []Assessment `json:"goals"`
	Sums  []SumCheck   `json:"sums,omitempty"`
}

// OK reports whether every goal passes and every additive goal's children
// add up to it.
func (t TreeAssessment) OK() bool {
	for _, r := range t.Goals {
		if !r.OK() {
			return false
		}
	}
	for _, s := range t.Sums {
		if !s.OK {
			return false
		}
	}
	return true
}

// CheckTree checks every goal against its parent, as Check does, and checks
// that the children of every additive goal that share its metric and unit
// add up exactly to its target, saying by how much they miss. Ratio goals are
// never summed: their SumCheck has Summed false and says why. Children
// measured by a driver metric (deal count under revenue) are not summed.
//
// CheckTree returns a *FieldError wrapping ErrTree for an empty or duplicate
// goal ID, and for each cycle of parents one naming the first goal in input
// order that lies on it (errors joined). A parent ID that names no goal is
// not an error: that goal fails Relevant.
func CheckTree(goals []Goal, p *Policy) (TreeAssessment, error) {
	byID := make(map[string]int, len(goals))
	var errs []error
	for i, g := range goals {
		field := "goals[" + strconv.Itoa(i) + "].id"
		if g.ID == "" {
			errs = append(errs, fieldErr(field, "", fmt.Errorf("%w: no id", ErrTree)))
			continue
		}
		if j, dup := byID[g.ID]; dup {
			errs = append(errs, fieldErr(field, g.ID, fmt.Errorf("%w: goals[%d] has the same id", ErrTree, j)))
			continue
		}
		byID[g.ID] = i
	}
	if len(errs) > 0 {
		return TreeAssessment{}, joinErrs(errs)
	}
	if err := checkCycles(goals, byID); err != nil {
		return TreeAssessment{}, err
	}
	var rep TreeAssessment
	children := make(map[string][]int)
	for i, g := range goals {
		var parent *Goal
		if j, ok := byID[g.Parent]; ok && g.Parent != "" {
			parent = &goals[j]
			children[g.Parent] = append(children[g.Parent], i)
		}
		rep.Goals = append(rep.Goals, Check(g, parent, p))
	}
	parents := make([]string, 0, len(children))
	for id := range children {
		parents = append(parents, id)
	}
	slices.SortFunc(parents, func(a, b string) int { return cmp.Compare(byID[a], byID[b]) })
	for _, id := range parents {
		rep.Sums = append(rep.Sums, sumCheck(goals[byID[id]], goals, children[id]))
	}
	return rep, nil
}

// checkCycles reports each cycle of parents once, on the first goal in
// input order that lies on it: "goals[1].parent "c": cycle of parents b → c → b".
func checkCycles(goals []Goal, byID map[string]int) error {
	// state: 0 unseen, 1 on the current walk, 2 done.
	state := make([]uint8, len(goals))
	reported := make([]bool, len(goals))
	var errs []error
	for i := range goals {
		var walk []int
		j, looped := i, false
		for state[j] == 0 {
			state[j] = 1
			walk = append(walk, j)
			k, ok := byID[goals[j].Parent]
			if !ok || goals[j].Parent == "" {
				break
			}
			j = k
			looped = state[j] == 1
		}
		if looped { // the walk came back to a goal on it: a new cycle from j
			at := slices.Index(walk, j)
			cycle := walk[at:]
			first := slices.Min(cycle)
			if !reported[first] {
				reported[first] = true
				// Name the cycle from the first goal on it.
				k := slices.Index(cycle, first)
				ids := make([]string, 0, len(cycle)+1)
				for n := range len(cycle) + 1 {
					ids = append(ids, goals[cycle[(k+n)%len(cycle)]].ID)
				}
				errs = append(errs, fieldErr("goals["+strconv.Itoa(first)+"].parent", goals[first].Parent,
					fmt.Errorf("%w: cycle of parents %s", ErrTree, strings.Join(ids, " → "))))
			}
		}
		for _, w := range walk {
			state[w] = 2
		}
	}
	return joinErrs(errs)
}

func sumCheck(parent Goal, goals []Goal, kids []int) SumCheck {
	s := SumCheck{Parent: parent.ID, Target: parent.Target}
	if !parent.Additive() {
		s.OK = true
		s.Reason = newReason(CodeRatioNotSummed).withText("metric", metricLabel(parent))
		return s
	}
	s.Summed = true
	var sum adder
	for _, k := range kids {
		c := goals[k]
		if sameMetric(c, parent) && c.Unit == parent.Unit {
			s.Children = append(s.Children, c.ID)
			sum.add(c.Target)
		}
	}
	s.Sum = sum.sum()
	s.Difference = s.Sum.Sub(parent.Target)
	switch {
	case len(s.Children) == 0:
		s.OK = true
		s.Reason = newReason(CodeNothingToSum).withText("parent", parent.ID)
	case s.Difference.IsZero():
		s.OK = true
		s.Reason = newReason(CodeChildrenAddUp).withNumber("children", float64(len(s.Children))).withAmount("target", parent.Target)
	case s.Difference.Sign() < 0:
		s.Reason = newReason(CodeChildrenShort).withAmount("sum", s.Sum).withAmount("short", s.Difference.Neg()).
			withAmount("target", parent.Target)
	default:
		s.Reason = newReason(CodeChildrenOver).withAmount("sum", s.Sum).withAmount("over", s.Difference).
			withAmount("target", parent.Target)
	}
	return s
}

// joinErrs is errors.Join that returns a lone error as it is, so
// errors.As finds its *FieldError directly.
func joinErrs(errs []error) error {
	switch len(errs) {
	case 0:
		return nil
	case 1:
		return errs[0]
	}
	return errors.Join(errs...)
}
