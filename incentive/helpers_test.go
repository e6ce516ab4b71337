package incentive_test

import (
	"testing"

	"github.com/saleskit/saleskit/incentive"
	"github.com/shopspring/decimal"
)

// build decodes and builds a plan written as JSON.
func build(t testing.TB, plan string) *incentive.Definition {
	t.Helper()
	d, err := incentive.DecodePlan([]byte(plan), nil)
	if err != nil {
		t.Fatalf("DecodePlan: %v", err)
	}
	return d
}

// deal is a transaction owned by one rep.
func deal(id, rep, amount, booked string) incentive.Transaction {
	return incentive.Transaction{ID: id, Rep: rep, Amount: dec(amount), Booked: incentive.MustDate(booked)}
}

// compute computes the period of day and returns the statements by rep,
// failing on an error or a statement that does not add up.
func compute(t testing.TB, d *incentive.Definition, day string, txs []incentive.Transaction, o *incentive.ComputeOptions) map[string]incentive.Statement {
	t.Helper()
	st, err := incentive.Compute(d, incentive.MustDate(day), txs, o)
	if err != nil {
		t.Fatalf("Compute(%s): %v", day, err)
	}
	out := map[string]incentive.Statement{}
	for _, s := range st {
		if err := s.Check(); err != nil {
			t.Fatalf("%s %s: %v", s.Rep, s.Period, err)
		}
		out[s.Rep] = s
	}
	return out
}

// want is an expected line: its kind, deal, tier and amount.
type want struct {
	kind   incentive.LineKind
	deal   string
	tier   int
	amount string
}

// checkLines compares lines with the expected ones, in order.
func checkLines(t testing.TB, what string, got []incentive.Line, wants []want) {
	t.Helper()
	if len(got) != len(wants) {
		for _, l := range got {
			t.Logf("  %s %s tier %d %s: %s", l.Kind, l.Deal, l.Tier, l.Amount, l.Reason())
		}
		t.Fatalf("%s: %d lines, want %d", what, len(got), len(wants))
	}
	for i, w := range wants {
		l := got[i]
		if l.Kind != w.kind || l.Deal != w.deal || l.Tier != w.tier || !l.Amount.Equal(dec(w.amount)) {
			t.Errorf("%s line %d = %s %s tier %d %s (%s), want %s %s tier %d %s", what, i, l.Kind, l.Deal, l.Tier, l.Amount,
				l.Reason(), w.kind, w.deal, w.tier, w.amount)
		}
	}
}

func equalDec(t testing.TB, what string, got decimal.Decimal, want string) {
	t.Helper()
	if !got.Equal(dec(want)) {
		t.Errorf("%s = %s, want %s", what, got, want)
	}
}

const (
	commission = incentive.LineCommission
	bonus      = incentive.LineBonus
	excluded   = incentive.LineExcluded
	threshold  = incentive.LineThreshold
	capLine    = incentive.LineCap
	clawback   = incentive.LineClawback
	trueUp     = incentive.LineTrueUp
	drawLine   = incentive.LineDraw
	recovery   = incentive.LineRecovery
	deficit    = incentive.LineDeficit
	rounding   = incentive.LineRounding
)
