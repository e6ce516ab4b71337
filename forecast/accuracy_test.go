package forecast_test

import (
	"errors"
	"math"
	"testing"

	"github.com/saleskit/saleskit/forecast"
)

// TestAccuracyWorked checks the measures by hand. Actuals 100, 0, 50, 200
// and forecasts 110, 5, 50, 150 give errors -10, -5, 0, 50:
//
//	MAE   65/4 = 16.25
//	RMSE  √(2625/4) = 25.6173769…
//	MAPE  100·(0.1 + 0 + 0.25)/3 = 11.666…%, the zero actual left out
//	sMAPE 100·(20/210 + 10/5 + 0 + 100/350)/4 = 59.5238…%
//	bias  (10 + 5 + 0 - 50)/4 = -8.75
//	MASE  16.25 / ((10 + 5 + 10)/3) = 1.95, training 10, 20, 15, 25
func TestAccuracyWorked(t *testing.T) {
	r, err := forecast.Accuracy([]float64{100, 0, 50, 200}, []float64{110, 5, 50, 150},
		&forecast.AccuracyOptions{Train: []float64{10, 20, 15, 25}})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"MAE", r.MAE, 16.25}, {"RMSE", r.RMSE, math.Sqrt(2625.0 / 4)}, {"MAPE", *r.MAPE, 100 * 0.35 / 3},
		{"sMAPE", r.SMAPE, 100 * (20.0/210 + 2 + 100.0/350) / 4}, {"bias", r.Bias, -8.75}, {"MASE", *r.MASE, 1.95},
	} {
		if math.Abs(c.got-c.want) > 1e-12*math.Max(1, math.Abs(c.want)) {
			t.Errorf("%s = %.15g, want %.15g", c.name, c.got, c.want)
		}
	}
	if r.ZeroActuals != 1 || len(r.Reasons) != 1 || r.Reasons[0].Code != forecast.CodeZeroActuals {
		t.Errorf("zero actuals %d, reasons %v; want 1 and zero_actuals", r.ZeroActuals, r.Reasons)
	}
	if got := r.Reasons[0].String(); got != "MAPE leaves out 1 of 4 points whose actual is zero" {
		t.Errorf("reason = %q", got)
	}
}

// TestAccuracyUndefined: MAPE and MASE are absent, and say why, when they
// have nothing to divide by; sMAPE counts 0 against 0 as no error.
func TestAccuracyUndefined(t *testing.T) {
	r, err := forecast.Accuracy([]float64{0, 0}, []float64{0, 1}, &forecast.AccuracyOptions{Train: []float64{3, 3, 3}})
	if err != nil {
		t.Fatal(err)
	}
	if r.MAPE != nil || r.MASE != nil || r.SMAPE != 100 {
		t.Errorf("MAPE %v, MASE %v, sMAPE %v; want absent, absent, 100", r.MAPE, r.MASE, r.SMAPE)
	}
	codes := map[string]bool{}
	for _, x := range r.Reasons {
		codes[x.Code] = true
	}
	if !codes[forecast.CodeZeroActuals] || !codes[forecast.CodeMaseZeroScale] {
		t.Errorf("reasons %v, want zero_actuals and mase_zero_scale", r.Reasons)
	}
	r, _ = forecast.Accuracy([]float64{1}, []float64{2}, nil)
	if r.MASE != nil || r.Reasons[0].Code != forecast.CodeMaseNoTraining {
		t.Errorf("without training: MASE %v, reasons %v", r.MASE, r.Reasons)
	}
	for _, c := range []struct {
		actual, forecast []float64
		want             error
	}{
		{nil, nil, forecast.ErrSeries},
		{[]float64{1, 2}, []float64{1}, forecast.ErrLength},
		{[]float64{math.NaN()}, []float64{1}, forecast.ErrSeries},
		{[]float64{1e308, -1e308}, []float64{-1e308, 1e308}, forecast.ErrDiverged},
	} {
		if _, err := forecast.Accuracy(c.actual, c.forecast, nil); !errors.Is(err, c.want) {
			t.Errorf("Accuracy(%v, %v) = %v, want %v", c.actual, c.forecast, err, c.want)
		}
	}
}
