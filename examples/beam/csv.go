package main

import (
	"encoding/csv"
	"fmt"
	"strings"
	"time"

	"github.com/saleskit/saleskit/funnel"
	"github.com/shopspring/decimal"
)

// csvHeader is the first line of an events file: the columns of
// funnel.Event, times in RFC 3339, amounts as decimals.
const csvHeader = "deal,stage,time,amount,owner,source"

// parseEvent reads one line of an events file. Lines with a double quote
// go through encoding/csv; the others are split at commas, which is what
// every line of a CRM's plain export needs.
func parseEvent(line string) (funnel.Event, error) {
	var f [6]string
	if strings.IndexByte(line, '"') >= 0 {
		rec, err := csv.NewReader(strings.NewReader(line)).Read()
		if err != nil {
			return funnel.Event{}, err
		}
		if len(rec) != len(f) {
			return funnel.Event{}, fmt.Errorf("%d fields, want %d", len(rec), len(f))
		}
		copy(f[:], rec)
	} else {
		rest := line
		for i := range len(f) - 1 {
			k := strings.IndexByte(rest, ',')
			if k < 0 {
				return funnel.Event{}, fmt.Errorf("%d fields, want %d", i+1, len(f))
			}
			f[i], rest = rest[:k], rest[k+1:]
		}
		if strings.IndexByte(rest, ',') >= 0 {
			return funnel.Event{}, fmt.Errorf("more than %d fields", len(f))
		}
		f[5] = rest
	}
	t, err := time.Parse(time.RFC3339Nano, f[2])
	if err != nil {
		return funnel.Event{}, err
	}
	amt, err := decimal.NewFromString(f[3])
	if err != nil {
		return funnel.Event{}, fmt.Errorf("amount %q: %w", f[3], err)
	}
	return funnel.Event{Deal: f[0], Stage: f[1], Time: t, Amount: amt, Owner: f[4], Source: f[5]}, nil
}

// addLines parses the lines of text (the header line skipped, blank lines
// too) and adds their events to a.
func addLines(a *funnel.Analyzer, text string) error {
	for len(text) > 0 {
		line := text
		if k := strings.IndexByte(text, '\n'); k >= 0 {
			line, text = text[:k], text[k+1:]
		} else {
			text = ""
		}
		line = strings.TrimSuffix(line, "\r")
		if line == "" || line == csvHeader {
			continue
		}
		e, err := parseEvent(line)
		if err != nil {
			return fmt.Errorf("line %q: %w", line, err)
		}
		if err := a.Add(e); err != nil {
			return fmt.Errorf("line %q: %w", line, err)
		}
	}
	return nil
}

// dealOf returns the deal id of an events line: its first field, unquoted.
func dealOf(line string) string {
	if strings.HasPrefix(line, `"`) {
		if rec, err := csv.NewReader(strings.NewReader(line)).Read(); err == nil && len(rec) > 0 {
			return rec[0]
		}
	}
	if k := strings.IndexByte(line, ','); k >= 0 {
		return line[:k]
	}
	return line
}
