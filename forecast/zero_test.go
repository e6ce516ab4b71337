package forecast_test

import (
	"bytes"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/saleskit/saleskit/forecast"
)

// TestZeroPipeline checks the zero Pipeline: it refuses deals, merges as
// an identity, and a reducer that starts from it and merges shards gets
// the one-pass pipeline, settings and all, which then goes on taking deals
// as the one-pass pipeline does.
func TestZeroPipeline(t *testing.T) {
	var zero forecast.Pipeline
	if err := zero.Add(workedDeals()[0]); !errors.Is(err, forecast.ErrOption) {
		t.Errorf("zero Add = %v, want ErrOption", err)
	}
	if err := zero.AddAll(workedDeals()); !errors.Is(err, forecast.ErrOption) {
		t.Errorf("zero AddAll = %v, want ErrOption", err)
	}
	var other forecast.Pipeline
	if err := zero.Merge(&other); err != nil || zero.Deals() != 0 || len(zero.Stages()) != 0 {
		t.Errorf("zero Merge zero = %v, %d deals, %d stages; want nil, 0, 0", err, zero.Deals(), len(zero.Stages()))
	}

	opts := &forecast.PipelineOptions{Grain: forecast.Quarter, FiscalYearStart: time.April}
	deals := workedDeals()
	one := newPipeline(t, 2, opts)
	if err := one.AddAll(deals); err != nil {
		t.Fatal(err)
	}
	var total forecast.Pipeline
	for _, part := range [][]forecast.Deal{deals[:2], deals[2:]} {
		p := newPipeline(t, 2, opts)
		if err := p.AddAll(part); err != nil {
			t.Fatal(err)
		}
		if err := total.Merge(p); err != nil {
			t.Fatalf("Merge into the zero Pipeline: %v", err)
		}
	}
	if got, want := total.Options(), one.Options(); got != want || total.Places() != 2 || !cmp.Equal(total.Stages(), one.Stages()) {
		t.Errorf("merged into zero: options %+v, places %d; want %+v, 2, and the same stages", got, total.Places(), want)
	}
	if !total.Report(nil).Equal(one.Report(nil)) {
		t.Errorf("shards merged into the zero Pipeline differ from one pass:\n%+v\n%+v", total.Report(nil), one.Report(nil))
	}
	// A zero pipeline merged in changes nothing.
	before, _ := total.MarshalBinary()
	if err := total.Merge(new(forecast.Pipeline)); err != nil {
		t.Fatal(err)
	}
	after, _ := total.MarshalBinary()
	if !bytes.Equal(before, after) {
		t.Error("merging a zero Pipeline changed the pipeline")
	}
	// The adopted settings are the source's, not shared with it: both go
	// on taking deals on their own and agree.
	extra := forecast.Deal{ID: "x", Amount: dec("100"), Stage: "proposal", CloseDate: forecast.MustDate("2026-05-02"), Owner: "new"}
	for _, p := range []*forecast.Pipeline{&total, one} {
		if err := p.Add(extra); err != nil {
			t.Fatal(err)
		}
	}
	if !total.Report(&forecast.ReportOptions{ByOwner: true}).Equal(one.Report(&forecast.ReportOptions{ByOwner: true})) {
		t.Error("after merging into zero, adding a deal gives another report than the one-pass pipeline")
	}
}

// TestZeroWinModel checks the zero WinModel the same way: it refuses to
// learn, score or calibrate, merges as an identity, and takes the stages
// and rules of the first model merged into it. The merged model scores
// the worked example's lead from the web at 29.25% (TestWinOdooWorked).
func TestZeroWinModel(t *testing.T) {
	var zero forecast.WinModel
	if err := zero.Learn(emeaHistory()[0]); !errors.Is(err, forecast.ErrOption) {
		t.Errorf("zero Learn = %v, want ErrOption", err)
	}
	if err := zero.LearnAll(emeaHistory()); !errors.Is(err, forecast.ErrOption) {
		t.Errorf("zero LearnAll = %v, want ErrOption", err)
	}
	lead := forecast.OpenDeal{Team: "emea", Stage: "lead", Fields: map[string]string{"source": "web"}}
	if _, err := zero.Score(lead); !errors.Is(err, forecast.ErrOption) {
		t.Errorf("zero Score = %v, want ErrOption", err)
	}
	if _, err := zero.ScoreAll([]forecast.OpenDeal{lead}); !errors.Is(err, forecast.ErrOption) {
		t.Errorf("zero ScoreAll = %v, want ErrOption", err)
	}
	if _, err := zero.Calibrate(emeaHistory(), nil); !errors.Is(err, forecast.ErrOption) {
		t.Errorf("zero Calibrate = %v, want ErrOption", err)
	}
	if err := zero.Merge(new(forecast.WinModel)); err != nil || zero.Deals() != 0 {
		t.Errorf("zero Merge zero = %v, %d deals; want nil, 0", err, zero.Deals())
	}

	h := emeaHistory()
	var total forecast.WinModel
	for _, part := range [][]forecast.ClosedDeal{h[:5], h[5:]} {
		if err := total.Merge(learnt(t, forecast.RulesOdoo, part)); err != nil {
			t.Fatalf("Merge into the zero WinModel: %v", err)
		}
	}
	if total.Rules() != forecast.RulesOdoo || total.Deals() != int64(len(h)) || len(total.Stages()) != 4 {
		t.Errorf("merged into zero: rules %v, %d deals, stages %v", total.Rules(), total.Deals(), total.Stages())
	}
	if err := total.Merge(new(forecast.WinModel)); err != nil || total.Deals() != int64(len(h)) {
		t.Errorf("Merge of a zero WinModel = %v, %d deals; want nil, %d", err, total.Deals(), len(h))
	}
	s, err := total.Score(lead)
	if err != nil {
		t.Fatal(err)
	}
	if s.Automated != 0.2925 {
		t.Errorf("merged model scores the web lead %v, want 0.2925", s.Automated)
	}
}
