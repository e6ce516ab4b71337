package target

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/shopspring/decimal"
)

// Fraction is an exact ratio Num ÷ Den, as the standard measures return it.
// Keeping both parts lets a report show its working ("42 of 50") and lets a
// caller round once, at the end. The zero value is 0 ÷ 0, which is undefined.
type Fraction struct {
	Num decimal.Decimal `json:"num"`
	Den decimal.Decimal `json:"den"`
}

// Defined reports whether the denominator is non-zero.
func (f Fraction) Defined() bool { return !f.Den.IsZero() }

// Round returns Num ÷ Den rounded half away from zero to places decimal
// places, or zero when f is undefined.
func (f Fraction) Round(places int32) decimal.Decimal {
	if !f.Defined() {
		return decimal.Decimal{}
	}
	return f.Num.DivRound(f.Den, places)
}

// Float64 returns Num ÷ Den as the nearest float64 (saturating at
// ±math.MaxFloat64), or 0 when undefined.
func (f Fraction) Float64() float64 {
	if !f.Defined() {
		return 0
	}
	return ratio(f.Num, f.Den)
}

// String returns "num/den".
func (f Fraction) String() string { return f.Num.String() + "/" + f.Den.String() }

// countErr is the error of count v of field, which why says is wrong.
func countErr(field string, v int, why string) error {
	return fieldErr(field, strconv.Itoa(v), fmt.Errorf("%w: %s", ErrInvalid, why))
}

// negativeOr is why a count is wrong: "negative", or other when it is not.
func negativeOr(v int, other string) string {
	if v < 0 {
		return "negative"
	}
	return other
}

// RetentionRate is the share of the customers a period started with that it
// ends with:
//
//	retention = (customers at end − new customers) ÷ customers at start
//
// New customers won during the period are taken out of the end count, so
// winning new logos never hides churn. RetentionRate returns a *FieldError
// wrapping ErrInvalid when a count is negative, atStart is zero, or newCustomers
// exceeds atEnd, and ErrMismatch when more customers were retained than there
// were at the start.
func RetentionRate(atStart, atEnd, newCustomers int) (Fraction, error) {
	switch {
	case atStart <= 0:
		return Fraction{}, countErr("atStart", atStart, negativeOr(atStart, "no customers at the start"))
	case atEnd < 0:
		return Fraction{}, countErr("atEnd", atEnd, "negative")
	case newCustomers < 0 || newCustomers > atEnd:
		return Fraction{}, countErr("newCustomers", newCustomers, negativeOr(newCustomers, fmt.Sprintf("more than the %d customers at the end", atEnd)))
	case atEnd-newCustomers > atStart:
		return Fraction{}, fieldErr("atEnd", strconv.Itoa(atEnd), fmt.Errorf("%w: %d kept of the %d at the start", ErrMismatch, atEnd-newCustomers, atStart))
	}
	return Fraction{decimal.NewFromInt(int64(atEnd - newCustomers)), decimal.NewFromInt(int64(atStart))}, nil
}

// CSAT is the customer-satisfaction score: the share of answers on a 1–5
// scale that are 4 (satisfied) or 5 (very satisfied).
//
//	CSAT = (answers of 4 or 5) ÷ all answers
//
// CSAT returns a *FieldError wrapping ErrInvalid for an answer outside 1–5
// or for no answers at all.
func CSAT(answers []int) (Fraction, error) {
	if len(answers) == 0 {
		return Fraction{}, fieldErr("answers", "", fmt.Errorf("%w: no answers", ErrInvalid))
	}
	var happy int64
	for i, a := range answers {
		if a < 1 || a > 5 {
			return Fraction{}, countErr("answers["+strconv.Itoa(i)+"]", a, "not on the 1–5 scale")
		}
		if a >= 4 {
			happy++
		}
	}
	return Fraction{decimal.NewFromInt(happy), decimal.NewFromInt(int64(len(answers)))}, nil
}

// ConversionRate is the share of entrants that converted:
//
//	conversion = converted ÷ entered
//
// It returns a *FieldError wrapping ErrInvalid when a count is negative,
// entered is zero, or converted exceeds entered.
func ConversionRate(converted, entered int) (Fraction, error) {
	switch {
	case entered <= 0:
		return Fraction{}, countErr("entered", entered, negativeOr(entered, "nothing entered"))
	case converted < 0 || converted > entered:
		return Fraction{}, countErr("converted", converted, negativeOr(converted, fmt.Sprintf("more than the %d entered", entered)))
	}
	return Fraction{decimal.NewFromInt(int64(converted)), decimal.NewFromInt(int64(entered))}, nil
}

// MarketShare is our sales as a share of the whole market's, both over the
// same period and in the same unit:
//
//	market share = our sales ÷ market sales
//
// It returns a *FieldError wrapping ErrInvalid when ours is negative or
// market is not positive, and ErrMismatch when ours exceeds market.
func MarketShare(ours, market decimal.Decimal) (Fraction, error) {
	if err := errors.Join(checkExp("ours", ours), checkExp("market", market)); err != nil {
		return Fraction{}, err
	}
	switch {
	case market.Sign() <= 0:
		return Fraction{}, fieldErr("market", market.String(), fmt.Errorf("%w: a market must be above zero", ErrInvalid))
	case ours.Sign() < 0:
		return Fraction{}, fieldErr("ours", ours.String(), fmt.Errorf("%w: negative", ErrInvalid))
	case ours.GreaterThan(market):
		return Fraction{}, fieldErr("ours", ours.String(), fmt.Errorf("%w: more than the market's %s", ErrMismatch, market))
	}
	return Fraction{ours, market}, nil
}

// Equal reports whether f and g are the same number: Num·g.Den = g.Num·Den.
// Two undefined fractions are equal; an undefined and a defined one are not.
func (f Fraction) Equal(g Fraction) bool {
	if !f.Defined() || !g.Defined() {
		return f.Defined() == g.Defined()
	}
	return f.Num.Mul(g.Den).Equal(g.Num.Mul(f.Den))
}

// Compare returns -1, 0 or +1 as f is less than, equal to or greater than g,
// comparing the exact values. Undefined fractions sort before defined ones.
func (f Fraction) Compare(g Fraction) int {
	switch {
	case !f.Defined() || !g.Defined():
		return boolCompare(f.Defined(), g.Defined())
	}
	// a/b ? c/d  ⇔  a·d·sign(b·d) ? c·b·sign(b·d)
	l, r := f.Num.Mul(g.Den), g.Num.Mul(f.Den)
	if f.Den.Sign()*g.Den.Sign() < 0 {
		return r.Cmp(l)
	}
	return l.Cmp(r)
}

func boolCompare(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}
