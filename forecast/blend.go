package forecast

import (
	"slices"

	"github.com/shopspring/decimal"
)

// BlendOptions are the optional settings of [Blend]. Each field defaults on
// its own.
type BlendOptions struct {
	// Elapsed is the share of the period already past, in [0, 1]; the
	// run-rate part covers the rest. Default 0: the period is still to
	// come.
	Elapsed float64 `json:"elapsed,omitempty"`
	// Model forecasts the run rate; default SES with estimated parameters
	// and initial state.
	Model *Model `json:"model,omitempty"`
}

// Blended is a period's forecast in three parts, each shown: what is already
// won (Closed), what the open pipeline is expected to bring (Pipeline: the
// weighted amount of its pipeline, best-case and commit deals), and the
// run rate (RunRate): business not yet in the pipeline, as the run-rate
// model forecasts it for the part of the period still to come. Total is
// their sum. RunRateForecast is the model's forecast for a whole period;
// Reasons explain the parts, in that order.
type Blended struct {
	Period          Period          `json:"period"`
	Closed          decimal.Decimal `json:"closed"`
	Pipeline        decimal.Decimal `json:"pipeline"`
	RunRate         decimal.Decimal `json:"run_rate"`
	Total           decimal.Decimal `json:"total"`
	RunRateForecast float64         `json:"run_rate_forecast"`
	Model           Model           `json:"model"`
	Reasons         []Reason        `json:"reasons"`
}

// Equal reports whether b and c hold the same parts and reasons.
func (b Blended) Equal(c Blended) bool {
	return b.Period == c.Period && b.Closed.Equal(c.Closed) && b.Pipeline.Equal(c.Pipeline) && b.RunRate.Equal(c.RunRate) &&
		b.Total.Equal(c.Total) && b.RunRateForecast == c.RunRateForecast && slices.EqualFunc(b.Reasons, c.Reasons, Reason.Equal)
}

// Blend forecasts a period as the pipeline report has it plus a run rate
// for business not yet in the pipeline. runRate is the history of that
// business, oldest first: for each past period, the bookings of deals that
// were not in the pipeline when the period began. The run-rate part is the
// model's one-step forecast of runRate times (1 - Elapsed), rounded half to
// even to places, and never below zero.
//
// Errors are *FieldErrors wrapping [ErrPlaces], [ErrOption] or any error
// [Model.Fit] or [Fit.Forecast] returns for the run-rate series.
func Blend(period PeriodForecast, runRate []float64, places int32, opts *BlendOptions) (Blended, error) {
	if err := checkPlaces("places", places); err != nil {
		return Blended{}, err
	}
	var o BlendOptions
	if opts != nil {
		o = *opts
	}
	if !(o.Elapsed >= 0 && o.Elapsed <= 1) {
		return Blended{}, fieldErr("elapsed", formatFloat(o.Elapsed), wrap(ErrOption, "a share of the period, in [0, 1]"))
	}
	m := Model{Method: MethodSES}
	if o.Model != nil {
		m = *o.Model
	}
	f, err := m.Fit(runRate)
	if err != nil {
		return Blended{}, err
	}
	p, err := f.Forecast(1, nil)
	if err != nil {
		return Blended{}, err
	}
	b := Blended{Period: period.Period, Model: f.Model, RunRateForecast: p.Point[0]}
	b.Closed = period.Category(CategoryClosed).Amount
	b.Pipeline = period.Category(CategoryPipeline).Weighted.Add(period.Category(CategoryBestCase).Weighted).
		Add(period.Category(CategoryCommit).Weighted)
	rest := float64(p.Point[0] * (1 - o.Elapsed))
	b.RunRate = decimal.NewFromFloat(max(rest, 0)).RoundBank(places)
	b.Total = b.Closed.Add(b.Pipeline).Add(b.RunRate)
	b.Reasons = []Reason{
		{Code: CodeBlendClosed, Amounts: map[string]decimal.Decimal{"amount": b.Closed}},
		{Code: CodeBlendPipeline, Amounts: map[string]decimal.Decimal{"amount": b.Pipeline}},
		{Code: CodeBlendRunRate, Amounts: map[string]decimal.Decimal{"amount": b.RunRate},
			Numbers: map[string]float64{"forecast": p.Point[0], "remaining": 1 - o.Elapsed},
			Texts:   map[string]string{"model": f.Model.Name()}},
	}
	if rest < 0 {
		b.Reasons[2].Code = CodeRunRateNegative
	}
	return b, nil
}
