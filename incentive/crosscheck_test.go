package incentive_test

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/saleskit/saleskit/incentive"
	"github.com/shopspring/decimal"
)

// crossCheck compares Compute with the naive implementation on the last
// period of p: every rep's earned, payout, component subtotals, what each
// deal earned from each component, and closing balance. A rep without a
// statement on one side has zeros there.
func crossCheck(t *testing.T, p incentive.Plan, txs []incentive.Transaction) {
	t.Helper()
	d, err := incentive.Build(p, nil)
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	periods := d.Periods()
	last := periods[len(periods)-1]
	st, err := incentive.Compute(d, last.Start, txs, nil)
	if err != nil {
		t.Fatalf("Compute: %v", err)
	}
	naive := naiveCompute(p, periods, txs)
	got := map[string]incentive.Statement{}
	for _, s := range st {
		if err := s.Check(); err != nil {
			t.Fatalf("%s: %v", s.Rep, err)
		}
		got[s.Rep] = s
	}
	for _, r := range p.Reps {
		s, n := got[r.ID], naive[r.ID]
		if !s.Payout.Equal(n.payout) || !s.Earned.Equal(n.earned) {
			t.Fatalf("%s: earned %s, payout %s; naive: earned %s, payout %s\nlines: %v\nadjustments: %v",
				r.ID, s.Earned, s.Payout, n.earned, n.payout, reasons(s.Lines), reasons(s.Adjustments))
		}
		for _, sub := range s.Subtotals {
			if !sub.Amount.Equal(n.subtotals[sub.Component]) {
				t.Fatalf("%s: %s subtotal %s, naive %s", r.ID, sub.Component, sub.Amount, n.subtotals[sub.Component])
			}
		}
		byDeal := map[string]decimal.Decimal{}
		for _, l := range s.Lines {
			if l.Deal != "" && l.Kind != incentive.LineExcluded {
				byDeal[l.Component+"/"+l.Deal] = byDeal[l.Component+"/"+l.Deal].Add(l.Amount)
			}
		}
		if diff := cmp.Diff(n.byDeal, byDeal, cmp.Comparer(decimal.Decimal.Equal)); diff != "" {
			t.Fatalf("%s: what deals earned (-naive +Compute):\n%s", r.ID, diff)
		}
		c := s.Closing
		c.Rep = r.ID
		if !c.Equal(n.closing) && !(n.closing.Rep == "" && c.Owed.IsZero() && c.CapCarried.IsZero()) {
			t.Fatalf("%s: closing %+v, naive %+v", r.ID, c, n.closing)
		}
	}
}

func reasons(ls []incentive.Line) []string {
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = l.Deal + ": " + l.Reason().String()
	}
	return out
}

func TestCrossCheckNaive(t *testing.T) {
	for seed := range uint64(400) {
		rng := rand.New(rand.NewPCG(seed, 7))
		o := genOptions{clawbacks: seed%2 == 0, starts: seed%3 == 0}
		p := genPlan(rng, o)
		txs := genTxs(rng, p, rng.IntN(60), o)
		t.Run("", func(t *testing.T) { crossCheck(t, p, txs) })
		if t.Failed() {
			t.Logf("seed %d", seed)
			return
		}
	}
}

// genCase makes the plan, n transactions and definition of one seed.
func genCase(t *testing.T, seed, stream uint64, o genOptions, n int) (*rand.Rand, incentive.Plan, []incentive.Transaction, *incentive.Definition) {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, stream))
	p := genPlan(rng, o)
	txs := genTxs(rng, p, n, o)
	d, err := incentive.Build(p, nil)
	if err != nil {
		t.Fatalf("seed %d: Build: %v", seed, err)
	}
	return rng, p, txs, d
}

// Property: the same transactions in any order give the same statements.
func TestOrderDoesNotMatter(t *testing.T) {
	for seed := range uint64(60) {
		rng, _, txs, d := genCase(t, seed, 11, genOptions{clawbacks: true, starts: true}, 40)
		day := d.Periods()[rng.IntN(6)].Start
		want, err := incentive.Compute(d, day, txs, nil)
		if err != nil {
			t.Fatal(err)
		}
		shuffled := slices.Clone(txs)
		rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		got, err := incentive.Compute(d, day, shuffled, nil)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("seed %d: statements depend on the order of transactions (-sorted +shuffled):\n%s", seed, diff)
		}
	}
}

// Property: with no clawbacks or credit notes, under rules whose rates do
// not fall as credit grows, one more deal never lowers what the plan gives
// a rep over its periods: what it pays, less what the rep still owes at
// the end (a recoverable draw repaid from the extra earnings), plus capped
// earnings still to be paid.
func TestMoreCreditNeverPaysLess(t *testing.T) {
	for seed := range uint64(150) {
		rng := rand.New(rand.NewPCG(seed, 13))
		o := genOptions{monotone: true}
		p := genPlan(rng, o)
		txs := genTxs(rng, p, rng.IntN(40), o)
		more := append(slices.Clone(txs), genTxs(rng, p, 1, o)[0])
		more[len(more)-1].ID = "extra"
		d, err := incentive.Build(p, nil)
		if err != nil {
			t.Fatal(err)
		}
		before, after := paidOver(t, d, txs), paidOver(t, d, more)
		for rep, b := range before {
			if after[rep].LessThan(b) {
				t.Fatalf("seed %d: %s is paid %s with the extra deal %+v, %s without", seed, rep, after[rep], more[len(more)-1], b)
			}
		}
	}
}

// paidOver returns what d gives each rep over its periods: the payouts,
// less what is owed at the end, plus capped earnings carried.
func paidOver(t *testing.T, d *incentive.Definition, txs []incentive.Transaction) map[string]decimal.Decimal {
	t.Helper()
	out := map[string]decimal.Decimal{}
	end := map[string]incentive.Balance{}
	for _, p := range d.Periods() {
		st, err := incentive.Compute(d, p.Start, txs, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range st {
			out[s.Rep] = out[s.Rep].Add(s.Payout)
			end[s.Rep] = s.Closing
		}
	}
	for rep, b := range end {
		out[rep] = out[rep].Sub(b.Owed).Add(b.CapCarried)
	}
	return out
}

// Property: locking every period as it closes changes nothing, and with
// nothing changed later, no true-up appears.
func TestLockingChangesNothing(t *testing.T) {
	for seed := range uint64(40) {
		_, _, txs, d := genCase(t, seed, 17, genOptions{clawbacks: true, starts: true}, 40)
		var locked []incentive.Statement
		for _, q := range d.Periods() {
			fresh, err := incentive.Compute(d, q.Start, txs, nil)
			if err != nil {
				t.Fatal(err)
			}
			closed, err := incentive.Compute(d, q.Start, txs, &incentive.ComputeOptions{Locked: locked})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(fresh, closed); diff != "" {
				t.Fatalf("seed %d, %s: locked earlier periods change the statements (-fresh +locked):\n%s", seed, q, diff)
			}
			locked = append(locked, closed...)
		}
	}
}
