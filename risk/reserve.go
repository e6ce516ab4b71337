package risk

import (
	"cmp"
	"encoding/json"
	"maps"
	"math"
	"slices"
	"strconv"

	"github.com/shopspring/decimal"
)

// Simulation limits.
const (
	// MaxTrials bounds ReserveOptions.Trials.
	MaxTrials = 1_000_000
	// MoneyPlaces is the number of decimal places of every money amount a
	// [Contingency] reports.
	MoneyPlaces = 2
)

// ReserveOptions are the optional knobs of [Reserve]; nil means every
// default, and each field defaults on its own.
type ReserveOptions struct {
	// Seed seeds the simulation: the same seed gives the same numbers on
	// every platform and Go version.
	Seed uint64 `json:"seed,omitempty"`
	// Trials is the number of trials; 0 means 10,000, at most MaxTrials.
	// A simulation holds 48 bytes a trial (48 MB at MaxTrials).
	Trials int `json:"trials,omitempty"`
	// Confidence is the confidence of Contingency.Reserve and the edge of
	// the tail, in (0, 1); 0 means 0.9.
	Confidence float64 `json:"confidence,omitempty"`
	// Drivers gives each shared driver (Risk.Driver) its correlation ρ in
	// [0, 1]. Every driver a risk names must be here.
	Drivers map[string]float64 `json:"drivers,omitempty"`
	// Inherent simulates the risks before their responses; the default is
	// the residual risk, what a contingency reserve is for.
	Inherent bool `json:"inherent,omitempty"`
}

// Contingency is the distribution of a register's total risk cost over
// the trials of a [Reserve] simulation, and the reserve it calls for.
//
// A trial's total is the sum of the costs of the risks that occurred in it,
// opportunities counting as negative costs (savings). Mean and StdDev are
// the sample mean and standard deviation (n − 1) of the totals; P50, P80,
// P90 and Reserve are their quantiles at 0.5, 0.8, 0.9 and Confidence by
// nearest rank: the smallest total with at least ⌈q·n⌉ of the n totals at
// or below it. Every amount is the float64 statistic written as its
// shortest decimal (decimal.NewFromFloat) and rounded half up to
// [MoneyPlaces] places.
//
// Tail has one [Contribution] per simulated risk, largest TailMean first
// (then by id): which risks drive the totals at or above Reserve.
type Contingency struct {
	Trials     int             `json:"trials"`
	Seed       uint64          `json:"seed"`
	Confidence float64         `json:"confidence"`
	Mean       decimal.Decimal `json:"mean"`
	StdDev     decimal.Decimal `json:"std_dev"`
	P50        decimal.Decimal `json:"p50"`
	P80        decimal.Decimal `json:"p80"`
	P90        decimal.Decimal `json:"p90"`
	Reserve    decimal.Decimal `json:"reserve"`
	Tail       []Contribution  `json:"tail"`
}

// Contribution is one risk's part in a [Contingency]. Mean is its mean
// cost over all trials and TailMean over the tail trials (those whose
// total reached Reserve); the TailMeans add up to the mean total of the
// tail, and Share is TailMean over that sum (0 when it is 0). Occurrence
// and TailOccurrence are the fractions of all trials and of tail trials in
// which the risk occurred.
type Contribution struct {
	ID             string          `json:"id"`
	Mean           decimal.Decimal `json:"mean"`
	TailMean       decimal.Decimal `json:"tail_mean"`
	Share          float64         `json:"share"`
	Occurrence     float64         `json:"occurrence"`
	TailOccurrence float64         `json:"tail_occurrence"`
}

// Equal reports whether c and d are the same contingency, comparing
// amounts by value.
func (c Contingency) Equal(d Contingency) bool {
	return c.Trials == d.Trials && c.Seed == d.Seed && c.Confidence == d.Confidence && c.Mean.Equal(d.Mean) &&
		c.StdDev.Equal(d.StdDev) && c.P50.Equal(d.P50) && c.P80.Equal(d.P80) && c.P90.Equal(d.P90) &&
		c.Reserve.Equal(d.Reserve) && slices.EqualFunc(c.Tail, d.Tail, Contribution.Equal)
}

// Equal reports whether c and d are the same contribution, comparing
// amounts by value.
func (c Contribution) Equal(d Contribution) bool {
	return c.ID == d.ID && c.Mean.Equal(d.Mean) && c.TailMean.Equal(d.TailMean) && c.Share == d.Share &&
		c.Occurrence == d.Occurrence && c.TailOccurrence == d.TailOccurrence
}

// Reason explains c in one line: [CodeReserve] citing the reserve, the
// confidence, the trials and the mean, and the risk with the largest part
// of the tail with its share.
func (c Contingency) Reason() Reason {
	r := Reason{
		Code:    CodeReserve,
		Amounts: map[string]decimal.Decimal{"reserve": c.Reserve, "mean": c.Mean},
		Numbers: map[string]float64{"confidence": c.Confidence, "trials": float64(c.Trials), "share": 0},
		Texts:   map[string]string{"driver": "-"},
	}
	if len(c.Tail) > 0 {
		r.Texts["driver"], r.Numbers["share"] = c.Tail[0].ID, c.Tail[0].Share
	}
	return r
}

// MarshalJSON encodes c with its reason under the key "reason".
func (c Contingency) MarshalJSON() ([]byte, error) {
	type plain Contingency
	return json.Marshal(struct {
		plain
		reasoned
	}{plain(c), reasoned{c.Reason()}})
}

// simRisk is one risk as the simulation draws it.
type simRisk struct {
	id        string
	p         float64 // probability of occurring
	threshold float64 // Φ⁻¹(p), for a risk with a driver
	driver    int     // index into the drivers, or −1
	sign      float64 // +1 a threat's cost, −1 an opportunity's saving
	cost      cost
}

// Reserve simulates the total cost of the open risks of a register: in
// each trial every risk occurs with its probability (the residual one by
// default, the inherent one with ReserveOptions.Inherent; the exact value
// when the risk gives one, else its level's), and an occurring risk costs
// a draw of its impact: exactly Impact.Money, or a triangular or PERT draw
// over [Impact.Min, Impact.Max]. Avoided threats and closed risks are left
// out.
//
// Risks sharing a driver occur together through a one-factor Gaussian
// copula: in each trial the driver draws a factor F, each of its risks i a
// noise εᵢ (both standard normal), and risk i occurs when
// √ρ·F + √(1−ρ)·εᵢ < Φ⁻¹(pᵢ). Each risk still occurs with probability pᵢ;
// ρ is the correlation of the latent variables (ρ = 1: the risks occur
// together as far as their probabilities allow; ρ = 0: independently).
// Costs are drawn independently.
//
// The simulation is seeded by ReserveOptions.Seed and reproducible on
// every platform (see sample.go). A trial draws, in this order: each
// driver's F (drivers sorted by name), then for each risk in register
// order its occurrence (a uniform draw, or εᵢ for a risk with a driver) and,
// if it occurred, its cost.
//
// Risks that fail [Assess] make it return the same errors (prefixed with
// risks[i].), as does a duplicate id; bad options are [*FieldError]s
// wrapping [ErrOption]: Trials beyond [MaxTrials], a Confidence outside
// (0, 1), a correlation outside [0, 1], a driver without a correlation.
func Reserve(m *Matrix, risks []Risk, o *ReserveOptions) (Contingency, error) {
	opt, drivers, err := reserveOptions(o)
	if err != nil {
		return Contingency{}, err
	}
	sims, err := simRisks(m, risks, opt, drivers)
	if err != nil {
		return Contingency{}, err
	}
	rho := make([]float64, len(drivers))
	for k, d := range drivers {
		rho[k] = opt.Drivers[d]
	}
	return simulate(sims, rho, opt), nil
}

func reserveOptions(o *ReserveOptions) (ReserveOptions, []string, error) {
	var opt ReserveOptions
	if o != nil {
		opt = *o
	}
	c := &checker{}
	switch {
	case opt.Trials == 0:
		opt.Trials = 10_000
	case opt.Trials < 0 || opt.Trials > MaxTrials:
		c.fail("trials", strconv.Itoa(opt.Trials), ErrOption, "trials are 1 to %d", MaxTrials)
	}
	switch {
	case opt.Confidence == 0:
		opt.Confidence = 0.9
	case !(opt.Confidence > 0 && opt.Confidence < 1):
		c.fail("confidence", strconv.FormatFloat(opt.Confidence, 'g', -1, 64), ErrOption, "a confidence lies within (0, 1)")
	}
	drivers := slices.Sorted(maps.Keys(opt.Drivers))
	for _, d := range drivers {
		if r := opt.Drivers[d]; !(r >= 0 && r <= 1) {
			c.fail("drivers."+d, strconv.FormatFloat(r, 'g', -1, 64), ErrOption, "a correlation lies within [0, 1]")
		}
	}
	return opt, drivers, c.err()
}

// simRisks assesses the risks and turns the open ones into draws.
func simRisks(m *Matrix, risks []Risk, opt ReserveOptions, drivers []string) ([]simRisk, error) {
	if err := m.built(); err != nil {
		return nil, err
	}
	as, err := m.assessAll(risks)
	if err != nil {
		return nil, err
	}
	c := checker{list: "risks"}
	sims := make([]simRisk, 0, len(risks))
	for k, a := range as {
		r := &risks[k]
		c.index = k
		side, im := a.Residual, r.Impact
		if opt.Inherent {
			side = a.Inherent
		} else if !r.Response.ResidualImpact.IsZero() {
			im = r.Response.ResidualImpact
		}
		if r.Status == Closed || side.Eliminated || side.Probability.IsZero() {
			continue
		}
		s := simRisk{id: r.ID, p: side.Probability.InexactFloat64(), driver: -1, sign: 1}
		if r.Kind == Opportunity {
			s.sign = -1
		}
		s.cost = newCost(im.Shape, im.Min.InexactFloat64(), im.Money.InexactFloat64(), im.Max.InexactFloat64())
		if r.Driver != "" {
			d, found := slices.BinarySearch(drivers, r.Driver)
			if !found {
				c.fail("driver", r.Driver, ErrOption, "no correlation for the driver in ReserveOptions.Drivers")
				continue
			}
			s.driver = d
			s.threshold = math.Inf(1)
			if s.p < 1 {
				s.threshold = normalQuantile(s.p)
			}
		}
		sims = append(sims, s)
	}
	return sims, c.err()
}

// simulate runs the trials once for the totals, keeping the generator's
// state at the start of each trial (40 bytes a trial, 48 with its total),
// then replays only the tail trials to split the tail among the risks.
// Replaying the tail alone instead of every trial: BenchmarkReserve, five
// pairs back to back under a load average of 5 to 8, 51–60 ms (one run
// 120) against 86–134 ms.
func simulate(sims []simRisk, rho []float64, opt ReserveOptions) Contingency {
	n := opt.Trials
	totals := make([]float64, n)
	sums := make([]float64, len(sims))
	hits := make([]int, len(sims))
	starts := make([]samplerState, n)
	tr := newTrials(sims, rho, opt.Seed)
	for t := range n {
		tr.s.save(&starts[t])
		tr.draw(func(k int, c float64) {
			totals[t] += c
			sums[k] += c
			hits[k]++
		})
	}
	sorted := slices.Clone(totals)
	slices.Sort(sorted)
	quantile := func(q float64) float64 {
		rank := decimal.NewFromFloat(q).Mul(decimal.NewFromInt(int64(n))).Ceil().IntPart()
		return sorted[max(rank, 1)-1]
	}
	mean := 0.0
	for _, x := range totals {
		mean += x
	}
	mean /= float64(n)
	ss := 0.0
	for _, x := range totals {
		ss += float64((x - mean) * (x - mean))
	}
	sd := 0.0
	if n > 1 {
		sd = math.Sqrt(ss / float64(n-1))
	}
	edge := quantile(opt.Confidence)

	tail := make([]float64, len(sims))
	tailHits := make([]int, len(sims))
	inTail := 0
	for t, x := range totals {
		if x < edge {
			continue
		}
		inTail++
		tr.s.restore(&starts[t])
		tr.draw(func(k int, c float64) {
			tail[k] += c
			tailHits[k]++
		})
	}
	out := Contingency{
		Trials: n, Seed: opt.Seed, Confidence: opt.Confidence,
		Mean: money(mean), StdDev: money(sd), P50: money(quantile(0.5)), P80: money(quantile(0.8)),
		P90: money(quantile(0.9)), Reserve: money(edge), Tail: make([]Contribution, len(sims)),
	}
	tailSum := 0.0
	for k := range sims {
		tailSum += tail[k] / float64(inTail)
	}
	for k, s := range sims {
		tm := tail[k] / float64(inTail)
		c := Contribution{
			ID: s.id, Mean: money(sums[k] / float64(n)), TailMean: money(tm),
			Occurrence: float64(hits[k]) / float64(n), TailOccurrence: float64(tailHits[k]) / float64(inTail),
		}
		if tailSum != 0 {
			c.Share = tm / tailSum
		}
		out.Tail[k] = c
	}
	slices.SortStableFunc(out.Tail, func(a, b Contribution) int {
		if c := b.TailMean.Cmp(a.TailMean); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return out
}

// trials draws trials of one simulation from one sampler.
type trials struct {
	sims                 []simRisk
	s                    *sampler
	factor, load, spread []float64 // per driver: F, √ρ, √(1−ρ)
}

func newTrials(sims []simRisk, rho []float64, seed uint64) *trials {
	tr := &trials{sims: sims, s: newSampler(seed),
		factor: make([]float64, len(rho)), load: make([]float64, len(rho)), spread: make([]float64, len(rho))}
	for d, r := range rho {
		tr.load[d], tr.spread[d] = math.Sqrt(r), math.Sqrt(1-r)
	}
	return tr
}

// draw draws one trial: every driver's factor, then every risk's
// occurrence and, if it occurs, its cost, calling occur(risk, cost).
func (tr *trials) draw(occur func(k int, c float64)) {
	s := tr.s
	for d := range tr.factor {
		tr.factor[d] = s.normal()
	}
	for k := range tr.sims {
		r := &tr.sims[k]
		var occurs bool
		if r.driver < 0 {
			occurs = s.uniform() < r.p
		} else {
			d := r.driver
			occurs = float64(tr.load[d]*tr.factor[d])+float64(tr.spread[d]*s.normal()) < r.threshold
		}
		if occurs {
			occur(k, float64(r.sign*r.cost.draw(s)))
		}
	}
}

// money writes a statistic as a decimal: its shortest decimal form,
// rounded half up to MoneyPlaces.
func money(x float64) decimal.Decimal {
	if x == 0 || math.IsNaN(x) || math.IsInf(x, 0) {
		return zero
	}
	return decimal.NewFromFloat(x).Round(MoneyPlaces)
}
