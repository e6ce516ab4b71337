package target_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/saleskit/saleskit/target"
)

func FuzzDate(f *testing.F) {
	f.Add("2025-02-28", int32(1), int32(0))
	f.Add("2025-02-30", int32(0), int32(3600))
	f.Add("2024-02-29", int32(-366), int32(-3*3600))
	f.Add("0000-01-01", int32(0), int32(0))
	f.Fuzz(func(t *testing.T, text string, n, offset int32) {
		d, err := target.ParseDate(text)
		if err != nil {
			clearError(t, err)
			return
		}
		if d.String() != text || !d.IsValid() {
			t.Fatalf("ParseDate(%q) = %v", text, d)
		}
		b, err := json.Marshal(d)
		if err != nil {
			t.Fatalf("json.Marshal(%s): %v", d, err)
		}
		var back target.Date
		if err := json.Unmarshal(b, &back); err != nil || back != d {
			t.Fatalf("JSON round trip of %s: %v, %v", d, back, err)
		}
		// Arithmetic within the years dates have.
		k := int(n % 365_000)
		if e := d.AddDays(k); e.IsValid() {
			if e.Sub(d) != k || e.AddDays(-k) != d {
				t.Fatalf("%s + %d days = %s, which is %d days away", d, k, e, e.Sub(d))
			}
			want := time.Date(d.Year, d.Month, d.Day+k, 12, 0, 0, 0, time.UTC)
			if e != target.DateOf(want) && want.Year() >= 1 && want.Year() <= 9999 {
				t.Fatalf("%s + %d days = %s, time says %s", d, k, e, want.Format(time.DateOnly))
			}
		}
		// The first instant of the date in a zone is that date's midnight.
		loc := time.FixedZone("", int(offset%(14*3600)))
		if got, err := target.MidnightDate(d.In(loc)); err != nil || got != d {
			t.Fatalf("MidnightDate(%s.In(%v)) = %s, %v", d, loc, got, err)
		}
		if _, err := target.MidnightDate(d.In(loc).Add(time.Minute)); err == nil {
			t.Fatalf("MidnightDate accepted a minute past midnight of %s", d)
		}
	})
}

func FuzzHolidays(f *testing.F) {
	f.Add(`{"off":["2025-10-01/2025-10-08","2025-01-01"],"work":["2025-09-28","2025-10-11"]}`, int64(45562), uint16(60))
	f.Add(`{"off":["2025-06-31"]}`, int64(45000), uint16(10))
	f.Add(`{"off":["2025-10-08/2025-10-01"],"work":["2025-10-01"]}`, int64(45000), uint16(10))
	f.Fuzz(func(t *testing.T, text string, from int64, span uint16) {
		if len(text) > 2048 {
			return
		}
		var h target.Holidays
		if err := json.Unmarshal([]byte(text), &h); err != nil {
			if strings.Contains(err.Error(), "target: ") {
				clearError(t, err)
			}
			return
		}
		cal, err := target.NewWeekdayCalendar(h)
		if err != nil {
			clearError(t, err)
			return
		}
		start := fuzzDate(from)
		end := start.AddDays(int(span % 800))
		for d := start; d.Before(end); d = d.AddDays(1) {
			if got, want := cal.IsWorkingDay(d), naiveWorkingDays(h, d, d.AddDays(1)) == 1; got != want {
				t.Fatalf("IsWorkingDay(%s) = %v, the list says %v", d, got, want)
			}
		}
		if end.After(start) {
			plan, err := target.SplitTime(d("1"), start, end, target.Month, 0, &target.SplitOptions{Calendar: cal})
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range plan {
				if want := naiveWorkingDays(h, p.Start, p.End); p.WorkingDays != want {
					t.Fatalf("%s has %d working days, the list says %d", p.Label, p.WorkingDays, want)
				}
			}
		}
		// The calendar's own holidays build the same calendar.
		b, err := json.Marshal(cal)
		if err != nil {
			t.Fatal(err)
		}
		var again target.Holidays
		if err := json.Unmarshal(b, &again); err != nil {
			t.Fatalf("decoding %s: %v", b, err)
		}
		cal2, err := target.NewWeekdayCalendar(again)
		if err != nil {
			t.Fatalf("rebuilding from %s: %v", b, err)
		}
		if b2, _ := json.Marshal(cal2); !bytes.Equal(b, b2) {
			t.Fatalf("holidays do not round-trip: %s, then %s", b, b2)
		}
	})
}

func FuzzDateRange(f *testing.F) {
	f.Add("2025-10-01/2025-10-07")
	f.Add("2025-10-01")
	f.Add("2025-10-07/2025-10-01")
	f.Add("2025-10-01/")
	f.Fuzz(func(t *testing.T, text string) {
		r, err := target.ParseDateRange(text)
		if err != nil {
			clearError(t, err)
			return
		}
		if !r.IsValid() || r.Days() != r.Last.Sub(r.First)+1 || !r.Contains(r.First) || !r.Contains(r.Last) {
			t.Fatalf("ParseDateRange(%q) = %v, %d days", text, r, r.Days())
		}
		back, err := target.ParseDateRange(r.String())
		if err != nil || back != r {
			t.Fatalf("ParseDateRange(%q) = %v, %v; want %v", r.String(), back, err, r)
		}
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		var j target.DateRange
		if err := json.Unmarshal(b, &j); err != nil || j != r {
			t.Fatalf("JSON round trip of %v: %v, %v", r, j, err)
		}
	})
}
