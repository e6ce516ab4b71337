package risk_test

import (
	"bytes"
	"encoding"
	"errors"
	"flag"
	"math/rand/v2"
	"os"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/saleskit/saleskit/risk"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// accumulators is one shard's worth of every accumulator.
type accumulators struct {
	totals  risk.Totals
	heat    risk.HeatMap
	signals risk.SignalCounts
}

// shardAccumulators fills accumulators from assessments and deal risks.
func shardAccumulators(t *testing.T, m *risk.Matrix, as []risk.Assessment, drs []risk.DealRisk) accumulators {
	t.Helper()
	acc := accumulators{totals: risk.NewTotals(m), heat: risk.NewHeatMap(m)}
	for _, a := range as {
		if err := acc.totals.Add(a); err != nil {
			t.Fatal(err)
		}
		if err := acc.heat.Add(a); err != nil {
			t.Fatal(err)
		}
	}
	for _, r := range drs {
		acc.signals.Add(r)
	}
	return acc
}

// roundTrip encodes v and decodes the bytes into a fresh value.
func roundTrip[T any, P interface {
	*T
	encoding.BinaryMarshaler
	encoding.BinaryUnmarshaler
}](t *testing.T, v T) T {
	t.Helper()
	data, err := P(&v).MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var back T
	if err := P(&back).UnmarshalBinary(data); err != nil {
		t.Fatalf("UnmarshalBinary of what MarshalBinary wrote: %v", err)
	}
	return back
}

// TestShardings: for random shardings of a register and a portfolio,
// every shard's accumulators encoded, decoded and merged in a random order
// equal the accumulators of one pass (the invariant a distributed engine
// relies on).
func TestShardings(t *testing.T) {
	m := risk.PMBOK()
	rng := rand.New(rand.NewPCG(4, 4))
	g := genRegister(rng, m.Spec(), 600)
	rep, err := g.Report(m, nil)
	if err != nil {
		t.Fatal(err)
	}
	drs := genDealRisks(t, rng, 400)
	whole := shardAccumulators(t, m, rep.Assessments, drs)
	for round := range 30 {
		shards := 1 + rng.IntN(12)
		as := make([][]risk.Assessment, shards)
		ds := make([][]risk.DealRisk, shards)
		for _, a := range rep.Assessments {
			k := rng.IntN(shards)
			as[k] = append(as[k], a)
		}
		for _, d := range drs {
			k := rng.IntN(shards)
			ds[k] = append(ds[k], d)
		}
		var merged accumulators // zero values: the identity of Merge
		for _, k := range rng.Perm(shards) {
			acc := shardAccumulators(t, m, as[k], ds[k])
			if err := merged.totals.Merge(roundTrip(t, acc.totals)); err != nil {
				t.Fatal(err)
			}
			if err := merged.heat.Merge(roundTrip(t, acc.heat)); err != nil {
				t.Fatal(err)
			}
			merged.signals.Merge(roundTrip(t, acc.signals))
		}
		if !merged.totals.Equal(whole.totals) {
			t.Fatalf("round %d (%d shards): merged totals differ:\n%s", round, shards, cmp.Diff(whole.totals, merged.totals, decimalEqual))
		}
		if !merged.heat.Equal(whole.heat) {
			t.Fatalf("round %d: merged heat map differs:\n%s", round, cmp.Diff(whole.heat, merged.heat))
		}
		if !merged.signals.Equal(whole.signals) {
			t.Fatalf("round %d: merged signal counts differ:\n%s", round, cmp.Diff(whole.signals, merged.signals))
		}
	}
	if !whole.totals.Equal(rep.Totals) || !whole.heat.Equal(rep.HeatMap) {
		t.Fatal("accumulators of one pass differ from the report's")
	}
}

// genDealRisks judges n generated deals.
func genDealRisks(t *testing.T, rng *rand.Rand, n int) []risk.DealRisk {
	t.Helper()
	asOf := time.Date(2025, 7, 1, 9, 0, 0, 0, time.UTC)
	out := make([]risk.DealRisk, n)
	for k := range out {
		r, err := risk.Signals(genDeal(rng, asOf, k), asOf, nil)
		if err != nil {
			t.Fatal(err)
		}
		out[k] = r
	}
	return out
}

// TestMergeMismatch: accumulators of different matrices refuse to merge.
func TestMergeMismatch(t *testing.T) {
	a, b := risk.NewTotals(risk.PMBOK()), risk.NewTotals(risk.Simple())
	ra, _ := risk.Assess(risk.PMBOK(), workedExample())
	_ = a.Add(ra)
	if err := a.Merge(risk.Totals{}); err != nil {
		t.Errorf("merging zero totals: %v, want nil (the zero value is the identity)", err)
	}
	before := a.All
	if err := a.Merge(b); !errors.Is(err, risk.ErrMismatch) {
		t.Errorf("merging totals of another matrix: %v, want ErrMismatch", err)
	}
	if !a.All.Equal(before) {
		t.Error("a failed merge changed the totals")
	}
	h := risk.NewHeatMap(risk.PMBOK())
	if err := h.Merge(risk.NewHeatMap(risk.Simple())); !errors.Is(err, risk.ErrMismatch) {
		t.Errorf("merging heat maps of another matrix: %v, want ErrMismatch", err)
	}
	if err := h.Add(risk.Assessment{Inherent: risk.Exposure{Cell: risk.Cell{Probability: 7}}}); !errors.Is(err, risk.ErrMismatch) {
		t.Errorf("adding a cell outside the heat map: %v, want ErrMismatch", err)
	}
	var zero risk.Totals
	if err := zero.Add(ra); !errors.Is(err, risk.ErrMismatch) {
		t.Errorf("adding to zero totals: %v, want ErrMismatch", err)
	}
}

// salesSignalCounts are fixed signal counts for the golden file.
func salesSignalCounts() risk.SignalCounts {
	return risk.SignalCounts{
		Deals:    7,
		BySignal: map[risk.SignalKind]int64{risk.Slipped: 2, risk.NoActivity: 3, risk.Competitor: 1},
		ByTier:   map[string]int64{"low": 4, "medium": 2, "high": 1},
	}
}

// TestGolden decodes bytes written by this version of the format (the
// files in testdata, written with -update) and checks they hold the
// accumulators of salesRegister and salesSignalCounts, and that encoding
// those gives the same bytes: a change to the format cannot pass
// unnoticed.
func TestGolden(t *testing.T) {
	type binary interface {
		encoding.BinaryUnmarshaler
		encoding.BinaryMarshaler
	}
	var tot risk.Totals
	var heat risk.HeatMap
	var sig risk.SignalCounts
	cases := []struct {
		file  string
		want  encoding.BinaryMarshaler
		got   binary
		equal func() bool
	}{
		{"testdata/totals.v1.bin", salesTotals(), &tot, func() bool { return tot.Equal(salesTotals()) }},
		{"testdata/heatmap.v1.bin", salesHeatMap(), &heat, func() bool { return heat.Equal(salesHeatMap()) }},
		{"testdata/signalcounts.v1.bin", salesSignalCounts(), &sig, func() bool { return sig.Equal(salesSignalCounts()) }},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			want, err := c.want.MarshalBinary()
			if err != nil {
				t.Fatal(err)
			}
			if *update {
				if err := os.WriteFile(c.file, want, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			data, err := os.ReadFile(c.file)
			if err != nil {
				t.Fatal(err)
			}
			if err := c.got.UnmarshalBinary(data); err != nil {
				t.Fatalf("UnmarshalBinary(%s): %v", c.file, err)
			}
			if !c.equal() {
				t.Errorf("%s decodes to %+v, want %+v", c.file, c.got, c.want)
			}
			if !bytes.Equal(data, want) {
				t.Errorf("encoding gives\n%x\nthe golden file holds\n%x", want, data)
			}
		})
	}
	// The report of salesRegister holds the golden totals.
	rep, _ := salesRegister().Report(risk.PMBOK(), nil)
	if !rep.Totals.Equal(tot) || !rep.HeatMap.Equal(heat) {
		t.Error("salesRegister's report differs from the golden accumulators")
	}
}

// TestUnmarshalBinaryErrors: hostile bytes are refused, whole.
func TestUnmarshalBinaryErrors(t *testing.T) {
	tot, _ := salesTotals().MarshalBinary()
	heat, _ := salesHeatMap().MarshalBinary()
	sig, _ := salesSignalCounts().MarshalBinary()
	with := func(b []byte, at int, v byte) []byte { c := bytes.Clone(b); c[at] = v; return c }
	cases := []struct {
		name string
		into encoding.BinaryUnmarshaler
		data []byte
	}{
		{"empty", new(risk.Totals), nil},
		{"version 2", new(risk.Totals), with(tot, 0, 2)},
		{"heat map bytes as totals", new(risk.Totals), heat},
		{"truncated totals", new(risk.Totals), tot[:len(tot)-1]},
		{"trailing byte", new(risk.HeatMap), append(bytes.Clone(heat), 0)},
		{"truncated heat map", new(risk.HeatMap), heat[:20]},
		{"inherent count changed", new(risk.HeatMap), with(heat, len(heat)-2, 5)},
		{"a list longer than the bytes", new(risk.SignalCounts), []byte{1, 'S', 7, 0xff, 0xff, 0x03}},
		{"a huge varint", new(risk.SignalCounts), []byte{1, 'S', 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01}},
		{"tiers short of the deals", new(risk.SignalCounts), with(sig, 2, 8)},
		{"unknown signal", new(risk.SignalCounts), with(sig, 4, 99)},
		{"one rating", new(risk.Totals), []byte{1, 'T', 1, 1, 'x'}},
		// Empty totals are 1 'T', no ratings, then eleven zeros (see
		// emptyTotals below); the same values with a zero written in two
		// bytes (0x80 0x00) are not the encoder's form.
		{"a count not in its shortest form", new(risk.Totals), []byte{1, 'T', 0, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}},
		{"a decimal exponent not in its shortest form", new(risk.Totals), []byte{1, 'T', 0, 0, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := c.into.UnmarshalBinary(c.data)
			if !errors.Is(err, risk.ErrFormat) {
				t.Fatalf("UnmarshalBinary: %v, want ErrFormat", err)
			}
			clearError(t, err)
		})
	}
	// The control: the shortest form of the same empty totals decodes.
	emptyTotals := []byte{1, 'T', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}
	var empty risk.Totals
	if err := empty.UnmarshalBinary(emptyTotals); err != nil {
		t.Errorf("UnmarshalBinary of empty totals: %v", err)
	}
	if again, _ := empty.MarshalBinary(); !bytes.Equal(again, emptyTotals) {
		t.Errorf("empty totals encode as % x, want % x", again, emptyTotals)
	}
	// A total changed by one unit no longer adds up.
	bad := salesTotals()
	bad.ByOwner[0].Count++
	data, _ := bad.MarshalBinary()
	if err := new(risk.Totals).UnmarshalBinary(data); !errors.Is(err, risk.ErrFormat) {
		t.Errorf("UnmarshalBinary of totals that do not add up: %v, want ErrFormat", err)
	}
	// A failed decode leaves the value as it was.
	keep := salesTotals()
	_ = keep.UnmarshalBinary(tot[:10])
	if !keep.Equal(salesTotals()) {
		t.Error("a failed UnmarshalBinary changed the totals")
	}
}
