package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/saleskit/saleskit/incentive"
	"github.com/shopspring/decimal"
)

// writeEvents writes a seeded events file of n B2B deals: each walks
// forward from lead, advancing with probability 0.72 at each open stage,
// lost with 0.20, staying open otherwise (about 3.4 events a deal); one in
// twelve changes owner on the way, and one in fifty names a stage the
// funnel does not know.
func writeEvents(w io.Writer, n int, seed uint64) error {
	bw := bufio.NewWriterSize(w, 1<<20)
	rng := rand.New(rand.NewPCG(seed, 14))
	path := []string{"lead", "qualified", "proposal", "negotiation", "won"}
	sources := []string{"web", "referral", "event", "outbound"}
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	fmt.Fprintln(bw, csvHeader)
	var line []byte
	for d := range n {
		id := "D" + strconv.Itoa(1_000_000+d)
		owner := "rep" + strconv.Itoa(rng.IntN(50))
		src := sources[rng.IntN(len(sources))]
		t := start.Add(time.Duration(rng.IntN(365*24)) * time.Hour)
		amt := strconv.Itoa(1000+rng.IntN(99_000)) + "." + strconv.Itoa(10+rng.IntN(90))
		emit := func(stage string) {
			line = append(line[:0], id...)
			line = append(line, ',')
			line = append(line, stage...)
			line = append(line, ',')
			line = t.AppendFormat(line, time.RFC3339)
			line = append(line, ',')
			line = append(line, amt...)
			line = append(line, ',')
			line = append(line, owner...)
			line = append(line, ',')
			line = append(line, src...)
			line = append(line, '\n')
			bw.Write(line)
		}
		step := func() { t = t.Add(time.Duration(1+rng.IntN(20*24)) * time.Hour) }
		emit("lead")
		for pos := 0; pos < 4; {
			if rng.IntN(12) == 0 {
				owner = "rep" + strconv.Itoa(rng.IntN(50))
			}
			if rng.IntN(50) == 0 {
				emit("on_hold")
			}
			x := rng.Float64()
			if x >= 0.92 {
				break
			}
			step()
			if x >= 0.72 {
				emit("lost")
				break
			}
			pos++
			emit(path[pos])
		}
	}
	return bw.Flush()
}

// samplePlan is the plan of the generated commission data: quarterly
// attainment tiers over 2025, managers, roll-up and a 60-day clawback.
// Reps rep00–rep39 report to mgr0–mgr3, who report to vp.
func samplePlan() []byte {
	type rep struct {
		ID      string `json:"id"`
		Manager string `json:"manager,omitempty"`
		Quota   string `json:"quota,omitempty"`
		Start   string `json:"start,omitempty"`
	}
	reps := []rep{{ID: "vp", Quota: "60000000"}}
	for m := range 4 {
		reps = append(reps, rep{ID: "mgr" + strconv.Itoa(m), Manager: "vp", Quota: "15000000"})
	}
	for r := range 40 {
		x := rep{ID: fmt.Sprintf("rep%02d", r), Manager: "mgr" + strconv.Itoa(r%4), Quota: "1500000"}
		if r == 39 {
			x.Start = "2025-05-15" // joins mid-quarter: prorated quota
		}
		reps = append(reps, x)
	}
	plan := map[string]any{
		"id": "sales-2025", "start": "2025-01-01", "end": "2026-01-01", "period": "quarter",
		"rounding":  map[string]any{"places": 2},
		"crediting": map[string]any{"roll_up": true},
		"reps":      reps,
		"components": []any{map[string]any{"id": "revenue", "type": "tiered", "basis": "attainment", "tiers": []any{
			map[string]string{"from": "0", "to": "1", "rate": "0.06"},
			map[string]string{"from": "1", "to": "1.5", "rate": "0.09"},
			map[string]string{"from": "1.5", "rate": "0.12"},
		}}},
		"clawback": map[string]any{"within_days": 60},
	}
	b, err := json.Marshal(plan)
	if err != nil {
		panic(err) // a literal
	}
	return b
}

// writeTransactions writes n seeded transactions of the sample plan, one
// JSON a line, booked over the first half of 2025: one in six split
// between two reps, one in a hundred cancelled.
func writeTransactions(w io.Writer, n int, seed uint64) error {
	bw := bufio.NewWriterSize(w, 1<<20)
	enc := json.NewEncoder(bw)
	rng := rand.New(rand.NewPCG(seed, 15))
	start := incentive.MustDate("2025-01-01")
	repOf := func() string { return fmt.Sprintf("rep%02d", rng.IntN(40)) }
	for i := range n {
		tx := incentive.Transaction{
			ID:     "T" + strconv.Itoa(1_000_000+i),
			Amount: decimal.New(int64(50_000+rng.IntN(5_000_000)), -2),
			Booked: start.AddDays(rng.IntN(181)),
		}
		if rng.IntN(6) == 0 {
			a, b := repOf(), repOf()
			for b == a {
				b = repOf()
			}
			tx.Splits = []incentive.Split{{Rep: a, Share: decimal.RequireFromString("0.6")}, {Rep: b, Share: decimal.RequireFromString("0.4")}}
		} else {
			tx.Rep = repOf()
		}
		if rng.IntN(100) == 0 {
			tx.Cancelled = tx.Booked.AddDays(1 + rng.IntN(40))
		}
		if err := enc.Encode(tx); err != nil {
			return err
		}
	}
	return bw.Flush()
}
