package incentive

import (
	"github.com/shopspring/decimal"
)

// Transaction is one deal as the CRM records it, in its current state: a
// late edit (a new amount, a cancellation) is the same transaction with new
// values, and [Compute] turns the difference into true-up lines for locked
// periods. A negative Amount is a credit note or refund: it lowers the
// commission base with its sign and never pays a deal bonus.
type Transaction struct {
	// ID identifies the deal; it must be unique among the transactions given
	// to one call.
	ID string `json:"id"`
	// Rep is the deal's owner, credited with all of it when Splits is
	// empty. With Splits, Rep is "" or one of the split reps.
	Rep string `json:"rep,omitempty"`
	// Amount is the deal's value in the plan's currency, with at most
	// Rounding.Places decimal places.
	Amount decimal.Decimal `json:"amount"`
	// Margin is the deal's gross margin, for the Margin measure.
	Margin decimal.Decimal `json:"margin,omitzero"`
	// Units is the number of units sold, for the Units measure and per-unit
	// bonuses.
	Units decimal.Decimal `json:"units,omitzero"`
	// Values holds further measures by name, for Custom measures.
	Values map[string]decimal.Decimal `json:"values,omitempty"`
	// Product and Kind are what filters and the NewCustomers measure read.
	Product string   `json:"product,omitempty"`
	Kind    DealKind `json:"kind,omitempty"`
	// Attributes carry anything else a custom rule reads (region, segment).
	Attributes map[string]string `json:"attributes,omitempty"`
	// Booked is the date the deal was booked; it is required.
	Booked Date `json:"booked,omitzero"`
	// Paid is the date it was paid in full: one payment of the whole amount.
	// Give Paid or Payments, not both.
	Paid Date `json:"paid,omitzero"`
	// Payments are the cash collected, partial payments included, each on or
	// after Booked, together no more than Amount (in absolute value).
	Payments []Payment `json:"payments,omitempty"`
	// Cancelled is the date the deal was cancelled, on or after Booked; the
	// zero Date means it stands.
	Cancelled Date `json:"cancelled,omitzero"`
	// Splits share the credit between reps; empty means all of it to Rep.
	Splits []Split `json:"splits,omitempty"`
}

// Payment is cash collected on a deal: Amount on Date. A refund is a
// negative payment.
type Payment struct {
	Date   Date            `json:"date,omitzero"`
	Amount decimal.Decimal `json:"amount"`
}

// Split gives a rep a share of a deal's credit. The revenue splits of a
// deal have positive shares that add up to exactly 1, and their credits
// add up to the deal's amount to the last currency unit (see [Credits]).
// An Overlay split, which the plan must allow (Crediting.Overlay), gives a
// specialist Share of the deal in overlay credit on top of the 100%; its
// share is at most 1 and no limit applies to their sum.
type Split struct {
	Rep     string          `json:"rep"`
	Share   decimal.Decimal `json:"share"`
	Overlay bool            `json:"overlay,omitempty"`
}

// DealKind is what kind of business a deal is. The zero value is
// OtherKind: neither marked new business nor a renewal (an expansion, or
// not stated).
type DealKind int

// The deal kinds.
const (
	OtherKind DealKind = iota
	// New business, a new logo: the NewCustomers measure counts it.
	New
	// Renewal of an existing contract.
	Renewal
)

var dealKindNames = enumNames{"other", "new", "renewal"}

// String returns the wire name of k, "other", "new" or "renewal", or
// "DealKind(n)".
func (k DealKind) String() string { return dealKindNames.str("DealKind", int(k)) }

// MarshalText encodes k as its name.
func (k DealKind) MarshalText() ([]byte, error) {
	return dealKindNames.text("kind", "DealKind", int(k))
}

// UnmarshalText decodes a name.
func (k *DealKind) UnmarshalText(b []byte) error {
	v, err := dealKindNames.parse("kind", b)
	if err == nil {
		*k = DealKind(v)
	}
	return err
}
