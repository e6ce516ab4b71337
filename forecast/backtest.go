package forecast

import "strconv"

// BacktestOptions are the optional settings of [Backtest]. Each field
// defaults on its own.
type BacktestOptions struct {
	// Horizon is how many steps ahead each origin forecasts; default 1.
	Horizon int `json:"horizon,omitempty"`
	// Step is how far apart the origins are; default the horizon.
	Step int `json:"step,omitempty"`
	// Initial is the number of observations the first origin trains on;
	// default the larger of half the series (rounded up) and the fewest
	// the model needs.
	Initial int `json:"initial,omitempty"`
	// Lag is the lag of MASE's naive scale; default the model's seasonal
	// period, or 1.
	Lag int `json:"lag,omitempty"`
}

// Window is one origin of a backtest: the model trained on the first Origin
// observations, its forecast of the next len(Forecast) and what they were.
type Window struct {
	Origin   int       `json:"origin"`
	Forecast []float64 `json:"forecast"`
	Actual   []float64 `json:"actual"`
}

// BacktestReport is the result of a rolling-origin backtest: the model as
// specified (refitted at every origin), the accuracy of every forecast at
// every origin together, the accuracy k steps ahead for k = 1 … Horizon
// (ByHorizon[k-1]), and every window. MASE scales each error by the naive
// error of its own origin's training data.
type BacktestReport struct {
	Model     Model            `json:"model"`
	Horizon   int              `json:"horizon"`
	Origins   int              `json:"origins"`
	Accuracy  AccuracyReport   `json:"accuracy"`
	ByHorizon []AccuracyReport `json:"by_horizon"`
	Windows   []Window         `json:"windows"`
}

// Backtest evaluates m on y by rolling origin: it fits m to the first
// Initial observations and forecasts the next Horizon, then moves the origin
// Step observations on and does it again, as long as a whole horizon is
// left to compare with. Every fit starts afresh from the model as given, so
// optimised parameters are re-estimated at each origin, as they would be in
// use.
//
// Errors are *FieldErrors wrapping [ErrSeries], [ErrOption], [ErrTooShort]
// (fewer than Initial + Horizon observations) or any error [Model.Fit] or
// [Fit.Forecast] returns at an origin, which the error names.
func Backtest(y []float64, m Model, opts *BacktestOptions) (BacktestReport, error) {
	if err := m.check(); err != nil {
		return BacktestReport{}, err
	}
	if err := checkSeries("y", y); err != nil {
		return BacktestReport{}, err
	}
	o, err := backtestOptions(y, m, opts)
	if err != nil {
		return BacktestReport{}, err
	}
	r := BacktestReport{Model: m, Horizon: o.Horizon}
	all := errorSums{lag: o.Lag}
	by := make([]errorSums, o.Horizon)
	for k := range by {
		by[k].lag = o.Lag
	}
	n := len(y)
	for origin := o.Initial; origin+o.Horizon <= n; origin += o.Step {
		f, err := m.Fit(y[:origin])
		if err != nil {
			return BacktestReport{}, atOrigin(origin, err)
		}
		p, err := f.Forecast(o.Horizon, nil)
		if err != nil {
			return BacktestReport{}, atOrigin(origin, err)
		}
		scale, long := naiveScale(y[:origin], o.Lag)
		actual := y[origin : origin+o.Horizon]
		for k, a := range actual {
			all.add(a, p.Point[k], scale)
			by[k].add(a, p.Point[k], scale)
			if long && !(scale > 0) {
				all.scaleZero, by[k].scaleZero = true, true
			}
		}
		r.Windows = append(r.Windows, Window{Origin: origin, Forecast: p.Point, Actual: append([]float64(nil), actual...)})
		r.Origins++
	}
	r.Accuracy = all.report()
	for k := range by {
		r.ByHorizon = append(r.ByHorizon, by[k].report())
	}
	if r.Accuracy.N == 0 {
		return BacktestReport{}, fieldErr("y", "", wrap(ErrDiverged, "the backtest errors overflow float64"))
	}
	return r, nil
}

// atOrigin names the origin an error happened at.
func atOrigin(origin int, err error) error {
	return fieldErr("origin", strconv.Itoa(origin), err)
}

// backtestOptions fills in the defaults and checks the options against y.
func backtestOptions(y []float64, m Model, opts *BacktestOptions) (BacktestOptions, error) {
	var o BacktestOptions
	if opts != nil {
		o = *opts
	}
	var errs []error
	neg := func(field string, v int) {
		if v < 0 {
			errs = append(errs, fieldErr(field, strconv.Itoa(v), wrap(ErrOption, "negative")))
		}
	}
	neg("horizon", o.Horizon)
	neg("step", o.Step)
	neg("initial", o.Initial)
	neg("lag", o.Lag)
	if o.Horizon > MaxHorizon {
		errs = append(errs, fieldErr("horizon", strconv.Itoa(o.Horizon), ErrHorizon))
	}
	if len(errs) > 0 {
		return o, joinErrs(errs)
	}
	n := len(y)
	if o.Horizon == 0 {
		o.Horizon = 1
	}
	if o.Step == 0 {
		o.Step = o.Horizon
	}
	if o.Initial == 0 {
		o.Initial = max((n+1)/2, m.minimum())
	}
	if o.Lag == 0 {
		o.Lag = 1
		if m.Method == MethodHoltWinters || m.Method == MethodSeasonalNaive {
			o.Lag = m.Period
		}
	}
	if o.Initial < m.minimum() {
		return o, fieldErr("initial", strconv.Itoa(o.Initial), wrap(ErrTooShort,
			m.Name()+" needs "+strconv.Itoa(m.minimum())+" observations to train on"))
	}
	if o.Initial+o.Horizon > n {
		return o, fieldErr("y", "", wrap(ErrTooShort, "a backtest training on "+strconv.Itoa(o.Initial)+
			" observations and forecasting "+strconv.Itoa(o.Horizon)+" needs "+strconv.Itoa(o.Initial+o.Horizon)+
			", the series has "+strconv.Itoa(n)))
	}
	return o, nil
}
