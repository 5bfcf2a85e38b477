package httpapi

import (
	"github.com/vneidbot/vneidbot/internal/answer"
	"github.com/vneidbot/vneidbot/internal/store"
)

// Recorder keeps exchanges and feedback for staff (internal/store's Writer). It must not
// block: the reply goes out whatever happens to the record.
type Recorder interface {
	Record(r store.Reply) string // returns the exchange id the reply carries
	Vote(id, vote, reason string) bool
}

// recorded is a reply with the id of its stored exchange, for feedback to name.
type recorded struct {
	answer.Reply
	Exchange string `json:"exchange,omitempty"`
}

// record stores the exchange of one reply when a Recorder is set, and returns the reply
// with its exchange id. text is what the citizen sent or chose.
func (s *Server) record(text string, r answer.Reply) recorded {
	if s.opt.Recorder == nil {
		return recorded{Reply: r}
	}
	id := s.opt.Recorder.Record(store.Reply{
		Channel: "http", Text: text, Kind: string(r.Kind), Entry: r.ID, Confidence: r.Score, RunnersUp: r.RunnersUp(), Flags: r.Flags,
	})
	return recorded{Reply: r, Exchange: id}
}
