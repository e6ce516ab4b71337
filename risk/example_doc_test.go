package risk_test

import (
	"fmt"

	"github.com/saleskit/saleskit/risk"
	"github.com/shopspring/decimal"
)

// Example is the worked example of the package documentation: a threat
// scored under the PMBOK preset, and the worth of mitigating it.
// TestDocExampleIsExample keeps the two the same code.
func Example() {
	a, err := risk.Assess(risk.PMBOK(), risk.Risk{
		ID:          "engineer-leaves",
		Probability: risk.Probability{Level: "high"},
		Impact:      risk.Impact{Level: "high", Money: decimal.NewFromInt(250_000)},
		Response: risk.Response{
			Strategy:            risk.Mitigate,
			Actions:             []risk.Action{{Title: "pair a second engineer", Cost: decimal.NewFromInt(40_000)}},
			ResidualProbability: risk.Probability{Level: "low"},
		},
	})
	if err != nil {
		panic(err)
	}
	fmt.Println("inherent:", a.Inherent.Score, a.Inherent.Rating, a.Inherent.EMV)
	fmt.Println("residual:", a.Residual.Score, a.Residual.Rating, a.Residual.EMV)
	fmt.Println("worth:", a.Worth)
	// Output:
	// inherent: 0.28 high -175000
	// residual: 0.12 moderate -75000
	// worth: 60000
}
