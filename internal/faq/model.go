// Package faq owns the FAQ content model: the YAML files in faq/, their loading and their
// validation (problems reported as file:line: message).
package faq

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

	// Set by the loader, not read from YAML.
	Topic string `yaml:"-"` // the topic of the file the entry came from
	File  string `yaml:"-"` // file name, relative to the FAQ directory
	Line  int    `yaml:"-"` // line of the entry's first key
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
}

// Bot is faq/bot.yaml: the bot's own messages and the topics it suggests.
type Bot struct {
	Messages        Messages `yaml:"messages"`
	SuggestedTopics []string `yaml:"suggested_topics"` // entry ids offered with welcome and fallback
}

// Messages are the texts the bot sends that are not FAQ answers.
type Messages struct {
	Welcome            string `yaml:"welcome"`
	Help               string `yaml:"help"`
	Fallback           string `yaml:"fallback"`
	Clarify            string `yaml:"clarify"`
	SafetyPersonalData string `yaml:"safety_personal_data"`
	SafetyScam         string `yaml:"safety_scam"`
	DoForMe            string `yaml:"do_for_me"`
	RateLimited        string `yaml:"rate_limited"`
	Greeting           string `yaml:"greeting"`
	Thanks             string `yaml:"thanks"`
	Goodbye            string `yaml:"goodbye"`
	FeedbackThanks     string `yaml:"feedback_thanks"`
	Error              string `yaml:"error"`
	Empty              string `yaml:"empty"`
}

// Set is everything loaded from one FAQ directory.
type Set struct {
	Topics   []string // topic names in file order
	Entries  []Entry  // all entries, in file order
	Synonyms Synonyms
	Bot      Bot
	Words    Words      // words.yaml (optional)
	OffTopic []OffTopic // offtopic.yaml (optional)
	Hash     string     // content hash of every file read, for index staleness
}

// ByID returns the entry with the given id.
func (s *Set) ByID(id string) (*Entry, bool) {
	for i := range s.Entries {
		if s.Entries[i].ID == id {
			return &s.Entries[i], true
		}
	}
	return nil, false
}
