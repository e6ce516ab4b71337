package incentive

import (
	"cmp"
	"slices"
	"strings"

	"github.com/shopspring/decimal"
)

// Credits checks txs against the plan and returns every credit they give,
// ordered by rep (in plan order), then as statements list them: by date,
// deal ID, credit type and the rep a team credit came from. It reports
// every bad transaction (up to 100, then a count wrapping ErrTooMany), each
// a *FieldError naming its path ("transactions[4].splits[1].share"), and
// returns no credits when there is one. Reversal credits, which a
// cancellation adds, are not among them: they belong to a period's
// statement.
func Credits(def *Definition, txs []Transaction) ([]Credit, error) {
	if def == nil {
		return nil, fieldErr("def", "", because(ErrEmpty, "nil definition"))
	}
	cr, err := def.credit(txs, def.plan.End, false)
	if err != nil {
		return nil, err
	}
	return cr.all, nil
}

// credited is the credits of a set of transactions, by rep.
type credited struct {
	all     []Credit
	byRep   [][]Credit // windows of all, each sorted
	cancels [][]cancel // each rep's clawback cancellations
}

// cancel is a cancellation that claws back a rep's commission on a deal.
type cancel struct {
	deal      string
	booked    Date
	cancelled Date
}

// event is one crediting of a deal: its booking, or one date's payments.
type event struct {
	date                  Date
	amount, margin, units decimal.Decimal
	values                map[string]decimal.Decimal
}

// crediter holds the scratch space of one credit call.
type crediter struct {
	d        *Definition
	events   []event
	shares   []decimal.Decimal
	overlays []decimal.Decimal
	amounts  []decimal.Decimal
	margins  []decimal.Decimal
	reps     []int32 // the revenue then overlay split reps of one transaction
	counting bool    // the first pass: count credits per rep
	counts   []int
	offset   []int
	all      []Credit
	scratch  Credit
}

// credit checks txs and credits them, keeping the credits dated in the
// plan before end; with reversals, it adds cancellations' reversal credits
// and clawbacks.
func (d *Definition) credit(txs []Transaction, end Date, reversals bool) (*credited, error) {
	c := &checker{places: d.plan.Rounding.Places}
	seen := make(map[string]struct{}, min(len(txs), 1<<20))
	owners := make([]int32, len(txs)) // each deal's only rep, or -1
	// The split reps' indices, found once: those of txs[i] are
	// splitIdx[splitOff[i]:splitOff[i+1]].
	splitOff := make([]int32, len(txs)+1)
	var splitIdx []int32
	for i := range txs {
		if c.full() {
			c.more += len(txs) - i
			break
		}
		owners[i], splitIdx = d.checkTx(c, i, &txs[i], seen, splitIdx)
		splitOff[i+1] = int32(len(splitIdx))
	}
	if err := c.err(); err != nil {
		return nil, err
	}
	cr := &crediter{d: d, counting: true, counts: make([]int, len(d.plan.Reps))}
	// The first pass counts each rep's credits, the second makes them in
	// place: one allocation for all of them.
	for i := range txs {
		cr.each(&txs[i], owners[i], splitIdx[splitOff[i]:splitOff[i+1]], end, reversals)
	}
	counts := cr.counts
	out := &credited{byRep: make([][]Credit, len(counts))}
	n := 0
	for _, k := range counts {
		n += k
	}
	out.all = make([]Credit, n)
	cr.offset = make([]int, len(counts))
	n = 0
	for r, k := range counts {
		cr.offset[r] = n
		out.byRep[r] = out.all[n : n+k : n+k]
		n += k
	}
	cr.all, cr.counting = out.all, false
	// Made in date then ID order, most reps' credits need no sorting.
	for _, i := range d.bookingOrder(txs) {
		cr.each(&txs[i], owners[i], splitIdx[splitOff[i]:splitOff[i+1]], end, reversals)
	}
	var keys []creditKey
	var tmp []Credit
	for r := range counts {
		keys, tmp = sortCredits(out.byRep[r], keys, tmp)
	}
	if reversals {
		out.cancels = d.cancels(txs, end)
	}
	return out, nil
}

// bookingOrder returns the indices of txs ordered by booked date (a
// counting sort over the plan's dates; dates outside the plan, whose
// credits are dropped, come first), in their given order within a date.
// Credits made in this order are sorted but for deals of one rep on one
// date, which sortCredits puts in ID order.
func (d *Definition) bookingOrder(txs []Transaction) []int32 {
	// Date.key orders dates and spans a plan's dates in a small range:
	// buckets by key, not by day count, cost a subtraction each.
	lo, hi := d.plan.Start.key(), d.plan.End.key()
	buckets := make([]int32, len(txs))
	start := make([]int32, hi-lo+2)
	for i := range txs {
		k := txs[i].Booked.key() - lo + 1
		if k < 1 || k > hi-lo {
			k = 0
		}
		buckets[i] = int32(k)
		start[k+1]++
	}
	for k := 1; k < len(start); k++ {
		start[k] += start[k-1]
	}
	order := make([]int32, len(txs))
	for i, k := range buckets {
		order[start[k]] = int32(i)
		start[k]++
	}
	return order
}

// creditKey is what credits sort by, held compactly.
type creditKey struct {
	day  int
	deal string
	from string
	rank int // reversal and type
	i    int
}

// sortCredits sorts cs as compareCredits orders them, sorting small keys
// and moving each credit once; keys and tmp are scratch space, returned
// for reuse.
func sortCredits(cs []Credit, keys []creditKey, tmp []Credit) ([]creditKey, []Credit) {
	descents := 0
	for i := 1; i < len(cs); i++ {
		if compareCredits(&cs[i-1], &cs[i]) > 0 {
			descents++
		}
	}
	switch {
	case descents == 0:
		return keys, tmp
	case descents <= len(cs)/8:
		// Nearly sorted (deals of one day in another order, a few
		// reversals): insertion moves only the credits out of place.
		for i := 1; i < len(cs); i++ {
			if compareCredits(&cs[i-1], &cs[i]) <= 0 {
				continue
			}
			c := cs[i]
			j := i
			for j > 0 && compareCredits(&cs[j-1], &c) > 0 {
				cs[j] = cs[j-1]
				j--
			}
			cs[j] = c
		}
		return keys, tmp
	}
	keys = keys[:0]
	for i := range cs {
		c := &cs[i]
		rank := int(c.Type)
		if c.Reversal {
			rank += 8
		}
		keys = append(keys, creditKey{c.Date.key(), c.Deal, c.From, rank, i})
	}
	slices.SortFunc(keys, compareKeys)
	tmp = append(tmp[:0], cs...)
	for j, k := range keys {
		cs[j] = tmp[k.i]
	}
	return keys, tmp
}

func compareKeys(a, b creditKey) int {
	if a.day != b.day {
		return cmp.Compare(a.day, b.day)
	}
	if c := strings.Compare(a.deal, b.deal); c != 0 {
		return c
	}
	if a.rank != b.rank {
		return cmp.Compare(a.rank, b.rank)
	}
	return strings.Compare(a.from, b.from)
}

// works reports whether rep r works on day.
func (d *Definition) works(r int32, day Date) bool {
	rep := &d.plan.Reps[r]
	return (rep.Start.IsZero() || !day.Before(rep.Start)) && (rep.End.IsZero() || day.Before(rep.End))
}

// clawsBack reports whether t's cancellation claws back commission, before
// end.
func (d *Definition) clawsBack(t *Transaction, end Date) bool {
	cb := d.plan.Clawback
	return cb != nil && d.plan.Crediting.On == OnBooking && !t.Cancelled.IsZero() && t.Cancelled.Before(end) &&
		!t.Booked.Before(d.plan.Start) && (cb.WithinDays == 0 || t.Cancelled.Sub(t.Booked) <= cb.WithinDays)
}

// each makes every credit t gives, dated in the plan before end: the
// credits of each crediting event, team credit up the chain, and with
// reversals the reversal credits of a cancellation that reduces
// attainment. While counting it only counts them per rep.
func (cr *crediter) each(t *Transaction, owner int32, splits []int32, end Date, reversals bool) {
	d := cr.d
	cr.splitReps(t, owner, splits)
	reverse := reversals && d.plan.Clawback != nil && d.plan.Clawback.ReducesAttainment && d.clawsBack(t, end)
	var paid Date
	if !cr.counting {
		paid = paidOn(t)
	}
	places, mode := d.plan.Rounding.Places, d.plan.Rounding.Mode
	for _, ev := range cr.eventsOf(t) {
		if ev.date.Before(d.plan.Start) || !ev.date.Before(end) {
			continue
		}
		if !cr.counting {
			cr.amounts = allocate(cr.amounts[:0], ev.amount, cr.shares, places)
			cr.margins = allocate(cr.margins[:0], ev.margin, cr.shares, places)
		}
		for k, r := range cr.reps {
			c := cr.slot(r)
			c.Date = ev.date
			if !cr.counting {
				*c = Credit{Deal: t.ID, Rep: d.plan.Reps[r].ID, Date: ev.date, DealAmount: t.Amount, Product: t.Product,
					Kind: t.Kind, Paid: paid, Attributes: t.Attributes}
				if k < len(cr.shares) {
					c.Share = cr.shares[k]
					c.Amount, c.Margin = cr.amounts[k], cr.margins[k]
				} else {
					c.Share = cr.overlays[k-len(cr.shares)]
					c.Type = Overlay
					c.Amount = round(mul(ev.amount, c.Share), places, mode)
					c.Margin = round(mul(ev.margin, c.Share), places, mode)
				}
				c.Units = mul(ev.units, c.Share)
				if len(ev.values) > 0 {
					c.Values = make(map[string]decimal.Decimal, len(ev.values))
					for key, v := range ev.values {
						c.Values[key] = mul(v, c.Share)
					}
				}
			}
			cr.emit(r, c, reverse, t)
		}
	}
}

// slot returns where rep r's next credit goes, counting it.
func (cr *crediter) slot(r int32) *Credit {
	if cr.counting {
		cr.counts[r]++
		return &cr.scratch
	}
	i := cr.offset[r]
	cr.offset[r]++
	return &cr.all[i]
}

// emit adds the reversal of c (made for rep r) when reverse, and the team
// credit of r's managers, each with its own reversal.
func (cr *crediter) emit(r int32, c *Credit, reverse bool, t *Transaction) {
	cr.reverse(r, c, reverse, t)
	if !cr.d.plan.Crediting.RollUp {
		return
	}
	for _, m := range cr.d.chains[r] {
		tc := cr.slot(m)
		tc.Date = c.Date
		if !cr.counting {
			*tc = *c
			tc.Rep, tc.Type, tc.From = cr.d.plan.Reps[m].ID, Team, c.Rep
		}
		cr.reverse(m, tc, reverse, t)
	}
}

// reverse adds the reversal of c, rep r's credit, when reverse and the
// rep was credited.
func (cr *crediter) reverse(r int32, c *Credit, reverse bool, t *Transaction) {
	if !reverse || !cr.d.works(r, c.Date) {
		return
	}
	rv := cr.slot(r)
	if cr.counting {
		return
	}
	*rv = *c
	rv.Reversal = true
	rv.Date = t.Cancelled
	rv.Amount, rv.Margin, rv.Units = c.Amount.Neg(), c.Margin.Neg(), c.Units.Neg()
	if len(c.Values) > 0 {
		rv.Values = make(map[string]decimal.Decimal, len(c.Values))
		for k, v := range c.Values {
			rv.Values[k] = v.Neg()
		}
	}
}

// splitReps sets cr.reps to t's credited reps, the revenue splits' in
// order and then the overlay splits' (or the owner alone, whose index is
// owner; splits are the split reps' indices), with their shares in
// cr.shares and cr.overlays.
func (cr *crediter) splitReps(t *Transaction, owner int32, splits []int32) {
	cr.reps, cr.shares, cr.overlays = cr.reps[:0], cr.shares[:0], cr.overlays[:0]
	if len(t.Splits) == 0 {
		cr.reps = append(cr.reps, owner)
		cr.shares = append(cr.shares, one)
		return
	}
	for k, s := range t.Splits {
		if !s.Overlay {
			cr.reps = append(cr.reps, splits[k])
			cr.shares = append(cr.shares, s.Share)
		}
	}
	for k, s := range t.Splits {
		if s.Overlay {
			cr.reps = append(cr.reps, splits[k])
			cr.overlays = append(cr.overlays, s.Share)
		}
	}
}

// eventsOf returns t's crediting events: its booking, or under OnPayment
// each date's payments, with margin, units and values in proportion to
// the amount paid (margin rounded as the plan rounds, units to 6 places).
func (cr *crediter) eventsOf(t *Transaction) []event {
	cr.events = cr.events[:0]
	if cr.d.plan.Crediting.On == OnBooking {
		cr.events = append(cr.events, event{t.Booked, t.Amount, t.Margin, t.Units, t.Values})
		return cr.events
	}
	pays := t.Payments
	if !t.Paid.IsZero() {
		pays = []Payment{{t.Paid, t.Amount}}
	}
	pays = slices.Clone(pays)
	slices.SortStableFunc(pays, func(a, b Payment) int { return a.Date.Compare(b.Date) })
	r := cr.d.plan.Rounding
	for i := 0; i < len(pays); {
		day, amount := pays[i].Date, zero
		for ; i < len(pays) && pays[i].Date == day; i++ {
			amount = add(amount, pays[i].Amount)
		}
		ev := event{date: day, amount: amount}
		if !t.Amount.IsZero() {
			f := func(v decimal.Decimal, places int32) decimal.Decimal {
				return ratio(mul(v, amount), t.Amount, places, r.Mode)
			}
			ev.margin, ev.units = f(t.Margin, r.Places), f(t.Units, 6)
			if len(t.Values) > 0 {
				ev.values = make(map[string]decimal.Decimal, len(t.Values))
				for k, v := range t.Values {
					ev.values[k] = f(v, 6)
				}
			}
		}
		cr.events = append(cr.events, ev)
	}
	return cr.events
}

// paidOn returns the date t was paid in full, or the zero Date.
func paidOn(t *Transaction) Date {
	if !t.Paid.IsZero() || len(t.Payments) == 0 {
		return t.Paid
	}
	pays := slices.Clone(t.Payments)
	slices.SortStableFunc(pays, func(a, b Payment) int { return a.Date.Compare(b.Date) })
	sum := zero
	for _, p := range pays {
		sum = add(sum, p.Amount)
		if sum.Equal(t.Amount) {
			return p.Date
		}
	}
	return Date{}
}

// cancels returns each rep's cancellations that claw back, before end.
func (d *Definition) cancels(txs []Transaction, end Date) [][]cancel {
	out := make([][]cancel, len(d.plan.Reps))
	for i := range txs {
		t := &txs[i]
		if !d.clawsBack(t, end) {
			continue
		}
		var reps []int32
		addRep := func(r int32) {
			if !slices.Contains(reps, r) {
				reps = append(reps, r)
			}
		}
		cr := crediter{d: d}
		splits := make([]int32, len(t.Splits))
		for k, sp := range t.Splits {
			splits[k] = d.repIdx[sp.Rep]
		}
		cr.splitReps(t, d.repIdx[t.Rep], splits)
		for _, r := range cr.reps {
			addRep(r)
			if d.plan.Crediting.RollUp {
				for _, m := range d.chains[r] {
					addRep(m)
				}
			}
		}
		for _, r := range reps {
			out[r] = append(out[r], cancel{t.ID, t.Booked, t.Cancelled})
		}
	}
	for _, cs := range out {
		slices.SortFunc(cs, func(a, b cancel) int {
			if c := a.cancelled.Compare(b.cancelled); c != 0 {
				return c
			}
			return strings.Compare(a.deal, b.deal)
		})
	}
	return out
}
