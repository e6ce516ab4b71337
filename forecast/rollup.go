package forecast

import (
	"slices"
	"strconv"
	"time"

	"github.com/shopspring/decimal"
)

// Unit is one node of the org tree a forecast rolls up through: a rep, a
// team, a region. Key identifies it, and is what deals name as their Owner;
// Manager is the key of the unit it reports to, "" for a top unit.
type Unit struct {
	Key     string `json:"key"`
	Manager string `json:"manager,omitempty"`
	Labels  Labels `json:"labels,omitempty"`
}

// Label returns the unit's label in lang, chosen as [Labels.Get] chooses,
// or its key when it has none.
func (u Unit) Label(lang string) string { return u.Labels.or(lang, u.Key) }

// Org is a checked org tree (a forest: several top units are allowed). It
// is immutable and safe for concurrent use; build it with [NewOrg] from its
// units, which are plain data.
type Org struct {
	units    []Unit
	index    map[string]int
	children [][]int
	order    []int // depth first, managers before their reports, in the order given
}

// NewOrg checks units and builds the tree. Errors, all reported, are
// *FieldErrors wrapping [ErrOrg]: a unit without a key, a key used twice, a
// manager that is not a unit, a unit that manages itself or a cycle.
func NewOrg(units []Unit) (*Org, error) {
	o := &Org{index: map[string]int{}}
	var errs []error
	for i, u := range units {
		at := "units[" + strconv.Itoa(i) + "]"
		switch _, dup := o.index[u.Key]; {
		case u.Key == "":
			errs = append(errs, fieldErr(at+".key", "", wrap(ErrOrg, "a unit needs a key")))
		case dup:
			errs = append(errs, fieldErr(at+".key", u.Key, wrap(ErrOrg, "key used twice")))
		default:
			o.index[u.Key] = i
		}
		o.units = append(o.units, Unit{Key: u.Key, Manager: u.Manager, Labels: cloneLabels(u.Labels)})
	}
	if len(errs) > 0 {
		return nil, joinErrs(errs)
	}
	o.children = make([][]int, len(units))
	var roots []int
	for i, u := range units {
		switch m, ok := o.index[u.Manager]; {
		case u.Manager == "":
			roots = append(roots, i)
		case !ok:
			errs = append(errs, fieldErr("units["+strconv.Itoa(i)+"].manager", u.Manager, wrap(ErrOrg, "no such unit")))
		case m == i:
			errs = append(errs, fieldErr("units["+strconv.Itoa(i)+"].manager", u.Manager, wrap(ErrOrg, "a unit cannot manage itself")))
		default:
			o.children[m] = append(o.children[m], i)
		}
	}
	if len(errs) > 0 {
		return nil, joinErrs(errs)
	}
	var walk func(i int)
	walk = func(i int) {
		o.order = append(o.order, i)
		for _, c := range o.children[i] {
			walk(c)
		}
	}
	for _, r := range roots {
		walk(r)
	}
	if len(o.order) != len(units) {
		for i, u := range units {
			if !slices.Contains(o.order, i) {
				return nil, fieldErr("units["+strconv.Itoa(i)+"].manager", u.Manager, wrap(ErrOrg, "managers form a cycle"))
			}
		}
	}
	return o, nil
}

func cloneLabels(l Labels) Labels {
	if l == nil {
		return nil
	}
	out := make(Labels, len(l))
	for k, v := range l {
		out[k] = v
	}
	return out
}

// Units returns a copy of the org's units, in the order given.
func (o *Org) Units() []Unit {
	out := make([]Unit, len(o.units))
	for i, u := range o.units {
		out[i] = Unit{Key: u.Key, Manager: u.Manager, Labels: cloneLabels(u.Labels)}
	}
	return out
}

// Adjustment overrides one number of a roll-up: unit's amount in category
// for the period containing the date Period. By is who made it: the unit
// itself (its owner's own call on its number) or its direct manager (who
// overrides what the unit submits). The roll-up keeps the computed number
// beside it. Category is pipeline, best case, commit or closed; Amount is
// not negative.
type Adjustment struct {
	Unit     string          `json:"unit"`
	By       string          `json:"by"`
	Period   Date            `json:"period,omitzero"`
	Category Category        `json:"category,omitempty"`
	Amount   decimal.Decimal `json:"amount"`
	Note     string          `json:"note,omitempty"`
}

// Equal reports whether a and b are the same adjustment, comparing amounts
// by value.
func (a Adjustment) Equal(b Adjustment) bool {
	return a.Unit == b.Unit && a.By == b.By && a.Period == b.Period && a.Category == b.Category &&
		a.Amount.Equal(b.Amount) && a.Note == b.Note
}

// RollUpLine is one category of one unit's forecast: its own deals (Own),
// what its direct reports submit (Team), their sum (Computed), and Amount,
// what the unit submits upward: Computed, or the last adjustment applied
// (the unit's own, then its manager's, which overrides it). Adjustments
// lists those applied, in that order.
type RollUpLine struct {
	Category    Category        `json:"category,omitempty"`
	Own         decimal.Decimal `json:"own"`
	Team        decimal.Decimal `json:"team"`
	Computed    decimal.Decimal `json:"computed"`
	Amount      decimal.Decimal `json:"amount"`
	Adjustments []Adjustment    `json:"adjustments,omitempty"`
	Reason      Reason          `json:"reason"`
}

// Equal reports whether l and m hold the same numbers.
func (l RollUpLine) Equal(m RollUpLine) bool {
	return l.Category == m.Category && l.Own.Equal(m.Own) && l.Team.Equal(m.Team) && l.Computed.Equal(m.Computed) &&
		l.Amount.Equal(m.Amount) && slices.EqualFunc(l.Adjustments, m.Adjustments, Adjustment.Equal) && l.Reason.Equal(m.Reason)
}

// UnitForecast is one unit's forecast of one period: a line per category
// (pipeline, best case, commit, closed, in that order) and the cumulative
// forecasts of the amounts it submits.
type UnitForecast struct {
	Unit      string       `json:"unit"`
	Manager   string       `json:"manager,omitempty"`
	Lines     []RollUpLine `json:"lines"`
	Forecasts Amounts      `json:"forecasts"`
}

// Line returns the unit's line of category c.
func (u UnitForecast) Line(c Category) RollUpLine {
	for _, l := range u.Lines {
		if l.Category == c {
			return l
		}
	}
	return RollUpLine{Category: c}
}

// Amounts are the cumulative forecasts of submitted amounts; see
// [Forecasts] for how each adds up.
type Amounts struct {
	OpenPipeline decimal.Decimal `json:"open_pipeline"`
	BestCase     decimal.Decimal `json:"best_case"`
	Commit       decimal.Decimal `json:"commit"`
	Closed       decimal.Decimal `json:"closed"`
}

// Equal reports whether a and b hold the same amounts.
func (a Amounts) Equal(b Amounts) bool {
	return a.OpenPipeline.Equal(b.OpenPipeline) && a.BestCase.Equal(b.BestCase) && a.Commit.Equal(b.Commit) && a.Closed.Equal(b.Closed)
}

// OrgPeriod is the roll-up of one period: every unit, managers before their
// reports, in the org's order.
type OrgPeriod struct {
	Period Period         `json:"period"`
	Units  []UnitForecast `json:"units"`
}

// Unit returns the forecast of unit key, and whether the period has it.
func (p OrgPeriod) Unit(key string) (UnitForecast, bool) {
	for _, u := range p.Units {
		if u.Unit == key {
			return u, true
		}
	}
	return UnitForecast{}, false
}

// RollUp is a pipeline forecast rolled up through an org tree, one entry
// per period, in date order.
type RollUp struct {
	Periods []OrgPeriod `json:"periods"`
}

// rolledCategories are the categories a roll-up carries: omitted never
// counts.
var rolledCategories = [4]Category{CategoryPipeline, CategoryBestCase, CategoryCommit, CategoryClosed}

// RollUp rolls the report's per-owner forecast (run the report with
// ByOwner) up through org, applying the adjustments: every unit's number in
// every category is its own deals plus what its direct reports submit, and
// what a unit submits is that number, or its own adjustment, or its
// manager's, which wins. A period that has adjustments but no deals is
// rolled up too.
//
// Errors, all reported, are *FieldErrors wrapping [ErrUnknownUnit] (an
// owner or adjusted unit not in org), [ErrAdjustment] (made by someone
// other than the unit or its manager, of another category, of a negative
// amount), [ErrDuplicate] (two adjustments of one number by one unit) or
// [ErrDate].
func (r PipelineReport) RollUp(org *Org, adjustments []Adjustment) (RollUp, error) {
	type cell struct{ period, unit int }
	var errs []error
	// periods: the report's, plus those adjustments name
	starts := map[Date]Period{}
	for _, f := range r.Periods {
		starts[f.Period.Start] = f.Period
	}
	fiscal := r.FiscalYearStart
	if fiscal == 0 {
		fiscal = time.January
	}
	type adjKey struct {
		start     Date
		unit      int
		cat       Category
		byManager bool
	}
	adj := map[adjKey]Adjustment{}
	for i, a := range adjustments {
		at := "adjustments[" + strconv.Itoa(i) + "]."
		ui, ok := org.index[a.Unit]
		if !ok {
			errs = append(errs, fieldErr(at+"unit", a.Unit, ErrUnknownUnit))
			continue
		}
		mgr := org.units[ui].Manager
		switch {
		case a.By == a.Unit:
		case a.By != "" && a.By == mgr:
		default:
			errs = append(errs, fieldErr(at+"by", a.By, wrap(ErrAdjustment, "only "+a.Unit+" or its manager may adjust its number")))
			continue
		}
		if !a.Period.IsValid() {
			errs = append(errs, fieldErr(at+"period", dateText(a.Period), ErrDate))
			continue
		}
		if !slices.Contains(rolledCategories[:], a.Category) {
			errs = append(errs, fieldErr(at+"category", a.Category.String(), wrap(ErrAdjustment, "pipeline, best_case, commit or closed")))
			continue
		}
		if a.Amount.Sign() < 0 {
			errs = append(errs, fieldErr(at+"amount", a.Amount.String(), wrap(ErrAdjustment, "negative")))
			continue
		}
		p := PeriodOf(a.Period, r.Grain, fiscal)
		if !p.Start.IsValid() || !p.End.IsValid() {
			errs = append(errs, fieldErr(at+"period", a.Period.String(), wrap(ErrDate, "its period is not within years 1 to 9999")))
			continue
		}
		k := adjKey{p.Start, ui, a.Category, a.By != a.Unit}
		if _, dup := adj[k]; dup {
			errs = append(errs, fieldErr(at+"category", a.Category.String(), wrap(ErrDuplicate, a.By+" already adjusted this number")))
			continue
		}
		adj[k] = a
		if _, ok := starts[p.Start]; !ok {
			starts[p.Start] = p
		}
	}
	periods := make([]Period, 0, len(starts))
	for _, p := range starts {
		periods = append(periods, p)
	}
	slices.SortFunc(periods, func(a, b Period) int { return a.Start.Compare(b.Start) })
	// own amounts per (period, unit)
	own := map[cell]*[numCategories]decimal.Decimal{}
	pix := map[Date]int{}
	for i, p := range periods {
		pix[p.Start] = i
	}
	for _, f := range r.Periods {
		for _, of := range f.Owners {
			ui, ok := org.index[of.Owner]
			if !ok {
				errs = append(errs, fieldErr("owner", of.Owner, wrap(ErrUnknownUnit, "deals of "+f.Period.String()+" have an owner not in the org")))
				continue
			}
			a := new([numCategories]decimal.Decimal)
			for _, ct := range of.Categories {
				if ct.Category.valid() {
					a[ct.Category] = ct.Amount
				}
			}
			own[cell{pix[f.Period.Start], ui}] = a
		}
	}
	if len(errs) > 0 {
		return RollUp{}, joinErrs(errs)
	}
	var out RollUp
	for pi, p := range periods {
		lines := make([][4]RollUpLine, len(org.units))
		// reports before managers: the reverse of the depth-first order
		for k := len(org.order) - 1; k >= 0; k-- {
			ui := org.order[k]
			u := org.units[ui]
			for c, cat := range rolledCategories {
				l := RollUpLine{Category: cat, Own: decimal.Zero, Team: decimal.Zero}
				if a := own[cell{pi, ui}]; a != nil {
					l.Own = a[cat]
				}
				for _, ch := range org.children[ui] {
					l.Team = l.Team.Add(lines[ch][c].Amount)
				}
				l.Computed = l.Own.Add(l.Team)
				l.Amount = l.Computed
				l.Reason = Reason{Code: CodeRolledUp, Texts: map[string]string{"unit": u.Key, "category": cat.String()},
					Amounts: map[string]decimal.Decimal{"amount": l.Computed, "own": l.Own, "team": l.Team}}
				for _, byManager := range []bool{false, true} {
					if a, ok := adj[adjKey{p.Start, ui, cat, byManager}]; ok {
						l.Adjustments = append(l.Adjustments, a)
						l.Amount = a.Amount
						l.Reason = Reason{Code: CodeAdjusted, Texts: map[string]string{"unit": u.Key, "category": cat.String(), "by": a.By},
							Amounts: map[string]decimal.Decimal{"amount": a.Amount, "computed": l.Computed}}
					}
				}
				lines[ui][c] = l
			}
		}
		op := OrgPeriod{Period: p}
		for _, ui := range org.order {
			l := lines[ui]
			uf := UnitForecast{Unit: org.units[ui].Key, Manager: org.units[ui].Manager, Lines: l[:]}
			pl, bc, cm, cl := l[0].Amount, l[1].Amount, l[2].Amount, l[3].Amount
			uf.Forecasts = Amounts{OpenPipeline: pl.Add(bc).Add(cm), BestCase: bc.Add(cm).Add(cl), Commit: cm.Add(cl), Closed: cl}
			op.Units = append(op.Units, uf)
		}
		out.Periods = append(out.Periods, op)
	}
	return out, nil
}
