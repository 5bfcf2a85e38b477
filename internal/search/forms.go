package search

import (
	"slices"
	"strings"
)

// formSet holds the question forms (Lexicon.QuestionForms) as folded word sequences, by first
// word, longest first.
type formSet map[string][][]string

func newFormSet(phrases []string) formSet {
	fs := formSet{}
	for _, p := range phrases {
		ws := strings.Fields(foldJoin(p, " "))
		if len(ws) == 0 {
			continue
		}
		fs[ws[0]] = append(fs[ws[0]], ws)
	}
	for _, seqs := range fs {
		slices.SortStableFunc(seqs, func(a, b []string) int { return len(b) - len(a) })
	}
	return fs
}

// mask marks in dst (resized to len(words)) the words that are part of a question form.
func (fs formSet) mask(words []string, dst []bool) []bool {
	dst = slices.Grow(dst[:0], len(words))[:len(words)]
	clear(dst)
	if len(fs) == 0 {
		return dst
	}
	for i := 0; i < len(words); i++ {
		for _, seq := range fs[words[i]] {
			if i+len(seq) <= len(words) && slices.Equal(words[i:i+len(seq)], seq) {
				for j := range seq {
					dst[i+j] = true
				}
				break
			}
		}
	}
	return dst
}
