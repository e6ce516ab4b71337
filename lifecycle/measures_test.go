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
		day         int
		action      func() error
		stale       bool
		age, paused time.Duration
	}{
		{day: 9, age: 9 * days},
		{day: 10, action: func() error { return d.Pause(in, day(10), "owner", "customer on holiday", lifecycle.DateOf(day(15))) }, age: 10 * days},
		{day: 14, age: 10 * days, paused: 4 * days}, // 14 days old, but 4 paused, and paused now
		{day: 15, action: func() error { return d.Resume(in, day(15), "owner") }, age: 10 * days, paused: 5 * days},
		{day: 18, age: 13 * days, paused: 5 * days},
		{day: 19, stale: true, age: 14 * days, paused: 5 * days},
		{day: 40, stale: true, age: 35 * days, paused: 5 * days},
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
		if m.Age != c.age || m.Paused != c.paused {
			t.Errorf("check %d: Age, Paused = %v, %v; want %v, %v", i, m.Age, m.Paused, c.age, c.paused)
		}
	}
	// Staleness as of an earlier instant reads the history as it was then.
	if d.Stale(in, day(12)) {
		t.Error("Stale(day 12) = true while the project was paused then")
	}
}

// TestMeasureAsOf checks that Measure counts only what had happened at or
// before asOf.
func TestMeasureAsOf(t *testing.T) {
	d, err := lifecycle.NewBuilder[string, string]("work").
		State(lifecycle.State[string]{Key: "open", Kind: lifecycle.Initial, StaleAfterDays: 1}).
		State(lifecycle.State[string]{Key: "work"}).
		State(lifecycle.State[string]{Key: "done", Kind: lifecycle.Terminal}).
		Permit("open", "start", "work").Permit("work", "stop", "open").Permit("work", "finish", "done").Build()
	if err != nil {
		t.Fatal(err)
	}
	h := func(n int) time.Time { return t0.Add(time.Duration(n) * time.Hour) }
	in := d.Start(h(0), "a")
	for _, s := range []struct {
		tr string
		at int
	}{{"start", 10}, {"stop", 20}} {
		if _, err := d.Fire(in, s.tr, h(s.at), "a"); err != nil {
			t.Fatal(err)
		}
	}
	type M = lifecycle.Measures[string]
	type ST = lifecycle.StateTime[string]
	for _, tc := range []struct {
		hour int
		want M
	}{
		{-1, M{}},
		{0, M{State: "open", Path: []string{"open"}, Time: []ST{{State: "open", Visits: 1}}}},
		{5, M{State: "open", Path: []string{"open"}, Time: []ST{{State: "open", Visits: 1, Time: 5 * time.Hour}}, Age: 5 * time.Hour}},
		{10, M{State: "work", Path: []string{"open", "work"}, Time: []ST{{State: "open", Visits: 1, Time: 10 * time.Hour}, {State: "work", Visits: 1}}}},
		{30, M{State: "open", Path: []string{"open", "work", "open"},
			Time: []ST{{State: "open", Visits: 2, Time: 20 * time.Hour}, {State: "work", Visits: 1, Time: 10 * time.Hour}},
			Age:  10 * time.Hour, Loops: []lifecycle.Loop[string]{{From: "work", To: "open", Count: 1}}}},
		{44, M{State: "open", Path: []string{"open", "work", "open"},
			Time: []ST{{State: "open", Visits: 2, Time: 34 * time.Hour}, {State: "work", Visits: 1, Time: 10 * time.Hour}},
			Age:  24 * time.Hour, Loops: []lifecycle.Loop[string]{{From: "work", To: "open", Count: 1}}, Stale: true}},
	} {
		m, err := d.Measure(in, h(tc.hour))
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tc.want, m); diff != "" {
			t.Errorf("Measure(hour %d) (-want +got):\n%s", tc.hour, diff)
		}
	}
}

// TestTimeInStateExcludesPauses checks that time in a state, the stage age
// and staleness agree: each counts unpaused time, and the paused time is
// reported beside it.
func TestTimeInStateExcludesPauses(t *testing.T) {
	d := lifecycle.SalesProject()
	in := d.Start(t0, "a")
	if err := d.Pause(in, day(2), "a", "freeze", lifecycle.Date{}); err != nil {
		t.Fatal(err)
	}
	if err := d.Resume(in, day(25), "a"); err != nil {
		t.Fatal(err)
	}
	m, err := d.Measure(in, day(27))
	if err != nil {
		t.Fatal(err)
	}
	want := lifecycle.StateTime[lifecycle.Phase]{State: lifecycle.PhaseInitiation, Visits: 1, Time: 4 * days, Paused: 23 * days}
	if m.Time[0] != want || m.Age != 4*days || m.Paused != 23*days || m.Stale {
		t.Errorf("time in initiation = %+v, age %v, paused %v, stale %v; want %+v, 4 days, 23 days, not stale", m.Time[0], m.Age, m.Paused, m.Stale, want)
	}
}

func TestMeasuresJSON(t *testing.T) {
	m := lifecycle.Measures[string]{
		State: "work",
		Path:  []string{"open", "work"},
		Time: []lifecycle.StateTime[string]{
			{State: "open", Visits: 1, Time: 90061*time.Second + time.Nanosecond, Paused: 120 * 24 * time.Hour},
			{State: "work", Visits: 1, Time: 1500 * time.Millisecond},
		},
		Age:   1500 * time.Millisecond,
		Loops: []lifecycle.Loop[string]{{From: "work", To: "open", Count: 1}},
		Stale: true,
	}
	const want = `{"state":"work","path":["open","work"],"time":[` +
		`{"state":"open","visits":1,"time_seconds":90061.000000001,"paused_seconds":10368000},` +
		`{"state":"work","visits":1,"time_seconds":1.5,"paused_seconds":0}],` +
		`"age_seconds":1.5,"paused_seconds":0,"loops":[{"from":"work","to":"open","count":1}],"stale":true}`
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
