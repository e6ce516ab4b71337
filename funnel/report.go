package funnel

import (
	"cmp"
	"math"
	"math/bits"
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

var modeNames = []string{"any-order", "strict"}

// String returns the mode's lowercase name, "any-order" or "strict".
func (m Mode) String() string {
	if s, ok := enumText(modeNames, int(m)); ok {
		return s
	}
	return "mode(" + strconv.Itoa(int(m)) + ")"
}

// MarshalText returns the mode's name; an undefined value is an error
// wrapping [ErrUnknownName].
func (m Mode) MarshalText() ([]byte, error) {
	s, ok := enumText(modeNames, int(m))
	if !ok {
		return nil, fieldErr("mode", strconv.Itoa(int(m)), ErrUnknownName)
	}
	return []byte(s), nil
}

// UnmarshalText parses "any-order" or "strict"; any other text is an error
// wrapping [ErrUnknownName].
func (m *Mode) UnmarshalText(text []byte) error {
	v, err := parseEnum(modeNames, "mode", text)
	if err != nil {
		return err
	}
	*m = Mode(v)
	return nil
}

// ReportOptions configures [Analyzer.Report]. The zero value (or nil) means
// any-order counting of every event, no window, open stays left unmeasured,
// the bottleneck judged against the funnel's own steps, and no segments.
type ReportOptions struct {
	// Mode says how deals that skip stages are counted.
	Mode Mode
	// AsOf, when not zero, leaves out events later than it (reason
	// [AfterAsOf]) and measures stays still open at AsOf up to AsOf. When
	// zero, every event counts and open stays are not measured.
	AsOf time.Time
	// Window, when positive, leaves out each deal's events later than Window
	// after its first event (reason [OutsideWindow]): conversion then means
	// "within Window of entering", e.g. won within 90 days. Open stays are
	// measured up to the earlier of AsOf and the window's end.
	Window time.Duration
	// Benchmark maps the key of an open stage to the expected conversion of
	// the step from it to the next path stage, in [0, 1]. When not empty, the
	// bottleneck is judged only on the steps it names, against these rates;
	// when empty, each step is judged against the pooled conversion of the
	// funnel's other steps.
	Benchmark map[string]float64
	// By, when not nil, also reports each segment of deals: deals with the
	// same By(deal) form one segment. See [ByOwner], [BySource], [ByCohort].
	By func(Deal) string
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
type Report struct {
	Mode     Mode          `json:"mode"`
	AsOf     time.Time     `json:"as_of"`
	Window   time.Duration `json:"window"`
	Deals    int           `json:"deals"`  // deals with at least one counted event
	Events   int           `json:"events"` // events counted
	Stages   []StageReport `json:"stages"`
	Losses   []Loss        `json:"losses"` // deals lost, per lost stage
	Overall  Overall       `json:"overall"`
	Ignored  []Ignored     `json:"ignored"` // events left out, by reason then stage
	Segments []Segment     `json:"segments,omitempty"`

	Bottleneck Bottleneck `json:"bottleneck"`
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

// fates of a deal at its furthest counted stage.
const (
	fateAdvanced = iota // went beyond it by skipping (Strict only)
	fateLost
	fateOpen
	fateWon // the furthest counted stage is the won stage
	nFates
)

// drop is one event left out of a deal's replay.
type drop struct {
	reason Reason
	stage  uint8
}

// tally accumulates the replays of a set of deals: the whole report's, or
// one segment's.
type tally struct {
	deals, events int
	bucket        [][nFates]int // [furthest counted path position][fate]
	bucketAmt     [][nFates]money
	skipped       []int
	reentered     []int
	regressed     []int
	latestSum     []u128
	cumSum        []u128
	outcome       [3]int
	outcomeAmt    [3]money
	lostBy        []int
	lostByAmt     []money
	cycleSum      u128
	reopened      int
	regressedN    int
	backs         int
	ignored       [][]int // [reason][stage list index]

	// The durations, per open path position: each measured latest stay, and
	// for the deals that stayed more than once their cumulative stay as a
	// patch over their latest one. The summaries are filled in before build.
	latest  []durList
	patches [][]patch
	cycles  durList
	latestD []Durations
	cumD    []Durations
	cycleD  Durations
}

// patch says that a deal's cumulative stay, v, differs from its latest, at
// position pos of a latest list.
type patch struct {
	pos int
	v   int64
}

func newTally(l *layout, nStages int) *tally {
	n := len(l.path)
	t := &tally{
		bucket:    make([][nFates]int, n),
		bucketAmt: make([][nFates]money, n),
		skipped:   make([]int, n),
		reentered: make([]int, n),
		regressed: make([]int, n),
		latestSum: make([]u128, l.won),
		cumSum:    make([]u128, l.won),
		lostBy:    make([]int, len(l.lost)),
		lostByAmt: make([]money, len(l.lost)),
		ignored:   make([][]int, len(reasonNames)),
		latest:    make([]durList, l.won),
		patches:   make([][]patch, l.won),
		latestD:   make([]Durations, l.won),
		cumD:      make([]Durations, l.won),
	}
	for i := range t.ignored {
		t.ignored[i] = make([]int, nStages)
	}
	return t
}

// add counts one deal's journey j, replayed from n events, keeping its
// durations in blocks from pool.
func (t *tally) add(a *Analyzer, j *journey, n int, mode Mode, pool *durPool) {
	t.deals++
	t.events += n
	k := j.max
	if mode == Strict {
		k = j.chain
	}
	outcome := a.stages[j.final].Outcome
	if k >= 0 {
		var f int
		switch {
		case k == a.lay.won:
			f = fateWon
		case j.max > k:
			f = fateAdvanced
		case outcome == Lost:
			f = fateLost
		default:
			f = fateOpen
		}
		t.bucket[k][f]++
		a.addTo(&t.bucketAmt[k][f], j.last)
	}
	for m := j.skipped; m != 0; m &= m - 1 {
		t.skipped[bits.TrailingZeros64(m)]++
	}
	for m := j.reentered; m != 0; m &= m - 1 {
		t.reentered[bits.TrailingZeros64(m)]++
	}
	for m := j.regressed; m != 0; m &= m - 1 {
		t.regressed[bits.TrailingZeros64(m)]++
	}
	for m := j.stayed; m != 0; m &= m - 1 {
		p := bits.TrailingZeros64(m)
		l := &t.latest[p]
		t.latestSum[p].add(j.latest[p])
		t.cumSum[p].add(j.cum[p])
		if j.restayed&bit(p) != 0 {
			t.patches[p] = append(t.patches[p], patch{l.n, j.cum[p]})
		}
		l.add(pool, j.latest[p])
	}
	t.outcome[outcome]++
	a.addTo(&t.outcomeAmt[outcome], j.last)
	switch outcome {
	case Lost:
		i := a.lay.lostN[j.final]
		t.lostBy[i]++
		a.addTo(&t.lostByAmt[i], j.last)
	case Won:
		d := j.enteredAt - j.created
		t.cycleSum.add(d)
		t.cycles.add(pool, d)
	}
	if j.reopened {
		t.reopened++
	}
	if j.regressed != 0 {
		t.regressedN++
	}
	t.backs += j.backs
}

// merge adds the counts and sums of o, but not its durations.
func (t *tally) merge(o *tally) {
	t.deals += o.deals
	t.events += o.events
	for k := range t.bucket {
		for f := range nFates {
			t.bucket[k][f] += o.bucket[k][f]
			t.bucketAmt[k][f].merge(o.bucketAmt[k][f])
		}
		t.skipped[k] += o.skipped[k]
		t.reentered[k] += o.reentered[k]
		t.regressed[k] += o.regressed[k]
	}
	for k := range t.latestSum {
		t.latestSum[k].addU(o.latestSum[k])
		t.cumSum[k].addU(o.cumSum[k])
	}
	for i := range t.outcome {
		t.outcome[i] += o.outcome[i]
		t.outcomeAmt[i].merge(o.outcomeAmt[i])
	}
	for i := range t.lostBy {
		t.lostBy[i] += o.lostBy[i]
		t.lostByAmt[i].merge(o.lostByAmt[i])
	}
	t.cycleSum.addU(o.cycleSum)
	t.reopened += o.reopened
	t.regressedN += o.regressedN
	t.backs += o.backs
	for r := range t.ignored {
		for s, c := range o.ignored[r] {
			t.ignored[r][s] += c
		}
	}
}

func (t *tally) ignore(drops []drop) {
	for _, d := range drops {
		t.ignored[d.reason][d.stage]++
	}
}

// summarise fills in the duration summaries of the tallies, one per
// segment, and of total, the union of them all (which is tallies[0] when
// there is only one). It applies the patches to the latest lists.
func summariseTallies(sel *selector, total *tally, tallies []*tally, won int) {
	union := len(tallies) > 1 || tallies[0] != total
	lists := make([]*durList, len(tallies))
	sums := make([]u128, len(tallies))
	out := make([]Durations, len(tallies))
	for k := range won {
		for i, t := range tallies {
			lists[i], sums[i] = &t.latest[k], t.latestSum[k]
		}
		u := sel.summarise(lists, sums, out, union, total.latestSum[k])
		patched := false
		for i, t := range tallies {
			t.latestD[k], t.cumD[k] = out[i], out[i]
			for _, pt := range t.patches[k] {
				t.latest[k].set(pt.pos, pt.v)
				patched = true
			}
		}
		if union {
			total.latestD[k], total.cumD[k] = u, u
		}
		if !patched {
			continue // every cumulative stay is the latest
		}
		for i, t := range tallies {
			sums[i] = t.cumSum[k]
		}
		u = sel.summarise(lists, sums, out, union, total.cumSum[k])
		for i, t := range tallies {
			t.cumD[k] = out[i]
		}
		if union {
			total.cumD[k] = u
		}
	}
	for i, t := range tallies {
		lists[i], sums[i] = &t.cycles, t.cycleSum
	}
	u := sel.summarise(lists, sums, out, union, total.cycleSum)
	for i, t := range tallies {
		t.cycleD = out[i]
	}
	if union {
		total.cycleD = u
	}
}

// scratch is memory an analyzer keeps between reports, but for the
// duration blocks, which pool lends for one report at a time.
type scratch struct {
	buf   []rec
	drops []drop
	pool  durPool
	sel   selector
}

// Report replays every deal's events and reports the funnel. It returns a
// [*FieldError] wrapping [ErrOption] for an undefined Mode, a negative
// Window, an AsOf out of range, or a Benchmark naming a stage that is not
// open or giving a rate outside [0, 1].
//
// Report does not change what the analyzer holds and may be called any
// number of times with different options. It does reorganise the
// analyzer's storage (regrouping and sorting each deal's events, once) and
// reuses scratch memory kept in it, so like every method it must not run
// concurrently with another on the same analyzer.
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
		segs    []*tally
		index   *strIndex
		lastKey string
		lastSeg uint32
		field   = byField(o.By)
		segOf   []uint32 // 1 + segment of each name index, when By is ByOwner or BySource
	)
	if o.By != nil {
		index = &strIndex{seed: a.ids.seed}
	}
	if field != byFunc {
		segOf = make([]uint32, len(a.names.keys)+1)
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
			// indices are distinct keys, so no call and no lookup.
			n := a.deals[i].owner
			if field == bySource {
				n = a.deals[i].source
			}
			if segOf[n] == 0 {
				segOf[n], _ = index.intern(a.name(n))
				segs = append(segs, newTally(a.lay, len(a.stages)))
			}
			t = segs[segOf[n]-1]
		case index != nil:
			key := o.By(a.dealOf(&a.deals[i], &j))
			if lastSeg == 0 || key != lastKey {
				var added bool
				if lastSeg, added = index.intern(key); added {
					segs = append(segs, newTally(a.lay, len(a.stages)))
				}
				lastKey = key
			}
			t = segs[lastSeg-1]
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
		rep.Ignored = append(rep.Ignored, Ignored{Reason: UnknownStage, Stage: k, Events: n})
	}
	sortIgnored(rep.Ignored)
	if segReports != nil {
		slices.SortFunc(segReports, func(x, y Segment) int { return cmp.Compare(x.Key, y.Key) })
		rep.Segments = segReports
	}
	return rep, nil
}

// prep yields each deal's events as a report counts them, deal after deal.
type prep struct {
	a       *Analyzer
	hasAsOf bool
	asOf    int64
	window  int64
	next    uint32 // the first rec of the next deal
}

func (a *Analyzer) newPrep(o *ReportOptions) *prep {
	p := &prep{a: a, window: int64(o.Window)}
	if !o.AsOf.IsZero() {
		p.hasAsOf = true
		p.asOf, _ = eventNanos(o.AsOf)
	}
	return p
}

// events returns deal i's counted events in canonical order and the instant
// up to which a stay still open is measured; the events left out are in
// a.scr.drops. It must be called for each deal in turn, from the first.
func (p *prep) events(i int) ([]rec, int64) {
	a := p.a
	sc := &a.scr
	sc.drops = sc.drops[:0]
	evs, strict := a.gather(i, p.next)
	p.next += uint32(len(evs))
	if !strict {
		evs = dedupe(evs, &sc.buf, func(r rec) { sc.drops = append(sc.drops, drop{Duplicate, r.stage()}) })
	}
	if p.hasAsOf {
		evs = cutAfter(evs, p.asOf, AfterAsOf, &sc.drops)
	}
	end := p.asOf
	if len(evs) > 0 && p.window > 0 {
		limit := evs[0].t + p.window
		if limit < evs[0].t { // overflow: no limit
			limit = math.MaxInt64
		}
		evs = cutAfter(evs, limit, OutsideWindow, &sc.drops)
		end = min(end, limit)
	}
	return evs, end
}

// cutAfter drops the events later than limit from the end of evs, which is
// in time order, recording each under reason.
func cutAfter(evs []rec, limit int64, reason Reason, drops *[]drop) []rec {
	n := len(evs)
	for n > 0 && evs[n-1].t > limit {
		n--
		*drops = append(*drops, drop{reason, evs[n].stage()})
	}
	return evs[:n]
}

func sortIgnored(ig []Ignored) {
	slices.SortFunc(ig, func(x, y Ignored) int {
		if c := cmp.Compare(x.Reason, y.Reason); c != 0 {
			return c
		}
		return cmp.Compare(x.Stage, y.Stage)
	})
}

func (a *Analyzer) checkReportOptions(o *ReportOptions) error {
	if _, ok := enumText(modeNames, int(o.Mode)); !ok {
		return fieldErr("mode", strconv.Itoa(int(o.Mode)), ErrOption)
	}
	if o.Window < 0 {
		return fieldErr("window", o.Window.String(), ErrOption)
	}
	if !o.AsOf.IsZero() {
		if _, ok := eventNanos(o.AsOf); !ok {
			return fieldErr("as_of", o.AsOf.String(), ErrOption)
		}
	}
	for k, v := range o.Benchmark {
		i, ok := a.stages.Index(k)
		if !ok || a.stages[i].Outcome != Open {
			return fieldErr("benchmark", k, ErrOption)
		}
		if math.IsNaN(v) || v < 0 || v > 1 {
			return fieldErr("benchmark."+k, strconv.FormatFloat(v, 'g', -1, 64), ErrOption)
		}
	}
	return nil
}

// build turns a tally into a report.
func (a *Analyzer) build(t *tally, o *ReportOptions) Report {
	l := a.lay
	n := len(l.path)
	rep := Report{
		Mode:   o.Mode,
		AsOf:   o.AsOf,
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
				rep.Ignored = append(rep.Ignored, Ignored{Reason: Reason(r), Stage: a.keys[s], Events: c})
			}
		}
	}
	sortIgnored(rep.Ignored)
	rep.Bottleneck = bottleneck(rep.Stages, l.won, o.Benchmark)
	return rep
}
