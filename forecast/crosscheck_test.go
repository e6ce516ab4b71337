package forecast_test

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/saleskit/saleskit/forecast"
	"github.com/shopspring/decimal"
)

// TestPipelineMatchesNaive compares Report with the naive decimal
// implementation on generated deals, at several places and grains.
func TestPipelineMatchesNaive(t *testing.T) {
	deals := genDeals(5000, 9)
	for _, c := range []struct {
		places int32
		grain  forecast.Grain
		fiscal int
	}{{2, forecast.Month, 0}, {2, forecast.Quarter, 4}, {3, forecast.Year, 10}, {9, forecast.Month, 1}} {
		p := newPipeline(t, c.places, &forecast.PipelineOptions{Grain: c.grain, FiscalYearStart: time.Month(c.fiscal)})
		if err := p.AddAll(deals); err != nil {
			t.Fatal(err)
		}
		want := naivePipeline(forecast.B2B(), c.places, c.grain, c.fiscal, deals)
		r := p.Report(nil)
		if len(r.Periods) != len(want) {
			t.Fatalf("%d periods, naive %d", len(r.Periods), len(want))
		}
		for _, f := range r.Periods {
			w := want[f.Period.Start]
			for _, ct := range f.Categories {
				if ct.Deals != w.deals[ct.Category] || !ct.Amount.Equal(w.amount[ct.Category]) || !ct.Weighted.Equal(w.weighted[ct.Category]) {
					t.Fatalf("%v %v = %d, %s, %s; naive %d, %s, %s", f.Period, ct.Category, ct.Deals, ct.Amount, ct.Weighted,
						w.deals[ct.Category], w.amount[ct.Category], w.weighted[ct.Category])
				}
			}
			if !f.Expected.Equal(w.expected) {
				t.Fatalf("%v expected %s, naive %s", f.Period, f.Expected, w.expected)
			}
		}
	}
}

// TestSimulateMatchesNaive: Simulate and the naive step-by-step reading of
// its documentation give the same numbers, bit for bit.
func TestSimulateMatchesNaive(t *testing.T) {
	for seed := range uint64(6) {
		ps := genProspects(40+int(seed)*30, seed)
		quota := decimal.NewFromInt(int64(500_000 + seed*300_000))
		trials, periods := 3000, 12+int(seed%3)
		got, err := forecast.Simulate(ps, quota, seed, &forecast.SimulateOptions{Trials: trials, Periods: periods})
		if err != nil {
			t.Fatal(err)
		}
		want := naiveSimulate(ps, quota, seed, trials, periods)
		opts := []cmp.Option{equateDecimals, cmp.FilterPath(func(p cmp.Path) bool {
			s := p.String()
			return s == "Reason" || s == "HitStdErr" || s == "Total.Expected" || len(s) > 7 && s[len(s)-8:] == "Expected"
		}, cmp.Ignore())}
		if diff := cmp.Diff(want, got, opts...); diff != "" {
			t.Fatalf("seed %d: Simulate differs from the naive reading of its documentation (-naive +Simulate):\n%s", seed, diff)
		}
	}
}

// TestSimulateMatchesEnumeration compares Simulate, over 200,000 trials,
// with the exact mean and chance of reaching quota found by enumerating
// all 3ⁿ outcomes of n ≤ 12 prospects. The simulated values must lie
// within five standard errors.
func TestSimulateMatchesEnumeration(t *testing.T) {
	r := rand.New(rand.NewPCG(31, 32))
	for trial := range 12 {
		n := 1 + trial
		var ps []forecast.Prospect
		var sum float64
		for range n {
			a := int64(1 + r.IntN(100))
			sum += float64(a)
			ps = append(ps, forecast.Prospect{Amount: decimal.NewFromInt(a * 1000), Probability: r.Float64(),
				Period: r.IntN(3), Slip: r.Float64() * 0.5})
		}
		periods := 3
		quota := decimal.NewFromInt(int64(sum * 1000 * (0.2 + 0.4*r.Float64())))
		const trials = 200_000
		s, err := forecast.Simulate(ps, quota, uint64(trial), &forecast.SimulateOptions{Trials: trials, Periods: periods})
		if err != nil {
			t.Fatal(err)
		}
		mean, hit := exactOutcomes(ps, quota.InexactFloat64(), periods)
		if se := s.Total.StdDev / math.Sqrt(trials); math.Abs(s.Total.Mean-mean) > 5*se+1e-9 {
			t.Errorf("%d prospects: simulated mean %.2f, exact %.2f (standard error %.2f)", n, s.Total.Mean, mean, se)
		}
		if math.Abs(s.Total.Expected-mean) > 1e-9*math.Max(1, mean) {
			t.Errorf("%d prospects: Expected %.6f, exact mean %.6f", n, s.Total.Expected, mean)
		}
		if se := math.Sqrt(hit * (1 - hit) / trials); math.Abs(s.HitProbability-hit) > 5*se+1e-9 {
			t.Errorf("%d prospects: simulated P(quota) %.5f, exact %.5f (standard error %.5f)", n, s.HitProbability, hit, se)
		}
	}
}

// TestWinModelMatchesOdoo compares RulesOdoo scores with the
// transliteration of Odoo's code, on generated histories.
func TestWinModelMatchesOdoo(t *testing.T) {
	stages := []string{"lead", "qualified", "proposal", "negotiation"}
	for seed := range uint64(5) {
		history := genClosed(50+int(seed)*200, 100+seed)
		w := newWin(t, forecast.RulesOdoo)
		if err := w.LearnAll(history); err != nil {
			t.Fatal(err)
		}
		open := genClosed(300, 200+seed)
		open = append(open, forecast.ClosedDeal{Team: "nowhere", Stage: "proposal", Fields: map[string]string{"source": "fax"}})
		for _, d := range open {
			od := forecast.OpenDeal{Team: d.Team, Stage: d.Stage, Fields: d.Fields}
			got, err := w.Score(od)
			want, ok := naiveOdoo(stages, history, od)
			if !ok || err != nil {
				t.Fatalf("Score(%+v) = %v; naive ok %v", od, err, ok)
			}
			if got.Automated != want {
				t.Fatalf("Score(%+v) = %v, Odoo's rules give %v", od, got.Automated, want)
			}
		}
	}
}

// TestBacktestMatchesNaive compares Backtest's pooled measures with the
// naive loop's on the bookings series.
func TestBacktestMatchesNaive(t *testing.T) {
	for _, m := range []forecast.Model{
		{Method: forecast.MethodSES},
		{Method: forecast.MethodSeasonalNaive, Period: 12},
		{Method: forecast.MethodMovingAverage, Window: 4},
		{Method: forecast.MethodHoltWinters, Period: 12, Seasonal: forecast.Additive, Damped: true},
	} {
		initial, horizon, step := 24, 4, 2
		lag := 1
		if m.Period > 0 {
			lag = m.Period
		}
		r, err := forecast.Backtest(monthlyBookings, m, &forecast.BacktestOptions{Initial: initial, Horizon: horizon, Step: step})
		if err != nil {
			t.Fatal(err)
		}
		triples, err := naiveBacktest(monthlyBookings, m, initial, horizon, step, lag)
		if err != nil {
			t.Fatal(err)
		}
		var mae, sq, bias, mase float64
		for _, x := range triples {
			e := x[0] - x[1]
			mae += math.Abs(e)
			sq += e * e
			bias += -e
			mase += math.Abs(e) / x[2]
		}
		n := float64(len(triples))
		acc := r.Accuracy
		for _, c := range []struct {
			name      string
			got, want float64
		}{{"MAE", acc.MAE, mae / n}, {"RMSE", acc.RMSE, math.Sqrt(sq / n)}, {"bias", acc.Bias, bias / n}, {"MASE", *acc.MASE, mase / n}} {
			if math.Abs(c.got-c.want) > 1e-9*math.Max(1, math.Abs(c.want)) {
				t.Errorf("%s: backtest %s = %v, naive %v", m.Name(), c.name, c.got, c.want)
			}
		}
		if acc.N != len(triples) || r.Origins != len(triples)/horizon {
			t.Errorf("%s: %d forecasts from %d origins, naive %d", m.Name(), acc.N, r.Origins, len(triples))
		}
	}
}
