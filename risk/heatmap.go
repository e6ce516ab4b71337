package risk

import (
	"fmt"
	"slices"
	"strconv"
)

// HeatMap is an accumulator of open risks per cell of a matrix, inherent
// and residual: Inherent[p][i] counts the risks whose inherent cell is
// probability level p and impact level i (both lowest first), Residual[p][i]
// those whose residual cell it is, and Eliminated the avoided risks, which
// have no residual cell. Closed risks are not counted.
//
// Heat maps of any sharding of a register, merged in any order
// ([HeatMap.Merge]), equal the heat map of the whole; they travel as bytes
// ([HeatMap.MarshalBinary]). Make one with [NewHeatMap]; the zero HeatMap
// is empty, merges as an identity, and refuses Add. HeatMap is plain data
// and is not safe for concurrent use.
type HeatMap struct {
	Probability []string  `json:"probability"`
	Impact      []string  `json:"impact"`
	Inherent    [][]int64 `json:"inherent"`
	Residual    [][]int64 `json:"residual"`
	Eliminated  int64     `json:"eliminated"`
}

// NewHeatMap returns an empty heat map of m's cells.
func NewHeatMap(m *Matrix) HeatMap {
	return HeatMap{
		Probability: slices.Clone(m.pKeys), Impact: slices.Clone(m.iKeys),
		Inherent: grid(m.np, m.ni), Residual: grid(m.np, m.ni),
	}
}

func grid(np, ni int) [][]int64 {
	cells := make([]int64, np*ni)
	g := make([][]int64, np)
	for p := range g {
		g[p] = cells[p*ni : (p+1)*ni : (p+1)*ni]
	}
	return g
}

// Add counts an open assessment in its cells; a closed one is left out. A
// cell outside the heat map is a [*FieldError] wrapping [ErrMismatch].
func (h *HeatMap) Add(a Assessment) error {
	if a.Status == Closed {
		return nil
	}
	return h.add(a.Inherent.Cell, a.Residual.Cell, a.Residual.Eliminated)
}

// AddAll counts the open assessments of as, all or none: a cell outside
// the heat map is a [*FieldError] naming it (as[3].inherent.cell) and
// wrapping [ErrMismatch], and nothing is counted. It reads each assessment
// in place, once (on a refusal it takes back what it counted), where Add
// in a loop copies each 376-byte Assessment.
func (h *HeatMap) AddAll(as []Assessment) error {
	for k := range as {
		a := &as[k]
		if a.Status == Closed {
			continue
		}
		// holds is inlined here and fits called only for a refusal: a call
		// to fits for every assessment took a fifth of AddAll's time
		// (BenchmarkHeatMap, 1,000,000 assessments, -cpu 1, CPU time, six
		// runs each interleaved on a shared 2-core machine: 43–67 ms
		// before, 38–51 ms after; reading the four fields alone takes
		// 25–30 ms, the memory they sit in).
		if !h.holds(a.Inherent.Cell) || !a.Residual.Eliminated && !h.holds(a.Residual.Cell) {
			for _, b := range as[:k] {
				if b.Status != Closed {
					h.count(b.Inherent.Cell, b.Residual.Cell, b.Residual.Eliminated, -1)
				}
			}
			fe := h.fits(a.Inherent.Cell, a.Residual.Cell, a.Residual.Eliminated).(*FieldError)
			return fieldErr("as["+strconv.Itoa(k)+"]."+fe.Field, fe.Value, fe.Err)
		}
		h.count(a.Inherent.Cell, a.Residual.Cell, a.Residual.Eliminated, 1)
	}
	return nil
}

func (h *HeatMap) add(in, res Cell, eliminated bool) error {
	if err := h.fits(in, res, eliminated); err != nil {
		return err
	}
	h.count(in, res, eliminated, 1)
	return nil
}

// count adds n to the counts of one placement that fits.
func (h *HeatMap) count(in, res Cell, eliminated bool, n int64) {
	h.Inherent[in.Probability][in.Impact] += n
	if eliminated {
		h.Eliminated += n
	} else {
		h.Residual[res.Probability][res.Impact] += n
	}
}

// fits reports a placement outside the heat map.
func (h *HeatMap) fits(in, res Cell, eliminated bool) error {
	if !h.holds(in) {
		return fieldErr("inherent.cell", fmt.Sprint(in), fmt.Errorf("%w: outside the %d × %d heat map", ErrMismatch, len(h.Probability), len(h.Impact)))
	}
	if !eliminated && !h.holds(res) {
		return fieldErr("residual.cell", fmt.Sprint(res), fmt.Errorf("%w: outside the %d × %d heat map", ErrMismatch, len(h.Probability), len(h.Impact)))
	}
	return nil
}

func (h *HeatMap) holds(c Cell) bool {
	return c.Probability >= 0 && c.Probability < len(h.Inherent) && c.Probability < len(h.Residual) &&
		c.Impact >= 0 && c.Impact < len(h.Inherent[c.Probability]) && c.Impact < len(h.Residual[c.Probability])
}

// Place counts an open risk of m in its cells without working out its
// money: the path for a heat map of a large register. It checks r as
// [Assess] does; a risk Assess refuses is refused with the same errors, and
// a heat map not made for m is a [*FieldError] wrapping [ErrMismatch].
func (h *HeatMap) Place(m *Matrix, r Risk) error {
	if err := m.built(); err != nil {
		return err
	}
	if !slices.Equal(h.Probability, m.pKeys) || !slices.Equal(h.Impact, m.iKeys) {
		return fieldErr("matrix", m.spec.Name, fmt.Errorf("%w: the heat map was made for another matrix", ErrMismatch))
	}
	c := checker{}
	r.check(&c)
	if len(c.errs) > 0 {
		return c.err()
	}
	var in, res Exposure
	if _, _, ok := m.place(&c, &r, &in, &res, false); !ok {
		return c.err()
	}
	if r.Status == Closed {
		return nil
	}
	return h.add(in.Cell, res.Cell, res.Eliminated)
}

// Merge adds u's counts to h: associative and commutative. An empty side
// takes the other's levels; heat maps of different levels are a
// [*FieldError] wrapping [ErrMismatch], and h is left as it was.
func (h *HeatMap) Merge(u HeatMap) error {
	switch {
	case len(u.Probability) == 0 && len(u.Impact) == 0 && u.Eliminated == 0:
		return nil
	case len(h.Probability) == 0 && len(h.Impact) == 0 && h.Eliminated == 0:
		*h = u.clone()
		return nil
	case !slices.Equal(h.Probability, u.Probability) || !slices.Equal(h.Impact, u.Impact):
		return fieldErr("probability", fmt.Sprint(u.Probability), fmt.Errorf("%w: levels %v × %v and %v × %v",
			ErrMismatch, h.Probability, h.Impact, u.Probability, u.Impact))
	case !h.shaped() || !u.shaped():
		return fieldErr("inherent", "", fmt.Errorf("%w: one count per cell", ErrMismatch))
	}
	for p := range h.Inherent {
		for i := range h.Inherent[p] {
			h.Inherent[p][i] += u.Inherent[p][i]
			h.Residual[p][i] += u.Residual[p][i]
		}
	}
	h.Eliminated += u.Eliminated
	return nil
}

// shaped reports whether h's grids have one count per cell.
func (h *HeatMap) shaped() bool {
	if len(h.Inherent) != len(h.Probability) || len(h.Residual) != len(h.Probability) {
		return false
	}
	for p := range h.Inherent {
		if len(h.Inherent[p]) != len(h.Impact) || len(h.Residual[p]) != len(h.Impact) {
			return false
		}
	}
	return true
}

// clone returns a deep copy of h.
func (h HeatMap) clone() HeatMap {
	c := HeatMap{Probability: slices.Clone(h.Probability), Impact: slices.Clone(h.Impact), Eliminated: h.Eliminated}
	copyGrid := func(g [][]int64) [][]int64 {
		if g == nil {
			return nil
		}
		out := make([][]int64, len(g))
		for p := range g {
			out[p] = slices.Clone(g[p])
		}
		return out
	}
	c.Inherent, c.Residual = copyGrid(h.Inherent), copyGrid(h.Residual)
	return c
}

// Count returns the number of open risks in cell c on side s, or 0 for a
// cell outside the heat map.
func (h HeatMap) Count(s Side, c Cell) int64 {
	if !h.holds(c) {
		return 0
	}
	if s == Residual {
		return h.Residual[c.Probability][c.Impact]
	}
	return h.Inherent[c.Probability][c.Impact]
}

// Equal reports whether h and u hold the same counts for the same levels.
func (h HeatMap) Equal(u HeatMap) bool {
	eq := func(a, b [][]int64) bool {
		return slices.EqualFunc(a, b, func(x, y []int64) bool { return slices.Equal(x, y) })
	}
	return slices.Equal(h.Probability, u.Probability) && slices.Equal(h.Impact, u.Impact) &&
		eq(h.Inherent, u.Inherent) && eq(h.Residual, u.Residual) && h.Eliminated == u.Eliminated
}

// MarshalBinary encodes h in the package's binary form (see the format
// notes in binary.go): after the version byte 1 and the kind byte 'H',
//
//	uint np, then np strings: Probability
//	uint ni, then ni strings: Impact
//	np × ni uints: Inherent, row by row (probability level 0 first)
//	np × ni uints: Residual, likewise
//	uint: Eliminated
//
// It never fails; a heat map whose grids are not np × ni encodes the
// counts it has and zeros for the rest.
func (h HeatMap) MarshalBinary() ([]byte, error) {
	e := newEncoder('H')
	for _, keys := range [][]string{h.Probability, h.Impact} {
		e.uint(uint64(len(keys)))
		for _, k := range keys {
			e.string(k)
		}
	}
	for _, s := range []Side{Inherent, Residual} {
		for p := range h.Probability {
			for i := range h.Impact {
				e.int(h.Count(s, Cell{p, i}))
			}
		}
	}
	e.int(h.Eliminated)
	return e.b, nil
}

// UnmarshalBinary decodes the form MarshalBinary writes into h, checking
// it whole: 3 to 10 unique levels on each scale (or none, for an empty heat
// map), and as many residual placements plus eliminations as inherent
// ones. Bad bytes are an error wrapping [ErrFormat], and h is left as it
// was.
func (h *HeatMap) UnmarshalBinary(b []byte) error {
	d := newDecoder(b, 'H', "heat map")
	var u HeatMap
	for _, keys := range []*[]string{&u.Probability, &u.Impact} {
		n := d.count(1)
		if d.err == nil && n != 0 && (n < MinLevels || n > MaxLevels) {
			d.fail("heat map: %d levels", n)
		}
		*keys = make([]string, 0, n)
		for range n {
			k := d.string()
			if d.err == nil && (k == "" || index(*keys, k) >= 0) {
				d.fail("heat map: level %q empty or repeated", k)
			}
			*keys = append(*keys, k)
		}
	}
	if d.err == nil && (len(u.Probability) == 0) != (len(u.Impact) == 0) {
		d.fail("heat map: one scale without levels")
	}
	np, ni := len(u.Probability), len(u.Impact)
	u.Inherent, u.Residual = grid(np, ni), grid(np, ni)
	var in, res int64
	for _, g := range [][][]int64{u.Inherent, u.Residual} {
		for p := range g {
			for i := range g[p] {
				g[p][i] = d.int()
			}
		}
	}
	u.Eliminated = d.int()
	if err := d.end(); err != nil {
		return err
	}
	for p := range np {
		for i := range ni {
			in = d.addCount(in, u.Inherent[p][i])
			res = d.addCount(res, u.Residual[p][i])
		}
	}
	if res = d.addCount(res, u.Eliminated); d.err != nil {
		return d.err
	}
	if in != res {
		return fmt.Errorf("%w: heat map: %d inherent placements, %d residual and eliminated", ErrFormat, in, res)
	}
	if np == 0 {
		*h = HeatMap{}
		return nil
	}
	*h = u
	return nil
}
