package forecast

import "math"

// Initial states when a model is given none. Two methods, both statsmodels'
// (statsmodels.tsa.exponential_smoothing.initialization), so that a fit with
// given parameters reproduces statsmodels' "heuristic" one:
//
// The heuristic method (Hyndman et al., Forecasting with Exponential
// Smoothing, 2008, section 2.6.1), used when the series has at least ten
// points (and, with a season of m, at least two cycles and 10 + 2·⌊m/2⌋
// points): for a seasonal model, a centred moving average of the first
// k = max(min(5, ⌊n/m⌋), ⌈(10 + 2⌊m/2⌋)/m⌉) cycles (a 2×m average for even m)
// is the trend; the series less (or over) that trend, averaged by position
// in the cycle and normalised to sum to zero (or average one), gives the
// seasonal values; and the first ten points of the trend, or of the series
// itself without a season, regressed by least squares on 1 … 10, give the
// level (the intercept) and the trend (the slope).
//
// The simple method, used for shorter series: the level is the first value
// (the mean of the first cycle with a season), the trend the first
// difference (the mean seasonal difference of the second cycle over m), and
// the seasonal values the first cycle less (over) the level.

// heuristicMinimum returns the fewest points the heuristic method needs.
func (sm smoother) heuristicMinimum() int {
	if sm.m > 0 {
		return max(10+2*(sm.m/2), 2*sm.m)
	}
	return 10
}

// simpleMinimum returns the fewest points the simple method needs.
func (sm smoother) simpleMinimum() int {
	switch {
	case sm.m > 0:
		return 2 * sm.m
	case sm.trend:
		return 2
	}
	return 1
}

// initialStates returns the heuristic initial states of y, or the simple
// ones when y is too short for the heuristic; simple reports which.
func (sm smoother) initialStates(y []float64) (s States, simple bool) {
	if len(y) >= sm.heuristicMinimum() {
		return sm.heuristic(y), false
	}
	return sm.simple(y), true
}

func (sm smoother) heuristic(y []float64) States {
	base := y
	var s States
	if m := sm.m; m > 0 {
		minObs := 10 + 2*(m/2)
		k := min(5, len(y)/m)
		k = max(k, (minObs+m-1)/m)
		series := y[:min(len(y), k*m)]
		trend := centredAverage(series, m)
		sums := make([]float64, m)
		counts := make([]int, m)
		for t, tr := range trend {
			if math.IsNaN(tr) {
				continue
			}
			v := series[t] - tr
			if sm.season == Multiplicative {
				v = series[t] / tr
			}
			sums[t%m] += v
			counts[t%m]++
		}
		s.Seasonal = make([]float64, m)
		var mean float64
		for j := range s.Seasonal {
			s.Seasonal[j] = sums[j] / float64(counts[j])
			mean += s.Seasonal[j]
		}
		mean /= float64(m)
		for j := range s.Seasonal {
			if sm.season == Multiplicative {
				s.Seasonal[j] /= mean
			} else {
				s.Seasonal[j] -= mean
			}
		}
		base = base[:0:0]
		for _, tr := range trend {
			if !math.IsNaN(tr) {
				base = append(base, tr)
			}
		}
	}
	// least squares of base[0..9] on x = 1..10: x̄ = 5.5, Sxx = 82.5
	var mean float64
	for _, v := range base[:10] {
		mean += v
	}
	mean /= 10
	var sxy float64
	for i, v := range base[:10] {
		sxy += (float64(i+1) - 5.5) * (v - mean)
	}
	slope := sxy / 82.5
	s.Level = mean - slope*5.5
	if sm.trend {
		s.Trend = slope
	}
	return s
}

// centredAverage returns the centred moving average of y over m points (a
// 2×m average for even m), NaN where the window does not fit: pandas'
// rolling(m, center=True).mean(), followed for even m by
// .shift(-1).rolling(2).mean().
func centredAverage(y []float64, m int) []float64 {
	n := len(y)
	out := make([]float64, n)
	for i := range out {
		out[i] = math.NaN()
	}
	// trailing[t] = mean(y[t-m+1 .. t])
	trailing := func(t int) float64 {
		var s float64
		for _, v := range y[t-m+1 : t+1] {
			s += v
		}
		return s / float64(m)
	}
	off := (m - 1) / 2
	if m%2 == 1 {
		for t := off; t+off < n; t++ {
			out[t] = trailing(t + off)
		}
		return out
	}
	// centred(t) = trailing(t + off); the result at t averages centred(t)
	// and centred(t+1).
	for t := m / 2; t+m/2 < n; t++ {
		out[t] = (trailing(t+off) + trailing(t+off+1)) / 2
	}
	return out
}

func (sm smoother) simple(y []float64) States {
	var s States
	if m := sm.m; m > 0 {
		var mean float64
		for _, v := range y[:m] {
			mean += v
		}
		mean /= float64(m)
		s.Level = mean
		if sm.trend {
			var d float64
			for t := m; t < 2*m; t++ {
				d += (y[t] - y[t-m]) / float64(m)
			}
			s.Trend = d / float64(m)
		}
		s.Seasonal = make([]float64, m)
		for j := range s.Seasonal {
			if sm.season == Multiplicative {
				s.Seasonal[j] = y[j] / mean
			} else {
				s.Seasonal[j] = y[j] - mean
			}
		}
		return s
	}
	s.Level = y[0]
	if sm.trend {
		s.Trend = y[1] - y[0]
	}
	return s
}
