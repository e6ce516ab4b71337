package incentive

import (
	"fmt"
	"slices"
	"strings"

	"github.com/shopspring/decimal"
)

// ComputeOptions are the optional inputs of [Compute]; nil means none.
type ComputeOptions struct {
	// Locked are the statements of closed periods, as Compute returned them
	// and the caller stored them. They must be the statements of the plan's
	// first periods (a locked period follows only locked periods) and come
	// before the period computed. Compute never changes them: it restates
	// each locked period from the transactions as they are now and pays the
	// difference as true-up lines in the period computed.
	Locked []Statement `json:"locked,omitempty"`
	// Opening are the balances the reps carry into the plan's first period
	// (from an earlier plan); a rep not listed starts at zero.
	Opening []Balance `json:"opening,omitempty"`
	// Metrics are measured values scorecards read.
	Metrics []Metric `json:"metrics,omitempty"`
}

// Compute returns the statements of the plan period containing day, one
// per rep who worked in it or has anything on it (credits, clawbacks,
// true-ups, a balance), ordered by rep ID.
//
// Compute is a deterministic period close. It works through the plan's
// periods from the first: each period before the one asked for that is not
// locked is computed from txs as if it had closed on time, carrying its
// balances on; each locked period is restated the same way and compared
// with its locked statements, and every difference — per deal and
// component, per clawback, per period-level amount, less what earlier
// true-ups already paid — becomes a true-up line in the period computed,
// naming the period corrected and what changed. Balances carry on from the
// restated periods, so a corrected draw or cap is settled once. The same
// inputs, in any order, give the same statements.
//
// Compute takes all or nothing: it checks every transaction, metric and
// locked statement and reports up to 100 problems (then a count wrapping
// ErrTooMany), each a *FieldError naming its path ("transactions[7].booked")
// and wrapping a sentinel: ErrPeriod for a day outside the plan, ErrLedger
// for locked statements that do not fit, ErrUnknownRep, ErrShares,
// ErrPlaces, ErrPayments, ErrDuplicate and the others. A rule that fails or
// breaks its contract is an error wrapping ErrRule.
func Compute(def *Definition, day Date, txs []Transaction, opts *ComputeOptions) ([]Statement, error) {
	e, err := newEngine(def, day, txs, opts)
	if err != nil {
		return nil, err
	}
	return e.run()
}

// engine is one Compute call.
type engine struct {
	d       *Definition
	target  int
	cr      *credited
	opening []Balance
	locked  []map[int32]*Statement                   // per locked period
	already map[trueKey]map[groupKey]decimal.Decimal // true-ups paid, by rep and period corrected
	metrics [][]Metric                               // per rep
	watch   map[string]bool
	paid    map[paidKey]*paidRecord
	trueups [][]Line // per rep, for the target period

	scratch     []Credit
	scratchVals []fixed // the measures of scratch
	vals        []fixed // the measures of a rep's credits, for a measure other than Revenue
}

type paidKey struct {
	rep        int32
	deal, comp string
}

type paidRecord struct {
	paid, atRate total
}

func newEngine(d *Definition, day Date, txs []Transaction, opts *ComputeOptions) (*engine, error) {
	if d == nil {
		return nil, fieldErr("def", "", because(ErrEmpty, "nil definition"))
	}
	if opts == nil {
		opts = &ComputeOptions{}
	}
	e := &engine{d: d, target: d.periodIndex(day)}
	if !day.IsValid() {
		return nil, fieldErr("day", day.String(), ErrDate)
	}
	if e.target < 0 {
		return nil, fieldErr("day", day.String(), because(ErrPeriod, "not a date of the plan %s to %s", d.plan.Start, d.plan.End))
	}
	c := &checker{places: d.plan.Rounding.Places}
	e.checkOptions(c, opts)
	if err := c.err(); err != nil {
		return nil, err
	}
	cr, err := d.credit(txs, d.periods[e.target].End, true)
	if err != nil {
		return nil, err
	}
	e.cr = cr
	for _, cs := range cr.cancels {
		for _, k := range cs {
			if e.watch == nil {
				e.watch = map[string]bool{}
				e.paid = map[paidKey]*paidRecord{}
			}
			e.watch[k.deal] = true
		}
	}
	return e, nil
}

// run works through the periods and returns the target's statements.
func (e *engine) run() ([]Statement, error) {
	d := e.d
	n := len(d.plan.Reps)
	bal := slices.Clone(e.opening)
	next := make([]int, n)   // each rep's first credit not yet in a period
	nextCx := make([]int, n) // and first cancellation
	e.trueups = make([][]Line, n)
	out := make([]Statement, 0, n)
	for p := 0; p <= e.target; p++ {
		period := d.periods[p]
		var lockedP map[int32]*Statement
		if p < len(e.locked) {
			lockedP = e.locked[p]
		}
		out = out[:0]
		made := make([]bool, n)
		for r := range n {
			r32 := int32(r)
			cs := e.cr.byRep[r]
			i := next[r]
			j := i
			for j < len(cs) && cs[j].Date.Before(period.End) {
				j++
			}
			next[r] = j
			cx := e.cr.cancels[r]
			a := nextCx[r]
			b := a
			for b < len(cx) && cx[b].cancelled.Before(period.End) {
				b++
			}
			nextCx[r] = b
			var trueups []Line
			if p == e.target {
				trueups = e.trueups[r]
			}
			q := d.quota(r32, period)
			if q.ActiveDays == 0 && i == j && a == b && len(trueups) == 0 && lockedP[r32] == nil &&
				bal[r].Owed.IsZero() && bal[r].CapCarried.IsZero() {
				continue
			}
			s, err := e.statement(r32, p, q, cs[i:j:j], e.cr.amounts[r][i:j:j], cx[a:b], bal[r], trueups)
			if err != nil {
				return nil, err
			}
			if lockedP != nil {
				e.trueups[r] = e.diff(r32, p, &s, lockedP[r32], e.trueups[r])
			}
			bal[r] = s.Closing
			made[r] = true
			out = append(out, s)
		}
		// A rep locked in the period with nothing in it now.
		for r, ls := range lockedP {
			if !made[r] {
				e.trueups[r] = e.diff(r, p, &Statement{Rep: ls.Rep, Period: period}, ls, e.trueups[r])
			}
		}
	}
	slices.SortFunc(out, func(a, b Statement) int { return strings.Compare(a.Rep, b.Rep) })
	return out, nil
}

// statement computes rep r's statement for period p from its credits
// (amounts[i] is credits[i].Amount) and clawbacks in the period, its
// opening balance and its true-ups.
func (e *engine) statement(r int32, p int, q Quota, credits []Credit, amounts []fixed, cancels []cancel, open Balance, trueups []Line) (Statement, error) {
	d := e.d
	rep := &d.plan.Reps[r]
	period := d.periods[p]
	places := d.plan.Rounding.Places
	s := Statement{Plan: d.plan.ID, Rep: rep.ID, Period: period, Quota: q, Credits: credits, Opening: open}
	s.Opening.Rep = rep.ID
	lines := make([]Line, 0, len(credits)+len(d.comps)+4)
	eligible, vals := credits, amounts
	for i := range credits {
		c := &credits[i]
		if c.Reversal || d.works(r, c.Date) {
			continue
		}
		if len(eligible) == len(credits) {
			eligible, vals = slices.Clone(credits[:i:i]), slices.Clone(amounts[:i:i])
		}
		l := Line{Kind: LineExcluded, Deal: c.Deal, Date: c.Date, Code: CodeBeforeStart, Ref: rep.Start, Amount: zero, Places: places}
		if !rep.End.IsZero() && !c.Date.Before(rep.End) {
			l.Code, l.Ref = CodeAfterEnd, rep.End
		}
		lines = append(lines, l)
	}
	if len(eligible) != len(credits) {
		// eligible holds the credits before the first excluded one.
		for i := len(eligible); i < len(credits); i++ {
			if c := &credits[i]; c.Reversal || d.works(r, c.Date) {
				eligible, vals = append(eligible, *c), append(vals, amounts[i])
			}
		}
	}
	in := Input{Rep: rep.ID, Period: period, Quota: q.Effective, ActiveDays: q.ActiveDays, PeriodDays: q.PeriodDays,
		TargetIncentive: d.prorate(rep.TargetIncentive, q), Metrics: e.metricsOf(r, p)}
	var earned total
	for k := range d.comps {
		var sub Subtotal
		var err error
		lines, sub, err = e.component(k, in, eligible, vals, lines)
		if err != nil {
			return Statement{}, err
		}
		if sub.Component != "" {
			s.Subtotals = append(s.Subtotals, sub)
			earned.add(sub.Amount)
		}
	}
	s.Lines = lines
	s.Earned = earned.value()
	if e.watch != nil {
		e.record(r, lines)
	}
	e.adjust(r, &s, cancels, trueups)
	return s, nil
}

// metricsOf returns rep r's metrics for period p.
func (e *engine) metricsOf(r int32, p int) []Metric {
	var out []Metric
	for _, m := range e.metrics[r] {
		if e.d.periods[p].Contains(m.Period) {
			out = append(out, m)
		}
	}
	return out
}

// component appends component k's lines for one rep and period and returns
// its subtotal (with no Component when no version of it is in effect).
// amounts[i] is credits[i].Amount.
func (e *engine) component(k int, in Input, credits []Credit, amounts []fixed, lines []Line) ([]Line, Subtotal, error) {
	d := e.d
	comp := &d.comps[k]
	period := in.Period
	vs := comp.versions
	first := 0
	for i, v := range vs {
		if !v.from.After(period.Start) {
			first = i
		}
	}
	last := first
	for last+1 < len(vs) && vs[last+1].from.Before(period.End) {
		last++
	}
	if !vs[first].from.Before(period.End) {
		return lines, Subtotal{}, nil
	}
	settings := &vs[first].spec
	in.Component, in.Measure, in.Key = comp.id, comp.measure, comp.key
	places, mode := d.plan.Rounding.Places, d.plan.Rounding.Mode
	start := len(lines)
	var measure total
	// A segment is a version's credits and their measures.
	type segment struct {
		v       *version
		credits []Credit
		vals    []fixed
	}
	vals := amounts
	if comp.measure != Revenue {
		in.Credits = credits
		e.vals = measures(in, e.vals[:0])
		vals = e.vals
	}
	var segsBuf [2]segment
	segs := segsBuf[:0]
	if first == last && vs[first].from.Compare(period.Start) <= 0 && vs[first].spec.Filter.empty() {
		segs = append(segs, segment{&vs[first], credits, vals})
	} else {
		e.scratch, e.scratchVals = e.scratch[:0], e.scratchVals[:0]
		for i := first; i <= last; i++ {
			v := &vs[i]
			from, until := maxDate(v.from, period.Start), period.End
			if i < last {
				until = vs[i+1].from
			}
			n := len(e.scratch)
			for j := range credits {
				c := &credits[j]
				if !c.Date.Before(from) && c.Date.Before(until) && v.spec.Filter.admits(c, period) {
					e.scratch, e.scratchVals = append(e.scratch, *c), append(e.scratchVals, vals[j])
				}
			}
			m := len(e.scratch)
			segs = append(segs, segment{v, e.scratch[n:m:m], e.scratchVals[n:m:m]})
		}
	}
	for _, sg := range segs {
		for j, v := range sg.vals {
			n := num{fixed: v} // numFrom, reading the credit only when it must
			if v.wide {
				n.d = sg.credits[j].value(comp.measure, comp.key)
			}
			measure.addNum(n)
		}
	}
	m := measure.value()
	sub := Subtotal{Component: comp.id, Measure: m}
	if in.Quota.Sign() > 0 {
		a := ratio(m, in.Quota, 6, HalfUp).InexactFloat64()
		sub.Attainment = &a
	}
	if th := settings.Threshold; th.Sign() > 0 {
		var l Line
		switch {
		case in.Quota.Sign() <= 0:
			l = Line{Kind: LineThreshold, Code: CodeNoQuota, Amount: zero}
		case m.Cmp(mul(th, in.Quota)) < 0:
			l = Line{Kind: LineThreshold, Code: CodeThresholdNotMet, From: th, Value: ratio(m, in.Quota, 4, Down),
				Basis: m, To: in.Quota, Amount: zero}
		}
		if l.Kind != 0 {
			l.Component, l.Places = comp.id, places
			return append(lines, l), sub, nil
		}
	}
	var amt total // the sum of the component's lines
	opening := zero
	for _, sg := range segs {
		in.Credits, in.Opening = sg.credits, opening
		n := len(lines)
		var summed bool
		var err error
		lines, summed, err = pay(sg.v.rule, in, sg.vals, lines, &amt)
		switch {
		case err != nil:
		case len(lines) < n:
			err = fmt.Errorf("it dropped lines it was given")
		default:
			err = checkLines(in, lines[n:], sg.v.custom)
		}
		if err != nil {
			return nil, Subtotal{}, fieldErr(at("components", sg.v.pos), sg.v.spec.Type,
				fmt.Errorf("%w: rep %s, period %s: %w", ErrRule, in.Rep, period, err))
		}
		for i := n; i < len(lines); i++ {
			l := &lines[i]
			l.Component, l.Places = comp.id, places
			if !summed { // a built-in rule rounds and sums its lines as it makes them
				if d.plan.Rounding.Stage == PerLine {
					l.Amount = round(l.Amount, places, mode)
				}
				amt.add(l.Amount)
			}
		}
		if len(segs) > 1 {
			for j := range sg.credits {
				opening = add(opening, sg.credits[j].value(comp.measure, comp.key))
			}
		}
	}
	if cp := settings.Cap; cp != nil {
		n := len(lines)
		lines = componentCaps(lines, start, cp, comp.id, places)
		for i := n; i < len(lines); i++ {
			amt.add(lines[i].Amount)
		}
	}
	sub.Amount = amt.value()
	return lines, sub, nil
}

// pay calls rule.Pay, turning a panic into an error; a built-in rule that
// reads the credits' measures from vals (vals[i] is in.Credits[i]'s) is
// given them, and adds its lines' amounts to sum (summed).
func pay(rule Rule, in Input, vals []fixed, lines []Line, sum *total) (out []Line, summed bool, err error) {
	defer func() {
		if v := recover(); v != nil {
			out, err = lines, fmt.Errorf("panicked: %v", v)
		}
	}()
	if vr, ok := rule.(valuedRule); ok {
		return vr.pay(in, vals, lines, sum), true, nil
	}
	out, err = rule.Pay(in, lines)
	return out, false, err
}

// valuedRule is a built-in Rule whose Pay works on the credits' measures
// as nums (vals[i] is in.Credits[i]'s), rounds its lines as the plan says
// and adds their amounts to sum.
type valuedRule interface {
	pay(in Input, vals []fixed, lines []Line, sum *total) []Line
}

// checkLines checks the lines a rule added, and fills in their defaults:
// the kind Commission, a code.
func checkLines(in Input, added []Line, custom bool) error {
	var deals map[string]bool
	for i := range added {
		l := &added[i]
		if l.Kind == 0 {
			l.Kind = LineCommission
		}
		if l.Code == "" {
			l.Code = CodeAmount
			if !l.Rate.IsZero() {
				l.Code = CodeRate
			}
		}
		if !custom {
			continue
		}
		switch l.Kind {
		case LineCommission, LineBonus:
		case LineThreshold:
			if !l.Amount.IsZero() {
				return fmt.Errorf("line %d: a threshold line pays nothing, not %s", i, l.Amount)
			}
		default:
			return fmt.Errorf("line %d: a rule pays commission or bonus lines, not %s", i, l.Kind)
		}
		for _, x := range []decimal.Decimal{l.Amount, l.Basis, l.Rate, l.From, l.To, l.Value, l.Was} {
			if tooBig(x) || places(x) > 2*maxPlaces {
				return fmt.Errorf("line %d: %s is out of range", i, x)
			}
		}
		if !l.Rate.IsZero() && !mul(l.Basis, l.Rate).Equal(l.Amount) {
			return fmt.Errorf("line %d: basis %s × rate %s is not the amount %s", i, l.Basis, l.Rate, l.Amount)
		}
		if l.Deal != "" {
			if deals == nil {
				deals = make(map[string]bool, len(in.Credits))
				for j := range in.Credits {
					deals[in.Credits[j].Deal] = true
				}
			}
			if !deals[l.Deal] {
				return fmt.Errorf("line %d: deal %s is not among its credits", i, l.Deal)
			}
		}
	}
	return nil
}

// record notes what each of rep r's deals that a cancellation claws back
// earned the rep, for the clawback.
func (e *engine) record(r int32, lines []Line) {
	cx := e.cr.cancels[r]
	if len(cx) == 0 {
		return
	}
	// A rep has few such deals: a look at each is cheaper than hashing
	// every line's deal into the set of all (BenchmarkComputeMillion).
	watched := func(deal string) bool {
		if len(cx) > 8 {
			return e.watch[deal]
		}
		for i := range cx {
			if cx[i].deal == deal {
				return true
			}
		}
		return false
	}
	for i := range lines {
		l := &lines[i]
		if l.Deal == "" || !watched(l.Deal) {
			continue
		}
		switch l.Kind {
		case LineCommission, LineBonus, LineCap:
		default:
			continue
		}
		k := paidKey{r, l.Deal, l.Component}
		rec := e.paid[k]
		if rec == nil {
			rec = &paidRecord{}
			e.paid[k] = rec
		}
		rec.paid.add(l.Amount)
		if l.Kind == LineCommission {
			rec.atRate.add(mul(l.Basis, l.Rate))
		}
	}
}

func maxDate(a, b Date) Date {
	if a.After(b) {
		return a
	}
	return b
}
