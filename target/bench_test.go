package target_test

import (
	"testing"

	"github.com/saleskit/saleskit/target"
	"github.com/shopspring/decimal"
)

// Budget: ≤ 500 ns/op for 12 parts (seasonal monthly shares).
func BenchmarkAllocate12(b *testing.B) {
	total := d("10000000")
	weights := ds("6", "6", "8", "8", "8", "9", "8", "8", "9", "9", "10", "11")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := target.Allocate(total, weights, 2); err != nil {
			b.Fatal(err)
		}
	}
}

// Budget: ≤ 500 ns/op for 12 parts, here with twelve different weights, so
// no two neighbouring parts can share a value.
func BenchmarkAllocate12Distinct(b *testing.B) {
	total := d("10000000")
	weights := ds("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := target.Allocate(total, weights, 2); err != nil {
			b.Fatal(err)
		}
	}
}

func millionWeights() []decimal.Decimal {
	w := make([]decimal.Decimal, 1_000_000)
	for i := range w {
		w[i] = decimal.NewFromInt(int64((i*7919)%100_000 + 1)) // e.g. last year's sales per account, in yuan
	}
	return w
}

// Budget: ≤ 60 ms/op for 1,000,000 weighted parts. This is the bulk path,
// which leaves the parts as integers of units (as the popular money library
// the budget was set against does, in int64 cents) instead of building a
// million decimals; BenchmarkAllocate1M below measures Allocate, which does.
func BenchmarkAllocateParts1M(b *testing.B) {
	w := millionWeights()
	total := d("123456789012.34")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := target.AllocateParts(total, w, 2); err != nil {
			b.Fatal(err)
		}
	}
}

// No budget of its own: Allocate into 1,000,000 weighted parts, a decimal
// each. Building those decimals (two heap allocations each inside
// shopspring/decimal) costs more than the split; see AllocateParts.
func BenchmarkAllocate1M(b *testing.B) {
	w := millionWeights()
	total := d("123456789012.34")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := target.Allocate(total, w, 2); err != nil {
			b.Fatal(err)
		}
	}
}

// The bulk path in int64 minor units; same 1,000,000 weights.
func BenchmarkAllocateUnits1M(b *testing.B) {
	w := make([]int64, 1_000_000)
	for i := range w {
		w[i] = int64((i*7919)%100_000 + 1)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := target.AllocateUnits(12345678901234, w); err != nil {
			b.Fatal(err)
		}
	}
}

// Budget: ≤ 50 µs/op for a year into ISO weeks under the holiday calendar.
func BenchmarkSplitTimeWeeks(b *testing.B) {
	cal := china2025(b)
	opts := &target.SplitOptions{Weighting: target.WorkingDays, Calendar: cal}
	start, end := day("2025-01-01"), day("2026-01-01")
	total := d("2480000")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := target.SplitTime(total, start, end, target.Week, 2, opts); err != nil {
			b.Fatal(err)
		}
	}
}

// Budget: ≤ 5 µs/op.
func BenchmarkTrack(b *testing.B) {
	plan := monthlyPlan(b)
	actual, asOf := d("6300000"), at("2025-07-16")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := target.Track(plan, actual, asOf, 2, nil); err != nil {
			b.Fatal(err)
		}
	}
}
