package risk_test

import (
	"bufio"
	"encoding/json"
	"errors"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/saleskit/saleskit/risk"
	"github.com/shopspring/decimal"
)

// TestPMBOKTable checks the PMBOK preset cell for cell against the
// published table in testdata/pmbok_matrix.txt (source and rating
// thresholds cited there).
func TestPMBOKTable(t *testing.T) {
	f, err := os.Open("testdata/pmbok_matrix.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m := risk.PMBOK()
	rowOf := map[string]int{"0.10": 0, "0.30": 1, "0.50": 2, "0.70": 3, "0.90": 4}
	cells := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) == 0 || strings.HasPrefix(fields[0], "#") {
			continue
		}
		p, ok := rowOf[fields[1]]
		if !ok || len(fields) != 7 {
			t.Fatalf("bad line %q", sc.Text())
		}
		for i, want := range fields[2:] {
			c := risk.Cell{Probability: p, Impact: i}
			switch fields[0] {
			case "score":
				if got := m.Score(c); !got.Equal(dec(want)) {
					t.Errorf("Score(probability %s, impact %d) = %s, want %s", fields[1], i, got, want)
				}
				cells++
			case "rating":
				if got := m.Rating(c); got != want {
					t.Errorf("Rating(probability %s, impact %d) = %q, want %q", fields[1], i, got, want)
				}
			}
		}
	}
	if cells != 25 {
		t.Fatalf("checked %d cells, want 25", cells)
	}
	// The reason scores are decimals: in float64, 0.7 × 0.05 is
	// 0.034999999999999996, which rounds to 0.03. (Variables, not
	// constants: Go folds constant arithmetic exactly.)
	p, i := 0.7, 0.05
	if f := math.Round(p*i*100) / 100; f != 0.03 {
		t.Errorf("float64 gives %v for 0.7 × 0.05 to two places; the table's 0.04 is why scores are decimals", f)
	}
}

// TestSimpleCells checks the 3 × 3 preset's cell table and scores.
func TestSimpleCells(t *testing.T) {
	m := risk.Simple()
	want := [3][3]struct{ score, rating string }{
		{{"0.2", "low"}, {"0.4", "low"}, {"0.6", "medium"}},
		{{"0.5", "low"}, {"1", "medium"}, {"1.5", "high"}},
		{{"0.8", "medium"}, {"1.6", "high"}, {"2.4", "high"}},
	}
	for p := range 3 {
		for i := range 3 {
			c := risk.Cell{Probability: p, Impact: i}
			if got := m.Score(c); !got.Equal(dec(want[p][i].score)) {
				t.Errorf("Score(%v) = %s, want %s", c, got, want[p][i].score)
			}
			if got := m.Rating(c); got != want[p][i].rating {
				t.Errorf("Rating(%v) = %q, want %q", c, got, want[p][i].rating)
			}
		}
	}
}

// TestMatrixJSON: a matrix marshals as its spec, which decodes and builds
// into the same matrix; presets are fresh values.
func TestMatrixJSON(t *testing.T) {
	for name, m := range map[string]*risk.Matrix{"pmbok": risk.PMBOK(), "simple": risk.Simple()} {
		t.Run(name, func(t *testing.T) {
			data, err := json.Marshal(m)
			if err != nil {
				t.Fatal(err)
			}
			var s risk.MatrixSpec
			if err := json.Unmarshal(data, &s); err != nil {
				t.Fatal(err)
			}
			back, err := risk.NewMatrix(s)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(m.Spec(), back.Spec(), decimalEqual); diff != "" {
				t.Errorf("spec after a JSON round trip differs (-want +got):\n%s", diff)
			}
			again, _ := json.Marshal(back)
			if string(again) != string(data) {
				t.Errorf("JSON after a round trip:\n%s\nwant\n%s", again, data)
			}
		})
	}
	a := risk.PMBOK().Spec()
	a.Probability[0].Labels["en"] = "changed"
	a.Thresholds[0] = dec("0.5")
	if b := risk.PMBOK().Spec(); b.Probability[0].Labels["en"] != "Very low" || !b.Thresholds[0].Equal(dec("0.05")) {
		t.Errorf("changing one preset's spec changed the next: %v, %v", b.Probability[0].Labels, b.Thresholds)
	}
}

// TestNewMatrixErrors: every inconsistency is an error naming its field.
func TestNewMatrixErrors(t *testing.T) {
	pmbok := func() risk.MatrixSpec { return risk.PMBOK().Spec() }
	simple := func() risk.MatrixSpec { return risk.Simple().Spec() }
	cases := []struct {
		name  string
		spec  func() risk.MatrixSpec
		field string
		err   error
	}{
		{"two probability levels", func() risk.MatrixSpec { s := pmbok(); s.Probability = s.Probability[:2]; return s }, "probability", risk.ErrMatrix},
		{"eleven impact levels", func() risk.MatrixSpec {
			s := pmbok()
			for len(s.Impact) < 11 {
				l := s.Impact[len(s.Impact)-1]
				l.Key += "+"
				l.Value = l.Value.Add(one)
				l.Bands = nil
				s.Impact = append(s.Impact, l)
			}
			return s
		}, "impact", risk.ErrMatrix},
		{"duplicate key", func() risk.MatrixSpec { s := pmbok(); s.Impact[2].Key = "low"; return s }, "impact[2].key", risk.ErrMatrix},
		{"empty key", func() risk.MatrixSpec { s := pmbok(); s.Probability[1].Key = ""; return s }, "probability[1].key", risk.ErrMatrix},
		{"probability above 1", func() risk.MatrixSpec { s := pmbok(); s.Probability[4].Value = dec("1.1"); return s }, "probability[4].value", risk.ErrMatrix},
		{"values fall", func() risk.MatrixSpec { s := pmbok(); s.Impact[2].Value = dec("0.1"); return s }, "impact[2].value", risk.ErrMatrix},
		{"value of zero", func() risk.MatrixSpec { s := pmbok(); s.Impact[0].Value = decimal.Zero; return s }, "impact[0].value", risk.ErrMatrix},
		{"overlapping bands", func() risk.MatrixSpec { s := pmbok(); s.Impact[3].Bands[0].From = dec("0.05"); return s }, "impact[3].bands[0].from", risk.ErrMatrix},
		{"missing band", func() risk.MatrixSpec { s := pmbok(); s.Impact[2].Bands = s.Impact[2].Bands[:1]; return s }, "impact[2].bands", risk.ErrMatrix},
		{"second band of a measure", func() risk.MatrixSpec {
			s := pmbok()
			s.Impact[1].Bands = append(s.Impact[1].Bands, risk.Band{Measure: risk.MeasureCost, From: dec("0.02")})
			return s
		}, "impact[1].bands[2].measure", risk.ErrMatrix},
		{"probability band on impact", func() risk.MatrixSpec {
			s := pmbok()
			s.Impact[0].Bands[0].Measure = risk.MeasureProbability
			return s
		}, "impact[0].bands[0].measure", risk.ErrMatrix},
		{"unknown measure", func() risk.MatrixSpec { s := pmbok(); s.Impact[0].Bands[0].Measure = 9; return s }, "impact[0].bands[0].measure", risk.ErrUnknownName},
		{"value outside its band", func() risk.MatrixSpec { s := pmbok(); s.Probability[0].Value = dec("0.25"); return s }, "probability[0].value", risk.ErrMatrix},
		{"probability band above 1", func() risk.MatrixSpec { s := pmbok(); s.Probability[4].Bands[0].From = dec("1.5"); return s }, "probability[4].bands[0].from", risk.ErrMatrix},
		{"thresholds and cells", func() risk.MatrixSpec { s := pmbok(); s.Cells = simple().Cells; return s }, "cells", risk.ErrMatrix},
		{"neither thresholds nor cells", func() risk.MatrixSpec { s := pmbok(); s.Thresholds = nil; return s }, "thresholds", risk.ErrMatrix},
		{"thresholds fall", func() risk.MatrixSpec { s := pmbok(); s.Thresholds[1] = dec("0.01"); return s }, "thresholds[1]", risk.ErrMatrix},
		{"too few thresholds", func() risk.MatrixSpec { s := pmbok(); s.Thresholds = s.Thresholds[:1]; return s }, "thresholds", risk.ErrMatrix},
		{"one rating", func() risk.MatrixSpec {
			s := pmbok()
			s.Ratings = s.Ratings[:1]
			s.Thresholds = []decimal.Decimal{}
			return s
		}, "ratings", risk.ErrMatrix},
		{"missing cell", func() risk.MatrixSpec { s := simple(); s.Cells[1][2] = ""; return s }, "cells[1][2]", risk.ErrMatrix},
		{"unknown cell rating", func() risk.MatrixSpec { s := simple(); s.Cells[0][0] = "none"; return s }, "cells[0][0]", risk.ErrMatrix},
		{"rating falls as impact rises", func() risk.MatrixSpec { s := simple(); s.Cells[1][2] = "low"; return s }, "cells[1][2]", risk.ErrMatrix},
		{"rating falls as probability rises", func() risk.MatrixSpec { s := simple(); s.Cells[2][0] = "low"; s.Cells[1][0] = "medium"; return s }, "cells[2][0]", risk.ErrMatrix},
		{"short row", func() risk.MatrixSpec { s := simple(); s.Cells[1] = s.Cells[1][:2]; return s }, "cells[1]", risk.ErrMatrix},
		{"places", func() risk.MatrixSpec { s := pmbok(); s.Places = 13; return s }, "places", risk.ErrMatrix},
		{"rounding", func() risk.MatrixSpec { s := pmbok(); s.Rounding = 7; return s }, "rounding", risk.ErrUnknownName},
		{"huge value", func() risk.MatrixSpec { s := pmbok(); s.Impact[4].Value = dec("1e31"); return s }, "impact[4].value", risk.ErrRange},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := risk.NewMatrix(c.spec())
			if err == nil {
				t.Fatal("NewMatrix = nil error")
			}
			clearError(t, err)
			fe := fieldErrors(err)[c.field]
			if fe == nil {
				t.Fatalf("NewMatrix: %v; want an error on %s", err, c.field)
			}
			if !errors.Is(fe, c.err) {
				t.Errorf("NewMatrix: %v on %s, want one wrapping %v", fe, c.field, c.err)
			}
		})
	}
	t.Run("every problem reported", func(t *testing.T) {
		s := pmbok()
		s.Impact[2].Key = "low"
		s.Thresholds[1] = dec("0.01")
		s.Places = -1
		_, err := risk.NewMatrix(s)
		if n := len(leaves(err)); n != 3 {
			t.Errorf("NewMatrix reported %d problems, want 3: %v", n, err)
		}
	})
	t.Run("message", func(t *testing.T) {
		s := pmbok()
		s.Impact[3].Bands[0].From = dec("0.05")
		_, err := risk.NewMatrix(s)
		want := `risk: impact[3].bands[0].from "0.05": inconsistent matrix: cost bands overlap: not above impact[2]'s 0.1`
		if err == nil || err.Error() != want {
			t.Errorf("NewMatrix: %v, want %s", err, want)
		}
	})
}

// TestBands: quantities find their levels through the bands, a boundary
// belonging to the band above.
func TestBands(t *testing.T) {
	m := risk.PMBOK()
	cases := []struct {
		measure risk.Measure
		q       string
		want    string
		err     error
	}{
		{risk.MeasureCost, "0", "very_low", nil},
		{risk.MeasureCost, "0.005", "very_low", nil},
		{risk.MeasureCost, "0.01", "low", nil},
		{risk.MeasureCost, "0.15", "moderate", nil},
		{risk.MeasureCost, "0.2", "high", nil},
		{risk.MeasureCost, "0.4", "very_high", nil},
		{risk.MeasureCost, "3", "very_high", nil},
		{risk.MeasureSchedule, "0.07", "moderate", nil},
		{risk.MeasureSchedule, "0.2", "very_high", nil},
		{risk.MeasureCost, "-0.1", "", risk.ErrLevel},
		{risk.MeasureMoney, "1000", "", risk.ErrLevel},
		{risk.MeasureProbability, "0.5", "", risk.ErrLevel},
		{risk.MeasureCost, "1e40", "", risk.ErrRange},
	}
	for _, c := range cases {
		got, err := m.ImpactLevel(c.measure, dec(c.q))
		if got != c.want || !errors.Is(err, c.err) {
			t.Errorf("ImpactLevel(%s, %s) = %q, %v; want %q, %v", c.measure, c.q, got, err, c.want, c.err)
		}
	}
	for q, want := range map[string]string{"0": "very_low", "0.2": "low", "0.65": "high", "0.8": "very_high", "1": "very_high"} {
		if got, err := m.ProbabilityLevel(dec(q)); got != want || err != nil {
			t.Errorf("ProbabilityLevel(%s) = %q, %v; want %q", q, got, err, want)
		}
	}
	if _, err := m.ProbabilityLevel(dec("1.2")); !errors.Is(err, risk.ErrInvalid) {
		t.Errorf("ProbabilityLevel(1.2): %v, want ErrInvalid", err)
	}
}

// TestZeroMatrix: the zero matrix places nothing and assesses nothing.
func TestZeroMatrix(t *testing.T) {
	var m risk.Matrix
	if _, err := m.CellOf("low", "low"); !errors.Is(err, risk.ErrLevel) {
		t.Errorf("CellOf on a zero matrix: %v", err)
	}
	if s := m.Score(risk.Cell{}); !s.IsZero() {
		t.Errorf("Score on a zero matrix = %s", s)
	}
	if _, err := risk.Assess(&m, risk.Risk{ID: "x"}); !errors.Is(err, risk.ErrMatrix) {
		t.Errorf("Assess on a zero matrix: %v", err)
	}
	if _, err := risk.Assess(nil, risk.Risk{ID: "x"}); !errors.Is(err, risk.ErrMatrix) {
		t.Errorf("Assess on a nil matrix: %v", err)
	}
	if got := risk.PMBOK().RatingRank("high"); got != 2 {
		t.Errorf("RatingRank(high) = %d, want 2", got)
	}
}
