package incentive

import (
	"encoding/json"

	"github.com/shopspring/decimal"
)

// The built-in component types: the values of Component.Type that need no
// Registry.
const (
	// TypeFlat pays Rate on each credit's measure.
	TypeFlat = "flat"
	// TypeTiered pays from a rate table (Tiers), marginal, retroactive or a
	// hybrid of both, keyed on amount or attainment, per deal or on the
	// running period total.
	TypeTiered = "tiered"
	// TypePerUnit pays Amount per unit of the measure (units, new customers
	// or a custom count) on each credit: a SPIF.
	TypePerUnit = "per_unit"
	// TypePerDeal pays Amount for each deal matching the filter, times the
	// rep's share of it; credit notes and refunds earn no deal bonus.
	TypePerDeal = "per_deal"
	// TypeMilestones pays each milestone's Amount once the period's
	// attainment reaches it.
	TypeMilestones = "milestones"
	// TypeScorecard pays a bonus from a weighted scorecard of measures.
	TypeScorecard = "scorecard"
	// TypeOverride pays a manager Rate on the team credit rolled up from
	// their reps (Crediting.RollUp).
	TypeOverride = "override"
)

var builtinTypes = []string{TypeFlat, TypeTiered, TypePerUnit, TypePerDeal, TypeMilestones, TypeScorecard, TypeOverride}

// Component is one thing a plan pays for: a measure of each rep's credits,
// a filter choosing which credits count, and a rule that turns them into
// statement lines. Type names the rule: one of the built-in types (TypeFlat
// and the others), whose parameters are the fields below, or a type the
// caller registered in a [Registry], whose constructor reads the component
// (Params above all).
//
// A component may have versions: components sharing an ID, each rating the
// credits dated on or after its Effective date (the zero Date is the plan's
// start) until the next version's. A new rate from 1 March is a second
// version with Effective 2025-03-01. Versions share the period's running
// total (a later version's tiers start where the earlier left off) and
// must share Measure and Key. Threshold and Cap act on the whole period and
// are taken from the version in effect on the period's first date that
// pays in it.
type Component struct {
	ID        string `json:"id"`
	Effective Date   `json:"effective,omitzero"`
	Labels    Labels `json:"labels,omitempty"`
	Type      string `json:"type"`
	// Measure is what the component counts of each credit; the zero value is
	// Revenue. Key names the value in Transaction.Values that Custom reads.
	Measure Measure `json:"measure,omitempty"`
	Key     string  `json:"key,omitempty"`
	// Filter chooses the credits the component counts; the zero Filter
	// counts them all.
	Filter Filter `json:"filter,omitzero"`
	// Threshold is the attainment (a fraction of quota: 0.5 is 50%) below
	// which the component pays nothing in a period; zero means none.
	Threshold decimal.Decimal `json:"threshold,omitzero"`
	// Cap limits what one deal (PerDeal) and the period (PerPeriod) earn
	// from the component; the excess is forfeited.
	Cap *Cap `json:"cap,omitempty"`

	// Rate is the rate of TypeFlat and TypeOverride (0.08 is 8%).
	Rate decimal.Decimal `json:"rate,omitzero"`
	// Amount is what TypePerUnit pays per unit, TypePerDeal per deal, and
	// TypeScorecard at a score of 100% (zero: the rep's TargetIncentive).
	Amount decimal.Decimal `json:"amount,omitzero"`
	// Tiers, Basis, Accumulate, Method and Boundary are TypeTiered's rate
	// table and how it is read.
	Tiers      []Tier     `json:"tiers,omitempty"`
	Basis      TierBasis  `json:"basis,omitempty"`
	Accumulate Accumulate `json:"accumulate,omitempty"`
	Method     Method     `json:"method,omitempty"`
	Boundary   Boundary   `json:"boundary,omitempty"`
	// Milestones are TypeMilestones' bonuses, by attainment.
	Milestones []Milestone `json:"milestones,omitempty"`
	// Measures and Gate are TypeScorecard's scorecard.
	Measures []ScoreMeasure `json:"measures,omitempty"`
	Gate     *Gate          `json:"gate,omitempty"`
	// Params holds a registered type's own parameters, as JSON its
	// constructor decodes.
	Params json.RawMessage `json:"params,omitempty"`
}

// Label returns the component's name in lang, as Labels.Get chooses it,
// falling back to its ID.
func (c Component) Label(lang string) string {
	if s := c.Labels.Get(lang); s != "" {
		return s
	}
	return c.ID
}

// Filter chooses the credits a component counts. Each field left at its
// zero value lets every credit through; a credit counts when it passes them
// all.
type Filter struct {
	// Products lists the products that count.
	Products []string `json:"products,omitempty"`
	// Kinds lists the deal kinds that count.
	Kinds []DealKind `json:"kinds,omitempty"`
	// Credits lists the credit types that count (team credit for an
	// override, overlay credit for a specialist's component).
	Credits []CreditType `json:"credits,omitempty"`
	// AtLeast and Below bound the deal's amount, as an absolute value (so a
	// credit note reverses what its deal earned): a deal counts when
	// AtLeast ≤ |amount| < Below. Nil is no bound.
	AtLeast *decimal.Decimal `json:"at_least,omitempty"`
	Below   *decimal.Decimal `json:"below,omitempty"`
	// From and Until bound the credit's date: From ≤ date < Until. The zero
	// Date is no bound.
	From  Date `json:"from,omitzero"`
	Until Date `json:"until,omitzero"`
	// Status requires the deal to be paid in full, or not, by the last date
	// of the period; the zero value is AnyStatus.
	Status DealStatus `json:"status,omitempty"`
}

// Tier is one row of a rate table: values from From up to To (nil: no upper
// bound) earn Rate. Tiers are read as money (BasisAmount) or as fractions of
// quota (BasisAttainment: 1 is 100%). A Retroactive tier, once the period
// total reaches it, re-rates every slice below it at its rate.
type Tier struct {
	From        decimal.Decimal  `json:"from"`
	To          *decimal.Decimal `json:"to,omitempty"`
	Rate        decimal.Decimal  `json:"rate"`
	Retroactive bool             `json:"retroactive,omitempty"`
}

// Milestone pays Amount once in a period whose attainment is at least At
// (a fraction of quota: 1 is 100%).
type Milestone struct {
	At     decimal.Decimal `json:"at"`
	Amount decimal.Decimal `json:"amount"`
}

// ScoreMeasure is one measure of a scorecard. Its score is the straight
// line from 0 at Floor to 1 at Target,
//
//	score = (actual − Floor) / (Target − Floor),
//
// kept between 0 and Cap (zero Cap means 1, so nothing counts beyond
// target) and rounded half up to 4 decimal places (0.01%). A Target below
// Floor scores a measure where lower is better (complaints, errors). The
// actual value is the rep's credited Measure in the period (Target zero:
// the rep's quota), or for Measure Custom the [Metric] named Key.
type ScoreMeasure struct {
	ID      string          `json:"id"`
	Labels  Labels          `json:"labels,omitempty"`
	Measure Measure         `json:"measure,omitempty"`
	Key     string          `json:"key,omitempty"`
	Weight  decimal.Decimal `json:"weight"`
	Floor   decimal.Decimal `json:"floor,omitzero"`
	Target  decimal.Decimal `json:"target,omitzero"`
	Cap     decimal.Decimal `json:"cap,omitzero"`
}

// Label returns the measure's name in lang, falling back to its ID.
func (m ScoreMeasure) Label(lang string) string {
	if s := m.Labels.Get(lang); s != "" {
		return s
	}
	return m.ID
}

// Gate withholds a scorecard's whole bonus unless the measure Measure (a
// ScoreMeasure ID) reaches AtLeast of its target: AtLeast 0.8 on revenue is
// "no bonus unless revenue reaches 80%".
type Gate struct {
	Measure string          `json:"measure"`
	AtLeast decimal.Decimal `json:"at_least"`
}

// Measure is what a component counts of each credit. The zero value is
// Revenue.
type Measure int

// The measures.
const (
	// Revenue is the credited amount.
	Revenue Measure = iota
	// Margin is the credited margin.
	Margin
	// Units is the credited number of units.
	Units
	// NewCustomers counts a deal of kind New with a positive amount as the
	// rep's share of one new customer.
	NewCustomers
	// Custom is the transaction's value named by the component's Key, times
	// the rep's share.
	Custom
)

var measureNames = enumNames{"revenue", "margin", "units", "new_customers", "custom"}

// String returns the wire name of m, or "Measure(n)".
func (m Measure) String() string { return measureNames.str("Measure", int(m)) }

// MarshalText encodes m as its name.
func (m Measure) MarshalText() ([]byte, error) {
	return measureNames.text("measure", "Measure", int(m))
}

// UnmarshalText decodes a name.
func (m *Measure) UnmarshalText(b []byte) error {
	v, err := measureNames.parse("measure", b)
	if err == nil {
		*m = Measure(v)
	}
	return err
}

// TierBasis is how a rate table's bounds are read. The zero value is
// BasisAmount.
type TierBasis int

// The tier bases.
const (
	// BasisAmount reads bounds as values of the measure (money for revenue).
	BasisAmount TierBasis = iota
	// BasisAttainment reads bounds as fractions of the rep's effective quota
	// (1 is 100%).
	BasisAttainment
)

var tierBasisNames = enumNames{"amount", "attainment"}

// String returns the wire name of b, "amount" or "attainment", or
// "TierBasis(n)".
func (b TierBasis) String() string { return tierBasisNames.str("TierBasis", int(b)) }

// MarshalText encodes b as its name.
func (b TierBasis) MarshalText() ([]byte, error) {
	return tierBasisNames.text("basis", "TierBasis", int(b))
}

// UnmarshalText decodes a name.
func (b *TierBasis) UnmarshalText(t []byte) error {
	v, err := tierBasisNames.parse("basis", t)
	if err == nil {
		*b = TierBasis(v)
	}
	return err
}

// Accumulate is what a rate table measures a credit against. The zero value
// is PerPeriod.
type Accumulate int

// The accumulations.
const (
	// PerPeriod places each credit on the running total of the period, in
	// date order (then deal ID), so a deal may straddle tiers.
	PerPeriod Accumulate = iota
	// PerDeal places each credit on its own, from zero.
	PerDeal
)

var accumulateNames = enumNames{"period", "per_deal"}

// String returns the wire name of a, "period" or "per_deal", or
// "Accumulate(n)".
func (a Accumulate) String() string { return accumulateNames.str("Accumulate", int(a)) }

// MarshalText encodes a as its name.
func (a Accumulate) MarshalText() ([]byte, error) {
	return accumulateNames.text("accumulate", "Accumulate", int(a))
}

// UnmarshalText decodes a name.
func (a *Accumulate) UnmarshalText(b []byte) error {
	v, err := accumulateNames.parse("accumulate", b)
	if err == nil {
		*a = Accumulate(v)
	}
	return err
}

// Method is how a rate table pays. The zero value is Marginal.
type Method int

// The methods.
const (
	// Marginal pays each slice of a credit at the rate of the tier it falls
	// in; tiers marked Retroactive make it a hybrid.
	Marginal Method = iota
	// Retroactive pays every credit at the rate of the tier the final total
	// reaches.
	Retroactive
)

var methodNames = enumNames{"marginal", "retroactive"}

// String returns the wire name of m, "marginal" or "retroactive", or
// "Method(n)".
func (m Method) String() string { return methodNames.str("Method", int(m)) }

// MarshalText encodes m as its name.
func (m Method) MarshalText() ([]byte, error) { return methodNames.text("method", "Method", int(m)) }

// UnmarshalText decodes a name.
func (m *Method) UnmarshalText(b []byte) error {
	v, err := methodNames.parse("method", b)
	if err == nil {
		*m = Method(v)
	}
	return err
}

// Boundary is which tier a total exactly on a boundary belongs to, when a
// tier is chosen by the total (Retroactive tables, retroactive tiers of a
// hybrid). Marginal slices do not depend on it. The zero value is
// LowerInclusive.
type Boundary int

// The boundary rules.
const (
	// LowerInclusive tiers are [From, To): a total on a boundary reaches the
	// higher tier.
	LowerInclusive Boundary = iota
	// UpperInclusive tiers are (From, To]: a total on a boundary stays in
	// the lower tier.
	UpperInclusive
)

var boundaryNames = enumNames{"lower_inclusive", "upper_inclusive"}

// String returns the wire name of b, or "Boundary(n)".
func (b Boundary) String() string { return boundaryNames.str("Boundary", int(b)) }

// MarshalText encodes b as its name.
func (b Boundary) MarshalText() ([]byte, error) {
	return boundaryNames.text("boundary", "Boundary", int(b))
}

// UnmarshalText decodes a name.
func (b *Boundary) UnmarshalText(t []byte) error {
	v, err := boundaryNames.parse("boundary", t)
	if err == nil {
		*b = Boundary(v)
	}
	return err
}

// DealStatus is the payment state a filter asks for, as of the last date of
// the period computed. The zero value is AnyStatus.
type DealStatus int

// The deal statuses.
const (
	// AnyStatus lets every deal through.
	AnyStatus DealStatus = iota
	// Paid deals were paid in full on or before the period's last date.
	Paid
	// Unpaid deals were not.
	Unpaid
)

var dealStatusNames = enumNames{"any", "paid", "unpaid"}

// String returns the wire name of s, or "DealStatus(n)".
func (s DealStatus) String() string { return dealStatusNames.str("DealStatus", int(s)) }

// MarshalText encodes s as its name.
func (s DealStatus) MarshalText() ([]byte, error) {
	return dealStatusNames.text("filter.status", "DealStatus", int(s))
}

// UnmarshalText decodes a name.
func (s *DealStatus) UnmarshalText(b []byte) error {
	v, err := dealStatusNames.parse("filter.status", b)
	if err == nil {
		*s = DealStatus(v)
	}
	return err
}
