package funnel_test

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/saleskit/saleskit/funnel"
)

// roundTrip marshals v, decodes it into a new T and marshals that again: the
// decoded value must equal v and the two encodings must be the same bytes.
func roundTrip[T any](t *testing.T, name string, v T) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("%s: Marshal: %v", name, err)
	}
	var back T
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatalf("%s: Unmarshal(%s): %v", name, b, err)
	}
	if diff := cmp.Diff(v, back); diff != "" {
		t.Errorf("%s: JSON round trip (-want +got):\n%s", name, diff)
	}
	again, _ := json.Marshal(back)
	if string(again) != string(b) {
		t.Errorf("%s: re-encoding differs:\n%s\n%s", name, b, again)
	}
	return b
}

// TestResultsRoundTrip checks that every result and every option type
// marshals and decodes back to an equal value, on reports with segments,
// a window, an AsOf and ignored events.
func TestResultsRoundTrip(t *testing.T) {
	events := append(worked(), ev("d1", "lead", day(1), 1000), funnel.Event{Deal: "d5", Stage: "on-hold", Time: day(2)})
	a := analyze(t, events)
	opts := funnel.ReportOptions{Mode: funnel.Strict, AsOf: day(20), Window: 120 * 24 * time.Hour,
		Benchmark: map[string]float64{"lead": 0.5}, By: funnel.ByOwner{}}
	r, err := a.Report(&opts)
	if err != nil {
		t.Fatal(err)
	}
	b := roundTrip(t, "Report", r)
	// 120 days are 10,368,000 seconds; in nanoseconds they would pass 2⁵³.
	if !strings.Contains(string(b), `"window_seconds":10368000`) || strings.Contains(string(b), "10368000000000000") {
		t.Errorf("Report JSON does not give the window in seconds: %s", b)
	}
	opts.By = nil
	roundTrip(t, "ReportOptions", opts)
	roundTrip(t, "Options", funnel.Options{OnUnknown: funnel.Skip, Deals: 10})
	roundTrip(t, "Stages", funnel.B2B())

	f, err := a.Flow(day(2), day(10), &funnel.FlowOptions{Entry: "qualified"})
	if err != nil {
		t.Fatal(err)
	}
	roundTrip(t, "Flow", f)
	c, err := funnel.Compare(r, r, 0.05)
	if err != nil {
		t.Fatal(err)
	}
	roundTrip(t, "Comparison", c)

	calls := []funnel.Call{
		{Agent: "li", Time: day(3), Outcome: funnel.CallDeal, Duration: 754*time.Second + time.Nanosecond},
		{Agent: "li", Time: day(3), Outcome: funnel.CallNoAnswer},
	}
	cr, err := funnel.Calls(slices.Values(calls), nil)
	if err != nil {
		t.Fatal(err)
	}
	roundTrip(t, "CallReport", cr)
	if b := roundTrip(t, "Call", calls[0]); !strings.Contains(string(b), `"duration_seconds":754.000000001`) {
		t.Errorf("Call JSON = %s, want duration_seconds 754.000000001", b)
	}
	// A draft call record without an outcome still saves.
	roundTrip(t, "draft Call", funnel.Call{Agent: "li"})
}

func TestDurationsJSON(t *testing.T) {
	tests := []struct {
		d    funnel.Durations
		json string
	}{
		{funnel.Durations{}, `{"n":0,"mean_seconds":0,"median_seconds":0,"p90_seconds":0}`},
		// 120 days = 10,368,000 s; 1 ns; 1.5 s.
		{funnel.Durations{N: 3, Mean: 120 * 24 * time.Hour, Median: time.Nanosecond, P90: 1500 * time.Millisecond},
			`{"n":3,"mean_seconds":10368000,"median_seconds":0.000000001,"p90_seconds":1.5}`},
		// The largest and smallest durations, exactly.
		{funnel.Durations{N: 1, Mean: 1<<63 - 1, Median: -1 << 63},
			`{"n":1,"mean_seconds":9223372036.854775807,"median_seconds":-9223372036.854775808,"p90_seconds":0}`},
	}
	for _, tt := range tests {
		b, err := json.Marshal(tt.d)
		if err != nil || string(b) != tt.json {
			t.Errorf("Marshal(%+v) = %s, %v; want %s", tt.d, b, err, tt.json)
		}
		var back funnel.Durations
		if err := json.Unmarshal([]byte(tt.json), &back); err != nil || back != tt.d {
			t.Errorf("Unmarshal(%s) = %+v, %v; want %+v", tt.json, back, err, tt.d)
		}
	}
	decode := []struct {
		seconds string
		want    time.Duration
	}{
		{"1e3", 1000 * time.Second},
		{"0.0000000015", 2 * time.Nanosecond}, // half away from zero
		{"-0.0000000015", -2 * time.Nanosecond},
		{"1e-30", 0}, // rounds to zero
		{"null", 0},
	}
	for _, tt := range decode {
		var d funnel.Durations
		err := json.Unmarshal([]byte(`{"n":1,"mean_seconds":`+tt.seconds+`}`), &d)
		if err != nil || d.Mean != tt.want {
			t.Errorf("mean_seconds %s = %v, %v; want %v", tt.seconds, d.Mean, err, tt.want)
		}
	}
	for _, bad := range []string{`"5"`, "9223372037", "1e20", "1e999999999", "1e-999999999", "true"} {
		var d funnel.Durations
		err := json.Unmarshal([]byte(`{"mean_seconds":`+bad+`}`), &d)
		if !errors.Is(err, funnel.ErrDuration) {
			t.Errorf("mean_seconds %s: err = %v, want ErrDuration", bad, err)
		}
	}
}
