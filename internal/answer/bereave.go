package answer

import (
	"github.com/vneidbot/vneidbot/internal/faq"
	"github.com/vneidbot/vneidbot/internal/textnorm"
)

// bereavement finds a relative's death told in a message (words.yaml bereavement): the reply
// then starts with bot.yaml condolence.
type bereavement struct {
	kin, kinOwned, owners, between phraseList
	died, lost, after, unless      phraseList
	since, about                   phraseList
	of                             phraseList
}

func newBereavement(b faq.Bereavement) bereavement {
	return bereavement{
		kin: phrases(b.Kin), kinOwned: phrases(b.KinOwned), owners: phrases(b.Owners), between: phrases(b.Between),
		died: phrases(b.Died), lost: phrases(b.Lost), after: phrases(b.After), unless: phrases(b.Unless),
		since: phrases(b.Since), about: phrases(b.About), of: phrases(b.Of),
	}
}

// mayTell reports whether w holds both a word that starts a relative and one that starts a death:
// most messages do not ("em", "con" are everywhere; "mất" less so), and are not split.
func (b bereavement) mayTell(w words) bool {
	kin, died := false, false
	for _, f := range w.fold {
		kin = kin || len(b.kin.first[f]) > 0 || len(b.kinOwned.first[f]) > 0
		died = died || len(b.died.first[f]) > 0 || len(b.lost.first[f]) > 0
		if kin && died {
			return true
		}
	}
	return false
}

// told reports a death told in one of pieces (the message between commas and sentence ends)
// with none of unless: a relative, then its owner and words such as "vừa", then a word for dying; "mất", also "to
// lose", only at the end of the piece or before one of after ("mất hôm rằm", not "mất ví").
func (b bereavement) told(pieces []words) bool {
	for _, w := range pieces {
		if w.hasAny(b.unless) {
			continue // "nếu bố mẹ mất thì…": supposed, not told
		}
		for i := range w.fold {
			if b.toldAt(w, i) {
				return true
			}
		}
	}
	return false
}

func (b bereavement) toldAt(w words, i int) bool {
	if i > 0 && endsAt(b.of, w, i) {
		return false // "thẻ của bố tôi mất rồi": the relative owns what was lost
	}
	j := i
	if n := longest(b.kin, w, j); n > 0 {
		j += n
		j += longest(b.owners, w, j) // "bố tôi", "bố" alike
	} else if n := longest(b.kinOwned, w, j); n > 0 {
		o := longest(b.owners, w, j+n) // "con tôi"; "con" alone is the speaker
		if o == 0 {
			return false
		}
		j += n + o
	} else {
		return false
	}
	for range 2 { // "vừa", "đã", "đột ngột"
		n := longest(b.between, w, j)
		if n == 0 {
			break
		}
		j += n
	}
	if longest(b.died, w, j) > 0 {
		return true
	}
	if n := longest(b.lost, w, j); n > 0 {
		k := j + n
		if k == len(w.fold) {
			return true
		}
		if s := longest(b.since, w, k); s > 0 {
			// "mất được 2 tháng rồi": được, đc lead to the time since the death and tell one only
			// before one of after; "thẻ bố em mất được cấp lại không" is passive (a lost card).
			k += s
			return k < len(w.fold) && b.afterLost(w, k)
		}
		return b.afterLost(w, k)
	}
	return false
}

// afterLost reports whether the words from k on, right after "mất" (or after "mất được"), tell a
// death: one of after there ("mất hôm rằm", "mất rồi", not "mất ví").
func (b bereavement) afterLost(w words, k int) bool {
	k += longest(b.about, w, k) // "mất khoảng 3 tháng nay": the count that follows decides
	if k+1 < len(w.fold) && textnorm.IsDigits(w.fold[k]) {
		// "mất được 49 ngày rồi": a number the count list does not hold, before one of after
		// ("ngày"), is a count too; "mất 200 nghìn" is no count.
		if u := longest(b.after, w, k+1); u > 0 {
			return b.countEnds(w, k+1+u)
		}
		return false
	}
	a := longest(b.after, w, k)
	if a > 1 && longest(b.after, w, k+a-1) > 0 {
		// A count of time ("2 tháng": more than one word, ending in one of after) also tells time
		// spent ("mẹ em mất 2 tuần mới kích hoạt được"): a death only at the end of the piece or
		// before another of after ("mất 2 tháng rồi").
		return b.countEnds(w, k+a)
	}
	return a > 0
}

// countEnds reports whether a count of time ending before word end tells the time since a death:
// it ends the piece or one of after follows ("mất 2 tháng rồi", not "mất 2 tuần mới kích hoạt").
func (b bereavement) countEnds(w words, end int) bool {
	return end == len(w.fold) || longest(b.after, w, end) > 0
}

// endsAt reports a phrase of l that ends right before word i of w.
func endsAt(l phraseList, w words, i int) bool {
	longestPhrase := 0
	for _, p := range l.ps {
		longestPhrase = max(longestPhrase, len(p.fold))
	}
	for start := max(0, i-longestPhrase); start < i; start++ {
		if longest(l, w, start) == i-start {
			return true
		}
	}
	return false
}

// longest is the length in words of the longest phrase of l at word i of w, 0 for none.
func longest(l phraseList, w words, i int) int {
	if i >= len(w.fold) {
		return 0
	}
	best := 0
	for _, k := range l.first[w.fold[i]] {
		if p := l.ps[k]; len(p.fold) > best && w.at(p, i) {
			best = len(p.fold)
		}
	}
	return best
}
