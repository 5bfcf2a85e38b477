// Package answer turns a citizen's message into the bot's reply, the same for every channel:
// a confident answer, a clarifying question, a polite fallback, a safety warning or small talk.
// It owns the confidence score and the thresholds; it asks a Searcher for candidates.
package answer

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"log/slog"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/vneidbot/vneidbot/internal/faq"
	"github.com/vneidbot/vneidbot/internal/pii"
	"github.com/vneidbot/vneidbot/internal/textnorm"
)

// Hit is a candidate entry for a message, as the search found it.
type Hit struct {
	ID       string
	Score    float64 // ranking score, any scale
	Coverage float64 // 0..1: share of the message's telling words the entry explains
	Phrase   float64 // 0..1: the same for known word pairs
	Anchored bool    // the entry's own questions share a telling, non-everyday word with the message (paired_anchors)
	Class    float64 // the learned model's score: how much the message reads like this entry's askers
	Fit      float64 // 0..1: share of the telling words of the entry's closest question the message has
}

// Found is what a search returns.
type Found struct {
	Hits  []Hit // best first
	Words int   // telling words in the message
	Known int   // of those, how many the FAQ uses
	// OffTopic is the learned model's score for "no entry fits".
	OffTopic float64
	// QuestionOff is, for a long message whose question part was searched apart and blended in
	// (find), how far that part alone reads more like off-topic messages than like its best entry
	// (its off-topic score minus that entry's model score); 0 when it does not, and when the part
	// is too short or shares no telling word with any entry (then the whole message decides).
	QuestionOff float64
	// Risk is the learned model's score for "the message itself is the risk" (a card photo
	// offered, an account for sale), learned from messages that got a safety warning.
	Risk float64
}

// withoutVeto is f with the learned model's off-topic readings set aside, the whole message's
// and the question part's together: where a message is ours whatever they say.
func (f Found) withoutVeto() Found {
	f.OffTopic, f.QuestionOff = 0, 0
	return f
}

// Searcher finds candidate entries for a message.
type Searcher interface {
	Search(ctx context.Context, text string, n int) (Found, error)
}

// MaxInput is the longest message considered; the rest is ignored.
const MaxInput = 2000

// Engine answers messages from one FAQ snapshot. It is immutable and safe for concurrent use.
type Engine struct {
	set    *faq.Set
	byID   map[string]*faq.Entry
	search Searcher
	st     Settings
	lx     lexicon // the word lists of set, folded (message.go)
	logger *slog.Logger
	// searchErrors counts failed searches (its own count, or one shared with other engines:
	// WithSearchErrors); each is also logged.
	searchErrors *atomic.Int64
	cache        *replyCache // nil when Settings.ReplyCache is 0
	// Each entry's procedures of ours (own_procedures, by phrase), read once: named names those
	// its title, questions or keywords name (offTopicReply); about those its title or keywords
	// name or its questions ask, not tell as done (asksProcedureOf).
	named, about map[string]map[int]bool
	// cases are each entry's cases with their phrases read once (synonyms.yaml's spellings too).
	cases map[string][]entryCase
	// notTold are words.yaml situations_not_after, read as case phrases are.
	notTold phraseList
	// needs are the lists of phrases a message must hold one phrase of each for an entry to
	// answer it (faq.Entry.Needs, NeedsAlso), read as cases are.
	needs map[string][]phraseList
	// spelled holds every marked word the FAQ's own prose writes (titles, answers, cases' says):
	// a word spelled as meant, which needs do not forgive as a wrong vowel mark ("thể" of "có
	// thể" is not "thẻ", "mắt" is not "mất"; review rv62m). Questions are left out: they keep
	// citizens' misspellings ("căn cuớc").
	spelled map[string]bool
	// ages are the entries' age spans (faq.Entry.Ages); ageReader reads the ages a message
	// states, as lint reads an entry's own questions.
	ages      map[string]faq.AgeSpan
	ageReader *faq.AgeReader
	// leads caches where an answer gives an asked item (leadAsked).
	leads *leadCache
	// procedural: entries whose answer is a procedure (faq.Procedural): only their steps' parts
	// may lead an answer (askedPiece); a scam entry's list is advice, not steps.
	procedural map[string]bool
}

// entryCase is a case of an entry (faq.Case) ready to find in a message.
type entryCase struct {
	when      phraseList
	told      phraseList // its situation's phrases (words.yaml situations), if it names one
	situation string
	bereaved  bool // called by a relative's death told (faq.SituationBereaved)
	say       string
	num       int // its place in the entry's cases: (1 for the first)
}

// calledBy reports where the message names the case's situation: one of its when phrases, or
// one of its situation's phrases not right after a word that tells it has not happened
// (notAfter: "để không bị từ chối"). ok is false when none is there; situation is true for a
// situation's phrase, and at..end are the words found.
func (c entryCase) calledBy(w words, notAfter phraseList, bereaved bool) (at, end int, situation, ok bool) {
	w.each(c.when, func(k, i int) {
		if !ok {
			at, end, ok = i, i+len(c.when.ps[k].fold), true
		}
	})
	if ok {
		return at, end, false, true
	}
	if c.bereaved && bereaved {
		return 0, 0, true, true
	}
	w.each(c.told, func(k, i int) {
		for _, n := range notAfter.ps {
			if w.at(n, i-len(n.fold)) {
				return
			}
		}
		if !ok {
			at, end, ok = i, i+len(c.told.ps[k].fold), true
		}
	})
	return at, end, ok, ok
}

// New returns an engine over set, finding candidates with s, ranking and deciding with st.
func New(set *faq.Set, s Searcher, st Settings) *Engine {
	e := &Engine{leads: &leadCache{}, procedural: map[string]bool{}, set: set, byID: make(map[string]*faq.Entry, len(set.Entries)), search: s, st: st,
		logger: slog.New(slog.NewTextHandler(io.Discard, nil)), searchErrors: new(atomic.Int64)}
	for i := range set.Entries {
		e.byID[set.Entries[i].ID] = &set.Entries[i]
		if faq.Procedural(set.Entries[i]) {
			e.procedural[set.Entries[i].ID] = true
		}
	}
	e.lx = newLexicon(set.Words, set.OffTopic, set.Synonyms.Groups)
	e.lx.togetherSpan = e.st.TogetherSpan
	e.cache = newReplyCache(st.ReplyCache)
	e.named = make(map[string]map[int]bool, len(set.Entries))
	e.about = make(map[string]map[int]bool, len(set.Entries))
	add := func(m map[string]map[int]bool, id string, k int) {
		if m[id] == nil {
			m[id] = map[int]bool{}
		}
		m[id][k] = true
	}
	// A case's phrases are read as lint reads them (faq.Spellings.CaseForms).
	e.cases = map[string][]entryCase{}
	sp := faq.NewSpellings(set.Synonyms.Groups)
	e.needs = map[string][]phraseList{}
	e.ages, e.ageReader = map[string]faq.AgeSpan{}, faq.NewAgeReader(set.Synonyms, set.Day.Year())
	e.notTold = phrases(sp.CaseForms(set.Words.SituationsNotAfter))
	// Each situation's phrases are read once and shared by every case naming it (40 name failed).
	told := make(map[string]phraseList, len(set.Words.Situations))
	for name, ps := range set.Words.Situations {
		told[name] = phrases(sp.CaseForms(ps))
	}
	e.spelled = map[string]bool{}
	spell := func(t string) {
		for _, x := range textnorm.Tokens(textnorm.Normalize(t)) {
			if x != textnorm.Fold(x) {
				e.spelled[x] = true
			}
		}
	}
	for _, en := range set.Entries {
		spell(en.Title)
		spell(en.Answer)
		for _, c := range en.Cases {
			spell(c.Say)
		}
	}
	for _, en := range set.Entries {
		for i, c := range en.Cases {
			if c.Say != "" {
				ec := entryCase{when: phrases(sp.CaseForms(c.When)), say: c.Say, num: i + 1}
				if l, ok := told[c.Situation]; ok {
					ec.told, ec.situation = l, c.Situation
				}
				if c.Situation == faq.SituationBereaved {
					ec.bereaved, ec.situation = true, c.Situation
				}
				e.cases[en.ID] = append(e.cases[en.ID], ec)
			}
		}
		for _, ns := range [][]string{en.Needs, en.NeedsAlso} {
			if len(ns) > 0 {
				e.needs[en.ID] = append(e.needs[en.ID], phrases(sp.CaseForms(ns)))
			}
		}
		if en.Ages != nil {
			e.ages[en.ID] = *en.Ages
		}
	}
	for i := range set.Entries {
		en := &set.Entries[i]
		for _, s := range append([]string{en.Title}, en.Keywords...) {
			wordsOf(textnorm.Normalize(s)).each(e.lx.ownProc, func(k, _ int) {
				add(e.named, en.ID, k)
				add(e.about, en.ID, k)
			})
		}
		for _, q := range en.Questions {
			w := wordsOf(textnorm.Normalize(q))
			w.each(e.lx.ownProc, func(k, _ int) { add(e.named, en.ID, k) })
			for k := range e.lx.askedProcedures(w, e.st.DoneSpan) {
				add(e.about, en.ID, k)
			}
		}
	}
	return e
}

// WithSearchErrors counts the engine's failed searches in c, which outlives the engine (the
// knowledge base keeps one count across reloads, for the metrics). Call it before the engine
// serves.
func (e *Engine) WithSearchErrors(c *atomic.Int64) *Engine {
	if c != nil {
		e.searchErrors = c
	}
	return e
}

// WithLogger sets where the engine logs (search errors); it returns e for chaining and must be
// called before the engine serves.
func (e *Engine) WithLogger(l *slog.Logger) *Engine {
	if l != nil {
		e.logger = l
	}
	return e
}

// Flags of a safety reply.
const (
	FlagPersonalData = "personal_data"
	FlagScam         = "scam"
	FlagRisk         = "risk" // the learned model's reading, no safety rule named it
	FlagDoForMe      = "do_for_me"
)

// Answer replies to one message. It never fails: a search error is logged and counted
// (SearchErrors) and the reply says something went wrong (bot.yaml's error message, Error set).
func (e *Engine) Answer(ctx context.Context, text string) Reply {
	if e.cache == nil {
		return e.answer(ctx, text, nil)
	}
	if r, ok := e.cache.get(text); ok {
		return r
	}
	r := e.answer(ctx, text, nil)
	e.cache.put(text, r)
	return r
}

// clip cuts a message to MaxInput characters.
func clip(text string) string {
	if len(text) > MaxInput*4 {
		text = text[:MaxInput*4]
	}
	if utf8.RuneCountInString(text) > MaxInput { // counted first: most messages are short
		text = string([]rune(text)[:MaxInput])
	}
	return text
}

// answer is Answer; when ex is not nil it also records the candidates and the decision.
func (e *Engine) answer(ctx context.Context, text string, ex *Explanation) Reply {
	msg := e.lx.read(clip(text))
	var flags []string
	if len(msg.personal) > 0 {
		flags = append(flags, FlagPersonalData)
	}
	if msg.scam {
		flags = append(flags, FlagScam)
	}
	r := e.decideDoForMe(ctx, msg, ex)
	if m := e.set.Bot.Messages.FollowUp; m != "" && (r.Kind == KindAnswer || r.Kind == KindFallback && msg.offTopic == nil) && e.followUp(msg) {
		// "vậy mang theo giấy gì": the bot keeps no earlier question, so it asks which topic is
		// meant, with the nearest as buttons, rather than answer one it guessed or say it did
		// not understand.
		opts := r.Ranked[:min(len(r.Ranked), e.st.Options)]
		if len(opts) == 0 {
			opts = e.Suggested()
		}
		r = Reply{Kind: KindClarify, Text: clarifyText(m, opts), Options: opts, Score: r.Score, Margin: r.Margin, Ranked: r.Ranked}
		if ex != nil {
			ex.Decision.Kind, ex.Decision.Reason = KindClarify, "a short follow-up (words.yaml follow_ups, follow_up_words) that names none of our subjects: bot.yaml follow_up"
		}
	}
	// A neighbouring matter named only in the story of a long message does not overrule an
	// answer to what the message asks. Nor does one named only by a cue that, typed without
	// diacritics, is often other words (words.yaml unmarked_readings: "ho so dang kiem tra" is
	// not about "sổ đăng kiểm") when the answer is confident or the learned model reads the
	// message as ours by unmarked_lead.
	doubted := msg.offDoubt == doubtListed && r.Kind == KindAnswer &&
		(r.sure || r.offLead <= -e.st.UnmarkedLead)
	if doubted && ex != nil {
		ex.Decision.Reason += "; the neighbouring matter " + msg.offTopic.id + " is named only by a cue of unmarked_readings typed without diacritics, which may be other words, and the answer is confident or read as ours by unmarked_lead: it stays"
	}
	// Nor does a neighbour's cue overrule one of our entries chosen for a scam told ("có người
	// dùng tài khoản của tôi để vay tiền" is identity theft, not the bank's loan question).
	scamOurs := msg.scam && r.ID != "" && (r.Kind == KindAnswer || r.Kind == KindSafety)
	if msg.offTopic != nil && r.Kind != KindSmalltalk && !(msg.offInStory && r.Kind == KindAnswer) && !doubted && !scamOurs {
		chosen := r.ID
		readsOff := r.riskReadsOff
		r = e.offTopicReply(ctx, msg, r)
		// The learned risk reading is not for a neighbour's matter whose channel is the reply,
		// when the message names none of our subjects (words.yaml own_subjects) and the model
		// reads it more as off-topic than as a risk: "bán nhà thì thuế tncn 2% bên mua hay bên
		// bán chịu" sells a house, not an account ("xin thông tin cư trú của chủ nhà cũ… gửi tòa
		// án" stays a risk). Where one of our entries answers instead, the warning stays.
		// (offTopicReply's only fallback is the matter's channel.)
		if r.risk && readsOff && r.Kind == KindFallback && !msg.words.hasAny(e.lx.own) {
			r.risk = false
		}
		switch {
		case ex == nil:
		case r.neighbourLead != "" && r.Kind != ex.Decision.Kind:
			ex.Decision.Kind, ex.Decision.Reason = r.Kind, "a neighbouring matter (offtopic.yaml) asked in one sentence and one of ours in another: the matter's channel, bot.yaml neighbour_answer, then "+r.ID+"'s answer"
		case r.neighbourLead != "":
			ex.Decision.Reason += "; the neighbouring matter (offtopic.yaml) is asked in a sentence of its own: its channel and bot.yaml neighbour_answer come first"
			if r.ID != chosen {
				ex.Decision.Reason += ", then " + r.ID + "'s answer"
			}
		case r.Kind != ex.Decision.Kind:
			ex.Decision.Kind, ex.Decision.Reason = r.Kind, "an off-topic neighbour (offtopic.yaml) the chosen entry does not cover"
		case r.ID != chosen:
			ex.Decision.Reason += "; an off-topic neighbour (offtopic.yaml) is named and one of our procedures asked after it: " + r.ID + ", the next candidate about the procedure, answers"
		}
	}
	if r.risk && len(e.lx.riskSubj.ps) > 0 && !msg.words.hasAny(e.lx.riskSubj) {
		// The warning is about cards, papers, codes, accounts and other people's data: a message
		// naming none of them (words.yaml own_subjects, risk_subjects and their synonyms) shares
		// only verbs of trade with the risky ones ("thuê xe tải chuyển nhà trọn gói").
		r.risk = false
		if ex != nil {
			ex.Decision.Reason += "; the learned risk reading set aside: the message names none of words.yaml own_subjects and risk_subjects"
		}
	}
	if r.risk && len(msg.safety) == 0 && len(msg.personal) == 0 && !msg.scam && e.set.Bot.Messages.SafetyRisk != "" {
		// No rule names the risk, but the message reads like those that were warned about (a
		// message already warned for its personal data or a scam gets no second warning).
		msg.safety = []safetyRule{{flag: FlagRisk, message: e.set.Bot.Messages.SafetyRisk}}
		if ex != nil {
			ex.Decision.Reason += "; the learned model reads the message as itself a risk (risk_lead): bot.yaml safety_risk first"
		}
	}
	learnedOnly := len(msg.safety) == 1 && msg.safety[0].flag == FlagRisk
	guided := msg.doForMe && r.Kind == KindAnswer
	if len(msg.safety) > 0 && !msg.focus.asks && (r.Kind == KindAnswer || !learnedOnly) && !guided {
		// The message itself is the risk and asks nothing (a card photo, an OTP read out, an
		// offer to trade accounts): the warnings are the whole reply, no entry is answered. The
		// learned reading alone is less sure: a fallback or a question it comes with (a
		// neighbouring matter's channel) stays after the warning. A request to do a procedure
		// found keeps its guide below the warnings ("bot đăng ký giúp tôi tài khoản an sinh,
		// mật khẩu là…, có OTP thì tôi đọc": the citizen still needs the steps; usability test,
		// round 46).
		// Its buttons are the entries that would have answered, when any would ("gửi ảnh thẻ để xem
		// số CMND cũ": the old-number entry; usability test 11), else the popular topics.
		var o []Option
		if r.Kind == KindAnswer {
			o = e.options(r.cands[:e.shownAbove(r.cands, e.st.Answer)])
		}
		if len(o) == 0 {
			o = e.Suggested()
		}
		r = Reply{Kind: KindSafety, Options: o, Score: r.Score, Margin: r.Margin, Ranked: r.Ranked}
		if ex != nil {
			ex.Decision.Kind = KindSafety
		}
	}
	r.Query = msg.redacted
	e.keepOptions(&r, msg)
	if msg.doForMe && r.Kind != KindSmalltalk {
		// A request to do a procedure: the bot says it does not, and the entry found, if it
		// survived the steps above, is offered as the guide rather than answered (the citizen
		// asked for it to be done, and real citizens' questions are marked so).
		flags = append(flags, FlagDoForMe)
		if r.Kind == KindAnswer {
			r = e.guide(r, ex)
		} else {
			r.Text = join(e.set.Bot.Messages.DoForMe, r.Text)
		}
	}
	if r.Kind == KindAnswer {
		e.addCases(&r, msg, ex)
		if len(r.Cases) == 0 && e.st.LeadAsked {
			e.leadAsked(&r, msg, ex)
		}
		if r.neighbourLead != "" {
			r.Text = join(r.neighbourLead, r.Text) // short, so first: below the answer it would go unread
		}
		e.sayAlso(&r, msg, ex)
	} else if len(r.Also) > 0 {
		for _, id := range r.Also {
			ex.partNotBelow(id, "its button went with the answer (a neighbour's channel or a request's guide replaced it)")
		}
		r.Also = nil // a neighbour's channel or a request's guide replaced the answer
		if ex != nil {
			ex.Decision.Reason += "; the second question's button went with the answer"
		}
	}
	var warn []string
	for _, f := range flags {
		switch f {
		case FlagPersonalData:
			if m := personalWarning(msg.personal, e.set.Bot.Messages); m != "" {
				warn = append(warn, m)
			}
		case FlagScam:
			m := e.set.Bot.Messages
			if msg.theft && m.SafetyTheft != "" {
				warn = append(warn, m.SafetyTheft) // someone used the citizen's papers: not a caller's script
			} else {
				warn = append(warn, m.SafetyScam)
			}
		}
	}
	for _, s := range msg.safety {
		flags = append(flags, s.flag)
		if !coveredBy(s.flag, msg.safety) {
			warn = append(warn, s.message)
		}
	}
	if m := e.set.Bot.Messages; m.Condolence != "" && msg.bereaved {
		// "mẹ tôi vừa mất, giờ làm giấy tờ gì": a word of sympathy before the help (after any
		// warning, which must lead); it stands for the regret too.
		r.Text = join(m.Condolence, r.Text)
		if ex != nil {
			ex.Decision.Reason += "; the message tells of a relative's death (words.yaml bereavement): bot.yaml condolence first"
		}
	} else if m.Sorry != "" && r.Kind != KindSmalltalk && msg.words.hasAny(e.lx.frustration) {
		// "đi làm 3 lần rồi mà vẫn chưa có thẻ, chờ mãi": a word of regret before the help
		// (after any warning, which must lead).
		r.Text = join(m.Sorry, r.Text)
		if ex != nil {
			ex.Decision.Reason += "; the message sounds frustrated (words.yaml frustration): bot.yaml sorry first"
		}
	}
	if m := e.set.Bot.Messages; m.InVietnamese != "" && r.ID != "" && e.otherLanguage(msg) {
		// A foreigner asked in English and an entry written for such questions answered: say, in
		// English, that the answer is in Vietnamese and where to ask in person.
		r.Text = join(m.InVietnamese, r.Text)
		if ex != nil {
			ex.Decision.Reason += "; written in English (words.yaml foreign): bot.yaml in_vietnamese first"
		}
	}
	if r.Kind == KindClarify && len(warn) == 0 {
		if lead := e.clarifyLead(r.Options); lead != "" {
			r.Text = join(lead, r.Text)
			if ex != nil {
				ex.Decision.Reason += "; the first topic offered carries a tag of bot.yaml clarify_leads: its line first"
			}
		}
	}
	if len(warn) > 0 {
		r.Kind = KindSafety
		// A warning often says the answer's own first lines ("không ai làm mức 2 thay bạn"):
		// those go, as under a case; a labelled section ("Cần chuẩn bị: …") is the answer's own
		// and stays, though a long warning may hold most of its few words.
		r.Text = join(append(warn, withoutRepeats(e.dropWarnedNotes(r.Text, warn), warn, e.st.CaseRepeat, true)...)...)
	}
	if n := e.st.Buttons; n > 0 && r.ID != "" && len(r.Options) > n {
		// An entry's reply: its nearest topics and related entries (the popular topics of a
		// fallback or greeting are bot.yaml's curated list, shown whole).
		r.Options = r.Options[:n]
	}
	r.Flags = flags
	r.cands = nil
	return r
}

// coveredBy reports whether another of the rules that fired says flag's warning already
// (faq.SafetyRule.Covers): its message is left out, its flag kept.
func coveredBy(flag string, fired []safetyRule) bool {
	return slices.ContainsFunc(fired, func(s safetyRule) bool { return slices.Contains(s.covers, flag) })
}

// clarifyLead is the line of bot.yaml clarify_leads for the first topic offered, by the first
// of its entry's tags that has one ("" when none): a clarification whose best guess is a scam
// says what to do now, worded for a citizen who may not be in one.
func (e *Engine) clarifyLead(opts []Option) string {
	if len(opts) == 0 || len(e.set.Bot.ClarifyLeads) == 0 {
		return ""
	}
	en := e.byID[opts[0].ID]
	if en == nil {
		return ""
	}
	for _, t := range en.Tags {
		if l := e.set.Bot.ClarifyLeads[t]; l != "" {
			return l
		}
	}
	return ""
}

// dropWarnedNotes takes out of text the standard notes the warnings already say (bot.yaml
// warned_notes): under "không đọc mã OTP" the answer's closing OTP note would be the third time.
func (e *Engine) dropWarnedNotes(text string, warn []string) string {
	for name, words := range e.set.Bot.WarnedNotes {
		note := strings.TrimSpace(e.set.Bot.Notes[name])
		if note == "" || !slices.ContainsFunc(warn, func(w string) bool { return faq.WarningSays(w, words) }) {
			continue
		}
		text = strings.Replace(text, "\n\n"+note, "", 1)
	}
	return text
}

// personalWarning is what opens the reply for personal data of these kinds: the warning for
// data that lets someone act in the citizen's name (a number, a code, a password, a date of
// birth), a short note for a full name alone, and nothing for a given name alone ("Tôi tên Hùng,
// sinh năm 1994…": a letter's usual opening, which identifies nobody) or a stranger's number
// ("số 0867… gọi xưng là công an": not the citizen's to keep).
func personalWarning(kinds []pii.Kind, m faq.Messages) string {
	switch {
	case slices.ContainsFunc(kinds, func(k pii.Kind) bool { return k != pii.GivenName && k != pii.CallerPhone && k != pii.Name }):
		return m.SafetyPersonalData
	case !slices.Contains(kinds, pii.Name):
		return ""
	case m.PersonalName != "":
		return m.PersonalName
	}
	return m.SafetyPersonalData
}

// meetNeeds drops the candidates whose entry needs a phrase the message does not hold
// (faq.Entry.Needs), or is for ages the message states none of (faq.Entry.Ages: "bé 7 tuổi" is
// not the under-6 card's), keeping the order of the rest: such an entry neither answers nor is
// offered. why says so of the first candidate when it was dropped ("" otherwise). Few entries
// have needs or ages: most messages pass through untouched.
func (e *Engine) meetNeeds(cands []Candidate, msg reading) (out []Candidate, why string) {
	if !slices.ContainsFunc(cands, func(c Candidate) bool { return e.limited(c.ID) }) {
		return cands, ""
	}
	m := e.limits(msg)
	out = make([]Candidate, 0, len(cands))
	for i, c := range cands {
		if reason := m.leftOut(c.ID); reason != "" {
			if i == 0 {
				why = c.ID + " ranked first but " + reason
			}
			continue
		}
		out = append(out, c)
	}
	return out, why
}

// keepOptions drops from a reply's buttons the entries meetNeeds leaves out for msg: an entry's
// related ones are its buttons whatever the message ("con tôi 15 tuổi có vneid riêng không"
// is not the under-14 account's).
func (e *Engine) keepOptions(r *Reply, msg reading) {
	if !slices.ContainsFunc(r.Options, func(o Option) bool { return e.limited(o.ID) }) {
		return
	}
	m := e.limits(msg)
	r.Options = slices.DeleteFunc(r.Options, func(o Option) bool { return m.leftOut(o.ID) != "" })
}

// limited reports whether entry id has needs or ages.
func (e *Engine) limited(id string) bool {
	_, n := e.needs[id]
	_, a := e.ages[id]
	return n || a
}

// limitsOf is what meetNeeds and keepOptions read of a message: its words, read loosely, and
// the ages it states, read on first use.
type limitsOf struct {
	e      *Engine
	w      words
	exact  []string // the message's words as typed, for the ages it states
	stated []int
	read   bool
}

func (e *Engine) limits(msg reading) *limitsOf {
	// Read loosely, unlike cases (caseWords): a needs phrase found by mistake only keeps an entry
	// in, one missed drops the entry asked ("the can cuoc ghi sai…, có phải đóng phí" holds "thẻ").
	// So the message's words as they are; only a needs word with no marks even spelled right
	// keeps the marks rule (words.plain: "Thái Bình" is not "thai").
	w := msg.words
	w.lead = nil
	w.plain = typedWithMarks(w)
	w.toned, w.spelled = true, e.spelled
	return &limitsOf{e: e, w: w, exact: msg.words.exact}
}

// leftOut says why entry id does not answer the message ("" when it may).
func (m *limitsOf) leftOut(id string) string {
	for i, ns := range m.e.needs[id] {
		if !m.w.hasAny(ns) {
			return "the message holds none of its " + [...]string{"needs", "needs_also"}[i] + " phrases"
		}
	}
	span, ok := m.e.ages[id]
	if !ok {
		return ""
	}
	if !m.read {
		m.stated, m.read = m.e.ageReader.Stated(m.exact), true
	}
	var against []string
	for _, a := range m.stated {
		if span.Holds(a) {
			return ""
		}
		// An adult's age says nothing of a child's entry: "tôi 30 tuổi, con mới sinh…" is the
		// under-6 card's (Settings.AdultAge).
		if a < m.e.st.AdultAge || span.To >= m.e.st.AdultAge {
			against = append(against, strconv.Itoa(a))
		}
	}
	if len(against) == 0 {
		return ""
	}
	return "it is for ages " + strconv.Itoa(span.From) + " to " + strconv.Itoa(span.To) + ", and the message states " + strings.Join(against, ", ")
}

// shownAsked reports whether one of the candidates a reply shows as buttons (after the first)
// is about one of our procedures the message asks (asksProcedureOf).
func (e *Engine) shownAsked(msg reading, cands []Candidate) bool {
	for i := 1; i < e.shown(len(cands)); i++ {
		if cands[i].Conf >= e.st.Answer && e.asksProcedureOf(msg, cands[i].ID) {
			return true
		}
	}
	return false
}

// shownAbove is how many of the first Options candidates have a confidence of at least conf.
func (e *Engine) shownAbove(cands []Candidate, conf float64) int {
	n := 0
	for n < len(cands) && n < e.st.Options && cands[n].Conf >= conf {
		n++
	}
	return n
}

// shown is how many of n candidates a reply shows as buttons (Settings.Buttons; 0: all).
func (e *Engine) shown(n int) int {
	if e.st.Buttons > 0 {
		return min(n, e.st.Buttons)
	}
	return n
}

// caseWords are the message's words as an entry's own phrases (cases, needs) are looked for
// in them: the lexicon's first words do not hold those phrases, and a word typed without marks
// in a message typed with them is read as written.
func (msg reading) caseWords() words {
	w := msg.words
	w.lead = nil
	w.typed = typedWithMarks(w)
	w.plain = w.typed
	return w
}

// addCases puts before an answer the entry's cases whose situation the message names (at most
// Settings.Cases, in the entry's order): the particular case asked is settled first, the general
// guidance follows. Only the message answered carries them: an entry picked from a list is the
// general answer (Entry).
func (e *Engine) addCases(r *Reply, msg reading, ex *Explanation) {
	cs := e.cases[r.ID]
	if len(cs) == 0 || e.st.Cases <= 0 {
		return
	}
	w := msg.caseWords()
	var says, bys []string
	var nums []int
	for _, c := range cs {
		if len(says) == e.st.Cases {
			break
		}
		at, end, sit, ok := c.calledBy(w, e.notTold, msg.bereaved)
		if !ok || len(says) > 0 && len(withoutRepeats(c.say, says, e.st.CaseRepeat, false)) == 0 {
			continue // not called, or a case said first says it already (a lost wallet's, then the health card's)
		}
		says, nums = append(says, c.say), append(nums, c.num)
		if ex != nil { // only --explain says which words called it
			by := strconv.Quote(strings.Join(w.exact[at:end], " "))
			if sit && at == end {
				by = "a relative's death told (words.yaml bereavement)"
			} else if sit {
				by += ", of words.yaml situation " + c.situation
			}
			bys = append(bys, by)
		}
	}
	if len(says) == 0 {
		return
	}
	r.Text = join(append(says, withoutRepeats(r.Text, says, e.st.CaseRepeat, false)...)...)
	r.Cases, r.CaseNums = says, nums
	if ex != nil {
		ex.Cases, ex.CasesBy = says, bys
	}
}

// askedItem is one of words.yaml asked_items, read.
type askedItem struct {
	item        string
	asks, gives phraseList
	fromSteps   bool // a numbered step's part that gives it may lead (askedPiece)
}

// leadAsked puts first the answer's paragraph that gives what the message asks for besides the
// procedure (words.yaml asked_items: "lệ phí bao nhiêu" asks the fee, a paragraph with "lệ phí"
// gives it): asked "mất thẻ làm lại tốn bao nhiêu tiền", the citizen reads the fee before the
// steps. Of a message of several clauses only those that ask are read (a fee told in the story
// is not asked); only a paragraph of its own moves (not a list's item, nor one under a heading
// "Lưu ý:"), and nothing moves when the answer opens with the item. When only a numbered step
// of a procedure gives it ("5. Gửi, nộp lệ phí (…); giải quyết trong 3 ngày làm việc."), the part
// of the step that does leads, said once more as a sentence of its own (askedPiece).
func (e *Engine) leadAsked(r *Reply, msg reading, ex *Explanation) {
	if len(e.lx.asked) == 0 {
		return
	}
	qw := msg.words // most messages are one clause: the words read already
	switch {
	case r.oursAsked != "":
		qw = wordsOf(textnorm.Normalize(r.oursAsked))
	case msg.focus.question != "":
		qw = wordsOf(textnorm.Normalize(msg.focus.question))
	}
	for k, it := range e.lx.asked {
		if !qw.hasAny(it.asks) {
			continue
		}
		g := e.leads.at(k, r.Text, func() given {
			at := givenAt(r.Text, it.gives)
			if at >= 0 || !it.fromSteps {
				return given{at: at}
			}
			return given{at: at, piece: askedPiece(r.Text, it.gives, e.lx.pieceOpen, e.st.LeadPiece)}
		})
		if g.piece != "" && (!e.procedural[r.ID] || msg.bereaved) {
			// A scam entry's list is advice, not a procedure ("Việc này miễn phí." above "Đó là
			// lừa đảo."); after a death told, "Tối đa 3 ngày làm việc." right under the
			// condolence reads curt, and "mất mấy ngày" there tells the death (review r51).
			g.piece = ""
		}
		switch {
		case g.at > 0:
			paras := strings.Split(r.Text, "\n\n")
			lead := paras[g.at]
			r.Text = strings.Join(append([]string{lead}, slices.Delete(paras, g.at, g.at+1)...), "\n\n")
			if ex != nil {
				ex.Decision.Reason += "; the message asks for the " + it.item + " (words.yaml asked_items): the answer's paragraph that gives it leads"
			}
		case g.piece != "":
			r.Text = join(g.piece, r.Text)
			if ex != nil {
				ex.Decision.Reason += "; the message asks for the " + it.item + " (words.yaml asked_items): the part of a numbered step that gives it leads (lead_piece)"
			}
		}
		return // the first item asked decides, whether or not the answer moves
	}
}

// givenAt is the index of text's first paragraph that holds one of gives: 0 when the text opens
// with it, that of the first such paragraph standing on its own (not a list's item, not under a
// heading "Lưu ý:"), or -1 when none does.
func givenAt(text string, gives phraseList) int {
	paras := strings.Split(text, "\n\n")
	for i, p := range paras {
		if !wordsOf(textnorm.Normalize(p)).hasAny(gives) {
			continue
		}
		if i == 0 {
			return 0
		}
		if ownParagraph(p) && !strings.HasSuffix(strings.TrimSpace(paras[i-1]), ":") {
			return i
		}
	}
	return -1
}

// askedPiece is the first part of a numbered step in text ("3. …") that holds one of gives, as a
// sentence of its own: the step's clause (to ";" or a sentence's end) that holds it, or, when that
// is longer than most characters, its comma-part that does ("5. Gửi, nộp lệ phí (15.000 đồng…);
// giải quyết trong 3 ngày làm việc." gives "Giải quyết trong 3 ngày làm việc." for the wait).
// Brackets, quotes and "**" are not split, nor "1,5" (a comma cuts only before a space). A step
// that opens with a label ("Tiện nhất: …") or one of openers ("Nếu bạn ở trọ…; không đăng ký có
// thể bị phạt", "Không bắt buộc: …"), and a part that opens with one ("Hoặc thủ tục…", "Việc này
// miễn phí"), are not read: the part alone would drop what it leans on. A bullet ("- Cá nhân:
// cảnh cáo…") is not read either: bullets list situations, and a part of one leans on its
// heading. "" when no such part of at most most characters is found, or it leads into more
// (ends with ":").
func askedPiece(text string, gives, openers phraseList, most int) string {
	if most <= 0 {
		return ""
	}
	for _, l := range strings.Split(text, "\n") {
		item, ok := stepWords(strings.TrimSpace(l))
		if !ok {
			continue
		}
		w := wordsOf(textnorm.Normalize(item))
		if !w.hasAny(gives) {
			continue
		}
		if labelled(item) || w.opensWith(openers) {
			return ""
		}
		for _, clause := range splitOutside(item, ";", ". ") {
			if !wordsOf(textnorm.Normalize(clause)).hasAny(gives) {
				continue
			}
			piece := strings.TrimRight(strings.TrimSpace(clause), ".; ")
			if utf8.RuneCountInString(piece) > most {
				piece = ""
				for _, part := range splitOutside(clause, ", ") {
					if wordsOf(textnorm.Normalize(part)).hasAny(gives) {
						piece = strings.TrimRight(strings.TrimSpace(part), ".; ")
						break
					}
				}
			}
			return asSentence(piece, openers, most)
		}
	}
	return ""
}

// asSentence is piece as a sentence of its own (a capital first, a full stop last), or "" when it
// is empty, longer than most characters, leads into more (ends with ":") or opens with one of
// openers.
func asSentence(piece string, openers phraseList, most int) string {
	if piece == "" || strings.HasSuffix(piece, ":") || utf8.RuneCountInString(piece) > most ||
		wordsOf(textnorm.Normalize(piece)).opensWith(openers) {
		return ""
	}
	first, size := utf8.DecodeRuneInString(piece)
	piece = string(unicode.ToUpper(first)) + piece[size:]
	if last, _ := utf8.DecodeLastRuneInString(piece); !strings.ContainsRune(".…?!", last) {
		piece += "."
	}
	return piece
}

// stepWords is line l's words without its number ("3. ", "3) "), and whether l is a numbered step.
func stepWords(l string) (string, bool) {
	if i := strings.IndexFunc(l, func(c rune) bool { return c < '0' || c > '9' }); i > 0 && (strings.HasPrefix(l[i:], ". ") || strings.HasPrefix(l[i:], ") ")) {
		return l[i+2:], true
	}
	return "", false
}

// splitOutside splits s at each of seps that stands outside brackets, quotes and "**", the
// separators left out.
func splitOutside(s string, seps ...string) []string {
	var out []string
	depth, from := 0, 0
	quoted, bold := false, false
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '(':
			depth++
			continue
		case s[i] == ')':
			depth = max(0, depth-1)
			continue
		case s[i] == '"':
			quoted = !quoted
			continue
		case strings.HasPrefix(s[i:], "**"):
			bold = !bold
			i++
			continue
		case strings.HasPrefix(s[i:], "“"):
			depth++
			continue
		case strings.HasPrefix(s[i:], "”"):
			depth = max(0, depth-1)
			continue
		}
		if depth > 0 || quoted || bold {
			continue
		}
		for _, sep := range seps {
			if strings.HasPrefix(s[i:], sep) {
				out = append(out, s[from:i])
				from = i + len(sep)
				i = from - 1
				break
			}
		}
	}
	return append(out, s[from:])
}

// given is where an answer gives an asked item: the index of its paragraph (givenAt), and the
// part of a numbered step that gives it when no paragraph does (askedPiece).
type given struct {
	at    int
	piece string
}

// leadCache keeps where an answer gives an asked item, by item and answer text: an entry's
// answer is read once, not for every message that asks its fee. Bounded: cleared when full.
type leadCache struct {
	mu sync.Mutex
	m  map[leadKey]given
}

type leadKey struct {
	item int
	text string
}

const leadCacheMax = 4096

func (c *leadCache) at(item int, text string, compute func() given) given {
	k := leadKey{item, text}
	c.mu.Lock()
	g, ok := c.m[k]
	c.mu.Unlock()
	if ok {
		return g
	}
	g = compute()
	c.mu.Lock()
	if c.m == nil || len(c.m) >= leadCacheMax {
		c.m = map[leadKey]given{}
	}
	c.m[k] = g
	c.mu.Unlock()
	return g
}

// ownParagraph reports a paragraph that stands on its own: none of its lines is a list's item
// ("1. …", "- …") or a heading ending in ":".
func ownParagraph(p string) bool {
	for _, l := range strings.Split(p, "\n") {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		if strings.HasPrefix(l, "- ") || strings.HasPrefix(l, "• ") || strings.HasPrefix(l, "* ") || strings.HasSuffix(l, ":") {
			return false
		}
		if i := strings.IndexFunc(l, func(c rune) bool { return c < '0' || c > '9' }); i > 0 && (l[i] == '.' || l[i] == ')') {
			return false
		}
	}
	return true
}

// withoutRepeats returns text's paragraphs but those a case said first repeats: a paragraph at
// least share of whose words (of repeatMin or more) one of says holds. A case may lead with the
// answer's own sentence ("đừng thanh toán lần nữa…"); said twice, it reads as a fault. Inside a
// paragraph, a bullet ("- …"), the last numbered step or a numbered item long enough to be a
// statement of its own goes when a case holds every one of its words (the steps after it are
// numbered again; an item the case only paraphrases may be one of a list's reasons, "đã chết", or
// a step for those in another situation, and stays), and a heading ("Lưu ý:") left with nothing
// under it. With keepLabelled, a paragraph that opens with a label ("Cần chuẩn bị: …") is never
// left out whole.
func withoutRepeats(text string, says []string, share float64, keepLabelled bool) []string {
	sets := make([]map[string]bool, len(says))
	for i, s := range says {
		sets[i] = map[string]bool{}
		for _, w := range textnorm.Tokens(textnorm.Fold(textnorm.Normalize(s))) {
			sets[i][w] = true
		}
	}
	repeated := func(p string, share float64) bool {
		ws := textnorm.Tokens(textnorm.Fold(textnorm.Normalize(p)))
		for _, set := range sets {
			n := 0
			for _, w := range ws {
				if set[w] {
					n++
				}
			}
			if len(ws) >= repeatMin && float64(n) >= share*float64(len(ws)) {
				return true
			}
		}
		return false
	}
	whole := func(l string) bool { return share <= 1 && repeated(l, 1) } // a list item: every word said
	paras := strings.Split(text, "\n\n")
	kept := paras[:0:0]
	for _, p := range paras {
		if !(keepLabelled && labelled(p)) && repeated(p, share) {
			continue
		}
		if p = withoutRepeatedItems(p, whole); p != "" {
			kept = append(kept, p)
		}
	}
	return kept
}

// withoutRepeatedItems is paragraph p without its bullets, last numbered step and long numbered
// items that repeated reports, the steps left numbered again; "" when only a heading would be left.
func withoutRepeatedItems(p string, repeated func(string) bool) string {
	lines := strings.Split(p, "\n")
	if len(lines) < 2 {
		return p
	}
	lastStep := -1
	for i, l := range lines {
		if numbered(l) {
			lastStep = i
		}
	}
	out := lines[:0:0]
	dropped := false // a numbered item left out: the steps after it are numbered again
	for i, l := range lines {
		words := l[strings.Index(l, " ")+1:] // the item's words, without "- " or "3. "
		// A middle step goes only when it is a statement of its own (a list of situations:
		// "3. Bị từ chối (trả về): thông báo ghi lý do…"), not a short step of a procedure.
		item := strings.HasPrefix(l, "- ") || i == lastStep && i == len(lines)-1 ||
			numbered(l) && len(strings.Fields(words)) >= 2*repeatMin
		if item && repeated(words) {
			dropped = dropped || numbered(l)
			continue
		}
		out = append(out, l)
	}
	if len(out) == len(lines) {
		return p
	}
	if dropped {
		n := 0
		for i, l := range out {
			if numbered(l) {
				n++
				out[i] = strconv.Itoa(n) + l[strings.Index(l, "."):]
			}
		}
	}
	if len(out) == 1 && strings.HasSuffix(strings.TrimSpace(out[0]), ":") {
		return ""
	}
	return strings.Join(out, "\n")
}

// labelled reports a paragraph that opens with a label of at most three words and a colon
// ("Cần chuẩn bị: …", "Lưu ý:").
func labelled(p string) bool {
	label, _, ok := strings.Cut(p, ":")
	return ok && !strings.ContainsAny(label, ".\n") && len(strings.Fields(label)) <= 3
}

// numbered reports a line that is a numbered step ("3. Nhận giấy hẹn").
func numbered(l string) bool {
	i := 0
	for i < len(l) && l[i] >= '0' && l[i] <= '9' {
		i++
	}
	return i > 0 && strings.HasPrefix(l[i:], ". ")
}

// repeatMin is the fewest words of a paragraph withoutRepeats may leave out: a heading such as
// "Cần chuẩn bị:" is never a case said again.
const repeatMin = 6

// decideDoForMe is decide, except for a message asking the bot to do a procedure ("làm hộ tôi
// đổi thẻ"): that is first read without the asking words, so that the procedure named finds its
// entry (answer turns the entry into the guide offered, see guide), then as a whole.
func (e *Engine) decideDoForMe(ctx context.Context, msg reading, ex *Explanation) Reply {
	if msg.doForMe {
		if rest := e.lx.withoutDoForMe(msg.words); rest != "" {
			named := msg
			rr := e.lx.read(rest)
			named.words, named.focus = rr.words, rr.focus
			var nex *Explanation
			if ex != nil {
				nex = &Explanation{}
			}
			if r := e.decide(ctx, named, nex); r.Kind == KindAnswer || r.Error != "" {
				// A failed search is logged and counted once, not searched again whole.
				if ex != nil {
					ex.Candidates, ex.Decision = nex.Candidates, nex.Decision
					ex.Decision.Reason += " (read without the do-for-me words)"
				}
				return r
			}
		}
	}
	return e.decide(ctx, msg, ex)
}

// guide turns the answer to a request to do a procedure into the do-for-me reply: the bot does
// not do procedures; the entry found is offered first among the options (Reply.Guide), not
// answered, and its official links stay (where to do it oneself).
func (e *Engine) guide(r Reply, ex *Explanation) Reply {
	if ex != nil {
		ex.Decision.Kind = KindSafety
		ex.Decision.Reason += "; a request to do the procedure: the entry is offered as its guide, not answered"
	}
	opts := append([]Option{{ID: r.ID, Title: r.Title}}, r.Options...)
	return Reply{
		Query:   r.Query,
		Kind:    KindSafety,
		Guide:   r.ID,
		Text:    join(e.set.Bot.Messages.DoForMe, e.set.Bot.Messages.DoForMeGuide),
		Options: opts[:min(len(opts), max(1, e.st.Options))],
		Links:   r.Links,
		Score:   r.Score, Margin: r.Margin, Ranked: r.Ranked,
	}
}

// decide picks the kind of reply from the search alone; when ex is not nil it also records the
// candidates and the decision (see Explain).
func (e *Engine) decide(ctx context.Context, msg reading, ex *Explanation) (r Reply) {
	m := e.set.Bot.Messages
	note := func(kind Kind, reason string, off float64) {
		if ex != nil {
			ex.Decision = Decision{Kind: kind, Reason: reason, Off: round(off)}
		}
	}
	if len(msg.words.fold) == 0 && e.lx.onlyAckEmoji(msg.redacted) {
		note(KindSmalltalk, "nothing but acknowledging emoji", 0)
		return e.smalltalkReply("ack")
	}
	if len(msg.words.fold) == 0 {
		note(KindFallback, "empty message", 0)
		return Reply{Kind: KindFallback, Text: m.Empty, Options: e.Suggested()}
	}
	if msg.attached {
		note(KindFallback, "a placeholder for a picture, sticker or file", 0)
		return Reply{Kind: KindFallback, Text: cmp.Or(m.Attachment, m.Empty), Options: e.Suggested()}
	}
	small := msg.small
	if small == "ack" && msg.focus.whole != "" && (msg.doForMe || msg.opens != "" && !msg.ackAfterOpen || !e.lx.onlyParticles(msg.focus.whole)) {
		// "ok mình mất thẻ" asks about a lost card, "ok làm giúp em" for the procedure, "ok ad
		// ơi" opens a question: an acknowledgement decides only alone or with particles, or
		// after an opener ("ad ơi nói ngắn thôi").
		small = ""
	}
	if msg.focus.whole == "" || small == "ack" { // nothing but small talk ("ok ad nha": particles)
		note(KindSmalltalk, "nothing but small talk (an acknowledgement: and particles)", 0)
		return e.smalltalkReply(small)
	}
	if msg.opens != "" && e.knowsNothing(ctx, msg.openRest) {
		// "ad ơi", "xin chào, tôi cần hỏi": the question is still to come; "bot giỏi quá": praise.
		note(KindSmalltalk, "an opener or praise (words.yaml openers, praise) and no word the FAQ knows", 0)
		return e.smalltalkReply(cmp.Or(small, msg.opens))
	}
	found, err := e.find(ctx, msg.focus)
	if err != nil {
		// Not a fallback in disguise: logged, counted, and the citizen is told something broke.
		e.searchErrors.Add(1)
		e.logger.Error("answer.search_error", "err", err, "len", len(msg.focus.whole))
		note(KindFallback, "search error: "+err.Error(), 0)
		return Reply{Kind: KindFallback, Text: m.Error, Error: "search"}
	}
	if found.Known == 0 || len(found.Hits) == 0 {
		if small != "" {
			note(KindSmalltalk, "small talk, and no word the FAQ knows", found.OffTopic)
			return e.smalltalkReply(small)
		}
		note(KindFallback, "no word of the message is known to the FAQ", found.OffTopic)
		return e.fallback()
	}
	cands, unmet := e.meetNeeds(e.score(found.Hits, ex != nil), msg)
	if len(cands) == 0 {
		note(KindFallback, "every candidate needs a phrase the message does not hold, or is for other ages (needs, ages)", found.OffTopic)
		return e.fallback()
	}
	// One of our procedures asked where the message asks, and the best entry is about it ("vay
	// ngân hàng mua nhà…, giờ nhập hộ khẩu vào nhà mới thế nào"): the learned model's off-topic
	// reading of the story does not veto it (only the veto: the reading still counts for the
	// rest). Neighbours named by their cues (offtopic.yaml) are still weighed in offTopicReply.
	procAsked := (found.OffTopic > 0 || found.QuestionOff > 0) && len(cands) > 0 && e.asksProcedureOf(msg, cands[0].ID)
	if msg.scam || slices.ContainsFunc(msg.safety, func(s safetyRule) bool { return s.ours }) {
		// A scam pattern, or a risk whose subject is ours (words.yaml scam; a safety rule marked
		// ours), is our matter however much the story around it ("chuyển khoản 50 triệu", "cho
		// thuê tài khoản ngân hàng") reads like the bank's: the model's off-topic reading is set
		// aside. Not for every safety rule: one asking to look a person up ("tìm nơi ở của bố
		// đẻ") keeps the veto after its warning (round 10: probes −3 when all were lifted).
		found = found.withoutVeto()
	}
	// A neighbour's cue named (offtopic.yaml) and one of our procedures asked after it, the best
	// entry not about it but one the reply shows as a button is: the veto is lifted so that
	// offTopicReply weighs the neighbour against that entry, as it does when the model does not
	// veto (a near tie in rank put the vehicle entry before the fine-payment one for "…nồng độ cồn
	// bị phạt bao nhiêu, nộp phạt trên vneid dc ko").
	nextAsked := !procAsked && msg.offTopic != nil && !msg.offInStory && (found.OffTopic > 0 || found.QuestionOff > 0) && e.shownAsked(msg, cands)
	vetoed := found
	// A question naming one of our subjects, or a relative's death told (the death package is
	// ours: "mẹ tôi vừa từ trần, gia đình cần làm những giấy tờ gì"), no neighbour's cue anywhere:
	// the model's off-topic reading must lead by own_subject_hold more to veto ("làm căn cước 2
	// tháng rồi chưa có thẻ, tra tiến độ ở đâu" read off-topic by 0.004).
	held := !procAsked && !nextAsked && e.st.OwnSubjectHold > 0 && msg.offTopic == nil && found.OffTopic > 0 && (msg.bereaved || e.asksOwnSubjectAt(msg))
	switch {
	case procAsked || nextAsked:
		vetoed = found.withoutVeto()
	case held:
		vetoed.OffTopic = max(0, found.OffTopic-e.st.OwnSubjectHold)
	}
	d, opts := e.choose(cands, vetoed)
	switch {
	case procAsked:
		d.Off = round(found.OffTopic)
		d.Reason += "; one of our procedures (words.yaml own_procedures) is asked and the best entry is about it: the off-topic model does not veto"
	case nextAsked:
		d.Off = round(found.OffTopic)
		d.Reason += "; a neighbour's cue is named and one of our procedures asked, which an entry among the buttons is about: the off-topic model does not veto, the neighbour is weighed below"
	case held && d.Kind != KindFallback:
		d.Off = round(found.OffTopic)
		by := "the question names one of our subjects (words.yaml own_subjects)"
		if msg.bereaved && !e.asksOwnSubjectAt(msg) {
			by = "the message tells a relative's death (words.yaml bereavement)"
		}
		d.Reason += "; " + by + " and no neighbour's cue: the off-topic model vetoes only own_subject_hold further ahead"
	}
	if unmet != "" {
		d.Reason += "; " + unmet + ": left out"
	}
	var was string // the whole message's first entry, when a list's first item takes the answer
	if cs, d1, ok := e.firstItem(ctx, msg, cands, d, ex != nil); ok {
		d1.Off = d.Off // the whole message's reading, as every other route reports it
		d1.Reason += "; a numbered list: its first item, read with the story around the list, is answered by " + cs[0].ID + " (the whole message ranks " + cands[0].ID + " first, kept as a button): the first item is answered (first_item)"
		was, cands, d = cands[0].ID, cs, d1
	}
	d.Risk = round(found.Risk)
	sureAnswer := d.Kind == KindAnswer && e.confident(d)
	// The learned model's risk reading goes out with whatever reply the rest of decide makes (a
	// deferred set on the named result); answer turns it into a warning. A question answered
	// confidently is read as asked, whatever its words share with risky messages ("ảnh thẻ bị
	// mờ, ad xem giúp có được chụp lại không"). Whether the model reads it more as
	// off-topic than as a risk goes out too: answer drops the warning where a neighbour's channel
	// is the reply (see riskReadsOff).
	if found.Risk > 0 && found.Risk-cands[0].Class >= e.st.RiskLead && !sureAnswer {
		readsOff := found.OffTopic >= found.Risk
		defer func() { r.risk, r.riskReadsOff = true, readsOff }()
	}
	offLead := found.OffTopic - cands[0].Class
	defer func() { r.offLead = offLead }()
	if e.otherLanguage(msg) && !sureAnswer {
		// Written in English: the FAQ's words would match it at random. An entry written for
		// such questions (foreigners ask in English) still answers when the model is sure.
		note(KindFallback, "written in another language (words.yaml foreign), no confident answer", found.OffTopic)
		return Reply{Kind: KindFallback, Text: cmp.Or(m.OtherLanguage, m.Fallback), Options: e.Suggested()}
	}
	if ex != nil {
		ex.Candidates = cands
		ex.Decision = d
	}
	ranked := make([]Option, 0, len(cands))
	for _, c := range cands {
		if b, ok := e.option(c.ID); ok {
			ranked = append(ranked, b)
		}
	}
	// A short greeting or thanks is small talk, whatever else it mentions, and so are thanks or
	// a goodbye that ask nothing ("cảm ơn bot, giải thích dễ hiểu ghê"; a request to do a
	// procedure asks: "em cảm ơn ạ. làm hộ em đăng ký tạm trú"), and asking who answers
	// unless the rest, more than smalltalk_words words, is answered confidently, asked or not
	// ("bot à, đổi thẻ ở đâu", "bạn là ai, tôi muốn xin lý lịch tư pháp"; not "ai trả lời vậy,
	// cán bộ phường à"). Otherwise small talk was taken out before searching and never decides
	// the reply.
	thanked := small != "greeting" && small != "about_bot" && !msg.focus.asks && !msg.doForMe
	if small != "" && (len(msg.words.fold) <= e.st.SmalltalkWords || thanked ||
		small == "about_bot" && (wordCount(msg.focus.whole) <= e.st.SmalltalkWords || !sureAnswer)) {
		if ex != nil {
			ex.Decision.Kind, ex.Decision.Reason = KindSmalltalk, "a short greeting or thanks, thanks that ask nothing, or asking who answers without a confident question"
		}
		r := e.smalltalkReply(small)
		r.Ranked = ranked
		return r
	}
	switch d.Kind {
	case KindAnswer:
		r := e.entryReply(cands[0].ID)
		r.Score, r.Margin, r.Ranked, r.cands = d.Conf, d.Lead, ranked, cands
		r.sure = sureAnswer
		r.Confident = r.sure && e.longSure(d, msg)
		if r.sure && !r.Confident && ex != nil {
			ex.Decision.Reason += "; a long message (confident_long_words) without confident_long_lead: the nearest topics are offered too"
		}
		if !r.Confident {
			e.offerNearest(&r, cands)
		}
		if was != "" && !slices.ContainsFunc(r.Options, func(x Option) bool { return x.ID == was }) {
			if o, ok := e.option(was); ok {
				r.Options = append([]Option{o}, r.Options...) // what the whole message asked most stays in reach
			}
		}
		e.addAlso(ctx, &r, msg, ex)
		return r
	case KindClarify:
		o := e.options(opts)
		return Reply{Kind: KindClarify, Text: clarifyText(m.Clarify, o), Options: o,
			Score: d.Conf, Margin: d.Lead, Ranked: ranked, cands: cands}
	}
	if o := e.options(opts); len(o) > 0 { // the nearest topics replace the popular ones
		return Reply{Kind: KindFallback, Text: cmp.Or(m.UnsureFallback, m.Fallback), Options: o, Nearest: true,
			Score: d.Conf, Margin: d.Lead, Ranked: ranked, cands: cands}
	}
	r = e.fallback()
	r.Score, r.Margin, r.Ranked, r.cands = d.Conf, d.Lead, ranked, cands
	return r
}

// addAlso makes the entries of the other questions the message asks (alsoAsked) the first of
// r's buttons, in the order asked, r being an answer with its candidates, best first.
func (e *Engine) addAlso(ctx context.Context, r *Reply, msg reading, ex *Explanation) {
	var note func(part, what string)
	if ex != nil {
		note = func(part, what string) { ex.Parts = append(ex.Parts, fmt.Sprintf("%q: %s", part, what)) }
	}
	os, ranked, parts := e.alsoAsked(ctx, msg, r.cands, r.Text, note)
	if len(os) == 0 {
		return
	}
	for _, o := range os {
		r.Also = append(r.Also, o.ID)
	}
	r.alsoParts = parts
	r.Options = append(os, slices.DeleteFunc(r.Options, func(x Option) bool { return slices.Contains(r.Also, x.ID) })...)
	if ex != nil {
		for i, o := range os {
			why := "which the whole message ranks near the top (also_asked)"
			if !ranked[i] {
				why = "a question the message sets apart (\"?\" or a numbered item; also_apart)"
			}
			ex.Decision.Reason += "; another asking clause alone is answered confidently by " + o.ID + ", " + why + ": it leads the buttons"
		}
	}
}

// partNotBelow rewrites the note of the part alsoAsked found answered below by entry id, when
// the reply ends up not saying it there (x nil: no explanation asked).
func (x *Explanation) partNotBelow(id, why string) {
	if x == nil {
		return
	}
	for i, p := range x.Parts {
		if q, ok := strings.CutSuffix(p, ": answered below by "+id); ok {
			x.Parts[i] = q + ": found " + id + " alone, but " + why
		}
	}
}

// sayAlso puts under an answer each other question's entry (r.Also, the first of its buttons)
// with bot.yaml also_asked (also_asked_next from the second on), its title and its brief. An
// entry whose brief the answer says already (a shared case: the foreign spouse's residence on
// both entries) is answered: pointing at the citizens' procedure would mislead (usability test
// 15), so it is neither said nor a button.
func (e *Engine) sayAlso(r *Reply, msg reading, ex *Explanation) {
	if len(r.Also) == 0 {
		return // most answers: no copies of the buttons
	}
	n := 0
	for n < len(r.Also) && n < len(r.Options) && r.Options[n].ID == r.Also[n] {
		n++
	}
	also, rest := slices.Clone(r.Options[:n]), slices.Clone(r.Options[n:])
	asked, parts := r.Also, r.alsoParts
	defer func() {
		for _, id := range asked {
			if slices.Contains(r.Also, id) {
				continue
			}
			if slices.ContainsFunc(r.Options, func(o Option) bool { return o.ID == id }) {
				ex.partNotBelow(id, "not said below the answer: a button only")
			} else {
				ex.partNotBelow(id, "not said below the answer, nor a button (needs or ages left it out)")
			}
		}
	}()
	r.Also, r.Options = nil, nil
	for i, o := range also {
		line := e.set.Bot.Messages.AlsoAsked
		if len(r.Also) > 0 {
			line = e.set.Bot.Messages.AlsoAskedNext
		}
		if line == "" {
			rest = append(also[i:], rest...) // no words to say it with: a button like the others
			break
		}
		var others []string // the other questions' clauses: a case they call answers them, not o
		for j, p := range parts {
			if j != i {
				others = append(others, p)
			}
		}
		brief := e.brief(o.ID, msg, others)
		if brief != "" && strings.Contains(r.Text, brief) {
			if ex != nil {
				ex.Decision.Reason += "; the brief of " + o.ID + " is said above already: no pointer"
			}
			ex.partNotBelow(o.ID, "the answer says "+o.ID+"'s brief already: answered above, no pointer")
			continue
		}
		r.Also, r.Options = append(r.Also, o.ID), append(r.Options, o)
		r.Text = join(r.Text, line+" «"+o.Title+"»", brief)
	}
	r.Options = append(r.Options, rest...)
}

// alsoAsked finds the other questions in a message whose clauses ask several things ("báo mất ở
// đâu, có cần khóa VNeID không"): an asking clause searched alone, answered confidently by
// another entry that the whole message also ranks among the topics a clarification would offer.
// A clause is searched only when it names a subject or procedure of ours (words.yaml
// own_subjects, own_procedures): read without its story, "báo mất ở đâu" is a lost passport;
// a question set apart is searched anyway (Settings.AlsoApartAny). A clause the answered entry
// would answer too, or that asks for an item the answer gives (the fee), calls none. A question the citizen set apart (a sentence ending with "?", a numbered
// item: "1. làm thẻ cho con 10 tuổi cần gì 2. đăng ký tạm trú online thế nào") needs no rank in
// the whole message (Settings.AlsoApart): the whole is read as its first question. The first
// AlsoAskedMost such clauses, each of another entry, are the other questions, in the order asked;
// ranked says of each whether the whole message ranks it. The answer stays the whole message's.
// note, when set (--explain), is told what became of each part.
func (e *Engine) alsoAsked(ctx context.Context, msg reading, cands []Candidate, text string, note func(part, what string)) (os []Option, ranked []bool, parts []string) {
	if e.st.AlsoAsked <= 0 || e.st.AlsoAskedMost <= 0 || len(msg.focus.asking) == 0 || e.set.Bot.Messages.AlsoAsked == "" || len(cands) < 2 {
		return nil, nil, nil
	}
	asking := e.lx.parts(msg.focus.asking)
	if len(asking) == 0 {
		if note != nil && len(msg.focus.clauses) > 1 {
			note(cmp.Or(msg.focus.question, msg.focus.last), "the only asking part the message reads: nothing else to answer below")
		}
		return nil, nil, nil
	}
	near := cands[1:max(1, e.shownAbove(cands, e.st.Clarify))]
	var given words // the answer's words, read once when a clause asks for an item
	for _, p := range asking[:min(len(asking), e.st.AlsoAsked)] {
		c := p.text
		w := wordsOf(textnorm.Normalize(c))
		named := w.hasAny(e.lx.own) || w.hasAny(e.lx.ownProc)
		if !(p.apart && e.st.AlsoApartAny) && !named {
			if note != nil {
				why := "names none of our subjects or procedures (words.yaml own_subjects, own_procedures)"
				if !p.apart {
					why += " and is not set apart"
				}
				note(c, why+": left to the whole message")
			}
			continue // "báo mất ở đâu", "mang theo giấy tờ gì" name nothing of their own: they lean on the story, which the answer read
		}
		var other map[int]bool // the procedures the clause asks that the answer's entry does not name
		if e.answerGives(w, text, &given) {
			if other = e.otherProcedures(w, cands[0].ID); len(other) == 0 {
				if note != nil {
					note(c, "asks for an item the answer gives")
				}
				continue // "làm thẻ căn cước hết bao nhiêu tiền" after the card's procedure: its answer gives the fee
			}
		}
		d, cs, ok := e.partAnswer(ctx, msg, c, "also_asked", p.apart && e.st.AlsoApartLow, false)
		if !ok {
			switch {
			case note == nil:
			case len(cs) > 0:
				note(c, fmt.Sprintf("alone, not answered surely enough (%s: confidence %.3f, lead %.3f)", cs[0].ID, d.Conf, d.Lead))
			default:
				note(c, "alone, no candidate (fewer telling words than also_asked_words, no hit, or every hit left out by needs)")
			}
			continue
		}
		// A part that names none of our subjects leans on the story even when set apart: the
		// answer's entry among its candidates keeps it (review rv62m: "Thẻ BHYT của bé?" after
		// the birth package, "Có phải khám sức khỏe không?" after a licence renewal).
		ownFirst := e.st.AlsoOwnFirst && named
		if cs[0].ID == cands[0].ID || !ownFirst && slices.ContainsFunc(cs, func(x Candidate) bool { return x.ID == cands[0].ID && x.Conf >= e.st.Answer }) {
			if note != nil {
				note(c, "the answer's own entry answers it too (its first candidate, or among them at answer confidence without also_own_first)")
			}
			continue // the answer would answer this clause too ("làm tài khoản cho con trên điện thoại chị")
		}
		if other != nil && (!aboutAny(e.about[cs[0].ID], other) || aboutAny(e.about[cs[0].ID], e.about[cands[0].ID])) {
			if note != nil {
				note(c, cs[0].ID+" is not about the procedure the answer leaves out")
			}
			continue // the clause's entry is not about the other procedure, or is about the answer's too ("cấp thẻ" for "làm thẻ")
		}
		if slices.ContainsFunc(os, func(o Option) bool { return o.ID == cs[0].ID }) {
			if note != nil {
				note(c, "asked twice: "+cs[0].ID)
			}
			continue // asked twice in other words
		}
		isNear := slices.ContainsFunc(near, func(n Candidate) bool { return n.ID == cs[0].ID })
		if !isNear && !(p.apart && e.st.AlsoApart) {
			if note != nil {
				note(c, cs[0].ID+" answers it alone, but the whole message does not rank it among its topics and the part is not set apart")
			}
			continue
		}
		if o, ok := e.option(cs[0].ID); ok {
			if note != nil {
				note(c, "answered below by "+cs[0].ID)
			}
			os, ranked, parts = append(os, o), append(ranked, isNear), append(parts, c)
			if len(os) == e.st.AlsoAskedMost {
				break
			}
		}
	}
	return os, ranked, parts
}

// asksOwnSubjectAt reports that the part of msg that asks (its question, else its last clause,
// else the whole) names one of our subjects (words.yaml own_subjects).
func (e *Engine) asksOwnSubjectAt(msg reading) bool {
	text := cmp.Or(msg.focus.question, msg.focus.last, msg.redacted)
	return wordsOf(textnorm.Normalize(text)).hasAny(e.lx.own)
}

// firstItem returns the candidates and decision of a numbered list's first item read with the
// story around the list (focus.listed), when it is answered (confidently, or see apartSure) by an
// entry other than cands' first: confidently when the whole message's answer whole is confident,
// surely when whole is sure (Settings.FirstItem); explain as for clauseDecision. Citizens who number their questions ask the
// first one first, and the whole message's words spread over every item.
func (e *Engine) firstItem(ctx context.Context, msg reading, cands []Candidate, whole Decision, explain bool) ([]Candidate, Decision, bool) {
	if !e.st.FirstItem || msg.focus.listed == "" || len(cands) == 0 {
		return nil, Decision{}, false
	}
	d, cs, ok := e.partAnswer(ctx, msg, msg.focus.listed, "first_item", true, explain)
	if !ok || cs[0].ID == cands[0].ID {
		return nil, Decision{}, false
	}
	wholeConfident := whole.Kind == KindAnswer && e.confident(whole)
	if wholeConfident && !e.confident(d) || whole.Conf >= e.st.Sure && d.Conf < e.st.Sure {
		return nil, Decision{}, false
	}
	return cs, d, true
}

// apartSure reports whether a question the citizen set apart is answered surely enough on its
// own: confidently, or at confident_low with apart_lead, its entry the most confident of the first
// three (the ranking blends in search scores the confidence leaves out).
func (e *Engine) apartSure(d Decision, cs []Candidate) bool {
	if e.confident(d) {
		return true
	}
	if d.Conf < e.st.ConfidentLow || d.Lead < e.st.ApartLead {
		return false
	}
	for _, c := range cs[1:min(len(cs), 3)] {
		if c.Conf > cs[0].Conf {
			return false
		}
	}
	return true
}

// partAnswer searches one part of what msg asks on its own and returns its decision and
// candidates, ok when the first would be answered confidently (see clauseDecision), or, low, as
// apartSure allows (not ok: what the search found, for --explain); explain as for clauseDecision.
func (e *Engine) partAnswer(ctx context.Context, msg reading, part, what string, low, explain bool) (Decision, []Candidate, bool) {
	d, cs := e.clauseDecision(ctx, msg, part, what, explain)
	ok := d.Kind == KindAnswer && (e.confident(d) || low && e.apartSure(d, cs))
	return d, cs, ok
}

// clauseDecision searches one part of what msg asks on its own (of at least AlsoAskedWords
// telling words; else a fallback) and decides on it; explain keeps each candidate's
// contributions for --explain. A search error is logged and counted, and
// the part passed over (a fallback).
func (e *Engine) clauseDecision(ctx context.Context, msg reading, part, what string, explain bool) (Decision, []Candidate) {
	f, err := e.search.Search(ctx, part, e.st.Candidates)
	if err != nil {
		e.searchErrors.Add(1)
		e.logger.Error("answer.search_error", "err", err, "len", len(part), "part", what)
		return Decision{Kind: KindFallback}, nil
	}
	if f.Words < e.st.AlsoAskedWords || len(f.Hits) == 0 {
		return Decision{Kind: KindFallback}, nil
	}
	cs, _ := e.meetNeeds(e.score(f.Hits, explain), msg)
	if len(cs) == 0 {
		return Decision{Kind: KindFallback}, nil
	}
	d, _ := e.choose(cs, f)
	return d, cs
}

// brief is what a second question's entry id says first to msg: the say of its first case msg
// calls (the situation told: "tài khoản VNeID của ông (đã mất) có cần báo khóa không" is
// answered by the dead person's account case, not by the entry's unlock steps), else its answer's
// first paragraph when at most AlsoAskedBrief characters, not leading into a list (ends with
// ":") and pointing at nothing below it (words.yaml points_below: "theo một trong ba cách"): the
// direct answer most entries open with; else that paragraph's first sentence on the same terms.
// Shown under the entry's title so that the question is answered, not only offered; "" for none.
// A case that one of others (the other asked questions' clauses) calls by its own words is that
// question's, and is passed over.
func (e *Engine) brief(id string, msg reading, others []string) string {
	en, ok := e.byID[id]
	if !ok || e.st.AlsoAskedBrief <= 0 {
		return ""
	}
	if e.st.Cases > 0 {
		w := msg.caseWords()
		var ow []words // read only when a case is called
	cases:
		for _, c := range e.cases[id] {
			if _, _, _, ok := c.calledBy(w, e.notTold, msg.bereaved); !ok {
				continue
			}
			if ow == nil {
				for _, p := range others {
					pw := wordsOf(textnorm.Normalize(p))
					pw.typed = w.typed
					pw.plain = pw.typed
					ow = append(ow, pw)
				}
			}
			for _, pw := range ow {
				// The death the story tells is the whole message's, not another question's: read
				// with msg.bereaved, every other clause would call a bereaved case and no pointer
				// would say it ("bố tôi vừa mất … khai tử? … tài khoản VNeID của bố có cần khóa?").
				if _, _, _, ok := c.calledBy(pw, e.notTold, false); ok {
					continue cases // another question's words call it: "máy bay" asked apart is the flight entry's
				}
			}
			return c.say
		}
	}
	p, _, _ := strings.Cut(strings.TrimSpace(en.Answer), "\n\n")
	p = strings.TrimSpace(p)
	if e.briefFits(p) && !strings.Contains(p, "\n") {
		return p
	}
	// A long first paragraph often opens with the direct answer in its first sentence ("Nếu bạn
	// chưa có tài khoản thì không bị phạt: luật không bắt buộc…", then the exceptions): that
	// sentence alone, when it says enough (AlsoSentenceWords words).
	line, _, _ := strings.Cut(p, "\n")
	if first := firstSentence(line); first != line && len(wordsOf(textnorm.Normalize(first)).fold) >= e.st.AlsoSentenceWords && e.briefFits(first) {
		return first
	}
	return ""
}

// briefFits reports a text short enough to be a second question's brief (AlsoAskedBrief), not
// leading into a list (ends with ":") nor pointing at the rest of its answer (points_below).
func (e *Engine) briefFits(p string) bool {
	return p != "" && utf8.RuneCountInString(p) <= e.st.AlsoAskedBrief && !strings.HasSuffix(p, ":") &&
		!wordsOf(textnorm.Normalize(p)).hasAny(e.lx.below)
}

// firstSentence is line up to its first full stop, "!" or "?" followed by a space, outside
// brackets ("(NĐ 69/2024, Điều 14.)" does not end it); line itself when it has no such end.
func firstSentence(line string) string {
	depth := 0
	for i := 0; i < len(line)-1; i++ {
		switch c := line[i]; {
		case c == '(':
			depth++
		case c == ')':
			depth = max(0, depth-1)
		case depth == 0 && (c == '.' || c == '!' || c == '?') && line[i+1] == ' ':
			return line[:i+1]
		}
	}
	return line
}

// otherProcedures returns the procedures clause w asks (words.yaml own_procedures) that entry id
// names nowhere (title, keywords, questions): the papers "đăng ký kết hôn online cần những gì"
// asks for are not the ones a residence answer gives; nil for none.
func (e *Engine) otherProcedures(w words, id string) map[int]bool {
	var out map[int]bool
	for k := range e.lx.askedProcedures(w, e.st.DoneSpan) {
		if !e.named[id][k] {
			if out == nil {
				out = map[int]bool{}
			}
			out[k] = true
		}
	}
	return out
}

// answerGives reports whether clause w asks for an item (words.yaml asked_items: the fee, the
// papers, the wait) that the answer's text gives. *read holds text's words, read on first need.
func (e *Engine) answerGives(w words, text string, read *words) bool {
	for _, it := range e.lx.asked {
		if !w.hasAny(it.asks) {
			continue
		}
		if read.fold == nil {
			*read = wordsOf(textnorm.Normalize(text))
		}
		if read.hasAny(it.gives) {
			return true
		}
	}
	return false
}

// Explanation is what Explain reports: the candidates with their features and contributions,
// best first, and the decision with its reason.
type Explanation struct {
	Reply      Reply       `json:"reply"`
	Candidates []Candidate `json:"candidates"`
	Decision   Decision    `json:"decision"`
	Cases      []string    `json:"cases,omitempty"` // the entry's cases put before the answer
	// CasesBy say which of the message's words called each of Cases, quoted (a situation's
	// phrase with the situation's name).
	CasesBy []string `json:"cases_by,omitempty"`
	// Parts says, for each other asking part of a message that asks several things, whether
	// it was answered below the answer and, if not, why (also_asked).
	Parts    []string  `json:"parts,omitempty"`
	Settings []Setting `json:"settings,omitempty"`
}

// Explain answers text like Answer and says why: each candidate's features and what each part
// of the model contributed, and the rule that made the reply an answer, a clarification or a
// fallback.
func (e *Engine) Explain(ctx context.Context, text string) Explanation {
	var ex Explanation
	ex.Reply = e.answer(ctx, text, &ex)
	st := e.st
	ex.Settings = st.List()
	return ex
}

// wordCount is the number of words of a focus text (its " . " clause marks aside).
func wordCount(s string) int {
	n := 0
	for _, f := range strings.Fields(s) {
		if f != "." {
			n++
		}
	}
	return n
}

// followUp reports a short message opening with a follow-up word as typed ("vậy", not "vay": a
// loan) that names none of our subjects, procedures or the things risks are about.
func (e *Engine) followUp(msg reading) bool {
	w := msg.words
	if len(w.exact) == 0 || len(w.exact) > e.st.FollowUpWords || !e.lx.followUps[w.exact[0]] ||
		w.hasAny(e.lx.own) || w.hasAny(e.lx.riskSubj) || w.hasAny(e.lx.ownProc) {
		return false
	}
	// A question cue that starts the message asks on its own ("thế nào là cư trú").
	cued := false
	w.each(e.lx.cues, func(_, at int) { cued = cued || at == 0 })
	return !cued
}

// otherLanguage reports a message written in English: with no Vietnamese marks, at least
// ForeignMinWords of its words are English function words (words.yaml foreign), and they are
// ForeignShare of its words with letters.
func (e *Engine) otherLanguage(msg reading) bool {
	return msg.foreign >= e.st.ForeignMinWords && float64(msg.foreign) >= e.st.ForeignShare*float64(msg.lettered)
}

// confident reports whether an answer decided as d is right often enough to stand alone (see
// Settings.Confident).
func (e *Engine) confident(d Decision) bool {
	return d.Conf >= e.st.Confident || d.Conf >= e.st.ConfidentLow && d.Lead >= e.st.ConfidentLead
}

// longSure reports whether a confident decision on msg still stands when msg is long (see
// Settings.ConfidentLongWords): a story's words match more entries in passing.
func (e *Engine) longSure(d Decision, msg reading) bool {
	return e.st.ConfidentLongWords <= 0 || len(msg.words.fold) <= e.st.ConfidentLongWords ||
		d.Conf >= e.st.Confident || d.Lead >= e.st.ConfidentLongLead
}

// knowsNothing reports that text holds no word the FAQ knows. A search error says no: the
// message then takes the normal path, which reports the error.
func (e *Engine) knowsNothing(ctx context.Context, text string) bool {
	if strings.TrimSpace(text) == "" {
		return true
	}
	f, err := e.search.Search(ctx, text, 1)
	return err == nil && f.Known == 0
}

// SearchErrors is how many searches failed since the engine was made.
func (e *Engine) SearchErrors() int64 { return e.searchErrors.Load() }

// confidence maps a hit to 0..1: how much of the message the entry explains, with word order
// adding a little certainty when the message has word pairs the FAQ knows.
func (e *Engine) confidence(h Hit) float64 {
	if !h.Anchored {
		return 0
	}
	c := e.st.CovWeight*h.Coverage + e.st.PhraseWeight*h.Phrase
	if h.Phrase == 0 {
		c = e.st.LoneCovWeight * h.Coverage
	}
	return math.Max(0, math.Min(1, c))
}

// option is entry id as a button (false: no such entry).
func (e *Engine) option(id string) (Option, bool) {
	en, ok := e.byID[id]
	if !ok {
		return Option{}, false
	}
	return Option{ID: en.ID, Title: en.Title}, true
}

// options are the entries of cands as buttons.
func (e *Engine) options(cands []Candidate) []Option {
	var o []Option
	for _, c := range cands {
		if b, ok := e.option(c.ID); ok {
			o = append(o, b)
		}
	}
	return o
}

func (e *Engine) fallback() Reply {
	return Reply{Kind: KindFallback, Text: e.set.Bot.Messages.Fallback, Options: e.Suggested()}
}

func (e *Engine) smalltalkReply(kind string) Reply {
	m := e.set.Bot.Messages
	text := m.Greeting
	switch kind {
	case "thanks":
		text = m.Thanks
	case "goodbye":
		text = m.Goodbye
	case "about_bot":
		text = cmp.Or(m.AboutBot, m.Help)
	case "ack":
		text = cmp.Or(m.Ack, m.Thanks)
	}
	r := Reply{Kind: KindSmalltalk, Text: text}
	if kind == "greeting" || kind == "about_bot" {
		r.Options = e.Suggested()
	}
	return r
}

// Entry returns the reply for one entry, as sent when a citizen picks it from a list.
func (e *Engine) Entry(id string) (Reply, bool) {
	if _, ok := e.byID[id]; !ok {
		return Reply{}, false
	}
	r := e.entryReply(id)
	r.Score = 1
	return r, true
}

// Stated is all an entry may say to a message: its answer and its cases, whether or not a
// message calls them (what the evaluation reads a missing fact against).
func (e *Engine) Stated(id string) (string, bool) {
	en, ok := e.byID[id]
	if !ok {
		return "", false
	}
	return en.Stated(), true
}

// offerNearest puts the nearest other plausible topics (confidence at least Clarify, at most
// Options-1 of them) before an unsure answer's related entries, and says why they are there.
func (e *Engine) offerNearest(r *Reply, cands []Candidate) {
	var near []Option
	for _, c := range cands[1:] {
		if len(near) >= e.st.Options-1 {
			break
		}
		if b, ok := e.option(c.ID); ok && c.Conf >= e.st.Clarify {
			near = append(near, b)
		}
	}
	if len(near) == 0 {
		return
	}
	for _, o := range r.Options {
		if !slices.ContainsFunc(near, func(n Option) bool { return n.ID == o.ID }) {
			near = append(near, o)
		}
	}
	r.Options = near
	r.Text = join(r.Text, e.set.Bot.Messages.Unsure)
}

func (e *Engine) entryReply(id string) Reply {
	en := e.byID[id]
	r := Reply{Kind: KindAnswer, ID: en.ID, Title: en.Title, Text: strings.TrimSpace(en.Answer)}
	for _, rel := range en.Related {
		if b, ok := e.option(rel); ok {
			r.Options = append(r.Options, b)
		}
	}
	for _, l := range en.Links {
		r.Links = append(r.Links, Link{Title: l.Title, URL: l.URL})
	}
	return r
}

// Topics lists the topic areas with their entries, in file order.
func (e *Engine) Topics() []Topic {
	var out []Topic
	idx := map[string]int{}
	for _, en := range e.set.Entries {
		i, ok := idx[en.Topic]
		if !ok {
			i = len(out)
			idx[en.Topic] = i
			out = append(out, Topic{Name: en.Topic})
		}
		out[i].Entries = append(out[i].Entries, Option{ID: en.ID, Title: en.Title})
	}
	return out
}

// Suggested lists the entries offered with the welcome and fallback messages.
func (e *Engine) Suggested() []Option {
	var out []Option
	for _, id := range e.set.Bot.SuggestedTopics {
		if b, ok := e.option(id); ok {
			out = append(out, b)
		}
	}
	return out
}

// Message returns one of the bot's own messages by its key in bot.yaml ("welcome", "help", …).
func (e *Engine) Message(key string) string {
	m := e.set.Bot.Messages
	switch key {
	case "welcome":
		return m.Welcome
	case "help":
		return m.Help
	case "fallback":
		return m.Fallback
	case "clarify":
		return m.Clarify
	case "safety_personal_data":
		return m.SafetyPersonalData
	case "personal_name":
		return m.PersonalName
	case "safety_scam":
		return m.SafetyScam
	case "safety_theft":
		return m.SafetyTheft
	case "do_for_me":
		return m.DoForMe
	case "rate_limited":
		return m.RateLimited
	case "greeting":
		return m.Greeting
	case "thanks":
		return m.Thanks
	case "goodbye":
		return m.Goodbye
	case "about_bot":
		return cmp.Or(m.AboutBot, m.Help)
	case "ack":
		return cmp.Or(m.Ack, m.Thanks)
	case "attachment":
		return cmp.Or(m.Attachment, m.Empty)
	case "feedback_thanks":
		return m.FeedbackThanks
	case "error":
		return m.Error
	case "empty":
		return m.Empty
	}
	return ""
}

// Len is the number of entries.
func (e *Engine) Len() int { return len(e.set.Entries) }

func clarifyText(intro string, opts []Option) string {
	var b strings.Builder
	b.WriteString(strings.TrimSpace(intro))
	for i, o := range opts {
		b.WriteString("\n")
		b.WriteString(string(rune('1' + i)))
		b.WriteString(". ")
		b.WriteString(o.Title)
	}
	return b.String()
}

func join(parts ...string) string {
	var out []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, "\n\n")
}

func round(x float64) float64 { return math.Round(x*1000) / 1000 }
