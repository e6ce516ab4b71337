package target_test

import (
	"errors"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/saleskit/saleskit/target"
	"github.com/shopspring/decimal"
)

func margins(labels []string, totals []decimal.Decimal) []target.Margin {
	out := make([]target.Margin, len(totals))
	for i := range totals {
		l := ""
		if labels != nil {
			l = labels[i]
		}
		out[i] = target.Margin{Label: l, Total: totals[i]}
	}
	return out
}

// checkGrid asserts the controlled-rounding guarantees: exact margins and
// every cell within one unit of R_i·C_j/T.
func checkGrid(t *testing.T, g target.Grid, places int32) {
	t.Helper()
	var T decimal.Decimal
	for _, r := range g.Rows {
		T = T.Add(r.Total)
	}
	colSums := make([]decimal.Decimal, len(g.Cols))
	for i, r := range g.Rows {
		var rowSum decimal.Decimal
		for j, c := range g.Cols {
			cell := g.Cells[i][j]
			rowSum = rowSum.Add(cell)
			colSums[j] = colSums[j].Add(cell)
			if T.IsZero() {
				continue
			}
			exact := new(big.Rat).SetFrac(r.Total.Mul(c.Total).Shift(places+40).BigInt(), T.Shift(40).BigInt())
			diff := new(big.Rat).Sub(new(big.Rat).SetInt(cell.Shift(places).BigInt()), exact)
			if diff.Abs(diff).Cmp(big.NewRat(1, 1)) >= 0 {
				t.Fatalf("cell (%d,%d) = %s is a unit or more from %s", i, j, cell, exact.FloatString(4))
			}
		}
		if !rowSum.Equal(r.Total) {
			t.Fatalf("row %d adds up to %s, want %s", i, rowSum, r.Total)
		}
	}
	for j, c := range g.Cols {
		if !colSums[j].Equal(c.Total) {
			t.Fatalf("column %d adds up to %s, want %s", j, colSums[j], c.Total)
		}
	}
}

func TestSplitGridSmall(t *testing.T) {
	// Rows 1 and 1, columns 1 and 1, whole units: every exact cell is ½.
	// Rounding up by decreasing remainder, ties to the earlier row then
	// column: (0,0) up; (0,1) row full; (1,0) column full; (1,1) up.
	g, err := target.SplitGrid(margins(nil, ds("1", "1")), margins(nil, ds("1", "1")), 0)
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"1", "0"}, {"0", "1"}}
	for i := range want {
		for j := range want[i] {
			if !g.Cells[i][j].Equal(d(want[i][j])) {
				t.Fatalf("cells = %v, want %v", g.Cells, want)
			}
		}
	}
}

func TestSplitGridThreeByTwelve(t *testing.T) {
	// Three regions' annual targets against the company's months, which
	// come from seasonal shares 6,6,8,8,8,9,8,8,9,9,10,11 (sum 100).
	rows := margins([]string{"east", "north", "south"}, ds("4321987.65", "3456789.01", "2221223.34"))
	months, err := target.Allocate(d("10000000"), ds("6", "6", "8", "8", "8", "9", "8", "8", "9", "9", "10", "11"), 2)
	if err != nil {
		t.Fatal(err)
	}
	labels := []string{"01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12"}
	g, err := target.SplitGrid(rows, margins(labels, months), 2)
	if err != nil {
		t.Fatal(err)
	}
	checkGrid(t, g, 2)
	// East in January: 4,321,987.65 × 600,000 / 10,000,000 = 259,319.259 →
	// 259,319.25 or .26.
	if c := g.Cells[0][0]; !c.Equal(d("259319.25")) && !c.Equal(d("259319.26")) {
		t.Errorf("east January = %s", c)
	}
	if cells, err := g.CellList(); err != nil || len(cells) != 36 || cells[13].Unit != "north" || cells[13].Period != "02" {
		t.Errorf("CellList()[13] = %+v of %d", cells[13], len(cells))
	}
}

func TestSplitGridProperty(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for range 300 {
		m, n := 1+rng.IntN(8), 1+rng.IntN(14)
		places := int32(rng.IntN(3))
		rows := make([]decimal.Decimal, m)
		for i := range rows {
			if rng.IntN(5) > 0 {
				rows[i] = decimal.New(rng.Int64N(1_000_000), -places)
			}
		}
		var T decimal.Decimal
		for _, r := range rows {
			T = T.Add(r)
		}
		w := make([]decimal.Decimal, n)
		for j := range w {
			w[j] = decimal.NewFromInt(rng.Int64N(20))
		}
		w[0] = w[0].Add(decimal.NewFromInt(1))
		cols, err := target.Allocate(T, w, places)
		if err != nil {
			t.Fatal(err)
		}
		g, err := target.SplitGrid(margins(nil, rows), margins(nil, cols), places)
		if err != nil {
			t.Fatalf("SplitGrid(%v, %v): %v", rows, cols, err)
		}
		checkGrid(t, g, places)
	}
}

func TestSplitGridErrors(t *testing.T) {
	tests := []struct {
		name       string
		rows, cols []decimal.Decimal
		want       error
	}{
		{"no rows", nil, ds("1"), target.ErrNoParts},
		{"no cols", ds("1"), nil, target.ErrNoParts},
		{"mismatch", ds("1", "2"), ds("4"), target.ErrMismatch},
		{"negative", ds("-1", "2"), ds("1"), target.ErrInvalid},
		{"precision", ds("1.001"), ds("1.001"), target.ErrPrecision},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := target.SplitGrid(margins(nil, tt.rows), margins(nil, tt.cols), 2)
			if !errors.Is(err, tt.want) {
				t.Fatalf("SplitGrid error = %v, want %v", err, tt.want)
			}
		})
	}
}
