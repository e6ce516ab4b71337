package incentive_test

import (
	"errors"
	"fmt"

	"github.com/saleskit/saleskit/incentive"
	"github.com/shopspring/decimal"
)

// A plan with several bad values: every one is reported, with the path a
// plan editor can highlight.
func ExampleDecodePlan() {
	_, err := incentive.DecodePlan([]byte(`{"start": "2025-01-01", "end": "2024-01-01",
		"reps": [{"id": "ana", "quota": "-5"}],
		"components": [{"id": "revenue", "type": "tiered", "tiers": [
			{"from": "0", "to": "100000", "rate": "0.05"},
			{"from": "90000", "rate": "0.08"}]}]}`), nil)
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		fmt.Println(e)
	}
	fmt.Println(errors.Is(err, incentive.ErrTiers), errors.Is(err, incentive.ErrNegative))
	// Output:
	// incentive: end "2024-01-01": invalid period: end 2024-01-01 is not after start 2025-01-01
	// incentive: reps[0].quota "-5": negative value
	// incentive: components[0].tiers[1].from "90000": tiers out of order: tier 2 starts at 90000 but tier 1 ends at 100000
	// true true
}

// A deal split 60/40 between two reps, with a solutions engineer on
// overlay: the revenue credits add up to the deal to the cent.
func ExampleCredits() {
	def, err := incentive.DecodePlan([]byte(`{"start": "2025-01-01", "end": "2026-01-01", "rounding": {"places": 2},
		"crediting": {"overlay": true},
		"reps": [{"id": "ana"}, {"id": "bo"}, {"id": "se-li"}],
		"components": [{"id": "base", "type": "flat", "rate": "0.05"}]}`), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	credits, err := incentive.Credits(def, []incentive.Transaction{{
		ID: "D7", Amount: decimal.RequireFromString("100000.01"), Booked: incentive.MustDate("2025-04-02"),
		Splits: []incentive.Split{
			{Rep: "ana", Share: decimal.RequireFromString("0.6")},
			{Rep: "bo", Share: decimal.RequireFromString("0.4")},
			{Rep: "se-li", Share: decimal.RequireFromString("0.5"), Overlay: true},
		},
	}})
	if err != nil {
		fmt.Println(err)
		return
	}
	// 100,000.01 × 0.6 = 60,000.006 and × 0.4 = 40,000.004: the floors
	// leave a cent, which goes to the larger remainder, ana's.
	for _, c := range credits {
		fmt.Printf("%-6s %-8s %s\n", c.Rep, c.Type, c.Amount)
	}
	// Output:
	// ana    direct   60000.01
	// bo     direct   40000
	// se-li  overlay  50000.01
}

// A locked period is never rewritten: a deal cancelled after Q1 closed
// is recovered in Q2, naming Q1.
func ExampleComputeOptions_locked() {
	def, err := incentive.DecodePlan([]byte(`{"start": "2025-01-01", "end": "2026-01-01", "period": "quarter",
		"rounding": {"places": 2}, "reps": [{"id": "ana"}],
		"components": [{"id": "base", "type": "flat", "rate": "0.10"}]}`), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	deal := incentive.Transaction{ID: "D1", Rep: "ana", Amount: decimal.NewFromInt(20_000), Booked: incentive.MustDate("2025-02-10")}
	q1, err := incentive.Compute(def, incentive.MustDate("2025-03-31"), []incentive.Transaction{deal}, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("Q1 payout", q1[0].Payout) // stored and locked by the CRM

	deal.Amount = decimal.NewFromInt(15_000) // the customer took less
	q2, err := incentive.Compute(def, incentive.MustDate("2025-06-30"), []incentive.Transaction{deal},
		&incentive.ComputeOptions{Locked: q1})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, l := range q2[0].Adjustments {
		fmt.Println(l.Amount, l.Reason())
	}
	fmt.Println("Q2 payout", q2[0].Payout)
	// Q2 has nothing else to pay, so the -500 true-up is not paid as a
	// negative payout: it is carried forward as owed.

	// Output:
	// Q1 payout 2000
	// -500 Correction to 2025-Q1: deal D1's credit changed from 20,000.00 to 15,000.00, so it earns 1,500.00 instead of 2,000.00: -500.00
	// 500 The payout would be -500.00: 0 is paid and 500.00 is carried forward as owed
	// Q2 payout 0
}

// Compare shows who gains and who loses when a plan changes.
func ExampleCompare() {
	plan := func(rate string) *incentive.Definition {
		def, err := incentive.DecodePlan([]byte(`{"start": "2025-01-01", "end": "2026-01-01", "period": "quarter",
			"rounding": {"places": 2}, "reps": [{"id": "ana"}, {"id": "bo"}],
			"components": [{"id": "base", "type": "flat", "rate": "`+rate+`"}]}`), nil)
		if err != nil {
			panic(err)
		}
		return def
	}
	txs := []incentive.Transaction{
		{ID: "D1", Rep: "ana", Amount: decimal.NewFromInt(50_000), Booked: incentive.MustDate("2025-01-15")},
		{ID: "D2", Rep: "bo", Amount: decimal.NewFromInt(10_000), Booked: incentive.MustDate("2025-02-15")},
	}
	day := incentive.MustDate("2025-03-31")
	before, err := incentive.Compute(plan("0.08"), day, txs, nil)
	if err != nil {
		panic(err)
	}
	after, err := incentive.Compute(plan("0.10"), day, txs, nil)
	if err != nil {
		panic(err)
	}
	c, err := incentive.Compare(before, after)
	if err != nil {
		panic(err)
	}
	for _, r := range c.Reps {
		fmt.Println(r.Rep, r.Before, "→", r.After)
	}
	fmt.Println("total", c.Before, "→", c.After, "gainers", c.Gainers)
	// Output:
	// ana 4000 → 5000
	// bo 800 → 1000
	// total 4800 → 6000 gainers 2
}

// A plan built in Go rather than decoded from JSON, with a second version
// of its component raising the rate from July; the same checks apply.
func ExampleBuild() {
	plan := incentive.Plan{
		ID: "se-2025", Start: incentive.MustDate("2025-01-01"), End: incentive.MustDate("2026-01-01"),
		Rounding: incentive.Rounding{Places: 2},
		Reps:     []incentive.Rep{{ID: "ana", Quota: decimal.NewFromInt(50_000)}},
		Components: []incentive.Component{
			{ID: "base", Type: incentive.TypeFlat, Rate: decimal.RequireFromString("0.06")},
			{ID: "base", Type: incentive.TypeFlat, Rate: decimal.RequireFromString("0.07"), Effective: incentive.MustDate("2025-07-01")},
		},
	}
	def, err := incentive.Build(plan, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	txs := []incentive.Transaction{
		{ID: "D1", Rep: "ana", Amount: decimal.NewFromInt(10_000), Booked: incentive.MustDate("2025-06-30")},
		{ID: "D2", Rep: "ana", Amount: decimal.NewFromInt(10_000), Booked: incentive.MustDate("2025-07-01")},
	}
	for _, day := range []string{"2025-06-30", "2025-07-31"} {
		stmts, err := incentive.Compute(def, incentive.MustDate(day), txs, nil)
		if err != nil {
			fmt.Println(err)
			return
		}
		for _, l := range stmts[0].Lines {
			fmt.Println(stmts[0].Period, l.Reason())
		}
	}

	plan.Components[1].Rate = decimal.RequireFromString("-0.07")
	_, err = incentive.Build(plan, nil)
	fmt.Println(err)
	// Output:
	// 2025-06 base: 10,000.00 × 6% = 600.00
	// 2025-07 base: 10,000.00 × 7% = 700.00
	// incentive: components[1].rate "-0.07": negative value
}
