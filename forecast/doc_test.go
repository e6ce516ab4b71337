package forecast_test

import (
	"testing"

	"github.com/saleskit/saleskit/forecast"
)

// TestDocWorkedExample asserts the numbers of the package documentation's
// worked example.
func TestDocWorkedExample(t *testing.T) {
	p, err := forecast.NewPipeline(forecast.B2B(), 2, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.AddAll(workedDeals()); err != nil {
		t.Fatal(err)
	}
	r := p.Report(nil)
	if len(r.Periods) != 1 {
		t.Fatalf("%d periods, want 1", len(r.Periods))
	}
	f := r.Periods[0]
	if want := (forecast.Period{Start: forecast.MustDate("2026-07-01"), End: forecast.MustDate("2026-08-01")}); f.Period != want {
		t.Errorf("period = %v, want %v", f.Period, want)
	}
	cats := []struct {
		c                forecast.Category
		deals            int64
		amount, weighted string
	}{
		{forecast.CategoryPipeline, 2, "83333.33", "15833.33"},
		{forecast.CategoryBestCase, 2, "90000.05", "45000.02"},
		{forecast.CategoryCommit, 1, "120000", "90000"},
		{forecast.CategoryClosed, 1, "60000", "60000"},
		{forecast.CategoryOmitted, 1, "40000", "0"},
	}
	for _, c := range cats {
		got := f.Category(c.c)
		if got.Deals != c.deals || !got.Amount.Equal(dec(c.amount)) || !got.Weighted.Equal(dec(c.weighted)) {
			t.Errorf("%s = %d deals, %s, weighted %s; want %d, %s, %s", c.c, got.Deals, got.Amount, got.Weighted, c.deals, c.amount, c.weighted)
		}
	}
	for _, c := range []struct {
		name   string
		got    forecast.Total
		amount string
	}{
		{"open pipeline", f.Forecasts.OpenPipeline, "293333.38"},
		{"best case", f.Forecasts.BestCase, "270000.05"},
		{"commit", f.Forecasts.Commit, "180000"},
		{"closed", f.Forecasts.Closed, "60000"},
	} {
		if !c.got.Amount.Equal(dec(c.amount)) {
			t.Errorf("%s forecast = %s, want %s", c.name, c.got.Amount, c.amount)
		}
	}
	if want := dec("210833.35"); !f.Expected.Equal(want) {
		t.Errorf("expected = %s, want %s", f.Expected, want)
	}
}
