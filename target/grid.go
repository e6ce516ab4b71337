package target

import (
	"cmp"
	"errors"
	"fmt"
	"math/big"
	"slices"
	"strconv"

	"github.com/shopspring/decimal"
)

// Margin is one row or column of a two-way plan: a label (a unit, a period)
// and the total its cells must add up to.
type Margin struct {
	Label string          `json:"label"`
	Total decimal.Decimal `json:"total"`
}

// Equal reports whether m and n have the same label and total.
func (m Margin) Equal(n Margin) bool { return m.Label == n.Label && m.Total.Equal(n.Total) }

// Grid is a two-way plan, such as org units × months: Cells[i][j] is row i's
// target in column j. Every row adds up to its Rows total and every column to
// its Cols total, exactly.
type Grid struct {
	Rows  []Margin            `json:"rows"`
	Cols  []Margin            `json:"cols"`
	Cells [][]decimal.Decimal `json:"cells"`
}

// CellList lists the grid's cells, row by row, for Diff. It validates the
// grid first (see Validate), so a grid decoded from bad data is an error,
// never a panic.
func (g Grid) CellList() ([]Cell, error) {
	if err := g.Validate(); err != nil {
		return nil, err
	}
	out := make([]Cell, 0, len(g.Rows)*len(g.Cols))
	for i, r := range g.Rows {
		for j, c := range g.Cols {
			out = append(out, Cell{Unit: r.Label, Period: c.Label, Amount: g.Cells[i][j]})
		}
	}
	return out, nil
}

// Validate reports a grid that is not a whole two-way plan, as a
// *FieldError: Cells without one row per row and one cell per column
// (ErrMismatch), a decimal whose exponent is beyond ±MaxExponent
// (ErrInvalid), and a row or a column whose cells do not add up to its total
// (ErrMismatch, every one, joined). A grid from SplitGrid is always valid;
// one decoded from storage should be validated before use.
func (g Grid) Validate() error {
	if len(g.Cells) != len(g.Rows) {
		return fieldErr("cells", strconv.Itoa(len(g.Cells))+" rows", fmt.Errorf("%w: the grid has %d rows", ErrMismatch, len(g.Rows)))
	}
	for i, row := range g.Cells {
		if len(row) != len(g.Cols) {
			return fieldErr("cells["+strconv.Itoa(i)+"]", strconv.Itoa(len(row))+" cells",
				fmt.Errorf("%w: the grid has %d columns", ErrMismatch, len(g.Cols)))
		}
		for j, c := range row {
			if err := checkExp("cells["+strconv.Itoa(i)+"]["+strconv.Itoa(j)+"]", c); err != nil {
				return err
			}
		}
	}
	for i, m := range g.Rows {
		if err := checkExp("rows["+strconv.Itoa(i)+"].total", m.Total); err != nil {
			return err
		}
	}
	for j, m := range g.Cols {
		if err := checkExp("cols["+strconv.Itoa(j)+"].total", m.Total); err != nil {
			return err
		}
	}
	var errs []error
	for i, m := range g.Rows {
		var s adder
		for _, c := range g.Cells[i] {
			s.add(c)
		}
		if sum := s.sum(); !sum.Equal(m.Total) {
			errs = append(errs, fieldErr("rows["+strconv.Itoa(i)+"].total", m.Total.String(),
				fmt.Errorf("%w: row %s's cells add up to %s", ErrMismatch, m.Label, formatAmount(sum))))
		}
	}
	for j, m := range g.Cols {
		var s adder
		for i := range g.Rows {
			s.add(g.Cells[i][j])
		}
		if sum := s.sum(); !sum.Equal(m.Total) {
			errs = append(errs, fieldErr("cols["+strconv.Itoa(j)+"].total", m.Total.String(),
				fmt.Errorf("%w: column %s's cells add up to %s", ErrMismatch, m.Label, formatAmount(sum))))
		}
	}
	return joinErrs(errs)
}

// errNoRounding should never be seen: it means the controlled rounding found
// no solution, which the proof on SplitGrid rules out.
var errNoRounding = errors.New("target: controlled rounding found no solution")

// SplitGrid builds a two-way plan whose rows add up exactly to rows' totals
// and whose columns add up exactly to cols' totals, every cell rounded to
// places decimal places: for example each region's annual target (rows)
// against the company's monthly targets (columns), themselves from Allocate
// or SplitTime.
//
// The exact plan is the proportional one, x_ij = R_i·C_j / T, where R_i and
// C_j are the row and column totals and T is the grand total: row i gets
// each month in the company's proportions. Each cell is then rounded to one
// of the two multiples of the last place next to x_ij (controlled rounding):
//
//  1. Every cell starts at ⌊x_ij⌋. Row i then lacks r_i = R_i − Σ_j ⌊x_ij⌋
//     units and column j lacks c_j = C_j − Σ_i ⌊x_ij⌋ units, where a unit is
//     10^-places.
//  2. A unit may be added only to a cell with a fractional part e_ij > 0, at
//     most one per cell. The fractional parts themselves satisfy Σ_j e_ij =
//     r_i and Σ_i e_ij = c_j (the exact plan has exact margins), so they are a
//     fractional solution of this bipartite transport problem; its constraint
//     matrix is totally unimodular, so a 0/1 solution exists too.
//  3. It is found by a greedy pass that rounds up cells in order of
//     decreasing e_ij (ties to the earlier row, then column), followed by
//     augmenting paths (row → cell to round up → column → cell to round back
//     down → …) until every row and column is whole.
//
// So every cell is within one unit of its exact share, every row and column
// total is exact, and the plan is deterministic.
//
// SplitGrid returns a *FieldError wrapping ErrNoParts for no rows or no
// columns, ErrPlaces, ErrPrecision for a total with more decimal places than
// places, ErrInvalid for a negative total, and ErrMismatch when the rows and
// the columns do not add up to the same grand total (the message says by how
// much).
func SplitGrid(rows, cols []Margin, places int32) (Grid, error) {
	switch {
	case len(rows) == 0:
		return Grid{}, fieldErr("rows", "", ErrNoParts)
	case len(cols) == 0:
		return Grid{}, fieldErr("cols", "", ErrNoParts)
	}
	if err := checkPlaces(places); err != nil {
		return Grid{}, err
	}
	R, rowSum, err := marginUnits("rows", rows, places)
	if err != nil {
		return Grid{}, err
	}
	C, colSum, err := marginUnits("cols", cols, places)
	if err != nil {
		return Grid{}, err
	}
	if rowSum.Cmp(colSum) != 0 {
		return Grid{}, fieldErr("cols", "", fmt.Errorf("%w: rows add up to %s and columns to %s", ErrMismatch,
			formatAmount(decimal.NewFromBigInt(rowSum, -places)), formatAmount(decimal.NewFromBigInt(colSum, -places))))
	}
	m, n := len(rows), len(cols)
	cells := make([][]*big.Int, m)
	rem := make([][]*big.Int, m)
	needRow := make([]int, m)
	needCol := make([]int, n)
	colFloor := make([]*big.Int, n)
	for j := range colFloor {
		colFloor[j] = new(big.Int)
	}
	for i := range m {
		cells[i] = make([]*big.Int, n)
		rem[i] = make([]*big.Int, n)
		rowFloor := new(big.Int)
		for j := range n {
			q, r := new(big.Int), new(big.Int)
			if rowSum.Sign() > 0 {
				q.QuoRem(new(big.Int).Mul(R[i], C[j]), rowSum, r)
			}
			cells[i][j], rem[i][j] = q, r
			rowFloor.Add(rowFloor, q)
			colFloor[j].Add(colFloor[j], q)
		}
		needRow[i] = int(new(big.Int).Sub(R[i], rowFloor).Int64())
	}
	for j := range n {
		needCol[j] = int(new(big.Int).Sub(C[j], colFloor[j]).Int64())
	}
	up, err := roundUpCells(rem, needRow, needCol)
	if err != nil {
		return Grid{}, err
	}
	g := Grid{Rows: slices.Clone(rows), Cols: slices.Clone(cols), Cells: make([][]decimal.Decimal, m)}
	one := big.NewInt(1)
	for i := range m {
		g.Cells[i] = make([]decimal.Decimal, n)
		for j := range n {
			if up[i][j] {
				cells[i][j].Add(cells[i][j], one)
			}
			g.Cells[i][j] = decimal.NewFromBigInt(cells[i][j], -places)
		}
	}
	return g, nil
}

// marginUnits converts margin totals to integer units of 10^-places.
func marginUnits(field string, ms []Margin, places int32) ([]*big.Int, *big.Int, error) {
	out := make([]*big.Int, len(ms))
	sum := new(big.Int)
	for i, mg := range ms {
		f := field + "[" + strconv.Itoa(i) + "].total"
		if err := checkExp(f, mg.Total); err != nil {
			return nil, nil, err
		}
		if mg.Total.Sign() < 0 {
			return nil, nil, fieldErr(f, mg.Total.String(), fmt.Errorf("%w: negative total", ErrInvalid))
		}
		if err := checkFits(f, mg.Total, places); err != nil {
			return nil, nil, err
		}
		out[i] = mg.Total.Shift(places).BigInt()
		sum.Add(sum, out[i])
	}
	return out, sum, nil
}

// roundUpCells chooses which cells to round up: at most one unit per cell
// with a positive remainder, needRow[i] in row i and needCol[j] in column j.
func roundUpCells(rem [][]*big.Int, needRow, needCol []int) ([][]bool, error) {
	m, n := len(needRow), len(needCol)
	up := make([][]bool, m)
	type cell struct{ i, j int }
	var cand []cell
	for i := range m {
		up[i] = make([]bool, n)
		for j := range n {
			if rem[i][j].Sign() > 0 {
				cand = append(cand, cell{i, j})
			}
		}
	}
	slices.SortFunc(cand, func(a, b cell) int {
		if c := rem[b.i][b.j].Cmp(rem[a.i][a.j]); c != 0 {
			return c
		}
		if c := cmp.Compare(a.i, b.i); c != 0 {
			return c
		}
		return cmp.Compare(a.j, b.j)
	})
	rowLeft, colLeft := slices.Clone(needRow), slices.Clone(needCol)
	for _, c := range cand {
		if rowLeft[c.i] > 0 && colLeft[c.j] > 0 {
			up[c.i][c.j] = true
			rowLeft[c.i]--
			colLeft[c.j]--
		}
	}
	// Augmenting paths from a row that still lacks units to a column that
	// still lacks units: row → (round up) column → (round down) row → …
	for i0 := range m {
		for rowLeft[i0] > 0 {
			prevRow := make([]int, n) // the row we reached column j from
			for j := range prevRow {
				prevRow[j] = -1
			}
			prevCol := make([]int, m) // the column we reached row i from
			for i := range prevCol {
				prevCol[i] = -2
			}
			prevCol[i0] = -1
			queue := []int{i0}
			end := -1
			for len(queue) > 0 && end < 0 {
				i := queue[0]
				queue = queue[1:]
				for j := range n {
					if prevRow[j] >= 0 || up[i][j] || rem[i][j].Sign() == 0 {
						continue
					}
					prevRow[j] = i
					if colLeft[j] > 0 {
						end = j
						break
					}
					for k := range m {
						if up[k][j] && prevCol[k] == -2 {
							prevCol[k] = j
							queue = append(queue, k)
						}
					}
				}
			}
			if end < 0 {
				return nil, errNoRounding
			}
			colLeft[end]--
			rowLeft[i0]--
			for j := end; j >= 0; {
				i := prevRow[j]
				up[i][j] = true
				back := prevCol[i]
				if back < 0 {
					break
				}
				up[i][back] = false
				j = back
			}
		}
	}
	return up, nil
}
