package forecast_test

import (
	"errors"
	"testing"

	"github.com/saleskit/saleskit/forecast"
)

// TestBlendWorked blends the worked example's July with a run rate. SES
// with α = 0.5 from a level of 20,000 over 20,000, 22,000, 21,000, 23,000
// ends at 22,000; a quarter of July has passed, so the run rate adds
// 22,000 × 0.75 = 16,500 to the 60,000 won and the 150,833.35 weighted open
// pipeline: 227,333.35.
func TestBlendWorked(t *testing.T) {
	p := newPipeline(t, 2, nil)
	if err := p.AddAll(workedDeals()); err != nil {
		t.Fatal(err)
	}
	july := p.Report(nil).Periods[0]
	ses := &forecast.Model{Method: forecast.MethodSES, Params: &forecast.Params{Alpha: 0.5}, Initial: &forecast.States{Level: 20000}}
	b, err := forecast.Blend(july, []float64{20000, 22000, 21000, 23000}, 2, &forecast.BlendOptions{Elapsed: 0.25, Model: ses})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name      string
		got, want string
	}{
		{"closed", b.Closed.String(), "60000"},
		{"pipeline", b.Pipeline.String(), "150833.35"},
		{"run rate", b.RunRate.String(), "16500"},
		{"total", b.Total.String(), "227333.35"},
	} {
		if !dec(c.got).Equal(dec(c.want)) {
			t.Errorf("%s = %s, want %s", c.name, c.got, c.want)
		}
	}
	if b.RunRateForecast != 22000 || len(b.Reasons) != 3 {
		t.Errorf("run-rate forecast %v, %d reasons; want 22000 and 3", b.RunRateForecast, len(b.Reasons))
	}
	want := "16,500 expected from business not yet in the pipeline: ses forecasts 22,000 a period, 75% of which is still to come"
	if got := b.Reasons[2].String(); got != want {
		t.Errorf("run-rate reason = %q, want %q", got, want)
	}
	// a falling run rate forecast below zero adds nothing, and says so
	down := &forecast.Model{Method: forecast.MethodLinearTrend}
	b, err = forecast.Blend(july, []float64{300, 200, 100, 10}, 2, &forecast.BlendOptions{Model: down})
	if err != nil || !b.RunRate.IsZero() || b.Reasons[2].Code != forecast.CodeRunRateNegative {
		t.Errorf("falling run rate: %s, %v, %v; want zero and run_rate_negative", b.RunRate, b.Reasons, err)
	}
	if _, err := forecast.Blend(july, []float64{1}, 2, &forecast.BlendOptions{Elapsed: 2}); !errors.Is(err, forecast.ErrOption) {
		t.Errorf("elapsed 2: %v, want ErrOption", err)
	}
	if _, err := forecast.Blend(july, nil, 2, nil); !errors.Is(err, forecast.ErrSeries) {
		t.Errorf("no run-rate history: %v, want ErrSeries", err)
	}
}
