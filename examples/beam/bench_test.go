package main

import (
	"os"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/saleskit/saleskit/funnel"
)

// Budget: the funnel pipeline on Prism over 1,000,000 deals (about 3.4
// million events, a 250 MB CSV file) within 4 times the single-process
// program reading the same file and writing the same report (by owner).
// Run with -benchtime 1x: one op is one whole job.
func BenchmarkFunnelMillion(b *testing.B) {
	events := generated(b, "events.csv", 1_000_000, func(f *os.File, n int) error { return writeEvents(f, n, 1) })
	spec := ReportSpec{By: "owner"}
	b.Run("single", func(b *testing.B) {
		for b.Loop() {
			f, err := os.Open(events)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := singleFunnel(f, funnel.B2B(), spec, 4096); err != nil {
				b.Fatal(err)
			}
			f.Close()
		}
	})
	b.Run("prism", func(b *testing.B) {
		for b.Loop() {
			out := execute(b, func(s beam.Scope) beam.PCollection {
				return funnelPipeline(s, funnelConfig{Input: events, Stages: funnel.B2B(), Report: spec, Shards: 16, Batch: 4096, Chunk: 8 << 20})
			})
			if len(out) == 0 {
				b.Fatal("no report")
			}
		}
	})
}
