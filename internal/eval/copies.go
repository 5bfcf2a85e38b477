package eval

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/vneidbot/vneidbot/internal/faq"
)

// CopyShare is the share of words (of the union of both questions' words, diacritics folded)
// at and above which an entry's question counts as a copy of a real citizen question. Real
// questions measure how the bot does on words nobody wrote the entries for; an entry question
// that repeats one turns the measure into a memory test (issue 8: "never paste these questions
// into entries"). Natural rephrasings of a short question share about half their words.
const CopyShare = 0.7

// minCopyWords is the fewest words a question must have to be compared: "bạn là ai" is
// everybody's question, not a copy.
const minCopyWords = 4

// Copies lists, as warnings at the real question's line, the entry questions of set that copy
// a real question of fixtures (see CopyShare): for each real question, the closest one.
func Copies(set *faq.Set, fixtures []Fixture) Problems {
	type q struct {
		entry, text string
		words       map[string]bool
	}
	var qs []q
	for _, e := range set.Entries {
		for _, text := range e.Questions {
			if w := wordSet(text); len(w) >= minCopyWords {
				qs = append(qs, q{e.ID, text, w})
			}
		}
	}
	var ps Problems
	for _, f := range fixtures {
		if !f.IsReal() {
			continue
		}
		rw := wordSet(f.Q)
		if len(rw) < minCopyWords {
			continue
		}
		best, bestShare := -1, 0.0
		for i, c := range qs {
			if s := jaccard(rw, c.words); s >= CopyShare && s > bestShare {
				best, bestShare = i, s
			}
		}
		if best >= 0 {
			ps = append(ps, Problem{File: f.File, Line: f.Line, Warning: true, Msg: fmt.Sprintf(
				"real question %s and the question %q of entry %s share %.0f%% of their words: entries must not copy real questions (rephrase it from the situation)",
				f.Real, qs[best].text, qs[best].entry, 100*bestShare)})
		}
	}
	return ps
}

// wordSet is the set of words of s, folded.
func wordSet(s string) map[string]bool {
	words := strings.FieldsFunc(fold(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	set := make(map[string]bool, len(words))
	for _, w := range words {
		set[w] = true
	}
	return set
}

func jaccard(a, b map[string]bool) float64 {
	inter := 0
	for w := range a {
		if b[w] {
			inter++
		}
	}
	union := len(a) + len(b) - inter
	if union == 0 {
		return 0
	}
	return float64(inter) / float64(union)
}
