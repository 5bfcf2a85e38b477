package answer

import (
	"strings"

	"github.com/vneidbot/vneidbot/internal/faq"
	"github.com/vneidbot/vneidbot/internal/pii"
	"github.com/vneidbot/vneidbot/internal/textnorm"
)

// This file reads a message before any ranking: what is personal (pii), what is small talk,
// what is a risk (scam, do-for-me, the safety rules of words.yaml), which neighbouring matter it
// is about (offtopic.yaml), and which part of it asks (focus.go). All phrases come from content.

// lexicon is the word lists of one FAQ snapshot, folded once.
type lexicon struct {
	smalltalk []phraseKind
	cues      [][]string // question cues
	endings   [][]string // question cues that count only at the end of a clause (question_endings)
	scam      [][]string
	doForMe   [][]string
	compounds [][]string // nouns that cancel a do-for-me match they overlap ("hộ chiếu")
	safety    []safetyRule
	offTopic  []offTopic
}

type phraseKind struct {
	words []string
	kind  string // greeting, thanks, goodbye
}

type safetyRule struct {
	flag    string
	phrases [][]string
	message string
}

type offTopic struct {
	id      string
	cues    [][]string
	message string
}

func newLexicon(w faq.Words, topics []faq.OffTopic) lexicon {
	var lx lexicon
	for _, l := range []struct {
		kind string
		list []string
	}{{"greeting", w.Greetings}, {"thanks", w.Thanks}, {"goodbye", w.Goodbyes}} {
		for _, p := range foldAll(l.list) {
			lx.smalltalk = append(lx.smalltalk, phraseKind{words: p, kind: l.kind})
		}
	}
	lx.cues = foldAll(w.QuestionCues)
	lx.endings = foldAll(w.QuestionEndings)
	lx.scam = foldAll(w.Scam)
	lx.doForMe = foldAll(w.DoForMe)
	lx.compounds = foldAll(w.Compounds)
	for _, r := range w.Safety {
		lx.safety = append(lx.safety, safetyRule{flag: r.Flag, phrases: foldAll(r.Phrases), message: r.Message})
	}
	for _, t := range topics {
		lx.offTopic = append(lx.offTopic, offTopic{id: t.ID, cues: foldAll(t.Cues), message: t.Message})
	}
	return lx
}

func foldAll(list []string) [][]string {
	var out [][]string
	for _, p := range list {
		if w := foldWords(p); len(w) > 0 {
			out = append(out, w)
		}
	}
	return out
}

func foldWords(s string) []string { return textnorm.Tokens(textnorm.Fold(textnorm.Normalize(s))) }

// reading is what the engine knows of a message before searching.
type reading struct {
	redacted string     // the message with personal data masked: the only form that leaves the engine
	personal []pii.Kind // kinds of personal data found
	words    []string   // folded words of the redacted message
	small    string     // greeting, thanks or goodbye when the message holds one
	focus    focus      // the message without small talk, split into what it asks and the story
	scam     bool
	doForMe  bool
	safety   []safetyRule // safety rules the message triggers, in words.yaml order
	offTopic *offTopic    // the neighbouring matter the message is about, if any
}

// read takes a message apart. text is already cut to MaxInput.
func (lx *lexicon) read(text string) reading {
	redacted, kinds := pii.Redact(text)
	clean := strings.ReplaceAll(redacted, pii.Mask, " ")
	r := reading{redacted: redacted, personal: kinds, words: foldWords(clean)}
	r.small = lx.smalltalkKind(r.words)
	r.focus = lx.focus(clean)
	r.scam = containsAny(r.words, lx.scam)
	r.doForMe = lx.asksDoForMe(r.words)
	for _, s := range lx.safety {
		if containsAny(r.words, s.phrases) {
			r.safety = append(r.safety, s)
		}
	}
	for i := range lx.offTopic {
		if containsAny(r.words, lx.offTopic[i].cues) {
			r.offTopic = &lx.offTopic[i]
			break
		}
	}
	return r
}

func (lx *lexicon) smalltalkKind(words []string) string {
	for _, p := range lx.smalltalk {
		if containsSeq(words, p.words) {
			return p.kind
		}
	}
	return ""
}

// asksDoForMe reports a do-for-me phrase that is not part of a noun compound: "làm hộ tôi" asks,
// "làm hộ chiếu" (make a passport) and "chủ hộ làm" (the household head does) do not. A phrase
// occurrence counts unless one of its words also belongs to a compound occurrence.
func (lx *lexicon) asksDoForMe(words []string) bool {
	var inCompound []bool
	for _, p := range lx.doForMe {
		for _, at := range findSeq(words, p) {
			if inCompound == nil {
				inCompound = lx.compoundWords(words)
			}
			part := false
			for i := at; i < at+len(p); i++ {
				part = part || inCompound[i]
			}
			if !part {
				return true
			}
		}
	}
	return false
}

// compoundWords marks the words of the message that belong to a do-for-me compound.
func (lx *lexicon) compoundWords(words []string) []bool {
	in := make([]bool, len(words))
	for _, c := range lx.compounds {
		for _, at := range findSeq(words, c) {
			for i := at; i < at+len(c); i++ {
				in[i] = true
			}
		}
	}
	return in
}

// offTopicReply turns r into the fallback of a neighbouring matter, naming its channel, unless r
// answers with an entry that is itself about the matter.
func (e *Engine) offTopicReply(t *offTopic, r Reply) Reply {
	if en, ok := e.byID[r.ID]; ok && r.Kind == KindAnswer && offTopicCovered(t, en) {
		return r
	}
	return Reply{Kind: KindFallback, Text: t.message, Options: e.Suggested(), Score: r.Score, Margin: r.Margin, Ranked: r.Ranked}
}

// offTopicCovered reports whether the entry itself is about the matter: its title, questions or
// keywords use one of the topic's cues. Then the FAQ does cover it and the entry may answer.
func offTopicCovered(t *offTopic, en *faq.Entry) bool {
	texts := append([]string{en.Title}, en.Questions...)
	texts = append(texts, en.Keywords...)
	for _, s := range texts {
		if containsAny(foldWords(s), t.cues) {
			return true
		}
	}
	return false
}

func containsAny(words []string, phrases [][]string) bool {
	for _, p := range phrases {
		if containsSeq(words, p) {
			return true
		}
	}
	return false
}

func containsSeq(words, seq []string) bool { return indexSeq(words, seq, 0) >= 0 }

// findSeq returns every position where seq starts in words.
func findSeq(words, seq []string) []int {
	var out []int
	for i := indexSeq(words, seq, 0); i >= 0; i = indexSeq(words, seq, i+1) {
		out = append(out, i)
	}
	return out
}

func indexSeq(words, seq []string, from int) int {
	if len(seq) == 0 {
		return -1
	}
	for i := from; i+len(seq) <= len(words); i++ {
		match := true
		for j := range seq {
			if words[i+j] != seq[j] {
				match = false
				break
			}
		}
		if match {
			return i
		}
	}
	return -1
}
