package target

import (
	"fmt"
	"time"
)

// dayNumber returns the number of days from 1970-01-01 to t's calendar date
// in t's location.
func dayNumber(t time.Time) int { return DateOf(t).days() }

// Calendar says which days are working days. Implement it to plug in a
// company's own calendar; WeekdayCalendar covers public holidays and
// make-up working days.
type Calendar interface {
	// IsWorkingDay reports whether the calendar date d is a working day.
	IsWorkingDay(d Date) bool
}

// CalendarFunc adapts a function to the Calendar interface.
type CalendarFunc func(d Date) bool

// IsWorkingDay returns f(d).
func (f CalendarFunc) IsWorkingDay(d Date) bool { return f(d) }

// Holidays lists the exceptions to a Monday-to-Friday working week: public
// holidays that fall on weekdays (weekend dates may be listed too), and
// make-up working days that fall on weekends, as in mainland China's adjusted
// working weekends (调休). It is plain data; build a Calendar from it with
// NewWeekdayCalendar.
type Holidays struct {
	Name string `json:"name,omitempty"`
	Off  []Date `json:"off"`  // days off
	Work []Date `json:"work"` // make-up working days
}

// WeekdayCalendar is a Calendar whose working days are Monday to Friday,
// except its holidays, plus its make-up working days. The zero value is a
// plain Monday-to-Friday calendar. It is immutable and safe for concurrent use.
type WeekdayCalendar struct {
	off, work map[int]struct{}
}

// NewWeekdayCalendar builds a WeekdayCalendar from h. A date listed both as
// a day off and as a working day is an error wrapping ErrInvalid.
func NewWeekdayCalendar(h Holidays) (WeekdayCalendar, error) {
	c := WeekdayCalendar{off: make(map[int]struct{}, len(h.Off)), work: make(map[int]struct{}, len(h.Work))}
	for _, d := range h.Off {
		c.off[d.days()] = struct{}{}
	}
	for i, d := range h.Work {
		n := d.days()
		if _, dup := c.off[n]; dup {
			return WeekdayCalendar{}, fieldErr(fmt.Sprintf("work[%d]", i), d.String(), fmt.Errorf("%w: also listed as a day off", ErrInvalid))
		}
		c.work[n] = struct{}{}
	}
	return c, nil
}

// IsWorkingDay reports whether d is a working day.
func (c WeekdayCalendar) IsWorkingDay(d Date) bool {
	return c.isWorking(d.days())
}

// isWorking answers for a day number; 1970-01-01 (day 0) was a Thursday.
func (c WeekdayCalendar) isWorking(n int) bool {
	if _, ok := c.off[n]; ok {
		return false
	}
	if _, ok := c.work[n]; ok {
		return true
	}
	wd := ((n+3)%7 + 7) % 7 // 0 = Monday
	return wd < 5
}

// workingDays counts working days in the day numbers [from, to).
func workingDays(cal Calendar, from, to int) int {
	n := 0
	if wc, ok := cal.(WeekdayCalendar); ok || cal == nil {
		for d := from; d < to; d++ {
			if wc.isWorking(d) {
				n++
			}
		}
		return n
	}
	for d := from; d < to; d++ {
		if cal.IsWorkingDay(dateOfDays(d)) {
			n++
		}
	}
	return n
}
