package answer

import (
	"context"
	"slices"
	"sort"
	"strings"

	"github.com/vneidbot/vneidbot/internal/faq"
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
	whole    string      // every clause but small talk, in order
	question string      // the clauses that ask; "" when the message is one clause, or every clause asks
	last     string      // the last clause, when there are several
	clauses  []string    // every clause but small talk, in order
	asking   []askClause // the clauses that ask, as typed and as read: the second-question search cuts them (see parts)
	asks     bool        // some clause asks (a cue, a question mark, a question ending)
	// listed: the first item of a numbered list typed in one line, read with what comes before
	// the list and the story told after it ("con em 10 tuổi, cho em hỏi: 1. làm thẻ cần gì 2. …" →
	// "con em 10 tuổi . cho em hỏi . làm thẻ cần gì"); "" unless two or more items ask, or when a
	// clause after the list asks (the question is there: "lần 1) … lần 2) … Giờ mất thẻ thì sao?")
	listed string
}

// focus reads clean (personal data already masked out) into its focus. all is
// wordsOf(textnorm.Normalize(clean)), which read already has: a clause that is the whole of
// clean (most messages are one) is not normalised and split again.
func (lx *lexicon) focus(clean string, all words) focus {
	type clause struct {
		text       string
		asks, item bool
	}
	var kept []clause
	var f focus
	lastAsking := -1          // where among kept the last asking clause is
	firstItem, items := -1, 0 // where among kept the first asking item is, and how many ask
	for _, c := range textnorm.Clauses(clean, maxClauses, false) {
		w := words{exact: all.exact, fold: all.fold}
		if c.Text != clean {
			w = wordsOf(textnorm.Normalize(c.Text))
		}
		drop := make([]bool, len(w.fold))
		for _, l := range []phraseList{lx.smalltalk, lx.venting} {
			w.each(l, func(k, at int) {
				for i := at; i < at+len(l.ps[k].fold); i++ {
					drop[i] = true
				}
			})
		}
		var rest words
		for i := range w.fold {
			if !drop[i] {
				rest.exact, rest.fold = append(rest.exact, w.exact[i]), append(rest.fold, w.fold[i])
			}
		}
		if len(rest.fold) == 0 {
			continue // a clause of small talk or venting only: "chào ad", "cảm ơn ạ", "bực mình thật"
		}
		ends := c.Asks || lx.endsWith(rest, lx.endings)
		asks := ends || rest.hasAny(lx.cues)
		kept = append(kept, clause{text: strings.Join(rest.exact, " "), asks: asks, item: c.Item})
		if asks {
			f.asking = append(f.asking, askClause{typed: c.Text, read: kept[len(kept)-1].text, ends: ends, marked: c.Asks, item: c.Item})
			lastAsking = len(kept) - 1
			if c.Item {
				if items++; firstItem < 0 {
					firstItem = len(kept) - 1
				}
			}
		}
	}
	if n := len(f.asking); n > 0 {
		f.asking[n-1].last = lastAsking == len(kept)-1
	}
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
	f.clauses = texts
	if items >= 2 {
		end := len(kept) // after the list's last item: the story told after it, unless it asks
		for end > 0 && !kept[end-1].item {
			end--
		}
		if !slices.ContainsFunc(kept[end:], func(c clause) bool { return c.asks }) {
			f.listed = strings.Join(append(slices.Clone(texts[:firstItem+1]), texts[end:]...), " . ")
		}
	}
	if len(kept) > 1 {
		f.last = kept[len(kept)-1].text
	}
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

// askClause is a clause that asks, as typed (commas kept) and as read (small talk out).
type askClause struct {
	typed, read string
	// ends: the clause ends as a question (a question mark or a question ending of words.yaml),
	// not only holds a cue somewhere; a cue at its end is read where needed (Engine.mixedAsk)
	ends bool
	// marked: the clause ended with a question mark; item: it follows a number of a list typed
	// in one line; last: it is the message's last clause (small talk aside)
	marked, item, last bool
}

// askPart is a part of what a message asks (parts): its words as read, and whether the citizen
// set it apart as a question of its own: the one asking part of a clause ending with "?" or of a
// numbered item (a clause whose commas cut it into several asking parts sets none apart).
type askPart struct {
	text  string
	apart bool
}

// parts are the asking clauses, each cut at its commas into the parts that ask on their own
// ("báo mất ở đâu, có cần khóa VNeID không, làm lại có phải về quê không"), a clause whose parts
// do not ask apart kept whole as read: nil unless two or more ask. Only the second-question
// search reads them (Engine.alsoAsked), so the cutting waits until it is needed.
func (lx *lexicon) parts(asking []askClause) []askPart {
	// A message that marks a question with "?" marks its questions: its other clauses tell
	// ("…không tự đi lại giấy tờ được, đến giờ chưa làm CCCD lần nào. Tôi là chị ruột có đứng ra
	// làm giùm được không?": "chưa … lần nào" is the story; usability test 14), but for its last
	// clause, where a final "?" is often left out.
	marks := slices.ContainsFunc(asking, func(c askClause) bool { return c.marked })
	var out []askPart
	for _, c := range asking {
		if marks && !c.marked && !c.last && !c.item {
			continue
		}
		n := len(out)
		if strings.Contains(c.typed, ",") {
			for _, p := range textnorm.Clauses(c.typed, maxClauses, true) {
				if w := wordsOf(textnorm.Normalize(p.Text)); p.Asks || lx.asks(w) {
					out = append(out, askPart{text: strings.Join(w.exact, " ")})
				}
			}
		}
		if len(out) == n+1 {
			// One part asks: it is the question set apart, read without the clause's story (the
			// story is what makes a rhetorical "…thế mà sao vẫn bắt đăng ký VNeID nữa?" match).
			out[n].apart = c.marked || c.item
		}
		if len(out) == n {
			out = append(out, askPart{text: c.read, apart: c.marked || c.item})
		}
	}
	if len(out) < 2 {
		return nil
	}
	return out
}

// LastClause returns a reader of a message's last clause of at least minWords telling words (not
// stopwords: a follow-up such as "tôi phải làm sao" or "có thật không ạ" names no entry), read as
// the engine reads it (personal data masked, small talk dropped; see focus): "" when that is the
// message's first clause. The learned model is taught the last clauses of long examples as
// examples of their own (package kb): citizens ask last ("…, xin cảm ơn" aside), and the engine
// searches a long message's question apart.
func LastClause(set *faq.Set, minWords int) func(string) string {
	lx := newLexicon(set.Words, set.OffTopic, set.Synonyms.Groups)
	return func(text string) string {
		_, _, clean := masked(clip(text))
		cs := lx.focus(clean, wordsOf(textnorm.Normalize(clean))).clauses // read's focus, without the rest of read
		for i := len(cs) - 1; i > 0; i-- {
			if lx.telling(wordsOf(textnorm.Normalize(cs[i]))) >= minWords {
				return cs[i]
			}
		}
		return ""
	}
}

// asks reports whether a clause holds a question cue, or ends with a question ending ("không",
// "chưa", "ko") followed by at most two stopwords ("ạ", "nhé", "ad"). Cues are matched as every
// word list is (see words.at): "đâu" (where) is not "đầu" (first), nor "mấy" "máy" (phone).
func (lx *lexicon) asks(w words) bool {
	return w.hasAny(lx.cues) || lx.endsWith(w, lx.endings)
}

// endsWith reports whether w ends with a phrase of l, a few stopwords aside ("… được không ạ").
func (lx *lexicon) endsWith(w words, l phraseList) bool {
	end := len(w.fold)
	for cut := 0; cut <= 2 && end > 0; cut++ {
		for _, e := range l.ps {
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
	if q.Words < e.st.QuestionMinWords {
		return whole, nil // a short follow-up ("có nên làm theo không") leans on the story
	}
	anchored := false
	for _, h := range q.Hits {
		anchored = anchored || h.Anchored
	}
	if !anchored {
		return whole, nil
	}
	b := blendFound(q, whole, e.st.QuestionWeight)
	if q.OffTopic > 0 { // q.Hits is not empty: some hit is anchored
		top := q.Hits[0].Class
		for _, h := range q.Hits[1:] {
			top = max(top, h.Class)
		}
		b.QuestionOff = max(0, q.OffTopic-top)
	}
	return b, nil
}

// blendFound lifts the whole message's hits by what they share with the question (weight w):
// each share (coverage, phrase) moves w of the way from its whole-message value towards 1 in
// proportion to the question's, and the search score (each list scaled so its best is 1) gains
// w times the question's. An entry found only for the question starts from 0. Entries the
// question does not match keep their values, so the story's order below the top is kept.
func blendFound(q, whole Found, w float64) Found {
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
	out := Found{Words: whole.Words, Known: whole.Known, Hits: make([]Hit, 0, len(whole.Hits)+len(q.Hits)),
		OffTopic: whole.OffTopic, Risk: whole.Risk}
	at := map[string]int{}
	tw := top(whole.Hits)
	for _, h := range whole.Hits {
		h.Score /= tw
		at[h.ID] = len(out.Hits)
		out.Hits = append(out.Hits, h)
	}
	tq := top(q.Hits)
	for _, h := range q.Hits {
		i, ok := at[h.ID]
		if !ok {
			i = len(out.Hits)
			out.Hits = append(out.Hits, Hit{ID: h.ID})
		}
		b := &out.Hits[i]
		b.Coverage += w * h.Coverage * (1 - b.Coverage)
		b.Phrase += w * h.Phrase * (1 - b.Phrase)
		b.Class += w * h.Class * (1 - b.Class)
		b.Fit += w * h.Fit * (1 - b.Fit)
		b.Score += w * h.Score / tq
		b.Anchored = b.Anchored || h.Anchored
	}
	sortHits(out.Hits)
	return out
}

func sortHits(hs []Hit) {
	sort.SliceStable(hs, func(i, j int) bool { return hs[i].Score > hs[j].Score })
}
