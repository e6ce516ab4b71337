package incentive

import (
	"encoding/json"

	"github.com/shopspring/decimal"
)

// Statement is what one rep earns in one period, and why. Lines are the
// components' lines, component by component in plan order (a rep's
// excluded credits first), each component's in credit order; Subtotals
// add them up per component, and Earned is their sum. Adjustments follow
// in a fixed order — clawbacks, plan caps, true-ups, rounding, deficit,
// draw, recovery — and Payout is Earned plus the adjustments. The totals
// are exact sums of the lines: [Statement.Check] verifies it.
//
// Opening is the balance carried in and Closing the balance to carry to
// the next period. A caller locks a period by storing its statements and
// passing them back in ComputeOptions.Locked; a locked statement is never
// rewritten.
type Statement struct {
	Plan        string          `json:"plan,omitempty"`
	Rep         string          `json:"rep"`
	Period      Period          `json:"period"`
	Quota       Quota           `json:"quota"`
	Credits     []Credit        `json:"credits,omitempty"`
	Lines       []Line          `json:"lines,omitempty"`
	Subtotals   []Subtotal      `json:"subtotals,omitempty"`
	Earned      decimal.Decimal `json:"earned"`
	Adjustments []Line          `json:"adjustments,omitempty"`
	Payout      decimal.Decimal `json:"payout"`
	Opening     Balance         `json:"opening"`
	Closing     Balance         `json:"closing"`
}

// Check reports whether s adds up: each subtotal is the sum of its
// component's lines, Earned the sum of the lines and Payout Earned plus the
// adjustments, exactly. It returns an error wrapping ErrUnbalanced naming
// the first total that does not, or ErrRange for an amount no statement
// holds (10^15 or more, more than 24 decimal places).
func (s Statement) Check() error {
	if err := s.sane(); err != nil {
		return err
	}
	earned := zero
	for _, l := range s.Lines {
		earned = add(earned, l.Amount)
	}
	for i, st := range s.Subtotals {
		sum := zero
		for _, l := range s.Lines {
			if l.Component == st.Component {
				sum = add(sum, l.Amount)
			}
		}
		if !sum.Equal(st.Amount) {
			return fieldErr(at("subtotals", i)+".amount", st.Amount.String(), because(ErrUnbalanced, "its lines add up to %s", sum))
		}
	}
	if !earned.Equal(s.Earned) {
		return fieldErr("earned", s.Earned.String(), because(ErrUnbalanced, "the lines add up to %s", earned))
	}
	payout := earned
	for _, l := range s.Adjustments {
		payout = add(payout, l.Amount)
	}
	if !payout.Equal(s.Payout) {
		return fieldErr("payout", s.Payout.String(), because(ErrUnbalanced, "earned and adjustments add up to %s", payout))
	}
	return nil
}

// sane checks the amounts of s that Check, Rank, Compare and Compute's
// ledger add up: below 10^15, with at most 24 decimal places. A stored
// statement is data like any other; sums of absurd values could take a
// long time (10^-2000000000 + 1 has two billion digits).
func (s Statement) sane() error {
	for _, part := range []struct {
		name  string
		lines []Line
	}{{"lines", s.Lines}, {"adjustments", s.Adjustments}} {
		for j, l := range part.lines {
			if !sane(l.Amount) {
				return fieldErr(at(part.name, j)+".amount", l.Amount.String(), because(ErrRange, "not an amount a statement holds"))
			}
		}
	}
	for i, st := range s.Subtotals {
		if !sane(st.Amount) {
			return fieldErr(at("subtotals", i)+".amount", st.Amount.String(), because(ErrRange, "not an amount a statement holds"))
		}
	}
	for j, c := range s.Credits {
		if !sane(c.Amount) {
			return fieldErr(at("credits", j)+".amount", c.Amount.String(), because(ErrRange, "not an amount a statement holds"))
		}
	}
	for _, x := range []struct {
		name string
		d    decimal.Decimal
	}{{"earned", s.Earned}, {"payout", s.Payout}, {"quota.effective", s.Quota.Effective}} {
		if !sane(x.d) {
			return fieldErr(x.name, x.d.String(), because(ErrRange, "not an amount a statement holds"))
		}
	}
	return nil
}

// Subtotal is one component's part of a statement: the measure it counted
// (the credits that passed its filter, reversals included), attainment of
// the rep's quota (absent when there is none), and the sum of its lines.
type Subtotal struct {
	Component  string          `json:"component"`
	Measure    decimal.Decimal `json:"measure"`
	Attainment *float64        `json:"attainment,omitempty"`
	Amount     decimal.Decimal `json:"amount"`
}

// Equal reports whether s and t are the same subtotal, comparing amounts by
// value.
func (s Subtotal) Equal(t Subtotal) bool {
	return s.Component == t.Component && s.Measure.Equal(t.Measure) && s.Amount.Equal(t.Amount) &&
		(s.Attainment == nil) == (t.Attainment == nil) && (s.Attainment == nil || *s.Attainment == *t.Attainment)
}

// Quota is a rep's effective quota for a period and how it was reached:
// Base, the quota for a full period, prorated by the calendar dates worked
// (Base × ActiveDays / PeriodDays, rounded by the plan), less Relief, and
// never below zero.
type Quota struct {
	Base       decimal.Decimal `json:"base"`
	ActiveDays int             `json:"active_days"`
	PeriodDays int             `json:"period_days"`
	Prorated   decimal.Decimal `json:"prorated"`
	Relief     decimal.Decimal `json:"relief,omitzero"`
	Effective  decimal.Decimal `json:"effective"`
}

// Equal reports whether q and r are the same quota, comparing amounts by
// value.
func (q Quota) Equal(r Quota) bool {
	return q.ActiveDays == r.ActiveDays && q.PeriodDays == r.PeriodDays && q.Base.Equal(r.Base) &&
		q.Prorated.Equal(r.Prorated) && q.Relief.Equal(r.Relief) && q.Effective.Equal(r.Effective)
}

// Reason explains q: CodeQuota, CodeQuotaProrated, CodeQuotaRelief or
// CodeQuotaRelieved.
func (q Quota) Reason() Reason {
	r := Reason{Code: CodeQuota, Amounts: map[string]decimal.Decimal{"quota": q.Effective}}
	if q.ActiveDays == q.PeriodDays && !q.Relief.IsZero() {
		r.Code = CodeQuotaRelief
		r.Amounts["base"], r.Amounts["relief"] = q.Base, q.Relief
		return r
	}
	if q.ActiveDays != q.PeriodDays || !q.Relief.IsZero() {
		r.Code = CodeQuotaProrated
		r.Amounts["base"] = q.Base
		r.Numbers = map[string]float64{"active": float64(q.ActiveDays), "days": float64(q.PeriodDays)}
		if !q.Relief.IsZero() {
			r.Code = CodeQuotaRelieved
			r.Amounts["prorated"] = q.Prorated
			r.Amounts["relief"] = q.Relief
		}
	}
	return r
}

// MarshalJSON encodes q with its explanation, as a [Line] has it: "reason",
// and "text", the sentence in English ("en") and simplified Chinese
// ("zh-CN"), so a statement sent to a UI says how its quota was reached.
// Both are derived from the other fields, and decoding ignores them.
func (q Quota) MarshalJSON() ([]byte, error) {
	type plain Quota
	return json.Marshal(struct {
		plain
		explained
	}{plain(q), explain(q.Reason())})
}

// Balance is what a rep carries from one period to the next. The caller
// stores it (it is each statement's Closing) and Compute carries it into
// the next period; ComputeOptions.Opening gives the balances at the plan's
// start.
type Balance struct {
	Rep string `json:"rep"`
	// Owed is what the rep owes: recoverable draw top-ups and negative
	// payouts carried forward, not yet recovered.
	Owed decimal.Decimal `json:"owed,omitzero"`
	// CapCarried is capped earnings to be paid later (Cap.Excess PayLater).
	CapCarried decimal.Decimal `json:"cap_carried,omitzero"`
	// YearEarned is what counts toward the per-year cap in the plan so far:
	// earnings after caps, and the top-ups of a non-recoverable draw (a
	// guarantee is pay; a recoverable top-up is an advance, repaid from
	// earnings that count).
	YearEarned decimal.Decimal `json:"year_earned,omitzero"`
	// DrawPeriods counts the periods the rep has been on the draw, for
	// Draw.AfterPeriods.
	DrawPeriods int `json:"draw_periods,omitempty"`
}

// Equal reports whether b and c are the same balance, comparing amounts by
// value.
func (b Balance) Equal(c Balance) bool {
	return b.Rep == c.Rep && b.DrawPeriods == c.DrawPeriods && b.Owed.Equal(c.Owed) &&
		b.CapCarried.Equal(c.CapCarried) && b.YearEarned.Equal(c.YearEarned)
}
