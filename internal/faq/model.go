// Package faq owns the FAQ content model: the YAML files in faq/, their loading and their
// validation (problems reported as file:line: message).
package faq

import (
	"slices"
	"strings"
	"time"
)

// Entry is one question-and-answer of the FAQ.
type Entry struct {
	ID        string   `yaml:"id"`
	Title     string   `yaml:"title"`
	Questions []string `yaml:"questions"`
	Answer    string   `yaml:"answer"`
	Links     []Link   `yaml:"links"`
	Related   []string `yaml:"related"`
	Sources   []string `yaml:"sources"`
	Reviewed  string   `yaml:"reviewed"`
	Keywords  []string `yaml:"keywords"`
	Tags      []string `yaml:"tags"`
	ReviewBy  string   `yaml:"review_by"` // a claim here may be outdated by this day (YYYY-MM-DD)
	Notes     []string `yaml:"notes"`     // names of standard notes (bot.yaml notes:) added to the answer
	Aliases   []string `yaml:"aliases"`   // ids of entries merged into this one
	Cases     []Case   `yaml:"cases"`     // sentences given only to a message naming their situation
	// Needs are phrases one of which a message must hold for the entry to answer it: an entry
	// for what has already happened ("lỡ đọc mã OTP") is not the answer to a question that only
	// shares its words ("sao cứ bắt cài ứng dụng này"). Whole words, marks optional, as When.
	Needs []string `yaml:"needs"`
	// NeedsAlso is a second list read as Needs: a message must hold one phrase of each. The
	// lost card's entry needs a loss word and the card named ("mất giấy đăng ký xe" is not it).
	NeedsAlso []string `yaml:"needs_also"`
	// Ages are the ages of the person the entry is for (the card of a child under 6): a message
	// that states ages, none of them in this span ("bé 7 tuổi"), is not answered by it.
	Ages *AgeSpan `yaml:"ages"`

	// Body is the answer without its notes, set by Resolve (what search indexes);
	// empty in a Set that is not resolved.
	Body string `yaml:"-"`

	// Set by the loader, not read from YAML.
	Topic string `yaml:"-"` // the topic of the file the entry came from
	File  string `yaml:"-"` // file name, relative to the FAQ directory
	Line  int    `yaml:"-"` // line of the entry's first key
}

// Stated is all the entry may say to a message: its answer and its cases, whether or not a
// message calls them (what training and the evaluation read a fact against).
func (e Entry) Stated() string {
	parts := make([]string, 0, 1+len(e.Cases))
	if a := strings.TrimSpace(e.Answer); a != "" {
		parts = append(parts, a)
	}
	for _, c := range e.Cases {
		if say := strings.TrimSpace(c.Say); say != "" {
			parts = append(parts, say)
		}
	}
	return strings.Join(parts, "\n\n")
}

// Case is a sentence an answer gives only to a message that names its situation: a beard in
// the portrait, fingerprints worn by hard work. It lets an answer settle the particular case a
// citizen asks about without every citizen reading it on one phone screen.
type Case struct {
	When []string `yaml:"when"` // phrases, any of which in the message adds Say (whole words, marks optional)
	// Situation names a words.yaml situations list whose phrases call the case too ("failed").
	Situation string `yaml:"situation"`
	Say       string `yaml:"say"` // the sentence, naming its situation first; may refer to facts
	// Use names a shared case of cases.yaml whose phrases and sentence this case takes (its own
	// when phrases are added to the shared ones).
	Use string `yaml:"use"`
	// SayFile is the file the sentence is written in when it is not the entry's (a shared case).
	SayFile string `yaml:"-"`
	Line    int    `yaml:"-"` // line of the case in its file
	// SayLine is the line of its say, where lint reports what the sentence says.
	SayLine int `yaml:"-"`
}

// Link is an official web page attached to an entry.
type Link struct {
	Title string `yaml:"title"`
	URL   string `yaml:"url"`
}

// File is one topic file: faq/<name>.yaml.
type File struct {
	Topic   string  `yaml:"topic"`
	Entries []Entry `yaml:"entries"`
}

// Synonyms is faq/synonyms.yaml: groups of equivalent terms; a term may be several words.
type Synonyms struct {
	Groups [][]string `yaml:"groups"`
	// Ages are ranges of stated ages read as one phrase: "75 tuổi" is "trên 60 tuổi" to the
	// card rules, which change at 14, 25, 40 and 60.
	Ages []AgeRange `yaml:"ages"`
	// AgeAfter are the words after which a short age ("75t", "75 t") is an age ("ông 75t"):
	// after any other word the t is triệu ("bị lừa 80t").
	AgeAfter []string `yaml:"age_after"`
	// AgeBounds are the words before a number that make it a bound, not an age stated ("dưới 6
	// tuổi", "từ đủ 14 tuổi"): an entry's Ages are checked against stated ages only.
	AgeBounds []string `yaml:"age_bounds"`
	// AgeBoundsAfter are the words right after an age that make it a bound ("14 tuổi trở xuống").
	AgeBoundsAfter []string `yaml:"age_bounds_after"`
	// BornBefore are the words before a birth year ("sinh năm 2019", "sn 2012", "sinh 3/2/2019"):
	// the year states an age, read against the day the set is rendered for.
	BornBefore []string `yaml:"born_before"`
}

// AgeSpan is a span of ages, From to To inclusive.
type AgeSpan struct {
	From, To int
}

// Holds reports whether age is in the span.
func (s AgeSpan) Holds(age int) bool { return age >= s.From && age <= s.To }

// AgeRange reads a stated age from From to To (inclusive) as the phrase As.
type AgeRange struct {
	From, To int
	As       string
}

// Bot is faq/bot.yaml: the bot's own messages and the topics it suggests.
type Bot struct {
	Messages        Messages `yaml:"messages"`
	SuggestedTopics []string `yaml:"suggested_topics"` // entry ids offered with welcome and fallback
	// Notes are standard texts (the OTP warning, the app-version caveat) that entries
	// add to their answer by name instead of repeating them.
	Notes map[string]string `yaml:"notes"`
	// WarnedNotes are notes a safety warning may already say (the OTP warning), each with the
	// words by which a warning says it: a reply led by such a warning leaves the note out.
	WarnedNotes map[string]string `yaml:"warned_notes"`
	// ClarifyLeads are lines said before the question of a clarification whose first topic's
	// entry carries the tag (tag → line): a citizen who may be in a scam reads what to do now
	// before choosing.
	ClarifyLeads map[string]string `yaml:"clarify_leads"`
	// BringPhrases tell lint that a procedural answer says what to bring.
	BringPhrases []string `yaml:"bring_phrases"`
}

// WarningSays reports whether a warning holds the words by which it says a warned note
// (bot.yaml warned_notes), letter case aside: the engine and lint read them the same way.
func WarningSays(warning, words string) bool {
	return strings.Contains(strings.ToLower(warning), strings.ToLower(words))
}

// Messages are the texts the bot sends that are not FAQ answers.
type Messages struct {
	Welcome            string `yaml:"welcome"`
	Help               string `yaml:"help"`
	Fallback           string `yaml:"fallback"`
	Clarify            string `yaml:"clarify"`
	SafetyPersonalData string `yaml:"safety_personal_data"`
	SafetyScam         string `yaml:"safety_scam"`
	SafetyTheft        string `yaml:"safety_theft"` // replaces safety_scam when only words.yaml scam_theft(_together) told the scam (optional: else safety_scam)
	SafetyRisk         string `yaml:"safety_risk"`  // a message the learned model reads as itself a risk (optional: else no such warning)
	DoForMe            string `yaml:"do_for_me"`
	DoForMeGuide       string `yaml:"do_for_me_guide"` // after do_for_me when the procedure's guide is offered as a button (optional)
	RateLimited        string `yaml:"rate_limited"`
	Greeting           string `yaml:"greeting"`
	Thanks             string `yaml:"thanks"`
	Goodbye            string `yaml:"goodbye"`
	Unsure             string `yaml:"unsure"` // after an answer below Settings.Confident (optional)
	// UnsureFallback replaces Fallback when the nearest topics are its buttons (a confidence
	// between clarify and answer): it asks the citizen to pick one of them before saying the
	// question may be outside the bot's scope (optional: else fallback).
	UnsureFallback string `yaml:"unsure_fallback"`
	// NeighbourOurs follows a neighbouring matter's channel when the asking clauses also name one of
	// our subjects or procedures and an entry would have answered: that entry and the next ones
	// are its buttons (optional: else the channel alone, no buttons).
	NeighbourOurs string `yaml:"neighbour_ours"`
	// NeighbourAnswer goes between a neighbouring matter's channel and an answer of ours when the
	// message asks the matter in one sentence and one of ours in another ("Giá vàng hôm nay bao
	// nhiêu? Làm căn cước cho bé 5 tuổi cần gì?") (optional: else the channel alone).
	NeighbourAnswer string `yaml:"neighbour_answer"`
	FollowUp        string `yaml:"follow_up"`       // to a short follow-up that names no topic (words.yaml follow_ups): the bot does not know the earlier question (optional: else answered as usual)
	Sorry           string `yaml:"sorry"`           // before the reply to a frustrated message (words.yaml frustration; optional: else nothing)
	AlsoAsked       string `yaml:"also_asked"`      // after an answer to a message that also asks a second thing another entry answers (Settings.AlsoAsked): that entry is the first button (optional: else no second question is looked for)
	AlsoAskedNext   string `yaml:"also_asked_next"` // before a third question's entry, when the message asks more than two things (Settings.AlsoAskedMost; optional: else only the second is answered)
	Condolence      string `yaml:"condolence"`      // before the reply to a message telling of a relative's death (words.yaml bereavement; optional: else nothing)
	PersonalName    string `yaml:"personal_name"`   // replaces safety_personal_data when a full name is all the personal data (a name quoted to correct it): a note, not the warning (optional: else the warning)
	Attachment      string `yaml:"attachment"`      // a picture, sticker or file: only text is read (optional: else empty)
	AboutBot        string `yaml:"about_bot"`       // who answers: a program, not an officer (optional: else help)
	OtherLanguage   string `yaml:"other_language"`  // a message in English: the bot reads Vietnamese only (optional: else fallback)
	InVietnamese    string `yaml:"in_vietnamese"`   // before an answer to a message in English: the answer is in Vietnamese (optional: else nothing)
	Ack             string `yaml:"ack"`             // an acknowledgement alone, "ok", "👍" (optional: else thanks)
	FeedbackThanks  string `yaml:"feedback_thanks"`
	Error           string `yaml:"error"`
	Empty           string `yaml:"empty"`
	// FactUnavailable stands in for a fact that has no value on the day of the reply
	// (optional; lint prevents it, a running bot may still meet it).
	FactUnavailable string `yaml:"fact_unavailable"`
}

// Set is everything loaded from one FAQ directory.
type Set struct {
	Topics   []string // topic names in file order
	Entries  []Entry  // all entries, in file order
	Synonyms Synonyms
	Bot      Bot
	Facts    []Fact     // faq/facts.yaml, in file order
	Retired  []Retired  // faq/facts.yaml retired: claims a rule has ended, in file order
	Words    Words      // faq/words.yaml (optional): the word lists messages are read with
	OffTopic []OffTopic // faq/offtopic.yaml (optional): neighbouring matters and their channels
	Hash     string     // content hash of every file read, for index staleness

	// Set by Resolve: the day the text was rendered for, and the instant it next
	// changes (zero: it never does). Both zero in a Set straight from Load.
	Day  Day
	Next time.Time

	canon map[string]string // id or alias → entry id, set by Resolve
}

// ByID returns the entry with the given id, or the entry that lists it among its aliases.
func (s *Set) ByID(id string) (*Entry, bool) {
	for i := range s.Entries {
		if s.Entries[i].ID == id {
			return &s.Entries[i], true
		}
	}
	for i := range s.Entries {
		if slices.Contains(s.Entries[i].Aliases, id) {
			return &s.Entries[i], true
		}
	}
	return nil, false
}
