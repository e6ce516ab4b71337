package funnel

import "hash/maphash"

// nameIndex returns 1 + the interned index of name, an owner or a source.
// The events that get here mostly repeat the previous such event's name
// (*last, *lastI), which is tried before the string table.
func (a *Analyzer) nameIndex(name string, last *string, lastI *uint32) uint32 {
	if name != *last || *lastI == 0 {
		*last, *lastI = name, a.intern(name)
	}
	return *lastI
}

// intern returns 1 + the index of name in names, adding it if new.
func (a *Analyzer) intern(name string) uint32 {
	i, _ := a.names.intern(name)
	return i
}

// name returns the interned name i, "" for 0.
func (a *Analyzer) name(i uint32) string {
	if i == 0 {
		return ""
	}
	return a.names.keys[i-1]
}

// strIndex numbers distinct strings from 1 in the order they come: an
// open-addressing hash table like [dealIndex] over the list of the strings,
// with a cache in front. A Go map in its place, without the cache, takes
// AddAll of grouped events 4.8% more instructions, in arbitrary order 2.7%
// more (Ir, bench_test.go).
type strIndex struct {
	seed  maphash.Seed
	slots []uint64 // 32-bit hash << 32 | number; 0 is empty
	keys  []string // the strings, by number - 1
	// cache holds the number of a string recently interned, at a slot
	// cheaper to find than its place in slots; 0 is empty.
	cache [256]uint32
}

// cacheSlot places s in strIndex.cache by its length and a few of its
// bytes.
func cacheSlot(s string) uint8 {
	n := len(s)
	if n == 0 {
		return 0
	}
	x := uint32(n) ^ uint32(s[0])<<8 ^ uint32(s[max(n-2, 0)])<<16 ^ uint32(s[n-1])<<24
	return uint8((x * 0x9e3779b1) >> 24)
}

// intern returns the number of s, and whether s is new.
func (x *strIndex) intern(s string) (uint32, bool) {
	c := cacheSlot(s)
	if v := x.cache[c]; v != 0 && x.keys[v-1] == s {
		return v, false
	}
	v, added := x.lookup(s)
	x.cache[c] = v
	return v, added
}

func (x *strIndex) lookup(s string) (uint32, bool) {
	h := uint32(maphash.String(x.seed, s))
	mask := uint32(len(x.slots) - 1)
	i := h & mask
	if len(x.slots) > 0 {
		for ; ; i = (i + 1) & mask {
			v := x.slots[i]
			if v == 0 {
				break
			}
			if uint32(v>>32) == h && x.keys[uint32(v)-1] == s {
				return uint32(v), false
			}
		}
	}
	if 2*(len(x.keys)+1) > len(x.slots) {
		x.grow()
		mask = uint32(len(x.slots) - 1)
		for i = h & mask; x.slots[i] != 0; i = (i + 1) & mask {
		}
	}
	x.keys = append(x.keys, s)
	n := uint32(len(x.keys))
	x.slots[i] = uint64(h)<<32 | uint64(n)
	return n, true
}

func (x *strIndex) grow() {
	old := x.slots
	x.slots = make([]uint64, max(2*len(old), 64))
	mask := uint32(len(x.slots) - 1)
	for _, v := range old {
		if v != 0 {
			i := uint32(v>>32) & mask
			for x.slots[i] != 0 {
				i = (i + 1) & mask
			}
			x.slots[i] = v
		}
	}
}

func (x *strIndex) reset() {
	clear(x.cache[:])
	clear(x.slots)
	clear(x.keys) // drop references
	x.keys = x.keys[:0]
}
