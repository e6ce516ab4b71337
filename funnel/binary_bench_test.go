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
// that ships it.
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
