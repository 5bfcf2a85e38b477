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
	Item bool   // it follows a number of a list typed in one line ("… 2. tạm trú online thế nào")
}

// Clauses splits a message into its sentences (and, with commas, comma-separated clauses), so a
// long message can be read piece by piece. It splits after "?", "!", ";", "…", a line break, and
// after "." (or ",") followed by a space or the end; "25.000", "1.7.2026" and "TP.HCM" stay whole. Pieces with no
// letter or digit are dropped. It never returns more than max clauses: the rest joins the last.
// A numbered list typed in one line ("1. làm thẻ cho con cần gì 2. tạm trú online thế nào", "1)
// … 2) …") is split before each number, the numbers left out, when they run 1, 2, 3… each after a
// space or ":" (a lone "3." that no "2." came before is a number of the text: "học lớp 3. Giờ…").
func Clauses(s string, max int, commas bool) []Clause {
	var out []Clause
	start := 0
	inItem := false // the text from start follows a list's number
	emit := func(end int, asks bool) {
		defer func() { inItem = false }()
		t := strings.TrimSpace(s[start:end])
		if hasWord(t) {
			if max > 0 && len(out) == max {
				last := &out[len(out)-1]
				last.Text += " " + t
				last.Asks = last.Asks || asks
			} else {
				out = append(out, Clause{Text: t, Asks: asks, Item: inItem})
			}
		} else if asks && len(out) > 0 {
			out[len(out)-1].Asks = true // "…không ạ ?" with the mark after a space or an emoji
		}
	}
	item := byte('1') // the number the next item of a list typed in one line would carry
	for i := 0; i < len(s); {
		if item <= '9' && s[i] == item && enumerates(s, i) {
			emit(i, false)
			start, inItem = i+2, true
			i = start
			item++
			continue
		}
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

// enumerates reports whether the digit at s[i] numbers a list's item: it stands alone (at the
// start, or after a space or ":") and is followed by "." or ")" and a space.
func enumerates(s string, i int) bool {
	if i > 0 {
		if p, _ := utf8.DecodeLastRuneInString(s[:i]); !unicode.IsSpace(p) && p != ':' {
			return false
		}
	}
	if i+2 >= len(s) || s[i+1] != '.' && s[i+1] != ')' {
		return false
	}
	n, _ := utf8.DecodeRuneInString(s[i+2:])
	return unicode.IsSpace(n)
}

func hasWord(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}
