package main

import (
	"fmt"
	"io"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"github.com/saleskit/saleskit/funnel"
	"github.com/shopspring/decimal"
)

// funnelSection generates a seeded quarter of B2B opportunities, reads the
// funnel from their stage changes and prints it as a table and a chart, with
// the bottleneck and why.
func funnelSection(w io.Writer) error {
	stages := funnel.B2B()
	a, err := funnel.NewAnalyzer(stages, &funnel.Options{OnUnknown: funnel.Skip})
	if err != nil {
		return err
	}
	if _, err := a.AddAll(funnelEvents()); err != nil {
		return err
	}
	asOf := time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)
	// The team expects these step conversions; proposal → negotiation is
	// where this quarter's data falls short.
	bench := map[string]float64{"lead": 0.55, "qualified": 0.60, "proposal": 0.65, "negotiation": 0.65}
	r, err := a.Report(&funnel.ReportOptions{AsOf: asOf, Benchmark: bench, By: funnel.ByOwner{}})
	if err != nil {
		return err
	}

	heading(w, "2. Execution: the sales funnel (销售漏斗), deals opened in Q1 2025, as of "+asOf.Format(time.DateOnly))
	fmt.Fprintf(w, "%d deals, %d stage changes counted (any-order mode)\n\n", r.Deals, r.Events)
	fmt.Fprintf(w, "%-12s %s %7s %7s %17s %8s %15s %15s\n",
		"stage", "阶段    ", "entered", "conv", "95% CI", "top", "amount", "weighted")
	for i, s := range r.Stages {
		label := stages[i].Key
		if j, ok := stages.Index(s.Key); ok {
			label = stages[j].Label("zh-CN")
		}
		// Pad Chinese labels by display width (two columns per character).
		pad := 8 - 2*len([]rune(label))
		ci := fmt.Sprintf("%.1f%%–%.1f%%", 100*s.Conversion.Low, 100*s.Conversion.High)
		weighted := "-"
		if s.Outcome == funnel.Open {
			weighted = money(s.WeightedAmount)
		}
		fmt.Fprintf(w, "%-12s %s%s %7d %6.1f%% %17s %7.1f%% %15s %15s\n",
			s.Key, label, strings.Repeat(" ", max(pad, 0)), s.Entered, 100*s.Conversion.Value, ci,
			100*s.FromTop.Value, money(s.EnteredAmount), weighted)
	}
	o := r.Overall
	fmt.Fprintf(w, "\nwin rate %.1f%% (%d won of %d closed, 95%% CI %.1f%%–%.1f%%), average won %s\n",
		100*o.WinRate.Value, o.Won, o.Won+o.Lost, 100*o.WinRate.Low, 100*o.WinRate.High, money(o.AverageWon))
	fmt.Fprintf(w, "median cycle %.1f days, %d open worth %s, velocity %s per day\n",
		o.Cycle.Median.Hours()/24, o.Open, money(o.OpenAmount), money(o.Velocity))
	fmt.Fprintf(w, "messy data: %d deals reopened, %d moved backwards", o.Reopened, o.Regressed)
	for _, ig := range r.Ignored {
		fmt.Fprintf(w, ", %d %s (%s)", ig.Events, ig.Cause, ig.Stage)
	}
	fmt.Fprintln(w)

	b := r.Bottleneck
	fmt.Fprintf(w, "\nBottleneck (瓶颈): %s → %s\n  %s\n  %s\n", b.From, b.To, b.Reason, b.Reason.Text("zh-CN"))

	fmt.Fprintln(w, "\nFunnel chart (entered deals)")
	top := max(r.Stages[0].Entered, 1)
	for _, s := range r.Stages {
		width := 50 * s.Entered / top
		bar := strings.Repeat("█", width)
		lead := strings.Repeat(" ", (50-width)/2)
		fmt.Fprintf(w, "  %-11s %s%s %d\n", s.Key, lead, bar, s.Entered)
	}

	fmt.Fprintln(w, "\nPer owner")
	fmt.Fprintf(w, "  %-6s %6s %6s %10s %15s\n", "owner", "deals", "won", "win rate", "won amount")
	for _, seg := range r.Segments {
		so := seg.Report.Overall
		fmt.Fprintf(w, "  %-6s %6d %6d %9.1f%% %15s\n", seg.Key, seg.Report.Deals, so.Won, 100*so.WinRate.Value, money(so.WonAmount))
	}
	return nil
}

// funnelEvents returns a seeded quarter of stage changes for 600 deals, with
// the usual mess: skipped stages, deals that go back a stage, reopened lost
// deals, duplicate exports and a stage the funnel does not know.
func funnelEvents() []funnel.Event {
	rng := rand.New(rand.NewPCG(2025, 3))
	path := []string{"lead", "qualified", "proposal", "negotiation", "won"}
	advance := []float64{0.62, 0.64, 0.42, 0.66} // proposal → negotiation is weak
	owners := []string{"chen", "li", "wang", "zhao"}
	start := time.Date(2025, 1, 1, 9, 0, 0, 0, time.UTC)
	var events []funnel.Event
	for d := range 600 {
		id := "OPP-" + strconv.Itoa(10_000+d)
		owner := owners[rng.IntN(len(owners))]
		t := start.Add(time.Duration(rng.IntN(80*24)) * time.Hour)
		amount := decimal.New(int64(5_000+rng.IntN(95_000))*100, -2)
		emit := func(stage string) {
			events = append(events, funnel.Event{Deal: id, Stage: stage, Time: t, Amount: amount, Owner: owner, Source: "web"})
		}
		emit("lead")
		if rng.IntN(40) == 0 {
			emit("lead") // duplicate export
		}
		for p := 0; p < 4; p++ {
			t = t.Add(time.Duration(24+rng.IntN(10*24)) * time.Hour)
			if rng.Float64() >= advance[p] {
				if rng.IntN(3) > 0 {
					emit("lost")
					if rng.IntN(15) == 0 { // reopened
						t = t.Add(72 * time.Hour)
						emit(path[p])
						continue
					}
				}
				break
			}
			next := p + 1
			if next < 3 && rng.IntN(12) == 0 {
				next++ // skipped a stage
			}
			if p > 0 && rng.IntN(10) == 0 { // back a stage, then on
				emit(path[p-1])
				t = t.Add(48 * time.Hour)
			}
			if rng.IntN(50) == 0 {
				emit("on-hold") // not a stage of this funnel
			}
			emit(path[next])
			p = next - 1
		}
	}
	return events
}
