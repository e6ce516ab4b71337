package forecast

import "math"

// normalQuantile returns the p-quantile of the standard normal
// distribution, √2·erf⁻¹(2p - 1).
func normalQuantile(p float64) float64 { return math.Sqrt2 * math.Erfinv(2*p-1) }

// studentQuantile returns the p-quantile of Student's t distribution with
// df degrees of freedom, for p in (0.5, 1), by bisection on its
// distribution function to within 1e-12.
func studentQuantile(p, df float64) float64 {
	lo, hi := 0.0, 1.0
	for studentCDF(hi, df) < p {
		hi *= 2
		if hi > 1e12 {
			return math.Inf(1)
		}
	}
	for range 200 {
		mid := (lo + hi) / 2
		if studentCDF(mid, df) < p {
			lo = mid
		} else {
			hi = mid
		}
		if hi-lo <= 1e-12*hi {
			break
		}
	}
	return (lo + hi) / 2
}

// studentCDF returns P(T ≤ t) for t ≥ 0: 1 - I_x(df/2, 1/2)/2 with
// x = df/(df + t²).
func studentCDF(t, df float64) float64 {
	x := df / (df + t*t)
	return 1 - incompleteBeta(df/2, 0.5, x)/2
}

// incompleteBeta returns the regularised incomplete beta function
// I_x(a, b), by the continued fraction of Numerical Recipes (betacf),
// evaluated with the modified Lentz method.
func incompleteBeta(a, b, x float64) float64 {
	if x <= 0 {
		return 0
	}
	if x >= 1 {
		return 1
	}
	la, _ := math.Lgamma(a + b)
	lb, _ := math.Lgamma(a)
	lc, _ := math.Lgamma(b)
	front := math.Exp(la - lb - lc + a*math.Log(x) + b*math.Log(1-x))
	if x < (a+1)/(a+b+2) {
		return front * betaFraction(a, b, x) / a
	}
	return 1 - front*betaFraction(b, a, 1-x)/b
}

func betaFraction(a, b, x float64) float64 {
	const tiny = 1e-300
	guard := func(v float64) float64 {
		if math.Abs(v) < tiny {
			return tiny
		}
		return v
	}
	c, d := 1.0, 1/guard(1-(a+b)*x/(a+1))
	h := d
	// step applies one term of the fraction and returns its factor
	step := func(num float64) float64 {
		d = 1 / guard(1+num*d)
		c = guard(1 + num/c)
		return d * c
	}
	for m := 1; m <= 300; m++ {
		fm := float64(m)
		h *= step(fm * (b - fm) * x / ((a + 2*fm - 1) * (a + 2*fm)))
		del := step(-(a + fm) * (a + b + fm) * x / ((a + 2*fm) * (a + 2*fm + 1)))
		h *= del
		if math.Abs(del-1) < 1e-15 {
			break
		}
	}
	return h
}
