package incentive

import (
	"github.com/shopspring/decimal"
)

// Plan is a commission plan as data: its span and periods, its reps and
// their quotas, its components and the conventions it pays by. A Plan
// round-trips through encoding/json, so a CRM can store it and edit it in a
// form; a draft that is not valid yet still saves. [Build] (or [DecodePlan])
// checks a Plan and turns it into the immutable [Definition] that [Compute]
// uses.
//
// Every convention on which commission tools disagree is a field here with a
// documented default (the zero value): how money rounds (Rounding), when a
// deal is credited (Crediting.On), what a cap does with the excess (Cap),
// what a cancellation takes back and whether it lowers attainment
// (Clawback), how a draw is recovered (Draw), what a negative payout does
// (Negative), and, on each component, which tier a boundary value belongs
// to (Component.Boundary).
type Plan struct {
	// ID names the plan; statements cite it.
	ID string `json:"id,omitempty"`
	// Labels are the plan's display names by language.
	Labels Labels `json:"labels,omitempty"`
	// Start is the first date of the plan's first period, a day from 1 to
	// 28 of a month; End is the first date after its last period. The plan
	// is [Start, End) and must be a whole number of periods: its "plan
	// year", whatever its length, over which per-year caps count.
	Start Date `json:"start,omitzero"`
	End   Date `json:"end,omitzero"`
	// Period is the length of the periods the plan pays for; the zero value
	// is Month.
	Period Grain `json:"period,omitempty"`
	// Rounding says how money is rounded.
	Rounding Rounding `json:"rounding,omitzero"`
	// Crediting says who is credited with a deal, and when.
	Crediting Crediting `json:"crediting,omitzero"`
	// Reps lists the people the plan pays, with their quotas.
	Reps []Rep `json:"reps,omitempty"`
	// Components are what the plan pays for, in the order statements list
	// them. Several versions of one component share its ID and differ in
	// Effective (see Component).
	Components []Component `json:"components,omitempty"`
	// Cap limits what a rep earns per period and per plan year; nil means
	// no limit.
	Cap *Cap `json:"cap,omitempty"`
	// Clawback says what happens when a deal is cancelled; nil means a
	// cancellation changes nothing.
	Clawback *Clawback `json:"clawback,omitempty"`
	// Draw is an advance paid when earnings fall short; nil means none.
	Draw *Draw `json:"draw,omitempty"`
	// Negative says what a period whose payout would be negative pays; the
	// zero value is CarryNegative.
	Negative NegativePayout `json:"negative,omitempty"`
}

// Label returns the plan's name in lang, as Labels.Get chooses it, falling
// back to its ID.
func (p Plan) Label(lang string) string {
	if s := p.Labels.Get(lang); s != "" {
		return s
	}
	return p.ID
}

// Rep is a person the plan pays. Quota and TargetIncentive are per period:
// for a period the rep works only part of, both are prorated by the
// calendar dates worked (see [Quota]).
type Rep struct {
	// ID identifies the rep in transactions, splits and statements.
	ID string `json:"id"`
	// Manager is the ID of the rep's manager, or "" for the top of the
	// organisation. With Crediting.RollUp, every manager up the chain gets
	// team credit for the rep's deals.
	Manager string `json:"manager,omitempty"`
	// Start is the rep's first working date; deals credited before it earn
	// the rep nothing. The zero Date means the rep was there from the plan's
	// start.
	Start Date `json:"start,omitzero"`
	// End is the first date the rep no longer works (the day after the last
	// working day); deals credited on or after it earn the rep nothing. The
	// zero Date means the rep stays.
	End Date `json:"end,omitzero"`
	// Quota is the rep's quota for each full period, in the money of the
	// revenue measure; zero means none (attainment rules then pay nothing
	// and say so).
	Quota decimal.Decimal `json:"quota,omitzero"`
	// Relief lowers the quota of given periods, after proration.
	Relief []Relief `json:"relief,omitempty"`
	// TargetIncentive is the bonus a scorecard pays at 100% for a full
	// period, unless the scorecard component sets its own Amount.
	TargetIncentive decimal.Decimal `json:"target_incentive,omitzero"`
}

// Relief lowers one period's quota: a territory moved, leave taken. The
// effective quota is the prorated quota less Amount, and never below zero.
type Relief struct {
	// Period is the first date of the period relieved.
	Period Date `json:"period,omitzero"`
	// Amount is subtracted from the period's prorated quota.
	Amount decimal.Decimal `json:"amount"`
	// Note says why, for the statement.
	Note string `json:"note,omitempty"`
}

// Rounding says how a plan rounds money: to Places decimal places (2 for
// cents, 0 for yen), by Mode, at Stage. Places is also the most decimal
// places a transaction's amount or margin, a quota, a cap or a draw may
// have: money finer than the currency is an error, never rounded away.
type Rounding struct {
	Places int32         `json:"places"`
	Mode   RoundingMode  `json:"mode,omitempty"`
	Stage  RoundingStage `json:"stage,omitempty"`
}

// RoundingMode is how an amount between two currency units is rounded. The
// zero value is HalfUp.
type RoundingMode int

// The rounding modes.
const (
	// HalfUp rounds to the nearest unit, and a half away from zero:
	// 558.125 → 558.13, -558.125 → -558.13.
	HalfUp RoundingMode = iota
	// HalfEven rounds to the nearest unit, and a half to the even unit
	// (banker's rounding): 558.125 → 558.12, 558.135 → 558.14.
	HalfEven
	// Down drops what is below the unit, toward zero: 558.129 → 558.12,
	// -558.129 → -558.12.
	Down
)

var roundingModeNames = enumNames{"half_up", "half_even", "down"}

// String returns the wire name of m, or "RoundingMode(n)".
func (m RoundingMode) String() string { return roundingModeNames.str("RoundingMode", int(m)) }

// MarshalText encodes m as its name.
func (m RoundingMode) MarshalText() ([]byte, error) {
	return roundingModeNames.text("rounding.mode", "RoundingMode", int(m))
}

// UnmarshalText decodes a name.
func (m *RoundingMode) UnmarshalText(b []byte) error {
	v, err := roundingModeNames.parse("rounding.mode", b)
	if err == nil {
		*m = RoundingMode(v)
	}
	return err
}

// RoundingStage is where a plan rounds. The zero value is PerLine.
type RoundingStage int

// The rounding stages.
const (
	// PerLine rounds every statement line as it is made; subtotals and the
	// payout are exact sums of rounded lines.
	PerLine RoundingStage = iota
	// OnTotal keeps lines exact and rounds once, before the draw: a
	// rounding line brings the statement to a whole number of currency
	// units, so its total is still exactly the sum of its lines.
	OnTotal
)

var roundingStageNames = enumNames{"line", "total"}

// String returns the wire name of s, "line" or "total", or
// "RoundingStage(n)".
func (s RoundingStage) String() string { return roundingStageNames.str("RoundingStage", int(s)) }

// MarshalText encodes s as its name.
func (s RoundingStage) MarshalText() ([]byte, error) {
	return roundingStageNames.text("rounding.stage", "RoundingStage", int(s))
}

// UnmarshalText decodes a name.
func (s *RoundingStage) UnmarshalText(b []byte) error {
	v, err := roundingStageNames.parse("rounding.stage", b)
	if err == nil {
		*s = RoundingStage(v)
	}
	return err
}

// Crediting says who is credited with a transaction, and when.
type Crediting struct {
	// On is when a deal is credited; the zero value is OnBooking.
	On CreditOn `json:"on,omitempty"`
	// Overlay allows overlay splits: credit to specialists beyond the 100%
	// the revenue splits share.
	Overlay bool `json:"overlay,omitempty"`
	// RollUp gives every manager up a rep's chain team credit equal to the
	// rep's credit.
	RollUp bool `json:"roll_up,omitempty"`
}

// CreditOn is when a deal is credited. The zero value is OnBooking.
type CreditOn int

// When deals are credited.
const (
	// OnBooking credits the whole amount on the booked date.
	OnBooking CreditOn = iota
	// OnPayment credits each payment on its date, so commission follows the
	// cash collected, partial payments included; a refund is a negative
	// payment. Under OnPayment a cancellation claws nothing back: the cash
	// collected stays earned, and money returned is a refund.
	OnPayment
)

var creditOnNames = enumNames{"booking", "payment"}

// String returns the wire name of c, "booking" or "payment", or
// "CreditOn(n)".
func (c CreditOn) String() string { return creditOnNames.str("CreditOn", int(c)) }

// MarshalText encodes c as its name.
func (c CreditOn) MarshalText() ([]byte, error) {
	return creditOnNames.text("crediting.on", "CreditOn", int(c))
}

// UnmarshalText decodes a name.
func (c *CreditOn) UnmarshalText(b []byte) error {
	v, err := creditOnNames.parse("crediting.on", b)
	if err == nil {
		*c = CreditOn(v)
	}
	return err
}

// Cap limits earnings. A zero limit is no limit. On a component, PerDeal
// limits what one deal earns from it and PerPeriod what the component pays
// in a period, and the excess is forfeited. On the plan, PerPeriod and
// PerYear limit a rep's total earnings from the period's deals (clawbacks
// and true-ups are corrections of earlier pay and are not capped again),
// and Excess says what happens to the excess.
type Cap struct {
	PerDeal   decimal.Decimal `json:"per_deal,omitzero"`
	PerPeriod decimal.Decimal `json:"per_period,omitzero"`
	PerYear   decimal.Decimal `json:"per_year,omitzero"`
	Excess    CapExcess       `json:"excess,omitempty"`
}

// CapExcess is what a plan cap does with earnings above it. The zero value
// is Forfeit.
type CapExcess int

// What happens to capped earnings.
const (
	// Forfeit withholds the excess for good.
	Forfeit CapExcess = iota
	// PayLater carries the excess in the rep's balance and pays it in later
	// periods of the plan as far as they have room under the cap.
	PayLater
)

var capExcessNames = enumNames{"forfeit", "pay_later"}

// String returns the wire name of e, "forfeit" or "pay_later", or
// "CapExcess(n)".
func (e CapExcess) String() string { return capExcessNames.str("CapExcess", int(e)) }

// MarshalText encodes e as its name.
func (e CapExcess) MarshalText() ([]byte, error) {
	return capExcessNames.text("cap.excess", "CapExcess", int(e))
}

// UnmarshalText decodes a name.
func (e *CapExcess) UnmarshalText(b []byte) error {
	v, err := capExcessNames.parse("cap.excess", b)
	if err == nil {
		*e = CapExcess(v)
	}
	return err
}

// Clawback says what a cancellation takes back. A deal cancelled within
// WithinDays calendar days of its booking (the cancelled date minus the
// booked date; zero means any cancellation) reverses its commission in the
// period of the cancellation, with one clawback line per component that
// paid on it. A later cancellation changes nothing. Under Crediting.On =
// OnPayment nothing is clawed back (commission follows the cash; record
// money returned as a negative payment).
//
// Record a deal undone either as a cancellation or as a credit note (a
// negative transaction) for its amount, not both: each reverses the
// commission once.
type Clawback struct {
	WithinDays int `json:"within_days,omitempty"`
	// Basis is what is recovered; the zero value is RecoverPaid.
	Basis ClawbackBasis `json:"basis,omitempty"`
	// Percent is the fraction of the paid commission recovered under
	// RecoverPercentage (0.5 recovers half).
	Percent decimal.Decimal `json:"percent,omitzero"`
	// ReducesAttainment also takes the cancelled deal's credit out of the
	// measures, from the cancellation date: a reversal credit lowers running
	// totals, attainment and later tiers, and pays nothing itself.
	ReducesAttainment bool `json:"reduces_attainment,omitempty"`
}

// ClawbackBasis is what a clawback recovers. The zero value is RecoverPaid.
type ClawbackBasis int

// The clawback bases.
const (
	// RecoverPaid recovers what the deal earned the rep: its commission and
	// bonus lines, less any per-deal cap.
	RecoverPaid ClawbackBasis = iota
	// RecoverOriginalRate recovers the deal's credit at the rates it was paid
	// at, before caps: the sum of basis × rate over its commission lines.
	RecoverOriginalRate
	// RecoverPercentage recovers Clawback.Percent of what the deal earned.
	RecoverPercentage
)

var clawbackBasisNames = enumNames{"paid", "original_rate", "percentage"}

// String returns the wire name of b, or "ClawbackBasis(n)".
func (b ClawbackBasis) String() string { return clawbackBasisNames.str("ClawbackBasis", int(b)) }

// MarshalText encodes b as its name.
func (b ClawbackBasis) MarshalText() ([]byte, error) {
	return clawbackBasisNames.text("clawback.basis", "ClawbackBasis", int(b))
}

// UnmarshalText decodes a name.
func (b *ClawbackBasis) UnmarshalText(t []byte) error {
	v, err := clawbackBasisNames.parse("clawback.basis", t)
	if err == nil {
		*b = ClawbackBasis(v)
	}
	return err
}

// Draw is an advance against commission: a period whose payout falls
// short of Amount is topped up to it. Amount is per full period and is
// prorated like the quota. A recoverable draw's top-ups are owed back and
// recovered from later payouts above the draw: RecoveryRate of the payout
// (or, with Floor, of the payout above the draw) goes to the balance owed,
// starting once the rep has had AfterPeriods periods on the draw.
type Draw struct {
	// Kind is the zero value Recoverable, or NonRecoverable.
	Kind   DrawKind        `json:"kind,omitempty"`
	Amount decimal.Decimal `json:"amount"`
	// RecoveryRate is the fraction of a payout withheld for recovery; zero
	// means 1 (everything until the balance is repaid).
	RecoveryRate decimal.Decimal `json:"recovery_rate,omitzero"`
	// AfterPeriods delays recovery until the rep has been on the draw that
	// many periods.
	AfterPeriods int `json:"after_periods,omitempty"`
	// Floor never recovers below the draw: only the payout above Amount is
	// available for recovery.
	Floor bool `json:"floor,omitempty"`
}

// DrawKind says whether a draw is owed back. The zero value is Recoverable.
type DrawKind int

// The draw kinds.
const (
	// Recoverable top-ups are owed and recovered from later payouts.
	Recoverable DrawKind = iota
	// NonRecoverable top-ups are a guarantee: nothing is owed.
	NonRecoverable
)

var drawKindNames = enumNames{"recoverable", "non_recoverable"}

// String returns the wire name of k, or "DrawKind(n)".
func (k DrawKind) String() string { return drawKindNames.str("DrawKind", int(k)) }

// MarshalText encodes k as its name.
func (k DrawKind) MarshalText() ([]byte, error) {
	return drawKindNames.text("draw.kind", "DrawKind", int(k))
}

// UnmarshalText decodes a name.
func (k *DrawKind) UnmarshalText(b []byte) error {
	v, err := drawKindNames.parse("draw.kind", b)
	if err == nil {
		*k = DrawKind(v)
	}
	return err
}

// NegativePayout is what a period whose payout would be negative pays (when
// clawbacks or true-ups exceed earnings). The zero value is CarryNegative.
type NegativePayout int

// What a negative payout does.
const (
	// CarryNegative pays zero and carries the shortfall in the balance owed,
	// recovered in full from the next payouts (under the draw's terms when
	// the plan has a recoverable draw).
	CarryNegative NegativePayout = iota
	// PayNegative lets the payout be negative: the rep pays it back now.
	PayNegative
)

var negativePayoutNames = enumNames{"carry", "pay"}

// String returns the wire name of n, "carry" or "pay", or
// "NegativePayout(n)".
func (n NegativePayout) String() string { return negativePayoutNames.str("NegativePayout", int(n)) }

// MarshalText encodes n as its name.
func (n NegativePayout) MarshalText() ([]byte, error) {
	return negativePayoutNames.text("negative", "NegativePayout", int(n))
}

// UnmarshalText decodes a name.
func (n *NegativePayout) UnmarshalText(b []byte) error {
	v, err := negativePayoutNames.parse("negative", b)
	if err == nil {
		*n = NegativePayout(v)
	}
	return err
}
