package funnel_test

import (
	"errors"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/saleskit/saleskit/funnel"
)

func TestAddErrors(t *testing.T) {
	a, err := funnel.NewAnalyzer(funnel.B2B(), nil)
	if err != nil {
		t.Fatal(err)
	}
	good := ev("a", "lead", day(1), 1)
	tests := []struct {
		name  string
		e     funnel.Event
		field string
		want  error
	}{
		{"no deal", funnel.Event{Stage: "lead", Time: day(1)}, "deal", funnel.ErrEmptyDeal},
		{"unknown stage", funnel.Event{Deal: "a", Stage: "demo", Time: day(1)}, "stage", funnel.ErrUnknownStage},
		{"zero time", funnel.Event{Deal: "a", Stage: "lead"}, "time", funnel.ErrTime},
		{"far future", funnel.Event{Deal: "a", Stage: "lead", Time: time.Date(2300, 1, 1, 0, 0, 0, 0, time.UTC)}, "time", funnel.ErrTime},
		{"negative amount", funnel.Event{Deal: "a", Stage: "lead", Time: day(1), Amount: dec("-1")}, "amount", funnel.ErrAmount},
		{"huge exponent", funnel.Event{Deal: "a", Stage: "lead", Time: day(1), Amount: dec("1e40")}, "amount", funnel.ErrAmount},
	}
	for _, tt := range tests {
		err := a.Add(tt.e)
		var fe *funnel.FieldError
		if !errors.Is(err, tt.want) || !errors.As(err, &fe) || fe.Field != tt.field {
			t.Errorf("%s: Add = %v, want %v on field %q", tt.name, err, tt.want, tt.field)
		}
	}
	if a.Events() != 0 {
		t.Errorf("rejected events were kept: Events() = %d", a.Events())
	}
	n, err := a.AddAll([]funnel.Event{good, {Deal: "b", Stage: "demo", Time: day(1)}})
	var fe *funnel.FieldError
	if n != 1 || !errors.As(err, &fe) || fe.Field != "events[1].stage" || fe.Value != "demo" {
		t.Errorf("AddAll = %d, %v; want 1 and a FieldError on events[1].stage naming demo", n, err)
	}
	if want := `funnel: events[1].stage "demo": unknown stage`; err.Error() != want {
		t.Errorf("message = %q, want %q", err, want)
	}
}

// TestAddAllTakesAPrefix checks the batch contract: AddAll and AddSeq take
// the events before the first bad one, say how many, and leave the rest, so
// that a caller can drop the bad event and go on.
func TestAddAllTakesAPrefix(t *testing.T) {
	events := worked()
	bad := funnel.Event{Deal: "d9", Stage: "on_hold", Time: day(3)}
	withBad := slices.Insert(slices.Clone(events), 5, bad)
	want := mustReport(t, funnel.B2B(), events, nil)

	for _, add := range []struct {
		name string
		fn   func(*funnel.Analyzer, []funnel.Event) (int, error)
	}{
		{"AddAll", (*funnel.Analyzer).AddAll},
		{"AddSeq", func(a *funnel.Analyzer, evs []funnel.Event) (int, error) { return a.AddSeq(slices.Values(evs)) }},
	} {
		t.Run(add.name, func(t *testing.T) {
			a, _ := funnel.NewAnalyzer(funnel.B2B(), nil)
			n, err := add.fn(a, withBad)
			var fe *funnel.FieldError
			if n != 5 || !errors.Is(err, funnel.ErrUnknownStage) || !errors.As(err, &fe) || fe.Field != "events[5].stage" {
				t.Fatalf("%s = %d, %v; want 5 and an unknown stage at events[5].stage", add.name, n, err)
			}
			if a.Events() != 5 {
				t.Errorf("after the error the analyzer holds %d events, want the 5 before it", a.Events())
			}
			m, err := add.fn(a, withBad[n+1:])
			if err != nil || m != len(withBad)-n-1 {
				t.Fatalf("%s of the rest = %d, %v; want %d, nil", add.name, m, err, len(withBad)-n-1)
			}
			got, err := a.Report(nil)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("report after dropping the bad event (-want +got):\n%s", diff)
			}
		})
	}
}

// TestMergeEqualsOnePass shards messy events at random, one event at a time
// (so shards split deals), merges the shards in random order and shape, and
// compares whole reports with one analyzer fed everything.
func TestMergeEqualsOnePass(t *testing.T) {
	for seed := range uint64(5) {
		rng := rand.New(rand.NewPCG(seed, 99))
		events := genEvents(200+seed, genOptions{Deals: 250, Owners: 4, Messy: true})
		if seed%2 == 0 {
			// Grouped by deal in id order, so shards hold their deals in
			// order too and Merge walks them side by side.
			slices.SortStableFunc(events, func(x, y funnel.Event) int { return strings.Compare(x.Deal, y.Deal) })
		}
		whole := analyze(t, events)
		nShards := 2 + rng.IntN(5)
		parts := make([][]funnel.Event, nShards)
		for _, e := range events {
			k := rng.IntN(nShards)
			parts[k] = append(parts[k], e)
		}
		shards := make([]*funnel.Analyzer, nShards)
		for i, p := range parts {
			shards[i] = analyze(t, p)
		}
		// Merge in a random tree: repeatedly merge two random analyzers.
		for len(shards) > 1 {
			i, j := rng.IntN(len(shards)), rng.IntN(len(shards)-1)
			if j >= i {
				j++
			}
			if err := shards[i].Merge(shards[j]); err != nil {
				t.Fatal(err)
			}
			shards = slices.Delete(shards, j, j+1)
		}
		merged := shards[0]
		if merged.Events() != whole.Events() || merged.Deals() != whole.Deals() {
			t.Fatalf("seed %d: merged holds %d events of %d deals, want %d of %d", seed, merged.Events(), merged.Deals(), whole.Events(), whole.Deals())
		}
		for name, o := range reportOptions() {
			want, _ := whole.Report(&o)
			got, err := merged.Report(&o)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Fatalf("seed %d, %d shards, %s: merged report differs (-want +got):\n%s", seed, nShards, name, diff)
			}
		}
		f1, err1 := whole.Flow(genStart.Add(60*24*time.Hour), genStart.Add(200*24*time.Hour), nil)
		f2, err2 := merged.Flow(genStart.Add(60*24*time.Hour), genStart.Add(200*24*time.Hour), nil)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if diff := cmp.Diff(f1, f2); diff != "" {
			t.Errorf("seed %d: merged flow differs (-want +got):\n%s", seed, diff)
		}
	}
}

func TestMergeErrors(t *testing.T) {
	a, _ := funnel.NewAnalyzer(funnel.B2B(), nil)
	b, _ := funnel.NewAnalyzer(funnel.Telesales(), nil)
	if err := a.Merge(b); !errors.Is(err, funnel.ErrMismatch) {
		t.Errorf("Merge of other stages = %v, want ErrMismatch", err)
	}
	if err := a.Merge(a); !errors.Is(err, funnel.ErrSelfMerge) {
		t.Errorf("self Merge = %v, want ErrSelfMerge", err)
	}
}

func TestReset(t *testing.T) {
	a := analyze(t, worked())
	want, _ := a.Report(nil)
	a.Reset()
	if a.Events() != 0 || a.Deals() != 0 {
		t.Fatalf("after Reset: %d events, %d deals", a.Events(), a.Deals())
	}
	if _, err := a.AddAll(worked()); err != nil {
		t.Fatal(err)
	}
	got, _ := a.Report(nil)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("refilled report differs (-want +got):\n%s", diff)
	}
}
