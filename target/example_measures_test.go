package target_test

import (
	"fmt"

	"github.com/saleskit/saleskit/target"
	"github.com/shopspring/decimal"
)

func ExampleRetentionRate() {
	// The year starts with 200 customers and ends with 190, 30 of them new:
	// 160 of the 200 stayed.
	r, err := target.RetentionRate(200, 190, 30)
	if err != nil {
		panic(err)
	}
	fmt.Println(r, r.Round(4))
	_, err = target.RetentionRate(200, 190, 250)
	fmt.Println(err)
	// Output:
	// 160/200 0.8
	// target: newCustomers "250": invalid value: more than the 190 customers at the end
}

func ExampleCSAT() {
	// Ten survey answers on a 1–5 scale; 4 and 5 count as satisfied.
	c, err := target.CSAT([]int{5, 4, 4, 3, 5, 2, 4, 5, 1, 4})
	if err != nil {
		panic(err)
	}
	fmt.Printf("%s = %.0f%%\n", c, 100*c.Float64())
	// Output:
	// 7/10 = 70%
}

func ExampleConversionRate() {
	// 42 of 150 leads became opportunities.
	c, err := target.ConversionRate(42, 150)
	if err != nil {
		panic(err)
	}
	fmt.Println(c, c.Round(3))
	// Output:
	// 42/150 0.28
}

func ExampleMarketShare() {
	// Our sales against the whole market's over the same year, in yuan.
	s, err := target.MarketShare(decimal.NewFromInt(12_000_000), decimal.NewFromInt(80_000_000))
	if err != nil {
		panic(err)
	}
	fmt.Println(s.Round(3))
	_, err = target.MarketShare(decimal.NewFromInt(1), decimal.Zero)
	fmt.Println(err)
	// Output:
	// 0.15
	// target: market "0": invalid value: a market must be above zero
}

func ExampleFraction_Compare() {
	// Fractions compare exactly, without rounding: 1/3 is below 0.3334.
	third, _ := target.ConversionRate(1, 3)
	q, _ := target.ConversionRate(3334, 10000)
	fmt.Println(third.Compare(q), third.Defined(), target.Fraction{}.Defined())
	// Output:
	// -1 true false
}
