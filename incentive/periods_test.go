package incentive_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/saleskit/saleskit/incentive"
)

// lockAll computes every period through day and returns the statements,
// each period computed with the earlier ones locked: what a caller that
// closes every month on time stores.
func lockAll(t *testing.T, d *incentive.Definition, through string, txs []incentive.Transaction) []incentive.Statement {
	t.Helper()
	var locked []incentive.Statement
	for _, p := range d.Periods() {
		if p.Start.After(incentive.MustDate(through)) {
			break
		}
		st, err := incentive.Compute(d, p.Start, txs, &incentive.ComputeOptions{Locked: locked})
		if err != nil {
			t.Fatal(err)
		}
		locked = append(locked, st...)
	}
	return locked
}

func TestTrueUps(t *testing.T) {
	const withBen = `"start":"2025-01-01","end":"2026-01-01","rounding":{"places":2},
		"reps":[{"id":"ana"},{"id":"ben"}],"components":[{"id":"base","type":"flat","rate":"0.1"}]`
	base := func() []incentive.Transaction {
		return []incentive.Transaction{deal("D1", "ana", "10000", "2025-01-10"), deal("D2", "ana", "5000", "2025-01-20"),
			deal("D3", "ana", "20000", "2025-02-05")}
	}
	tests := []struct {
		name   string
		plan   string // the plan when January was locked; "" is withBen
		now    string // the plan when February is computed; "" is the same
		change func([]incentive.Transaction) []incentive.Transaction
		adj    []want
		says   string
		d3     string // what February's own deal earns; "" is 2,000
	}{{
		name:   "an amount edited after the period was locked",
		change: func(txs []incentive.Transaction) []incentive.Transaction { txs[0].Amount = dec("12000"); return txs },
		adj:    []want{{trueUp, "D1", 0, "200"}},
		says:   "Correction to 2025-01: deal D1's credit changed from 10,000.00 to 12,000.00, so it earns 1,200.00 instead of 1,000.00: 200.00",
	}, {
		name: "a deal booked late into a locked period",
		change: func(txs []incentive.Transaction) []incentive.Transaction {
			return append(txs, deal("D4", "ana", "3000", "2025-01-28"))
		},
		adj:  []want{{trueUp, "D4", 0, "300"}},
		says: "Correction to 2025-01: deal D4 (3,000.00) was credited after the period was locked and earns 300.00: 300.00",
	}, {
		name: "a deal moved to another rep",
		change: func(txs []incentive.Transaction) []incentive.Transaction {
			txs[1].Rep = "ben"
			return txs
		},
		adj:  []want{{trueUp, "D2", 0, "-500"}},
		says: "Correction to 2025-01: deal D2 (5,000.00) is no longer credited, so the 500.00 it earned is reversed: -500.00",
	}, {
		name: "a cancellation dated in a locked period",
		plan: `{` + withBen + `,"clawback":{"within_days":30}}`,
		change: func(txs []incentive.Transaction) []incentive.Transaction {
			txs[1].Cancelled = incentive.MustDate("2025-01-25")
			return txs
		},
		adj:  []want{{trueUp, "D2", 0, "-500"}},
		says: "Correction to 2025-01: the clawback on deal D2 comes to -500.00 instead of 0.00: -500.00",
	}, {
		name: "a rate change effective inside a locked period",
		now: `{"start":"2025-01-01","end":"2026-01-01","rounding":{"places":2},"reps":[{"id":"ana"},{"id":"ben"}],
			"components":[{"id":"base","type":"flat","rate":"0.1"},
			{"id":"base","effective":"2025-01-15","type":"flat","rate":"0.12"}]}`,
		// D2 (20 January) now earns 12%: 600 instead of 500.
		adj:  []want{{trueUp, "D2", 0, "100"}},
		d3:   "2400",
		says: "Correction to 2025-01: deal D2 now earns 600.00 instead of 500.00 (its rate or tier changed): 100.00",
	}, {
		name: "a rate change from a later period corrects nothing",
		now: `{"start":"2025-01-01","end":"2026-01-01","rounding":{"places":2},"reps":[{"id":"ana"},{"id":"ben"}],
			"components":[{"id":"base","type":"flat","rate":"0.1"},
			{"id":"base","effective":"2025-03-01","type":"flat","rate":"0.12"}]}`,
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.plan == "" {
				tt.plan = `{` + withBen + `}`
			}
			before := build(t, tt.plan)
			locked := lockAll(t, before, "2025-01-01", base())
			frozen, _ := json.Marshal(locked)
			after := before
			if tt.now != "" {
				after = build(t, tt.now)
			}
			txs := base()
			if tt.change != nil {
				txs = tt.change(txs)
			}
			feb := compute(t, after, "2025-02-01", txs, &incentive.ComputeOptions{Locked: locked})["ana"]
			checkLines(t, "february's adjustments", feb.Adjustments, tt.adj)
			if tt.says != "" {
				if got := feb.Adjustments[0].Reason().String(); got != tt.says {
					t.Errorf("true-up says %q, want %q", got, tt.says)
				}
			}
			// February's own deal is paid as usual.
			if tt.d3 == "" {
				tt.d3 = "2000"
			}
			checkLines(t, "february's lines", feb.Lines, []want{{commission, "D3", 0, tt.d3}})
			if again, _ := json.Marshal(locked); string(again) != string(frozen) {
				t.Error("Compute changed the locked statements")
			}
			// Locking February too settles it: March corrects nothing again.
			feb2, err := incentive.Compute(after, incentive.MustDate("2025-02-01"), txs, &incentive.ComputeOptions{Locked: locked})
			if err != nil {
				t.Fatal(err)
			}
			mar := compute(t, after, "2025-03-01", txs, &incentive.ComputeOptions{Locked: append(locked, feb2...)})["ana"]
			for _, l := range mar.Adjustments {
				t.Errorf("March corrects again: %s", l.Reason())
			}
		})
	}
}

func TestTrueUpSettlesTheDraw(t *testing.T) {
	// January earned 500 against a 1,500 draw (1,000 owed) and was locked.
	// An 8,000 deal is then booked into January: restated, January earned
	// 1,300, its top-up was 200 and 200 is owed. February's true-ups pay
	// the 800 and take back the 800 of top-up: net nothing, and February
	// recovers the 200 still owed from its own 3,000.
	d := build(t, `{"start":"2025-01-01","end":"2026-01-01","rounding":{"places":2},"reps":[{"id":"ana"}],
		"components":[{"id":"base","type":"flat","rate":"0.1"}],"draw":{"amount":"1500"}}`)
	txs := []incentive.Transaction{deal("D1", "ana", "5000", "2025-01-10"), deal("D3", "ana", "30000", "2025-02-05")}
	locked := lockAll(t, d, "2025-01-01", txs)
	txs = append(txs, deal("D2", "ana", "8000", "2025-01-20"))
	feb := compute(t, d, "2025-02-01", txs, &incentive.ComputeOptions{Locked: locked})["ana"]
	checkLines(t, "february", feb.Adjustments, []want{{trueUp, "D2", 0, "800"}, {trueUp, "", 0, "-800"}, {recovery, "", 0, "-200"}})
	equalDec(t, "payout", feb.Payout, "2800")
	equalDec(t, "owed", feb.Closing.Owed, "0")
	// Paid 1,500 + 2,800 = 4,300: everything earned, 500 + 800 + 3,000.
}

func TestEffectiveDatedTiersShareTheRunningTotal(t *testing.T) {
	// From 15 January the tiers pay 6% and 9% instead of 5% and 8%. D1
	// (8,000, 10 January) is rated by the old table; D2 (4,000, 20 January)
	// by the new one from where D1 left the total: 2,000 × 6% to 10,000,
	// 2,000 × 9% above.
	d := build(t, `{"start":"2025-01-01","end":"2026-01-01","rounding":{"places":2},"reps":[{"id":"ana"}],"components":[
		{"id":"t","type":"tiered","tiers":[{"from":"0","to":"10000","rate":"0.05"},{"from":"10000","rate":"0.08"}]},
		{"id":"t","effective":"2025-01-15","type":"tiered","tiers":[{"from":"0","to":"10000","rate":"0.06"},{"from":"10000","rate":"0.09"}]}]}`)
	s := compute(t, d, "2025-01-01", []incentive.Transaction{deal("D1", "ana", "8000", "2025-01-10"), deal("D2", "ana", "4000", "2025-01-20")}, nil)["ana"]
	checkLines(t, "lines", s.Lines, []want{{commission, "D1", 1, "400"}, {commission, "D2", 1, "120"}, {commission, "D2", 2, "180"}})
	equalDec(t, "measure", s.Subtotals[0].Measure, "12000")
}

func TestCashCollected(t *testing.T) {
	d := build(t, `{"start":"2025-01-01","end":"2026-01-01","rounding":{"places":2},"crediting":{"on":"payment"},
		"reps":[{"id":"ana"}],"components":[{"id":"base","type":"flat","rate":"0.1"}],"clawback":{}}`)
	tx := deal("D1", "ana", "10000", "2025-01-05")
	tx.Payments = []incentive.Payment{{Date: incentive.MustDate("2025-02-10"), Amount: dec("6000")},
		{Date: incentive.MustDate("2025-01-20"), Amount: dec("4000")}}
	tx.Cancelled = incentive.MustDate("2025-02-20") // the cash collected stays earned
	txs := []incentive.Transaction{tx}
	jan := compute(t, d, "2025-01-01", txs, nil)["ana"]
	checkLines(t, "january", jan.Lines, []want{{commission, "D1", 0, "400"}})
	feb := compute(t, d, "2025-02-01", txs, nil)["ana"]
	checkLines(t, "february", feb.Lines, []want{{commission, "D1", 0, "600"}})
	if len(feb.Adjustments) != 0 {
		t.Errorf("a cancellation under crediting on payment clawed back: %v", feb.Adjustments[0].Reason())
	}
}

func TestComputeRefusesBadLedgers(t *testing.T) {
	d := build(t, `{`+monthly+`}`)
	txs := []incentive.Transaction{deal("D1", "ana", "10000", "2025-01-10")}
	jan := lockAll(t, d, "2025-01-01", txs)
	feb := jan[0]
	feb.Period = d.Periods()[1]
	tests := []struct {
		name   string
		day    string
		locked []incentive.Statement
		want   error
	}{
		{"a locked period at the one computed", "2025-01-01", jan, incentive.ErrLedger},
		{"a gap before a locked period", "2025-03-01", []incentive.Statement{feb}, incentive.ErrLedger},
		{"a period not of the plan", "2025-03-01", []incentive.Statement{{Rep: "ana", Period: incentive.Period{
			Start: incentive.MustDate("2025-01-15"), End: incentive.MustDate("2025-02-15")}}}, incentive.ErrLedger},
		{"a rep not in the plan", "2025-03-01", []incentive.Statement{{Rep: "zoe", Period: d.Periods()[0]}}, incentive.ErrUnknownRep},
		{"twice the same rep", "2025-03-01", append(jan, jan...), incentive.ErrDuplicate},
		{"a day outside the plan", "2026-01-01", nil, incentive.ErrPeriod},
		{"another plan's statement", "2025-03-01", []incentive.Statement{{Plan: "other", Rep: "ana", Period: d.Periods()[0]}}, incentive.ErrLedger},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := incentive.Compute(d, incentive.MustDate(tt.day), txs, &incentive.ComputeOptions{Locked: tt.locked})
			if !errors.Is(err, tt.want) {
				t.Fatalf("Compute = %v, want %v", err, tt.want)
			}
		})
	}
}
