package funnel

import "strings"

// idStore holds the deals' ids back to back in a few long strings, chunks,
// so that a deal refers to its id by three numbers instead of a string's
// pointer. The deals then hold no pointer for the garbage collector to
// trace: an analyzer of a million deals otherwise hands every collection a
// million pointers to follow, each to an id of its own, which made the
// collections during BenchmarkBinary a third of its time. Copying the id
// also keeps the analyzer from holding on to whatever larger string the
// caller's id was cut from (a line of a CSV file, say).
//
// Chunks grow from minChunk bytes to maxChunk; an id longer than that takes
// a chunk of its own. The last chunk is filled through a strings.Builder,
// whose String, taken again after each id, is what chunks holds for it:
// the bytes a String covers never change, so ids taken from it stay valid.
type idStore struct {
	chunks []string
	cur    *strings.Builder // the last chunk's builder; nil when it is full or made whole
}

// The sizes of the store's chunks.
const (
	minChunk = 256
	maxChunk = 1 << 20
)

// add stores id and returns where: its chunk and its offset in it.
func (s *idStore) add(id string) (chunk, off uint32) {
	if s.cur == nil || s.cur.Len()+len(id) > s.cur.Cap() {
		size := minChunk
		if n := len(s.chunks); n > 0 {
			size = min(2*len(s.chunks[n-1]), maxChunk)
		}
		s.cur = new(strings.Builder)
		s.cur.Grow(max(size, len(id)))
		s.chunks = append(s.chunks, "")
	}
	off = uint32(s.cur.Len())
	s.cur.WriteString(id)
	last := len(s.chunks) - 1
	s.chunks[last] = s.cur.String()
	return uint32(last), off
}

// whole adds ids, the ids of several deals one after another, as a chunk
// of its own, and returns its number.
func (s *idStore) whole(ids string) uint32 {
	s.chunks = append(s.chunks, ids)
	s.cur = nil
	return uint32(len(s.chunks) - 1)
}

// reset empties the store, keeping the last chunk's room.
func (s *idStore) reset() {
	clear(s.chunks)
	s.chunks = s.chunks[:0]
	if s.cur != nil {
		c := s.cur.Cap()
		s.cur = new(strings.Builder)
		s.cur.Grow(c)
		s.chunks = append(s.chunks, "")
	}
}
