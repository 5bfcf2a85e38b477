package search

// termInfo is what a search needs of one string it may meet in a query (a folded or accented
// word, a synonym group token, a word pair), gathered once at build: each of the query's strings
// then costs one map lookup, not one per table (idf, vocabulary, postings, fielded postings).
type termInfo struct {
	idf   float64 // Index.idf: how telling the term is when entries ask with it
	asked bool    // the term is in Index.idf (some entry's questions, title or keywords have it)
	vocab int     // Index.vocab: entries using the folded word anywhere
	// tpost and apost are the entries whose questions, title or keywords (tpost) or answer
	// (apost) hold the term: coverage and phrase read them.
	tpost, apost entrySet
	bm           []posting // the fielded score's postings (nil when dense)
	bmDense      []float32 // or, for a term most entries have, its tf for every entry (0: none)
	bmLen        int       // entries in the fielded postings
	bmIDF        float32   // and its idf
}

// buildTerms gathers the per-term tables into ix.tid and ix.tinfo.
func (ix *Index) buildTerms(tpost, apost map[string]entrySet, bm *bm25f) {
	ix.tid = make(map[string]int32, len(bm.post)+len(ix.vocab)/4)
	id := func(w string) *termInfo {
		k, ok := ix.tid[w]
		if !ok {
			k = int32(len(ix.tinfo))
			ix.tid[w] = k
			ix.tinfo = append(ix.tinfo, termInfo{})
		}
		return &ix.tinfo[k]
	}
	for w, ps := range bm.post {
		t := id(w)
		t.bm, t.bmLen, t.bmIDF = ps, len(ps), bm.idf[w]
		// A term most entries have is scored over every entry in order, with 0 for the entries
		// without it: the same sums (adding 0 changes none), no scattered writes, and no more room.
		if bm.n >= denseMin && 2*len(ps) >= bm.n {
			t.bmDense = make([]float32, bm.n)
			for _, p := range ps {
				t.bmDense[p.e] = p.tf
			}
			t.bm = nil
		}
	}
	for w, v := range ix.idf {
		t := id(w)
		t.idf, t.asked = v, true
	}
	for w, n := range ix.vocab {
		id(w).vocab = n
	}
	for w, s := range tpost {
		id(w).tpost = s
	}
	for w, s := range apost {
		id(w).apost = s
	}
}

// denseMin is the fewest entries for which a common term's fielded postings are kept dense.
const denseMin = 64

// term returns what the index knows of w, or nil when it knows nothing.
func (ix *Index) term(w string) *termInfo {
	if k, ok := ix.tid[w]; ok {
		return &ix.tinfo[k]
	}
	return nil
}

// lookupAll looks each of ws up (see term), appending to out.
func (ix *Index) lookupAll(out []*termInfo, ws []string) []*termInfo {
	for _, w := range ws {
		out = append(out, ix.term(w))
	}
	return out
}
