package target

import (
	"math/big"
	"testing"
)

func TestRoundUpCellsAugments(t *testing.T) {
	// Rows need 1 and 1, columns 1 and 1; cell (1,1) has no remainder. The
	// greedy pass rounds up (0,0), the largest, and leaves row 1 stuck:
	// (1,0)'s column is full and (1,1) may not move. The augmenting path
	// row 1 → (1,0) up → column 0 → (0,0) down → row 0 → (0,1) up fixes it.
	rem := [][]*big.Int{{big.NewInt(5), big.NewInt(3)}, {big.NewInt(4), big.NewInt(0)}}
	up, err := roundUpCells(rem, []int{1, 1}, []int{1, 1})
	if err != nil {
		t.Fatal(err)
	}
	if up[0][0] || !up[0][1] || !up[1][0] || up[1][1] {
		t.Fatalf("roundUpCells = %v, want [[false true] [true false]]", up)
	}
	// With no solution it reports so instead of looping or panicking.
	if _, err := roundUpCells([][]*big.Int{{big.NewInt(0)}}, []int{1}, []int{1}); err != errNoRounding {
		t.Fatalf("impossible rounding: err = %v, want errNoRounding", err)
	}
}
