package targettest_test

import (
	"strings"
	"testing"
	"time"

	"github.com/saleskit/saleskit/target"
	"github.com/saleskit/saleskit/target/targettest"
)

func TestTestCalendar(t *testing.T) {
	from, to := target.MustDate("2025-01-01"), target.MustDate("2026-01-01")
	china, err := target.NewWeekdayCalendar(target.Holidays{
		Off:  []target.DateRange{target.MustDateRange("2025-10-01/2025-10-08")},
		Work: []target.DateRange{target.MustDateRange("2025-10-11")},
	})
	if err != nil {
		t.Fatal(err)
	}
	fourDays := target.CalendarFunc(func(d target.Date) bool { return d.Weekday() >= time.Monday && d.Weekday() <= time.Thursday })
	for name, cal := range map[string]target.Calendar{"weekday calendar": china, "zero calendar": target.WeekdayCalendar{}, "func": fourDays} {
		if err := targettest.TestCalendar(cal, from, to); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}

	// A calendar whose answers depend on how often it was asked.
	calls := 0
	flaky := target.CalendarFunc(func(d target.Date) bool { calls++; return calls%2 == 0 })
	panics := target.CalendarFunc(func(d target.Date) bool {
		if d.Month == time.March {
			panic("no March")
		}
		return true
	})
	for _, tc := range []struct {
		name string
		cal  target.Calendar
		want string
	}{
		{"stateful", flaky, "not deterministic"},
		{"panics", panics, "2025-03-01: IsWorkingDay panics: no March"},
		{"nil", nil, "nil calendar"},
	} {
		err := targettest.TestCalendar(tc.cal, from, to)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: TestCalendar = %v, want an error saying %q", tc.name, err, tc.want)
		}
	}
	if err := targettest.TestCalendar(china, to, from); err == nil {
		t.Error("an inverted span passes")
	}
}
