package funnel_test

import (
	"encoding/json"
	"math/big"
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"
	"time"
	_ "time/tzdata" // the zones below, on every machine

	"github.com/saleskit/saleskit/funnel"
	"github.com/shopspring/decimal"
)

// zoneNames are locations whose offsets are not whole hours, or far from
// UTC, or whose daylight-saving changes happen at midnight.
var zoneNames = []string{
	"UTC", "Asia/Shanghai", "America/Santiago", "America/Asuncion", "America/Havana", "Asia/Beirut",
	"Africa/Cairo", "Asia/Tehran", "America/Sao_Paulo", "Asia/Kathmandu", "Pacific/Chatham", "America/St_Johns",
}

func loadZones(t testing.TB) []*time.Location {
	t.Helper()
	var zones []*time.Location
	for _, name := range zoneNames {
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Fatal(err)
		}
		zones = append(zones, loc)
	}
	return zones
}

// rescale writes d with k more decimal places, the same value.
func rescale(d decimal.Decimal, k int) decimal.Decimal {
	if d.Exponent()-int32(k) < -18 {
		return d
	}
	c := new(big.Int).Mul(d.Coefficient(), new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(k)), nil))
	return decimal.NewFromBigInt(c, d.Exponent()-int32(k))
}

// throughJSON returns v encoded and decoded again.
func throughJSON[T any](t testing.TB, v T) T {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var back T
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	return back
}

func jsonOf(t testing.TB, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestSameInstantsSameBits is the property that results depend on instants
// and values only: the same events with every time in another location
// (zones with half-hour offsets and midnight daylight-saving changes among
// them), every amount written with another exponent, and then through
// JSON, and the options' instants moved the same way and sent through
// JSON, give reports, flows and call reports whose JSON is the same bytes,
// also when the events are split between shards and merged.
func TestSameInstantsSameBits(t *testing.T) {
	zones := loadZones(t)
	shanghai := zones[1]
	for seed := range uint64(4) {
		rng := rand.New(rand.NewPCG(seed, 77))
		zone := func() *time.Location { return zones[rng.IntN(len(zones))] }
		events := genEvents(600+seed, genOptions{Deals: 300, Owners: 4, Messy: true})
		moved := make([]funnel.Event, len(events))
		for i, e := range events {
			e.Time = e.Time.In(zone())
			e.Amount = rescale(e.Amount, rng.IntN(4))
			moved[i] = e
		}
		inputs := map[string][]funnel.Event{"moved": moved, "moved, through JSON": throughJSON(t, moved)}
		asOf := genStart.Add(200*24*time.Hour + 7*time.Hour)
		for k, o := range []funnel.ReportOptions{
			{},
			{Mode: funnel.Strict, AsOf: asOf, By: funnel.ByOwner{}},
			{AsOf: asOf, Window: 60 * 24 * time.Hour, By: funnel.ByCohort{Location: shanghai}},
			{By: funnel.BySource{}, Benchmark: map[string]float64{"lead": 0.7}},
		} {
			want := jsonOf(t, report(t, analyze(t, events), o))
			o2 := o
			o2.AsOf = o.AsOf.In(zone())
			o2 = throughJSON(t, o2)
			o2.By = o.By
			for name, in := range inputs {
				if got := jsonOf(t, report(t, analyze(t, in), o2)); got != want {
					t.Fatalf("seed %d, options %d, %s events: report JSON differs: %s", seed, k, name, firstDiff(got, want))
				}
				cut := rng.IntN(len(in))
				shards := analyze(t, in[:cut])
				if err := shards.Merge(analyze(t, in[cut:])); err != nil {
					t.Fatal(err)
				}
				if got := jsonOf(t, report(t, shards, o2)); got != want {
					t.Fatalf("seed %d, options %d, %s events in two shards: report JSON differs", seed, k, name)
				}
			}
		}
		from, to := genStart.Add(40*24*time.Hour), genStart.Add(100*24*time.Hour)
		want := jsonOf(t, flow(t, analyze(t, events), from, to))
		for name, in := range inputs {
			if got := jsonOf(t, flow(t, analyze(t, in), from.In(zone()), to.In(zone()))); got != want {
				t.Fatalf("seed %d, %s events: flow JSON differs: %s", seed, name, firstDiff(got, want))
			}
		}

		var calls []funnel.Call
		for i := range 500 {
			calls = append(calls, funnel.Call{
				Agent:    "agent" + strconv.Itoa(rng.IntN(4)),
				Time:     genStart.Add(time.Duration(rng.Int64N(int64(365 * 24 * time.Hour)))),
				Outcome:  funnel.CallOutcome(1 + i%6),
				Duration: time.Duration(rng.Int64N(int64(time.Hour))),
			})
		}
		movedCalls := slices.Clone(calls)
		for i := range movedCalls {
			movedCalls[i].Time = movedCalls[i].Time.In(zone())
		}
		opts := &funnel.CallOptions{Location: shanghai}
		want = jsonOf(t, callReport(t, calls, opts))
		for name, in := range map[string][]funnel.Call{"moved": movedCalls, "moved, through JSON": throughJSON(t, movedCalls)} {
			if got := jsonOf(t, callReport(t, in, opts)); got != want {
				t.Fatalf("seed %d, %s calls: call report JSON differs", seed, name)
			}
		}
	}
}

// firstDiff shows where got first differs from want.
func firstDiff(got, want string) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	lo := max(i-60, 0)
	return "…" + got[lo:min(i+60, len(got))] + "…, want …" + want[lo:min(i+60, len(want))] + "…"
}

func report(t testing.TB, a *funnel.Analyzer, o funnel.ReportOptions) funnel.Report {
	t.Helper()
	r, err := a.Report(&o)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func flow(t testing.TB, a *funnel.Analyzer, from, to time.Time) funnel.Flow {
	t.Helper()
	f, err := a.Flow(from, to, nil)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func callReport(t testing.TB, calls []funnel.Call, o *funnel.CallOptions) funnel.CallReport {
	t.Helper()
	r, err := funnel.Calls(slices.Values(calls), o)
	if err != nil {
		t.Fatal(err)
	}
	return r
}
