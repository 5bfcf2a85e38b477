package textnorm

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Clause is one piece of a message between punctuation marks, as typed.
type Clause struct {
	Text string // the clause, trimmed, the mark that ended it removed
	Asks bool   // it ended with a question mark
	Item bool   // it follows a number of a list typed in one line ("… 2. tạm trú online thế nào")
}

// Clauses splits a message into its sentences (and, with commas, comma-separated clauses), so a
// long message can be read piece by piece. It splits after "?", "!", ";", "…", a line break, and
// after "." (or ",") followed by a space or the end; "25.000", "1.7.2026" and "TP.HCM" stay whole. Pieces with no
// letter or digit are dropped. It never returns more than max clauses: the rest joins the last.
// A numbered list typed in one line ("cho em hỏi: 1. làm thẻ cho con cần gì 2. tạm trú online thế
// nào", "1) … 2) …") is split before each number, the numbers left out: a list starts with "1." or
// "1)" where a sentence may start (the message's start, or after ":", "?", "!", ".", ";" or a line
// break) and a "2." or "2)" follows later, or with "1)" anywhere when a "2)" follows three words
// or more later ("ad cho hỏi 1) làm lại thẻ bị mất được ko 2) …", see parenList); its numbers
// then run 2, 3… ("học lớp 1. Giờ…", "mức 1. Muốn lên mức 2." and "ngày 1. 7. 2024" keep their
// numbers). Numbers said with "là" make a list too ("1 là …, 2 là …", see saidList).
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
	item := byte(0) // the number the next item of a list typed in one line carries; 0: no list
	said := false   // the list's numbers are said with "là" ("1 là …, 2 là …"), not typed "1." or "1)"
	for i := 0; i < len(s); {
		mark := 0 // the length of the list's number starting at s[i], when it starts an item
		switch {
		case s[i] == '1' && enumerates(s, i) &&
			(listStart(s, i) && followedBy(s, i+2, '2') || s[i+1] == ')' && parenList(s, i+2)):
			mark, said = 2, false
		case s[i] == '1' && saidList(s, i):
			mark, said = saidItem(s, i), true
		case item != 0 && item <= '9' && s[i] == item && said:
			mark = saidItem(s, i)
		case item != 0 && item <= '9' && s[i] == item && enumerates(s, i):
			mark = 2
		}
		if mark > 0 {
			emit(i, false)
			start, inItem = i+mark, true
			item = s[i] + 1
			i = start
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

// listStart reports whether a list may start at s[i]: at the start, or after ":", "?", "!", ".",
// ";" or a line break (spaces between).
func listStart(s string, i int) bool {
	p := strings.TrimRight(s[:i], " \t")
	if p == "" {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(p)
	return strings.ContainsRune(":?!.;\n\r？", r)
}

// parenList reports whether a list's first item numbered "1)" inside a sentence runs from s[i]:
// a "2)" follows after at least three words ("ad cho hỏi 1) làm lại thẻ bị mất được ko 2) bao
// lâu"; not an address's "nhà số 1) ngõ 2) phố Huế"), and the two numbers do not count the same
// word (a story's "lần 1) em lên phường hỏi …, lần 2) em hỏi …").
func parenList(s string, i int) bool {
	for j := i; j < len(s); j++ {
		if s[j] == '2' && enumerates(s, j) && s[j+1] == ')' {
			return len(strings.Fields(s[i:j])) >= 3 && !strings.EqualFold(lastWord(s[:i-2]), lastWord(s[:j]))
		}
	}
	return false
}

// saidItem returns the length of a list's number said with "là" at s[i] ("1 là ", "2 la "): the
// digit stands alone (at the start, or after a space or ":"); 0 when it is not one.
func saidItem(s string, i int) int {
	if i > 0 {
		if p, _ := utf8.DecodeLastRuneInString(s[:i]); !unicode.IsSpace(p) && p != ':' {
			return 0
		}
	}
	for _, w := range []string{" là ", " la ", " Là ", " La "} {
		if strings.HasPrefix(s[i+1:], w) {
			return 1 + len(w)
		}
	}
	return 0
}

// saidList reports whether a list said with "là" starts at s[i] ("cho mình hỏi 2 việc: 1 là …, 2
// là …"): "1 là" there, where a sentence may start or after a word leading into the questions
// (saidLead: "em hỏi 1 là …", "ad ơi 1 là …"), a "2 là" after at least three words, and the two
// numbers do not count the same word ("mức 1 là gì, mức 2 là gì" asks about the levels; "lần 1 là
// …, lần 2 là …" tells). Review rv65m: after any other word the "1" counts a noun ("mức 1 là gì,
// mức độ 2 là gì", "loại 1 là thẻ cứng có chip 2 là …", "nhà em có 1 là con trai … 2 là …").
func saidList(s string, i int) bool {
	n := saidItem(s, i)
	if n == 0 {
		return false
	}
	before := strings.TrimRight(lastWord(s[:i]), ":,")
	if !listStart(s, i) && !saidLead[strings.ToLower(before)] {
		return false
	}
	for j := i + n; j < len(s); j++ {
		if s[j] == '2' && saidItem(s, j) > 0 {
			return len(strings.Fields(s[i+n:j])) >= 3 && !strings.EqualFold(before, strings.TrimRight(lastWord(s[:j]), ":,"))
		}
	}
	return false
}

// saidLead holds the words after which a "1 là" opens a list of questions ("cho em hỏi 1 là …",
// "ad ơi, 1 là …", "mình có 2 việc 1 là …", "như sau 1 là …"), with and without diacritics.
var saidLead = map[string]bool{
	"hỏi": true, "hoi": true, "ơi": true, "oi": true, "ạ": true, "việc": true, "viec": true,
	"chuyện": true, "chuyen": true, "đề": true, "sau": true, "này": true, "gồm": true, "gom": true,
	"ad": true, "admin": true,
}

// lastWord is the last space-separated word of s ("" for none), read from the end without
// splitting the rest.
func lastWord(s string) string {
	s = strings.TrimRightFunc(s, unicode.IsSpace)
	i := strings.LastIndexFunc(s, unicode.IsSpace)
	if i < 0 {
		return s
	}
	_, n := utf8.DecodeRuneInString(s[i:]) // a space may be wider than a byte (U+00A0)
	return s[i+n:]
}

// followedBy reports whether a number n of a list's item ("2." or "2)") comes in s from i on.
func followedBy(s string, i int, n byte) bool {
	for j := i; j < len(s); j++ {
		if s[j] == n && enumerates(s, j) {
			return true
		}
	}
	return false
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
