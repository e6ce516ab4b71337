package target

import (
	"fmt"
	"strconv"

	"github.com/shopspring/decimal"
)

// Unit is one node of an organisation tree: the company, a region, a team, a
// rep. Units are plain data.
type Unit struct {
	ID     string `json:"id"`
	Parent string `json:"parent,omitempty"` // empty for the root
	Name   string `json:"name,omitempty"`
	// Weight is the unit's claim on its parent's target, against its
	// siblings: headcount, last year's sales, capacity or an explicit share.
	Weight decimal.Decimal `json:"weight"`
	// Target, when valid, is a target set on the unit itself. It replaces the
	// unit's share of its parent, and its members split it instead. A
	// department's target is what was set on it; its completion is the sum
	// over its members.
	Target decimal.NullDecimal `json:"target"`
}

// UnitTarget is one unit's line of a Tree.
type UnitTarget struct {
	ID     string `json:"id"`
	Parent string `json:"parent,omitempty"`
	Name   string `json:"name,omitempty"`
	Depth  int    `json:"depth"` // 0 for the root
	// Allocated is the unit's share of its parent's target.
	Allocated decimal.Decimal `json:"allocated"`
	// Target is the unit's own target when set, else Allocated.
	Target decimal.Decimal `json:"target"`
	Own    bool            `json:"own"` // Target was set on the unit
	// Members is the number of direct members; MembersSum is the sum of
	// their targets and Gap is Target − MembersSum. Both are zero for a leaf.
	Members    int             `json:"members"`
	MembersSum decimal.Decimal `json:"members_sum"`
	Gap        decimal.Decimal `json:"gap"`
}

// Tree is a target split down an organisation, one line per unit in
// depth-first order, members in the order they were given.
type Tree struct {
	Units []UnitTarget `json:"units"`
}

// Unit returns the line of the unit with the given ID.
func (t Tree) Unit(id string) (UnitTarget, bool) {
	for _, u := range t.Units {
		if u.ID == id {
			return u, true
		}
	}
	return UnitTarget{}, false
}

// Gaps returns the units whose target differs from the sum of their
// members' targets, such as a region whose manager set it above the company's
// split, in tree order.
func (t Tree) Gaps() []UnitTarget {
	var out []UnitTarget
	for _, u := range t.Units {
		if u.Members > 0 && !u.Gap.IsZero() {
			out = append(out, u)
		}
	}
	return out
}

// RollUp returns a copy of t in which every unit with members takes the sum
// of its members' targets as its target, from the leaves up, so every gap is
// zero. Leaves keep their targets. Use it when the members' targets are the
// commitment and the organisation's numbers must follow them.
func (t Tree) RollUp() Tree {
	units := make([]UnitTarget, len(t.Units))
	copy(units, t.Units)
	index := make(map[string]int, len(units))
	for i, u := range units {
		index[u.ID] = i
	}
	// Depth-first order puts every member after its parent: walk backwards.
	sums := make([]adder, len(units))
	for i := len(units) - 1; i >= 0; i-- {
		u := &units[i]
		if u.Members > 0 {
			u.Target = sums[i].sum()
			u.MembersSum = u.Target
			u.Gap = decimal.Decimal{}
		}
		if p, ok := index[u.Parent]; ok && u.Parent != "" {
			sums[p].add(u.Target)
		}
	}
	return Tree{Units: units}
}

// SplitTree splits total down the organisation tree given by units. Each
// unit's target is split among its direct members by their weights with
// Allocate (largest remainder, ties to the earlier member), so every level
// adds up exactly to the level above, to places decimal places. A unit with a
// Target of its own keeps it and its members split that instead; the
// difference from its share shows as its parent's Gap.
//
// There must be exactly one root (a unit with no Parent); it is given total,
// or its own Target if set.
//
// SplitTree returns a *FieldError wrapping ErrTree for a missing, empty or
// duplicate ID, an unknown parent, no root or several, or a cycle;
// ErrPrecision for an own target with more decimal places than places; and
// the errors of Allocate for the members of a unit (negative or all-zero
// weights), with the unit named in the field.
func SplitTree(total decimal.Decimal, units []Unit, places int32) (Tree, error) {
	if err := checkPlaces(places); err != nil {
		return Tree{}, err
	}
	index := make(map[string]int, len(units))
	root := -1
	for i, u := range units {
		field := "units[" + strconv.Itoa(i) + "]"
		if u.Target.Valid {
			if err := checkExp(field+".target", u.Target.Decimal); err != nil {
				return Tree{}, err
			}
		}
		if u.ID == "" {
			return Tree{}, fieldErr(field+".id", "", fmt.Errorf("%w: no id", ErrTree))
		}
		if u.Target.Valid {
			if err := checkFits(field+".target", u.Target.Decimal, places); err != nil {
				return Tree{}, err
			}
		}
		if _, dup := index[u.ID]; dup {
			return Tree{}, fieldErr(field+".id", u.ID, fmt.Errorf("%w: duplicate id", ErrTree))
		}
		index[u.ID] = i
		if u.Parent == "" {
			if root >= 0 {
				return Tree{}, fieldErr(field+".parent", "", fmt.Errorf("%w: second root (first is %q)", ErrTree, units[root].ID))
			}
			root = i
		}
	}
	if root < 0 {
		return Tree{}, fieldErr("units", "", fmt.Errorf("%w: no root", ErrTree))
	}
	members := make([][]int, len(units))
	for i, u := range units {
		if u.Parent == "" {
			continue
		}
		p, ok := index[u.Parent]
		if !ok {
			return Tree{}, fieldErr("units["+strconv.Itoa(i)+"].parent", u.Parent, fmt.Errorf("%w: unknown parent", ErrTree))
		}
		members[p] = append(members[p], i)
	}
	if err := checkExp("total", total); err != nil {
		return Tree{}, err
	}
	if err := checkFits("total", total, places); err != nil {
		return Tree{}, err
	}

	out := make([]UnitTarget, 0, len(units))
	type frame struct {
		unit      int
		depth     int
		allocated decimal.Decimal
	}
	stack := []frame{{root, 0, total}}
	for len(stack) > 0 {
		f := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		u := units[f.unit]
		line := UnitTarget{ID: u.ID, Parent: u.Parent, Name: u.Name, Depth: f.depth,
			Allocated: f.allocated, Target: f.allocated, Own: u.Target.Valid, Members: len(members[f.unit])}
		if u.Target.Valid {
			line.Target = u.Target.Decimal
		}
		if kids := members[f.unit]; len(kids) > 0 {
			weights := make([]decimal.Decimal, len(kids))
			for k, m := range kids {
				weights[k] = units[m].Weight
			}
			unit := "units[" + strconv.Itoa(f.unit) + "]"
			names := weightNames{list: unit, item: func(k int) string { return "units[" + strconv.Itoa(kids[k]) + "].weight" },
				zero: func() error {
					return fieldErr(unit, u.ID, fmt.Errorf("%w: the weights of its members are all zero", ErrZeroWeights))
				}}
			parts, err := allocate(line.Target, weights, places, names)
			if err != nil {
				return Tree{}, err
			}
			for k := len(kids) - 1; k >= 0; k-- {
				stack = append(stack, frame{kids[k], f.depth + 1, parts[k]})
			}
		}
		out = append(out, line)
	}
	if len(out) != len(units) {
		return Tree{}, fieldErr("units", "", fmt.Errorf("%w: %d units are not reachable from root %q (a cycle of parents)",
			ErrTree, len(units)-len(out), units[root].ID))
	}
	// Members' sums and gaps, from the leaves up.
	pos := make(map[string]int, len(out))
	for i, l := range out {
		pos[l.ID] = i
	}
	sums := make([]adder, len(out))
	for i := len(out) - 1; i > 0; i-- {
		sums[pos[out[i].Parent]].add(out[i].Target)
	}
	for i := range out {
		if out[i].Members > 0 {
			out[i].MembersSum = sums[i].sum()
			out[i].Gap = out[i].Target.Sub(out[i].MembersSum)
		}
	}
	return Tree{Units: out}, nil
}
