package risk_test

import (
	"fmt"

	"github.com/saleskit/saleskit/risk"
	"github.com/shopspring/decimal"
)

// Two weekly snapshots of a register: what moved between them.
func ExampleChanges() {
	money := decimal.NewFromInt
	lastWeek := risk.Register{Risks: []risk.Risk{
		{ID: "budget-cut", Probability: risk.Probability{Level: "moderate"}, Impact: risk.Impact{Level: "high", Money: money(300_000)}},
		{ID: "late-payment", Probability: risk.Probability{Level: "low"}, Impact: risk.Impact{Level: "low", Money: money(20_000)}},
		{ID: "price-war", Probability: risk.Probability{Level: "low"}, Impact: risk.Impact{Level: "moderate", Money: money(100_000)}},
	}}
	thisWeek := risk.Register{Risks: []risk.Risk{
		// A sponsor review is planned: the residual probability drops.
		{ID: "budget-cut", Probability: risk.Probability{Level: "moderate"}, Impact: risk.Impact{Level: "high", Money: money(300_000)},
			Response: risk.Response{Strategy: risk.Mitigate, ResidualProbability: risk.Probability{Level: "very_low"}}},
		{ID: "late-payment", Status: risk.Closed, Probability: risk.Probability{Level: "low"}, Impact: risk.Impact{Level: "low", Money: money(20_000)}},
		{ID: "price-war", Probability: risk.Probability{Level: "very_high"}, Impact: risk.Impact{Level: "high", Money: money(100_000)}},
		{ID: "key-contact-leaves", Probability: risk.Probability{Level: "moderate"}, Impact: risk.Impact{Level: "moderate", Money: money(50_000)}},
	}}
	changes, err := risk.Changes(risk.PMBOK(), lastWeek, thisWeek)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range changes {
		fmt.Printf("%-18s %-12s %q → %q\n", c.ID, c.Kind, c.From, c.To)
	}
	// Output:
	// key-contact-leaves new          "" → "moderate"
	// late-payment       closed       "low" → ""
	// price-war          escalated    "moderate" → "high"
	// budget-cut         de_escalated "high" → "low"
}

func ExampleOverdue() {
	risks := []risk.Risk{
		{ID: "budget-cut", Owner: "Wang Fang", Review: risk.MustDate("2025-06-20")},
		{ID: "price-war", Owner: "Li Na", Review: risk.MustDate("2025-06-30")},
		{ID: "data-law", Owner: "Chen Jie", Review: risk.MustDate("2025-07-01")}, // due today: not yet overdue
		{ID: "late-payment", Owner: "Li Na", Review: risk.MustDate("2025-05-01"), Status: risk.Closed},
	}
	for _, o := range risk.Overdue(risks, risk.MustDate("2025-07-01")) {
		fmt.Printf("%s (%s): %d days overdue\n", o.ID, o.Owner, o.Days)
	}
	// Output:
	// budget-cut (Wang Fang): 11 days overdue
	// price-war (Li Na): 1 days overdue
}

// Totals computed on two workers, shipped as bytes and merged, equal the
// totals of the whole register.
func ExampleTotals() {
	m := risk.PMBOK()
	money := decimal.NewFromInt
	shard := func(risks ...risk.Risk) []byte {
		t := risk.NewTotals(m)
		for _, r := range risks {
			a, err := risk.Assess(m, r)
			if err != nil {
				panic(err)
			}
			if err := t.Add(a); err != nil {
				panic(err)
			}
		}
		b, err := t.MarshalBinary()
		if err != nil {
			panic(err)
		}
		return b
	}
	worker1 := shard(
		risk.Risk{ID: "budget-cut", Category: risk.Customer, Probability: risk.Probability{Level: "moderate"}, Impact: risk.Impact{Level: "high", Money: money(300_000)}},
		risk.Risk{ID: "price-war", Category: risk.Competition, Probability: risk.Probability{Level: "high"}, Impact: risk.Impact{Level: "moderate", Money: money(150_000)}},
	)
	worker2 := shard(
		risk.Risk{ID: "upsell", Kind: risk.Opportunity, Category: risk.Customer, Probability: risk.Probability{Level: "low"}, Impact: risk.Impact{Level: "moderate", Money: money(200_000)}},
	)
	// -0.5 × 300,000 − 0.7 × 150,000 + 0.3 × 200,000 = -195,000.
	var all risk.Totals
	for _, b := range [][]byte{worker1, worker2} {
		var t risk.Totals
		if err := t.UnmarshalBinary(b); err != nil {
			panic(err)
		}
		if err := all.Merge(t); err != nil {
			panic(err)
		}
	}
	fmt.Println("all:", all.All.Count, "risks, net EMV", all.All.Inherent)
	for _, c := range all.ByCategory {
		fmt.Printf("%s: %d, net EMV %s\n", c.Key, c.Count, c.Inherent)
	}
	// Output:
	// all: 3 risks, net EMV -195000
	// competition: 1, net EMV -105000
	// customer: 2, net EMV -90000
}

// The simple preset rates its nine cells from a table rather than from
// score thresholds.
func ExampleSimple() {
	m := risk.Simple()
	a, err := risk.Assess(m, risk.Risk{ID: "integration-late",
		Probability: risk.Probability{Value: decimal.RequireFromString("0.7")},
		Impact:      risk.Impact{Schedule: decimal.RequireFromString("0.08")}})
	if err != nil {
		fmt.Println(err)
		return
	}
	// 0.7 falls in the high probability band (from 0.65), an 8% schedule
	// overrun in the medium impact band (5% to 15%): 0.8 × 2 = 1.6, and
	// the table rates the high × medium cell high.
	e := a.Inherent
	fmt.Printf("%s × %s: score %s, rated %s\n", e.ProbabilityLevel, e.ImpactLevel, e.Score, e.Rating)
	// Output:
	// high × medium: score 1.6, rated high
}
