package funnel

import "math"

// z95 is the standard normal quantile for a two-sided 95% interval.
const z95 = 1.959963984540054

// Rate is a proportion with its 95% Wilson score interval: Successes of
// Trials, Value = Successes ÷ Trials, and Low ≤ Value ≤ High. With z = 1.96
// (the 97.5th percentile of the standard normal) and p = Value, n = Trials:
//
//	centre = (p + z²/2n) ÷ (1 + z²/n)
//	half   = z ÷ (1 + z²/n) · √(p(1−p)/n + z²/4n²)
//	Low, High = centre ∓ half, clamped to [0, 1]
//
// Unlike the normal approximation, the interval stays inside [0, 1] and is
// honest about small samples: 2 of 3 gives 20.8%–93.9%, 2,000 of 3,000 gives
// 65.0%–68.3%. The zero Rate, and any rate with no trials, has Value 0 and
// the uninformative interval [0, 1].
type Rate struct {
	Successes int     `json:"successes"`
	Trials    int     `json:"trials"`
	Value     float64 `json:"value"`
	Low       float64 `json:"low"`
	High      float64 `json:"high"`
}

// Wilson returns the rate of successes in trials with its 95% Wilson score
// interval (see [Rate]). successes is clamped to [0, trials]; trials ≤ 0
// gives the empty rate with interval [0, 1].
func Wilson(successes, trials int) Rate {
	if trials <= 0 {
		return Rate{High: 1}
	}
	successes = min(max(successes, 0), trials)
	n := float64(trials)
	p := float64(successes) / n
	z2 := z95 * z95
	denom := 1 + z2/n
	centre := (p + z2/(2*n)) / denom
	half := z95 / denom * math.Sqrt(p*(1-p)/n+z2/(4*n*n))
	low, high := max(centre-half, 0), min(centre+half, 1)
	// Keep Low ≤ Value ≤ High despite rounding at the ends.
	low, high = min(low, p), max(high, p)
	return Rate{Successes: successes, Trials: trials, Value: p, Low: low, High: high}
}
