package incentive_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/saleskit/saleskit/incentive"
	"github.com/shopspring/decimal"
)

// TestWideMeasure sums a Custom measure whose values have more than 18
// digits (up to 10^15 with 12 places), split and not, credit notes among
// them: a component's measure reads such a credit's decimal, not its int64
// coefficient, and must be the exact sum of the credits' values.
func TestWideMeasure(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	one := decimal.NewFromInt(1)
	p := incentive.Plan{ID: "wide", Start: incentive.MustDate("2025-01-01"), End: incentive.MustDate("2025-04-01"), Period: incentive.Quarter}
	p.Rounding.Places = 2
	p.Reps = []incentive.Rep{{ID: "ana"}, {ID: "ben"}}
	p.Components = []incentive.Component{{ID: "pts", Type: incentive.TypeTiered, Measure: incentive.Custom, Key: "pts",
		Tiers: []incentive.Tier{{From: decimal.Zero, To: &one, Rate: decimal.RequireFromString("0.01")}, {From: one, Rate: decimal.RequireFromString("0.02")}}}}
	d, err := incentive.Build(p, nil)
	if err != nil {
		t.Fatal(err)
	}
	var txs []incentive.Transaction
	want := map[string]decimal.Decimal{}
	for i := range 60 {
		v := decimal.New(rng.Int64N(1e15), 0).Add(decimal.New(rng.Int64N(1e12), -12)) // 27 digits
		if i%5 == 0 {
			v = v.Neg()
		}
		tx := incentive.Transaction{ID: fmt.Sprintf("D%d", i), Amount: decimal.NewFromInt(100), Booked: incentive.MustDate("2025-01-02").AddDays(i),
			Values: map[string]decimal.Decimal{"pts": v}}
		if i%3 == 0 {
			share := decimal.New(int64(1+rng.IntN(99)), -2)
			tx.Splits = []incentive.Split{{Rep: "ana", Share: share}, {Rep: "ben", Share: one.Sub(share)}}
			want["ana"] = want["ana"].Add(v.Mul(share))
			want["ben"] = want["ben"].Add(v.Mul(one.Sub(share)))
		} else {
			tx.Rep = []string{"ana", "ben"}[i%2]
			want[tx.Rep] = want[tx.Rep].Add(v)
		}
		txs = append(txs, tx)
	}
	st, err := incentive.Compute(d, p.Start, txs, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range st {
		if err := s.Check(); err != nil {
			t.Fatal(err)
		}
		if got := s.Subtotals[0].Measure; !got.Equal(want[s.Rep]) || got.NumDigits() <= 18 {
			t.Errorf("%s: measure %s, want %s (beyond 18 digits)", s.Rep, got, want[s.Rep])
		}
	}
}

// TestRepLookup checks that the rep found for one deal is not the next
// deal's: runs of one rep, reps alternating, a rep the plan does not know
// after one it does, and split reps between them.
func TestRepLookup(t *testing.T) {
	p := incentive.Plan{ID: "reps", Start: incentive.MustDate("2025-01-01"), End: incentive.MustDate("2025-04-01"), Period: incentive.Quarter}
	p.Rounding.Places = 2
	p.Reps = []incentive.Rep{{ID: "ana"}, {ID: "ben"}, {ID: "cy"}}
	p.Components = []incentive.Component{{ID: "rev", Type: incentive.TypeTiered,
		Tiers: []incentive.Tier{{From: decimal.Zero, Rate: decimal.RequireFromString("0.1")}}}}
	d, err := incentive.Build(p, nil)
	if err != nil {
		t.Fatal(err)
	}
	half := decimal.RequireFromString("0.5")
	var txs []incentive.Transaction
	for i, rep := range []string{"ana", "ana", "ben", "ana", "", "cy", "cy", "ben"} {
		tx := incentive.Transaction{ID: fmt.Sprintf("D%d", i), Rep: rep, Amount: decimal.NewFromInt(int64(100 * (i + 1))), Booked: incentive.MustDate("2025-01-05")}
		if rep == "" {
			tx.Splits = []incentive.Split{{Rep: "cy", Share: half}, {Rep: "ana", Share: half}}
		}
		txs = append(txs, tx)
	}
	cs, err := incentive.Credits(d, txs)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, c := range cs {
		got[c.Deal] += c.Rep + " "
	}
	want := map[string]string{"D0": "ana ", "D1": "ana ", "D2": "ben ", "D3": "ana ", "D4": "ana cy ", "D5": "cy ", "D6": "cy ", "D7": "ben "}
	for deal, reps := range want {
		if got[deal] != reps {
			t.Errorf("%s credited to %q, want %q", deal, got[deal], reps)
		}
	}
	// A rep the plan does not know, after one it does and before it again.
	bad := append(txs[:2:2], incentive.Transaction{ID: "X", Rep: "anna", Amount: decimal.NewFromInt(1), Booked: incentive.MustDate("2025-01-05")}, txs[0])
	bad[3].ID = "Y"
	if _, err := incentive.Credits(d, bad); !errors.Is(err, incentive.ErrUnknownRep) || !strings.Contains(err.Error(), `transactions[2].rep "anna"`) {
		t.Errorf("an unknown rep: %v, want ErrUnknownRep at transactions[2]", err)
	}
}
