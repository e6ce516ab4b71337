package target

import (
	"math/bits"
	"slices"
)

// kthLargest returns the k-th largest value in xs, 1 ≤ k ≤ len(xs),
// reordering xs. It is a quickselect with a three-way partition, so runs of
// equal values cost nothing extra, and falls back to sorting what is left
// when the partitions stop shrinking fast enough: O(n) expected, O(n log n)
// at worst.
func kthLargest(xs []uint64, k int) uint64 {
	return selectLargest(xs, k, 2*bits.Len(uint(len(xs))))
}

// selectLargest is kthLargest with the number of partitions it may make
// before it sorts.
func selectLargest(xs []uint64, k, budget int) uint64 {
	want := k - 1 // the position the value would take in descending order
	lo, hi := 0, len(xs)
	// Invariant: every value in xs[:lo] is above every value in xs[lo:hi],
	// and every value in xs[hi:] below, so position want lies in [lo, hi).
	for ; hi-lo > 1; budget-- {
		if budget == 0 {
			rest := xs[lo:hi]
			slices.Sort(rest)
			return rest[len(rest)-1-(want-lo)]
		}
		a, b, c := xs[lo], xs[lo+(hi-lo)/2], xs[hi-1]
		if a > b {
			a, b = b, a
		}
		pivot := max(a, min(b, c)) // median of three
		// xs[lo:gt] > pivot, xs[gt:i] == pivot, xs[lt:hi] < pivot.
		gt, i, lt := lo, lo, hi
		for i < lt {
			switch v := xs[i]; {
			case v > pivot:
				xs[gt], xs[i] = v, xs[gt]
				gt++
				i++
			case v < pivot:
				lt--
				xs[lt], xs[i] = v, xs[lt]
			default:
				i++
			}
		}
		switch {
		case want < gt:
			hi = gt
		case want >= lt:
			lo = lt
		default:
			return pivot
		}
	}
	return xs[lo]
}
