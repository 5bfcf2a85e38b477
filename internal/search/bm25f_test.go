package search

import (
	"cmp"
	"slices"
	"testing"
)

// TestDenseRows: the fielded score reads a term in half the entries or more as a dense row
// (termInfo.bmDense), several rows at a time; every entry's score must be exactly the sum, term
// by term in the query's order, of its postings.
func TestDenseRows(t *testing.T) {
	entries, queries := synthetic(1000)
	ix, err := Build("", entries, testLexicon, testParams, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	mixed := false
	for _, q := range queries {
		a := ix.an.analyzeQuery(q, ix.fix)
		ct, bt := ix.lookupAll(nil, a.Canon), ix.lookupAll(nil, a.Bigrams)
		qbi := make([]bool, len(bt))
		for i, x := range bt {
			qbi[i] = x != nil && x.asked
		}
		terms := ix.queryTerms(nil, &a, ct, bt, qbi, nil, nil)
		want := make([]float32, len(ix.ids))
		dense, sparse := 0, 0
		for _, qt := range terms {
			if qt.w <= 0 || qt.t == nil || qt.t.bmLen == 0 || qt.t.bmLen > ix.bm.maxPost {
				continue
			}
			s := qt.w * qt.t.bmIDF
			ps := qt.t.bm
			if qt.t.bmDense != nil {
				dense++
				ps = nil
				for e, tf := range qt.t.bmDense {
					if tf != 0 {
						ps = append(ps, posting{int32(e), tf})
					}
				}
			} else {
				sparse++
			}
			for _, p := range ps {
				want[p.e] += s * p.tf
			}
		}
		mixed = mixed || dense >= 7 && sparse > 0
		var wantHits []Hit
		for e, s := range want {
			if s != 0 {
				wantHits = append(wantHits, Hit{Score: float64(s), entry: e})
			}
		}
		slices.SortFunc(wantHits, func(a, b Hit) int {
			if c := cmp.Compare(b.Score, a.Score); c != 0 {
				return c
			}
			return cmp.Compare(a.entry, b.entry)
		})
		got := ix.bm.search(terms, len(ix.ids), nil, nil)
		if !slices.Equal(got, wantHits) {
			t.Errorf("search(%q): %d hits differ from the postings' sums (%d)", q, len(got), len(wantHits))
		}
	}
	if !mixed {
		t.Error("no query mixes sparse terms with 7 or more dense rows: the test does not reach every path")
	}
}
