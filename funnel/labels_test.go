package funnel_test

import (
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
