package funnel_test

import (
	"encoding/json"
	"errors"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/saleskit/saleskit/funnel"
	"github.com/shopspring/decimal"
)

// TestSizeHintsAreBounded: a size hint reserves at most a small bound up
// front, however large, and a hint the analyzer could never hold is an
// error, not an out-of-memory crash. Options come from stored JSON too.
func TestSizeHintsAreBounded(t *testing.T) {
	want := mustReport(t, funnel.B2B(), worked(), nil)
	for _, o := range []funnel.Options{
		{Deals: 100_000_000},
		{Events: 100_000_000},
		{Deals: 4_294_967_294, Events: 4_294_967_294},
	} {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		a, err := funnel.NewAnalyzer(funnel.B2B(), &o)
		runtime.ReadMemStats(&after)
		if err != nil {
			t.Fatalf("NewAnalyzer(%+v) = %v", o, err)
		}
		if got := after.TotalAlloc - before.TotalAlloc; got > 4<<20 {
			t.Errorf("NewAnalyzer(%+v) allocated %d bytes up front, want at most 4 MiB", o, got)
		}
		if _, err := a.AddAll(worked()); err != nil {
			t.Fatal(err)
		}
		if got, _ := a.Report(nil); !cmp.Equal(want, got) {
			t.Errorf("NewAnalyzer(%+v) reports differently from an analyzer without hints", o)
		}
	}
	for _, o := range []string{`{"deals":4294967295}`, `{"events":1e12}`, `{"deals":-1}`} {
		var opts funnel.Options
		if err := json.Unmarshal([]byte(o), &opts); err != nil {
			continue // not an int: encoding/json refuses it
		}
		_, err := funnel.NewAnalyzer(funnel.B2B(), &opts)
		var fe *funnel.FieldError
		if !errors.Is(err, funnel.ErrOption) || !errors.As(err, &fe) || !strings.HasPrefix(fe.Field, "opts.") {
			t.Errorf("NewAnalyzer(%s) = %v, want an ErrOption naming the option", o, err)
		}
	}
}

// TestSegmentsAttributeOwnerAsOf: a report as of a date credits each deal
// to the owner and source in force then, not to later ones. d1 is ann's
// until bob takes it over on 10 March; d2 names its source only on 8 March.
func TestSegmentsAttributeOwnerAsOf(t *testing.T) {
	e := func(deal, stage string, d int, owner, source string) funnel.Event {
		return funnel.Event{Deal: deal, Stage: stage, Time: day(d), Amount: decimal.NewFromInt(100), Owner: owner, Source: source}
	}
	events := []funnel.Event{
		e("d1", "lead", 1, "ann", "web"), e("d1", "qualified", 3, "ann", ""), e("d1", "proposal", 10, "bob", "partner"),
		e("d2", "lead", 1, "cy", ""), e("d2", "qualified", 8, "cy", "event"),
		// Two events at the same time and stage name different owners:
		// the larger name wins, whatever the order they come in.
		e("d3", "lead", 2, "dee", ""), e("d3", "lead", 2, "eve", ""), e("d3", "won", 12, "fay", ""),
	}
	keys := func(o funnel.ReportOptions) map[string]int {
		r := mustReport(t, funnel.B2B(), events, &o)
		got := map[string]int{}
		for _, s := range r.Segments {
			got[s.Key] = s.Report.Deals
		}
		return got
	}
	seen := map[string]string{}
	record := funnel.SegmentFunc(func(d funnel.Deal) string {
		seen[d.ID] = d.Owner + "/" + d.Source
		return ""
	})
	tests := []struct {
		asOf      time.Time
		by        funnel.Segmenter
		want      map[string]int
		wantDeals map[string]string
	}{
		{day(5), funnel.ByOwner{}, map[string]int{"ann": 1, "cy": 1, "eve": 1}, nil},
		{day(5), funnel.BySource{}, map[string]int{"web": 1, "": 2}, nil},
		{day(5), record, map[string]int{"": 3}, map[string]string{"d1": "ann/web", "d2": "cy/", "d3": "eve/"}},
		{day(12), funnel.ByOwner{}, map[string]int{"bob": 1, "cy": 1, "fay": 1}, nil},
		{day(12), funnel.BySource{}, map[string]int{"web": 1, "event": 1, "": 1}, nil},
		{time.Time{}, record, map[string]int{"": 3}, map[string]string{"d1": "bob/web", "d2": "cy/event", "d3": "fay/"}},
	}
	for _, tt := range tests {
		clear(seen)
		if diff := cmp.Diff(tt.want, keys(funnel.ReportOptions{AsOf: tt.asOf, By: tt.by})); diff != "" {
			t.Errorf("as of %s by %T: segments (-want +got):\n%s", tt.asOf.Format(time.DateOnly), tt.by, diff)
		}
		if tt.wantDeals != nil {
			if diff := cmp.Diff(tt.wantDeals, seen); diff != "" {
				t.Errorf("as of %s: deals seen by the segmenter (-want +got):\n%s", tt.asOf.Format(time.DateOnly), diff)
			}
		}
	}
}

// TestAmountRangeIsOneRule: an amount is judged by its value, not by how
// it is written. An amount is accepted when it is not negative, has at most
// 36 digits before the decimal point and at most 18 after it, trailing zeros
// aside.
func TestAmountRangeIsOneRule(t *testing.T) {
	accepted := [][]string{
		{"1e19", "10000000000000000000"},
		{"1.5e-17", "0.000000000000000015"},
		{"12.340000000000000000000000", "12.34", "1234e-2"},
		{"1e35", "1" + strings.Repeat("0", 35)},
		{"0e-40", "0", "0.00"},
		{"999999999999999999.999999999999999999", "999999999999999999999999999999999999e-18"},
	}
	for _, same := range accepted {
		var first []byte
		for _, s := range same {
			a, _ := funnel.NewAnalyzer(funnel.B2B(), nil)
			if err := a.Add(funnel.Event{Deal: "d", Stage: "won", Time: day(1), Amount: dec(s)}); err != nil {
				t.Errorf("Add(amount %s) = %v, want it accepted", s, err)
				continue
			}
			r, _ := a.Report(nil)
			b, _ := json.Marshal(r)
			if first == nil {
				first = b
			} else if string(b) != string(first) {
				t.Errorf("amount %s reports differently from %s", s, same[0])
			}
		}
	}
	rejected := [][]string{
		{"1e-19", "0.0000000000000000001"},
		{"1e36", "1" + strings.Repeat("0", 36)},
		{"-1", "-1e0", "-0.5"},
	}
	var bad []decimal.Decimal
	for _, same := range rejected {
		for _, s := range same {
			bad = append(bad, dec(s))
		}
	}
	// Exponents no text decodes to, but Go code can build: rejected
	// without a rescale to a billion digits.
	bad = append(bad, decimal.New(1, 999_999_999), decimal.New(1, -999_999_999), decimal.New(5, -19))
	for _, d := range bad {
		a, _ := funnel.NewAnalyzer(funnel.B2B(), nil)
		if err := a.Add(funnel.Event{Deal: "d", Stage: "won", Time: day(1), Amount: d}); !errors.Is(err, funnel.ErrAmount) {
			t.Errorf("Add(amount %se%d) = %v, want ErrAmount", d.Coefficient(), d.Exponent(), err)
		}
	}
}
