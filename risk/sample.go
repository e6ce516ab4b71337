package risk

import (
	"math"
	"math/rand/v2"
)

// Reproducible random numbers. [Reserve] must give the same numbers for
// the same seed on every platform and Go version, so it relies on exactly
// one thing outside this file: the stream of math/rand/v2's PCG
// (PCG-DXSM with 128 bits of state; rand.NewPCG documents it and the
// package tests it against fixed values). Everything built on that stream
// is here, in IEEE 754 arithmetic that every platform rounds alike:
//
//   - no math function whose result may differ between platforms or
//     releases (math.Log, math.Exp, rand.NormFloat64, rand.Float64 are not
//     used): logarithms are ln below, from math.Frexp (exact) and a
//     series; square roots are math.Sqrt, which IEEE 754 requires to be
//     correctly rounded;
//   - every product that is added to something is converted explicitly,
//     float64(x*y) + z, which the Go specification says rounds the product
//     and forbids fusing it into a multiply-add (which arm64, ppc64 and
//     s390x would otherwise do, and amd64 would not).

// pcgStream is the second word of every Reserve seed: NewPCG(seed, pcgStream).
const pcgStream = 0x9E3779B97F4A7C15

// sampler draws from one PCG stream.
type sampler struct {
	src   *rand.PCG
	spare float64 // the polar method's second normal
	has   bool
}

func newSampler(seed uint64) *sampler { return &sampler{src: rand.NewPCG(seed, pcgStream)} }

// samplerState is a sampler's state at one point of its stream.
type samplerState struct {
	pcg   [20]byte // PCG.AppendBinary's form: "pcg:" and 16 bytes of state
	spare float64
	has   bool
}

// save writes s's state to st, without allocating.
func (s *sampler) save(st *samplerState) {
	_, _ = s.src.AppendBinary(st.pcg[:0])
	st.spare, st.has = s.spare, s.has
}

// restore returns s to a state save wrote.
func (s *sampler) restore(st *samplerState) {
	if err := s.src.UnmarshalBinary(st.pcg[:]); err != nil {
		panic("risk: a saved sampler state does not restore: " + err.Error())
	}
	s.spare, s.has = st.spare, st.has
}

// uniform returns a uniform draw from [0, 1): the top 53 bits of the
// stream's next word, times 2^-53 (both steps exact).
func (s *sampler) uniform() float64 { return float64(s.src.Uint64()>>11) * 0x1p-53 }

// normal returns a standard normal draw by Marsaglia's polar method: draw
// u, v uniform on (−1, 1) until 0 < s = u² + v² < 1, then u·f and v·f with
// f = √(−2 ln s / s) are two independent normals; the second is kept for
// the next call.
func (s *sampler) normal() float64 {
	if s.has {
		s.has = false
		return s.spare
	}
	for {
		u := float64(2*s.uniform()) - 1
		v := float64(2*s.uniform()) - 1
		q := float64(u*u) + float64(v*v)
		if q >= 1 || q == 0 {
			continue
		}
		f := math.Sqrt(-2 * ln(q) / q)
		s.spare, s.has = v*f, true
		return u * f
	}
}

// gamma returns a Gamma(a, 1) draw for a ≥ 1 by Marsaglia and Tsang's
// method (ACM TOMS 26(3), 2000).
func (s *sampler) gamma(a float64) float64 {
	d := a - 1.0/3
	c := 1 / math.Sqrt(9*d)
	for {
		x := s.normal()
		t := float64(c*x) + 1
		if t <= 0 {
			continue
		}
		v := float64(float64(t*t) * t)
		u := s.uniform()
		x2 := float64(x * x)
		if u < 1-float64(0.0331*float64(x2*x2)) {
			return float64(d * v)
		}
		if u > 0 && ln(u) < float64(0.5*x2)+float64(d*(1-v+ln(v))) {
			return float64(d * v)
		}
	}
}

// cost is a risk's cost distribution in the simulation.
type cost struct {
	shape         Shape
	lo, mode, hi  float64 // hi > lo for Triangular and PERT
	split         float64 // Triangular: (mode − lo) / (hi − lo)
	alpha, beta   float64 // PERT shape parameters
	spanLo, spanH float64 // Triangular: (hi − lo)(mode − lo) and (hi − lo)(hi − mode)
}

func newCost(shape Shape, lo, mode, hi float64) cost {
	c := cost{shape: shape, lo: lo, mode: mode, hi: hi}
	if shape == Fixed {
		return c
	}
	w := hi - lo
	c.split = (mode - lo) / w
	c.spanLo, c.spanH = float64(w*(mode-lo)), float64(w*(hi-mode))
	c.alpha = 1 + float64(4*(mode-lo))/w
	c.beta = 1 + float64(4*(hi-mode))/w
	return c
}

// draw returns one draw of c.
func (c *cost) draw(s *sampler) float64 {
	switch c.shape {
	case Triangular: // inverse of the triangular distribution function
		u := s.uniform()
		if u < c.split {
			return c.lo + math.Sqrt(float64(u*c.spanLo))
		}
		return c.hi - math.Sqrt(float64((1-u)*c.spanH))
	case PERT: // lo + (hi − lo) × Beta(α, β), Beta from two gammas
		x := s.gamma(c.alpha)
		y := s.gamma(c.beta)
		return c.lo + float64((c.hi-c.lo)*(x/(x+y)))
	}
	return c.mode
}

// ln returns the natural logarithm of x > 0, finite: x = f·2^e with f in
// [√½, √2) (math.Frexp, exact), ln f = 2 atanh s with s = (f − 1)/(f + 1),
// |s| < 0.172, summed to s^19 (the next term is below 2^-54 of the
// result), plus e·ln 2. Its error is a few units in the last place; it is
// used where ln must be the same on every platform, not where it must be
// the best.
func ln(x float64) float64 {
	f, e := math.Frexp(x)
	if f < math.Sqrt2/2 {
		f *= 2
		e--
	}
	s := (f - 1) / (f + 1)
	s2 := float64(s * s)
	// Horner's rule written out, the same operations in the same order
	// as a loop over the coefficients, which built the array and looped
	// at every call (BenchmarkReserve spends about a third of its time in
	// ln; callgrind per op: 230 to 219 million instructions, 2.19 to 1.85
	// million mispredicted branches).
	p := 1.0 / 19
	p = float64(p*s2) + 1.0/17
	p = float64(p*s2) + 1.0/15
	p = float64(p*s2) + 1.0/13
	p = float64(p*s2) + 1.0/11
	p = float64(p*s2) + 1.0/9
	p = float64(p*s2) + 1.0/7
	p = float64(p*s2) + 1.0/5
	p = float64(p*s2) + 1.0/3
	p = float64(p*s2) + 1
	const ln2Hi, ln2Lo = 6.93147180369123816490e-01, 1.90821492927058770002e-10 // ln 2 = hi + lo
	fe := float64(e)
	return float64(fe*ln2Hi) + (float64(fe*ln2Lo) + float64(2*float64(s*p)))
}

// normalQuantile returns Φ⁻¹(p) for p in (0, 1) by Acklam's rational
// approximation (relative error below 1.15 × 10⁻⁹), evaluated with the
// package's ln.
func normalQuantile(p float64) float64 {
	const low = 0.02425
	a := [...]float64{-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
		1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00}
	b := [...]float64{-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
		6.680131188771972e+01, -1.328068155288572e+01}
	c := [...]float64{-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
		-2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00}
	d := [...]float64{7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00}
	poly := func(cs []float64, x float64) float64 {
		r := cs[0]
		for _, k := range cs[1:] {
			r = float64(r*x) + k
		}
		return r
	}
	tail := func(p float64) float64 {
		q := math.Sqrt(-2 * ln(p))
		return poly(c[:], q) / (float64(poly(d[:], q)*q) + 1)
	}
	switch {
	case p < low:
		return tail(p)
	case p > 1-low:
		return -tail(1 - p)
	}
	q := p - 0.5
	r := float64(q * q)
	return float64(poly(a[:], r)*q) / (float64(poly(b[:], r)*r) + 1)
}
