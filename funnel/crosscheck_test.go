package funnel_test

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/saleskit/saleskit/funnel"
	"github.com/shopspring/decimal"
)

// ignoreReason leaves the bottleneck's sentence out of cross-checks against
// the naive implementation, which judges the same step but does not word it.
var ignoreReason = cmpopts.IgnoreFields(funnel.Bottleneck{}, "Reason")

func analyze(t testing.TB, events []funnel.Event) *funnel.Analyzer {
	t.Helper()
	a, err := funnel.NewAnalyzer(funnel.B2B(), &funnel.Options{OnUnknown: funnel.Skip})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.AddAll(events); err != nil {
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
		"by-owner":         {By: funnel.ByOwner{}},
		"cohorts-window":   {By: funnel.ByCohort{}, Window: 90 * 24 * time.Hour},
		"source-benchmark": {By: funnel.BySource{}, Benchmark: map[string]float64{"lead": 0.8, "proposal": 0.7}},
	}
}

// checkNaive compares every report of a, one per reportOptions, with the
// naive replay of events.
func checkNaive(t *testing.T, what string, a *funnel.Analyzer, events []funnel.Event) {
	t.Helper()
	for name, o := range reportOptions() {
		got, err := a.Report(&o)
		if err != nil {
			t.Fatal(err)
		}
		want := naiveReport(funnel.B2B(), events, o)
		if diff := cmp.Diff(want, got, ignoreReason, cmpopts.IgnoreFields(funnel.ReportOptions{}, "By")); diff != "" {
			t.Fatalf("%s, %s: Report differs from the naive replay (-want +got):\n%s", what, name, diff)
		}
	}
}

func TestReportMatchesNaive(t *testing.T) {
	for seed := range uint64(4) {
		events := genEvents(seed, genOptions{Deals: 400, Owners: 5, Messy: true})
		checkNaive(t, "seed "+strconv.FormatUint(seed, 10), analyze(t, events), events)
	}
}

// TestLargeReportMatchesNaive cross-checks data large enough for the paths
// small data does not take: regrouping in several radix passes, growing the
// deal hash table, duration lists longer than one block, and events added
// in batches that look ahead. The same events are fed in arbitrary order,
// grouped by deal, and grouped by deal in reverse id order.
func TestLargeReportMatchesNaive(t *testing.T) {
	if testing.Short() {
		t.Skip("large")
	}
	messy := genEvents(9, genOptions{Deals: 12_000, Owners: 7, Messy: true})
	grouped := genEvents(10, genOptions{Deals: 12_000, Owners: 7})
	reversed := slices.Clone(grouped)
	slices.SortStableFunc(reversed, func(x, y funnel.Event) int { return strings.Compare(y.Deal, x.Deal) })
	for name, events := range map[string][]funnel.Event{"messy": messy, "grouped": grouped, "reversed": reversed} {
		checkNaive(t, name, analyze(t, events), events)
	}
}

// TestAmountBoundariesMatchNaive cross-checks amounts on both sides of every
// boundary of their storage: coefficients that fit in a rec and those just
// too long for it, up to 18 digits and beyond, at every exponent's extremes
// and past them (exponents the analyzer rescales), with duplicates that
// compare amounts of different storage, and owners that change along a
// deal. It also merges shards whose events are not grouped by deal.
func TestAmountBoundariesMatchNaive(t *testing.T) {
	amounts := []decimal.Decimal{
		decimal.Zero,
		decimal.New(1<<49-1, -2), decimal.New(1<<49, -2), decimal.New(1<<49+1, -3),
		decimal.New(1<<51-1, -2), decimal.New(1<<51, -2), decimal.New(1<<51+1, -3),
		decimal.New(5, 30), decimal.New(12300, -20), decimal.RequireFromString("1e19"),
		decimal.New(999_999_999_999_999_999, -18), decimal.New(999_999_999_999_999_999, 18),
		decimal.New(1, 18), decimal.New(1, -18), decimal.New(5, 0),
		decimal.RequireFromString("12345678901234567890123"),
		decimal.RequireFromString("2251799813685247.00"), // 2^51-1, written with two more digits
	}
	rng := rand.New(rand.NewPCG(5, 5))
	stages := []string{"lead", "qualified", "proposal", "negotiation", "won", "lost"}
	var events []funnel.Event
	for d := range 300 {
		id := "d" + strconv.Itoa(d)
		t0 := genStart.Add(time.Duration(rng.IntN(1000)) * time.Hour)
		for k := range 1 + rng.IntN(6) {
			e := funnel.Event{
				Deal:   id,
				Stage:  stages[rng.IntN(len(stages))],
				Time:   t0.Add(time.Duration(k*rng.IntN(3)) * 24 * time.Hour), // some at the same time
				Amount: amounts[rng.IntN(len(amounts))],
				Owner:  "o" + strconv.Itoa(rng.IntN(3)),
				Source: []string{"", "web", "fair"}[rng.IntN(3)],
			}
			events = append(events, e)
			if rng.IntN(4) == 0 {
				e.Amount = amounts[rng.IntN(len(amounts))] // a duplicate, other amount
				events = append(events, e)
			}
		}
	}
	rng.Shuffle(len(events), func(i, j int) { events[i], events[j] = events[j], events[i] })
	one := analyze(t, events)
	merged := analyze(t, events[:len(events)/3])
	if err := merged.Merge(analyze(t, events[len(events)/3:])); err != nil {
		t.Fatal(err)
	}
	checkNaive(t, "one", one, events)
	checkNaive(t, "merged", merged, events)
}
