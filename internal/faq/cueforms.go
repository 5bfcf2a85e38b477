package faq

import (
	"strings"

	"github.com/vneidbot/vneidbot/internal/textnorm"
)

// maxCueForms bounds the forms one off-topic cue takes through the synonym groups.
const maxCueForms = 32

// Spellings are the synonym groups (synonyms.yaml) whose first term is one word, by that word
// folded: "không" → "ko", "k", "hok"…; "được" → "dc", "đc". Off-topic cues are read through them
// (see Forms), so staff write a cue once, in its clear form. Groups whose first term is several
// words hold meanings ("sổ đỏ", "giấy chứng nhận quyền sử dụng đất") whose cues staff choose one
// by one, so they are left out.
type Spellings map[string]spelling

type spelling struct {
	first  string   // the group's first term, normalised
	others []string // the other terms, normalised
}

// NewSpellings reads the one-word groups of groups.
func NewSpellings(groups [][]string) Spellings {
	sp := Spellings{}
	for _, g := range groups {
		if len(g) < 2 {
			continue
		}
		first := textnorm.Normalize(g[0])
		f := Fold(first)
		if len(f) != 1 {
			continue
		}
		s := spelling{first: first}
		for _, t := range g[1:] {
			if t = textnorm.Normalize(t); t != "" {
				s.others = append(s.others, t)
			}
		}
		if _, dup := sp[f[0]]; !dup { // synonyms.yaml: a term is in one group only
			sp[f[0]] = s
		}
	}
	return sp
}

// Forms returns cues followed by their other forms: "không trả lương" is also "ko trả lương" and
// "k trả lương". origin[i] is the index in cues of the cue the i-th form comes from. Only a group's
// first term is replaced, so a short form with other meanings ("ca" for công an, a work shift in
// "tăng ca") never is. A cue written with diacritics is read as written ("tai nạn" holds no
// "tải"); one without, folded. A cue in asIs (words.yaml unmarked_readings, by its folded words
// joined with spaces) keeps its one form: its doubt is read from the form written there. Forms
// are told apart by their normalised text: "vé số" and "về số" are two cues.
func (sp Spellings) Forms(cues []string, asIs func(folded string) bool) (all []string, origin []int) {
	seen := map[string]bool{}
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
		for _, f := range sp.formsOf(c, asIs) {
			add(f, i)
		}
	}
	return all, origin
}

// formsOf returns the other forms of one cue, at most maxCueForms−1 of them.
func (sp Spellings) formsOf(cue string, asIs func(folded string) bool) []string {
	n := textnorm.Normalize(cue)
	exact := textnorm.Tokens(n)
	fold := make([]string, len(exact))
	for i, x := range exact {
		fold[i] = textnorm.Fold(x)
	}
	if asIs != nil && asIs(strings.Join(fold, " ")) {
		return nil
	}
	marked := textnorm.HasDiacritics(n)
	forms := []string{""}
	for at := range fold {
		s, ok := sp[fold[at]]
		if ok && marked && exact[at] != s.first {
			ok = false
		}
		next := make([]string, 0, len(forms))
		for j, f := range forms {
			// The forms so far each keep the cue's word; the others take a spelling while the
			// bound allows, so the count never passes maxCueForms.
			next = append(next, f+" "+exact[at])
			for _, o := range s.others {
				if !ok || len(next)+len(forms)-j-1 >= maxCueForms {
					break
				}
				next = append(next, f+" "+o)
			}
		}
		forms = next
	}
	out := make([]string, 0, len(forms)-1)
	for _, f := range forms[1:] { // forms[0] is the cue itself
		out = append(out, strings.TrimSpace(f))
	}
	return out
}

// CaseForms are the phrases a message is searched for to call a case: its when phrases and their
// one-word spellings ("không" is also "ko"; see Spellings.Forms). Groups of meanings are left
// out: near enough for search, not for a rule said to one situation ("bẻ thẻ", broken on
// purpose, is in the group of "thẻ bị mờ"). The engine and lint read cases through this alone.
func (sp Spellings) CaseForms(when []string) []string {
	forms, _ := sp.Forms(when, nil)
	return forms
}
