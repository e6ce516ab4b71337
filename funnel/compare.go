package funnel

import (
	"fmt"
	"math"
	"strconv"
)

// RateChange compares one rate between two reports, A and B, with a
// two-sided two-proportion z-test. With pooled rate p = (a + b) ÷ (n_a + n_b):
//
//	Z = (B.Value − A.Value) ÷ √(p(1−p)(1/n_a + 1/n_b))
//	P = erfc(|Z| ÷ √2)
//
// Diff is B.Value − A.Value. When either side has no trials, or p is 0 or 1,
// there is nothing to test: Z is 0 and P is 1. Significant reports whether P
// is below the comparison's Alpha. Reason says the same: its code is
// [CodeRateRose] or [CodeRateFell] for a significant change,
// [CodeRateNotSignificant] for another, and [CodeRateNotTestable] when there
// is nothing to test.
type RateChange struct {
	From        string  `json:"from,omitempty"`
	To          string  `json:"to,omitempty"`
	A           Rate    `json:"a"`
	B           Rate    `json:"b"`
	Diff        float64 `json:"diff"`
	Z           float64 `json:"z"`
	P           float64 `json:"p"`
	Significant bool    `json:"significant"`
	Reason      Reason  `json:"reason"`
}

// Comparison sets two reports side by side: Steps compares the conversion of
// each step (from each path stage to the next), FromTop the conversion from
// the first stage to each later one, WinRate the win rates.
type Comparison struct {
	Alpha   float64      `json:"alpha"`
	Steps   []RateChange `json:"steps"`
	FromTop []RateChange `json:"from_top"`
	WinRate RateChange   `json:"win_rate"`
}

// Compare compares report a (say, last quarter) with report b (this
// quarter), flagging changes significant at level alpha (e.g. 0.05). It
// returns a [*FieldError] wrapping [ErrOption] when alpha is not in (0, 1),
// and a [*FieldError] for b wrapping [ErrMismatch] that says what differs
// when the reports have different path stages.
func Compare(a, b Report, alpha float64) (Comparison, error) {
	if math.IsNaN(alpha) || alpha <= 0 || alpha >= 1 {
		return Comparison{}, fieldErr("alpha", strconv.FormatFloat(alpha, 'g', -1, 64),
			fmt.Errorf("%w: alpha is in (0, 1)", ErrOption))
	}
	if err := pathMismatch(a.Stages, b.Stages); err != nil {
		return Comparison{}, err
	}
	c := Comparison{Alpha: alpha}
	for i := 1; i < len(a.Stages); i++ {
		from, to := a.Stages[i-1].Key, a.Stages[i].Key
		c.Steps = append(c.Steps, rateChange(from, to, a.Stages[i].Conversion, b.Stages[i].Conversion, alpha))
		c.FromTop = append(c.FromTop, rateChange(a.Stages[0].Key, to, a.Stages[i].FromTop, b.Stages[i].FromTop, alpha))
	}
	c.WinRate = rateChange("", "", a.Overall.WinRate, b.Overall.WinRate, alpha)
	return c, nil
}

// pathMismatch returns nil when the reports' stages x (of a) and y (of b)
// have the same keys, and otherwise an error for b saying what differs.
func pathMismatch(x, y []StageReport) error {
	var d string
	switch {
	case len(x) == 0 || len(y) == 0:
		d = fmt.Sprintf("stages has %d stages in b, %d in a: a report has at least two", len(y), len(x))
	case len(x) != len(y):
		d = fmt.Sprintf("stages has %d stages in b, %d in a", len(y), len(x))
	default:
		for i := range x {
			if x[i].Key != y[i].Key {
				d = fmt.Sprintf("stages[%d].key is %q in b, %q in a", i, y[i].Key, x[i].Key)
				break
			}
		}
	}
	if d == "" {
		return nil
	}
	return fieldErr("b", "", fmt.Errorf("%w: %s", ErrMismatch, d))
}

func rateChange(from, to string, ra, rb Rate, alpha float64) RateChange {
	ch := RateChange{From: from, To: to, A: ra, B: rb, Diff: rb.Value - ra.Value, P: 1}
	code := CodeRateNotTestable
	if ra.Trials > 0 && rb.Trials > 0 {
		na, nb := float64(ra.Trials), float64(rb.Trials)
		p := float64(ra.Successes+rb.Successes) / (na + nb)
		if se := math.Sqrt(p * (1 - p) * (1/na + 1/nb)); se > 0 && !math.IsNaN(se) {
			ch.Z = ch.Diff / se
			ch.P = math.Erfc(math.Abs(ch.Z) / math.Sqrt2)
			ch.Significant = ch.P < alpha
			switch {
			case !ch.Significant:
				code = CodeRateNotSignificant
			case ch.Diff > 0:
				code = CodeRateRose
			default:
				code = CodeRateFell
			}
		}
	}
	ch.Reason = Reason{Code: code, Numbers: map[string]float64{
		"a": ra.Value, "a_successes": float64(ra.Successes), "a_trials": float64(ra.Trials),
		"b": rb.Value, "b_successes": float64(rb.Successes), "b_trials": float64(rb.Trials),
		"z": ch.Z, "p": ch.P, "alpha": alpha,
	}}
	return ch
}
