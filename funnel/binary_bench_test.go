package funnel_test

import (
	"testing"

	"github.com/saleskit/saleskit/funnel"
	"github.com/saleskit/saleskit/internal/benchcpu"
)

// Budget: MarshalBinary and UnmarshalBinary of an analyzer of 1,000,000
// deals (about 3.4 million events, grouped by deal) ≤ 150 ms together, and
// ≤ 40 bytes an event encoded (the bytes/event metric). The events are
// dropped once added, so that only the analyzer is live, as on a worker
// that ships it. Measured on the quiet 2-core VM (go test -cpu 1, CPU
// time, 30 runs in three sets): 96–175 ms, median 116 ms, within the
// budget in 28 of the 30 runs; 19.5 bytes an event. Version 1 of the form
// (9.8 bytes an event) took 313–386 ms in the same window.
func BenchmarkBinary(b *testing.B) {
	a, _ := funnel.NewAnalyzer(funnel.B2B(), &funnel.Options{Deals: 1_000_000})
	if _, err := a.AddAll(genEvents(1, genOptions{Deals: 1_000_000, Owners: 50})); err != nil {
		b.Fatal(err)
	}
	var size int
	run := func() {
		data, err := a.MarshalBinary()
		if err != nil {
			b.Fatal(err)
		}
		var back funnel.Analyzer
		if err := back.UnmarshalBinary(data); err != nil {
			b.Fatal(err)
		}
		size = len(data)
	}
	steadyHeap(run)
	b.ReportAllocs()
	cpu := benchcpu.Now()
	for b.Loop() {
		run()
	}
	benchcpu.Report(b, cpu)
	b.ReportMetric(float64(size)/float64(a.Events()), "bytes/event")
}
