package incentive

import (
	"slices"
)

// admits reports whether credit c passes the filter in period p.
func (f *Filter) admits(c *Credit, p Period) bool {
	if len(f.Products) > 0 && !slices.Contains(f.Products, c.Product) {
		return false
	}
	if len(f.Kinds) > 0 && !slices.Contains(f.Kinds, c.Kind) {
		return false
	}
	if len(f.Credits) > 0 && !slices.Contains(f.Credits, c.Type) {
		return false
	}
	if f.AtLeast != nil || f.Below != nil {
		a := c.DealAmount
		if a.Sign() < 0 {
			a = a.Neg()
		}
		if (f.AtLeast != nil && cmpDec(a, *f.AtLeast) < 0) || (f.Below != nil && cmpDec(a, *f.Below) >= 0) {
			return false
		}
	}
	if (!f.From.IsZero() && c.Date.Before(f.From)) || (!f.Until.IsZero() && !c.Date.Before(f.Until)) {
		return false
	}
	switch f.Status {
	case Paid:
		return !c.Paid.IsZero() && c.Paid.Before(p.End)
	case Unpaid:
		return c.Paid.IsZero() || !c.Paid.Before(p.End)
	}
	return true
}

// empty reports whether f lets every credit through.
func (f *Filter) empty() bool {
	return len(f.Products) == 0 && len(f.Kinds) == 0 && len(f.Credits) == 0 && f.AtLeast == nil && f.Below == nil &&
		f.From.IsZero() && f.Until.IsZero() && f.Status == AnyStatus
}
