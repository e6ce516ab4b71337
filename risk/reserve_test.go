package risk_test

import (
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/saleskit/saleskit/risk"
	"github.com/shopspring/decimal"
)

// fixedRisk is an open threat of exact probability p and fixed cost c.
func fixedRisk(id, p string, c int64) risk.Risk {
	return risk.Risk{ID: id, Probability: risk.Probability{Value: dec(p)}, Impact: risk.Impact{Level: "moderate", Money: money(c)}}
}

// TestReserveExactEnumeration compares the simulation of 12 independent
// fixed-cost risks with their exact distribution, enumerated over all
// 2^12 outcomes in decimals: the mean within five standard errors, each
// risk's occurrence within five standard errors of its probability, and
// P50, P80 and P90 equal to the exact quantiles (each quantile's
// distribution function jumps across q by more than five standard errors
// of a sample proportion, which the test checks first, so a correct
// simulation cannot miss it but by a 1-in-a-million chance).
func TestReserveExactEnumeration(t *testing.T) {
	ps := []string{"0.1", "0.35", "0.2", "0.5", "0.15", "0.6", "0.25", "0.05", "0.3", "0.45", "0.12", "0.4"}
	cs := []int64{10_000, 10_000, 20_000, 20_000, 30_000, 10_000, 20_000, 50_000, 10_000, 20_000, 30_000, 10_000}
	var risks []risk.Risk
	for k := range ps {
		risks = append(risks, fixedRisk(string(rune('a'+k)), ps[k], cs[k]))
	}
	// Exact distribution of the total.
	dist := map[int64]decimal.Decimal{}
	for outcome := range 1 << len(ps) {
		p, total := one, int64(0)
		for k := range ps {
			if outcome&(1<<k) != 0 {
				p, total = p.Mul(dec(ps[k])), total+cs[k]
			} else {
				p = p.Mul(one.Sub(dec(ps[k])))
			}
		}
		dist[total] = dist[total].Add(p)
	}
	totals := slices.Sorted(func(yield func(int64) bool) {
		for x := range dist {
			if !yield(x) {
				return
			}
		}
	})
	exactMean, variance := decimal.Zero, 0.0
	for k := range ps {
		exactMean = exactMean.Add(dec(ps[k]).Mul(money(cs[k])))
		p := dec(ps[k]).InexactFloat64()
		variance += p * (1 - p) * float64(cs[k]*cs[k])
	}
	sum, mean := decimal.Zero, decimal.Zero
	for _, x := range totals {
		sum, mean = sum.Add(dist[x]), mean.Add(dist[x].Mul(money(x)))
	}
	if !sum.Equal(one) || !mean.Equal(exactMean) {
		t.Fatalf("enumeration: probabilities add up to %s, mean %s, want 1 and %s", sum, mean, exactMean)
	}
	const n = 200_000
	quantile := func(q float64) int64 {
		delta := 5 * math.Sqrt(q*(1-q)/n)
		below := 0.0
		for _, x := range totals {
			at := below + dist[x].InexactFloat64()
			if at >= q {
				if below > q-delta || at < q+delta {
					t.Fatalf("the distribution function jumps from %v to %v at %d, too near q = %v for %d trials", below, at, x, q, n)
				}
				return x
			}
			below = at
		}
		return totals[len(totals)-1]
	}

	c, err := risk.Reserve(risk.PMBOK(), risks, &risk.ReserveOptions{Seed: 11, Trials: n, Confidence: 0.99})
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range []struct {
		name string
		got  decimal.Decimal
		q    float64
	}{{"P50", c.P50, 0.5}, {"P80", c.P80, 0.8}, {"P90", c.P90, 0.9}, {"Reserve", c.Reserve, 0.99}} {
		if want := quantile(x.q); !x.got.Equal(money(want)) {
			t.Errorf("%s = %s, want the exact quantile %d", x.name, x.got, want)
		}
	}
	if se := math.Sqrt(variance / n); math.Abs(c.Mean.InexactFloat64()-exactMean.InexactFloat64()) > 5*se {
		t.Errorf("Mean = %s, want %s within 5 × %.2f", c.Mean, exactMean, se)
	}
	if sd := c.StdDev.InexactFloat64(); math.Abs(sd-math.Sqrt(variance)) > 0.01*math.Sqrt(variance) {
		t.Errorf("StdDev = %v, want %v within 1%%", sd, math.Sqrt(variance))
	}
	for _, tc := range c.Tail {
		k := int(tc.ID[0] - 'a')
		p := dec(ps[k]).InexactFloat64()
		if math.Abs(tc.Occurrence-p) > 5*math.Sqrt(p*(1-p)/n) {
			t.Errorf("risk %s occurred in %v of the trials, want %v", tc.ID, tc.Occurrence, p)
		}
	}
}

// TestReserveClosedForm compares the mean and variance of triangular and
// PERT costs with their closed forms, over 400,000 trials: mean (a+m+b)/3
// and variance (a²+m²+b²−am−ab−mb)/18 for a triangle, mean (a+4m+b)/6 and
// variance (μ−a)(b−μ)/7 for PERT; a risk of probability p costs p·μ on
// average with variance p(σ² + μ²) − p²μ².
func TestReserveClosedForm(t *testing.T) {
	type spec struct {
		shape      risk.Shape
		p          string
		a, m, b    int64
		mean, vari float64
	}
	specs := []spec{
		{shape: risk.Triangular, p: "0.3", a: 10_000, m: 20_000, b: 60_000},
		{shape: risk.Triangular, p: "0.7", a: 5_000, m: 5_000, b: 15_000},
		{shape: risk.PERT, p: "0.5", a: 50_000, m: 80_000, b: 200_000},
		{shape: risk.PERT, p: "0.15", a: 0, m: 100_000, b: 100_000},
		{shape: risk.Fixed, p: "0.4", m: 25_000},
	}
	var risks []risk.Risk
	totalMean, totalVar := 0.0, 0.0
	for k := range specs {
		s := &specs[k]
		a, m, b := float64(s.a), float64(s.m), float64(s.b)
		var mu, v float64
		switch s.shape {
		case risk.Triangular:
			mu, v = (a+m+b)/3, (a*a+m*m+b*b-a*m-a*b-m*b)/18
		case risk.PERT:
			mu = (a + 4*m + b) / 6
			v = (mu - a) * (b - mu) / 7
		default:
			mu = m
		}
		p := dec(s.p).InexactFloat64()
		s.mean, s.vari = p*mu, p*(v+mu*mu)-p*p*mu*mu
		totalMean += s.mean
		totalVar += s.vari
		im := risk.Impact{Level: "high", Money: money(s.m), Shape: s.shape}
		if s.shape != risk.Fixed {
			im.Min, im.Max = money(s.a), money(s.b)
		}
		risks = append(risks, risk.Risk{ID: string(rune('a' + k)), Probability: risk.Probability{Value: dec(s.p)}, Impact: im})
	}
	const n = 400_000
	c, err := risk.Reserve(risk.PMBOK(), risks, &risk.ReserveOptions{Seed: 3, Trials: n})
	if err != nil {
		t.Fatal(err)
	}
	if se := math.Sqrt(totalVar / n); math.Abs(c.Mean.InexactFloat64()-totalMean) > 5*se {
		t.Errorf("Mean = %s, want %.2f within 5 × %.2f", c.Mean, totalMean, se)
	}
	if got, want := c.StdDev.InexactFloat64(), math.Sqrt(totalVar); math.Abs(got-want) > 0.01*want {
		t.Errorf("StdDev = %v, want %v within 1%%", got, want)
	}
	for _, tc := range c.Tail {
		s := specs[tc.ID[0]-'a']
		if se := math.Sqrt(s.vari / n); math.Abs(tc.Mean.InexactFloat64()-s.mean) > 5*se+0.01 {
			t.Errorf("risk %s (%s) costs %s on average, want %.2f within 5 × %.2f", tc.ID, s.shape, tc.Mean, s.mean, se)
		}
	}
}

// TestReserveCorrelation checks the one-factor copula on two risks of
// costs 100 and 1,000 sharing a driver.
func TestReserveCorrelation(t *testing.T) {
	pair := func(p string) []risk.Risk {
		a, b := fixedRisk("a", p, 100), fixedRisk("b", p, 1_000)
		a.Driver, b.Driver = "economy", "economy"
		return []risk.Risk{a, b}
	}
	const n = 400_000
	run := func(p string, rho float64) risk.Contingency {
		c, err := risk.Reserve(risk.PMBOK(), pair(p), &risk.ReserveOptions{Seed: 9, Trials: n, Drivers: map[string]float64{"economy": rho}})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	cases := []struct {
		name     string
		p        string
		rho      float64
		sd       float64 // closed form
		p50, p80 int64
	}{
		// ρ = 1 and p = 0.3: both or neither; the total is 1,100 with
		// probability 0.3: variance 0.3 × 1100² − 330² = 254,100.
		{"together", "0.3", 1, math.Sqrt(254_100), 0, 1_100},
		// ρ = 0: independent; totals 0, 100, 1,000, 1,100 with 0.49, 0.21,
		// 0.21, 0.09 (so P50 is 100 and P80 1,000): variance 0.21 × (100² + 1000²) + 0.09 × 1100² − 330² =
		// 212,100.
		{"independent", "0.3", 0, math.Sqrt(212_100), 100, 1_000},
		// ρ = 0.5 and p = 0.5: both occur with the orthant probability
		// 1/4 + arcsin(0.5)/(2π) = 1/3, each alone 1/6: variance
		// 1100²/3 + (100² + 1000²)/6 − 550² = 269,166.67.
		{"half", "0.5", 0.5, math.Sqrt(1100.0*1100/3 + (100.0*100+1000*1000)/6 - 550*550), -1, 1_100},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := run(c.p, c.rho)
			if sd := got.StdDev.InexactFloat64(); math.Abs(sd-c.sd) > 0.01*c.sd {
				t.Errorf("StdDev = %v, want %v within 1%%", sd, c.sd)
			}
			if c.p50 >= 0 && !got.P50.Equal(money(c.p50)) {
				t.Errorf("P50 = %s, want %d", got.P50, c.p50)
			}
			if !got.P80.Equal(money(c.p80)) {
				t.Errorf("P80 = %s, want %d", got.P80, c.p80)
			}
			p := dec(c.p).InexactFloat64()
			for _, tc := range got.Tail {
				if math.Abs(tc.Occurrence-p) > 5*math.Sqrt(p*(1-p)/n) {
					t.Errorf("risk %s occurs in %v of the trials, want %v: the copula keeps each risk's probability", tc.ID, tc.Occurrence, p)
				}
			}
		})
	}
	// Together, the tail (totals ≥ P90 = 1,100) holds both risks every time.
	got := run("0.3", 1)
	for _, tc := range got.Tail {
		if tc.TailOccurrence != 1 {
			t.Errorf("ρ = 1: risk %s occurs in %v of the tail, want 1", tc.ID, tc.TailOccurrence)
		}
	}
	// Opposite probabilities under ρ = 1: the likelier risk occurs whenever
	// the other does, so the total never is 100 alone.
	a, b := fixedRisk("a", "0.2", 100), fixedRisk("b", "0.6", 1_000)
	a.Driver, b.Driver = "economy", "economy"
	c, err := risk.Reserve(risk.PMBOK(), []risk.Risk{a, b}, &risk.ReserveOptions{Seed: 2, Trials: 50_000, Drivers: map[string]float64{"economy": 1}})
	if err != nil {
		t.Fatal(err)
	}
	// Totals: 0 (0.4), 1,000 (0.4), 1,100 (0.2): variance
	// 0.4 × 1000² + 0.2 × 1100² − 620² = 257,600.
	if sd, want := c.StdDev.InexactFloat64(), math.Sqrt(257_600); math.Abs(sd-want) > 0.02*want {
		t.Errorf("ρ = 1, p 0.2 and 0.6: StdDev = %v, want %v", sd, want)
	}
}

// TestReserveReproducible: the same seed gives the same contingency, to
// the digit, here and on every platform; these figures were produced by
// this implementation (they lock its stream, not an oracle), and a change
// to them is a change of every stored simulation.
func TestReserveReproducible(t *testing.T) {
	g := salesRegister()
	g.Risks[0].Impact.Shape, g.Risks[0].Impact.Min, g.Risks[0].Impact.Max = risk.PERT, money(150_000), money(400_000)
	g.Risks[1].Impact.Shape, g.Risks[1].Impact.Min, g.Risks[1].Impact.Max = risk.Triangular, money(60_000), money(180_000)
	g.Risks[0].Driver, g.Risks[1].Driver = "team", "team"
	o := &risk.ReserveOptions{Seed: 20250701, Trials: 20_000, Drivers: map[string]float64{"team": 0.4}}
	c, err := risk.Reserve(risk.PMBOK(), g.Risks, o)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := risk.Reserve(risk.PMBOK(), g.Risks, o)
	if !c.Equal(again) {
		t.Fatal("two runs with one seed differ")
	}
	want := reproducible
	got := []string{c.Mean.String(), c.StdDev.String(), c.P50.String(), c.P80.String(), c.P90.String(), c.Reserve.String(), c.Tail[0].ID, c.Tail[0].TailMean.String()}
	if !slices.Equal(got, want) {
		t.Errorf("Reserve(seed %d) = %q\nwant %q", o.Seed, got, want)
	}
	o.Seed++
	if other, _ := risk.Reserve(risk.PMBOK(), g.Risks, o); other.Mean.Equal(c.Mean) {
		t.Error("another seed gives the same mean")
	}
}

// reproducible is TestReserveReproducible's contingency: mean, standard
// deviation, P50, P80, P90, reserve, then the first tail risk and its tail
// mean.
var reproducible = []string{"36294.79", "178289.52", "0", "179425.68", "312606.35", "312606.35", "r1", "271020.81"}

// TestPCGStream pins the one outside stream Reserve relies on:
// math/rand/v2's PCG seeded as Reserve seeds it (see sample.go).
func TestPCGStream(t *testing.T) {
	src := rand.NewPCG(1, 0x9E3779B97F4A7C15)
	got := []uint64{src.Uint64(), src.Uint64(), src.Uint64()}
	want := pcgWant
	if !slices.Equal(got, want) {
		t.Errorf("PCG(1, 0x9E3779B97F4A7C15) = %#x, want %#x: math/rand/v2's PCG changed", got, want)
	}
}

var pcgWant = []uint64{0xee4200f3880a19eb, 0xbaadcc279ed76e43, 0xe6e217b961fee78d}

func TestReserveErrors(t *testing.T) {
	rs := salesRegister().Risks
	withDriver := slices.Clone(rs)
	withDriver[0].Driver = "macro"
	dup := slices.Clone(rs)
	dup[1].ID = "r1"
	cases := []struct {
		name  string
		risks []risk.Risk
		o     *risk.ReserveOptions
		field string
		err   error
	}{
		{"trials", rs, &risk.ReserveOptions{Trials: risk.MaxTrials + 1}, "trials", risk.ErrOption},
		{"confidence", rs, &risk.ReserveOptions{Confidence: 1}, "confidence", risk.ErrOption},
		{"correlation", rs, &risk.ReserveOptions{Drivers: map[string]float64{"x": 1.5}}, "drivers.x", risk.ErrOption},
		{"driver without correlation", withDriver, nil, "risks[0].driver", risk.ErrOption},
		{"duplicate id", dup, nil, "risks[1].id", risk.ErrDuplicate},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := risk.Reserve(risk.PMBOK(), c.risks, c.o)
			clearError(t, err)
			if fe := fieldErrors(err)[c.field]; fe == nil || !errors.Is(fe, c.err) {
				t.Fatalf("Reserve: %v; want an error on %s wrapping %v", err, c.field, c.err)
			}
		})
	}
	// Nothing to simulate: every total is 0.
	c, err := risk.Reserve(risk.PMBOK(), nil, &risk.ReserveOptions{Trials: 10})
	if err != nil || !c.Reserve.IsZero() || len(c.Tail) != 0 {
		t.Errorf("Reserve of no risks = %+v, %v", c, err)
	}
}
