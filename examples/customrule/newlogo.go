package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/saleskit/saleskit/incentive"
	"github.com/shopspring/decimal"
)

// CodeNewLogoDoubled is the reason code of a new-logo bonus paid in the
// first month of a quarter. It is this program's own code: the package
// does not know its sentence, so the program words it (see explain).
const CodeNewLogoDoubled = "new_logo_doubled"

// newLogoBonus pays a fixed bonus for every new customer won — the
// component's amount times the rep's share of the deal — and multiplies
// it in the first month of a calendar quarter, when a team wants new
// logos early. Credit notes and reversals earn nothing.
type newLogoBonus struct {
	amount     decimal.Decimal
	multiplier decimal.Decimal
}

// newLogoParams are the component's own parameters, in its "params".
type newLogoParams struct {
	FirstMonthMultiplier decimal.Decimal `json:"first_month_multiplier"`
}

// newNewLogoBonus is the constructor registered for "new_logo_bonus": it
// reads the standard amount field and its own params, and refuses what it
// cannot pay.
func newNewLogoBonus(c incentive.Component) (incentive.Rule, error) {
	var p newLogoParams
	if len(c.Params) > 0 {
		if err := json.Unmarshal(c.Params, &p); err != nil {
			return nil, fmt.Errorf("params: %w", err)
		}
	}
	if p.FirstMonthMultiplier.IsZero() {
		p.FirstMonthMultiplier = decimal.NewFromInt(1)
	}
	switch {
	case c.Amount.Sign() <= 0:
		return nil, errors.New("amount: a new-logo bonus needs an amount above 0")
	case p.FirstMonthMultiplier.Sign() < 0:
		return nil, errors.New("params.first_month_multiplier: negative")
	}
	return newLogoBonus{amount: c.Amount, multiplier: p.FirstMonthMultiplier}, nil
}

// Pay appends one bonus line per new customer in the rep's credits.
func (b newLogoBonus) Pay(in incentive.Input, lines []incentive.Line) ([]incentive.Line, error) {
	for _, c := range in.Credits {
		if c.Reversal || c.Kind != incentive.New || c.Amount.Sign() <= 0 {
			continue
		}
		bonus, code := b.amount, incentive.CodeDealBonus
		if firstMonthOfQuarter(c.Date) {
			bonus, code = b.amount.Mul(b.multiplier), CodeNewLogoDoubled
		}
		lines = append(lines, incentive.Line{Kind: incentive.LineBonus, Deal: c.Deal, Date: c.Date, Code: code,
			Basis: c.Share, Rate: bonus, Amount: c.Share.Mul(bonus)})
	}
	return lines, nil
}

func firstMonthOfQuarter(d incentive.Date) bool {
	switch d.Month {
	case time.January, time.April, time.July, time.October:
		return true
	}
	return false
}
