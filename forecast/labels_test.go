package forecast_test

import (
	"testing"

	"github.com/saleskit/saleskit/forecast"
)

// TestMethodLabel: every method has a name for people in English and
// Chinese, and a value out of range names itself.
func TestMethodLabel(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{forecast.MethodHoltWinters.Label("en"), "Holt-Winters"}, {forecast.MethodHoltWinters.Label("zh-CN"), "霍尔特-温特斯"},
		{forecast.MethodSES.Label("zh-CN"), "简单指数平滑"}, {forecast.Method(0).Label("en"), "Method(0)"},
		{forecast.Method(42).Label("zh-CN"), "Method(42)"},
	} {
		if c.got != c.want {
			t.Errorf("label %q, want %q", c.got, c.want)
		}
	}
}
