package gaps

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// kindNames are the Vietnamese names of the gap kinds, for staff.
var kindNames = map[string]string{"fallback": "không trả lời được", "clarify": "phải hỏi lại", "down": "👎", "risk": "cảnh báo tự học (cần kiểm tra)"}

// SuggestionText is the suggestion as staff read it (Vietnamese, with the English gloss the
// issue tracker uses).
func (c Cluster) SuggestionText() string {
	if c.Suggestion == AddPhrasings {
		if len(c.Also) > 0 {
			or := strings.Join(append([]string{c.Entry}, c.Also...), ", ")
			return "Thêm các cách hỏi này vào một trong các mục " + or + " (add these phrasings to one of " + or + ")"
		}
		return "Thêm các cách hỏi này vào mục " + c.Entry + " (add these phrasings to entry " + c.Entry + ")"
	}
	return "Cần mục mới, hoặc câu hỏi ngoài phạm vi (new entry needed, or out of scope)"
}

// KindsText lists the kinds of a cluster's questions, e.g. "3 không trả lời được, 1 👎".
func (c Cluster) KindsText() string {
	var parts []string
	for _, k := range []string{"fallback", "clarify", "down", "risk"} {
		if n := c.Kinds[k]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, kindNames[k]))
		}
	}
	return strings.Join(parts, ", ")
}

// WriteText prints the report for a terminal.
func WriteText(w io.Writer, r Report) error {
	ew := &errWriter{w: w}
	ew.printf("Gaps %s … %s: %d of %d exchanges were fallbacks, clarifications, 👎 or risk warnings to check, in %d cluster%s.\n",
		day(r.Since), day(r.Until), r.Gaps, r.Exchanges, len(r.Clusters), plural(len(r.Clusters)))
	for i, c := range r.Clusters {
		ew.printf("\n#%d  %d question%s (%s)\n", i+1, c.Size, plural(c.Size), c.KindsText())
		if len(c.Words) > 0 {
			ew.printf("    shared words: %s\n", strings.Join(c.Words, ", "))
		}
		for _, e := range c.Examples {
			ew.printf("    - %s\n", e)
		}
		if len(c.Considered) > 0 {
			var parts []string
			for _, cd := range c.Considered {
				s := cd.Entry + " ×" + strconv.Itoa(cd.Count)
				if cd.Title != "" {
					s += " (" + cd.Title + ")"
				}
				parts = append(parts, s)
			}
			ew.printf("    considered: %s\n", strings.Join(parts, "; "))
		}
		ew.printf("    → %s\n", c.SuggestionText())
	}
	return ew.err
}

// WriteFixtures exports the clusters as fixture stubs in the faq/fixtures format, for
// testers to label and move into faq/fixtures/: each example becomes a `q`, with the
// suggested entry as `id`, or `kind: fallback` (what the bot does today) when a new entry is
// needed, to be changed to the new entry's id once it exists; a cluster of learned risk warnings
// only as `kind: safety`, for testers to confirm.
func WriteFixtures(w io.Writer, r Report) error {
	ew := &errWriter{w: w}
	ew.printf("# yaml-language-server: $schema=../schema/fixtures.schema.json\n")
	ew.printf("# Stubs from `vneidbot gaps --fixtures`, %s … %s. Check every label before moving\n", day(r.Since), day(r.Until))
	ew.printf("# this file into faq/fixtures/: the ids are the bot's guesses, not answers.\n")
	for i, c := range r.Clusters {
		ew.printf("# cluster %d: %d question%s (%s); %s\n", i+1, c.Size, plural(c.Size), c.KindsText(), c.SuggestionText())
		for _, e := range c.Examples {
			ew.printf("- q: %s\n", strconv.Quote(e))
			switch {
			case c.Kinds["risk"] == c.Size:
				ew.printf("  kind: safety # TODO: keep if it was a risk, else the entry's id\n")
			case c.Suggestion == AddPhrasings:
				ew.printf("  id: %s\n", c.Entry)
			default:
				ew.printf("  kind: fallback # TODO: the new entry's id\n")
			}
		}
	}
	return ew.err
}

func day(t time.Time) string {
	if t.IsZero() {
		return "…"
	}
	return t.UTC().Format(time.DateOnly)
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}
