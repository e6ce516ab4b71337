// Package targettest checks the calendars users write for package target,
// the way testing/fstest checks a file system: run TestCalendar in your own
// tests on every Calendar you plug in.
package targettest

import (
	"errors"
	"fmt"
	"sync"

	"github.com/saleskit/saleskit/target"
)

// maxDays bounds the span TestCalendar walks: a hundred years of dates.
const maxDays = 36_525

// TestCalendar asks cal about every date of [from, to) and reports every
// way it breaks the contract of target.Calendar:
//
//   - it panics;
//   - it answers a date differently when asked again, in reverse order (a
//     calendar must be deterministic: no clock, no randomness, no state
//     that earlier questions change);
//   - it answers differently when asked from two goroutines at once (a
//     calendar must be safe for concurrent use; run your tests with -race
//     to catch a data race too). This is asked only of a calendar that
//     passed the first two checks.
//
// TestCalendar starts two goroutines of its own and waits for them. It
// returns nil when cal keeps the contract, or the problems joined with
// errors.Join, each naming the date. A nil cal, dates that do not exist, an
// empty span or one longer than a hundred years are errors too.
func TestCalendar(cal target.Calendar, from, to target.Date) error {
	switch {
	case cal == nil:
		return errors.New("targettest: nil calendar")
	case !from.IsValid() || !to.IsValid():
		return fmt.Errorf("targettest: span %s to %s: not dates", from, to)
	case !to.After(from) || to.Sub(from) > maxDays:
		return fmt.Errorf("targettest: span %s to %s: want 1 to %d dates", from, to, maxDays)
	}
	n := to.Sub(from)
	first, err := answers(cal, from, n, false)
	if err != nil {
		return err
	}
	var errs []error
	again, err := answers(cal, from, n, true)
	if err != nil {
		return err
	}
	for i := range n {
		if first[i] != again[i] {
			errs = append(errs, fmt.Errorf("targettest: %s: not deterministic: first %v, then %v", from.AddDays(i), first[i], again[i]))
		}
	}
	if len(errs) > 0 {
		// A calendar with state would race with itself: stop here.
		return errors.Join(errs...)
	}
	var wg sync.WaitGroup
	results := make([][]bool, 2)
	problems := make([]error, 2)
	for g := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[g], problems[g] = answers(cal, from, n, g == 1)
		}()
	}
	wg.Wait()
	for g := range 2 {
		if problems[g] != nil {
			return problems[g]
		}
		for i := range n {
			if results[g][i] != first[i] {
				errs = append(errs, fmt.Errorf("targettest: %s: not safe for concurrent use: %v alone, %v beside another goroutine", from.AddDays(i), first[i], results[g][i]))
				break
			}
		}
	}
	return errors.Join(errs...)
}

// answers asks cal about n dates from from, forwards or backwards, and
// returns the answers in date order; a panic is an error naming the date.
func answers(cal target.Calendar, from target.Date, n int, backwards bool) (out []bool, err error) {
	out = make([]bool, n)
	i := 0
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("targettest: %s: IsWorkingDay panics: %v", from.AddDays(i), r)
		}
	}()
	for k := range n {
		i = k
		if backwards {
			i = n - 1 - k
		}
		out[i] = cal.IsWorkingDay(from.AddDays(i))
	}
	return out, nil
}
