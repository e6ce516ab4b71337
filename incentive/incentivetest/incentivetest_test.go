package incentivetest_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/saleskit/saleskit/incentive"
	"github.com/saleskit/saleskit/incentive/incentivetest"
	"github.com/shopspring/decimal"
)

type rule = incentive.RuleFunc

// twoPercent is a well-behaved rule: 2% of every credit but reversals.
var twoPercent = rule(func(in incentive.Input, lines []incentive.Line) ([]incentive.Line, error) {
	rate := decimal.RequireFromString("0.02")
	for _, c := range in.Credits {
		if !c.Reversal {
			lines = append(lines, incentive.Line{Deal: c.Deal, Date: c.Date, Basis: c.Amount, Rate: rate, Amount: c.Amount.Mul(rate)})
		}
	}
	return lines, nil
})

func TestRuleAcceptsAWellBehavedRule(t *testing.T) {
	if err := incentivetest.TestRule(twoPercent); err != nil {
		t.Fatal(err)
	}
}

func TestRuleFindsEveryProblem(t *testing.T) {
	calls := 0
	tests := []struct {
		name string
		rule rule
		want string
	}{
		{"panics", func(incentive.Input, []incentive.Line) ([]incentive.Line, error) { panic("boom") }, "panicked: boom"},
		{"flips", func(in incentive.Input, lines []incentive.Line) ([]incentive.Line, error) {
			calls++
			if calls%2 == 0 {
				return append(lines, incentive.Line{Amount: decimal.NewFromInt(1)}), nil
			}
			return lines, nil
		}, "not deterministic"},
		{"writes its input", func(in incentive.Input, lines []incentive.Line) ([]incentive.Line, error) {
			if len(in.Credits) > 0 {
				in.Credits[0].Amount = decimal.Zero
			}
			return lines, nil
		}, "changed its input"},
		{"forgets the lines it was given", func(in incentive.Input, lines []incentive.Line) ([]incentive.Line, error) {
			return nil, nil
		}, "changed or dropped the lines"},
		{"does not add up", func(in incentive.Input, lines []incentive.Line) ([]incentive.Line, error) {
			for _, c := range in.Credits {
				lines = append(lines, incentive.Line{Deal: c.Deal, Basis: c.Amount, Rate: decimal.RequireFromString("0.1"), Amount: c.Amount})
			}
			return lines, nil
		}, "not the amount"},
		{"invents a deal", func(in incentive.Input, lines []incentive.Line) ([]incentive.Line, error) {
			return append(lines, incentive.Line{Deal: "nowhere", Amount: decimal.NewFromInt(5)}), nil
		}, "not among its credits"},
		{"claws back by itself", func(in incentive.Input, lines []incentive.Line) ([]incentive.Line, error) {
			return append(lines, incentive.Line{Kind: incentive.LineClawback, Amount: decimal.NewFromInt(-5)}), nil
		}, "not clawback"},
		{"fails", func(in incentive.Input, lines []incentive.Line) ([]incentive.Line, error) {
			return lines, errors.New("no table for region north")
		}, "failed: no table for region north"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := incentivetest.TestRule(tt.rule)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("TestRule = %v, want an error mentioning %q", err, tt.want)
			}
		})
	}
}

func TestRuleCatchesPayOnAReversalOnly(t *testing.T) {
	in := incentivetest.Inputs()[2]
	var only []incentive.Credit
	for _, c := range in.Credits {
		if c.Reversal {
			only = append(only, c)
		}
	}
	in.Credits = only
	payAll := rule(func(in incentive.Input, lines []incentive.Line) ([]incentive.Line, error) {
		for _, c := range in.Credits {
			lines = append(lines, incentive.Line{Deal: c.Deal, Amount: c.Amount})
		}
		return lines, nil
	})
	err := incentivetest.TestRule(payAll, in)
	if err == nil || !strings.Contains(err.Error(), "only a reversal credit") {
		t.Fatalf("TestRule = %v, want it to catch pay on a reversal", err)
	}
}

func TestInputsAreFresh(t *testing.T) {
	a, b := incentivetest.Inputs(), incentivetest.Inputs()
	a[4].Credits[0].Attributes["region"] = "south"
	if b[4].Credits[0].Attributes["region"] != "north" {
		t.Fatal("Inputs shares memory between calls")
	}
}

func ExampleTestRule() {
	// Run it in a test of your own on every rule you register.
	fmt.Println("two percent:", incentivetest.TestRule(twoPercent))

	careless := rule(func(in incentive.Input, lines []incentive.Line) ([]incentive.Line, error) {
		for _, c := range in.Credits {
			// The amount should be the basis × the rate: 2% of the credit.
			lines = append(lines, incentive.Line{Deal: c.Deal, Basis: c.Amount, Rate: decimal.RequireFromString("0.02"), Amount: c.Amount})
		}
		return lines, nil
	})
	err := incentivetest.TestRule(careless, incentivetest.Inputs()[1])
	fmt.Println("careless:", err)
	// Output:
	// two percent: <nil>
	// careless: incentivetest: input 0 (rep ana, 1 credits): line 0: basis 12000 × rate 0.02 is 240, not the amount 12000
}
