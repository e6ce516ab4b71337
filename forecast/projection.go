package forecast

import (
	"math"
	"strconv"
)

// MaxHorizon is the furthest a forecast looks ahead, in steps.
const MaxHorizon = 100000

// ForecastOptions are the optional settings of [Fit.Forecast].
type ForecastOptions struct {
	// Level is the coverage of the prediction intervals, in (0, 1); zero
	// means 0.95.
	Level float64 `json:"level,omitempty"`
}

// Projection is an h-step forecast: Point[k-1] is the forecast k steps past
// the last observation. Lower and Upper bound the prediction interval of
// coverage Level around each point, where the model defines one; they are
// empty otherwise, and Reasons says why.
type Projection struct {
	Point   []float64 `json:"point"`
	Lower   []float64 `json:"lower,omitempty"`
	Upper   []float64 `json:"upper,omitempty"`
	Level   float64   `json:"level,omitempty"`
	Reasons []Reason  `json:"reasons,omitempty"`
}

// Forecast returns the h-step forecast of the fit, 1 ≤ h ≤ [MaxHorizon].
//
// The smoothing methods forecast with the textbook equations, k = 1 … h:
// l + (φ + φ² + … + φᵏ)·b, plus or times the seasonal value of the same
// position in the last cycle, s(n - m + (k-1) mod m), from the states after
// the last observation (statsmodels 0.13.5 takes s(n-1-m) at k = m, 2m, …; this
// package does not). Naive and the moving averages are flat, seasonal naive
// repeats the last cycle, and the linear trend extends its line.
//
// Prediction intervals, where the model defines them, assume normal
// one-step errors of variance σ² = SSE / number of residuals:
//
//	SES, Holt, additive Holt-Winters  σ²·(1 + Σ_{j<k} c_j²), c_j = α + α·β·φ_j + γ·[m divides j]
//	                                  (φ_j = φ + … + φʲ, or j undamped; Hyndman et al. 2008, class 1)
//	naive                             σ²·k
//	seasonal naive                    σ²·(⌊(k-1)/m⌋ + 1)
//	linear trend                      s²·(1 + 1/n + (x - x̄)²/Sxx), s² = SSE/(n-2), Student's t with n-2 df
//
// Multiplicative Holt-Winters and the moving averages have none. Errors are
// *FieldErrors wrapping [ErrHorizon], [ErrOption] or, for a Fit decoded from
// JSON that does not hold together, [ErrModel].
func (f *Fit) Forecast(h int, opts *ForecastOptions) (Projection, error) {
	if h < 1 || h > MaxHorizon {
		return Projection{}, fieldErr("h", strconv.Itoa(h), ErrHorizon)
	}
	level := 0.95
	if opts != nil && opts.Level != 0 {
		level = opts.Level
		if !(level > 0 && level < 1) {
			return Projection{}, fieldErr("level", formatFloat(level), wrap(ErrOption, "interval coverage is in (0, 1)"))
		}
	}
	if err := f.consistent(); err != nil {
		return Projection{}, err
	}
	m := f.Model
	p := Projection{Point: make([]float64, h)}
	var variance func(k int) float64 // nil: no interval
	s2 := f.sigma2()
	z := normalQuantile((1 + level) / 2)
	switch m.Method {
	case MethodSES, MethodHolt, MethodHoltWinters:
		sm := m.smoother()
		n := f.N
		l := f.Level[n-1]
		var b float64
		if sm.trend {
			b = f.Trend[n-1]
		}
		phi := 1.0
		if sm.damped {
			phi = m.Params.Phi
		}
		var phik float64
		pw := 1.0
		for k := 1; k <= h; k++ {
			pw *= phi
			phik += pw
			v := l + phik*b
			if sm.m > 0 {
				// the last seasonal value of the position, or its initial
				// value when the series is shorter than a season
				var s float64
				if i := n - sm.m + (k-1)%sm.m; i >= 0 {
					s = f.Season[i]
				} else {
					s = m.Initial.Seasonal[i+sm.m]
				}
				if sm.season == Multiplicative {
					v *= s
				} else {
					v += s
				}
			}
			p.Point[k-1] = v
		}
		if sm.season != Multiplicative {
			a, be, g := m.Params.Alpha, m.Params.Beta, m.Params.Gamma
			cum := make([]float64, h) // cum[k-1] = Σ_{j<k} c_j²
			var phij, pwj, sum float64
			pwj = 1
			for j := 1; j < h; j++ {
				pwj *= phi
				phij += pwj
				c := a
				if sm.trend {
					c += a * be * phij
				}
				if sm.m > 0 && j%sm.m == 0 {
					c += g
				}
				sum += c * c
				cum[j] = sum
			}
			variance = func(k int) float64 { return s2 * (1 + cum[k-1]) }
		} else {
			p.Reasons = append(p.Reasons, Reason{Code: CodeNoIntervals, Texts: map[string]string{"model": m.Name()}})
		}
	case MethodNaive:
		for k := range p.Point {
			p.Point[k] = f.Last[0]
		}
		variance = func(k int) float64 { return s2 * float64(k) }
	case MethodSeasonalNaive:
		for k := range p.Point {
			p.Point[k] = f.Last[k%m.Period]
		}
		variance = func(k int) float64 { return s2 * float64((k-1)/m.Period+1) }
	case MethodMovingAverage, MethodWeightedMovingAverage:
		v := mean(f.Last)
		if m.Method == MethodWeightedMovingAverage {
			v = weightedMean(f.Last, m.Weights)
		}
		for k := range p.Point {
			p.Point[k] = v
		}
		p.Reasons = append(p.Reasons, Reason{Code: CodeNoIntervals, Texts: map[string]string{"model": m.Name()}})
	case MethodLinearTrend:
		ln := f.Linear
		n := float64(f.N)
		tbar := (n - 1) / 2
		sxx := n * (n*n - 1) / 12
		s2 = f.SSE / (n - 2)
		z = studentQuantile((1+level)/2, n-2)
		for k := range p.Point {
			p.Point[k] = ln.Intercept + ln.Slope*(n-1+float64(k+1))
		}
		variance = func(k int) float64 {
			x := n - 1 + float64(k)
			return s2 * (1 + 1/n + (x-tbar)*(x-tbar)/sxx)
		}
	}
	if variance != nil && finite(s2) {
		p.Level = level
		p.Lower, p.Upper = make([]float64, h), make([]float64, h)
		for k := 1; k <= h; k++ {
			w := z * math.Sqrt(variance(k))
			p.Lower[k-1], p.Upper[k-1] = p.Point[k-1]-w, p.Point[k-1]+w
		}
	}
	for _, s := range [][]float64{p.Point, p.Lower, p.Upper} {
		for _, v := range s {
			if !finite(v) {
				return Projection{}, fieldErr("h", strconv.Itoa(h), wrap(ErrDiverged, "the forecast grows beyond float64"))
			}
		}
	}
	return p, nil
}

// consistent checks that a Fit (perhaps decoded from JSON) holds what
// Forecast reads.
func (f *Fit) consistent() error {
	m := f.Model
	bad := func(why string) error { return fieldErr("fit", "", wrap(ErrModel, why)) }
	if err := m.check(); err != nil {
		return err
	}
	if f.N < 1 || len(f.Fitted) != len(f.Residuals) || f.Offset < 0 || f.Offset+len(f.Fitted) != f.N {
		return bad("fitted values do not match the observation count")
	}
	switch m.Method {
	case MethodSES, MethodHolt, MethodHoltWinters:
		sm := m.smoother()
		if m.Params == nil || len(f.Level) != f.N || (sm.trend && len(f.Trend) != f.N) ||
			(sm.m > 0 && (len(f.Season) != f.N || (f.N < sm.m && (m.Initial == nil || len(m.Initial.Seasonal) != sm.m)))) {
			return bad("smoothing states missing")
		}
		if err := sm.checkParams(*m.Params); err != nil {
			return err
		}
	case MethodNaive, MethodSeasonalNaive, MethodMovingAverage, MethodWeightedMovingAverage:
		if len(f.Last) != m.minimum() {
			return bad("last observations missing")
		}
	case MethodLinearTrend:
		if f.Linear == nil || f.N < 3 {
			return bad("line missing")
		}
	}
	return nil
}
