package search

import (
	"sort"
	"strings"

	"github.com/vneidbot/vneidbot/internal/textnorm"
)

// Analysis is a text broken into the token streams the index keeps.
type Analysis struct {
	Exact   []string // NFC lower-case words, diacritics kept: "mất", "thẻ"
	Fold    []string // the same words folded: "mat", "the"
	Canon   []string // folded, each synonym phrase replaced by its group's one token (longest match)
	Bigrams []string // adjacent pairs of Canon, joined by "_"
	// Terms holds, for indexing, every synonym group any phrase of the text belongs to (shorter
	// phrases inside longer ones too: "số điện thoại" also means "điện thoại") and every folded word.
	Terms []string
}

// analyzer turns text into an Analysis. Synonym groups may hold multi-word terms; they are
// matched longest first on folded words, so "so dien thoai", "sdt" and "sđt" become one token.
// Bleve's own synonym support takes single tokens only, which is why this is done here.
type analyzer struct {
	phrases map[string][]phrase // first folded word → candidate phrases, longest first
	words   map[string]struct{} // every folded word of every synonym, known even if no entry uses it
	ages    []ageWords
	after   map[string]bool // folded words after which a short age ("75t") is an age
}

// AgeRange reads a stated age ("75 tuổi", "75t") from From to To as the phrase As (see
// faq.Synonyms.Ages).
type AgeRange struct {
	From, To int
	As       string
}

// ageWords is an AgeRange with its phrase as words.
type ageWords struct {
	from, to int
	words    []string
}

type phrase struct {
	words []string
	canon string
}

func newAnalyzer(groups [][]string, ages []AgeRange, ageAfter []string) *analyzer {
	a := &analyzer{phrases: map[string][]phrase{}, words: map[string]struct{}{}, after: map[string]bool{}}
	for _, w := range ageAfter {
		a.after[foldJoin(w, " ")] = true
	}
	for _, r := range ages {
		if w := textnorm.Tokens(textnorm.Normalize(r.As)); len(w) > 0 {
			a.ages = append(a.ages, ageWords{r.From, r.To, w})
		}
	}
	for _, g := range groups {
		if len(g) == 0 {
			continue
		}
		canon := groupToken(g[0])
		for _, term := range g {
			words := textnorm.Tokens(textnorm.Fold(textnorm.Normalize(term)))
			if len(words) == 0 {
				continue
			}
			a.phrases[words[0]] = append(a.phrases[words[0]], phrase{words: words, canon: canon})
			for _, w := range words {
				a.words[w] = struct{}{}
			}
		}
	}
	for k, ps := range a.phrases {
		sort.SliceStable(ps, func(i, j int) bool { return len(ps[i].words) > len(ps[j].words) })
		a.phrases[k] = ps
	}
	return a
}

// analyze breaks text into its token streams. fix, when not nil, may replace a folded word
// the index does not know (a typo, Telex or VNI leftovers) with one it does.
func (a *analyzer) analyze(text string, fix func(string) string) Analysis {
	return a.analyzeText(text, fix, true)
}

// analyzeQuery is analyze without Terms, which only indexing reads.
func (a *analyzer) analyzeQuery(text string, fix func(string) string) Analysis {
	return a.analyzeText(text, fix, false)
}

func (a *analyzer) analyzeText(text string, fix func(string) string, terms bool) Analysis {
	exact := a.readAges(textnorm.Tokens(textnorm.Normalize(text)))
	fold := make([]string, len(exact))
	for i, w := range exact {
		f := textnorm.Fold(w)
		if fix != nil {
			f = fix(f)
		}
		fold[i] = f
	}
	canon := a.canonical(fold)
	var bi []string
	if len(canon) > 1 {
		// All pairs are cut from one string: one allocation instead of one per pair.
		size := 0
		for i := 0; i+1 < len(canon); i++ {
			size += len(canon[i]) + 1 + len(canon[i+1])
		}
		var sb strings.Builder
		sb.Grow(size)
		for i := 0; i+1 < len(canon); i++ {
			sb.WriteString(canon[i])
			sb.WriteByte('_')
			sb.WriteString(canon[i+1])
		}
		all := sb.String()
		bi = make([]string, 0, len(canon)-1)
		for i, at := 0, 0; i+1 < len(canon); i++ {
			n := len(canon[i]) + 1 + len(canon[i+1])
			bi = append(bi, all[at:at+n])
			at += n
		}
	}
	out := Analysis{Exact: exact, Fold: fold, Canon: canon, Bigrams: bi}
	if terms {
		out.Terms = a.allTerms(fold)
	}
	return out
}

// readAges replaces each stated age that falls in one of the ranges ("75 tuổi"; "75t", "75 t"
// after a word of AgeAfter) with the range's phrase. Words are only copied when an age is found.
func (a *analyzer) readAges(words []string) []string {
	if len(a.ages) == 0 {
		return words
	}
	var out []string
	copied := 0 // words[:copied] are in out
	for i := 0; i < len(words); i++ {
		n, span, ok := textnorm.PersonAgeAt(words, i, a.after)
		if !ok {
			continue
		}
		for _, r := range a.ages {
			if n >= r.from && n <= r.to {
				out = append(append(out, words[copied:i]...), r.words...)
				copied = i + span
				break
			}
		}
		i += span - 1
	}
	if out == nil {
		return words
	}
	return append(out, words[copied:]...)
}

// allTerms finds every synonym phrase at every position, so it holds all of Canon and more.
func (a *analyzer) allTerms(fold []string) []string {
	out := make([]string, 0, 2*len(fold))
	for i := range fold {
		for _, p := range a.phrases[fold[i]] {
			if i+len(p.words) <= len(fold) && equalWords(fold[i:i+len(p.words)], p.words) {
				out = append(out, p.canon)
			}
		}
		out = append(out, fold[i])
	}
	return out
}

func (a *analyzer) canonical(fold []string) []string {
	out := make([]string, 0, len(fold))
	for i := 0; i < len(fold); {
		matched := false
		for _, p := range a.phrases[fold[i]] {
			if i+len(p.words) <= len(fold) && equalWords(fold[i:i+len(p.words)], p.words) {
				out = append(out, p.canon)
				i += len(p.words)
				matched = true
				break
			}
		}
		if !matched {
			out = append(out, fold[i])
			i++
		}
	}
	return out
}

func equalWords(a, b []string) bool {
	for i := range b {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// Lexicon is the language knowledge the index is built with, all of it content (faq/synonyms.yaml
// and faq/words.yaml): synonym groups, words with no topic, everyday words.
type Lexicon struct {
	Synonyms [][]string // groups of equivalent terms; the first names the group
	// Stopwords carry no topic: pronouns, particles, question words. They still take part in
	// bigrams ("lam sao" is not indexed for meaning, but "khong nhan" is). A phrase here makes
	// the synonym group it is the first term of a stopword ("như thế nào" → every way to ask "how").
	Stopwords []string
	// Ages read a stated age in a range as one phrase ("75 tuổi" → "trên 60 tuổi"); a short
	// one ("75t") only after a word of AgeAfter.
	Ages     []AgeRange
	AgeAfter []string
	// Everyday words are rare in the FAQ only because it is small: their weight is cut so that
	// "giá vàng hôm nay" does not look like a question about fees. An everyday word that is the
	// first term of a synonym group makes the whole group everyday.
	Everyday []string
	// QuestionForms are phrases that ask how long, when, whether or on what conditions: their
	// words and pairs weigh like everyday words in the fielded score and the coverage, so
	// "đăng ký kết hôn mất bao lâu" is about marriage, not about the entry that asks "mất bao lâu".
	QuestionForms []string
	// Places (names of provinces and cities) weigh like question forms: where the citizen lives
	// rarely tells what is asked.
	Places []string
}

// wordSets folds the lexicon's word lists into the sets the index looks words up in.
func (lex Lexicon) wordSets() (stop, everyday map[string]bool) {
	stop, everyday = map[string]bool{}, map[string]bool{}
	canon := map[string]string{} // folded first term → group token
	for _, g := range lex.Synonyms {
		if len(g) > 0 {
			canon[foldJoin(g[0], " ")] = groupToken(g[0])
		}
	}
	for _, w := range lex.Stopwords {
		key := foldJoin(w, " ")
		if key == "" {
			continue
		}
		if c, ok := canon[key]; ok {
			stop[c] = true
		}
		if !strings.Contains(key, " ") {
			stop[key] = true
		}
	}
	for _, w := range lex.Everyday {
		if key := foldJoin(w, " "); key != "" && !strings.Contains(key, " ") {
			everyday[key] = true

		}
	}
	return stop, everyday
}

func foldJoin(s, sep string) string {
	return strings.Join(textnorm.Tokens(textnorm.Fold(textnorm.Normalize(s))), sep)
}

// groupToken is the one token a synonym group is indexed as: "~" and its first term, folded.
func groupToken(first string) string { return "~" + foldJoin(first, "_") }
