package target

import (
	"math/rand/v2"
	"testing"
	"time"
)

func TestDateArithmeticMatchesTime(t *testing.T) {
	// days and dateOfDays must agree with the time package on every date
	// from year 1 to 9999: the day count, its inverse, the weekday, the
	// weekday index and the ISO week.
	rng := rand.New(rand.NewPCG(33, 34))
	for range 50_000 {
		tm := time.Date(1+rng.IntN(9999), time.Month(1+rng.IntN(12)), 1+rng.IntN(31), 0, 0, 0, 0, time.UTC)
		d := DateOf(tm)
		n := int(tm.Unix() / 86400) // a UTC midnight: whole days from the epoch
		if tm.Unix()%86400 != 0 {
			t.Fatalf("%v is not a midnight", tm)
		}
		if got := d.days(); got != n {
			t.Fatalf("%s.days() = %d, want %d", d, got, n)
		}
		if back := dateOfDays(n); back != d {
			t.Fatalf("dateOfDays(%d) = %s, want %s", n, back, d)
		}
		if d.Weekday() != tm.Weekday() || weekdayIndex(n) != (int(tm.Weekday())+6)%7 {
			t.Fatalf("%s: Weekday %v, index %d; want %v", d, d.Weekday(), weekdayIndex(n), tm.Weekday())
		}
		if y, w := isoWeek(n); tm.Year() > 1 && tm.Year() < 9999 {
			if wy, ww := tm.ISOWeek(); y != wy || w != ww {
				t.Fatalf("isoWeek(%s) = %d-W%02d, want %d-W%02d", d, y, w, wy, ww)
			}
		}
	}
}

func TestWeekdaysBefore(t *testing.T) {
	// weekdaysBefore(b) − weekdaysBefore(a) must count Mondays to Fridays
	// in [a, b), for spans on either side of 1970.
	rng := rand.New(rand.NewPCG(35, 36))
	for range 2000 {
		a := rng.IntN(40000) - 20000
		b := a + rng.IntN(60)
		want := 0
		for n := a; n < b; n++ {
			if weekdayIndex(n) < 5 {
				want++
			}
		}
		if got := weekdaysBefore(b) - weekdaysBefore(a); got != want {
			t.Fatalf("weekdays in [%d, %d) = %d, want %d", a, b, got, want)
		}
	}
}
