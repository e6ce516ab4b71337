package funnel

import (
	"math"
	"strconv"
)

// Change compares one rate between two reports, A and B, with a two-sided
// two-proportion z-test. With pooled rate p = (a + b) ÷ (n_a + n_b):
//
//	Z = (B.Value − A.Value) ÷ √(p(1−p)(1/n_a + 1/n_b))
//	P = erfc(|Z| ÷ √2)
//
// Diff is B.Value − A.Value. When either side has no trials, or p is 0 or 1,
// there is nothing to test: Z is 0 and P is 1. Significant reports whether P
// is below the comparison's Alpha.
type Change struct {
	From        string  `json:"from,omitempty"`
	To          string  `json:"to,omitempty"`
	A           Rate    `json:"a"`
	B           Rate    `json:"b"`
	Diff        float64 `json:"diff"`
	Z           float64 `json:"z"`
	P           float64 `json:"p"`
	Significant bool    `json:"significant"`
}

// Comparison sets two reports side by side: Steps compares the conversion of
// each step (from each path stage to the next), FromTop the conversion from
// the first stage to each later one, WinRate the win rates.
type Comparison struct {
	Alpha   float64  `json:"alpha"`
	Steps   []Change `json:"steps"`
	FromTop []Change `json:"from_top"`
	WinRate Change   `json:"win_rate"`
}

// Compare compares report a (say, last quarter) with report b (this
// quarter), flagging changes significant at level alpha (e.g. 0.05). It
// returns [ErrMismatch] when the reports have different path stages and a
// [*FieldError] wrapping [ErrOption] when alpha is not in (0, 1).
func Compare(a, b Report, alpha float64) (Comparison, error) {
	if math.IsNaN(alpha) || alpha <= 0 || alpha >= 1 {
		return Comparison{}, fieldErr("alpha", strconv.FormatFloat(alpha, 'g', -1, 64), ErrOption)
	}
	if len(a.Stages) != len(b.Stages) || len(a.Stages) == 0 {
		return Comparison{}, ErrMismatch
	}
	for i := range a.Stages {
		if a.Stages[i].Key != b.Stages[i].Key {
			return Comparison{}, ErrMismatch
		}
	}
	c := Comparison{Alpha: alpha}
	for i := 1; i < len(a.Stages); i++ {
		from, to := a.Stages[i-1].Key, a.Stages[i].Key
		c.Steps = append(c.Steps, change(from, to, a.Stages[i].Conversion, b.Stages[i].Conversion, alpha))
		c.FromTop = append(c.FromTop, change(a.Stages[0].Key, to, a.Stages[i].FromTop, b.Stages[i].FromTop, alpha))
	}
	c.WinRate = change("", "", a.Overall.WinRate, b.Overall.WinRate, alpha)
	return c, nil
}

func change(from, to string, ra, rb Rate, alpha float64) Change {
	ch := Change{From: from, To: to, A: ra, B: rb, Diff: rb.Value - ra.Value, P: 1}
	if ra.Trials == 0 || rb.Trials == 0 {
		return ch
	}
	na, nb := float64(ra.Trials), float64(rb.Trials)
	p := float64(ra.Successes+rb.Successes) / (na + nb)
	se := math.Sqrt(p * (1 - p) * (1/na + 1/nb))
	if se == 0 || math.IsNaN(se) {
		return ch
	}
	ch.Z = ch.Diff / se
	ch.P = math.Erfc(math.Abs(ch.Z) / math.Sqrt2)
	ch.Significant = ch.P < alpha
	return ch
}
