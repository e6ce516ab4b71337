package incentive

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// TestIDSetMatchesMap checks idSet, partitions and all, against a map:
// a transaction is a repeat when an earlier one has its ID, and an empty ID
// is never one. The sizes run from one partition to several, with few and
// many repeats, repeats far apart and next to each other.
func TestIDSetMatchesMap(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for _, n := range []int{0, 1, 2, 7, 100, partSize, partSize + 1, 3*partSize + 17, 40000} {
		for _, distinct := range []int{1, 3, n/2 + 1, 2 * n, 1 << 30} {
			txs := make([]Transaction, n)
			for i := range txs {
				switch k := rng.IntN(distinct); {
				case k == 0 && distinct > 1:
					// an empty ID, which checkTx reports and idSet skips
				default:
					txs[i].ID = fmt.Sprintf("D%d", k)
				}
			}
			s := newIDSet(txs)
			seen := map[string]bool{}
			for i, tx := range txs {
				want := tx.ID != "" && seen[tx.ID]
				if got := s.repeated(i); got != want {
					t.Fatalf("n %d, %d IDs: repeated(%d) (%q) = %v, want %v", n, distinct, i, tx.ID, got, want)
				}
				seen[tx.ID] = true
			}
		}
	}
}
