package search

// Radix sorts for the model's query path: a query has a few hundred features, where sorting by
// comparisons costs more than four counting passes over 8-bit digits. Both sorts are stable and
// give exactly the ascending order a comparison sort gives.

// sortHashes sorts xs ascending; tmp is scratch (grown as needed and returned for reuse).
func sortHashes(xs, tmp []uint32) []uint32 {
	if len(xs) < 2 {
		return tmp
	}
	if cap(tmp) < len(xs) {
		tmp = make([]uint32, len(xs))
	}
	tmp = tmp[:len(xs)]
	src, dst := xs, tmp
	var count [256]int
	for shift := uint(0); shift < 32; shift += 8 {
		clear(count[:])
		for _, x := range src {
			count[(x>>shift)&0xff]++
		}
		if count[(src[0]>>shift)&0xff] == len(src) {
			continue // every key has this digit: the pass would change nothing
		}
		pos := 0
		for d, c := range count {
			count[d] = pos
			pos += c
		}
		for _, x := range src {
			d := (x >> shift) & 0xff
			dst[count[d]] = x
			count[d]++
		}
		src, dst = dst, src
	}
	if &src[0] != &xs[0] {
		copy(xs, src)
	}
	return tmp
}

// sortByFeature sorts v by feature (features are not negative); tmp is scratch, as above.
func sortByFeature(v, tmp []fw) []fw {
	if len(v) < 2 {
		return tmp
	}
	if cap(tmp) < len(v) {
		tmp = make([]fw, len(v))
	}
	tmp = tmp[:len(v)]
	src, dst := v, tmp
	var count [256]int
	for shift := uint(0); shift < 32; shift += 8 {
		clear(count[:])
		for _, x := range src {
			count[(uint32(x.f)>>shift)&0xff]++
		}
		if count[(uint32(src[0].f)>>shift)&0xff] == len(src) {
			continue
		}
		pos := 0
		for d, c := range count {
			count[d] = pos
			pos += c
		}
		for _, x := range src {
			d := (uint32(x.f) >> shift) & 0xff
			dst[count[d]] = x
			count[d]++
		}
		src, dst = dst, src
	}
	if &src[0] != &v[0] {
		copy(v, src)
	}
	return tmp
}
