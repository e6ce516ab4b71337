package incentive_test

import (
	"testing"

	"github.com/saleskit/saleskit/incentive"
)

// The worked example of doc.go: 160,000 against a 100,000 quota on three
// marginal attainment tiers.
const docPlan = `{"id":"ae-2025","start":"2025-01-01","end":"2026-01-01","period":"quarter",
	"rounding":{"places":2},
	"reps":[{"id":"ana","quota":"100000"}],
	"components":[{"id":"revenue","type":"tiered","basis":"attainment","tiers":[
		{"from":"0","to":"1","rate":"0.08"},
		{"from":"1","to":"1.5","rate":"0.12"},
		{"from":"1.5","rate":"0.15"}]}]}`

func docDeals() []incentive.Transaction {
	return []incentive.Transaction{
		deal("D1", "ana", "70000", "2025-01-10"),
		deal("D2", "ana", "60000", "2025-02-10"),
		deal("D3", "ana", "30000", "2025-03-10"),
	}
}

func TestDocWorkedExample(t *testing.T) {
	s := compute(t, build(t, docPlan), "2025-02-01", docDeals(), nil)["ana"]
	// D1 70,000 × 8% = 5,600; D2 30,000 × 8% = 2,400 and 30,000 × 12% =
	// 3,600; D3 20,000 × 12% = 2,400 and 10,000 × 15% = 1,500.
	checkLines(t, "ana", s.Lines, []want{
		{commission, "D1", 1, "5600"},
		{commission, "D2", 1, "2400"},
		{commission, "D2", 2, "3600"},
		{commission, "D3", 2, "2400"},
		{commission, "D3", 3, "1500"},
	})
	equalDec(t, "payout", s.Payout, "15500")
	if got, want := s.Lines[2].Reason().String(), "Tier 2, 100%–150% of quota: 30,000.00 × 12% = 3,600.00"; got != want {
		t.Errorf("D2 tier 2 says %q, want %q", got, want)
	}
	if got, want := s.Lines[4].Reason().Text("zh-CN"), "第 3 档（配额的 150% 以上）：10,000.00 × 15% = 1,500.00"; got != want {
		t.Errorf("D3 tier 3 in Chinese says %q, want %q", got, want)
	}
	if a := s.Subtotals[0].Attainment; a == nil || *a != 1.6 {
		t.Errorf("attainment = %v, want 1.6", a)
	}
}

func TestRules(t *testing.T) {
	const head = `"start":"2025-01-01","end":"2026-01-01","rounding":{"places":2},`
	tests := []struct {
		name   string
		plan   string
		txs    []incentive.Transaction
		rep    string
		lines  []want
		payout string
	}{{
		name: "flat rate, a credit note lowers the base with its sign",
		plan: `{` + head + `"reps":[{"id":"ana"}],"components":[{"id":"base","type":"flat","rate":"0.1"}]}`,
		txs:  []incentive.Transaction{deal("D1", "ana", "10000", "2025-01-05"), deal("CN1", "ana", "-4000", "2025-01-20")},
		rep:  "ana",
		// 10,000 × 10% = 1,000; −4,000 × 10% = −400.
		lines:  []want{{commission, "D1", 0, "1000"}, {commission, "CN1", 0, "-400"}},
		payout: "600",
	}, {
		name: "marginal on the period total: a refund moves back through the tiers it came through",
		plan: `{` + head + `"reps":[{"id":"ana"}],"components":[{"id":"t","type":"tiered","tiers":[
			{"from":"0","to":"1000","rate":"0.01"},{"from":"1000","to":"3000","rate":"0.02"},{"from":"3000","rate":"0.03"}]}]}`,
		txs: []incentive.Transaction{deal("D1", "ana", "2500", "2025-01-05"), deal("CN1", "ana", "-1000", "2025-01-20")},
		rep: "ana",
		// D1: 1,000 × 1% = 10 and 1,500 × 2% = 30; the refund takes the
		// total from 2,500 to 1,500, all in tier 2: −1,000 × 2% = −20. The
		// 20 left is what 1,500 earns: 1,000 × 1% + 500 × 2%.
		lines:  []want{{commission, "D1", 1, "10"}, {commission, "D1", 2, "30"}, {commission, "CN1", 2, "-20"}},
		payout: "20",
	}, {
		name: "marginal per deal: a refund mirrors the deal it reverses",
		plan: `{` + head + `"reps":[{"id":"ana"}],"components":[{"id":"t","type":"tiered","accumulate":"per_deal","tiers":[
			{"from":"0","to":"1000","rate":"0.01"},{"from":"1000","to":"3000","rate":"0.02"}]}]}`,
		txs: []incentive.Transaction{deal("D1", "ana", "1500", "2025-01-05"), deal("CN1", "ana", "-1500", "2025-01-20"),
			deal("D2", "ana", "5000", "2025-01-21")},
		rep: "ana",
		// D1 1,000 × 1% + 500 × 2% = 20; CN1 the same negated; D2 stops at
		// the closed top tier: 1,000 × 1% + 2,000 × 2% = 50.
		lines: []want{{commission, "D1", 1, "10"}, {commission, "D1", 2, "10"}, {commission, "CN1", 1, "-10"},
			{commission, "CN1", 2, "-10"}, {commission, "D2", 1, "10"}, {commission, "D2", 2, "40"}},
		payout: "50",
	}, {
		name: "a retroactive tier crossed by a split deal",
		plan: `{` + head + `"reps":[{"id":"ana"},{"id":"ben"}],"components":[{"id":"t","type":"tiered","method":"retroactive","tiers":[
			{"from":"0","to":"10000","rate":"0.05"},{"from":"10000","rate":"0.08"}]}]}`,
		txs: []incentive.Transaction{deal("D1", "ana", "6000", "2025-01-05"),
			{ID: "D2", Amount: dec("10000"), Booked: incentive.MustDate("2025-01-15"),
				Splits: []incentive.Split{{Rep: "ana", Share: dec("0.6")}, {Rep: "ben", Share: dec("0.4")}}}},
		rep: "ana",
		// Ana's credit is 6,000 + 6,000 = 12,000, in tier 2, so both deals
		// pay 8%: 480 + 480. (Ben's 4,000 stays at 5%: see the next case.)
		// Reading D2's whole 10,000 into either rep's total is the
		// spreadsheet mistake.
		lines:  []want{{commission, "D1", 2, "480"}, {commission, "D2", 2, "480"}},
		payout: "960",
	}, {
		name: "the other side of the split stays in tier 1",
		plan: `{` + head + `"reps":[{"id":"ana"},{"id":"ben"}],"components":[{"id":"t","type":"tiered","method":"retroactive","tiers":[
			{"from":"0","to":"10000","rate":"0.05"},{"from":"10000","rate":"0.08"}]}]}`,
		txs: []incentive.Transaction{deal("D1", "ana", "6000", "2025-01-05"),
			{ID: "D2", Amount: dec("10000"), Booked: incentive.MustDate("2025-01-15"),
				Splits: []incentive.Split{{Rep: "ana", Share: dec("0.6")}, {Rep: "ben", Share: dec("0.4")}}}},
		rep:    "ben",
		lines:  []want{{commission, "D2", 1, "200"}}, // 4,000 × 5%
		payout: "200",
	}, {
		name: "retroactive up to quota, marginal above it",
		plan: `{` + head + `"reps":[{"id":"ana","quota":"100000"}],"components":[{"id":"t","type":"tiered","basis":"attainment","tiers":[
			{"from":"0","to":"0.5","rate":"0.03"},{"from":"0.5","to":"1","rate":"0.06","retroactive":true},{"from":"1","rate":"0.10"}]}]}`,
		txs: []incentive.Transaction{deal("D1", "ana", "30000", "2025-01-05"), deal("D2", "ana", "40000", "2025-01-10"),
			deal("D3", "ana", "50000", "2025-01-15")},
		rep: "ana",
		// 120,000 reaches tier 2, retroactive: everything up to 100,000 pays
		// 6% (30,000 → 1,800; 40,000 → 2,400; 30,000 → 1,800), the 20,000
		// above pays tier 3's 10% (2,000). 100,000 × 6% + 20,000 × 10% =
		// 8,000.
		lines: []want{{commission, "D1", 2, "1800"}, {commission, "D2", 2, "2400"}, {commission, "D3", 2, "1800"},
			{commission, "D3", 3, "2000"}},
		payout: "8000",
	}, {
		name: "below the retroactive tier, the lower rate",
		plan: `{` + head + `"reps":[{"id":"ana","quota":"100000"}],"components":[{"id":"t","type":"tiered","basis":"attainment","tiers":[
			{"from":"0","to":"0.5","rate":"0.03"},{"from":"0.5","to":"1","rate":"0.06","retroactive":true},{"from":"1","rate":"0.10"}]}]}`,
		txs:    []incentive.Transaction{deal("D1", "ana", "40000", "2025-01-05")},
		rep:    "ana",
		lines:  []want{{commission, "D1", 1, "1200"}}, // 40% of quota: 40,000 × 3%
		payout: "1200",
	}, {
		name: "a decelerated rate lifted retroactively at 80%",
		plan: `{` + head + `"reps":[{"id":"ana","quota":"50000"}],"components":[{"id":"t","type":"tiered","basis":"attainment","tiers":[
			{"from":"0","to":"0.8","rate":"0.04"},{"from":"0.8","rate":"0.08","retroactive":true}]}]}`,
		txs: []incentive.Transaction{deal("D1", "ana", "35000", "2025-01-05"), deal("D2", "ana", "10000", "2025-01-25")},
		rep: "ana",
		// 45,000 is 90%: every slice at 8%: 35,000 → 2,800, 10,000 → 800.
		lines:  []want{{commission, "D1", 2, "2800"}, {commission, "D2", 2, "800"}},
		payout: "3600",
	}, {
		name: "a total on a boundary: lower_inclusive reaches the higher tier",
		plan: `{` + head + `"reps":[{"id":"ana"}],"components":[{"id":"t","type":"tiered","method":"retroactive","tiers":[
			{"from":"0","to":"100","rate":"0.10"},{"from":"100","rate":"0.12"}]}]}`,
		txs:    []incentive.Transaction{deal("D1", "ana", "100", "2025-01-05")},
		rep:    "ana",
		lines:  []want{{commission, "D1", 2, "12"}},
		payout: "12",
	}, {
		name: "a total on a boundary: upper_inclusive stays in the lower tier",
		plan: `{` + head + `"reps":[{"id":"ana"}],"components":[{"id":"t","type":"tiered","method":"retroactive","boundary":"upper_inclusive","tiers":[
			{"from":"0","to":"100","rate":"0.10"},{"from":"100","rate":"0.12"}]}]}`,
		txs:    []incentive.Transaction{deal("D1", "ana", "100", "2025-01-05")},
		rep:    "ana",
		lines:  []want{{commission, "D1", 1, "10"}},
		payout: "10",
	}, {
		name: "proration with an accelerator; a deal before the start date earns nothing",
		plan: `{` + head + `"reps":[{"id":"ana","quota":"31000","start":"2025-03-11"}],"components":[{"id":"t","type":"tiered","basis":"attainment","tiers":[
			{"from":"0","to":"1","rate":"0.10"},{"from":"1","rate":"0.15"}]}]}`,
		txs: []incentive.Transaction{deal("D1", "ana", "5000", "2025-03-05"), deal("D2", "ana", "15000", "2025-03-15"),
			deal("D3", "ana", "10000", "2025-03-25")},
		rep: "ana",
		// Ana works 21 of March's 31 days: quota 31,000 × 21/31 = 21,000.
		// D2 15,000 × 10% = 1,500; D3 fills the quota with 6,000 × 10% =
		// 600 and accelerates 4,000 × 15% = 600. Against the unprorated
		// 31,000 everything would pay 10%: 2,500.
		lines: []want{{excluded, "D1", 0, "0"}, {commission, "D2", 1, "1500"}, {commission, "D3", 1, "600"},
			{commission, "D3", 2, "600"}},
		payout: "2700",
	}, {
		name: "a rep who leaves mid-month: the deal before the leaving date pays once, the one after nothing",
		plan: `{` + head + `"reps":[{"id":"ana","end":"2025-01-15"}],"components":[{"id":"base","type":"flat","rate":"0.1"}]}`,
		txs:  []incentive.Transaction{deal("D1", "ana", "1000", "2025-01-05"), deal("D2", "ana", "500", "2025-01-20")},
		rep:  "ana",
		// D1 1,000 × 10% = 100; D2 is credited after Ana left on the 15th.
		lines:  []want{{excluded, "D2", 0, "0"}, {commission, "D1", 0, "100"}},
		payout: "100",
	}, {
		name:   "a threshold: below 50% of quota nothing is paid",
		plan:   `{` + head + `"reps":[{"id":"ana","quota":"100000"}],"components":[{"id":"base","type":"flat","rate":"0.05","threshold":"0.5"}]}`,
		txs:    []incentive.Transaction{deal("D1", "ana", "40000", "2025-01-05")},
		rep:    "ana",
		lines:  []want{{threshold, "", 0, "0"}},
		payout: "0",
	}, {
		name:   "a threshold met pays from the first dollar",
		plan:   `{` + head + `"reps":[{"id":"ana","quota":"100000"}],"components":[{"id":"base","type":"flat","rate":"0.05","threshold":"0.5"}]}`,
		txs:    []incentive.Transaction{deal("D1", "ana", "40000", "2025-01-05"), deal("D2", "ana", "20000", "2025-01-06")},
		rep:    "ana",
		lines:  []want{{commission, "D1", 0, "2000"}, {commission, "D2", 0, "1000"}},
		payout: "3000",
	}, {
		name: "per-unit and per-deal SPIFs, milestones",
		plan: `{` + head + `"reps":[{"id":"ana","quota":"10000"},{"id":"ben"}],"components":[
			{"id":"units","type":"per_unit","measure":"units","amount":"50"},
			{"id":"logo","type":"per_deal","amount":"250","filter":{"kinds":["new"]}},
			{"id":"ms","type":"milestones","milestones":[{"at":"1","amount":"1000"},{"at":"1.5","amount":"2000"}]}]}`,
		txs: []incentive.Transaction{
			{ID: "D1", Rep: "ana", Amount: dec("8000"), Units: dec("3"), Kind: incentive.New, Booked: incentive.MustDate("2025-01-05")},
			{ID: "D2", Amount: dec("6000"), Kind: incentive.New, Booked: incentive.MustDate("2025-01-09"),
				Splits: []incentive.Split{{Rep: "ana", Share: dec("0.6")}, {Rep: "ben", Share: dec("0.4")}}},
			{ID: "D3", Rep: "ana", Amount: dec("1000"), Kind: incentive.Renewal, Booked: incentive.MustDate("2025-01-12")},
		},
		rep: "ana",
		// 3 units × 50 = 150; D1 new logo 250, D2 60% of one: 150; D3 is a
		// renewal. Credit 8,000 + 3,600 + 1,000 = 12,600 is 126%: the 100%
		// milestone pays, the 150% one does not.
		lines: []want{{bonus, "D1", 0, "150"}, {bonus, "D1", 0, "250"}, {bonus, "D2", 0, "150"},
			{bonus, "", 0, "1000"}},
		payout: "1550",
	}, {
		name: "manager override on the team's rolled-up credit",
		plan: `{` + head + `"crediting":{"roll_up":true},"reps":[{"id":"mia"},{"id":"ana","manager":"mia"},{"id":"ben","manager":"mia"}],
			"components":[{"id":"ovr","type":"override","rate":"0.02"}]}`,
		txs: []incentive.Transaction{deal("D1", "ana", "10000", "2025-01-05"), deal("D2", "ben", "5000", "2025-01-06")},
		rep: "mia",
		// 2% of each team member's credit: 200 + 100.
		lines:  []want{{commission, "D1", 0, "200"}, {commission, "D2", 0, "100"}},
		payout: "300",
	}, {
		name: "overlay credit beyond the 100% pays the specialist",
		plan: `{` + head + `"crediting":{"overlay":true},"reps":[{"id":"ana"},{"id":"sam"}],
			"components":[{"id":"spec","type":"flat","rate":"0.02","filter":{"credits":["overlay"]}}]}`,
		txs: []incentive.Transaction{{ID: "D1", Amount: dec("10000"), Booked: incentive.MustDate("2025-01-05"),
			Splits: []incentive.Split{{Rep: "ana", Share: dec("1")}, {Rep: "sam", Share: dec("0.5"), Overlay: true}}}},
		rep:    "sam",
		lines:  []want{{commission, "D1", 0, "100"}}, // 5,000 overlay × 2%
		payout: "100",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := compute(t, build(t, tt.plan), "2025-03-01", tt.txs, nil)
			if tt.txs[0].Booked.Month == 1 {
				st = compute(t, build(t, tt.plan), "2025-01-01", tt.txs, nil)
			}
			s := st[tt.rep]
			checkLines(t, tt.rep, s.Lines, tt.lines)
			equalDec(t, "payout", s.Payout, tt.payout)
		})
	}
}

func TestScorecard(t *testing.T) {
	// A telesales scorecard: revenue 50% (floor 60,000, target the quota),
	// connect rate 20%, satisfaction 20%, conduct breaches 10% (fewer is
	// better), no bonus unless revenue reaches 80% of target. The bonus at
	// 100% is the rep's target incentive, 2,000.
	d := build(t, `{"start":"2025-01-01","end":"2025-04-01","rounding":{"places":2},
		"reps":[{"id":"ana","quota":"100000","target_incentive":"2000"},{"id":"ben","quota":"100000","target_incentive":"2000"}],
		"components":[{"id":"card","type":"scorecard","gate":{"measure":"revenue","at_least":"0.8"},"measures":[
			{"id":"revenue","weight":"0.5","floor":"60000"},
			{"id":"connect","measure":"custom","key":"connect_rate","weight":"0.2","floor":"0.20","target":"0.35"},
			{"id":"csat","measure":"custom","key":"csat","weight":"0.2","floor":"3.5","target":"4.5"},
			{"id":"conduct","measure":"custom","key":"breaches","weight":"0.1","floor":"3","target":"0"}]}]}`)
	jan := incentive.MustDate("2025-01-01")
	metrics := []incentive.Metric{
		{Rep: "ana", Period: jan, Key: "connect_rate", Value: dec("0.32")},
		{Rep: "ana", Period: jan, Key: "csat", Value: dec("4.2")},
		{Rep: "ana", Period: jan, Key: "breaches", Value: dec("1")},
		{Rep: "ben", Period: jan, Key: "connect_rate", Value: dec("0.40")},
	}
	txs := []incentive.Transaction{deal("D1", "ana", "90000", "2025-01-10"), deal("D2", "ben", "75000", "2025-01-12")}
	st := compute(t, d, "2025-01-15", txs, &incentive.ComputeOptions{Metrics: metrics})
	// Ana: revenue (90,000 − 60,000) / 40,000 = 0.75 → 1,000 × 0.75 = 750;
	// connect (0.32 − 0.20) / 0.15 = 0.8 → 400 × 0.8 = 320; csat 0.7 → 280;
	// conduct (1 − 3) / (0 − 3) = 0.6667 → 200 × 0.6667 = 133.34.
	checkLines(t, "ana", st["ana"].Lines, []want{{bonus, "", 0, "750"}, {bonus, "", 0, "320"}, {bonus, "", 0, "280"}, {bonus, "", 0, "133.34"}})
	equalDec(t, "ana's payout", st["ana"].Payout, "1483.34")
	if got, want := st["ana"].Lines[3].Reason().String(), "conduct: 1 scores 66.67% (floor 3, target 0); 200.00 × 66.67% = 133.34"; got != want {
		t.Errorf("conduct line says %q, want %q", got, want)
	}
	// Ben's revenue is 75% of target, below the 80% gate.
	checkLines(t, "ben", st["ben"].Lines, []want{{threshold, "", 0, "0"}})
	if got, want := st["ben"].Lines[0].Reason().String(), "No scorecard bonus: revenue is at 75% of target, below the gate of 80%"; got != want {
		t.Errorf("ben's gate line says %q, want %q", got, want)
	}
}

func TestScore(t *testing.T) {
	tests := []struct{ actual, floor, target, limit, want string }{
		{"90", "60", "100", "0", "0.75"},
		{"50", "60", "100", "0", "0"},      // below the floor
		{"120", "60", "100", "0", "1"},     // capped at 1 by default
		{"120", "60", "100", "1.2", "1.2"}, // (120−60)/40 = 1.5, capped at 1.2
		{"1", "3", "0", "0", "0.6667"},     // lower is better; 2/3 rounded half up
		{"5", "5", "5", "0", "0"},          // target equals floor
	}
	for _, tt := range tests {
		got := incentive.Score(dec(tt.actual), dec(tt.floor), dec(tt.target), dec(tt.limit))
		if !got.Equal(dec(tt.want)) {
			t.Errorf("Score(%s, %s, %s, %s) = %s, want %s", tt.actual, tt.floor, tt.target, tt.limit, got, tt.want)
		}
	}
}

func TestFiltersAndRelief(t *testing.T) {
	d := build(t, `{"start":"2025-01-01","end":"2026-01-01","rounding":{"places":2},
		"reps":[{"id":"ana","quota":"20000","relief":[{"period":"2025-01-01","amount":"5000","note":"territory moved"}]}],
		"components":[
			{"id":"big","type":"per_deal","amount":"100","filter":{"at_least":"10000","below":"50000"}},
			{"id":"paid","type":"flat","rate":"0.01","filter":{"status":"paid"}},
			{"id":"late","type":"flat","rate":"0.02","filter":{"from":"2025-01-15","until":"2025-01-25","products":["cloud"]}},
			{"id":"ms","type":"milestones","milestones":[{"at":"1","amount":"300"}]}]}`)
	tx := func(id, amount, booked, paid, product string) incentive.Transaction {
		t := deal(id, "ana", amount, booked)
		t.Product = product
		if paid != "" {
			t.Paid = incentive.MustDate(paid)
		}
		return t
	}
	txs := []incentive.Transaction{
		tx("D1", "12000", "2025-01-05", "2025-01-20", "cloud"), // big, paid in January
		tx("D2", "60000", "2025-01-16", "", "cloud"),           // too big; in the window
		tx("D3", "-15000", "2025-01-20", "", "onprem"),         // a credit note: no deal bonus
		tx("D4", "3000", "2025-01-24", "2025-02-03", "cloud"),  // paid after January
	}
	s := compute(t, d, "2025-01-01", txs, nil)["ana"]
	// Quota 20,000 less 5,000 relief: 15,000. Credit 12,000 + 60,000 −
	// 15,000 + 3,000 = 60,000, 400%: the milestone pays.
	checkLines(t, "lines", s.Lines, []want{
		{bonus, "D1", 0, "100"},
		{commission, "D1", 0, "120"},
		{commission, "D2", 0, "1200"},
		{commission, "D4", 0, "60"},
		{bonus, "", 0, "300"},
	})
	equalDec(t, "quota", s.Quota.Effective, "15000")
	if got, want := s.Quota.Reason().String(), "Quota 20,000 less relief 5,000 = 15,000"; got != want {
		t.Errorf("quota says %q, want %q", got, want)
	}
}
