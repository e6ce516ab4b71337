package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"hash/fnv"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/runners/prism"
	"github.com/saleskit/saleskit/funnel"
	"github.com/saleskit/saleskit/incentive"
)

func TestMain(m *testing.M) {
	flag.Parse()
	beam.Init()
	os.Exit(m.Run())
}

// execute runs the pipeline built by build on the in-process Prism runner
// and returns what it wrote.
func execute(t testing.TB, build func(beam.Scope) beam.PCollection) []byte {
	t.Helper()
	out := filepath.Join(t.TempDir(), "out.json")
	p, s := beam.NewPipelineWithRoot()
	writeText(s, out, build(s))
	if _, err := prism.Execute(context.Background(), p); err != nil {
		t.Fatalf("prism: %v", err)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// generated writes n generated deals with write to a temporary file and
// returns its path.
func generated(t testing.TB, name string, n int, write func(*os.File, int) error) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := write(f, n); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// firstDiff shows where got first differs from want.
func firstDiff(got, want []byte) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	lo := max(i-80, 0)
	return "…" + string(got[lo:min(i+80, len(got))]) + "…, want …" + string(want[lo:min(i+80, len(want))]) + "…"
}

// TestFunnelPipeline runs the funnel pipeline on Prism over 100,000
// generated deals (about 340,000 events, owners changing within deals,
// unknown stages skipped) and checks that the report it writes is the
// single-process report, byte for byte: by owner, as of mid-year, so that
// every deal is attributed to its owner in force then.
func TestFunnelPipeline(t *testing.T) {
	events := generated(t, "events.csv", 100_000, func(f *os.File, n int) error { return writeEvents(f, n, 7) })
	spec := ReportSpec{By: "owner", Options: funnel.ReportOptions{AsOf: time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)}}
	f, err := os.Open(events)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want, err := singleFunnel(f, funnel.B2B(), spec, 4096)
	if err != nil {
		t.Fatal(err)
	}
	got := execute(t, func(s beam.Scope) beam.PCollection {
		return funnelPipeline(s, funnelConfig{Input: events, Stages: funnel.B2B(), Report: spec, Shards: 8, Batch: 4096, Chunk: 1 << 20})
	})
	if !bytes.Equal(got, []byte(want)) {
		t.Fatalf("pipeline report differs from the single-process one: %s", firstDiff(got, []byte(want)))
	}
	// The report is of the generated data: deals opened by July (about
	// half), 50 owners, the unknown stage counted.
	var r funnel.Report
	if err := json.Unmarshal(got, &r); err != nil {
		t.Fatal(err)
	}
	if r.Deals < 40_000 || r.Deals > 60_000 || len(r.Segments) != 50 || len(r.Ignored) == 0 {
		t.Errorf("report of %d deals, %d segments, ignored %+v; want about 50,000 deals, 50 segments, some ignored", r.Deals, len(r.Segments), r.Ignored)
	}
}

// TestCommissionPipeline runs the commission pipeline on Prism over
// 100,000 generated transactions (one in six split, one in a hundred
// cancelled, reps rolling up to four managers and a vice-president, one
// rep joining mid-quarter) and checks that the statements and the ranking
// it writes are those of one incentive.Compute, byte for byte.
func TestCommissionPipeline(t *testing.T) {
	txs := generated(t, "txs.jsonl", 100_000, func(f *os.File, n int) error { return writeTransactions(f, n, 7) })
	plan := samplePlan()
	f, err := os.Open(txs)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want, err := singleCommission(f, plan, "2025-04-01", incentive.ByPayout)
	if err != nil {
		t.Fatal(err)
	}
	got := execute(t, func(s beam.Scope) beam.PCollection {
		return commissionPipeline(s, commissionConfig{Transactions: txs, Plan: string(plan), Day: "2025-04-01", By: incentive.ByPayout, Batch: 4096, Chunk: 512 << 10})
	})
	if !bytes.Equal(got, []byte(want)) {
		t.Fatalf("pipeline output differs from the single-process one: %s", firstDiff(got, []byte(want)))
	}
	for _, rep := range []string{`"rep":"vp"`, `"rep":"mgr3"`, `"rep":"rep39"`, `"champions":[`} {
		if !bytes.Contains(got, []byte(rep)) {
			t.Errorf("output has no %s", rep)
		}
	}
}

// TestReadChunk checks that cutting a file into chunks of any size gives
// each of its lines once, in order, whether or not it ends in a newline
// and whatever the reader (seekable or not).
func TestReadChunk(t *testing.T) {
	for _, text := range []string{"a\nbb\nccc\n\ndddd\n", "a\nbb\nccc", "x", "\n\n\n", "one line\n"} {
		want := strings.Join(strings.SplitAfter(strings.TrimSuffix(text, "\n"), "\n"), "") + "\n"
		for size := int64(1); size <= int64(len(text))+1; size++ {
			for _, seek := range []bool{true, false} {
				var got strings.Builder
				for start := int64(0); start < int64(len(text)); start += size {
					var r io.Reader = strings.NewReader(text)
					if !seek {
						r = io.MultiReader(r)
					}
					err := readChunk(r, start, min(start+size, int64(len(text))), 2, func(s string) { got.WriteString(s) })
					if err != nil {
						t.Fatal(err)
					}
				}
				if got.String() != want {
					t.Errorf("chunks of %d bytes of %q (seekable %t) = %q, want %q", size, text, seek, got.String(), want)
				}
			}
		}
	}
}

// TestShardOf checks the deal hash against FNV-1a from the standard
// library, so every worker and every version buckets a deal alike.
func TestShardOf(t *testing.T) {
	for _, id := range []string{"", "D1000000", "OPP-10017", "交易-1"} {
		h := fnv.New32a()
		h.Write([]byte(id))
		if got, want := shardOf(id, 16), int(h.Sum32()%16); got != want {
			t.Errorf("shardOf(%q, 16) = %d, want %d", id, got, want)
		}
	}
}
