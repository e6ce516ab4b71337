// Package incentive computes sales commission: plans as data, credit
// splits, built-in and custom rules, and statements whose every line says
// why it is what it is.
//
// A rep who cannot see why their commission is what it is stops believing
// the plan. This package is the engine a CRM embeds instead of a
// spreadsheet: money is exact (decimal.Decimal, rounded only where the plan
// says), plans are JSON a sales-ops team edits, a team's own rules plug in
// as Go code, and each statement line carries its explanation in English
// and Chinese.
//
// # Vocabulary
//
//   - A [Plan] is the data: its span [Start, End) cut into periods of a
//     [Grain], its [Rep]s with quotas (prorated by the calendar dates worked,
//     less [Relief]) and managers, its [Component]s, and the conventions on
//     which commission tools disagree, each an explicit field with a
//     documented default: [Rounding] (places, mode, per line or on the
//     total), [Crediting] (on booking or on payment, overlay credit, roll-up
//     to managers), [Cap] (excess forfeited or paid later), [Clawback] (what
//     a cancellation recovers, and whether it lowers attainment), [Draw]
//     (recoverable or not, floor, recovery rate, grace periods) and
//     [NegativePayout]. On a tiered component, [Boundary] says which tier a
//     total on a boundary belongs to.
//   - [Build] (or [DecodePlan], from JSON) checks a plan, naming the path of
//     every bad value ("components[1].tiers[2].from"), and makes the
//     immutable [Definition] that [Compute] uses.
//   - A [Component] counts a [Measure] of the credits its [Filter] admits and
//     pays by a rule: a built-in type ([TypeFlat], [TypeTiered] — marginal,
//     retroactive or hybrid, on amount or attainment, per deal or on the
//     period total —, [TypePerUnit], [TypePerDeal], [TypeMilestones],
//     [TypeScorecard], [TypeOverride]) or a type the caller registers in a
//     [Registry]: a [Rule], written in Go, or a one-line [RuleFunc]. The
//     package incentivetest checks a Rule against the contract. Versions of
//     a component (the same ID, a later Effective date) change its rule from
//     a date.
//   - A [Transaction] is a deal as the CRM has it now; [Credits] turns it
//     into [Credit]s per rep: [Split]s that add up to the deal exactly
//     (largest remainder, ties to the earlier split), overlay credit, team
//     credit up the manager chain.
//   - [Compute] closes a period: a [Statement] per rep with [Line]s per
//     component, [Subtotal]s, adjustments (clawbacks, caps, true-ups of
//     locked periods, rounding, draws and recoveries), the payout, and the
//     [Balance] to carry on. Every Line explains itself: [Line.Reason] gives
//     a [Reason] with a stable code, the values it cites and the sentence in
//     English or Chinese: "Tier 2, 100%–150% of quota: 50,000.00 × 12% =
//     6,000.00".
//   - Locked periods are never rewritten. The caller stores statements and
//     passes them back ([ComputeOptions].Locked); a late change — an amount
//     edited, a cancellation, a rate changed from a date — becomes a true-up
//     line in the period computed, naming the period and what changed.
//   - [Compare] diffs two sets of statements per rep and per line, for a
//     what-if ([WhatIf] recomputes a period under a changed plan); [Rank]
//     ranks reps with ties shared (1, 2, 2, 4) and names the champions.
//
// The rules that decide ties and order are fixed and documented where they
// apply: a split's leftover cent goes to the largest remainder, the
// earlier split among equals; credits and lines are in date order, then
// deal ID; a rate table's boundary total follows [Boundary]; ranks share a
// place and skip the next (1, 2, 2, 4), reps sharing a rank in ID order;
// statements are in rep ID order.
//
// Nothing here reads the clock, keeps global state or starts goroutines. A
// Definition is safe for concurrent use (with rules of one's own that are);
// statements and balances are values the caller owns.
//
// # A worked example
//
// A quarterly plan pays on attainment of a 100,000 quota: 8% up to 100%,
// 12% from 100% to 150%, 15% above, each slice at its own tier's rate
// (marginal). A rep books 70,000, then 60,000, then 30,000 in the quarter,
// 160,000 in all:
//
//	D1  70,000 in tier 1                 70,000 × 8%  = 5,600.00
//	D2  60,000: 30,000 fills tier 1      30,000 × 8%  = 2,400.00
//	            30,000 into tier 2       30,000 × 12% = 3,600.00
//	D3  30,000: 20,000 fills tier 2      20,000 × 12% = 2,400.00
//	            10,000 into tier 3       10,000 × 15% = 1,500.00
//	                                     payout        15,500.00
//
// Tier 2 pays 50,000 × 12% = 6,000.00 in two lines, and the statement's
// total is exactly the sum of its five lines. The package example prints
// this statement.
package incentive
