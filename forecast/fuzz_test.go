package forecast_test

import (
	"encoding/binary"
	"encoding/json"
	"math"
	"testing"

	"github.com/saleskit/saleskit/forecast"
)

// fuzzFloats reads up to max float64s from data, eight bytes each: NaN,
// infinities and extremes come naturally.
func fuzzFloats(data []byte, max int) []float64 {
	var out []float64
	for len(data) >= 8 && len(out) < max {
		out = append(out, math.Float64frombits(binary.LittleEndian.Uint64(data)))
		data = data[8:]
	}
	return out
}

// fuzzSeries reads a series of small integers plus a level, one byte each,
// so that most inputs are series a model can fit; a byte of 255 is NaN.
func fuzzSeries(data []byte, max int) []float64 {
	var out []float64
	for _, b := range data {
		if len(out) == max {
			break
		}
		switch b {
		case 255:
			out = append(out, math.NaN())
		case 254:
			out = append(out, math.Inf(1))
		default:
			out = append(out, float64(b))
		}
	}
	return out
}

func finiteAll(t *testing.T, what string, xs ...[]float64) {
	t.Helper()
	for _, x := range xs {
		for _, v := range x {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				t.Fatalf("%s holds %v", what, v)
			}
		}
	}
}

// FuzzModelFit fits every method to fuzzed series (NaN, infinities, empty,
// too short for the season) with fuzzed settings and parameters: a clear
// error or a finite fit and forecast, never a panic.
func FuzzModelFit(f *testing.F) {
	f.Add([]byte{10, 12, 14, 11, 13, 15, 12, 14, 16, 13, 15, 17}, uint8(7), uint8(3), true, uint8(1), false, 0.3, 0.1, 0.2, 0.9)
	f.Add([]byte{1, 2, 255}, uint8(5), uint8(0), false, uint8(0), true, 0.5, 0.0, 0.0, 0.0)
	f.Add([]byte{}, uint8(8), uint8(0), false, uint8(0), false, 0.0, 0.0, 0.0, 0.0)
	f.Add([]byte{5, 5, 5, 5, 0, 5}, uint8(7), uint8(2), false, uint8(2), false, 0.0, 0.0, 0.0, 0.0)
	f.Add([]byte{9, 8, 7}, uint8(7), uint8(12), false, uint8(1), false, 0.0, 0.0, 0.0, 0.0)
	f.Fuzz(func(t *testing.T, data []byte, method, period uint8, damped bool, seasonal uint8, withParams bool, a, b, g, phi float64) {
		y := fuzzSeries(data, 48)
		m := forecast.Model{Method: forecast.Method(method % 10), Period: int(period % 14), Window: int(period%6) + 1,
			Damped: damped, Seasonal: forecast.Seasonality(seasonal % 4)}
		if m.Method == forecast.MethodWeightedMovingAverage {
			m.Weights = fuzzSeries(data[:min(len(data), 4)], 4)
		}
		if withParams {
			m.Params = &forecast.Params{Alpha: a, Beta: b, Gamma: g, Phi: phi}
		}
		fit, err := m.Fit(y)
		if err != nil {
			clearError(t, err)
			return
		}
		finiteAll(t, "fit", fit.Fitted, fit.Residuals, fit.Level, fit.Trend, fit.Season)
		if len(fit.Fitted) != len(y)-fit.Offset {
			t.Fatalf("%d fitted values for %d observations from %d", len(fit.Fitted), len(y), fit.Offset)
		}
		p, err := fit.Forecast(1+int(period%30), nil)
		if err != nil {
			clearError(t, err)
			return
		}
		finiteAll(t, "forecast", p.Point, p.Lower, p.Upper)
		if _, err := json.Marshal(fit); err != nil {
			t.Fatalf("a fit does not marshal: %v", err)
		}
	})
}

// FuzzModelJSON decodes a model from fuzzed JSON and fits it to a short
// series: whatever a stored model holds, a clear error or a fit.
func FuzzModelJSON(f *testing.F) {
	f.Add(`{"method":"holt_winters","period":4,"seasonal":"additive","damped":true}`)
	f.Add(`{"method":"ses","params":{"alpha":2},"initial":{"level":1e308}}`)
	f.Add(`{"method":"weighted_moving_average","weights":[1,-1]}`)
	f.Add(`{"method":"holt","init":"heuristic","initial":{"level":3,"trend":1,"seasonal":[1]}}`)
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 2000 {
			return
		}
		var m forecast.Model
		if err := json.Unmarshal([]byte(s), &m); err != nil {
			return
		}
		if m.Period > 24 || m.Window > 50 || len(m.Weights) > 50 {
			return // bounded cost
		}
		y := []float64{12, 15, 11, 18, 13, 16, 12, 19, 14, 17, 13, 20, 15, 18, 14, 21}
		fit, err := m.Fit(y)
		if err != nil {
			clearError(t, err)
			return
		}
		if _, err := fit.Forecast(6, nil); err != nil {
			clearError(t, err)
		}
	})
}

// FuzzAccuracy measures fuzzed forecasts: a clear error or finite
// measures.
func FuzzAccuracy(f *testing.F) {
	f.Add([]byte{}, 3, 1)
	f.Add(make([]byte, 8*9), 3, 2)
	f.Fuzz(func(t *testing.T, data []byte, n, lag int) {
		xs := fuzzFloats(data, 60)
		n = max(0, min(n, len(xs)/2))
		actual, fc, train := xs[:n], xs[n:2*n], xs[2*n:]
		r, err := forecast.Accuracy(actual, fc, &forecast.AccuracyOptions{Train: train, Lag: lag % 16})
		if err != nil {
			clearError(t, err)
			return
		}
		finiteAll(t, "accuracy", []float64{r.MAE, r.RMSE, r.SMAPE, r.Bias})
		if r.MAPE != nil {
			finiteAll(t, "MAPE", []float64{*r.MAPE})
		}
		if r.MASE != nil {
			finiteAll(t, "MASE", []float64{*r.MASE})
		}
		if _, err := json.Marshal(r); err != nil {
			t.Fatal(err)
		}
	})
}

// FuzzBacktest backtests cheap models on fuzzed series and options, and
// compares the pooled MAE with the naive loop's.
func FuzzBacktest(f *testing.F) {
	f.Add([]byte{3, 5, 4, 6, 5, 7, 6, 8, 7, 9}, uint8(1), 2, 4, 1)
	f.Add([]byte{1, 255, 3}, uint8(2), 1, 1, 1)
	f.Fuzz(func(t *testing.T, data []byte, method uint8, horizon, initial, step int) {
		y := fuzzSeries(data, 40)
		models := []forecast.Model{{Method: forecast.MethodNaive}, {Method: forecast.MethodSeasonalNaive, Period: 3},
			{Method: forecast.MethodMovingAverage, Window: 2}, {Method: forecast.MethodLinearTrend},
			{Method: forecast.MethodSES, Params: &forecast.Params{Alpha: 0.4}}}
		m := models[int(method)%len(models)]
		o := &forecast.BacktestOptions{Horizon: horizon % 8, Initial: initial % 45, Step: step % 8}
		r, err := forecast.Backtest(y, m, o)
		if err != nil {
			clearError(t, err)
			return
		}
		h, st := max(o.Horizon, 1), o.Step
		if st == 0 {
			st = h
		}
		in := o.Initial
		if in == 0 {
			in = r.Windows[0].Origin
		}
		triples, err := naiveBacktest(y, m, in, h, st, 1)
		if err != nil {
			t.Fatalf("naive backtest fails where Backtest did not: %v", err)
		}
		var mae float64
		for _, x := range triples {
			mae += math.Abs(x[0] - x[1])
		}
		mae /= float64(len(triples))
		if math.Abs(mae-r.Accuracy.MAE) > 1e-9*math.Max(1, mae) {
			t.Fatalf("MAE %v, naive %v", r.Accuracy.MAE, mae)
		}
	})
}
