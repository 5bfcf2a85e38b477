package store_test

import (
	"regexp"
	"testing"
	"unicode/utf8"

	"github.com/vneidbot/vneidbot/internal/store"
)

var (
	leftEmail  = regexp.MustCompile(`(?i)[a-z0-9._%+\-]+@[a-z0-9\-]+\.[a-z0-9\-]+`)
	leftDigits = regexp.MustCompile(`\d{9,}`)
)

// FuzzRedact: whatever a citizen types, the kept text has no e-mail address and no run of
// nine or more digits, is valid UTF-8 when the input was, and is at most MaxText runes.
func FuzzRedact(f *testing.F) {
	for _, s := range []string{"email a.b@gmail.com", "cccd 001099012345", "sđt 0912 345 678", "mk: abc", "x@y", "1.2.3.4.5.6.7.8.9", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := store.Redact(s)
		if m := leftEmail.FindString(got); m != "" {
			t.Errorf("Redact(%q) keeps e-mail %q: %q", s, m, got)
		}
		if m := leftDigits.FindString(got); m != "" {
			t.Errorf("Redact(%q) keeps digits %q: %q", s, m, got)
		}
		if utf8.ValidString(s) && !utf8.ValidString(got) {
			t.Errorf("Redact(%q) = %q is not UTF-8", s, got)
		}
		if utf8.RuneCountInString(got) > store.MaxText {
			t.Errorf("Redact kept %d runes", utf8.RuneCountInString(got))
		}
		store.Normalize(got)
	})
}
