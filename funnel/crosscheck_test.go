package funnel_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/saleskit/saleskit/funnel"
)

// ignoreReason leaves the bottleneck's sentence out of cross-checks against
// the naive implementation, which judges the same step but does not word it.
var ignoreReason = cmpopts.IgnoreFields(funnel.Bottleneck{}, "Reason")

func analyze(t *testing.T, events []funnel.Event) *funnel.Analyzer {
	t.Helper()
	a, err := funnel.NewAnalyzer(funnel.B2B(), &funnel.Options{Unknown: funnel.Skip})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.AddAll(events); err != nil {
		t.Fatal(err)
	}
	return a
}

func reportOptions() map[string]funnel.ReportOptions {
	asOf := genStart.Add(300 * 24 * time.Hour)
	return map[string]funnel.ReportOptions{
		"any-order":        {},
		"strict":           {Mode: funnel.Strict},
		"as-of":            {AsOf: asOf},
		"strict-window":    {Mode: funnel.Strict, Window: 40 * 24 * time.Hour, AsOf: asOf},
		"by-owner":         {By: funnel.ByOwner},
		"cohorts-window":   {By: funnel.ByCohort, Window: 90 * 24 * time.Hour},
		"source-benchmark": {By: funnel.BySource, Benchmark: map[string]float64{"lead": 0.8, "proposal": 0.7}},
	}
}

func TestReportMatchesNaive(t *testing.T) {
	for seed := range uint64(4) {
		events := genEvents(seed, genOptions{Deals: 400, Owners: 5, Messy: true})
		a := analyze(t, events)
		for name, o := range reportOptions() {
			got, err := a.Report(&o)
			if err != nil {
				t.Fatal(err)
			}
			want := naiveReport(funnel.B2B(), events, o)
			if diff := cmp.Diff(want, got, ignoreReason, cmpopts.IgnoreFields(funnel.ReportOptions{}, "By")); diff != "" {
				t.Fatalf("seed %d, %s: Report differs from the naive replay (-want +got):\n%s", seed, name, diff)
			}
		}
	}
}
