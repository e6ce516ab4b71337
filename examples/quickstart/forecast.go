package main

import (
	"fmt"
	"time"

	"github.com/saleskit/saleskit/examples/internal/console"
	"github.com/saleskit/saleskit/forecast"
	"github.com/shopspring/decimal"
)

// outlook is what the forecast tells the risk register.
type outlook struct {
	gap decimal.Decimal // what is still to win this year
	hit float64         // the simulated chance of closing it
	p50 decimal.Decimal // the median second half
}

// forecastSection forecasts the second half from the funnel's open deals,
// month by month against the plan, and simulates the chance of hitting the
// year's target, with and without business not yet in the pipeline.
func forecastSection(p *printer, y *year, pl *plan, won wonAmounts) (outlook, error) {
	p.heading(p.tr("5. Forecast: the second half against the target (package forecast)", "5. 预测：下半年对照目标（forecast 包）"))
	stages := forecast.B2B()
	pipe, err := forecast.NewPipeline(stages, 2, nil) // by calendar month
	if err != nil {
		return outlook{}, err
	}
	var open []forecast.Deal
	for _, d := range y.deals {
		if d.closing.IsZero() {
			continue // won or lost: the open pipeline is what is left
		}
		// from the year's records to package forecast
		open = append(open, forecast.Deal{ID: d.id, Amount: d.amount, Stage: d.stage, CloseDate: forecast.DateOf(d.closing.In(y.loc)), Owner: d.owner})
	}
	if err := pipe.AddAll(open); err != nil {
		return outlook{}, err
	}
	rep := pipe.Report(nil)
	var rows [][]string
	for _, m := range pl.months[6:] {
		// from package target: the month's first date names the forecast period
		f, _ := rep.Period(forecast.Date(m.Start))
		rows = append(rows, []string{m.Label, console.Money(m.Target), console.Money(f.Forecasts.Commit.Amount),
			console.Money(f.Forecasts.BestCase.Amount), console.Money(f.Forecasts.OpenPipeline.Amount), console.Money(f.Expected)})
	}
	p.linef(p.tr("%d open deals; each month's forecast categories, and the expected bookings (amount × stage probability):",
		"在途商机 %d 个；各月预测类别及预期成交（金额 × 阶段概率）："), len(open))
	p.table([]string{p.tr("month", "月份"), ">" + p.tr("plan", "计划"), ">" + p.tr("commit", "承诺"), ">" + p.tr("best case", "最佳情况"),
		">" + p.tr("open pipeline", "在途管道"), ">" + p.tr("expected", "预期成交")}, rows)

	// The bookings series: three years from the books, then this year's
	// months from the won deals. Holt-Winters with an additive season of 12
	// months, its parameters and initial states estimated, projects the
	// second half with an 80% interval.
	series := make([]float64, 0, len(y.history)+6)
	for _, v := range y.history {
		series = append(series, v.InexactFloat64()) // a time series is statistics: float64
	}
	months := make([]decimal.Decimal, 6)
	for _, d := range y.deals {
		// Deals won in the first hours of 1 July count to date but make no
		// month of the series yet.
		if m := d.won.In(y.loc).Month(); y.wonThisYear(&d) && m <= time.June {
			months[m-1] = months[m-1].Add(d.amount)
		}
	}
	for _, v := range months {
		series = append(series, v.InexactFloat64())
	}
	fit, err := forecast.HoltWinters(series, 12, forecast.Additive, nil)
	if err != nil {
		return outlook{}, err
	}
	proj, err := fit.Forecast(6, &forecast.ForecastOptions{Level: 0.8})
	if err != nil {
		return outlook{}, err
	}
	rows = rows[:0]
	var hwTotal float64
	for k, m := range pl.months[6:] {
		hwTotal += proj.Point[k]
		rows = append(rows, []string{m.Label, console.Money(m.Target), whole(decimal.NewFromFloat(proj.Point[k])),
			whole(decimal.NewFromFloat(proj.Lower[k])) + " – " + whole(decimal.NewFromFloat(proj.Upper[k]))})
	}
	p.linef("\n%s", fmt.Sprintf(p.tr("%s of monthly bookings, 2022 to June 2025 (%d months), projected:",
		"%s预测月度成交（2022 年至 2025 年 6 月，共 %d 个月）："), forecast.MethodHoltWinters.Label(p.lang), len(series)))
	p.table([]string{p.tr("month", "月份"), ">" + p.tr("plan", "计划"), ">" + p.tr("projected", "预测"), ">" + p.tr("80% interval", "80% 区间")}, rows)
	p.linef(p.tr("  the second half projected at %s against %s still to win", "  下半年预测 %s，尚差 %s"),
		whole(decimal.NewFromFloat(hwTotal)), console.Money(pl.goal.Target.Sub(won.total)))

	// The open pipeline alone, simulated: each deal won with its stage's
	// probability, one in five of those slipping a month, amounts ±10%.
	prospects, err := forecast.ProspectsOf(stages, open, forecast.DateOf(y.asOf), 6,
		&forecast.ProspectOptions{Slip: 0.2, Spread: 0.1})
	if err != nil {
		return outlook{}, err
	}
	gap := pl.goal.Target.Sub(won.total)
	alone, err := forecast.Simulate(prospects, gap, y.seed, &forecast.SimulateOptions{Trials: 20_000, Periods: 6})
	if err != nil {
		return outlook{}, err
	}

	// Business not yet in the pipeline: the deals opened in the second
	// quarter and won before it ended brought this much a month, what new
	// leads win in the quarter they come in. The second simulation adds as
	// much to each month of the second half, give or take 40%.
	var quick decimal.Decimal
	q2 := time.Date(2025, 4, 1, 0, 0, 0, 0, y.loc)
	for _, d := range y.deals {
		if y.wonThisYear(&d) && !d.changes[0].at.Before(q2) {
			quick = quick.Add(d.amount)
		}
	}
	perMonth := quick.Div(decimal.NewFromInt(3)).Round(2)
	for m := range 6 {
		prospects = append(prospects, forecast.Prospect{ID: fmt.Sprintf("new-business-%d", m+1), Amount: perMonth, Probability: 1, Period: m,
			Low: perMonth.Mul(decimal.RequireFromString("0.6")), High: perMonth.Mul(decimal.RequireFromString("1.4"))})
	}
	sim, err := forecast.Simulate(prospects, gap, y.seed, &forecast.SimulateOptions{Trials: 20_000, Periods: 6})
	if err != nil {
		return outlook{}, err
	}
	p.linef("\n%s", fmt.Sprintf(p.tr("Monte Carlo of the second half, %s trials: the open deals won with their stages' probabilities, 20%% slipping a month, amounts ±10%%, plus new business of %s a month ±40%% (what the second quarter's new deals won within it):",
		"下半年蒙特卡洛模拟，%s 次：在途商机按阶段概率赢单，20%% 推迟一个月，金额 ±10%%；另加每月新增业务 %s ±40%%（第二季度新建商机当季赢单的金额）："), whole(decimal.NewFromInt(int64(sim.Trials))), console.Money(perMonth)))
	rows = rows[:0]
	q := func(f float64) string { return whole(decimal.NewFromFloat(f)) }
	for i, s := range sim.Periods {
		m := pl.months[6+i]
		rows = append(rows, []string{m.Label, console.Money(m.Target), q(s.P10), q(s.P50), q(s.P90)})
	}
	t := sim.Total
	rows = append(rows, []string{p.tr("second half", "下半年"), console.Money(gap), q(t.P10), q(t.P50), q(t.P90)})
	p.table([]string{p.tr("month", "月份"), ">" + p.tr("plan / gap", "计划 / 缺口"), ">P10", ">P50", ">P90"}, rows)
	p.linef(p.tr("  the open pipeline alone: %s", "  仅靠在途管道：%s"), alone.Reason.Text(p.lang))
	p.linef(p.tr("  with new business:       %s", "  加上新增业务：%s"), sim.Reason.Text(p.lang))
	return outlook{gap: gap, hit: sim.HitProbability, p50: decimal.NewFromFloat(t.P50).Round(2)}, nil
}
