package funnel

import (
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/shopspring/decimal"
)

// FlowOptions configures [Analyzer.Flow]. The zero value (or nil) means the
// pipeline is every deal in an open stage.
type FlowOptions struct {
	// Entry is the key of the open stage where the pipeline begins: deals in
	// earlier open stages are not yet pipeline. Empty means the first stage.
	Entry string `json:"entry,omitempty"`
}

// FlowLine is a number of pipeline movements and their money.
type FlowLine struct {
	Deals  int             `json:"deals"`
	Amount decimal.Decimal `json:"amount"`
}

// Equal reports whether l and m have the same count and amount value.
func (l FlowLine) Equal(m FlowLine) bool {
	return l.Deals == m.Deals && l.Amount.Equal(m.Amount)
}

// Flow explains how the pipeline changed between two instants: which deals
// came in, which went out, and how the values of those inside changed. The
// pipeline at an instant is the deals whose stage, after their events up to
// and including that instant, is an open stage at or after FlowOptions.Entry;
// a deal's value is its amount as of its latest such event.
//
// Every event in (From, To] that moves a deal across the pipeline's edge is
// one movement: into it, New when it is the deal's first event and MovedIn
// otherwise (advanced from an earlier stage, or reopened); out of it, Won or
// Lost when the deal closed, PushedOut when it moved back before Entry. A deal
// that crosses the edge twice counts twice. Inflows carry the deal's amount on
// entering, outflows its amount on leaving (a won line is the money won).
// Changed.Amount is the net of every change of value while in the pipeline
// (including a change on the event that takes a deal out), and
// Changed.Deals the number of deals with at least one such change.
//
// A Flow always reconciles, in counts and in money (see [Flow.Check]):
//
//	Opening + New + MovedIn − Won − Lost − PushedOut (+ Changed, in money) = Closing
//
// From and To repeat the arguments in UTC.
type Flow struct {
	From      time.Time `json:"from"`
	To        time.Time `json:"to"`
	Entry     string    `json:"entry"`
	Opening   FlowLine  `json:"opening"`
	New       FlowLine  `json:"new"`
	MovedIn   FlowLine  `json:"moved_in"`
	Won       FlowLine  `json:"won"`
	Lost      FlowLine  `json:"lost"`
	PushedOut FlowLine  `json:"pushed_out"`
	Changed   FlowLine  `json:"changed"`
	Closing   FlowLine  `json:"closing"`
	// Ignored lists duplicate events up to To and every skipped
	// unknown-stage event.
	Ignored []Ignored `json:"ignored"`
}

// Check returns nil when the flow reconciles in counts and in money, and
// otherwise a [*FieldError] naming closing.deals or closing.amount (both,
// joined, when both are off) that wraps [ErrUnreconciled] and gives what the
// opening and the movements add up to.
func (f Flow) Check() error {
	n := f.Opening.Deals + f.New.Deals + f.MovedIn.Deals - f.Won.Deals - f.Lost.Deals - f.PushedOut.Deals
	m := f.Opening.Amount.Add(f.New.Amount).Add(f.MovedIn.Amount).Sub(f.Won.Amount).
		Sub(f.Lost.Amount).Sub(f.PushedOut.Amount).Add(f.Changed.Amount)
	var errs []error
	if n != f.Closing.Deals {
		errs = append(errs, fieldErr("closing.deals", strconv.Itoa(f.Closing.Deals),
			fmt.Errorf("%w: the opening and the movements add up to %d", ErrUnreconciled, n)))
	}
	if !m.Equal(f.Closing.Amount) {
		errs = append(errs, fieldErr("closing.amount", f.Closing.Amount.String(),
			fmt.Errorf("%w: the opening, the movements and the changes add up to %s", ErrUnreconciled, m)))
	}
	return errors.Join(errs...)
}

// Flow returns the pipeline flow between from and to. It returns a
// [*FieldError] wrapping [ErrOption] when from or to is out of range, to is
// not after from, or Entry is not an open stage, and an error wrapping
// [ErrUnreconciled] if the result fails [Flow.Check] — a defect, never a
// silently wrong chart.
func (a *Analyzer) Flow(from, to time.Time, opts *FlowOptions) (Flow, error) {
	var o FlowOptions
	if opts != nil {
		o = *opts
	}
	fromN, ok1 := eventNanos(from)
	toN, ok2 := eventNanos(to)
	var errs []error
	if !ok1 {
		errs = append(errs, fieldErr("from", timeText(from), fmt.Errorf("%w: %s", ErrOption, timeRange)))
	}
	switch {
	case !ok2:
		errs = append(errs, fieldErr("to", timeText(to), fmt.Errorf("%w: %s", ErrOption, timeRange)))
	case ok1 && toN <= fromN:
		errs = append(errs, fieldErr("to", timeText(to), fmt.Errorf("%w: to is not after from %s", ErrOption, timeText(from))))
	}
	entry := 0
	if o.Entry != "" {
		i, ok := a.stages.Index(o.Entry)
		if !ok || a.stages[i].Outcome != Open {
			errs = append(errs, fieldErr("opts.entry", o.Entry, fmt.Errorf("%w: not an open stage", ErrOption)))
		} else {
			entry = a.lay.pos[i]
		}
	}
	if len(errs) > 0 {
		return Flow{}, errors.Join(errs...)
	}
	inPipe := func(s uint8) bool {
		p := a.lay.pos[s]
		return p >= entry && p < a.lay.won
	}
	var opening, nw, movedIn, won, lost, pushed, changed, closing money
	f := Flow{From: from.UTC(), To: to.UTC(), Entry: a.keys[a.lay.path[entry]]}
	dups := make([]int, len(a.stages))
	var buf []rec
	a.regroup()
	start := uint32(0)
	for i := range a.deals {
		evs, _ := a.gather(i, start)
		start += uint32(len(evs))
		evs = dedupe(evs, &buf, func(r rec) {
			if r.t <= toN {
				dups[r.stage()]++
			}
		})
		k := 0
		var last rec
		for k < len(evs) && evs[k].t <= fromN {
			last = evs[k]
			k++
		}
		exists := k > 0
		in := exists && inPipe(last.stage())
		if in {
			f.Opening.Deals++
			a.addTo(&opening, last)
		}
		changedDeal := false
		for ; k < len(evs) && evs[k].t <= toN; k++ {
			r := evs[k]
			now := inPipe(r.stage())
			if in && a.cmpAmount(r, last) != 0 {
				a.addTo(&changed, r)
				a.subFrom(&changed, last)
				changedDeal = true
			}
			switch {
			case !in && now && !exists:
				f.New.Deals++
				a.addTo(&nw, r)
			case !in && now:
				f.MovedIn.Deals++
				a.addTo(&movedIn, r)
			case in && !now:
				switch a.stages[r.stage()].Outcome {
				case Won:
					f.Won.Deals++
					a.addTo(&won, r)
				case Lost:
					f.Lost.Deals++
					a.addTo(&lost, r)
				default:
					f.PushedOut.Deals++
					a.addTo(&pushed, r)
				}
			}
			exists, in, last = true, now, r
		}
		if changedDeal {
			f.Changed.Deals++
		}
		if in {
			f.Closing.Deals++
			a.addTo(&closing, last)
		}
	}
	f.Opening.Amount, f.New.Amount, f.MovedIn.Amount = opening.value(), nw.value(), movedIn.value()
	f.Won.Amount, f.Lost.Amount, f.PushedOut.Amount = won.value(), lost.value(), pushed.value()
	f.Changed.Amount, f.Closing.Amount = changed.value(), closing.value()
	for s, c := range dups {
		if c > 0 {
			f.Ignored = append(f.Ignored, Ignored{Cause: Duplicate, Stage: a.keys[s], Events: c})
		}
	}
	for k, n := range a.unknown {
		f.Ignored = append(f.Ignored, Ignored{Cause: UnknownStage, Stage: k, Events: n})
	}
	sortIgnored(f.Ignored)
	if err := f.Check(); err != nil {
		return Flow{}, err
	}
	return f, nil
}
