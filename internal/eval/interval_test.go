package eval

import (
	"math"
	"testing"
)

func TestWilson95(t *testing.T) {
	tests := []struct {
		right, n int
		lo, hi   float64
	}{
		{41, 44, 0.818, 0.977}, // the real check half's confident answers, round 16
		{0, 0, 0, 1},
		{0, 10, 0, 0.278},
		{10, 10, 0.722, 1},
		{50, 100, 0.404, 0.596},
	}
	for _, tt := range tests {
		lo, hi := wilson95(tt.right, tt.n)
		if math.Abs(lo-tt.lo) > 0.001 || math.Abs(hi-tt.hi) > 0.001 {
			t.Errorf("wilson95(%d, %d) = %.3f..%.3f, want %.3f..%.3f", tt.right, tt.n, lo, hi, tt.lo, tt.hi)
		}
	}
}

func TestDiff95(t *testing.T) {
	tests := []struct {
		p1   float64
		n1   int
		p2   float64
		n2   int
		want float64
	}{
		{72.0 / 83, 83, 79.0 / 83, 83, 0.086}, // check against tune-unseen in scope, round 16
		{0.5, 100, 0.5, 100, 0.139},
		{1, 50, 1, 50, 0},
		{0.5, 0, 0.5, 10, 1},
	}
	for _, tt := range tests {
		if got := diff95(tt.p1, tt.n1, tt.p2, tt.n2); math.Abs(got-tt.want) > 0.001 {
			t.Errorf("diff95(%.3f, %d, %.3f, %d) = %.3f, want %.3f", tt.p1, tt.n1, tt.p2, tt.n2, got, tt.want)
		}
	}
}
