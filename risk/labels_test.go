package risk_test

import (
	"testing"

	"github.com/saleskit/saleskit/risk"
)

// TestEnumLabels: the enums a UI shows have a name for people in English
// and Chinese, and a value out of range names itself.
func TestEnumLabels(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{risk.Mitigate.Label("en"), "Mitigate"}, {risk.Mitigate.Label("zh-CN"), "减轻"},
		{risk.Exploit.Label("zh-CN"), "开拓"}, {risk.Strategy(0).Label("zh-CN"), "Strategy(0)"},
		{risk.Strategy(99).Label("en"), "Strategy(99)"},
		{risk.Threat.Label("zh-CN"), "威胁"}, {risk.Opportunity.Label("en"), "Opportunity"}, {risk.Kind(5).Label("en"), "Kind(5)"},
		{risk.Closed.Label("zh-CN"), "已关闭"}, {risk.Open.Label("zh"), "Open"}, // "zh" is not "zh-CN": English,
	} {
		if c.got != c.want {
			t.Errorf("label %q, want %q", c.got, c.want)
		}
	}
}

// TestRatingLabel: a rating's key gives its label in the matrix's own
// words, and a key the matrix does not have comes back as it is.
func TestRatingLabel(t *testing.T) {
	m := risk.PMBOK()
	for _, c := range []struct{ key, lang, want string }{
		{"high", "en", "High"}, {"high", "zh-CN", "高风险"}, {"moderate", "zh-CN", "中风险"}, {"severe", "en", "severe"},
	} {
		if got := m.RatingLabel(c.key, c.lang); got != c.want {
			t.Errorf("RatingLabel(%q, %q) = %q, want %q", c.key, c.lang, got, c.want)
		}
	}
}
