package forecast

import (
	"math"
	"strconv"
)

// Method is a forecasting method. The zero value names none and is invalid.
type Method int

// The methods.
const (
	MethodUnset Method = iota // no method: invalid
	// MethodNaive repeats the last value.
	MethodNaive
	// MethodSeasonalNaive repeats the last Period values.
	MethodSeasonalNaive
	// MethodMovingAverage forecasts the mean of the last Window values.
	MethodMovingAverage
	// MethodWeightedMovingAverage forecasts the weighted mean of the last
	// len(Weights) values, Weights oldest first.
	MethodWeightedMovingAverage
	// MethodSES is simple exponential smoothing: a level.
	MethodSES
	// MethodHolt is Holt's linear trend method: a level and a trend,
	// damped when Damped is set.
	MethodHolt
	// MethodHoltWinters is Holt-Winters: a level, a trend (damped when
	// Damped is set) and a season of Period, Additive or Multiplicative.
	MethodHoltWinters
	// MethodLinearTrend is an ordinary-least-squares straight line through
	// the series, observation t at x = t.
	MethodLinearTrend
)

var methodNames = enumNames{"", "naive", "seasonal_naive", "moving_average", "weighted_moving_average",
	"ses", "holt", "holt_winters", "linear_trend"}

// methodLabels are the methods' names for people.
var methodLabels = [][2]string{{}, {"Naive", "朴素预测"}, {"Seasonal naive", "季节朴素预测"}, {"Moving average", "移动平均"},
	{"Weighted moving average", "加权移动平均"}, {"Simple exponential smoothing", "简单指数平滑"},
	{"Holt's linear trend", "霍尔特线性趋势"}, {"Holt-Winters", "霍尔特-温特斯"}, {"Linear trend", "线性趋势"}}

// Label returns the method's name for people in lang ("Holt-Winters",
// "霍尔特-温特斯"), chosen as [Labels.Get] chooses between English and
// simplified Chinese; a value without a name gives its String.
func (m Method) Label(lang string) string {
	return methodNames.label("Method", int(m), methodLabels, lang)
}

// String returns the wire name of m ("holt_winters"), or "Method(n)".
func (m Method) String() string { return methodNames.str("Method", int(m)) }

// MarshalText encodes m as its name; the zero Method and values without a
// name are a *FieldError wrapping [ErrUnknownName].
func (m Method) MarshalText() ([]byte, error) { return methodNames.text("method", "Method", int(m)) }

// UnmarshalText decodes a method name; any other text is a *FieldError
// wrapping [ErrUnknownName].
func (m *Method) UnmarshalText(b []byte) error {
	v, err := methodNames.parse("method", b)
	if err != nil {
		return err
	}
	*m = Method(v)
	return nil
}

// InitMethod says how a smoothing model without given initial states gets
// them. The zero value is InitEstimated.
type InitMethod int

// The initial-state methods.
const (
	// InitEstimated optimises the initial states together with the free
	// smoothing parameters (all of them, seasonal values included, with no
	// normalisation), minimising the SSE.
	InitEstimated InitMethod = iota
	// InitHeuristic fixes the initial states at statsmodels' heuristic
	// values (see the package documentation), or at its simple ones for a
	// series too short for the heuristic.
	InitHeuristic
)

var initNames = enumNames{"estimated", "heuristic"}

// String returns the wire name of i ("estimated", "heuristic"), or
// "InitMethod(n)".
func (i InitMethod) String() string { return initNames.str("InitMethod", int(i)) }

// MarshalText encodes i as its name; a value without one is a *FieldError
// wrapping [ErrUnknownName].
func (i InitMethod) MarshalText() ([]byte, error) {
	return initNames.text("init", "InitMethod", int(i))
}

// UnmarshalText decodes "estimated" or "heuristic"; any other text is a
// *FieldError wrapping [ErrUnknownName].
func (i *InitMethod) UnmarshalText(b []byte) error {
	v, err := initNames.parse("init", b)
	if err != nil {
		return err
	}
	*i = InitMethod(v)
	return nil
}

// Model specifies a forecasting model: its method and the settings the
// method uses. It is plain data and round-trips through encoding/json, so a
// CRM can store the model a user picked.
//
// Period is the seasonal period m (12 for months in a year, 4 for quarters)
// of seasonal naive and Holt-Winters. Window is a moving average's length;
// Weights a weighted moving average's weights, oldest first (non-negative,
// not all zero). Damped damps the trend of Holt and Holt-Winters; Seasonal
// is Holt-Winters' seasonal form, additive or multiplicative.
//
// For the smoothing methods (SES, Holt, Holt-Winters), Params fixes the
// smoothing parameters and Initial the initial states; either left nil is
// estimated: parameters always by minimising the SSE of the one-step
// errors, initial states as Init says. A fitted model ([Fit].Model) has both
// filled in.
type Model struct {
	Method   Method      `json:"method,omitempty"`
	Period   int         `json:"period,omitempty"`
	Window   int         `json:"window,omitempty"`
	Weights  []float64   `json:"weights,omitempty"`
	Damped   bool        `json:"damped,omitempty"`
	Seasonal Seasonality `json:"seasonal,omitempty"`
	Params   *Params     `json:"params,omitempty"`
	Initial  *States     `json:"initial,omitempty"`
	Init     InitMethod  `json:"init,omitempty"`
}

// Name returns a short name of the model for reports:
// "holt_winters_multiplicative_damped_12", "moving_average_3", "ses".
func (m Model) Name() string {
	s := m.Method.String()
	switch m.Method {
	case MethodHolt:
		if m.Damped {
			s += "_damped"
		}
	case MethodHoltWinters:
		s += "_" + m.Seasonal.String()
		if m.Damped {
			s += "_damped"
		}
		s += "_" + strconv.Itoa(m.Period)
	case MethodSeasonalNaive:
		s += "_" + strconv.Itoa(m.Period)
	case MethodMovingAverage:
		s += "_" + strconv.Itoa(m.Window)
	case MethodWeightedMovingAverage:
		s += "_" + strconv.Itoa(len(m.Weights))
	}
	return s
}

// MaxPeriod is the longest seasonal period a model may have.
const MaxPeriod = 366

// MaxWindow is the longest moving-average window.
const MaxWindow = 10000

// check validates the model's own fields, reporting every problem.
func (m Model) check() error {
	var errs []error
	bad := func(field, value, why string) {
		errs = append(errs, fieldErr(field, value, wrap(ErrModel, why)))
	}
	switch m.Method {
	case MethodNaive, MethodLinearTrend, MethodSES:
	case MethodSeasonalNaive:
		if m.Period < 2 || m.Period > MaxPeriod {
			bad("period", strconv.Itoa(m.Period), "seasonal naive needs a period from 2 to "+strconv.Itoa(MaxPeriod))
		}
	case MethodMovingAverage:
		if m.Window < 1 || m.Window > MaxWindow {
			bad("window", strconv.Itoa(m.Window), "a moving average needs a window from 1 to "+strconv.Itoa(MaxWindow))
		}
	case MethodWeightedMovingAverage:
		if len(m.Weights) == 0 || len(m.Weights) > MaxWindow {
			bad("weights", "", "a weighted moving average needs 1 to "+strconv.Itoa(MaxWindow)+" weights")
		}
		var sum float64
		for i, w := range m.Weights {
			if !finite(w) || w < 0 {
				bad("weights["+strconv.Itoa(i)+"]", formatFloat(w), "weights are finite and not negative")
			}
			sum += w
		}
		if len(m.Weights) > 0 && !(sum > 0) {
			bad("weights", "", "the weights add up to zero")
		} else if !finite(sum) {
			bad("weights", "", "the weights add up to more than a float64 holds")
		}
	case MethodHolt:
	case MethodHoltWinters:
		if m.Period < 2 || m.Period > MaxPeriod {
			bad("period", strconv.Itoa(m.Period), "Holt-Winters needs a period from 2 to "+strconv.Itoa(MaxPeriod))
		}
		if m.Seasonal != Additive && m.Seasonal != Multiplicative {
			bad("seasonal", m.Seasonal.String(), "Holt-Winters is additive or multiplicative")
		}
	default:
		errs = append(errs, fieldErr("method", m.Method.String(), ErrUnknownName))
	}
	if m.Damped && m.Method != MethodHolt && m.Method != MethodHoltWinters {
		bad("damped", "true", m.Method.String()+" has no trend to damp")
	}
	if m.Seasonal != SeasonalNone && m.Method != MethodHoltWinters {
		bad("seasonal", m.Seasonal.String(), "only Holt-Winters is seasonal")
	}
	smoothing := m.Method == MethodSES || m.Method == MethodHolt || m.Method == MethodHoltWinters
	if !smoothing && (m.Params != nil || m.Initial != nil || m.Init != InitEstimated) {
		bad("params", "", m.Method.String()+" has no smoothing parameters or states")
	}
	if m.Init != InitEstimated && m.Init != InitHeuristic {
		errs = append(errs, fieldErr("init", m.Init.String(), ErrUnknownName))
	}
	return joinErrs(errs)
}

// smoother returns the smoothing shape of a smoothing model.
func (m Model) smoother() smoother {
	switch m.Method {
	case MethodHolt:
		return smoother{trend: true, damped: m.Damped}
	case MethodHoltWinters:
		return smoother{trend: true, damped: m.Damped, season: m.Seasonal, m: m.Period}
	}
	return smoother{}
}

// minimum returns the fewest observations the model can be fitted to.
func (m Model) minimum() int {
	switch m.Method {
	case MethodSeasonalNaive:
		return m.Period
	case MethodMovingAverage:
		return m.Window
	case MethodWeightedMovingAverage:
		return len(m.Weights)
	case MethodLinearTrend:
		return 3
	case MethodSES, MethodHolt, MethodHoltWinters:
		if m.Initial != nil {
			return 1
		}
		return m.smoother().simpleMinimum()
	}
	return 1
}

// checkSeries returns a *FieldError naming name unless every value of y is
// finite and there is at least one.
func checkSeries(name string, y []float64) error {
	if len(y) == 0 {
		return fieldErr(name, "", wrap(ErrSeries, "no values"))
	}
	if allFinite(y) {
		return nil
	}
	for i, v := range y {
		if !finite(v) {
			return fieldErr(name+"["+strconv.Itoa(i)+"]", formatFloat(v), ErrSeries)
		}
	}
	return nil
}

// Fit fits m to the series y, oldest value first, and returns the fitted
// model. The series must be finite and at least as long as the model needs
// (see each method); multiplicative Holt-Winters needs a positive series.
// Errors are *FieldErrors wrapping [ErrSeries], [ErrTooShort], [ErrModel],
// [ErrParams], [ErrInitial], [ErrUnknownName] or [ErrDiverged].
//
// A smoothing model's missing parameters (and, under [InitEstimated], its
// initial states) are the ones that minimise the SSE of the one-step
// errors within statsmodels' bounds, found by a projected L-BFGS method
// with exact reverse-mode gradients, started from the best points of a
// grid. The fit's [Reason] cites the SSE, the starts and the evaluations.
func (m Model) Fit(y []float64) (*Fit, error) {
	if err := m.check(); err != nil {
		return nil, err
	}
	if err := checkSeries("y", y); err != nil {
		return nil, err
	}
	if n := m.minimum(); len(y) < n {
		return nil, fieldErr("y", "", wrap(ErrTooShort, m.Name()+" needs "+strconv.Itoa(n)+
			" observations, the series has "+strconv.Itoa(len(y))))
	}
	var f *Fit
	var err error
	switch m.Method {
	case MethodSES, MethodHolt, MethodHoltWinters:
		f, err = fitSmoothing(y, m)
	case MethodLinearTrend:
		f, err = fitLinear(y, m)
	default:
		f, err = fitBaseline(y, m)
	}
	if err != nil {
		return nil, err
	}
	if !f.finite() {
		return nil, fieldErr("y", "", wrap(ErrDiverged, m.Name()+" gives values beyond float64"))
	}
	return f, nil
}

// Fit is a model fitted to a series: the model with its parameters and
// states filled in, the one-step-ahead fitted values and their residuals
// (observation minus fitted), and their sum of squares. A Fit is immutable
// and safe for concurrent use; it round-trips through encoding/json and
// forecasts the same after.
//
// Fitted[i] and Residuals[i] are for observation Offset + i: a method that
// needs a few observations before it can predict one (naive: 1, a moving
// average: its window) starts later. SSE sums the squared residuals.
//
// For the smoothing methods, Level, Trend and Season hold the states after
// each observation (Trend is the undamped b_t); for the others they are
// empty. Last holds the observations the forecast needs (naive, seasonal
// naive, moving averages). Linear holds the straight line of a linear trend.
// Reasons say how the fit was found.
type Fit struct {
	Model     Model     `json:"model"`
	N         int       `json:"n"`
	Offset    int       `json:"offset"`
	Fitted    []float64 `json:"fitted"`
	Residuals []float64 `json:"residuals"`
	SSE       float64   `json:"sse"`
	Level     []float64 `json:"level,omitempty"`
	Trend     []float64 `json:"trend,omitempty"`
	Season    []float64 `json:"season,omitempty"`
	Last      []float64 `json:"last,omitempty"`
	Linear    *Line     `json:"linear,omitempty"`
	Reasons   []Reason  `json:"reasons,omitempty"`
}

// finite reports whether every number in f is finite.
func (f *Fit) finite() bool {
	if !finite(f.SSE) {
		return false
	}
	if m := f.Model.smoother().m; len(f.Level) > 0 {
		// A smoothing fit with a finite SSE has finite states everywhere
		// but at the end: a level or trend that overflowed before the last
		// observation makes the next fitted value overflow, a seasonal
		// value the one a cycle later, and so the SSE. Checking the end
		// alone saves 30 of the 150 instructions a point of
		// BenchmarkHoltWintersFixed100k (callgrind).
		n := len(f.Level)
		ok := finite(f.Level[n-1]) && (len(f.Trend) == 0 || finite(f.Trend[n-1]))
		return ok && (m == 0 || allFinite(f.Season[max(0, n-m):]))
	}
	for _, s := range [][]float64{f.Fitted, f.Residuals} {
		if !allFinite(s) {
			return false
		}
	}
	if f.Linear != nil && !(finite(f.Linear.RSquared) && finite(f.Linear.Intercept) && finite(f.Linear.Slope)) {
		return false
	}
	return finite(f.SSE)
}

// residualsOf fills f's residuals from y.
func (f *Fit) residualsOf(y []float64) {
	f.Residuals = make([]float64, len(f.Fitted))
	var sse float64
	for i, v := range f.Fitted {
		e := y[f.Offset+i] - v
		f.Residuals[i] = e
		sse += e * e
	}
	f.SSE = sse
}

// sigma2 returns the variance of the one-step errors, SSE over their number
// (the maximum-likelihood estimate).
func (f *Fit) sigma2() float64 {
	if len(f.Residuals) == 0 {
		return math.NaN()
	}
	return f.SSE / float64(len(f.Residuals))
}

// SES fits simple exponential smoothing to y, as [Model.Fit] with method
// ses and the given options.
func SES(y []float64, opts *SmoothingOptions) (*Fit, error) {
	return opts.model(MethodSES, 0, SeasonalNone).Fit(y)
}

// Holt fits Holt's linear trend method to y (damped when opts.Damped is
// set), as [Model.Fit] with method holt.
func Holt(y []float64, opts *SmoothingOptions) (*Fit, error) {
	return opts.model(MethodHolt, 0, SeasonalNone).Fit(y)
}

// HoltWinters fits Holt-Winters with a season of period and the given
// seasonal form to y (damped when opts.Damped is set), as [Model.Fit] with
// method holt_winters.
func HoltWinters(y []float64, period int, seasonal Seasonality, opts *SmoothingOptions) (*Fit, error) {
	return opts.model(MethodHoltWinters, period, seasonal).Fit(y)
}

// SmoothingOptions are the optional settings of [SES], [Holt] and
// [HoltWinters]; see [Model] for what each does. Nil estimates everything.
type SmoothingOptions struct {
	Damped  bool       `json:"damped,omitempty"`
	Params  *Params    `json:"params,omitempty"`
	Initial *States    `json:"initial,omitempty"`
	Init    InitMethod `json:"init,omitempty"`
}

func (o *SmoothingOptions) model(method Method, period int, s Seasonality) Model {
	m := Model{Method: method, Period: period, Seasonal: s}
	if o != nil {
		m.Damped, m.Params, m.Initial, m.Init = o.Damped, o.Params, o.Initial, o.Init
	}
	return m
}

// LinearTrend fits an ordinary-least-squares straight line to y, as
// [Model.Fit] with method linear_trend.
func LinearTrend(y []float64) (*Fit, error) { return Model{Method: MethodLinearTrend}.Fit(y) }

// Naive fits the naive method (the last value) to y.
func Naive(y []float64) (*Fit, error) { return Model{Method: MethodNaive}.Fit(y) }

// SeasonalNaive fits the seasonal naive method of period to y.
func SeasonalNaive(y []float64, period int) (*Fit, error) {
	return Model{Method: MethodSeasonalNaive, Period: period}.Fit(y)
}

// MovingAverage fits a trailing moving average of window to y.
func MovingAverage(y []float64, window int) (*Fit, error) {
	return Model{Method: MethodMovingAverage, Window: window}.Fit(y)
}

// WeightedMovingAverage fits a weighted moving average to y, weights oldest
// first.
func WeightedMovingAverage(y []float64, weights []float64) (*Fit, error) {
	return Model{Method: MethodWeightedMovingAverage, Weights: append([]float64(nil), weights...)}.Fit(y)
}
