package forecast_test

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/saleskit/saleskit/forecast"
)

// TestResultsRoundTrip: every kind of result marshals, decodes into its own
// type and marshals to the same bytes again, so a CRM can store and send
// what the package returns.
func TestResultsRoundTrip(t *testing.T) {
	p := newPipeline(t, 2, nil)
	if err := p.AddAll(workedDeals()); err != nil {
		t.Fatal(err)
	}
	rep := p.Report(&forecast.ReportOptions{ByOwner: true})
	org, _ := forecast.NewOrg([]forecast.Unit{{Key: "vp", Labels: forecast.Labels{"en": "VP", "zh-CN": "副总裁"}},
		{Key: "ana", Manager: "vp"}, {Key: "ben", Manager: "vp"}})
	ru, err := rep.RollUp(org, []forecast.Adjustment{{Unit: "ana", By: "vp", Period: forecast.MustDate("2026-07-01"),
		Category: forecast.CategoryCommit, Amount: dec("1000")}})
	if err != nil {
		t.Fatal(err)
	}
	later := workedDeals()
	later[0].Stage = "won"
	cmpr, _ := forecast.Compare(forecast.B2B(), workedDeals(), later, nil)
	choice, err := forecast.Auto(monthlyBookings, &forecast.AutoOptions{Period: 12, Backtest: &forecast.BacktestOptions{Horizon: 6}})
	if err != nil {
		t.Fatal(err)
	}
	ps, _ := forecast.ProspectsOf(forecast.B2B(), workedDeals(), forecast.MustDate("2026-07-01"), 1, &forecast.ProspectOptions{Spread: 0.1})
	sim, _ := forecast.Simulate(ps, dec("150000"), 1, &forecast.SimulateOptions{Trials: 500})
	w := learnt(t, forecast.RulesOdoo, emeaHistory())
	score, _ := w.Score(forecast.OpenDeal{Team: "emea", Stage: "lead", Override: prob(0.3)})
	cal, _ := w.Calibrate(emeaHistory(), nil)
	blend, _ := forecast.Blend(rep.Periods[0], []float64{1, 2, 3, 4}, 2, nil)
	acc, _ := forecast.Accuracy([]float64{1, 0, 3}, []float64{2, 1, 3}, &forecast.AccuracyOptions{Train: []float64{1, 1, 1}})
	for name, v := range map[string]any{
		"report": rep, "roll-up": ru, "comparison": cmpr, "choice": choice, "prospects": ps, "simulation": sim,
		"score": score, "calibration": cal, "blend": blend, "accuracy": acc, "stages": forecast.B2B(), "units": org.Units(),
	} {
		t.Run(name, func(t *testing.T) {
			a, err := json.Marshal(v)
			if err != nil {
				t.Fatal(err)
			}
			back := reflect.New(reflect.TypeOf(v))
			if err := json.Unmarshal(a, back.Interface()); err != nil {
				t.Fatalf("%s does not decode: %v", a, err)
			}
			b, _ := json.Marshal(back.Elem().Interface())
			if !bytes.Equal(a, b) {
				t.Errorf("round trip changed the JSON:\n%s\n%s", a, b)
			}
		})
	}
}
