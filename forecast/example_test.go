package forecast_test

import (
	"fmt"

	"github.com/saleskit/saleskit/forecast"
	"github.com/shopspring/decimal"
)

// A pipeline by quarter of an April fiscal year, owner by owner. Deals come
// one at a time, as from a CRM export; a deal that cannot be counted is
// refused with the field at fault.
func ExamplePipeline() {
	p, err := forecast.NewPipeline(forecast.B2B(), 2, &forecast.PipelineOptions{
		Grain: forecast.Quarter, FiscalYearStart: 4,
	})
	if err != nil {
		panic(err)
	}
	d := forecast.MustDate
	for _, deal := range []forecast.Deal{
		{ID: "1", Amount: decimal.NewFromInt(90000), Stage: "negotiation", CloseDate: d("2026-05-20"), Owner: "ana"},
		{ID: "2", Amount: decimal.NewFromInt(40000), Stage: "proposal", CloseDate: d("2026-06-30"), Owner: "ben",
			Category: forecast.CategoryCommit}, // the owner commits to it
		{ID: "3", Amount: decimal.NewFromInt(25000), Stage: "won", CloseDate: d("2026-04-08"), Owner: "ana"},
		{ID: "4", Amount: decimal.NewFromInt(70000), Stage: "qualified", CloseDate: d("2026-07-01"), Owner: "ben"},
		{ID: "5", Amount: decimal.RequireFromString("19.999"), Stage: "lead", CloseDate: d("2026-05-01")},
	} {
		if err := p.Add(deal); err != nil {
			fmt.Println("refused:", err)
		}
	}
	for _, q := range p.Report(&forecast.ReportOptions{ByOwner: true}).Periods {
		fmt.Printf("%v commit %s, best case %s, expected %s\n", q.Period, q.Forecasts.Commit.Amount,
			q.Forecasts.BestCase.Amount, q.Expected)
		for _, o := range q.Owners {
			fmt.Printf("  %s commit %s\n", o.Owner, o.Forecasts.Commit.Amount)
		}
	}
	// Output:
	// refused: forecast: amount "19.999": amount out of range: more than 2 decimal places, or too large
	// 2026-04-01/2026-07-01 commit 155000, best case 155000, expected 112500
	//   ana commit 115000
	//   ben commit 40000
	// 2026-07-01/2026-10-01 commit 0, best case 0, expected 17500
	//   ben commit 0
}

// monthlyBookings are three years of monthly bookings, in thousands.
var monthlyBookings = []float64{
	341.0, 379.1, 420.5, 408.9, 420.7, 469.3, 414.8, 377.5, 469.8, 510.3, 546.9, 605.2,
	408.3, 417.6, 502.6, 459.4, 476.2, 527.2, 434.9, 433.8, 543.2, 573.0, 613.1, 671.4,
	461.3, 498.5, 597.0, 520.3, 561.2, 593.2, 514.1, 465.3, 595.1, 679.5, 648.7, 812.0,
}

// A Holt-Winters projection of monthly bookings against next year's
// monthly targets, with 80% prediction intervals.
func ExampleHoltWinters() {
	fit, err := forecast.HoltWinters(monthlyBookings, 12, forecast.Multiplicative, nil)
	if err != nil {
		panic(err)
	}
	targets := []float64{500, 520, 620, 560, 590, 640, 540, 510, 640, 700, 730, 850}
	p, err := fit.Forecast(12, &forecast.ForecastOptions{Level: 0.8})
	if err != nil {
		panic(err)
	}
	var total, target float64
	for k, v := range p.Point {
		total += v
		target += targets[k]
		if k < 3 {
			fmt.Printf("month %d: %.0f against a target of %.0f\n", k+1, v, targets[k])
		}
	}
	fmt.Printf("year: %.0f against %.0f (%.0f%%)\n", total, target, 100*total/target)
	fmt.Println(p.Reasons[0])
	add, _ := forecast.HoltWinters(monthlyBookings, 12, forecast.Additive, nil)
	pa, _ := add.Forecast(1, &forecast.ForecastOptions{Level: 0.8})
	fmt.Printf("additive, month 1: %.0f, 80%% between %.0f and %.0f\n", pa.Point[0], pa.Lower[0], pa.Upper[0])
	// Output:
	// month 1: 516 against a target of 500
	// month 2: 551 against a target of 520
	// month 3: 647 against a target of 620
	// year: 7719 against 7400 (104%)
	// holt_winters_multiplicative_12 defines no prediction intervals
	// additive, month 1: 535, 80% between 514 and 556
}

// A rolling-origin backtest of two models on the same origins.
func ExampleBacktest() {
	opts := &forecast.BacktestOptions{Horizon: 6, Initial: 24, Step: 3}
	for _, m := range []forecast.Model{
		{Method: forecast.MethodSeasonalNaive, Period: 12},
		{Method: forecast.MethodHoltWinters, Period: 12, Seasonal: forecast.Multiplicative},
	} {
		r, err := forecast.Backtest(monthlyBookings, m, opts)
		if err != nil {
			panic(err)
		}
		fmt.Printf("%s: %d origins, MAE %.1f, MAPE %.1f%%, MASE %.2f, bias %+.1f\n", m.Name(), r.Origins,
			r.Accuracy.MAE, *r.Accuracy.MAPE, *r.Accuracy.MASE, r.Accuracy.Bias)
	}
	// Output:
	// seasonal_naive_12: 3 origins, MAE 70.0, MAPE 12.2%, MASE 1.15, bias -70.0
	// holt_winters_multiplicative_12: 3 origins, MAE 22.8, MAPE 3.9%, MASE 0.37, bias +0.0
}

// Auto backtests the default candidates and picks the best, saying why.
func ExampleAuto() {
	c, err := forecast.Auto(monthlyBookings, &forecast.AutoOptions{
		Period:   12,
		Backtest: &forecast.BacktestOptions{Horizon: 3}, // origins at 24, 27, 30 and 33 months
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(c.Model.Name())
	fmt.Println(c.Reason)
	fmt.Println(c.Reason.Text("zh-CN"))
	// Output:
	// holt_winters_additive_damped_12
	// holt_winters_additive_damped_12 has the lowest backtest MAE, 24.26, over 12 forecasts from 4 origins; the next best of 11, holt_winters_additive_12, has 24.29
	// holt_winters_additive_damped_12 的回测 MAE 最低，为 24.26（4 个起点共 12 个预测）；11 个候选中次优的 holt_winters_additive_12 为 24.29
}

// The chance of reaching an annual target: twelve months of pipeline, each
// deal won with its probability, perhaps a month late, perhaps for 20% more
// or less than its amount.
func ExampleSimulate() {
	var prospects []forecast.Prospect
	for month := range 12 {
		for i, amount := range []int64{120000, 80000, 60000, 45000, 30000} {
			a := decimal.NewFromInt(amount)
			prospects = append(prospects, forecast.Prospect{
				ID:          fmt.Sprintf("m%d-%d", month+1, i),
				Amount:      a,
				Probability: []float64{0.6, 0.5, 0.4, 0.3, 0.25}[i],
				Period:      month,
				Slip:        0.2,
				Low:         a.Mul(decimal.RequireFromString("0.8")),
				High:        a.Mul(decimal.RequireFromString("1.2")),
			})
		}
	}
	target := decimal.NewFromInt(2_400_000)
	s, err := forecast.Simulate(prospects, target, 2026, &forecast.SimulateOptions{Trials: 20000})
	if err != nil {
		panic(err)
	}
	fmt.Printf("expected %.0f; simulated mean %.0f\n", s.Total.Expected, s.Total.Mean)
	fmt.Printf("P10 %.0f  P50 %.0f  P90 %.0f\n", s.Total.P10, s.Total.P50, s.Total.P90)
	fmt.Printf("chance of %s: %.1f%% ± %.1f%%\n", target, 100*s.HitProbability, 100*s.HitStdErr)
	fmt.Println(s.Reason.Text("zh-CN"))
	// Output:
	// expected 1852600; simulated mean 1854887
	// P10 1491882  P50 1854940  P90 2218751
	// chance of 2400000: 2.6% ± 0.1%
	// 20,000 次模拟中有 2.6% 达到指标 2,400,000；均值 1,854,887.3，80% 落在 1,491,881.61 至 2,218,750.8 之间
}

// Win probabilities learnt from closed deals, with Odoo's rules; a manual
// probability stays as the owner set it.
func ExampleWinModel() {
	w, err := forecast.NewWinModel([]string{"lead", "qualified", "proposal", "negotiation"},
		&forecast.WinModelOptions{Rules: forecast.RulesOdoo})
	if err != nil {
		panic(err)
	}
	var history []forecast.ClosedDeal
	add := func(n int, stage string, outcome forecast.Outcome, source string) {
		for range n {
			history = append(history, forecast.ClosedDeal{Team: "emea", Stage: stage, Outcome: outcome,
				Fields: map[string]string{"source": source}})
		}
	}
	add(6, "negotiation", forecast.Won, "referral")
	add(2, "negotiation", forecast.Won, "web")
	add(3, "lead", forecast.Lost, "web")
	add(2, "proposal", forecast.Lost, "web")
	add(1, "negotiation", forecast.Lost, "referral")
	if err := w.LearnAll(history); err != nil {
		panic(err)
	}
	for _, d := range []forecast.OpenDeal{
		{ID: "a", Team: "emea", Stage: "lead", Fields: map[string]string{"source": "web"}},
		{ID: "b", Team: "emea", Stage: "proposal", Fields: map[string]string{"source": "referral"}},
		{ID: "c", Team: "apac", Stage: "negotiation", Fields: map[string]string{"source": "web"}},
		{ID: "d", Team: "emea", Stage: "proposal", Override: func() *float64 { p := 0.9; return &p }()},
	} {
		s, err := w.Score(d)
		if err != nil {
			panic(err)
		}
		fmt.Printf("%s %.4f  %s\n", s.ID, s.Probability, s.Reason)
	}
	// Output:
	// a 0.2925  win probability 29.25% at stage lead, learnt from 8 won and 6 lost deals of team emea
	// b 0.9164  win probability 91.64% at stage proposal, learnt from 8 won and 6 lost deals of team emea
	// c 0.6963  win probability 69.63% at stage negotiation, learnt from 8 won and 6 lost deals of all teams together
	// d 0.9000  manual probability 90% kept; the model says 72.32%
}

// The simulated chance of reaching an annual target from the pipeline as it
// stands: the year's deals become prospects (won ones booked, lost ones left
// out), each open deal may slip a month and land 15% either side of its
// amount.
func ExampleProspectsOf() {
	d := forecast.MustDate
	deals := []forecast.Deal{
		{ID: "q1-won", Amount: decimal.NewFromInt(400000), Stage: "won", CloseDate: d("2026-02-10")},
		{ID: "big", Amount: decimal.NewFromInt(900000), Stage: "negotiation", CloseDate: d("2026-11-20")},
		{ID: "mid", Amount: decimal.NewFromInt(500000), Stage: "proposal", CloseDate: d("2026-09-05")},
		{ID: "late", Amount: decimal.NewFromInt(300000), Stage: "qualified", CloseDate: d("2026-12-28")},
		{ID: "early", Amount: decimal.NewFromInt(250000), Stage: "lead", CloseDate: d("2026-05-02")},
		{ID: "gone", Amount: decimal.NewFromInt(700000), Stage: "lost", CloseDate: d("2026-03-01")},
		{ID: "next-year", Amount: decimal.NewFromInt(800000), Stage: "proposal", CloseDate: d("2027-01-15")},
	}
	ps, err := forecast.ProspectsOf(forecast.B2B(), deals, d("2026-01-01"), 12,
		&forecast.ProspectOptions{Slip: 0.25, Spread: 0.15})
	if err != nil {
		panic(err)
	}
	target := decimal.NewFromInt(1_200_000)
	s, err := forecast.Simulate(ps, target, 7, &forecast.SimulateOptions{Periods: 12})
	if err != nil {
		panic(err)
	}
	fmt.Printf("%d prospects; expected %.0f\n", len(ps), s.Total.Expected)
	fmt.Println(s.Reason)
	// Output:
	// 5 prospects; expected 1406250
	// 72.8% of 10,000 simulated outcomes reach the quota 1,200,000; mean 1,404,376.83, 80% between 673,775.44 and 1,958,980.5
}
