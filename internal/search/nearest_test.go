package search

import (
	"fmt"
	"testing"
)

// mergeDot is the dot product of two vectors sorted by feature, walking both: the plain
// computation nearest's faster paths must agree with exactly.
func mergeDot(a, b []fw) float32 {
	var s float32
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i].f < b[j].f:
			i++
		case a[i].f > b[j].f:
			j++
		default:
			s += a[i].w * b[j].w
			i++
			j++
		}
	}
	return s
}

// TestNearest: nearest reads a class with many examples feature-major, and the others by
// scanning their features' low bits; the best similarity must be exactly the one the plain
// example-by-example dot products give, for every class.
func TestNearest(t *testing.T) {
	var examples []Example
	for i := range 200 {
		examples = append(examples, Example{Text: fmt.Sprintf("giá vàng hôm nay %d bao nhiêu một chỉ ở cửa hàng số %d", i, i*7)})
	}
	for i := range 60 {
		examples = append(examples, Example{Text: fmt.Sprintf("quên mật khẩu vneid lần %d phải làm sao", i), IDs: []string{"quen-mk"}})
	}
	ix, err := Build("", testEntries, testLexicon, testParams, examples)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	c := ix.cls
	inverted := 0
	for k := range c.inverted {
		if c.inverted[k] != nil {
			inverted++
		}
	}
	if inverted == 0 {
		t.Fatal("no class is read feature-major: the test does not reach that path")
	}
	for _, q := range []string{"giá vàng hôm nay", "quên mật khẩu vneid", "giá vàng 12 chỉ cửa hàng số 84", "mất thẻ căn cước", "xyz"} {
		a := ix.an.analyzeQuery(q, nil)
		qc := c.query(&a, ix.stop)
		for k := range c.classEx {
			want := float32(0)
			for _, i := range c.classEx[k] {
				want = max(want, mergeDot(qc.b.vec, c.exVecs[i]))
			}
			if got := qc.nearest(k); got != want {
				t.Errorf("nearest(%q, class %d, feature-major %v) = %v, want %v", q, k, c.inverted[k] != nil, got, want)
			}
		}
		qc.release()
	}
}
