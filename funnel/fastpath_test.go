package funnel_test

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/saleskit/saleskit/funnel"
)

// TestGroupedStorageMatchesNaive cross-checks analyzers whose events stay
// grouped by deal, or stop being grouped, in the ways adding and merging
// allow: grouped input, shards of whole deals merged in and out of order,
// shards split by time, events added after a report, and a deal's events
// coming back later.
func TestGroupedStorageMatchesNaive(t *testing.T) {
	for seed := range uint64(3) {
		events := genEvents(300+seed, genOptions{Deals: 300, Owners: 5, Messy: true})
		slices.SortStableFunc(events, func(x, y funnel.Event) int { return strings.Compare(x.Deal, y.Deal) })
		checkNaive(t, "grouped", analyze(t, events), events)

		// Shards of whole deals: by halves (merged in id order and in
		// reverse) and interleaved deal by deal.
		var lo, hi, even, odd []funnel.Event
		deal, k := "", -1
		for _, e := range events {
			if e.Deal != deal {
				deal, k = e.Deal, k+1
			}
			if e.Time.Before(genStart.Add(180 * 24 * time.Hour)) {
				lo = append(lo, e)
			} else {
				hi = append(hi, e)
			}
			if k%2 == 0 {
				even = append(even, e)
			} else {
				odd = append(odd, e)
			}
		}
		half := len(events) / 2
		for name, pair := range map[string][2][]funnel.Event{
			"halves":      {events[:half], events[half:]},
			"halves-back": {events[half:], events[:half]},
			"interleaved": {even, odd},
			"by-time":     {lo, hi},
		} {
			a := analyze(t, pair[0])
			if err := a.Merge(analyze(t, pair[1])); err != nil {
				t.Fatal(err)
			}
			checkNaive(t, name, a, events)
		}

		// Events added after a report: the deal at the cut continues, and
		// then some deals reported already get more events.
		a := analyze(t, events[:half])
		if _, err := a.Report(nil); err != nil {
			t.Fatal(err)
		}
		if _, err := a.AddAll(events[half:]); err != nil {
			t.Fatal(err)
		}
		checkNaive(t, "added after a report", a, events)
		rng := rand.New(rand.NewPCG(seed, 1))
		late := slices.Clone(events[:half])
		rng.Shuffle(len(late), func(i, j int) { late[i], late[j] = late[j], late[i] })
		late = late[:20]
		for i := range late {
			late[i].Time = late[i].Time.Add(time.Hour)
		}
		if _, err := a.AddAll(late); err != nil {
			t.Fatal(err)
		}
		checkNaive(t, "late events", a, append(slices.Clone(events), late...))
	}
}

// TestSegmentFunctions checks that segmenting by ByOwner and BySource, which
// reports take from the deals' names without calling them, gives what
// calling the same functions through a closure gives, on messy data whose
// owners change along a deal and whose events tie in time.
func TestSegmentFunctions(t *testing.T) {
	events := genEvents(400, genOptions{Deals: 500, Owners: 6, Messy: true})
	// Ties: the same deal, time and stage naming other owners and sources.
	for i := 0; i < len(events); i += 7 {
		e := events[i]
		e.Owner, e.Source = "rep"+string(rune('a'+i%5)), "src"+string(rune('a'+i%3))
		events = append(events, e)
	}
	a := analyze(t, events)
	for _, by := range []struct {
		name    string
		fn, via funnel.Segmenter
	}{
		{"owner", funnel.ByOwner{}, funnel.SegmentFunc(funnel.ByOwner{}.Segment)},
		{"source", funnel.BySource{}, funnel.SegmentFunc(funnel.BySource{}.Segment)},
	} {
		for _, mode := range []funnel.Mode{funnel.AnyOrder, funnel.Strict} {
			o := funnel.ReportOptions{Mode: mode, By: by.fn}
			got, err := a.Report(&o)
			if err != nil {
				t.Fatal(err)
			}
			o.By = by.via
			want, err := a.Report(&o)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%s, %s: By%s differs from a closure calling it (-closure +direct):\n%s", by.name, mode, strings.ToUpper(by.name[:1])+by.name[1:], diff)
			}
			naive := naiveReport(funnel.B2B(), events, o)
			if diff := cmp.Diff(naive, got, ignoreReason, cmpopts.IgnoreFields(funnel.ReportOptions{}, "By")); diff != "" {
				t.Errorf("%s, %s: Report differs from the naive replay (-want +got):\n%s", by.name, mode, diff)
			}
		}
	}
}

// TestConcurrentReports runs reports of separate analyzers at the same time:
// they share nothing, and must not see each other's data.
func TestConcurrentReports(t *testing.T) {
	const n = 4
	var analyzers [n]*funnel.Analyzer
	var want [n]funnel.Report
	for i := range n {
		analyzers[i] = analyze(t, genEvents(500+uint64(i), genOptions{Deals: 6000, Owners: 3, Messy: true}))
		r, err := analyzers[i].Report(&funnel.ReportOptions{By: funnel.ByOwner{}})
		if err != nil {
			t.Fatal(err)
		}
		want[i] = r
	}
	var got [n]funnel.Report
	var errs [n]error
	done := make(chan int)
	for i := range n {
		go func() {
			for range 3 {
				got[i], errs[i] = analyzers[i].Report(&funnel.ReportOptions{By: funnel.ByOwner{}})
			}
			done <- i
		}()
	}
	for range n {
		<-done
	}
	for i := range n {
		if errs[i] != nil {
			t.Fatal(errs[i])
		}
		if diff := cmp.Diff(want[i], got[i]); diff != "" {
			t.Errorf("analyzer %d: concurrent report differs (-alone +concurrent):\n%s", i, diff)
		}
	}
}
