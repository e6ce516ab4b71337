package targettest_test

import (
	"fmt"
	"time"

	"github.com/saleskit/saleskit/target"
	"github.com/saleskit/saleskit/target/targettest"
)

func ExampleTestCalendar() {
	// A company that works Monday to Thursday plugs in its own calendar and
	// checks it over the plan's year.
	fourDays := target.CalendarFunc(func(d target.Date) bool {
		return d.Weekday() >= time.Monday && d.Weekday() <= time.Thursday
	})
	fmt.Println(targettest.TestCalendar(fourDays, target.MustDate("2025-01-01"), target.MustDate("2026-01-01")))
	// Output:
	// <nil>
}
