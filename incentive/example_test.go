package incentive_test

import (
	"fmt"

	"github.com/saleskit/saleskit/incentive"
	"github.com/shopspring/decimal"
)

func mustDecode(plan string, reg *incentive.Registry) *incentive.Definition {
	d, err := incentive.DecodePlan([]byte(plan), reg)
	if err != nil {
		panic(err)
	}
	return d
}

func mustCompute(d *incentive.Definition, day string, txs []incentive.Transaction, o *incentive.ComputeOptions) []incentive.Statement {
	st, err := incentive.Compute(d, incentive.MustDate(day), txs, o)
	if err != nil {
		panic(err)
	}
	return st
}

// printStatement prints a statement in full: every line with its
// explanation, the subtotals, the adjustments and the payout.
func printStatement(s incentive.Statement, lang string) {
	fmt.Printf("%s, %s (quota %s)\n", s.Rep, s.Period, s.Quota.Effective.StringFixed(2))
	for _, l := range s.Lines {
		fmt.Printf("  %-6s %12s  %s\n", l.Deal, l.Amount.StringFixed(2), l.Reason().Text(lang))
	}
	for _, st := range s.Subtotals {
		fmt.Printf("  %-6s %12s  subtotal %s\n", "", st.Amount.StringFixed(2), st.Component)
	}
	for _, l := range s.Adjustments {
		fmt.Printf("  %-6s %12s  %s\n", l.Deal, l.Amount.StringFixed(2), l.Reason().Text(lang))
	}
	fmt.Printf("  payout %12s\n", s.Payout.StringFixed(2))
}

// A flat plan: 10% of every deal, a credit note reducing it.
func ExampleCompute_flat() {
	d := mustDecode(`{"start":"2025-01-01","end":"2026-01-01","rounding":{"places":2},
		"reps":[{"id":"ana"}],"components":[{"id":"base","type":"flat","rate":"0.10"}]}`, nil)
	txs := []incentive.Transaction{
		{ID: "D1", Rep: "ana", Amount: decimal.RequireFromString("12500.00"), Booked: incentive.MustDate("2025-01-06")},
		{ID: "CN1", Rep: "ana", Amount: decimal.RequireFromString("-2500.00"), Booked: incentive.MustDate("2025-01-28")},
	}
	for _, s := range mustCompute(d, "2025-01-01", txs, nil) {
		printStatement(s, "en")
	}
	// Output:
	// ana, 2025-01 (quota 0.00)
	//   D1          1250.00  base: 12,500.00 × 10% = 1,250.00
	//   CN1         -250.00  base: -2,500.00 × 10% = -250.00
	//               1000.00  subtotal base
	//   payout      1000.00
}

// A rate table on the running period total, with a deal straddling two
// tiers (Spiff's published example: 5,000 at 4% and 15,000 at 6%).
func ExampleCompute_tiers() {
	d := mustDecode(`{"start":"2025-01-01","end":"2026-01-01","period":"year","rounding":{"places":2},
		"reps":[{"id":"ae"}],"components":[{"id":"arr","type":"tiered","tiers":[
			{"from":"0","to":"150000","rate":"0.04"},
			{"from":"150000","to":"250000","rate":"0.06"},
			{"from":"250000","rate":"0.08"}]}]}`, nil)
	txs := []incentive.Transaction{
		{ID: "D1", Rep: "ae", Amount: decimal.NewFromInt(145000), Booked: incentive.MustDate("2025-02-01")},
		{ID: "D2", Rep: "ae", Amount: decimal.NewFromInt(20000), Booked: incentive.MustDate("2025-03-01")},
	}
	s := mustCompute(d, "2025-06-30", txs, nil)[0]
	for _, l := range s.Lines {
		fmt.Println(l.Deal, l.Reason())
	}
	fmt.Println("payout", s.Payout)
	// Output:
	// D1 Tier 1, 0.00–150,000.00: 145,000.00 × 4% = 5,800.00
	// D2 Tier 1, 0.00–150,000.00: 5,000.00 × 4% = 200.00
	// D2 Tier 2, 150,000.00–250,000.00: 15,000.00 × 6% = 900.00
	// payout 6900
}

// A deal split 60/40 between two reps; each is paid on their share.
func ExampleCompute_split() {
	d := mustDecode(`{"start":"2025-06-01","end":"2025-07-01","rounding":{"places":2},
		"reps":[{"id":"ana"},{"id":"ben"}],"components":[{"id":"base","type":"flat","rate":"0.10"}]}`, nil)
	txs := []incentive.Transaction{{ID: "D1", Amount: decimal.RequireFromString("100000.01"), Booked: incentive.MustDate("2025-06-18"),
		Splits: []incentive.Split{{Rep: "ana", Share: decimal.RequireFromString("0.6")}, {Rep: "ben", Share: decimal.RequireFromString("0.4")}}}}
	for _, s := range mustCompute(d, "2025-06-01", txs, nil) {
		fmt.Println(s.Rep, "credit", s.Credits[0].Amount, "payout", s.Payout)
	}
	// Output:
	// ana credit 60000.01 payout 6000
	// ben credit 40000 payout 4000
}

// A deal cancelled within the clawback window gives back its commission in
// the month of the cancellation.
func ExampleCompute_clawback() {
	d := mustDecode(`{"start":"2025-01-01","end":"2026-01-01","rounding":{"places":2},
		"reps":[{"id":"ana"}],"components":[{"id":"base","type":"flat","rate":"0.10"}],
		"clawback":{"within_days":90}}`, nil)
	txs := []incentive.Transaction{
		{ID: "D1", Rep: "ana", Amount: decimal.NewFromInt(8000), Booked: incentive.MustDate("2025-01-15"),
			Cancelled: incentive.MustDate("2025-03-02")},
		{ID: "D2", Rep: "ana", Amount: decimal.NewFromInt(30000), Booked: incentive.MustDate("2025-03-10")},
	}
	printStatement(mustCompute(d, "2025-03-01", txs, nil)[0], "en")
	// Output:
	// ana, 2025-03 (quota 0.00)
	//   D2          3000.00  base: 30,000.00 × 10% = 3,000.00
	//               3000.00  subtotal base
	//   D1          -800.00  Deal D1, booked 2025-01-15, cancelled 2025-03-02 (46 days later): the 800.00 it earned is recovered: -800.00
	//   payout      2200.00
}

// A telesales scorecard: revenue 50%, connect rate 20%, satisfaction 20%,
// conduct 10%, and no bonus unless revenue reaches 80% of quota.
func ExampleCompute_scorecard() {
	d := mustDecode(`{"start":"2025-01-01","end":"2026-01-01","rounding":{"places":2},
		"reps":[{"id":"li","quota":"100000","target_incentive":"2000"}],
		"components":[{"id":"card","type":"scorecard","gate":{"measure":"revenue","at_least":"0.8"},
		"labels":{"en":"Scorecard","zh-CN":"计分卡"},"measures":[
			{"id":"revenue","weight":"0.5","floor":"60000"},
			{"id":"connect","measure":"custom","key":"connect_rate","weight":"0.2","floor":"0.20","target":"0.35"},
			{"id":"csat","measure":"custom","key":"csat","weight":"0.2","floor":"3.5","target":"4.5"},
			{"id":"conduct","measure":"custom","key":"breaches","weight":"0.1","floor":"3","target":"0"}]}]}`, nil)
	jan := incentive.MustDate("2025-01-01")
	metric := func(key, v string) incentive.Metric {
		return incentive.Metric{Rep: "li", Period: jan, Key: key, Value: decimal.RequireFromString(v)}
	}
	txs := []incentive.Transaction{{ID: "D1", Rep: "li", Amount: decimal.NewFromInt(90000), Booked: incentive.MustDate("2025-01-20")}}
	s := mustCompute(d, "2025-01-01", txs, &incentive.ComputeOptions{Metrics: []incentive.Metric{
		metric("connect_rate", "0.32"), metric("csat", "4.2"), metric("breaches", "1")}})[0]
	for _, l := range s.Lines {
		fmt.Println(l.Reason().Text("zh-CN"))
	}
	fmt.Println("payout", s.Payout)
	// Output:
	// revenue：实际 90,000，得分 75%（下限 60,000，目标 100,000）；1,000.00 × 75% = 750.00
	// connect：实际 0.32，得分 80%（下限 0.2，目标 0.35）；400.00 × 80% = 320.00
	// csat：实际 4.2，得分 70%（下限 3.5，目标 4.5）；400.00 × 70% = 280.00
	// conduct：实际 1，得分 66.67%（下限 3，目标 0）；200.00 × 66.67% = 133.34
	// payout 1483.34
}

// A custom rule in a few lines: 2% more on deals of three years or more,
// registered under a type name and decoded from the plan's JSON.
func ExampleRuleFunc() {
	reg := incentive.NewRegistry()
	err := reg.Register("multi_year", func(c incentive.Component) (incentive.Rule, error) {
		return incentive.RuleFunc(func(in incentive.Input, lines []incentive.Line) ([]incentive.Line, error) {
			for _, cr := range in.Credits {
				if cr.Attributes["term_years"] >= "3" && !cr.Reversal {
					lines = append(lines, incentive.Line{Deal: cr.Deal, Date: cr.Date, Basis: cr.Amount, Rate: c.Rate,
						Amount: cr.Amount.Mul(c.Rate)})
				}
			}
			return lines, nil
		}), nil
	})
	if err != nil {
		panic(err)
	}
	d := mustDecode(`{"start":"2025-01-01","end":"2026-01-01","rounding":{"places":2},"reps":[{"id":"ana"}],
		"components":[{"id":"base","type":"flat","rate":"0.08"},{"id":"multi_year","type":"multi_year","rate":"0.02"}]}`, reg)
	txs := []incentive.Transaction{
		{ID: "D1", Rep: "ana", Amount: decimal.NewFromInt(40000), Booked: incentive.MustDate("2025-01-09"),
			Attributes: map[string]string{"term_years": "3"}},
		{ID: "D2", Rep: "ana", Amount: decimal.NewFromInt(10000), Booked: incentive.MustDate("2025-01-21")},
	}
	printStatement(mustCompute(d, "2025-01-01", txs, nil)[0], "en")
	// Output:
	// ana, 2025-01 (quota 0.00)
	//   D1          3200.00  base: 40,000.00 × 8% = 3,200.00
	//   D2           800.00  base: 10,000.00 × 8% = 800.00
	//   D1           800.00  multi_year: 40,000.00 × 2% = 800.00
	//               4000.00  subtotal base
	//                800.00  subtotal multi_year
	//   payout      4800.00
}

// Statements for a team, one printed in full with its explanations in
// Chinese, and the period's ranking: what a quickstart shows.
func ExampleRank() {
	d := mustDecode(`{"id":"team-2025","start":"2025-01-01","end":"2026-01-01","period":"quarter","rounding":{"places":2},
		"reps":[{"id":"ana","quota":"100000"},{"id":"ben","quota":"100000"},{"id":"cy","quota":"100000"},{"id":"dee","quota":"100000","start":"2025-02-01"}],
		"components":[{"id":"revenue","type":"tiered","basis":"attainment","tiers":[
			{"from":"0","to":"1","rate":"0.08"},{"from":"1","rate":"0.12"}]}],
		"clawback":{"within_days":60}}`, nil)
	day := func(s string) incentive.Date { return incentive.MustDate(s) }
	amount := decimal.NewFromInt
	txs := []incentive.Transaction{
		{ID: "A1", Rep: "ana", Amount: amount(80000), Booked: day("2025-01-14")},
		{ID: "A2", Rep: "ana", Amount: amount(40000), Booked: day("2025-02-20")},
		{ID: "B1", Rep: "ben", Amount: amount(90000), Booked: day("2025-03-03")},
		{ID: "S1", Amount: amount(60000), Booked: day("2025-02-11"), Splits: []incentive.Split{
			{Rep: "cy", Share: decimal.RequireFromString("0.5")}, {Rep: "dee", Share: decimal.RequireFromString("0.5")}}},
		{ID: "C2", Rep: "cy", Amount: amount(60000), Booked: day("2025-03-12")},
		{ID: "D0", Rep: "dee", Amount: amount(20000), Booked: day("2025-01-20")},
		{ID: "D2", Rep: "dee", Amount: amount(30000), Booked: day("2025-01-25"), Cancelled: day("2025-03-01")},
	}
	st := mustCompute(d, "2025-01-01", txs, nil)
	for _, s := range st {
		fmt.Printf("%-4s credit %9s payout %9s\n", s.Rep, s.Subtotals[0].Measure, s.Payout.StringFixed(2))
	}
	printStatement(st[3], "zh-CN")
	r, err := incentive.Rank(st, incentive.ByPayout)
	if err != nil {
		panic(err)
	}
	for _, x := range r.Standings {
		fmt.Printf("%d %-4s %9s tied=%t\n", x.Rank, x.Rep, x.Value.StringFixed(2), x.Tied)
	}
	fmt.Println("champions:", r.Champions)
	// Output:
	// ana  credit    120000 payout  10400.00
	// ben  credit     90000 payout   7200.00
	// cy   credit     90000 payout   7200.00
	// dee  credit     30000 payout   2400.00
	// dee, 2025-Q1 (quota 65555.56)
	//   D0             0.00  交易 D0 计入日期 2025-01-20 早于入职日期 2025-02-01：不计提成
	//   D2             0.00  交易 D2 计入日期 2025-01-25 早于入职日期 2025-02-01：不计提成
	//   S1          2400.00  第 1 档（配额的 0%–100%）：30,000.00 × 8% = 2,400.00
	//               2400.00  subtotal revenue
	//   payout      2400.00
	// 1 ana   10400.00 tied=false
	// 2 ben    7200.00 tied=true
	// 2 cy     7200.00 tied=true
	// 4 dee    2400.00 tied=false
	// champions: [ana]
}

// A what-if: last quarter's deals under a richer accelerator, rep by rep
// and line by line.
func ExampleWhatIf() {
	plan := func(rate string) *incentive.Definition {
		return mustDecode(`{"start":"2025-01-01","end":"2026-01-01","period":"quarter","rounding":{"places":2},
			"reps":[{"id":"ana","quota":"100000"},{"id":"ben","quota":"100000"}],
			"components":[{"id":"revenue","type":"tiered","basis":"attainment","tiers":[
				{"from":"0","to":"1","rate":"0.08"},{"from":"1","rate":"`+rate+`"}]}]}`, nil)
	}
	txs := []incentive.Transaction{
		{ID: "A1", Rep: "ana", Amount: decimal.NewFromInt(130000), Booked: incentive.MustDate("2025-02-14")},
		{ID: "B1", Rep: "ben", Amount: decimal.NewFromInt(70000), Booked: incentive.MustDate("2025-03-03")},
	}
	c, err := incentive.WhatIf(plan("0.12"), plan("0.15"), incentive.MustDate("2025-01-01"), txs, nil)
	if err != nil {
		panic(err)
	}
	fmt.Printf("total %s → %s (%s), %d gain, %d lose\n", c.Before, c.After, c.Delta, c.Gainers, c.Losers)
	for _, r := range c.Reps {
		fmt.Println(r.Rep, r.Delta)
		for _, l := range r.Lines {
			fmt.Println("  was:", l.BeforeLines[len(l.BeforeLines)-1].Reason())
			fmt.Println("  now:", l.AfterLines[len(l.AfterLines)-1].Reason())
		}
	}
	// Output:
	// total 17200 → 18100 (900), 1 gain, 0 lose
	// ana 900
	//   was: Tier 2, 100% of quota and above: 30,000.00 × 12% = 3,600.00
	//   now: Tier 2, 100% of quota and above: 30,000.00 × 15% = 4,500.00
}

// A statement's lines worded with the plan's own labels: the scorecard's
// measures by name, in Chinese, where Line.Reason cites their IDs.
func ExampleDefinition_Explain() {
	d := mustDecode(`{"start":"2025-01-01","end":"2026-01-01","rounding":{"places":2},
		"reps":[{"id":"li","quota":"100000","target_incentive":"2000"}],
		"components":[{"id":"card","type":"scorecard","labels":{"en":"Scorecard","zh-CN":"计分卡"},"measures":[
			{"id":"revenue","labels":{"en":"Revenue","zh-CN":"成交金额"},"weight":"0.6","floor":"60000"},
			{"id":"connect","labels":{"en":"Connect rate","zh-CN":"接通率"},"measure":"custom","key":"connect_rate","weight":"0.4","floor":"0.20","target":"0.35"}]}]}`, nil)
	txs := []incentive.Transaction{{ID: "D1", Rep: "li", Amount: decimal.NewFromInt(90000), Booked: incentive.MustDate("2025-01-20")}}
	s := mustCompute(d, "2025-01-01", txs, &incentive.ComputeOptions{Metrics: []incentive.Metric{
		{Rep: "li", Period: incentive.MustDate("2025-01-01"), Key: "connect_rate", Value: decimal.RequireFromString("0.32")}}})[0]
	for _, l := range s.Lines {
		fmt.Println(l.Reason().Text("zh-CN"))
		fmt.Println(d.Explain(l, "zh-CN"))
	}

	// Output:
	// revenue：实际 90,000，得分 75%（下限 60,000，目标 100,000）；1,200.00 × 75% = 900.00
	// 成交金额：实际 90,000，得分 75%（下限 60,000，目标 100,000）；1,200.00 × 75% = 900.00
	// connect：实际 0.32，得分 80%（下限 0.2，目标 0.35）；800.00 × 80% = 640.00
	// 接通率：实际 0.32，得分 80%（下限 0.2，目标 0.35）；800.00 × 80% = 640.00
}
