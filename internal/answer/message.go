package answer

import (
	"context"
	"maps"
	"slices"
	"strings"
	"unicode"

	"github.com/vneidbot/vneidbot/internal/faq"
	"github.com/vneidbot/vneidbot/internal/pii"
	"github.com/vneidbot/vneidbot/internal/textnorm"
)

// This file reads a message before any ranking: what is personal (pii), what is small talk,
// what is a risk (scam, do-for-me, the safety rules of words.yaml), which neighbouring matter it
// is about (offtopic.yaml), and which part of it asks (focus.go). All phrases come from content.

// lexicon is the word lists of one FAQ snapshot, folded once.
type lexicon struct {
	smalltalk phraseList
	smallKind []string   // greeting, thanks, goodbye, about_bot or ack, for each phrase of smalltalk
	cues      phraseList // question cues
	endings   phraseList // question cues that count only at the end of a clause (question_endings)
	below     phraseList // words by which a paragraph points at the rest of its answer (points_below)
	pieceOpen phraseList // words a step's part does not lead with when they open it (piece_openers)
	// scamTold is words.yaml scam with scam_together's combinations, read as a safety rule is;
	// theftTold is scam_theft with scam_theft_together's, a scam of its own warning.
	scamTold, theftTold safetyRule
	own                 phraseList // words.yaml own_subjects
	// riskSubj is words.yaml own_subjects and risk_subjects with every spelling synonyms.yaml
	// gives them ("password" for "mật khẩu"); nil when risk_subjects is empty.
	riskSubj     phraseList
	ownProc      phraseList // words.yaml own_procedures
	wantBefore   phraseList // words.yaml want_before
	doneBefore   phraseList // words.yaml done_before: right before a procedure, it is told as done
	doneAfter    phraseList // words.yaml done_after: a few words after a procedure, the same
	doForMe      phraseList
	doers        phraseList      // who does it, named right before a do-for-me phrase ("người nhà")
	doersNot     phraseList      // between a doer and the phrase: someone has not done it ("chưa")
	forMe        phraseList      // words for the writer ("tôi", "em") after a do-for-me phrase
	botNames     phraseList      // words naming the bot ("bot", "ad", "bạn làm")
	botDoes      phraseList      // the bot named as the one doing ("bạn nộp", "ad đăng ký")
	openers      phraseList      // "ad ơi", "cho em hỏi": alone, a greeting
	praise       phraseList      // "dễ hiểu quá": alone, thanked
	frustration  phraseList      // "chờ mãi", "bực mình quá": bot.yaml sorry first
	venting      phraseList      // "bực mình thật", "làm ăn kiểu gì": left out of what is searched, as small talk is
	bereaved     bereavement     // "mẹ tôi vừa mất": bot.yaml condolence first
	asked        []askedItem     // words.yaml asked_items: what a question asks for besides its procedure
	followUps    map[string]bool // "vậy", "thế": a short message opening so leans on an earlier answer
	please       phraseList      // "giúp tôi": a request only after botDoes
	compounds    phraseList      // nouns that cancel a do-for-me match they overlap ("hộ chiếu")
	riskNouns    phraseList      // nouns a risk phrase may run into ("làm hộ" + "hộ chiếu"): words.yaml risk_compounds
	attach       phraseList      // placeholders for what is not text ("[hình ảnh]")
	foreign      map[string]bool // English function words, not Vietnamese without marks ("how", "you")
	ackEmoji     map[rune]bool   // emoji that acknowledge (words.yaml ack_emoji)
	stop         map[string]bool // folded single-word stopwords
	safety       []safetyRule
	offTopic     []offTopic
	togetherSpan int // Settings.TogetherSpan
	// starts holds the folded first word of every phrase of every list above: a message word
	// not in it starts no phrase, so reading a message looks each word up once, not per list.
	starts map[string]bool

	readings map[string]phraseList // words.yaml unmarked_readings by the cue's folded words
}

// withSynonyms returns phrases with every term of each synonyms.yaml group that holds one of
// them whole (compared folded), each once. Not faq.Spellings.Forms, which rewrites words inside
// a cue and leaves out the groups of several-word terms: a subject is one term, and "cmt" is
// "chứng minh nhân dân" only through such a group.
func withSynonyms(phrases []string, groups [][]string) []string {
	key := func(s string) string { return strings.Join(faq.Fold(s), " ") }
	seen := map[string]bool{}
	var out []string
	add := func(s string) {
		if k := key(s); k != "" && !seen[k] {
			seen[k] = true
			out = append(out, s)
		}
	}
	for _, p := range phrases {
		add(p)
	}
	for _, g := range groups {
		if slices.ContainsFunc(g, func(t string) bool { return seen[key(t)] }) {
			for _, t := range g {
				add(t)
			}
		}
	}
	return out
}

type safetyRule struct {
	flag     string
	phrases  phraseList
	together [][]phraseList // combinations: one phrase of every group triggers the rule too
	personal []pii.Kind     // kinds of personal data that trigger the rule too
	unless   phraseList     // the lawful case the warning would contradict: no firing from phrases or together (faq.SafetyRule.Unless)
	ours     bool           // its subject is ours: the off-topic model does not veto (faq.SafetyRule.Ours)
	covers   []string       // flags of rules whose warning this one's message already says (faq.SafetyRule.Covers)
	message  string
}

// fires reports whether the rule applies to a message of words w, sentences clauses (each read
// apart) and personal data kinds. A together combination counts inside one sentence (an ad runs
// on over commas: "em có 5 acc vneid mức 2, ai lấy ib"), its phrases apart from each other and
// within span words from the first to the last: words of a story in another sentence ("… người
// thuê …. Đăng ký tạm trú ở đâu?") never pair with the question's. The unless phrases are read
// only for a message the rule's words caught, not for every message.
func (s safetyRule) fires(w words, clauses func() []words, kinds []pii.Kind, span int) bool {
	if slices.ContainsFunc(s.personal, func(k pii.Kind) bool { return slices.Contains(kinds, k) }) {
		return true
	}
	return s.caught(w, clauses, span) && !w.hasAny(s.unless)
}

// caught reports whether the rule's phrases or one of its together combinations are in the message.
func (s safetyRule) caught(w words, clauses func() []words, span int) bool {
	if w.hasAny(s.phrases) {
		return true
	}
	for _, combo := range s.together {
		if slices.ContainsFunc(combo, func(g phraseList) bool { return !w.hasAny(g) }) {
			continue // most messages: a group missing from the whole message, no sentence read
		}
		for _, c := range clauses() {
			if together(c, combo, span) {
				return true
			}
		}
	}
	return false
}

// together reports one phrase of every group of combo in w, none overlapping another, all
// within span words.
func together(w words, combo []phraseList, span int) bool {
	type at struct{ from, to int }
	found := make([][]at, len(combo))
	for g, l := range combo {
		w.each(l, func(k, i int) { found[g] = append(found[g], at{i, i + len(l.ps[k].fold)}) })
		if len(found[g]) == 0 {
			return false
		}
	}
	pick := make([]at, len(combo))
	var try func(g int) bool
	try = func(g int) bool {
		if g == len(combo) {
			lo, hi := pick[0].from, pick[0].to
			for _, p := range pick[1:] {
				lo, hi = min(lo, p.from), max(hi, p.to)
			}
			return hi-lo <= span
		}
		for _, a := range found[g] {
			if slices.ContainsFunc(pick[:g], func(p at) bool { return a.from < p.to && p.from < a.to }) {
				continue
			}
			pick[g] = a
			if try(g + 1) {
				return true
			}
		}
		return false
	}
	return try(0)
}

type offTopic struct {
	id       string
	cues     phraseList // the topic's cues, then their forms through the synonym groups
	origin   []int      // for each phrase of cues (by its from), the cue it comes from
	message  string
	keepsOwn bool // faq.OffTopic.KeepsOwn
}

// newOffTopic reads a neighbouring matter of offtopic.yaml, its cues through sp (but those of
// readings, see faq.Spellings.Forms).
func newOffTopic(t faq.OffTopic, sp faq.Spellings, readings map[string]phraseList) offTopic {
	cues, origin := sp.Forms(t.Cues, func(k string) bool { _, ok := readings[k]; return ok })
	return offTopic{id: t.ID, cues: phrases(cues), origin: origin, message: t.Message, keepsOwn: t.KeepsOwn}
}

func newLexicon(w faq.Words, topics []faq.OffTopic, synonyms [][]string) lexicon {
	var lx lexicon
	var all, kinds []string
	for _, l := range []struct {
		kind string
		list []string
	}{{"greeting", w.Greetings}, {"thanks", w.Thanks}, {"goodbye", w.Goodbyes}, {"about_bot", w.AboutBot}, {"ack", w.Acks}} {
		for _, s := range l.list {
			all = append(all, s)
			kinds = append(kinds, l.kind)
		}
	}
	lx.smalltalk = phrases(all)
	for _, i := range lx.smalltalk.from {
		lx.smallKind = append(lx.smallKind, kinds[i])
	}
	lx.cues = phrases(w.QuestionCues)
	lx.endings = phrases(w.QuestionEndings)
	lx.below = phrases(w.PointsBelow)
	lx.pieceOpen = phrases(w.PieceOpeners)
	lx.scamTold = scamRule(w.Scam, w.ScamTogether)
	lx.theftTold = scamRule(w.ScamTheft, w.ScamTheftTogether)
	lx.own = phrases(w.OwnSubjects)
	if len(w.RiskSubjects) > 0 {
		lx.riskSubj = phrases(withSynonyms(append(slices.Clone(w.OwnSubjects), w.RiskSubjects...), synonyms))
	}
	lx.ownProc = phrases(w.OwnProcedures)
	lx.doneBefore, lx.doneAfter = phrases(w.DoneBefore), phrases(w.DoneAfter)
	lx.wantBefore = phrases(w.WantBefore)
	lx.doForMe = phrases(w.DoForMe)
	lx.doers, lx.forMe, lx.botNames = phrases(w.Doers), phrases(w.ForMe), phrases(w.BotNames)
	lx.doersNot = phrases(w.DoersNot)
	lx.botDoes, lx.please = phrases(w.BotDoes), phrases(w.Please)
	lx.compounds = phrases(w.Compounds)
	lx.riskNouns = phrases(w.RiskCompounds)
	lx.attach = phrases(w.Attachments)
	lx.openers, lx.praise = phrases(w.Openers), phrases(w.Praise)
	lx.frustration = phrases(slices.Concat(w.Frustration, w.Venting))
	lx.venting = phrases(w.Venting)
	lx.bereaved = newBereavement(w.Bereavement)
	for _, it := range w.AskedItems {
		lx.asked = append(lx.asked, askedItem{item: it.Item, asks: phrases(it.Asks), gives: phrases(it.Gives), fromSteps: it.FromSteps})
	}
	lx.followUps = map[string]bool{}
	for _, f := range w.FollowUps {
		lx.followUps[textnorm.Normalize(f)] = true
	}
	lx.foreign = map[string]bool{}
	for _, f := range w.Foreign {
		lx.foreign[textnorm.Fold(textnorm.Normalize(f))] = true
	}
	lx.ackEmoji = map[rune]bool{}
	for _, e := range w.AckEmoji {
		for _, r := range e {
			if !emojiJoiner(r) {
				lx.ackEmoji[r] = true
			}
		}
	}
	lx.stop = map[string]bool{}
	for _, p := range phrases(w.Stopwords).ps {
		if len(p.fold) == 1 {
			lx.stop[p.fold[0]] = true
		}
	}
	lx.readings = map[string]phraseList{}
	for _, r := range w.UnmarkedReadings {
		if l := phrases(r); len(l.ps) >= 2 {
			lx.readings[strings.Join(l.ps[0].fold, " ")] = l
		}
	}
	for _, r := range w.Safety {
		rule := safetyRule{flag: r.Flag, phrases: phrases(r.Phrases), unless: phrases(r.Unless), ours: r.Ours, covers: r.Covers, message: r.Message}
		for _, combo := range r.Together {
			var groups []phraseList
			for _, g := range combo {
				groups = append(groups, phrases(g))
			}
			rule.together = append(rule.together, groups)
		}
		for _, k := range r.Personal {
			rule.personal = append(rule.personal, pii.Kind(k))
		}
		lx.safety = append(lx.safety, rule)
	}
	sp := faq.NewSpellings(synonyms)
	for _, t := range topics {
		lx.offTopic = append(lx.offTopic, newOffTopic(t, sp, lx.readings))
	}
	lx.starts = map[string]bool{}
	lists := []phraseList{lx.smalltalk, lx.cues, lx.endings, lx.own, lx.riskSubj, lx.ownProc, lx.doForMe, lx.botNames, lx.botDoes, lx.please, lx.compounds, lx.attach, lx.openers, lx.praise, lx.frustration, lx.venting}
	for _, r := range append([]safetyRule{lx.scamTold, lx.theftTold}, lx.safety...) {
		lists = append(lists, r.phrases, r.unless) // unless is read on the same words (safetyRule.fires)
		for _, combo := range r.together {
			lists = append(lists, combo...)
		}
	}
	for _, t := range lx.offTopic {
		lists = append(lists, t.cues)
	}
	for _, it := range lx.asked {
		lists = append(lists, it.asks) // read on the message's words (leadAsked)
	}
	for _, l := range lists {
		for f := range l.first {
			lx.starts[f] = true
		}
	}
	return lx
}

// leads marks the words of w that start a phrase of some list (see lexicon.starts).
func (lx *lexicon) leads(w words) []bool {
	lead := make([]bool, len(w.fold))
	for i, f := range w.fold {
		lead[i] = lx.starts[f]
	}
	return lead
}

// reading is what the engine knows of a message before searching.
type reading struct {
	redacted string     // the message with personal data masked: the only form that leaves the engine
	personal []pii.Kind // kinds of personal data found
	words    words      // the words of the redacted message
	small    string     // greeting, thanks, goodbye, about_bot or ack when the message holds one
	focus    focus      // the message without small talk, split into what it asks and the story
	scam     bool
	theft    bool // the scam is told only by words.yaml scam_theft(_together): bot.yaml safety_theft
	doForMe  bool
	safety   []safetyRule // safety rules the message triggers, in words.yaml order
	offTopic *offTopic    // the neighbouring matter the message is about, if any
	// offInStory: the off-topic cue is only in the story of a long message, not in the clauses
	// that ask ("… tách hộ để tiện vay vốn. Cần làm thủ tục gì?" asks about splitting a household).
	offInStory bool
	offDoubt   doubt // how surely the asking clauses name the matter (see lexicon.cueDoubt)
	attached   bool  // nothing but placeholders for pictures, stickers, files
	// opens is "greeting" for a message with an opener ("ad ơi", "cho em hỏi") or "thanks" for
	// one with praise ("giải thích dễ hiểu quá"), and openRest what else it says besides small
	// talk: when the FAQ knows none of that, the opener or the praise is the whole message.
	opens, openRest string
	// ackAfterOpen: an acknowledgement follows the opener ("ad ơi nói ngắn thôi", "bạn ơi được
	// rồi"): said to the bot after addressing it, it answers the bot; before it ("ok ad ơi") it
	// opens a question.
	ackAfterOpen bool
	bereaved     bool // tells of a relative's death (words.yaml bereavement)
	foreign      int  // words of the foreign list, when the message has no Vietnamese marks
	lettered     int  // words with a letter (numbers are no language)
}

// read takes a message apart. text is already cut to MaxInput.
func (lx *lexicon) read(text string) reading {
	redacted, kinds, clean := masked(text)
	r := reading{redacted: redacted, personal: kinds, words: wordsOf(textnorm.Normalize(clean))}
	r.words.lead = lx.leads(r.words)
	r.small = lx.smalltalkKind(r.words)
	r.attached = len(r.words.fold) > 0 && r.words.without(lx.attach) == ""
	r.opens, r.openRest = lx.opener(r.words)
	r.ackAfterOpen = r.small == "ack" && r.opens == "greeting" && lx.ackAfterOpener(r.words)
	if slices.Equal(r.words.exact, r.words.fold) { // no Vietnamese marks (the words are lower-cased)
		for _, f := range r.words.fold {
			if lx.foreign[f] {
				r.foreign++
			}
			if strings.IndexFunc(f, unicode.IsLetter) >= 0 {
				r.lettered++
			}
		}
	}
	r.focus = lx.focus(clean, r.words)
	r.doForMe = lx.asksDoForMe(r.words, clean)
	// Risks are read as cases are: in a message typed with marks a word left without them is
	// read as written ("tiền an sinh" is not "tiền án").
	// A risk phrase that runs into a noun of risk_compounds is part of its name: "làm hộ" of
	// "làm hộ chiếu" asks no fixer.
	typed := r.words.withTails(lx.riskNouns)
	typed.typed = typedWithMarks(typed)
	var sentences []words // read once, and only when every group of a combination is in the message
	clauses := func() []words {
		if sentences == nil {
			sentences = append([]words{}, pieceWords(clean, false)...)
			for i := range sentences {
				sentences[i] = sentences[i].withTails(lx.riskNouns)
				sentences[i].lead = lx.leads(sentences[i])
				sentences[i].typed = typed.typed
			}
		}
		return sentences
	}
	r.scam = lx.scamTold.caught(typed, clauses, lx.togetherSpan)
	if !r.scam && lx.theftTold.caught(typed, clauses, lx.togetherSpan) {
		r.scam, r.theft = true, true
	}
	for _, s := range lx.safety {
		if s.fires(typed, clauses, kinds, lx.togetherSpan) {
			r.safety = append(r.safety, s)
		}
	}
	// The matter the asking clauses name comes first; one named only in the story is kept (its
	// channel is better than the generic fallback) but marked, so it never overrules an answer.
	// A cue of words.yaml unmarked_readings typed without diacritics may be other words ("ho so
	// dang kiem tra" holds "sổ đăng kiểm"): its matter is taken only when no surer cue is asked,
	// and marked with its doubt (see Engine.decide). The asking clauses are read only when the
	// message names some matter at all.
	// A cue is read inside one piece of the message, between commas and sentence ends: "… ko
	// can, vay co bat buoc ko" (không cần, vậy có bắt buộc không) names no loan ("cần vay").
	var pieces []words
	if lx.bereaved.mayTell(r.words) {
		pieces = commaPieces(clean)
		r.bereaved = lx.bereaved.told(pieces)
	}
	for i := range lx.offTopic {
		if !r.words.hasAny(lx.offTopic[i].cues) {
			continue // most messages: no cue at all, nothing split
		}
		if pieces == nil {
			pieces = commaPieces(clean)
		}
		if _, ok := lx.cueDoubtIn(pieces, r.words, lx.offTopic[i].cues); !ok {
			continue
		}
		r.offTopic, r.offInStory = &lx.offTopic[i], true
		asked, askedPieces := r.words, pieces
		if r.focus.question != "" {
			asked = wordsOf(textnorm.Normalize(r.focus.question))
			askedPieces = commaPieces(r.focus.question)
		}
		for level := doubtNone; level <= doubtListed && r.offInStory; level++ { // the surest matter asked
			for j := i; j < len(lx.offTopic); j++ {
				if d, ok := lx.cueDoubtIn(askedPieces, asked, lx.offTopic[j].cues); ok && d == level {
					r.offTopic, r.offInStory, r.offDoubt = &lx.offTopic[j], false, d
					break
				}
			}
		}
		break
	}
	return r
}

// doubt is how surely a cue found in a message names its matter.
type doubt int

const (
	doubtNone   doubt = iota // typed with its diacritics, or a cue not read both ways
	doubtListed              // a cue of words.yaml unmarked_readings typed without them ("ho so dang kiem")
)

// commaPieces are the words of text's pieces between commas and sentence ends.
func commaPieces(text string) []words { return pieceWords(text, true) }

// pieceWords are the words of text's sentences, or with commas of its pieces between commas too.
func pieceWords(text string, commas bool) []words {
	var out []words
	for _, c := range textnorm.Clauses(text, 0, commas) {
		out = append(out, wordsOf(textnorm.Normalize(c.Text)))
	}
	return out
}

// cueDoubtIn is cueDoubt over the pieces of a text whose words are all (whether it is typed with
// diacritics is read from all): the least doubt of a cue found inside one piece.
func (lx *lexicon) cueDoubtIn(pieces []words, all words, l phraseList) (least doubt, found bool) {
	marked := !slices.Equal(all.exact, all.fold)
	least = doubtListed
	for _, p := range pieces {
		if d, ok := lx.cueDoubt(p, l, marked); ok {
			found, least = true, min(least, d)
		}
	}
	return least, found
}

// cueDoubt returns the least doubt with which w holds a phrase of l, and whether it holds one.
// A phrase typed as another listed reading ("app vậy") is no cue; in a message typed with
// diacritics (marked), a cue whose own words have none ("app vay") is as written.
func (lx *lexicon) cueDoubt(w words, l phraseList, marked bool) (least doubt, found bool) {
	least = doubtListed
	w.each(l, func(k, at int) {
		p := l.ps[k]
		typed, bare := w.exact[at:at+len(p.fold)], w.fold[at:at+len(p.fold)]
		d := doubtNone
		if rs, ok := lx.readings[strings.Join(p.fold, " ")]; ok {
			for _, o := range rs.ps[1:] {
				if o.exact != nil && slices.Equal(typed, o.exact) {
					return
				}
			}
			own := rs.ps[0].exact
			if own == nil {
				own = rs.ps[0].fold
			}
			if slices.Equal(typed, bare) && (!marked || !slices.Equal(typed, own)) {
				d = doubtListed
			}
		}
		found = true
		least = min(least, d)
	})
	return least, found
}

// opener returns the small-talk reply an opener or praise in w calls for ("thanks" for praise,
// else "greeting"; "" without either) and w without them and other small talk.
func (lx *lexicon) opener(w words) (kind, rest string) {
	switch {
	case w.hasAny(lx.praise):
		kind = "thanks"
	case w.hasAny(lx.openers):
		kind = "greeting"
	default:
		return "", "" // most messages: nothing marked, nothing allocated
	}
	open, praise := w.marked(lx.openers), w.marked(lx.praise)
	drop := w.marked(lx.smalltalk)
	for i := range drop {
		drop[i] = drop[i] || open[i] || praise[i]
	}
	return kind, w.except(drop)
}

// ackAfterOpener reports an acknowledgement that starts after the end of an opener in w.
func (lx *lexicon) ackAfterOpener(w words) bool {
	opened := -1 // where the first opener ends
	w.each(lx.openers, func(k, at int) {
		if end := at + len(lx.openers.ps[k].fold); opened < 0 || end < opened {
			opened = end
		}
	})
	after := false
	w.each(lx.smalltalk, func(k, at int) {
		after = after || opened >= 0 && at >= opened && lx.smallKind[k] == "ack"
	})
	return after
}

// onlyParticles reports a text of nothing but stopwords that asks nothing ("ad nha", "bạn
// nhé", but not "làm sao", "khi nào"): what is left of an acknowledgement beside the particles
// and names it is said with.
func (lx *lexicon) onlyParticles(text string) bool {
	w := wordsOf(textnorm.Normalize(text))
	return lx.telling(w) == 0 && !w.hasAny(lx.cues)
}

// telling counts the words of w that are not stopwords.
func (lx *lexicon) telling(w words) int {
	n := 0
	for _, f := range w.fold {
		if !lx.stop[f] {
			n++
		}
	}
	return n
}

func (lx *lexicon) smalltalkKind(w words) string {
	first := -1 // the earliest phrase of the lists that the message holds
	w.each(lx.smalltalk, func(k, _ int) {
		if first < 0 || k < first {
			first = k
		}
	})
	if first < 0 {
		return ""
	}
	return lx.smallKind[first]
}

// asksDoForMe reports a do-for-me phrase that asks the bot to do a procedure. Each clause is
// read on its own (a comma ends one: "em ở xa, làm hộ em…"), and an occurrence of a phrase counts
// when:
//   - none of its words belongs to a compound occurrence ("làm hộ chiếu", "chủ hộ làm");
//   - no doer is named right before it ("người nhà làm giúp", "tôi đăng ký hộ mẹ": they ask
//     whether someone may do it for another);
//   - it is for the writer (a for-me phrase follows its first word, inside it or right after
//     it: "làm hộ em", "hộ tôi luôn", "làm giùm cho mình", but not "làm hộ em gái", a
//     compound), or the clause addresses the bot: named before it with no question between
//     ("bot đăng ký hộ mẹ em", not "ad cho em hỏi đăng ký hộ được không"), or named last
//     ("làm hộ mẹ em cái vneid với ad").
//
// A please phrase ("giúp tôi") asks too after the bot is named as the one doing (see
// botAskedToDo).
//
// The lists are words.yaml do_for_me, do_for_me_compounds, do_for_me_doers, do_for_me_for_me,
// do_for_me_bot, do_for_me_bot_does, do_for_me_please; phrases match as everywhere (see
// words.at: diacritics count where both sides have them).
func (lx *lexicon) asksDoForMe(w words, clean string) bool {
	if !w.hasAny(lx.doForMe) && !(w.hasAny(lx.please) && w.hasAny(lx.botDoes)) {
		return false
	}
	for _, c := range textnorm.Clauses(clean, 0, true) {
		if lx.clauseAsksDoForMe(wordsOf(textnorm.Normalize(c.Text))) {
			return true
		}
	}
	return false
}

func (lx *lexicon) clauseAsksDoForMe(w words) bool {
	inCompound := lx.compoundWords(w)
	forMe := func(i int) bool { // a for-me phrase starts at i, no word of it in a compound
		for _, p := range lx.forMe.ps {
			if w.at(p, i) && !slices.Contains(inCompound[i:i+len(p.fold)], true) {
				return true
			}
		}
		return false
	}
	asks := false
	w.each(lx.doForMe, func(k, at int) {
		n := len(lx.doForMe.ps[k].fold)
		if asks || slices.Contains(inCompound[at:at+n], true) || lx.doerBefore(w, at) {
			return
		}
		end := at + n
		for i := at + 1; i <= end; i++ { // "làm hộ tôi", "hộ tôi luôn", "làm hộ | cho em"
			if forMe(i) {
				asks = true
				return
			}
		}
		w.each(lx.botNames, func(b, i int) {
			bEnd := i + len(lx.botNames.ps[b].fold)
			switch {
			case i < at: // named before ("bạn làm hộ" overlaps): a request unless a question comes between
				asked := false
				w.each(lx.cues, func(_, q int) { asked = asked || q >= bEnd && q < at })
				asks = asks || !asked
			case i >= end: // named last, only particles after it ("… với ad ơi")
				rest := true
				for _, f := range w.fold[bEnd:] {
					rest = rest && lx.stop[f]
				}
				asks = asks || rest
			}
		})
	})
	return asks || lx.botAskedToDo(w, inCompound)
}

// botAskedToDo reports a please phrase ("giúp tôi") after the bot is named as the one doing
// ("bạn nộp hồ sơ cấp đổi giúp tôi", "ad đăng ký khai sinh cho con giúp em"), with no doer
// right before, no question after it ("bạn làm sao để kích hoạt giúp tôi" asks how) and no word
// of either in a compound ("hướng dẫn giúp tôi", "làm ơn").
func (lx *lexicon) botAskedToDo(w words, inCompound []bool) bool {
	asks := false
	w.each(lx.please, func(k, at int) {
		if asks || slices.Contains(inCompound[at:at+len(lx.please.ps[k].fold)], true) {
			return
		}
		w.each(lx.botDoes, func(b, i int) {
			if i >= at || slices.Contains(inCompound[i:i+len(lx.botDoes.ps[b].fold)], true) || lx.doerBefore(w, i) {
				return
			}
			// A question anywhere after the bot is named makes the clause a question, even one
			// starting inside the phrase ("bạn làm sao để …") or after the please phrase ("ad làm
			// giúp em, đổi thẻ ở đâu"): a plain request has none.
			asked := false
			w.each(lx.cues, func(_, q int) { asked = asked || q > i })
			asks = asks || !asked
		})
	})
	return asks
}

// doerBefore reports a doer (words.yaml do_for_me_doers) named right before word at, or before
// a do_for_me_not phrase right before it ("chủ nhà chưa đăng ký cho tôi").
func (lx *lexicon) doerBefore(w words, at int) bool {
	if lx.doerRightBefore(w, at) {
		return true
	}
	for _, n := range lx.doersNot.ps {
		if i := at - len(n.fold); i >= 0 && w.at(n, i) && lx.doerRightBefore(w, i) {
			return true
		}
	}
	return false
}

func (lx *lexicon) doerRightBefore(w words, at int) bool {
	for _, d := range lx.doers.ps {
		if i := at - len(d.fold); i >= 0 && w.at(d, i) {
			return true
		}
	}
	return false
}

// withoutDoForMe is the message without its do-for-me and please phrases ("làm hộ tôi đổi thẻ"
// → "tôi đổi thẻ"), so that the procedure asked for, not the asking, finds the entry. Phrases
// inside a compound ("làm hộ chiếu") stay.
func (lx *lexicon) withoutDoForMe(w words) string {
	var inCompound []bool
	drop := make([]bool, len(w.fold))
	for _, l := range []phraseList{lx.doForMe, lx.please} {
		w.each(l, func(k, at int) {
			if inCompound == nil {
				inCompound = lx.compoundWords(w)
			}
			n := len(l.ps[k].fold)
			for i := at; i < at+n; i++ {
				if inCompound[i] {
					return
				}
			}
			for i := at; i < at+n; i++ {
				drop[i] = true
			}
		})
	}
	return w.except(drop)
}

// except is the text of w without the words marked in drop.
func (w words) except(drop []bool) string {
	kept := make([]string, 0, len(w.exact))
	for i, x := range w.exact {
		if !drop[i] {
			kept = append(kept, x)
		}
	}
	return strings.Join(kept, " ")
}

// compoundWords marks the words of the message that belong to a do-for-me compound.
func (lx *lexicon) compoundWords(w words) []bool { return w.marked(lx.compounds) }

// neighbourReply is the fallback of a neighbouring matter: its message names the right channel,
// and no buttons follow (our popular topics beside "hỏi cơ quan thuế" are noise: usability test,
// round 38).
func neighbourReply(t *offTopic, r Reply) Reply {
	return Reply{Kind: KindFallback, Text: t.message, Score: r.Score, Margin: r.Margin, Ranked: r.Ranked, risk: r.risk}
}

// offTopicReply turns r into the fallback of a neighbouring matter, naming its channel, unless r
// answers with an entry that is itself about the matter (or a confident one, see below) and still
// ranks first once the matter's words are taken out: "nhận lương hưu qua VNeID" keeps the entry on the social-security
// account, "lương hưu được bao nhiêu một tháng" (nothing left the entry explains) does not. One of
// our procedures asked after the matter keeps an entry about it: r's, or the next one about it
// among the first Options candidates ("…ngoài chờ cấp sổ đỏ có cách nào khác để chuyển khẩu").
func (e *Engine) offTopicReply(ctx context.Context, msg reading, r Reply) Reply {
	t := msg.offTopic
	mx := e.mixedAsk(msg, t)
	// What the asking clauses say (the whole message when it is one clause), read once.
	question := msg.words
	if msg.focus.question != "" {
		question = wordsOf(textnorm.Normalize(msg.focus.question))
	}
	if r.Kind != KindAnswer {
		n, ok, ours := e.ownAsked(ctx, msg, t, r, mx)
		if ok {
			return n
		}
		return e.neighbourOurs(neighbourReply(t, r), r, ours, question, t)
	}
	if e.lx.asksOwnSubject(question, t, e.st.OffTopicShare) {
		return e.withChannel(ctx, r, msg, t, mx)
	}
	// One of our procedures asked after the matter is told, where the message asks (the asking
	// clauses, or the last clause when every clause asks: "…đã nộp giấy xác nhận cư trú rồi. Công
	// ty có được cho em nghỉ việc không?" asks about the job)...
	procAsked := question
	if msg.focus.question == "" && msg.focus.last != "" {
		procAsked = wordsOf(textnorm.Normalize(msg.focus.last))
	}
	proc := e.lx.asksOwnProcedure(procAsked, t, e.st.OffTopicShare, e.st.DoneSpan)
	if len(proc) == 0 && msg.focus.question == "" {
		proc = e.lx.asksProcedureApart(msg.redacted, t, e.st.DoneSpan)
	}
	if en, ok := e.byID[r.ID]; ok {
		// ...and the entry found is about that procedure: its title, questions or keywords name it.
		if aboutAny(e.named[r.ID], proc) {
			return e.withChannel(ctx, r, msg, t, mx)
		}
		// An entry about the matter is kept if the rest still leads to it; one that is not,
		// only if the answer is confident (at OffTopicKeep at least) and what the message asks,
		// without the matter's words, still leads to it confidently ("xin việc bị bắt nộp lý
		// lịch tư pháp thì làm ở đâu" asks for the record, not about the job).
		covered := offTopicCovered(t, en, msg.words)
		if covered || r.sure && r.Score >= e.st.OffTopicKeep {
			asked := msg.words
			if !covered {
				asked = question
			}
			if !covered && e.lx.told(asked, t.cues) >= e.st.OffTopicShare {
				// The matter is most of what the message says ("làm sổ đỏ mất bao lâu", "tra
				// điểm thi tốt nghiệp THPT ở đâu"): whatever the rest leads to, it asked about
				// the matter.
				return neighbourReply(t, r)
			}
			rest := e.decide(ctx, e.lx.read(asked.without(t.cues)), nil)
			if rest.Kind != KindFallback && len(rest.Ranked) > 0 && rest.Ranked[0].ID == r.ID && (covered || rest.sure) {
				return e.withChannel(ctx, r, msg, t, mx)
			}
		}
	}
	// ...or, when the entry found is not about it, the next candidate about it among the few a
	// reply shows as buttons (Buttons: a fine's amount asked before paying it online put the
	// fine-payment entry fifth, usability re-judge, round 41), if it is confident enough to
	// answer on its own. It is answered
	// with its own confidence, its lead over the first (below 0), never as sure, and with the
	// nearest offered.
	if len(proc) > 0 {
		for i := 1; i < e.shown(len(r.cands)); i++ {
			if c := r.cands[i]; c.Conf >= e.st.Answer && aboutAny(e.about[c.ID], proc) {
				return e.withChannel(ctx, e.answerCandidate(r, i), msg, t, mx)
			}
		}
	}
	n, ok, ours := e.ownAsked(ctx, msg, t, r, mx)
	if ok {
		return n
	}
	return e.neighbourOurs(neighbourReply(t, r), r, ours, question, t)
}

// neighbourOurs adds to n, the channel of the matter t, bot.yaml neighbour_ours and, as buttons,
// the entries that would have answered r (at Clarify or above, the best first) when the asking
// clauses name one of ours too ("…lương hưu bị dừng; hủy khai tử nhầm ở đâu, bao lâu tài khoản
// VNeID được khôi phục"; usability test, round 46). When a question of its own asks about ours
// (mixedAsk), the entries that question alone ranks are the buttons (ours, when any is at Clarify
// or above): "…có được tạm hoãn không? Đi khám có phải mang thẻ căn cước không hay đưa VNeID cũng
// được?" offers the card's and VNeID's entries, not those the military story's words lead to
// (usability test 14).
func (e *Engine) neighbourOurs(n, r Reply, ours []Candidate, question words, t *offTopic) Reply {
	m := e.set.Bot.Messages.NeighbourOurs
	if m == "" || !names(question, e.lx.own, t.cues) && !names(question, e.lx.ownProc, t.cues) {
		return n
	}
	cands := r.cands
	if len(ours) > 0 {
		cands = ours
	}
	var o []Option
	for _, c := range cands {
		if len(o) == e.st.Options {
			break
		}
		if b, ok := e.option(c.ID); ok && c.Conf >= e.st.Clarify {
			o = append(o, b)
		}
	}
	if len(o) > 0 {
		n.Text, n.Options, n.Nearest = join(n.Text, m), o, true
	}
	return n
}

// answerCandidate answers r's candidate i in r's place: with its own confidence, its lead over
// the first (below 0 unless it is the first), never as sure, and the nearest offered.
func (e *Engine) answerCandidate(r Reply, i int) Reply {
	c := r.cands[i]
	n := e.entryReply(c.ID)
	n.Score, n.Margin, n.Ranked, n.risk = round(c.Conf), round(c.Rank-r.cands[0].Rank), r.Ranked, r.risk
	n.cands = make([]Candidate, 0, len(r.cands))
	n.cands = append(append(append(n.cands, c), r.cands[:i]...), r.cands[i+1:]...)
	e.offerNearest(&n, n.cands)
	return n
}

// mixed is what a message asks beside a neighbouring matter (Engine.mixedAsk).
type mixed struct {
	ours   []string // asking clauses naming one of our subjects or procedures and none of the matter's cues
	matter []string // asking clauses naming the matter's cues and none of ours
}

// mixedAsk reads msg's asking clauses (its sentences that end as questions) beside a
// neighbouring matter t: "Giá vàng hôm nay bao nhiêu? Làm căn cước cho bé 5 tuổi cần gì?" asks
// two things, one of them ours. Parts of one sentence are not split: "ly hôn đơn phương nộp đơn
// ở đâu, có cần mang cccd không" asks what to bring to court. A request to do a procedure reads
// as none: its reply is the guide (Engine.guide), not an answer to put a channel before.
func (e *Engine) mixedAsk(msg reading, t *offTopic) mixed {
	if len(msg.focus.asking) < 2 || msg.doForMe || e.set.Bot.Messages.NeighbourAnswer == "" {
		return mixed{}
	}
	var mx mixed
	for _, c := range msg.focus.asking {
		w := wordsOf(textnorm.Normalize(c.read))
		if !c.ends && !e.lx.endsWith(w, e.lx.cues) {
			continue // a story's clause with a question word in it ("chưa biết ở bao lâu, có thể vài tuần"); "… mở thế nào ạ" asks
		}
		cued, own := w.hasAny(t.cues), names(w, e.lx.own, t.cues) || names(w, e.lx.ownProc, t.cues)
		switch {
		case cued && !own:
			mx.matter = append(mx.matter, c.read)
		case own && !cued:
			mx.ours = append(mx.ours, c.read)
		}
	}
	if len(mx.ours) == 0 || len(mx.matter) == 0 {
		return mixed{}
	}
	return mx
}

// asksMatter reports whether one of the matter's clauses, searched alone, does not lead to entry
// id: a clause our entry answers too is not a second question ("…được hưởng trợ cấp thất nghiệp
// bao nhiêu tháng theo Luật Việc làm?").
func (e *Engine) asksMatter(ctx context.Context, msg reading, id string, matter []string) bool {
	for _, c := range matter {
		if d, cs := e.clauseDecision(ctx, msg, c, "neighbour_matter", false); d.Kind != KindAnswer || cs[0].ID != id {
			return true
		}
	}
	return false
}

// withChannel puts t's channel and bot.yaml neighbour_answer before an answer of ours when the
// message also asks about t alone (mixedAsk): the citizen learns where that question goes rather
// than finding it passed over. Not before an entry about the matter itself (its words cover t's
// cues in msg: the land-change service answers "sang tên sổ đỏ làm ở đâu").
func (e *Engine) withChannel(ctx context.Context, r Reply, msg reading, t *offTopic, mx mixed) Reply {
	en, ok := e.byID[r.ID]
	if !ok || len(mx.matter) == 0 || r.Kind != KindAnswer || offTopicCovered(t, en, msg.words) || !e.asksMatter(ctx, msg, r.ID, mx.matter) {
		return r
	}
	r.neighbourLead = join(t.message, e.set.Bot.Messages.NeighbourAnswer)
	r.oursAsked = strings.Join(mx.ours, " . ")
	return r
}

// ownAsked answers the clauses of ours in a message that also asks about the neighbouring matter
// t alone (mixedAsk), when t's channel would otherwise be the reply: "…đổi tên đệm. Giờ căn cước
// với VNeID vẫn tên cũ thì đổi thẻ ở đâu, có mất phí không? Sổ đỏ với tài khoản ngân hàng có phải
// làm lại không?". The entry is one the whole message ranks among its topics (Clarify or above)
// and that one of our clauses alone answers, confidently (or as the first of an answered whole
// message); else the one the message without t's cues answers confidently (the story tells what
// a clause leaves out). The reply is t's channel, bot.yaml neighbour_answer and the answer
// (usability test 13: the channel with buttons left the part of ours unanswered), with a
// second question of ours as in any answer. When there is none, first is what the first of our
// clauses that ranks an entry at Clarify or above ranks alone (neighbourOurs' buttons).
func (e *Engine) ownAsked(ctx context.Context, msg reading, t *offTopic, r Reply, mx mixed) (n Reply, ok bool, first []Candidate) {
	if len(mx.ours) == 0 || len(r.cands) == 0 {
		return Reply{}, false, nil
	}
	shown := r.cands[:e.shownAbove(r.cands, e.st.Clarify)]
	at := func(id string) int { return slices.IndexFunc(shown, func(c Candidate) bool { return c.ID == id }) }
	i := -1
	for _, p := range mx.ours[:min(len(mx.ours), max(1, e.st.AlsoAsked))] {
		d, cs := e.clauseDecision(ctx, msg, p, "neighbour_answer", false)
		if first == nil && len(cs) > 0 && cs[0].Conf >= e.st.Clarify {
			first = cs
		}
		if d.Kind == KindAnswer && (e.confident(d) || r.Kind == KindAnswer && cs[0].ID == r.cands[0].ID) {
			if i = at(cs[0].ID); i >= 0 {
				break
			}
		}
	}
	if i < 0 {
		if whole := e.decide(ctx, e.lx.read(msg.words.without(t.cues)), nil); whole.Kind == KindAnswer && whole.sure {
			i = at(whole.ID)
		}
	}
	if i < 0 {
		return Reply{}, false, first
	}
	n = e.withChannel(ctx, e.answerCandidate(r, i), msg, t, mx)
	if n.neighbourLead == "" {
		return Reply{}, false, first // the matter's clauses lead to the entry: it is not asked apart
	}
	e.addAlso(ctx, &n, msg, nil)
	return n, true, first
}

// asksOwnSubject reports whether, for a matter that keeps_own, the asking clauses name one of our
// subjects (words.yaml own_subjects) outside its cues, and the matter is not most of what they
// say: "mất thẻ sinh viên và thẻ căn cước, làm lại căn cước thế nào" is about the ID card. A
// subject named only in the story ("cả hai anh em đều có thẻ căn cước… tách thửa thế nào") does
// not count.
func (lx *lexicon) asksOwnSubject(asked words, t *offTopic, share float64) bool {
	return t.keepsOwn && names(asked, lx.own, t.cues) && lx.told(asked, t.cues) < share
}

// asksOwnProcedure returns the procedures of ours (words.yaml own_procedures, by phrase) that asked
// names after the matter's last cue and does not tell as done (toldDone), when the matter is not
// most of what it says: "ly dị rồi, chuyển hộ khẩu về nhà bố mẹ thế nào" asks the procedure;
// "đăng ký tạm trú ở phòng trọ, chủ trọ không trả tiền cọc thì kiện ở đâu" tells it before asking
// about the deposit (citizens ask last), "đòi nợ không được, đã chuyển khẩu về quê thì kiện ở đâu"
// tells it as done.
func (lx *lexicon) asksOwnProcedure(asked words, t *offTopic, share float64, span int) map[int]bool {
	if len(lx.ownProc.ps) == 0 || lx.told(asked, t.cues) >= share {
		return nil
	}
	cue := asked.marked(t.cues)
	last := -1
	for i, in := range cue {
		if in {
			last = i
		}
	}
	found := map[int]bool{}
	asked.each(lx.ownProc, func(k, at int) {
		if at > last && !lx.toldDone(asked, at, at+len(lx.ownProc.ps[k].fold), span) {
			found[k] = true
		}
	})
	return found
}

// asksProcedureApart returns the procedures (words.yaml own_procedures) that a piece of text
// between commas asks on its own, before or after the matter t is told in pieces that ask
// nothing: "nộp phạt nguội trên vneid kiểu gì, em bị phạt vượt đèn đỏ ở hà nội" asks the payment;
// the fine is its story. None when a piece that asks also names the matter.
func (lx *lexicon) asksProcedureApart(text string, t *offTopic, span int) map[int]bool {
	found := map[int]bool{}
	for _, p := range commaPieces(text) {
		cued, asks := p.hasAny(t.cues), lx.asks(p)
		switch {
		case cued && asks:
			return nil
		case asks:
			maps.Copy(found, lx.askedProcedures(p, span))
		}
	}
	return found
}

// asksProcedureOf reports whether the part of msg that asks asks one of our procedures
// (words.yaml own_procedures) that entry id is about (Engine.about: named by its title or
// keywords, or asked by one of its questions; a question telling it as done does not count).
// The part that asks is the asking clauses, else the last clause, else the whole message, and
// of that what follows its last comma: citizens ask last, and a comma does not end a clause
// ("chuyển khẩu về quê, giờ đất ở quê giá bao nhiêu" asks the price). There the procedure must
// be named and not told as done (a done_before word right before it, "đã chuyển khẩu"; a
// done_after word within done_span words after it, "chuyển hộ khẩu về quê rồi giờ đất…").
func (e *Engine) asksProcedureOf(msg reading, id string) bool {
	// Most messages name none of our procedures: then no part of them asks one.
	if len(e.about[id]) == 0 || !msg.words.hasAny(e.lx.ownProc) {
		return false
	}
	// A clause's text keeps no punctuation; a message of one clause is read as written.
	text := msg.redacted
	switch {
	case msg.focus.question != "":
		text = msg.focus.question
	case msg.focus.last != "":
		text = msg.focus.last
	}
	asked := wordsOf(textnorm.Normalize(e.lx.lastPart(text)))
	procs := e.lx.askedProcedures(asked, e.st.DoneSpan)
	if len(procs) == 0 && text != msg.redacted {
		// A bare question after the wish it asks about ("…muốn chuyển thường trú về căn hộ mới.
		// Xin hỏi nộp hồ sơ ở đâu, bao lâu?"): the procedure wanted is the one asked.
		for _, c := range msg.focus.clauses {
			maps.Copy(procs, e.lx.wantedProcedures(wordsOf(textnorm.Normalize(c)), e.st.WantSpan, e.st.DoneSpan))
		}
	}
	return aboutAny(e.about[id], procs)
}

// lastPart is what follows the last comma (or semicolon) of text that says more than small talk
// and particles ("…, giờ nhập hộ khẩu vào nhà mới thế nào, cảm ơn ad" is the part before the
// thanks); text itself when it has no comma, its first part when every later one is small talk.
func (lx *lexicon) lastPart(text string) string {
	for end := len(text); ; {
		i := strings.LastIndexAny(text[:end], ",;")
		if i < 0 {
			return text[:end]
		}
		part := text[i+1 : end]
		w := wordsOf(textnorm.Normalize(part))
		drop := w.marked(lx.smalltalk)
		for j, f := range w.fold {
			if !drop[j] && !lx.stop[f] {
				return part
			}
		}
		end = i
	}
}

// askedProcedures returns the procedures of ours (own_procedures, by phrase) that w names and
// does not tell as done: no done_before word right before, no done_after word among the span
// words after.
func (lx *lexicon) askedProcedures(w words, span int) map[int]bool {
	named := map[int]bool{}
	w.each(lx.ownProc, func(k, at int) {
		if !lx.toldDone(w, at, at+len(lx.ownProc.ps[k].fold), span) {
			named[k] = true
		}
	})
	return named
}

// wantedProcedures returns the procedures of ours (by phrase) that w tells as wanted: a word of
// want_before at most span words before one ("muốn chuyển thường trú", "muốn tìm hiểu trước về thủ
// tục đăng ký cư trú"), and the procedure not told as done.
func (lx *lexicon) wantedProcedures(w words, span, doneSpan int) map[int]bool {
	wanted := map[int]bool{}
	w.each(lx.ownProc, func(k, at int) {
		if lx.toldDone(w, at, at+len(lx.ownProc.ps[k].fold), doneSpan) {
			return
		}
		for _, p := range lx.wantBefore.ps {
			for gap := 0; gap <= span && !wanted[k]; gap++ {
				if w.at(p, at-gap-len(p.fold)) {
					wanted[k] = true
				}
			}
		}
	})
	return wanted
}

// toldDone reports whether the words at..end of w are told as done: a done_before word right
// before them, or a done_after word among the span words after.
func (lx *lexicon) toldDone(w words, at, end, span int) bool {
	for _, p := range lx.doneBefore.ps {
		if w.at(p, at-len(p.fold)) {
			return true
		}
	}
	for j := end; j < len(w.fold) && j < end+span; j++ {
		for _, p := range lx.doneAfter.ps {
			if w.at(p, j) {
				return true
			}
		}
	}
	return false
}

// names reports whether w holds a phrase of l outside the phrases of cues.
func names(w words, l, cues phraseList) bool {
	cue := w.marked(cues)
	for i, in := range w.marked(l) {
		if in && !cue[i] {
			return true
		}
	}
	return false
}

// told is the share of what w says (its words that are neither stopwords nor question cues
// such as "mất bao lâu", "ở đâu") that belongs to the phrases of l: 1 when nothing but the
// matter and how it is asked is there.
func (lx *lexicon) told(w words, l phraseList) float64 {
	cue, matter := w.marked(lx.cues), w.marked(l)
	n, in := 0, 0
	for i, f := range w.fold {
		if cue[i] && !matter[i] || lx.stop[f] {
			continue
		}
		n++
		if matter[i] {
			in++
		}
	}
	if n == 0 {
		return 0
	}
	return float64(in) / float64(n)
}

// offTopicCovered reports whether the entry itself is about the matter as the message names it:
// its title, questions or keywords use one of the topic's cues that the message uses. Another cue
// of the same topic is not enough: the unemployment entry asks with "chốt sổ bhxh", which does not
// make it the answer to "rút bảo hiểm xã hội một lần".
func offTopicCovered(t *offTopic, en *faq.Entry, msg words) bool {
	named := map[int]bool{} // by the cue written in offtopic.yaml, whatever form was typed
	msg.each(t.cues, func(k, _ int) { named[t.origin[t.cues.from[k]]] = true })
	texts := append([]string{en.Title}, en.Questions...)
	for _, s := range append(texts, en.Keywords...) {
		covered := false
		wordsOf(textnorm.Normalize(s)).each(t.cues, func(k, _ int) { covered = covered || named[t.origin[t.cues.from[k]]] })
		if covered {
			return true
		}
	}
	return false
}

// without is the text of w with every occurrence of l's phrases taken out.
func (w words) without(l phraseList) string { return w.except(w.marked(l)) }

// marked marks the words of w that belong to some occurrence of a phrase of l.
func (w words) marked(l phraseList) []bool {
	in := make([]bool, len(w.fold))
	w.each(l, func(k, at int) {
		for i := at; i < at+len(l.ps[k].fold); i++ {
			in[i] = true
		}
	})
	return in
}

// words are the words of a text, with diacritics (exact) and without (fold).
type words struct {
	exact, fold []string
	// lead, when set, marks the words that start a phrase of some list: each and hasAny skip
	// the others without looking them up in every list.
	lead []bool
	// typed: the message is typed with marks (see typedWithMarks), so a word without any is
	// spelled as meant ("gia hạn" is not "giả"), and a phrase word with marks needs them. Set
	// only where a wrong match costs more than a missed one (cases).
	typed bool
	// tail, when set, is for each word the end of the longest risk_compounds noun starting
	// there (0: none): a risk phrase whose last words begin such a noun is part of its name, not
	// the phrase ("làm hộ" of "làm hộ chiếu", of "làm hộ khẩu"). Set for risks (lexicon.read).
	tail []int
	// plain: in a message typed with marks, a phrase word that has none even spelled right
	// ("thai", "con") meets only a word typed without any ("Thái Bình" is not "thai", "còn" not
	// "con"). Set with typed for cases; needs keep it while reading unmarked words loosely.
	plain bool
	// toned: a marked word agrees with a phrase word that differs from it only in vowel marks,
	// not in tone ("căn cuớc" is "căn cước"). Set for needs, which keep an entry's own object.
	toned bool
	// spelled, with toned: the marked words spelled as meant (Engine.spelled), which toned does
	// not forgive ("có thể" is not "thẻ").
	spelled map[string]bool
}

// typedWithMarks reports a text typed with Vietnamese marks: at least two of its words, and a
// third of those with a letter, carry some (about two in three do in marked Vietnamese, none or
// nearly none in a message typed without).
func typedWithMarks(w words) bool {
	letters, marks := 0, 0
	for i, f := range w.fold {
		if strings.IndexFunc(f, unicode.IsLetter) < 0 {
			continue
		}
		letters++
		if w.exact[i] != f {
			marks++
		}
	}
	return marks >= 2 && 3*marks >= letters
}

// syllable reports a folded word with a vowel: a Vietnamese syllable, which a message typed with
// marks leaves bare only when it means the bare word. One without ("sdt", "đt", "cccd") is an
// abbreviation, often typed bare among marked words: "xin sdt" is "xin sđt".
func syllable(f string) bool { return strings.ContainsAny(f, "aeiouy") }

// wordsOf splits normalised text into its words.
func wordsOf(norm string) words {
	w := words{exact: textnorm.Tokens(norm)}
	w.fold = make([]string, len(w.exact))
	for i, x := range w.exact {
		w.fold[i] = textnorm.Fold(x)
	}
	return w
}

// phrase is a word-list phrase: its folded words, and its words with diacritics when it has any.
type phrase struct {
	fold, exact []string
}

// phraseList is a word list, indexed by the folded first word of each phrase so that a message
// is read in one pass whatever the length of the list.
type phraseList struct {
	ps    []phrase
	from  []int            // for each phrase, its position in the list given to phrases
	first map[string][]int // folded first word → phrases (indexes into ps) starting with it
}

func phrases(list []string) phraseList {
	l := phraseList{first: map[string][]int{}}
	for i, s := range list {
		var p phrase
		if p.fold, p.exact = faq.PhraseWords(s); len(p.fold) == 0 {
			continue
		}
		l.first[p.fold[0]] = append(l.first[p.fold[0]], len(l.ps))
		l.ps = append(l.ps, p)
		l.from = append(l.from, i)
	}
	return l
}

// at reports whether p starts at word i of w. Words are compared without diacritics, except
// where both the phrase word and the message word carry some: then they must agree, so "vé số"
// (lottery ticket) does not match "về số" (to the number), nor "đâu" (where) "đầu" (first), while
// "ve so" typed without diacritics still matches both; in a message typed with marks (w.typed) a
// word without any is read as written.
func (w words) at(p phrase, i int) bool {
	if i < 0 || i+len(p.fold) > len(w.fold) {
		return false
	}
	for j, f := range p.fold {
		if w.fold[i+j] != f {
			return false
		}
		if p.exact != nil && p.exact[j] != f && (w.typed && syllable(f) || w.exact[i+j] != w.fold[i+j]) && w.exact[i+j] != p.exact[j] &&
			!(w.toned && !w.spelled[w.exact[i+j]] && textnorm.ToneKey(w.exact[i+j]) == textnorm.ToneKey(p.exact[j])) {
			return false
		}
		if w.plain && (p.exact == nil || p.exact[j] == f) && w.exact[i+j] != w.fold[i+j] {
			return false
		}
	}
	return true
}

// each calls fn for every phrase of l found in w (k its index in l.ps) at every position.
func (w words) each(l phraseList, fn func(k, at int)) {
	for i, f := range w.fold {
		if w.lead != nil && !w.lead[i] {
			continue
		}
		for _, k := range l.first[f] {
			if w.at(l.ps[k], i) && !w.inNoun(i, i+len(l.ps[k].fold)) {
				fn(k, i)
			}
		}
	}
}

// inNoun reports that the words from..to-1 end inside a longer noun of w.tail: a noun starting
// within them runs on past to.
func (w words) inNoun(from, to int) bool {
	if w.tail == nil {
		return false
	}
	for a := from; a < to; a++ {
		if w.tail[a] > to {
			return true
		}
	}
	return false
}

// withTails returns w with tail set from the nouns of l found in it (nil when none is).
func (w words) withTails(l phraseList) words {
	w.tail = nil
	for i, f := range w.fold {
		for _, k := range l.first[f] {
			if end := i + len(l.ps[k].fold); w.at(l.ps[k], i) {
				if w.tail == nil {
					w.tail = make([]int, len(w.fold))
				}
				w.tail[i] = max(w.tail[i], end)
			}
		}
	}
	return w
}

// opensWith reports whether w starts with a phrase of l.
func (w words) opensWith(l phraseList) bool {
	if len(w.fold) == 0 {
		return false
	}
	for _, k := range l.first[w.fold[0]] {
		if w.at(l.ps[k], 0) {
			return true
		}
	}
	return false
}

func (w words) hasAny(l phraseList) bool {
	for i, f := range w.fold {
		if w.lead != nil && !w.lead[i] {
			continue
		}
		for _, k := range l.first[f] {
			if w.at(l.ps[k], i) && !w.inNoun(i, i+len(l.ps[k].fold)) {
				return true
			}
		}
	}
	return false
}

// onlyAckEmoji reports a message of nothing but acknowledging emoji (and spaces, punctuation):
// "👍👍", "🙏 ạ" is not (it has a word), "😡" is not (not an acknowledgement).
func (lx *lexicon) onlyAckEmoji(s string) bool {
	seen := false
	for _, r := range s {
		switch {
		case lx.ackEmoji[r]:
			seen = true
		case unicode.IsSpace(r), unicode.IsPunct(r), emojiJoiner(r):
		default:
			return false
		}
	}
	return seen
}

// emojiJoiner reports the code points that only shape an emoji: the variation selector, the
// zero-width joiner and the skin-tone modifiers ("❤️" is "❤" and U+FE0F).
func emojiJoiner(r rune) bool {
	return r == 0xFE0F || r == 0x200D || r >= 0x1F3FB && r <= 0x1F3FF
}

// masked is text with its personal data masked (redacted, as echoed) and the kinds found, and
// clean, the masks taken out: what the rest of the reading reads.
func masked(text string) (redacted string, kinds []pii.Kind, clean string) {
	redacted, kinds = pii.Redact(text)
	return redacted, kinds, strings.ReplaceAll(redacted, pii.Mask, " ")
}

// aboutAny reports whether the two sets of our procedures (own_procedures, by phrase) share one:
// an entry's (Engine.named, Engine.about) and those a message asks.
func aboutAny(about, asked map[int]bool) bool {
	for k := range asked {
		if about[k] {
			return true
		}
	}
	return false
}

// scamRule reads a scam list and its combinations (words.yaml scam and scam_together, or their
// scam_theft kin) as a safety rule is read.
func scamRule(ps []string, together [][][]string) safetyRule {
	r := safetyRule{phrases: phrases(ps)}
	for _, combo := range together {
		var groups []phraseList
		for _, g := range combo {
			groups = append(groups, phrases(g))
		}
		r.together = append(r.together, groups)
	}
	return r
}
