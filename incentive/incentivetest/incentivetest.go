// Package incentivetest checks the rules users write for package
// incentive, the way testing/slogtest checks a handler: run TestRule in
// your own tests on every rule you register.
package incentivetest

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/saleskit/saleskit/incentive"
	"github.com/shopspring/decimal"
)

// TestRule calls r.Pay twice on each input and reports every way it breaks
// the contract of incentive.Rule:
//
//   - it panics, or fails on one call and not the other;
//   - it is not deterministic: the second call gives other lines (a rule
//     reads no clock, no randomness, no state of its own);
//   - it changes its input — the credits, their maps — or the lines it was
//     given to append to;
//   - a line it adds does not add up: a kind other than commission or bonus
//     (or a threshold line paying nothing), a deal that is not among the
//     input's credits, a rate whose basis × rate is not the amount;
//   - it pays on a reversal credit, which counts toward totals only.
//
// With no inputs, TestRule uses Inputs(). Give inputs that exercise what
// your rule looks at (dates, products, attributes). TestRule returns nil
// when every input passes, or the problems joined with errors.Join, each
// naming the input by its index.
func TestRule(r incentive.Rule, inputs ...incentive.Input) error {
	if r == nil {
		return errors.New("incentivetest: nil rule")
	}
	if len(inputs) == 0 {
		inputs = Inputs()
	}
	var errs []error
	for i, in := range inputs {
		if err := checkInput(r, in); err != nil {
			errs = append(errs, fmt.Errorf("incentivetest: input %d (rep %s, %d credits): %w", i, in.Rep, len(in.Credits), err))
		}
	}
	return errors.Join(errs...)
}

// given is the line TestRule passes in front of the rule's own, to see
// that the rule appends and leaves it alone.
var given = incentive.Line{Kind: incentive.LineBonus, Component: "given", Code: incentive.CodeAmount, Amount: decimal.NewFromInt(7)}

func checkInput(r incentive.Rule, in incentive.Input) error {
	before, err := json.Marshal(in)
	if err != nil {
		return fmt.Errorf("encoding the input: %w", err)
	}
	first, err1, panicked := pay(r, in)
	if panicked != nil {
		return panicked
	}
	second, err2, panicked := pay(r, in)
	if panicked != nil {
		return panicked
	}
	var errs []error
	switch {
	case (err1 == nil) != (err2 == nil):
		errs = append(errs, fmt.Errorf("not deterministic: first %v, then %v", err1, err2))
	case err1 != nil && err1.Error() != err2.Error():
		errs = append(errs, fmt.Errorf("not deterministic: first %q, then %q", err1, err2))
	case err1 != nil:
		errs = append(errs, fmt.Errorf("failed: %w", err1))
	}
	if after, _ := json.Marshal(in); string(after) != string(before) {
		errs = append(errs, fmt.Errorf("changed its input:\nbefore %s\nafter  %s", before, after))
	}
	for k, lines := range [][]incentive.Line{first, second} {
		if len(lines) == 0 || !lines[0].Equal(given) {
			errs = append(errs, fmt.Errorf("call %d: changed or dropped the lines it was given to append to", k+1))
		}
	}
	if err1 != nil || err2 != nil || len(first) == 0 || len(second) == 0 {
		return errors.Join(errs...)
	}
	first, second = first[1:], second[1:]
	if !equalLines(first, second) {
		errs = append(errs, fmt.Errorf("not deterministic: %d lines, then %d, or different ones", len(first), len(second)))
	}
	deals, reversed := map[string]bool{}, map[string]bool{}
	for _, c := range in.Credits {
		if c.Reversal {
			reversed[c.Deal] = true
		} else {
			deals[c.Deal] = true
		}
	}
	for j, l := range first {
		if err := checkLine(l, deals, reversed); err != nil {
			errs = append(errs, fmt.Errorf("line %d: %w", j, err))
		}
	}
	return errors.Join(errs...)
}

func checkLine(l incentive.Line, deals, reversed map[string]bool) error {
	switch l.Kind {
	case 0, incentive.LineCommission, incentive.LineBonus:
	case incentive.LineThreshold:
		if !l.Amount.IsZero() {
			return fmt.Errorf("a threshold line pays %s; it pays nothing", l.Amount)
		}
	default:
		return fmt.Errorf("a rule pays commission or bonus lines, not %s", l.Kind)
	}
	switch {
	case l.Deal != "" && !deals[l.Deal] && reversed[l.Deal] && !l.Amount.IsZero():
		return fmt.Errorf("pays %s on deal %s, which has only a reversal credit", l.Amount, l.Deal)
	case l.Deal != "" && !deals[l.Deal] && !reversed[l.Deal]:
		return fmt.Errorf("names deal %s, which is not among its credits", l.Deal)
	case !l.Rate.IsZero() && !l.Basis.Mul(l.Rate).Equal(l.Amount):
		return fmt.Errorf("basis %s × rate %s is %s, not the amount %s", l.Basis, l.Rate, l.Basis.Mul(l.Rate), l.Amount)
	}
	return nil
}

// pay calls r.Pay after the given line, turning a panic into an error.
func pay(r incentive.Rule, in incentive.Input) (lines []incentive.Line, err, panicked error) {
	defer func() {
		if v := recover(); v != nil {
			panicked = fmt.Errorf("panicked: %v", v)
		}
	}()
	start := make([]incentive.Line, 1, 8)
	start[0] = given
	lines, err = r.Pay(in, start)
	return lines, err, nil
}

func equalLines(a, b []incentive.Line) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !a[i].Equal(b[i]) {
			return false
		}
	}
	return true
}

// Inputs returns a fresh set of inputs that exercise the cases a rule
// must handle: no credits; one deal; deals on several dates, the first of
// a quarter among them; a split deal's share; a credit note; a deal
// cancelled in the period (its reversal credit); a rep without a quota;
// a rep who worked part of the period; attributes and custom values.
func Inputs() []incentive.Input {
	d := func(s string) decimal.Decimal { return decimal.RequireFromString(s) }
	day := incentive.MustDate
	jan := incentive.Period{Start: day("2025-01-01"), End: day("2025-02-01")}
	feb := incentive.Period{Start: day("2025-02-01"), End: day("2025-03-01")}
	credit := func(deal, amount, date string) incentive.Credit {
		return incentive.Credit{Deal: deal, Rep: "ana", Date: day(date), Amount: d(amount), Share: d("1"), DealAmount: d(amount),
			Product: "cloud", Kind: incentive.New}
	}
	base := func(p incentive.Period, quota string, credits ...incentive.Credit) incentive.Input {
		return incentive.Input{Rep: "ana", Component: "custom", Period: p, Quota: d(quota), TargetIncentive: d("1000"),
			ActiveDays: p.Days(), PeriodDays: p.Days(), Credits: credits, Opening: decimal.Zero}
	}
	split := credit("S1", "6000.00", "2025-01-20")
	split.Share, split.DealAmount, split.Kind = d("0.6"), d("10000.00"), incentive.Renewal
	note := credit("CN1", "-1500.00", "2025-01-25")
	note.Kind = incentive.OtherKind
	reversal := credit("X1", "-3000.00", "2025-01-28")
	reversal.Reversal = true
	tagged := credit("T1", "4200.50", "2025-02-03")
	tagged.Units, tagged.Margin = d("3"), d("1200.10")
	tagged.Attributes = map[string]string{"region": "north", "term_years": "3"}
	tagged.Values = map[string]decimal.Decimal{"arr": d("4200.50")}
	partial := base(feb, "37500", credit("P1", "2500.00", "2025-02-20"))
	partial.ActiveDays = 14
	partial.Metrics = []incentive.Metric{{Rep: "ana", Period: day("2025-02-01"), Key: "csat", Value: d("4.4")}}
	return []incentive.Input{
		base(jan, "50000"),
		base(jan, "50000", credit("D1", "12000.00", "2025-01-02")),
		base(jan, "50000", credit("D1", "12000.00", "2025-01-02"), credit("D2", "30000.00", "2025-01-15"),
			split, note, credit("X1", "3000.00", "2025-01-03"), reversal),
		base(jan, "0", credit("D3", "800.00", "2025-01-31")),
		base(feb, "75000", tagged),
		partial,
	}
}
