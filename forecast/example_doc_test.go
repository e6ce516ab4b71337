package forecast_test

import (
	"fmt"

	"github.com/saleskit/saleskit/forecast"
	"github.com/shopspring/decimal"
)

// Example is the worked example of the package documentation: seven deals
// closing in July 2026, by forecast category. TestDocExampleIsExample
// keeps the two the same code.
func Example() {
	p, err := forecast.NewPipeline(forecast.B2B(), 2, nil)
	if err != nil {
		panic(err)
	}
	d := forecast.MustDate
	half := 0.5
	deals := []forecast.Deal{
		{ID: "A", Amount: decimal.RequireFromString("120000.00"), Stage: "negotiation", CloseDate: d("2026-07-10")},
		{ID: "B", Amount: decimal.RequireFromString("80000.00"), Stage: "proposal", CloseDate: d("2026-07-15")},
		{ID: "C", Amount: decimal.RequireFromString("50000.00"), Stage: "qualified", CloseDate: d("2026-07-20")},
		{ID: "D", Amount: decimal.RequireFromString("33333.33"), Stage: "lead", CloseDate: d("2026-07-31")},
		{ID: "E", Amount: decimal.RequireFromString("60000.00"), Stage: "won", CloseDate: d("2026-07-02")},
		{ID: "F", Amount: decimal.RequireFromString("40000.00"), Stage: "lost", CloseDate: d("2026-07-03")},
		{ID: "G", Amount: decimal.RequireFromString("10000.05"), Stage: "proposal", Probability: &half, CloseDate: d("2026-07-25")},
	}
	if err := p.AddAll(deals); err != nil {
		panic(err)
	}
	july := p.Report(nil).Periods[0]
	for _, c := range july.Categories {
		fmt.Printf("%-9s %d deals %10s weighted %9s\n", c.Category, c.Deals, c.Amount.StringFixed(2), c.Weighted.StringFixed(2))
	}
	f := july.Forecasts
	fmt.Println("open pipeline", f.OpenPipeline.Amount.StringFixed(2))
	fmt.Println("best case    ", f.BestCase.Amount.StringFixed(2))
	fmt.Println("commit       ", f.Commit.Amount.StringFixed(2))
	fmt.Println("closed       ", f.Closed.Amount.StringFixed(2))
	fmt.Println("expected     ", july.Expected.StringFixed(2))
	// Output:
	// pipeline  2 deals   83333.33 weighted  15833.33
	// best_case 2 deals   90000.05 weighted  45000.02
	// commit    1 deals  120000.00 weighted  90000.00
	// closed    1 deals   60000.00 weighted  60000.00
	// omitted   1 deals   40000.00 weighted      0.00
	// open pipeline 293333.38
	// best case     270000.05
	// commit        180000.00
	// closed        60000.00
	// expected      210833.35
}
