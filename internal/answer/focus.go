package answer

import (
	"context"
	"sort"
	"strings"

	"github.com/vneidbot/vneidbot/internal/textnorm"
)

// Long messages: citizens often tell their situation over several sentences and ask at the end
// ("chào ad, em mất ví hôm qua, trong ví có cccd… giờ em phải làm gì ạ, cảm ơn ad"). The focus
// step removes the small talk, splits the rest into clauses and finds the clauses that ask. The
// search then runs twice, on the whole message and on the question, and each candidate's scores
// are blended with Settings.QuestionWeight, so the question outweighs the story.

// maxClauses bounds the work on a very long message; the rest joins the last clause.
const maxClauses = 24

// focus is a message without small talk, and the part of it that asks.
type focus struct {
	whole    string // every clause but small talk, in order
	question string // the clauses that ask; "" when the message is one clause, or every clause asks
	asks     bool   // some clause asks (a cue, a question mark, a question ending)
}

// focus reads clean (personal data already masked out) into its focus.
func (lx *lexicon) focus(clean string) focus {
	type clause struct {
		text string
		asks bool
	}
	var kept []clause
	for _, c := range textnorm.Clauses(clean, maxClauses, false) {
		w := wordsOf(textnorm.Normalize(c.Text))
		drop := make([]bool, len(w.fold))
		for _, p := range lx.smalltalk {
			for _, at := range w.find(p.phrase) {
				for i := at; i < at+len(p.fold); i++ {
					drop[i] = true
				}
			}
		}
		var rest words
		for i := range w.fold {
			if !drop[i] {
				rest.exact, rest.fold = append(rest.exact, w.exact[i]), append(rest.fold, w.fold[i])
			}
		}
		if len(rest.fold) == 0 {
			continue // a clause of small talk only: "chào ad", "cảm ơn ạ"
		}
		kept = append(kept, clause{text: strings.Join(rest.exact, " "), asks: c.Asks || lx.asks(rest)})
	}
	var f focus
	texts := make([]string, len(kept))
	var q []string
	for i, c := range kept {
		texts[i] = c.text
		if c.asks {
			q = append(q, c.text)
			f.asks = true
		}
	}
	f.whole = strings.Join(texts, " . ")
	switch {
	case len(kept) <= 1, len(q) == len(kept):
		// one clause, or every clause asks: nothing to weigh
	case len(q) == 0:
		f.question = kept[len(kept)-1].text // no cue: citizens ask last
	default:
		f.question = strings.Join(q, " . ")
	}
	return f
}

// asks reports whether a clause holds a question cue, or ends with a question ending ("không",
// "chưa", "ko") followed by at most two stopwords ("ạ", "nhé", "ad"). Cues are matched as every
// word list is (see words.at): "đâu" (where) is not "đầu" (first), nor "mấy" "máy" (phone).
func (lx *lexicon) asks(w words) bool {
	if w.hasAny(lx.cues) {
		return true
	}
	end := len(w.fold)
	for cut := 0; cut <= 2 && end > 0; cut++ {
		for _, e := range lx.endings {
			if w.at(e, end-len(e.fold)) {
				return true
			}
		}
		if !lx.stop[w.fold[end-1]] {
			break
		}
		end--
	}
	return false
}

// find searches for a message's focus: the whole message, and, when one part of it asks, that
// part too, blending the two. Without a question, or when the question names no topic of its own
// (no candidate shares a telling word with it: "giờ phải làm sao ạ"), the whole message decides.
func (e *Engine) find(ctx context.Context, f focus) (Found, error) {
	whole, err := e.search.Search(ctx, f.whole, e.st.Candidates)
	if err != nil || f.question == "" || e.st.QuestionWeight <= 0 {
		return whole, err
	}
	q, err := e.search.Search(ctx, f.question, e.st.Candidates)
	if err != nil {
		return Found{}, err
	}
	anchored := false
	for _, h := range q.Hits {
		anchored = anchored || h.Anchored
	}
	if !anchored {
		return whole, nil
	}
	return blendFound(q, whole, e.st.QuestionWeight), nil
}

// blendFound merges the hits of the question (weight w) and of the whole message (1-w): coverage
// and phrase shares are blended as they are (both 0..1); search scores after scaling each list so
// its best is 1. An entry missing from one list scores 0 there. The words counted are the whole
// message's.
func blendFound(q, whole Found, w float64) Found {
	type acc struct {
		hit   Hit
		order int
	}
	top := func(hs []Hit) float64 {
		t := 0.0
		for _, h := range hs {
			t = max(t, h.Score)
		}
		if t == 0 {
			return 1
		}
		return t
	}
	byID := map[string]*acc{}
	var order []string
	add := func(hs []Hit, weight float64) {
		t := top(hs)
		for _, h := range hs {
			a, ok := byID[h.ID]
			if !ok {
				a = &acc{hit: Hit{ID: h.ID}, order: len(order)}
				byID[h.ID] = a
				order = append(order, h.ID)
			}
			a.hit.Score += weight * h.Score / t
			a.hit.Coverage += weight * h.Coverage
			a.hit.Phrase += weight * h.Phrase
			a.hit.Anchored = a.hit.Anchored || h.Anchored
		}
	}
	add(q.Hits, w)
	add(whole.Hits, 1-w)
	out := Found{Words: whole.Words, Known: whole.Known, Hits: make([]Hit, 0, len(order))}
	for _, id := range order {
		out.Hits = append(out.Hits, byID[id].hit)
	}
	sortHits(out.Hits)
	return out
}

func sortHits(hs []Hit) {
	sort.SliceStable(hs, func(i, j int) bool { return hs[i].Score > hs[j].Score })
}
