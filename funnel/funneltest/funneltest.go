// Package funneltest checks the segmenters users write for package funnel,
// the way testing/fstest checks a file system: run TestSegmenter in your own
// tests on every Segmenter you pass to funnel.ReportOptions.By.
package funneltest

import (
	"errors"
	"fmt"
	"time"

	"github.com/saleskit/saleskit/funnel"
)

// TestSegmenter calls s on each deal, and on each deal again with its
// Created instant in other time zones, and reports every way s breaks the
// contract of funnel.Segmenter:
//
//   - it panics;
//   - it keys the same deal differently the second time (a segmenter must
//     be deterministic: no clock, no randomness, no hidden state);
//   - it keys the same instant differently in another location (a
//     segmenter that buckets by date chooses its own location, as
//     funnel.ByCohort does, rather than reading Created's).
//
// With no deals, TestSegmenter uses a few of its own: deals with and without
// an owner and a source, in each outcome, created around a month's end. It
// returns nil when every deal passes, or the problems joined with
// errors.Join, each naming the deal by its index and id.
func TestSegmenter(s funnel.Segmenter, deals ...funnel.Deal) error {
	if s == nil {
		return errors.New("funneltest: nil segmenter")
	}
	if len(deals) == 0 {
		deals = sampleDeals()
	}
	var errs []error
	for i, d := range deals {
		if err := checkDeal(s, d); err != nil {
			errs = append(errs, fmt.Errorf("funneltest: deal %d (%q): %w", i, d.ID, err))
		}
	}
	return errors.Join(errs...)
}

// zones are the locations Created is moved to: far east and far west of
// UTC, and one that is not a whole number of hours off.
var zones = []*time.Location{
	time.UTC,
	time.FixedZone("UTC+14", 14*3600),
	time.FixedZone("UTC-12", -12*3600),
	time.FixedZone("UTC+05:45", 5*3600+45*60),
}

func checkDeal(s funnel.Segmenter, d funnel.Deal) error {
	first, err := segment(s, d)
	if err != nil {
		return err
	}
	second, err := segment(s, d)
	if err != nil {
		return err
	}
	if first != second {
		return fmt.Errorf("not deterministic: first %q, then %q", first, second)
	}
	for _, loc := range zones {
		moved := d
		moved.Created = d.Created.In(loc)
		k, err := segment(s, moved)
		if err != nil {
			return err
		}
		if k != first {
			return fmt.Errorf("depends on Created's location: %q for %s, %q for %s",
				first, d.Created.Format(time.RFC3339), k, moved.Created.Format(time.RFC3339))
		}
	}
	return nil
}

// segment calls s, turning a panic into an error.
func segment(s funnel.Segmenter, d funnel.Deal) (key string, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panicked: %v", r)
		}
	}()
	return s.Segment(d), nil
}

func sampleDeals() []funnel.Deal {
	end := time.Date(2025, 3, 31, 20, 30, 0, 0, time.UTC) // 1 April in Shanghai
	return []funnel.Deal{
		{ID: "d1", Owner: "li", Source: "web", Created: end, Stage: "won", Outcome: funnel.Won},
		{ID: "d2", Created: end.Add(-20 * time.Hour), Stage: "lead", Outcome: funnel.Open},
		{ID: "d3", Owner: "wang", Created: time.Date(2024, 12, 31, 23, 59, 59, 0, time.UTC), Stage: "lost", Outcome: funnel.Lost},
		{ID: "d4", Source: "referral", Created: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), Stage: "proposal"},
		{},
	}
}
