package forecast

import (
	"math"
	"slices"
	"strconv"
)

// fitSmoothing fits SES, Holt or Holt-Winters (m.check has passed).
func fitSmoothing(y []float64, m Model) (*Fit, error) {
	sm := m.smoother()
	if sm.season == Multiplicative {
		for i, v := range y {
			if !(v > 0) {
				return nil, fieldErr("y["+strconv.Itoa(i)+"]", formatFloat(v),
					wrap(ErrSeries, "multiplicative seasonality needs a positive series"))
			}
		}
	}
	var reasons []Reason
	var init States
	fixedInit := m.Initial != nil
	if fixedInit {
		if err := sm.checkStates(*m.Initial); err != nil {
			return nil, err
		}
		init = m.Initial.clone()
	} else {
		var simple bool
		init, simple = sm.initialStates(y)
		if simple {
			reasons = append(reasons, Reason{Code: CodeSimpleInitialStates, Numbers: map[string]float64{
				"observations": float64(len(y)), "needed": float64(sm.heuristicMinimum())}})
		}
		fixedInit = m.Init == InitHeuristic
	}
	var par Params
	if m.Params != nil {
		if err := sm.checkParams(*m.Params); err != nil {
			return nil, err
		}
		par = *m.Params
	}
	th := sm.theta(par, init)
	if m.Params == nil || !fixedInit {
		best, evals, starts := sm.optimise(y, th, m.Params != nil, fixedInit)
		th = best
		reasons = append(reasons, Reason{Code: CodeOptimised, Numbers: map[string]float64{
			"evaluations": float64(evals), "starts": float64(starts)}})
	}
	n := len(y)
	f := &Fit{N: n, Fitted: make([]float64, n), Residuals: make([]float64, n), Level: make([]float64, n)}
	p := path{fitted: f.Fitted, residuals: f.Residuals, level: f.Level}
	if sm.trend {
		f.Trend = make([]float64, n)
		p.trend = f.Trend
	}
	if sm.m > 0 {
		f.Season = make([]float64, n)
		p.season = f.Season
	}
	f.SSE = sm.run(y, &th, make([]float64, sm.m), &p, nil)
	fm := m
	pp := th.params()
	fm.Params = &pp
	st := th.states()
	fm.Initial = &st
	f.Model = fm
	f.Reasons = reasons
	if i := slices.IndexFunc(f.Reasons, func(r Reason) bool { return r.Code == CodeOptimised }); i >= 0 {
		f.Reasons[i].Numbers["sse"] = f.SSE
	}
	return f, nil
}

// theta builds a recursion point from parameters and states, zeroing what
// the shape does not use.
func (sm smoother) theta(p Params, s States) theta {
	th := theta{alpha: p.Alpha, level: s.Level}
	if sm.trend {
		th.beta, th.trend = p.Beta, s.Trend
	}
	if sm.damped {
		th.phi = p.Phi
	}
	if sm.m > 0 {
		th.gamma = p.Gamma
		th.seasonal = append([]float64(nil), s.Seasonal...)
	}
	return th
}

// params returns th's parameters; those the model does not use are zero in
// every theta built by smoother.theta or toTheta.
func (th theta) params() Params {
	return Params{Alpha: th.alpha, Beta: th.beta, Gamma: th.gamma, Phi: th.phi}
}

// states returns th's initial states, with the same zeros.
func (th theta) states() States {
	return States{Level: th.level, Trend: th.trend, Seasonal: append([]float64(nil), th.seasonal...)}.clone()
}

// checkParams checks given parameters against the model's bounds.
func (sm smoother) checkParams(p Params) error {
	var errs []error
	bad := func(field string, v float64, why string) {
		errs = append(errs, fieldErr(field, formatFloat(v), wrap(ErrParams, why)))
	}
	if !(p.Alpha >= 0 && p.Alpha <= 1) {
		bad("params.alpha", p.Alpha, "alpha is in [0, 1]")
	}
	if sm.trend {
		if !(p.Beta >= 0 && p.Beta <= p.Alpha) {
			bad("params.beta", p.Beta, "beta is in [0, alpha]")
		}
	} else if p.Beta != 0 {
		bad("params.beta", p.Beta, "the model has no trend")
	}
	if sm.m > 0 {
		if !(p.Gamma >= 0 && p.Gamma <= 1-p.Alpha) {
			bad("params.gamma", p.Gamma, "gamma is in [0, 1 - alpha]")
		}
	} else if p.Gamma != 0 {
		bad("params.gamma", p.Gamma, "the model has no season")
	}
	if sm.damped {
		if !(p.Phi > 0 && p.Phi <= 1) {
			bad("params.phi", p.Phi, "phi is in (0, 1]")
		}
	} else if p.Phi != 0 {
		bad("params.phi", p.Phi, "the model is not damped")
	}
	return joinErrs(errs)
}

// checkStates checks given initial states against the model's shape.
func (sm smoother) checkStates(s States) error {
	var errs []error
	bad := func(field string, v float64, why string) {
		errs = append(errs, fieldErr(field, formatFloat(v), wrap(ErrInitial, why)))
	}
	if !finite(s.Level) {
		bad("initial.level", s.Level, "not finite")
	}
	if !finite(s.Trend) {
		bad("initial.trend", s.Trend, "not finite")
	} else if !sm.trend && s.Trend != 0 {
		bad("initial.trend", s.Trend, "the model has no trend")
	}
	if len(s.Seasonal) != sm.m {
		errs = append(errs, fieldErr("initial.seasonal", "", wrap(ErrInitial,
			"the model needs "+strconv.Itoa(sm.m)+" seasonal values, got "+strconv.Itoa(len(s.Seasonal)))))
	}
	for i, v := range s.Seasonal {
		if !finite(v) || (sm.season == Multiplicative && !(v > 0)) {
			bad("initial.seasonal["+strconv.Itoa(i)+"]", v, "seasonal values are finite, factors positive")
		}
	}
	return joinErrs(errs)
}

// The optimisation variables: x = [α, β/α, γ/(1-α), φ, l/S, b/S, s₀…], with S
// the mean absolute value of the series (seasonal factors are not scaled).
// Writing β and γ as fractions of α and 1-α turns statsmodels' region
// (β ≤ α, γ ≤ 1-α) into a box; scaling the states makes every variable of
// order one. Variables the model does not use, or that are given, have
// equal lower and upper bounds.
const (
	xAlpha = iota
	xBeta
	xGamma
	xPhi
	xLevel
	xTrend
	xSeason
)

// toTheta maps optimisation variables to a recursion point.
func (sm smoother) toTheta(x []float64, S float64, th *theta) {
	th.alpha = x[xAlpha]
	th.beta = x[xAlpha] * x[xBeta]
	th.gamma = (1 - x[xAlpha]) * x[xGamma]
	th.phi = x[xPhi]
	th.level = x[xLevel] * S
	th.trend = x[xTrend] * S
	ss := sm.stateScale(S)
	for j := range th.seasonal {
		th.seasonal[j] = x[xSeason+j] * ss
	}
}

func (sm smoother) stateScale(S float64) float64 {
	if sm.season == Multiplicative {
		return 1
	}
	return S
}

// fromTheta maps a recursion point to optimisation variables.
func (sm smoother) fromTheta(th *theta, S float64, x []float64) {
	x[xAlpha] = th.alpha
	x[xBeta] = 0
	if th.alpha > 0 {
		x[xBeta] = math.Min(1, th.beta/th.alpha)
	}
	x[xGamma] = 0
	if th.alpha < 1 {
		x[xGamma] = math.Min(1, th.gamma/(1-th.alpha))
	}
	x[xPhi] = th.phi
	x[xLevel] = th.level / S
	x[xTrend] = th.trend / S
	ss := sm.stateScale(S)
	for j, v := range th.seasonal {
		x[xSeason+j] = v / ss
	}
}

// optimise minimises the SSE over the free parameters (all unless
// fixedParams) and, unless fixedInit, the initial states, from th. It
// returns the best point, the number of SSE evaluations and of starts.
func (sm smoother) optimise(y []float64, th theta, fixedParams, fixedInit bool) (theta, int, int) {
	n, dim := len(y), xSeason+sm.m
	var S float64
	for _, v := range y {
		S += math.Abs(v)
	}
	S /= float64(n)
	if !(S > 0) {
		S = 1
	}
	lo, hi := make([]float64, dim), make([]float64, dim)
	x0 := make([]float64, dim)
	sm.fromTheta(&th, S, x0)
	fix := func(i int) { lo[i], hi[i] = x0[i], x0[i] }
	set := func(i int, a, b float64) { lo[i], hi[i] = a, b }
	if fixedParams {
		for i := xAlpha; i <= xPhi; i++ {
			fix(i)
		}
	} else {
		set(xAlpha, 0, 1)
		fix(xBeta)
		fix(xGamma)
		fix(xPhi)
		if sm.trend {
			set(xBeta, 0, 1)
		}
		if sm.m > 0 {
			set(xGamma, 0, 1)
		}
		if sm.damped {
			set(xPhi, 0.8, 0.995)
		}
	}
	for i := xLevel; i < dim; i++ {
		fix(i)
	}
	if !fixedInit {
		inf := math.Inf(1)
		set(xLevel, -inf, inf)
		if sm.trend {
			set(xTrend, -inf, inf)
		}
		for j := range sm.m {
			set(xSeason+j, -inf, inf)
		}
		if sm.season == Multiplicative {
			lo[xLevel] = 0
			for j := range sm.m {
				lo[xSeason+j] = 0
			}
		}
	}

	ring := make([]float64, sm.m)
	work := theta{seasonal: make([]float64, sm.m)}
	sse := func(x []float64) float64 {
		sm.toTheta(x, S, &work)
		return sm.run(y, &work, ring, nil, nil)
	}
	evals := 0

	// Starting points: a grid over the free parameters, at the initial
	// states given or estimated by the heuristic.
	type start struct {
		x []float64
		f float64
	}
	var starts []start
	grid := func(i int, vals []float64) []float64 {
		if lo[i] == hi[i] {
			return []float64{x0[i]}
		}
		return vals
	}
	for _, a := range grid(xAlpha, []float64{0.02, 0.1, 0.3, 0.5, 0.7, 0.9, 0.995}) {
		for _, b := range grid(xBeta, []float64{0.01, 0.1, 0.4}) {
			for _, g := range grid(xGamma, []float64{0.01, 0.1, 0.4, 0.8}) {
				for _, p := range grid(xPhi, []float64{0.85, 0.95, 0.99}) {
					x := slices.Clone(x0)
					x[xAlpha], x[xBeta], x[xGamma], x[xPhi] = a, b, g, p
					f := sse(x)
					evals++
					if finite(f) {
						starts = append(starts, start{x, f})
					}
				}
			}
		}
	}
	if len(starts) == 0 {
		return th, evals, 0
	}
	slices.SortStableFunc(starts, func(a, b start) int {
		switch {
		case a.f < b.f:
			return -1
		case a.f > b.f:
			return 1
		}
		return 0
	})
	scaleF := starts[0].f
	if !(scaleF > 0) {
		scaleF = 1
	}
	tp := newTape(n, sm.m)
	var gr grad
	gr.seasonal = make([]float64, 0, sm.m)
	obj := func(x, g []float64) float64 {
		sm.toTheta(x, S, &work)
		f := sm.gradient(y, &work, tp, &gr)
		a := x[xAlpha]
		// chain rule through β = α·x₁, γ = (1-α)·x₂, states = S·x
		g[xAlpha] = (gr.alpha + gr.beta*x[xBeta] - gr.gamma*x[xGamma]) / scaleF
		g[xBeta] = gr.beta * a / scaleF
		g[xGamma] = gr.gamma * (1 - a) / scaleF
		g[xPhi] = gr.phi / scaleF
		g[xLevel] = gr.level * S / scaleF
		g[xTrend] = gr.trend * S / scaleF
		ss := sm.stateScale(S)
		for j := range sm.m {
			g[xSeason+j] = gr.seasonal[j] * ss / scaleF
		}
		for i := range g {
			if lo[i] == hi[i] {
				g[i] = 0
			}
		}
		return f / scaleF
	}
	const runs = 4
	bestX, bestF := starts[0].x, math.Inf(1)
	used := 0
	for _, st := range starts {
		if used == runs {
			break
		}
		used++
		r := minimise(obj, st.x, lo, hi, 400)
		evals += r.evals
		if r.f < bestF {
			bestX, bestF = r.x, r.f
		}
	}
	out := theta{seasonal: make([]float64, sm.m)}
	sm.toTheta(bestX, S, &out)
	return out, evals, used
}
