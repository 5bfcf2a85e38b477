package search

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestRadixSorts(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var tmp []uint32
	var tmpV []fw
	for _, n := range []int{0, 1, 2, 3, 17, 256, 1000} {
		for _, spread := range []uint32{1, 7, 1 << 12, 1 << 31} {
			xs := make([]uint32, n)
			for i := range xs {
				xs[i] = r.Uint32() % spread * 2654435761
			}
			want := slices.Clone(xs)
			slices.Sort(want)
			tmp = sortHashes(xs, tmp)
			if !slices.Equal(xs, want) {
				t.Errorf("sortHashes(n=%d, spread=%d) = %v, want %v", n, spread, xs, want)
			}
			v := make([]fw, n)
			for i := range v {
				v[i] = fw{int32(r.Uint32() % spread % (1 << 30)), float32(i)}
			}
			wantV := slices.Clone(v)
			slices.SortStableFunc(wantV, func(a, b fw) int { return cmp.Compare(a.f, b.f) })
			tmpV = sortByFeature(v, tmpV)
			if !slices.Equal(v, wantV) {
				t.Errorf("sortByFeature(n=%d, spread=%d) differs from a stable sort", n, spread)
			}
		}
	}
}
