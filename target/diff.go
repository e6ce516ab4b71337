package target

import "github.com/shopspring/decimal"

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

// CellChange is one changed cell between two plans, as Diff lists them.
type CellChange struct {
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
func (c CellChange) Equal(d CellChange) bool {
	return c.Unit == d.Unit && c.Period == d.Period && c.Old.Equal(d.Old) && c.New.Equal(d.New) &&
		c.Added == d.Added && c.Removed == d.Removed
}

// Delta returns New − Old.
func (c CellChange) Delta() decimal.Decimal { return c.New.Sub(c.Old) }

// Diff lists every cell whose amount differs between the old and the new
// plan, cells being matched on (unit, period): first the changed and added
// cells in the new plan's order, then the removed cells in the old plan's
// order. Amounts are compared by value, so 100 and 100.00 are the same. A
// CRM keeps the list as the plan's change log. If a plan lists the same cell
// twice, the last one counts.
func Diff(old, new []Cell) []CellChange {
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
	var out []CellChange
	for _, c := range order {
		k := key{c.Unit, c.Period}
		amount := after[k]
		o, ok := before[k]
		switch {
		case !ok:
			out = append(out, CellChange{Unit: c.Unit, Period: c.Period, New: amount, Added: true})
		case !o.Equal(amount):
			out = append(out, CellChange{Unit: c.Unit, Period: c.Period, Old: o, New: amount})
		}
	}
	seen := make(map[key]bool, len(old))
	for _, c := range old {
		k := key{c.Unit, c.Period}
		if _, kept := after[k]; kept || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, CellChange{Unit: c.Unit, Period: c.Period, Old: before[k], Removed: true})
	}
	return out
}
