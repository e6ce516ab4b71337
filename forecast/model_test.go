package forecast_test

import (
	"encoding/json"
	"errors"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/saleskit/saleskit/forecast"
)

// TestModelErrors checks that bad models and series are refused with the
// right sentinel.
func TestModelErrors(t *testing.T) {
	y := []float64{5, 6, 7, 8, 9, 10, 11, 12}
	cases := []struct {
		name string
		m    forecast.Model
		y    []float64
		want error
	}{
		{"no method", forecast.Model{}, y, forecast.ErrUnknownName},
		{"period", forecast.Model{Method: forecast.MethodSeasonalNaive, Period: 1}, y, forecast.ErrModel},
		{"window", forecast.Model{Method: forecast.MethodMovingAverage}, y, forecast.ErrModel},
		{"weights", forecast.Model{Method: forecast.MethodWeightedMovingAverage, Weights: []float64{0, 0}}, y, forecast.ErrModel},
		{"negative weight", forecast.Model{Method: forecast.MethodWeightedMovingAverage, Weights: []float64{1, -1}}, y, forecast.ErrModel},
		{"damped ses", forecast.Model{Method: forecast.MethodSES, Damped: true}, y, forecast.ErrModel},
		{"seasonal holt", forecast.Model{Method: forecast.MethodHolt, Seasonal: forecast.Additive}, y, forecast.ErrModel},
		{"hw without season", forecast.Model{Method: forecast.MethodHoltWinters, Period: 4}, y, forecast.ErrModel},
		{"params on naive", forecast.Model{Method: forecast.MethodNaive, Params: &forecast.Params{Alpha: 0.5}}, y, forecast.ErrModel},
		{"alpha", forecast.Model{Method: forecast.MethodSES, Params: &forecast.Params{Alpha: 1.5}}, y, forecast.ErrParams},
		{"beta above alpha", forecast.Model{Method: forecast.MethodHolt, Params: &forecast.Params{Alpha: 0.2, Beta: 0.3}}, y, forecast.ErrParams},
		{"gamma", forecast.Model{Method: forecast.MethodHoltWinters, Period: 2, Seasonal: forecast.Additive,
			Params: &forecast.Params{Alpha: 0.8, Gamma: 0.3}}, y, forecast.ErrParams},
		{"phi", forecast.Model{Method: forecast.MethodHolt, Damped: true, Params: &forecast.Params{Alpha: 0.5, Phi: 1.2}}, y, forecast.ErrParams},
		{"seasonal states", forecast.Model{Method: forecast.MethodHoltWinters, Period: 4, Seasonal: forecast.Additive,
			Initial: &forecast.States{Level: 1, Seasonal: []float64{1, 2}}}, y, forecast.ErrInitial},
		{"factor", forecast.Model{Method: forecast.MethodHoltWinters, Period: 2, Seasonal: forecast.Multiplicative,
			Initial: &forecast.States{Level: 1, Seasonal: []float64{1, 0}}}, y, forecast.ErrInitial},
		{"empty", forecast.Model{Method: forecast.MethodSES}, nil, forecast.ErrSeries},
		{"NaN", forecast.Model{Method: forecast.MethodSES}, []float64{1, math.NaN()}, forecast.ErrSeries},
		{"Inf", forecast.Model{Method: forecast.MethodNaive}, []float64{math.Inf(1)}, forecast.ErrSeries},
		{"short season", forecast.Model{Method: forecast.MethodHoltWinters, Period: 12, Seasonal: forecast.Additive}, y, forecast.ErrTooShort},
		{"short window", forecast.Model{Method: forecast.MethodMovingAverage, Window: 12}, y, forecast.ErrTooShort},
		{"short line", forecast.Model{Method: forecast.MethodLinearTrend}, y[:2], forecast.ErrTooShort},
		{"zero for multiplicative", forecast.Model{Method: forecast.MethodHoltWinters, Period: 2, Seasonal: forecast.Multiplicative},
			[]float64{1, 2, 0, 2, 1, 2}, forecast.ErrSeries},
		{"diverging", forecast.Model{Method: forecast.MethodHolt, Params: &forecast.Params{Alpha: 1, Beta: 1},
			Initial: &forecast.States{Level: 1e300, Trend: 1e300}}, []float64{1e300, -1e300, 1e300}, forecast.ErrDiverged},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := c.m.Fit(c.y)
			if !errors.Is(err, c.want) {
				t.Errorf("Fit = %v, want an error wrapping %v", err, c.want)
			}
			if err != nil {
				clearError(t, err)
			}
		})
	}
}

// TestNaiveIntervals checks the naive method's intervals by hand: y = 1, 3,
// 2, 4 gives residuals 2, -1, 2, σ² = 9/3 = 3, and the k-step interval
// 4 ± z·√(3k).
func TestNaiveIntervals(t *testing.T) {
	f, err := forecast.Naive([]float64{1, 3, 2, 4})
	if err != nil {
		t.Fatal(err)
	}
	p, err := f.Forecast(3, nil)
	if err != nil {
		t.Fatal(err)
	}
	const z = 1.959963984540054
	for k := 1; k <= 3; k++ {
		w := z * math.Sqrt(3*float64(k))
		if p.Point[k-1] != 4 || math.Abs(p.Upper[k-1]-(4+w)) > 1e-12 || math.Abs(p.Lower[k-1]-(4-w)) > 1e-12 {
			t.Errorf("k=%d: %v [%v, %v], want 4 ± %v", k, p.Point[k-1], p.Lower[k-1], p.Upper[k-1], w)
		}
	}
	if p.Level != 0.95 {
		t.Errorf("level = %v, want 0.95", p.Level)
	}
}

// TestSmoothingIntervals checks the class-1 variance formula on a fixed
// Holt-Winters fit: σ²·(1 + Σ_{j<k} c_j²) with c_j = α + α·β·j + γ·[4 | j].
func TestSmoothingIntervals(t *testing.T) {
	y := []float64{10, 14, 8, 25, 16, 22, 14, 35, 15, 27, 18, 40, 28, 40, 25, 65}
	par := &forecast.Params{Alpha: 0.3, Beta: 0.1, Gamma: 0.2}
	m := forecast.Model{Method: forecast.MethodHoltWinters, Period: 4, Seasonal: forecast.Additive, Params: par,
		Initial: &forecast.States{Level: 15, Trend: 1, Seasonal: []float64{-5, 0, -8, 13}}}
	f, err := m.Fit(y)
	if err != nil {
		t.Fatal(err)
	}
	p, err := f.Forecast(9, &forecast.ForecastOptions{Level: 0.8})
	if err != nil {
		t.Fatal(err)
	}
	s2 := f.SSE / float64(len(f.Residuals))
	z := 1.2815515655446004 // the 0.9 quantile of the standard normal
	var sum float64
	for k := 1; k <= 9; k++ {
		if k > 1 {
			j := float64(k - 1)
			c := par.Alpha + par.Alpha*par.Beta*j
			if (k-1)%4 == 0 {
				c += par.Gamma
			}
			sum += c * c
		}
		w := z * math.Sqrt(s2*(1+sum))
		if math.Abs(p.Upper[k-1]-p.Point[k-1]-w) > 1e-9*w {
			t.Errorf("k=%d: half-width %v, want %v", k, p.Upper[k-1]-p.Point[k-1], w)
		}
	}
	mul := m
	mul.Seasonal = forecast.Multiplicative
	mul.Initial = &forecast.States{Level: 15, Trend: 1, Seasonal: []float64{0.7, 1, 0.5, 1.8}}
	fm, _ := mul.Fit(y)
	pm, _ := fm.Forecast(4, nil)
	if pm.Lower != nil || len(pm.Reasons) != 1 || pm.Reasons[0].Code != forecast.CodeNoIntervals {
		t.Errorf("multiplicative intervals %v, reasons %v; want none, and why", pm.Lower, pm.Reasons)
	}
}

// TestLinearIntervals checks the linear trend's prediction interval with
// Student's t: for 12 points, t(0.975, 10 df) = 2.2281388519649385.
func TestLinearIntervals(t *testing.T) {
	y := []float64{3, 5, 4, 7, 9, 8, 11, 10, 13, 15, 14, 17}
	f, err := forecast.LinearTrend(y)
	if err != nil {
		t.Fatal(err)
	}
	p, err := f.Forecast(2, nil)
	if err != nil {
		t.Fatal(err)
	}
	n := 12.0
	s := math.Sqrt(f.SSE / (n - 2))
	sxx := n * (n*n - 1) / 12
	for k := 1; k <= 2; k++ {
		x := n - 1 + float64(k)
		w := 2.2281388519649385 * s * math.Sqrt(1+1/n+(x-5.5)*(x-5.5)/sxx)
		if math.Abs(p.Upper[k-1]-p.Point[k-1]-w) > 1e-9*w {
			t.Errorf("k=%d: half-width %v, want %v", k, p.Upper[k-1]-p.Point[k-1], w)
		}
	}
}

// TestFitJSON: a fit round-trips through JSON and forecasts the same after;
// a damaged one is refused.
func TestFitJSON(t *testing.T) {
	for _, m := range []forecast.Model{
		{Method: forecast.MethodHoltWinters, Period: 12, Seasonal: forecast.Multiplicative, Damped: true},
		{Method: forecast.MethodWeightedMovingAverage, Weights: []float64{1, 2, 3}},
		{Method: forecast.MethodSeasonalNaive, Period: 12},
		{Method: forecast.MethodLinearTrend},
	} {
		f, err := m.Fit(monthlyBookings)
		if err != nil {
			t.Fatal(err)
		}
		data, err := json.Marshal(f)
		if err != nil {
			t.Fatal(err)
		}
		var back forecast.Fit
		if err := json.Unmarshal(data, &back); err != nil {
			t.Fatal(err)
		}
		a, _ := f.Forecast(14, nil)
		b, err := back.Forecast(14, nil)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(a, b); diff != "" {
			t.Errorf("%s: forecast after a JSON round trip (-before +after):\n%s", m.Name(), diff)
		}
		back.Last = nil
		back.Level = nil
		back.Linear = nil
		if _, err := back.Forecast(1, nil); !errors.Is(err, forecast.ErrModel) {
			t.Errorf("%s: forecast of a damaged fit = %v, want ErrModel", m.Name(), err)
		}
	}
	f, _ := forecast.Naive(monthlyBookings)
	for _, h := range []int{0, -1, forecast.MaxHorizon + 1} {
		if _, err := f.Forecast(h, nil); !errors.Is(err, forecast.ErrHorizon) {
			t.Errorf("Forecast(%d) = %v, want ErrHorizon", h, err)
		}
	}
	if _, err := f.Forecast(1, &forecast.ForecastOptions{Level: 1}); !errors.Is(err, forecast.ErrOption) {
		t.Errorf("Forecast at level 1 = %v, want ErrOption", err)
	}
}

// TestShorterThanSeason: with given initial states, Holt-Winters fits a
// series shorter than one season and forecasts each position from its
// last seasonal value, the initial one where the series has not reached it.
func TestShorterThanSeason(t *testing.T) {
	m := forecast.Model{Method: forecast.MethodHoltWinters, Period: 12, Seasonal: forecast.Additive,
		Params:  &forecast.Params{Alpha: 0.3, Beta: 0.1, Gamma: 0.1},
		Initial: &forecast.States{Level: 10, Trend: 1, Seasonal: make([]float64, 12)}}
	m.Initial.Seasonal[3], m.Initial.Seasonal[4] = 2, 5 // the seasons of observations 3 and 4
	f, err := m.Fit([]float64{11, 12, 13})
	if err != nil {
		t.Fatal(err)
	}
	p, err := f.Forecast(2, nil)
	if err != nil {
		t.Fatal(err)
	}
	// steps 1 and 2 are observations 3 and 4, whose seasonal values are
	// still the initial 2 and 5
	l, b := f.Level[2], f.Trend[2]
	if want := l + b + 2; math.Abs(p.Point[0]-want) > 1e-12 {
		t.Errorf("forecast of observation 3 = %v, want %v", p.Point[0], want)
	}
	if want := l + 2*b + 5; math.Abs(p.Point[1]-want) > 1e-12 {
		t.Errorf("forecast of observation 4 = %v, want %v", p.Point[1], want)
	}
}

// TestShortSeriesSimpleInit: a smoothing model on fewer points than the
// heuristic needs takes the simple initial states, and says so.
func TestShortSeriesSimpleInit(t *testing.T) {
	f, err := forecast.HoltWinters([]float64{10, 20, 30, 12, 22, 33, 13, 24}, 3, forecast.Additive,
		&forecast.SmoothingOptions{Init: forecast.InitHeuristic})
	if err != nil {
		t.Fatal(err)
	}
	// simple: level = mean(10, 20, 30) = 20; trend = mean((12-10, 22-20, 33-30))/3 = 7/9; seasonal y - 20
	st := f.Model.Initial
	if st.Level != 20 || math.Abs(st.Trend-7.0/9) > 1e-15 || st.Seasonal[0] != -10 || st.Seasonal[2] != 10 {
		t.Errorf("simple states = %+v, want level 20, trend 7/9, seasonal -10, 0, 10", st)
	}
	if f.Reasons[0].Code != forecast.CodeSimpleInitialStates {
		t.Errorf("reasons %v, want simple_initial_states first", f.Reasons)
	}
}
