// Package logthrottle keeps log lines that a client can trigger at will (a wrong webhook
// secret, a malformed request) from flooding the log: per message, the first in a window is
// written, later ones are only counted, and when the window closes one line gives the count.
// A flood of 500 bad requests writes 2 lines a minute instead of 500.
//
// The edges also route their per-request lines (a reply given, a button pressed, a panic)
// through it, since anyone can send requests as fast as they like: the first of a minute is
// written whole, the rest are counted. With the logger at debug level nothing is held back
// (every line is written, at its own level), for someone watching a single conversation.
package logthrottle

import (
	"context"
	"log/slog"
	"sync"
	"time"
)

// Logger throttles lines per message (the slog msg, which is a key in this project).
type Logger struct {
	log    *slog.Logger
	level  slog.Level
	window time.Duration

	mu   sync.Mutex
	keys map[string]*state
}

type state struct {
	suppressed int
	timer      *time.Timer
}

// New throttles lines written to log at level, one per message per window.
func New(log *slog.Logger, level slog.Level, window time.Duration) *Logger {
	return &Logger{log: log, level: level, window: window, keys: make(map[string]*state)}
}

// Log writes the line when it is the first of its message in the window; otherwise it
// counts it, and the count is written (msg with suppressed=N) when the window closes.
func (l *Logger) Log(ctx context.Context, msg string, args ...any) {
	if l.log.Enabled(ctx, slog.LevelDebug) {
		l.log.Log(ctx, l.level, msg, args...)
		return
	}
	l.mu.Lock()
	if st, ok := l.keys[msg]; ok {
		st.suppressed++
		l.mu.Unlock()
		return
	}
	st := &state{}
	l.keys[msg] = st
	st.timer = time.AfterFunc(l.window, func() { l.close(msg) })
	l.mu.Unlock()
	l.log.Log(ctx, l.level, msg, args...)
}

// close ends msg's window: the count of lines held back is written, and the next line of
// msg starts a new window.
func (l *Logger) close(msg string) {
	l.mu.Lock()
	st := l.keys[msg]
	delete(l.keys, msg)
	l.mu.Unlock()
	if st != nil && st.suppressed > 0 {
		l.log.Log(context.Background(), l.level, msg, "suppressed", st.suppressed, "window", l.window)
	}
}

// Flush writes the pending counts now (at shutdown) and stops the timers.
func (l *Logger) Flush() {
	l.mu.Lock()
	var msgs []string
	for msg, st := range l.keys {
		st.timer.Stop()
		msgs = append(msgs, msg)
	}
	l.mu.Unlock()
	for _, m := range msgs {
		l.close(m)
	}
}
