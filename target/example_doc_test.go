package target_test

import (
	"fmt"

	"github.com/saleskit/saleskit/target"
	"github.com/shopspring/decimal"
)

// Example is the worked example of the package documentation: 10,000,000
// over four even quarters, then the first quarter over its three months.
// TestDocExampleIsExample keeps the two the same code.
func Example() {
	quarters, err := target.SplitTime(decimal.NewFromInt(10_000_000),
		target.MustDate("2025-01-01"), target.MustDate("2026-01-01"), target.Quarter, 2, nil)
	if err != nil {
		panic(err)
	}
	q1 := quarters[0]
	months, err := target.SplitTime(q1.Target, q1.Start, q1.End, target.Month, 2, nil)
	if err != nil {
		panic(err)
	}
	for _, q := range quarters {
		fmt.Println(q.Label, q.Target.StringFixed(2))
	}
	for _, m := range months {
		fmt.Println(" ", m.Label, m.Target.StringFixed(2))
	}
	// Output:
	// 2025-Q1 2500000.00
	// 2025-Q2 2500000.00
	// 2025-Q3 2500000.00
	// 2025-Q4 2500000.00
	//   2025-01 833333.34
	//   2025-02 833333.33
	//   2025-03 833333.33
}
