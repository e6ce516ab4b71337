package forecast_test

import (
	"encoding/json"
	"errors"
	"math"
	"slices"
	"testing"

	"github.com/saleskit/saleskit/forecast"
	"github.com/shopspring/decimal"
)

// TestSimulatePinned pins the numbers of one seeded simulation: the same
// seed gives the same numbers on every platform and Go version (the draws
// use only PCG's Uint64 and the arithmetic rounds every product), so a
// change here is a change of the documented procedure.
func TestSimulatePinned(t *testing.T) {
	ps := genProspects(50, 77)
	s, err := forecast.Simulate(ps, decimal.NewFromInt(1_000_000), 2026, &forecast.SimulateOptions{Trials: 5000})
	if err != nil {
		t.Fatal(err)
	}
	got := []float64{s.Total.Mean, s.Total.P10, s.Total.P50, s.Total.P90, s.HitProbability}
	want := []float64{pinnedMean, pinnedP10, pinnedP50, pinnedP90, pinnedHit}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("pinned value %d = %v, want %v", i, got[i], want[i])
		}
	}
	again, _ := forecast.Simulate(ps, decimal.NewFromInt(1_000_000), 2026, &forecast.SimulateOptions{Trials: 5000})
	a, _ := json.Marshal(s)
	b, _ := json.Marshal(again)
	if string(a) != string(b) {
		t.Error("the same seed gave different results")
	}
	other, _ := forecast.Simulate(ps, decimal.NewFromInt(1_000_000), 2027, &forecast.SimulateOptions{Trials: 5000})
	if other.Total.Mean == s.Total.Mean {
		t.Error("another seed gave the same mean")
	}
}

// TestSimulateEmptyRange checks the documented draw order when a range is
// a single value (Low = High): the prospect still draws w each trial, so
// the prospects after it see the same stream as with any other range. Here
// the first prospect wins for sure, slipping half the time; a second
// prospect of 50 at 0.5 follows it. The result must match the naive
// reading of the procedure and differ from a simulation where the first
// prospect has no range (which draws one number fewer a trial).
func TestSimulateEmptyRange(t *testing.T) {
	ranged := []forecast.Prospect{
		{Amount: dec("10800"), Low: dec("100"), High: dec("100"), Probability: 1, Slip: 0.5},
		{Amount: dec("50"), Probability: 0.5},
	}
	quota := decimal.NewFromInt(100)
	s, err := forecast.Simulate(ranged, quota, 9, &forecast.SimulateOptions{Trials: 269})
	if err != nil {
		t.Fatal(err)
	}
	n := naiveSimulate(ranged, quota, 9, 269, len(s.Periods))
	if s.Total.Mean != n.Total.Mean || s.HitProbability != n.HitProbability {
		t.Errorf("mean %v, P %v; the documented procedure gives %v, %v", s.Total.Mean, s.HitProbability, n.Total.Mean, n.HitProbability)
	}
	plain := slices.Clone(ranged)
	plain[0] = forecast.Prospect{Amount: dec("100"), Probability: 1, Slip: 0.5}
	p, err := forecast.Simulate(plain, quota, 9, &forecast.SimulateOptions{Trials: 269})
	if err != nil {
		t.Fatal(err)
	}
	if p.Total.Mean == s.Total.Mean && p.HitProbability == s.HitProbability {
		t.Error("a one-value range drew as many numbers as no range")
	}
}

// TestSimulateSlips is a worked example of slipping at the horizon's edge:
// one prospect of 100 in the last of two periods, won for sure, slipping
// half the time. Half the trials book 100 in period 1; the other half book
// it beyond the horizon. P(total ≥ 100) = 0.5, expected 50.
func TestSimulateSlips(t *testing.T) {
	ps := []forecast.Prospect{{Amount: dec("100"), Probability: 1, Period: 1, Slip: 0.5}}
	s, err := forecast.Simulate(ps, dec("100"), 1, &forecast.SimulateOptions{Trials: 100_000, Periods: 2})
	if err != nil {
		t.Fatal(err)
	}
	if s.Total.Expected != 50 || s.Periods[1].Expected != 50 || s.Periods[0].Expected != 0 {
		t.Errorf("expected total %v, periods %v and %v; want 50, 0 and 50", s.Total.Expected, s.Periods[0].Expected, s.Periods[1].Expected)
	}
	if math.Abs(s.HitProbability-0.5) > 5*0.5/math.Sqrt(100_000) {
		t.Errorf("P(total ≥ 100) = %v, want about 0.5", s.HitProbability)
	}
	if s.Total.P10 != 0 || s.Total.P90 != 100 || s.Total.Min != 0 || s.Total.Max != 100 {
		t.Errorf("P10 %v, P90 %v, min %v, max %v; want 0, 100, 0, 100", s.Total.P10, s.Total.P90, s.Total.Min, s.Total.Max)
	}
	// a range from 80 to 120 averages 100 and stays within it
	ps = []forecast.Prospect{{Amount: dec("100"), Probability: 1, Low: dec("80"), High: dec("120")}}
	s, _ = forecast.Simulate(ps, dec("0"), 1, &forecast.SimulateOptions{Trials: 50_000})
	if s.Total.Min < 80 || s.Total.Max > 120 || math.Abs(s.Total.Mean-100) > 5*40/math.Sqrt(12*50_000) {
		t.Errorf("ranged amount: min %v, max %v, mean %v; want within [80, 120] and about 100", s.Total.Min, s.Total.Max, s.Total.Mean)
	}
}

// TestSimulateErrors checks that bad input is refused, every problem
// reported.
func TestSimulateErrors(t *testing.T) {
	_, err := forecast.Simulate([]forecast.Prospect{
		{Amount: dec("-1"), Probability: 2, Slip: -0.1, Period: -1},
		{Amount: dec("1"), Probability: math.NaN(), Low: dec("5"), High: dec("4")},
	}, dec("-3"), 0, &forecast.SimulateOptions{Trials: -1})
	for _, w := range []error{forecast.ErrAmount, forecast.ErrProbability, forecast.ErrOption} {
		if !errors.Is(err, w) {
			t.Errorf("Simulate = %v, want an error wrapping %v", err, w)
		}
	}
	_, err = forecast.Simulate([]forecast.Prospect{{Amount: dec("1e200"), Probability: 1}}, dec("0"), 0, nil)
	if !errors.Is(err, forecast.ErrAmount) {
		t.Errorf("Simulate of 1e200 = %v, want ErrAmount", err)
	}
	_, err = forecast.Simulate(nil, dec("0"), 0, &forecast.SimulateOptions{Trials: forecast.MaxTrials, Periods: 100})
	if !errors.Is(err, forecast.ErrOption) {
		t.Errorf("Simulate of 10⁷ trials × 100 periods = %v, want ErrOption", err)
	}
	s, err := forecast.Simulate(nil, dec("0"), 0, nil)
	if err != nil || s.HitProbability != 1 || s.Total.Mean != 0 {
		t.Errorf("Simulate of nothing = %+v, %v; want a sure zero", s, err)
	}
}

// The pinned results of TestSimulatePinned.
const (
	pinnedMean = 1.5265997678908124e+06
	pinnedP10  = 1.2849816356405152e+06
	pinnedP50  = 1.524399681976999e+06
	pinnedP90  = 1.7719647173336525e+06
	pinnedHit  = 0.9972
)

// TestProspectsOf turns the worked example into prospects for July alone:
// the lost deal F is left out, the won deal E is booked for sure, the open
// deals keep their probabilities and take the slip and spread. The exact
// expectation is the weighted open pipeline, 80% of which stays in July,
// plus E: (90,000 + 40,000 + 12,500 + 3,333.333 + 5,000.025)·0.8 + 60,000.
func TestProspectsOf(t *testing.T) {
	ps, err := forecast.ProspectsOf(forecast.B2B(), workedDeals(), forecast.MustDate("2026-07-01"), 1,
		&forecast.ProspectOptions{Slip: 0.2, Spread: 0.1})
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 6 {
		t.Fatalf("%d prospects, want 6 (all but the lost deal)", len(ps))
	}
	for _, p := range ps {
		switch p.ID {
		case "E":
			if p.Probability != 1 || p.Slip != 0 || !p.Low.IsZero() {
				t.Errorf("won deal E = %+v, want a sure, fixed prospect", p)
			}
		case "A":
			if p.Probability != 0.75 || p.Slip != 0.2 || !p.Low.Equal(dec("108000")) || !p.High.Equal(dec("132000")) {
				t.Errorf("A = %+v, want probability 0.75, slip 0.2, range 108,000 to 132,000", p)
			}
		case "F":
			t.Errorf("the lost deal F is a prospect")
		}
	}
	s, err := forecast.Simulate(ps, dec("200000"), 3, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := (90000+40000+12500+3333.333+5000.025)*0.8 + 60000
	if math.Abs(s.Total.Expected-want) > 1e-6 {
		t.Errorf("expected %v, want %v", s.Total.Expected, want)
	}
	// August is outside a one-month horizon from July; from June, two months
	ps, _ = forecast.ProspectsOf(forecast.B2B(), workedDeals(), forecast.MustDate("2026-06-15"), 1, nil)
	if len(ps) != 0 {
		t.Errorf("%d prospects in June, want none", len(ps))
	}
	ps, _ = forecast.ProspectsOf(forecast.B2B(), workedDeals(), forecast.MustDate("2026-06-15"), 2, nil)
	if len(ps) != 6 || ps[0].Period != 1 {
		t.Errorf("from June over two months: %d prospects, first in period %d; want 6 in period 1", len(ps), ps[0].Period)
	}
	if _, err := forecast.ProspectsOf(forecast.B2B(), workedDeals(), forecast.Date{}, 0, &forecast.ProspectOptions{Slip: 2}); !errors.Is(err, forecast.ErrDate) ||
		!errors.Is(err, forecast.ErrOption) || !errors.Is(err, forecast.ErrProbability) {
		t.Errorf("ProspectsOf with bad settings = %v, want ErrDate, ErrOption and ErrProbability", err)
	}
}
