// Package funnel measures a sales funnel from stage-change events: how many
// deals entered each stage, how many went on, how long they stayed, where the
// funnel leaks most, and how the pipeline moved between two dates. It also
// reports telesales call funnels from call records.
//
// # Vocabulary
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
// An Analyzer stores 16 bytes per event and 32 per deal; adding an event for
// a known deal does not allocate. Events grouped by deal are stored as they
// come; others are regrouped by deal once, in place, by the next report.
// [Analyzer.AddAll] makes room for its events at once, Options.Deals and
// Options.Events let storage grow to a known size in one step, and
// [Analyzer.Reset] reuses it. [Analyzer.AddAll] looks a few events ahead, so
// that finding the deals of events in arbitrary order waits for memory less
// than one event at a time would. A report replays each deal once, and finds
// the medians and 90th percentiles of its segments and of the whole by radix
// selection.
// Money sums are exact: they run on int64 coefficients and spill into
// decimals only when they would overflow. [Analyzer.Merge] combines analyzers
// fed with any sharding of the events into the one a single pass would build,
// so the work can be spread over goroutines or a distributed engine;
// [Analyzer.MarshalBinary] ships an analyzer between workers in a compact,
// versioned form (about 10 bytes an event) that decodes into one that
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
// by 1, negotiation and won by none. The Example functions print these
// reports in full.
package funnel
