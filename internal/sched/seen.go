package sched

import (
	"context"
	"sync"
	"time"
)

// Seen remembers recently handled ids (Telegram update ids) for a while, so that a
// redelivered one is acknowledged without being handled twice. It is bounded both in time
// (TTL) and in size (Max: the oldest are forgotten first). It holds for one process; a store
// shared by replicas does the same across them.
type Seen struct {
	ttl time.Duration
	max int
	now func() time.Time

	mu    sync.Mutex
	at    map[int64]time.Time
	order []int64 // ids in the order they were first seen
}

// NewSeen remembers ids for ttl, at most max of them; now may be nil (time.Now).
func NewSeen(ttl time.Duration, max int, now func() time.Time) *Seen {
	if now == nil {
		now = time.Now
	}
	return &Seen{ttl: ttl, max: max, now: now, at: make(map[int64]time.Time)}
}

// SeenUpdate records id and reports whether it was recorded before (within the TTL).
func (s *Seen) SeenUpdate(_ context.Context, id int64) (bool, error) {
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	for len(s.order) > 0 { // forget what is too old or too many
		first := s.order[0]
		if len(s.order) < s.max && now.Sub(s.at[first]) < s.ttl {
			break
		}
		delete(s.at, first)
		s.order[0] = 0
		s.order = s.order[1:]
	}
	if _, ok := s.at[id]; ok {
		return true, nil
	}
	s.at[id] = now
	s.order = append(s.order, id)
	return false, nil
}

// Len is how many ids are remembered.
func (s *Seen) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.at)
}

// ForgetUpdate removes id, so that it counts as new when it comes again.
func (s *Seen) ForgetUpdate(_ context.Context, id int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.at[id]; !ok {
		return nil
	}
	delete(s.at, id)
	for i, o := range s.order { // rare: only when an update could not be taken
		if o == id {
			s.order = append(s.order[:i], s.order[i+1:]...)
			break
		}
	}
	return nil
}
