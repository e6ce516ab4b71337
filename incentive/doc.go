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
// # Glossary
//
// The words of the package, with the simplified Chinese its reasons use:
//
//   - commission (提成): what a rep earns on credited sales (业绩); a quota
//     (配额) is the period's target, and attainment (达成率) credited sales
//     ÷ quota.
//   - tier (档): a band of a rate table; marginal tiers pay each slice at
//     its own rate, retroactive ones (追溯适用) the whole at the tier
//     reached.
//   - split (分成): a share of a deal's credit; an override (管理提成) pays
//     a manager on the team's deals.
//   - cap (上限): the most a line, period or year pays; clawback (追回):
//     commission recovered when a deal is cancelled; true-up (更正): the
//     correction of a locked period.
//   - draw (预支): an advance recovered (扣回) from later commission; a
//     non-recoverable draw is a guarantee (保底). Relief (减免) lowers a
//     quota.
//   - scorecard (计分卡): measures scored against floor and target, paying a
//     bonus.
//
// # Overview
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
// total is exactly the sum of its five lines. The package's Example runs
// this code and prints this statement:
//
//	def, err := incentive.DecodePlan([]byte(`{"id": "ae-2025", "start": "2025-01-01", "end": "2026-01-01",
//		"period": "quarter", "rounding": {"places": 2}, "reps": [{"id": "ana", "quota": "100000"}],
//		"components": [{"id": "revenue", "type": "tiered", "basis": "attainment", "tiers": [
//			{"from": "0", "to": "1", "rate": "0.08"},
//			{"from": "1", "to": "1.5", "rate": "0.12"},
//			{"from": "1.5", "rate": "0.15"}]}]}`), nil)
//	if err != nil {
//		panic(err)
//	}
//	txs := []incentive.Transaction{
//		{ID: "D1", Rep: "ana", Amount: decimal.NewFromInt(70_000), Booked: incentive.MustDate("2025-01-10")},
//		{ID: "D2", Rep: "ana", Amount: decimal.NewFromInt(60_000), Booked: incentive.MustDate("2025-02-10")},
//		{ID: "D3", Rep: "ana", Amount: decimal.NewFromInt(30_000), Booked: incentive.MustDate("2025-03-10")},
//	}
//	stmts, err := incentive.Compute(def, incentive.MustDate("2025-03-31"), txs, nil)
//	if err != nil {
//		panic(err)
//	}
//	s := stmts[0]
//	fmt.Println(s.Rep, s.Period)
//	for _, l := range s.Lines {
//		fmt.Printf("  %s %8s  %s\n", l.Deal, l.Amount.StringFixed(2), l.Reason())
//	}
//	fmt.Println("  payout", s.Payout.StringFixed(2))
//	fmt.Println(" ", s.Lines[2].Reason().Text("zh-CN"))
//	// ana 2025-Q1
//	//   D1  5600.00  Tier 1, 0%–100% of quota: 70,000.00 × 8% = 5,600.00
//	//   D2  2400.00  Tier 1, 0%–100% of quota: 30,000.00 × 8% = 2,400.00
//	//   D2  3600.00  Tier 2, 100%–150% of quota: 30,000.00 × 12% = 3,600.00
//	//   D3  2400.00  Tier 2, 100%–150% of quota: 20,000.00 × 12% = 2,400.00
//	//   D3  1500.00  Tier 3, 150% of quota and above: 10,000.00 × 15% = 1,500.00
//	//   payout 15500.00
//	//   第 2 档（配额的 100%–150%）：30,000.00 × 12% = 3,600.00
package incentive
