package target

import (
	"slices"
	"strings"

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

var criterionNames = enumNames{"specific", "measurable", "achievable", "relevant", "time_bound"}

// criterionLabels are the criteria's names for people, in English and in
// simplified Chinese (SMART原则: 具体、可衡量、可实现、相关、有时限).
var criterionLabels = [...][2]string{
	{"Specific", "具体"}, {"Measurable", "可衡量"}, {"Achievable", "可实现"}, {"Relevant", "相关"}, {"Time-bound", "有时限"},
}

// String returns the wire name: "specific" … "time_bound", or
// "Criterion(n)" for another value.
func (c Criterion) String() string { return criterionNames.str("Criterion", int(c)) }

// Label returns the criterion's name for people in lang, chosen as
// Labels.Get chooses between English and simplified Chinese ("zh-CN"):
// "Achievable", "可实现". A value without a name gives String().
func (c Criterion) Label(lang string) string {
	if !criterionNames.valid(int(c)) {
		return c.String()
	}
	l := criterionLabels[c]
	return Labels{"en": l[0], "zh-CN": l[1]}.Get(lang)
}

// MarshalText encodes c as its name; another value is a *FieldError
// wrapping ErrUnknownName.
func (c Criterion) MarshalText() ([]byte, error) {
	return criterionNames.text("criterion", "Criterion", int(c))
}

// UnmarshalText decodes a criterion name; any other text is a *FieldError
// wrapping ErrUnknownName.
func (c *Criterion) UnmarshalText(b []byte) error {
	v, err := criterionNames.parse("criterion", b)
	if err == nil {
		*c = Criterion(v)
	}
	return err
}

// Verdict is the judgement on one SMART criterion: whether the goal meets it,
// and why. When it fails, Reasons lists every failure; when it passes, the
// facts it rests on.
type Verdict struct {
	Criterion Criterion `json:"criterion"`
	OK        bool      `json:"ok"`
	Reasons   []Reason  `json:"reasons"`
}

// Assessment is the SMART judgement of one goal: one verdict per
// criterion, in SMART order.
type Assessment struct {
	Goal     string    `json:"goal"`
	Verdicts []Verdict `json:"verdicts"`
}

// OK reports whether the goal meets every criterion.
func (a Assessment) OK() bool {
	for _, v := range a.Verdicts {
		if !v.OK {
			return false
		}
	}
	return true
}

// Verdict returns the verdict on criterion c.
func (a Assessment) Verdict(c Criterion) Verdict {
	for _, v := range a.Verdicts {
		if v.Criterion == c {
			return v
		}
	}
	return Verdict{Criterion: c}
}

// Failures returns the failing verdicts' reasons as sentences in lang, each
// after its criterion's label: "Achievable: target 18,000,000 is 80% above
// …", "可实现：目标 18,000,000 比基数 …". Failures are in SMART order, and in
// the order each check finds them.
func (a Assessment) Failures(lang string) []string {
	sep := Labels{"en": ": ", "zh-CN": "："}.Get(lang)
	var out []string
	for _, v := range a.Verdicts {
		if !v.OK {
			for _, r := range v.Reasons {
				out = append(out, v.Criterion.Label(lang)+sep+r.Text(lang))
			}
		}
	}
	return out
}

// verdict collects reasons; any failure makes it fail.
type verdict struct {
	fails, passes []Reason
}

func (v *verdict) fail(r Reason) { v.fails = append(v.fails, r) }
func (v *verdict) pass(r Reason) { v.passes = append(v.passes, r) }
func (v *verdict) done(c Criterion) Verdict {
	if len(v.fails) > 0 {
		return Verdict{Criterion: c, OK: false, Reasons: v.fails}
	}
	return Verdict{Criterion: c, OK: true, Reasons: v.passes}
}

// Check judges g against the SMART criteria under policy p (nil means
// DefaultPolicy(); fields left zero take their defaults, and p is used as
// given otherwise: see Policy.Validate). parent is the goal g serves, or nil for a top goal; a
// goal that names a parent but is checked without one fails Relevant.
//
//   - Specific: g has an ID, a name, an owner and a metric (a custom metric
//     is named).
//   - Measurable: the metric's aggregation is known, the unit is given, the
//     target is not negative, counts are whole, and ratio targets lie in [0, 1].
//   - Achievable: the improvement over a positive baseline is at most
//     p.MaxGrowth, compared exactly (target − baseline ≤ MaxGrowth ×
//     baseline), and an additive higher-is-better target is at most
//     p.Capacity.
//   - Relevant: g's metric is the parent's (same unit) or one that drives
//     it: deal count, new customers, conversion, retention, satisfaction and
//     market share drive revenue; conversion drives deal count and new
//     customers; satisfaction drives retention; revenue drives market share.
//   - Time-bound: the period is set, its dates exist, it is not inverted,
//     its length in calendar dates lies within the policy's horizon, and it
//     lies inside the parent's period.
//
// Check never fails on bad data: it reports it, every problem as a
// [Reason] of the failing verdict.
func Check(g Goal, parent *Goal, p *Policy) Assessment {
	pol := resolvePolicy(p)
	return Assessment{Goal: g.ID, Verdicts: []Verdict{
		checkSpecific(g),
		checkMeasurable(g),
		checkAchievable(g, pol),
		checkRelevant(g, parent),
		checkTimeBound(g, parent, pol),
	}}
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
		v.fail(newReason(CodeUnidentified))
	}
	if strings.TrimSpace(g.Name) == "" {
		v.fail(newReason(CodeNoName))
	}
	if strings.TrimSpace(g.Owner) == "" {
		v.fail(newReason(CodeNoOwner))
	}
	switch {
	case !g.Metric.IsValid():
		v.fail(newReason(CodeNoMetric))
	case g.Metric == MetricCustom && strings.TrimSpace(g.MetricName) == "":
		v.fail(newReason(CodeCustomMetricUnnamed))
	}
	v.pass(newReason(CodeOwnerAnswerable).withText("owner", g.Owner).withText("metric", metricLabel(g)).
		withText("unit", g.Unit).withAmount("target", g.Target))
	return v.done(Specific)
}

func checkMeasurable(g Goal) Verdict {
	var v verdict
	agg := g.Aggregate()
	if g.Metric.IsValid() && agg != Additive && agg != Ratio {
		v.fail(newReason(CodeAggregationUnknown).withText("metric", metricLabel(g)))
	}
	if strings.TrimSpace(g.Unit) == "" {
		v.fail(newReason(CodeNoUnit))
	}
	if checkExp("target", g.Target) != nil || checkExp("baseline", g.Baseline) != nil {
		v.fail(newReason(CodeExponentOutOfRange).withNumber("limit", MaxExponent))
		return v.done(Measurable) // the amounts cannot be shown
	}
	if g.Target.Sign() < 0 {
		v.fail(newReason(CodeTargetNegative).withAmount("target", g.Target))
	}
	if g.Baseline.Sign() < 0 {
		v.fail(newReason(CodeBaselineNegative).withAmount("baseline", g.Baseline))
	}
	if (g.Metric == MetricDealCount || g.Metric == MetricNewCustomers) && !g.Target.IsInteger() {
		v.fail(newReason(CodeCountNotWhole).withAmount("target", g.Target).withText("metric", g.Metric.String()))
	}
	if agg == Ratio && g.Metric != MetricCustom && g.Target.GreaterThan(decimal.NewFromInt(1)) {
		v.fail(newReason(CodeRatioAboveOne).withAmount("target", g.Target).withText("metric", g.Metric.String()))
	}
	v.pass(newReason(CodeMeasured).withText("metric", metricLabel(g)).withText("unit", g.Unit).withAmount("target", g.Target))
	return v.done(Measurable)
}

func checkAchievable(g Goal, p Policy) Verdict {
	var v verdict
	if checkExp("target", g.Target) != nil || checkExp("baseline", g.Baseline) != nil ||
		checkExp("max_growth", p.MaxGrowth.Decimal) != nil ||
		(p.Capacity.Valid && checkExp("capacity", p.Capacity.Decimal) != nil) {
		v.fail(newReason(CodeExponentOutOfRange).withNumber("limit", MaxExponent))
		return v.done(Achievable)
	}
	if g.Baseline.Sign() > 0 {
		// The improvement asked for, target − baseline (baseline − target
		// for lower-is-better), compared exactly with limit × baseline: no
		// division, so 0.50000000000000001 is above a limit of 0.5.
		gain, over, within := g.Target.Sub(g.Baseline), CodeGrowthAboveLimit, CodeGrowthWithinLimit
		allowed := g.Baseline.Add(g.Baseline.Mul(p.MaxGrowth.Decimal))
		if g.Direction == LowerIsBetter {
			gain, over, within = gain.Neg(), CodeReductionAboveLimit, CodeReductionWithinLimit
			allowed = g.Baseline.Sub(g.Baseline.Mul(p.MaxGrowth.Decimal))
		}
		if gain.Sign() >= 0 {
			r := newReason(within).withAmount("target", g.Target).withAmount("baseline", g.Baseline).
				withAmount("growth", gain.DivRound(g.Baseline, 6)).withAmount("limit", p.MaxGrowth.Decimal)
			if gain.GreaterThan(g.Baseline.Mul(p.MaxGrowth.Decimal)) {
				r.Code = over
				v.fail(r.withAmount("allowed", allowed))
			} else {
				v.pass(r)
			}
		} else {
			v.pass(newReason(CodeNoImprovement).withAmount("target", g.Target).withAmount("baseline", g.Baseline))
		}
	} else {
		v.pass(newReason(CodeNoBaseline))
	}
	if p.Capacity.Valid && g.Additive() && g.Direction == HigherIsBetter {
		c := p.Capacity.Decimal
		if g.Target.GreaterThan(c) {
			v.fail(newReason(CodeAboveCapacity).withAmount("target", g.Target).withAmount("capacity", c).
				withAmount("excess", g.Target.Sub(c)))
		} else {
			v.pass(newReason(CodeWithinCapacity).withAmount("target", g.Target).withAmount("capacity", c))
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
		v.pass(newReason(CodeTopGoal))
	case parent == nil:
		v.fail(newReason(CodeParentUnknown).withText("parent", g.Parent))
	case g.Parent != parent.ID:
		v.fail(newReason(CodeParentMismatch).withText("parent", g.Parent).withText("checked", parent.ID))
	case sameMetric(g, *parent) && g.Unit != parent.Unit:
		v.fail(newReason(CodeUnitDiffers).withText("unit", g.Unit).withText("parent", parent.ID).withText("parent_unit", parent.Unit))
	case sameMetric(g, *parent):
		v.pass(newReason(CodeSameMetric).withText("parent", parent.ID).withText("metric", metricLabel(g)))
	case slices.Contains(drivers[parent.Metric], g.Metric):
		v.pass(newReason(CodeDrivesParent).withText("metric", metricLabel(g)).withText("parent", parent.ID).
			withText("parent_metric", metricLabel(*parent)))
	default:
		v.fail(newReason(CodeDoesNotServe).withText("metric", metricLabel(g)).withText("parent", parent.ID).
			withText("parent_metric", metricLabel(*parent)))
	}
	return v.done(Relevant)
}

func checkTimeBound(g Goal, parent *Goal, p Policy) Verdict {
	var v verdict
	switch {
	case g.Start.IsZero() || g.End.IsZero():
		v.fail(newReason(CodeNoPeriod))
	case !g.Start.IsValid() || !g.End.IsValid():
		v.fail(newReason(CodeDateInvalid).withText("start", g.Start.String()).withText("end", g.End.String()))
	case !g.End.After(g.Start):
		v.fail(newReason(CodePeriodInverted).withText("start", g.Start.String()).withText("end", g.End.String()))
	default:
		n := g.End.Sub(g.Start)
		switch {
		case p.MinHorizonDays > 0 && n < p.MinHorizonDays:
			v.fail(newReason(CodeHorizonTooShort).withNumber("days", float64(n)).withNumber("min", float64(p.MinHorizonDays)))
		case p.MaxHorizonDays > 0 && n > p.MaxHorizonDays:
			v.fail(newReason(CodeHorizonTooLong).withNumber("days", float64(n)).withNumber("max", float64(p.MaxHorizonDays)))
		default:
			v.pass(newReason(CodeRuns).withNumber("days", float64(n)).withText("start", g.Start.String()).withText("end", g.End.String()))
		}
		if parent != nil && (g.Start.Before(parent.Start) || g.End.After(parent.End)) {
			v.fail(newReason(CodeOutsideParentPeriod).withText("start", g.Start.String()).withText("end", g.End.String()).
				withText("parent", parent.ID).withText("parent_start", parent.Start.String()).withText("parent_end", parent.End.String()))
		}
	}
	return v.done(TimeBound)
}
