package risk

import (
	"fmt"
	"strconv"

	"github.com/shopspring/decimal"
)

// MaxDigits and MaxExponent bound every decimal the package accepts: at
// most MaxDigits significant digits and an exponent within ±MaxExponent, so
// 123456.78 (8 digits, exponent −2) and 1e30 pass and 1e31 does not. Money,
// probabilities and scale values of any sales register fit many times over;
// the bound keeps every product and sum cheap, whatever the input. A decimal
// beyond it is a [*FieldError] wrapping [ErrRange].
const (
	MaxDigits   = 30
	MaxExponent = 30
)

// checkDecimal reports a decimal beyond MaxDigits or MaxExponent.
func checkDecimal(field string, d decimal.Decimal) error {
	if e := d.Exponent(); e > MaxExponent || e < -MaxExponent {
		return fieldErr(field, "exponent "+strconv.Itoa(int(e)), fmt.Errorf("%w: exponent beyond ±%d", ErrRange, MaxExponent))
	}
	if n := d.NumDigits(); n > MaxDigits {
		return fieldErr(field, strconv.Itoa(n)+" digits", fmt.Errorf("%w: more than %d digits", ErrRange, MaxDigits))
	}
	return nil
}

// one is the decimal 1; zero the decimal 0. Decimals are immutable in use,
// so sharing them is safe.
var (
	one  = decimal.New(1, 0)
	zero = decimal.Decimal{}
)

// roundTo rounds d to places by mode.
func roundTo(d decimal.Decimal, places int32, mode Rounding) decimal.Decimal {
	switch mode {
	case HalfEven:
		return d.RoundBank(places)
	case Up:
		return d.RoundUp(places)
	case Down:
		return d.RoundDown(places)
	}
	return d.Round(places)
}
