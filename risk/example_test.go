package risk_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/saleskit/saleskit/risk"
	"github.com/shopspring/decimal"
)

// The PMBOK preset's cells: probability × impact, rounded half up to two
// places (0.7 × 0.05 = 0.035 is 0.04), rated by thresholds 0.05 and 0.18.
func ExampleMatrix() {
	m := risk.PMBOK()
	s := m.Spec()
	np, ni := m.Size()
	for p := np - 1; p >= 0; p-- {
		line := fmt.Sprintf("%-9s", s.Probability[p].Label("en"))
		for i := range ni {
			c := risk.Cell{Probability: p, Impact: i}
			line += fmt.Sprintf(" %s %-8s", m.Score(c).StringFixed(2), m.Rating(c))
		}
		fmt.Println(strings.TrimRight(line, " "))
	}
	level, _ := m.ImpactLevel(risk.MeasureCost, decimal.RequireFromString("0.15"))
	fmt.Println("a 15% cost overrun is impact", level)
	// Output:
	// Very high 0.05 moderate 0.09 moderate 0.18 high     0.36 high     0.72 high
	// High      0.04 low      0.07 moderate 0.14 moderate 0.28 high     0.56 high
	// Moderate  0.03 low      0.05 moderate 0.10 moderate 0.20 high     0.40 high
	// Low       0.02 low      0.03 low      0.06 moderate 0.12 moderate 0.24 high
	// Very low  0.01 low      0.01 low      0.02 low      0.04 low      0.08 moderate
	// a 15% cost overrun is impact moderate
}

// An asymmetric matrix rated by an explicit cell table: a compliance team
// that treats any very likely risk as high.
func ExampleNewMatrix() {
	levels := func(keys ...string) []risk.Level {
		out := make([]risk.Level, len(keys))
		for k, key := range keys {
			out[k] = risk.Level{Key: key, Value: decimal.NewFromInt(int64(k + 1))}
		}
		return out
	}
	prob := levels("rare", "possible", "likely")
	for k, v := range []string{"0.1", "0.4", "0.8"} {
		prob[k].Value = decimal.RequireFromString(v)
	}
	m, err := risk.NewMatrix(risk.MatrixSpec{
		Name:        "compliance",
		Probability: prob,
		Impact:      levels("minor", "major", "severe"),
		Ratings:     []risk.Rating{{Key: "low"}, {Key: "high"}},
		Cells: [][]string{
			{"low", "low", "high"},
			{"low", "low", "high"},
			{"high", "high", "high"},
		},
		Places: 1,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	c, _ := m.CellOf("likely", "minor")
	fmt.Println(m.Score(c), m.Rating(c))

	// A table whose rating falls as probability rises is refused, naming
	// the cell.
	s := m.Spec()
	s.Cells[1][2] = "low"
	_, err = risk.NewMatrix(s)
	fmt.Println(err)
	// Output:
	// 0.8 high
	// risk: cells[1][2] "low": inconsistent matrix: the rating falls from "high" at cells[0][2] as probability rises
}

// The worked example of the package documentation.
func ExampleAssess() {
	a, err := risk.Assess(risk.PMBOK(), risk.Risk{
		ID:          "engineer-leaves",
		Category:    risk.StaffTurnover,
		Probability: risk.Probability{Level: "high"},
		Impact:      risk.Impact{Level: "high", Money: decimal.NewFromInt(250_000)},
		Response: risk.Response{
			Strategy:            risk.Mitigate,
			Actions:             []risk.Action{{Title: "pair a second engineer", Cost: decimal.NewFromInt(40_000)}},
			ResidualProbability: risk.Probability{Level: "low"},
		},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("inherent:", a.Inherent.Reason())
	fmt.Println("residual:", a.Residual.Reason())
	fmt.Println("response:", a.Reason())
	fmt.Println("应对:", a.Reason().Text("zh-CN"))
	// Output:
	// inherent: 70% × 250,000 (high × high): score 0.28, rated high, EMV -175,000
	// residual: 30% × 250,000 (low × high): score 0.12, rated moderate, EMV -75,000
	// response: Mitigate changes EMV by 100,000 at a cost of 40,000: worth 60,000
	// 应对: 应对策略「减轻」使预期货币价值变化 100,000，成本 40,000，净值 60,000
}

// A bid/no-bid decision: bidding costs 50,000 and wins 500,000 two times
// in five; bidding with a partner costs 20,000 and wins a shared 300,000
// a little more often.
func ExampleDecide() {
	p := decimal.RequireFromString
	v, err := risk.Decide(risk.Node{Name: "bid?", Kind: risk.Decision, Children: []risk.Node{
		{Name: "bid alone", Kind: risk.Chance, Cost: decimal.NewFromInt(50_000), Children: []risk.Node{
			{Name: "win", Kind: risk.End, Probability: p("0.4"), Payoff: decimal.NewFromInt(500_000)},
			{Name: "lose", Kind: risk.End, Probability: p("0.6")},
		}},
		{Name: "bid with partner", Kind: risk.Chance, Cost: decimal.NewFromInt(20_000), Children: []risk.Node{
			{Name: "win", Kind: risk.End, Probability: p("0.55"), Payoff: decimal.NewFromInt(300_000)},
			{Name: "lose", Kind: risk.End, Probability: p("0.45")},
		}},
		{Name: "no bid", Kind: risk.End},
	}})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range v.Children {
		fmt.Printf("%-16s EMV %s\n", c.Name, c.EMV)
	}
	fmt.Println(v.Path(), "—", v.Reason())
	// Output:
	// bid alone        EMV 150000
	// bid with partner EMV 145000
	// no bid           EMV 0
	// [bid alone] — choose bid alone: EMV 150,000, ahead of bid with partner at 145,000
}

// Early warnings on a commit deal: its close date slipped after two
// pushes, nobody has touched it for 20 days, and it hangs on one contact.
func ExampleSignals() {
	asOf := time.Date(2025, 7, 1, 9, 0, 0, 0, time.FixedZone("CST", 8*3600))
	deal := risk.Deal{
		ID: "huadong-crm", Stage: "negotiation", Forecast: risk.ForecastCommit,
		Amount: decimal.NewFromInt(480_000), CloseDate: risk.MustDate("2025-06-27"),
		LastActivity: asOf.Add(-20 * risk.Day),
		Contacts:     []risk.Contact{{Name: "Zhou Ming (IT manager)"}},
		History: []risk.Revision{
			{At: asOf.Add(-75 * risk.Day), CloseDate: risk.MustDate("2025-05-30"), Amount: decimal.NewFromInt(480_000)},
			{At: asOf.Add(-40 * risk.Day), CloseDate: risk.MustDate("2025-06-13"), Amount: decimal.NewFromInt(480_000)},
		},
	}
	r, err := risk.Signals(deal, asOf, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range r.Signals {
		fmt.Printf("%-18s +%-3g %s\n", s.Kind, s.Weight, s.Reason)
	}
	fmt.Println(r.Reason())
	// Output:
	// slipped            +25  commit deal past its close date 2025-06-27 by 4 day(s)
	// close_date_pushed  +15  close date pushed 2×, 28 days in all: from 2025-05-30 to 2025-06-27
	// no_activity        +20  no activity for 20 days since 2025-06-11T09:00:00+08:00 (limit 14 days)
	// no_decision_maker  +15  no decision maker among the deal's contacts (1)
	// single_threaded    +10  single-threaded: fewer than two contacts (1)
	// score 85 from 5 signals (slipped, close_date_pushed, no_activity, no_decision_maker, single_threaded): tier high
}

// Heat maps of two shards of a large register, counted on two workers
// without assessing money, shipped as bytes and merged.
func ExampleHeatMap() {
	m := risk.PMBOK()
	shard := func(risks ...risk.Risk) []byte {
		h := risk.NewHeatMap(m)
		for _, r := range risks {
			if err := h.Place(m, r); err != nil {
				panic(err)
			}
		}
		b, _ := h.MarshalBinary()
		return b
	}
	level := func(id, p, i string) risk.Risk {
		return risk.Risk{ID: id, Probability: risk.Probability{Level: p}, Impact: risk.Impact{Level: i}}
	}
	a := shard(level("a1", "high", "high"), level("a2", "low", "moderate"))
	b := shard(level("b1", "high", "high"), risk.Risk{ID: "b2", Probability: risk.Probability{Value: decimal.RequireFromString("0.75")},
		Impact: risk.Impact{Schedule: decimal.RequireFromString("0.12")}})

	var total risk.HeatMap
	for _, data := range [][]byte{a, b} {
		var h risk.HeatMap
		if err := h.UnmarshalBinary(data); err != nil {
			panic(err)
		}
		if err := total.Merge(h); err != nil {
			panic(err)
		}
	}
	printGrid(total, risk.Inherent)
	// Output:
	// p \ i      very_low low moderate high very_high
	// very_high         .   .        .    .         .
	// high              .   .        .    3         .
	// moderate          .   .        .    .         .
	// low               .   .        1    .         .
	// very_low          .   .        .    .         .
}

// printGrid prints one side of a heat map, highest probability first,
// impact rising to the right.
func printGrid(h risk.HeatMap, side risk.Side) {
	fmt.Printf("%-10s", "p \\ i")
	for _, i := range h.Impact {
		fmt.Printf(" %s", i)
	}
	fmt.Println()
	for p := len(h.Probability) - 1; p >= 0; p-- {
		fmt.Printf("%-10s", h.Probability[p])
		for i, key := range h.Impact {
			cell := "."
			if n := h.Count(side, risk.Cell{Probability: p, Impact: i}); n > 0 {
				cell = fmt.Sprint(n)
			}
			fmt.Printf(" %*s", len(key), cell)
		}
		fmt.Println()
	}
}

// A contingency reserve: the residual risks of a register simulated
// 20,000 times with seed 7. Two risks share a driver (the customer's
// budget round) with correlation 0.6.
func ExampleReserve() {
	d := decimal.NewFromInt
	risks := []risk.Risk{
		{ID: "budget-cut", Driver: "budget", Probability: risk.Probability{Value: decimal.RequireFromString("0.3")},
			Impact: risk.Impact{Level: "high", Money: d(300_000), Shape: risk.PERT, Min: d(100_000), Max: d(450_000)}},
		{ID: "scope-cut", Driver: "budget", Probability: risk.Probability{Value: decimal.RequireFromString("0.25")},
			Impact: risk.Impact{Level: "moderate", Money: d(120_000)}},
		{ID: "integration-delay", Probability: risk.Probability{Level: "moderate"},
			Impact: risk.Impact{Level: "moderate", Money: d(80_000), Shape: risk.Triangular, Min: d(40_000), Max: d(200_000)}},
	}
	c, err := risk.Reserve(risk.PMBOK(), risks, &risk.ReserveOptions{
		Seed: 7, Trials: 20_000, Confidence: 0.8, Drivers: map[string]float64{"budget": 0.6},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("mean", c.Mean, "P50", c.P50, "P80", c.P80, "P90", c.P90)
	for _, t := range c.Tail {
		fmt.Printf("%-17s mean %9s  in the tail %9s  %5.1f%%\n", t.ID, t.Mean, t.TailMean, 100*t.Share)
	}
	fmt.Println(c.Reason())
	// Output:
	// mean 167995.2 P50 116792.24 P80 349194.34 P90 449453.55
	// budget-cut        mean  84930.44  in the tail 311310.65   67.6%
	// scope-cut         mean     29352  in the tail  79480.13   17.3%
	// integration-delay mean  53712.76  in the tail  69486.43   15.1%
	// reserve 349,194.34 covers the risk cost in 80% of 20,000 trials (mean 167,995.2); budget-cut drives 67.64% of the tail
}

// A sales project's register, as a quickstart would show it: the heat map
// before and after the responses, the top risks, and the contingency
// reserve for what is left.
func ExampleRegister() {
	d := decimal.NewFromInt
	p := decimal.RequireFromString
	reg := risk.Register{Name: "Huadong Logistics CRM rollout", Risks: []risk.Risk{
		{ID: "budget-cut", Title: "Customer cuts the project budget", Category: risk.Customer, Owner: "Wang Fang",
			Probability: risk.Probability{Level: "moderate"}, Impact: risk.Impact{Level: "high", Money: d(300_000)},
			Response: risk.Response{Strategy: risk.Mitigate, Actions: []risk.Action{{Title: "sponsor review with the CFO", Cost: d(5_000)}},
				ResidualProbability: risk.Probability{Level: "low"}}},
		{ID: "competitor-discount", Title: "A competitor undercuts our price", Category: risk.Competition, Owner: "Li Na",
			Probability: risk.Probability{Level: "high"}, Impact: risk.Impact{Level: "moderate", Money: d(150_000)},
			Response: risk.Response{Strategy: risk.Accept}},
		{ID: "engineer-leaves", Title: "Key engineer leaves", Category: risk.StaffTurnover, Owner: "Li Na",
			Probability: risk.Probability{Level: "high"}, Impact: risk.Impact{Level: "high", Money: d(250_000)},
			Response: risk.Response{Strategy: risk.Mitigate, Actions: []risk.Action{{Title: "pair a second engineer", Cost: d(40_000)}},
				ResidualProbability: risk.Probability{Level: "low"}}},
		{ID: "integration-delay", Title: "ERP integration runs 12% late", Category: risk.Technical, Owner: "Chen Jie",
			Probability: risk.Probability{Value: p("0.45")}, Impact: risk.Impact{Schedule: p("0.12"), Money: d(80_000)},
			Response: risk.Response{Strategy: risk.Mitigate, Actions: []risk.Action{{Title: "integration partner", Cost: d(15_000)}},
				ResidualImpact: risk.Impact{Level: "moderate", Money: d(40_000)}}},
		{ID: "upsell-analytics", Title: "Customer buys the analytics module", Kind: risk.Opportunity, Category: risk.Customer, Owner: "Wang Fang",
			Probability: risk.Probability{Level: "low"}, Impact: risk.Impact{Level: "moderate", Money: d(200_000)},
			Response: risk.Response{Strategy: risk.Enhance, Actions: []risk.Action{{Title: "analytics demo", Cost: d(10_000)}},
				ResidualProbability: risk.Probability{Level: "moderate"}}},
		{ID: "data-law", Title: "Data-residency review fails", Category: risk.Compliance, Owner: "Chen Jie",
			Probability: risk.Probability{Level: "very_low"}, Impact: risk.Impact{Level: "very_high", Money: d(500_000)},
			Review: risk.MustDate("2025-06-15"),
			Response: risk.Response{Strategy: risk.Transfer, Actions: []risk.Action{{Title: "liability cover", Cost: d(8_000)}},
				ResidualImpact: risk.Impact{Level: "low", Money: d(50_000)}}},
	}}
	m := risk.PMBOK()
	rep, err := reg.Report(m, &risk.ReportOptions{AsOf: risk.MustDate("2025-07-01"), Top: 3})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("Inherent heat map:")
	printGrid(rep.HeatMap, risk.Inherent)
	fmt.Println("Residual heat map:")
	printGrid(rep.HeatMap, risk.Residual)
	fmt.Println("Top risks by EMV:")
	for _, a := range rep.Top {
		fmt.Printf("  %-20s %-9s EMV %9s → %9s  worth %s\n", a.ID, a.Inherent.Rating, a.Inherent.EMV, a.Residual.EMV, a.Worth)
	}
	t := rep.Totals.All
	fmt.Printf("Exposure: %s before responses, %s after, responses cost %s\n", t.Inherent, t.Residual, t.Cost)
	for _, o := range rep.Overdue {
		fmt.Printf("Review overdue: %s (%s), %d days\n", o.ID, o.Owner, o.Days)
	}
	c, err := risk.Reserve(m, reg.Risks, &risk.ReserveOptions{Seed: 2025, Trials: 20_000})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c.Reason())
	fmt.Println(c.Reason().Text("zh-CN"))
	// Output:
	// Inherent heat map:
	// p \ i      very_low low moderate high very_high
	// very_high         .   .        .    .         .
	// high              .   .        1    1         .
	// moderate          .   .        .    2         .
	// low               .   .        1    .         .
	// very_low          .   .        .    .         1
	// Residual heat map:
	// p \ i      very_low low moderate high very_high
	// very_high         .   .        .    .         .
	// high              .   .        1    .         .
	// moderate          .   .        2    .         .
	// low               .   .        .    2         .
	// very_low          .   1        .    .         .
	// Top risks by EMV:
	//   engineer-leaves      high      EMV   -175000 →    -75000  worth 60000
	//   budget-cut           high      EMV   -150000 →    -90000  worth 55000
	//   competitor-discount  moderate  EMV   -105000 →   -105000  worth 0
	// Exposure: -456000 before responses, -193000 after, responses cost 78000
	// Review overdue: data-law (Chen Jie), 16 days
	// reserve 490,000 covers the risk cost in 90% of 20,000 trials (mean 192,114.5); budget-cut drives 50.84% of the tail
	// 风险储备 490,000 在 20,000 次模拟中的 90% 足以覆盖风险成本（均值 192,114.5）；budget-cut 占尾部风险的 50.84%
}
