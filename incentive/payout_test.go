package incentive_test

import (
	"testing"

	"github.com/saleskit/saleskit/incentive"
)

// monthly is the head of a monthly plan for 2025 paying 10% flat.
const monthly = `"start":"2025-01-01","end":"2026-01-01","rounding":{"places":2},
	"reps":[{"id":"ana"}],"components":[{"id":"base","type":"flat","rate":"0.1"}]`

func TestCaps(t *testing.T) {
	tests := []struct {
		name   string
		plan   string
		txs    []incentive.Transaction
		day    string
		adj    []want
		payout string
		carry  string
	}{{
		name: "a per-period cap reached mid-period forfeits the excess",
		plan: `{` + monthly + `,"cap":{"per_period":"3000"}}`,
		txs:  []incentive.Transaction{deal("D1", "ana", "20000", "2025-01-05"), deal("D2", "ana", "15000", "2025-01-20")},
		day:  "2025-01-01",
		// 2,000 + 1,500 = 3,500 earned; the cap allows 3,000.
		adj:    []want{{capLine, "", 0, "-500"}},
		payout: "3000",
	}, {
		name: "excess paid later carries to the next period",
		plan: `{` + monthly + `,"cap":{"per_period":"3000","excess":"pay_later"}}`,
		txs:  []incentive.Transaction{deal("D1", "ana", "20000", "2025-01-05"), deal("D2", "ana", "15000", "2025-01-20")},
		day:  "2025-01-01",
		adj:  []want{{capLine, "", 0, "-500"}}, payout: "3000", carry: "500",
	}, {
		name: "the carried excess is paid where there is room",
		plan: `{` + monthly + `,"cap":{"per_period":"3000","excess":"pay_later"}}`,
		txs: []incentive.Transaction{deal("D1", "ana", "20000", "2025-01-05"), deal("D2", "ana", "15000", "2025-01-20"),
			deal("D3", "ana", "10000", "2025-02-03")},
		day: "2025-02-01",
		// February earns 1,000, with 2,000 of room: the 500 is paid.
		adj: []want{{capLine, "", 0, "500"}}, payout: "1500", carry: "0",
	}, {
		name: "the per-year cap binds once the year's earnings reach it",
		plan: `{` + monthly + `,"cap":{"per_period":"3000","per_year":"5000"}}`,
		txs: []incentive.Transaction{deal("D1", "ana", "35000", "2025-01-05"), deal("D2", "ana", "25000", "2025-02-03"),
			deal("D3", "ana", "9000", "2025-03-03")},
		day: "2025-02-01",
		// January pays 3,000 of 3,500; February has 2,000 of the year left
		// and earns 2,500.
		adj: []want{{capLine, "", 0, "-500"}}, payout: "2000",
	}, {
		name: "nothing is left of the year",
		plan: `{` + monthly + `,"cap":{"per_period":"3000","per_year":"5000"}}`,
		txs: []incentive.Transaction{deal("D1", "ana", "35000", "2025-01-05"), deal("D2", "ana", "25000", "2025-02-03"),
			deal("D3", "ana", "9000", "2025-03-03")},
		day: "2025-03-01",
		adj: []want{{capLine, "", 0, "-900"}}, payout: "0",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := compute(t, build(t, tt.plan), tt.day, tt.txs, nil)["ana"]
			checkLines(t, "adjustments", s.Adjustments, tt.adj)
			equalDec(t, "payout", s.Payout, tt.payout)
			if tt.carry != "" {
				equalDec(t, "carried", s.Closing.CapCarried, tt.carry)
			}
		})
	}
}

func TestComponentCapPerDeal(t *testing.T) {
	d := build(t, `{"start":"2025-01-01","end":"2026-01-01","rounding":{"places":2},"reps":[{"id":"ana"}],
		"components":[{"id":"base","type":"flat","rate":"0.1","cap":{"per_deal":"1200","per_period":"2000"}}]}`)
	s := compute(t, d, "2025-01-01", []incentive.Transaction{deal("D1", "ana", "20000", "2025-01-05"),
		deal("D2", "ana", "9000", "2025-01-06")}, nil)["ana"]
	// D1 earns 2,000, capped at 1,200 a deal; with D2's 900 the component
	// has 2,100, capped at 2,000 a period.
	checkLines(t, "lines", s.Lines, []want{{commission, "D1", 0, "2000"}, {commission, "D2", 0, "900"},
		{capLine, "D1", 0, "-800"}, {capLine, "", 0, "-100"}})
	equalDec(t, "payout", s.Payout, "2000")
	if got, want := s.Lines[2].Reason().String(), "base pays at most 1,200.00 per deal: 2,000.00 earned, -800.00 withheld"; got != want {
		t.Errorf("cap line says %q, want %q", got, want)
	}
}

func TestClawbackAfterDraw(t *testing.T) {
	d := build(t, `{`+monthly+`,"draw":{"amount":"1500"},"clawback":{"within_days":90}}`)
	txs := []incentive.Transaction{deal("D1", "ana", "5000", "2025-01-10"), deal("D2", "ana", "50000", "2025-03-05")}
	txs[0].Cancelled = incentive.MustDate("2025-02-10")
	// January: 500 earned, topped up to the 1,500 draw; 1,000 owed.
	jan := compute(t, d, "2025-01-01", txs, nil)["ana"]
	checkLines(t, "jan", jan.Adjustments, []want{{drawLine, "", 0, "1000"}})
	equalDec(t, "jan payout", jan.Payout, "1500")
	equalDec(t, "jan owed", jan.Closing.Owed, "1000")
	// February: D1, cancelled 31 days after booking, takes its 500 back;
	// the −500 is carried as owed and the draw tops 0 up to 1,500 again:
	// owed 1,000 + 500 + 1,500 = 3,000.
	feb := compute(t, d, "2025-02-01", txs, nil)["ana"]
	checkLines(t, "feb", feb.Adjustments, []want{{clawback, "D1", 0, "-500"}, {deficit, "", 0, "500"}, {drawLine, "", 0, "1500"}})
	equalDec(t, "feb payout", feb.Payout, "1500")
	equalDec(t, "feb owed", feb.Closing.Owed, "3000")
	if got, want := feb.Adjustments[0].Reason().String(),
		"Deal D1, booked 2025-01-10, cancelled 2025-02-10 (31 days later): the 500.00 it earned is recovered: -500.00"; got != want {
		t.Errorf("clawback says %q, want %q", got, want)
	}
	// March: 5,000 earned recovers all 3,000. Paid 1,500 + 1,500 + 2,000 =
	// 5,000, exactly what the rep earned net of the cancellation.
	mar := compute(t, d, "2025-03-01", txs, nil)["ana"]
	checkLines(t, "mar", mar.Adjustments, []want{{recovery, "", 0, "-3000"}})
	equalDec(t, "mar payout", mar.Payout, "2000")
	equalDec(t, "mar owed", mar.Closing.Owed, "0")
}

func TestClawbackBases(t *testing.T) {
	tests := []struct {
		clawback string
		adj      []want
	}{
		// Tiers 5% to 10,000, then 8%: D1 12,000 earns 500 + 160 = 660,
		// capped at 600 a deal. February has nothing else, so what is
		// recovered is carried as owed.
		{`{"within_days":30}`, []want{{clawback, "D1", 0, "-600"}, {deficit, "", 0, "600"}}},
		{`{"within_days":30,"basis":"original_rate"}`, []want{{clawback, "D1", 0, "-660"}, {deficit, "", 0, "660"}}},
		{`{"within_days":30,"basis":"percentage","percent":"0.5"}`, []want{{clawback, "D1", 0, "-300"}, {deficit, "", 0, "300"}}},
		{`{"within_days":10}`, nil}, // cancelled 20 days after booking: kept
	}
	for _, tt := range tests {
		t.Run(tt.clawback, func(t *testing.T) {
			d := build(t, `{"start":"2025-01-01","end":"2026-01-01","rounding":{"places":2},"reps":[{"id":"ana"}],
				"components":[{"id":"t","type":"tiered","accumulate":"per_deal","cap":{"per_deal":"600"},"tiers":[
				{"from":"0","to":"10000","rate":"0.05"},{"from":"10000","rate":"0.08"}]}],"clawback":`+tt.clawback+`}`)
			txs := []incentive.Transaction{deal("D1", "ana", "12000", "2025-01-25")}
			txs[0].Cancelled = incentive.MustDate("2025-02-14")
			s := compute(t, d, "2025-02-01", txs, nil)["ana"]
			checkLines(t, "adjustments", s.Adjustments, tt.adj)
		})
	}
}

func TestCancellationReducesAttainment(t *testing.T) {
	// Retroactive tiers: 5% below 10,000, 8% from it. D1 (6,000) and D2
	// (5,000) reach 11,000; D2 is cancelled the same month.
	plan := func(reduces bool) string {
		r := "false"
		if reduces {
			r = "true"
		}
		return `{"start":"2025-01-01","end":"2026-01-01","rounding":{"places":2},"reps":[{"id":"ana"}],
			"components":[{"id":"t","type":"tiered","method":"retroactive","tiers":[
			{"from":"0","to":"10000","rate":"0.05"},{"from":"10000","rate":"0.08"}]}],
			"clawback":{"reduces_attainment":` + r + `}}`
	}
	txs := []incentive.Transaction{deal("D1", "ana", "6000", "2025-01-05"), deal("D2", "ana", "5000", "2025-01-10")}
	txs[1].Cancelled = incentive.MustDate("2025-01-20")
	// Attainment kept: both at 8% (480 + 400), D2's 400 clawed back.
	kept := compute(t, build(t, plan(false)), "2025-01-01", txs, nil)["ana"]
	equalDec(t, "payout with attainment kept", kept.Payout, "480")
	// Attainment reduced: the total is 6,000, tier 1: D1 300, D2 250 clawed
	// back.
	cut := compute(t, build(t, plan(true)), "2025-01-01", txs, nil)["ana"]
	checkLines(t, "lines", cut.Lines, []want{{commission, "D1", 1, "300"}, {commission, "D2", 1, "250"}})
	checkLines(t, "adjustments", cut.Adjustments, []want{{clawback, "D2", 0, "-250"}})
	equalDec(t, "payout with attainment reduced", cut.Payout, "300")
	equalDec(t, "measure", cut.Subtotals[0].Measure, "6000")
}

func TestDraws(t *testing.T) {
	const head = `"start":"2025-01-01","end":"2026-01-01","rounding":{"places":2},
		"reps":[{"id":"ana"}],"components":[{"id":"base","type":"flat","rate":"1"}]`
	earn := []incentive.Transaction{deal("E1", "ana", "500", "2025-01-05"), deal("E2", "ana", "1000", "2025-02-05"),
		deal("E3", "ana", "3000", "2025-03-05")}
	tests := []struct {
		name    string
		draw    string
		payouts [3]string
		owed    [3]string
	}{
		// Jan tops 500 up to 1,500 (1,000 owed); Feb tops 1,000 up (1,500
		// owed); Mar recovers from 3,000.
		{"recoverable", `{"amount":"1500"}`, [3]string{"1500", "1500", "1500"}, [3]string{"1000", "1500", "0"}},
		{"floor: never below the draw", `{"amount":"1500","floor":true}`, [3]string{"1500", "1500", "1500"}, [3]string{"1000", "1500", "0"}},
		// Half of March's 3,000 is 1,500: all of it is owed.
		{"half recovered", `{"amount":"1500","recovery_rate":"0.5"}`, [3]string{"1500", "1500", "1500"}, [3]string{"1000", "1500", "0"}},
		// A quarter of 3,000 is 750.
		{"a quarter recovered", `{"amount":"1500","recovery_rate":"0.25"}`, [3]string{"1500", "1500", "2250"}, [3]string{"1000", "1500", "750"}},
		// Recovery waits three periods on the draw: March keeps it all.
		{"recovery after 3 periods", `{"amount":"1500","after_periods":3}`, [3]string{"1500", "1500", "3000"}, [3]string{"1000", "1500", "1500"}},
		{"non-recoverable", `{"kind":"non_recoverable","amount":"1500"}`, [3]string{"1500", "1500", "3000"}, [3]string{"0", "0", "0"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := build(t, `{`+head+`,"draw":`+tt.draw+`}`)
			for i, day := range []string{"2025-01-01", "2025-02-01", "2025-03-01"} {
				s := compute(t, d, day, earn, nil)["ana"]
				equalDec(t, day+" payout", s.Payout, tt.payouts[i])
				equalDec(t, day+" owed", s.Closing.Owed, tt.owed[i])
			}
		})
	}
}

func TestFloorKeepsTheDraw(t *testing.T) {
	// Owed 1,000 from January; February earns 2,000 against a 1,500 draw.
	// Without the floor all 1,000 is recovered (payout 1,000); with it only
	// the 500 above the draw (payout 1,500).
	earn := []incentive.Transaction{deal("E1", "ana", "500", "2025-01-05"), deal("E2", "ana", "2000", "2025-02-05")}
	for draw, w := range map[string][2]string{`{"amount":"1500"}`: {"1000", "0"}, `{"amount":"1500","floor":true}`: {"1500", "500"}} {
		d := build(t, `{"start":"2025-01-01","end":"2026-01-01","rounding":{"places":2},"reps":[{"id":"ana"}],
			"components":[{"id":"base","type":"flat","rate":"1"}],"draw":`+draw+`}`)
		s := compute(t, d, "2025-02-01", earn, nil)["ana"]
		equalDec(t, draw+" payout", s.Payout, w[0])
		equalDec(t, draw+" owed", s.Closing.Owed, w[1])
	}
}

func TestNegativePayout(t *testing.T) {
	txs := []incentive.Transaction{deal("D1", "ana", "10000", "2025-01-05"), deal("CN1", "ana", "-10000", "2025-02-05"),
		deal("D2", "ana", "3000", "2025-03-05")}
	carry := build(t, `{`+monthly+`}`)
	feb := compute(t, carry, "2025-02-01", txs, nil)["ana"]
	checkLines(t, "feb", feb.Adjustments, []want{{deficit, "", 0, "1000"}})
	equalDec(t, "feb payout", feb.Payout, "0")
	mar := compute(t, carry, "2025-03-01", txs, nil)["ana"]
	checkLines(t, "mar", mar.Adjustments, []want{{recovery, "", 0, "-300"}})
	equalDec(t, "mar owed", mar.Closing.Owed, "700")
	pay := build(t, `{`+monthly+`,"negative":"pay"}`)
	equalDec(t, "feb payout paid negative", compute(t, pay, "2025-02-01", txs, nil)["ana"].Payout, "-1000")
}

func TestRoundingModes(t *testing.T) {
	// 4,465.00 × 12.5% = 558.125 and 4,465.08 × 12.5% = 558.135: half up
	// rounds both away from zero, half even to the even cent, down drops
	// the half cent. The published shopspring figures: Round(2) gives
	// 558.13 / 558.14 / −558.13, RoundBank(2) 558.12 / 558.14 / −558.12.
	txs := []incentive.Transaction{deal("A", "ana", "4465.00", "2025-01-05"), deal("B", "ana", "4465.08", "2025-01-06"),
		deal("C", "ana", "-4465.00", "2025-01-07")}
	for mode, w := range map[string][3]string{
		"half_up":   {"558.13", "558.14", "-558.13"},
		"half_even": {"558.12", "558.14", "-558.12"},
		"down":      {"558.12", "558.13", "-558.12"},
	} {
		d := build(t, `{"start":"2025-01-01","end":"2026-01-01","rounding":{"places":2,"mode":"`+mode+`"},"reps":[{"id":"ana"}],
			"components":[{"id":"base","type":"flat","rate":"0.125"}]}`)
		s := compute(t, d, "2025-01-01", txs, nil)["ana"]
		checkLines(t, mode, s.Lines, []want{{commission, "A", 0, w[0]}, {commission, "B", 0, w[1]}, {commission, "C", 0, w[2]}})
	}
	// On the total: the lines stay exact (558.125 + 558.135 − 558.125 =
	// 558.135) and one rounding line makes 558.14.
	d := build(t, `{"start":"2025-01-01","end":"2026-01-01","rounding":{"places":2,"stage":"total"},"reps":[{"id":"ana"}],
		"components":[{"id":"base","type":"flat","rate":"0.125"}]}`)
	s := compute(t, d, "2025-01-01", txs, nil)["ana"]
	equalDec(t, "exact line", s.Lines[0].Amount, "558.125")
	checkLines(t, "adjustments", s.Adjustments, []want{{rounding, "", 0, "0.005"}})
	equalDec(t, "payout", s.Payout, "558.14")
}
