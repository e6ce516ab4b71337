package target

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// Criterion is one letter of SMART. The zero value is Specific.
type Criterion int

// The SMART criteria, in the order Check reports them.
const (
	Specific   Criterion = iota // who is answerable for what
	Measurable                  // a metric, a unit and a target that can be measured
	Achievable                  // within the policy's growth and capacity limits
	Relevant                    // serves its parent goal with a compatible metric
	TimeBound                   // a period of sensible length, inside the parent's
)

var criterionNames = [...]string{"specific", "measurable", "achievable", "relevant", "time_bound"}

// String returns the lowercase name: "specific" … "time_bound".
func (c Criterion) String() string {
	if c < 0 || int(c) >= len(criterionNames) {
		return fmt.Sprintf("Criterion(%d)", int(c))
	}
	return criterionNames[c]
}

// MarshalText encodes c as its name.
func (c Criterion) MarshalText() ([]byte, error) {
	if c < 0 || int(c) >= len(criterionNames) {
		return nil, fieldErr("criterion", c.String(), ErrInvalid)
	}
	return []byte(criterionNames[c]), nil
}

// UnmarshalText decodes a criterion name; an unknown name is an error.
func (c *Criterion) UnmarshalText(b []byte) error {
	return unmarshalEnum(c, "criterion", criterionNames[:], b)
}

// Policy holds the thresholds a goal is judged by. A nil *Policy means
// DefaultPolicy(). Within a Policy, an invalid (null) decimal or a zero
// number of days means "no limit"; zero status thresholds mean the defaults
// documented on Track.
type Policy struct {
	// MaxGrowth is the largest improvement over the baseline a target may
	// ask for, as a fraction: 0.5 lets a revenue target be at most 50% above
	// last period's actual (or, for a lower-is-better metric, at most 50%
	// below it).
	MaxGrowth decimal.NullDecimal `json:"max_growth"`
	// Capacity is the most the team can deliver of an additive,
	// higher-is-better metric, such as reps × productivity per rep (see
	// CapacityOf).
	Capacity decimal.NullDecimal `json:"capacity"`
	// MinHorizonDays and MaxHorizonDays bound the length of a goal's period.
	MinHorizonDays int `json:"min_horizon_days"`
	MaxHorizonDays int `json:"max_horizon_days"`

	// AheadAt, OnTrackAt and AtRiskAt are the pace thresholds Track uses to
	// set a status; see Track.
	AheadAt   float64 `json:"ahead_at"`
	OnTrackAt float64 `json:"on_track_at"`
	AtRiskAt  float64 `json:"at_risk_at"`
}

// DefaultPolicy returns the policy used when none is given: growth of at most
// 50% over baseline, no capacity ceiling, a horizon from 7 to 366 days, and
// the default status thresholds (ahead at a pace of 1.05, on track at 0.95,
// at risk at 0.85, behind below that).
func DefaultPolicy() Policy {
	return Policy{
		MaxGrowth:      decimal.NewNullDecimal(decimal.New(5, -1)),
		MinHorizonDays: 7,
		MaxHorizonDays: 366,
		AheadAt:        1.05,
		OnTrackAt:      0.95,
		AtRiskAt:       0.85,
	}
}

// CapacityOf returns reps × perRep, the usual capacity ceiling for a sales
// target: what the team can deliver at its measured productivity.
func CapacityOf(reps int, perRep decimal.Decimal) decimal.Decimal {
	return decimal.NewFromInt(int64(reps)).Mul(perRep)
}

// Verdict is the judgement on one SMART criterion: whether the goal meets it,
// and why, in words a sales manager understands.
type Verdict struct {
	Criterion Criterion `json:"criterion"`
	OK        bool      `json:"ok"`
	Reasons   []string  `json:"reasons"`
}

// Report is the SMART check of one goal: one verdict per criterion, in SMART
// order.
type Report struct {
	Goal     string    `json:"goal"`
	Verdicts []Verdict `json:"verdicts"`
}

// OK reports whether the goal meets every criterion.
func (r Report) OK() bool {
	for _, v := range r.Verdicts {
		if !v.OK {
			return false
		}
	}
	return true
}

// Verdict returns the verdict on criterion c.
func (r Report) Verdict(c Criterion) Verdict {
	for _, v := range r.Verdicts {
		if v.Criterion == c {
			return v
		}
	}
	return Verdict{Criterion: c}
}

// Failures returns the failing verdicts' reasons, each prefixed with its
// criterion: "achievable: target 18,000,000 is 80% above …".
func (r Report) Failures() []string {
	var out []string
	for _, v := range r.Verdicts {
		if !v.OK {
			for _, reason := range v.Reasons {
				out = append(out, v.Criterion.String()+": "+reason)
			}
		}
	}
	return out
}

// verdict collects reasons; any failure makes it fail.
type verdict struct {
	fails, passes []string
}

func (v *verdict) fail(format string, a ...any) { v.fails = append(v.fails, fmt.Sprintf(format, a...)) }
func (v *verdict) pass(format string, a ...any) {
	v.passes = append(v.passes, fmt.Sprintf(format, a...))
}
func (v *verdict) done(c Criterion) Verdict {
	if len(v.fails) > 0 {
		return Verdict{Criterion: c, OK: false, Reasons: v.fails}
	}
	return Verdict{Criterion: c, OK: true, Reasons: v.passes}
}

// Check judges g against the SMART criteria under policy p (nil means
// DefaultPolicy()). parent is the goal g serves, or nil for a top goal; a
// goal that names a parent but is checked without one fails Relevant.
//
//   - Specific: g has an ID, a name, an owner and a metric (a custom metric
//     is named).
//   - Measurable: the metric's aggregation is known, the unit is given, the
//     target is not negative, counts are whole, and ratio targets lie in [0, 1].
//   - Achievable: the improvement over a positive baseline is at most
//     p.MaxGrowth, and an additive higher-is-better target is at most
//     p.Capacity.
//   - Relevant: g's metric is the parent's (same unit) or one that drives
//     it: deal count, new customers, conversion, retention, satisfaction and
//     market share drive revenue; conversion drives deal count and new
//     customers; satisfaction drives retention; revenue drives market share.
//   - Time-bound: the period is set, not inverted, its length in days lies
//     within the policy's horizon, and it lies inside the parent's period.
//
// Check never fails on bad data: it reports it.
func Check(g Goal, parent *Goal, p *Policy) Report {
	pol := resolvePolicy(p)
	return Report{Goal: g.ID, Verdicts: []Verdict{
		checkSpecific(g),
		checkMeasurable(g),
		checkAchievable(g, pol),
		checkRelevant(g, parent),
		checkTimeBound(g, parent, pol),
	}}
}

func resolvePolicy(p *Policy) Policy {
	if p == nil {
		return DefaultPolicy()
	}
	pol := *p
	d := DefaultPolicy()
	if pol.AheadAt == 0 && pol.OnTrackAt == 0 && pol.AtRiskAt == 0 {
		pol.AheadAt, pol.OnTrackAt, pol.AtRiskAt = d.AheadAt, d.OnTrackAt, d.AtRiskAt
	}
	return pol
}

func metricLabel(g Goal) string {
	if g.Metric == MetricCustom && g.MetricName != "" {
		return g.MetricName
	}
	return g.Metric.String()
}

func checkSpecific(g Goal) Verdict {
	var v verdict
	if strings.TrimSpace(g.ID) == "" {
		v.fail("goal has no id")
	}
	if strings.TrimSpace(g.Name) == "" {
		v.fail("goal has no name")
	}
	if strings.TrimSpace(g.Owner) == "" {
		v.fail("goal is not assigned to an owner")
	}
	switch {
	case !g.Metric.IsValid():
		v.fail("goal names no metric")
	case g.Metric == MetricCustom && strings.TrimSpace(g.MetricName) == "":
		v.fail("custom metric has no name")
	}
	v.pass("%s is answerable for %s of %s %s", g.Owner, metricLabel(g), formatAmount(g.Target), g.Unit)
	return v.done(Specific)
}

func checkMeasurable(g Goal) Verdict {
	var v verdict
	agg := g.Aggregate()
	if g.Metric.IsValid() && agg != Additive && agg != Ratio {
		v.fail("custom metric %s does not say whether it is additive or a ratio", metricLabel(g))
	}
	if strings.TrimSpace(g.Unit) == "" {
		v.fail("goal has no unit")
	}
	if checkExp("target", g.Target) != nil || checkExp("baseline", g.Baseline) != nil {
		v.fail("target or baseline has an exponent beyond ±%d", MaxExponent)
	}
	if g.Target.Sign() < 0 {
		v.fail("target %s is negative", formatAmount(g.Target))
	}
	if g.Baseline.Sign() < 0 {
		v.fail("baseline %s is negative", formatAmount(g.Baseline))
	}
	if (g.Metric == MetricDealCount || g.Metric == MetricNewCustomers) && !g.Target.IsInteger() {
		v.fail("target %s is not a whole number of %s", formatAmount(g.Target), g.Metric)
	}
	if agg == Ratio && g.Metric != MetricCustom && g.Target.GreaterThan(decimal.NewFromInt(1)) {
		v.fail("target %s of %s is above 1; ratios are fractions (0.25 is 25%%)", formatAmount(g.Target), g.Metric)
	}
	v.pass("%s is measured in %s, target %s", metricLabel(g), g.Unit, formatAmount(g.Target))
	return v.done(Measurable)
}

func checkAchievable(g Goal, p Policy) Verdict {
	var v verdict
	if checkExp("target", g.Target) != nil || checkExp("baseline", g.Baseline) != nil ||
		(p.MaxGrowth.Valid && checkExp("max_growth", p.MaxGrowth.Decimal) != nil) ||
		(p.Capacity.Valid && checkExp("capacity", p.Capacity.Decimal) != nil) {
		v.fail("an amount is beyond ±%d in exponent; not judged", MaxExponent)
		return v.done(Achievable)
	}
	if g.Baseline.Sign() > 0 {
		change := g.Target.Sub(g.Baseline).Div(g.Baseline)
		dir, word := change, "above"
		if g.Direction == LowerIsBetter {
			dir, word = change.Neg(), "below"
		}
		if dir.Sign() >= 0 {
			msg := fmt.Sprintf("target %s is %s %s baseline %s", formatAmount(g.Target),
				formatPercent(dir), word, formatAmount(g.Baseline))
			if p.MaxGrowth.Valid && dir.GreaterThan(p.MaxGrowth.Decimal) {
				v.fail("%s; policy allows at most %s", msg, formatPercent(p.MaxGrowth.Decimal))
			} else {
				v.pass("%s", msg)
			}
		} else {
			v.pass("target %s asks for no improvement on baseline %s", formatAmount(g.Target), formatAmount(g.Baseline))
		}
	} else {
		v.pass("no baseline to compare with; growth not judged")
	}
	if p.Capacity.Valid && g.Additive() && g.Direction == HigherIsBetter {
		if g.Target.GreaterThan(p.Capacity.Decimal) {
			v.fail("target %s exceeds capacity %s by %s", formatAmount(g.Target),
				formatAmount(p.Capacity.Decimal), formatAmount(g.Target.Sub(p.Capacity.Decimal)))
		} else {
			v.pass("target %s is within capacity %s", formatAmount(g.Target), formatAmount(p.Capacity.Decimal))
		}
	}
	return v.done(Achievable)
}

// drivers lists, for each metric, the metrics that drive it.
var drivers = map[Metric][]Metric{
	MetricRevenue: {MetricDealCount, MetricNewCustomers, MetricConversionRate, MetricRetentionRate,
		MetricCustomerSatisfaction, MetricMarketShare},
	MetricDealCount:     {MetricConversionRate},
	MetricNewCustomers:  {MetricConversionRate},
	MetricRetentionRate: {MetricCustomerSatisfaction},
	MetricMarketShare:   {MetricRevenue},
}

// sameMetric reports whether g and parent measure the same thing.
func sameMetric(g, parent Goal) bool {
	return g.Metric == parent.Metric && (g.Metric != MetricCustom || g.MetricName == parent.MetricName)
}

func checkRelevant(g Goal, parent *Goal) Verdict {
	var v verdict
	switch {
	case g.Parent == "" && parent == nil:
		v.pass("top goal; it serves no other goal")
	case parent == nil:
		v.fail("serves goal %q, which is not known", g.Parent)
	case g.Parent != parent.ID:
		v.fail("serves goal %q but was checked against goal %q", g.Parent, parent.ID)
	case sameMetric(g, *parent) && g.Unit != parent.Unit:
		v.fail("unit %s differs from parent %s's unit %s", g.Unit, parent.ID, parent.Unit)
	case sameMetric(g, *parent):
		v.pass("serves parent %s with the same metric, %s", parent.ID, metricLabel(g))
	case slices.Contains(drivers[parent.Metric], g.Metric):
		v.pass("%s drives parent %s's %s", metricLabel(g), parent.ID, metricLabel(*parent))
	default:
		v.fail("%s does not serve parent %s's %s", metricLabel(g), parent.ID, metricLabel(*parent))
	}
	return v.done(Relevant)
}

// days returns the number of calendar days in [start, end), counted on
// dates, so a daylight-saving change does not shorten a day.
func days(start, end time.Time) int {
	return dayNumber(end) - dayNumber(start)
}

func checkTimeBound(g Goal, parent *Goal, p Policy) Verdict {
	var v verdict
	switch {
	case g.Start.IsZero() || g.End.IsZero():
		v.fail("goal has no start or no end")
	case !g.End.After(g.Start):
		v.fail("end %s is not after start %s", g.End.Format(time.DateOnly), g.Start.Format(time.DateOnly))
	default:
		n := days(g.Start, g.End)
		switch {
		case p.MinHorizonDays > 0 && n < p.MinHorizonDays:
			v.fail("period of %d days is shorter than the policy's minimum of %d", n, p.MinHorizonDays)
		case p.MaxHorizonDays > 0 && n > p.MaxHorizonDays:
			v.fail("period of %d days is longer than the policy's maximum of %d", n, p.MaxHorizonDays)
		default:
			v.pass("runs %d days, %s to %s", n, g.Start.Format(time.DateOnly), g.End.Format(time.DateOnly))
		}
		if parent != nil && (g.Start.Before(parent.Start) || g.End.After(parent.End)) {
			v.fail("period %s to %s is not inside parent %s's period %s to %s",
				g.Start.Format(time.DateOnly), g.End.Format(time.DateOnly), parent.ID,
				parent.Start.Format(time.DateOnly), parent.End.Format(time.DateOnly))
		}
	}
	return v.done(TimeBound)
}

// SumCheck says whether the children of a goal add up to it.
type SumCheck struct {
	Parent   string   `json:"parent"`
	Children []string `json:"children"` // the children summed: same metric and unit
	// Summed is false for a ratio goal: its children are never summed.
	Summed     bool            `json:"summed"`
	Sum        decimal.Decimal `json:"sum"`
	Target     decimal.Decimal `json:"target"`
	Difference decimal.Decimal `json:"difference"` // Sum − Target; negative is short
	OK         bool            `json:"ok"`
	Reason     string          `json:"reason"`
}

// TreeReport is the SMART check of a goal tree: a Report per goal, in input
// order, and a SumCheck for every goal that has children.
type TreeReport struct {
	Goals []Report   `json:"goals"`
	Sums  []SumCheck `json:"sums"`
}

// OK reports whether every goal passes and every additive goal's children
// add up to it.
func (t TreeReport) OK() bool {
	for _, r := range t.Goals {
		if !r.OK() {
			return false
		}
	}
	for _, s := range t.Sums {
		if !s.OK {
			return false
		}
	}
	return true
}

// CheckTree checks every goal against its parent, as Check does, and checks
// that the children of every additive goal that share its metric and unit
// add up exactly to its target, saying by how much they miss. Ratio goals are
// never summed: their SumCheck has Summed false and says why. Children
// measured by a driver metric (deal count under revenue) are not summed.
//
// CheckTree returns an error wrapping ErrTree for an empty or duplicate goal
// ID or a cycle of parents. A parent ID that names no goal is not an error:
// that goal fails Relevant.
func CheckTree(goals []Goal, p *Policy) (TreeReport, error) {
	byID := make(map[string]int, len(goals))
	for i, g := range goals {
		if g.ID == "" {
			return TreeReport{}, fieldErr(fmt.Sprintf("goals[%d].id", i), "", ErrTree)
		}
		if _, dup := byID[g.ID]; dup {
			return TreeReport{}, fieldErr(fmt.Sprintf("goals[%d].id", i), g.ID, ErrTree)
		}
		byID[g.ID] = i
	}
	for i, g := range goals {
		seen := 0
		for cur := g; cur.Parent != ""; {
			j, ok := byID[cur.Parent]
			if !ok {
				break
			}
			if seen++; seen > len(goals) || j == i {
				return TreeReport{}, fieldErr(fmt.Sprintf("goals[%d].parent", i), g.Parent, fmt.Errorf("%w: cycle of parents", ErrTree))
			}
			cur = goals[j]
		}
	}
	var rep TreeReport
	children := make(map[string][]int)
	for i, g := range goals {
		var parent *Goal
		if j, ok := byID[g.Parent]; ok {
			parent = &goals[j]
			children[g.Parent] = append(children[g.Parent], i)
		}
		rep.Goals = append(rep.Goals, Check(g, parent, p))
	}
	parents := make([]string, 0, len(children))
	for id := range children {
		parents = append(parents, id)
	}
	slices.SortFunc(parents, func(a, b string) int { return cmp.Compare(byID[a], byID[b]) })
	for _, id := range parents {
		rep.Sums = append(rep.Sums, sumCheck(goals[byID[id]], goals, children[id]))
	}
	return rep, nil
}

func sumCheck(parent Goal, goals []Goal, kids []int) SumCheck {
	s := SumCheck{Parent: parent.ID, Target: parent.Target}
	if !parent.Additive() {
		s.OK = true
		s.Reason = fmt.Sprintf("%s is a ratio; its children are not summed", metricLabel(parent))
		return s
	}
	s.Summed = true
	for _, k := range kids {
		c := goals[k]
		if sameMetric(c, parent) && c.Unit == parent.Unit {
			s.Children = append(s.Children, c.ID)
			s.Sum = s.Sum.Add(c.Target)
		}
	}
	s.Difference = s.Sum.Sub(parent.Target)
	switch {
	case len(s.Children) == 0:
		s.OK = true
		s.Reason = fmt.Sprintf("no child of %s shares its metric and unit; nothing to sum", parent.ID)
	case s.Difference.IsZero():
		s.OK = true
		s.Reason = fmt.Sprintf("%d children add up to %s exactly", len(s.Children), formatAmount(parent.Target))
	case s.Difference.Sign() < 0:
		s.Reason = fmt.Sprintf("children add up to %s, %s short of %s", formatAmount(s.Sum),
			formatAmount(s.Difference.Neg()), formatAmount(parent.Target))
	default:
		s.Reason = fmt.Sprintf("children add up to %s, %s over %s", formatAmount(s.Sum),
			formatAmount(s.Difference), formatAmount(parent.Target))
	}
	return s
}
