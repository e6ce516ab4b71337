package risk

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
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
