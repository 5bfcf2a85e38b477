// Package textnorm turns Vietnamese text as citizens type it into comparable tokens:
// NFC, lower case, punctuation removed, and a folded form without diacritics (đ→d), plus
// cheap repairs of Telex and VNI keystrokes left in the text when the keyboard was off.
package textnorm

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// foldTable maps each precomposed Latin letter to its base letter; built once from NFD.
var foldTable = buildFoldTable()

func buildFoldTable() map[rune]rune {
	t := map[rune]rune{'đ': 'd', 'Đ': 'd'}
	for r := rune(0xC0); r <= 0x24F; r++ {
		addFold(t, r)
	}
	for r := rune(0x1E00); r <= 0x1EFF; r++ { // Latin Extended Additional: most Vietnamese letters
		addFold(t, r)
	}
	return t
}

func addFold(t map[rune]rune, r rune) {
	d := norm.NFD.String(string(r))
	base, _ := utf8.DecodeRuneInString(d)
	if base != r && base < 0x80 {
		t[r] = unicode.ToLower(base)
	}
}

// toneTable maps each precomposed lower-case Vietnamese letter to the same letter without its
// vowel-quality mark (breve, circumflex, horn; đ→d) but with its tone: "ướ" → "ó". Built once
// from NFD.
var toneTable = buildToneTable()

func buildToneTable() map[rune]rune {
	t := map[rune]rune{}
	for _, span := range [][2]rune{{0xC0, 0x24F}, {0x1E00, 0x1EFF}} {
		for r := span[0]; r <= span[1]; r++ {
			if unicode.ToLower(r) != r {
				continue // ToneKey lower-cases first
			}
			var b strings.Builder
			for _, m := range norm.NFD.String(string(r)) {
				if m != '\u0306' && m != '\u0302' && m != '\u031B' {
					b.WriteRune(m)
				}
			}
			k := norm.NFC.String(b.String())
			if k1, size := utf8.DecodeRuneInString(k); size == len(k) && k1 != r {
				t[r] = k1
			}
		}
	}
	t['đ'] = 'd' // đ has no NFD decomposition
	return t
}

// ToneKey returns a word in lower case without its vowel-quality marks, keeping its tones:
// "cuớc" and "cước" agree, "gẫy" and "gãy" too, and so do "mất", "mắt" and "mát" (same tone:
// the key cannot tell them); "mất" and "mặt" do not. Used to forgive a citizen who typed marks
// but picked the wrong vowel, where the tone still tells the word. Meant for normalised words
// (Normalize); text in NFD or upper case gives the same key.
func ToneKey(s string) string {
	if !norm.NFC.IsNormalString(s) {
		s = norm.NFC.String(s)
	}
	return strings.Map(func(r rune) rune {
		r = unicode.ToLower(r)
		if k, ok := toneTable[r]; ok {
			return k
		}
		return r
	}, s)
}

// Normalize returns s in NFC, lower case, with every run of characters that are not letters or
// digits replaced by one space, trimmed. Diacritics are kept.
func Normalize(s string) string {
	if !norm.NFC.IsNormalString(s) {
		s = norm.NFC.String(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	space := true
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
			space = false
		case unicode.Is(unicode.Mn, r):
			// a combining mark NFC could not compose (e.g. on a non-Vietnamese base): drop it
		default:
			if !space {
				b.WriteByte(' ')
				space = true
			}
		}
	}
	return strings.TrimRight(b.String(), " ")
}

// Fold removes diacritics from already-normalised text: "đăng ký" → "dang ky".
func Fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if f, ok := foldTable[r]; ok {
			b.WriteRune(f)
		} else if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Tokens splits normalised text into its words.
func Tokens(s string) []string { return strings.Fields(s) }

// HasDiacritics reports whether normalised text carries any Vietnamese mark.
func HasDiacritics(s string) bool {
	for _, r := range s {
		if _, ok := foldTable[r]; ok {
			return true
		}
	}
	return false
}

// UndoTelex guesses the folded syllable a Telex typist meant when the keyboard was off:
// "dduwowcj" → "duoc", "vieetj" → "viet". It returns "" when tok shows no Telex marks.
// The caller decides whether to trust the guess (for example, only if the result is a known word).
func UndoTelex(tok string) string {
	if len(tok) < 3 || !isASCIILetters(tok) {
		return ""
	}
	s := tok
	changed := false
	if last := s[len(s)-1]; strings.IndexByte("sfrxj", last) >= 0 {
		s = s[:len(s)-1]
		changed = true
	}
	for _, p := range [...][2]string{{"dd", "d"}, {"aa", "a"}, {"ee", "e"}, {"oo", "o"}, {"uw", "u"}, {"ow", "o"}, {"aw", "a"}} {
		if strings.Contains(s, p[0]) {
			s = strings.ReplaceAll(s, p[0], p[1])
			changed = true
		}
	}
	if strings.HasSuffix(s, "w") || strings.Contains(s, "w") {
		s = strings.ReplaceAll(s, "w", "u") // a lone w stands for ư in Telex
		changed = true
	}
	if !changed || s == tok {
		return ""
	}
	return s
}

// UndoVNI removes VNI tone and mark digits from a word that mixes letters and digits:
// "d9u7o7c5" → "duoc". It returns "" when tok is not such a word.
func UndoVNI(tok string) string {
	letters, digits := 0, 0
	var b strings.Builder
	for i := 0; i < len(tok); i++ {
		c := tok[i]
		switch {
		case c >= 'a' && c <= 'z':
			letters++
			b.WriteByte(c)
		case c >= '1' && c <= '9':
			digits++
		default:
			return ""
		}
	}
	if letters < 2 || digits == 0 || digits > 5 {
		return ""
	}
	return b.String()
}

// IsDigits reports a word of ASCII digits only ("49"), as a count or an age is typed.
func IsDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func isASCIILetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}
