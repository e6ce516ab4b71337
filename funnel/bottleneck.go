package funnel

import "fmt"

// Bottleneck is the step of a funnel whose conversion is lowest relative to
// what was expected of it, judged on the 95% interval rather than the point
// estimate: a step's score is Conversion.High ÷ Benchmark, the most its rate
// could plausibly be as a share of the expected rate, and the bottleneck is
// the step with the lowest score (the earliest on ties). Steps with no deals,
// or with a zero benchmark, are not judged.
//
// Benchmark is the caller's rate for the step (see
// [ReportOptions].Benchmark) when Benchmarked is true, and otherwise the pooled
// conversion of the funnel's other steps (their entered-next counts over
// their entered counts). Significant reports whether even the interval's
// upper bound lies below Benchmark. Reason says all this in a sentence.
//
// Found is false, and the other fields are zero, when no step could be
// judged.
type Bottleneck struct {
	Found       bool    `json:"found"`
	From        string  `json:"from"`
	To          string  `json:"to"`
	Conversion  Rate    `json:"conversion"`
	Benchmark   float64 `json:"benchmark"`
	Benchmarked bool    `json:"benchmarked"`
	Significant bool    `json:"significant"`
	Reason      string  `json:"reason"`
}

// bottleneck judges the steps from each open path stage to the next.
func bottleneck(stages []StageReport, won int, bench map[string]float64) Bottleneck {
	var best Bottleneck
	bestScore := 0.0
	for k := range won {
		from, to := stages[k], stages[k+1]
		if from.Entered == 0 {
			continue
		}
		var b float64
		if len(bench) > 0 {
			v, ok := bench[from.Key]
			if !ok {
				continue
			}
			b = v
		} else {
			var hits, trials int
			for i := range won {
				if i != k {
					hits += stages[i+1].Entered
					trials += stages[i].Entered
				}
			}
			if trials == 0 {
				continue
			}
			b = float64(hits) / float64(trials)
		}
		if b <= 0 {
			continue
		}
		score := to.Conversion.High / b
		if !best.Found || score < bestScore {
			bestScore = score
			best = Bottleneck{
				Found:       true,
				From:        from.Key,
				To:          to.Key,
				Conversion:  to.Conversion,
				Benchmark:   b,
				Benchmarked: len(bench) > 0,
				Significant: to.Conversion.High < b,
			}
		}
	}
	if !best.Found {
		return Bottleneck{Reason: "no step has deals and a positive benchmark to judge it against"}
	}
	against := "the other steps' pooled rate"
	if best.Benchmarked {
		against = "the benchmark"
	}
	c := best.Conversion
	rate := fmt.Sprintf("%s → %s converts %.1f%% (%d of %d, 95%% CI %.1f%%–%.1f%%)",
		best.From, best.To, 100*c.Value, c.Successes, c.Trials, 100*c.Low, 100*c.High)
	if best.Significant {
		best.Reason = fmt.Sprintf("%s: even the upper bound is below %s of %.1f%%", rate, against, 100*best.Benchmark)
	} else {
		best.Reason = fmt.Sprintf("%s: the weakest step against %s of %.1f%%, but the interval reaches it, so the shortfall is not significant",
			rate, against, 100*best.Benchmark)
	}
	return best
}
