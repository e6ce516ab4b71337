package forecast

import (
	"strconv"
	"time"

	"github.com/shopspring/decimal"
)

// ProspectOptions are the optional settings of [ProspectsOf]. Each field
// defaults on its own.
type ProspectOptions struct {
	// Grain and FiscalYearStart set the periods, as for a [Pipeline].
	Grain           Grain      `json:"grain,omitempty"`
	FiscalYearStart time.Month `json:"fiscal_year_start,omitempty"`
	// Slip is every open deal's chance of slipping to the next period, in
	// [0, 1]; default 0.
	Slip float64 `json:"slip,omitempty"`
	// Spread lets an open deal's amount vary by up to this share either
	// way, in [0, 1]: the range is Amount·(1 ± Spread). Default 0.
	Spread float64 `json:"spread,omitempty"`
}

// ProspectsOf turns pipeline deals into the prospects [Simulate] takes, over
// a horizon of periods periods starting with the one that contains from.
// An open deal closing in the horizon becomes a prospect with its win
// probability (its own or its stage's) in the period of its close date,
// with the options' slip and spread; a won deal in the horizon becomes a
// sure prospect that does not slip or vary (it is booked); lost and omitted
// deals, and deals closing outside the horizon, are left out. Deals are
// read as [Pipeline.Add] reads them, and errors are those it returns
// ("deals[3].stage"), joined, or *FieldErrors wrapping [ErrDate] or
// [ErrOption] for from, periods and the options.
func ProspectsOf(stages Stages, deals []Deal, from Date, periods int, opts *ProspectOptions) ([]Prospect, error) {
	if err := stages.Validate(); err != nil {
		return nil, err
	}
	var o ProspectOptions
	if opts != nil {
		o = *opts
	}
	set, err := PipelineOptions{Grain: o.Grain, FiscalYearStart: o.FiscalYearStart}.setting()
	var errs []error
	if err != nil {
		errs = append(errs, err)
	}
	if !from.IsValid() {
		errs = append(errs, fieldErr("from", dateText(from), ErrDate))
	}
	if periods < 1 || periods > MaxPeriods {
		errs = append(errs, fieldErr("periods", strconv.Itoa(periods), wrap(ErrOption, "1 to "+strconv.Itoa(MaxPeriods)+" periods")))
	}
	if !(o.Slip >= 0 && o.Slip <= 1) {
		errs = append(errs, fieldErr("slip", formatFloat(o.Slip), ErrProbability))
	}
	if !(o.Spread >= 0 && o.Spread <= 1) {
		errs = append(errs, fieldErr("spread", formatFloat(o.Spread), wrap(ErrOption, "a share in [0, 1]")))
	}
	if len(errs) > 0 {
		return nil, joinErrs(errs)
	}
	rules := newDealRules(stages, exactPlaces, set)
	// the start of each period of the horizon, to find a close date's index
	starts := make([]Date, periods+1)
	p := PeriodOf(from, set.grain, set.fiscal)
	for i := range starts {
		starts[i] = p.Start
		if !p.End.IsValid() {
			starts = starts[:i+1]
			break
		}
		p = PeriodOf(p.End, set.grain, set.fiscal)
	}
	spread := decimal.NewFromFloat(o.Spread)
	var out []Prospect
	for i := range deals {
		d := &deals[i]
		var t dealTerms
		if err := rules.terms(&t, d, "deals["+strconv.Itoa(i)+"]."); err != nil {
			errs = append(errs, err)
			continue
		}
		if t.outcome == Lost || t.category == CategoryOmitted {
			continue
		}
		idx := -1
		for k := 0; k+1 < len(starts); k++ {
			if !d.CloseDate.Before(starts[k]) && d.CloseDate.Before(starts[k+1]) {
				idx = k
				break
			}
		}
		if idx < 0 {
			continue
		}
		pr := Prospect{ID: d.ID, Amount: d.Amount, Probability: t.prob, Period: idx}
		if t.outcome == Open {
			pr.Slip = o.Slip
			if o.Spread > 0 {
				pr.Low = d.Amount.Sub(d.Amount.Mul(spread))
				pr.High = d.Amount.Add(d.Amount.Mul(spread))
			}
		}
		out = append(out, pr)
	}
	if len(errs) > 0 {
		return nil, joinErrs(errs)
	}
	return out, nil
}
