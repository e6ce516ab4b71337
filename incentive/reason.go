package incentive

import (
	"maps"
	"math"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// Reason codes. Each is stable: a UI may key its own translations on it.
const (
	// CodeRate: a credit paid at a flat rate (or a custom rule's rate line).
	// Cites amounts basis, rate and amount; text component.
	CodeRate = "rate"
	// CodeAmount: a custom rule's line without a rate. Cites amount; text
	// component.
	CodeAmount = "amount"
	// CodeOverride: a manager's override on a team member's credit. Cites
	// amounts basis, rate and amount; texts key (the team member) and deal.
	CodeOverride = "override"
	// CodeTier: the slice of a credit in one tier of an amount-keyed rate
	// table. Cites number tier; amounts from, to, basis, rate and amount.
	CodeTier = "tier"
	// CodeTierOpen: as CodeTier, in the open top tier (no to).
	CodeTierOpen = "tier_open"
	// CodeTierQuota: as CodeTier, for a table keyed on attainment: from and to
	// are fractions of quota.
	CodeTierQuota = "tier_quota"
	// CodeTierQuotaOpen: as CodeTierQuota, in the open top tier.
	CodeTierQuotaOpen = "tier_quota_open"
	// CodeTierRetro: as CodeTier, a slice re-rated at the rate of the
	// retroactive tier the period reached.
	CodeTierRetro = "tier_retro"
	// CodeTierRetroOpen: as CodeTierRetro, the open top tier.
	CodeTierRetroOpen = "tier_retro_open"
	// CodeTierQuotaRetro: as CodeTierRetro, keyed on attainment.
	CodeTierQuotaRetro = "tier_quota_retro"
	// CodeTierQuotaRetroOpen: as CodeTierQuotaRetro, the open top tier.
	CodeTierQuotaRetroOpen = "tier_quota_retro_open"
	// CodeUnitBonus: a per-unit bonus. Cites amounts basis (the units), rate
	// (the bonus per unit) and amount; text component.
	CodeUnitBonus = "unit_bonus"
	// CodeDealBonus: a per-deal bonus. Cites amounts rate (the bonus per
	// deal), basis (the rep's share) and amount; text component.
	CodeDealBonus = "deal_bonus"
	// CodeMilestone: a milestone reached. Cites amounts from (the milestone, a
	// fraction of quota), value (the attainment) and amount.
	CodeMilestone = "milestone"
	// CodeScore: one scorecard measure. Cites text key (the measure); amounts
	// value (the actual), from (the floor), to (the target), rate (the score),
	// basis (the bonus times the weight) and amount.
	CodeScore = "score"
	// CodeScoreMissing: a scorecard measure with no metric for the period,
	// scored 0. Cites text key and amount basis.
	CodeScoreMissing = "score_missing"
	// CodeGateNotMet: a scorecard whose gate was not met pays nothing. Cites
	// text key (the gate's measure); amounts value (the measure's share of its
	// target) and from (the gate).
	CodeGateNotMet = "gate_not_met"
	// CodeThresholdNotMet: a component below its threshold pays nothing. Cites
	// text component; amounts value (the attainment), from (the threshold),
	// basis (the measure) and to (the quota).
	CodeThresholdNotMet = "threshold_not_met"
	// CodeNoQuota: a component that measures attainment pays nothing in a
	// period the rep has no quota. Cites text component.
	CodeNoQuota = "no_quota"
	// CodeBeforeStart: a credit dated before the rep's start date earns
	// nothing. Cites texts deal, date and ref (the start date).
	CodeBeforeStart = "before_start"
	// CodeAfterEnd: a credit dated on or after the rep's leaving date earns
	// nothing. Cites texts deal, date and ref (the first date no longer
	// worked).
	CodeAfterEnd = "after_end"
	// CodeCapDeal: a component's per-deal cap. Cites text component, deal;
	// amounts to (the cap), basis (what the deal earned) and amount (withheld,
	// negative).
	CodeCapDeal = "cap_deal"
	// CodeCapComponent: a component's per-period cap. Cites text component;
	// amounts to, basis and amount.
	CodeCapComponent = "cap_component"
	// CodeCapPeriod: the plan's per-period cap, excess forfeited. Cites
	// amounts to, basis and amount.
	CodeCapPeriod = "cap_period"
	// CodeCapPeriodCarried: the plan's per-period cap, excess paid later.
	// Cites amounts to, basis and amount.
	CodeCapPeriodCarried = "cap_period_carried"
	// CodeCapYear: the plan's per-year cap, excess forfeited. Cites amounts
	// to, was (earned earlier in the plan year), basis and amount.
	CodeCapYear = "cap_year"
	// CodeCapYearCarried: the plan's per-year cap, excess paid later. Cites
	// amounts to, was, basis and amount.
	CodeCapYearCarried = "cap_year_carried"
	// CodeCapRelease: capped earnings carried from earlier periods, paid as
	// far as the cap allows. Cites amounts was (carried) and amount.
	CodeCapRelease = "cap_release"
	// CodeClawbackPaid: a cancelled deal's commission recovered. Cites texts
	// deal, ref (booked), date (cancelled); number days; amounts basis (what
	// the deal earned) and amount.
	CodeClawbackPaid = "clawback_paid"
	// CodeClawbackRate: as CodeClawbackPaid, recovering the credit at its
	// original rates before caps. Cites amount basis (credit × rate over the
	// deal's commission lines).
	CodeClawbackRate = "clawback_rate"
	// CodeClawbackPercentage: as CodeClawbackPaid, recovering a percentage.
	// Cites amounts rate (the percentage) and basis.
	CodeClawbackPercentage = "clawback_percentage"
	// CodeTrueUpCredit: a locked period corrected because a deal's credit
	// changed. Cites texts key (the period) and deal; amounts from (the credit
	// then), basis (the credit now), was (what it earned then), value (what it
	// earns now) and amount.
	CodeTrueUpCredit = "true_up_credit"
	// CodeTrueUpAdded: a locked period corrected for a deal credited after it
	// was locked. Cites texts key and deal; amounts basis (the credit), value
	// and amount.
	CodeTrueUpAdded = "true_up_added"
	// CodeTrueUpRemoved: a locked period corrected for a deal no longer
	// credited to the rep. Cites texts key and deal; amounts from (the credit
	// then), was and amount.
	CodeTrueUpRemoved = "true_up_removed"
	// CodeTrueUpRecalculated: a locked period corrected for a deal whose
	// credit is unchanged but whose rate or tier changed (a plan change, or an
	// earlier deal moving the running total). Cites texts key and deal;
	// amounts was, value and amount.
	CodeTrueUpRecalculated = "true_up_recalculated"
	// CodeTrueUpClawback: a locked period corrected for a change in a
	// clawback. Cites texts key (the period), component and deal; amounts
	// was, value and amount.
	CodeTrueUpClawback = "true_up_clawback"
	// CodeTrueUpComponent: a locked period corrected for a change in a
	// component's period-level lines (a threshold, a per-period cap, a
	// milestone, a scorecard). Cites texts key and component; amounts was,
	// value and amount.
	CodeTrueUpComponent = "true_up_component"
	// CodeTrueUpPeriod: a locked period corrected for a change in the
	// plan-level adjustments (caps, rounding, deficit, draw, recovery).
	// Cites text key; amounts was, value and amount.
	CodeTrueUpPeriod = "true_up_period"
	// CodeDrawRecoverable: a payout topped up to a recoverable draw. Cites
	// amounts to (the draw), basis (the payout before it) and amount.
	CodeDrawRecoverable = "draw_recoverable"
	// CodeDrawGuaranteed: a payout topped up to a non-recoverable draw. Cites
	// amounts to, basis and amount.
	CodeDrawGuaranteed = "draw_guaranteed"
	// CodeRecovery: a balance owed recovered from the payout. Cites amounts
	// was (owed before) and amount (negative).
	CodeRecovery = "recovery"
	// CodeDeficit: a negative payout carried forward. Cites amounts basis (the
	// payout it would have been) and amount.
	CodeDeficit = "deficit"
	// CodeRounding: the statement rounded to the currency's places. Cites
	// amounts basis (exact), value (rounded) and amount; text key (the mode).
	CodeRounding = "rounding"
	// CodeQuota: a full period's quota. Cites amount quota.
	CodeQuota = "quota"
	// CodeQuotaProrated: a quota prorated by calendar dates worked. Cites
	// amounts base and quota; numbers active and days.
	CodeQuotaProrated = "quota_prorated"
	// CodeQuotaRelieved: a quota less relief. Cites amounts base, prorated,
	// relief and quota; numbers active and days.
	CodeQuotaRelieved = "quota_relieved"
	// CodeQuotaRelief: a full period's quota less relief. Cites amounts
	// base, relief and quota.
	CodeQuotaRelief = "quota_relief"
)

// reasonTexts holds each code's sentence in English and in simplified
// Chinese. {name} cites a value by name: money with the line's currency
// places (the number "places"); {name:%} shows a fraction as a percentage;
// {name:n} shows a number as it is.
var reasonTexts = map[string][2]string{
	CodeRate: {
		"{component}: {basis} × {rate:%} = {amount}",
		"{component}：按费率 {basis} × {rate:%} = {amount}",
	},
	CodeAmount: {
		"{component}: {amount}",
		"{component}：金额 {amount}",
	},
	CodeOverride: {
		"Override on {key}'s deal {deal}: {basis} × {rate:%} = {amount}",
		"{key} 的交易 {deal} 管理提成：{basis} × {rate:%} = {amount}",
	},
	CodeTier: {
		"Tier {tier}, {from}–{to}: {basis} × {rate:%} = {amount}",
		"第 {tier} 档（{from}–{to}）：{basis} × {rate:%} = {amount}",
	},
	CodeTierOpen: {
		"Tier {tier}, {from} and above: {basis} × {rate:%} = {amount}",
		"第 {tier} 档（{from} 以上）：{basis} × {rate:%} = {amount}",
	},
	CodeTierQuota: {
		"Tier {tier}, {from:%}–{to:%} of quota: {basis} × {rate:%} = {amount}",
		"第 {tier} 档（配额的 {from:%}–{to:%}）：{basis} × {rate:%} = {amount}",
	},
	CodeTierQuotaOpen: {
		"Tier {tier}, {from:%} of quota and above: {basis} × {rate:%} = {amount}",
		"第 {tier} 档（配额的 {from:%} 以上）：{basis} × {rate:%} = {amount}",
	},
	CodeTierRetro: {
		"Tier {tier} reached, {from}–{to}, paid on all of it: {basis} × {rate:%} = {amount}",
		"达到第 {tier} 档（{from}–{to}），追溯适用：{basis} × {rate:%} = {amount}",
	},
	CodeTierRetroOpen: {
		"Tier {tier} reached, {from} and above, paid on all of it: {basis} × {rate:%} = {amount}",
		"达到第 {tier} 档（{from} 以上），追溯适用：{basis} × {rate:%} = {amount}",
	},
	CodeTierQuotaRetro: {
		"Tier {tier} reached, {from:%}–{to:%} of quota, paid on all of it: {basis} × {rate:%} = {amount}",
		"达到第 {tier} 档（配额的 {from:%}–{to:%}），追溯适用：{basis} × {rate:%} = {amount}",
	},
	CodeTierQuotaRetroOpen: {
		"Tier {tier} reached, {from:%} of quota and above, paid on all of it: {basis} × {rate:%} = {amount}",
		"达到第 {tier} 档（配额的 {from:%} 以上），追溯适用：{basis} × {rate:%} = {amount}",
	},
	CodeUnitBonus: {
		"{component}: {basis:n} × {rate} = {amount}",
		"{component}：按件计 {basis:n} × {rate} = {amount}",
	},
	CodeDealBonus: {
		"{component}: {rate} × share {basis:%} = {amount}",
		"{component}：{rate} × 分成 {basis:%} = {amount}",
	},
	CodeMilestone: {
		"Milestone of {from:%} of quota reached at {value:%}: {amount}",
		"达成配额 {from:%} 里程碑（实际 {value:%}）：{amount}",
	},
	CodeScore: {
		"{key}: {value:n} scores {rate:%} (floor {from:n}, target {to:n}); {basis} × {rate:%} = {amount}",
		"{key}：实际 {value:n}，得分 {rate:%}（下限 {from:n}，目标 {to:n}）；{basis} × {rate:%} = {amount}",
	},
	CodeScoreMissing: {
		"{key}: no value this period, scores 0; {basis} × 0% = {amount}",
		"{key}：本期无数据，得分 0；{basis} × 0% = {amount}",
	},
	CodeGateNotMet: {
		"No scorecard bonus: {key} is at {value:%} of target, below the gate of {from:%}",
		"不发放计分卡奖金：{key} 达成目标的 {value:%}，低于门槛 {from:%}",
	},
	CodeThresholdNotMet: {
		"{component} pays nothing: attainment {value:%} is below the threshold of {from:%}",
		"{component} 不计提：达成率 {value:%} 低于门槛 {from:%}",
	},
	CodeNoQuota: {
		"{component} pays nothing: there is no quota this period to measure attainment against",
		"{component} 不计提：本期没有配额，无法计算达成率",
	},
	CodeBeforeStart: {
		"Deal {deal} is credited {date}, before the start date {ref}: it earns nothing",
		"交易 {deal} 计入日期 {date} 早于入职日期 {ref}：不计提成",
	},
	CodeAfterEnd: {
		"Deal {deal} is credited {date}, after the rep left ({ref}): it earns nothing",
		"交易 {deal} 计入日期 {date} 晚于离职日期 {ref}：不计提成",
	},
	CodeCapDeal: {
		"{component} pays at most {to} per deal: {basis} earned, {amount} withheld",
		"{component} 每笔上限 {to}：计提 {basis}，扣减 {amount}",
	},
	CodeCapComponent: {
		"{component} pays at most {to} per period: {basis} earned, {amount} withheld",
		"{component} 每期上限 {to}：计提 {basis}，扣减 {amount}",
	},
	CodeCapPeriod: {
		"Earnings are capped at {to} per period: {basis} earned, {amount} forfeited",
		"每期提成上限 {to}：计提 {basis}，超出部分 {amount} 不予发放",
	},
	CodeCapPeriodCarried: {
		"Earnings are capped at {to} per period: {basis} earned, {amount} carried to later periods",
		"每期提成上限 {to}：计提 {basis}，超出部分 {amount} 结转以后各期",
	},
	CodeCapYear: {
		"Earnings are capped at {to} per plan year, {was} earned before: {basis} earned, {amount} forfeited",
		"年度提成上限 {to}，此前已计 {was}：本期计提 {basis}，超出部分 {amount} 不予发放",
	},
	CodeCapYearCarried: {
		"Earnings are capped at {to} per plan year, {was} earned before: {basis} earned, {amount} carried to later periods",
		"年度提成上限 {to}，此前已计 {was}：本期计提 {basis}，超出部分 {amount} 结转以后各期",
	},
	CodeCapRelease: {
		"Capped earnings carried from earlier periods: {amount} of {was} paid",
		"以前各期结转的超上限提成 {was}，本期发放 {amount}",
	},
	CodeClawbackPaid: {
		"Deal {deal}, booked {ref}, cancelled {date} ({days} days later): the {basis} it earned is recovered: {amount}",
		"交易 {deal}（{ref} 签单，{date} 取消，相隔 {days} 天）：追回已计提的 {basis}：{amount}",
	},
	CodeClawbackRate: {
		"Deal {deal}, booked {ref}, cancelled {date} ({days} days later): its credit at the original rates, {basis}, is recovered: {amount}",
		"交易 {deal}（{ref} 签单，{date} 取消，相隔 {days} 天）：按原费率追回 {basis}：{amount}",
	},
	CodeClawbackPercentage: {
		"Deal {deal}, booked {ref}, cancelled {date} ({days} days later): {rate:%} of the {basis} it earned is recovered: {amount}",
		"交易 {deal}（{ref} 签单，{date} 取消，相隔 {days} 天）：追回已计提 {basis} 的 {rate:%}：{amount}",
	},
	CodeTrueUpCredit: {
		"Correction to {key}: deal {deal}'s credit changed from {from} to {basis}, so it earns {value} instead of {was}: {amount}",
		"更正 {key}：交易 {deal} 的业绩由 {from} 改为 {basis}，提成由 {was} 改为 {value}：{amount}",
	},
	CodeTrueUpAdded: {
		"Correction to {key}: deal {deal} ({basis}) was credited after the period was locked and earns {value}: {amount}",
		"更正 {key}：交易 {deal}（{basis}）在该期锁定后计入，提成 {value}：{amount}",
	},
	CodeTrueUpRemoved: {
		"Correction to {key}: deal {deal} ({from}) is no longer credited, so the {was} it earned is reversed: {amount}",
		"更正 {key}：交易 {deal}（{from}）不再计入，冲回提成 {was}：{amount}",
	},
	CodeTrueUpRecalculated: {
		"Correction to {key}: deal {deal} now earns {value} instead of {was} (its rate or tier changed): {amount}",
		"更正 {key}：交易 {deal} 的提成由 {was} 改为 {value}（费率或档位变化）：{amount}",
	},
	CodeTrueUpClawback: {
		"Correction to {key}: the clawback on deal {deal} comes to {value} instead of {was}: {amount}",
		"更正 {key}：交易 {deal} 的追回额由 {was} 改为 {value}：{amount}",
	},
	CodeTrueUpComponent: {
		"Correction to {key}: {component}'s period amounts come to {value} instead of {was}: {amount}",
		"更正 {key}：{component} 的期间项由 {was} 改为 {value}：{amount}",
	},
	CodeTrueUpPeriod: {
		"Correction to {key}: caps, draw and recoveries come to {value} instead of {was}: {amount}",
		"更正 {key}：上限、预支与扣回合计由 {was} 改为 {value}：{amount}",
	},
	CodeDrawRecoverable: {
		"Draw of {to}: the payout of {basis} is topped up by {amount}, owed back from later earnings",
		"预支 {to}：本期应发 {basis}，补足 {amount}，以后从提成中扣回",
	},
	CodeDrawGuaranteed: {
		"Guaranteed draw of {to}: the payout of {basis} is topped up by {amount}, not owed back",
		"保底 {to}：本期应发 {basis}，补足 {amount}，无需扣回",
	},
	CodeRecovery: {
		"Recovered from the {was} owed: {amount}",
		"从欠款 {was} 中扣回：{amount}",
	},
	CodeDeficit: {
		"The payout would be {basis}: 0 is paid and {amount} is carried forward as owed",
		"本期应发 {basis} 为负：按 0 发放，{amount} 计入欠款",
	},
	CodeRounding: {
		"{basis:n} rounded to {value} ({key}): {amount:n}",
		"{basis:n} 舍入为 {value}（{key}）：{amount:n}",
	},
	CodeQuota: {
		"Quota {quota}",
		"配额 {quota}",
	},
	CodeQuotaProrated: {
		"Quota {base} × {active} of {days} days = {quota}",
		"配额 {base} × {active}/{days} 天 = {quota}",
	},
	CodeQuotaRelief: {
		"Quota {base} less relief {relief} = {quota}",
		"配额 {base}，减免 {relief} 后为 {quota}",
	},
	CodeQuotaRelieved: {
		"Quota {base} × {active} of {days} days = {prorated}, less relief {relief} = {quota}",
		"配额 {base} × {active}/{days} 天 = {prorated}，减免 {relief} 后为 {quota}",
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
		b.WriteString(r.cite(name, format))
		tmpl = tmpl[i+j+1:]
	}
}

// cite formats the value named name: amounts exactly with thousands
// separators (as money, with at least the "places" number's decimal
// places, unless format is "n"), numbers to at most two decimals, either
// as a percentage when format is "%".
func (r Reason) cite(name, format string) string {
	percent := format == "%"
	if d, ok := r.Amounts[name]; ok {
		if e := d.Exponent(); e < -40 || e > 40 {
			return d.ScientificNotationString() // no value Compute makes; a reason decoded from elsewhere
		}
		if percent {
			return formatAmount(d.Shift(2).Round(2)) + "%"
		}
		if p, ok := r.Numbers["places"]; ok && format == "" && p >= 1 && p <= 9 {
			return formatDigits(d.StringFixed(max(int32(p), places(d))))
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

// formatNumber writes f to at most two decimal places, with thousands
// separators: 20000 → "20,000", 7672288.244 → "7,672,288.24".
func formatNumber(f float64) string {
	return formatDigits(strconv.FormatFloat(math.Round(f*100)/100, 'f', -1, 64))
}
