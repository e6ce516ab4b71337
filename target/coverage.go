package target

import (
	"github.com/shopspring/decimal"
)

// Coverage is pipeline coverage: how many times the open pipeline covers
// what remains of a target, and how much more pipeline a chosen coverage
// multiple needs.
type Coverage struct {
	Pipeline  decimal.Decimal `json:"pipeline"`  // open pipeline
	Remaining decimal.Decimal `json:"remaining"` // target − actual to date
	// Ratio is Pipeline ÷ Remaining; undefined (zero denominator) when
	// nothing remains.
	Ratio Fraction `json:"ratio"`
	// Multiple is the coverage the caller asked for, such as 3 (3×).
	Multiple decimal.Decimal `json:"multiple"`
	// Needed is the pipeline still needed to reach Multiple:
	// max(0, Remaining × Multiple − Pipeline).
	Needed decimal.Decimal `json:"needed"`
}

// Met reports whether the pipeline reaches the chosen multiple.
func (c Coverage) Met() bool { return c.Needed.IsZero() }

// PipelineCoverage computes coverage of the remaining target by the open
// pipeline, and the pipeline still needed for the given multiple:
//
//	coverage = open pipeline ÷ remaining target
//	needed   = max(0, remaining × multiple − open pipeline)
//
// A remaining target at or below zero (the target is met) needs no pipeline.
// PipelineCoverage returns a *FieldError wrapping ErrInvalid for a negative
// pipeline or a multiple that is not positive.
func PipelineCoverage(pipeline, remaining, multiple decimal.Decimal) (Coverage, error) {
	for _, f := range []struct {
		name string
		d    decimal.Decimal
	}{{"pipeline", pipeline}, {"remaining", remaining}, {"multiple", multiple}} {
		if err := checkExp(f.name, f.d); err != nil {
			return Coverage{}, err
		}
	}
	switch {
	case pipeline.Sign() < 0:
		return Coverage{}, fieldErr("pipeline", pipeline.String(), ErrInvalid)
	case multiple.Sign() <= 0:
		return Coverage{}, fieldErr("multiple", multiple.String(), ErrInvalid)
	}
	c := Coverage{Pipeline: pipeline, Remaining: remaining, Multiple: multiple}
	if remaining.Sign() > 0 {
		c.Ratio = Fraction{Num: pipeline, Den: remaining}
		if need := remaining.Mul(multiple).Sub(pipeline); need.Sign() > 0 {
			c.Needed = need
		}
	}
	return c, nil
}
