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

// Handler is a slog.Handler that throttles every record through it, per level and message,
// as Logger does: for a part that logs little in normal use but whose lines a client can
// cause at will (the staff console's refused logins). Handlers made by WithAttrs and
// WithGroup count on their own.
type Handler struct {
	next   slog.Handler
	window time.Duration

	mu      sync.Mutex
	byLevel map[slog.Level]*Logger
}

// NewHandler throttles the records it passes to next, one per level and message per window.
func NewHandler(next slog.Handler, window time.Duration) *Handler {
	return &Handler{next: next, window: window, byLevel: make(map[slog.Level]*Logger)}
}

func (h *Handler) Enabled(ctx context.Context, level slog.Level) bool {
	return h.next.Enabled(ctx, level)
}

func (h *Handler) Handle(ctx context.Context, r slog.Record) error {
	args := make([]any, 0, r.NumAttrs())
	r.Attrs(func(a slog.Attr) bool {
		args = append(args, a)
		return true
	})
	h.mu.Lock()
	l := h.byLevel[r.Level]
	if l == nil {
		l = New(slog.New(h.next), r.Level, h.window)
		h.byLevel[r.Level] = l
	}
	h.mu.Unlock()
	l.Log(ctx, r.Message, args...)
	return nil
}

func (h *Handler) WithAttrs(attrs []slog.Attr) slog.Handler {
	return NewHandler(h.next.WithAttrs(attrs), h.window)
}

func (h *Handler) WithGroup(name string) slog.Handler {
	return NewHandler(h.next.WithGroup(name), h.window)
}

// Flush writes the pending counts now (at shutdown) and stops the timers.
func (h *Handler) Flush() {
	h.mu.Lock()
	loggers := make([]*Logger, 0, len(h.byLevel))
	for _, l := range h.byLevel {
		loggers = append(loggers, l)
	}
	h.mu.Unlock()
	for _, l := range loggers {
		l.Flush()
	}
}
