package funnel

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
// upper bound lies below Benchmark. Reason says all this: its code is
// [CodeBelowBenchmark] or [CodeBelowPooledRate] when the shortfall is
// significant, [CodeShortOfBenchmark] or [CodeShortOfPooledRate] when it is
// not.
//
// Found is false when no step could be judged: then Reason has the code
// [CodeNoStepJudged] and the other fields are zero.
type Bottleneck struct {
	Found       bool    `json:"found"`
	From        string  `json:"from,omitempty"`
	To          string  `json:"to,omitempty"`
	Conversion  Rate    `json:"conversion"`
	Benchmark   float64 `json:"benchmark"`
	Benchmarked bool    `json:"benchmarked"`
	Significant bool    `json:"significant"`
	Reason      Reason  `json:"reason"`
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
		return Bottleneck{Reason: Reason{Code: CodeNoStepJudged}}
	}
	var code string
	switch {
	case best.Significant && best.Benchmarked:
		code = CodeBelowBenchmark
	case best.Significant:
		code = CodeBelowPooledRate
	case best.Benchmarked:
		code = CodeShortOfBenchmark
	default:
		code = CodeShortOfPooledRate
	}
	c := best.Conversion
	best.Reason = Reason{
		Code: code,
		Numbers: map[string]float64{
			"conversion": c.Value, "low": c.Low, "high": c.High,
			"successes": float64(c.Successes), "trials": float64(c.Trials),
			"benchmark": best.Benchmark,
		},
		Texts: map[string]string{"from": best.From, "to": best.To},
	}
	return best
}
