package target_test

import (
	"errors"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/saleskit/saleskit/target"
	"github.com/shopspring/decimal"
)

// orgUnits is a three-level tree: company → regions (by last year's sales
// 5:3:2) → teams (by headcount) → reps (even).
func orgUnits() []target.Unit {
	return []target.Unit{
		{ID: "co", Name: "Company"},
		{ID: "east", Parent: "co", Weight: d("5")},
		{ID: "north", Parent: "co", Weight: d("3")},
		{ID: "south", Parent: "co", Weight: d("2")},
		{ID: "east-a", Parent: "east", Weight: d("4")},
		{ID: "east-b", Parent: "east", Weight: d("3")},
		{ID: "rep1", Parent: "east-a", Weight: d("1")},
		{ID: "rep2", Parent: "east-a", Weight: d("1")},
		{ID: "rep3", Parent: "east-a", Weight: d("1")},
	}
}

func TestSplitTreeThreeLevels(t *testing.T) {
	tree, err := target.SplitTree(d("10000000"), orgUnits(), 2)
	if err != nil {
		t.Fatal(err)
	}
	// Regions 5:3:2 of 10,000,000. East's teams 4:3 of 5,000,000:
	// 2,857,142.857… and 2,142,857.142… → floors .85 and .14 (sum
	// 4,999,999.99), the cent goes to the larger remainder (.7 > .3): team A.
	// Team A's 2,857,142.86 / 3 = 952,380.953… → .95 ×3 = 2,857,142.85, the
	// cent to rep1.
	want := []struct {
		id     string
		depth  int
		target string
	}{
		{"co", 0, "10000000"},
		{"east", 1, "5000000"},
		{"east-a", 2, "2857142.86"},
		{"rep1", 3, "952380.96"},
		{"rep2", 3, "952380.95"},
		{"rep3", 3, "952380.95"},
		{"east-b", 2, "2142857.14"},
		{"north", 1, "3000000"},
		{"south", 1, "2000000"},
	}
	if len(tree.Units) != len(want) {
		t.Fatalf("%d units, want %d", len(tree.Units), len(want))
	}
	for i, w := range want {
		u := tree.Units[i]
		if u.ID != w.id || u.Depth != w.depth || !u.Target.Equal(d(w.target)) {
			t.Errorf("unit %d = %s depth %d target %s, want %s depth %d target %s", i, u.ID, u.Depth, u.Target, w.id, w.depth, w.target)
		}
		if u.Members > 0 && !u.Gap.IsZero() {
			t.Errorf("%s has gap %s without an own target", u.ID, u.Gap)
		}
	}
	if len(tree.Gaps()) != 0 {
		t.Errorf("Gaps() = %v, want none", tree.Gaps())
	}
}

func TestSplitTreeOwnTargetAndRollUp(t *testing.T) {
	units := orgUnits()
	// North's manager sets 3,300,000 on the region (pressure above the
	// 3,000,000 share); East-B sets 2,000,000 on itself.
	units[2].Target = decimal.NewNullDecimal(d("3300000"))
	units[5].Target = decimal.NewNullDecimal(d("2000000"))
	tree, err := target.SplitTree(d("10000000"), units, 2)
	if err != nil {
		t.Fatal(err)
	}
	north, _ := tree.Unit("north")
	if !north.Allocated.Equal(d("3000000")) || !north.Target.Equal(d("3300000")) || !north.Own {
		t.Errorf("north = %+v", north)
	}
	// Company members: 5,000,000 + 3,300,000 + 2,000,000 = 10,300,000, so
	// the company's gap is 10,000,000 − 10,300,000 = −300,000. East's
	// members: 2,857,142.86 + 2,000,000 = 4,857,142.86, gap 142,857.14.
	gaps := tree.Gaps()
	if len(gaps) != 2 || gaps[0].ID != "co" || !gaps[0].Gap.Equal(d("-300000")) ||
		gaps[1].ID != "east" || !gaps[1].Gap.Equal(d("142857.14")) {
		t.Fatalf("Gaps() = %+v", gaps)
	}
	rolled := tree.RollUp()
	if g := rolled.Gaps(); len(g) != 0 {
		t.Errorf("after RollUp, Gaps() = %+v", g)
	}
	east, _ := rolled.Unit("east")
	co, _ := rolled.Unit("co")
	if !east.Target.Equal(d("4857142.86")) || !co.Target.Equal(d("10157142.86")) {
		t.Errorf("rolled east = %s, company = %s; want 4857142.86, 10157142.86", east.Target, co.Target)
	}
	// RollUp does not touch the original.
	if co0, _ := tree.Unit("co"); !co0.Target.Equal(d("10000000")) {
		t.Errorf("RollUp changed the original tree: company = %s", co0.Target)
	}
}

func TestSplitTreeErrors(t *testing.T) {
	u := func(id, parent, w string) target.Unit { return target.Unit{ID: id, Parent: parent, Weight: d(w)} }
	tests := []struct {
		name  string
		units []target.Unit
		want  error
	}{
		{"no root", []target.Unit{u("a", "b", "1"), u("b", "a", "1")}, target.ErrTree},
		{"two roots", []target.Unit{u("a", "", "1"), u("b", "", "1")}, target.ErrTree},
		{"duplicate", []target.Unit{u("a", "", "1"), u("a", "a", "1")}, target.ErrTree},
		{"unknown parent", []target.Unit{u("a", "", "1"), u("b", "x", "1")}, target.ErrTree},
		{"empty id", []target.Unit{u("", "", "1")}, target.ErrTree},
		{"cycle below root", []target.Unit{u("r", "", "1"), u("a", "b", "1"), u("b", "a", "1")}, target.ErrTree},
		{"negative weight", []target.Unit{u("r", "", "1"), u("a", "r", "-1")}, target.ErrNegativeWeight},
		{"zero weights", []target.Unit{u("r", "", "1"), u("a", "r", "0"), u("b", "r", "0")}, target.ErrZeroWeights},
		{"own target too precise", []target.Unit{u("r", "", "1"), {ID: "a", Parent: "r", Weight: d("1"), Target: decimal.NewNullDecimal(d("1.001"))}}, target.ErrPrecision},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := target.SplitTree(d("100"), tt.units, 2)
			if !errors.Is(err, tt.want) {
				t.Fatalf("SplitTree error = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestSplitTreeProperty(t *testing.T) {
	// On random trees every unit's members add up exactly to it.
	rng := rand.New(rand.NewPCG(7, 8))
	for range 200 {
		n := 1 + rng.IntN(40)
		units := []target.Unit{{ID: "u0"}}
		for i := 1; i < n; i++ {
			units = append(units, target.Unit{ID: "u" + big.NewInt(int64(i)).String(),
				Parent: units[rng.IntN(i)].ID, Weight: decimal.NewFromInt(1 + rng.Int64N(9))})
		}
		total := decimal.New(rng.Int64N(1e12), -2)
		tree, err := target.SplitTree(total, units, 2)
		if err != nil {
			t.Fatal(err)
		}
		if len(tree.Gaps()) != 0 {
			t.Fatalf("gaps without own targets: %+v", tree.Gaps())
		}
		if !tree.Units[0].Target.Equal(total) {
			t.Fatalf("root = %s, want %s", tree.Units[0].Target, total)
		}
	}
}
