package incentive

import (
	"strings"

	"github.com/shopspring/decimal"
)

// Credit is one rep's share of one transaction, on one date: what the
// plan's components measure. Every number is the rep's share: Amount and
// Margin are the deal's (or the payment's) split by the largest remainder
// so the revenue credits of a deal add up to it exactly; Units and Values
// are multiplied by Share exactly. DealAmount is the whole transaction's
// amount, for filters.
//
// A Reversal credit takes a cancelled deal out of the measures (see
// Clawback.ReducesAttainment): it holds the original credit's amounts
// negated, dated on the cancellation. It moves running totals and
// attainment, and no rule pays on it.
type Credit struct {
	Deal string     `json:"deal"`
	Rep  string     `json:"rep"`
	Type CreditType `json:"type,omitempty"`
	// From is, for team credit, the rep whose credit rolled up.
	From string `json:"from,omitempty"`
	// Date is the date credited: the booked date, or a payment's date under
	// OnPayment, or a reversal's cancellation date.
	Date       Date                       `json:"date,omitzero"`
	Amount     decimal.Decimal            `json:"amount"`
	Share      decimal.Decimal            `json:"share"`
	Margin     decimal.Decimal            `json:"margin,omitzero"`
	Units      decimal.Decimal            `json:"units,omitzero"`
	Values     map[string]decimal.Decimal `json:"values,omitempty"`
	DealAmount decimal.Decimal            `json:"deal_amount"`
	Product    string                     `json:"product,omitempty"`
	Kind       DealKind                   `json:"kind,omitempty"`
	// Paid is the date the deal was paid in full, or the zero Date.
	Paid       Date              `json:"paid,omitzero"`
	Attributes map[string]string `json:"attributes,omitempty"`
	Reversal   bool              `json:"reversal,omitempty"`
}

// Value returns the credit's measure m (with key naming a Custom measure):
// its Amount, Margin or Units, its share of a new customer (for a New deal
// with a positive amount; negated on a reversal), or Values[key].
func (c Credit) Value(m Measure, key string) decimal.Decimal { return c.value(m, key) }

func (c *Credit) value(m Measure, key string) decimal.Decimal {
	switch m {
	case Margin:
		return c.Margin
	case Units:
		return c.Units
	case NewCustomers:
		if c.Kind != New || c.DealAmount.Sign() <= 0 {
			return zero
		}
		if c.Reversal {
			return c.Share.Neg()
		}
		return c.Share
	case Custom:
		return c.Values[key]
	}
	return c.Amount
}

// Equal reports whether c and d are the same credit, comparing amounts by
// value.
func (c Credit) Equal(d Credit) bool {
	if c.Deal != d.Deal || c.Rep != d.Rep || c.Type != d.Type || c.From != d.From || c.Date != d.Date ||
		c.Product != d.Product || c.Kind != d.Kind || c.Paid != d.Paid || c.Reversal != d.Reversal ||
		!c.Amount.Equal(d.Amount) || !c.Share.Equal(d.Share) || !c.Margin.Equal(d.Margin) ||
		!c.Units.Equal(d.Units) || !c.DealAmount.Equal(d.DealAmount) ||
		len(c.Values) != len(d.Values) || len(c.Attributes) != len(d.Attributes) {
		return false
	}
	for k, v := range c.Values {
		if w, ok := d.Values[k]; !ok || !v.Equal(w) {
			return false
		}
	}
	for k, v := range c.Attributes {
		if w, ok := d.Attributes[k]; !ok || v != w {
			return false
		}
	}
	return true
}

// compareCredits orders credits as statements list them and rules see
// them: by date, then deal ID, then type, then the rep a team credit came
// from.
func compareCredits(a, b *Credit) int {
	if c := a.Date.Compare(b.Date); c != 0 {
		return c
	}
	if c := strings.Compare(a.Deal, b.Deal); c != 0 {
		return c
	}
	if a.Reversal != b.Reversal {
		if b.Reversal {
			return -1
		}
		return 1
	}
	if a.Type != b.Type {
		return int(a.Type) - int(b.Type)
	}
	return strings.Compare(a.From, b.From)
}

// CreditType is how a rep came by a credit. The zero value is Direct.
type CreditType int

// The credit types.
const (
	// Direct credit comes from the rep's own revenue split.
	Direct CreditType = iota
	// Overlay credit comes from an overlay split, beyond the deal's 100%.
	Overlay
	// Team credit rolled up from a rep the credited manager manages,
	// directly or further down.
	Team
)

var creditTypeNames = enumNames{"direct", "overlay", "team"}

// String returns the wire name of t, "direct", "overlay" or "team", or
// "CreditType(n)".
func (t CreditType) String() string { return creditTypeNames.str("CreditType", int(t)) }

// MarshalText encodes t as its name.
func (t CreditType) MarshalText() ([]byte, error) {
	return creditTypeNames.text("type", "CreditType", int(t))
}

// UnmarshalText decodes a name.
func (t *CreditType) UnmarshalText(b []byte) error {
	v, err := creditTypeNames.parse("type", b)
	if err == nil {
		*t = CreditType(v)
	}
	return err
}
