package incentive

import (
	"hash/maphash"
)

// idSet finds transactions whose ID an earlier one has. It hashes the IDs,
// puts them in partitions by the hash's top bits (a counting sort, which
// keeps them in the transactions' order within a partition), and goes
// through each partition with a small open-addressing table, with linear
// probing, of the partition's transactions' indices, each slot holding the
// hash's next 32 bits beside the index so that a probe reads another
// transaction only when the hashes agree. The seed is random, as a Go
// map's is: it spreads the hashes (so that no choice of IDs makes the
// probes long) and no result depends on it.
//
// It is a speed trick. Against a map[string]struct{} (one insertion a
// transaction) one table of all the IDs took half the memory and a quarter
// of the time; measured on a shared 2-core machine, 1,000,000 IDs: 200–240
// ms with the map, 40–60 ms with the table. But a table of a million IDs is
// 16 MB, and each insertion a cache and TLB miss; a partition's table (64–128
// KB) stays in the cache. Measured back to back with the one table on a
// shared 2-core machine (go test -cpu 1, CPU time, 4 runs each), 1,000,000
// IDs: 66–80 ms with the one table, 43–52 ms in partitions. Up to
// partSize IDs (BenchmarkStatement100Lines) are one partition, which
// needs no sorting.
type idSet struct {
	dup []uint64 // bit i is set when txs[i].ID is an earlier transaction's
}

// partSize is about how many IDs a partition holds.
const partSize = 4096

// newIDSet finds the transactions among txs whose (non-empty) ID an earlier
// one has.
func newIDSet(txs []Transaction) *idSet {
	n := len(txs)
	s := &idSet{dup: make([]uint64, (n+63)/64)}
	bits := 0 // the partitions are 1<<bits
	for n>>bits > partSize {
		bits++
	}
	seed := maphash.MakeSeed()
	if bits == 0 {
		// One partition: the IDs go in the table as they come.
		table := make([]uint64, tableSize(n))
		for i := range txs {
			if id := txs[i].ID; id != "" {
				s.insert(txs, table, maphash.String(seed, id)&^(1<<32-1), uint64(i))
			}
		}
		return s
	}
	hs := make([]uint64, n) // each ID's hash; 0 also for no ID
	start := make([]int, 1<<bits+1)
	for i := range txs {
		if id := txs[i].ID; id != "" {
			h := maphash.String(seed, id)
			hs[i] = h
			start[h>>(64-bits)+1]++
		}
	}
	largest := 0
	for p := 1; p < len(start); p++ {
		largest = max(largest, start[p])
		start[p] += start[p-1]
	}
	// An entry is the hash's 32 bits after the partition's, and the index.
	entries := make([]uint64, start[len(start)-1])
	next := start[: len(start)-1 : len(start)-1]
	for i, h := range hs {
		if h == 0 && txs[i].ID == "" {
			continue
		}
		p := h >> (64 - bits)
		entries[next[p]] = (h<<bits)&^(1<<32-1) | uint64(i)
		next[p]++
	}
	table := make([]uint64, tableSize(largest))
	lo := 0
	for _, hi := range next { // next[p] is now where partition p ends
		t := table[:tableSize(hi-lo)]
		clear(t)
		for _, en := range entries[lo:hi] {
			s.insert(txs, t, en&^(1<<32-1), en&(1<<32-1))
		}
		lo = hi
	}
	return s
}

// tableSize returns the size of a table for n IDs, at most half full.
func tableSize(n int) int {
	size := 8
	for size < 2*n {
		size *= 2
	}
	return size
}

// insert adds txs[i] to table, whose size is a power of 2, tag being
// the 32 bits of its ID's hash that place it in the table, and marks it
// when an earlier transaction's ID in table is the same. A slot holds
// tag | i+1; 0 is empty.
func (s *idSet) insert(txs []Transaction, table []uint64, tag, i uint64) {
	mask := uint64(len(table) - 1)
	for j := tag >> 32 & mask; ; j = (j + 1) & mask {
		v := table[j]
		if v == 0 {
			table[j] = tag | (i + 1)
			return
		}
		if v&^(1<<32-1) == tag && txs[v&(1<<32-1)-1].ID == txs[i].ID {
			s.dup[i/64] |= 1 << (i % 64)
			return
		}
	}
}

// repeated reports whether an earlier transaction has txs[i]'s ID.
func (s *idSet) repeated(i int) bool { return s.dup[i/64]&(1<<(i%64)) != 0 }
