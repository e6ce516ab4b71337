package forecast

import (
	"strconv"
	"time"
)

// PipelineOptions are the optional settings of a [Pipeline]. The zero value
// (or nil) forecasts by calendar month.
type PipelineOptions struct {
	// Grain is the period length: month (the default), quarter or year.
	Grain Grain `json:"grain,omitempty"`
	// FiscalYearStart is the first month of the fiscal year, which quarters
	// and years count from; zero means January.
	FiscalYearStart time.Month `json:"fiscal_year_start,omitempty"`
}

// Pipeline is the weighted-pipeline accumulator: it takes deals one at a
// time and keeps, for every owner, period and forecast category, the number
// of deals, their amount and their weighted amount. [Pipeline.Report] turns
// it into the forecast by period and category.
//
// A deal's weighted amount is its amount times its win probability (its
// own, or its stage's), rounded half to even to the pipeline's places. The
// probability is read to nine decimal places, rounded half to even from its
// exact binary value, so 0.1 weights by exactly one tenth. Each deal is
// rounded once, and sums are exact from then on: a report's totals are the
// sums of the deals' weighted amounts to the last unit, whatever the order
// or sharding of the deals.
//
// Pipelines merge ([Pipeline.Merge]: associative and commutative) and
// travel ([Pipeline.MarshalBinary]), so a forecast computed over shards
// equals one pass exactly. A Pipeline is not safe for concurrent use; give
// each goroutine its own and merge them.
//
// Make one with [NewPipeline]. The zero Pipeline has no stages: it is
// empty, merges as an identity, and takes the stages, places and options
// of the first pipeline merged into it, so a reducer can start from a zero
// Pipeline and merge its shards in. Add and AddAll refuse it
// ([ErrOption]) until a merge or [Pipeline.UnmarshalBinary] gives it
// stages.
type Pipeline struct {
	dealRules

	owners  []string
	ownerIx map[string]uint32
	cells   []cell
	cellIx  map[uint64]int32
	deals   int64

	recent []int32 // made on first use

	// periods caches the period start of recent close months, slot
	// month-number mod 64: finding a deal's period there instead of
	// computing it saves about 180 instructions a deal (of some 720) on
	// BenchmarkPipeline1M (callgrind).
	periods [64]periodSlot
}

// periodSlot maps a month (year·12 + month - 1) to its period's start in
// days since 1970-01-01; month -1 marks an empty slot.
type periodSlot struct{ month, start int32 }

// cell is one owner's deals of one category closing in one period.
type cell struct {
	owner    string
	period   int32 // days from 1970-01-01 to the period's start
	category Category
	deals    int64
	amount   sum128
	weighted sum128
}

// maxDeals is the most deals a pipeline holds, so that no sum of amounts
// (each below 2^63 units) can overflow 128 bits.
const maxDeals = 1 << 62

// NewPipeline returns an empty pipeline over stages, holding money to places
// decimal places (2 for cents; 0 to 9). It returns a *FieldError wrapping
// [ErrPlaces], [ErrOption] or one of those [Stages.Validate] returns.
func NewPipeline(stages Stages, places int32, opts *PipelineOptions) (*Pipeline, error) {
	if err := stages.Validate(); err != nil {
		return nil, err
	}
	if err := checkPlaces("places", places); err != nil {
		return nil, err
	}
	var o PipelineOptions
	if opts != nil {
		o = *opts
	}
	set, err := o.setting()
	if err != nil {
		return nil, err
	}
	p := &Pipeline{dealRules: newDealRules(stages, places, set)}
	p.reset()
	return p, nil
}

func (o PipelineOptions) setting() (periodSetting, error) {
	var errs []error
	if o.Grain < Month || o.Grain > Year {
		errs = append(errs, fieldErr("grain", o.Grain.String(), ErrUnknownName))
	}
	if o.FiscalYearStart < 0 || o.FiscalYearStart > time.December {
		errs = append(errs, fieldErr("fiscal_year_start", formatInt(int64(o.FiscalYearStart)), wrap(ErrOption, "not a month")))
	}
	f := o.FiscalYearStart
	if f == 0 {
		f = time.January
	}
	return periodSetting{o.Grain, f}, joinErrs(errs)
}

func (p *Pipeline) reset() {
	p.owners, p.ownerIx = nil, map[string]uint32{}
	p.cells, p.cellIx = nil, map[uint64]int32{}
	p.recent = nil
	p.deals = 0
	for i := range p.periods {
		p.periods[i].month = -1
	}
}

// Stages returns a copy of the pipeline's stage list.
func (p *Pipeline) Stages() Stages { return p.stages.clone() }

// Places returns the decimal places the pipeline holds money to.
func (p *Pipeline) Places() int32 { return p.places }

// Options returns the pipeline's options, with FiscalYearStart filled in.
func (p *Pipeline) Options() PipelineOptions {
	return PipelineOptions{Grain: p.setting.grain, FiscalYearStart: p.setting.fiscal}
}

// Deals returns the number of deals added, merged ones included.
func (p *Pipeline) Deals() int64 { return p.deals }

// Add counts one deal. A deal that cannot be counted is left out and the
// error says why: *FieldErrors naming the deal's fields ("amount",
// "close_date") and wrapping [ErrUnknownStage], [ErrAmount], [ErrDate],
// [ErrProbability], [ErrCategory] or [ErrUnknownName], joined when several
// fields are wrong. The zero Pipeline takes no deal: [ErrOption].
func (p *Pipeline) Add(d Deal) error {
	if err := p.built(); err != nil {
		return err
	}
	var t dealTerms
	if err := p.terms(&t, &d, ""); err != nil {
		return err
	}
	if p.deals >= maxDeals {
		return fieldErr("deal", d.ID, wrap(ErrOption, "pipeline full"))
	}
	p.count(d.Owner, &t)
	return nil
}

// AddAll counts deals, all or none: when any deal cannot be counted, none
// is, and the error lists every problem, each a *FieldError whose field
// names the deal ("deals[3].stage").
func (p *Pipeline) AddAll(deals []Deal) error {
	if err := p.built(); err != nil {
		return err
	}
	ts := make([]dealTerms, len(deals))
	var errs []error
	for i := range deals {
		if err := p.terms(&ts[i], &deals[i], "deals["+strconv.Itoa(i)+"]."); err != nil {
			errs = append(errs, err)
		}
	}
	if len(errs) > 0 {
		return joinErrs(errs)
	}
	if p.deals+int64(len(deals)) > maxDeals {
		return fieldErr("deals", "", wrap(ErrOption, "pipeline full"))
	}
	for i := range deals {
		p.count(deals[i].Owner, &ts[i])
	}
	return nil
}

// built refuses the zero Pipeline, which has no stages to check deals
// against.
func (p *Pipeline) built() error {
	if len(p.stages) == 0 {
		return fieldErr("pipeline", "", wrap(ErrOption, "not built (use NewPipeline)"))
	}
	return nil
}

// count adds a checked deal to its cell.
func (p *Pipeline) count(owner string, t *dealTerms) {
	c := p.cell(owner, p.periodStart(t.close), t.category)
	c.deals++
	c.amount.add(t.units)
	c.weighted.add(t.weighted)
	p.deals++
}

// periodStart returns the start of d's period in days since 1970-01-01.
func (p *Pipeline) periodStart(d Date) int32 {
	m := int32(d.Year)*12 + int32(d.Month) - 1
	slot := &p.periods[m&63]
	if slot.month != m {
		slot.month = m
		slot.start = int32(PeriodOf(d, p.setting.grain, p.setting.fiscal).Start.days())
	}
	return slot.start
}

// cellKey packs an owner number, a period start (days, within ±2^23 of
// 1970 for years 1 to 9999) and a category into one map key. Finding the
// owner's number and then the cell (a string and an integer map lookup)
// took 35 ns a deal in the CPU profile of BenchmarkPipeline1M, one lookup
// on a struct key holding the owner's name 55 ns.
func cellKey(owner uint32, period int32, c Category) uint64 {
	return uint64(owner)<<32 | uint64(uint32(period+1<<24))<<3 | uint64(c)
}

// ownerNumber returns the number of owner, giving it the next one if new.
func (p *Pipeline) ownerNumber(owner string) uint32 {
	oi, ok := p.ownerIx[owner]
	if !ok {
		oi = uint32(len(p.owners))
		p.owners = append(p.owners, owner)
		p.ownerIx[owner] = oi
	}
	return oi
}

// cell returns the cell for owner, period and category, making it if new.
func (p *Pipeline) cell(owner string, period int32, c Category) *cell {
	if p.recent == nil {
		p.recent = make([]int32, recentCells)
	}
	slot := &p.recent[recentSlot(owner, period, c)]
	if i := *slot - 1; i >= 0 {
		if cl := &p.cells[i]; cl.owner == owner && cl.period == period && cl.category == c {
			return cl
		}
	}
	k := cellKey(p.ownerNumber(owner), period, c)
	i, ok := p.cellIx[k]
	if !ok {
		i = int32(len(p.cells))
		p.cells = append(p.cells, cell{owner: owner, period: period, category: c})
		p.cellIx[k] = i
	}
	*slot = i + 1
	return &p.cells[i]
}

// recent is a direct-mapped cache of cell indices in front of the owner
// and cell maps: a slot holds a cell's index plus one (zero marks an empty
// slot), found by a hash of the owner's name (FNV-1a), the period and the
// category, and a hit is the cell whose owner, period and category are the
// deal's. Most deals find their cell there without either map lookup. On
// BenchmarkPipeline1M (fifty owners over twelve months, callgrind) it
// takes Add from 688 to 625 instructions and from 3.1 to 2.4 mispredicted
// branches a deal, against the cache it replaced (4,096 slots keyed by the
// owner's number, which still needed the owner map) and for 1.0 more L1
// read miss a deal (the check reads the whole 72-byte cell).
const (
	recentBits  = 14
	recentCells = 1 << recentBits
)

// recentSlot returns the slot of the recent cache for a cell.
func recentSlot(owner string, period int32, c Category) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(owner); i++ {
		h = (h ^ uint64(owner[i])) * 1099511628211
	}
	h ^= uint64(uint32(period))<<3 | uint64(c)
	return (h * 0x9e3779b97f4a7c15) >> (64 - recentBits)
}

// Merge adds everything q holds to p; q is unchanged. Merging is
// associative and commutative: any grouping and order of merges of the same
// deals gives the same pipeline. It returns an error wrapping [ErrMismatch]
// when the two differ in stages, places or options, and [ErrSelfMerge] when q
// is p. A zero q changes nothing; a zero p takes q's stages, places and
// options and then holds what q holds.
func (p *Pipeline) Merge(q *Pipeline) error {
	if p == q {
		return fieldErr("pipeline", "", ErrSelfMerge)
	}
	switch {
	case len(q.stages) == 0:
		return nil
	case len(p.stages) == 0:
		p.dealRules = newDealRules(q.stages, q.places, q.setting)
		p.reset()
	}
	if !p.stages.equal(q.stages) || p.places != q.places || p.setting != q.setting {
		return fieldErr("pipeline", "", wrap(ErrMismatch, "stages, places or periods differ"))
	}
	if p.deals+q.deals > maxDeals {
		return fieldErr("pipeline", "", wrap(ErrOption, "pipeline full"))
	}
	for _, qc := range q.cells {
		c := p.cell(qc.owner, qc.period, qc.category)
		c.deals += qc.deals
		c.amount.addSum(qc.amount)
		c.weighted.addSum(qc.weighted)
	}
	p.deals += q.deals
	return nil
}

// Reset empties p, keeping its stages, places and options.
func (p *Pipeline) Reset() { p.reset() }
