package target

import (
	"math/rand/v2"
	"slices"
	"testing"
)

func TestSelectLargest(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	shapes := map[string]func(n int) []uint64{
		"random": func(n int) []uint64 {
			xs := make([]uint64, n)
			for i := range xs {
				xs[i] = rng.Uint64()
			}
			return xs
		},
		"few values": func(n int) []uint64 {
			xs := make([]uint64, n)
			for i := range xs {
				xs[i] = uint64(rng.IntN(3))
			}
			return xs
		},
		"ascending": func(n int) []uint64 {
			xs := make([]uint64, n)
			for i := range xs {
				xs[i] = uint64(i)
			}
			return xs
		},
		"descending": func(n int) []uint64 {
			xs := make([]uint64, n)
			for i := range xs {
				xs[i] = uint64(n - i)
			}
			return xs
		},
		"organ pipe": func(n int) []uint64 {
			xs := make([]uint64, n)
			for i := range xs {
				xs[i] = uint64(min(i, n-i))
			}
			return xs
		},
	}
	for name, shape := range shapes {
		for _, n := range []int{1, 2, 3, 7, 64, 1000} {
			// Budget 0 sorts at once, 1 and 2 partition then sort, the
			// default partitions to the end.
			for _, budget := range []int{0, 1, 2, 64} {
				for range 5 {
					xs := shape(n)
					sorted := slices.Clone(xs)
					slices.Sort(sorted)
					k := 1 + rng.IntN(n)
					// The k-th largest is the (n−k)-th smallest.
					if got, want := selectLargest(xs, k, budget), sorted[n-k]; got != want {
						t.Fatalf("%s n=%d budget=%d: k=%d-th largest = %d, want %d", name, n, budget, k, got, want)
					}
				}
			}
		}
	}
}
