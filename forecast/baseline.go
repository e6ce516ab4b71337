package forecast

// fitBaseline fits naive, seasonal naive and the moving averages. Each
// predicts observation t from the k observations before it (k = 1 for
// naive, the period for seasonal naive, the window or the number of
// weights for the averages), so the fit starts at Offset = k, and forecasts
// from the last k observations, kept in Last:
//
//	naive                    ŷ(t) = y(t-1)
//	seasonal naive           ŷ(t) = y(t-m)
//	moving average           ŷ(t) = (y(t-k) + … + y(t-1)) / k
//	weighted moving average  ŷ(t) = Σ wᵢ·y(t-k-1+i) / Σ wᵢ, i = 1 … k
func fitBaseline(y []float64, m Model) (*Fit, error) {
	k := m.minimum()
	n := len(y)
	f := &Fit{Model: m, N: n, Offset: k, Fitted: make([]float64, 0, n-k)}
	switch m.Method {
	case MethodNaive:
		f.Fitted = append(f.Fitted, y[:n-1]...)
	case MethodSeasonalNaive:
		f.Fitted = append(f.Fitted, y[:n-k]...)
	case MethodMovingAverage:
		var sum float64
		for _, v := range y[:k] {
			sum += v
		}
		for t := k; t < n; t++ {
			f.Fitted = append(f.Fitted, sum/float64(k))
			sum += y[t] - y[t-k]
		}
	case MethodWeightedMovingAverage:
		for t := k; t < n; t++ {
			f.Fitted = append(f.Fitted, weightedMean(y[t-k:t], m.Weights))
		}
	}
	f.Last = append([]float64(nil), y[n-k:]...)
	f.residualsOf(y)
	return f, nil
}

// weightedMean returns Σ wᵢ·xᵢ / Σ wᵢ.
func weightedMean(x, w []float64) float64 {
	var s, sw float64
	for i, v := range x {
		s += w[i] * v
		sw += w[i]
	}
	return s / sw
}

// mean returns the arithmetic mean of x.
func mean(x []float64) float64 {
	var s float64
	for _, v := range x {
		s += v
	}
	return s / float64(len(x))
}
