package incentive_test

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/saleskit/saleskit/incentive"
	"github.com/shopspring/decimal"
)

// clearError fails unless err wraps one of the package's sentinels and
// reads as the package's errors do.
func clearError(t *testing.T, err error) {
	t.Helper()
	for _, s := range []error{incentive.ErrUnknownName, incentive.ErrEmpty, incentive.ErrDuplicate, incentive.ErrUnknownRep,
		incentive.ErrUnknownType, incentive.ErrTiers, incentive.ErrNegative, incentive.ErrShares, incentive.ErrPlaces,
		incentive.ErrRange, incentive.ErrPeriod, incentive.ErrParam, incentive.ErrWeights, incentive.ErrOrgTree,
		incentive.ErrPayments, incentive.ErrLedger, incentive.ErrRule, incentive.ErrRegistry, incentive.ErrDecode,
		incentive.ErrUnbalanced, incentive.ErrTooMany, incentive.ErrDate} {
		if errors.Is(err, s) {
			if !strings.HasPrefix(err.Error(), "incentive: ") {
				t.Fatalf("error %q does not start with the package name", err)
			}
			return
		}
	}
	t.Fatalf("error %v wraps no sentinel", err)
}

// fuzzTxs are the transactions FuzzDecodePlan computes a decoded plan on.
func fuzzTxs() []incentive.Transaction {
	return []incentive.Transaction{
		deal("F1", "ana", "12000", "2025-01-10"),
		deal("F2", "ana", "-3000", "2025-02-10"),
		{ID: "F3", Amount: dec("9000.50"), Units: dec("4"), Kind: incentive.New, Product: "cloud", Booked: incentive.MustDate("2025-03-03"),
			Cancelled: incentive.MustDate("2025-04-01"),
			Splits:    []incentive.Split{{Rep: "ana", Share: dec("0.7")}, {Rep: "ben", Share: dec("0.3")}}},
	}
}

// fuzzCompute computes the period of day and fails on a statement that
// does not add up or marshal, or an error that wraps no sentinel; it
// reports whether Compute succeeded.
func fuzzCompute(t *testing.T, d *incentive.Definition, day incentive.Date, txs []incentive.Transaction) bool {
	t.Helper()
	st, err := incentive.Compute(d, day, txs, nil)
	if err != nil {
		clearError(t, err)
		return false
	}
	for _, s := range st {
		if err := s.Check(); err != nil {
			t.Fatal(err)
		}
		if _, err := json.Marshal(s); err != nil {
			t.Fatalf("a statement does not marshal: %v", err)
		}
	}
	return true
}

func FuzzDecodePlan(f *testing.F) {
	f.Add([]byte(docPlan))
	f.Add([]byte(`{"start":"2025-01-01","end":"2026-01-01","rounding":{"places":2},"reps":[{"id":"ana","quota":"50000"},{"id":"ben","manager":"ana"}],
		"crediting":{"roll_up":true},"components":[{"id":"t","type":"tiered","basis":"attainment","method":"retroactive","tiers":[
		{"from":"0","to":"0.5","rate":"0.02"},{"from":"0.5","rate":"0.1"}]},{"id":"o","type":"override","rate":"0.01"}],
		"cap":{"per_period":"900","excess":"pay_later"},"clawback":{"within_days":45,"reduces_attainment":true},"draw":{"amount":"700"}}`))
	f.Add([]byte(`{"start":"2025-01-01","end":"2025-04-01","reps":[{"id":"ana","target_incentive":"1000"},{"id":"ben"}],
		"components":[{"id":"s","type":"scorecard","measures":[{"id":"r","weight":"1","floor":"1000"}]},
		{"id":"m","type":"milestones","milestones":[{"at":"0.5","amount":"100"}]}]}`))
	f.Add([]byte(`{"start":"2025-01-01","end":"2026-01-01","components":[{"id":"t","type":"tiered","tiers":[{"from":"5","rate":"-1"}]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 8<<10 {
			return
		}
		d, err := incentive.DecodePlan(data, nil)
		if err != nil {
			clearError(t, err)
			return
		}
		p := d.Plan()
		b, err := json.Marshal(p)
		if err != nil {
			t.Fatalf("a built plan does not marshal: %v", err)
		}
		again, err := incentive.DecodePlan(b, nil)
		if err != nil {
			t.Fatalf("a built plan's JSON does not build: %v\n%s", err, b)
		}
		if b2, _ := json.Marshal(again.Plan()); string(b2) != string(b) {
			t.Fatalf("the plan's JSON changed on a round trip:\n%s\n%s", b, b2)
		}
		if len(p.Reps) > 50 || len(p.Components) > 20 {
			return
		}
		for i, per := range d.Periods() {
			if i == 3 {
				break
			}
			if !fuzzCompute(t, d, per.Start, fuzzTxs()) {
				return
			}
		}
	})
}

// fuzzTransactions turns bytes into up to 64 transactions for p, 12 bytes
// each: mostly valid ones, with now and then a bad rep, share or date.
func fuzzTransactions(p incentive.Plan, data []byte) []incentive.Transaction {
	var txs []incentive.Transaction
	for i := 0; len(data) >= 12 && i < 64; i++ {
		b := data[:12]
		data = data[12:]
		amount := int64(int16(binary.LittleEndian.Uint16(b[0:2])))*100 + int64(b[2]%100)
		t := incentive.Transaction{
			ID:      fmt.Sprintf("x%d", i),
			Amount:  decimal.New(amount, -2),
			Units:   decimal.NewFromInt(int64(b[3] % 5)),
			Product: genProducts[int(b[4])%len(genProducts)],
			Kind:    incentive.DealKind(b[4] % 3),
			Booked:  genStart.AddDays(int(int8(b[5])) + 60),
			Rep:     p.Reps[int(b[6])%len(p.Reps)].ID,
		}
		if b[7]%5 == 0 {
			t.Cancelled = t.Booked.AddDays(int(b[8] % 120))
		}
		if b[9]%5 == 0 {
			other := p.Reps[int(b[10])%len(p.Reps)].ID
			share := decimal.New(int64(b[11]%101), -2)
			t.Splits = []incentive.Split{{Rep: t.Rep, Share: share}, {Rep: other, Share: decimal.NewFromInt(1).Sub(share)}}
			t.Rep = ""
		}
		if b[9] == 255 {
			t.Rep = "nobody"
		}
		txs = append(txs, t)
	}
	return txs
}

func FuzzCompute(f *testing.F) {
	f.Add(uint64(1), []byte("0123456789ab0123456789abcdefghijklmn"))
	f.Add(uint64(42), []byte{0x10, 0x27, 5, 1, 0, 3, 0, 0, 30, 1, 1, 60, 0xf0, 0xd8, 0, 0, 1, 200, 1, 5, 10, 5, 2, 40})
	f.Add(uint64(7), []byte{})
	f.Fuzz(func(t *testing.T, seed uint64, data []byte) {
		rng := rand.New(rand.NewPCG(seed, seed>>32))
		o := genOptions{clawbacks: true, starts: true}
		p := genPlan(rng, o)
		txs := fuzzTransactions(p, data)
		d, err := incentive.Build(p, nil)
		if err != nil {
			t.Fatalf("a generated plan does not build: %v", err)
		}
		if fuzzCompute(t, d, d.Periods()[len(d.Periods())-1].Start, txs) {
			crossCheck(t, p, txs)
		}
	})
}

// FuzzStatements feeds statements as a caller might store and load them —
// edited, truncated, from another version — to Rank, Compare, Check and
// Compute's ledger: none may panic, and every error wraps a sentinel.
func FuzzStatements(f *testing.F) {
	d := build(f, docPlan)
	st, err := incentive.Compute(d, incentive.MustDate("2025-01-01"), docDeals(), nil)
	if err != nil {
		f.Fatal(err)
	}
	seed, _ := json.Marshal(st)
	f.Add(seed)
	f.Add([]byte(`[{"rep":"ana","period":{"start":"2025-01-01","end":"2025-04-01"},"payout":"1e400","lines":[{"kind":"true_up","code":"true_up_credit","amount":"-1"}]}]`))
	f.Add([]byte(`[{"rep":"ana"},{"rep":"ana"}]`))
	f.Add([]byte(`[{"rep":"ana","quota":{"effective":"1e-2000000000"},"payout":"1"},{"rep":"ben","payout":"1e-2000000000"}]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 16<<10 {
			return
		}
		var ss []incentive.Statement
		if json.Unmarshal(data, &ss) != nil || len(ss) > 50 {
			return
		}
		for _, s := range ss {
			if err := s.Check(); err != nil {
				clearError(t, err)
			}
			for _, l := range append(s.Lines, s.Adjustments...) {
				_ = l.Reason().Text("zh-CN")
			}
		}
		for _, by := range []incentive.RankBy{incentive.ByPayout, incentive.ByAttainment, incentive.RankBy(9)} {
			if _, err := incentive.Rank(ss, by); err != nil {
				clearError(t, err)
			}
		}
		if _, err := incentive.Compare(ss, st); err != nil {
			clearError(t, err)
		}
		if _, err := incentive.Compute(d, incentive.MustDate("2025-04-01"), docDeals(), &incentive.ComputeOptions{Locked: ss}); err != nil {
			clearError(t, err)
		}
	})
}
