package incentive

import (
	"cmp"
	"maps"
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
}

// credit checks txs and credits them, keeping the credits dated in the
// plan before end; with reversals, it adds cancellations' reversal credits
// and clawbacks.
func (d *Definition) credit(txs []Transaction, end Date, reversals bool) (*credited, error) {
	c := &checker{places: d.plan.Rounding.Places}
	seen := make(map[string]struct{}, min(len(txs), 1<<20))
	for i := range txs {
		if c.full() {
			c.more += len(txs) - i
			break
		}
		d.checkTx(c, i, &txs[i], seen)
	}
	if err := c.err(); err != nil {
		return nil, err
	}
	cr := &crediter{d: d}
	counts := make([]int, len(d.plan.Reps))
	// The first pass counts each rep's credits, the second makes them in
	// place: one allocation for all of them.
	for i := range txs {
		cr.each(&txs[i], end, reversals, func(r int32, _ *Credit) { counts[r]++ })
	}
	out := &credited{byRep: make([][]Credit, len(counts))}
	n := 0
	for _, k := range counts {
		n += k
	}
	out.all = make([]Credit, n)
	offset := make([]int, len(counts))
	n = 0
	for r, k := range counts {
		offset[r] = n
		out.byRep[r] = out.all[n : n : n+k]
		n += k
	}
	for i := range txs {
		cr.each(&txs[i], end, reversals, func(r int32, c *Credit) {
			out.all[offset[r]] = *c
			offset[r]++
		})
	}
	var keys []creditKey
	for r, k := range counts {
		out.byRep[r] = out.byRep[r][:k]
		keys = sortCredits(out.byRep[r], keys)
	}
	if reversals {
		out.cancels = d.cancels(txs, end)
	}
	return out, nil
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
// and moving each credit once; keys is scratch space, returned for reuse.
func sortCredits(cs []Credit, keys []creditKey) []creditKey {
	keys = keys[:0]
	sorted := true
	for i := range cs {
		c := &cs[i]
		rank := int(c.Type)
		if c.Reversal {
			rank += 8
		}
		keys = append(keys, creditKey{c.Date.days(), c.Deal, c.From, rank, i})
		if sorted && i > 0 && compareKeys(keys[i-1], keys[i]) > 0 {
			sorted = false
		}
	}
	if sorted {
		return keys
	}
	slices.SortFunc(keys, compareKeys)
	tmp := slices.Clone(cs)
	for j, k := range keys {
		cs[j] = tmp[k.i]
	}
	return keys
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

// each calls f with every credit t gives, dated in the plan before end:
// the credits of each crediting event, team credit up the chain, and with
// reversals the reversal credits of a cancellation that reduces
// attainment. The credit passed to f is reused.
func (cr *crediter) each(t *Transaction, end Date, reversals bool, f func(rep int32, c *Credit)) {
	d := cr.d
	cr.splitReps(t)
	reverse := reversals && d.plan.Clawback != nil && d.plan.Clawback.ReducesAttainment && d.clawsBack(t, end)
	paid := paidOn(t)
	places, mode := d.plan.Rounding.Places, d.plan.Rounding.Mode
	for _, ev := range cr.eventsOf(t) {
		if ev.date.Before(d.plan.Start) || !ev.date.Before(end) {
			continue
		}
		cr.amounts = allocate(cr.amounts[:0], ev.amount, cr.shares, places)
		cr.margins = allocate(cr.margins[:0], ev.margin, cr.shares, places)
		for k, r := range cr.reps {
			c := Credit{Deal: t.ID, Rep: d.plan.Reps[r].ID, Date: ev.date, DealAmount: t.Amount, Product: t.Product,
				Kind: t.Kind, Paid: paid, Attributes: t.Attributes}
			var share decimal.Decimal
			if k < len(cr.shares) {
				share = cr.shares[k]
				c.Amount, c.Margin = cr.amounts[k], cr.margins[k]
			} else {
				share = cr.overlays[k-len(cr.shares)]
				c.Type = Overlay
				c.Amount = round(mul(ev.amount, share), places, mode)
				c.Margin = round(mul(ev.margin, share), places, mode)
			}
			c.Share = share
			c.Units = mul(ev.units, share)
			if len(ev.values) > 0 {
				c.Values = make(map[string]decimal.Decimal, len(ev.values))
				for key, v := range ev.values {
					c.Values[key] = mul(v, share)
				}
			}
			cr.emit(r, &c, reverse, t, f)
		}
	}
}

// emit passes c and the team credit of r's managers to f, each followed by
// its reversal when reverse.
func (cr *crediter) emit(r int32, c *Credit, reverse bool, t *Transaction, f func(int32, *Credit)) {
	one := func(r int32, c *Credit) {
		f(r, c)
		if reverse && cr.d.works(r, c.Date) {
			rv := *c
			rv.Reversal = true
			rv.Date = t.Cancelled
			rv.Amount, rv.Margin, rv.Units = c.Amount.Neg(), c.Margin.Neg(), c.Units.Neg()
			if len(c.Values) > 0 {
				rv.Values = make(map[string]decimal.Decimal, len(c.Values))
				for k, v := range c.Values {
					rv.Values[k] = v.Neg()
				}
			}
			f(r, &rv)
		}
	}
	one(r, c)
	if !cr.d.plan.Crediting.RollUp {
		return
	}
	from := c.Rep
	for _, m := range cr.d.chains[r] {
		tc := *c
		tc.Rep, tc.Type, tc.From = cr.d.plan.Reps[m].ID, Team, from
		one(m, &tc)
	}
}

// splitReps sets cr.reps to t's credited reps, the revenue splits' in
// order and then the overlay splits' (or the owner alone), with their
// shares in cr.shares and cr.overlays.
func (cr *crediter) splitReps(t *Transaction) {
	cr.reps, cr.shares, cr.overlays = cr.reps[:0], cr.shares[:0], cr.overlays[:0]
	if len(t.Splits) == 0 {
		cr.reps = append(cr.reps, cr.d.repIdx[t.Rep])
		cr.shares = append(cr.shares, one)
		return
	}
	for _, s := range t.Splits {
		if !s.Overlay {
			cr.reps = append(cr.reps, cr.d.repIdx[s.Rep])
			cr.shares = append(cr.shares, s.Share)
		}
	}
	for _, s := range t.Splits {
		if s.Overlay {
			cr.reps = append(cr.reps, cr.d.repIdx[s.Rep])
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
		return append(cr.events, event{t.Booked, t.Amount, t.Margin, t.Units, t.Values})
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
		cr.splitReps(t)
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

// checkTx checks one transaction.
func (d *Definition) checkTx(c *checker, i int, t *Transaction, seen map[string]struct{}) {
	f := at("transactions", i)
	switch {
	case t.ID == "":
		c.add(f+".id", "", ErrEmpty)
	default:
		if _, dup := seen[t.ID]; dup {
			c.add(f+".id", t.ID, ErrDuplicate)
		}
		seen[t.ID] = struct{}{}
	}
	c.money(f+".amount", t.Amount, true)
	c.money(f+".margin", t.Margin, true)
	c.number(f+".units", t.Units, zero, true)
	for _, k := range slices.Sorted(maps.Keys(t.Values)) {
		c.number(f+".values."+k, t.Values[k], zero, true)
	}
	c.enum(f+".kind", int(t.Kind), "DealKind", dealKindNames)
	switch {
	case t.Booked.IsZero():
		c.add(f+".booked", "", ErrEmpty)
	case !t.Booked.IsValid():
		c.add(f+".booked", t.Booked.String(), ErrDate)
	}
	if c.date(f+".cancelled", t.Cancelled) && !t.Cancelled.IsZero() && t.Cancelled.Before(t.Booked) {
		c.add(f+".cancelled", t.Cancelled.String(), because(ErrRange, "cancelled %s is before booked %s", t.Cancelled, t.Booked))
	}
	if c.date(f+".paid", t.Paid) && !t.Paid.IsZero() {
		switch {
		case len(t.Payments) > 0:
			c.add(f+".paid", t.Paid.String(), because(ErrPayments, "give paid or payments, not both"))
		case t.Paid.Before(t.Booked):
			c.add(f+".paid", t.Paid.String(), because(ErrPayments, "paid %s is before booked %s", t.Paid, t.Booked))
		}
	}
	sum := zero
	for j, p := range t.Payments {
		g := at(f+".payments", j)
		switch {
		case p.Date.IsZero():
			c.add(g+".date", "", ErrEmpty)
		case !p.Date.IsValid():
			c.add(g+".date", p.Date.String(), ErrDate)
		case p.Date.Before(t.Booked):
			c.add(g+".date", p.Date.String(), because(ErrPayments, "payment %s is before booked %s", p.Date, t.Booked))
		}
		if c.money(g+".amount", p.Amount, true) {
			sum = add(sum, p.Amount)
		}
	}
	if len(t.Payments) > 0 {
		if s := sum.Mul(decimal.NewFromInt(int64(t.Amount.Sign()))); s.Sign() < 0 || s.Cmp(t.Amount.Abs()) > 0 {
			c.add(f+".payments", sum.String(), because(ErrPayments, "payments add up to %s; the deal is %s", sum, t.Amount))
		}
	}
	d.checkSplits(c, f, t)
}

func (d *Definition) checkSplits(c *checker, f string, t *Transaction) {
	if len(t.Splits) == 0 {
		switch _, ok := d.repIdx[t.Rep]; {
		case t.Rep == "":
			c.add(f+".rep", "", because(ErrEmpty, "a deal needs a rep or splits"))
		case !ok:
			c.add(f+".rep", t.Rep, ErrUnknownRep)
		}
		return
	}
	sum := zero
	revenue := 0
	owner := t.Rep == ""
	for j, s := range t.Splits {
		g := at(f+".splits", j)
		if _, ok := d.repIdx[s.Rep]; !ok {
			if s.Rep == "" {
				c.add(g+".rep", "", ErrEmpty)
			} else {
				c.add(g+".rep", s.Rep, ErrUnknownRep)
			}
		}
		for _, e := range t.Splits[:j] {
			if e.Rep == s.Rep && e.Overlay == s.Overlay {
				c.add(g+".rep", s.Rep, ErrDuplicate)
				break
			}
		}
		owner = owner || s.Rep == t.Rep
		if s.Share.Sign() <= 0 {
			c.add(g+".share", s.Share.String(), because(ErrShares, "a share is above 0"))
		} else if c.number(g+".share", s.Share, one, false) && !s.Overlay {
			sum = sum.Add(s.Share)
		}
		if s.Overlay && !d.plan.Crediting.Overlay {
			c.add(g+".overlay", "true", because(ErrShares, "the plan does not allow overlay credit"))
		}
		if !s.Overlay {
			revenue++
		}
	}
	switch {
	case revenue == 0:
		c.add(f+".splits", "", because(ErrShares, "no revenue split"))
	case !sum.Equal(one):
		c.add(f+".splits", sum.String(), because(ErrShares, "revenue shares add up to %s", sum))
	}
	if !owner {
		c.add(f+".rep", t.Rep, because(ErrShares, "the owner %s has no split", t.Rep))
	}
}
