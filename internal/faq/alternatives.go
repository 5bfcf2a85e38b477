package faq

import (
	"fmt"
	"strings"
)

// maxAlternatives caps what one phrase written with alternatives may stand for: a list item is
// read by people, and a typo such as a missing "}" must not turn into thousands of phrases.
const maxAlternatives = 200

// alternatives expands a word-list phrase written with alternatives in braces, "dùng {căn
// cước|cccd} của {tôi|mình} để vay", into every phrase it stands for, in order (4 here). A
// phrase without braces is itself. An alternative may be empty ("{để |}vay"). Braces that do not
// pair, a brace inside another, or more than maxAlternatives phrases are an error. The phrases
// of an expansion have their spaces made single.
func alternatives(s string) ([]string, error) {
	if !strings.ContainsAny(s, "{}") {
		return []string{s}, nil // as written
	}
	out := []string{""}
	for rest := s; rest != ""; {
		open := strings.IndexAny(rest, "{}")
		if open < 0 {
			out = appendAll(out, []string{rest})
			break
		}
		if rest[open] == '}' {
			return nil, fmt.Errorf("a } without its {")
		}
		end := strings.IndexAny(rest[open+1:], "{}")
		if end < 0 || rest[open+1+end] == '{' {
			return nil, fmt.Errorf("a { without its } (alternatives are written {a|b}, one level)")
		}
		out = appendAll(out, []string{rest[:open]})
		out = appendAll(out, strings.Split(rest[open+1:open+1+end], "|"))
		if len(out) > maxAlternatives {
			return nil, fmt.Errorf("stands for more than %d phrases: split it", maxAlternatives)
		}
		rest = rest[open+1+end+1:]
	}
	for i, p := range out {
		out[i] = strings.Join(strings.Fields(p), " ")
	}
	return out, nil
}

// appendAll is every prefix followed by every suffix.
func appendAll(prefixes, suffixes []string) []string {
	out := make([]string, 0, len(prefixes)*len(suffixes))
	for _, p := range prefixes {
		for _, s := range suffixes {
			out = append(out, p+s)
		}
	}
	return out
}
