package target

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/shopspring/decimal"
)

// weightNames says how errors name a list of weights: weight i as
// item(i), the list itself as list, and what all-zero weights mean to the
// caller as zero (nil: the plain ErrZeroWeights on list).
type weightNames struct {
	list string
	item func(i int) string
	zero func() error
}

// plainWeights names the weights Allocate's caller passed.
func plainWeights() weightNames {
	return weightNames{list: "weights", item: func(i int) string { return "weights[" + strconv.Itoa(i) + "]" }}
}

// maxReported bounds how many bad weights an error lists one by one; the
// rest are counted in one more error.
const maxReported = 100

// checkWeights is the one check of a list of weights. It reports every
// weight whose exponent is beyond ±MaxExponent and every negative weight
// (the first maxReported one by one, then how many more), joined with
// errors.Join; failing that, weights that are all zero. n is the number of
// weights and at reads weight i.
func checkWeights(n int, at func(i int) decimal.Decimal, names weightNames) error {
	var errs []error
	more, nonzero := 0, false
	for i := range n {
		w := at(i)
		var err error
		if err = checkExp(names.item(i), w); err == nil && w.Sign() < 0 {
			err = fieldErr(names.item(i), w.String(), ErrNegativeWeight)
		}
		switch {
		case err == nil:
			nonzero = nonzero || w.Sign() > 0
		case len(errs) < maxReported:
			errs = append(errs, err)
		default:
			more++
		}
	}
	if more > 0 {
		errs = append(errs, fieldErr(names.list, "", fmt.Errorf("%w: %d more weights negative or out of range", ErrNegativeWeight, more)))
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	if !nonzero {
		if names.zero != nil {
			return names.zero()
		}
		return fieldErr(names.list, "", ErrZeroWeights)
	}
	return nil
}

// checkDecimals is checkWeights for a slice.
func checkDecimals(weights []decimal.Decimal, names weightNames) error {
	return checkWeights(len(weights), func(i int) decimal.Decimal { return weights[i] }, names)
}
