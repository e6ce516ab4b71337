package funnel_test

import (
	"fmt"
	"time"

	"github.com/saleskit/saleskit/funnel"
	"github.com/shopspring/decimal"
)

// Example is the worked example of the package documentation: four deals
// on the B2B stages, reported in AnyOrder mode. TestDocExampleIsExample
// keeps the two the same code.
func Example() {
	at := func(day int) time.Time { return time.Date(2025, 3, day, 9, 0, 0, 0, time.UTC) }
	ev := func(deal, stage string, day int, amount int64) funnel.Event {
		return funnel.Event{Deal: deal, Stage: stage, Time: at(day), Amount: decimal.NewFromInt(amount)}
	}
	events := []funnel.Event{
		ev("d1", "lead", 1, 1000), ev("d1", "qualified", 3, 1000), ev("d1", "proposal", 6, 1000), ev("d1", "won", 16, 1000),
		ev("d2", "lead", 1, 400), ev("d2", "proposal", 4, 400), ev("d2", "lost", 9, 400),
		ev("d3", "lead", 2, 250), ev("d3", "qualified", 4, 250), ev("d3", "lost", 5, 250),
		ev("d4", "lead", 2, 300),
	}
	a, err := funnel.NewAnalyzer(funnel.B2B(), nil)
	if err != nil {
		panic(err)
	}
	if _, err := a.AddAll(events); err != nil {
		panic(err)
	}
	r, err := a.Report(&funnel.ReportOptions{Mode: funnel.AnyOrder})
	if err != nil {
		panic(err)
	}
	for _, s := range r.Stages {
		c := s.Conversion
		fmt.Printf("%-11s %d entered  %5.1f%% [%5.1f%%, %5.1f%%]\n", s.Key, s.Entered, 100*c.Value, 100*c.Low, 100*c.High)
	}
	fmt.Printf("win rate %d of %d\n", r.Overall.WinRate.Successes, r.Overall.WinRate.Trials)
	// Output:
	// lead        4 entered  100.0% [ 51.0%, 100.0%]
	// qualified   3 entered   75.0% [ 30.1%,  95.4%]
	// proposal    2 entered   66.7% [ 20.8%,  93.9%]
	// negotiation 1 entered   50.0% [  9.5%,  90.5%]
	// won         1 entered  100.0% [ 20.7%, 100.0%]
	// win rate 1 of 3
}
