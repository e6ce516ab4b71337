package incentive

import (
	"github.com/shopspring/decimal"
)

// componentCaps appends the cap lines of the component whose lines start at
// lines[start]: per deal, what a deal's lines earn above PerDeal (in the
// order the deals first appear); per period, what all its lines earn above
// PerPeriod. Negative totals are not capped.
func componentCaps(lines []Line, start int, cp *Cap, comp string, places int32) []Line {
	if cp.PerDeal.Sign() > 0 {
		var order []string
		sums := map[string]*total{}
		for i := start; i < len(lines); i++ {
			l := &lines[i]
			if l.Deal == "" || (l.Kind != LineCommission && l.Kind != LineBonus) {
				continue
			}
			t := sums[l.Deal]
			if t == nil {
				t = &total{}
				sums[l.Deal] = t
				order = append(order, l.Deal)
			}
			t.add(l.Amount)
		}
		for _, deal := range order {
			if v := sums[deal].value(); v.Cmp(cp.PerDeal) > 0 {
				lines = append(lines, Line{Kind: LineCap, Component: comp, Deal: deal, Code: CodeCapDeal,
					To: cp.PerDeal, Basis: v, Amount: sub(cp.PerDeal, v), Places: places})
			}
		}
	}
	if cp.PerPeriod.Sign() > 0 {
		var t total
		for i := start; i < len(lines); i++ {
			t.add(lines[i].Amount)
		}
		if v := t.value(); v.Cmp(cp.PerPeriod) > 0 {
			lines = append(lines, Line{Kind: LineCap, Component: comp, Code: CodeCapComponent,
				To: cp.PerPeriod, Basis: v, Amount: sub(cp.PerPeriod, v), Places: places})
		}
	}
	return lines
}

// adjust adds the statement's adjustments, payout and closing balance, in
// this order:
//
//  1. clawbacks of the rep's deals cancelled in the period;
//  2. the plan's caps on Earned — per period and per year, the tighter
//     binding — and the release of excess carried from earlier periods
//     into the room left;
//  3. true-ups of locked periods;
//  4. under OnTotal, the rounding of the running total;
//  5. a deficit line carrying a negative total forward (CarryNegative);
//  6. the draw's top-up when the total is below the draw, or else the
//     recovery of what the rep owes.
func (e *engine) adjust(r int32, s *Statement, cancels []cancel, trueups []Line) {
	d := e.d
	places, mode := d.plan.Rounding.Places, d.plan.Rounding.Mode
	perLine := d.plan.Rounding.Stage == PerLine
	roundLine := func(v decimal.Decimal) decimal.Decimal {
		if perLine {
			return round(v, places, mode)
		}
		return v
	}
	open := s.Opening
	closing := open
	var adj []Line
	emit := func(l Line) {
		l.Places = places
		adj = append(adj, l)
	}

	if cb := d.plan.Clawback; cb != nil {
		for _, cx := range cancels {
			for k := range d.comps {
				key := paidKey{r, cx.deal, d.comps[k].id}
				rec := e.paid[key]
				if rec == nil {
					continue
				}
				delete(e.paid, key)
				l := Line{Kind: LineClawback, Component: key.comp, Deal: cx.deal, Date: cx.cancelled, Ref: cx.booked}
				paid := rec.paid.value()
				switch cb.Basis {
				case RecoverOriginalRate:
					l.Code, l.Basis = CodeClawbackRate, rec.atRate.value()
					l.Amount = roundLine(l.Basis.Neg())
				case RecoverPercentage:
					l.Code, l.Basis, l.Rate = CodeClawbackPercentage, paid, cb.Percent
					l.Amount = roundLine(mul(paid, cb.Percent).Neg())
				default:
					l.Code, l.Basis, l.Amount = CodeClawbackPaid, paid, paid.Neg()
				}
				if !l.Amount.IsZero() {
					emit(l)
				}
			}
		}
	}

	earned := s.Earned
	capped := earned
	if cp := d.plan.Cap; cp != nil {
		var room decimal.Decimal
		limited := false
		code, carried, limit := CodeCapPeriod, CodeCapPeriodCarried, zero
		if cp.PerPeriod.Sign() > 0 {
			room, limited, limit = cp.PerPeriod, true, cp.PerPeriod
		}
		if cp.PerYear.Sign() > 0 {
			y := maxDec(sub(cp.PerYear, open.YearEarned), zero)
			if !limited || y.Cmp(room) < 0 {
				room, limited, limit = y, true, cp.PerYear
				code, carried = CodeCapYear, CodeCapYearCarried
			}
		}
		if limited && earned.Cmp(room) > 0 {
			excess := sub(earned, room)
			l := Line{Kind: LineCap, Code: code, To: limit, Basis: earned, Amount: excess.Neg()}
			if code == CodeCapYear {
				l.Was = open.YearEarned
			}
			if cp.Excess == PayLater {
				l.Code = carried
				closing.CapCarried = add(closing.CapCarried, excess)
			}
			emit(l)
			capped = room
		}
		if open.CapCarried.Sign() > 0 && (!limited || capped.Cmp(room) < 0) {
			rel := open.CapCarried
			if limited {
				rel = minDec(rel, sub(room, capped))
			}
			emit(Line{Kind: LineCap, Code: CodeCapRelease, Was: open.CapCarried, Amount: rel})
			closing.CapCarried = sub(closing.CapCarried, rel)
			capped = add(capped, rel)
		}
	} else if open.CapCarried.Sign() > 0 {
		emit(Line{Kind: LineCap, Code: CodeCapRelease, Was: open.CapCarried, Amount: open.CapCarried})
		closing.CapCarried = zero
		capped = add(capped, open.CapCarried)
	}
	closing.YearEarned = add(open.YearEarned, capped)

	for _, l := range trueups {
		emit(l)
	}

	var sum total
	sum.add(earned)
	for _, l := range adj {
		sum.add(l.Amount)
	}
	x := sum.value()
	if !perLine {
		if rx := round(x, places, mode); !rx.Equal(x) {
			emit(Line{Kind: LineRounding, Code: CodeRounding, Key: mode.String(), Basis: x, Value: rx, Amount: sub(rx, x)})
			x = rx
		}
	}
	owed := open.Owed
	if x.Sign() < 0 && d.plan.Negative == CarryNegative {
		emit(Line{Kind: LineDeficit, Code: CodeDeficit, Basis: x, Amount: x.Neg()})
		owed = add(owed, x.Neg())
		x = zero
	}
	dr := d.plan.Draw
	draw := zero
	topped := false
	if dr != nil && s.Quota.ActiveDays > 0 {
		draw = d.prorate(dr.Amount, s.Quota)
		closing.DrawPeriods++
		if x.Cmp(draw) < 0 {
			l := Line{Kind: LineDraw, Code: CodeDrawRecoverable, To: draw, Basis: x, Amount: sub(draw, x)}
			if dr.Kind == NonRecoverable {
				l.Code = CodeDrawGuaranteed
				// A guarantee is pay: it counts toward the year, so more
				// earnings below the draw never use up room under the cap.
				closing.YearEarned = add(closing.YearEarned, l.Amount)
			} else {
				owed = add(owed, l.Amount)
			}
			emit(l)
			x, topped = draw, true
		}
	}
	if !topped && owed.Sign() > 0 && x.Sign() > 0 && open.Owed.Sign() > 0 {
		avail, rate := x, one
		wait := false
		if dr != nil && dr.Kind == Recoverable {
			if !dr.RecoveryRate.IsZero() {
				rate = dr.RecoveryRate
			}
			if dr.Floor {
				avail = maxDec(sub(x, draw), zero)
			}
			wait = open.DrawPeriods < dr.AfterPeriods
		}
		if rec := minDec(minDec(owed, open.Owed), round(mul(avail, rate), places, Down)); !wait && rec.Sign() > 0 {
			emit(Line{Kind: LineRecovery, Code: CodeRecovery, Was: owed, Basis: avail, Amount: rec.Neg()})
			owed = sub(owed, rec)
		}
	}
	closing.Owed = owed
	s.Adjustments = adj
	var payout total
	payout.add(earned)
	for _, l := range adj {
		payout.add(l.Amount)
	}
	s.Payout = payout.value()
	s.Closing = closing
}
