// Package forecast forecasts sales: the weighted pipeline and its forecast
// categories, time-series models of bookings, their accuracy in backtests,
// a Monte Carlo simulation of the pipeline, and win probabilities learnt
// from closed deals.
//
// A forecast that is a sum of hopes is worse than none. This package does
// the arithmetic sales managers expect exactly (money is decimal.Decimal,
// rounded once per deal by a stated rule), fits the models analysts trust
// with the equations statsmodels uses (its tests hold statsmodels' numbers
// on six public series to 1e-9), and says how uncertain the result is.
//
// # Glossary
//
// The words of the package, with the simplified Chinese its labels and
// reasons use:
//
//   - pipeline (管道): the open deals (商机) expected to close; a deal's win
//     probability (赢单概率) weights its amount.
//   - forecast category: pipeline (管道), best case (最佳情况), commit
//     (承诺), closed (已成交) and omitted (已忽略).
//   - backtest (回测): forecasting the past from origins (起点) before it and
//     measuring the error; a prediction interval (预测区间) bounds a
//     forecast at a coverage.
//   - simulation (模拟): drawing the pipeline's outcomes many times; the
//     chance of reaching a quota (指标) is the share of trials that do.
//   - run rate: business not yet in the pipeline (尚未进入管道的业务).
//   - roll-up: a unit's forecast from its own deals (自身) and its teams'
//     (下属团队), which a manager may adjust (调整).
//
// # Overview
//
//   - A [Deal] has an amount, a stage of a [Stages] list (such as the
//     shared [B2B] list), a close date, an owner and, optionally, its own
//     win probability and [Category]. A [Pipeline] adds deals up by
//     period ([Grain]: month, quarter or fiscal year) and category;
//     [Pipeline.Report] gives each category's deals, amount and weighted
//     amount, the cumulative [Forecasts] and the expected bookings.
//   - The forecast categories are pipeline, best case, commit, closed
//     (won) and omitted, individually and cumulatively as the leading
//     CRMs define them: the open pipeline is pipeline + best case +
//     commit, the best-case forecast best case + commit + closed, the
//     commit forecast commit + closed; omitted deals never count.
//   - [PipelineReport.RollUp] rolls the per-owner forecast up an [Org]
//     tree of units ([Unit]), where an [Adjustment] by a unit's manager
//     overrides the number it submits and the computed one stays beside
//     it.
//     [Compare] lists what moved between categories, slipped, was added or
//     removed between two snapshots, with a [Bridge] per period and
//     category that adds up.
//   - A [Model] is a forecasting method and its settings, as data: naive,
//     seasonal naive, moving averages, simple exponential smoothing
//     ([SES]), Holt's linear trend, damped or not ([Holt]), Holt-Winters
//     with additive or multiplicative seasonality ([HoltWinters]) and an
//     OLS [LinearTrend]. [Model.Fit] fits one with given parameters and
//     initial states, or estimates them; a [Fit] has fitted values,
//     residuals, the SSE and [Fit.Forecast], an h-step [Projection] with
//     prediction intervals where the model defines them.
//   - [Accuracy] measures forecasts (MAE, RMSE, MAPE, sMAPE, MASE, bias);
//     [Backtest] runs a rolling-origin backtest; [Auto] picks the model
//     with the lowest backtest error and gives the [Reason].
//   - [Simulate] draws the pipeline's outcomes from a seed, each [Prospect]
//     won with its probability, perhaps a period late, for an amount
//     within a range, and gives the mean, P10, P50, P90 and the chance of
//     reaching a quota; [ProspectsOf] makes the prospects from deals.
//     [Blend] adds a run rate for business not yet in the pipeline to a
//     period's pipeline forecast, each part shown.
//   - A [WinModel] learns win probabilities from closed deals
//     ([ClosedDeal]), naive Bayes in the manner of Odoo's predictive lead
//     scoring ([RulesOdoo] reproduces Odoo exactly), scores open deals
//     ([OpenDeal]) keeping a manual probability sticky, and reports its
//     [Calibration] on held-out deals.
//
// # Money and rounding
//
// A deal's weighted amount is its amount times its probability, the
// probability read to nine decimal places (half to even from its exact
// binary value, so 0.1 is one tenth), the product rounded half to even to
// the pipeline's places. Totals are exact sums of those: the weighted
// amount of a category is the sum of its deals' weighted amounts to the
// last cent, however the deals were split across shards. Amounts with more
// decimal places than the pipeline holds are an error, never rounded away.
// Time series, model states, accuracy measures and simulation statistics
// are float64, and never infinite or NaN in a result.
//
// # Smoothing conventions
//
// The smoothing recursion is statsmodels' (ExponentialSmoothing, 0.13.5):
// with B = l + φ·b, a fitted value is B, B + s or B·s; the level becomes
// α·(y - s) + (1-α)·B (α·y/s + (1-α)·B multiplicatively); the trend
// β·(l' - l) + (1-β)·φ·b; the season γ·(y - B) + (1-γ)·s (γ·y/B + (1-γ)·s),
// with B, not the new level, and γ as written. Initial states are the
// states before the first observation (l₋₁, b₋₁, s₋ₘ…s₋₁); the fitted value
// of the first observation comes from them and counts in the SSE. Fitted
// values are one-step-ahead predictions. Seasonal values are never
// renormalised, in the recursion or the forecast. Forecasts use the
// textbook equations, not statsmodels 0.13.5's, which takes the wrong
// seasonal value at horizons m, 2m, ….
//
// Given no initial states, a model estimates them with the SSE-minimising
// parameters ([InitEstimated]) or takes statsmodels' heuristic ones
// ([InitHeuristic]). Parameters are estimated within statsmodels' bounds
// (α in [0, 1], β in [0, α], γ in [0, 1-α], φ in [0.8, 0.995]) by
// minimising the SSE ([Model.Fit] says how): on every oracle series the
// estimate's SSE is at least as low as the best of six scipy optimisers run
// under statsmodels, within 0.1%.
//
// # Accumulators
//
// A [Pipeline] and a [WinModel] are accumulators: Merge is associative and
// commutative, and MarshalBinary/UnmarshalBinary write and read a compact,
// versioned format (documented on each), so a forecast computed on many
// goroutines or inside a distributed engine's combine step equals one pass
// exactly. Neither is safe for concurrent use; give each worker its own.
// Built values ([Org], [Fit]) are immutable and safe for concurrent use.
//
// # A worked example
//
// Seven deals closing in July 2026, over the B2B stages, to two places:
//
//	deal  stage        amount      probability  category   weighted
//	A     negotiation  120,000.00  0.75         commit     90,000.00
//	B     proposal      80,000.00  0.50         best_case  40,000.00
//	C     qualified     50,000.00  0.25         pipeline   12,500.00
//	D     lead          33,333.33  0.10         pipeline    3,333.33  (3,333.333)
//	E     won           60,000.00  1            closed     60,000.00
//	F     lost          40,000.00  0            omitted         0.00
//	G     proposal      10,000.05  0.50 (own)   best_case   5,000.02  (5,000.025, half to even)
//
// By category: pipeline 83,333.33 (weighted 15,833.33), best case
// 90,000.05 (45,000.02), commit 120,000.00, closed 60,000.00 and omitted
// 40,000.00. Cumulatively: the open pipeline is 293,333.38, the best-case
// forecast 270,000.05, the commit forecast 180,000.00 and closed
// 60,000.00; the expected bookings are 15,833.33 + 45,000.02 + 90,000.00 +
// 60,000.00 = 210,833.35. The omitted deal F counts in none of them. The
// package's Example runs this code and prints these figures:
//
//	p, err := forecast.NewPipeline(forecast.B2B(), 2, nil)
//	if err != nil {
//		panic(err)
//	}
//	d := forecast.MustDate
//	half := 0.5
//	deals := []forecast.Deal{
//		{ID: "A", Amount: decimal.RequireFromString("120000.00"), Stage: "negotiation", CloseDate: d("2026-07-10")},
//		{ID: "B", Amount: decimal.RequireFromString("80000.00"), Stage: "proposal", CloseDate: d("2026-07-15")},
//		{ID: "C", Amount: decimal.RequireFromString("50000.00"), Stage: "qualified", CloseDate: d("2026-07-20")},
//		{ID: "D", Amount: decimal.RequireFromString("33333.33"), Stage: "lead", CloseDate: d("2026-07-31")},
//		{ID: "E", Amount: decimal.RequireFromString("60000.00"), Stage: "won", CloseDate: d("2026-07-02")},
//		{ID: "F", Amount: decimal.RequireFromString("40000.00"), Stage: "lost", CloseDate: d("2026-07-03")},
//		{ID: "G", Amount: decimal.RequireFromString("10000.05"), Stage: "proposal", Probability: &half, CloseDate: d("2026-07-25")},
//	}
//	if err := p.AddAll(deals); err != nil {
//		panic(err)
//	}
//	july := p.Report(nil).Periods[0]
//	for _, c := range july.Categories {
//		fmt.Printf("%-9s %d deals %10s weighted %9s\n", c.Category, c.Deals, c.Amount.StringFixed(2), c.Weighted.StringFixed(2))
//	}
//	f := july.Forecasts
//	fmt.Println("open pipeline", f.OpenPipeline.Amount.StringFixed(2))
//	fmt.Println("best case    ", f.BestCase.Amount.StringFixed(2))
//	fmt.Println("commit       ", f.Commit.Amount.StringFixed(2))
//	fmt.Println("closed       ", f.Closed.Amount.StringFixed(2))
//	fmt.Println("expected     ", july.Expected.StringFixed(2))
//	// pipeline  2 deals   83333.33 weighted  15833.33
//	// best_case 2 deals   90000.05 weighted  45000.02
//	// commit    1 deals  120000.00 weighted  90000.00
//	// closed    1 deals   60000.00 weighted  60000.00
//	// omitted   1 deals   40000.00 weighted      0.00
//	// open pipeline 293333.38
//	// best case     270000.05
//	// commit        180000.00
//	// closed        60000.00
//	// expected      210833.35
//
// # Errors
//
// Errors are *[FieldError] values naming the field or parameter at fault
// and wrapping one of the package's sentinels, joined when there are
// several; nothing here panics on bad input. Nothing reads the clock or a
// global random source: dates and seeds are arguments.
package forecast
