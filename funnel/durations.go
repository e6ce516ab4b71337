package funnel

import (
	"math/bits"
	"slices"
	"time"
)

// Durations summarises a set of durations. Mean is rounded down to the
// nanosecond. Median and P90 use the nearest-rank method: the smallest value
// v such that at least half (or 90%) of the values are ≤ v, so both are always
// one of the values. The zero Durations (N = 0) describes an empty set.
type Durations struct {
	N      int           `json:"n"`
	Mean   time.Duration `json:"mean"`
	Median time.Duration `json:"median"`
	P90    time.Duration `json:"p90"`
}

// summarise returns the Durations of vals, whose sum is sum. It reorders
// vals.
func summarise(vals []int64, sum u128) Durations {
	n := len(vals)
	if n == 0 {
		return Durations{}
	}
	k90 := (9*n+9)/10 - 1
	kMed := (n+1)/2 - 1
	p90 := selectNth(vals, k90)
	med := selectNth(vals[:k90+1], kMed)
	return Durations{N: n, Mean: time.Duration(sum.div(n)), Median: time.Duration(med), P90: time.Duration(p90)}
}

// selectNth reorders a so that a[k] holds the value it would hold if a were
// sorted, every value before it is ≤ it and every value after it is ≥ it, and
// returns a[k]. It runs in linear time on average, falling back to sorting
// when partitioning goes badly.
func selectNth(a []int64, k int) int64 {
	lo, hi := 0, len(a)-1
	budget := 2*bits.Len(uint(len(a))) + 4
	for hi > lo {
		if budget == 0 {
			slices.Sort(a[lo : hi+1])
			return a[k]
		}
		budget--
		mid := lo + (hi-lo)/2
		if a[mid] < a[lo] {
			a[mid], a[lo] = a[lo], a[mid]
		}
		if a[hi] < a[lo] {
			a[hi], a[lo] = a[lo], a[hi]
		}
		if a[hi] < a[mid] {
			a[hi], a[mid] = a[mid], a[hi]
		}
		pivot := a[mid]
		i, j := lo, hi
		for i <= j {
			for a[i] < pivot {
				i++
			}
			for a[j] > pivot {
				j--
			}
			if i <= j {
				a[i], a[j] = a[j], a[i]
				i++
				j--
			}
		}
		switch {
		case k <= j:
			hi = j
		case k >= i:
			lo = i
		default:
			return a[k]
		}
	}
	return a[k]
}
