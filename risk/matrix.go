package risk

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"

	"github.com/shopspring/decimal"
)

// Scale sizes: a probability or impact scale has MinLevels to MaxLevels
// levels, and a matrix MinRatings to MaxRatings ratings.
const (
	MinLevels  = 3
	MaxLevels  = 10
	MinRatings = 2
	MaxRatings = 10
	// MaxPlaces bounds MatrixSpec.Places.
	MaxPlaces = 12
)

// Matrix is a checked, built probability and impact matrix: every cell's
// score and rating worked out once. It is immutable and safe for
// concurrent use. The zero Matrix has no levels: every lookup on it fails
// with ErrLevel, and [Assess] refuses it with ErrMatrix.
//
// A Matrix marshals as its [MatrixSpec]; decode JSON into a MatrixSpec and
// call NewMatrix to get it back.
type Matrix struct {
	spec   MatrixSpec
	np, ni int
	pKeys  []string
	iKeys  []string
	pSlots keySlots // finds a key of pKeys
	iSlots keySlots // finds a key of iKeys
	rKeys  []string
	pValue []decimal.Decimal
	pFixed []fixed           // pValue's fixed forms
	score  []decimal.Decimal // [p*ni+i]
	rating []int8            // [p*ni+i], index into rKeys
	bands  [measureCount][]decimal.Decimal
}

// Cell is a cell of a matrix: indexes into its probability and impact
// scales, the lowest level 0. A risk that can no longer occur (avoided)
// has no residual cell, shown as {-1, -1}.
type Cell struct {
	Probability int `json:"probability"`
	Impact      int `json:"impact"`
}

// noCell is the cell of an eliminated risk.
var noCell = Cell{-1, -1}

// NewMatrix checks s and builds its Matrix. The Matrix keeps its own copy
// of s. An inconsistent s is an error joining a [*FieldError] for every
// problem, each naming the field (probability[2].value,
// impact[1].bands[0].from, thresholds[1], cells[3][4]) and wrapping
// [ErrMatrix], [ErrRange] (a decimal beyond [MaxDigits]) or
// [ErrUnknownName].
func NewMatrix(s MatrixSpec) (*Matrix, error) {
	c := &checker{}
	checkScale(c, "probability", s.Probability, MeasureProbability)
	checkScale(c, "impact", s.Impact, 0)
	checkRatings(c, s)
	if s.Places < 0 || s.Places > MaxPlaces {
		c.fail("places", strconv.Itoa(int(s.Places)), ErrMatrix, "places must be 0 to %d", MaxPlaces)
	}
	if s.Rounding < HalfUp || s.Rounding > Down {
		c.add(fieldErr("rounding", s.Rounding.String(), ErrUnknownName))
	}
	if len(c.errs) > 0 {
		return nil, c.err()
	}
	m := &Matrix{spec: copySpec(s), np: len(s.Probability), ni: len(s.Impact)}
	m.pKeys, m.iKeys, m.rKeys = levelKeys(s.Probability), levelKeys(s.Impact), make([]string, len(s.Ratings))
	m.pSlots, m.iSlots = slotsOf(m.pKeys), slotsOf(m.iKeys)
	for k, r := range s.Ratings {
		m.rKeys[k] = r.Key
	}
	m.pValue, m.pFixed = make([]decimal.Decimal, m.np), make([]fixed, m.np)
	for p, l := range s.Probability {
		m.pValue[p], m.pFixed[p] = l.Value, fixedOf(l.Value)
	}
	for _, scale := range [][]Level{s.Probability, s.Impact} {
		for meas := MeasureProbability; meas < measureCount; meas++ {
			if from, ok := bandFroms(scale, meas); ok {
				m.bands[meas] = from
			}
		}
	}
	m.score = make([]decimal.Decimal, m.np*m.ni)
	m.rating = make([]int8, m.np*m.ni)
	for p, pl := range s.Probability {
		for i, il := range s.Impact {
			c := p*m.ni + i
			m.score[c] = roundTo(pl.Value.Mul(il.Value), s.Places, s.Rounding)
			if s.Cells != nil {
				m.rating[c] = int8(slices.Index(m.rKeys, s.Cells[p][i]))
				continue
			}
			k := 0
			for k < len(s.Thresholds) && m.score[c].Cmp(s.Thresholds[k]) >= 0 {
				k++
			}
			m.rating[c] = int8(k)
		}
	}
	return m, nil
}

func levelKeys(levels []Level) []string {
	keys := make([]string, len(levels))
	for k, l := range levels {
		keys[k] = l.Key
	}
	return keys
}

// keySlots finds a level by its key in one string comparison: slot
// keySlot(key) holds the index plus one of the only key with that slot, 0
// when no key has it, or −1 when several share it (then the keys are
// scanned). Scanning the five PMBOK keys for the random levels of
// BenchmarkAssess mispredicted about five branches a risk, of the 25 a
// risk that Assess mispredicted in all (callgrind).
type keySlots [64]int8

// keySlot returns the slot of a level key: a mix of its length and its
// first and last bytes.
func keySlot(key string) int {
	if key == "" {
		return 0
	}
	return (len(key)*8 + int(key[0])*3 + int(key[len(key)-1])) & 63
}

func slotsOf(keys []string) keySlots {
	var t keySlots
	for k, key := range keys {
		switch s := keySlot(key); t[s] {
		case 0:
			t[s] = int8(k + 1)
		default:
			t[s] = -1
		}
	}
	return t
}

// find returns the position of key in keys, whose slots t are, or −1.
func (t *keySlots) find(keys []string, key string) int {
	switch k := t[keySlot(key)]; {
	case k > 0:
		if keys[k-1] == key {
			return int(k - 1)
		}
		return -1
	case k < 0:
		return index(keys, key)
	}
	return -1
}

// Spec returns a copy of the spec m was built from, to change and build
// again.
func (m *Matrix) Spec() MatrixSpec { return copySpec(m.spec) }

// MarshalJSON encodes m as its [MatrixSpec].
func (m *Matrix) MarshalJSON() ([]byte, error) { return json.Marshal(m.spec) }

// Size returns the number of probability and impact levels.
func (m *Matrix) Size() (probability, impact int) { return m.np, m.ni }

// Ratings returns the rating keys, lowest first.
func (m *Matrix) Ratings() []string { return slices.Clone(m.rKeys) }

// RatingRank returns the position of rating key among the ratings, lowest
// 0, or −1 for a key the matrix does not have.
func (m *Matrix) RatingRank(key string) int { return slices.Index(m.rKeys, key) }

// CellOf returns the cell of a probability level key and an impact level
// key; an unknown key is a [*FieldError] wrapping [ErrLevel].
func (m *Matrix) CellOf(probability, impact string) (Cell, error) {
	p, i := m.pSlots.find(m.pKeys, probability), m.iSlots.find(m.iKeys, impact)
	switch {
	case p < 0:
		return noCell, fieldErr("probability", probability, ErrLevel)
	case i < 0:
		return noCell, fieldErr("impact", impact, ErrLevel)
	}
	return Cell{p, i}, nil
}

// Score returns the score of cell c, or 0 for a cell outside the matrix.
func (m *Matrix) Score(c Cell) decimal.Decimal {
	if !m.inside(c) {
		return zero
	}
	return m.score[c.Probability*m.ni+c.Impact]
}

// Rating returns the rating key of cell c, or "" for a cell outside the
// matrix.
func (m *Matrix) Rating(c Cell) string {
	if !m.inside(c) {
		return ""
	}
	return m.rKeys[m.rating[c.Probability*m.ni+c.Impact]]
}

// RatingLabel returns the name for people in lang of the rating with the
// given key ("high" → "High", "高风险"), chosen as [Labels.Get] chooses, or
// the key itself when the matrix has no such rating or it has no labels.
func (m *Matrix) RatingLabel(key, lang string) string {
	for i, k := range m.rKeys {
		if k == key {
			if l := m.spec.Ratings[i].Labels.Get(lang); l != "" {
				return l
			}
			return key
		}
	}
	return key
}

// Keys returns the level keys of cell c, or "" and "" for a cell outside
// the matrix.
func (m *Matrix) Keys(c Cell) (probability, impact string) {
	if !m.inside(c) {
		return "", ""
	}
	return m.pKeys[c.Probability], m.iKeys[c.Impact]
}

func (m *Matrix) inside(c Cell) bool {
	return c.Probability >= 0 && c.Probability < m.np && c.Impact >= 0 && c.Impact < m.ni
}

// ProbabilityLevel returns the key of the probability level whose band
// holds p. A p outside [0, 1] is a [*FieldError] wrapping [ErrInvalid]; a
// matrix without probability bands, or a p below the lowest band, is one
// wrapping [ErrLevel].
func (m *Matrix) ProbabilityLevel(p decimal.Decimal) (string, error) {
	if err := checkProbability("probability", p); err != nil {
		return "", err
	}
	k, err := m.band(MeasureProbability, p)
	if err != nil {
		return "", fieldErr("probability", p.String(), err)
	}
	return m.pKeys[k], nil
}

// ImpactLevel returns the key of the impact level whose band for measure
// holds q: a cost or schedule overrun as a fraction (0.15 for 15%), a money
// impact, or a slip in days. A matrix without bands for measure, or a q
// below the lowest band, is a [*FieldError] wrapping [ErrLevel].
func (m *Matrix) ImpactLevel(measure Measure, q decimal.Decimal) (string, error) {
	if measure == MeasureProbability {
		return "", fieldErr("measure", measure.String(), fmt.Errorf("%w: probability is not an impact measure", ErrLevel))
	}
	if measure <= 0 || measure >= measureCount {
		return "", fieldErr("measure", measure.String(), ErrUnknownName)
	}
	if err := checkDecimal(measure.String(), q); err != nil {
		return "", err
	}
	k, err := m.band(measure, q)
	if err != nil {
		return "", fieldErr(measure.String(), q.String(), err)
	}
	return m.iKeys[k], nil
}

// band returns the level whose band of measure meas holds q, or an error
// wrapping ErrLevel (without a field: the caller names it).
func (m *Matrix) band(meas Measure, q decimal.Decimal) (int, error) {
	from := m.bands[meas]
	if from == nil {
		return 0, fmt.Errorf("%w: the matrix has no %s bands", ErrLevel, meas)
	}
	k := len(from) - 1
	for k >= 0 && cmpDec(q, from[k]) < 0 {
		k--
	}
	if k < 0 {
		return 0, fmt.Errorf("%w: below the lowest %s band, %s", ErrLevel, meas, from[0])
	}
	return k, nil
}
