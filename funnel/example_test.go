package funnel_test

import (
	"fmt"
	"slices"
	"time"

	"github.com/saleskit/saleskit/funnel"
	"github.com/shopspring/decimal"
)

func exampleEvents() []funnel.Event {
	d := func(n int) time.Time { return time.Date(2025, 3, n, 9, 0, 0, 0, time.UTC) }
	e := func(deal, stage string, n int, amount int64, owner string) funnel.Event {
		return funnel.Event{Deal: deal, Stage: stage, Time: d(n), Amount: decimal.NewFromInt(amount), Owner: owner}
	}
	return []funnel.Event{
		e("d1", "lead", 1, 1000, "ann"), e("d1", "qualified", 3, 1000, "ann"),
		e("d1", "proposal", 6, 1000, "ann"), e("d1", "won", 16, 1000, "ann"),
		e("d2", "lead", 1, 400, "bob"), e("d2", "proposal", 4, 400, "bob"), e("d2", "lost", 9, 400, "bob"),
		e("d3", "lead", 2, 250, "ann"), e("d3", "qualified", 4, 250, "ann"), e("d3", "lost", 5, 250, "ann"),
		e("d4", "lead", 2, 300, "bob"),
	}
}

// The worked example of the package documentation, in both modes.
func ExampleAnalyzer() {
	a, err := funnel.NewAnalyzer(funnel.B2B(), nil)
	if err != nil {
		panic(err)
	}
	if _, err := a.AddAll(exampleEvents()); err != nil {
		panic(err)
	}
	for _, mode := range []funnel.Mode{funnel.AnyOrder, funnel.Strict} {
		r, err := a.Report(&funnel.ReportOptions{Mode: mode})
		if err != nil {
			panic(err)
		}
		fmt.Println(mode)
		for _, s := range r.Stages {
			c := s.Conversion
			fmt.Printf("  %-11s %d entered  %5.1f%% [%5.1f%%, %5.1f%%]  %s\n",
				s.Key, s.Entered, 100*c.Value, 100*c.Low, 100*c.High, s.EnteredAmount)
		}
	}
	r, _ := a.Report(nil)
	fmt.Printf("win rate %d of %d, velocity %s per day\n", r.Overall.WinRate.Successes, r.Overall.WinRate.Trials, r.Overall.Velocity)
	fmt.Println(r.Bottleneck.Reason)
	fmt.Println(r.Bottleneck.Reason.Text("zh-CN"))
	// Output:
	// any_order
	//   lead        4 entered  100.0% [ 51.0%, 100.0%]  1950
	//   qualified   3 entered   75.0% [ 30.1%,  95.4%]  1650
	//   proposal    2 entered   66.7% [ 20.8%,  93.9%]  1400
	//   negotiation 1 entered   50.0% [  9.5%,  90.5%]  1000
	//   won         1 entered  100.0% [ 20.7%, 100.0%]  1000
	// strict
	//   lead        4 entered  100.0% [ 51.0%, 100.0%]  1950
	//   qualified   2 entered   50.0% [ 15.0%,  85.0%]  1250
	//   proposal    1 entered   50.0% [  9.5%,  90.5%]  1000
	//   negotiation 0 entered    0.0% [  0.0%,  79.3%]  0
	//   won         0 entered    0.0% [  0.0%, 100.0%]  0
	// win rate 1 of 3, velocity 22.22 per day
	// proposal → negotiation converts 50% (1 of 2, 95% CI 9.45%–90.55%): the weakest step against the other steps' pooled rate of 75%, but the interval reaches it, so the shortfall is not significant
	// proposal → negotiation 转化率 50%（2 个中 1 个，95% 置信区间 9.45%–90.55%）：对照其余各步的合并转化率 75% 是最弱的一步，但区间达到该转化率，差距不显著
}

// Segments: the same report per owner.
func ExampleByOwner() {
	a, _ := funnel.NewAnalyzer(funnel.B2B(), nil)
	_, _ = a.AddAll(exampleEvents())
	r, _ := a.Report(&funnel.ReportOptions{By: funnel.ByOwner{}})
	for _, s := range r.Segments {
		o := s.Report.Overall
		fmt.Printf("%s: %d deals, %d won, %d lost, %d open\n", s.Key, s.Report.Deals, o.Won, o.Lost, o.Open)
	}
	// Output:
	// ann: 2 deals, 1 won, 1 lost, 0 open
	// bob: 2 deals, 0 won, 1 lost, 1 open
}

// Cohorts by the month deals were created in, in the team's time zone: d1
// and d2 were created at 09:00 UTC on 1 March, which is still 28 February
// in Honolulu.
func ExampleByCohort() {
	a, _ := funnel.NewAnalyzer(funnel.B2B(), nil)
	_, _ = a.AddAll(exampleEvents())
	honolulu := time.FixedZone("HST", -10*3600)
	r, _ := a.Report(&funnel.ReportOptions{By: funnel.ByCohort{Location: honolulu}})
	for _, s := range r.Segments {
		fmt.Printf("%s: %d deals\n", s.Key, s.Report.Deals)
	}
	// Output:
	// 2025-02: 2 deals
	// 2025-03: 2 deals
}

// A segmenter of the caller's own: deals above and below 500 yuan.
func ExampleSegmentFunc() {
	a, _ := funnel.NewAnalyzer(funnel.B2B(), nil)
	events := exampleEvents()
	_, _ = a.AddAll(events)
	amounts := map[string]decimal.Decimal{}
	for _, e := range events {
		amounts[e.Deal] = e.Amount
	}
	bySize := funnel.SegmentFunc(func(d funnel.Deal) string {
		if amounts[d.ID].GreaterThanOrEqual(decimal.NewFromInt(500)) {
			return "large"
		}
		return "small"
	})
	r, _ := a.Report(&funnel.ReportOptions{By: bySize})
	for _, s := range r.Segments {
		fmt.Printf("%s: %d deals, %d won\n", s.Key, s.Report.Deals, s.Report.Overall.Won)
	}
	// Output:
	// large: 1 deals, 1 won
	// small: 3 deals, 0 won
}

// A batch with a bad event: AddAll takes the events before it and says how
// many, so the caller can log the bad one and go on with the rest.
func ExampleAnalyzer_AddAll() {
	a, _ := funnel.NewAnalyzer(funnel.B2B(), nil)
	t := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	events := []funnel.Event{
		{Deal: "d1", Stage: "lead", Time: t},
		{Deal: "d1", Stage: "on_hold", Time: t.Add(time.Hour)},
		{Deal: "d1", Stage: "qualified", Time: t.Add(2 * time.Hour)},
	}
	for len(events) > 0 {
		n, err := a.AddAll(events)
		if err != nil {
			fmt.Println("took", n, "then:", err)
			n++ // drop the bad event
		}
		events = events[n:]
	}
	fmt.Println(a.Events(), "events")
	// Output:
	// took 1 then: funnel: events[1].stage "on_hold": unknown stage
	// 2 events
}

// Merge: two shards that split deal d1's events give the report of one pass.
func ExampleAnalyzer_Merge() {
	events := exampleEvents()
	x, _ := funnel.NewAnalyzer(funnel.B2B(), nil)
	y, _ := funnel.NewAnalyzer(funnel.B2B(), nil)
	_, _ = x.AddAll(events[:2]) // d1: lead, qualified
	_, _ = y.AddAll(events[2:]) // d1: proposal, won; d2, d3, d4
	if err := x.Merge(y); err != nil {
		panic(err)
	}
	r, _ := x.Report(nil)
	fmt.Println(x.Deals(), "deals,", x.Events(), "events; won:", r.Overall.Won, "entered qualified:", r.Stages[1].Entered)
	// Output:
	// 4 deals, 11 events; won: 1 entered qualified: 3
}

// Messy data: a duplicate and an unknown stage are counted, not lost.
func ExampleReport_ignored() {
	a, _ := funnel.NewAnalyzer(funnel.B2B(), &funnel.Options{OnUnknown: funnel.Skip})
	t := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	_, _ = a.AddAll([]funnel.Event{
		{Deal: "d1", Stage: "lead", Time: t},
		{Deal: "d1", Stage: "lead", Time: t},
		{Deal: "d1", Stage: "on-hold", Time: t.Add(time.Hour)},
	})
	r, _ := a.Report(nil)
	for _, ig := range r.Ignored {
		fmt.Println(ig.Cause, ig.Stage, ig.Events)
	}
	// Output:
	// duplicate lead 1
	// unknown_stage on-hold 1
}

// Pipeline flow between two dates reconciles in counts and money.
func ExampleAnalyzer_Flow() {
	a, _ := funnel.NewAnalyzer(funnel.B2B(), nil)
	_, _ = a.AddAll(exampleEvents())
	from := time.Date(2025, 3, 2, 12, 0, 0, 0, time.UTC)
	f, err := a.Flow(from, from.AddDate(0, 0, 14), nil)
	if err != nil {
		panic(err)
	}
	fmt.Println("opening", f.Opening.Deals, f.Opening.Amount)
	fmt.Println("won    ", f.Won.Deals, f.Won.Amount)
	fmt.Println("lost   ", f.Lost.Deals, f.Lost.Amount)
	fmt.Println("closing", f.Closing.Deals, f.Closing.Amount)
	// Output:
	// opening 4 1950
	// won     1 1000
	// lost    2 650
	// closing 1 300
}

// Two periods side by side, with a two-proportion z-test per step.
func ExampleCompare() {
	q := func(leads, qualified int) funnel.Report {
		return funnel.Report{Stages: []funnel.StageReport{
			{Key: "lead", Entered: leads, Conversion: funnel.Wilson(leads, leads)},
			{Key: "qualified", Entered: qualified, Conversion: funnel.Wilson(qualified, leads)},
		}}
	}
	c, _ := funnel.Compare(q(100, 40), q(100, 60), 0.05)
	s := c.Steps[0]
	fmt.Printf("%s → %s: %+.0f points, z = %.2f, p = %.4f, significant: %v\n", s.From, s.To, 100*s.Diff, s.Z, s.P, s.Significant)
	fmt.Println(s.Reason)
	fmt.Println(s.Reason.Text("zh-CN"))
	// Output:
	// lead → qualified: +20 points, z = 2.83, p = 0.0047, significant: true
	// rose from 40% (40 of 100) to 60% (60 of 100): z = 2.83, p = 0.47%, significant at 5%
	// 从 40%（100 个中 40 个）升至 60%（100 个中 60 个）：z = 2.83，p = 0.47%，在 5% 水平上显著
}

// A small sample gets an honest interval.
func ExampleWilson() {
	for _, r := range []funnel.Rate{funnel.Wilson(2, 3), funnel.Wilson(2000, 3000)} {
		fmt.Printf("%d of %d: %.1f%% [%.1f%%, %.1f%%]\n", r.Successes, r.Trials, 100*r.Value, 100*r.Low, 100*r.High)
	}
	// Output:
	// 2 of 3: 66.7% [20.8%, 93.9%]
	// 2000 of 3000: 66.7% [65.0%, 68.3%]
}

// The preset stage lists carry English and Chinese labels.
func ExampleB2B() {
	for _, s := range funnel.B2B() {
		fmt.Printf("%-11s %-11s %s\n", s.Key, s.Outcome, s.Label("zh-CN"))
	}
	// Output:
	// lead        open        销售线索
	// qualified   open        商机确认
	// proposal    open        方案报价
	// negotiation open        商务谈判
	// won         won         赢单
	// lost        lost        输单
}

// A telesales call funnel per agent.
func ExampleCalls() {
	at := time.Date(2025, 3, 3, 10, 0, 0, 0, time.UTC)
	calls := []funnel.Call{
		{Agent: "li", Time: at, Outcome: funnel.CallNoAnswer},
		{Agent: "li", Time: at, Outcome: funnel.CallConversation, Duration: 4 * time.Minute},
		{Agent: "li", Time: at, Outcome: funnel.CallAppointment, Duration: 9 * time.Minute},
		{Agent: "li", Time: at, Outcome: funnel.CallBusy},
		{Agent: "wang", Time: at, Outcome: funnel.CallDeal, Duration: 15 * time.Minute},
	}
	r, err := funnel.Calls(slices.Values(calls), nil)
	if err != nil {
		panic(err)
	}
	for _, a := range r.Agents {
		s := a.Stats
		fmt.Printf("%-4s dials %d, connect %.0f%%, appointments %d, deals per 100 dials %.0f\n",
			a.Agent, s.Dials, 100*s.ConnectRate.Value, s.Appointments, s.DealsPer100Dials)
	}
	// Output:
	// li   dials 4, connect 50%, appointments 1, deals per 100 dials 0
	// wang dials 1, connect 100%, appointments 1, deals per 100 dials 100
}

// The bottleneck explained with the stages' labels, for a Chinese UI.
func ExampleStages_Explain() {
	r := funnel.Reason{Code: funnel.CodeBelowBenchmark,
		Numbers: map[string]float64{"conversion": 0.4396, "trials": 207, "successes": 91, "low": 0.3737, "high": 0.5077, "benchmark": 0.6},
		Texts:   map[string]string{"from": "proposal", "to": "negotiation"}}
	fmt.Println(r.Text("zh-CN"))
	fmt.Println(funnel.B2B().Explain(r, "zh-CN"))

	// Output:
	// proposal → negotiation 转化率 43.96%（207 个中 91 个，95% 置信区间 37.37%–50.77%）：区间上限仍低于基准 60%
	// 方案报价 → 商务谈判 转化率 43.96%（207 个中 91 个，95% 置信区间 37.37%–50.77%）：区间上限仍低于基准 60%
}
