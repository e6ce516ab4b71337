// Package risk scores and sums up the risks of sales projects: probability
// and impact matrices, risk registers with responses and residual risk,
// expected monetary value, decision trees, early-warning signals on deals,
// and a Monte Carlo contingency reserve.
//
// # Glossary
//
// The words of the package, with the simplified Chinese its labels and
// reasons use:
//
//   - probability (概率) and impact (影响): how likely a risk is and what it
//     would cost, each a level of a probability and impact matrix
//     (概率和影响矩阵): very low (很低), low (低), moderate (中), high (高),
//     very high (很高).
//   - score (风险值): probability × impact of a cell; rating (评级): low
//     (低风险), moderate (中风险) or high (高风险) risk.
//   - expected monetary value, EMV (预期货币价值): probability × money
//     impact.
//   - response strategy (应对策略): how a risk is handled; inherent risk
//     (固有风险) is before it, residual risk (剩余风险) after it, and its
//     worth (净值) is the change in EMV less its cost (成本).
//   - category: market (市场风险), competition (竞争风险), customer (客户风险),
//     technical (技术风险), resource (资源风险), staff turnover (人员流失风险),
//     financial (财务风险), compliance (合规风险), schedule (进度风险).
//   - warning signal (预警信号): evidence that a deal is slipping; its score
//     (分) gives the deal's risk tier (风险等级).
//   - risk reserve (风险储备): the contingency that covers the simulated risk
//     cost at a confidence.
//
// # Overview
//
//   - A matrix has a probability scale and an impact scale of 3 to 10
//     levels each ([Level]), lowest first, and ordered ratings ([Rating]).
//     [MatrixSpec] is the matrix as data (JSON, a UI); [NewMatrix] checks it
//     and builds the immutable [Matrix]. [PMBOK] and [Simple] are presets.
//   - A cell is a pair of levels ([Cell]). Its score is the probability
//     level's value × the impact level's value, an exact decimal rounded as
//     the matrix says; its rating comes from score thresholds or from an
//     explicit cell table.
//   - Bands map measured quantities onto levels ([Band]): a probability
//     onto a probability level; a cost or schedule overrun, a money impact
//     or a slip in days onto an impact level ([Matrix.ImpactLevel]).
//   - A [Risk] is a threat or an opportunity with a probability (a level, an
//     exact value or both) and an impact (a level and/or money and other
//     measures), an owner, a status, a review date and a [Response]: a
//     [Strategy] with costed actions and the residual probability and
//     impact it leaves.
//   - [Assess] judges one risk: an [Assessment] with its inherent and
//     residual [Exposure] (cell, score, rating, expected monetary value) and
//     the response's worth. Expected monetary value (EMV) is probability ×
//     money impact, negative for threats and positive for opportunities;
//     the worth is the change in EMV minus the response's cost.
//   - A [Register] is a project's risks; [Register.Report] assesses them
//     all into a [Report]: [Totals] of exposure by category, owner and
//     rating, a [HeatMap] of counts per cell, the [Top] risks, the
//     [Overdue] reviews. [Changes] compares two snapshots.
//   - A decision tree ([Node]) of decisions, chance events and ends is
//     rolled back by [Decide]: each decision takes the option with the best
//     EMV, so a manager can compare responses or bid and no-bid.
//   - [Signals] reads a [Deal] snapshot and its history for early warnings
//     ([Signal]: slipped, pushed, stale, amount cut, single-threaded...) and
//     combines them into a scored, tiered [DealRisk] under a
//     [SignalPolicy].
//   - [Reserve] simulates a register's total risk cost and returns its
//     [Contingency]: mean, P50, P80, P90, the reserve at a confidence, and
//     which risks drive the tail.
//
// Every result explains itself with a [Reason] (a stable code, the values
// it cites, and a sentence in English or simplified Chinese).
//
// # Exactness
//
// Money, probabilities that enter money, scores and EMVs are exact
// decimals: nothing is rounded but a matrix's scores, at its Places by its
// [Rounding] (half up to two places in the PMBOK preset, where
// 0.7 × 0.05 = 0.035 is 0.04 — float64 arithmetic makes it 0.03). Totals
// add exactly. The Monte Carlo reserve is float64 statistics over decimal
// inputs; it reports money rounded half up to [MoneyPlaces]. It is seeded,
// and the same seed gives the same numbers on every platform and Go
// version.
//
// # Time
//
// Review, due and close dates are calendar dates ([Date]). [Signals] takes
// asOf, an instant: calendar rules use asOf's date in asOf's location,
// elapsed rules count 24-hour spans ([Day]).
//
// # Errors
//
// Bad input is an error, never a panic. Every error wraps one of the
// package's sentinels (ErrInvalid, ErrLevel, ErrMatrix...), most inside a
// [*FieldError] naming the field as the caller wrote it
// ("risks[3].response.actions[0].cost", "cells[2][4]"). A call that finds
// several problems reports them all in one flat [errors.Join]: its
// Unwrap() []error lists one FieldError a problem. Calls that take many
// records ([Register.Report], [Reserve]) take all of them or none.
//
// # Accumulators
//
// [Totals], [HeatMap] and [SignalCounts] merge (associative, commutative)
// and encode to a compact, versioned binary form (MarshalBinary,
// UnmarshalBinary, documented on each), so a portfolio of a million deals can be
// scored across workers and combined exactly. A built Matrix is safe for
// concurrent use; accumulators are values the caller owns.
//
// # Worked example
//
// Under the PMBOK preset, a threat that a key engineer leaves during a
// rollout has a high probability (0.7) and a high impact (0.4) of
// 250,000. Its cell scores 0.7 × 0.4 = 0.28, rated high, and its EMV is
// −0.7 × 250,000 = −175,000. Pairing a second engineer on the account
// (mitigate, costing 40,000) lowers the probability to low (0.3): the
// residual cell scores 0.3 × 0.4 = 0.12, rated moderate, and the residual
// EMV is −0.3 × 250,000 = −75,000. The response buys
// −75,000 − (−175,000) = 100,000 of EMV for 40,000: it is worth 60,000.
// The package's Example runs this code and prints these figures:
//
//	a, err := risk.Assess(risk.PMBOK(), risk.Risk{
//		ID:          "engineer-leaves",
//		Probability: risk.Probability{Level: "high"},
//		Impact:      risk.Impact{Level: "high", Money: decimal.NewFromInt(250_000)},
//		Response: risk.Response{
//			Strategy:            risk.Mitigate,
//			Actions:             []risk.Action{{Title: "pair a second engineer", Cost: decimal.NewFromInt(40_000)}},
//			ResidualProbability: risk.Probability{Level: "low"},
//		},
//	})
//	if err != nil {
//		panic(err)
//	}
//	fmt.Println("inherent:", a.Inherent.Score, a.Inherent.Rating, a.Inherent.EMV)
//	fmt.Println("residual:", a.Residual.Score, a.Residual.Rating, a.Residual.EMV)
//	fmt.Println("worth:", a.Worth)
//	// inherent: 0.28 high -175000
//	// residual: 0.12 moderate -75000
//	// worth: 60000
package risk
