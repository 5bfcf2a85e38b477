package search

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/vneidbot/vneidbot/internal/textnorm"
)

// Hit is one entry that matched a search.
type Hit struct {
	ID    string
	Score float64 // BM25 over the entry's best-matching question plus its answer: for ranking only
	// Coverage is the share (0..1) of the query's telling words that the entry's questions, title
	// or keywords contain (words only in its answer count half), weighted by how rare each word is.
	Coverage float64
	// Phrase is the same share for the query's word pairs the FAQ knows, so word order counts.
	Phrase float64
	// Anchored is true when the entry's own questions, title or keywords share with the query at
	// least one telling word that is not an everyday one, standing alone in the query or with one
	// of its word pairs also the entry's (PairedAnchors): without it a match is only incidental.
	Anchored bool
	// Fit is the other way round from Coverage: the share (0..1) of the telling words of the
	// entry's closest way of asking that the query has. An entry asked "ở nước ngoài thẻ hết hạn
	// thì sao" fits "thẻ hết hạn thì sao" less than one asked "thẻ hết hạn thì sao".
	Fit float64
	// Class is the learned model's score for the entry (cosine-like, about -0.5..1): how much the
	// query reads like the ways this entry has been asked.
	Class float64
	entry int
}

// Result is the outcome of a search: hits best first and what the query was made of.
type Result struct {
	Hits  []Hit
	Words int // telling words in the query (not pronouns or particles)
	Known int // of those, how many the FAQ uses anywhere
	// OffTopic is the learned model's score for "no entry": how much the query reads like the
	// off-topic examples it was trained on.
	OffTopic float64
	// Risk is the learned model's score for a message that is itself the risk (Example.Risk).
	Risk float64
}

// Search finds the entries that best match text, at most n, best first. It works in memory
// kept between searches (Index.scratch), so it allocates little beyond its result; it is safe
// for concurrent use.
func (ix *Index) Search(ctx context.Context, text string, n int) (Result, error) {
	if ix.closed.Load() {
		return Result{}, fmt.Errorf("search: %w", ErrClosed)
	}
	sc, _ := ix.scratch.Get().(*scratch)
	if sc == nil {
		sc = &scratch{}
	}
	defer ix.scratch.Put(sc)
	defer sc.unmark()
	sc.memo = sc.memo[:0]
	a := ix.an.analyzeQuery(text, func(w string) string {
		if len(w) >= ix.p.FixMinLen && ix.knownTerm(w, sc.lookup(ix, w)) {
			return w // what fix would say, with the lookup kept for the words below
		}
		return ix.fix(w)
	})
	var res Result
	// Each of the query's strings is looked up once (see termInfo), by position.
	sc.looked = sc.looked[:0]
	for _, w := range a.Canon {
		sc.looked = append(sc.looked, sc.lookup(ix, w))
	}
	sc.looked = ix.lookupAll(sc.looked, a.Bigrams)
	ct, bt := sc.looked[:len(a.Canon)], sc.looked[len(a.Canon):]
	sc.resetNames()
	if ix.p.Fit {
		sc.sizeMarks(len(ix.tinfo))
	}
	for i, w := range a.Canon {
		if ix.stop[w] || sc.seen(w) {
			continue
		}
		sc.names = append(sc.names, w)
		if ix.p.Fit && ct[i] != nil {
			sc.mark(ct[i].id) // the telling words, for fit
		}
		res.Words++
		if t := ct[i]; t != nil && (t.idf > 0 || t.vocab > 0) {
			res.Known++
		}
	}
	// A pair no entry asks with cannot help ranking.
	qbi := slices.Grow(sc.qbi[:0], len(a.Bigrams))[:len(a.Bigrams)]
	sc.qbi = qbi
	for i, t := range bt {
		qbi[i] = t != nil && t.asked
	}
	if res.Words == 0 {
		return res, nil
	}
	sc.cmask = ix.forms.mask(a.Canon, sc.cmask)
	// The learned model: centroid scores of every entry pick its candidates; each candidate's
	// score blends in its nearest example (ClassNear).
	var clsTop []int
	class := func(int) float64 { return 0 }
	if ix.cls != nil {
		qc := ix.cls.query(&a, ix.stop)
		defer qc.release()
		cent := qc.centroid()
		class = func(k int) float64 {
			return ix.p.ClassNear*float64(qc.nearest(k)) + (1-ix.p.ClassNear)*float64(cent[k])
		}
		res.OffTopic = class(len(ix.ids))
		res.Risk = class(len(ix.ids) + 1)
		clsTop = topClasses(cent[:len(ix.ids)], ix.p.ClassCandidates)
	}
	var hits []Hit
	var err error
	if ix.p.UseBleve {
		if ix.bl == nil {
			return res, fmt.Errorf("search: %w", errNoBleve)
		}
		hits, err = ix.bleveHits(ctx, &a, n, clsTop)
	} else {
		sc.fmask = ix.forms.mask(a.Fold, sc.fmask)
		sc.terms = ix.queryTerms(sc.terms[:0], &a, ct, bt, qbi, sc.fmask, sc.cmask)
		hits = ix.bm.search(sc.terms, n, clsTop, make([]Hit, 0, n+len(clsTop)))
	}
	if err != nil {
		return res, err
	}
	qws, qbs := ix.queryWords(sc, a.Canon, ct, bt, sc.cmask), ix.queryPairs(sc.pairs[:0], a.Bigrams, bt, qbi)
	sc.pairs = qbs
	for i := range hits {
		hits[i].ID = ix.ids[hits[i].entry]
		hits[i].Coverage, hits[i].Anchored = ix.coverage(hits[i].entry, qws)
		hits[i].Phrase = ix.phrase(hits[i].entry, qbs)
		if ix.p.Fit {
			hits[i].Fit = ix.fit(hits[i].entry, sc)
		}
		hits[i].Class = class(hits[i].entry)
	}
	res.Hits = hits
	return res, nil
}

var errNoBleve = errors.New("use_bleve needs an index built with it (or on disk)")

// scratch is the memory one search works in, kept between searches (Index.scratch) so that a
// search allocates little more than its result.
type scratch struct {
	looked  []*termInfo // the terms of the query's canonical words, then of its pairs
	names   []string    // distinct telling words so far
	qbi     []bool      // which pairs are known
	fmask   []bool      // which folded words are part of a question form
	cmask   []bool      // which canonical words are part of a question form
	terms   []queryTerm
	words   []qword
	slab    []*entrySet
	pairs   []qpair
	index   map[string]int // names[:indexed] → position, for a long query
	indexed int
	memo    []memoTerm // the first words looked up, to look each up once
	// marks has a bit per term of the index, set for the query's telling words (fit reads it);
	// marked lists them, to clear them for the next search.
	marks  []uint64
	marked []int32
}

// mark sets term id's bit in sc.marks (sized for the index by sizeMarks).
func (sc *scratch) mark(id int32) {
	sc.marks[id>>6] |= 1 << (id & 63)
	sc.marked = append(sc.marked, id)
}

// sizeMarks makes sc.marks hold a bit for each of n terms.
func (sc *scratch) sizeMarks(n int) {
	if w := (n + 63) / 64; len(sc.marks) != w {
		sc.marks = make([]uint64, w)
	}
}

// unmark clears what mark set.
func (sc *scratch) unmark() {
	for _, id := range sc.marked {
		sc.marks[id>>6] = 0
	}
	sc.marked = sc.marked[:0]
}

type memoTerm struct {
	w string
	t *termInfo
}

// lookup is ix.term(w), remembered for the first few words of the query (the typo check of
// the folded words looks up the same words as the canonical ones).
func (sc *scratch) lookup(ix *Index, w string) *termInfo {
	for _, m := range sc.memo {
		if m.w == w {
			return m.t
		}
	}
	t := ix.term(w)
	if len(sc.memo) < 24 {
		sc.memo = append(sc.memo, memoTerm{w, t})
	}
	return t
}

// resetNames empties sc.names (and its index).
func (sc *scratch) resetNames() {
	sc.names = sc.names[:0]
	if sc.indexed > 0 {
		clear(sc.index)
		sc.indexed = 0
	}
}

// seen reports whether w is among sc.names.
func (sc *scratch) seen(w string) bool { return sc.position(w) >= 0 }

// position is the index of w in sc.names, or -1: a scan for a short query, a map for a long one.
func (sc *scratch) position(w string) int {
	if len(sc.names) < 32 {
		return slices.Index(sc.names, w)
	}
	if sc.index == nil {
		sc.index = map[string]int{}
	}
	for ; sc.indexed < len(sc.names); sc.indexed++ {
		if _, ok := sc.index[sc.names[sc.indexed]]; !ok {
			sc.index[sc.names[sc.indexed]] = sc.indexed
		}
	}
	if i, ok := sc.index[w]; ok {
		return i
	}
	return -1
}

// queryTerms weighs the query's terms for the fielded score: the citizen's own (folded) words
// fully, everyday words less, a synonym group found for their words at SynonymWeight, and a
// known word pair (a compound: "đăng ký", "hộ khẩu") at BigramWeight, above its syllables.
// ct and bt are the terms of a.Canon and a.Bigrams, qbi which pairs are known; fm and cm (nil:
// none) mark the words of a.Fold and a.Canon that are part of a question form, which weigh like
// everyday words, and so do the pairs inside one.
func (ix *Index) queryTerms(out []queryTerm, a *Analysis, ct, bt []*termInfo, qbi, fm, cm []bool) []queryTerm {
	add := func(t string, w float64, info *termInfo) {
		if w <= 0 {
			return
		}
		for i := range out {
			if out[i].term == t {
				if float32(w) > out[i].w {
					out[i].w = float32(w)
				}
				return
			}
		}
		out = append(out, queryTerm{t, float32(w), info})
	}
	// A folded word is most often also a canonical one, already looked up.
	lookup := func(w string) *termInfo {
		if len(a.Canon) <= 64 {
			for j, c := range a.Canon {
				if c == w {
					return ct[j]
				}
			}
		}
		return ix.term(w)
	}
	own := func(w string) float64 {
		if ix.stop[w] {
			return 0
		}
		if ix.isGeneral(w) {
			return ix.p.GeneralFactor
		}
		return 1
	}
	for i, w := range a.Fold {
		ow := own(w)
		if fm != nil && fm[i] {
			ow = min(ow, ix.p.GeneralFactor)
		}
		if ow > 0 {
			add(w, ow, lookup(w))
		}
		if a.Exact[i] != w && ix.ambiguous[w] { // typed with its accents: the exact form decides
			if ew := ix.p.BoostExact * ow; ew > 0 {
				add(a.Exact[i], ew, ix.term(a.Exact[i]))
			}
		}
	}
	for i, w := range a.Canon {
		if strings.HasPrefix(w, "~") {
			add(w, ix.p.SynonymWeight*own(w), ct[i])
		}
	}
	for i, b := range a.Bigrams {
		if qbi[i] {
			w := ix.p.BigramWeight
			if cm != nil && cm[i] && cm[i+1] {
				w *= ix.p.GeneralFactor
			}
			add(b, w, bt[i])
		}
	}
	return out
}

// bleveHits is the Bleve query over the question fields (Params.UseBleve), kept to compare
// the fielded in-memory score against: it is slower and does not see the answers.
func (ix *Index) bleveHits(ctx context.Context, a *Analysis, n int, clsTop []int) ([]Hit, error) {
	q := query.NewDisjunctionQuery(nil)
	seen := map[string]bool{}
	add := func(field, term string, boost float64) {
		key := field + "\x00" + term
		if seen[key] {
			return
		}
		seen[key] = true
		tq := query.NewTermQuery(term)
		tq.SetField(field)
		tq.SetBoost(boost)
		q.AddQuery(tq)
	}
	common := func(w string) bool {
		df := 0.0
		if t := ix.term(w); t != nil {
			df = float64(t.df)
		}
		return len(ix.ids) >= ix.p.MinCommon && df > ix.p.CommonShare*float64(len(ix.ids))
	}
	for i, w := range a.Exact {
		if a.Fold[i] != w && !ix.stop[a.Fold[i]] && !common(a.Fold[i]) {
			add(fPExact, w, ix.p.BoostExact)
		}
	}
	var commonWords []string
	for _, w := range a.Canon {
		if ix.stop[w] {
			continue
		}
		if common(w) {
			commonWords = append(commonWords, w)
			continue
		}
		add(fPCanon, w, ix.p.BoostCanon)
	}
	for _, b := range a.Bigrams {
		if t := ix.term(b); t != nil && t.asked {
			add(fPBi, b, ix.p.BoostBi)
		}
	}
	if len(q.Disjuncts) == 0 {
		for _, w := range commonWords {
			add(fPCanon, w, ix.p.BoostCanon)
		}
	}
	best := map[int]float64{}
	if len(q.Disjuncts) > 0 {
		req := bleve.NewSearchRequestOptions(q, ix.p.MaxDocs, 0, false)
		req.Score = "" // default scoring (BM25 per the mapping)
		sr, err := ix.bl.SearchInContext(ctx, req)
		if err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		for _, h := range sr.Hits {
			e := entryOf(h.ID)
			if e < 0 || e >= len(ix.ids) {
				continue
			}
			if h.Score > best[e] {
				best[e] = h.Score
			}
		}
	}
	hits := make([]Hit, 0, len(best))
	for e, s := range best {
		hits = append(hits, Hit{Score: s, entry: e})
	}
	sort.Slice(hits, func(i, j int) bool {
		if hits[i].Score != hits[j].Score {
			return hits[i].Score > hits[j].Score
		}
		return hits[i].entry < hits[j].entry
	})
	if len(hits) > n {
		hits = hits[:n]
	}
	for _, e := range clsTop {
		if !hasEntry(hits, e) {
			hits = append(hits, Hit{Score: best[e], entry: e})
		}
	}
	return hits, nil
}

// fit is Hit.Fit: the best share, over the entry's ways of asking, of their telling words the
// query has. The query's telling words are those sc marked (by term) or, for a term the table
// lacks (none should: every word an entry asks with is in it), those in sc.names.
func (ix *Index) fit(e int, sc *scratch) float64 {
	best := 0.0
	for _, at := range ix.asks[e] {
		got := 0.0
		for _, t := range at.terms {
			if t.id >= 0 && sc.marks[t.id>>6]&(1<<(t.id&63)) != 0 || t.id < 0 && slices.Contains(sc.names, t.term) {
				got += t.w
			}
		}
		best = max(best, got/at.total)
	}
	return best
}

func (ix *Index) coverage(e int, qws []qword) (float64, bool) {
	var got, all float64
	anchored := false
	for _, q := range qws {
		all += q.wt
		switch {
		case q.asked.has(e):
			paired := len(q.pairs) == 0 // standing alone, or with one of its pairs the entry's
			for _, p := range q.pairs {
				if p.has(e) {
					paired = true
					break
				}
			}
			credit := 1.0
			if !paired {
				credit = ix.p.LoneCredit
			}
			got += q.wt * credit
			if q.wt > 0 && !q.general && (paired || !ix.p.PairedAnchors) {
				anchored = true
			}
		case q.answered.has(e):
			got += q.wt * ix.p.AnswerCredit
		}
	}
	if all == 0 {
		return 0, false
	}
	return got / all, anchored
}

// qword is a telling word of the query, resolved once for all candidates: its weight, whether
// it is an everyday word, the entries asking or answering with it, and its word pairs' entries.
type qword struct {
	wt              float64
	general         bool
	formed          bool // only in question forms: weighs like an everyday word
	asked, answered *entrySet
	pairs           []*entrySet
}

// queryWords resolves the query's telling words in their order (so sums are deterministic),
// each with the postings of the word pairs it forms with its telling neighbours. A word with no
// telling neighbour, or a synonym phrase, has none; a repeated word keeps the pairs of its last
// occurrence, or none if any occurrence stands alone. ct and bt are the terms of canon and of
// its pairs (see Search). A word of a question form (cm, nil: none) weighs like an everyday one
// unless it is also used outside one.
func (ix *Index) queryWords(sc *scratch, canon []string, ct, bt []*termInfo, cm []bool) []qword {
	out := sc.words[:0]
	// sc.names: the names of out
	sc.resetNames()
	slab := slices.Grow(sc.slab[:0], 2*len(canon)) // every word's pairs, in one block
	for i, w := range canon {
		if ix.stop[w] {
			continue
		}
		var pairs []*entrySet
		if !strings.HasPrefix(w, "~") {
			at := len(slab)
			if i > 0 && !ix.stop[canon[i-1]] {
				slab = append(slab, tpostOf(bt[i-1]))
			}
			if i+1 < len(canon) && !ix.stop[canon[i+1]] {
				slab = append(slab, tpostOf(bt[i]))
			}
			if len(slab) > at {
				pairs = slab[at:len(slab):len(slab)]
			}
		}
		formed := cm != nil && cm[i]
		if k := sc.position(w); k >= 0 {
			q := &out[k]
			if q.pairs == nil || pairs == nil {
				pairs = nil // a repeated word counts fully if any occurrence stands alone
			}
			q.pairs = pairs
			if q.formed && !formed {
				q.formed, q.wt, q.general = false, ix.weightOf(w, ct[i]), ix.isGeneral(w)
			}
			continue
		}
		t := ct[i]
		q := qword{wt: ix.weightOf(w, t), general: ix.isGeneral(w), formed: formed, pairs: pairs, asked: &noEntries, answered: &noEntries}
		if formed && !q.general {
			q.wt *= ix.p.GeneralFactor
			q.general = true
		}
		if t != nil {
			q.asked, q.answered = &t.tpost, &t.apost
		}
		out = append(out, q)
		sc.names = append(sc.names, w)
	}
	sc.words, sc.slab = out, slab
	return out
}

// noEntries is the empty entry set, for words no entry has.
var noEntries entrySet

func tpostOf(t *termInfo) *entrySet {
	if t == nil {
		return &noEntries
	}
	return &t.tpost
}

// qpair is a known word pair of the query with its weight and the entries asking with it.
type qpair struct {
	wt    float64
	asked *entrySet
}

func (ix *Index) queryPairs(out []qpair, bigrams []string, bt []*termInfo, known []bool) []qpair {
	for i, b := range bigrams {
		if !known[i] || slices.Contains(bigrams[:i], b) {
			continue
		}
		out = append(out, qpair{wt: bt[i].idf, asked: &bt[i].tpost})
	}
	return out
}

func (ix *Index) phrase(e int, qbs []qpair) float64 {
	var got, all float64
	for _, b := range qbs {
		all += b.wt
		if b.asked.has(e) {
			got += b.wt
		}
	}
	if all == 0 {
		return 0
	}
	return got / all
}

// known reports whether the FAQ uses a folded word.
func (ix *Index) known(w string) bool { return ix.knownTerm(w, ix.term(w)) }

// knownTerm is known(w) with w's term t (nil: none) already looked up.
func (ix *Index) knownTerm(w string, t *termInfo) bool {
	ok := t != nil && t.vocab > 0
	if !ok {
		_, ok = ix.an.words[w]
	}
	return ok
}

// fix repairs a folded query word the FAQ does not know: Telex or VNI keystrokes left in the
// text, or one letter added, dropped or mistyped in a longer word. Unknown words stay as they are.
func (ix *Index) fix(w string) string {
	if len(w) < ix.p.FixMinLen || ix.known(w) {
		return w
	}
	if t := textnorm.UndoTelex(w); t != "" && ix.known(t) {
		return t
	}
	if v := textnorm.UndoVNI(w); v != "" && ix.known(v) {
		return v
	}
	// Vietnamese syllables are short and one letter apart from each other ("tiet", "viet"):
	// only longer words are repaired, where a one-letter slip rarely makes another real word.
	if len(w) < ix.p.EditMinLen {
		return w
	}
	best, bestN := w, 0
	try := func(c string) {
		if n := ix.vocabOf(c); n > bestN || (n == bestN && n > 0 && c < best) {
			best, bestN = c, n
		}
	}
	for _, c := range ix.dels[w] { // a letter dropped: "dinh dan" → "danh"
		try(c)
	}
	for _, d := range deletes(w) {
		if ix.known(d) { // a letter added: "vneidd" → "vneid"
			try(d)
		}
		for _, c := range ix.dels[d] { // a letter mistyped or swapped
			try(c)
		}
	}
	return best
}

// topClasses returns the indexes of the k highest positive scores, best first.
func topClasses(sc []float32, k int) []int {
	out := make([]int, 0, k+1)
	if k <= 0 {
		return out
	}
	var floor float32 // once the list is full, the score of its last
	for e, v := range sc {
		if v <= 0 || len(out) == k && v <= floor { // not above the last of a full list
			continue
		}
		i := len(out)
		for i > 0 && sc[out[i-1]] < v {
			i--
		}
		if i >= k {
			continue
		}
		out = append(out, 0)
		copy(out[i+1:], out[i:])
		out[i] = e
		if len(out) > k {
			out = out[:k]
		}
		floor = sc[out[len(out)-1]]
	}
	return out
}

func hasEntry(hits []Hit, e int) bool {
	for _, h := range hits {
		if h.entry == e {
			return true
		}
	}
	return false
}
