package forecast_test

import (
	"maps"
	"math"
	"math/big"
	"math/rand/v2"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/saleskit/saleskit/forecast"
	"github.com/shopspring/decimal"
)

// Second implementations, written from the documentation rather than from
// the package's code, for the cross-checks and the fuzz targets.

// naivePipeline computes the forecast of deals the slow, obvious way: each
// deal's weighted amount as a decimal product, the probability first
// printed to nine places, the product rounded half to even; then sums per
// period and category in maps of decimals. It returns, per period start,
// the five category totals (amount and weighted) and the expected amount.
type naiveTotals struct {
	amount, weighted [6]decimal.Decimal
	deals            [6]int64
	expected         decimal.Decimal
}

func naivePipeline(stages forecast.Stages, places int32, grain forecast.Grain, fiscal int, deals []forecast.Deal) map[forecast.Date]*naiveTotals {
	out := map[forecast.Date]*naiveTotals{}
	for _, d := range deals {
		var st forecast.Stage
		for _, s := range stages {
			if s.Key == d.Stage {
				st = s
			}
		}
		p := st.Probability
		if d.Probability != nil && st.Outcome == forecast.Open {
			p = *d.Probability
		}
		cat := st.Category
		if d.Category != forecast.CategoryUnset {
			cat = d.Category
		}
		p9 := decimal.RequireFromString(strconv.FormatFloat(p, 'f', 9, 64))
		w := d.Amount.Mul(p9).RoundBank(places)
		start := forecast.PeriodOf(d.CloseDate, grain, time.Month(fiscal)).Start
		t := out[start]
		if t == nil {
			t = &naiveTotals{}
			for i := range t.amount {
				t.amount[i], t.weighted[i] = decimal.Zero, decimal.Zero
			}
			t.expected = decimal.Zero
			out[start] = t
		}
		t.amount[cat] = t.amount[cat].Add(d.Amount)
		t.weighted[cat] = t.weighted[cat].Add(w)
		t.deals[cat]++
		if cat != forecast.CategoryOmitted {
			t.expected = t.expected.Add(w)
		}
	}
	return out
}

// naiveSimulate follows Simulate's documented procedure step by step, with
// its own threshold arithmetic (big floats) and statistics (a full sort,
// nearest ranks).
func naiveSimulate(ps []forecast.Prospect, quota decimal.Decimal, seed uint64, trials, periods int) forecast.Simulation {
	src := rand.NewPCG(seed, 0x9e3779b97f4a7c15)
	thr := func(x float64) uint64 {
		f := new(big.Float).SetFloat64(x)
		f.SetMantExp(f, 63)
		u, _ := f.Uint64() // truncates: the floor
		return u
	}
	totals := make([][]float64, trials)
	for t := range totals {
		totals[t] = make([]float64, periods+1)
	}
	for _, p := range ps {
		ranged := !p.Low.IsZero() || !p.High.IsZero()
		lo, hi := p.Low.InexactFloat64(), p.High.InexactFloat64()
		here, won := thr(p.Probability*(1-p.Slip)), thr(p.Probability)
		for t := range trials {
			v := src.Uint64() >> 1
			a := p.Amount.InexactFloat64()
			if ranged {
				w := src.Uint64()
				a = lo + (float64(w>>11)/(1<<53))*(hi-lo)
			}
			period := -1
			if v < here {
				period = p.Period
			} else if v < won {
				period = p.Period + 1
			}
			if period >= 0 && period < periods {
				totals[t][period] += a
			}
		}
	}
	for t := range totals {
		for p := range periods {
			totals[t][periods] += totals[t][p]
		}
	}
	summary := func(col []float64) forecast.Summary {
		var sum float64
		for _, v := range col {
			sum += v
		}
		m := sum / float64(len(col))
		var ss float64
		for _, v := range col {
			ss += (v - m) * (v - m)
		}
		s := slices.Clone(col)
		sort.Float64s(s)
		rank := func(q float64) float64 { return s[int(math.Ceil(q*float64(len(s))))-1] }
		return forecast.Summary{Mean: m, StdDev: math.Sqrt(ss / float64(len(col))), P10: rank(0.1), P50: rank(0.5),
			P90: rank(0.9), Min: s[0], Max: s[len(s)-1]}
	}
	out := forecast.Simulation{Trials: trials, Seed: seed, Quota: quota}
	col := make([]float64, trials)
	for p := 0; p <= periods; p++ {
		for t := range trials {
			col[t] = totals[t][p]
		}
		if p < periods {
			out.Periods = append(out.Periods, summary(col))
		} else {
			out.Total = summary(col)
		}
	}
	q := quota.InexactFloat64()
	hits := 0
	for t := range trials {
		if totals[t][periods] >= q {
			hits++
		}
	}
	out.HitProbability = float64(hits) / float64(trials)
	return out
}

// exactOutcomes enumerates every outcome of up to a dozen prospects with
// fixed amounts (lost, won in period, won and slipped: 3ⁿ outcomes) and
// returns the exact mean of the horizon's bookings and the exact chance
// that they reach quota.
func exactOutcomes(ps []forecast.Prospect, quota float64, periods int) (mean, hit float64) {
	var walk func(i int, total, prob float64)
	walk = func(i int, total, prob float64) {
		if prob == 0 {
			return
		}
		if i == len(ps) {
			mean += prob * total
			if total >= quota {
				hit += prob
			}
			return
		}
		p := ps[i]
		a := p.Amount.InexactFloat64()
		walk(i+1, total, prob*(1-p.Probability))
		in := 0.0
		if p.Period < periods {
			in = a
		}
		walk(i+1, total+in, prob*p.Probability*(1-p.Slip))
		in = 0
		if p.Period+1 < periods {
			in = a
		}
		walk(i+1, total+in, prob*p.Probability*p.Slip)
	}
	walk(0, 0, 1)
	return mean, hit
}

// naiveOdoo scores a deal the way Odoo's crm_lead.py does, transliterated
// from its predictive lead scoring: a frequency table per team of
// (field, value) → won/lost counts, records created at +0.1, a won lead
// counted at every stage and a lost one at every stage up to its own, the
// team's table or, for a lead without a known team, the sum of every
// team's; the prior from the first stage, the stage's likelihood over the
// team totals, other fields' over their own totals; the result rounded to
// two decimals of a percent and clamped to [0.01, 99.99].
func naiveOdoo(stages []string, history []forecast.ClosedDeal, d forecast.OpenDeal) (float64, bool) {
	type wl struct{ won, lost float64 }
	// new frequencies per team: field → value → counts
	freq := map[string]map[string]map[string]*wl{}
	inc := func(team, field, value string, won, lost float64) {
		if freq[team] == nil {
			freq[team] = map[string]map[string]*wl{}
		}
		if freq[team][field] == nil {
			freq[team][field] = map[string]*wl{}
		}
		c := freq[team][field][value]
		if c == nil {
			c = &wl{}
			freq[team][field][value] = c
		}
		c.won += won
		c.lost += lost
	}
	for _, h := range history {
		won, lost := 0.0, 0.0
		if h.Outcome == forecast.Won {
			won = 1
		} else {
			lost = 1
		}
		seq := slices.Index(stages, h.Stage)
		for i, s := range stages {
			if won == 1 || i <= seq {
				inc(h.Team, "stage_id", s, won, lost)
			}
		}
		for f, v := range h.Fields {
			if v != "" {
				inc(h.Team, f, v, won, lost)
			}
		}
	}
	// the frequency records, +0.1 each; result[-1] sums every team's
	type fieldResult struct {
		values              map[string]wl
		wonTotal, lostTotal float64
	}
	result := map[string]map[string]*fieldResult{}
	add := func(team, field, value string, c wl) {
		if result[team] == nil {
			result[team] = map[string]*fieldResult{}
		}
		fr := result[team][field]
		if fr == nil {
			fr = &fieldResult{values: map[string]wl{}}
			result[team][field] = fr
		}
		v := fr.values[value]
		v.won += c.won
		v.lost += c.lost
		fr.values[value] = v
		fr.wonTotal += c.won
		fr.lostTotal += c.lost
	}
	for _, team := range slices.Sorted(maps.Keys(freq)) {
		fields := freq[team]
		for _, f := range slices.Sorted(maps.Keys(fields)) {
			vals := fields[f]
			for _, v := range slices.Sorted(maps.Keys(vals)) {
				c := wl{vals[v].won + 0.1, vals[v].lost + 0.1}
				if team != "" {
					add(team, f, v, c)
				}
				add("\x00all", f, v, c)
			}
		}
	}
	key := d.Team
	if _, ok := result[key]; !ok || key == "" {
		key = "\x00all"
	}
	tr := result[key]
	if tr == nil || tr["stage_id"] == nil {
		return 0, false
	}
	first, ok := tr["stage_id"].values[stages[0]]
	if !ok {
		return 0, false
	}
	teamWon, teamLost := first.won, first.lost
	sWon, sLost := teamWon/(teamWon+teamLost), teamLost/(teamWon+teamLost)
	values := [][2]string{{"stage_id", d.Stage}}
	for _, f := range slices.Sorted(maps.Keys(d.Fields)) {
		values = append(values, [2]string{f, d.Fields[f]})
	}
	for _, fv := range values {
		fr := tr[fv[0]]
		if fr == nil {
			continue
		}
		v, ok := fr.values[fv[1]]
		if !ok {
			continue
		}
		tw, tl := fr.wonTotal, fr.lostTotal
		if fv[0] == "stage_id" {
			tw, tl = teamWon, teamLost
		}
		sWon *= v.won / tw
		sLost *= v.lost / tl
	}
	p := sWon / (sWon + sLost)
	// Python: min(max(round(100 * p, 2), 0.01), 99.99), a percent; as a
	// fraction, the nearest float64 to it over 100
	pct, _ := strconv.ParseFloat(strconv.FormatFloat(100*p, 'f', 2, 64), 64)
	pct = math.Min(math.Max(pct, 0.01), 99.99)
	hundredths, _ := strconv.ParseInt(strings.Replace(strconv.FormatFloat(pct, 'f', 2, 64), ".", "", 1), 10, 64)
	f, _ := big.NewRat(hundredths, 10000).Float64()
	return f, true
}

// naiveBacktest runs a rolling-origin backtest with plain loops and
// returns every (actual, forecast, scale) triple in order.
func naiveBacktest(y []float64, m forecast.Model, initial, horizon, step, lag int) ([][3]float64, error) {
	var out [][3]float64
	for o := initial; o+horizon <= len(y); o += step {
		f, err := m.Fit(y[:o])
		if err != nil {
			return nil, err
		}
		p, err := f.Forecast(horizon, nil)
		if err != nil {
			return nil, err
		}
		var scale float64
		for t := lag; t < o; t++ {
			scale += math.Abs(y[t] - y[t-lag])
		}
		scale /= float64(o - lag)
		for k := range horizon {
			out = append(out, [3]float64{y[o+k], p.Point[k], scale})
		}
	}
	return out, nil
}
