package target

import (
	"maps"
	"math"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// Reason codes. Each is stable: a UI may key its own translations on it and
// on the values the reason cites. Amounts are exact decimals, Numbers are
// float64 statistics and counts, Texts are names, keys and dates
// ("2006-01-02").
const (
	// CodeUnidentified: the goal has no ID. Cites nothing.
	CodeUnidentified = "unidentified"
	// CodeNoName: the goal has no name. Cites nothing.
	CodeNoName = "no_name"
	// CodeNoOwner: nobody is answerable for the goal. Cites nothing.
	CodeNoOwner = "no_owner"
	// CodeNoMetric: the goal names no metric. Cites nothing.
	CodeNoMetric = "no_metric"
	// CodeCustomMetricUnnamed: a custom metric without a name. Cites nothing.
	CodeCustomMetricUnnamed = "custom_metric_unnamed"
	// CodeOwnerAnswerable: the goal is specific. Cites texts owner, metric
	// and unit, amount target.
	CodeOwnerAnswerable = "owner_answerable"

	// CodeAggregationUnknown: a custom metric that is neither additive nor a
	// ratio. Cites text metric.
	CodeAggregationUnknown = "aggregation_unknown"
	// CodeNoUnit: the goal has no unit. Cites nothing.
	CodeNoUnit = "no_unit"
	// CodeExponentOutOfRange: an amount's exponent is beyond ±MaxExponent,
	// so it is not judged. Cites number limit.
	CodeExponentOutOfRange = "exponent_out_of_range"
	// CodeTargetNegative: the target is below zero. Cites amount target.
	CodeTargetNegative = "target_negative"
	// CodeBaselineNegative: the baseline is below zero. Cites amount
	// baseline.
	CodeBaselineNegative = "baseline_negative"
	// CodeCountNotWhole: a count target with a fraction. Cites amount
	// target, text metric.
	CodeCountNotWhole = "count_not_whole"
	// CodeRatioAboveOne: a ratio target above 1. Cites amount target, text
	// metric.
	CodeRatioAboveOne = "ratio_above_one"
	// CodeMeasured: the goal is measurable. Cites texts metric and unit,
	// amount target.
	CodeMeasured = "measured"

	// CodeGrowthAboveLimit: the target asks for more growth over the
	// baseline than the policy allows. Cites amounts target, baseline,
	// growth (a fraction, rounded to 6 places), limit (a fraction) and
	// allowed (the largest target the limit allows).
	CodeGrowthAboveLimit = "growth_above_limit"
	// CodeReductionAboveLimit: for a lower-is-better metric, the target asks
	// for a larger cut below the baseline than the policy allows. Cites
	// amounts target, baseline, growth (the cut, a fraction rounded to 6
	// places), limit and allowed (the smallest target the limit allows).
	CodeReductionAboveLimit = "reduction_above_limit"
	// CodeGrowthWithinLimit: growth over the baseline within the policy's
	// limit. Cites amounts target, baseline, growth and limit.
	CodeGrowthWithinLimit = "growth_within_limit"
	// CodeReductionWithinLimit: a cut below the baseline within the
	// policy's limit. Cites amounts target, baseline, growth and limit.
	CodeReductionWithinLimit = "reduction_within_limit"
	// CodeNoImprovement: the target asks for no improvement on the
	// baseline. Cites amounts target and baseline.
	CodeNoImprovement = "no_improvement"
	// CodeNoBaseline: there is no positive baseline, so growth is not
	// judged. Cites nothing.
	CodeNoBaseline = "no_baseline"
	// CodeAboveCapacity: the target exceeds the policy's capacity. Cites
	// amounts target, capacity and excess.
	CodeAboveCapacity = "above_capacity"
	// CodeWithinCapacity: the target is within capacity. Cites amounts
	// target and capacity.
	CodeWithinCapacity = "within_capacity"

	// CodeTopGoal: a goal with no parent. Cites nothing.
	CodeTopGoal = "top_goal"
	// CodeParentUnknown: the goal's parent was not given. Cites text parent.
	CodeParentUnknown = "parent_unknown"
	// CodeParentMismatch: the goal was checked against a goal other than
	// its parent. Cites texts parent and checked.
	CodeParentMismatch = "parent_mismatch"
	// CodeUnitDiffers: same metric as the parent in another unit. Cites
	// texts unit, parent and parent_unit.
	CodeUnitDiffers = "unit_differs"
	// CodeSameMetric: the goal serves its parent with the same metric.
	// Cites texts parent and metric.
	CodeSameMetric = "same_metric"
	// CodeDrivesParent: the goal's metric drives the parent's. Cites texts
	// metric, parent and parent_metric.
	CodeDrivesParent = "drives_parent"
	// CodeDoesNotServe: the goal's metric does not serve the parent's.
	// Cites texts metric, parent and parent_metric.
	CodeDoesNotServe = "does_not_serve"

	// CodeNoPeriod: the goal has no start or no end. Cites nothing.
	CodeNoPeriod = "no_period"
	// CodeDateInvalid: the start or the end is not a date that exists.
	// Cites texts start and end.
	CodeDateInvalid = "date_invalid"
	// CodePeriodInverted: the end is not after the start. Cites texts start
	// and end.
	CodePeriodInverted = "period_inverted"
	// CodeHorizonTooShort: the period is shorter than the policy allows.
	// Cites numbers days and min.
	CodeHorizonTooShort = "horizon_too_short"
	// CodeHorizonTooLong: the period is longer than the policy allows.
	// Cites numbers days and max.
	CodeHorizonTooLong = "horizon_too_long"
	// CodeRuns: the goal is time-bound. Cites number days, texts start and
	// end (the period is [start, end)).
	CodeRuns = "runs"
	// CodeOutsideParentPeriod: the period is not inside the parent's. Cites
	// texts start, end, parent, parent_start and parent_end.
	CodeOutsideParentPeriod = "outside_parent_period"

	// CodeRatioNotSummed: a ratio goal's children are not summed. Cites
	// text metric.
	CodeRatioNotSummed = "ratio_not_summed"
	// CodeNothingToSum: no child shares the goal's metric and unit. Cites
	// text parent.
	CodeNothingToSum = "nothing_to_sum"
	// CodeChildrenAddUp: the children add up to the target exactly. Cites
	// number children, amount target.
	CodeChildrenAddUp = "children_add_up"
	// CodeChildrenShort: the children add up to less than the target. Cites
	// amounts sum, short and target.
	CodeChildrenShort = "children_short"
	// CodeChildrenOver: the children add up to more than the target. Cites
	// amounts sum, over and target.
	CodeChildrenOver = "children_over"

	// CodeNotStarted: no day of the plan has passed. Cites texts as_of and
	// start.
	CodeNotStarted = "not_started"
	// CodePaceAhead, CodePaceOnTrack, CodePaceAtRisk and CodePaceBehind:
	// the status follows from the pace. Each cites amounts actual and
	// expected, numbers pace and threshold (the policy's threshold that
	// decided), text as_of.
	CodePaceAhead   = "pace_ahead"
	CodePaceOnTrack = "pace_on_track"
	CodePaceAtRisk  = "pace_at_risk"
	CodePaceBehind  = "pace_behind"
	// CodeNothingUsed: a lower-is-better metric with nothing used against a
	// positive expectation; the pace is unbounded, the status ahead. Cites
	// amounts actual and expected, text as_of.
	CodeNothingUsed = "nothing_used"
	// CodeZeroPlanAhead, CodeZeroPlanOnTrack and CodeZeroPlanBehind: nothing
	// was expected by asOf (a zero target or zero periods so far), so the
	// pace is undefined and the status follows from which side of zero the
	// actual lies on. Each cites amount actual, text as_of.
	CodeZeroPlanAhead   = "zero_plan_ahead"
	CodeZeroPlanOnTrack = "zero_plan_on_track"
	CodeZeroPlanBehind  = "zero_plan_behind"

	// CodeAlabamaParadox: an open period got less in a re-plan although
	// what remained to spread grew. Cites amounts old_total, new_total, old
	// and new, text period.
	CodeAlabamaParadox = "alabama_paradox"
)

// reasonTexts holds each code's sentence in English and in simplified
// Chinese. {name} cites a value by name; {name:%} shows a fraction as a
// percentage.
var reasonTexts = map[string][2]string{
	CodeUnidentified:        {"goal has no id", "目标没有编号"},
	CodeNoName:              {"goal has no name", "目标没有名称"},
	CodeNoOwner:             {"goal is not assigned to an owner", "目标没有指定负责人"},
	CodeNoMetric:            {"goal names no metric", "目标没有指定考核指标"},
	CodeCustomMetricUnnamed: {"custom metric has no name", "自定义指标没有名称"},
	CodeOwnerAnswerable: {"{owner} is answerable for {metric} of {target} {unit}",
		"{owner} 负责 {metric} 目标 {target} {unit}"},

	CodeAggregationUnknown: {"custom metric {metric} does not say whether it is additive or a ratio",
		"自定义指标 {metric} 未说明是可加总指标还是比率指标"},
	CodeNoUnit:             {"goal has no unit", "目标没有计量单位"},
	CodeExponentOutOfRange: {"an amount has an exponent beyond ±{limit}; not judged", "有金额的指数超出 ±{limit}，不予判断"},
	CodeTargetNegative:     {"target {target} is negative", "目标值 {target} 为负数"},
	CodeBaselineNegative:   {"baseline {baseline} is negative", "基数 {baseline} 为负数"},
	CodeCountNotWhole:      {"target {target} is not a whole number of {metric}", "目标值 {target} 不是 {metric} 的整数"},
	CodeRatioAboveOne: {"target {target} of {metric} is above 1; ratios are fractions (0.25 is 25%)",
		"{metric} 的目标值 {target} 大于 1；比率以小数表示（0.25 即 25%）"},
	CodeMeasured: {"{metric} is measured in {unit}, target {target}", "{metric} 以 {unit} 计量，目标值 {target}"},

	CodeGrowthAboveLimit: {
		"target {target} is {growth:%} above baseline {baseline}; policy allows at most {limit:%} ({allowed})",
		"目标 {target} 比基数 {baseline} 高 {growth:%}，政策上限为 {limit:%}（{allowed}）",
	},
	CodeReductionAboveLimit: {
		"target {target} is {growth:%} below baseline {baseline}; policy allows at most {limit:%} ({allowed})",
		"目标 {target} 比基数 {baseline} 低 {growth:%}，政策上限为 {limit:%}（{allowed}）",
	},
	CodeGrowthWithinLimit: {"target {target} is {growth:%} above baseline {baseline}, within the policy's {limit:%}",
		"目标 {target} 比基数 {baseline} 高 {growth:%}，在政策上限 {limit:%} 以内"},
	CodeReductionWithinLimit: {"target {target} is {growth:%} below baseline {baseline}, within the policy's {limit:%}",
		"目标 {target} 比基数 {baseline} 低 {growth:%}，在政策上限 {limit:%} 以内"},
	CodeNoImprovement: {"target {target} asks for no improvement on baseline {baseline}",
		"目标 {target} 相对基数 {baseline} 不要求提升"},
	CodeNoBaseline:     {"no baseline to compare with; growth not judged", "没有可比的基数，不判断增长幅度"},
	CodeAboveCapacity:  {"target {target} exceeds capacity {capacity} by {excess}", "目标 {target} 超出产能 {capacity}，超出 {excess}"},
	CodeWithinCapacity: {"target {target} is within capacity {capacity}", "目标 {target} 在产能 {capacity} 以内"},

	CodeTopGoal:         {"top goal; it serves no other goal", "顶层目标，不服务于其他目标"},
	CodeParentUnknown:   {"serves goal {parent}, which is not known", "所服务的目标 {parent} 不存在"},
	CodeParentMismatch:  {"serves goal {parent} but was checked against goal {checked}", "服务于目标 {parent}，却按目标 {checked} 检查"},
	CodeUnitDiffers:     {"unit {unit} differs from parent {parent}'s unit {parent_unit}", "单位 {unit} 与上级目标 {parent} 的单位 {parent_unit} 不同"},
	CodeSameMetric:      {"serves parent {parent} with the same metric, {metric}", "以相同指标 {metric} 服务上级目标 {parent}"},
	CodeDrivesParent:    {"{metric} drives parent {parent}'s {parent_metric}", "{metric} 驱动上级目标 {parent} 的 {parent_metric}"},
	CodeDoesNotServe:    {"{metric} does not serve parent {parent}'s {parent_metric}", "{metric} 不服务于上级目标 {parent} 的 {parent_metric}"},
	CodeNoPeriod:        {"goal has no start or no end", "目标没有开始日期或结束日期"},
	CodeDateInvalid:     {"start {start} or end {end} is not a date", "开始日期 {start} 或结束日期 {end} 不是有效日期"},
	CodePeriodInverted:  {"end {end} is not after start {start}", "结束日期 {end} 不晚于开始日期 {start}"},
	CodeHorizonTooShort: {"period of {days} days is shorter than the policy's minimum of {min}", "周期 {days} 天，短于政策下限 {min} 天"},
	CodeHorizonTooLong:  {"period of {days} days is longer than the policy's maximum of {max}", "周期 {days} 天，长于政策上限 {max} 天"},
	CodeRuns:            {"runs {days} days, {start} to {end}", "周期 {days} 天，{start} 至 {end}"},
	CodeOutsideParentPeriod: {"period {start} to {end} is not inside parent {parent}'s period {parent_start} to {parent_end}",
		"周期 {start} 至 {end} 不在上级目标 {parent} 的周期 {parent_start} 至 {parent_end} 之内"},

	CodeRatioNotSummed: {"{metric} is a ratio; its children are not summed", "{metric} 是比率指标，下级目标不加总"},
	CodeNothingToSum:   {"no child of {parent} shares its metric and unit; nothing to sum", "{parent} 没有指标和单位相同的下级目标，无需加总"},
	CodeChildrenAddUp:  {"{children} children add up to {target} exactly", "{children} 个下级目标合计正好等于 {target}"},
	CodeChildrenShort:  {"children add up to {sum}, {short} short of {target}", "下级目标合计 {sum}，比 {target} 少 {short}"},
	CodeChildrenOver:   {"children add up to {sum}, {over} over {target}", "下级目标合计 {sum}，比 {target} 多 {over}"},

	CodeNotStarted: {"the plan starts {start}; nothing is expected as of {as_of}", "计划从 {start} 开始，截至 {as_of} 尚无计划进度"},
	CodePaceAhead: {"actual {actual} against {expected} expected by {as_of} in the plan's shape: pace {pace}, ahead (from {threshold})",
		"截至 {as_of}，实际 {actual}，按计划应完成 {expected}：进度比 {pace}，领先（{threshold} 起）"},
	CodePaceOnTrack: {"actual {actual} against {expected} expected by {as_of} in the plan's shape: pace {pace}, on track (from {threshold})",
		"截至 {as_of}，实际 {actual}，按计划应完成 {expected}：进度比 {pace}，符合进度（{threshold} 起）"},
	CodePaceAtRisk: {"actual {actual} against {expected} expected by {as_of} in the plan's shape: pace {pace}, at risk (from {threshold})",
		"截至 {as_of}，实际 {actual}，按计划应完成 {expected}：进度比 {pace}，有风险（{threshold} 起）"},
	CodePaceBehind: {"actual {actual} against {expected} expected by {as_of} in the plan's shape: pace {pace}, behind (below {threshold})",
		"截至 {as_of}，实际 {actual}，按计划应完成 {expected}：进度比 {pace}，落后（低于 {threshold}）"},
	CodeNothingUsed: {"actual {actual} against {expected} expected by {as_of} in the plan's shape: nothing used, ahead",
		"截至 {as_of}，实际 {actual}，按计划可用 {expected}：尚未使用，领先"},
	CodeZeroPlanAhead:   {"actual {actual} against nothing expected by {as_of}: ahead", "截至 {as_of} 计划为零，实际 {actual}：领先"},
	CodeZeroPlanOnTrack: {"actual {actual} against nothing expected by {as_of}: on track", "截至 {as_of} 计划为零，实际 {actual}：符合进度"},
	CodeZeroPlanBehind:  {"actual {actual} against nothing expected by {as_of}: behind", "截至 {as_of} 计划为零，实际 {actual}：落后"},

	CodeAlabamaParadox: {
		"the open periods' total grew from {old_total} to {new_total}, yet {period} fell from {old} to {new}: " +
			"largest-remainder rounding moved a unit of the last place to another period (the Alabama paradox)",
		"未结束周期的总额从 {old_total} 增至 {new_total}，{period} 却从 {old} 降至 {new}：" +
			"最大余数法的舍入把末位的一个单位移到了其他周期（阿拉巴马悖论）",
	},
}

// Reason explains a result: a stable snake_case Code, the values the
// explanation cites, and the sentence itself in English (String) or another
// language (Text). Exact quantities (money, counts held as decimals,
// fractions of money) are in Amounts; statistics (rates, paces,
// probabilities, counts) in Numbers, always finite; names, keys and dates in
// Texts. The zero Reason has no code and says nothing.
type Reason struct {
	Code    string                     `json:"code"`
	Amounts map[string]decimal.Decimal `json:"amounts,omitempty"`
	Numbers map[string]float64         `json:"numbers,omitempty"`
	Texts   map[string]string          `json:"texts,omitempty"`
}

// String returns the English sentence, as Text("en") does.
func (r Reason) String() string { return r.Text("en") }

// Text returns the sentence in lang, chosen as Labels.Get chooses: English
// and simplified Chinese ("zh-CN") are available, and any other language
// gets English. A code the package does not know is returned as it is; a
// value the sentence cites but r lacks shows as "?".
func (r Reason) Text(lang string) string {
	t, ok := reasonTexts[r.Code]
	if !ok {
		return r.Code
	}
	tmpl := Labels{"en": t[0], "zh-CN": t[1]}.Get(lang)
	var b strings.Builder
	for {
		i := strings.IndexByte(tmpl, '{')
		if i < 0 {
			b.WriteString(tmpl)
			return b.String()
		}
		j := strings.IndexByte(tmpl[i:], '}')
		if j < 0 {
			b.WriteString(tmpl)
			return b.String()
		}
		b.WriteString(tmpl[:i])
		name, format, _ := strings.Cut(tmpl[i+1:i+j], ":")
		b.WriteString(r.cite(name, format == "%"))
		tmpl = tmpl[i+j+1:]
	}
}

// cite formats the value named name: amounts exactly with thousands
// separators, numbers to at most two decimals, either as a percentage when
// percent is set.
func (r Reason) cite(name string, percent bool) string {
	if d, ok := r.Amounts[name]; ok {
		if percent {
			return formatAmount(d.Shift(2).Round(2)) + "%"
		}
		return formatAmount(d)
	}
	if f, ok := r.Numbers[name]; ok {
		if percent {
			f *= 100
		}
		s := formatNumber(f)
		if percent {
			s += "%"
		}
		return s
	}
	if s, ok := r.Texts[name]; ok {
		return s
	}
	return "?"
}

// Equal reports whether r and s have the same code and values, comparing
// amounts by value.
func (r Reason) Equal(s Reason) bool {
	return r.Code == s.Code && maps.Equal(r.Numbers, s.Numbers) && maps.Equal(r.Texts, s.Texts) &&
		maps.EqualFunc(r.Amounts, s.Amounts, decimal.Decimal.Equal)
}

// formatAmount writes d exactly, with thousands separators: 18000000 →
// "18,000,000", -1234.5 → "-1,234.5".
func formatAmount(d decimal.Decimal) string { return formatDigits(d.String()) }

// formatDigits adds thousands separators to a decimal's digits.
func formatDigits(s string) string {
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	whole, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	b.WriteString(sign)
	for i := 0; i < len(whole); i++ {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteByte(whole[i])
	}
	if hasFrac {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	return b.String()
}

// newReason starts a reason with code; the with methods add the values it
// cites.
func newReason(code string) Reason { return Reason{Code: code} }

func (r Reason) withAmount(name string, d decimal.Decimal) Reason {
	if r.Amounts == nil {
		r.Amounts = make(map[string]decimal.Decimal, 4)
	}
	r.Amounts[name] = d
	return r
}

func (r Reason) withNumber(name string, f float64) Reason {
	if r.Numbers == nil {
		r.Numbers = make(map[string]float64, 2)
	}
	r.Numbers[name] = f
	return r
}

func (r Reason) withText(name, s string) Reason {
	if r.Texts == nil {
		r.Texts = make(map[string]string, 4)
	}
	r.Texts[name] = s
	return r
}

// formatNumber writes f to at most two decimal places, with thousands
// separators: 20000 → "20,000", 7672288.244 → "7,672,288.24".
func formatNumber(f float64) string {
	return formatDigits(strconv.FormatFloat(math.Round(f*100)/100, 'f', -1, 64))
}
