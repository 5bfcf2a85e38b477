package faq

import (
	"slices"
	"strconv"

	"github.com/vneidbot/vneidbot/internal/textnorm"
)

// AgeReader reads the ages a text states (synonyms.yaml age_after, age_bounds,
// age_bounds_after): the engine leaves out an entry whose Ages hold none of them, and lint warns
// about an entry's own question that would leave it out.
type AgeReader struct {
	after              map[string]bool // folded words after which a short age ("75t") is one
	bounds, afterBound []boundPhrase
	born               []boundPhrase // words before a birth year (synonyms.yaml born_before)
	year               int           // this year, for birth years (0: not read)
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

// NewAgeReader prepares the lists of s; a birth year states an age in year (0: birth years
// state none).
func NewAgeReader(s Synonyms, year int) *AgeReader {
	r := &AgeReader{after: map[string]bool{}, year: year}
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
	r.bounds, r.afterBound, r.born = phrases(s.AgeBounds), phrases(s.AgeBoundsAfter), phrases(s.BornBefore)
	return r
}

// Stated returns the ages the words of a normalised text state ("bé 7 tuổi", "mẹ 75t", a birth
// year after born_before: bornAt), each
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
	for i := range exact {
		for _, n := range r.bornAt(exact, i) {
			if !slices.Contains(out, n) {
				out = append(out, n)
			}
		}
	}
	return out
}

// dateWords may stand between born_before and the year: "sinh ngày 3 tháng 2 năm 2019",
// "sinh 03/02/2019" (the slashes are gone from the words).
var dateWords = map[string]bool{"ngay": true, "thang": true, "nam": true, "vao": true, "hoi": true}

// bornAt reads a birth year at exact[i] ("2019", "2k19" of "sn 2k19") after a born_before phrase
// with only date words between: the ages it can be this year, before and after the birthday
// ("sinh năm 2019" in 2026: 6 and 7, so an entry for either keeps the message); none for a year
// to come or more than MaxAge ago.
func (r *AgeReader) bornAt(exact []string, i int) []int {
	if r.year == 0 || len(r.born) == 0 {
		return nil
	}
	y, ok := birthYear(exact[i])
	if !ok || y > r.year || r.year-y > textnorm.MaxAge {
		return nil
	}
	j := i
	for j > 0 && j > i-6 && (dateWords[textnorm.Fold(exact[j-1])] || textnorm.IsDigits(exact[j-1]) && len(exact[j-1]) <= 2) {
		j--
	}
	if !slices.ContainsFunc(r.born, func(p boundPhrase) bool { return p.at(exact, j-len(p.fold)) }) {
		return nil
	}
	if y == r.year {
		return []int{0}
	}
	return []int{r.year - y - 1, r.year - y}
}

// birthYear reads "2019" or "2k19" (and "2k9") as a year from 1900 on.
func birthYear(w string) (int, bool) {
	if len(w) >= 3 && len(w) <= 4 && w[:2] == "2k" && textnorm.IsDigits(w[2:]) {
		n, _ := strconv.Atoi(w[2:])
		return 2000 + n, true
	}
	if len(w) != 4 || !textnorm.IsDigits(w) {
		return 0, false
	}
	n, _ := strconv.Atoi(w)
	return n, n >= 1900
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
