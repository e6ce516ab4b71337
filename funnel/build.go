package funnel

import (
	"cmp"
	"slices"
	"time"

	"github.com/shopspring/decimal"
)

// build turns a tally into a report.
func (a *Analyzer) build(t *tally, o *ReportOptions) Report {
	l := a.lay
	n := len(l.path)
	rep := Report{
		Mode:   o.Mode,
		AsOf:   utc(o.AsOf),
		Window: o.Window,
		Deals:  t.deals,
		Events: t.events,
		Stages: make([]StageReport, n),
		Losses: make([]Loss, len(l.lost)),
	}
	// entered[k] is the number of deals whose furthest counted stage is k or
	// beyond: a suffix sum over the buckets.
	var (
		above    int // deals counted beyond k
		aboveAmt money
	)
	for k := n - 1; k >= 0; k-- {
		var here int
		var hereAmt money
		for f := range nFates {
			here += t.bucket[k][f]
			hereAmt.merge(t.bucketAmt[k][f])
		}
		advAmt := aboveAmt
		advAmt.merge(t.bucketAmt[k][fateAdvanced])
		enteredAmt := aboveAmt
		enteredAmt.merge(hereAmt)
		st := a.stages[l.path[k]]
		rep.Stages[k] = StageReport{
			Key:            st.Key,
			Outcome:        st.Outcome,
			Entered:        above + here,
			EnteredAmount:  enteredAmt.value(),
			Skipped:        t.skipped[k],
			Reentered:      t.reentered[k],
			Regressed:      t.regressed[k],
			AdvancedAmount: decimal.Zero,
			LostAmount:     decimal.Zero,
			OpenAmount:     decimal.Zero,
			WeightedAmount: decimal.Zero,
		}
		if k < l.won {
			sr := &rep.Stages[k]
			sr.Advanced = above + t.bucket[k][fateAdvanced]
			sr.AdvancedAmount = advAmt.value()
			sr.Lost = t.bucket[k][fateLost]
			sr.LostAmount = t.bucketAmt[k][fateLost].value()
			sr.Open = t.bucket[k][fateOpen]
			sr.OpenAmount = t.bucketAmt[k][fateOpen].value()
			sr.Latest = t.latestD[k]
			sr.Cumulative = t.cumD[k]
		}
		above += here
		aboveAmt = enteredAmt
	}
	top := rep.Stages[0].Entered
	wonEntered := rep.Stages[l.won].Entered
	weighted := decimal.Zero
	for k := range rep.Stages {
		sr := &rep.Stages[k]
		prev := top
		if k > 0 {
			prev = rep.Stages[k-1].Entered
		}
		sr.Conversion = Wilson(sr.Entered, prev)
		sr.FromTop = Wilson(sr.Entered, top)
		st := a.stages[l.path[k]]
		switch {
		case st.Probability > 0:
			sr.Probability = st.Probability
		case k == l.won:
			sr.Probability = 1
		case sr.Entered > 0:
			sr.Probability = float64(wonEntered) / float64(sr.Entered)
		}
		if k < l.won {
			sr.WeightedAmount = sr.OpenAmount.Mul(decimal.NewFromFloat(sr.Probability)).Round(2)
			weighted = weighted.Add(sr.WeightedAmount)
		}
	}
	for i, si := range l.lost {
		rep.Losses[i] = Loss{Key: a.stages[si].Key, Deals: t.lostBy[i], Amount: t.lostByAmt[i].value()}
	}
	ov := &rep.Overall
	ov.Open, ov.Won, ov.Lost = t.outcome[Open], t.outcome[Won], t.outcome[Lost]
	ov.OpenAmount = t.outcomeAmt[Open].value()
	ov.WonAmount = t.outcomeAmt[Won].value()
	ov.LostAmount = t.outcomeAmt[Lost].value()
	ov.WeightedAmount = weighted
	closed := ov.Won + ov.Lost
	ov.WinRate = Wilson(ov.Won, closed)
	ov.AverageWon = decimal.Zero
	if ov.Won > 0 {
		ov.AverageWon = ov.WonAmount.DivRound(decimal.NewFromInt(int64(ov.Won)), 2)
	}
	ov.Cycle = t.cycleD
	ov.Velocity = decimal.Zero
	if ov.Won > 0 && t.cycleSum != (u128{}) {
		num := ov.WonAmount.Mul(decimal.NewFromInt(int64(ov.Open))).
			Mul(decimal.NewFromInt(int64(ov.Won))).Mul(decimal.NewFromInt(int64(24 * time.Hour)))
		den := decimal.NewFromInt(int64(closed)).Mul(t.cycleSum.decimal())
		ov.Velocity = num.DivRound(den, 2)
	}
	ov.Reopened, ov.Regressed, ov.Regressions = t.reopened, t.regressedN, t.backs
	for r, perStage := range t.ignored {
		for s, c := range perStage {
			if c > 0 {
				rep.Ignored = append(rep.Ignored, Ignored{Cause: Cause(r), Stage: a.keys[s], Events: c})
			}
		}
	}
	sortIgnored(rep.Ignored)
	rep.Bottleneck = bottleneck(rep.Stages, l.won, o.Benchmark)
	return rep
}

func sortIgnored(ig []Ignored) {
	slices.SortFunc(ig, func(x, y Ignored) int {
		if c := cmp.Compare(x.Cause, y.Cause); c != 0 {
			return c
		}
		return cmp.Compare(x.Stage, y.Stage)
	})
}
