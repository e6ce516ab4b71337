package incentive_test

import (
	"fmt"

	"github.com/saleskit/saleskit/incentive"
	"github.com/shopspring/decimal"
)

// Example is the worked example of the package documentation: three deals
// against a 100,000 quota on marginal attainment tiers.
// TestDocExampleIsExample keeps the two the same code.
func Example() {
	def, err := incentive.DecodePlan([]byte(`{"id": "ae-2025", "start": "2025-01-01", "end": "2026-01-01",
		"period": "quarter", "rounding": {"places": 2}, "reps": [{"id": "ana", "quota": "100000"}],
		"components": [{"id": "revenue", "type": "tiered", "basis": "attainment", "tiers": [
			{"from": "0", "to": "1", "rate": "0.08"},
			{"from": "1", "to": "1.5", "rate": "0.12"},
			{"from": "1.5", "rate": "0.15"}]}]}`), nil)
	if err != nil {
		panic(err)
	}
	txs := []incentive.Transaction{
		{ID: "D1", Rep: "ana", Amount: decimal.NewFromInt(70_000), Booked: incentive.MustDate("2025-01-10")},
		{ID: "D2", Rep: "ana", Amount: decimal.NewFromInt(60_000), Booked: incentive.MustDate("2025-02-10")},
		{ID: "D3", Rep: "ana", Amount: decimal.NewFromInt(30_000), Booked: incentive.MustDate("2025-03-10")},
	}
	stmts, err := incentive.Compute(def, incentive.MustDate("2025-03-31"), txs, nil)
	if err != nil {
		panic(err)
	}
	s := stmts[0]
	fmt.Println(s.Rep, s.Period)
	for _, l := range s.Lines {
		fmt.Printf("  %s %8s  %s\n", l.Deal, l.Amount.StringFixed(2), l.Reason())
	}
	fmt.Println("  payout", s.Payout.StringFixed(2))
	fmt.Println(" ", s.Lines[2].Reason().Text("zh-CN"))
	// Output:
	// ana 2025-Q1
	//   D1  5600.00  Tier 1, 0%–100% of quota: 70,000.00 × 8% = 5,600.00
	//   D2  2400.00  Tier 1, 0%–100% of quota: 30,000.00 × 8% = 2,400.00
	//   D2  3600.00  Tier 2, 100%–150% of quota: 30,000.00 × 12% = 3,600.00
	//   D3  2400.00  Tier 2, 100%–150% of quota: 20,000.00 × 12% = 2,400.00
	//   D3  1500.00  Tier 3, 150% of quota and above: 10,000.00 × 15% = 1,500.00
	//   payout 15500.00
	//   第 2 档（配额的 100%–150%）：30,000.00 × 12% = 3,600.00
}
