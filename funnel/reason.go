package funnel

import (
	"maps"
	"math"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// Reason codes. Each is stable: a UI may key its own translations on it.
//
// A bottleneck's reason cites texts from and to (the step's stage keys),
// numbers conversion, low and high (its rate and 95% interval), successes
// and trials, and benchmark (the rate it was judged against).
//
// A rate change's reason cites numbers a and b (the two rates), a_successes,
// a_trials, b_successes and b_trials, z, p and alpha.
const (
	// CodeBelowBenchmark: the bottleneck's conversion falls short of the
	// caller's benchmark even at the upper bound of its interval.
	CodeBelowBenchmark = "below_benchmark"
	// CodeBelowPooledRate: the bottleneck's conversion falls short of the
	// other steps' pooled rate even at the upper bound of its interval.
	CodeBelowPooledRate = "below_pooled_rate"
	// CodeShortOfBenchmark: the bottleneck is the weakest step against the
	// caller's benchmark, but its interval reaches the benchmark, so the
	// shortfall is not significant.
	CodeShortOfBenchmark = "short_of_benchmark"
	// CodeShortOfPooledRate: the bottleneck is the weakest step against the
	// other steps' pooled rate, but its interval reaches that rate.
	CodeShortOfPooledRate = "short_of_pooled_rate"
	// CodeNoStepJudged: no step has deals and a positive benchmark to judge
	// it against. Cites nothing.
	CodeNoStepJudged = "no_step_judged"

	// CodeRateRose: the rate rose significantly from a to b.
	CodeRateRose = "rate_rose"
	// CodeRateFell: the rate fell significantly from a to b.
	CodeRateFell = "rate_fell"
	// CodeRateNotSignificant: the rate changed, but not significantly at
	// level alpha.
	CodeRateNotSignificant = "rate_not_significant"
	// CodeRateNotTestable: one side has no trials, or every trial of both
	// went the same way, so there is nothing to test.
	CodeRateNotTestable = "rate_not_testable"
)

// reasonTexts holds each code's sentence in English and in simplified
// Chinese. {name} cites a value by name; {name:%} shows a fraction as a
// percentage.
var reasonTexts = map[string][2]string{
	CodeBelowBenchmark: {
		"{from} → {to} converts {conversion:%} ({successes} of {trials}, 95% CI {low:%}–{high:%}): even the upper bound is below the benchmark of {benchmark:%}",
		"{from} → {to} 转化率 {conversion:%}（{trials} 个中 {successes} 个，95% 置信区间 {low:%}–{high:%}）：区间上限仍低于基准 {benchmark:%}",
	},
	CodeBelowPooledRate: {
		"{from} → {to} converts {conversion:%} ({successes} of {trials}, 95% CI {low:%}–{high:%}): even the upper bound is below the other steps' pooled rate of {benchmark:%}",
		"{from} → {to} 转化率 {conversion:%}（{trials} 个中 {successes} 个，95% 置信区间 {low:%}–{high:%}）：区间上限仍低于其余各步的合并转化率 {benchmark:%}",
	},
	CodeShortOfBenchmark: {
		"{from} → {to} converts {conversion:%} ({successes} of {trials}, 95% CI {low:%}–{high:%}): the weakest step against the benchmark of {benchmark:%}, but the interval reaches it, so the shortfall is not significant",
		"{from} → {to} 转化率 {conversion:%}（{trials} 个中 {successes} 个，95% 置信区间 {low:%}–{high:%}）：对照基准 {benchmark:%} 是最弱的一步，但区间达到基准，差距不显著",
	},
	CodeShortOfPooledRate: {
		"{from} → {to} converts {conversion:%} ({successes} of {trials}, 95% CI {low:%}–{high:%}): the weakest step against the other steps' pooled rate of {benchmark:%}, but the interval reaches it, so the shortfall is not significant",
		"{from} → {to} 转化率 {conversion:%}（{trials} 个中 {successes} 个，95% 置信区间 {low:%}–{high:%}）：对照其余各步的合并转化率 {benchmark:%} 是最弱的一步，但区间达到该转化率，差距不显著",
	},
	CodeNoStepJudged: {
		"no step has deals and a positive benchmark to judge it against",
		"没有既有商机进入、又有正基准可对照的步骤",
	},
	CodeRateRose: {
		"rose from {a:%} ({a_successes} of {a_trials}) to {b:%} ({b_successes} of {b_trials}): z = {z}, p = {p:%}, significant at {alpha:%}",
		"从 {a:%}（{a_trials} 个中 {a_successes} 个）升至 {b:%}（{b_trials} 个中 {b_successes} 个）：z = {z}，p = {p:%}，在 {alpha:%} 水平上显著",
	},
	CodeRateFell: {
		"fell from {a:%} ({a_successes} of {a_trials}) to {b:%} ({b_successes} of {b_trials}): z = {z}, p = {p:%}, significant at {alpha:%}",
		"从 {a:%}（{a_trials} 个中 {a_successes} 个）降至 {b:%}（{b_trials} 个中 {b_successes} 个）：z = {z}，p = {p:%}，在 {alpha:%} 水平上显著",
	},
	CodeRateNotSignificant: {
		"changed from {a:%} ({a_successes} of {a_trials}) to {b:%} ({b_successes} of {b_trials}): z = {z}, p = {p:%}, not significant at {alpha:%}",
		"从 {a:%}（{a_trials} 个中 {a_successes} 个）变为 {b:%}（{b_trials} 个中 {b_successes} 个）：z = {z}，p = {p:%}，在 {alpha:%} 水平上不显著",
	},
	CodeRateNotTestable: {
		"{a:%} ({a_successes} of {a_trials}) against {b:%} ({b_successes} of {b_trials}): one side has no trials, or every trial of both went the same way, so there is nothing to test",
		"{a:%}（{a_trials} 个中 {a_successes} 个）对比 {b:%}（{b_trials} 个中 {b_successes} 个）：一方没有样本，或两方全部样本结果相同，无从检验",
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

// formatNumber writes f to at most two decimal places, with thousands
// separators: 20000 → "20,000", 7672288.244 → "7,672,288.24".
func formatNumber(f float64) string {
	return formatDigits(strconv.FormatFloat(math.Round(f*100)/100, 'f', -1, 64))
}
