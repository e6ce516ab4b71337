package risk_test

import (
	"slices"
	"sort"
	"testing"

	"github.com/saleskit/saleskit/risk"
	"github.com/shopspring/decimal"
)

// The second implementation: written from the documentation, in decimals,
// straight from the MatrixSpec every time, with no precomputed tables, no
// shared values and no fast paths. The cross-checks compare Assess,
// Register.Report, HeatMap.Place and Decide with it on generated inputs,
// and the fuzz targets on arbitrary ones.

// naiveScore returns a cell's score: the two values multiplied and rounded
// by the spec's rule, done by hand on the shifted value.
func naiveScore(s risk.MatrixSpec, p, i int) decimal.Decimal {
	x := s.Probability[p].Value.Mul(s.Impact[i].Value).Shift(s.Places) // ≥ 0
	whole := x.Floor()
	frac := x.Sub(whole)
	half := decimal.New(5, -1)
	switch s.Rounding {
	case risk.HalfUp:
		if frac.Cmp(half) >= 0 {
			whole = whole.Add(one)
		}
	case risk.HalfEven:
		if c := frac.Cmp(half); c > 0 || c == 0 && !whole.Mod(decimal.New(2, 0)).IsZero() {
			whole = whole.Add(one)
		}
	case risk.Up:
		if !frac.IsZero() {
			whole = whole.Add(one)
		}
	}
	return whole.Shift(-s.Places)
}

// naiveRating returns a cell's rating key.
func naiveRating(s risk.MatrixSpec, p, i int) string {
	if s.Cells != nil {
		return s.Cells[p][i]
	}
	score := naiveScore(s, p, i)
	rating := s.Ratings[0].Key
	for k, t := range s.Thresholds {
		if score.GreaterThanOrEqual(t) {
			rating = s.Ratings[k+1].Key
		}
	}
	return rating
}

// naiveBand returns the highest level whose band for measure starts at or
// below q, or −1.
func naiveBand(levels []risk.Level, m risk.Measure, q decimal.Decimal) int {
	found := -1
	for k, l := range levels {
		for _, b := range l.Bands {
			if b.Measure == m && b.From.LessThanOrEqual(q) {
				found = k
			}
		}
	}
	return found
}

func naiveKey(levels []risk.Level, key string) int {
	for k, l := range levels {
		if l.Key == key {
			return k
		}
	}
	return -1
}

func hasBands(levels []risk.Level, m risk.Measure) bool {
	for _, b := range levels[0].Bands {
		if b.Measure == m {
			return true
		}
	}
	return false
}

// naiveSide places one side; ok is false where it cannot.
func naiveSide(s risk.MatrixSpec, k risk.Kind, p risk.Probability, im risk.Impact) (risk.Exposure, bool) {
	pl := -1
	if p.Level != "" {
		pl = naiveKey(s.Probability, p.Level)
		if pl < 0 {
			return risk.Exposure{}, false
		}
	}
	pv := p.Value
	if !pv.IsZero() && hasBands(s.Probability, risk.MeasureProbability) {
		b := naiveBand(s.Probability, risk.MeasureProbability, pv)
		if b < 0 || pl >= 0 && b != pl {
			return risk.Exposure{}, false
		}
		pl = b
	}
	if pl < 0 {
		return risk.Exposure{}, false
	}
	if pv.IsZero() {
		pv = s.Probability[pl].Value
	}
	il := -1
	if im.Level != "" {
		il = naiveKey(s.Impact, im.Level)
	} else {
		for _, q := range []struct {
			m risk.Measure
			v decimal.Decimal
		}{{risk.MeasureMoney, im.Money}, {risk.MeasureCost, im.Cost}, {risk.MeasureSchedule, im.Schedule}, {risk.MeasureDays, im.Days}} {
			if q.v.IsZero() || !hasBands(s.Impact, q.m) {
				continue
			}
			b := naiveBand(s.Impact, q.m, q.v)
			if b < 0 {
				return risk.Exposure{}, false
			}
			il = max(il, b)
		}
	}
	if il < 0 {
		return risk.Exposure{}, false
	}
	e := risk.Exposure{
		Probability: pv, Impact: im.Money, Cell: risk.Cell{Probability: pl, Impact: il},
		ProbabilityLevel: s.Probability[pl].Key, ImpactLevel: s.Impact[il].Key,
		Score: naiveScore(s, pl, il), Rating: naiveRating(s, pl, il),
	}
	e.EMV = pv.Mul(im.Money)
	if k == risk.Threat {
		e.EMV = e.EMV.Neg()
	}
	return e, true
}

// naiveAssess assesses a risk that passed Validate.
func naiveAssess(s risk.MatrixSpec, r risk.Risk) (risk.Assessment, bool) {
	a := risk.Assessment{ID: r.ID, Kind: r.Kind, Category: r.Category, Owner: r.Owner, Status: r.Status,
		Strategy: r.Response.Strategy, Cost: decimal.Zero, Worth: decimal.Zero}
	in, ok := naiveSide(s, r.Kind, r.Probability, r.Impact)
	if !ok {
		return a, false
	}
	a.Inherent = in
	resp := r.Response
	switch resp.Strategy {
	case 0:
		a.Residual = in
		return a, true
	case risk.Avoid:
		a.Residual = risk.Exposure{Impact: in.Impact, Cell: risk.Cell{Probability: -1, Impact: -1},
			Rating: s.Ratings[0].Key, Eliminated: true}
	default:
		p, im := resp.ResidualProbability, resp.ResidualImpact
		if p.IsZero() {
			p = r.Probability
		}
		if resp.Strategy == risk.Exploit {
			p = risk.Probability{Value: one}
			if !hasBands(s.Probability, risk.MeasureProbability) {
				p.Level = s.Probability[len(s.Probability)-1].Key
			}
		}
		if im.IsZero() {
			im = r.Impact
		}
		if a.Residual, ok = naiveSide(s, r.Kind, p, im); !ok {
			return a, false
		}
	}
	for _, act := range resp.Actions {
		a.Cost = a.Cost.Add(act.Cost)
	}
	a.Worth = a.Residual.EMV.Sub(a.Inherent.EMV).Sub(a.Cost)
	return a, true
}

// naiveTotals sums assessments group by group in maps.
func naiveTotals(s risk.MatrixSpec, as []risk.Assessment) risk.Totals {
	t := risk.Totals{ByCategory: []risk.Total{}, ByOwner: []risk.Total{}}
	all := risk.Total{Inherent: decimal.Zero, Residual: decimal.Zero, Cost: decimal.Zero}
	cat, own, rat, res := map[string]risk.Total{}, map[string]risk.Total{}, map[string]risk.Total{}, map[string]risk.Total{}
	add := func(m map[string]risk.Total, key string, a risk.Assessment) {
		g := m[key]
		g.Key = key
		g.Count++
		g.Inherent = g.Inherent.Add(a.Inherent.EMV)
		g.Residual = g.Residual.Add(a.Residual.EMV)
		g.Cost = g.Cost.Add(a.Cost)
		m[key] = g
	}
	for _, a := range as {
		if a.Status == risk.Closed {
			t.Closed++
			continue
		}
		all.Count++
		all.Inherent = all.Inherent.Add(a.Inherent.EMV)
		all.Residual = all.Residual.Add(a.Residual.EMV)
		all.Cost = all.Cost.Add(a.Cost)
		add(cat, string(a.Category), a)
		add(own, a.Owner, a)
		add(rat, a.Inherent.Rating, a)
		add(res, a.Residual.Rating, a)
	}
	t.All = all
	sorted := func(m map[string]risk.Total) []risk.Total {
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		out := []risk.Total{}
		for _, k := range keys {
			out = append(out, m[k])
		}
		return out
	}
	t.ByCategory, t.ByOwner = sorted(cat), sorted(own)
	for _, r := range s.Ratings {
		t.Ratings = append(t.Ratings, r.Key)
		t.ByRating = append(t.ByRating, risk.Total{Key: r.Key, Count: rat[r.Key].Count,
			Inherent: rat[r.Key].Inherent, Residual: rat[r.Key].Residual, Cost: rat[r.Key].Cost})
		t.ByResidualRating = append(t.ByResidualRating, risk.Total{Key: r.Key, Count: res[r.Key].Count,
			Inherent: res[r.Key].Inherent, Residual: res[r.Key].Residual, Cost: res[r.Key].Cost})
	}
	return t
}

// naiveHeatMap counts open assessments per cell.
func naiveHeatMap(s risk.MatrixSpec, as []risk.Assessment) risk.HeatMap {
	h := risk.HeatMap{}
	for _, l := range s.Probability {
		h.Probability = append(h.Probability, l.Key)
		h.Inherent = append(h.Inherent, make([]int64, len(s.Impact)))
		h.Residual = append(h.Residual, make([]int64, len(s.Impact)))
	}
	for _, l := range s.Impact {
		h.Impact = append(h.Impact, l.Key)
	}
	for _, a := range as {
		if a.Status == risk.Closed {
			continue
		}
		h.Inherent[a.Inherent.Cell.Probability][a.Inherent.Cell.Impact]++
		if a.Residual.Eliminated {
			h.Eliminated++
		} else {
			h.Residual[a.Residual.Cell.Probability][a.Residual.Cell.Impact]++
		}
	}
	return h
}

// naiveDecide rolls back a valid tree by its definition: the EMV of every
// node, and the first best option of every decision.
func naiveDecide(n risk.Node) (decimal.Decimal, []string) {
	var value func(n risk.Node) decimal.Decimal
	value = func(n risk.Node) decimal.Decimal {
		v := decimal.Zero
		switch n.Kind {
		case risk.End:
			v = n.Payoff
		case risk.Chance:
			for _, c := range n.Children {
				v = v.Add(c.Probability.Mul(value(c)))
			}
		case risk.Decision:
			vals := make([]decimal.Decimal, len(n.Children))
			for k, c := range n.Children {
				vals[k] = value(c)
			}
			v = slices.MaxFunc(vals, func(a, b decimal.Decimal) int { return a.Cmp(b) })
		}
		return v.Sub(n.Cost)
	}
	var path []string
	for cur := n; cur.Kind == risk.Decision; {
		best := 0
		for k, c := range cur.Children {
			if value(c).GreaterThan(value(cur.Children[best])) {
				best = k
			}
		}
		cur = cur.Children[best]
		path = append(path, cur.Name)
	}
	return value(n), path
}

// naiveRegister assesses every risk of a register the naive way; a risk it
// cannot place fails t.
func naiveRegister(t *testing.T, s risk.MatrixSpec, rs []risk.Risk) []risk.Assessment {
	t.Helper()
	var out []risk.Assessment
	for _, r := range rs {
		a, ok := naiveAssess(s, r)
		if !ok {
			t.Fatalf("the naive assessment cannot place %+v, which Report accepted", r)
		}
		out = append(out, a)
	}
	return out
}
