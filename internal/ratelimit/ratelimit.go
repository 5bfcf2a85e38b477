// Package ratelimit counts events per key (a Telegram chat, an HTTP client) in a sliding
// window and says when a key is over its limit and when it should be told so.
//
// It is a sliding log rather than a token bucket so that "at most N a minute" holds exactly
// for any minute, and it gives at most one notice per key per window, so a flooding chat is
// told once instead of once per message. The clock is injected: tests move time by hand.
package ratelimit

import (
	"sync"
	"time"
)

// Decision is the verdict for one event.
type Decision struct {
	Allow bool // the event is within the limit and has been counted
	// Notify is true for the first refused event of a window: tell the sender once.
	Notify bool
	// RetryAfter is how long until the key may send again (zero when allowed).
	RetryAfter time.Duration
}

// Limiter allows at most Limit events per Window for each key. The zero limit allows all.
// A Limiter is safe for concurrent use.
type Limiter[K comparable] struct {
	limit  int
	window time.Duration
	now    func() time.Time

	mu        sync.Mutex
	keys      map[K]*state
	lastSweep time.Time
}

type state struct {
	times   []time.Time // accepted events in the window, oldest first; len ≤ limit
	noticed time.Time   // when the key was last told it is over the limit
}

// New returns a limiter allowing limit events per window for each key, reading time from now.
// A limit ≤ 0 disables limiting.
func New[K comparable](limit int, window time.Duration, now func() time.Time) *Limiter[K] {
	if now == nil {
		now = time.Now
	}
	return &Limiter[K]{limit: limit, window: window, now: now, keys: make(map[K]*state)}
}

// Allow counts an event for key if it is within the limit.
func (l *Limiter[K]) Allow(key K) Decision {
	if l == nil || l.limit <= 0 || l.window <= 0 {
		return Decision{Allow: true}
	}
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	l.sweep(now)

	s := l.keys[key]
	if s == nil {
		s = &state{times: make([]time.Time, 0, min(l.limit, 8))}
		l.keys[key] = s
	}
	cut := now.Add(-l.window)
	n := 0
	for n < len(s.times) && !s.times[n].After(cut) {
		n++
	}
	s.times = s.times[n:]
	if len(s.times) < l.limit {
		s.times = append(s.times, now)
		return Decision{Allow: true}
	}
	d := Decision{RetryAfter: s.times[0].Add(l.window).Sub(now)}
	if s.noticed.IsZero() || now.Sub(s.noticed) >= l.window {
		s.noticed = now
		d.Notify = true
	}
	return d
}

// Len reports how many keys the limiter remembers (for tests and metrics).
func (l *Limiter[K]) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.keys)
}

// sweep forgets keys that have been quiet for a whole window, at most once a window,
// so memory follows the number of active keys rather than all keys ever seen.
func (l *Limiter[K]) sweep(now time.Time) {
	if now.Sub(l.lastSweep) < l.window {
		return
	}
	l.lastSweep = now
	cut := now.Add(-l.window)
	for k, s := range l.keys {
		quiet := len(s.times) == 0 || !s.times[len(s.times)-1].After(cut)
		if quiet && !s.noticed.After(cut) {
			delete(l.keys, k)
		}
	}
}
