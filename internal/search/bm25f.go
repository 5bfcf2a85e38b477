package search

import (
	"math"
	"sync"
)

// Fields of an entry for fielded scoring. A term's evidence is summed over fields with a weight
// each, length-normalised per field, and saturated once (BM25F), so a word said in the title,
// three questions and the answer counts more than in one place, but not five times more.
const (
	fieldTitle = iota
	fieldQuestions
	fieldKeywords
	fieldAnswer
	nFields
)

// bm25f is the fielded score: its postings (term → entries with their weighted,
// length-normalised term frequency, ready to be saturated) live in the index's term table
// (termInfo.bm, or bmDense for a term in half the entries or more). It is built once per
// Index and read without locks.
type bm25f struct {
	// maxPost: a term with more postings than this (Params.BM25MaxShare of the entries) is left
	// out of the score: it says little (low idf) and costs the most to walk.
	maxPost int
	pool    sync.Pool // *bmBuf
	n       int
}

type posting struct {
	e  int32
	tf float32 // the weighted, length-normalised term frequency, saturated (BM25 k1)
}

type bmBuf struct {
	score []float32 // per entry; all 0 between searches
	rows  [][]float32
	ws    []float32
}

// fieldTerms are one entry's terms per field (each occurrence, as term table indexes) and the
// fields' lengths in words, gathered while the entry is analysed.
type fieldTerms struct {
	ids [nFields][]int32
	len [nFields]int
}

// buildBM25F turns per-entry field terms into postings in ix's term table.
func buildBM25F(ix *Index, counts []fieldTerms, p Params) *bm25f {
	weights := [nFields]float64{p.FieldTitle, p.FieldQuestions, p.FieldKeywords, p.FieldAnswer}
	var avg [nFields]float64
	for _, c := range counts {
		for f := range avg {
			avg[f] += float64(c.len[f])
		}
	}
	for f := range avg {
		avg[f] = math.Max(1, avg[f]/math.Max(1, float64(len(counts))))
	}
	bm := &bm25f{n: len(counts), maxPost: len(counts)}
	if p.BM25MaxShare > 0 && len(counts) >= p.MinCommon {
		bm.maxPost = int(p.BM25MaxShare * float64(len(counts)))
	}
	nt := len(ix.tinfo)
	acc := make([]float64, nt) // per term: this entry's weighted sum over fields
	cnt := make([]int32, nt)   // per term: its count in this field
	seenAt := make([]int32, nt)
	for k := range seenAt {
		seenAt[k] = -1
	}
	var touched, inField []int32
	for e, c := range counts {
		touched = touched[:0]
		for f := 0; f < nFields; f++ {
			if weights[f] == 0 {
				continue
			}
			norm := 1 - p.BM25B + p.BM25B*float64(c.len[f])/avg[f]
			inField = inField[:0]
			for _, k := range c.ids[f] {
				if cnt[k] == 0 {
					inField = append(inField, k)
				}
				cnt[k]++
			}
			// Each term's sum runs over the fields in order, whatever the order of terms.
			for _, k := range inField {
				if seenAt[k] != int32(e) {
					seenAt[k] = int32(e)
					acc[k] = 0
					touched = append(touched, k)
				}
				acc[k] += weights[f] * float64(cnt[k]) / norm
				cnt[k] = 0
			}
		}
		// Entries are visited in order, so each term's postings come out ascending.
		for _, k := range touched {
			tf := acc[k]
			sat := tf * (p.BM25K1 + 1) / (tf + p.BM25K1) // saturated once, here
			t := &ix.tinfo[k]
			t.bm = append(t.bm, posting{int32(e), float32(sat)})
		}
	}
	n := float64(len(counts))
	for k := range ix.tinfo {
		t := &ix.tinfo[k]
		if len(t.bm) == 0 {
			continue
		}
		d := float64(len(t.bm))
		t.bmLen, t.bmIDF = len(t.bm), float32(math.Log(1+(n-d+0.5)/(d+0.5)))
		if 2*len(t.bm) >= len(counts) { // 8 bytes a posting, 4 an entry: no more room
			t.bmDense = make([]float32, len(counts))
			for _, p := range t.bm {
				t.bmDense[p.e] = p.tf
			}
			t.bm = nil
		}
	}
	bm.pool.New = func() any { return &bmBuf{score: make([]float32, len(counts))} }
	return bm
}

// queryTerm is one term of a query with the weight it carries: the citizen's own words count
// fully, synonyms found for them less, known word pairs more.
type queryTerm struct {
	term string
	w    float32
	t    *termInfo // what the index knows of term (nil: nothing)
}

// search scores every entry sharing a term with the query and returns the best n, best first,
// then those of also (the learned model's candidates) that are not among them, with their scores.
func (bm *bm25f) search(q []queryTerm, n int, also []int, out []Hit) []Hit {
	b := bm.pool.Get().(*bmBuf)
	defer bm.pool.Put(b)
	score := b.score
	// Dense rows (see termInfo.bmDense) wait in rows until a term with postings, or the end,
	// and are then added entry by entry: each entry's score is still the sum of the terms in
	// the order of q, held in a register across the rows instead of stored after each.
	rows, ws := b.rows[:0], b.ws[:0]
	for _, t := range q {
		if t.w <= 0 {
			continue
		}
		if t.t == nil || t.t.bmLen == 0 || t.t.bmLen > bm.maxPost {
			continue
		}
		s := t.w * t.t.bmIDF
		if d := t.t.bmDense; d != nil {
			rows, ws = append(rows, d), append(ws, s)
			continue
		}
		addRows(score, rows, ws)
		rows, ws = rows[:0], ws[:0]
		for _, p := range t.t.bm {
			score[p.e] += s * p.tf
		}
	}
	addRows(score, rows, ws)
	b.rows, b.ws = rows[:0], ws[:0]
	// A touched entry's score is not 0 (every term adds a positive amount), and insertTop orders
	// by score then entry whatever the order it sees them in: scanning every entry finds the same
	// hits as tracking the touched ones, without a branch per posting.
	for e, sc := range b.score {
		// Entries come in order, so one scoring no more than the last of a full list cannot enter.
		if sc != 0 && n > 0 && (len(out) < n || float64(sc) > out[n-1].Score) {
			out = insertTop(out, Hit{Score: float64(sc), entry: e}, n)
		}
	}
	for _, e := range also {
		if !hasEntry(out, e) {
			out = append(out, Hit{Score: float64(b.score[e]), entry: e})
		}
	}
	clear(b.score)
	return out
}

// addRows adds ws[i]·rows[i][e] to score[e] for each row in turn, four rows at a time. An entry
// without a row's term adds s·0 = +0, which leaves its score (never -0) as it was: the same
// sums, in the same order, as from the terms' postings.
func addRows(score []float32, rows [][]float32, ws []float32) {
	for len(rows) >= 4 {
		r0, r1, r2, r3 := rows[0][:len(score)], rows[1][:len(score)], rows[2][:len(score)], rows[3][:len(score)]
		s0, s1, s2, s3 := ws[0], ws[1], ws[2], ws[3]
		for e, v := range score {
			v += s0 * r0[e]
			v += s1 * r1[e]
			v += s2 * r2[e]
			v += s3 * r3[e]
			score[e] = v
		}
		rows, ws = rows[4:], ws[4:]
	}
	if len(rows) >= 2 {
		r0, r1 := rows[0][:len(score)], rows[1][:len(score)]
		s0, s1 := ws[0], ws[1]
		for e, v := range score {
			v += s0 * r0[e]
			v += s1 * r1[e]
			score[e] = v
		}
		rows, ws = rows[2:], ws[2:]
	}
	if len(rows) == 1 {
		r0, s0 := rows[0][:len(score)], ws[0]
		for e, v := range score {
			score[e] = v + s0*r0[e]
		}
	}
}

// insertTop keeps hits sorted best first (ties by entry order) and at most n long.
func insertTop(hits []Hit, h Hit, n int) []Hit {
	i := len(hits)
	for i > 0 && (hits[i-1].Score < h.Score || hits[i-1].Score == h.Score && hits[i-1].entry > h.entry) {
		i--
	}
	if i >= n {
		return hits
	}
	if len(hits) < n {
		hits = append(hits, Hit{})
	}
	copy(hits[i+1:], hits[i:len(hits)-1])
	hits[i] = h
	return hits
}
