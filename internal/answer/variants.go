package answer

import (
	"slices"
	"strings"

	"github.com/vneidbot/vneidbot/internal/textnorm"
)

// maxVariants bounds the forms one cue takes through the synonym groups.
const maxVariants = 32

// synGroup is a synonym group as cues read it: its first term, the clearest form, and the others.
type synGroup struct {
	first  phrase
	others []string
}

// throughSynonyms returns cues followed by their other forms through the synonym groups whose first
// term is one word (synonyms.yaml): "không trả lương" is also "ko trả lương" and "k trả lương".
// origin[i] is the index in cues of the cue the i-th phrase comes from. Only a group's first term
// is replaced, so a short form with other meanings ("ca" for công an, a work shift in "tăng ca")
// never is; groups whose first term is several words hold meanings ("sổ đỏ", "giấy chứng nhận
// quyền sử dụng đất") whose cues staff choose one by one. Staff write a cue once, in its clear
// form, and the phone-style forms the search reads follow.
func throughSynonyms(cues []string, groups [][]string) (all []string, origin []int) {
	byFirst := map[string][]synGroup{} // folded first word of a group's first term → the groups
	for _, g := range groups {
		if len(g) < 2 {
			continue
		}
		l := phrases(g[:1])
		if len(l.ps) == 0 || len(l.ps[0].fold) > 1 {
			continue // a group of several-word terms is a meaning ("sổ đỏ", "giấy chứng nhận…"), not a spelling
		}
		sg := synGroup{first: l.ps[0]}
		for _, t := range g[1:] {
			if t = textnorm.Normalize(t); t != "" {
				sg.others = append(sg.others, t)
			}
		}
		byFirst[sg.first.fold[0]] = append(byFirst[sg.first.fold[0]], sg)
	}
	seen := map[string]bool{}
	add := func(s string, from int) {
		k := textnorm.Fold(textnorm.Normalize(s))
		if k == "" || seen[k] {
			return
		}
		seen[k] = true
		all, origin = append(all, s), append(origin, from)
	}
	for i, c := range cues {
		add(c, i)
	}
	for i, c := range cues {
		n := textnorm.Normalize(c)
		w, marked := wordsOf(n), textnorm.HasDiacritics(n)
		forms := []string{""}
		for at := 0; at < len(w.fold); {
			// The longest first term starting here. A cue written with diacritics is read as
			// written ("tai nạn" is not "tải"); one without, as folded.
			var best synGroup
			n := 0
			for _, g := range byFirst[w.fold[at]] {
				if len(g.first.fold) > n && startsWith(w, at, g.first, marked) {
					best, n = g, len(g.first.fold)
				}
			}
			if n == 0 {
				n = 1
			}
			own := strings.Join(w.exact[at:at+n], " ")
			var next []string
			for _, f := range forms {
				next = append(next, f+" "+own)
				for _, o := range best.others {
					if len(next) >= maxVariants {
						break
					}
					next = append(next, f+" "+o)
				}
			}
			forms, at = next, at+n
		}
		for _, f := range forms {
			add(strings.TrimSpace(f), i)
		}
	}
	return all, origin
}

// startsWith reports whether p's words are w's from at: with diacritics when marked, else folded.
func startsWith(w words, at int, p phrase, marked bool) bool {
	ws, ps := w.fold, p.fold
	if marked {
		ws, ps = w.exact, p.exact
		if ps == nil {
			ps = p.fold
		}
	}
	return at+len(ps) <= len(ws) && slices.Equal(ws[at:at+len(ps)], ps)
}
