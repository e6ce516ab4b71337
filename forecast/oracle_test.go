package forecast_test

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/saleskit/saleskit/forecast"
)

// closeTo reports whether got is within 1e-9 of want, relative, or 1e-9 of
// scale, absolute (the oracle README's tolerance).
func closeTo(got, want, scale float64) bool {
	d := math.Abs(got - want)
	return d <= 1e-9*math.Abs(want) || d <= 1e-9*scale
}

func maxAbs(y []float64) float64 {
	var m float64
	for _, v := range y {
		m = math.Max(m, math.Abs(v))
	}
	return m
}

func checkSlice(t *testing.T, what string, got, want []float64, scale float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %d values, want %d", what, len(got), len(want))
		return
	}
	for i := range want {
		if !closeTo(got[i], want[i], scale) {
			t.Errorf("%s[%d] = %.17g, want %.17g", what, i, got[i], want[i])
			return
		}
	}
}

// TestOracleFixedFits fits every smoothing model of every series with the
// oracle's parameters and pinned initial states, and compares the fitted
// values, states and SSE with statsmodels' to 1e-9.
func TestOracleFixedFits(t *testing.T) {
	for _, s := range loadOracles(t) {
		y := s.Series.Values
		scale := maxAbs(y)
		for name, fx := range s.Fixed {
			t.Run(s.Series.Name+"/"+name, func(t *testing.T) {
				m := fx.model()
				f, err := m.Fit(y)
				if err != nil {
					t.Fatal(err)
				}
				checkSlice(t, "fitted", f.Fitted, fx.Fitted, scale)
				checkSlice(t, "level", f.Level, fx.Level, scale)
				if fx.Trend != nil {
					checkSlice(t, "trend", f.Trend, fx.Trend, scale)
				}
				if fx.Season != nil {
					checkSlice(t, "season", f.Season, fx.Season, scale)
				}
				if !closeTo(f.SSE, fx.SSE, 0) {
					t.Errorf("SSE = %.17g, want %.17g", f.SSE, fx.SSE)
				}
			})
		}
	}
}

// TestOracleOptimisedFits optimises every smoothing model of every series,
// once with the oracle's pinned initial states and once estimating them
// too, and requires an SSE no worse than the best any of six scipy
// optimisers reached under statsmodels, plus 0.1%.
func TestOracleOptimisedFits(t *testing.T) {
	for _, s := range loadOracles(t) {
		y := s.Series.Values
		for name, o := range s.Optimised {
			for _, v := range []struct {
				variant string
				initial *forecast.States // nil: estimated
				best    oracleFit
				deflt   oracleFit
			}{
				{"fixed_init", s.Fixed[name].Initial.states(), o.FixedInit.Best, o.FixedInit.Default},
				{"estimated_init", nil, o.EstimatedInit.Best, o.EstimatedInit.Default},
			} {
				t.Run(s.Series.Name+"/"+name+"/"+v.variant, func(t *testing.T) {
					m := o.Model.model()
					m.Initial = v.initial
					f, err := m.Fit(y)
					if err != nil {
						t.Fatal(err)
					}
					best := v.best.SSE
					t.Logf("SSE %.10g, best %.10g (%.4f), statsmodels default %.10g", f.SSE, best, f.SSE/best, v.deflt.SSE)
					if f.SSE > best*1.001 {
						t.Errorf("SSE = %.10g, want at most %.10g (best %.10g + 0.1%%)", f.SSE, best*1.001, best)
					}
				})
			}
		}
	}
}

// checkHoldout compares a 12-point hold-out forecast and its measures with
// the oracle's: the forecast to 1e-9, and the measures recomputed by
// Accuracy from it.
func checkHoldout(t *testing.T, s oracleSeries, fc []float64, h oracleHoldout) {
	t.Helper()
	y := s.Series.Values
	train, actual := y[:s.Holdout.NTrain], y[s.Holdout.NTrain:]
	checkSlice(t, "holdout forecast", fc, h.Forecast, maxAbs(y))
	r, err := forecast.Accuracy(actual, fc, &forecast.AccuracyOptions{Train: train, Lag: s.Holdout.MASEScaleLag})
	if err != nil {
		t.Fatal(err)
	}
	lag1, err := forecast.Accuracy(actual, fc, &forecast.AccuracyOptions{Train: train})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"mae", r.MAE, h.MAE}, {"rmse", r.RMSE, h.RMSE}, {"mape", *r.MAPE, h.MAPE},
		{"smape", r.SMAPE, h.SMAPE}, {"mase", *r.MASE, h.MASE}, {"mase_lag1", *lag1.MASE, h.MASELag1},
		{"bias", r.Bias, h.Bias}, {"mase_scale", r.MASEScale, s.Holdout.MASEScale},
		{"mase_scale_lag1", lag1.MASEScale, s.Holdout.MASEScaleLag1},
	} {
		if !closeTo(c.got, c.want, 0) {
			t.Errorf("hold-out %s = %.17g, want %.17g", c.name, c.got, c.want)
		}
	}
}

// TestOracleForecasts compares the h-step forecasts of the fixed fits, and
// the hold-out fits on the first n-12 points with their forecasts and
// measures, with the oracle. The oracle's forecasts follow the textbook
// equations, not statsmodels 0.13.5's at k = m, 2m, … (see
// TestOracleQuirkAvoided).
func TestOracleForecasts(t *testing.T) {
	for _, s := range loadOracles(t) {
		y := s.Series.Values
		for name, fx := range s.Fixed {
			t.Run(s.Series.Name+"/"+name, func(t *testing.T) {
				m := fx.model()
				f, err := m.Fit(y)
				if err != nil {
					t.Fatal(err)
				}
				p, err := f.Forecast(s.Horizon, nil)
				if err != nil {
					t.Fatal(err)
				}
				checkSlice(t, "forecast", p.Point, fx.Forecast, maxAbs(y))
				hf, err := m.Fit(y[:s.Holdout.NTrain])
				if err != nil {
					t.Fatal(err)
				}
				if !closeTo(hf.SSE, fx.Holdout.TrainSSE, 0) {
					t.Errorf("hold-out SSE = %.17g, want %.17g", hf.SSE, fx.Holdout.TrainSSE)
				}
				hp, err := hf.Forecast(s.Holdout.NTest, nil)
				if err != nil {
					t.Fatal(err)
				}
				checkHoldout(t, s, hp.Point, fx.Holdout)
			})
		}
	}
}

// TestOracleQuirkAvoided shows that the oracle's statsmodels_raw forecasts
// differ from the textbook ones exactly at k = m, 2m, … for seasonal
// models, and that Forecast gives the textbook ones.
func TestOracleQuirkAvoided(t *testing.T) {
	s := loadOracle(t, "airpassengers")
	var raw struct {
		Fixed map[string]struct {
			Forecast []float64 `json:"forecast"`
			Raw      []float64 `json:"forecast_statsmodels_raw"`
		} `json:"fixed"`
	}
	data, err := os.ReadFile(filepath.Join("testdata", "oracle", "airpassengers.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	f, err := s.Fixed["hw_mul"].model().Fit(s.Series.Values)
	if err != nil {
		t.Fatal(err)
	}
	p, err := f.Forecast(24, nil)
	if err != nil {
		t.Fatal(err)
	}
	r := raw.Fixed["hw_mul"]
	for k := 1; k <= 24; k++ {
		differ := r.Raw[k-1] != r.Forecast[k-1]
		if differ != (k%12 == 0) {
			t.Errorf("statsmodels' raw forecast at k=%d differs: %v, want %v", k, differ, k%12 == 0)
		}
		if !closeTo(p.Point[k-1], r.Forecast[k-1], 0) {
			t.Errorf("Forecast k=%d = %.17g, want the textbook %.17g (statsmodels says %.17g)", k, p.Point[k-1], r.Forecast[k-1], r.Raw[k-1])
		}
	}
}

// TestOracleHeuristicInit compares the heuristic initial states with
// statsmodels' unrounded ones.
func TestOracleHeuristicInit(t *testing.T) {
	for _, s := range loadOracles(t) {
		y := s.Series.Values
		for name, want := range s.Heuristic {
			t.Run(s.Series.Name+"/"+name, func(t *testing.T) {
				fx := s.Fixed[name]
				m := fx.Model.model()
				m.Params, m.Init = fx.Params.params(), forecast.InitHeuristic
				f, err := m.Fit(y)
				if err != nil {
					t.Fatal(err)
				}
				got := f.Model.Initial
				scale := maxAbs(y)
				if !closeTo(got.Level, want.Level, scale) {
					t.Errorf("level = %.17g, want %.17g", got.Level, want.Level)
				}
				if want.Trend != nil && !closeTo(got.Trend, *want.Trend, scale) {
					t.Errorf("trend = %.17g, want %.17g", got.Trend, *want.Trend)
				}
				if want.Seasonal != nil {
					checkSlice(t, "seasonal", got.Seasonal, want.Seasonal, scale)
				}
			})
		}
	}
}

// TestOracleBaselines checks the linear trend, the moving averages and the
// naive and seasonal naive forecasts, with their hold-outs.
func TestOracleBaselines(t *testing.T) {
	for _, s := range loadOracles(t) {
		y := s.Series.Values
		scale := maxAbs(y)
		ntrain := s.Holdout.NTrain
		t.Run(s.Series.Name+"/linear_trend", func(t *testing.T) {
			lt := s.LinearTrend
			f, err := forecast.LinearTrend(y)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range []struct {
				name      string
				got, want float64
			}{
				{"intercept", f.Linear.Intercept, lt.Intercept}, {"slope", f.Linear.Slope, lt.Slope},
				{"sse", f.SSE, lt.SSE}, {"r_squared", f.Linear.RSquared, lt.RSquared},
				{"slope_stderr", f.Linear.SlopeStderr, lt.SlopeStderr},
				{"intercept_stderr", f.Linear.InterceptStderr, lt.InterceptStderr},
			} {
				if !closeTo(c.got, c.want, 0) {
					t.Errorf("%s = %.17g, want %.17g", c.name, c.got, c.want)
				}
			}
			checkSlice(t, "fitted", f.Fitted, lt.Fitted, scale)
			p, err := f.Forecast(s.Horizon, nil)
			if err != nil {
				t.Fatal(err)
			}
			checkSlice(t, "forecast", p.Point, lt.Forecast, scale)
			hf, err := forecast.LinearTrend(y[:ntrain])
			if err != nil {
				t.Fatal(err)
			}
			hp, _ := hf.Forecast(s.Holdout.NTest, nil)
			checkHoldout(t, s, hp.Point, lt.Holdout)
		})
		for name, ma := range s.MovingAverage {
			t.Run(s.Series.Name+"/"+name, func(t *testing.T) {
				f, err := forecast.MovingAverage(y, ma.Window)
				if err != nil {
					t.Fatal(err)
				}
				// the one-step fitted value of t is the trailing mean up to t-1
				if f.Offset != ma.Window {
					t.Fatalf("offset = %d, want %d", f.Offset, ma.Window)
				}
				for i, v := range f.Fitted {
					want := ma.RollingMean[f.Offset+i-1]
					if want == nil || !closeTo(v, *want, scale) {
						t.Fatalf("fitted[%d] = %.17g, want the rolling mean %v", i, v, want)
					}
				}
				p, _ := f.Forecast(s.Horizon, nil)
				checkSlice(t, "forecast", p.Point, ma.Forecast, scale)
				hf, _ := forecast.MovingAverage(y[:ntrain], ma.Window)
				hp, _ := hf.Forecast(s.Holdout.NTest, nil)
				checkHoldout(t, s, hp.Point, ma.Holdout)
			})
		}
		t.Run(s.Series.Name+"/naive", func(t *testing.T) {
			f, _ := forecast.Naive(y)
			p, _ := f.Forecast(s.Horizon, nil)
			checkSlice(t, "forecast", p.Point, s.Naive.Forecast, scale)
			hf, _ := forecast.Naive(y[:ntrain])
			hp, _ := hf.Forecast(s.Holdout.NTest, nil)
			checkHoldout(t, s, hp.Point, s.Naive.Holdout)
		})
		if s.SeasonalNaive != nil {
			t.Run(s.Series.Name+"/seasonal_naive", func(t *testing.T) {
				m := *s.Series.SeasonalPeriods
				f, _ := forecast.SeasonalNaive(y, m)
				p, _ := f.Forecast(s.Horizon, nil)
				checkSlice(t, "forecast", p.Point, s.SeasonalNaive.Forecast, scale)
				hf, _ := forecast.SeasonalNaive(y[:ntrain], m)
				hp, _ := hf.Forecast(s.Holdout.NTest, nil)
				checkHoldout(t, s, hp.Point, s.SeasonalNaive.Holdout)
			})
		}
	}
}
