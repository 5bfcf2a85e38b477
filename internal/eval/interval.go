package eval

import "math"

// z95 is the normal quantile for a two-sided 95% interval.
const z95 = 1.959964

// wilson95 is the 95% Wilson score interval of a share measured as right of n: on the real
// halves' 40-80 questions one answer moves a share by 1-3 points, and the interval says how far
// the share may be from the product's true rate by sampling alone. n = 0 gives 0..1.
func wilson95(right, n int) (lo, hi float64) {
	if n <= 0 {
		return 0, 1
	}
	p, fn := float64(right)/float64(n), float64(n)
	z2 := z95 * z95
	mid := (p + z2/(2*fn)) / (1 + z2/fn)
	half := z95 * math.Sqrt(p*(1-p)/fn+z2/(4*fn*fn)) / (1 + z2/fn)
	return math.Max(0, mid-half), math.Min(1, mid+half)
}

// diff95 is the half-width of the 95% interval of the difference between two shares measured
// on different questions (normal approximation): a gap between two sets smaller than it is what
// sampling alone gives. With either set empty it is 1 (nothing is known).
func diff95(p1 float64, n1 int, p2 float64, n2 int) float64 {
	if n1 <= 0 || n2 <= 0 {
		return 1
	}
	return z95 * math.Sqrt(p1*(1-p1)/float64(n1)+p2*(1-p2)/float64(n2))
}
