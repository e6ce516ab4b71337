package forecast_test

import (
	"math/rand/v2"
	"strconv"
	"testing"
	"time"

	"github.com/saleskit/saleskit/forecast"
	"github.com/shopspring/decimal"
)

// genDeals returns n deals over the B2B stages, twelve months of 2026 and
// fifty owners, from a fixed seed.
func genDeals(n int, seed uint64) []forecast.Deal {
	r := rand.New(rand.NewPCG(seed, 7))
	stages := forecast.B2B()
	owners := make([]string, 50)
	for i := range owners {
		owners[i] = "rep-" + strconv.Itoa(i)
	}
	deals := make([]forecast.Deal, n)
	for i := range deals {
		d := forecast.Deal{
			ID:        "d" + strconv.Itoa(i),
			Amount:    decimal.New(int64(r.IntN(10_000_000)), -2),
			Stage:     stages[r.IntN(len(stages))].Key,
			CloseDate: forecast.Date{Year: 2026, Month: 1 + time.Month(r.IntN(12)), Day: 1 + r.IntN(28)},
			Owner:     owners[r.IntN(len(owners))],
		}
		if r.IntN(4) == 0 && d.Stage != "won" && d.Stage != "lost" {
			p := float64(r.IntN(101)) / 100
			d.Probability = &p
		}
		deals[i] = d
	}
	return deals
}

// Budget: the weighted pipeline over 1,000,000 deals in at most 100 ms.
func BenchmarkPipeline1M(b *testing.B) {
	deals := genDeals(1_000_000, 1)
	b.ReportAllocs()
	for b.Loop() {
		p, err := forecast.NewPipeline(forecast.B2B(), 2, nil)
		if err != nil {
			b.Fatal(err)
		}
		for i := range deals {
			if err := p.Add(deals[i]); err != nil {
				b.Fatal(err)
			}
		}
		_ = p.Report(nil)
	}
}

// genProspects returns n prospects over twelve periods, with slips and
// amount ranges, from a fixed seed.
func genProspects(n int, seed uint64) []forecast.Prospect {
	r := rand.New(rand.NewPCG(seed, 9))
	ps := make([]forecast.Prospect, n)
	for i := range ps {
		a := int64(1000 + r.IntN(99000))
		ps[i] = forecast.Prospect{
			Amount:      decimal.NewFromInt(a),
			Probability: float64(r.IntN(101)) / 100,
			Period:      r.IntN(12),
			Slip:        float64(r.IntN(31)) / 100,
		}
		if r.IntN(2) == 0 {
			ps[i].Low, ps[i].High = decimal.NewFromInt(a*8/10), decimal.NewFromInt(a*12/10)
		}
	}
	return ps
}

// Budget: Simulate over 1,000 deals × 10,000 trials in at most 150 ms on one
// core (-cpu 1).
func BenchmarkSimulate(b *testing.B) {
	ps := genProspects(1000, 3)
	quota := decimal.NewFromInt(20_000_000)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := forecast.Simulate(ps, quota, 42, &forecast.SimulateOptions{Trials: 10_000}); err != nil {
			b.Fatal(err)
		}
	}
}
