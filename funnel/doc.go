// Package funnel measures a sales funnel from stage-change events: how many
// deals entered each stage, how many went on, how long they stayed, where the
// funnel leaks most, and how the pipeline moved between two dates. It also
// reports telesales call funnels from call records.
//
// # Glossary
//
// The words of the package, with the simplified Chinese its labels and
// reasons use:
//
//   - funnel (销售漏斗): deals counted through ordered stages (阶段); the
//     [B2B] stages are lead (销售线索), qualified (商机确认), proposal
//     (方案报价), negotiation (商务谈判), won (赢单) and lost (输单).
//   - conversion (转化率): the share of the deals in one stage that reached
//     the next, with its 95% confidence interval (置信区间), judged against
//     a benchmark (基准).
//   - bottleneck (瓶颈): the weakest step (最弱的一步) of the funnel.
//   - telesales (电销): calls dialed (拨打), connected (接通), in
//     conversation (有效通话), to an appointment (邀约成功) and a deal (成交);
//     the connect rate (接通率) is connected ÷ dialed.
//
// # Overview
//
//   - A stage list ([Stages]) is the open stages in funnel order, then the
//     terminal stages: exactly one won stage and any number of lost ones. The
//     open stages followed by the won stage are the path; a deal can be lost
//     from any open stage. [B2B] and [Telesales] are presets, labelled in
//     English and simplified Chinese.
//   - An [Event] says a deal entered a stage at a time, with the deal's amount
//     as of then. An [Analyzer] keeps the events; [Analyzer.Report] replays
//     each deal's events in order and counts them.
//   - A deal entered a stage if an event put it there; in [AnyOrder] mode it
//     also entered every stage it skipped on the way forward, in [Strict]
//     mode it is counted no further than its first skip. A step is the move
//     from one path stage to the next; its conversion is the share of deals
//     that entered the stage and entered the next, with a 95% Wilson score
//     interval ([Rate]).
//   - The bottleneck ([Bottleneck]) is the step whose conversion falls
//     furthest below its benchmark, judged on the interval's upper bound.
//   - A segment ([Segment]) is the report of the deals a [Segmenter] gives
//     the same key: [ByOwner], [BySource], [ByCohort], or the caller's own
//     through [SegmentFunc].
//   - Every judgement carries a [Reason]: a stable code, the values it
//     cites, and its sentence in English and simplified Chinese
//     (Reason.Text("zh-CN")).
//
// # Messy data
//
// The rules below make a report independent of the order and sharding of
// the events, and the report says what they did:
//
//   - A deal's events are replayed by time, then stage list order. Events of
//     one deal with the same stage and time are duplicates: the one with the
//     largest amount is kept, the others are listed in Report.Ignored.
//   - An event for the stage a deal is already in only updates its amount.
//   - A deal that moves back to an earlier open stage and forward again is
//     counted once per stage; its backward moves are counted (Regressed,
//     Regressions) and its stays add up in the cumulative time in stage.
//   - A deal that leaves a won or lost stage is reopened: its final state
//     counts, and Reopened says how many.
//   - An event for an unknown stage is an error naming the stage, or under
//     [Skip] (Options.OnUnknown) left out and counted in Report.Ignored.
//   - Every event is either counted (Report.Events) or listed with its
//     [Cause] in Report.Ignored; nothing is dropped silently.
//   - [Analyzer.AddAll] takes the events before the first bad one and says
//     how many it took, so a caller can drop the bad event and go on.
//
// # Scale
//
// An [Analyzer] holds each event in a few bytes (its doc gives the figures)
// and adding an event for a known deal does not allocate ([Analyzer.Add]).
// Money sums are exact. [Analyzer.Merge] combines analyzers fed with any
// sharding of the events into the one a single pass would build, so the
// work can be spread over goroutines or a distributed engine.
// [Analyzer.MarshalBinary] ships an analyzer between workers in a
// versioned form of fixed-size events (16 bytes each, and a few bytes and
// the id per deal), fast to write and to read, that decodes into one that
// reports and merges exactly as the original.
//
// # JSON
//
// Stage lists, options and every result marshal with snake_case keys and
// round-trip: enums as their names ("any_order", "after_as_of"), amounts as
// decimal strings, instants in RFC 3339, and durations as numbers of seconds
// under keys ending "_seconds", exact to the nanosecond.
//
// # Worked example
//
// Four deals on the [B2B] stages, amounts in yuan:
//
//	d1: lead (1 Mar) → qualified (3 Mar) → proposal (6 Mar) → won (16 Mar), 1,000
//	d2: lead (1 Mar) → proposal (4 Mar) → lost (9 Mar), 400
//	d3: lead (2 Mar) → qualified (4 Mar) → lost (5 Mar), 250
//	d4: lead (2 Mar), still open, 300
//
// In [AnyOrder] mode d2 is counted in qualified although it skipped it, so
// lead, qualified and proposal are entered by 4, 3 and 2 deals, negotiation
// by 1 (d1 skipped it on the way to won) and won by 1. Qualified converts 3
// of 4 = 75% (95% CI 30.1%–95.4%), proposal 2 of 3, negotiation 1 of 2, won 1
// of 1. The win rate is won ÷ closed = 1 of 3. In [Strict] mode d2 stops
// counting at lead and d1 at proposal: qualified is entered by 2, proposal
// by 1, negotiation and won by none.
//
// The package's Example runs this code and prints what its comments say;
// the Analyzer example prints the reports of both modes in full:
//
//	at := func(day int) time.Time { return time.Date(2025, 3, day, 9, 0, 0, 0, time.UTC) }
//	ev := func(deal, stage string, day int, amount int64) funnel.Event {
//		return funnel.Event{Deal: deal, Stage: stage, Time: at(day), Amount: decimal.NewFromInt(amount)}
//	}
//	events := []funnel.Event{
//		ev("d1", "lead", 1, 1000), ev("d1", "qualified", 3, 1000), ev("d1", "proposal", 6, 1000), ev("d1", "won", 16, 1000),
//		ev("d2", "lead", 1, 400), ev("d2", "proposal", 4, 400), ev("d2", "lost", 9, 400),
//		ev("d3", "lead", 2, 250), ev("d3", "qualified", 4, 250), ev("d3", "lost", 5, 250),
//		ev("d4", "lead", 2, 300),
//	}
//	a, err := funnel.NewAnalyzer(funnel.B2B(), nil)
//	if err != nil {
//		panic(err)
//	}
//	if _, err := a.AddAll(events); err != nil {
//		panic(err)
//	}
//	r, err := a.Report(&funnel.ReportOptions{Mode: funnel.AnyOrder})
//	if err != nil {
//		panic(err)
//	}
//	for _, s := range r.Stages {
//		c := s.Conversion
//		fmt.Printf("%-11s %d entered  %5.1f%% [%5.1f%%, %5.1f%%]\n", s.Key, s.Entered, 100*c.Value, 100*c.Low, 100*c.High)
//	}
//	fmt.Printf("win rate %d of %d\n", r.Overall.WinRate.Successes, r.Overall.WinRate.Trials)
//	// lead        4 entered  100.0% [ 51.0%, 100.0%]
//	// qualified   3 entered   75.0% [ 30.1%,  95.4%]
//	// proposal    2 entered   66.7% [ 20.8%,  93.9%]
//	// negotiation 1 entered   50.0% [  9.5%,  90.5%]
//	// won         1 entered  100.0% [ 20.7%, 100.0%]
//	// win rate 1 of 3
package funnel
