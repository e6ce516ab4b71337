package funnel

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

// sortedDurations is the reference for selector.summarise: sort and pick.
func sortedDurations(vals []int64) Durations {
	n := len(vals)
	if n == 0 {
		return Durations{}
	}
	s := slices.Clone(vals)
	slices.Sort(s)
	var sum u128
	for _, v := range s {
		sum.add(v)
	}
	kMed, k90 := ranks(n)
	return Durations{N: n, Mean: time.Duration(sum.div(n)), Median: time.Duration(s[kMed]), P90: time.Duration(s[k90])}
}

// TestSelectorMatchesSort checks the radix selection of durations, per list
// and over their union, against sorting, on sets shaped to hit its cases:
// one value, all equal, many equal, clustered, wide and tiny ranges, empty
// lists among full ones, lists longer than a block.
func TestSelectorMatchesSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	gens := map[string]func() int64{
		"hours":   func() int64 { return int64(1+rng.IntN(480)) * int64(time.Hour) },
		"equal":   func() int64 { return 42 },
		"two":     func() int64 { return int64(rng.IntN(2)) * math.MaxInt64 },
		"wide":    func() int64 { return rng.Int64() },
		"cluster": func() int64 { return 1<<40 + int64(rng.IntN(3)) },
		"skewed":  func() int64 { return int64(rng.ExpFloat64() * 1e6) },
		"nanos":   func() int64 { return int64(rng.IntN(5000)) },
		"zero-heavy": func() int64 {
			if rng.IntN(10) > 0 {
				return 0
			}
			return rng.Int64N(1 << 50)
		},
	}
	var sel selector
	for name, gen := range gens {
		for _, shape := range [][]int{{1}, {0}, {3}, {0, 5, 0}, {1, 1}, {blockLen + 7}, {100, 2 * blockLen, 0, 33}, {10000}} {
			var pool durPool
			lists := make([]*durList, len(shape))
			vals := make([][]int64, len(shape))
			sums := make([]u128, len(shape))
			var all []int64
			var total u128
			for i, n := range shape {
				lists[i] = &durList{}
				for range n {
					v := gen()
					lists[i].add(&pool, v)
					vals[i] = append(vals[i], v)
					sums[i].add(v)
					total.add(v)
					all = append(all, v)
				}
			}
			// Durations are never negative; the selection need not care, but
			// the mean of such sets is not meaningful, so it is left out.
			noMean := name == "wide" || name == "negative" || name == "extremes"
			same := func(got, want Durations) bool {
				if noMean {
					got.Mean, want.Mean = 0, 0
				}
				return got == want
			}
			out := make([]Durations, len(shape))
			u := sel.summarise(lists, sums, out, true, total)
			for i := range shape {
				if want := sortedDurations(vals[i]); !same(out[i], want) {
					t.Errorf("%s %v: list %d = %+v, want %+v", name, shape, i, out[i], want)
				}
			}
			if want := sortedDurations(all); !same(u, want) {
				t.Errorf("%s %v: union = %+v, want %+v", name, shape, u, want)
			}
		}
	}
}
