package funnel

import (
	"hash/maphash"
	"slices"
	"strings"
)

// find returns the index of the deal with the given id and whether there is
// one. When there is none, ext says whether the id extends the sorted
// prefix, and otherwise h is its hash; both are for insert. Deals added in
// increasing id order, as events grouped by deal and sorted by id come, form
// a sorted prefix found by binary search without hashing; the others are in
// the hash table. Without the prefix, AddAll of 1,000,000 deals' grouped
// events in id order takes twice the CPU time (320–523 ms against 155–218
// ms, alternating runs) and 40% more instructions (Ir, bench_test.go).
func (a *Analyzer) find(id string) (i uint32, known bool, h uint32, ext bool) {
	if n := a.sorted; n > 0 {
		switch c := strings.Compare(id, a.id(&a.deals[n-1])); {
		case c == 0:
			return uint32(n - 1), true, 0, false
		case c < 0:
			k, ok := slices.BinarySearchFunc(a.deals[:n-1], id, func(d dealState, id string) int {
				return strings.Compare(a.id(&d), id)
			})
			if ok {
				return uint32(k), true, 0, false
			}
		case n == len(a.deals):
			return 0, false, 0, true
		}
	} else if len(a.deals) == 0 {
		return 0, false, 0, true
	}
	h = a.ids.hash(id)
	i, known = a.ids.find(a.deals, &a.idText, id, h)
	return i, known, h, false
}

// extends reports whether a deal the analyzer does not know with the given
// id extends the sorted prefix, as find does.
func (a *Analyzer) extends(id string) bool {
	n := a.sorted
	return n == len(a.deals) && (n == 0 || id > a.id(&a.deals[n-1]))
}

// insert adds a deal the analyzer does not know, which extends the sorted
// prefix (ext) or else has hash h (see find), and returns its index.
func (a *Analyzer) insert(id string, h uint32, ext bool) uint32 {
	c, off := a.idText.add(id)
	return a.insertAt(id, h, ext, c, off)
}

// insertAt is insert for an id already in the idStore, in chunk c at off.
func (a *Analyzer) insertAt(id string, h uint32, ext bool, c, off uint32) uint32 {
	i := uint32(len(a.deals))
	switch {
	case ext:
		a.sorted++
	case a.sorted > 0 && a.sorted <= maxShortPrefix:
		// A short sorted prefix is not worth a binary search on every
		// lookup: hash it too. Keeping it costs Add of known deals in
		// arbitrary order 14% more instructions, AddAll 9.6% more (Ir,
		// bench_test.go).
		for k := range a.sorted {
			a.ids.insert(a.ids.hash(a.id(&a.deals[k])), uint32(k), cap(a.deals))
		}
		a.sorted = 0
		fallthrough
	default:
		a.ids.insert(h, i, cap(a.deals))
	}
	if len(a.deals) == cap(a.deals) {
		a.deals = growFor(a.deals, 1, a.hint)
	}
	a.deals = append(a.deals, dealState{idChunk: c, idOff: off, idLen: uint32(len(id))})
	return i
}

// id returns the id of deal ds.
func (a *Analyzer) id(ds *dealState) string {
	return a.idText.chunks[ds.idChunk][ds.idOff : ds.idOff+ds.idLen]
}

// maxShortPrefix is the longest sorted prefix of deals moved into the hash
// table when the first deal out of order comes.
const maxShortPrefix = 4096

// dealIndex finds deals by id: an open-addressing hash table with linear
// probing whose 8-byte slots each hold a 32-bit hash of an id, which places
// it, and 1 + the index of its deal; 0 marks an empty slot. It is at most
// half full. Its seed is random, but nothing it finds depends on it. Unlike
// a Go map, its slots can be read ahead of the lookups (see touchAhead); and
// even without that, a map in its place takes Add of known deals 14% more
// instructions (Ir, bench_test.go).
type dealIndex struct {
	seed  maphash.Seed
	slots []uint64
	n     int
}

func (x *dealIndex) hash(id string) uint32 { return uint32(maphash.String(x.seed, id)) }

// find returns the index of the deal whose id, with hash h, is id.
func (x *dealIndex) find(deals []dealState, ids *idStore, id string, h uint32) (uint32, bool) {
	if x.n == 0 {
		return 0, false
	}
	mask := uint32(len(x.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		s := x.slots[i]
		if s == 0 {
			return 0, false
		}
		if uint32(s>>32) == h {
			if d := uint32(s) - 1; ids.chunks[deals[d].idChunk][deals[d].idOff:deals[d].idOff+deals[d].idLen] == id {
				return d, true
			}
		}
	}
}

// insert adds deal d, whose id has hash h and is not in x. hint is the
// number of deals there is room for, which an empty table is sized for.
func (x *dealIndex) insert(h, d uint32, hint int) {
	if 2*(x.n+1) > len(x.slots) {
		x.grow(hint)
	}
	mask := uint32(len(x.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		if x.slots[i] == 0 {
			x.slots[i] = uint64(h)<<32 | uint64(d+1)
			x.n++
			return
		}
	}
}

// grow doubles the table, or sizes it for hint deals when it is empty.
func (x *dealIndex) grow(hint int) {
	size := max(2*len(x.slots), 1024)
	if len(x.slots) == 0 {
		for size < 2*hint && uint64(size) < 1<<32 {
			size *= 2
		}
	}
	old := x.slots
	x.slots = make([]uint64, size)
	mask := uint32(size - 1)
	for _, s := range old {
		if s == 0 {
			continue
		}
		i := uint32(s>>32) & mask
		for x.slots[i] != 0 {
			i = (i + 1) & mask
		}
		x.slots[i] = s
	}
}

func (x *dealIndex) reset() {
	if x.n > 0 {
		clear(x.slots)
		x.n = 0
	}
}
