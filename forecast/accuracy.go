package forecast

import (
	"math"
	"strconv"
)

// AccuracyOptions are the optional settings of [Accuracy].
type AccuracyOptions struct {
	// Train is the series the forecast was made from, oldest first. MASE
	// needs it: without it, MASE is left out.
	Train []float64 `json:"train,omitempty"`
	// Lag is the lag of the naive forecast MASE scales by: the seasonal
	// period for seasonal data, 1 (the default) otherwise.
	Lag int `json:"lag,omitempty"`
}

// AccuracyReport measures forecasts against what happened. With actuals a,
// forecasts f and errors e = a - f over N points:
//
//	MAE   mean |e|
//	RMSE  √ mean e²
//	MAPE  100 · mean |e| / |a|, in percent, over the points whose actual
//	      is not zero (ZeroActuals counts the others); absent when every
//	      actual is zero
//	SMAPE 100 · mean 2|e| / (|a| + |f|), in percent, 0 to 200; a point
//	      where actual and forecast are both zero counts as no error
//	MASE  mean |e| / scale, scale = mean |y(t) - y(t-lag)| over the
//	      training series (MASEScale); absent without a training series
//	      longer than the lag, or when the scale is zero
//	Bias  mean (f - a): positive when the forecasts ran high
//
// Reasons say why a measure is absent or what it left out. No field is
// ever infinite or NaN.
type AccuracyReport struct {
	N           int      `json:"n"`
	MAE         float64  `json:"mae"`
	RMSE        float64  `json:"rmse"`
	MAPE        *float64 `json:"mape,omitempty"`
	SMAPE       float64  `json:"smape"`
	MASE        *float64 `json:"mase,omitempty"`
	MASEScale   float64  `json:"mase_scale,omitempty"`
	Bias        float64  `json:"bias"`
	ZeroActuals int      `json:"zero_actuals,omitempty"`
	Reasons     []Reason `json:"reasons,omitempty"`
}

// errorSums accumulates forecast errors; scaled errors |e|/scale feed MASE.
type errorSums struct {
	n, zero, scaled          int
	abs, sq, pct, spct, bias float64
	absScaled                float64
	scale                    float64 // the single scale, for reports of one forecast
	scaleKnown, scaleZero    bool
	lag                      int
}

func (s *errorSums) add(a, f, scale float64) {
	e := a - f
	s.n++
	s.abs += math.Abs(e)
	s.sq += e * e
	s.bias += f - a
	if a == 0 {
		s.zero++
	} else {
		s.pct += math.Abs(e) / math.Abs(a)
	}
	if d := math.Abs(a) + math.Abs(f); d > 0 {
		s.spct += 2 * math.Abs(e) / d
	}
	if scale > 0 {
		s.absScaled += math.Abs(e) / scale
		s.scaled++
	}
}

// report turns the sums into a report.
func (s *errorSums) report() AccuracyReport {
	n := float64(s.n)
	r := AccuracyReport{N: s.n, MAE: s.abs / n, RMSE: math.Sqrt(s.sq / n), SMAPE: 100 * s.spct / n,
		Bias: s.bias / n, ZeroActuals: s.zero}
	if s.zero < s.n {
		v := 100 * s.pct / float64(s.n-s.zero)
		r.MAPE = &v
	}
	if s.zero > 0 {
		r.Reasons = append(r.Reasons, Reason{Code: CodeZeroActuals, Numbers: map[string]float64{
			"zero": float64(s.zero), "n": n}})
	}
	switch {
	case s.scaled == s.n && s.n > 0:
		v := s.absScaled / n
		r.MASE = &v
		if s.scaleKnown {
			r.MASEScale = s.scale
		}
	case s.scaleZero:
		r.Reasons = append(r.Reasons, Reason{Code: CodeMaseZeroScale, Numbers: map[string]float64{"lag": float64(s.lag)}})
	default:
		r.Reasons = append(r.Reasons, Reason{Code: CodeMaseNoTraining, Numbers: map[string]float64{"lag": float64(s.lag)}})
	}
	for _, v := range []float64{r.MAE, r.RMSE, r.SMAPE, r.Bias} {
		if !finite(v) {
			return AccuracyReport{}
		}
	}
	return r
}

// naiveScale returns mean |y(t) - y(t-lag)| over y, and whether y is
// longer than lag.
func naiveScale(y []float64, lag int) (float64, bool) {
	if len(y) <= lag {
		return 0, false
	}
	var s float64
	for t := lag; t < len(y); t++ {
		s += math.Abs(y[t] - y[t-lag])
	}
	return s / float64(len(y)-lag), true
}

// Accuracy measures forecast against actual, point by point; see
// [AccuracyReport] for the measures. The two must have the same, non-zero
// length and be finite, as must opts.Train; errors are *FieldErrors
// wrapping [ErrSeries], [ErrLength], [ErrOption] or, when the measures
// overflow float64, [ErrDiverged].
func Accuracy(actual, forecast []float64, opts *AccuracyOptions) (AccuracyReport, error) {
	var o AccuracyOptions
	if opts != nil {
		o = *opts
	}
	if err := checkSeries("actual", actual); err != nil {
		return AccuracyReport{}, err
	}
	if err := checkSeries("forecast", forecast); err != nil {
		return AccuracyReport{}, err
	}
	if len(actual) != len(forecast) {
		return AccuracyReport{}, fieldErr("forecast", "", wrap(ErrLength, strconv.Itoa(len(forecast))+
			" forecasts for "+strconv.Itoa(len(actual))+" actuals"))
	}
	if o.Lag < 0 {
		return AccuracyReport{}, fieldErr("lag", strconv.Itoa(o.Lag), wrap(ErrOption, "negative lag"))
	}
	if o.Lag == 0 {
		o.Lag = 1
	}
	s := errorSums{lag: o.Lag}
	scale := 0.0
	if len(o.Train) > 0 {
		if err := checkSeries("train", o.Train); err != nil {
			return AccuracyReport{}, err
		}
		var ok bool
		if scale, ok = naiveScale(o.Train, o.Lag); ok {
			s.scale, s.scaleKnown, s.scaleZero = scale, true, !(scale > 0)
		}
	}
	for i := range actual {
		s.add(actual[i], forecast[i], scale)
	}
	r := s.report()
	if r.N == 0 || (r.MASE != nil && !finite(*r.MASE)) || (r.MAPE != nil && !finite(*r.MAPE)) {
		return AccuracyReport{}, fieldErr("forecast", "", wrap(ErrDiverged, "the errors overflow float64"))
	}
	if !finite(r.MASEScale) {
		return AccuracyReport{}, fieldErr("train", "", wrap(ErrDiverged, "the training series' changes overflow float64"))
	}
	return r, nil
}
