package funnel_test

import (
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/saleskit/saleskit/funnel"
	"github.com/shopspring/decimal"
)

// genOptions shapes generated event data.
type genOptions struct {
	Deals   int
	Owners  int
	Messy   bool // skips, regressions, reopens, duplicates, unknown stages, big amounts
	Shuffle bool // events in arbitrary order instead of grouped by deal
}

var genStart = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)

// genEvents returns seeded B2B events. Clean data walks each deal forward
// one stage at a time: at each open stage it advances with probability 0.72,
// is lost with 0.20 and stays open otherwise (about 3.4 events per deal).
func genEvents(seed uint64, o genOptions) []funnel.Event {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	stages := []string{"lead", "qualified", "proposal", "negotiation", "won"}
	owners := make([]string, max(o.Owners, 1))
	for i := range owners {
		owners[i] = "rep" + strconv.Itoa(i)
	}
	sources := []string{"web", "referral", "event", "outbound"}
	events := make([]funnel.Event, 0, o.Deals*7/2)
	for d := range o.Deals {
		id := "D" + strconv.Itoa(1_000_000+d)
		owner := owners[rng.IntN(len(owners))]
		src := sources[rng.IntN(len(sources))]
		t := genStart.Add(time.Duration(rng.IntN(365*24)) * time.Hour)
		amt := decimal.New(int64(1000+rng.IntN(99_000))*100, -2)
		if o.Messy && rng.IntN(50) == 0 {
			amt = decimal.NewFromInt(int64(rng.IntN(100)))
		}
		if o.Messy && rng.IntN(200) == 0 {
			amt, _ = decimal.NewFromString("123456789012345678901234.5") // spills out of int64
		}
		step := func() { t = t.Add(time.Duration(1+rng.IntN(20*24)) * time.Hour) }
		emit := func(stage string) {
			e := funnel.Event{Deal: id, Stage: stage, Time: t, Amount: amt, Owner: owner, Source: src}
			events = append(events, e)
			if o.Messy && rng.IntN(30) == 0 {
				events = append(events, e) // exact duplicate
			}
			if o.Messy && rng.IntN(60) == 0 {
				dup := e
				dup.Amount = amt.Add(decimal.NewFromInt(5)) // same time and stage, other amount
				events = append(events, dup)
			}
		}
		pos := 0
		if o.Messy && rng.IntN(10) == 0 {
			pos = rng.IntN(3) // first seen past the top
		}
		emit(stages[pos])
		for pos < 4 {
			x := rng.Float64()
			switch {
			case x < 0.72:
				pos++
				if o.Messy && pos < 3 && rng.IntN(8) == 0 {
					pos++ // skip a stage
				}
			case x < 0.92:
				step()
				emit("lost")
				if o.Messy && rng.IntN(6) == 0 { // reopened
					step()
					emit(stages[rng.IntN(4)])
					continue
				}
				pos = -1
			default:
				pos = -1
			}
			if pos < 0 {
				break
			}
			step()
			if o.Messy && rng.IntN(10) == 0 {
				amt = amt.Add(decimal.New(int64(rng.IntN(10_000)), -2))
			}
			emit(stages[pos])
			if o.Messy && pos > 0 && pos < 4 && rng.IntN(7) == 0 { // regression and back
				back := rng.IntN(pos)
				step()
				emit(stages[back])
				if rng.IntN(3) > 0 {
					step()
					emit(stages[pos])
				} else {
					pos = back
				}
			}
			if o.Messy && rng.IntN(25) == 0 {
				owner = owners[rng.IntN(len(owners))]
			}
		}
		if o.Messy && rng.IntN(40) == 0 {
			events = append(events, funnel.Event{Deal: id, Stage: "on-hold", Time: t, Amount: amt})
		}
	}
	if o.Shuffle || o.Messy {
		rng.Shuffle(len(events), func(i, j int) { events[i], events[j] = events[j], events[i] })
	}
	return events
}
