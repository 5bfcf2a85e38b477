package eval

import (
	"strings"

	"golang.org/x/text/unicode/norm"

	"github.com/vneidbot/vneidbot/internal/answer"
	"github.com/vneidbot/vneidbot/internal/textnorm"
)

// fold is the form in which must phrases and reply texts are compared: NFC, lower case,
// diacritics removed (đ → d), "**" bold marks dropped, every run of white space one space.
// Punctuation stays: "1900.0368" and "dichvucong.gov.vn" must match as written.
func fold(s string) string {
	s = strings.ReplaceAll(s, "**", "")
	s = strings.ToLower(norm.NFC.String(s))
	return strings.Join(strings.Fields(textnorm.Fold(s)), " ")
}

// mustHolds reports whether text holds one phrase of every group, and the first group that
// has none (-1 when all hold).
func mustHolds(groups [][]string, text string) (bool, int) {
	return foldedHolds(groups, fold(text))
}

// saysNever is the first phrase of never that text holds (compared as mustHolds does), "" if none.
func saysNever(never []string, text string) string {
	if len(never) == 0 {
		return ""
	}
	t := fold(text)
	for _, p := range never {
		if strings.Contains(t, fold(p)) {
			return p
		}
	}
	return ""
}

// foldedHolds is mustHolds on a text already folded (fold), so that many fixtures can be held
// against the same answers folded once.
func foldedHolds(groups [][]string, t string) (bool, int) {
	for i, g := range groups {
		found := false
		for _, p := range g {
			if strings.Contains(t, fold(p)) {
				found = true
				break
			}
		}
		if !found {
			return false, i
		}
	}
	return true, -1
}

// expectLabels maps the leading label of an expect text ("greeting: greet back…") to the kind
// of reply it asks for. Labels not listed name no kind: any reply without an entry is right.
var expectLabels = map[string]answer.Kind{
	"greeting":  answer.KindSmalltalk,
	"thanks":    answer.KindSmalltalk,
	"goodbye":   answer.KindSmalltalk,
	"smalltalk": answer.KindSmalltalk,
	"fallback":  answer.KindFallback,
	"safety":    answer.KindSafety,
}

// expectKind is the kind an expect text's leading label ("label: …") asks for, or "".
func expectKind(expect string) answer.Kind {
	label, _, ok := strings.Cut(expect, ":")
	if !ok {
		return ""
	}
	return expectLabels[strings.ToLower(strings.TrimSpace(label))]
}
