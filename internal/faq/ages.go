package faq

import (
	"slices"

	"github.com/vneidbot/vneidbot/internal/textnorm"
)

// AgeReader reads the ages a text states (synonyms.yaml age_after, age_bounds,
// age_bounds_after): the engine leaves out an entry whose Ages hold none of them, and lint warns
// about an entry's own question that would leave it out.
type AgeReader struct {
	after              map[string]bool // folded words after which a short age ("75t") is one
	bounds, afterBound []boundPhrase
}

// boundPhrase is a bound's words (see PhraseWords).
type boundPhrase struct{ fold, exact []string }

// PhraseWords are a word-list phrase's words, folded and as typed (exact is nil when it has no
// marks: then any marks in a text match it); fold is empty when it has no word.
func PhraseWords(s string) (fold, exact []string) {
	n := textnorm.Normalize(s)
	fold = textnorm.Tokens(textnorm.Fold(n))
	if len(fold) > 0 && textnorm.HasDiacritics(n) {
		exact = textnorm.Tokens(n)
	}
	return fold, exact
}

// NewAgeReader prepares the lists of s.
func NewAgeReader(s Synonyms) *AgeReader {
	r := &AgeReader{after: map[string]bool{}}
	for _, w := range s.AgeAfter {
		r.after[textnorm.Fold(textnorm.Normalize(w))] = true
	}
	phrases := func(list []string) []boundPhrase {
		var out []boundPhrase
		for _, p := range list {
			if fold, exact := PhraseWords(p); len(fold) > 0 {
				out = append(out, boundPhrase{fold, exact})
			}
		}
		return out
	}
	r.bounds, r.afterBound = phrases(s.AgeBounds), phrases(s.AgeBoundsAfter)
	return r
}

// Stated returns the ages the words of a normalised text state ("bé 7 tuổi", "mẹ 75t"), each
// once, in order: not a bound ("dưới 6 tuổi", "từ đủ 14 tuổi", "14 tuổi trở xuống") nor the
// second number of a range or a decimal ("6-14 tuổi", "13,5 tuổi": the dash and the comma are
// gone from the words). A short age ("75t") counts only after a person (age_after), as the
// search reads it.
func (r *AgeReader) Stated(exact []string) []int {
	var out []int
	for i := 0; i < len(exact); i++ {
		n, span, ok := textnorm.PersonAgeAt(exact, i, r.after)
		if !ok {
			continue
		}
		bound := i > 0 && textnorm.IsDigits(exact[i-1])
		for _, p := range r.bounds {
			bound = bound || p.at(exact, i-len(p.fold))
		}
		for _, p := range r.afterBound {
			bound = bound || p.at(exact, i+span)
		}
		if !bound && !slices.Contains(out, n) {
			out = append(out, n)
		}
		i += span - 1
	}
	return out
}

// at reports whether the phrase stands at words[i:]: its words folded alike, and where both the
// phrase word and the text's word carry marks, the same marks ("tôi" is not "tới"; unmarked "toi"
// may be either).
func (p boundPhrase) at(words []string, i int) bool {
	if i < 0 || i+len(p.fold) > len(words) {
		return false
	}
	for j, f := range p.fold {
		w := words[i+j]
		wf := textnorm.Fold(w)
		if wf != f || p.exact != nil && p.exact[j] != f && w != wf && w != p.exact[j] {
			return false
		}
	}
	return true
}
