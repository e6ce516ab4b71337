package forecast

import "math"

// The bounded optimiser: a projected limited-memory BFGS method for
// minimising a smooth function of a few variables, each within bounds
// [lo, hi] (infinite bounds allowed; lo = hi fixes a variable). Each
// iteration:
//
//  1. finds the free variables: those not at a bound, or at one with the
//     gradient pointing into the box;
//  2. takes the L-BFGS direction (two-loop recursion over the last ten
//     steps) on the free variables, or steepest descent when that is not a
//     descent direction;
//  3. searches along the projected path x(λ) = clamp(x + λ·d) by
//     backtracking from λ = 1 until the Armijo condition holds,
//     f(x(λ)) ≤ f(x) + 10⁻⁴·∇f·(x(λ) - x); a point where f is not finite
//     counts as a failure and shortens the step;
//  4. stops when the projected gradient vanishes (below 10⁻⁹ relative), when
//     three steps in a row improve f by less than 10⁻¹³ relative, or after
//     the iteration limit.
//
// It finds a local minimum; multiStart (in fit.go) finds the global one of
// a smoothing SSE by starting it from the best points of a grid.

// objective evaluates f at x and writes its gradient to g.
type objective func(x, g []float64) float64

// minimum is what minimise found.
type minimum struct {
	x     []float64
	f     float64
	evals int
}

const (
	lbfgsMemory = 10
	armijo      = 1e-4
)

// minimise runs the projected L-BFGS method from x0 (clamped into the box)
// for at most maxIter iterations. f must be finite at the clamped x0.
func minimise(f objective, x0, lo, hi []float64, maxIter int) minimum {
	n := len(x0)
	x := make([]float64, n)
	for i := range x {
		x[i] = clamp(x0[i], lo[i], hi[i])
	}
	g := make([]float64, n)
	fx := f(x, g)
	evals := 1
	if !finite(fx) {
		return minimum{x: x, f: math.Inf(1), evals: evals}
	}
	xn, gn, d := make([]float64, n), make([]float64, n), make([]float64, n)
	free := make([]bool, n)
	S, Y := make([][]float64, 0, lbfgsMemory), make([][]float64, 0, lbfgsMemory)
	rho := make([]float64, 0, lbfgsMemory)
	alphaBuf := make([]float64, lbfgsMemory)
	stalls := 0
	for range maxIter {
		// projected gradient and free set
		var pg float64
		for i := range x {
			free[i] = lo[i] < hi[i] && !(x[i] <= lo[i] && g[i] > 0) && !(x[i] >= hi[i] && g[i] < 0)
			if free[i] {
				pg = math.Max(pg, math.Abs(g[i]))
			}
		}
		if pg <= 1e-9*math.Max(1, math.Abs(fx)) {
			break
		}
		// L-BFGS two-loop on the free variables
		for i := range d {
			if free[i] {
				d[i] = -g[i]
			} else {
				d[i] = 0
			}
		}
		k := len(S)
		for j := k - 1; j >= 0; j-- {
			a := rho[j] * dotFree(S[j], d, free)
			alphaBuf[j] = a
			axpyFree(-a, Y[j], d, free)
		}
		if k > 0 {
			sy, yy := dotFree(S[k-1], Y[k-1], free), dotFree(Y[k-1], Y[k-1], free)
			if sy > 0 && yy > 0 {
				scale(d, sy/yy)
			}
		}
		for j := 0; j < k; j++ {
			b := rho[j] * dotFree(Y[j], d, free)
			axpyFree(alphaBuf[j]-b, S[j], d, free)
		}
		gd := dotFree(g, d, free)
		if !(gd < 0) || k == 0 {
			// steepest descent, with a first step of unit length in the
			// largest coordinate
			for i := range d {
				if free[i] {
					d[i] = -g[i] / math.Max(pg, 1e-300)
				} else {
					d[i] = 0
				}
			}
			S, Y, rho = S[:0], Y[:0], rho[:0]
		}
		// projected backtracking line search
		step, accepted := 1.0, false
		var fn float64
		for range 40 {
			moved := false
			for i := range x {
				xn[i] = clamp(x[i]+step*d[i], lo[i], hi[i])
				if xn[i] != x[i] {
					moved = true
				}
			}
			if !moved {
				break
			}
			fn = f(xn, gn)
			evals++
			var dec float64
			for i := range x {
				dec += g[i] * (xn[i] - x[i])
			}
			if finite(fn) && fn <= fx+armijo*dec {
				accepted = true
				break
			}
			if finite(fn) && dec < 0 {
				// minimiser of the quadratic through f(x), its slope and
				// f(x(step)), kept within [step/10, step/2]
				q := -dec * step / (2 * (fn - fx - dec))
				step = clamp(q, step/10, step/2)
			} else {
				step /= 4
			}
		}
		if !accepted {
			if len(S) == 0 {
				break
			}
			S, Y, rho = S[:0], Y[:0], rho[:0]
			continue
		}
		// memory update
		s, yv := make([]float64, n), make([]float64, n)
		var sy float64
		for i := range x {
			s[i], yv[i] = xn[i]-x[i], gn[i]-g[i]
			sy += s[i] * yv[i]
		}
		if sy > 1e-12*math.Sqrt(dot(s, s)*dot(yv, yv)) {
			if len(S) == lbfgsMemory {
				copy(S, S[1:])
				copy(Y, Y[1:])
				copy(rho, rho[1:])
				S, Y, rho = S[:lbfgsMemory-1], Y[:lbfgsMemory-1], rho[:lbfgsMemory-1]
			}
			S, Y, rho = append(S, s), append(Y, yv), append(rho, 1/sy)
		}
		improved := fx - fn
		copy(x, xn)
		copy(g, gn)
		fx = fn
		if improved <= 1e-13*math.Max(1, math.Abs(fx)) {
			if stalls++; stalls >= 3 {
				break
			}
		} else {
			stalls = 0
		}
	}
	return minimum{x: x, f: fx, evals: evals}
}

func clamp(v, lo, hi float64) float64 {
	if v < lo {
		return lo
	}
	if v > hi {
		return hi
	}
	return v
}

func dot(a, b []float64) float64 {
	var s float64
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

func dotFree(a, b []float64, free []bool) float64 {
	var s float64
	for i := range a {
		if free[i] {
			s += a[i] * b[i]
		}
	}
	return s
}

func axpyFree(a float64, x, y []float64, free []bool) {
	for i := range x {
		if free[i] {
			y[i] += a * x[i]
		}
	}
}

func scale(x []float64, a float64) {
	for i := range x {
		x[i] *= a
	}
}
