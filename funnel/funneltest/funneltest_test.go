package funneltest_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/saleskit/saleskit/funnel"
	"github.com/saleskit/saleskit/funnel/funneltest"
)

func TestBuiltInSegmenters(t *testing.T) {
	shanghai := time.FixedZone("CST", 8*3600)
	for _, s := range []funnel.Segmenter{funnel.ByOwner{}, funnel.BySource{}, funnel.ByCohort{}, funnel.ByCohort{Location: shanghai}} {
		if err := funneltest.TestSegmenter(s); err != nil {
			t.Errorf("%T: %v", s, err)
		}
	}
}

func TestBrokenSegmenters(t *testing.T) {
	calls := 0
	tests := []struct {
		name string
		s    funnel.Segmenter
		want string
	}{
		{"panics", funnel.SegmentFunc(func(d funnel.Deal) string { return d.Owner[:1] }), "panicked"},
		{"counts its calls", funnel.SegmentFunc(func(d funnel.Deal) string { calls++; return strings.Repeat("x", calls%2) }), "not deterministic"},
		{"reads Created's location", funnel.SegmentFunc(func(d funnel.Deal) string { return d.Created.Format("2006-01") }), "depends on Created's location"},
	}
	for _, tt := range tests {
		err := funneltest.TestSegmenter(tt.s)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: TestSegmenter = %v, want an error saying %q", tt.name, err, tt.want)
		}
	}
	if err := funneltest.TestSegmenter(nil); err == nil {
		t.Error("TestSegmenter(nil) = nil, want an error")
	}
	var joined interface{ Unwrap() []error }
	err := funneltest.TestSegmenter(tests[0].s, funnel.Deal{ID: "a"}, funnel.Deal{ID: "b", Owner: "li"}, funnel.Deal{ID: "c"})
	if !errors.As(err, &joined) || len(joined.Unwrap()) != 2 {
		t.Errorf("TestSegmenter = %v, want two problems, for deals a and c", err)
	}
}
