package lifecycle

import (
	"maps"
	"math"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// Reason codes. Each is stable: a UI may key its own translations on it.
// [Obstacle.Reason] gives one for every obstacle of a refusal, a permission
// or an advisory.
const (
	// CodeNoTransition: the instance's state has no transition for the
	// trigger. Cites nothing: the refusal names the state and trigger.
	CodeNoTransition = "no_transition"
	// CodePaused: the instance is paused, and a paused instance refuses
	// every trigger. Cites nothing: [Instance.Paused] says why and until
	// when.
	CodePaused = "paused"
	// CodeGateMissing: a blocking gate has items the instance does not
	// have. Cites texts gate (its name) and missing (the keys of the
	// missing items, joined with ", ").
	CodeGateMissing = "gate_missing"
	// CodeAdvisoryMissing: an advisory gate has items the instance does not
	// have; the transition goes through regardless. Cites texts gate and
	// missing, as CodeGateMissing does.
	CodeAdvisoryMissing = "advisory_missing"
	// CodeGuardRefused: a guard refused the transition. Cites texts guard
	// (its name) and message (its error's text).
	CodeGuardRefused = "guard_refused"
)

// reasonTexts holds each code's sentence in English and in simplified
// Chinese. {name} cites a value by name; {name:%} shows a fraction as a
// percentage.
var reasonTexts = map[string][2]string{
	CodeNoTransition: {
		"no transition for the trigger",
		"当前状态下不能执行此操作",
	},
	CodePaused: {
		"the instance is paused",
		"实例已暂停",
	},
	CodeGateMissing: {
		`gate "{gate}" missing {missing}`,
		"关卡“{gate}”缺少 {missing}",
	},
	CodeAdvisoryMissing: {
		`advisory gate "{gate}" missing {missing}`,
		"建议关卡“{gate}”缺少 {missing}",
	},
	CodeGuardRefused: {
		`guard "{guard}": {message}`,
		"规则“{guard}”拒绝：{message}",
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
