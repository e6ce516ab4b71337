package target_test

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/saleskit/saleskit/target"
	"github.com/shopspring/decimal"
)

func ExampleAllocate() {
	even := []decimal.Decimal{decimal.NewFromInt(1), decimal.NewFromInt(1), decimal.NewFromInt(1)}
	months, err := target.Allocate(decimal.NewFromInt(2_500_000), even, 2)
	if err != nil {
		panic(err)
	}
	for _, m := range months {
		fmt.Println(m.StringFixed(2))
	}
	fmt.Println("total", decimal.Sum(months[0], months[1:]...).StringFixed(2))
	// Output:
	// 833333.34
	// 833333.33
	// 833333.33
	// total 2500000.00
}

func ExampleAllocateParts() {
	// A year's target split over accounts by last year's sales; a CRM with
	// a million accounts streams the parts to storage in cents.
	lastYear := []decimal.Decimal{
		decimal.RequireFromString("120000.50"), decimal.RequireFromString("80000"),
		decimal.RequireFromString("0"), decimal.RequireFromString("45000.25"),
	}
	parts, err := target.AllocateParts(decimal.NewFromInt(300_000), lastYear, 2)
	if err != nil {
		panic(err)
	}
	for i, v := range parts.All() {
		fmt.Printf("account %d: %s (%d cents)\n", i, v.StringFixed(2), parts.Units(i))
	}
	// Exact shares of 30,000,000 cents are 14,693,893.79, 9,795,888.38, 0 and
	// 5,510,217.83; the floors leave 2 cents, which go to the largest
	// remainders, accounts 3 and 0.

	// Output:
	// account 0: 146938.94 (14693894 cents)
	// account 1: 97958.88 (9795888 cents)
	// account 2: 0.00 (0 cents)
	// account 3: 55102.18 (5510218 cents)
}

func ExampleCheck() {
	g := target.Goal{
		ID: "east-2025", Name: "East region revenue 2025", Owner: "Li Lei",
		Metric: target.MetricRevenue, Unit: "CNY",
		Target: decimal.NewFromInt(18_000_000), Baseline: decimal.NewFromInt(10_000_000),
		Start: target.MustDate("2025-01-01"), End: target.MustDate("2026-01-01"),
	}
	assessment := target.Check(g, nil, nil) // nil: DefaultPolicy, at most 50% growth
	for _, v := range assessment.Verdicts {
		fmt.Printf("%-10s %-5v %s\n", v.Criterion, v.OK, v.Reasons[0])
	}
	// Output:
	// specific   true  Li Lei is answerable for revenue of 18,000,000 CNY
	// measurable true  revenue is measured in CNY, target 18,000,000
	// achievable false target 18,000,000 is 80% above baseline 10,000,000; policy allows at most 50% (15,000,000)
	// relevant   true  top goal; it serves no other goal
	// time_bound true  runs 365 days, 2025-01-01 to 2026-01-01
}

func ExampleSplitTime() {
	// Spring Festival 2025: 28 Jan to 4 Feb off, Sunday 26 Jan and Saturday
	// 8 Feb worked instead (调休).
	var h target.Holidays
	if err := json.Unmarshal([]byte(`{"name": "春节 2025", "off": ["2025-01-28/2025-02-04"], "work": ["2025-01-26", "2025-02-08"]}`), &h); err != nil {
		panic(err)
	}
	cal, err := target.NewWeekdayCalendar(h)
	if err != nil {
		panic(err)
	}
	plan, err := target.SplitTime(decimal.NewFromInt(160_000),
		target.MustDate("2025-01-20"), target.MustDate("2025-02-10"),
		target.Week, 2, &target.SplitOptions{Weighting: target.WorkingDays, Calendar: cal})
	if err != nil {
		panic(err)
	}
	for _, p := range plan {
		fmt.Printf("%s from %s: %d working days, %s\n", p.Label, p.Start, p.WorkingDays, p.Target)
	}
	// Output:
	// 2025-W04 from 2025-01-20: 6 working days, 87272.73
	// 2025-W05 from 2025-01-27: 1 working days, 14545.45
	// 2025-W06 from 2025-02-03: 4 working days, 58181.82
}

func ExampleSplitTree() {
	units := []target.Unit{
		{ID: "company"},
		{ID: "east", Parent: "company", Weight: decimal.NewFromInt(5)}, // last year's sales, in millions
		{ID: "north", Parent: "company", Weight: decimal.NewFromInt(3)},
		{ID: "team-a", Parent: "east", Weight: decimal.NewFromInt(4)}, // headcount
		{ID: "team-b", Parent: "east", Weight: decimal.NewFromInt(3)},
		// North's manager sets a target of her own, above her share.
		{ID: "north-1", Parent: "north", Weight: decimal.NewFromInt(1)},
	}
	units[2].Target = decimal.NewNullDecimal(decimal.NewFromInt(4_000_000))
	tree, err := target.SplitTree(decimal.NewFromInt(8_000_000), units, 2)
	if err != nil {
		panic(err)
	}
	for _, u := range tree.Units {
		fmt.Printf("%*s%-8s %s\n", 2*u.Depth, "", u.ID, u.Target.StringFixed(2))
	}
	for _, g := range tree.Gaps() {
		fmt.Printf("%s: target %s, members add up to %s\n", g.ID, g.Target, g.MembersSum)
	}
	// Output:
	// company  8000000.00
	//   east     5000000.00
	//     team-a   2857142.86
	//     team-b   2142857.14
	//   north    4000000.00
	//     north-1  4000000.00
	// company: target 8000000, members add up to 9000000
}

func ExampleTrack() {
	plan, err := target.SplitTime(decimal.NewFromInt(12_000_000),
		target.MustDate("2025-01-01"), target.MustDate("2026-01-01"), target.Month, 2, nil)
	if err != nil {
		panic(err)
	}
	// As of 09:30 on 1 July in Shanghai: January to June have passed.
	shanghai := time.FixedZone("CST", 8*3600)
	asOf := time.Date(2025, 7, 1, 9, 30, 0, 0, shanghai)
	p, err := target.Track(plan, decimal.NewFromInt(5_100_000), asOf, 2, nil)
	if err != nil {
		panic(err)
	}
	fmt.Println(p.Status)
	fmt.Println(p.Reason)
	fmt.Println(p.Reason.Text("zh-CN"))
	fmt.Println("projection in the plan's shape:", p.PlanProjection)
	fmt.Println("needed per working day:", p.RequiredPerWorkingDay)
	// Output:
	// at_risk
	// actual 5,100,000 against 6,000,000 expected by 2025-07-01 in the plan's shape: pace 0.85, at risk (from 0.85)
	// 截至 2025-07-01，实际 5,100,000，按计划应完成 6,000,000：进度比 0.85，有风险（0.85 起）
	// projection in the plan's shape: 10200000
	// needed per working day: 52272.73
}

func ExampleReplan() {
	plan, err := target.SplitTime(decimal.NewFromInt(10_000_000),
		target.MustDate("2025-01-01"), target.MustDate("2026-01-01"), target.Quarter, 2, nil)
	if err != nil {
		panic(err)
	}
	actuals := []decimal.Decimal{decimal.NewFromInt(2_000_000), decimal.NewFromInt(2_300_000)}
	r, err := target.Replan(plan, actuals, time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC), 2) // Q1 and Q2 are closed
	if err != nil {
		panic(err)
	}
	for _, c := range target.Diff(target.PlanCells("company", plan), target.PlanCells("company", r.Periods)) {
		fmt.Printf("%s %s: %s → %s (%s)\n", c.Unit, c.Period, c.Old, c.New, c.Delta())
	}
	// Output:
	// company 2025-Q1: 2500000 → 2000000 (-500000)
	// company 2025-Q2: 2500000 → 2300000 (-200000)
	// company 2025-Q3: 2500000 → 2850000 (350000)
	// company 2025-Q4: 2500000 → 2850000 (350000)
}

func ExampleSplitGrid() {
	regions := []target.Margin{{Label: "east", Total: decimal.NewFromInt(100)}, {Label: "west", Total: decimal.NewFromInt(50)}}
	months := []target.Margin{{Label: "Jan", Total: decimal.NewFromInt(70)}, {Label: "Feb", Total: decimal.NewFromInt(80)}}
	g, err := target.SplitGrid(regions, months, 0)
	if err != nil {
		panic(err)
	}
	for i, r := range g.Rows {
		fmt.Println(r.Label, g.Cells[i])
	}
	// Output:
	// east [47 53]
	// west [23 27]
}

func ExamplePipelineCoverage() {
	// 4,000,000 of the target remains and 9,000,000 is in the open pipeline.
	c, err := target.PipelineCoverage(decimal.NewFromInt(9_000_000), decimal.NewFromInt(4_000_000), decimal.NewFromInt(3))
	if err != nil {
		panic(err)
	}
	fmt.Printf("coverage %.2fx; %s more pipeline needed for 3x\n", c.Ratio.Float64(), c.Needed)
	// Output:
	// coverage 2.25x; 3000000 more pipeline needed for 3x
}

func ExampleCheckTree() {
	jan, jul, next := target.MustDate("2025-01-01"), target.MustDate("2025-07-01"), target.MustDate("2026-01-01")
	goal := func(id, parent string, amount int64, start, end target.Date) target.Goal {
		return target.Goal{ID: id, Parent: parent, Name: id, Owner: "Zhao Min", Metric: target.MetricRevenue, Unit: "CNY",
			Target: decimal.NewFromInt(amount), Start: start, End: end}
	}
	tree, err := target.CheckTree([]target.Goal{
		goal("year", "", 10_000_000, jan, next),
		goal("h1", "year", 4_500_000, jan, jul),
		goal("h2", "year", 5_000_000, jul, next),
	}, nil)
	if err != nil {
		panic(err)
	}
	for _, s := range tree.Sums {
		fmt.Printf("%s: %s\n", s.Parent, s.Reason)
	}
	// Output:
	// year: children add up to 9,500,000, 500,000 short of 10,000,000
}

func ExampleAllocateUnits() {
	// 1,000,000 accounts would be split the same way; three shown here.
	// Amounts are in fen (cents): 100,000.00 yuan by last year's sales.
	parts, err := target.AllocateUnits(10_000_000, []int64{120_000, 45_000, 35_000})
	if err != nil {
		panic(err)
	}
	fmt.Println(parts)
	// Output:
	// [6000000 2250000 1750000]
}

func ExampleSplitNested() {
	// A year into quarters and months, by working days: every quarter's
	// months add up to the quarter, to the cent.
	plan, err := target.SplitNested(decimal.NewFromInt(36_000_000),
		target.MustDate("2025-01-01"), target.MustDate("2026-01-01"),
		[]target.Grain{target.Quarter, target.Month}, 2, &target.SplitOptions{Weighting: target.WorkingDays})
	if err != nil {
		panic(err)
	}
	q1 := plan.Level(target.Quarter)[0]
	fmt.Println(q1.Label, q1.WorkingDays, "working days:", q1.Target)
	for _, m := range plan.Children(0, 0) {
		fmt.Println(" ", m.Label, m.WorkingDays, "working days:", m.Target)
	}
	// Q1 2025 has 64 weekdays of 261: 36,000,000 × 64/261 = 8,827,586.2068…
	// → 8,827,586.21. Its months take 23, 20 and 21 sixty-fourths of that:
	// 3,172,413.794…, 2,758,620.690…, 2,896,551.725…; the floors leave one
	// cent, which goes to the largest remainder, March's.

	// Output:
	// 2025-Q1 64 working days: 8827586.21
	//   2025-01 23 working days: 3172413.79
	//   2025-02 20 working days: 2758620.69
	//   2025-03 21 working days: 2896551.73
}

func ExampleMidnightDate() {
	// A CRM stored the start of 2026 as a Shanghai midnight; its database
	// driver reads it back in UTC.
	shanghai := time.FixedZone("CST", 8*3600)
	stored := time.Date(2026, 1, 1, 0, 0, 0, 0, shanghai)
	if _, err := target.MidnightDate(stored.UTC()); err != nil {
		fmt.Println(err)
	}
	d, err := target.MidnightDate(stored.UTC().In(shanghai))
	fmt.Println(d, err)
	// Output:
	// target: t "2025-12-31T16:00:00Z": invalid date: not the first instant of a date in UTC
	// 2026-01-01 <nil>
}

func ExampleReason_Text() {
	g := target.Goal{
		ID: "east-2025", Name: "East region revenue 2025", Owner: "李雷", Metric: target.MetricRevenue, Unit: "CNY",
		Target: decimal.NewFromInt(18_000_000), Baseline: decimal.NewFromInt(10_000_000),
		Start: target.MustDate("2025-01-01"), End: target.MustDate("2026-01-01"),
	}
	r := target.Check(g, nil, nil).Verdict(target.Achievable).Reasons[0]
	fmt.Println(r.Code)
	fmt.Println(r.Text("en"))
	fmt.Println(r.Text("zh-CN"))
	fmt.Println(r.Amounts["growth"], r.Amounts["limit"])
	// Output:
	// growth_above_limit
	// target 18,000,000 is 80% above baseline 10,000,000; policy allows at most 50% (15,000,000)
	// 目标 18,000,000 比基数 10,000,000 高 80%，政策上限为 50%（15,000,000）
	// 0.8 0.5
}
