package textnorm

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Clause is one piece of a message between punctuation marks, as typed.
type Clause struct {
	Text string // the clause, trimmed, punctuation at its end removed
	Asks bool   // it ended with a question mark
}

// Clauses splits a message into its sentences (and, with commas, comma-separated clauses), so a
// long message can be read piece by piece. It splits after "?", "!", ";", "…", a line break, and
// after "." (or ",") followed by a space or the end; "25.000", "1.7.2026" and "TP.HCM" stay whole. Pieces with no
// letter or digit are dropped. It never returns more than max clauses: the rest joins the last.
func Clauses(s string, max int, commas bool) []Clause {
	var out []Clause
	start := 0
	emit := func(end int, asks bool) {
		t := strings.TrimSpace(s[start:end])
		if hasWord(t) {
			if max > 0 && len(out) == max {
				last := &out[len(out)-1]
				last.Text += " " + t
				last.Asks = last.Asks || asks
			} else {
				out = append(out, Clause{Text: t, Asks: asks})
			}
		} else if asks && len(out) > 0 {
			out[len(out)-1].Asks = true // "…không ạ ?" with the mark after a space or an emoji
		}
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		next := i + size
		split, asks := false, false
		switch r {
		case '?', '？':
			split, asks = true, true
		case '!', ';', '…', '\n', '\r':
			split = true
		case '.':
			n, _ := utf8.DecodeRuneInString(s[next:])
			split = next >= len(s) || unicode.IsSpace(n)
		case ',':
			n, _ := utf8.DecodeRuneInString(s[next:])
			split = commas && (next >= len(s) || unicode.IsSpace(n))
		}
		if split {
			emit(i, asks)
			start = next
		}
		i = next
	}
	emit(len(s), false)
	return out
}

func hasWord(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}
