package lifecycle_test

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/saleskit/saleskit/lifecycle"
)

// FuzzDefinitionJSON decodes arbitrary JSON as a definition. Decoding must
// never panic; what decodes must encode, decode again and encode to the same
// bytes, and must draw and run without panicking.
func FuzzDefinitionJSON(f *testing.F) {
	for _, name := range []string{"sales_project.json", "opportunity.json", "customer.json", "telesales_lead.json"} {
		data, err := os.ReadFile(filepath.Join("presets", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`{"name":"x","states":[{"key":"a","kind":"initial"},{"key":"b","kind":"terminal"}],"transitions":[{"from":"a","trigger":"t","to":"b"}]}`))
	f.Add([]byte(`{"states":[{"key":"a","kind":"initial","probability":2}],"transitions":[{"from":"a","trigger":"t","internal":true}]}`))
	f.Add([]byte(`{"states":[{"key":"a","kind":"bogus"}]}`))
	f.Add([]byte(`{"states":[{"key":"a","kind":"initial","entry":[{"items":["x"]}]}],"items":[{"key":"x"}],"transitions":[{"from":"a","trigger":"t","to":"a","guards":["g"]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var d lifecycle.Definition[string, string]
		if err := json.Unmarshal(data, &d); err != nil {
			return
		}
		out, err := json.Marshal(&d)
		if err != nil {
			t.Fatalf("Marshal of a decoded definition: %v", err)
		}
		var again lifecycle.Definition[string, string]
		if err := json.Unmarshal(out, &again); err != nil {
			t.Fatalf("re-decoding %s: %v", out, err)
		}
		out2, err := json.Marshal(&again)
		if err != nil {
			t.Fatal(err)
		}
		if string(out) != string(out2) {
			t.Fatalf("round trip not stable:\n%s\n%s", out, out2)
		}
		_ = d.Mermaid("en")
		_ = d.DOT("zh-CN")
		t0 := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
		in := d.Start(t0, "fuzz")
		perms, err := d.Permitted(in, t0, "fuzz")
		if err != nil {
			t.Fatalf("Permitted on a fresh instance: %v", err)
		}
		if len(perms) > 0 {
			p := perms[0]
			if _, err := d.Fire(in, p.Trigger, t0, "fuzz"); (err == nil) != p.Allowed {
				t.Fatalf("Permitted said allowed=%v for %q but Fire returned %v", p.Allowed, p.Trigger, err)
			}
		}
	})
}

// FuzzFire fires arbitrary sequences of triggers, fact changes, pauses and
// probability overrides on a preset. Nothing may panic; a refused or failed
// call must leave the instance unchanged; after every call the history must
// replay to the current state; the time in each state must add up to the
// instance's whole life.
func FuzzFire(f *testing.F) {
	f.Add(uint8(0), []byte{0, 0, 3, 0, 3, 1, 3, 2, 0, 0, 1, 5, 4, 0, 0, 1, 4, 0})
	f.Add(uint8(1), []byte{3, 0, 3, 1, 3, 2, 0, 0, 0, 2, 2, 7, 0x80, 1})
	f.Add(uint8(2), []byte{0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5})
	f.Add(uint8(3), []byte{0, 0, 0, 0, 0, 1, 0, 3, 4, 1, 4, 1, 0, 4})
	f.Fuzz(func(t *testing.T, which uint8, ops []byte) {
		switch which % 4 {
		case 0:
			fuzzOps(t, lifecycle.SalesProject(), ops)
		case 1:
			fuzzOps(t, lifecycle.Opportunity(), ops)
		case 2:
			fuzzOps(t, lifecycle.Customer(), ops)
		default:
			fuzzOps(t, lifecycle.TelesalesLead(), ops)
		}
	})
}

func fuzzOps[S, T ~string](t *testing.T, d *lifecycle.Definition[S, T], ops []byte) {
	// Every op re-encodes the instance and replays its whole history, so an
	// execution costs the square of its length. Longer inputs find nothing
	// 128 ops do not, and a few of them would stall a count-bounded run.
	if len(ops) > 256 {
		ops = ops[:256]
	}
	sp := d.Spec()
	var triggers []T
	seen := map[T]bool{}
	for _, tr := range sp.Transitions {
		if !seen[tr.Trigger] {
			seen[tr.Trigger] = true
			triggers = append(triggers, tr.Trigger)
		}
	}
	triggers = append(triggers, "no-such-trigger")
	t0 := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	at := t0
	in := d.Start(t0, "fuzz")
	for i := 0; i+1 < len(ops); i += 2 {
		op, arg := ops[i], int(ops[i+1])
		when := at.Add(time.Duration(arg%5) * time.Hour)
		if op&0x80 != 0 {
			when = at.Add(-time.Hour) // too early: must fail and change nothing
		}
		before, err := json.Marshal(in)
		if err != nil {
			t.Fatal(err)
		}
		switch op % 6 {
		case 0, 1, 2:
			_, err = d.Fire(in, triggers[arg%len(triggers)], when, "fuzz")
		case 3:
			key := sp.Items[arg%len(sp.Items)].Key
			if _, ok := in.Fact(key); ok {
				in.Clear(key)
			} else {
				in.Check(key)
			}
			continue
		case 4:
			if _, paused := in.Paused(); paused {
				err = d.Resume(in, when, "fuzz")
			} else {
				err = d.Pause(in, when, "fuzz", "reason", when.Add(48*time.Hour))
			}
		case 5:
			err = in.OverrideProbability(float64(arg) / 255)
		}
		if err == nil && op%6 != 5 && when.After(at) {
			at = when // the time of the last step in the history
		}
		if op&0x80 != 0 && op%6 != 5 && !errors.Is(err, lifecycle.ErrTimeOrder) {
			t.Fatalf("op %d at an earlier time: err = %v, want ErrTimeOrder", i/2, err)
		}
		if err != nil {
			var fe *lifecycle.FieldError
			if !errors.Is(err, lifecycle.ErrRefused) && !errors.As(err, &fe) &&
				!errors.Is(err, lifecycle.ErrPaused) && !errors.Is(err, lifecycle.ErrTerminal) && !errors.Is(err, lifecycle.ErrNotPaused) {
				t.Fatalf("op %d: unexpected error %v", i/2, err)
			}
			after, _ := json.Marshal(in)
			if string(after) != string(before) {
				t.Fatalf("op %d: failed call %v changed the instance:\n%s\n%s", i/2, err, before, after)
			}
		}
		got, err := d.Replay(in.History())
		if err != nil || got != in.State() {
			t.Fatalf("op %d: Replay = %q, %v; state %q", i/2, got, err, in.State())
		}
		if err := d.Validate(in); err != nil {
			t.Fatalf("op %d: Validate = %v", i/2, err)
		}
		if p := in.Probability(); p < 0 || p > 1 {
			t.Fatalf("op %d: probability %v", i/2, p)
		}
	}
	asOf := at.Add(time.Hour)
	m, err := d.Measure(in, asOf)
	if err != nil {
		t.Fatal(err)
	}
	var total time.Duration
	for _, st := range m.Time {
		if st.Time < 0 {
			t.Fatalf("negative time in %q", st.State)
		}
		total += st.Time
	}
	if total != asOf.Sub(t0) {
		t.Fatalf("time in states adds up to %v, want %v", total, asOf.Sub(t0))
	}
	data, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	var back lifecycle.Instance[S, T]
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatalf("decoding %s: %v", data, err)
	}
	if err := d.Validate(&back); err != nil || back.State() != in.State() {
		t.Fatalf("decoded instance: state %q, Validate %v", back.State(), err)
	}
}
