package funnel_test

import (
	"cmp"
	"math/big"
	"slices"
	"time"

	"github.com/saleskit/saleskit/funnel"
	"github.com/shopspring/decimal"
)

// naiveReport is the second implementation: a straightforward per-deal
// replay over plain Events, written from the documentation rather than from
// the analyzer's code. It groups events in a map, sorts them, counts each
// stage directly, and does its money in decimals and its averages in big
// numbers. Events with unknown stages are skipped and counted.
func naiveReport(stages funnel.Stages, events []funnel.Event, o funnel.ReportOptions) funnel.Report {
	idx := map[string]int{}
	for i, s := range stages {
		idx[s.Key] = i
	}
	var path []int
	for i, s := range stages {
		if s.Outcome == funnel.Open {
			path = append(path, i)
		}
	}
	won := len(path)
	for i, s := range stages {
		if s.Outcome == funnel.Won {
			path = append(path, i)
		}
	}
	pos := map[int]int{}
	for p, i := range path {
		pos[i] = p
	}

	unknown := map[string]int{}
	byDeal := map[string][]funnel.Event{}
	var order []string
	for _, e := range events {
		if _, ok := idx[e.Stage]; !ok {
			unknown[e.Stage]++
			continue
		}
		if _, ok := byDeal[e.Deal]; !ok {
			order = append(order, e.Deal)
		}
		byDeal[e.Deal] = append(byDeal[e.Deal], e)
	}

	type dealResult struct {
		key      string
		counted  int // furthest counted path position, -1 none
		advanced bool
		outcome  funnel.Outcome
		final    int
		amount   decimal.Decimal
		entered  map[int]bool
		skipped  map[int]bool
		reenter  map[int]bool
		regress  map[int]bool
		latest   map[int]time.Duration
		cum      map[int]time.Duration
		backs    int
		reopened bool
		cycle    time.Duration
		events   int
		ignored  map[funnel.Ignored]int
	}
	var results []dealResult
	deadIgnored := map[funnel.Ignored]int{}
	for _, id := range order {
		evs := byDeal[id]
		d := funnel.Deal{ID: id}
		var ownerAt, sourceAt funnel.Event
		for _, e := range evs {
			if !o.AsOf.IsZero() && e.Time.After(o.AsOf) {
				continue // names in force at AsOf
			}
			if e.Owner != "" {
				if d.Owner == "" || later(e, ownerAt, idx) || (same(e, ownerAt, idx) && e.Owner > d.Owner) {
					d.Owner, ownerAt = e.Owner, e
				}
			}
			if e.Source != "" {
				if d.Source == "" || later(sourceAt, e, idx) || (same(e, sourceAt, idx) && e.Source < d.Source) {
					d.Source, sourceAt = e.Source, e
				}
			}
		}
		slices.SortFunc(evs, func(x, y funnel.Event) int {
			if c := x.Time.Compare(y.Time); c != 0 {
				return c
			}
			if c := cmp.Compare(idx[x.Stage], idx[y.Stage]); c != 0 {
				return c
			}
			return y.Amount.Cmp(x.Amount)
		})
		ign := map[funnel.Ignored]int{}
		var kept []funnel.Event
		for i, e := range evs {
			if i > 0 && e.Time.Equal(evs[i-1].Time) && e.Stage == evs[i-1].Stage {
				ign[funnel.Ignored{Cause: funnel.Duplicate, Stage: e.Stage}]++
				continue
			}
			kept = append(kept, e)
		}
		if !o.AsOf.IsZero() {
			var in []funnel.Event
			for _, e := range kept {
				if e.Time.After(o.AsOf) {
					ign[funnel.Ignored{Cause: funnel.AfterAsOf, Stage: e.Stage}]++
				} else {
					in = append(in, e)
				}
			}
			kept = in
		}
		if len(kept) == 0 {
			for k, v := range ign {
				deadIgnored[k] += v
			}
			continue
		}
		created := kept[0].Time
		end := o.AsOf
		if o.Window > 0 {
			limit := created.Add(o.Window)
			var in []funnel.Event
			for _, e := range kept {
				if e.Time.After(limit) {
					ign[funnel.Ignored{Cause: funnel.OutsideWindow, Stage: e.Stage}]++
				} else {
					in = append(in, e)
				}
			}
			kept = in
			if limit.Before(end) {
				end = limit
			}
		}
		r := dealResult{
			counted: -1, entered: map[int]bool{}, skipped: map[int]bool{}, reenter: map[int]bool{},
			regress: map[int]bool{}, latest: map[int]time.Duration{}, cum: map[int]time.Duration{},
			events: len(kept), ignored: ign,
		}
		cur, enteredAt := -1, time.Time{}
		furthest, chain, broken := -1, -1, false
		visited := map[int]bool{}
		stay := func(p int, until time.Time) {
			dur := until.Sub(enteredAt)
			r.latest[p] = dur
			r.cum[p] += dur
		}
		for _, e := range kept {
			s := idx[e.Stage]
			if s == cur {
				continue
			}
			p, onPath := pos[s]
			if cur >= 0 {
				cp, curOnPath := pos[cur]
				if curOnPath && cp < won {
					stay(cp, e.Time)
					if onPath && p < cp {
						r.backs++
						r.regress[cp] = true
					}
				} else {
					r.reopened = true
				}
			}
			if onPath {
				if visited[p] {
					r.reenter[p] = true
				}
				visited[p] = true
				if p > furthest {
					if p > furthest+1 {
						for q := furthest + 1; q < p; q++ {
							r.skipped[q] = true
						}
						broken = true
					} else if !broken {
						chain = p
					}
					furthest = p
				}
			}
			cur, enteredAt = s, e.Time
		}
		if cp, ok := pos[cur]; ok && cp < won && !o.AsOf.IsZero() && !end.Before(enteredAt) {
			stay(cp, end)
		}
		r.final = cur
		r.outcome = stages[cur].Outcome
		r.amount = kept[len(kept)-1].Amount
		if r.outcome == funnel.Won {
			r.cycle = enteredAt.Sub(created)
		}
		r.counted = furthest
		if o.Mode == funnel.Strict {
			r.counted = chain
		}
		r.advanced = furthest > r.counted
		d.Created = created.UTC()
		d.Stage = stages[cur].Key
		d.Outcome = r.outcome
		if o.By != nil {
			r.key = o.By.Segment(d)
		}
		results = append(results, r)
	}

	build := func(rs []dealResult, extra map[funnel.Ignored]int) funnel.Report {
		rep := funnel.Report{Mode: o.Mode, AsOf: o.AsOf, Window: o.Window}
		ignored := map[funnel.Ignored]int{}
		for k, v := range extra {
			ignored[k] += v
		}
		for p, si := range path {
			st := funnel.StageReport{Key: stages[si].Key, Outcome: stages[si].Outcome}
			st.EnteredAmount, st.AdvancedAmount, st.LostAmount, st.OpenAmount = decimal.Zero, decimal.Zero, decimal.Zero, decimal.Zero
			var latest, cum []time.Duration
			for _, r := range rs {
				if r.skipped[p] {
					st.Skipped++
				}
				if r.reenter[p] {
					st.Reentered++
				}
				if r.regress[p] {
					st.Regressed++
				}
				if d, ok := r.latest[p]; ok {
					latest = append(latest, d)
					cum = append(cum, r.cum[p])
				}
				if p > r.counted {
					continue
				}
				st.Entered++
				st.EnteredAmount = st.EnteredAmount.Add(r.amount)
				if p == won {
					continue
				}
				switch {
				case p < r.counted || r.advanced:
					st.Advanced++
					st.AdvancedAmount = st.AdvancedAmount.Add(r.amount)
				case r.outcome == funnel.Lost:
					st.Lost++
					st.LostAmount = st.LostAmount.Add(r.amount)
				default:
					st.Open++
					st.OpenAmount = st.OpenAmount.Add(r.amount)
				}
			}
			if p < won {
				st.Latest, st.Cumulative = naiveDurations(latest), naiveDurations(cum)
			}
			rep.Stages = append(rep.Stages, st)
		}
		top := rep.Stages[0].Entered
		weighted := decimal.Zero
		for p := range rep.Stages {
			st := &rep.Stages[p]
			prev := top
			if p > 0 {
				prev = rep.Stages[p-1].Entered
			}
			st.Conversion = funnel.Wilson(st.Entered, prev)
			st.FromTop = funnel.Wilson(st.Entered, top)
			switch def := stages[path[p]].Probability; {
			case def > 0:
				st.Probability = def
			case p == won:
				st.Probability = 1
			case st.Entered > 0:
				st.Probability = float64(rep.Stages[won].Entered) / float64(st.Entered)
			}
			st.WeightedAmount = decimal.Zero
			if p < won {
				st.WeightedAmount = st.OpenAmount.Mul(decimal.NewFromFloat(st.Probability)).Round(2)
				weighted = weighted.Add(st.WeightedAmount)
			}
		}
		ov := &rep.Overall
		ov.OpenAmount, ov.WonAmount, ov.LostAmount = decimal.Zero, decimal.Zero, decimal.Zero
		var cycles []time.Duration
		cycleSum := new(big.Int)
		for _, s := range stages {
			if s.Outcome == funnel.Lost {
				rep.Losses = append(rep.Losses, funnel.Loss{Key: s.Key, Amount: decimal.Zero})
			}
		}
		for _, r := range rs {
			rep.Deals++
			rep.Events += r.events
			for k, v := range r.ignored {
				ignored[k] += v
			}
			switch r.outcome {
			case funnel.Open:
				ov.Open++
				ov.OpenAmount = ov.OpenAmount.Add(r.amount)
			case funnel.Won:
				ov.Won++
				ov.WonAmount = ov.WonAmount.Add(r.amount)
				cycles = append(cycles, r.cycle)
				cycleSum.Add(cycleSum, big.NewInt(int64(r.cycle)))
			case funnel.Lost:
				ov.Lost++
				ov.LostAmount = ov.LostAmount.Add(r.amount)
				for i := range rep.Losses {
					if rep.Losses[i].Key == stages[r.final].Key {
						rep.Losses[i].Deals++
						rep.Losses[i].Amount = rep.Losses[i].Amount.Add(r.amount)
					}
				}
			}
			if r.reopened {
				ov.Reopened++
			}
			if len(r.regress) > 0 {
				ov.Regressed++
			}
			ov.Regressions += r.backs
		}
		ov.WeightedAmount = weighted
		ov.WinRate = funnel.Wilson(ov.Won, ov.Won+ov.Lost)
		ov.AverageWon = decimal.Zero
		if ov.Won > 0 {
			avg := new(big.Rat).SetFrac(ov.WonAmount.Coefficient(), big.NewInt(int64(ov.Won)))
			avg.Mul(avg, ratPow10(ov.WonAmount.Exponent()))
			ov.AverageWon = roundRat(avg)
		}
		ov.Cycle = naiveDurations(cycles)
		ov.Velocity = decimal.Zero
		if ov.Won > 0 && cycleSum.Sign() > 0 {
			// open × (won ÷ closed) × (wonAmount ÷ won) ÷ ((Σcycle ÷ won) ÷ day)
			v := new(big.Rat).SetInt64(int64(ov.Open))
			v.Mul(v, big.NewRat(int64(ov.Won), int64(ov.Won+ov.Lost)))
			amt := new(big.Rat).SetInt(ov.WonAmount.Coefficient())
			amt.Mul(amt, ratPow10(ov.WonAmount.Exponent()))
			v.Mul(v, amt.Quo(amt, new(big.Rat).SetInt64(int64(ov.Won))))
			days := new(big.Rat).SetFrac(cycleSum, big.NewInt(int64(ov.Won)))
			days.Quo(days, new(big.Rat).SetInt64(int64(24*time.Hour)))
			ov.Velocity = roundRat(v.Quo(v, days))
		}
		for k, v := range ignored {
			k.Events = v
			rep.Ignored = append(rep.Ignored, k)
		}
		slices.SortFunc(rep.Ignored, func(x, y funnel.Ignored) int {
			if c := cmp.Compare(x.Cause, y.Cause); c != 0 {
				return c
			}
			return cmp.Compare(x.Stage, y.Stage)
		})
		rep.Bottleneck = naiveBottleneck(rep.Stages, won, o.Benchmark)
		return rep
	}

	extra := map[funnel.Ignored]int{}
	for k, v := range deadIgnored {
		extra[k] = v
	}
	for k, v := range unknown {
		extra[funnel.Ignored{Cause: funnel.UnknownStage, Stage: k}] = v
	}
	rep := build(results, extra)
	if o.By != nil {
		groups := map[string][]dealResult{}
		for _, r := range results {
			groups[r.key] = append(groups[r.key], r)
		}
		for k, rs := range groups {
			rep.Segments = append(rep.Segments, funnel.Segment{Key: k, Report: build(rs, nil)})
		}
		slices.SortFunc(rep.Segments, func(x, y funnel.Segment) int { return cmp.Compare(x.Key, y.Key) })
	}
	return rep
}

// later reports whether x comes after y by time, then stage order.
func later(x, y funnel.Event, idx map[string]int) bool {
	if !x.Time.Equal(y.Time) {
		return x.Time.After(y.Time)
	}
	return idx[x.Stage] > idx[y.Stage]
}

func same(x, y funnel.Event, idx map[string]int) bool {
	return x.Time.Equal(y.Time) && idx[x.Stage] == idx[y.Stage]
}

// naiveDurations sorts a copy and reads nearest ranks.
func naiveDurations(ds []time.Duration) funnel.Durations {
	if len(ds) == 0 {
		return funnel.Durations{}
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	sum := new(big.Int)
	for _, d := range s {
		sum.Add(sum, big.NewInt(int64(d)))
	}
	n := len(s)
	rank := func(p float64) time.Duration {
		// smallest value with at least p·n values at or below it
		for i := range s {
			if float64(i+1) >= p*float64(n)-1e-9 {
				return s[i]
			}
		}
		return s[n-1]
	}
	return funnel.Durations{
		N:      n,
		Mean:   time.Duration(sum.Quo(sum, big.NewInt(int64(n))).Int64()),
		Median: rank(0.5),
		P90:    rank(0.9),
	}
}

func naiveBottleneck(st []funnel.StageReport, won int, bench map[string]float64) funnel.Bottleneck {
	var best funnel.Bottleneck
	bestScore := 0.0
	for k := 0; k < won; k++ {
		if st[k].Entered == 0 {
			continue
		}
		b, ok := bench[st[k].Key]
		if len(bench) == 0 {
			hits, trials := 0, 0
			for i := 0; i < won; i++ {
				if i != k {
					hits += st[i+1].Entered
					trials += st[i].Entered
				}
			}
			if trials == 0 {
				continue
			}
			b, ok = float64(hits)/float64(trials), true
		}
		if !ok || b <= 0 {
			continue
		}
		c := st[k+1].Conversion
		if s := c.High / b; !best.Found || s < bestScore {
			bestScore = s
			best = funnel.Bottleneck{Found: true, From: st[k].Key, To: st[k+1].Key, Conversion: c,
				Benchmark: b, Benchmarked: len(bench) > 0, Significant: c.High < b}
		}
	}
	return best
}

func ratPow10(exp int32) *big.Rat {
	p := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(abs(exp))), nil)
	if exp >= 0 {
		return new(big.Rat).SetInt(p)
	}
	return new(big.Rat).SetFrac(big.NewInt(1), p)
}

func abs(x int32) int32 {
	if x < 0 {
		return -x
	}
	return x
}

// roundRat rounds a non-negative rational half away from zero to 2 places.
func roundRat(r *big.Rat) decimal.Decimal {
	x := new(big.Rat).Mul(r, big.NewRat(100, 1))
	x.Add(x, big.NewRat(1, 2))
	q := new(big.Int).Quo(x.Num(), x.Denom())
	return decimal.NewFromBigInt(q, -2)
}
