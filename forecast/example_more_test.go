package forecast_test

import (
	"fmt"

	"github.com/saleskit/saleskit/forecast"
	"github.com/shopspring/decimal"
)

// A forecast rolled up a small org, where the manager overrides a rep's
// commit and the computed number stays beside it.
func ExamplePipelineReport_RollUp() {
	p, _ := forecast.NewPipeline(forecast.B2B(), 0, nil)
	d := forecast.MustDate("2026-07-15")
	for _, deal := range []forecast.Deal{
		{Owner: "ana", Stage: "negotiation", Amount: decimal.NewFromInt(100000), CloseDate: d},
		{Owner: "ben", Stage: "negotiation", Amount: decimal.NewFromInt(40000), CloseDate: d},
		{Owner: "ben", Stage: "won", Amount: decimal.NewFromInt(25000), CloseDate: d},
	} {
		if err := p.Add(deal); err != nil {
			panic(err)
		}
	}
	org, err := forecast.NewOrg([]forecast.Unit{{Key: "lead"}, {Key: "ana", Manager: "lead"}, {Key: "ben", Manager: "lead"}})
	if err != nil {
		panic(err)
	}
	ru, err := p.Report(&forecast.ReportOptions{ByOwner: true}).RollUp(org, []forecast.Adjustment{
		{Unit: "ana", By: "lead", Period: d, Category: forecast.CategoryCommit, Amount: decimal.NewFromInt(60000), Note: "legal review"},
	})
	if err != nil {
		panic(err)
	}
	for _, u := range ru.Periods[0].Units {
		l := u.Line(forecast.CategoryCommit)
		fmt.Printf("%-4s commit %6s (computed %6s), commit forecast %6s\n", u.Unit, l.Amount, l.Computed, u.Forecasts.Commit)
	}
	ana, _ := ru.Periods[0].Unit("ana")
	fmt.Println(ana.Line(forecast.CategoryCommit).Reason)
	// Output:
	// lead commit 100000 (computed 100000), commit forecast 125000
	// ana  commit  60000 (computed 100000), commit forecast  60000
	// ben  commit  40000 (computed  40000), commit forecast  65000
	// lead set ana's commit to 60,000; the deals say 100,000
}

// Two weekly snapshots: what moved, slipped or was added, and the bridge of
// July's commit.
func ExampleCompare() {
	d := forecast.MustDate
	lastWeek := []forecast.Deal{
		{ID: "acme", Stage: "negotiation", Amount: decimal.NewFromInt(90000), CloseDate: d("2026-07-20")},
		{ID: "globex", Stage: "negotiation", Amount: decimal.NewFromInt(50000), CloseDate: d("2026-07-28")},
	}
	thisWeek := []forecast.Deal{
		{ID: "acme", Stage: "won", Amount: decimal.NewFromInt(95000), CloseDate: d("2026-07-20")},
		{ID: "globex", Stage: "negotiation", Amount: decimal.NewFromInt(50000), CloseDate: d("2026-08-12")},
		{ID: "initech", Stage: "negotiation", Amount: decimal.NewFromInt(30000), CloseDate: d("2026-07-30")},
	}
	c, err := forecast.Compare(forecast.B2B(), lastWeek, thisWeek, nil)
	if err != nil {
		panic(err)
	}
	for _, m := range c.Moves {
		fmt.Println(m.Deal, m.Movements)
	}
	for _, b := range c.Bridges {
		if b.Category == forecast.CategoryCommit && b.Period.Start == d("2026-07-01") {
			fmt.Printf("July commit: %s + %s added - %s moved out - %s slipped out = %s\n",
				b.Before, b.Added, b.MovedOut, b.SlippedOut, b.After)
		}
	}
	// Output:
	// acme [moved resized restaged]
	// globex [slipped]
	// initech [added]
	// July commit: 140000 + 30000 added - 90000 moved out - 50000 slipped out = 30000
}

// A blended forecast of the current month: what is won, what the pipeline
// should bring, and a run rate for business not yet in it, each shown.
func ExampleBlend() {
	p, _ := forecast.NewPipeline(forecast.B2B(), 2, nil)
	d := forecast.MustDate("2026-07-15")
	_ = p.AddAll([]forecast.Deal{
		{Stage: "won", Amount: decimal.NewFromInt(180000), CloseDate: d},
		{Stage: "negotiation", Amount: decimal.NewFromInt(200000), CloseDate: d},
		{Stage: "proposal", Amount: decimal.NewFromInt(120000), CloseDate: d},
	})
	july := p.Report(nil).Periods[0]
	// bookings of deals created and won within the same month, past months
	runRate := []float64{42000, 38000, 45000, 51000, 47000, 49000}
	b, err := forecast.Blend(july, runRate, 2, &forecast.BlendOptions{Elapsed: 0.5})
	if err != nil {
		panic(err)
	}
	for _, r := range b.Reasons {
		fmt.Println(r)
	}
	fmt.Println("total", b.Total)
	// Output:
	// 180,000 already won
	// 210,000 expected from the open pipeline, weighted by win probability
	// 24,268.1 expected from business not yet in the pipeline: ses forecasts 48,536.2 a period, 50% of which is still to come
	// total 414268.1
}

// Forecast accuracy against what happened, with MASE scaled by the
// training data's seasonal naive error.
func ExampleAccuracy() {
	train := monthlyBookings[:24]
	actual := monthlyBookings[24:]
	fit, _ := forecast.HoltWinters(train, 12, forecast.Multiplicative, nil)
	p, _ := fit.Forecast(12, nil)
	r, err := forecast.Accuracy(actual, p.Point, &forecast.AccuracyOptions{Train: train, Lag: 12})
	if err != nil {
		panic(err)
	}
	fmt.Printf("MAE %.1f, RMSE %.1f, MAPE %.1f%%, sMAPE %.1f%%, MASE %.2f, bias %+.1f\n",
		r.MAE, r.RMSE, *r.MAPE, r.SMAPE, *r.MASE, r.Bias)
	// Output:
	// MAE 23.9, RMSE 30.2, MAPE 3.9%, sMAPE 4.0%, MASE 0.41, bias -15.6
}

// Calibration of a win model on held-out deals, each scored at the stage it
// was in when a forecast was made: the Brier score, its skill against
// always predicting the base rate, and the reliability table.
func ExampleWinModel_Calibrate() {
	w, _ := forecast.NewWinModel([]string{"lead", "qualified", "proposal", "negotiation"}, nil)
	if err := w.LearnAll(genHistory(3000, 1, false)); err != nil {
		panic(err)
	}
	c, err := w.Calibrate(genHistory(1000, 2, true), &forecast.CalibrationOptions{Buckets: 5})
	if err != nil {
		panic(err)
	}
	fmt.Printf("%d deals: Brier %.3f, base rate %.2f, skill %.2f\n", c.Deals, c.Brier, c.BaseRate, *c.Skill)
	for _, b := range c.Buckets {
		if b.Deals > 0 {
			fmt.Printf("[%.1f, %.1f) %3d deals: predicted %.2f, observed %.2f\n", b.Low, b.High, b.Deals, *b.Predicted, *b.Observed)
		}
	}
	// Output:
	// 1000 deals: Brier 0.201, base rate 0.38, skill 0.15
	// [0.0, 0.2) 159 deals: predicted 0.13, observed 0.10
	// [0.2, 0.4) 481 deals: predicted 0.32, observed 0.32
	// [0.4, 0.6) 159 deals: predicted 0.54, observed 0.50
	// [0.6, 0.8) 136 deals: predicted 0.70, observed 0.64
	// [0.8, 1.0)  65 deals: predicted 0.84, observed 0.74
}

// Two workers count their halves of a pipeline and ship them as bytes; the
// reducer starts from a zero Pipeline, which takes the workers' stages,
// places and options with the first shard merged in. The result is the
// one-pass forecast, to the cent: 90,000 × 0.75 + 40,000 × 0.5 = 87,500
// expected in May, and the won 25,000 in full in April.
func ExamplePipeline_Merge() {
	d := forecast.MustDate
	shards := [][]forecast.Deal{
		{{ID: "1", Amount: decimal.NewFromInt(90000), Stage: "negotiation", CloseDate: d("2026-05-20"), Owner: "ana"}},
		{{ID: "2", Amount: decimal.NewFromInt(40000), Stage: "proposal", CloseDate: d("2026-05-30"), Owner: "ben"},
			{ID: "3", Amount: decimal.NewFromInt(25000), Stage: "won", CloseDate: d("2026-04-08"), Owner: "ana"}},
	}
	var total forecast.Pipeline
	for _, deals := range shards {
		w, err := forecast.NewPipeline(forecast.B2B(), 2, nil) // on the worker
		if err != nil {
			panic(err)
		}
		if err := w.AddAll(deals); err != nil {
			panic(err)
		}
		b, err := w.MarshalBinary()
		if err != nil {
			panic(err)
		}
		var shard forecast.Pipeline // on the reducer
		if err := shard.UnmarshalBinary(b); err != nil {
			panic(err)
		}
		if err := total.Merge(&shard); err != nil {
			panic(err)
		}
	}
	for _, m := range total.Report(nil).Periods {
		fmt.Printf("%v: expected %s (deals: %d)\n", m.Period, m.Expected, m.Forecasts.OpenPipeline.Deals+m.Forecasts.Closed.Deals)
	}
	// Output:
	// 2026-04-01/2026-05-01: expected 25000 (deals: 1)
	// 2026-05-01/2026-06-01: expected 87500 (deals: 2)
}
