package funnel

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"time"

	"github.com/shopspring/decimal"
)

// Mode says how a report counts deals that skip stages. The zero value is
// AnyOrder.
type Mode int

// The funnel modes.
const (
	// AnyOrder counts a deal that skips a stage as having passed through it:
	// a deal that jumps from lead to proposal is counted in qualified too.
	// Every deal is counted in every path stage up to the furthest it reached.
	AnyOrder Mode = iota
	// Strict counts a deal only in the stages it entered in order: once a
	// deal skips a stage it is not counted in any later stage. A deal whose
	// first event is past the first stage is counted in no stage.
	Strict
)

var modeNames = enumNames{"any_order", "strict"}

// String returns "any_order" or "strict", or "Mode(n)" for a value without a
// name.
func (m Mode) String() string { return modeNames.str("Mode", int(m)) }

// MarshalText returns the mode's name; a value without one is a
// [*FieldError] wrapping [ErrUnknownName].
func (m Mode) MarshalText() ([]byte, error) { return modeNames.text("mode", "Mode", int(m)) }

// UnmarshalText parses "any_order" or "strict"; any other text is a
// [*FieldError] wrapping [ErrUnknownName].
func (m *Mode) UnmarshalText(text []byte) error {
	v, err := modeNames.parse("mode", text)
	if err == nil {
		*m = Mode(v)
	}
	return err
}

// ReportOptions configures [Analyzer.Report]. The zero value (or nil) means
// any-order counting of every event, no window, open stays left unmeasured,
// the bottleneck judged against the funnel's own steps, and no segments.
// Each field defaults on its own.
type ReportOptions struct {
	// Mode says how deals that skip stages are counted.
	Mode Mode `json:"mode"`
	// AsOf, when not zero, leaves out events later than it (cause
	// [AfterAsOf]), measures stays still open at AsOf up to AsOf, and
	// attributes each deal to the owner and source in force at AsOf (see
	// [Deal]). When zero, every event counts, open stays are not measured,
	// and deals go to their latest owner.
	AsOf time.Time `json:"as_of,omitzero"`
	// Window, when positive, leaves out each deal's events later than Window
	// after its first event (cause [OutsideWindow]): conversion then means
	// "within Window of entering", e.g. won within 90 days (90 spans of 24
	// hours). Open stays are measured up to the earlier of AsOf and the
	// window's end. It is a JSON number of seconds.
	Window time.Duration `json:"window_seconds,omitempty"`
	// Benchmark maps the key of an open stage to the expected conversion of
	// the step from it to the next path stage, in [0, 1]. When not empty, the
	// bottleneck is judged only on the steps it names, against these rates;
	// when empty, each step is judged against the pooled conversion of the
	// funnel's other steps.
	Benchmark map[string]float64 `json:"benchmark,omitempty"`
	// By, when not nil, also reports each segment of deals: deals with the
	// same By.Segment(deal) form one segment. See [ByOwner], [BySource],
	// [ByCohort] and [SegmentFunc].
	By Segmenter `json:"-"`
}

// MarshalJSON writes o with its window in seconds; By is left out.
func (o ReportOptions) MarshalJSON() ([]byte, error) {
	type plain ReportOptions
	return json.Marshal(struct {
		plain
		Window seconds `json:"window_seconds,omitempty"`
	}{plain(o), seconds(o.Window)})
}

// UnmarshalJSON reads what MarshalJSON writes.
func (o *ReportOptions) UnmarshalJSON(b []byte) error {
	type plain ReportOptions
	v := struct {
		*plain
		Window seconds `json:"window_seconds,omitempty"`
	}{plain: (*plain)(o), Window: seconds(o.Window)}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	o.Window = time.Duration(v.Window)
	return nil
}

// Report is what a funnel looks like over the events of an [Analyzer].
//
// Stages lists the path (open stages, then the won stage). A deal is counted
// in a stage when it entered it, once however often it re-entered; under
// [AnyOrder] also when it skipped it. Each deal counted in the funnel ends at
// its furthest counted stage, so per open stage
//
//	Entered = Advanced + Lost + Open
//
// in counts and in money, where Advanced deals went beyond the stage, and
// Lost and Open deals have the stage as their furthest and are lost or still
// open (a deal that moved back before it was lost is lost at its furthest
// stage; its backward move is counted in Regressed). Money is each deal's
// amount as of its last counted event, so a stage's amounts add up like its
// counts.
//
// Mode, AsOf and Window repeat the options, AsOf in UTC: a report depends on
// instants, not on the locations they are written in. Segments are in key
// order, Ignored in cause then stage order. In JSON the window is
// window_seconds.
type Report struct {
	Mode     Mode          `json:"mode"`
	AsOf     time.Time     `json:"as_of,omitzero"`
	Window   time.Duration `json:"window_seconds,omitempty"`
	Deals    int           `json:"deals"`  // deals with at least one counted event
	Events   int           `json:"events"` // events counted
	Stages   []StageReport `json:"stages"`
	Losses   []Loss        `json:"losses"` // deals lost, per lost stage
	Overall  Overall       `json:"overall"`
	Ignored  []Ignored     `json:"ignored"` // events left out, by cause then stage
	Segments []Segment     `json:"segments,omitempty"`

	Bottleneck Bottleneck `json:"bottleneck"`
}

// MarshalJSON writes r with its window in seconds.
func (r Report) MarshalJSON() ([]byte, error) {
	type plain Report
	return json.Marshal(struct {
		plain
		Window seconds `json:"window_seconds,omitempty"`
	}{plain(r), seconds(r.Window)})
}

// UnmarshalJSON reads what MarshalJSON writes.
func (r *Report) UnmarshalJSON(b []byte) error {
	type plain Report
	v := struct {
		*plain
		Window seconds `json:"window_seconds,omitempty"`
	}{plain: (*plain)(r), Window: seconds(r.Window)}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	r.Window = time.Duration(v.Window)
	return nil
}

// StageReport is one stage of a [Report]. For the won stage only Entered,
// EnteredAmount, Skipped, Reentered, the rates and Probability are set.
type StageReport struct {
	Key     string  `json:"key"`
	Outcome Outcome `json:"outcome"`

	Entered  int `json:"entered"`
	Advanced int `json:"advanced"`
	Lost     int `json:"lost"`
	Open     int `json:"open"`

	EnteredAmount  decimal.Decimal `json:"entered_amount"`
	AdvancedAmount decimal.Decimal `json:"advanced_amount"`
	LostAmount     decimal.Decimal `json:"lost_amount"`
	OpenAmount     decimal.Decimal `json:"open_amount"`
	// WeightedAmount is OpenAmount × Probability, rounded half away from
	// zero to 2 decimal places.
	WeightedAmount decimal.Decimal `json:"weighted_amount"`
	// Probability is the stage's default win probability when it gives one,
	// 1 for the won stage, and otherwise the observed rate Entered(won) ÷
	// Entered (0 when Entered is 0).
	Probability float64 `json:"probability"`

	// Skipped counts deals that jumped over the stage, Reentered deals that
	// entered it more than once, Regressed deals that moved from it back to
	// an earlier stage.
	Skipped   int `json:"skipped"`
	Reentered int `json:"reentered"`
	Regressed int `json:"regressed"`

	// Conversion is Entered ÷ the previous stage's Entered (the first stage
	// converts Entered of Entered); FromTop is Entered ÷ the first stage's
	// Entered.
	Conversion Rate `json:"conversion"`
	FromTop    Rate `json:"from_top"`

	// Latest is the length of each deal's latest stay in the stage, and
	// Cumulative each deal's total time over all its stays. Only deals that
	// actually stayed count (not those that skipped it), whatever the Mode; a
	// stay still open counts only when ReportOptions.AsOf is set.
	Latest     Durations `json:"latest"`
	Cumulative Durations `json:"cumulative"`
}

// Loss counts the deals whose last counted event put them in one lost stage,
// and their amount.
type Loss struct {
	Key    string          `json:"key"`
	Deals  int             `json:"deals"`
	Amount decimal.Decimal `json:"amount"`
}

// Equal reports whether l and m have the same key, count and amount value.
func (l Loss) Equal(m Loss) bool {
	return l.Key == m.Key && l.Deals == m.Deals && l.Amount.Equal(m.Amount)
}

// Overall is a report's whole-funnel figures, by each deal's stage after its
// last counted event, whatever the Mode.
type Overall struct {
	Open int `json:"open"`
	Won  int `json:"won"`
	Lost int `json:"lost"`

	OpenAmount decimal.Decimal `json:"open_amount"`
	WonAmount  decimal.Decimal `json:"won_amount"`
	LostAmount decimal.Decimal `json:"lost_amount"`
	// WeightedAmount is the sum of the stages' WeightedAmount.
	WeightedAmount decimal.Decimal `json:"weighted_amount"`

	// WinRate is Won ÷ (Won + Lost).
	WinRate Rate `json:"win_rate"`
	// AverageWon is WonAmount ÷ Won, rounded half away from zero to 2
	// decimal places; zero when nothing was won.
	AverageWon decimal.Decimal `json:"average_won"`
	// Cycle is the sales-cycle length of won deals: from a deal's first event
	// to its entering the won stage.
	Cycle Durations `json:"cycle"`
	// Velocity is the sales velocity in money per day:
	//
	//	Velocity = Open × WinRate × AverageWon ÷ mean Cycle in days
	//	         = Open × WonAmount ÷ (Won + Lost) ÷ (ΣCycle ÷ Won ÷ 1 day)
	//
	// computed exactly from the unrounded terms, then rounded half away from
	// zero to 2 decimal places. It is zero when nothing is closed, nothing
	// won, or every won cycle is zero.
	Velocity decimal.Decimal `json:"velocity"`

	// Reopened counts deals that left a won or lost stage again. Regressed
	// counts deals with at least one move back to an earlier open stage,
	// Regressions the moves.
	Reopened    int `json:"reopened"`
	Regressed   int `json:"regressed"`
	Regressions int `json:"regressions"`
}

// scratch is memory an analyzer keeps between reports: the buffers of a
// deal's events, the duration blocks and the selector's buffers.
type scratch struct {
	buf   []rec
	drops []drop
	pool  durPool
	sel   selector
}

// Report replays every deal's events and reports the funnel. It returns a
// [*FieldError] wrapping [ErrOption] for each bad option, joined with
// [errors.Join]: an undefined Mode, a negative Window, an AsOf out of range,
// or a Benchmark naming a stage that is not open or giving a rate outside
// [0, 1].
//
// Report does not change what the analyzer holds and may be called any
// number of times with different options. It does reorganise the
// analyzer's storage (regrouping and sorting each deal's events, once) and
// reuses scratch memory kept in it, so like every method it must not run
// concurrently with another on the same analyzer.
//
// A report replays each deal once, and finds the medians and 90th
// percentiles of its segments and of the whole by radix selection rather
// than by sorting the durations.
func (a *Analyzer) Report(opts *ReportOptions) (Report, error) {
	var o ReportOptions
	if opts != nil {
		o = *opts
	}
	if err := a.checkReportOptions(&o); err != nil {
		return Report{}, err
	}
	a.regroup()
	p := a.newPrep(&o)
	sc := &a.scr
	defer sc.pool.release()
	j := journey{latest: make([]int64, a.lay.won), cum: make([]int64, a.lay.won)}

	// One replay of each deal, counted in its segment's tally (or the
	// total's); the total adds up the segments afterwards.
	total := newTally(a.lay, len(a.stages))
	var (
		segs  []*tally
		index *strIndex
		kind  = segmenterKind(o.By)
		segOf []uint32 // 1 + segment of each name index, when By is ByOwner or BySource
	)
	if o.By != nil {
		index = &strIndex{seed: a.ids.seed}
		if kind != byCall {
			segOf = make([]uint32, len(a.names.keys)+1)
		}
	}
	for i := range a.deals {
		evs, end := p.events(i)
		if len(evs) == 0 {
			total.ignore(sc.drops)
			continue
		}
		a.lay.replay(&j, evs, end, p.hasAsOf)
		t := total
		switch {
		case segOf != nil:
			// By keys deals by a name the deal holds: distinct name
			// indices are distinct keys, so no call and no lookup. A
			// closure returning the owner takes the report 20% more
			// instructions (Ir, bench_test.go; BenchmarkReportSegments
			// times both).
			owner, source := a.namesAt(&a.deals[i], p.all, p.asOf, p.hasAsOf)
			n := owner
			if kind == bySource {
				n = source
			}
			if segOf[n] == 0 {
				segOf[n], _ = index.intern(a.name(n))
				segs = append(segs, newTally(a.lay, len(a.stages)))
			}
			t = segs[segOf[n]-1]
		case index != nil:
			owner, source := a.namesAt(&a.deals[i], p.all, p.asOf, p.hasAsOf)
			s, added := index.intern(o.By.Segment(a.dealOf(&a.deals[i], &j, owner, source)))
			if added {
				segs = append(segs, newTally(a.lay, len(a.stages)))
			}
			t = segs[s-1]
		}
		t.add(a, &j, len(evs), o.Mode, &sc.pool)
		t.ignore(sc.drops)
	}
	tallies := segs
	if tallies == nil {
		tallies = []*tally{total}
	} else {
		for _, t := range segs {
			total.merge(t)
		}
	}
	summariseTallies(&sc.sel, total, tallies, a.lay.won)

	var segReports []Segment
	for s, t := range segs {
		segReports = append(segReports, Segment{Key: index.keys[s], Report: a.build(t, &o)})
	}
	rep := a.build(total, &o)
	for k, n := range a.unknown {
		rep.Ignored = append(rep.Ignored, Ignored{Cause: UnknownStage, Stage: k, Events: n})
	}
	sortIgnored(rep.Ignored)
	if segReports != nil {
		slices.SortFunc(segReports, func(x, y Segment) int { return cmp.Compare(x.Key, y.Key) })
		rep.Segments = segReports
	}
	return rep, nil
}

// checkReportOptions returns every problem of o, joined.
func (a *Analyzer) checkReportOptions(o *ReportOptions) error {
	var errs []error
	if !modeNames.valid(int(o.Mode)) {
		errs = append(errs, fieldErr("opts.mode", o.Mode.String(), ErrOption))
	}
	if o.Window < 0 {
		errs = append(errs, fieldErr("opts.window_seconds", string(appendSeconds(nil, o.Window)),
			fmt.Errorf("%w: the window is negative", ErrOption)))
	}
	if !o.AsOf.IsZero() {
		if _, ok := eventNanos(o.AsOf); !ok {
			errs = append(errs, fieldErr("opts.as_of", timeText(o.AsOf), fmt.Errorf("%w: %s", ErrOption, timeRange)))
		}
	}
	for _, k := range slices.Sorted(maps.Keys(o.Benchmark)) {
		at := "opts.benchmark." + k
		if i, ok := a.stages.Index(k); !ok || a.stages[i].Outcome != Open {
			errs = append(errs, fieldErr(at, "", fmt.Errorf("%w: %q is not an open stage", ErrOption, k)))
		}
		if v := o.Benchmark[k]; math.IsNaN(v) || v < 0 || v > 1 {
			errs = append(errs, fieldErr(at, strconv.FormatFloat(v, 'g', -1, 64), fmt.Errorf("%w: a rate is in [0, 1]", ErrOption)))
		}
	}
	return errors.Join(errs...)
}
