package funnel_test

import (
	"math"
	"testing"

	"github.com/saleskit/saleskit/funnel"
)

func TestWilson(t *testing.T) {
	tests := []struct {
		s, n      int
		low, high float64
	}{
		{2, 3, 0.2077, 0.9385},
		{2000, 3000, 0.6498, 0.6833},
		{0, 10, 0, 0.2775}, // z²/(n+z²) = 3.8415/13.8415
		{10, 10, 0.7225, 1},
		{0, 0, 0, 1},
	}
	for _, tt := range tests {
		r := funnel.Wilson(tt.s, tt.n)
		if math.Abs(r.Low-tt.low) > 5e-4 || math.Abs(r.High-tt.high) > 5e-4 {
			t.Errorf("Wilson(%d, %d) = [%.4f, %.4f], want [%.4f, %.4f]", tt.s, tt.n, r.Low, r.High, tt.low, tt.high)
		}
	}
}
