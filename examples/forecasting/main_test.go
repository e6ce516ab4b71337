package main

import (
	"bytes"
	"io"
	"math"
	"testing"

	"github.com/saleskit/saleskit/examples/internal/golden"
	"github.com/saleskit/saleskit/forecast"
)

// TestForecastingGolden runs the program in English and in Chinese and
// compares its output with the golden files, so every change to what users
// see is reviewed in a diff. Run go test ./examples/forecasting -update to
// accept a deliberate change.
func TestForecastingGolden(t *testing.T) {
	golden.Languages(t, "forecasting.golden", func(t *testing.T, lang string) string {
		var out bytes.Buffer
		if err := run(&out, options{lang: lang, seed: 7}); err != nil {
			t.Fatalf("run: %v", err)
		}
		return out.String()
	})
}

// TestForecastingBacktest checks the seasonal naive model by hand. It
// forecasts each month with the same month a year before, so from the
// origins after months 24, 27, 30 and 33 its twelve forecasts are 2024's
// months for 2025's. Seed 7's 2025 runs ahead of 2024 by 283, 185, 193,
// 243, 152, 214, 231, 141, 91, 82, 30 and 121: 1,966 in all, an MAE of
// 1,966 / 12 = 163.83 and a bias of −163.83. Its January 2026 forecast is
// January 2025, 1,205.
//
// Auto's pick must score what Backtest gives the same model.
func TestForecastingBacktest(t *testing.T) {
	y := history(7)
	r, err := forecast.Backtest(y, forecast.Model{Method: forecast.MethodSeasonalNaive, Period: 12}, backtest)
	if err != nil {
		t.Fatal(err)
	}
	var abs float64
	for i := 24; i < 36; i++ {
		abs += math.Abs(y[i] - y[i-12])
	}
	if abs != 1966 || r.Origins != 4 || math.Abs(r.Accuracy.MAE-1966.0/12) > 1e-9 || math.Abs(r.Accuracy.Bias+1966.0/12) > 1e-9 {
		t.Errorf("Backtest(seasonal naive) = %d origins, MAE %v, bias %v (hand sum %v), want 4, 163.83, -163.83 (1966)",
			r.Origins, r.Accuracy.MAE, r.Accuracy.Bias, abs)
	}
	fit, err := forecast.SeasonalNaive(y, 12)
	if err != nil {
		t.Fatal(err)
	}
	p, err := fit.Forecast(1, nil)
	if err != nil {
		t.Fatal(err)
	}
	if p.Point[0] != 1205 || y[24] != 1205 {
		t.Errorf("seasonal naive forecast of 2026-01 = %v (2025-01 = %v), want 1205", p.Point[0], y[24])
	}

	choice, err := forecast.Auto(y, &forecast.AutoOptions{Period: 12, Backtest: backtest})
	if err != nil {
		t.Fatal(err)
	}
	best, err := forecast.Backtest(y, choice.Model, backtest)
	if err != nil {
		t.Fatal(err)
	}
	if choice.Model.Name() != "holt_winters_additive_12" || choice.Candidates[0].Score == nil || *choice.Candidates[0].Score != best.Accuracy.MAE {
		t.Errorf("Auto = %s scoring %v, want holt_winters_additive_12 scoring its backtest MAE %v", choice.Model.Name(), choice.Candidates[0].Score, best.Accuracy.MAE)
	}

	var out bytes.Buffer
	if err := run(&out, options{lang: "en", seed: 7}); err != nil {
		t.Fatal(err)
	}
	golden.Contains(t, out.String(), "seasonal_naive_12                                  734946      1205", "seasonal_naive_12         163.8  178.7  13.3%  0.99  -163.8")
}

// TestForecastingSimulation checks the simulation's exact expectation by
// hand: a won deal counts in full; an open deal counts its probability
// times its amount in the quarter unless it closes in March and slips
// (20%) out of the horizon.
func TestForecastingSimulation(t *testing.T) {
	stages := forecast.B2B()
	prob := map[string]float64{}
	for _, s := range stages {
		prob[s.Key] = s.Probability
	}
	var want float64
	for _, d := range pipeline(7) {
		a, _ := d.Amount.Float64()
		stay := 1.0
		if d.CloseDate.String() >= "2026-03-01" && d.Stage != "won" {
			stay = 0.8
		}
		want += prob[d.Stage] * a * stay
	}
	prospects, err := forecast.ProspectsOf(stages, pipeline(7), forecast.MustDate("2026-01-01"), 3, prospectOptions)
	if err != nil {
		t.Fatal(err)
	}
	sim, err := forecast.Simulate(prospects, quota, 7, &forecast.SimulateOptions{Trials: 10_000})
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(sim.Total.Expected-want) > 1e-6 {
		t.Errorf("Simulate: expected bookings = %v, want %v", sim.Total.Expected, want)
	}
	// The mean of 10,000 trials lies within a few standard errors of the
	// expectation.
	if se := sim.Total.StdDev / 100; math.Abs(sim.Total.Mean-want) > 4*se {
		t.Errorf("Simulate: mean %v is more than 4 standard errors (%v) from %v", sim.Total.Mean, se, want)
	}
}

// TestForecastingSeed: the same seed prints the same forecast, another seed
// another one, and an unknown language is refused.
func TestForecastingSeed(t *testing.T) {
	golden.Seeded(t, func(w io.Writer, lang string, seed uint64) error { return run(w, options{lang: lang, seed: seed}) })
}
