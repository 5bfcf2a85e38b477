// Package search owns the full-text index of the FAQ: a Bleve index tuned to how Vietnamese
// citizens type (folded and accented words, syllable bigrams, multi-word synonyms, typo and
// Telex/VNI repair). It is the only package that imports bleve.
package search

import (
	"errors"
	"fmt"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/whitespace"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/vneidbot/vneidbot/internal/textnorm"
)

// Version changes whenever the index layout or analysis changes, so old indexes are rebuilt.
const Version = "4"

// Entry is what the index needs of one FAQ entry.
type Entry struct {
	ID       string
	Title    string
	Texts    []string // the ways citizens ask: questions (and the title)
	Keywords []string
	Answer   string
}

// Index answers searches over a set of entries. It is safe for concurrent use; it is immutable
// once built: a change of content means a new Index.
type Index struct {
	bl    bleve.Index
	an    *analyzer
	ids   []string            // entry ids in input order
	dels  map[string][]string // folded word with one letter deleted → known words, for typo repair
	maxDF float64
	stop  map[string]bool // folded words and synonym group tokens with no topic (Lexicon.Stopwords)
	daily map[string]bool // everyday folded words (Lexicon.Everyday)
	forms formSet         // question forms and places (Lexicon.QuestionForms, Places)
	p     Params
	// closed is set by Close: the in-memory side would keep answering, which would hide a
	// reader holding an index it should have let go.
	closed atomic.Bool
	cls    *classifier
	bm     *bm25f
	// asks holds, per entry, each of its ways of asking (title, questions, keywords) as its
	// telling canonical words with their weights: see Hit.Fit.
	asks [][]askText
	// tid and tinfo hold, per term (every word, synonym group token, word pair and accented
	// word of the entries), what the index knows of it (see termInfo): built with one lookup per
	// word of the entries, and each of a query's strings is looked up once.
	tid   map[string]int32
	tinfo []termInfo
	// scratch holds *scratch: the memory of finished searches, for the next ones.
	scratch sync.Pool
	// ambiguous holds the folded words the FAQ writes with two or more different accents
	// ("mat": "mất", "mật"): only for those does the accented form typed by the citizen count.
	ambiguous map[string]bool
}

// askText is one way an entry is asked: its telling words, weighted, and their total.
type askText struct {
	terms []termWeight
	total float64
}

type termWeight struct {
	term string
	id   int32 // its index in the term table, -1 if not there
	w    float64
}

// Params are the numbers the search uses. They come from the ranking model's Settings (package
// answer), which gives each a default and a reason; the search keeps no tuning constants.
type Params struct {
	BoostExact    float64 // boost of an accented word matching exactly
	BoostCanon    float64 // boost of folded words and synonym groups
	BoostBi       float64 // boost of known word pairs
	MaxDocs       int     // question documents Bleve collects
	CommonShare   float64 // words asked in more than this share of entries stay out of the query
	MinCommon     int     // below this many entries no word is common
	AnswerCredit  float64 // coverage credit of a word found only in the answer
	LoneCredit    float64 // coverage credit of a word found without its query neighbours
	PairedAnchors bool    // a word found without its query neighbours does not anchor the entry
	GeneralFactor float64 // weight an everyday word keeps
	RareDocs      float64 // rarity stops counting beyond a word asked in this many entries
	FixMinLen     int     // shortest word repaired at all
	EditMinLen    int     // shortest word given one-letter repairs
	// The learned model.
	ClassCandidates int     // entries the model adds as candidates besides Bleve's
	ClassEpochs     int     // perceptron passes when training
	ClassOrder      int     // 0: examples in order; else shuffled with this seed
	ClassPostMax    int     // a feature keeps only this many strongest class weights (0: all)
	ClassRate       float64 // perceptron step
	ClassMargin     float64 // lead a right class must have over the best wrong one in training
	ClassMaxShare   float64 // features in more than this share of examples are dropped
	ClassAverage    bool    // entries' weights averaged over the perceptron passes
	ClassOffHold    float64 // share of the perceptron step withheld when pushing the off-topic class away from an in-scope example
	ClassAnswer     float64 // weight of an entry's answer text as an example of the entry
	ClassNear       float64 // share of the nearest example's similarity in the model's score
	ClassNearMax    float64 // features in more than this share of examples do not count for the nearest example
	ClassMinCommon  int     // a feature in fewer examples than this is never dropped as common
	ClassGramMin    int     // shortest character n-gram of the model's features
	ClassGramMax    int     // longest character n-gram
	// Fielded score (BM25F) in memory.
	FieldTitle     float64 // weight of the title
	FieldQuestions float64 // weight of the questions
	FieldKeywords  float64 // weight of the keywords
	FieldAnswer    float64 // weight of the answer
	BM25K1         float64 // term frequency saturation
	BM25B          float64 // length normalisation
	BM25MaxShare   float64 // terms in more than this share of entries are left out of the score (0: none)
	SynonymWeight  float64 // a synonym group found for the query's words, against its own words
	BigramWeight   float64 // a known word pair of the query, against a single word
	UseBleve       bool    // rank with the Bleve query over the question fields instead (slower)
	Fit            bool    // compute Hit.Fit (the ranking gives it a weight)
}

// Field names. p_ fields hold how citizens ask (questions, title, keywords); a_ fields the answer.
const (
	fPExact = "p_exact"
	fPCanon = "p_canon"
	fPBi    = "p_bi"
)

func newMapping() *mapping.IndexMappingImpl {
	m := bleve.NewIndexMapping()
	// The text arrives already normalised and tokenised by analyze: split on spaces, nothing more.
	// (Bleve's standard and English analyzers would drop folded syllables like "so", "to", "do".)
	if err := m.AddCustomAnalyzer("vi_ws", map[string]any{"type": custom.Name, "tokenizer": whitespace.Name}); err != nil {
		panic(err) // static configuration: cannot fail at run time
	}
	m.DefaultAnalyzer = "vi_ws"
	m.ScoringModel = index.BM25Scoring
	m.StoreDynamic = false
	m.IndexDynamic = false
	m.DocValuesDynamic = false
	doc := bleve.NewDocumentStaticMapping()
	for _, f := range []string{fPExact, fPCanon, fPBi} {
		fm := bleve.NewTextFieldMapping()
		fm.Analyzer = "vi_ws"
		fm.Store = false
		fm.IncludeTermVectors = false
		fm.IncludeInAll = false
		fm.DocValues = false
		doc.AddFieldMappingsAt(f, fm)
	}
	m.DefaultMapping = doc
	return m
}

// Build indexes entries with the given lexicon (synonym groups and word lists). With dir "" the index lives in memory;
// otherwise dir must not exist and is created. Answers are not put in Bleve: they only add to
// an entry's coverage (see Hit), which keeps postings short and searches fast.
func Build(dir string, entries []Entry, lex Lexicon, p Params, examples []Example) (*Index, error) {
	ix, docs := prepare(entries, lex, p, examples, dir != "" || p.UseBleve)
	if dir == "" && !p.UseBleve {
		// In memory the fielded index ranks: a Bleve index would only be built to be ignored.
		return ix, nil
	}
	// scorch (not NewMemOnly, which ignores BM25) both in memory and on disk.
	bl, err := bleve.NewUsing(dir, newMapping(), scorch.Name, scorch.Name, nil)
	if err != nil {
		return nil, fmt.Errorf("create index %s: %w", dir, err)
	}
	batch := bl.NewBatch()
	for _, d := range docs {
		if err := batch.Index(d.id, d.fields); err != nil {
			bl.Close()
			return nil, fmt.Errorf("index entry %s: %w", ix.ids[entryOf(d.id)], err)
		}
	}
	if err := bl.Batch(batch); err != nil {
		bl.Close()
		return nil, fmt.Errorf("write index %s: %w", dir, err)
	}
	ix.bl = bl
	return ix, nil
}

// Open opens an index that Build wrote to dir for the same entries and lexicon.
// The caller checks that they match (see the content hash kept beside the index).
func Open(dir string, entries []Entry, lex Lexicon, p Params, examples []Example) (*Index, error) {
	if _, err := os.Stat(dir); err != nil {
		return nil, fmt.Errorf("open index %s: %w", dir, err)
	}
	// read_only lets several processes (serve, ask, eval) share one index directory.
	bl, err := bleve.OpenUsing(dir, map[string]any{"read_only": true})
	if err != nil {
		return nil, fmt.Errorf("open index %s: %w", dir, err)
	}
	n, err := bl.DocCount()
	if err != nil {
		bl.Close()
		return nil, fmt.Errorf("open index %s: %w", dir, err)
	}
	if want := expectedDocs(entries); n != want {
		bl.Close()
		return nil, fmt.Errorf("open index %s: %d documents, want %d: %w", dir, n, want, ErrStale)
	}
	ix, _ := prepare(entries, lex, p, examples, false)
	ix.bl = bl
	return ix, nil
}

// ErrStale means an on-disk index does not match the content it was opened for.
var ErrStale = errors.New("index is stale")

func expectedDocs(entries []Entry) uint64 {
	var n uint64
	for _, e := range entries {
		n += uint64(len(e.Texts))
		if len(e.Keywords) > 0 {
			n++
		}
	}
	return n
}

// Close releases the index.
func (ix *Index) Close() error {
	if ix.closed.Swap(true) || ix.bl == nil {
		return nil
	}
	return ix.bl.Close()
}

// ErrClosed is returned by Search on an index that was closed.
var ErrClosed = errors.New("index is closed")

// Len is the number of entries indexed.
func (ix *Index) Len() int { return len(ix.ids) }

func docID(entry, text int) string {
	return strconv.Itoa(entry) + "." + strconv.Itoa(text)
}

func entryOf(docID string) int {
	i := strings.IndexByte(docID, '.')
	n, err := strconv.Atoi(docID[:i])
	if err != nil {
		return -1
	}
	return n
}

func primaryDoc(a Analysis) map[string]any {
	return map[string]any{
		fPExact: strings.Join(a.Exact, " "),
		fPCanon: strings.Join(a.Terms, " "),
		fPBi:    strings.Join(a.Bigrams, " "),
	}
}

type doc struct {
	id     string
	fields map[string]any
}

// prepare analyses every entry once: the Bleve documents of how citizens ask, and the
// in-memory side of the index (vocabulary, weights, per-entry terms).
// The learned model is trained here too, on the entries' own ways of asking plus examples.
// The Bleve documents are made only when withDocs: an in-memory index does not use them.
func prepare(entries []Entry, lex Lexicon, p Params, examples []Example, withDocs bool) (*Index, []doc) {
	ix := &Index{
		p:    p,
		an:   newAnalyzer(lex.Synonyms, lex.Ages, lex.AgeAfter),
		ids:  make([]string, len(entries)),
		dels: map[string][]string{},
	}
	// Room for the terms up front (growing the table rehashes it): about one distinct word or
	// pair per 8 bytes of text.
	size := 0
	for _, e := range entries {
		size += len(e.Answer) + len(e.Title)
		for _, t := range e.Texts {
			size += len(t)
		}
	}
	ix.tid = make(map[string]int32, size/8)
	ix.tinfo = make([]termInfo, 0, size/8)
	ix.stop, ix.daily = lex.wordSets()
	ix.forms = newFormSet(slices.Concat(lex.QuestionForms, lex.Places))
	tb := &termBuilder{ix: ix}
	var docs []doc
	counts := make([]fieldTerms, len(entries))
	askedBy := make([][][]string, 0, len(entries))
	analysed := make([][]*Analysis, len(entries)) // each entry's texts, then its keywords
	for i, e := range entries {
		ix.ids[i] = e.ID
		fc := &counts[i]
		texts := e.Texts
		if len(e.Keywords) > 0 {
			texts = append(texts[:len(texts):len(texts)], strings.Join(e.Keywords, " . "))
		}
		var asked [][]string
		for j, t := range texts {
			a := ix.an.analyze(t, nil)
			analysed[i] = append(analysed[i], &a)
			asked = append(asked, a.Canon)
			if withDocs {
				docs = append(docs, doc{id: docID(i, j), fields: primaryDoc(a)})
			}
			f := fieldQuestions
			switch {
			case j == 0 && t == e.Title:
				f = fieldTitle
			case j >= len(e.Texts):
				f = fieldKeywords
			}
			tb.add(fc, f, &a, int32(i))
		}
		a := ix.an.analyze(e.Answer, nil)
		tb.add(fc, fieldAnswer, &a, int32(i))
		askedBy = append(askedBy, asked)
	}
	n := float64(len(entries))
	// Rarity stops counting beyond a few entries: a word used once is not more telling than one
	// used in four, and a word the FAQ never uses is as telling as those.
	ix.maxDF = math.Log(1 + n/math.Max(1, p.RareDocs))
	for k := range ix.tinfo {
		if t := &ix.tinfo[k]; t.df > 0 {
			t.idf, t.asked = math.Min(math.Log(1+n/float64(t.df)), ix.maxDF), true
		}
	}
	ix.ambiguous = map[string]bool{}
	first := map[string]string{} // folded word → the first accented form seen
	for w, k := range ix.tid {
		if ix.tinfo[k].vocab > 0 && len(w) >= p.EditMinLen { // only longer words get one-letter repairs (see fix)
			for _, d := range deletes(w) {
				ix.dels[d] = append(ix.dels[d], w)
			}
		}
		// The folded words written with more than one set of accents. Folded words are plain
		// ASCII; accented ones are kept as typed (see termBuilder.add).
		if !isASCII(w) {
			folded := textnorm.Fold(w)
			if v, ok := first[folded]; !ok {
				first[folded] = w
			} else if v != w {
				ix.ambiguous[folded] = true
			}
		}
	}
	for k := range ix.tinfo {
		t := &ix.tinfo[k]
		t.tpost, t.apost = newEntrySet(t.tpost.ids, len(entries)), newEntrySet(t.apost.ids, len(entries))
	}
	ix.asks = make([][]askText, len(askedBy))
	for e, texts := range askedBy {
		for _, canon := range texts {
			var at askText
			for i, w := range canon {
				if slices.Contains(canon[:i], w) {
					continue
				}
				if wt := ix.weight(w); wt > 0 {
					id, ok := ix.tid[w]
					if !ok {
						id = -1
					}
					at.terms = append(at.terms, termWeight{w, id, wt})
					at.total += wt
				}
			}
			if at.total > 0 {
				ix.asks[e] = append(ix.asks[e], at)
			}
		}
	}
	ix.cls = ix.train(entries, analysed, examples)
	ix.bm = buildBM25F(ix, counts, p)
	return ix, docs
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// entrySet is a set of entries: their indexes ascending, and for a list long enough that a
// bitmap over all n entries takes no more room (n/32 entries or more), the bitmap too, so that
// coverage tests a common word in one step instead of a binary search.
type entrySet struct {
	ids  []int32
	bits []uint64
}

func newEntrySet(ids []int32, n int) entrySet {
	s := entrySet{ids: ids}
	if len(ids) >= 16 && len(ids)*32 >= n {
		s.bits = make([]uint64, (n+63)/64)
		for _, e := range ids {
			s.bits[e>>6] |= 1 << (e & 63)
		}
	}
	return s
}

// has reports whether the set holds entry e.
func (s entrySet) has(e int) bool {
	if s.bits != nil {
		return e>>6 < len(s.bits) && s.bits[e>>6]&(1<<(e&63)) != 0
	}
	return has(s.ids, e)
}

// has reports whether the ascending list ps holds e.
func has(ps []int32, e int) bool {
	lo, hi := 0, len(ps)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if int(ps[m]) < e {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo < len(ps) && int(ps[lo]) == e
}

// train fits the learned model on every entry's title, questions and keywords, then examples.
// analysed holds each entry's texts and keywords as prepare analysed them, to be reused.
func (ix *Index) train(entries []Entry, analysed [][]*Analysis, examples []Example) *classifier {
	classOf := make(map[string]int, len(entries))
	all := make([]Example, 0, 8*len(entries)+len(examples))
	for i, e := range entries {
		classOf[e.ID] = i
		ids := []string{e.ID}
		for _, a := range analysed[i] {
			all = append(all, Example{IDs: ids, analysis: a})
		}
		if ix.p.ClassAnswer > 0 && e.Answer != "" {
			all = append(all, Example{Text: e.Answer, IDs: ids, Weight: ix.p.ClassAnswer})
		}
	}
	all = append(all, examples...)
	c := trainClassifier(ix.an, classOf, len(entries), all, ix.stop,
		trainParams{epochs: ix.p.ClassEpochs, order: ix.p.ClassOrder, postMax: ix.p.ClassPostMax, rate: ix.p.ClassRate, margin: ix.p.ClassMargin, maxShare: ix.p.ClassMaxShare, offHold: ix.p.ClassOffHold, average: ix.p.ClassAverage, nearMax: ix.p.ClassNearMax,
			gramMin: ix.p.ClassGramMin, gramMax: ix.p.ClassGramMax, minCommon: ix.p.ClassMinCommon})
	c.freeze()
	return c
}

func deletes(w string) []string {
	out := make([]string, 0, len(w))
	for i := 0; i < len(w); i++ {
		out = append(out, w[:i]+w[i+1:])
	}
	return out
}

// weight is the informativeness of a canonical word or bigram: rare in the FAQ means telling.
// A word the FAQ never uses is as telling as the rarest: the entry did not explain it.
func (ix *Index) weight(w string) float64 {
	if ix.stop[w] {
		return 0
	}
	return ix.weightOf(w, ix.term(w))
}

// weightOf is weight(w) for a telling word (not a stopword) whose term t (nil: unknown) the
// query already looked up.
func (ix *Index) weightOf(w string, t *termInfo) float64 {
	v := ix.maxDF
	if t != nil && t.asked {
		v = t.idf
	}
	if ix.isGeneral(w) {
		v *= ix.p.GeneralFactor
	}
	return v
}

// isGeneral reports whether a word is an everyday one: in the list, or a year, which tells
// nothing without the words around it ("năm 2027").
func (ix *Index) isGeneral(w string) bool {
	if ix.daily[w] {
		return true
	}
	return len(w) == 4 && textnorm.IsDigits(w)
}
