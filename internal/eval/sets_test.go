package eval

import (
	"fmt"
	"testing"
)

// A question's fold depends on its text alone: adding a fixture at the top of a file, or removing
// one, moves no other question to another fold; every question is held out exactly once, and the
// folds are about even.
func TestHeldOutFolds(t *testing.T) {
	var fixtures []Fixture
	for e := range 50 {
		for i := range 4 {
			fixtures = append(fixtures, Fixture{Q: fmt.Sprintf("câu %d của mục %d", i, e), ID: fmt.Sprintf("muc-%d", e)})
		}
	}
	foldOf := func(folds []map[string]bool) map[string]int {
		at := map[string]int{}
		for k, f := range folds {
			for q := range f {
				if _, dup := at[q]; dup {
					t.Errorf("%q held out twice", q)
				}
				at[q] = k
			}
		}
		return at
	}
	base := foldOf(heldOutFolds(fixtures, Folds))
	if len(base) != len(fixtures) {
		t.Fatalf("%d questions held out, want %d", len(base), len(fixtures))
	}
	sizes := make([]int, Folds)
	for _, k := range base {
		sizes[k]++
	}
	for k, n := range sizes {
		if n < len(fixtures)/Folds*2/3 {
			t.Errorf("fold %d holds %d of %d questions: uneven", k, n, len(fixtures))
		}
	}
	added := append([]Fixture{{Q: "câu mới của mục 0", ID: "muc-0"}}, fixtures...)
	removed := append(append([]Fixture{}, fixtures[:4]...), fixtures[5:]...)
	for name, changed := range map[string][]Fixture{"one added at the top": added, "one removed": removed} {
		for q, k := range foldOf(heldOutFolds(changed, Folds)) {
			if was, ok := base[q]; ok && was != k {
				t.Errorf("%s: %q moved from fold %d to %d", name, q, was, k)
			}
		}
	}
}
