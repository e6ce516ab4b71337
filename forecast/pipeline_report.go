package forecast

import (
	"slices"
	"time"

	"github.com/shopspring/decimal"
)

// ReportOptions are the optional settings of [Pipeline.Report].
type ReportOptions struct {
	// ByOwner adds each owner's forecast to every period.
	ByOwner bool `json:"by_owner,omitempty"`
}

// CategoryTotal is what one forecast category holds: the number of deals,
// their amount and their weighted amount (see [Pipeline]).
type CategoryTotal struct {
	Category Category        `json:"category,omitempty"`
	Deals    int64           `json:"deals"`
	Amount   decimal.Decimal `json:"amount"`
	Weighted decimal.Decimal `json:"weighted"`
}

// Equal reports whether t and u hold the same numbers.
func (t CategoryTotal) Equal(u CategoryTotal) bool {
	return t.Category == u.Category && t.Deals == u.Deals && t.Amount.Equal(u.Amount) && t.Weighted.Equal(u.Weighted)
}

// Total is a cumulative forecast: deals, amount and weighted amount over
// several categories.
type Total struct {
	Deals    int64           `json:"deals"`
	Amount   decimal.Decimal `json:"amount"`
	Weighted decimal.Decimal `json:"weighted"`
}

// Equal reports whether t and u hold the same numbers.
func (t Total) Equal(u Total) bool {
	return t.Deals == u.Deals && t.Amount.Equal(u.Amount) && t.Weighted.Equal(u.Weighted)
}

// Forecasts are the cumulative forecasts of a period, as the leading CRMs
// define them. Omitted deals never count.
//
//	OpenPipeline = pipeline + best case + commit   (all open deals)
//	BestCase     = best case + commit + closed
//	Commit       = commit + closed
//	Closed       = closed                          (won)
type Forecasts struct {
	OpenPipeline Total `json:"open_pipeline"`
	BestCase     Total `json:"best_case"`
	Commit       Total `json:"commit"`
	Closed       Total `json:"closed"`
}

// Equal reports whether f and g hold the same numbers.
func (f Forecasts) Equal(g Forecasts) bool {
	return f.OpenPipeline.Equal(g.OpenPipeline) && f.BestCase.Equal(g.BestCase) &&
		f.Commit.Equal(g.Commit) && f.Closed.Equal(g.Closed)
}

// PeriodForecast is the forecast of one period: each category on its own
// (Categories, always five, in the order pipeline, best case, commit,
// closed, omitted), the cumulative forecasts, and Expected, the expected
// bookings: the weighted amount of every deal that is not omitted (won deals
// count in full). Owners, when asked for, holds the same per owner, sorted by
// owner ("" for deals without one).
type PeriodForecast struct {
	Period     Period          `json:"period"`
	Categories []CategoryTotal `json:"categories"`
	Forecasts  Forecasts       `json:"forecasts"`
	Expected   decimal.Decimal `json:"expected"`
	Owners     []OwnerForecast `json:"owners,omitempty"`
}

// Category returns the total of category c.
func (f PeriodForecast) Category(c Category) CategoryTotal {
	for _, t := range f.Categories {
		if t.Category == c {
			return t
		}
	}
	return CategoryTotal{Category: c}
}

// Equal reports whether f and g hold the same numbers.
func (f PeriodForecast) Equal(g PeriodForecast) bool {
	return f.Period == g.Period && slices.EqualFunc(f.Categories, g.Categories, CategoryTotal.Equal) &&
		f.Forecasts.Equal(g.Forecasts) && f.Expected.Equal(g.Expected) &&
		slices.EqualFunc(f.Owners, g.Owners, OwnerForecast.Equal)
}

// OwnerForecast is one owner's forecast of one period.
type OwnerForecast struct {
	Owner      string          `json:"owner"`
	Categories []CategoryTotal `json:"categories"`
	Forecasts  Forecasts       `json:"forecasts"`
	Expected   decimal.Decimal `json:"expected"`
}

// Equal reports whether o and q hold the same numbers.
func (o OwnerForecast) Equal(q OwnerForecast) bool {
	return o.Owner == q.Owner && slices.EqualFunc(o.Categories, q.Categories, CategoryTotal.Equal) &&
		o.Forecasts.Equal(q.Forecasts) && o.Expected.Equal(q.Expected)
}

// PipelineReport is the forecast of a pipeline: one entry per period that
// has deals, in date order.
type PipelineReport struct {
	Places          int32            `json:"places"`
	Grain           Grain            `json:"grain"`
	FiscalYearStart time.Month       `json:"fiscal_year_start"`
	Deals           int64            `json:"deals"`
	Periods         []PeriodForecast `json:"periods"`
}

// Equal reports whether r and s hold the same numbers.
func (r PipelineReport) Equal(s PipelineReport) bool {
	return r.Places == s.Places && r.Grain == s.Grain && r.FiscalYearStart == s.FiscalYearStart && r.Deals == s.Deals &&
		slices.EqualFunc(r.Periods, s.Periods, PeriodForecast.Equal)
}

// Period returns the forecast of the period that contains d, and whether
// the report has one.
func (r PipelineReport) Period(d Date) (PeriodForecast, bool) {
	for _, f := range r.Periods {
		if f.Period.Contains(d) {
			return f, true
		}
	}
	return PeriodForecast{}, false
}

// sums is the exact total of one category.
type sums struct {
	deals            int64
	amount, weighted sum128
}

func (s *sums) add(c *cell) {
	s.deals += c.deals
	s.amount.addSum(c.amount)
	s.weighted.addSum(c.weighted)
}

func (s *sums) addSums(t sums) {
	s.deals += t.deals
	s.amount.addSum(t.amount)
	s.weighted.addSum(t.weighted)
}

// Report returns the forecast by period and category.
func (p *Pipeline) Report(opts *ReportOptions) PipelineReport {
	var o ReportOptions
	if opts != nil {
		o = *opts
	}
	type key struct {
		period int32
		owner  string
	}
	byPeriod := map[int32]*[numCategories]sums{}
	var byOwner map[key]*[numCategories]sums
	if o.ByOwner {
		byOwner = map[key]*[numCategories]sums{}
	}
	for i := range p.cells {
		c := &p.cells[i]
		s := byPeriod[c.period]
		if s == nil {
			s = new([numCategories]sums)
			byPeriod[c.period] = s
		}
		s[c.category].add(c)
		if o.ByOwner {
			k := key{c.period, c.owner}
			s := byOwner[k]
			if s == nil {
				s = new([numCategories]sums)
				byOwner[k] = s
			}
			s[c.category].add(c)
		}
	}
	r := PipelineReport{Places: p.places, Grain: p.setting.grain, FiscalYearStart: p.setting.fiscal, Deals: p.deals}
	periods := make([]int32, 0, len(byPeriod))
	for d := range byPeriod {
		periods = append(periods, d)
	}
	slices.Sort(periods)
	owners := make(map[int32][]string)
	if o.ByOwner {
		for k := range byOwner {
			owners[k.period] = append(owners[k.period], k.owner)
		}
	}
	for _, d := range periods {
		start := dateOfDays(int(d))
		f := PeriodForecast{Period: PeriodOf(start, p.setting.grain, p.setting.fiscal)}
		f.Categories, f.Forecasts, f.Expected = summarise(byPeriod[d], p.places)
		if o.ByOwner {
			os := owners[d]
			slices.Sort(os)
			for _, o := range os {
				of := OwnerForecast{Owner: o}
				of.Categories, of.Forecasts, of.Expected = summarise(byOwner[key{d, o}], p.places)
				f.Owners = append(f.Owners, of)
			}
		}
		r.Periods = append(r.Periods, f)
	}
	return r
}

// summarise turns exact category sums into totals, cumulative forecasts and
// the expected amount.
func summarise(s *[numCategories]sums, places int32) ([]CategoryTotal, Forecasts, decimal.Decimal) {
	cats := make([]CategoryTotal, 0, numCategories-1)
	for c := CategoryPipeline; c <= CategoryOmitted; c++ {
		cats = append(cats, CategoryTotal{Category: c, Deals: s[c].deals,
			Amount: s[c].amount.decimal(places), Weighted: s[c].weighted.decimal(places)})
	}
	total := func(cs ...Category) Total {
		var t sums
		for _, c := range cs {
			t.addSums(s[c])
		}
		return Total{Deals: t.deals, Amount: t.amount.decimal(places), Weighted: t.weighted.decimal(places)}
	}
	f := Forecasts{
		OpenPipeline: total(CategoryPipeline, CategoryBestCase, CategoryCommit),
		BestCase:     total(CategoryBestCase, CategoryCommit, CategoryClosed),
		Commit:       total(CategoryCommit, CategoryClosed),
		Closed:       total(CategoryClosed),
	}
	return cats, f, total(CategoryPipeline, CategoryBestCase, CategoryCommit, CategoryClosed).Weighted
}
