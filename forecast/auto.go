package forecast

import (
	"slices"
	"strconv"
	"strings"
)

// Metric is the accuracy measure [Auto] ranks models by. The zero value is
// MAE.
type Metric int

// The measures; see [AccuracyReport].
const (
	MAE Metric = iota
	RMSE
	MAPE
	SMAPE
	MASE
)

var metricNames = enumNames{"mae", "rmse", "mape", "smape", "mase"}

// String returns the wire name of m ("mae"), or "Metric(n)".
func (m Metric) String() string { return metricNames.str("Metric", int(m)) }

// MarshalText encodes m as its name; a value without one is a *FieldError
// wrapping [ErrUnknownName].
func (m Metric) MarshalText() ([]byte, error) { return metricNames.text("metric", "Metric", int(m)) }

// UnmarshalText decodes "mae", "rmse", "mape", "smape" or "mase"; any other
// text is a *FieldError wrapping [ErrUnknownName].
func (m *Metric) UnmarshalText(b []byte) error {
	v, err := metricNames.parse("metric", b)
	if err != nil {
		return err
	}
	*m = Metric(v)
	return nil
}

// display returns the measure's usual written name: "MAE", "sMAPE".
func (m Metric) display() string {
	if m == SMAPE {
		return "sMAPE"
	}
	return strings.ToUpper(m.String())
}

// of returns the measure from r, and whether r has it.
func (m Metric) of(r AccuracyReport) (float64, bool) {
	switch m {
	case MAE:
		return r.MAE, true
	case RMSE:
		return r.RMSE, true
	case SMAPE:
		return r.SMAPE, true
	case MAPE:
		if r.MAPE != nil {
			return *r.MAPE, true
		}
	case MASE:
		if r.MASE != nil {
			return *r.MASE, true
		}
	}
	return 0, false
}

// Candidates returns the models [Auto] compares by default: naive, a moving
// average (of the period, or of 3), SES, Holt, damped Holt and the linear
// trend; and, for a seasonal period of 2 or more, seasonal naive and
// Holt-Winters additive and multiplicative, each plain and damped. Smoothing
// models estimate their parameters and initial states. It returns a fresh
// list on every call.
func Candidates(period int) []Model {
	window := 3
	if period >= 2 {
		window = period
	}
	ms := []Model{
		{Method: MethodNaive},
		{Method: MethodMovingAverage, Window: window},
		{Method: MethodSES},
		{Method: MethodHolt},
		{Method: MethodHolt, Damped: true},
		{Method: MethodLinearTrend},
	}
	if period >= 2 {
		ms = append(ms,
			Model{Method: MethodSeasonalNaive, Period: period},
			Model{Method: MethodHoltWinters, Period: period, Seasonal: Additive},
			Model{Method: MethodHoltWinters, Period: period, Seasonal: Additive, Damped: true},
			Model{Method: MethodHoltWinters, Period: period, Seasonal: Multiplicative},
			Model{Method: MethodHoltWinters, Period: period, Seasonal: Multiplicative, Damped: true},
		)
	}
	return ms
}

// AutoOptions are the optional settings of [Auto]. Each field defaults on
// its own.
type AutoOptions struct {
	// Candidates are the models to compare; default Candidates(Period).
	Candidates []Model `json:"candidates,omitempty"`
	// Period is the seasonal period the default candidates use; zero
	// means none.
	Period int `json:"period,omitempty"`
	// Metric ranks the candidates; default MAE.
	Metric Metric `json:"metric,omitempty"`
	// Backtest sets the backtest every candidate runs. By default each
	// origin forecasts one period ahead (Period steps, or 1), origins are
	// a horizon apart, and the first trains on half the series, or on as
	// many observations as the most demanding candidate that fits needs.
	Backtest *BacktestOptions `json:"backtest,omitempty"`
}

// Candidate is one model [Auto] compared: its backtest and its score on the
// chosen metric, or why it was left out.
type Candidate struct {
	Model    Model           `json:"model"`
	Score    *float64        `json:"score,omitempty"`
	Backtest *BacktestReport `json:"backtest,omitempty"`
	Skipped  *Reason         `json:"skipped,omitempty"`
}

// Choice is the model [Auto] picked, fitted to the whole series, with every
// candidate ranked (best first, then the skipped ones in the order given)
// and the reason for the pick.
type Choice struct {
	Model      Model       `json:"model"`
	Fit        *Fit        `json:"fit"`
	Metric     Metric      `json:"metric"`
	Candidates []Candidate `json:"candidates"`
	Reason     Reason      `json:"reason"`
}

// Auto backtests every candidate model on y with the same origins and
// horizon, picks the one with the lowest error on the chosen metric (the
// first listed on a tie), fits it to the whole series and says why. A
// candidate that cannot be backtested (too short a series, a multiplicative
// season on data with zeros, an undefined metric) is skipped, with the
// reason. Errors are *FieldErrors wrapping [ErrSeries], [ErrOption],
// [ErrUnknownName], [ErrModel] or, when no candidate can be compared,
// [ErrTooShort].
func Auto(y []float64, opts *AutoOptions) (*Choice, error) {
	var o AutoOptions
	if opts != nil {
		o = *opts
	}
	if err := checkSeries("y", y); err != nil {
		return nil, err
	}
	if o.Metric < MAE || o.Metric > MASE {
		return nil, fieldErr("metric", o.Metric.String(), ErrUnknownName)
	}
	if o.Period < 0 || o.Period == 1 || o.Period > MaxPeriod {
		return nil, fieldErr("period", strconv.Itoa(o.Period), wrap(ErrOption, "a period is 0 (none) or 2 to "+strconv.Itoa(MaxPeriod)))
	}
	cands := o.Candidates
	if cands == nil {
		cands = Candidates(o.Period)
	}
	if len(cands) == 0 {
		return nil, fieldErr("candidates", "", wrap(ErrOption, "no candidates"))
	}
	var errs []error
	for i, m := range cands {
		if err := m.check(); err != nil {
			errs = append(errs, fieldErr("candidates["+strconv.Itoa(i)+"]", m.Name(), err))
		}
	}
	if len(errs) > 0 {
		return nil, joinErrs(errs)
	}
	var bo BacktestOptions
	if o.Backtest != nil {
		bo = *o.Backtest
	}
	n := len(y)
	if bo.Horizon == 0 {
		bo.Horizon = 1
		if o.Period >= 2 {
			bo.Horizon = o.Period
		}
		if bo.Horizon >= n {
			bo.Horizon = 1
		}
	}
	if bo.Initial == 0 {
		bo.Initial = (n + 1) / 2
		for _, m := range cands {
			if k := m.minimum(); k+bo.Horizon <= n {
				bo.Initial = max(bo.Initial, k)
			}
		}
	}
	ch := &Choice{Metric: o.Metric}
	var ranked, skipped []Candidate
	for _, m := range cands {
		c := Candidate{Model: m}
		r, err := Backtest(y, m, &bo)
		if err != nil {
			c.Skipped = &Reason{Code: CodeCandidateSkipped, Texts: map[string]string{"model": m.Name(), "error": err.Error()}}
			skipped = append(skipped, c)
			continue
		}
		score, ok := o.Metric.of(r.Accuracy)
		if !ok {
			c.Skipped = &Reason{Code: CodeCandidateSkipped, Texts: map[string]string{"model": m.Name(),
				"error": o.Metric.display() + " is not defined for its backtest"}}
			skipped = append(skipped, c)
			continue
		}
		c.Score, c.Backtest = &score, &r
		ranked = append(ranked, c)
	}
	if len(ranked) == 0 {
		why := ""
		if len(skipped) > 0 {
			why = ": " + skipped[0].Skipped.Texts["error"]
		}
		return nil, fieldErr("y", "", wrap(ErrTooShort, "no candidate could be backtested"+why))
	}
	slices.SortStableFunc(ranked, func(a, b Candidate) int {
		switch {
		case *a.Score < *b.Score:
			return -1
		case *a.Score > *b.Score:
			return 1
		}
		return 0
	})
	best := ranked[0]
	f, err := best.Model.Fit(y)
	if err != nil {
		return nil, err
	}
	ch.Model, ch.Fit = best.Model, f
	ch.Candidates = append(ranked, skipped...)
	acc := best.Backtest.Accuracy
	if len(ranked) == 1 {
		ch.Reason = Reason{Code: CodeOnlyCandidate, Texts: map[string]string{"model": best.Model.Name(), "metric": o.Metric.display()},
			Numbers: map[string]float64{"score": *best.Score, "forecasts": float64(acc.N), "origins": float64(best.Backtest.Origins)}}
	} else {
		next := ranked[1]
		ch.Reason = Reason{Code: CodeBestBacktest,
			Texts: map[string]string{"model": best.Model.Name(), "metric": o.Metric.display(), "runner_up": next.Model.Name()},
			Numbers: map[string]float64{"score": *best.Score, "runner_up_score": *next.Score, "forecasts": float64(acc.N),
				"origins": float64(best.Backtest.Origins), "candidates": float64(len(ranked))}}
	}
	return ch, nil
}
