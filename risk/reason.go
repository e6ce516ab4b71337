package risk

import (
	"maps"
	"math"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// Reason codes. Each is stable: a UI may key its own translations on it.
const (
	// CodeExposure: one side of an assessment. Cites amounts probability,
	// impact, score and emv, texts probability_level, impact_level and
	// rating.
	CodeExposure = "exposure"
	// CodeEliminated: an avoided threat can no longer occur. Cites nothing.
	CodeEliminated = "eliminated"
	// CodeResponseWorth: what a response buys. Cites amounts change (the
	// change in EMV), cost and worth, text strategy.
	CodeResponseWorth = "response_worth"
	// CodeNoResponse: no response is planned. Cites nothing.
	CodeNoResponse = "no_response"
	// CodeDecision: a decision node's choice. Cites amounts emv and
	// runner_up_emv, texts choice and runner_up.
	CodeDecision = "decision"
	// CodeOnlyOption: a decision node with one option. Cites amount emv,
	// text choice.
	CodeOnlyOption = "only_option"
	// CodeReserve: a contingency reserve. Cites amounts reserve and mean,
	// numbers confidence (a fraction), trials and share (a fraction), text
	// driver (the risk with the largest part of the tail).
	CodeReserve = "reserve"
	// CodeDealRisk: a deal's combined risk. Cites numbers score and
	// signals, texts tier and kinds.
	CodeDealRisk = "deal_risk"
)

// Deal risk signal codes: a [Signal]'s Reason has the code of its kind.
const (
	// CodeSlipped cites number days (calendar days past), texts close_date
	// and forecast.
	CodeSlipped = "slipped"
	// CodeCloseDatePushed cites numbers pushes and days (calendar days
	// pushed in all), texts first and close_date.
	CodeCloseDatePushed = "close_date_pushed"
	// CodeCloseDatePulledIn cites numbers pulls and days, text close_date.
	CodeCloseDatePulledIn = "close_date_pulled_in"
	// CodeNoActivity cites numbers days and limit_days (24-hour days), text
	// last_activity (RFC 3339).
	CodeNoActivity = "no_activity"
	// CodeStageTooLong cites numbers days and norm_days (24-hour days),
	// text stage.
	CodeStageTooLong = "stage_too_long"
	// CodeAmountCut cites amounts peak, amount, cut and limit (fractions).
	CodeAmountCut = "amount_cut"
	// CodeNoDecisionMaker cites number contacts.
	CodeNoDecisionMaker = "no_decision_maker"
	// CodeSingleThreaded cites number contacts.
	CodeSingleThreaded = "single_threaded"
	// CodeDiscountHigh cites amounts discount and limit (fractions).
	CodeDiscountHigh = "discount_high"
	// CodeCompetitor cites number count, text competitors.
	CodeCompetitor = "competitor"
)

// reasonTexts holds each code's sentence in English and in simplified
// Chinese. {name} cites a value by name; {name:%} shows a fraction as a
// percentage.
var reasonTexts = map[string][2]string{
	CodeExposure: {
		"{probability:%} × {impact} ({probability_level} × {impact_level}): score {score}, rated {rating}, EMV {emv}",
		"概率 {probability:%} × 影响 {impact}（{probability_level} × {impact_level}）：风险值 {score}，评级 {rating}，预期货币价值 {emv}",
	},
	CodeEliminated: {
		"avoided: the risk can no longer occur",
		"已规避：风险不会再发生",
	},
	CodeResponseWorth: {
		"{strategy:strategy} changes EMV by {change} at a cost of {cost}: worth {worth}",
		"应对策略「{strategy:strategy}」使预期货币价值变化 {change}，成本 {cost}，净值 {worth}",
	},
	CodeNoResponse: {
		"no response planned: the residual risk is the inherent one",
		"尚无应对计划：剩余风险等于固有风险",
	},
	CodeDecision: {
		"choose {choice}: EMV {emv}, ahead of {runner_up} at {runner_up_emv}",
		"选择 {choice}：预期货币价值 {emv}，优于 {runner_up} 的 {runner_up_emv}",
	},
	CodeOnlyOption: {
		"choose {choice}, the only option: EMV {emv}",
		"选择唯一方案 {choice}：预期货币价值 {emv}",
	},
	CodeReserve: {
		"reserve {reserve} covers the risk cost in {confidence:%} of {trials} trials (mean {mean}); {driver} drives {share:%} of the tail",
		"风险储备 {reserve} 在 {trials} 次模拟中的 {confidence:%} 足以覆盖风险成本（均值 {mean}）；{driver} 占尾部风险的 {share:%}",
	},
	CodeDealRisk: {
		"score {score} from {signals} signals ({kinds}): tier {tier}",
		"{signals} 个预警信号（{kinds}）合计 {score} 分：风险等级 {tier}",
	},
	CodeSlipped: {
		"{forecast} deal past its close date {close_date} by {days} day(s)",
		"{forecast} 商机已超过预计成交日期 {close_date} {days} 天",
	},
	CodeCloseDatePushed: {
		"close date pushed {pushes}×, {days} days in all: from {first} to {close_date}",
		"预计成交日期推迟 {pushes} 次，共 {days} 天：从 {first} 推到 {close_date}",
	},
	CodeCloseDatePulledIn: {
		"close date pulled in {pulls}×, {days} days in all: now {close_date}",
		"预计成交日期提前 {pulls} 次，共 {days} 天：现为 {close_date}",
	},
	CodeNoActivity: {
		"no activity for {days} days since {last_activity} (limit {limit_days} days)",
		"自 {last_activity} 起 {days} 天无跟进活动（上限 {limit_days} 天）",
	},
	CodeStageTooLong: {
		"{days} days in stage {stage}, longer than its norm of {norm_days} days",
		"在阶段 {stage} 停留 {days} 天，超过常规的 {norm_days} 天",
	},
	CodeAmountCut: {
		"amount cut {cut:%} from {peak} to {amount} (limit {limit:%})",
		"金额从 {peak} 降至 {amount}，降幅 {cut:%}（阈值 {limit:%}）",
	},
	CodeNoDecisionMaker: {
		"no decision maker among the deal's contacts ({contacts})",
		"商机联系人（{contacts} 位）中没有决策者",
	},
	CodeSingleThreaded: {
		"single-threaded: fewer than two contacts ({contacts})",
		"单线联系：联系人不足两位（{contacts} 位）",
	},
	CodeDiscountHigh: {
		"discount {discount:%} above the limit of {limit:%}",
		"折扣 {discount:%} 超过上限 {limit:%}",
	},
	CodeCompetitor: {
		"competitors in the deal ({count}): {competitors}",
		"竞争对手参与（{count} 家）：{competitors}",
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
		b.WriteString(r.cite(name, format, lang))
		tmpl = tmpl[i+j+1:]
	}
}

// cite formats the value named name in lang: amounts exactly with
// thousands separators, numbers to at most two decimals, either as a
// percentage when format is "%"; a text that is a strategy's wire name as
// the strategy's label when format is "strategy".
func (r Reason) cite(name, format, lang string) string {
	percent := format == "%"
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
		var st Strategy
		if format == "strategy" && st.UnmarshalText([]byte(s)) == nil {
			return st.Label(lang)
		}
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
