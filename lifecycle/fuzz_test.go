package lifecycle_test

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/saleskit/saleskit/lifecycle"
)

// sentinels are every error the package returns, for clearError.
var sentinels = []error{
	lifecycle.ErrEmptyKey, lifecycle.ErrDuplicateState, lifecycle.ErrDuplicateTrigger, lifecycle.ErrDuplicateItem,
	lifecycle.ErrDuplicateTransition, lifecycle.ErrDuplicateGuard, lifecycle.ErrNilGuard, lifecycle.ErrUnknownState,
	lifecycle.ErrUnknownItem, lifecycle.ErrUnknownGuard, lifecycle.ErrNoInitial, lifecycle.ErrManyInitial,
	lifecycle.ErrUnreachable, lifecycle.ErrDeadEnd, lifecycle.ErrTerminalExit, lifecycle.ErrInternalTarget,
	lifecycle.ErrEmptyGate, lifecycle.ErrProbability, lifecycle.ErrStaleDays, lifecycle.ErrUnknownName,
	lifecycle.ErrNilDefinition, lifecycle.ErrNilInstance, lifecycle.ErrTimeOrder, lifecycle.ErrRefused,
	lifecycle.ErrNotPaused, lifecycle.ErrPaused, lifecycle.ErrTerminal, lifecycle.ErrHistory, lifecycle.ErrDate,
	lifecycle.ErrDuration,
}

// clearError fails t when err is neither nil nor an error that starts with
// the package name and wraps one of its sentinels.
func clearError(t *testing.T, what string, err error) {
	t.Helper()
	if err == nil {
		return
	}
	for _, s := range sentinels {
		if errors.Is(err, s) {
			if !strings.HasPrefix(err.Error(), "lifecycle: ") {
				t.Fatalf("%s: error %q does not start with the package name", what, err)
			}
			return
		}
	}
	t.Fatalf("%s: error %q wraps no sentinel", what, err)
}

// decodeError is clearError for json.Unmarshal: encoding/json and time
// report malformed JSON in their own errors, and the package's own errors
// among them must be clear.
func decodeError(t *testing.T, err error) {
	t.Helper()
	var fe *lifecycle.FieldError
	if errors.As(err, &fe) {
		clearError(t, "Unmarshal", err)
	}
}

// maxInput bounds what one execution reads, so that it stays cheap.
const maxInput = 1 << 14

// FuzzDefinitionJSON decodes arbitrary JSON as a Spec and builds it.
// Nothing may panic and every error wraps a sentinel; what builds must
// encode, decode and build again to the same bytes, and must draw and run.
func FuzzDefinitionJSON(f *testing.F) {
	for _, name := range []string{"sales_project.json", "opportunity.json", "customer.json", "telesales_lead.json"} {
		data, err := os.ReadFile(filepath.Join("presets", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`{"name":"x","states":[{"key":"a","kind":"initial"},{"key":"b","kind":"terminal","outcome":"won"}],"transitions":[{"from":"a","trigger":"t","to":"b"}]}`))
	f.Add([]byte(`{"states":[{"key":"a","kind":"initial","probability":2}],"transitions":[{"from":"a","trigger":"t","internal":true}]}`))
	f.Add([]byte(`{"states":[{"key":"a","kind":"bogus"}]}`))
	f.Add([]byte(`{"states":[{"key":"a","kind":"initial","stay_items":["x","x"],"entry":[{"items":["x","x"]}]}],"items":[{"key":"x"}],"transitions":[{"from":"a","trigger":"t","to":"a","guards":["g"]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > maxInput {
			return
		}
		var sp lifecycle.Spec[string, string]
		if err := json.Unmarshal(data, &sp); err != nil {
			decodeError(t, err)
			return
		}
		d, err := lifecycle.NewBuilder[string, string]("").Spec(sp).Build()
		if err != nil {
			clearError(t, "Build", err)
			return
		}
		out, err := json.Marshal(d)
		if err != nil {
			t.Fatalf("Marshal of a built definition: %v", err)
		}
		var again lifecycle.Spec[string, string]
		if err := json.Unmarshal(out, &again); err != nil {
			t.Fatalf("re-decoding %s: %v", out, err)
		}
		d2, err := lifecycle.NewBuilder[string, string]("").Spec(again).Build()
		if err != nil {
			t.Fatalf("rebuilding %s: %v", out, err)
		}
		if out2, _ := json.Marshal(d2); string(out) != string(out2) {
			t.Fatalf("round trip not stable:\n%s\n%s", out, out2)
		}
		_ = d.Mermaid("en")
		_ = d.DOT("zh-CN")
		in := d.Start(t0, "fuzz")
		perms, err := d.Permitted(in, t0, "fuzz")
		if err != nil {
			t.Fatalf("Permitted on a fresh instance: %v", err)
		}
		for _, p := range perms {
			_ = p.Obstacles
			c := in.Clone()
			if _, err := d.Fire(c, p.Trigger, t0, "fuzz"); (err == nil) != p.Allowed {
				t.Fatalf("Permitted said allowed=%v for %q but Fire returned %v", p.Allowed, p.Trigger, err)
			}
		}
		if len(sp.States) <= 8 && len(sp.Transitions) <= 16 {
			newTwin(d, t0).run(t, opsFromBytes(data[:min(len(data), 64)]))
		}
	})
}

// FuzzFire runs arbitrary operations (triggers, fact changes, pauses,
// probability overrides, some at times before the last step) on a preset
// and on the naive model side by side. Nothing may panic; every outcome must
// agree with the naive model; a failed call must leave the instance
// unchanged; after every call the instance must check and replay; the
// measures must agree and the time in states add up to the instance's life.
func FuzzFire(f *testing.F) {
	f.Add(uint8(0), []byte{0, 0, 3, 0, 3, 1, 3, 2, 0, 0, 1, 5, 4, 0, 0, 1, 4, 0})
	f.Add(uint8(1), []byte{3, 0, 3, 1, 3, 2, 0, 0, 0, 2, 2, 7, 0x80, 1})
	f.Add(uint8(2), []byte{0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6})
	f.Add(uint8(3), []byte{0, 0, 0, 0, 0, 1, 0, 3, 4, 1, 4, 1, 0, 4})
	f.Fuzz(func(t *testing.T, which uint8, data []byte) {
		// Every op checks the instance and replays its whole history, so
		// an execution costs the square of its length. Longer inputs find
		// nothing 128 ops do not, and a few of them would stall a
		// count-bounded run.
		ops := opsFromBytes(data[:min(len(data), 256)])
		switch which % 4 {
		case 0:
			newTwin(lifecycle.SalesProject(), t0).run(t, ops)
		case 1:
			newTwin(lifecycle.Opportunity(), t0).run(t, ops)
		case 2:
			newTwin(lifecycle.Customer(), t0).run(t, ops)
		default:
			newTwin(lifecycle.TelesalesLead(), t0).run(t, ops)
		}
	})
}

// FuzzInstanceJSON decodes arbitrary JSON as an instance of a preset and
// checks it. Nothing may panic and every error wraps a sentinel; an instance
// that checks must measure, list its permissions, fire, encode and decode to
// the same bytes.
func FuzzInstanceJSON(f *testing.F) {
	d := lifecycle.Opportunity()
	in := d.Start(t0, "fuzz")
	in.Tick("budget_confirmed")
	if err := in.OverrideProbability(0.4); err != nil {
		f.Fatal(err)
	}
	if err := d.Pause(in, day(1), "fuzz", "holiday", lifecycle.MustDate("2025-03-20")); err != nil {
		f.Fatal(err)
	}
	f.Add([]byte(mustJSON(f, in)))
	f.Add([]byte(`{"state":"lead","entered":"2025-03-03T09:00:00+08:00","probability":0.1,"history":[{"kind":"start","to":"lead","at":"2025-03-03T09:00:00+08:00"}]}`))
	f.Add([]byte(`{"state":"lost","entered":"2025-03-04T09:00:00Z","probability":0,"facts":{"loss_reason":"price"},"history":[{"kind":"start","to":"lead","at":"2025-03-03T09:00:00Z"},{"kind":"fire","from":"lead","to":"lost","trigger":"disqualify","at":"2025-03-04T09:00:00Z"}]}`))
	f.Add([]byte(`{"state":"lead","probability":0.5,"overridden":true,"default_probability":2,"pause":{"until":"2025-02-30"}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > maxInput {
			return
		}
		var in lifecycle.Instance[lifecycle.DealStage, lifecycle.DealTrigger]
		if err := json.Unmarshal(data, &in); err != nil {
			decodeError(t, err)
			return
		}
		if err := d.Check(&in); err != nil {
			clearError(t, "Check", err)
			if _, err := d.Measure(&in, t0); err != nil {
				clearError(t, "Measure", err)
			}
			return
		}
		out, err := json.Marshal(&in)
		if err != nil {
			t.Fatal(err)
		}
		var back lifecycle.Instance[lifecycle.DealStage, lifecycle.DealTrigger]
		if err := json.Unmarshal(out, &back); err != nil {
			t.Fatalf("re-decoding %s: %v", out, err)
		}
		if out2, _ := json.Marshal(&back); string(out) != string(out2) {
			t.Fatalf("round trip not stable:\n%s\n%s", out, out2)
		}
		last := in.History()[len(in.History())-1].At
		for _, asOf := range []time.Time{last.Add(-time.Hour), last, last.Add(time.Hour)} {
			if _, err := d.Measure(&in, asOf); err != nil {
				t.Fatalf("Measure of an instance that checks: %v", err)
			}
		}
		perms, err := d.Permitted(&in, last, "fuzz")
		if err != nil {
			t.Fatalf("Permitted of an instance that checks: %v", err)
		}
		for _, p := range perms {
			c := in.Clone()
			if _, err := d.Fire(c, p.Trigger, last, "fuzz"); (err == nil) != p.Allowed {
				t.Fatalf("Permitted said allowed=%v for %q but Fire returned %v", p.Allowed, p.Trigger, err)
			}
			if err := d.Check(c); err != nil {
				t.Fatalf("Check after Fire: %v", err)
			}
		}
	})
}

// FuzzMeasuresJSON decodes arbitrary JSON as measures: nothing may panic,
// every error wraps a sentinel, and what decodes encodes and decodes to the
// same bytes.
func FuzzMeasuresJSON(f *testing.F) {
	f.Add([]byte(`{"state":"work","path":["open","work"],"time":[{"state":"open","visits":1,"time_seconds":90061.000000001,"paused_seconds":10368000}],"age_seconds":1.5,"paused_seconds":0,"stale":true}`))
	f.Add([]byte(`{"age_seconds":1e3,"paused_seconds":-0.5}`))
	f.Add([]byte(`{"age_seconds":9223372036.854775808}`))
	f.Add([]byte(`{"time":[{"time_seconds":"12"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > maxInput {
			return
		}
		var m lifecycle.Measures[string]
		if err := json.Unmarshal(data, &m); err != nil {
			decodeError(t, err)
			return
		}
		out, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		var back lifecycle.Measures[string]
		if err := json.Unmarshal(out, &back); err != nil {
			t.Fatalf("re-decoding %s: %v", out, err)
		}
		if out2, _ := json.Marshal(back); string(out) != string(out2) {
			t.Fatalf("round trip not stable:\n%s\n%s", out, out2)
		}
	})
}

// FuzzDate parses arbitrary text as a date: nothing may panic, errors wrap
// ErrDate, and a date that parses prints as the same text and moves by days
// and back.
func FuzzDate(f *testing.F) {
	for _, s := range []string{"2025-03-17", "2024-02-29", "2025-02-29", "0001-01-01", "9999-12-31", "2025-6-1", "+2025-01-01", ""} {
		f.Add(s, 30)
	}
	f.Fuzz(func(t *testing.T, s string, n int) {
		d, err := lifecycle.ParseDate(s)
		if err != nil {
			if !errors.Is(err, lifecycle.ErrDate) {
				t.Fatalf("ParseDate(%q) = %v, want ErrDate", s, err)
			}
			return
		}
		if d.String() != s || !d.IsValid() {
			t.Fatalf("ParseDate(%q) = %v", s, d)
		}
		b, err := d.MarshalText()
		if err != nil || string(b) != s {
			t.Fatalf("MarshalText(%v) = %q, %v", d, b, err)
		}
		n %= 1 << 20
		if e := d.AddDays(n); e.Sub(d) != n || e.AddDays(-n) != d {
			t.Fatalf("%v.AddDays(%d) = %v, Sub %d", d, n, e, e.Sub(d))
		}
		if got := lifecycle.DateOf(d.In(time.UTC)); got != d {
			t.Fatalf("DateOf(%v.In(UTC)) = %v", d, got)
		}
	})
}
