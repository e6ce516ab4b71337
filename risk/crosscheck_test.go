package risk_test

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/saleskit/saleskit/risk"
	"github.com/shopspring/decimal"
)

// decimalEqual makes go-cmp compare decimals by value.
var decimalEqual = cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) })

// crossMatrices are the matrices the cross-checks run on: both presets
// and a matrix with money and days bands whose scores round half even.
func crossMatrices() map[string]*risk.Matrix {
	s := risk.PMBOK().Spec()
	s.Name, s.Rounding, s.Places = "money", risk.HalfEven, 2
	for k, from := range []int64{0, 10_000, 50_000, 200_000, 1_000_000} {
		s.Impact[k].Bands = append(s.Impact[k].Bands, risk.Band{Measure: risk.MeasureMoney, From: money(from)},
			risk.Band{Measure: risk.MeasureDays, From: money(int64(k * 5))})
	}
	withMoney, err := risk.NewMatrix(s)
	if err != nil {
		panic(err)
	}
	return map[string]*risk.Matrix{"pmbok": risk.PMBOK(), "simple": risk.Simple(), "money": withMoney}
}

// TestAssessCrossCheck: Assess agrees with the naive assessment on every
// generated risk of every matrix, field for field.
func TestAssessCrossCheck(t *testing.T) {
	for name, m := range crossMatrices() {
		t.Run(name, func(t *testing.T) {
			s := m.Spec()
			rng := rand.New(rand.NewPCG(1, uint64(len(name))))
			for k := range 5000 {
				r := genRisk(rng, s, k)
				got, err := risk.Assess(m, r)
				want, ok := naiveAssess(s, r)
				if (err == nil) != ok {
					t.Fatalf("Assess(%+v): error %v, naive ok %v", r, err, ok)
				}
				if err != nil {
					clearError(t, err)
					continue
				}
				if diff := cmp.Diff(want, got, decimalEqual); diff != "" {
					t.Fatalf("Assess(%+v) differs from the naive assessment (-want +got):\n%s", r, diff)
				}
			}
		})
	}
}

// TestReportCrossCheck: a register's totals and heat map equal the naive
// sums of its naive assessments; HeatMap.Place builds the same heat map
// without assessing money.
func TestReportCrossCheck(t *testing.T) {
	m := risk.PMBOK()
	s := m.Spec()
	rng := rand.New(rand.NewPCG(2, 2))
	for round := range 20 {
		g := genRegister(rng, s, 1+rng.IntN(400))
		rep, err := g.Report(m, nil)
		if err != nil {
			t.Fatal(err)
		}
		naive := naiveRegister(t, s, g.Risks)
		if diff := cmp.Diff(naiveTotals(s, naive), rep.Totals, decimalEqual); diff != "" {
			t.Fatalf("round %d: totals differ from the naive sums (-want +got):\n%s", round, diff)
		}
		want := naiveHeatMap(s, naive)
		if diff := cmp.Diff(want, rep.HeatMap); diff != "" {
			t.Fatalf("round %d: heat map differs from the naive counts (-want +got):\n%s", round, diff)
		}
		placed := risk.NewHeatMap(m)
		for _, r := range g.Risks {
			if err := placed.Place(m, r); err != nil {
				t.Fatal(err)
			}
		}
		if diff := cmp.Diff(want, placed); diff != "" {
			t.Fatalf("round %d: HeatMap.Place differs from the naive counts (-want +got):\n%s", round, diff)
		}
	}
}

// TestDecideCrossCheck: Decide's EMV and path agree with the naive roll
// back on generated trees.
func TestDecideCrossCheck(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 3))
	for range 2000 {
		root := genTree(rng, 0)
		v, err := risk.Decide(root)
		if err != nil {
			t.Fatalf("Decide(%+v): %v", root, err)
		}
		emv, path := naiveDecide(root)
		if !v.EMV.Equal(emv) {
			t.Fatalf("Decide EMV = %s, want %s", v.EMV, emv)
		}
		if diff := cmp.Diff(path, v.Path()); diff != "" {
			t.Fatalf("Decide path differs (-want +got):\n%s", diff)
		}
	}
}

// genTree returns a valid decision tree of depth at most 4.
func genTree(rng *rand.Rand, depth int) risk.Node {
	n := risk.Node{Name: "n" + string(rune('a'+rng.IntN(26))), Cost: decimal.New(rng.Int64N(3)*rng.Int64N(10_000), 0)}
	kind := rng.IntN(3)
	if depth >= 4 {
		kind = 2
	}
	switch kind {
	case 0:
		n.Kind = risk.Decision
		for range 1 + rng.IntN(3) {
			n.Children = append(n.Children, genTree(rng, depth+1))
		}
	case 1:
		n.Kind = risk.Chance
		k := 1 + rng.IntN(3)
		left := int64(100)
		for c := range k {
			child := genTree(rng, depth+1)
			p := left
			if c < k-1 {
				p = rng.Int64N(left + 1)
			}
			left -= p
			child.Probability = decimal.New(p, -2)
			n.Children = append(n.Children, child)
		}
	default:
		n.Kind = risk.End
		n.Payoff = decimal.New(rng.Int64N(1_000_000)-200_000, -int32(rng.IntN(3)))
	}
	return n
}

// TestTopCrossCheck: Top's heap selection equals the first n of a full
// stable sort by the documented order, for every n, ranking and side.
func TestTopCrossCheck(t *testing.T) {
	m := risk.PMBOK()
	rng := rand.New(rand.NewPCG(7, 7))
	rep, err := genRegister(rng, m.Spec(), 300).Report(m, nil)
	if err != nil {
		t.Fatal(err)
	}
	as := rep.Assessments
	for _, by := range []risk.RankBy{risk.ByEMV, risk.ByScore} {
		for _, side := range []risk.Side{risk.Inherent, risk.Residual} {
			sorted := slices.Clone(as)
			pick := func(a risk.Assessment) risk.Exposure {
				if side == risk.Residual {
					return a.Residual
				}
				return a.Inherent
			}
			slices.SortStableFunc(sorted, func(a, b risk.Assessment) int {
				x, y := pick(a), pick(b)
				keys := []int{y.EMV.Abs().Cmp(x.EMV.Abs()), y.Score.Cmp(x.Score)}
				if by == risk.ByScore {
					keys[0], keys[1] = keys[1], keys[0]
				}
				for _, k := range keys {
					if k != 0 {
						return k
					}
				}
				return strings.Compare(a.ID, b.ID)
			})
			for _, n := range []int{0, 1, 7, 64, 299, 300, 1000} {
				got := risk.Top(as, n, by, side)
				want := sorted[:min(n, len(sorted))]
				if diff := cmp.Diff(want, got, decimalEqual); diff != "" {
					t.Fatalf("Top(%d, %s, %s) differs from a full sort (-want +got):\n%s", n, by, side, diff)
				}
			}
		}
	}
}
