package incentive

import (
	"maps"
	"slices"

	"github.com/shopspring/decimal"
)

// checkTx checks txs[i], which ids tells apart from the earlier ones; its
// fields are under transactions[i]. It notes in f the index of its only rep (or -1 for a
// split deal), its split reps and shares, and its amount.
func (d *Definition) checkTx(c *checker, txs []Transaction, i int, ids *idSet, f *txFacts) {
	t := &txs[i]
	c.pre, c.pi = "transactions", i
	switch {
	case t.ID == "":
		c.add(".id", "", ErrEmpty)
	case ids.repeated(i):
		c.add(".id", t.ID, ErrDuplicate)
	}
	fact := &f.txs[i]
	fact.amount = fixedOf(t.Amount)
	c.moneyFixed(".amount", t.Amount, fact.amount, true)
	c.money(".margin", t.Margin, true)
	c.number(".units", t.Units, zero, true)
	if len(t.Values) > 0 {
		for _, k := range slices.Sorted(maps.Keys(t.Values)) {
			c.number(".values."+k, t.Values[k], zero, true)
		}
	}
	c.enum(".kind", int(t.Kind), "DealKind", dealKindNames)
	switch {
	case t.Booked.IsZero():
		c.add(".booked", "", ErrEmpty)
	case !t.Booked.IsValid():
		c.add(".booked", t.Booked.String(), ErrDate)
	}
	if c.date(".cancelled", t.Cancelled) && !t.Cancelled.IsZero() && t.Cancelled.Before(t.Booked) {
		c.add(".cancelled", t.Cancelled.String(), because(ErrRange, "cancelled %s is before booked %s", t.Cancelled, t.Booked))
	}
	if c.date(".paid", t.Paid) && !t.Paid.IsZero() {
		switch {
		case len(t.Payments) > 0:
			c.add(".paid", t.Paid.String(), because(ErrPayments, "give paid or payments, not both"))
		case t.Paid.Before(t.Booked):
			c.add(".paid", t.Paid.String(), because(ErrPayments, "paid %s is before booked %s", t.Paid, t.Booked))
		}
	}
	sum := zero
	for j, p := range t.Payments {
		c.sub, c.si = ".payments", j
		switch {
		case p.Date.IsZero():
			c.add(".date", "", ErrEmpty)
		case !p.Date.IsValid():
			c.add(".date", p.Date.String(), ErrDate)
		case p.Date.Before(t.Booked):
			c.add(".date", p.Date.String(), because(ErrPayments, "payment %s is before booked %s", p.Date, t.Booked))
		}
		if c.money(".amount", p.Amount, true) {
			sum = add(sum, p.Amount)
		}
	}
	c.sub = ""
	if len(t.Payments) > 0 {
		if s := sum.Mul(decimal.NewFromInt(int64(t.Amount.Sign()))); s.Sign() < 0 || s.Cmp(t.Amount.Abs()) > 0 {
			c.add(".payments", sum.String(), because(ErrPayments, "payments add up to %s; the deal is %s", sum, t.Amount))
		}
	}
	fact.split0 = int32(len(f.splitIdx))
	fact.owner = d.checkSplits(c, t, f)
	fact.split1 = int32(len(f.splitIdx))
	c.pre, c.sub = "", ""
}

// checkSplits checks t's rep and splits, and returns the index of its
// only rep (or -1), noting its split reps' indices and shares in f.
func (d *Definition) checkSplits(c *checker, t *Transaction, f *txFacts) int32 {
	if len(t.Splits) == 0 {
		r, ok := f.rep(d, t.Rep)
		switch {
		case t.Rep == "":
			c.add(".rep", "", because(ErrEmpty, "a deal needs a rep or splits"))
		case !ok:
			c.add(".rep", t.Rep, ErrUnknownRep)
		}
		return r
	}
	if len(f.splitIdx)+len(t.Splits) > cap(f.splitIdx) {
		// Doubled, where append would grow a large slice by a quarter
		// and copy it four times over: BenchmarkComputeMillion allocated
		// 42 MB an op for 400,000 splits, now 29 MB.
		more := max(len(t.Splits), len(f.splitIdx))
		f.splitIdx, f.shares = slices.Grow(f.splitIdx, more), slices.Grow(f.shares, more)
	}
	var sum num // the revenue shares' (at most 1 each, so they fit)
	revenue := 0
	owner := t.Rep == ""
	for j, s := range t.Splits {
		c.sub, c.si = ".splits", j
		r, ok := f.rep(d, s.Rep)
		share := fixedOf(s.Share)
		f.splitIdx, f.shares = append(f.splitIdx, r), append(f.shares, share)
		if !ok {
			if s.Rep == "" {
				c.add(".rep", "", ErrEmpty)
			} else {
				c.add(".rep", s.Rep, ErrUnknownRep)
			}
		}
		for _, e := range t.Splits[:j] {
			if e.Rep == s.Rep && e.Overlay == s.Overlay {
				c.add(".rep", s.Rep, ErrDuplicate)
				break
			}
		}
		owner = owner || s.Rep == t.Rep
		if s.Share.Sign() <= 0 {
			c.add(".share", s.Share.String(), because(ErrShares, "a share is above 0"))
		} else if c.numberFixed(".share", s.Share, share, oneNum, false) && !s.Overlay {
			sum = addNum(sum, numFrom(share, s.Share))
		}
		if s.Overlay && !d.plan.Crediting.Overlay {
			c.add(".overlay", "true", because(ErrShares, "the plan does not allow overlay credit"))
		}
		if !s.Overlay {
			revenue++
		}
	}
	c.sub = ""
	switch {
	case revenue == 0:
		c.add(".splits", "", because(ErrShares, "no revenue split"))
	case cmpNum(sum, oneNum) != 0:
		c.add(".splits", sum.dec().String(), because(ErrShares, "revenue shares add up to %s", sum.dec()))
	}
	if !owner {
		c.add(".rep", t.Rep, because(ErrShares, "the owner %s has no split", t.Rep))
	}
	return -1
}

// rep returns the index of the rep with ID id, as d.repIdx does. The last
// rep found is kept: transactions often come grouped by rep (a CRM export
// by owner, the deals of one rep's statement), and a comparison of IDs
// costs less than a look-up in the map. This is a speed trick: measured
// with callgrind (GOGC=off), it takes BenchmarkStatement100Lines from 349k
// to 337k instructions an op; BenchmarkComputeMillion, whose reps are
// random, pays a comparison of IDs a deal for it. Only the index is kept,
// not the ID, which is a pointer: a write of one while the garbage
// collector marks is a write barrier.
func (f *txFacts) rep(d *Definition, id string) (int32, bool) {
	if f.lastOK && id == d.plan.Reps[f.lastRep].ID {
		return f.lastRep, true
	}
	r, ok := d.repIdx[id]
	if ok {
		f.lastRep, f.lastOK = r, true
	}
	return r, ok
}
