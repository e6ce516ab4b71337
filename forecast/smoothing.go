package forecast

// Seasonality is the seasonal form of a Holt-Winters model. The zero value
// is SeasonalNone.
type Seasonality int

// The seasonal forms.
const (
	// SeasonalNone is a model without a seasonal component.
	SeasonalNone Seasonality = iota
	// Additive seasonality adds a seasonal amount to the level and trend.
	Additive
	// Multiplicative seasonality multiplies the level and trend by a
	// seasonal factor; the series must be positive.
	Multiplicative
)

var seasonalityNames = enumNames{"none", "additive", "multiplicative"}

// String returns the wire name of s ("none", "additive",
// "multiplicative"), or "Seasonality(n)".
func (s Seasonality) String() string { return seasonalityNames.str("Seasonality", int(s)) }

// MarshalText encodes s as its name; a value without one is a *FieldError
// wrapping [ErrUnknownName].
func (s Seasonality) MarshalText() ([]byte, error) {
	return seasonalityNames.text("seasonal", "Seasonality", int(s))
}

// UnmarshalText decodes "none", "additive" or "multiplicative"; any other
// text is a *FieldError wrapping [ErrUnknownName].
func (s *Seasonality) UnmarshalText(b []byte) error {
	v, err := seasonalityNames.parse("seasonal", b)
	if err != nil {
		return err
	}
	*s = Seasonality(v)
	return nil
}

// Params are the smoothing parameters of an exponential-smoothing model:
// Alpha for the level, Beta for the trend, Gamma for the season and Phi, the
// damping of the trend. A model uses only the ones it has; the others are
// zero. The bounds are statsmodels': α in [0, 1], β in [0, α], γ in
// [0, 1 - α] and, for a damped trend, φ in [0.8, 0.995] when optimised (any φ
// in (0, 1] may be given).
type Params struct {
	Alpha float64 `json:"alpha"`
	Beta  float64 `json:"beta,omitempty"`
	Gamma float64 `json:"gamma,omitempty"`
	Phi   float64 `json:"phi,omitempty"`
}

// States are the initial states of an exponential-smoothing model, the
// states before the first observation: Level is l₋₁, Trend is b₋₁ (zero
// without a trend) and Seasonal holds the m seasonal values s₋ₘ … s₋₁, so
// that Seasonal[0] is the one the first observation uses (amounts for
// additive seasonality, factors for multiplicative).
type States struct {
	Level    float64   `json:"level"`
	Trend    float64   `json:"trend,omitempty"`
	Seasonal []float64 `json:"seasonal,omitempty"`
}

// clone returns a deep copy of s.
func (s States) clone() States {
	s.Seasonal = append([]float64(nil), s.Seasonal...)
	if len(s.Seasonal) == 0 {
		s.Seasonal = nil
	}
	return s
}

// smoother is the shape of an exponential-smoothing model.
type smoother struct {
	trend  bool
	damped bool
	season Seasonality
	m      int // seasonal period; 0 without a season
}

// theta is a point of the smoothing recursion: parameters and initial
// states.
type theta struct {
	alpha, beta, gamma, phi float64
	level, trend            float64
	seasonal                []float64
}

// path holds the recursion's output: the fitted values, the residuals and
// the states after each observation. A nil slice is not filled.
type path struct {
	fitted, residuals, level, trend, season []float64
}

// run applies the recursion to y from th and returns the sum of squared
// one-step errors. For t = 0 … n-1, with B = l + φ·b (φ = 1 undamped, b = 0
// without a trend) and s the seasonal value of observation t:
//
//	fitted = B, B + s or B · s
//	l'     = α·y + (1-α)·B, α·(y - s) + (1-α)·B or α·y/s + (1-α)·B
//	b'     = β·(l' - l) + (1-β)·φ·b
//	s'     = γ·(y - B) + (1-γ)·s or γ·y/B + (1-γ)·s
//
// ring must have room for m values. out, when not nil, receives the path;
// tp, when not nil, the record the gradient pass reads back.
func (sm smoother) run(y []float64, th *theta, ring []float64, out *path, tp *tape) float64 {
	a, be, g := th.alpha, th.beta, th.gamma
	phi := 1.0
	if sm.damped {
		phi = th.phi
	}
	l, b := th.level, 0.0
	if sm.trend {
		b = th.trend
	}
	m := sm.m
	copy(ring, th.seasonal)
	var sse float64
	j := 0
	for t, yt := range y {
		B := l + phi*b
		var f, ln, s float64
		switch sm.season {
		case Additive:
			s = ring[j]
			f = B + s
			ln = a*(yt-s) + (1-a)*B
			ring[j] = g*(yt-B) + (1-g)*s
		case Multiplicative:
			s = ring[j]
			f = B * s
			ln = a*yt/s + (1-a)*B
			ring[j] = g*yt/B + (1-g)*s
		default:
			f = B
			ln = a*yt + (1-a)*B
		}
		e := yt - f
		sse += e * e
		if tp != nil {
			tp.l[t], tp.b[t], tp.B[t], tp.s[t], tp.e[t] = l, b, B, s, e
		}
		if sm.trend {
			b = be*(ln-l) + (1-be)*phi*b
		}
		l = ln
		if out != nil {
			out.fitted[t] = f
			out.residuals[t] = e
			out.level[t] = l
			if out.trend != nil {
				out.trend[t] = b
			}
			if out.season != nil {
				out.season[t] = ring[j]
			}
		}
		if m > 0 {
			if j++; j == m {
				j = 0
			}
		}
	}
	if tp != nil {
		tp.last = l
	}
	return sse
}

// tape is the forward record the gradient pass reads backwards: the states
// before each step, the step's B, seasonal value and error, and the final
// level.
type tape struct {
	l, b, s, B, e []float64
	last          float64
	ring, gring   []float64
}

func newTape(n, m int) *tape {
	buf := make([]float64, 5*n+2*m)
	return &tape{l: buf[:n], b: buf[n : 2*n], s: buf[2*n : 3*n], B: buf[3*n : 4*n],
		e: buf[4*n : 5*n], ring: buf[5*n : 5*n+m], gring: buf[5*n+m:]}
}

// grad is the gradient of the SSE with respect to a theta.
type grad struct {
	alpha, beta, gamma, phi float64
	level, trend            float64
	seasonal                []float64
}

// gradient returns the SSE at th and fills g with its gradient, by
// reverse-mode differentiation of the recursion in run: one forward pass
// that records the states, one backward pass that carries the adjoints.
func (sm smoother) gradient(y []float64, th *theta, tp *tape, g *grad) float64 {
	a, be, ga := th.alpha, th.beta, th.gamma
	phi := 1.0
	if sm.damped {
		phi = th.phi
	}
	sse := sm.run(y, th, tp.ring, nil, tp)
	m := sm.m
	var j int

	// Backward. gl, gb: adjoints of the states after step t; gring[j]: of
	// the seasonal value in slot j.
	*g = grad{seasonal: g.seasonal[:0]}
	gring := tp.gring
	for i := range gring {
		gring[i] = 0
	}
	var gl, gb float64
	n := len(y)
	for t := n - 1; t >= 0; t-- {
		if m > 0 {
			j = t % m
		}
		yt, lp, bp, B, e := y[t], tp.l[t], tp.b[t], tp.B[t], tp.e[t]
		gf := -2 * e
		var gB, gs, gLp, gBp float64
		// l' is the level after t: the next step's prior level, or the
		// final level.
		lnew := tp.last
		if t+1 < n {
			lnew = tp.l[t+1]
		}
		// b' = β(l' - l) + (1-β)φb
		gLn := gl
		if sm.trend {
			gLn += be * gb
			gLp -= be * gb
			gBp += (1 - be) * phi * gb
			g.beta += gb * ((lnew - lp) - phi*bp)
			if sm.damped {
				g.phi += gb * (1 - be) * bp
			}
		}
		switch sm.season {
		case Additive:
			s := tp.s[t]
			gs2 := gring[j]
			gs += -a * gLn
			gB += (1 - a) * gLn
			g.alpha += gLn * ((yt - s) - B)
			gB += -ga * gs2
			gs += (1 - ga) * gs2
			g.gamma += gs2 * ((yt - B) - s)
			gB += gf
			gs += gf
			gring[j] = gs
		case Multiplicative:
			s := tp.s[t]
			gs2 := gring[j]
			gs += -a * yt / (s * s) * gLn
			gB += (1 - a) * gLn
			g.alpha += gLn * (yt/s - B)
			gB += -ga * yt / (B * B) * gs2
			gs += (1 - ga) * gs2
			g.gamma += gs2 * (yt/B - s)
			gB += gf * s
			gs += gf * B
			gring[j] = gs
		default:
			gB += (1 - a) * gLn
			g.alpha += gLn * (yt - B)
			gB += gf
		}
		// B = l + φb
		gLp += gB
		gBp += phi * gB
		if sm.damped {
			g.phi += gB * bp
		}
		gl, gb = gLp, gBp
	}
	g.level, g.trend = gl, gb
	if !sm.trend {
		g.trend = 0
	}
	g.seasonal = append(g.seasonal, gring...)
	return sse
}

// finite reports whether f is neither infinite nor NaN: f - f is 0 for a
// finite f and NaN otherwise.
func finite(f float64) bool { return f-f == 0 }

// allFinite reports whether every value of xs is finite. It adds up x - x,
// which stays 0 until a non-finite value makes it NaN: no branch a value,
// which takes the finiteness checks of a 100,000-point fit from 1.2 to
// 0.2 ms.
func allFinite(xs []float64) bool {
	var acc float64
	for _, x := range xs {
		acc += x - x
	}
	return acc == 0
}
