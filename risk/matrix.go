package risk

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

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

// MatrixSpec is a probability and impact matrix as data: the form a CRM
// stores, edits in a UI and sends as JSON. [NewMatrix] checks it and builds
// the [Matrix] that scores risks.
//
// Probability and Impact list the scales' levels lowest first. A cell is a
// pair (probability level, impact level); its score is the probability
// level's Value × the impact level's Value, rounded to Places by Rounding.
// Its rating comes from exactly one of:
//
//   - Thresholds: Thresholds[k] is the lowest score rated Ratings[k+1], so a
//     cell scoring s is rated Ratings[k] for the largest k with
//     s ≥ Thresholds[k−1] (Ratings[0] below Thresholds[0]); or
//   - Cells: an explicit table for asymmetric matrices, Cells[p][i] the
//     rating key of probability level p and impact level i (both lowest
//     first). A rating may never fall as probability or impact rises.
//
// Ratings list the ratings lowest first. The zero MatrixSpec has no levels,
// and NewMatrix refuses it.
type MatrixSpec struct {
	Name        string            `json:"name,omitempty"`
	Labels      Labels            `json:"labels,omitempty"`
	Probability []Level           `json:"probability"`
	Impact      []Level           `json:"impact"`
	Ratings     []Rating          `json:"ratings"`
	Thresholds  []decimal.Decimal `json:"thresholds,omitempty"`
	Cells       [][]string        `json:"cells,omitempty"`
	Places      int32             `json:"places"`
	Rounding    Rounding          `json:"rounding"`
}

// Validate reports what [NewMatrix] would refuse in s, every problem joined.
func (s MatrixSpec) Validate() error {
	_, err := NewMatrix(s)
	return err
}

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
	rKeys  []string
	pValue []decimal.Decimal
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
	for k, r := range s.Ratings {
		m.rKeys[k] = r.Key
	}
	m.pValue = make([]decimal.Decimal, m.np)
	for p, l := range s.Probability {
		m.pValue[p] = l.Value
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

// checkScale checks one scale's levels and bands. only, when set, is the
// one measure the scale may have bands for; 0 allows every measure but
// probability.
func checkScale(c *checker, name string, levels []Level, only Measure) {
	if n := len(levels); n < MinLevels || n > MaxLevels {
		c.fail(name, strconv.Itoa(n)+" levels", ErrMatrix, "a scale has %d to %d levels", MinLevels, MaxLevels)
		if n > 4*MaxLevels {
			return // do not report on every level of an absurd scale
		}
	}
	keys := map[string]int{}
	present := [measureCount]int{} // levels with a band of each measure
	for k, l := range levels {
		at := fmt.Sprintf("%s[%d]", name, k)
		checkKey(c, at+".key", l.Key, keys, k, name, ErrMatrix)
		if err := checkDecimal(at+".value", l.Value); err != nil {
			c.add(err)
			continue
		}
		switch {
		case l.Value.Sign() <= 0:
			c.fail(at+".value", l.Value.String(), ErrMatrix, "a level's value must be above 0")
		case only == MeasureProbability && l.Value.Cmp(one) > 0:
			c.fail(at+".value", l.Value.String(), ErrMatrix, "a probability is at most 1")
		case k > 0 && levels[k-1].Value.Cmp(l.Value) >= 0 && checkDecimal("", levels[k-1].Value) == nil:
			c.fail(at+".value", l.Value.String(), ErrMatrix, "values must rise: not above %s[%d]'s %s", name, k-1, levels[k-1].Value)
		}
		seen := [measureCount]bool{}
		for b, band := range l.Bands {
			bat := fmt.Sprintf("%s.bands[%d]", at, b)
			switch {
			case band.Measure <= 0 || band.Measure >= measureCount:
				c.add(fieldErr(bat+".measure", band.Measure.String(), ErrUnknownName))
				continue
			case only == MeasureProbability && band.Measure != MeasureProbability,
				only != MeasureProbability && band.Measure == MeasureProbability:
				c.fail(bat+".measure", band.Measure.String(), ErrMatrix, "a %s scale has no %s bands", name, band.Measure)
				continue
			case seen[band.Measure]:
				c.fail(bat+".measure", band.Measure.String(), ErrMatrix, "a second %s band on one level", band.Measure)
				continue
			}
			seen[band.Measure] = true
			present[band.Measure]++
			if err := checkDecimal(bat+".from", band.From); err != nil {
				c.add(err)
				continue
			}
			if band.Measure == MeasureProbability && (band.From.Sign() < 0 || band.From.Cmp(one) > 0) {
				c.fail(bat+".from", band.From.String(), ErrMatrix, "a probability band starts within [0, 1]")
			}
		}
	}
	for meas := MeasureProbability; meas < measureCount; meas++ {
		if present[meas] == 0 {
			continue
		}
		for k, l := range levels {
			if bandIndex(l.Bands, meas) < 0 {
				c.fail(fmt.Sprintf("%s[%d].bands", name, k), "", ErrMatrix, "no %s band, though other levels have one", meas)
			}
		}
		if present[meas] != len(levels) {
			continue
		}
		for k := 1; k < len(levels); k++ {
			prev, cur := levels[k-1].Bands[bandIndex(levels[k-1].Bands, meas)], levels[k].Bands[bandIndex(levels[k].Bands, meas)]
			if checkDecimal("", prev.From) != nil || checkDecimal("", cur.From) != nil {
				continue
			}
			if prev.From.Cmp(cur.From) >= 0 {
				c.fail(fmt.Sprintf("%s[%d].bands[%d].from", name, k, bandIndex(levels[k].Bands, meas)), cur.From.String(), ErrMatrix,
					"%s bands overlap: not above %s[%d]'s %s", meas, name, k-1, prev.From)
			}
		}
		if meas == MeasureProbability {
			checkValuesInBands(c, name, levels)
		}
	}
}

// checkValuesInBands checks that each probability level's value lies in
// its own band.
func checkValuesInBands(c *checker, name string, levels []Level) {
	from, ok := bandFroms(levels, MeasureProbability)
	if !ok {
		return
	}
	for k, l := range levels {
		if checkDecimal("", l.Value) != nil {
			continue
		}
		if l.Value.Cmp(from[k]) < 0 || (k+1 < len(from) && l.Value.Cmp(from[k+1]) >= 0) {
			c.fail(fmt.Sprintf("%s[%d].value", name, k), l.Value.String(), ErrMatrix, "the level's probability lies outside its own band")
		}
	}
}

// checkKey checks a level or rating key: present, trimmed, unique.
func checkKey(c *checker, field, key string, keys map[string]int, k int, list string, sentinel error) {
	switch prev, dup := keys[key]; {
	case key == "":
		c.fail(field, "", sentinel, "a key is required")
	case strings.TrimSpace(key) != key:
		c.fail(field, key, sentinel, "a key has no surrounding spaces")
	case dup:
		c.fail(field, key, sentinel, "the key of %s[%d] too", list, prev)
	default:
		keys[key] = k
	}
}

// checkRatings checks the ratings and the thresholds or cell table.
func checkRatings(c *checker, s MatrixSpec) {
	if n := len(s.Ratings); n < MinRatings || n > MaxRatings {
		c.fail("ratings", strconv.Itoa(n)+" ratings", ErrMatrix, "a matrix has %d to %d ratings", MinRatings, MaxRatings)
	}
	keys := map[string]int{}
	for k, r := range s.Ratings {
		checkKey(c, fmt.Sprintf("ratings[%d].key", k), r.Key, keys, k, "ratings", ErrMatrix)
	}
	switch {
	case s.Thresholds != nil && s.Cells != nil:
		c.fail("cells", "", ErrMatrix, "a matrix rates by thresholds or by cells, not both")
	case s.Thresholds == nil && s.Cells == nil:
		c.fail("thresholds", "", ErrMatrix, "a matrix needs thresholds or cells to rate its cells")
	case s.Thresholds != nil:
		if len(s.Thresholds) != len(s.Ratings)-1 {
			c.fail("thresholds", strconv.Itoa(len(s.Thresholds))+" thresholds", ErrMatrix, "%d ratings need %d thresholds", len(s.Ratings), max(len(s.Ratings)-1, 0))
		}
		for k, t := range s.Thresholds {
			field := fmt.Sprintf("thresholds[%d]", k)
			if err := checkDecimal(field, t); err != nil {
				c.add(err)
				continue
			}
			switch {
			case t.Sign() <= 0:
				c.fail(field, t.String(), ErrMatrix, "a threshold is above 0")
			case k > 0 && checkDecimal("", s.Thresholds[k-1]) == nil && s.Thresholds[k-1].Cmp(t) >= 0:
				c.fail(field, t.String(), ErrMatrix, "thresholds must rise: not above thresholds[%d] %s", k-1, s.Thresholds[k-1])
			}
		}
	default:
		checkCells(c, s, keys)
	}
}

// checkCells checks an explicit cell table: its shape, that every cell
// names a rating, and that ratings never fall as probability or impact
// rise.
func checkCells(c *checker, s MatrixSpec, keys map[string]int) {
	if len(s.Cells) != len(s.Probability) {
		c.fail("cells", strconv.Itoa(len(s.Cells))+" rows", ErrMatrix, "one row per probability level: %d", len(s.Probability))
		return
	}
	for p, row := range s.Cells {
		if len(row) != len(s.Impact) {
			c.fail(fmt.Sprintf("cells[%d]", p), strconv.Itoa(len(row))+" cells", ErrMatrix, "one cell per impact level: %d", len(s.Impact))
			return
		}
	}
	rank := func(p, i int) int {
		k, ok := keys[s.Cells[p][i]]
		if !ok {
			return -1
		}
		return k
	}
	for p, row := range s.Cells {
		for i, key := range row {
			field := fmt.Sprintf("cells[%d][%d]", p, i)
			r := rank(p, i)
			switch {
			case key == "":
				c.fail(field, "", ErrMatrix, "missing cell")
			case r < 0:
				c.fail(field, key, ErrMatrix, "no such rating")
			case i > 0 && rank(p, i-1) > r:
				c.fail(field, key, ErrMatrix, "the rating falls from %q at cells[%d][%d] as impact rises", s.Cells[p][i-1], p, i-1)
			case p > 0 && rank(p-1, i) > r:
				c.fail(field, key, ErrMatrix, "the rating falls from %q at cells[%d][%d] as probability rises", s.Cells[p-1][i], p-1, i)
			}
		}
	}
}

func bandIndex(bands []Band, m Measure) int {
	return slices.IndexFunc(bands, func(b Band) bool { return b.Measure == m })
}

// bandFroms returns each level's From for measure m, when every level has
// one.
func bandFroms(levels []Level, m Measure) ([]decimal.Decimal, bool) {
	from := make([]decimal.Decimal, len(levels))
	for k, l := range levels {
		b := bandIndex(l.Bands, m)
		if b < 0 {
			return nil, false
		}
		from[k] = l.Bands[b].From
	}
	return from, true
}

func levelKeys(levels []Level) []string {
	keys := make([]string, len(levels))
	for k, l := range levels {
		keys[k] = l.Key
	}
	return keys
}

// copySpec returns a deep copy of s.
func copySpec(s MatrixSpec) MatrixSpec {
	levels := func(ls []Level) []Level {
		if ls == nil {
			return nil
		}
		out := make([]Level, len(ls))
		for k, l := range ls {
			out[k] = Level{Key: l.Key, Labels: maps.Clone(l.Labels), Value: l.Value, Bands: slices.Clone(l.Bands)}
		}
		return out
	}
	c := s
	c.Labels = maps.Clone(s.Labels)
	c.Probability, c.Impact = levels(s.Probability), levels(s.Impact)
	if s.Ratings != nil {
		c.Ratings = make([]Rating, len(s.Ratings))
		for k, r := range s.Ratings {
			c.Ratings[k] = Rating{Key: r.Key, Labels: maps.Clone(r.Labels)}
		}
	}
	c.Thresholds = slices.Clone(s.Thresholds)
	if s.Cells != nil {
		c.Cells = make([][]string, len(s.Cells))
		for p, row := range s.Cells {
			c.Cells[p] = slices.Clone(row)
		}
	}
	return c
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
	p, i := index(m.pKeys, probability), index(m.iKeys, impact)
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
