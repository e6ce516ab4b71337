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
// # Vocabulary
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
// (α in [0, 1], β in [0, α], γ in [0, 1-α], φ in [0.8, 0.995]) by a
// projected L-BFGS method with exact reverse-mode gradients, started from
// the best points of a grid: on every oracle series it reaches an SSE at
// least as low as the best of six scipy optimisers run under statsmodels,
// within 0.1%.
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
// 60,000.00 = 210,833.35. The omitted deal F counts in none of them.
//
// Errors are *[FieldError] values naming the field or parameter at fault
// and wrapping one of the package's sentinels, joined when there are
// several; nothing here panics on bad input. Nothing reads the clock or a
// global random source: dates and seeds are arguments.
package forecast
