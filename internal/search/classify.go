package search

import (
	"cmp"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
)

// Example is a labelled way of asking, for the learned part of the ranking: an entry's own
// questions, a fixture, or a real citizen question from the tuning half. IDs are the entries
// that answer it (more than one when several do); none means it is off-topic and no entry should.
type Example struct {
	Text   string
	IDs    []string
	Weight float64 // 0 means 1
	// Risk marks a message that is itself the risk (a card photo offered, an account for sale):
	// it teaches the "risk" class, not an entry nor "off-topic".
	Risk bool

	analysis *Analysis // Text already analysed (an entry's own texts, analysed once at build)
}

// classifier is a linear model over hashed features of the analysed text (character 3- to
// 5-grams of the folded words, canonical words and word pairs), TF-IDF weighted and L2
// normalised. Each class (entry, plus "off-topic" and "risk") has a weight vector: the normalised centroid
// of its examples, then corrected by a few perceptron passes over the examples it gets wrong.
// It is stored feature-major (postings) so a query touches only the classes sharing a feature.
type classifier struct {
	fid      map[uint32]int32 // feature hash → feature index
	idf      []float32
	post     [][]classWeight // feature index → classes with a weight
	nClasses int             // entries + 2: "off-topic", then "risk"
	// Nearest example: feature → examples with a weight, and each example's classes. A query
	// close to one real way of asking counts even when the class's centroid is spread out.
	exVecs  [][]fw    // example → its vector, by feature (common features left out)
	classEx [][]int32 // class → its examples
	pool    sync.Pool // *clsBuf
	// ids is fid as an open-addressing table (see freeze), holding with each feature what a
	// query needs of it (its idf, where its postings lie in slab): one probe, one memory read.
	ids     []fidSlot
	idsMask uint32
	slab    []classWeight // every feature's postings (post), in feature order
	// exSpans lists, class after class, where each example of the class lies in exSlab (the
	// example vectors, as exVecs, in one block); classSpans[k] is where class k's list begins.
	// nearest reads one list per class instead of a slice header per example, each a cache miss
	// away from the last.
	exSlab     []fw
	exSpans    []span
	classSpans []uint32
	// inverted holds, for a class with many example features (the off-topic class, an entry
	// with many fixtures), its examples feature-major (see nearest); nil for the others.
	inverted []*classIndex
}

// classIndex is one class's example vectors turned feature-major: for each feature (ascending)
// the class's examples that have it, with their weights.
type classIndex struct {
	feats []int32 // ascending
	start []int32 // feats[i]'s postings are posts[start[i]:start[i+1]]
	posts []exWeight
}

type exWeight struct {
	ex int32 // the example's position in the class's examples
	w  float32
}

// trainChunk is the fewest examples a core checks in a training pass: below it, starting a
// goroutine costs more than it saves.
const trainChunk = 256

// invertMin is the fewest example features a class has for nearest to read it feature-major:
// below it, testing each example feature against the query's bitmap is cheaper.
const invertMin = 1024

type fidSlot struct {
	h      uint32  // feature hash
	f      int32   // its index, -1 for an empty slot
	idf    float32 // idf[f]
	off, n uint32  // post[f] is slab[off:off+n]
}

type classWeight struct {
	c int32
	w float32
}

type clsBuf struct {
	gramMin, gramMax int // character n-gram lengths
	feats            []uint32
	vec              []fw
	scores           []float32
	text             []byte
	spans            []span    // where each feature of vec (in vec's first order) has its postings in slab
	acc              []float32 // per example of a class, for nearest
	tmpH             []uint32  // scratch for sorting feats
	tmpV             []fw      // and vec
	// has marks the features of vec, by their low bits (hasBits): nearest skips almost every
	// feature of an example the query lacks with one test in a table that stays in cache,
	// instead of walking both vectors.
	has [1 << hasBits / 64]uint64
	// at finds the others in vec by their low bits (an open-addressing table, linear probing):
	// at[i] is a position in vec plus 1, 0 for an empty slot. Sized by sizeAt; all 0 between
	// queries.
	at     []uint32
	atMask int32
}

type span struct{ off, n uint32 }

type fw struct {
	f int32
	w float32
}

// Feature kinds, mixed into the hash so a word and a character gram never collide by design.
const (
	kindChar   = 0x9e3779b1
	kindWord   = 0x85ebca77
	kindBigram = 0xc2b2ae3d
)

func hashBytes(seed uint32, b []byte) uint32 {
	h := uint32(2166136261) ^ seed
	for _, c := range b {
		h ^= uint32(c)
		h *= 16777619
	}
	return h
}

func hashString(seed uint32, s string) uint32 {
	h := uint32(2166136261) ^ seed
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
}

// features appends the hashed features of an analysed text to buf.feats.
func (b *clsBuf) features(a *Analysis, skip map[string]bool) {
	b.feats = b.feats[:0]
	b.text = append(b.text[:0], ' ')
	for _, w := range a.Fold {
		b.text = append(b.text, w...)
		b.text = append(b.text, ' ')
	}
	t := b.text
	for n := b.gramMin; n <= b.gramMax; n++ {
		for i := 0; i+n <= len(t); i++ {
			b.feats = append(b.feats, hashBytes(kindChar+uint32(n), t[i:i+n]))
		}
	}
	prev := ""
	for _, w := range a.Canon {
		if skip[w] {
			prev = ""
			continue
		}
		b.feats = append(b.feats, hashString(kindWord, w))
		if prev != "" {
			h := hashString(kindBigram, prev)
			h = (h ^ hashString(kindBigram+1, w)) * 16777619
			b.feats = append(b.feats, h)
		}
		prev = w
	}
}

// vector turns buf.feats into the TF-IDF vector (known features only), L2 normalised.
func (c *classifier) vector(b *clsBuf) {
	b.tmpH = sortHashes(b.feats, b.tmpH)
	b.vec, b.spans = b.vec[:0], b.spans[:0]
	var norm float64
	for i := 0; i < len(b.feats); {
		j := i
		for j < len(b.feats) && b.feats[j] == b.feats[i] {
			j++
		}
		if s := c.lookup(b.feats[i]); s != nil {
			w := s.idf // a feature seen once: (1 + log 1) · idf
			if j-i > 1 {
				w = float32((1 + math.Log(float64(j-i))) * float64(s.idf))
			}
			b.vec = append(b.vec, fw{s.f, w})
			b.spans = append(b.spans, span{s.off, s.n})
			norm += float64(w) * float64(w)
		}
		i = j
	}
	if norm > 0 {
		inv := float32(1 / math.Sqrt(norm))
		for k := range b.vec {
			b.vec[k].w *= inv
		}
	}
}

// trainParams steer the classifier's training.
type trainParams struct {
	epochs    int     // perceptron passes over the examples
	order     int     // 0: examples visited in the order given; else shuffled with this seed
	postMax   int     // a feature keeps only its postMax strongest class weights (0: all)
	rate      float64 // perceptron step
	margin    float64 // a right class must lead the best wrong one by this much
	maxShare  float64 // features in more than this share of examples are dropped
	average   bool    // entries' weights averaged over the passes (the no-entry classes keep their last)
	offHold   float64 // share of the step withheld when pushing the off-topic class away from an in-scope example
	nearMax   float64 // features in more than this share of examples do not count for the nearest example
	minCommon int     // a feature in fewer examples than this is never too common
	gramMin   int     // shortest character n-gram
	gramMax   int     // longest character n-gram
}

// trainClassifier fits the model. classOf maps an entry id to its class; examples with no known
// id are off-topic. Training is deterministic and does not depend on the examples' order (tp.order
// shuffles them, to show it).
func trainClassifier(an *analyzer, classOf map[string]int, nEntries int, examples []Example, skip map[string]bool, tp trainParams) *classifier {
	c := &classifier{fid: map[uint32]int32{}, nClasses: nEntries + 2}
	type ex struct {
		vec     []fw
		classes []int32
		weight  float32
	}
	b := &clsBuf{gramMin: tp.gramMin, gramMax: tp.gramMax}
	exs := make([]ex, 0, len(examples))
	var df []int32
	raw := make([][]fw, 0, len(examples)) // term counts before weighting
	for _, e := range examples {
		var a Analysis
		if e.analysis != nil {
			a = *e.analysis
		} else {
			a = an.analyze(e.Text, nil)
		}
		if len(a.Fold) == 0 {
			continue
		}
		var classes []int32
		for _, id := range e.IDs {
			if k, ok := classOf[id]; ok {
				classes = append(classes, int32(k))
			}
		}
		if len(e.IDs) > 0 && len(classes) == 0 {
			continue // an entry that no longer exists
		}
		switch {
		case e.Risk:
			classes = []int32{int32(nEntries + 1)}
		case len(classes) == 0:
			classes = []int32{int32(nEntries)}
		}
		b.features(&a, skip)
		b.tmpH = sortHashes(b.feats, b.tmpH)
		var counts []fw
		for i := 0; i < len(b.feats); {
			j := i
			for j < len(b.feats) && b.feats[j] == b.feats[i] {
				j++
			}
			f, ok := c.fid[b.feats[i]]
			if !ok {
				f = int32(len(df))
				c.fid[b.feats[i]] = f
				df = append(df, 0)
			}
			df[f]++
			counts = append(counts, fw{f, float32(j - i)})
			i = j
		}
		raw = append(raw, counts)
		w := float32(e.Weight)
		if w == 0 {
			w = 1
		}
		exs = append(exs, ex{classes: classes, weight: w})
	}
	n := float64(len(exs))
	c.idf = make([]float32, len(df))
	for f, d := range df {
		c.idf[f] = float32(math.Log((1+n)/(1+float64(d))) + 1)
		if tp.maxShare > 0 && float64(d) > math.Max(tp.maxShare*n, float64(tp.minCommon)) {
			c.idf[f] = 0 // too common to tell classes apart; also the longest postings
		}
	}
	for i, counts := range raw {
		var norm float64
		kept := counts[:0]
		for _, v := range counts {
			v.w = float32((1 + math.Log(float64(v.w))) * float64(c.idf[v.f]))
			if v.w == 0 {
				continue
			}
			norm += float64(v.w) * float64(v.w)
			kept = append(kept, v)
		}
		counts = kept
		if norm == 0 {
			continue
		}
		inv := float32(1 / math.Sqrt(norm))
		for k := range counts {
			counts[k].w *= inv
		}
		exs[i].vec = counts
	}
	c.exVecs = make([][]fw, len(exs))
	c.classEx = make([][]int32, c.nClasses)
	for i, e := range exs {
		var v []fw
		for _, x := range e.vec {
			if tp.nearMax > 0 && float64(df[x.f]) > math.Max(tp.nearMax*n, float64(tp.minCommon)) {
				continue // common: it hardly tells one example from another
			}
			v = append(v, x)
		}
		b.tmpV = sortByFeature(v, b.tmpV)
		c.exVecs[i] = v
		for _, k := range e.classes {
			c.classEx[k] = append(c.classEx[k], int32(i))
		}
	}
	// Centroids: the sum of each class's example vectors, normalised; kept feature-major
	// (feature → classes sorted, with weights) so that scoring touches only classes sharing a
	// feature, and in a fixed order so that training is deterministic.
	c.post = make([][]classWeight, len(df))
	add := func(f, k int32, d float32) {
		ps := c.post[f]
		i, j := 0, len(ps) // the first posting of class k or above, as sort.Search without its calls
		for i < j {
			if h := int(uint(i+j) >> 1); ps[h].c < k {
				i = h + 1
			} else {
				j = h
			}
		}
		if i < len(ps) && ps[i].c == k {
			ps[i].w += d
			return
		}
		ps = append(ps, classWeight{})
		copy(ps[i+1:], ps[i:])
		ps[i] = classWeight{k, d}
		c.post[f] = ps
	}
	// An example several entries answer is left out of the centroids: which of them it means is
	// learned by the perceptron, which credits the one that already scores best (a latent label).
	for _, e := range exs {
		if len(e.classes) != 1 {
			continue
		}
		for _, v := range e.vec {
			add(v.f, e.classes[0], e.weight*v.w)
		}
	}
	norms := make([]float64, c.nClasses)
	for _, ps := range c.post {
		for _, p := range ps {
			norms[p.c] += float64(p.w) * float64(p.w)
		}
	}
	for _, ps := range c.post {
		for i := range ps {
			ps[i].w /= float32(math.Sqrt(norms[ps[i].c]))
		}
	}
	// Perceptron corrections: where an example's best wrong class beats (or nearly beats) its
	// own, move its own class towards it and the wrong one away. A pass finds every correction
	// with the weights it started with and applies them together at its end, so the model does
	// not depend on the order of the examples: a staffer's new phrasing changes the answers it
	// is near, not unrelated ones through a different sequence of corrections (one example at
	// a time, two phrasings added changed 4% of answers to questions never seen). Scores are
	// summed densely and the best wrong class found by one scan of every class: on a large FAQ
	// that is cheaper than tracking which classes a feature touched. A pass that corrects
	// nothing ends training (the next would be the same).
	visit := make([]int, len(exs))
	for i := range visit {
		visit[i] = i
	}
	if tp.order != 0 {
		r := rand.New(rand.NewPCG(uint64(tp.order), 0))
		r.Shuffle(len(visit), func(i, j int) { visit[i], visit[j] = visit[j], visit[i] })
	}
	type correction struct {
		ex         int
		own, wrong int32
	}
	// A pass reads the weights as they were at its start, laid out in one block (feature f's
	// postings at slab[at[f]:at[f+1]]): the same numbers in the same order as c.post, without a
	// pointer to follow per feature, which is where a pass spends its time.
	var slab []classWeight
	at := make([]int32, len(c.post)+1)
	layout := func() {
		slab = slab[:0]
		for f, ps := range c.post {
			at[f] = int32(len(slab))
			slab = append(slab, ps...)
		}
		at[len(c.post)] = int32(len(slab))
	}
	// check scores example i with the weights the pass started with and returns the correction
	// it needs, if any.
	check := func(i int, scores []float32) (correction, bool) {
		e := exs[i]
		if len(e.vec) == 0 {
			return correction{}, false
		}
		clear(scores)
		for _, v := range e.vec {
			w := v.w
			for _, p := range slab[at[v.f]:at[v.f+1]] {
				scores[p.c] += w * p.w
			}
		}
		own, ownS := e.classes[0], scores[e.classes[0]]
		for _, k := range e.classes[1:] {
			if scores[k] > ownS {
				own, ownS = k, scores[k]
			}
		}
		wrong, wrongS := int32(-1), float32(0)
		for k, s := range scores {
			// A class no feature of the example reached (score 0) is no rival to correct.
			if s != 0 && (wrong < 0 || s > wrongS) && !containsClass(e.classes, int32(k)) {
				wrong, wrongS = int32(k), s
			}
		}
		if wrong < 0 || float64(ownS-wrongS) >= tp.margin {
			return correction{}, false
		}
		return correction{i, own, wrong}, true
	}
	// A pass only reads the weights, so its examples are checked on every core, each a run of
	// visit; the runs' corrections are joined in visit order, so the model is the same on any
	// number of cores.
	workers := min(runtime.GOMAXPROCS(0), max(1, len(visit)/trainChunk))
	found := make([][]correction, workers)
	scoreBufs := make([][]float32, workers)
	for w := range scoreBufs {
		scoreBufs[w] = make([]float32, c.nClasses)
	}
	var pending []correction
	type applied struct {
		correction
		ep int
	}
	var history []applied // corrections between two entries, with their pass
	for ep := 0; ep < tp.epochs; ep++ {
		layout()
		var wg sync.WaitGroup
		for w := range workers {
			run := visit[w*len(visit)/workers : (w+1)*len(visit)/workers]
			wg.Add(1)
			go func() {
				defer wg.Done()
				found[w] = found[w][:0]
				for _, i := range run {
					if x, ok := check(i, scoreBufs[w]); ok {
						found[w] = append(found[w], x)
					}
				}
			}()
		}
		wg.Wait()
		pending = pending[:0]
		for _, f := range found {
			pending = append(pending, f...)
		}
		if len(pending) == 0 {
			break // a pass that corrects nothing would be repeated unchanged
		}
		for _, x := range pending {
			if tp.average && x.own < int32(nEntries) && x.wrong < int32(nEntries) {
				history = append(history, applied{x, ep}) // to be damped (see below)
			}
			step := float32(tp.rate) * exs[x.ex].weight
			away := step
			if x.wrong == int32(nEntries) {
				away *= float32(1 - tp.offHold)
			}
			for _, v := range exs[x.ex].vec {
				add(v.f, x.own, step*v.w)
				add(v.f, x.wrong, -away*v.w)
			}
		}
	}
	if tp.average && tp.epochs > 0 {
		// Each entry's weights become the average of its weights after each pass (a correction
		// made in pass ep is in the last epochs-ep of them): a new example then moves the answers
		// near it, not, through a late correction it set off, answers far away. Corrections for
		// or against the off-topic and risk classes count whole: every in-scope example is their
		// rival, and damping them loses their catches.
		for _, h := range history {
			x := h.correction
			keep := float32(tp.epochs-h.ep) / float32(tp.epochs)
			step := float32(tp.rate) * exs[x.ex].weight * (1 - keep)
			for _, v := range exs[x.ex].vec {
				add(v.f, x.own, -step*v.w)
				add(v.f, x.wrong, step*v.w)
			}
		}
	}
	if tp.postMax > 0 {
		// A common feature reaches most classes with tiny weights; its strongest carry the
		// evidence, and every query pays for each posting it reads.
		for f, ps := range c.post {
			if len(ps) <= tp.postMax {
				continue
			}
			slices.SortFunc(ps, func(a, b classWeight) int { return cmp.Compare(math.Abs(float64(b.w)), math.Abs(float64(a.w))) })
			ps = ps[:tp.postMax]
			slices.SortFunc(ps, func(a, b classWeight) int { return cmp.Compare(a.c, b.c) })
			c.post[f] = ps
		}
	}
	c.pool.New = func() any {
		return &clsBuf{scores: make([]float32, c.nClasses), gramMin: tp.gramMin, gramMax: tp.gramMax}
	}
	return c
}

// freeze lays the trained model out for queries, changing none of its numbers: the feature
// table as an open-addressing array (one probe per feature), the centroids' postings in one
// block, the example vectors in one block, class by class (nearest reads every example of a
// candidate's class: in order, not hopping between separate allocations), and the classes
// with many example features feature-major as well (see nearest).
func (c *classifier) freeze() {
	// The centroids' postings in one block, in feature order: a query's features from one word
	// were numbered together (in the order training first met them), so their postings lie
	// together.
	total := 0
	for _, ps := range c.post {
		total += len(ps)
	}
	c.slab = make([]classWeight, 0, total)
	offs := make([]uint32, len(c.post))
	for f, ps := range c.post {
		offs[f] = uint32(len(c.slab))
		c.slab = append(c.slab, ps...)
		c.post[f] = c.slab[offs[f]:len(c.slab):len(c.slab)]
	}
	// The table holds only the features a query uses: those with an idf (see vector).
	used := 0
	for _, f := range c.fid {
		if c.idf[f] > 0 {
			used++
		}
	}
	size := 16
	for size < 2*used {
		size *= 2
	}
	c.ids = make([]fidSlot, size)
	for i := range c.ids {
		c.ids[i].f = -1
	}
	c.idsMask = uint32(size - 1)
	for h, f := range c.fid {
		if c.idf[f] <= 0 {
			continue
		}
		i := slot(h) & c.idsMask
		for c.ids[i].f >= 0 {
			i = (i + 1) & c.idsMask
		}
		c.ids[i] = fidSlot{h: h, f: f, idf: c.idf[f], off: offs[f], n: uint32(len(c.post[f]))}
	}
	total = 0
	for _, v := range c.exVecs {
		total += len(v)
	}
	slab := make([]fw, 0, total)
	done := make([]bool, len(c.exVecs))
	at := make([]span, len(c.exVecs)) // each example's place in slab
	for _, exs := range c.classEx {
		for _, i := range exs {
			if done[i] {
				continue
			}
			done[i] = true
			start := len(slab)
			slab = append(slab, c.exVecs[i]...)
			c.exVecs[i] = slab[start:len(slab):len(slab)]
			at[i] = span{uint32(start), uint32(len(c.exVecs[i]))}
		}
	}
	c.exSlab = slab
	c.exSpans, c.classSpans = make([]span, 0, len(c.exVecs)), make([]uint32, 0, len(c.classEx)+1)
	for _, exs := range c.classEx {
		c.classSpans = append(c.classSpans, uint32(len(c.exSpans)))
		for _, i := range exs {
			c.exSpans = append(c.exSpans, at[i])
		}
	}
	c.classSpans = append(c.classSpans, uint32(len(c.exSpans)))
	c.inverted = make([]*classIndex, len(c.classEx))
	for k, exs := range c.classEx {
		n := 0
		for _, i := range exs {
			n += len(c.exVecs[i])
		}
		if n >= invertMin {
			c.inverted[k] = invert(c.exVecs, exs, n)
		}
	}
	c.fid, c.post = nil, nil // the table and slab hold them
}

// lookup finds a feature a query uses (one with an idf) in the table freeze builds; nil when
// the model does not have it or it is too common to count.
func (c *classifier) lookup(h uint32) *fidSlot {
	for i := slot(h) & c.idsMask; ; i = (i + 1) & c.idsMask {
		switch s := &c.ids[i]; {
		case s.f < 0:
			return nil
		case s.h == h:
			return s
		}
	}
}

// slot spreads a feature hash over the table (Fibonacci hashing: FNV's low bits vary little).
func slot(h uint32) uint32 { return (h * 2654435769) >> 7 }

// invert builds the classIndex of the examples exs (n features in all).
func invert(vecs [][]fw, exs []int32, n int) *classIndex {
	type entry struct {
		f  int32
		ex int32
		w  float32
	}
	all := make([]entry, 0, n)
	for j, i := range exs {
		for _, x := range vecs[i] {
			all = append(all, entry{x.f, int32(j), x.w})
		}
	}
	slices.SortStableFunc(all, func(a, b entry) int { return cmp.Compare(a.f, b.f) })
	ci := &classIndex{posts: make([]exWeight, len(all))}
	for i, e := range all {
		if i == 0 || e.f != all[i-1].f {
			ci.feats = append(ci.feats, e.f)
			ci.start = append(ci.start, int32(i))
		}
		ci.posts[i] = exWeight{e.ex, e.w}
	}
	ci.start = append(ci.start, int32(len(all)))
	return ci
}

func containsClass(cs []int32, k int32) bool {
	for _, c := range cs {
		if c == k {
			return true
		}
	}
	return false
}

// clsQuery is the model run on one query: the centroid score of every class at once, and the
// nearest example of any class on demand (only the candidates need it).
type clsQuery struct {
	c *classifier
	b *clsBuf
}

// query runs the model on an analysed query. Release the result when done.
func (c *classifier) query(a *Analysis, skip map[string]bool) clsQuery {
	b := c.pool.Get().(*clsBuf)
	clear(b.scores)
	b.features(a, skip)
	c.vector(b)
	scores, slab := b.scores, c.slab // locals: the loop below need not reload them
	for k, v := range b.vec {
		sp := b.spans[k]
		for _, p := range slab[sp.off : sp.off+sp.n] {
			scores[p.c] += v.w * p.w
		}
	}
	b.tmpV = sortByFeature(b.vec, b.tmpV)
	b.sizeAt(len(b.vec))
	for k, v := range b.vec {
		h := v.f & hasMask
		b.has[h>>6] |= 1 << (h & 63)
		i := v.f & b.atMask
		for b.at[i] != 0 {
			i = (i + 1) & b.atMask
		}
		b.at[i] = uint32(k + 1)
	}
	return clsQuery{c, b}
}

// centroid is every class's centroid score (entries, then off-topic, then risk).
func (q clsQuery) centroid() []float32 { return q.b.scores }

// nearest is the similarity of the query to the closest example of class k.
func (q clsQuery) nearest(k int) float32 {
	best := float32(0)
	if ci := q.c.inverted[k]; ci != nil {
		// Feature-major: each example's dot product sums the same products in the same order
		// (ascending feature) as dot does, so the best is the same.
		acc := slices.Grow(q.b.acc[:0], len(q.c.classEx[k]))[:len(q.c.classEx[k])]
		clear(acc)
		q.b.acc = acc
		j := 0
		for _, v := range q.b.vec {
			// The first of ci.feats[j:] at or above v.f (sort.Search, without its call per step).
			for hi := len(ci.feats); j < hi; {
				if m := int(uint(j+hi) >> 1); ci.feats[m] < v.f {
					j = m + 1
				} else {
					hi = m
				}
			}
			if j == len(ci.feats) {
				break
			}
			if ci.feats[j] != v.f {
				continue
			}
			for _, p := range ci.posts[ci.start[j]:ci.start[j+1]] {
				acc[p.ex] += v.w * p.w
			}
		}
		for _, s := range acc {
			if s > best {
				best = s
			}
		}
		return best
	}
	slab := q.c.exSlab
	for _, sp := range q.c.exSpans[q.c.classSpans[k]:q.c.classSpans[k+1]] {
		if s := q.dot(slab[sp.off : sp.off+sp.n]); s > best {
			best = s
		}
	}
	return best
}

// dot is the dot product of the query with an example vector: the same sum as dot(vec, ex),
// in the same order (ascending feature of ex), but a feature the query lacks costs one bit test
// (almost always), and one it has a probe or two of clsBuf.at instead of a walk along vec.
func (q clsQuery) dot(ex []fw) float32 {
	var s float32
	vec, has, at, mask := q.b.vec, &q.b.has, q.b.at, q.b.atMask
	for _, x := range ex {
		if h := x.f & hasMask; has[h>>6]&(1<<(h&63)) == 0 {
			continue
		}
		for i := x.f & mask; at[i] != 0; i = (i + 1) & mask {
			if v := vec[at[i]-1]; v.f == x.f {
				s += v.w * x.w
				break
			}
		}
	}
	return s
}

// hasBits is the size (log2) of clsBuf.has: 4096 bits, 512 bytes.
const (
	hasBits = 12
	hasMask = 1<<hasBits - 1
)

// atMin is the fewest slots of clsBuf.at (4 KB).
const atMin = 1 << 10

// sizeAt makes b.at (all 0) hold n features with at least 3 empty slots of 4.
func (b *clsBuf) sizeAt(n int) {
	size := atMin
	for size < 4*n {
		size *= 2
	}
	if len(b.at) < size {
		b.at = make([]uint32, size)
	}
	b.atMask = int32(len(b.at) - 1)
}

func (q clsQuery) release() {
	// Each feature's slot is on the probe path from its low bits: clearing them one by one in
	// any order finds every one.
	at, mask := q.b.at, q.b.atMask
	for k, v := range q.b.vec {
		q.b.has[(v.f&hasMask)>>6] = 0
		i := v.f & mask
		for at[i] != uint32(k+1) {
			i = (i + 1) & mask
		}
		at[i] = 0
	}
	q.c.pool.Put(q.b)
}
