package target_test

import (
	"bytes"
	"encoding/json"
	"math/big"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/saleskit/saleskit/target"
	"github.com/shopspring/decimal"
)

// rescale returns d with k more digits below its point: the same value
// with exponent e−k (2500000 → 2500000.00 for k = 2).
func rescale(d decimal.Decimal, k int32) decimal.Decimal {
	c := new(big.Int).Mul(d.Coefficient(), new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(k)), nil))
	return decimal.NewFromBigInt(c, d.Exponent()-k)
}

// reencode sends v through JSON and back, as a CRM's storage does.
func reencode[T any](t *testing.T, v T) T {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var back T
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatalf("decoding %s: %v", b, err)
	}
	return back
}

// sameJSON fails unless a and b encode to the same bytes.
func sameJSON(t *testing.T, what string, a, b any) {
	t.Helper()
	ja, err1 := json.Marshal(a)
	jb, err2 := json.Marshal(b)
	if err1 != nil || err2 != nil {
		t.Fatalf("%s: %v %v", what, err1, err2)
	}
	if !bytes.Equal(ja, jb) {
		t.Fatalf("%s differs:\n%s\n%s", what, ja, jb)
	}
}

// instantOn returns an instant of date d in loc: its first instant plus up
// to most of a day, still on d.
func instantOn(rng *rand.Rand, d target.Date, loc *time.Location) time.Time {
	at := d.In(loc)
	later := at.Add(time.Duration(rng.Int64N(int64(20 * time.Hour))))
	if target.DateOf(later) == d {
		return later
	}
	return at
}

// TestSameDatesAnyZoneAnyJSON is the property every result holds: the same
// dates, read from instants in any location, and the same values, in any
// decimal exponent and after any JSON round trip, give the same bits.
func TestSameDatesAnyZoneAnyJSON(t *testing.T) {
	var zones []*time.Location
	for _, name := range []string{"UTC", "Asia/Shanghai", "America/Santiago", "Asia/Beirut", "America/New_York",
		"Asia/Kathmandu", "Pacific/Chatham", "Pacific/Kiritimati", "America/Sao_Paulo", "Asia/Tehran"} {
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Fatal(err)
		}
		zones = append(zones, loc)
	}
	cal := china2025(t)
	rng := rand.New(rand.NewPCG(41, 42))
	zone := func() *time.Location { return zones[rng.IntN(len(zones))] }
	for trial := range 300 {
		places := int32(rng.IntN(4))
		total := decimal.New(rng.Int64N(1e12), -places)
		start := day("2024-06-01").AddDays(rng.IntN(500))
		end := start.AddDays(1 + rng.IntN(400))
		grain := target.Grain(1 + rng.IntN(4))
		opts := &target.SplitOptions{Weighting: target.Weighting(rng.IntN(4)), FiscalYearStart: time.Month(rng.IntN(13))}
		if rng.IntN(2) == 0 {
			opts.Calendar = cal
		}
		if opts.Weighting == target.Seasonal {
			for range 12 {
				opts.Weights = append(opts.Weights, decimal.New(1+rng.Int64N(1000), -int32(rng.IntN(3))))
			}
		}
		// The dates as a CRM in another zone reads them back from midnights.
		read := func(d target.Date) target.Date {
			got, err := target.MidnightDate(d.In(zone()))
			if err != nil {
				t.Fatal(err)
			}
			return got
		}
		k := int32(rng.IntN(5))
		a, err := target.SplitTime(total, start, end, grain, places, opts)
		if err != nil {
			t.Fatalf("trial %d: %v", trial, err)
		}
		bopts := withCalendar(reencode(t, opts), opts.Calendar)
		for i := range bopts.Weights {
			bopts.Weights[i] = rescale(bopts.Weights[i], int32(rng.IntN(4)))
		}
		b, err := target.SplitTime(rescale(total, k), read(start), read(end), grain, places, bopts)
		if err != nil {
			t.Fatal(err)
		}
		sameJSON(t, "SplitTime", a, b)
		if grain < target.Day {
			na, err := target.SplitNested(total, start, end, []target.Grain{grain, grain + 1}, places, opts)
			if err != nil {
				t.Fatal(err)
			}
			nb, err := target.SplitNested(rescale(total, k), read(start), read(end), []target.Grain{grain, grain + 1}, places, bopts)
			if err != nil {
				t.Fatal(err)
			}
			sameJSON(t, "SplitNested", na, nb)
		}

		// Track and Replan the plan as stored: JSON, then every decimal in
		// another exponent, as of an instant of the same date elsewhere.
		stored := reencode(t, a)
		for i := range stored {
			stored[i].Target = rescale(stored[i].Target, int32(rng.IntN(4)))
			stored[i].Weight = rescale(stored[i].Weight, int32(rng.IntN(4)))
		}
		asOf := start.AddDays(rng.IntN(end.Sub(start)+60) - 30)
		actual := decimal.New(rng.Int64N(2e12)-5e11, -int32(rng.IntN(4)))
		topts := &target.TrackOptions{Direction: target.Direction(rng.IntN(2)), Calendar: opts.Calendar}
		trackPlaces := int32(rng.IntN(4))
		pa, err := target.Track(a, actual, instantOn(rng, asOf, zone()), trackPlaces, topts)
		if err != nil {
			t.Fatal(err)
		}
		pb, err := target.Track(stored, rescale(actual, k), instantOn(rng, asOf, zone()), trackPlaces, topts)
		if err != nil {
			t.Fatal(err)
		}
		sameJSON(t, "Track", pa, pb)
		closed := 0
		for closed < len(a) && !a[closed].End.After(asOf) {
			closed++
		}
		if closed < len(a) {
			actuals := make([]decimal.Decimal, closed)
			for i := range actuals {
				actuals[i] = decimal.New(rng.Int64N(1e9), -places)
			}
			ra, errA := target.Replan(a, actuals, instantOn(rng, asOf, zone()), places)
			rescaled := make([]decimal.Decimal, closed)
			for i, x := range actuals {
				rescaled[i] = rescale(x, k)
			}
			rb, errB := target.Replan(stored, rescaled, instantOn(rng, asOf, zone()), places)
			if (errA == nil) != (errB == nil) {
				t.Fatalf("Replan: %v, then %v", errA, errB)
			}
			if errA == nil {
				sameJSON(t, "Replan", ra, rb)
			}
		}

		// A goal read back from JSON with its amounts in other exponents is
		// judged the same.
		g := revenueGoal()
		g.Target, g.Baseline, g.Start, g.End = total, decimal.New(rng.Int64N(1e12), -places), start, end
		h := reencode(t, g)
		h.Target, h.Baseline, h.Start, h.End = rescale(h.Target, k), rescale(h.Baseline, k), read(start), read(end)
		sameJSON(t, "Check", target.Check(g, nil, nil), target.Check(h, nil, nil))
	}
}

// withCalendar sets o's calendar, which JSON does not carry.
func withCalendar(o *target.SplitOptions, c target.Calendar) *target.SplitOptions {
	o.Calendar = c
	return o
}
