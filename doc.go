// Package saleskit is the root of an embeddable Go SDK of sales-process
// domain logic for teams that build CRM and sales-management backends.
//
// The root package holds no code. Import the package for the job at hand:
//
//   - [github.com/saleskit/saleskit/target]: SMART goals, exact decomposition
//     of targets over time and down the organisation, progress and re-planning.
//   - [github.com/saleskit/saleskit/funnel]: stage conversion, velocity,
//     bottlenecks, cohorts and telesales call funnels.
//   - [github.com/saleskit/saleskit/lifecycle]: state machines for the
//     sales-project loop, opportunities and customers, with stage gates.
//
// Planned: risk (probability × impact matrices, registers, EMV, deal risk
// signals), incentive (commission plans, splits, rules and explainable
// statements) and forecast (weighted pipeline, smoothing models, accuracy and
// backtests).
//
// Every package is pure: values in, values out, no I/O, no clock and no global
// state. Money is [github.com/shopspring/decimal.Decimal] and is never rounded
// away: splits add up to the whole to the last cent. Time comes in as an
// argument (asOf time.Time) and randomness as a seed, so every result is
// reproducible. The domain packages never import each other; a program that
// needs several composes them, as the programs under examples/ do.
package saleskit
