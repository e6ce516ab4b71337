package forecast

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestGradientMatchesDifferences checks the reverse-mode gradient of the
// smoothing SSE against central differences, for every model shape, on a
// noisy seasonal series. The invariant: each partial derivative agrees with
// (SSE(x+h) - SSE(x-h)) / 2h to within 1e-5 relative.
func TestGradientMatchesDifferences(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	const n, m = 60, 4
	y := make([]float64, n)
	for i := range y {
		y[i] = 100 + 0.8*float64(i) + 10*math.Sin(2*math.Pi*float64(i)/m) + r.NormFloat64()*3
	}
	shapes := map[string]smoother{
		"ses":           {},
		"holt":          {trend: true},
		"holt_damped":   {trend: true, damped: true},
		"hw_add":        {trend: true, season: Additive, m: m},
		"hw_mul_damped": {trend: true, damped: true, season: Multiplicative, m: m},
		"season_only":   {season: Multiplicative, m: m},
	}
	for name, sm := range shapes {
		t.Run(name, func(t *testing.T) {
			th := theta{alpha: 0.35, beta: 0.12, gamma: 0.2, phi: 0.93, level: 98, trend: 0.7}
			if sm.m > 0 {
				th.seasonal = []float64{1.05, 1.1, 0.95, 0.9}
				if sm.season == Additive {
					th.seasonal = []float64{5, 9, -4, -10}
				}
			}
			tp := newTape(n, sm.m)
			var g grad
			sm.gradient(y, &th, tp, &g)
			ring := make([]float64, sm.m)
			f := func(set func(*theta, float64), x, h float64) float64 {
				a, b := th, th
				a.seasonal = append([]float64(nil), th.seasonal...)
				b.seasonal = append([]float64(nil), th.seasonal...)
				set(&a, x+h)
				set(&b, x-h)
				return (sm.run(y, &a, ring, nil, nil) - sm.run(y, &b, ring, nil, nil)) / (2 * h)
			}
			check := func(what string, got, want float64) {
				if math.Abs(got-want) > 1e-5*math.Max(1, math.Abs(want)) {
					t.Errorf("d SSE / d %s = %g, want %g by differences", what, got, want)
				}
			}
			check("alpha", g.alpha, f(func(t *theta, v float64) { t.alpha = v }, th.alpha, 1e-6))
			check("level", g.level, f(func(t *theta, v float64) { t.level = v }, th.level, 1e-4))
			if sm.trend {
				check("beta", g.beta, f(func(t *theta, v float64) { t.beta = v }, th.beta, 1e-6))
				check("trend", g.trend, f(func(t *theta, v float64) { t.trend = v }, th.trend, 1e-5))
			}
			if sm.damped {
				check("phi", g.phi, f(func(t *theta, v float64) { t.phi = v }, th.phi, 1e-6))
			}
			if sm.m > 0 {
				check("gamma", g.gamma, f(func(t *theta, v float64) { t.gamma = v }, th.gamma, 1e-6))
				for j := range sm.m {
					check("seasonal", g.seasonal[j], f(func(t *theta, v float64) { t.seasonal[j] = v }, th.seasonal[j], 1e-6))
				}
			}
		})
	}
}
