// Package store keeps what the bot answered, so staff can see what citizens asked that the
// FAQ did not cover: one Exchange per reply, and later the citizen's 👍/👎 on it.
//
// Nothing personal is kept. The text is redacted (Redact: the pii package's rules plus
// e-mail addresses and long digit runs as a second net) before it reaches a record, and a
// chat or user id is only ever kept as a keyed HMAC (Hasher) whose key lives in the
// configuration, so the store cannot be tied back to a person without that key.
//
// The package holds the record types, the redaction, and Writer: the buffered, batched,
// bounded path by which replies are recorded without ever waiting for the database. The
// databases live in the subpackages sqlite (the embedded default) and postgres (for
// replicas); both satisfy DB and pass the same suite, storetest.
package store

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"regexp"
	"strings"
	"time"

	"github.com/vneidbot/vneidbot/internal/pii"
	"github.com/vneidbot/vneidbot/internal/textnorm"
)

// Exchange is one reply of the bot as the store keeps it.
type Exchange struct {
	ID         string    // random, unguessable; the reply carries it so feedback can name it
	Time       time.Time // when the reply was given
	Channel    string    // "http", "telegram", …
	Subject    string    // keyed HMAC of the chat or user id (Hasher), "" when the channel has none
	Text       string    // the citizen's text, redacted
	Norm       string    // Text normalised and folded (textnorm), for grouping
	Kind       string    // the reply kind: answer, clarify, fallback, safety, smalltalk
	Entry      string    // the chosen entry, "" when none
	Confidence float64   // 0..1
	RunnersUp  []string  // the next entries in the ranking (or the clarify choices), best first
	Flags      []string  // why a safety reply was given (answer.Reply.Flags): names, never the data

	// Feedback, when the citizen gave some.
	Vote    string    // "", VoteUp or VoteDown
	Reason  string    // optional short reason, redacted
	VotedAt time.Time // zero without a vote
}

// Votes.
const (
	VoteUp   = "up"
	VoteDown = "down"
)

// Feedback is a vote on an exchange. It is kept apart from the exchange so that it can arrive
// first (another replica recorded the exchange and has not flushed it yet) and still count.
type Feedback struct {
	Exchange string
	Vote     string
	Reason   string
	Time     time.Time
}

// Query selects exchanges, newest first.
type Query struct {
	Since, Until time.Time // [Since, Until); zero values are open ends
	Gaps         bool      // only fallbacks, clarifications, 👎 and the learned risk warnings (flag risk)
	Down         bool      // only 👎
	Limit        int       // 0 for no limit
}

// Cutoff says what the retention deletes: exchanges and feedback before Records, remembered
// Telegram update ids before Updates (zero values delete nothing).
type Cutoff struct {
	Records time.Time
	Updates time.Time
}

// DB is what every store implementation provides; the storetest suite holds them to it.
// Consumers declare the smaller interfaces they need.
type DB interface {
	// Add records exchanges; an exchange whose ID is already stored is ignored.
	Add(ctx context.Context, xs []Exchange) error
	// SetFeedback records or replaces the vote on an exchange.
	SetFeedback(ctx context.Context, f Feedback) error
	// List returns the exchanges q selects, newest first, with their feedback.
	List(ctx context.Context, q Query) ([]Exchange, error)
	// Count returns how many exchanges are stored.
	Count(ctx context.Context) (int64, error)
	// Delete removes what is older than the cutoff and says how many records went.
	Delete(ctx context.Context, c Cutoff) (int64, error)
	// SeenUpdate remembers a Telegram update id and says whether it was already known,
	// across every process that shares the store.
	SeenUpdate(ctx context.Context, updateID int64) (bool, error)
	// Ping checks the database can be reached.
	Ping(ctx context.Context) error
	Close() error
}

// ErrClosed is returned after Close.
var ErrClosed = errors.New("store closed")

// NewID returns a random exchange id: 32 hex digits, so that feedback cannot be forged on
// exchanges one did not see.
func NewID() string {
	var b [16]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

var idPattern = regexp.MustCompile(`^[0-9a-f]{32}$`)

// ValidID says whether s has the form NewID gives.
func ValidID(s string) bool { return idPattern.MatchString(s) }

// Hasher turns chat and user ids into keyed hashes. Without the key the hash cannot be
// reversed or recomputed from a known id.
type Hasher struct{ key []byte }

// NewHasher returns a Hasher with key; an empty key gets a random one, so hashes only match
// within one process run.
func NewHasher(key string) Hasher {
	if key == "" {
		k := make([]byte, 32)
		rand.Read(k)
		return Hasher{key: k}
	}
	return Hasher{key: []byte(key)}
}

// Subject returns the keyed hash of id (128 bits, hex), or "" for an empty id.
func (h Hasher) Subject(id string) string {
	if id == "" {
		return ""
	}
	m := hmac.New(sha256.New, h.key)
	m.Write([]byte(id))
	return hex.EncodeToString(m.Sum(nil)[:16])
}

// The second net behind pii: e-mail addresses, and digit runs long enough to be an account,
// card or phone number in a form pii did not recognise.
var (
	reEmail  = regexp.MustCompile(`(?i)[a-z0-9._%+\-]+@[a-z0-9\-]+(?:\.[a-z0-9\-]+)+`)
	reDigits = regexp.MustCompile(`\d(?:[ .\-]?\d){6,}`)
)

// MaxText is the longest text kept, in runes; the rest is cut.
const MaxText = 500

// Redact returns text as the store may keep it: personal data replaced by pii.Mask, cut to
// MaxText runes.
func Redact(text string) string {
	text, _ = pii.Redact(text)
	if strings.Contains(text, "@") {
		text = reEmail.ReplaceAllString(text, pii.Mask)
	}
	if strings.ContainsAny(text, "0123456789") {
		text = reDigits.ReplaceAllString(text, pii.Mask)
	}
	if r := []rune(text); len(r) > MaxText {
		text = string(r[:MaxText])
	}
	return strings.TrimSpace(text)
}

// Normalize is the normalised, folded form of a redacted text kept for grouping.
func Normalize(redacted string) string {
	s := strings.ReplaceAll(redacted, pii.Mask, " ")
	return strings.Join(textnorm.Tokens(textnorm.Fold(textnorm.Normalize(s))), " ")
}
