package telegram

import (
	"sync"
	"time"
)

// chatStates remembers, per chat, the clarification waiting for a choice, so that a new
// question retires it: its buttons are removed and a late press on them is refused.
// Telegram message ids grow within a chat, so "older than the last retired one" is a number.
// It is in memory only: after a restart every old button is accepted, which is harmless.
type chatStates struct {
	now       func() time.Time
	mu        sync.Mutex
	m         map[int64]*chatState
	lastSweep time.Time
}

type chatState struct {
	pending    int // message id of the clarification waiting for a choice; 0 for none
	staleUpTo  int // clarifications with ids up to this one are retired
	lastActive time.Time
}

const chatStateTTL = 24 * time.Hour

func newChatStates(now func() time.Time) *chatStates {
	return &chatStates{now: now, m: make(map[int64]*chatState)}
}

func (c *chatStates) get(chat int64) *chatState {
	now := c.now()
	if now.Sub(c.lastSweep) > time.Hour {
		c.lastSweep = now
		for id, s := range c.m {
			if now.Sub(s.lastActive) > chatStateTTL {
				delete(c.m, id)
			}
		}
	}
	s := c.m[chat]
	if s == nil {
		s = &chatState{}
		c.m[chat] = s
	}
	s.lastActive = now
	return s
}

// setPending records a clarification just sent; an older one still pending is retired.
func (c *chatStates) setPending(chat int64, msg int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	s := c.get(chat)
	s.staleUpTo = max(s.staleUpTo, s.pending)
	s.pending = msg
}

// retire retires the pending clarification and returns its message id (0 when none).
func (c *chatStates) retire(chat int64) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	s := c.get(chat)
	p := s.pending
	s.staleUpTo = max(s.staleUpTo, p)
	s.pending = 0
	return p
}

// choose reports whether a press on a clarification button in message msg still counts.
// A counted choice retires that clarification: a second press on it is refused.
func (c *chatStates) choose(chat int64, msg int) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	s := c.get(chat)
	if msg != 0 && msg != s.pending && msg <= s.staleUpTo {
		return false
	}
	if msg == s.pending {
		s.pending = 0
	}
	s.staleUpTo = max(s.staleUpTo, msg)
	return true
}
