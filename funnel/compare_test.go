package funnel_test

import (
	"errors"
	"math"
	"testing"

	"github.com/saleskit/saleskit/funnel"
)

func TestCompare(t *testing.T) {
	// 40 of 100 vs 60 of 100: pooled 0.5, SE √(0.25 × 0.02) = 0.0707,
	// Z = 0.2 ÷ 0.0707 = 2.828, P = erfc(2) = 0.00468.
	mk := func(top, next int) funnel.Report {
		return funnel.Report{Stages: []funnel.StageReport{
			{Key: "a", Entered: top, Conversion: funnel.Wilson(top, top), FromTop: funnel.Wilson(top, top)},
			{Key: "b", Entered: next, Conversion: funnel.Wilson(next, top), FromTop: funnel.Wilson(next, top)},
		}}
	}
	c, err := funnel.Compare(mk(100, 40), mk(100, 60), 0.05)
	if err != nil {
		t.Fatal(err)
	}
	s := c.Steps[0]
	if math.Abs(s.Z-2.8284) > 1e-3 || math.Abs(s.P-0.004678) > 1e-5 || !s.Significant || math.Abs(s.Diff-0.2) > 1e-12 {
		t.Errorf("Change = %+v, want Z 2.828, P 0.00468, significant", s)
	}
	c, _ = funnel.Compare(mk(10, 4), mk(10, 6), 0.05)
	if c.Steps[0].Significant {
		t.Errorf("4 of 10 vs 6 of 10 flagged significant: %+v", c.Steps[0])
	}
	if _, err := funnel.Compare(mk(1, 1), mk(1, 1), 1.5); !errors.Is(err, funnel.ErrOption) {
		t.Errorf("alpha 1.5: %v", err)
	}
	other := mk(1, 1)
	other.Stages[1].Key = "c"
	if _, err := funnel.Compare(mk(1, 1), other, 0.05); !errors.Is(err, funnel.ErrMismatch) {
		t.Errorf("different stages: %v", err)
	}
}
