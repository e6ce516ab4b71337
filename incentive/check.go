package incentive

import (
	"errors"
	"strconv"

	"github.com/shopspring/decimal"
)

// maxErrors is how many bad values one call reports; the rest are counted
// in an error wrapping ErrTooMany.
const maxErrors = 100

// maxPlaces is the most decimal places a rate, share, fraction or count
// may have.
const maxPlaces = 12

// maxRate is the highest rate a rule may pay: 100 (10,000%).
var maxRate = decimal.NewFromInt(100)

// checker collects the problems of one input, each a *FieldError, up to
// maxErrors.
type checker struct {
	errs   []error
	more   int
	places int32 // the currency's places, for money
	// When pre is set, every field is under pre[pi] (and sub[si], when
	// sub is set): the path is built only for a problem, so checking many
	// records allocates nothing for the good ones.
	pre, sub string
	pi, si   int
}

func (c *checker) add(field, value string, err error) {
	if len(c.errs) == maxErrors {
		c.more++
		return
	}
	if c.pre != "" {
		p := at(c.pre, c.pi)
		if c.sub != "" {
			p += at(c.sub, c.si)
		}
		field = p + field
	}
	c.errs = append(c.errs, fieldErr(field, value, err))
}

func (c *checker) full() bool { return len(c.errs) == maxErrors }

func (c *checker) err() error {
	if c.more > 0 {
		return errors.Join(append(c.errs, because(ErrTooMany, "%d more not listed", c.more))...)
	}
	return errors.Join(c.errs...)
}

// tooBig reports whether |d| ≥ 10^15, without arithmetic on huge exponents.
func tooBig(d decimal.Decimal) bool {
	if d.IsZero() {
		return false
	}
	if e := d.Exponent(); e > 15 || int64(d.NumDigits())+int64(e) > 15 {
		return true
	}
	return false
}

// money checks an amount of money: at most the currency's places, below
// 10^15 in absolute value, and not negative unless signed.
func (c *checker) money(field string, d decimal.Decimal, signed bool) bool {
	if d.IsZero() {
		return true // most margins
	}
	return c.moneyFixed(field, d, fixedOf(d), signed)
}

// moneyFixed is money for d, which is f as a fixed.
func (c *checker) moneyFixed(field string, d decimal.Decimal, f fixed, signed bool) bool {
	// The common case in one look at the coefficient: no more places than
	// the currency, and below 10^15 (|coefficient| < 10^18 with e < −3 is).
	if !f.wide && f.e <= 0 && f.e >= -c.places && (signed || f.c >= 0) && (f.e < -3 || abs64(f.c) < pow10[15-f.e]) {
		return true
	}
	if p := places(d); p > c.places {
		c.add(field, d.String(), because(ErrPlaces, "%d decimal places; the currency has %d", p, c.places))
		return false
	}
	if tooBig(d) {
		c.add(field, d.String(), because(ErrRange, "money is below 10^15"))
		return false
	}
	if !signed && d.Sign() < 0 {
		c.add(field, d.String(), ErrNegative)
		return false
	}
	return true
}

// number checks a rate, share, fraction or count: at most maxPlaces
// places, at most hi (a hi of zero means below 10^15), and not negative
// unless signed.
func (c *checker) number(field string, d decimal.Decimal, hi decimal.Decimal, signed bool) bool {
	if d.IsZero() && hi.Sign() >= 0 {
		return true // most units
	}
	return c.numberFixed(field, d, fixedOf(d), numOf(hi), signed)
}

// oneNum is 1 as a num.
var oneNum = num{fixed: fixed{c: 1}}

// numberFixed is number for d, which is f as a fixed, and hi as a num.
func (c *checker) numberFixed(field string, d decimal.Decimal, f fixed, hi num, signed bool) bool {
	// The common case in one look at the coefficient, as money's: at most
	// maxPlaces places, below 10^15, at most hi.
	if !f.wide && f.e <= 0 && f.e >= -maxPlaces && (signed || f.c >= 0) && (f.e < -3 || abs64(f.c) < pow10[15-f.e]) &&
		(hi.isZero() || cmpNum(num{fixed: f}, hi) <= 0) {
		return true
	}
	if p := places(d); p > maxPlaces {
		c.add(field, d.String(), because(ErrRange, "%d decimal places; at most %d", p, maxPlaces))
		return false
	}
	if tooBig(d) || (!hi.isZero() && cmpNum(numOf(d), hi) > 0) {
		if hi.isZero() {
			c.add(field, d.String(), because(ErrRange, "below 10^15"))
		} else {
			c.add(field, d.String(), because(ErrRange, "at most %s", hi.dec()))
		}
		return false
	}
	if !signed && d.Sign() < 0 {
		c.add(field, d.String(), ErrNegative)
		return false
	}
	return true
}

// enum checks that v names a value of names.
func (c *checker) enum(field string, v int, typ string, names enumNames) {
	if v < 0 || v >= len(names) || names[v] == "" {
		c.add(field, names.str(typ, v), ErrUnknownName)
	}
}

// date checks a date that may be zero (unset) but not invalid.
func (c *checker) date(field string, d Date) bool {
	if !d.IsZero() && !d.IsValid() {
		c.add(field, d.String(), ErrDate)
		return false
	}
	return true
}

func at(list string, i int) string { return list + "[" + strconv.Itoa(i) + "]" }

// sane reports whether d is an amount a statement could hold: below 10^15,
// with at most 24 decimal places. Sums of other values could take a long
// time (10^-2000000000 + 1 has two billion digits).
func sane(d decimal.Decimal) bool { return !tooBig(d) && places(d) <= 2*maxPlaces }
