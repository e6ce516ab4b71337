package incentive

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
)

// Definition is a built plan: checked, with its rules made, and
// immutable. It is safe for concurrent use when its registered rules are
// (the built-in ones are). Build one with [Build] or [DecodePlan]; get its
// data back, to edit or store, with [Definition.Plan].
type Definition struct {
	plan    Plan
	periods []Period
	repIdx  map[string]int32
	chains  [][]int32 // each rep's managers, nearest first
	comps   []component
}

// component is one component ID and its versions, oldest first.
type component struct {
	id       string
	measure  Measure
	key      string
	versions []version
}

type version struct {
	spec   Component
	pos    int  // the index in Plan.Components, for error paths
	from   Date // the first date the version rates
	rule   Rule
	custom bool // a registered type: its lines are checked
}

// Build checks p and makes its rules, the built-in types' and, through
// reg, the caller's (reg may be nil when the plan uses built-in types
// only). It reports every problem, each a *FieldError naming its path
// ("components[1].tiers[2].from"), joined with errors.Join: unknown types
// (ErrUnknownType), tiers that are unsorted, overlap or leave gaps
// (ErrTiers), negative rates and amounts (ErrNegative), money finer than
// the currency (ErrPlaces), and the other sentinels. A constructor's error
// is wrapped in ErrParam. The Definition keeps a copy of p.
func Build(p Plan, reg *Registry) (*Definition, error) {
	c := &checker{places: p.Rounding.Places}
	periods := c.checkPlan(&p)
	repIdx, chains := c.checkReps(&p, periods)
	d := &Definition{plan: p.clone(), periods: periods, repIdx: repIdx, chains: chains}
	byID := map[string]int{}
	for i := range d.plan.Components {
		k := &d.plan.Components[i]
		f := at("components", i)
		if c.full() {
			c.more++
			continue
		}
		var ctor Constructor
		custom := false
		switch {
		case k.Type == "":
			c.add(f+".type", "", ErrEmpty)
		case slices.Contains(builtinTypes, k.Type):
		default:
			var ok bool
			if ctor, ok = reg.lookup(k.Type); !ok {
				c.add(f+".type", k.Type, because(ErrUnknownType, "%s is not built in or registered", k.Type))
			}
			custom = true
		}
		before := len(c.errs)
		c.checkComponent(f, k, &p, custom)
		if (k.Type == TypeMilestones || k.Type == TypeScorecard) && !k.Effective.IsZero() && len(periods) > 0 &&
			!slices.ContainsFunc(periods, func(q Period) bool { return q.Start == k.Effective }) {
			c.add(f+".effective", k.Effective.String(), because(ErrPeriod, "a %s component changes on the first date of a period", k.Type))
		}
		from := k.Effective
		if from.IsZero() {
			from = p.Start
		}
		j, seen := byID[k.ID]
		if !seen {
			j = len(d.comps)
			byID[k.ID] = j
			d.comps = append(d.comps, component{id: k.ID, measure: k.Measure, key: k.Key})
		}
		cp := &d.comps[j]
		if seen {
			if k.Measure != cp.measure || k.Key != cp.key {
				c.add(f+".measure", k.Measure.String(), because(ErrParam, "versions of component %s share its measure %s", k.ID, cp.measure))
			}
			if slices.ContainsFunc(cp.versions, func(v version) bool { return v.from == from }) {
				c.add(f+".effective", from.String(), because(ErrDuplicate, "component %s has two versions effective %s", k.ID, from))
			}
		}
		if len(c.errs) > before || k.Type == "" || (custom && ctor == nil) {
			continue
		}
		var rule Rule
		var err error
		if custom {
			rule, err = construct(ctor, *k)
		} else {
			rule = builtin(k, p.Rounding)
		}
		if err != nil {
			c.add(f, k.Type, fmt.Errorf("%w: %w", ErrParam, err))
			continue
		}
		if rule == nil {
			c.add(f, k.Type, because(ErrParam, "the %s constructor returned no rule", k.Type))
			continue
		}
		cp.versions = append(cp.versions, version{spec: *k, pos: i, from: from, rule: rule, custom: custom})
	}
	if err := c.err(); err != nil {
		return nil, err
	}
	for i := range d.comps {
		slices.SortFunc(d.comps[i].versions, func(a, b version) int { return a.from.Compare(b.from) })
	}
	return d, nil
}

// construct calls a constructor, turning a panic into an error.
func construct(ctor Constructor, k Component) (r Rule, err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("constructor panicked: %v", v)
		}
	}()
	return ctor(k.clone())
}

// DecodePlan decodes a plan's JSON and builds it with reg, as [Build] does.
// Fields the plan has no place for, bad syntax and values of the wrong type
// are *FieldErrors wrapping ErrDecode; an unknown enum name wraps
// ErrUnknownName.
func DecodePlan(data []byte, reg *Registry) (*Definition, error) {
	var p Plan
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		return nil, decodeError(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fieldErr("plan", "", because(ErrDecode, "data after the plan's JSON object"))
	}
	return Build(p, reg)
}

// decodeError turns an encoding/json error into a *FieldError.
func decodeError(err error) error {
	var fe *FieldError
	if errors.As(err, &fe) {
		return err
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		field := te.Field
		if field == "" {
			field = "plan"
		}
		return fieldErr(field, te.Value, because(ErrDecode, "not a JSON %s", jsonKind(te.Type.Kind().String())))
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fieldErr("plan", "", because(ErrDecode, "at byte %d: %s", se.Offset, se.Error()))
	}
	msg := strings.TrimPrefix(err.Error(), "json: ")
	if name, ok := strings.CutPrefix(msg, "unknown field "); ok {
		return fieldErr("plan", strings.Trim(name, `"`), because(ErrDecode, "no such field"))
	}
	return fieldErr("plan", "", because(ErrDecode, "%s", msg))
}

func jsonKind(goKind string) string {
	switch goKind {
	case "struct", "map":
		return "object"
	case "slice", "array":
		return "array"
	case "bool":
		return "boolean"
	case "string":
		return "string"
	}
	return "number"
}

// Plan returns a copy of the plan d was built from.
func (d *Definition) Plan() Plan { return d.plan.clone() }

// Periods returns the plan's periods, in order.
func (d *Definition) Periods() []Period { return slices.Clone(d.periods) }

// PeriodOf returns the plan period that contains day, and whether there is
// one.
func (d *Definition) PeriodOf(day Date) (Period, bool) {
	i := d.periodIndex(day)
	if i < 0 {
		return Period{}, false
	}
	return d.periods[i], true
}

func (d *Definition) periodIndex(day Date) int {
	i, found := slices.BinarySearchFunc(d.periods, day, func(p Period, day Date) int { return p.Start.Compare(day) })
	if found {
		return i
	}
	if i == 0 || !d.periods[i-1].Contains(day) {
		return -1
	}
	return i - 1
}

// clone returns a copy of p that shares no memory with it.
func (p Plan) clone() Plan {
	q := p
	q.Labels = maps.Clone(p.Labels)
	q.Reps = slices.Clone(p.Reps)
	for i := range q.Reps {
		q.Reps[i].Relief = slices.Clone(q.Reps[i].Relief)
	}
	q.Components = slices.Clone(p.Components)
	for i := range q.Components {
		q.Components[i] = q.Components[i].clone()
	}
	if p.Cap != nil {
		c := *p.Cap
		q.Cap = &c
	}
	if p.Clawback != nil {
		c := *p.Clawback
		q.Clawback = &c
	}
	if p.Draw != nil {
		c := *p.Draw
		q.Draw = &c
	}
	return q
}

// clone returns a copy of k that shares no memory with it.
func (k Component) clone() Component {
	c := k
	c.Labels = maps.Clone(k.Labels)
	c.Filter.Products = slices.Clone(k.Filter.Products)
	c.Filter.Kinds = slices.Clone(k.Filter.Kinds)
	c.Filter.Credits = slices.Clone(k.Filter.Credits)
	if k.Filter.AtLeast != nil {
		v := *k.Filter.AtLeast
		c.Filter.AtLeast = &v
	}
	if k.Filter.Below != nil {
		v := *k.Filter.Below
		c.Filter.Below = &v
	}
	if k.Cap != nil {
		v := *k.Cap
		c.Cap = &v
	}
	c.Tiers = slices.Clone(k.Tiers)
	for i, t := range c.Tiers {
		if t.To != nil {
			v := *t.To
			c.Tiers[i].To = &v
		}
	}
	c.Milestones = slices.Clone(k.Milestones)
	c.Measures = slices.Clone(k.Measures)
	for i := range c.Measures {
		c.Measures[i].Labels = maps.Clone(c.Measures[i].Labels)
	}
	if k.Gate != nil {
		v := *k.Gate
		c.Gate = &v
	}
	c.Params = bytes.Clone(k.Params)
	return c
}
