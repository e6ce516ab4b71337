package lifecycle_test

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/saleskit/saleskit/lifecycle"
)

// TestStale walks a project through time, checking staleness at fixed
// instants: initiation goes stale after 14 days of unpaused time.
func TestStale(t *testing.T) {
	d := lifecycle.SalesProject()
	in := d.Start(t0, "owner")
	for i, c := range []struct {
		day    int
		action func() error
		stale  bool
		age    time.Duration
	}{
		{day: 9, age: 9 * days},
		{day: 10, action: func() error { return d.Pause(in, day(10), "owner", "customer on holiday", lifecycle.DateOf(day(15))) }, age: 10 * days},
		{day: 14, age: 14 * days}, // 14 days old, but paused
		{day: 15, action: func() error { return d.Resume(in, day(15), "owner") }, age: 15 * days},
		{day: 18, age: 18 * days}, // 13 unpaused days
		{day: 19, stale: true, age: 19 * days},
		{day: 40, stale: true, age: 40 * days},
	} {
		if c.action != nil {
			if err := c.action(); err != nil {
				t.Fatalf("check %d: %v", i, err)
			}
		}
		m, err := d.Measure(in, day(c.day))
		if err != nil {
			t.Fatal(err)
		}
		if got := d.Stale(in, day(c.day)); got != c.stale || m.Stale != c.stale {
			t.Errorf("check %d: Stale(day %d) = %v (measure %v), want %v", i, c.day, got, m.Stale, c.stale)
		}
		if m.Age != c.age {
			t.Errorf("check %d: Age = %v, want %v", i, m.Age, c.age)
		}
	}
}

func TestMeasuresJSON(t *testing.T) {
	m := lifecycle.Measures[string]{
		Path: []string{"open", "work"},
		Time: []lifecycle.StateTime[string]{
			{State: "open", Visits: 1, Time: 90061*time.Second + time.Nanosecond},
			{State: "work", Visits: 1, Time: 120 * 24 * time.Hour},
		},
		Age:   1500 * time.Millisecond,
		Loops: []lifecycle.Loop[string]{{From: "work", To: "open", Count: 1}},
		Stale: true,
	}
	const want = `{"path":["open","work"],"time":[` +
		`{"state":"open","visits":1,"time_seconds":90061.000000001},` +
		`{"state":"work","visits":1,"time_seconds":10368000}],` +
		`"age_seconds":1.5,"loops":[{"from":"work","to":"open","count":1}],"stale":true}`
	got := mustJSON(t, m)
	if got != want {
		t.Errorf("json.Marshal(measures) =\n%s\nwant\n%s", got, want)
	}
	var back lifecycle.Measures[string]
	if err := json.Unmarshal([]byte(got), &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(m, back); diff != "" {
		t.Errorf("measures after a JSON round trip (-want +got):\n%s", diff)
	}
	for _, tc := range []struct {
		seconds string
		want    time.Duration
		err     bool
	}{
		{"0", 0, false},
		{"-0.5", -500 * time.Millisecond, false},
		{"1e3", 1000 * time.Second, false},
		{"5e-7", 500 * time.Nanosecond, false},
		{"0.0000000016", 2 * time.Nanosecond, false}, // more than nine decimals: rounded
		{"9223372036.854775807", time.Duration(1<<63 - 1), false},
		{"-9223372036.854775808", time.Duration(-1 << 63), false},
		{"9223372036.854775808", 0, true},
		{"1e400", 0, true},
	} {
		var m lifecycle.Measures[string]
		err := json.Unmarshal([]byte(`{"age_seconds":`+tc.seconds+`}`), &m)
		switch {
		case tc.err && err == nil:
			t.Errorf("age_seconds %s decoded as %v, want an error", tc.seconds, m.Age)
		case !tc.err && (err != nil || m.Age != tc.want):
			t.Errorf("age_seconds %s = %v, %v; want %v", tc.seconds, m.Age, err, tc.want)
		}
	}
	var fe *lifecycle.FieldError
	err := json.Unmarshal([]byte(`{"time":[{"state":"a","time_seconds":1e300}]}`), &m)
	if !errors.Is(err, lifecycle.ErrDuration) || !errors.As(err, &fe) || fe.Field != "time_seconds" {
		t.Errorf("time_seconds 1e300 = %v, want a FieldError on time_seconds wrapping ErrDuration", err)
	}
}
