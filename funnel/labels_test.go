package funnel_test

import (
	"strings"
	"testing"

	"github.com/saleskit/saleskit/funnel"
)

// TestEnumLabels: the causes and call outcomes a UI shows have a name for
// people in English and Chinese, and a value out of range names itself.
func TestEnumLabels(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{funnel.UnknownStage.Label("en"), "Unknown stage"}, {funnel.Duplicate.Label("zh-CN"), "重复记录"},
		{funnel.Cause(9).Label("zh-CN"), "Cause(9)"},
		{funnel.CallNoAnswer.Label("zh-CN"), "未接听"}, {funnel.CallAppointment.Label("en"), "Appointment"},
		{funnel.CallOutcome(0).Label("en"), "CallOutcome(0)"},
	} {
		if c.got != c.want {
			t.Errorf("label %q, want %q", c.got, c.want)
		}
	}
}

// TestStagesExplain: the bottleneck's sentence names its stages by their
// labels in the reader's language, and leaves other values alone.
func TestStagesExplain(t *testing.T) {
	r := funnel.Reason{Code: funnel.CodeBelowBenchmark, Numbers: map[string]float64{"conversion": 0.4396, "trials": 207, "successes": 91,
		"low": 0.3737, "high": 0.5077, "benchmark": 0.6}, Texts: map[string]string{"from": "proposal", "to": "negotiation"}}
	stages := funnel.B2B()
	zh := stages.Explain(r, "zh-CN")
	if !strings.Contains(zh, "方案报价 → 商务谈判") {
		t.Errorf("Explain(zh-CN) = %q, want the stages' Chinese labels", zh)
	}
	if en := stages.Explain(r, "en"); !strings.HasPrefix(en, "Proposal → Negotiation") {
		t.Errorf("Explain(en) = %q, want it to start with the English labels", en)
	}
	if r.Texts["from"] != "proposal" {
		t.Errorf("Explain changed the reason it was given: from = %q", r.Texts["from"])
	}
	r.Texts["from"] = "demo"
	if got := stages.Explain(r, "en"); !strings.HasPrefix(got, "demo → Negotiation") {
		t.Errorf("Explain of an unknown key = %q, want the key kept", got)
	}
}
