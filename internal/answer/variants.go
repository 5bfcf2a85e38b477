package answer

import (
	"strings"

	"github.com/vneidbot/vneidbot/internal/textnorm"
)

// maxVariants bounds the forms one cue takes through the synonym groups.
const maxVariants = 32

// spellings are the synonym groups (synonyms.yaml) whose first term is one word, by that word
// folded: "không" → "ko", "k", "hok"…; "được" → "dc", "đc". Cues of offtopic.yaml are read through
// them (see expand). Groups whose first term is several words hold meanings ("sổ đỏ", "giấy chứng
// nhận quyền sử dụng đất"), whose cues staff choose one by one, so they are left out.
type spellings map[string]spelling

type spelling struct {
	first  phrase   // the group's first term, its clearest form
	others []string // the other terms, normalised
}

func newSpellings(groups [][]string) spellings {
	sp := spellings{}
	for _, g := range groups {
		if len(g) < 2 {
			continue
		}
		l := phrases(g[:1])
		if len(l.ps) == 0 || len(l.ps[0].fold) > 1 {
			continue
		}
		s := spelling{first: l.ps[0]}
		for _, t := range g[1:] {
			if t = textnorm.Normalize(t); t != "" {
				s.others = append(s.others, t)
			}
		}
		if _, dup := sp[s.first.fold[0]]; !dup { // synonyms.yaml: a term is in one group only
			sp[s.first.fold[0]] = s
		}
	}
	return sp
}

// expand returns cues followed by their other forms: "không trả lương" is also "ko trả lương" and
// "k trả lương". origin[i] is the index in cues of the cue the i-th phrase comes from. Only a
// group's first term is replaced, so a short form with other meanings ("ca" for công an, a work
// shift in "tăng ca") never is. A cue written with diacritics is read as written ("tai nạn" holds
// no "tải"); one without, folded. Staff write a cue once, in its clear form, and the phone-style
// forms the search reads follow. A cue in asIs (words.yaml unmarked_readings, by its folded words)
// keeps its one form: its doubt is read from the form written there.
func (sp spellings) expand(cues []string, asIs map[string]phraseList) (all []string, origin []int) {
	seen := map[string]bool{} // by the normalised text: "vé số" and "về số" are two cues
	add := func(s string, from int) {
		k := textnorm.Normalize(s)
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
		if _, ok := asIs[strings.Join(w.fold, " ")]; ok {
			continue
		}
		forms := []string{""}
		for at := range w.fold {
			s, ok := sp[w.fold[at]]
			if ok && marked && w.exact[at] != firstExact(s.first) {
				ok = false
			}
			next := make([]string, 0, len(forms))
			for j, f := range forms {
				next = append(next, f+" "+w.exact[at])
				if !ok {
					continue
				}
				for _, o := range s.others {
					// Room is kept for the forms still to come, each of which takes its own word:
					// without it the cap held per word, and a cue with several expandable words
					// grew past it (37, 65, 93 forms for two, three, four "không" of 8 spellings).
					if len(next)+len(forms)-j-1 >= maxVariants {
						break
					}
					next = append(next, f+" "+o)
				}
			}
			forms = next
		}
		for _, f := range forms[1:] { // forms[0] is the cue itself
			add(strings.TrimSpace(f), i)
		}
	}
	return all, origin
}

// firstExact is the word of a one-word phrase as written (with its diacritics, if any).
func firstExact(p phrase) string {
	if p.exact != nil {
		return p.exact[0]
	}
	return p.fold[0]
}
