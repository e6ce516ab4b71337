package incentive_test

import (
	"fmt"
	"math/rand/v2"

	"github.com/saleskit/saleskit/incentive"
	"github.com/shopspring/decimal"
)

// genOptions bound what genPlan makes.
type genOptions struct {
	clawbacks bool // cancellations, clawbacks and credit notes
	monotone  bool // only rules that pay more for more credit
	starts    bool // reps who start mid-period
}

var genStart = incentive.MustDate("2025-01-01")

// genPlan makes a random monthly plan of six months from rng: reps with
// quotas, one to three components of the built-in types the naive
// implementation covers, and maybe caps, a clawback policy and a draw.
func genPlan(rng *rand.Rand, o genOptions) incentive.Plan {
	p := incentive.Plan{ID: "gen", Start: genStart, End: genStart.AddDays(181)} // 2025-07-01
	p.Rounding.Places = 2
	p.Rounding.Mode = incentive.RoundingMode(rng.IntN(3))
	p.Rounding.Stage = incentive.RoundingStage(rng.IntN(2))
	if o.monotone {
		p.Rounding.Stage = incentive.OnTotal
	}
	for i := range 2 + rng.IntN(4) {
		r := incentive.Rep{ID: fmt.Sprintf("r%d", i)}
		if rng.IntN(5) > 0 {
			r.Quota = decimal.NewFromInt(int64(10+rng.IntN(90)) * 1000)
		}
		if o.starts && rng.IntN(4) == 0 {
			r.Start = genStart.AddDays(rng.IntN(150))
		}
		p.Reps = append(p.Reps, r)
	}
	for i := range 1 + rng.IntN(3) {
		p.Components = append(p.Components, genComponent(rng, fmt.Sprintf("c%d", i), o))
	}
	if rng.IntN(3) == 0 {
		p.Cap = &incentive.Cap{Excess: incentive.CapExcess(rng.IntN(2))}
		if rng.IntN(2) == 0 {
			p.Cap.PerPeriod = decimal.NewFromInt(int64(1+rng.IntN(10)) * 500)
		}
		if rng.IntN(2) == 0 {
			p.Cap.PerYear = decimal.NewFromInt(int64(1+rng.IntN(10)) * 2000)
		}
	}
	if o.clawbacks && rng.IntN(2) == 0 {
		p.Clawback = &incentive.Clawback{WithinDays: rng.IntN(3) * 30, Basis: incentive.ClawbackBasis(rng.IntN(3)),
			ReducesAttainment: rng.IntN(2) == 0}
		if p.Clawback.Basis == incentive.RecoverPercentage {
			p.Clawback.Percent = decimal.New(int64(1+rng.IntN(100)), -2)
		}
	}
	if rng.IntN(3) == 0 {
		p.Draw = &incentive.Draw{Kind: incentive.DrawKind(rng.IntN(2)), Amount: decimal.NewFromInt(int64(1+rng.IntN(6)) * 250)}
		if p.Draw.Kind == incentive.Recoverable {
			if rng.IntN(2) == 0 {
				p.Draw.RecoveryRate = decimal.New(int64(1+rng.IntN(100)), -2)
			}
			p.Draw.AfterPeriods = rng.IntN(3)
			p.Draw.Floor = rng.IntN(2) == 0
		}
	}
	p.Negative = incentive.NegativePayout(rng.IntN(2))
	return p
}

var genProducts = []string{"cloud", "onprem", "services"}

func genComponent(rng *rand.Rand, id string, o genOptions) incentive.Component {
	k := incentive.Component{ID: id}
	rate := func() decimal.Decimal { return decimal.New(int64(rng.IntN(20)), -2) }
	switch rng.IntN(5) {
	case 0:
		k.Type, k.Rate = incentive.TypeFlat, rate()
	case 1:
		k.Type, k.Amount = incentive.TypePerDeal, decimal.NewFromInt(int64(rng.IntN(5))*50)
		if rng.IntN(2) == 0 {
			k.Filter.Kinds = []incentive.DealKind{incentive.New}
		}
	case 2:
		k.Type, k.Measure, k.Amount = incentive.TypePerUnit, incentive.Units, decimal.NewFromInt(int64(rng.IntN(5))*10)
	case 3:
		k.Type = incentive.TypeMilestones
		at := 0
		for range 1 + rng.IntN(3) {
			at += 25 * (1 + rng.IntN(4))
			k.Milestones = append(k.Milestones, incentive.Milestone{At: decimal.New(int64(at), -2), Amount: decimal.NewFromInt(int64(rng.IntN(10)) * 100)})
		}
	default:
		k.Type = incentive.TypeTiered
		k.Basis = incentive.TierBasis(rng.IntN(2))
		k.Accumulate = incentive.Accumulate(rng.IntN(2))
		k.Method = incentive.Method(rng.IntN(2))
		k.Boundary = incentive.Boundary(rng.IntN(2))
		from := decimal.Zero
		r := int64(rng.IntN(8))
		n := 1 + rng.IntN(4)
		for j := range n {
			t := incentive.Tier{From: from, Rate: decimal.New(r, -2), Retroactive: rng.IntN(3) == 0}
			if o.monotone {
				r += int64(rng.IntN(5))
			} else {
				r = int64(rng.IntN(15))
			}
			if j < n-1 || rng.IntN(4) == 0 {
				var step decimal.Decimal
				if k.Basis == incentive.BasisAttainment {
					step = decimal.New(int64(10*(1+rng.IntN(10))), -2)
				} else {
					step = decimal.NewFromInt(int64(1+rng.IntN(20)) * 1000)
				}
				to := from.Add(step)
				t.To = &to
				from = to
			}
			k.Tiers = append(k.Tiers, t)
		}
		if o.monotone && k.Tiers[len(k.Tiers)-1].To != nil {
			k.Tiers[len(k.Tiers)-1].To = nil // nothing is paid above a closed top tier
		}
	}
	if rng.IntN(4) == 0 {
		k.Filter.Products = []string{genProducts[rng.IntN(len(genProducts))]}
	}
	if rng.IntN(5) == 0 {
		k.Threshold = decimal.New(int64(10*rng.IntN(8)), -2)
	}
	if rng.IntN(5) == 0 {
		k.Cap = &incentive.Cap{}
		if rng.IntN(2) == 0 {
			k.Cap.PerDeal = decimal.NewFromInt(int64(1+rng.IntN(10)) * 100)
		} else {
			k.Cap.PerPeriod = decimal.NewFromInt(int64(1+rng.IntN(10)) * 400)
		}
	}
	return k
}

// genTxs makes n transactions for p's reps: amounts in whole hundreds,
// splits on a fifth of them, and with clawbacks some credit notes and
// cancellations.
func genTxs(rng *rand.Rand, p incentive.Plan, n int, o genOptions) []incentive.Transaction {
	txs := make([]incentive.Transaction, 0, n)
	for i := range n {
		t := incentive.Transaction{
			ID:      fmt.Sprintf("t%03d", i),
			Amount:  decimal.NewFromInt(int64(1+rng.IntN(300)) * 100),
			Units:   decimal.NewFromInt(int64(rng.IntN(4))),
			Product: genProducts[rng.IntN(len(genProducts))],
			Kind:    incentive.DealKind(rng.IntN(3)),
			Booked:  genStart.AddDays(rng.IntN(181)),
		}
		if o.clawbacks && rng.IntN(12) == 0 {
			t.Amount = t.Amount.Neg()
		}
		if rng.IntN(40) == 0 {
			t.Amount = decimal.Zero // a deal recorded at nothing
		}
		if rng.IntN(5) == 0 && len(p.Reps) > 1 {
			a, b := rng.IntN(len(p.Reps)), rng.IntN(len(p.Reps)-1)
			if b >= a {
				b++
			}
			share := decimal.New(int64(1+rng.IntN(99)), -2)
			t.Splits = []incentive.Split{{Rep: p.Reps[a].ID, Share: share}, {Rep: p.Reps[b].ID, Share: decimal.NewFromInt(1).Sub(share)}}
			// Odd cents make the split's remainders matter.
			t.Amount = t.Amount.Add(decimal.New(int64(rng.IntN(100)), -2))
		} else {
			t.Rep = p.Reps[rng.IntN(len(p.Reps))].ID
		}
		if o.clawbacks && rng.IntN(8) == 0 {
			t.Cancelled = t.Booked.AddDays(rng.IntN(100))
		}
		txs = append(txs, t)
	}
	return txs
}
