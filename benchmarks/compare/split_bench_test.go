package compare

import (
	"testing"

	money "github.com/Rhymond/go-money"
	"github.com/saleskit/saleskit/target"
)

// Each contender gets its input in its own types, built before the timer
// starts: decimals for target and byHand, cents and int ratios for go-money.
// TestSplitsAgree12 and TestSplitsAgree1M check what each returns.

// BenchmarkSplit12 splits 10,000,000.00 into 12 months by seasonal weights.
func BenchmarkSplit12(b *testing.B) {
	b.Run("target.Allocate", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := target.Allocate(yearTotal, seasonalDec, 2); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("decimal-by-hand", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if ps := byHand(yearTotal, seasonalDec, 2); len(ps) != 12 {
				b.Fatal(len(ps))
			}
		}
	})
	b.Run("go-money", func(b *testing.B) {
		m := money.New(cents(yearTotal), "CNY")
		b.ReportAllocs()
		for b.Loop() {
			if _, err := m.Allocate(seasonal...); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkSplit1M splits 123,456,789,012.34 into 1,000,000 accounts by
// last year's sales. target.AllocateParts leaves the parts as int64 cents,
// as go-money does; target.Allocate and byHand build a decimal per part.
func BenchmarkSplit1M(b *testing.B) {
	rs := millionRatios()
	ws := millionDecimals(rs)
	b.Run("target.AllocateParts", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := target.AllocateParts(bulkTotal, ws, 2); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("target.Allocate", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := target.Allocate(bulkTotal, ws, 2); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("decimal-by-hand", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if ps := byHand(bulkTotal, ws, 2); len(ps) != len(ws) {
				b.Fatal(len(ps))
			}
		}
	})
	b.Run("go-money", func(b *testing.B) {
		m := money.New(cents(bulkTotal), "CNY")
		b.ReportAllocs()
		for b.Loop() {
			if _, err := m.Allocate(rs...); err != nil {
				b.Fatal(err)
			}
		}
	})
}
