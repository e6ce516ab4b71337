package forecast

import "math"

// Line is an ordinary-least-squares straight line through a series, the
// first observation at x = 0: ŷ(t) = Intercept + Slope·t. RSquared is the
// share of the series' variance the line explains (zero for a constant
// series, where there is none to explain); the standard errors are the
// usual OLS ones, with SSE/(n-2) as the variance of the errors.
type Line struct {
	Intercept       float64 `json:"intercept"`
	Slope           float64 `json:"slope"`
	RSquared        float64 `json:"r_squared"`
	InterceptStderr float64 `json:"intercept_stderr"`
	SlopeStderr     float64 `json:"slope_stderr"`
}

// fitLinear fits the least-squares line of y on t = 0 … n-1.
func fitLinear(y []float64, m Model) (*Fit, error) {
	n := len(y)
	fn := float64(n)
	tbar := (fn - 1) / 2
	ybar := mean(y)
	var sxy, sxx, syy float64
	for t, v := range y {
		dt, dy := float64(t)-tbar, v-ybar
		sxy += dt * dy
		sxx += dt * dt
		syy += dy * dy
	}
	slope := sxy / sxx
	line := &Line{Slope: slope, Intercept: ybar - slope*tbar}
	f := &Fit{Model: m, N: n, Fitted: make([]float64, n), Linear: line}
	for t := range y {
		f.Fitted[t] = line.Intercept + line.Slope*float64(t)
	}
	f.residualsOf(y)
	if syy > 0 {
		line.RSquared = 1 - f.SSE/syy
	}
	s2 := f.SSE / (fn - 2)
	line.SlopeStderr = math.Sqrt(s2 / sxx)
	line.InterceptStderr = math.Sqrt(s2 * (1/fn + tbar*tbar/sxx))
	return f, nil
}
