package risk

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestLn: the package's logarithm agrees with math.Log to within a few
// units in the last place over the range the simulation uses.
func TestLn(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	worst := 0.0
	for range 200_000 {
		x := math.Ldexp(0.5+rng.Float64(), rng.IntN(120)-100)
		got, want := ln(x), math.Log(x)
		if d := math.Abs(got - want); d > 4*ulp(want) && d > 1e-300 {
			t.Fatalf("ln(%v) = %v, math.Log = %v: %v ulp apart", x, got, want, d/ulp(want))
		} else if u := d / ulp(want); u > worst {
			worst = u
		}
	}
	for _, c := range []struct{ x, want float64 }{
		{1, 0}, {2, math.Ln2}, {math.E, 1}, {0.5, -math.Ln2}, {1e-300, -690.7755278982137},
		{math.MaxFloat64, 709.782712893384},
		// The smallest subnormal, 2^-1074: ln is −1074 ln 2. (math.Log on
		// amd64 answers −709.09 here: platform-dependent, as sample.go says.)
		{5e-324, -744.4400719213812},
	} {
		if got := ln(c.x); math.Abs(got-c.want) > 4*ulp(c.want) {
			t.Errorf("ln(%v) = %v, want %v", c.x, got, c.want)
		}
	}
	t.Logf("ln is within %.2f ulp of math.Log", worst)
}

func ulp(x float64) float64 {
	if x == 0 {
		return math.SmallestNonzeroFloat64
	}
	return math.Abs(math.Nextafter(x, math.Inf(1)) - x)
}

// TestNormalQuantile: Acklam's approximation against published quantiles
// of the standard normal (to 16 digits), within its stated relative error
// 1.15 × 10⁻⁹.
func TestNormalQuantile(t *testing.T) {
	for _, c := range []struct{ p, want float64 }{
		{0.5, 0},
		{0.975, 1.959963984540054},
		{0.025, -1.959963984540054},
		{0.9, 1.2815515655446004},
		{0.01, -2.3263478740408408},
		{0.001, -3.090232306167813},
		{1e-10, -6.361340902404056},
		{0.3, -0.5244005127080407},
	} {
		got := normalQuantile(c.p)
		if math.Abs(got-c.want) > 1.2e-9*math.Max(1, math.Abs(c.want)) {
			t.Errorf("normalQuantile(%v) = %v, want %v", c.p, got, c.want)
		}
	}
}

// TestNormalMoments: the polar method's draws have mean 0, variance 1 and
// P(Z < 1.2815515655446004) = 0.9, within five standard errors.
func TestNormalMoments(t *testing.T) {
	s := newSampler(7)
	const n = 400_000
	sum, sq, below := 0.0, 0.0, 0
	for range n {
		z := s.normal()
		sum += z
		sq += z * z
		if z < 1.2815515655446004 {
			below++
		}
	}
	mean, variance := sum/n, sq/n-(sum/n)*(sum/n)
	if math.Abs(mean) > 5/math.Sqrt(n) || math.Abs(variance-1) > 5*math.Sqrt(2.0/n) {
		t.Errorf("normal draws: mean %v, variance %v", mean, variance)
	}
	if p := float64(below) / n; math.Abs(p-0.9) > 5*math.Sqrt(0.09/n) {
		t.Errorf("P(Z < z0.9) = %v, want 0.9", p)
	}
	// Gamma(a) has mean a and variance a.
	for _, a := range []float64{1, 1.5, 3, 4.2} {
		sum, sq := 0.0, 0.0
		for range n / 4 {
			x := s.gamma(a)
			sum += x
			sq += x * x
		}
		m, v := sum/(n/4), sq/(n/4)-(sum/(n/4))*(sum/(n/4))
		if math.Abs(m-a) > 5*math.Sqrt(a/(n/4)) || math.Abs(v-a) > 0.03*a {
			t.Errorf("gamma(%v): mean %v, variance %v", a, m, v)
		}
	}
}
