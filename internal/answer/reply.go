package answer

// Kind says what sort of reply the engine chose.
type Kind string

// The five kinds of reply. Every channel renders all five.
const (
	KindAnswer    Kind = "answer"    // confident: one entry's guidance
	KindClarify   Kind = "clarify"   // two or three entries are close: ask which
	KindFallback  Kind = "fallback"  // nothing fits: say so, point to official help
	KindSafety    Kind = "safety"    // personal data or a scam pattern: warn (and answer if possible)
	KindSmalltalk Kind = "smalltalk" // greetings, thanks, goodbyes
)

// Option is an entry offered as a choice: a clarification or a related entry.
type Option struct {
	ID    string `json:"id"`
	Title string `json:"title"`
}

// Link is an official web page attached to an answer.
type Link struct {
	Title string `json:"title"`
	URL   string `json:"url"`
}

// Reply is the engine's answer to one message, the same for every channel.
// Its JSON form is the contract of `vneidbot ask --json` and POST /api/v1/ask.
type Reply struct {
	Query  string  `json:"query"`  // the message, with personal data redacted
	Kind   Kind    `json:"kind"`   // one of the five kinds
	ID     string  `json:"id"`     // the chosen entry, empty when none
	Title  string  `json:"title"`  // the chosen entry's title, empty when none
	Text   string  `json:"text"`   // the full reply as the citizen reads it
	Score  float64 `json:"score"`  // confidence 0..1 in the best entry
	Margin float64 `json:"margin"` // lead in rank of the best entry over the second
	// Confident is set on an answer whose score reaches Settings.Confident, or ConfidentLow with
	// a lead of ConfidentLead: on questions the model never saw such answers are right at least
	// 95% of the time. A less sure answer leads its
	// options with the nearest other topics, so the citizen can switch in one tap.
	Confident bool     `json:"confident,omitempty"`
	Options   []Option `json:"options"` // clarify choices, or related entries for an answer
	// Nearest is set on a fallback whose options are the topics nearest the message (unsure
	// fallback), not the popular ones.
	Nearest bool   `json:"nearest,omitempty"`
	Links   []Link `json:"links"` // official links of the chosen entry
	// Guide is, for a request to do a procedure (flag do_for_me), the entry offered as its guide
	// (the first of Options) instead of being answered.
	Guide string `json:"guide,omitempty"`
	// Also are the entries of the other questions the message asks (Settings.AlsoAsked,
	// AlsoAskedMost), in the order asked, offered as the first of Options.
	Also []string `json:"also,omitempty"`
	// Flags lists why a safety reply was given: "personal_data", "scam", "do_for_me", a safety
	// rule's flag of words.yaml, or "risk" (the learned model's reading).
	Flags []string `json:"flags,omitempty"`
	// Error is set when the reply is not the bot's judgement but a failure ("search").
	Error string `json:"error,omitempty"`
	// Ranked is the engine's ranking of entries, best first (for evaluation).
	Ranked []Option `json:"ranked,omitempty"`
	// Cases are the entry's cases put before the answer, the situations the message names (their
	// text leads Text; kept apart for evaluation: which passes a case made).
	Cases []string `json:"-"`
	// CaseNums are those cases' places in the entry's cases: (1 for the first), in the same order.
	CaseNums []int `json:"-"`

	risk bool // the learned model reads the message as itself a risk (see Settings.RiskLead)
	// neighbourLead is a neighbouring matter's message and bot.yaml neighbour_answer, put before
	// an answer once its cases are in, when the message also asks about the matter alone
	// (Engine.withChannel); oursAsked are then the asking clauses of ours, which alone choose the
	// answer's leading paragraph (leadAsked): the matter's "bao nhiêu tiền" is not our fee.
	neighbourLead string
	oursAsked     string
	// alsoParts are the asking clauses that called Also's entries, in Also's order (addAlso).
	alsoParts []string
	// riskReadsOff: with risk, the model reads the message at least as much off-topic as risky
	riskReadsOff bool
	// offLead is the learned model's off-topic score less the answered entry's: well below 0,
	// the model reads the message as ours whatever a doubtful cue says (Settings.UnmarkedLead).
	offLead float64
	// sure is e.confident of an answer's decision, whatever the message's length: the engine's
	// own decisions read it, Confident (for the citizen) also weighs a long message's doubt.
	sure bool
	// cands are the scored candidates of an answer, best first, while the engine still decides
	// (offTopicReply may answer with another); never cached.
	cands []Candidate
}

// RunnersUp are the entries ranked after the one chosen (or, for a clarification without a
// ranking, the choices offered): what the gaps report shows staff beside an exchange.
func (r Reply) RunnersUp() []string {
	var ids []string
	for _, o := range r.Ranked {
		if o.ID != r.ID {
			ids = append(ids, o.ID)
		}
	}
	if len(ids) == 0 && r.Kind == KindClarify {
		for _, o := range r.Options {
			ids = append(ids, o.ID)
		}
	}
	return ids
}

// Topic is a topic area (one FAQ file) with its entries, for browsing.
type Topic struct {
	Name    string   `json:"name"`
	Entries []Option `json:"entries"`
}
