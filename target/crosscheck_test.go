package target_test

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/saleskit/saleskit/target"
	"github.com/shopspring/decimal"
)

// randomHolidays draws a holiday list of single days and ranges, with
// make-up days on dates no day off covers.
func randomHolidays(rng *rand.Rand, from target.Date, span int) target.Holidays {
	var h target.Holidays
	for range rng.IntN(12) {
		first := from.AddDays(rng.IntN(span))
		h.Off = append(h.Off, target.DateRange{First: first, Last: first.AddDays(rng.IntN(9))})
	}
	for range rng.IntN(6) {
		d := from.AddDays(rng.IntN(span))
		covered := false
		for _, r := range h.Off {
			covered = covered || r.Contains(d)
		}
		if !covered {
			h.Work = append(h.Work, target.OneDay(d))
		}
	}
	return h
}

func TestWeekdayCalendarMatchesNaive(t *testing.T) {
	// The calendar counts working days by arithmetic on merged ranges; the
	// naive count walks every date against the list as given.
	rng := rand.New(rand.NewPCG(51, 52))
	base := day("2024-11-01")
	for range 300 {
		h := randomHolidays(rng, base, 500)
		cal, err := target.NewWeekdayCalendar(h)
		if err != nil {
			t.Fatalf("NewWeekdayCalendar(%v): %v", h, err)
		}
		start := base.AddDays(rng.IntN(400))
		end := start.AddDays(1 + rng.IntN(200))
		plan, err := target.SplitTime(d("1"), start, end, target.Grain(1+rng.IntN(4)), 0, &target.SplitOptions{Calendar: cal})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range plan {
			if want := naiveWorkingDays(h, p.Start, p.End); p.WorkingDays != want {
				t.Fatalf("%s [%s, %s) under %v: %d working days, the naive count %d", p.Label, p.Start, p.End, h, p.WorkingDays, want)
			}
		}
		for range 20 {
			d := base.AddDays(rng.IntN(520))
			if got, want := cal.IsWorkingDay(d), naiveWorkingDays(h, d, d.AddDays(1)) == 1; got != want {
				t.Fatalf("IsWorkingDay(%s) under %v = %v, want %v", d, h, got, want)
			}
		}
	}
}

func TestTrackMatchesNaive(t *testing.T) {
	// Expected must be the naive expectation, rounded once; the periods
	// must be those of the naive cut.
	rng := rand.New(rand.NewPCG(53, 54))
	for range 300 {
		h := randomHolidays(rng, day("2025-01-01"), 365)
		cal, err := target.NewWeekdayCalendar(h)
		if err != nil {
			t.Fatal(err)
		}
		grain := target.Grain(1 + rng.IntN(4))
		start := day("2025-01-01").AddDays(rng.IntN(60))
		end := start.AddDays(1 + rng.IntN(300))
		places := int32(rng.IntN(5)) - 1
		total := decimal.New(rng.Int64N(1e10), -max(places, 0))
		plan, err := target.SplitTime(total, start, end, grain, max(places, 0), &target.SplitOptions{Weighting: target.Weighting(rng.IntN(3)), Calendar: cal})
		if err != nil {
			continue // no working day in the span, by chance
		}
		want := naivePeriods(start, end, grain, 0)
		for i, p := range plan {
			if p.Period() != want[i] {
				t.Fatalf("period %d = %v, naive %v", i, p.Period(), want[i])
			}
		}
		asOf := start.AddDays(rng.IntN(end.Sub(start) + 20))
		p, err := target.Track(plan, d("1000"), asOf.In(time.UTC), places, &target.TrackOptions{Calendar: cal})
		if err != nil {
			t.Fatal(err)
		}
		if want := roundHalfAway(naiveExpected(plan, asOf, h), places); !p.Expected.Equal(want) {
			t.Fatalf("Track(%v as of %s at places %d) expected %s, naive %s", plan, asOf, places, p.Expected, want)
		}
	}
}
