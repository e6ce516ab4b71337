// Package target sets sales targets, splits them exactly, and tracks and
// re-plans them.
//
// A sales plan starts as one number — ten million this year — and must end
// as hundreds: per quarter, per month, per week, per region, per team, per
// rep. Every split must add up to the number above it to the last cent, or
// the plan stops being one plan. This package does that arithmetic exactly
// with decimal.Decimal, and explains every number it produces.
//
// # Glossary
//
// The words of the package, with the simplified Chinese its reasons and
// labels use:
//
//   - target (目标): the value a goal asks for; baseline (基数): the value
//     it is compared with, usually last period's.
//   - owner (负责人): who answers for a goal; metric (考核指标): what it
//     measures.
//   - SMART (SMART原则): specific (具体), measurable (可衡量), achievable
//     (可实现), relevant (相关), time-bound (有时限).
//   - split (分解): one target cut into parts that add up to it, over time
//     (年 → 季 → 月 → 周) or down the organisation; a child goal (下级目标)
//     serves its parent goal (上级目标).
//   - period (周期): the half-open run of calendar dates [start, end) a
//     target covers; a working day (工作日) is a date a [Calendar] says is
//     worked, and a make-up working day (调休) a weekend date worked in
//     place of a holiday.
//   - pace (进度比): actual ÷ what the plan expected by now; a status is
//     ahead (领先), on track (符合进度), at risk (有风险) or behind (落后).
//   - capacity (产能): what a team can deliver; the levels of a goal are
//     target (目标), sprint (冲刺) and challenge (挑战).
//
// # Overview
//
//   - A [Goal] is who is to reach what value of which [Metric] over which
//     period. Additive metrics (revenue, deal count, new customers) may be
//     split and summed; ratio metrics (conversion, market share, CSAT,
//     retention) never are. [RetentionRate], [CSAT], [ConversionRate] and
//     [MarketShare] compute the standard ratio measures as exact [Fraction]s.
//   - [Check] judges a goal against SMART (specific, measurable, achievable,
//     relevant, time-bound) under a [Policy] and returns its [Assessment]: a
//     [Verdict] per criterion with the [Reason]s for it; [CheckTree] also
//     checks that children add up ([TreeAssessment], [SumCheck]).
//   - Every judgement explains itself with a [Reason]: a stable code, the
//     values it cites, and the sentence in English or simplified Chinese
//     ([Reason.Text]), so a UI in either language can show it or build its
//     own from the code.
//   - [Allocate] splits an amount by weights with the largest-remainder
//     (Hamilton) method: parts add up exactly and each lies within one unit of
//     the last place of its exact share. For very large splits,
//     [AllocateParts] returns the same parts held compactly as integers of
//     units ([Parts]) instead of one decimal each, and [AllocateUnits] splits
//     amounts already held in int64 minor units.
//   - Plans are made of calendar dates: a [Date] has no time of day and no
//     zone, and a [Period] is the half-open run of dates [Start, End).
//     [MidnightDate] reads a date stored as a midnight and refuses one read
//     back in the wrong zone; [Date.In] gives a date's first instant in a
//     zone, even where daylight saving skips midnight.
//   - [SplitTime] splits an amount over quarters (any fiscal-year start),
//     months, ISO weeks or days, weighted evenly, by calendar days, by
//     working days under a [Calendar] (such as a [WeekdayCalendar] built
//     from [Holidays]: public holidays and make-up working days, each a
//     date or a [DateRange]), by seasonal shares or by explicit weights.
//     [SplitNested] splits level by level (year → quarters → months →
//     weeks) so that every level adds up exactly to the level above.
//   - [SplitTree] splits an amount down an organisation of [Unit]s, exactly
//     at every level, keeps targets set on a unit itself and reports the
//     [Tree.Gaps] they open; [Tree.RollUp] makes every unit the sum of its
//     members. [SplitGrid] builds a units × periods plan whose every row and
//     column adds up exactly (controlled rounding).
//   - [Track] reports progress as of an instant (its date in its own
//     location) against the plan's own shape, with projections, the rate
//     needed per remaining working day and a [Status], rounded to the
//     places the caller gives; [PipelineCoverage] relates the open pipeline
//     to what remains.
//   - [Replan] spreads what remains over the open periods into a
//     [Revision] and flags the Alabama paradox; [Diff] lists every
//     [CellChange] between two plans.
//
// # A worked example
//
// 10,000,000 over four even quarters is 2,500,000 each. 2,500,000 over three
// even months is 833,333.33⅓ each: at two places the floors are 833,333.33
// three times, 0.01 is left over, and the three remainders tie, so the
// earliest month takes it: 833,333.34 + 833,333.33 + 833,333.33 =
// 2,500,000.00. The package's Example runs this code and prints these
// figures:
//
//	quarters, err := target.SplitTime(decimal.NewFromInt(10_000_000),
//		target.MustDate("2025-01-01"), target.MustDate("2026-01-01"), target.Quarter, 2, nil)
//	if err != nil {
//		panic(err)
//	}
//	q1 := quarters[0]
//	months, err := target.SplitTime(q1.Target, q1.Start, q1.End, target.Month, 2, nil)
//	if err != nil {
//		panic(err)
//	}
//	for _, q := range quarters {
//		fmt.Println(q.Label, q.Target.StringFixed(2))
//	}
//	for _, m := range months {
//		fmt.Println(" ", m.Label, m.Target.StringFixed(2))
//	}
//	// 2025-Q1 2500000.00
//	// 2025-Q2 2500000.00
//	// 2025-Q3 2500000.00
//	// 2025-Q4 2500000.00
//	//   2025-01 833333.34
//	//   2025-02 833333.33
//	//   2025-03 833333.33
//
// Money is never rounded away: a split whose total is finer than the places
// it rounds to is an error, not a silent rounding. Equal values give equal
// results: 2500000 and 2500000.00 are the same target, and a plan read back
// from JSON splits, tracks and re-plans to the same bits. Time comes in as
// arguments (asOf), never from the clock.
//
// # Errors
//
// Every error wraps one of the package's sentinels ([ErrNoParts],
// [ErrPrecision], …) inside a [*FieldError] that names the field or
// parameter the caller wrote ("plan[2].weight", "opts.weighting") and the
// offending value; several bad fields are joined with errors.Join.
package target
