package main

import (
	"time"

	"github.com/saleskit/saleskit/forecast"
	"github.com/saleskit/saleskit/funnel"
	"github.com/saleskit/saleskit/incentive"
	"github.com/saleskit/saleskit/risk"
	"github.com/saleskit/saleskit/target"
	"github.com/shopspring/decimal"
)

// facts is what the packages make of the year, before any of it is drawn.
// Each step feeds the next through the packages' public types, converted
// here in one line each.
type facts struct {
	Seed uint64

	// Funnel: the deals' stage changes read by package funnel, per owner.
	Stages funnel.Stages
	Funnel funnel.Report

	// Target: the annual target split over the months and over the team,
	// and progress on each as of asOf, with the won amounts of the funnel
	// as actuals.
	Plan        []target.PeriodTarget
	RepTargets  map[string]decimal.Decimal
	Progress    target.Progress
	RepProgress map[string]target.Progress
	Monthly     []decimal.Decimal // bookings of January to September

	// Forecast: the open pipeline simulated over October to December
	// against the rest of the target, and the model the backtest picks on
	// the monthly bookings.
	Simulation forecast.Simulation
	Model      *forecast.Choice
	Projection forecast.Projection

	// Risk: the year's register on the PMBOK matrix, and its reserve.
	Matrix   *risk.Matrix
	Register risk.Register
	Risks    risk.Report
	Reserve  risk.Contingency

	// Incentive: statements of January to September under the annual plan,
	// the reps' quotas being their annual targets, and their ranking.
	Statements []incentive.Statement
	Ranking    incentive.Ranking
}

// forecastMonths is the forecast's horizon: October to December.
const forecastMonths = 3

// analyse runs the packages on the year.
func analyse(y year) (facts, error) {
	f := facts{Seed: y.Seed, Stages: funnel.B2B()}

	// Funnel: every stage change as a funnel event.
	a, err := funnel.NewAnalyzer(f.Stages, nil)
	if err != nil {
		return f, err
	}
	for _, d := range y.Deals {
		for _, c := range d.History {
			if err := a.Add(funnel.Event{Deal: d.ID, Stage: c.Stage, Time: c.Time, Amount: d.Amount, Owner: d.Owner}); err != nil {
				return f, err
			}
		}
	}
	f.Funnel, err = a.Report(&funnel.ReportOptions{AsOf: asOf, By: funnel.ByOwner{}})
	if err != nil {
		return f, err
	}

	// Target: the company's months, and the team's share of the year by
	// last year's weights, each rep's year split into months the same way.
	start, end := target.DateOf(yearStart), target.Date{Year: 2026, Month: time.January, Day: 1}
	if f.Plan, err = target.SplitTime(annual, start, end, target.Month, places, nil); err != nil {
		return f, err
	}
	weights := make([]decimal.Decimal, len(team))
	for i, r := range team {
		weights[i] = decimal.NewFromInt(r.Weight)
	}
	shares, err := target.Allocate(annual, weights, places)
	if err != nil {
		return f, err
	}
	if f.Progress, err = target.Track(f.Plan, f.Funnel.Overall.WonAmount, asOf, places, nil); err != nil {
		return f, err
	}
	won := map[string]decimal.Decimal{}
	for _, s := range f.Funnel.Segments {
		won[s.Key] = s.Report.Overall.WonAmount // the funnel's won deals are the rep's actual
	}
	f.RepTargets, f.RepProgress = map[string]decimal.Decimal{}, map[string]target.Progress{}
	for i, r := range team {
		f.RepTargets[r.ID] = shares[i]
		plan, err := target.SplitTime(shares[i], start, end, target.Month, places, nil)
		if err != nil {
			return f, err
		}
		if f.RepProgress[r.ID], err = target.Track(plan, won[r.ID], asOf, places, nil); err != nil {
			return f, err
		}
	}

	// Monthly bookings, from the deals won.
	f.Monthly = make([]decimal.Decimal, int(asOf.Month())-1)
	for _, d := range y.Deals {
		if t, ok := d.won(); ok {
			m := int(t.In(shanghai).Month()) - 1
			f.Monthly[m] = f.Monthly[m].Add(d.Amount)
		}
	}

	// Forecast: the open deals as the forecast sees them, simulated against
	// what is left of the annual target (nothing, once it is reached).
	var open []forecast.Deal
	for _, d := range y.Deals {
		if d.open() {
			open = append(open, forecast.Deal{ID: d.ID, Amount: d.Amount, Stage: d.stage(), CloseDate: forecast.DateOf(d.Close), Owner: d.Owner})
		}
	}
	prospects, err := forecast.ProspectsOf(forecast.B2B(), open, forecast.DateOf(asOf), forecastMonths,
		&forecast.ProspectOptions{Slip: 0.2, Spread: 0.15})
	if err != nil {
		return f, err
	}
	f.Simulation, err = forecast.Simulate(prospects, decimal.Max(f.Progress.Gap, decimal.Zero), y.Seed, &forecast.SimulateOptions{Periods: forecastMonths})
	if err != nil {
		return f, err
	}
	series := make([]float64, len(f.Monthly))
	for i, m := range f.Monthly {
		series[i] = m.InexactFloat64() // a time series is statistics: float64
	}
	if f.Model, err = forecast.Auto(series, nil); err != nil {
		return f, err
	}
	if f.Projection, err = f.Model.Fit.Forecast(forecastMonths, nil); err != nil {
		return f, err
	}

	// Risk.
	f.Matrix, f.Register = risk.PMBOK(), register()
	if f.Risks, err = f.Register.Report(f.Matrix, &risk.ReportOptions{AsOf: risk.DateOf(asOf)}); err != nil {
		return f, err
	}
	if f.Reserve, err = risk.Reserve(f.Matrix, f.Register.Risks, &risk.ReserveOptions{Seed: y.Seed}); err != nil {
		return f, err
	}

	// Incentive: the won deals as transactions, the reps' annual targets
	// as their quotas.
	def, err := incentive.Build(commissionPlan(f.RepTargets), nil)
	if err != nil {
		return f, err
	}
	var txs []incentive.Transaction
	for _, d := range y.Deals {
		if t, ok := d.won(); ok {
			txs = append(txs, incentive.Transaction{ID: d.ID, Rep: d.Owner, Amount: d.Amount, Booked: incentive.DateOf(t.In(shanghai))})
		}
	}
	if f.Statements, err = incentive.Compute(def, incentive.DateOf(asOf), txs, nil); err != nil {
		return f, err
	}
	if f.Ranking, err = incentive.Rank(f.Statements, incentive.ByPayout); err != nil {
		return f, err
	}
	return f, nil
}

// commissionPlan is the team's annual plan: on attainment of the annual
// quota, marginal, 2% up to half the quota, 4% to the whole and 6% above.
func commissionPlan(quotas map[string]decimal.Decimal) incentive.Plan {
	half, whole := decimal.RequireFromString("0.5"), decimal.NewFromInt(1)
	p := incentive.Plan{
		ID:       "sales-2025",
		Labels:   incentive.Labels{"en": "Sales commission 2025", "zh-CN": "2025 年销售提成方案"},
		Start:    incentive.Date{Year: 2025, Month: time.January, Day: 1},
		End:      incentive.Date{Year: 2026, Month: time.January, Day: 1},
		Period:   incentive.Year,
		Rounding: incentive.Rounding{Places: places},
		Components: []incentive.Component{{
			ID:     "commission",
			Labels: incentive.Labels{"en": "Commission", "zh-CN": "提成"},
			Type:   incentive.TypeTiered,
			Basis:  incentive.BasisAttainment,
			Tiers: []incentive.Tier{
				{From: decimal.Zero, To: &half, Rate: decimal.RequireFromString("0.02")},
				{From: half, To: &whole, Rate: decimal.RequireFromString("0.04")},
				{From: whole, Rate: decimal.RequireFromString("0.06")},
			},
		}},
	}
	for _, r := range team {
		p.Reps = append(p.Reps, incentive.Rep{ID: r.ID, Quota: quotas[r.ID]}) // target's split is the plan's quota
	}
	return p
}
