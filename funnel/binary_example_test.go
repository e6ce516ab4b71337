package funnel_test

import (
	"fmt"
	"time"

	"github.com/saleskit/saleskit/funnel"
	"github.com/shopspring/decimal"
)

// Two workers each see part of the events, one deal's among them split
// between the two; one ships its analyzer as bytes, the other decodes and
// merges it, and reports as one analyzer fed every event would.
func ExampleAnalyzer_MarshalBinary() {
	day := func(d int) time.Time { return time.Date(2025, 3, d, 9, 0, 0, 0, time.UTC) }
	amount := decimal.NewFromInt(50_000)
	w1, _ := funnel.NewAnalyzer(funnel.B2B(), nil)
	w1.AddAll([]funnel.Event{
		{Deal: "D1", Stage: "lead", Time: day(1), Amount: amount, Owner: "li"},
		{Deal: "D2", Stage: "lead", Time: day(2), Amount: amount, Owner: "wang"},
	})
	w2, _ := funnel.NewAnalyzer(funnel.B2B(), nil)
	w2.AddAll([]funnel.Event{
		{Deal: "D1", Stage: "qualified", Time: day(5), Amount: amount, Owner: "li"},
		{Deal: "D1", Stage: "won", Time: day(20), Amount: amount, Owner: "li"},
	})

	data, err := w1.MarshalBinary()
	if err != nil {
		panic(err)
	}
	var shipped funnel.Analyzer
	if err := shipped.UnmarshalBinary(data); err != nil {
		panic(err)
	}
	if err := w2.Merge(&shipped); err != nil {
		panic(err)
	}
	r, _ := w2.Report(nil)
	fmt.Println(r.Deals, "deals,", r.Events, "events, won", r.Overall.Won, "worth", r.Overall.WonAmount)
	// Output:
	// 2 deals, 4 events, won 1 worth 50000
}
