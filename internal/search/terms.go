package search

// termInfo is what the index knows of one term (a folded or accented word, a synonym group
// token, a word pair): kept in one table so that building the index takes one map lookup per
// word of the entries, and a search one per string of the query.
type termInfo struct {
	id    int32   // its own index in the table
	df    int32   // entries whose questions, title or keywords have the term
	asked bool    // df > 0: the term has an idf
	idf   float64 // how telling the term is: rare in the FAQ means telling (capped, see prepare)
	vocab int     // entries using the folded word anywhere (answers too)
	// tpost and apost are the entries whose questions, title or keywords (tpost) or answer
	// (apost) hold the term: coverage and phrase read them.
	tpost, apost entrySet
	bm           []posting // the fielded score's postings
	bmLen        int       // its postings: len(bm), or the entries with the term when dense
	bmIDF        float32   // and its idf
	// bmDense replaces bm (then nil) for a term in at least half the entries, where it takes no
	// more room: one tf per entry, 0 where the entry lacks the term, which search reads in order
	// instead of hopping around the scores. nil for the other terms.
	bmDense []float32
}

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

// vocabOf is how many entries use the folded word w.
func (ix *Index) vocabOf(w string) int {
	if t := ix.term(w); t != nil {
		return t.vocab
	}
	return 0
}

// termBuilder fills the term table while prepare analyses the entries, in entry order.
type termBuilder struct {
	ix *Index
	// Per term, the last entry that asked with it, answered with it and used it, so that each
	// entry counts once.
	askedAt, answeredAt, usedAt []int32
}

func (b *termBuilder) id(w string) int32 {
	k, ok := b.ix.tid[w]
	if !ok {
		k = int32(len(b.ix.tinfo))
		b.ix.tid[w] = k
		b.ix.tinfo = append(b.ix.tinfo, termInfo{id: k})
		b.askedAt = append(b.askedAt, -1)
		b.answeredAt = append(b.answeredAt, -1)
		b.usedAt = append(b.usedAt, -1)
	}
	return k
}

// add records an analysed text of entry e in field f: its terms for the fielded score, which
// entries ask or answer with each term, and which use each folded word.
func (b *termBuilder) add(fc *fieldTerms, f int, a *Analysis, e int32) {
	mark := func(k int32) {
		t := &b.ix.tinfo[k]
		switch {
		case f == fieldAnswer:
			if b.answeredAt[k] != e {
				b.answeredAt[k] = e
				t.apost.ids = append(t.apost.ids, e)
			}
		case b.askedAt[k] != e:
			b.askedAt[k] = e
			t.df++
			t.tpost.ids = append(t.tpost.ids, e)
		}
	}
	for _, w := range a.Terms {
		k := b.id(w)
		fc.ids[f] = append(fc.ids[f], k)
		mark(k)
	}
	for _, w := range a.Bigrams {
		k := b.id(w)
		fc.ids[f] = append(fc.ids[f], k)
		mark(k)
	}
	// Accented words as typed: they never equal a folded word (those are plain ASCII), so they
	// share the table; "mất" (lose) and "mật" (secret) fold the same and differ here.
	for i, w := range a.Exact {
		if w != a.Fold[i] {
			fc.ids[f] = append(fc.ids[f], b.id(w))
		}
	}
	for _, w := range a.Fold {
		if k := b.id(w); b.usedAt[k] != e {
			b.usedAt[k] = e
			b.ix.tinfo[k].vocab++
		}
	}
	fc.len[f] += len(a.Fold)
}
