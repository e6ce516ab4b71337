package forecast_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/saleskit/saleskit/forecast"
)

// The oracle: statsmodels 0.13.5 on six public series, copied from the
// shared oracle folder into testdata/oracle (its README there says how each
// number was made).

type oracleSeries struct {
	Series struct {
		Name            string    `json:"name"`
		SeasonalPeriods *int      `json:"seasonal_periods"`
		N               int       `json:"n"`
		Values          []float64 `json:"values"`
	} `json:"series"`
	Horizon int `json:"horizon"`
	Holdout struct {
		NTrain        int     `json:"n_train"`
		NTest         int     `json:"n_test"`
		MASEScaleLag  int     `json:"mase_scale_lag"`
		MASEScale     float64 `json:"mase_scale"`
		MASEScaleLag1 float64 `json:"mase_scale_lag1"`
	} `json:"holdout"`
	Heuristic   map[string]oracleStates    `json:"statsmodels_heuristic_init"`
	Fixed       map[string]oracleFixed     `json:"fixed"`
	Optimised   map[string]oracleOptimised `json:"optimised"`
	LinearTrend struct {
		Intercept       float64       `json:"intercept"`
		Slope           float64       `json:"slope"`
		Fitted          []float64     `json:"fitted"`
		SSE             float64       `json:"sse"`
		RSquared        float64       `json:"r_squared"`
		SlopeStderr     float64       `json:"slope_stderr"`
		InterceptStderr float64       `json:"intercept_stderr"`
		Forecast        []float64     `json:"forecast"`
		Holdout         oracleHoldout `json:"holdout"`
	} `json:"linear_trend"`
	MovingAverage map[string]struct {
		Window      int        `json:"window"`
		RollingMean []*float64 `json:"rolling_mean"`
		Forecast    []float64  `json:"forecast"`
		Holdout     oracleHoldout
	} `json:"moving_average"`
	Naive         *oracleBenchmark `json:"naive"`
	SeasonalNaive *oracleBenchmark `json:"seasonal_naive"`
}

type oracleStates struct {
	Level    float64   `json:"level"`
	Trend    *float64  `json:"trend"`
	Seasonal []float64 `json:"seasonal"`
}

type oracleParams struct {
	Alpha float64  `json:"alpha"`
	Beta  *float64 `json:"beta"`
	Gamma *float64 `json:"gamma"`
	Phi   *float64 `json:"phi"`
}

type oracleModel struct {
	Trend           *string `json:"trend"`
	Damped          bool    `json:"damped"`
	Seasonal        *string `json:"seasonal"`
	SeasonalPeriods *int    `json:"seasonal_periods"`
}

type oracleHoldout struct {
	TrainSSE float64   `json:"train_sse"`
	Actual   []float64 `json:"actual"`
	Forecast []float64 `json:"forecast"`
	Errors   []float64 `json:"errors"`
	MAE      float64   `json:"mae"`
	RMSE     float64   `json:"rmse"`
	MAPE     float64   `json:"mape"`
	SMAPE    float64   `json:"smape"`
	MASE     float64   `json:"mase"`
	MASELag1 float64   `json:"mase_lag1"`
	Bias     float64   `json:"bias"`
}

type oracleFixed struct {
	Model    oracleModel   `json:"model"`
	Params   oracleParams  `json:"params"`
	Initial  oracleStates  `json:"initial"`
	Fitted   []float64     `json:"fitted"`
	SSE      float64       `json:"sse"`
	Level    []float64     `json:"level"`
	Trend    []float64     `json:"trend"`
	Season   []float64     `json:"season"`
	Forecast []float64     `json:"forecast"`
	Holdout  oracleHoldout `json:"holdout"`
}

type oracleFit struct {
	Params  oracleParams `json:"params"`
	Initial oracleStates `json:"initial"`
	SSE     float64      `json:"sse"`
}

type oracleOptimised struct {
	Model     oracleModel `json:"model"`
	FixedInit struct {
		Default oracleFit `json:"statsmodels_default"`
		Best    oracleFit `json:"best"`
	} `json:"fixed_init"`
	EstimatedInit struct {
		Default oracleFit `json:"statsmodels_default"`
		Best    oracleFit `json:"best"`
	} `json:"estimated_init"`
}

type oracleBenchmark struct {
	Forecast []float64     `json:"forecast"`
	Holdout  oracleHoldout `json:"holdout"`
}

func loadOracles(t testing.TB) []oracleSeries {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "oracle", "*.json"))
	if err != nil || len(files) != 6 {
		t.Fatalf("oracle files: %v, %v", files, err)
	}
	var out []oracleSeries
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var s oracleSeries
		if err := json.Unmarshal(data, &s); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		out = append(out, s)
	}
	return out
}

func loadOracle(t testing.TB, name string) oracleSeries {
	t.Helper()
	for _, s := range loadOracles(t) {
		if s.Series.Name == name {
			return s
		}
	}
	t.Fatalf("no oracle series %q", name)
	return oracleSeries{}
}

// model returns the saleskit model of an oracle method.
func (m oracleModel) model() forecast.Model {
	out := forecast.Model{Method: forecast.MethodSES, Damped: m.Damped}
	if m.Trend != nil {
		out.Method = forecast.MethodHolt
	}
	if m.Seasonal != nil {
		out.Method = forecast.MethodHoltWinters
		out.Period = *m.SeasonalPeriods
		out.Seasonal = forecast.Additive
		if *m.Seasonal == "mul" {
			out.Seasonal = forecast.Multiplicative
		}
	}
	return out
}

// model returns the fixed fit's model: its parameters and pinned initial
// states.
func (fx oracleFixed) model() forecast.Model {
	m := fx.Model.model()
	m.Params, m.Initial = fx.Params.params(), fx.Initial.states()
	return m
}

func (p oracleParams) params() *forecast.Params {
	out := &forecast.Params{Alpha: p.Alpha}
	for _, x := range []struct {
		v   *float64
		dst *float64
	}{{p.Beta, &out.Beta}, {p.Gamma, &out.Gamma}, {p.Phi, &out.Phi}} {
		if x.v != nil {
			*x.dst = *x.v
		}
	}
	return out
}

func (s oracleStates) states() *forecast.States {
	out := &forecast.States{Level: s.Level, Seasonal: s.Seasonal}
	if s.Trend != nil {
		out.Trend = *s.Trend
	}
	return out
}
