// Command forecasting forecasts a company's monthly bookings with package
// forecast: three years of history fitted by the smoothing and trend
// models, each forecast with its prediction interval; a rolling-origin
// backtest that says how far off each model would have been; Auto, which
// picks the model with the lowest backtest error and says why; and a Monte
// Carlo simulation of next quarter's pipeline, with the chance it reaches
// the quota.
//
// Run it with:
//
//	go run ./examples/forecasting
//	go run ./examples/forecasting -lang zh-CN -seed 3
package main

import (
	"flag"
	"fmt"
	"github.com/saleskit/saleskit/examples/internal/console"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"time"

	"github.com/saleskit/saleskit/forecast"
	"github.com/shopspring/decimal"
)

// options are the program's flags.
type options struct {
	lang string // "en" or "zh-CN"
	seed uint64 // seed of the generated history and pipeline, and of the simulation
}

func main() {
	var o options
	flag.StringVar(&o.lang, "lang", "en", "language of labels and explanations: en or zh-CN")
	flag.Uint64Var(&o.seed, "seed", 7, "seed of the generated history and pipeline, and of the simulation")
	flag.Parse()
	if err := run(os.Stdout, o); err != nil {
		fmt.Fprintln(os.Stderr, "forecasting:", err)
		os.Exit(1)
	}
}

// backtest is how every model is judged: trained on the first two years,
// forecasting three months ahead, the origin moving a quarter at a time
// (origins after months 24, 27, 30 and 33), errors scaled for MASE by the
// same-month-last-year naive forecast.
var backtest = &forecast.BacktestOptions{Horizon: 3, Step: 3, Initial: 24, Lag: 12}

// prospectOptions turn deals into prospects by the month: an open deal
// slips to the next month one time in five, and is won for up to 15% more
// or less than its amount.
var prospectOptions = &forecast.ProspectOptions{Grain: forecast.Month, Slip: 0.2, Spread: 0.15}

// quota is the first quarter of 2026's target, in yuan: about what the
// history forecasts for the quarter.
var quota = decimal.NewFromInt(3_600_000)

// run prints the forecast to w; the same options print the same forecast.
func run(w io.Writer, o options) error {
	if o.lang != "en" && o.lang != "zh-CN" {
		return fmt.Errorf("-lang %q: want en or zh-CN", o.lang)
	}
	tr := func(en, zh string) string { return forecast.Labels{"en": en, "zh-CN": zh}.Get(o.lang) }
	y := history(o.seed)
	fmt.Fprintln(w, tr("Bookings forecast: 36 months of history (thousands of yuan), 2023-01 to 2025-12",
		"业绩预测：36 个月历史数据（千元），2023-01 至 2025-12"))
	console.Heading(w, tr("History", "历史数据"))
	tb := console.NewTable("lrrrrrrrrrrrr", tr("year", "年份"), "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12")
	for yr := range 3 {
		cells := []string{fmt.Sprint(2023 + yr)}
		for _, v := range y[12*yr : 12*yr+12] {
			cells = append(cells, fmt.Sprintf("%.0f", v))
		}
		tb.Row(cells...)
	}
	tb.Write(w)

	// Step 1. A Model is data: a method and its settings. Fit estimates
	// what is left open (here the smoothing parameters and initial states)
	// by minimising the squared one-step errors. Forecast projects h steps
	// with a prediction interval where the model defines one.
	models := []forecast.Model{
		{Method: forecast.MethodSeasonalNaive, Period: 12},
		{Method: forecast.MethodSES},
		{Method: forecast.MethodHolt, Damped: true},
		{Method: forecast.MethodLinearTrend},
		{Method: forecast.MethodHoltWinters, Period: 12, Seasonal: forecast.Additive},
	}
	console.Heading(w, tr("Models fitted to the history, and their forecast of January 2026",
		"模型拟合与 2026 年 1 月预测"))
	tb = console.NewTable("llrrrr", tr("model", "模型"), tr("parameters", "参数"), "SSE",
		tr("Jan 2026", "2026-01"), tr("95% interval", "95% 区间"), tr("2026 total", "2026 全年"))
	for _, m := range models {
		fit, err := m.Fit(y)
		if err != nil {
			return err
		}
		p, err := fit.Forecast(12, nil)
		if err != nil {
			return err
		}
		band := ""
		if len(p.Lower) > 0 {
			band = fmt.Sprintf("%.0f–%.0f", p.Lower[0], p.Upper[0])
		}
		tb.Row(m.Name(), params(fit.Model), fmt.Sprintf("%.0f", fit.SSE), fmt.Sprintf("%.0f", p.Point[0]), band,
			fmt.Sprintf("%.0f", total(p.Point)))
	}
	tb.Write(w)

	// Step 2. Backtest refits a model at every origin, as it would be used,
	// and measures its forecasts against what happened next.
	console.Heading(w, tr("Backtest: 3 months ahead from 4 origins", "回测：4 个起点，各向前预测 3 个月"))
	tb = console.NewTable("lrrrrr", tr("model", "模型"), "MAE", "RMSE", "MAPE", "MASE", tr("bias", "偏差"))
	for _, m := range models {
		r, err := forecast.Backtest(y, m, backtest)
		if err != nil {
			return err
		}
		a := r.Accuracy
		tb.Row(m.Name(), fmt.Sprintf("%.1f", a.MAE), fmt.Sprintf("%.1f", a.RMSE), optional(a.MAPE, "%.1f%%"),
			optional(a.MASE, "%.2f"), fmt.Sprintf("%+.1f", a.Bias))
	}
	tb.Write(w)

	// Step 3. Auto runs the same backtest on every candidate (by default
	// Candidates(12): naive, a moving average, SES, Holt plain and damped,
	// the linear trend, seasonal naive and four Holt-Winters), ranks them
	// and fits the best
	// to the whole series. Its Reason says why.
	console.Heading(w, tr("Auto: the model with the lowest backtest MAE", "自动选模：回测 MAE 最低的模型"))
	choice, err := forecast.Auto(y, &forecast.AutoOptions{Period: 12, Backtest: backtest})
	if err != nil {
		return err
	}
	tb = console.NewTable("rlr", "#", tr("candidate", "候选模型"), "MAE")
	for i, c := range choice.Candidates {
		score := ""
		if c.Score != nil {
			score = fmt.Sprintf("%.1f", *c.Score)
		} else if c.Skipped != nil {
			score = c.Skipped.Text(o.lang)
		}
		tb.Row(fmt.Sprint(i+1), c.Model.Name(), score)
	}
	tb.Write(w)
	fmt.Fprintf(w, "\n%s\n", choice.Reason.Text(o.lang))
	for _, r := range choice.Fit.Reasons {
		fmt.Fprintf(w, "%s\n", r.Text(o.lang))
	}

	// The chosen fit forecasts the next quarter with 80% and 95% intervals.
	p95, err := choice.Fit.Forecast(3, nil)
	if err != nil {
		return err
	}
	p80, err := choice.Fit.Forecast(3, &forecast.ForecastOptions{Level: 0.8})
	if err != nil {
		return err
	}
	fmt.Fprintln(w)
	tb = console.NewTable("lrrr", tr("month", "月份"), tr("forecast", "预测"), tr("80% interval", "80% 区间"), tr("95% interval", "95% 区间"))
	for k := range p95.Point {
		tb.Row(fmt.Sprintf("2026-%02d", k+1), fmt.Sprintf("%.0f", p95.Point[k]), interval(p80, k), interval(p95, k))
	}
	tb.Row(tr("Q1", "一季度"), fmt.Sprintf("%.0f", total(p95.Point)), "", "")
	tb.Write(w)

	// Step 4. The time series says what the business usually books; the
	// pipeline says which deals could close. ProspectsOf turns the open
	// deals closing in the quarter into prospects with their stage's win
	// probability, a chance to slip a month and a spread of amounts;
	// Simulate draws the quarter 10,000 times from the seed.
	console.Heading(w, fmt.Sprintf(tr("Monte Carlo of the Q1 2026 pipeline against a quota of %s", "2026 年一季度商机蒙特卡洛模拟（指标 %s）"), console.Money(quota)))
	stages := forecast.B2B()
	deals := pipeline(o.seed)
	tb = console.NewTable("lrrr", tr("stage", "阶段"), tr("deals", "商机数"), tr("amount", "金额"), tr("probability", "赢率"))
	for _, s := range stages {
		n, amount := 0, decimal.Zero
		for _, d := range deals {
			if d.Stage == s.Key {
				n, amount = n+1, amount.Add(d.Amount)
			}
		}
		if n > 0 {
			tb.Row(s.Label(o.lang), fmt.Sprint(n), console.Money(amount), fmt.Sprintf("%.0f%%", 100*s.Probability))
		}
	}
	tb.Write(w)
	prospects, err := forecast.ProspectsOf(stages, deals, forecast.MustDate("2026-01-01"), 3, prospectOptions)
	if err != nil {
		return err
	}
	sim, err := forecast.Simulate(prospects, quota, o.seed, &forecast.SimulateOptions{Trials: 10_000})
	if err != nil {
		return err
	}
	fmt.Fprintln(w)
	tb = console.NewTable("lrrrrr", tr("period", "期间"), tr("expected", "期望值"), tr("mean", "均值"), "P10", "P50", "P90")
	for k, s := range sim.Periods {
		tb.Row(fmt.Sprintf("2026-%02d", k+1), yuan(s.Expected), yuan(s.Mean), yuan(s.P10), yuan(s.P50), yuan(s.P90))
	}
	s := sim.Total
	tb.Row(tr("Q1", "一季度"), yuan(s.Expected), yuan(s.Mean), yuan(s.P10), yuan(s.P50), yuan(s.P90))
	tb.Write(w)
	fmt.Fprintf(w, tr("\nchance of reaching the quota: %.1f%% (± %.1f%%)\n", "\n达成指标的概率：%.1f%%（± %.1f%%）\n"),
		100*sim.HitProbability, 100*sim.HitStdErr)
	fmt.Fprintln(w, sim.Reason.Text(o.lang))
	return nil
}

// history makes 36 months of bookings, in thousands of yuan, from the
// seed: a level of 900 growing 12 a month, a season that dips in February
// (the Spring Festival) and peaks in December, and noise.
func history(seed uint64) []float64 {
	rng := rand.New(rand.NewPCG(seed, 0xf0ca))
	season := []float64{-60, -320, 40, 20, 30, 90, -40, -60, 80, -70, 60, 230}
	y := make([]float64, 36)
	for t := range y {
		y[t] = math.Round(900 + 12*float64(t) + season[t%12] + 45*rng.NormFloat64())
	}
	return y
}

// pipeline makes the open deals expected to close in the first quarter of
// 2026, twelve a month, from the seed, plus two already won in January.
func pipeline(seed uint64) []forecast.Deal {
	rng := rand.New(rand.NewPCG(seed, 0x91be))
	open := []string{"lead", "qualified", "proposal", "negotiation"}
	var deals []forecast.Deal
	for i := range 36 {
		close := time.Date(2026, time.Month(1+i%3), 1+rng.IntN(28), 0, 0, 0, 0, time.UTC)
		deals = append(deals, forecast.Deal{ID: fmt.Sprintf("D%02d", i+1), Stage: open[rng.IntN(len(open))],
			Amount: decimal.NewFromInt(int64(50+10*rng.IntN(36)) * 1000), CloseDate: forecast.DateOf(close)})
	}
	return append(deals,
		forecast.Deal{ID: "W01", Stage: "won", Amount: decimal.NewFromInt(420_000), CloseDate: forecast.MustDate("2026-01-09")},
		forecast.Deal{ID: "W02", Stage: "won", Amount: decimal.NewFromInt(260_000), CloseDate: forecast.MustDate("2026-01-20")})
}

// params writes a fitted model's smoothing parameters.
func params(m forecast.Model) string {
	p := m.Params
	if p == nil {
		return ""
	}
	s := fmt.Sprintf("α=%.3f", p.Alpha)
	if m.Method == forecast.MethodHolt || m.Method == forecast.MethodHoltWinters {
		s += fmt.Sprintf(" β=%.3f", p.Beta)
	}
	if m.Method == forecast.MethodHoltWinters {
		s += fmt.Sprintf(" γ=%.3f", p.Gamma)
	}
	if m.Damped {
		s += fmt.Sprintf(" φ=%.3f", p.Phi)
	}
	return s
}

// interval writes step k's prediction interval.
func interval(p forecast.Projection, k int) string {
	if len(p.Lower) == 0 {
		return ""
	}
	return fmt.Sprintf("%.0f–%.0f", p.Lower[k], p.Upper[k])
}

// optional writes a measure that may be absent.
func optional(v *float64, format string) string {
	if v == nil {
		return "-"
	}
	return fmt.Sprintf(format, *v)
}

// total adds up a forecast's points.
func total(points []float64) float64 {
	s := 0.0
	for _, v := range points {
		s += v
	}
	return s
}

// yuan writes a simulated amount (a statistic, float64) to the yuan, with
// thousands separators: 1234567.8 → "1,234,568".
func yuan(v float64) string {
	s := console.Money(decimal.NewFromFloat(v).Round(0))
	return s[:len(s)-3]
}
