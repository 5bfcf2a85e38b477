package logthrottle

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"
)

type syncBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuf) Write(p []byte) (int, error) { s.mu.Lock(); defer s.mu.Unlock(); return s.b.Write(p) }
func (s *syncBuf) String() string              { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

func TestThrottle(t *testing.T) {
	var buf syncBuf
	l := New(slog.New(slog.NewTextHandler(&buf, nil)), slog.LevelWarn, time.Hour)
	ctx := context.Background()
	for range 500 {
		l.Log(ctx, "telegram.webhook", "outcome", "bad_secret")
	}
	l.Log(ctx, "http.bad_request", "reason", "json")
	if n := strings.Count(buf.String(), "\n"); n != 2 {
		t.Errorf("500+1 lines of 2 messages wrote %d lines, want 2 (one per message):\n%s", n, buf.String())
	}
	l.Flush()
	out := buf.String()
	if !strings.Contains(out, "msg=telegram.webhook suppressed=499") {
		t.Errorf("the count of suppressed lines is missing:\n%s", out)
	}
	if strings.Count(out, "http.bad_request") != 1 {
		t.Errorf("a message logged once has a count line too:\n%s", out)
	}
	// After the window a new line is written again.
	l.Log(ctx, "telegram.webhook", "outcome", "bad_secret")
	if got := strings.Count(buf.String(), "\n"); got != 4 {
		t.Errorf("after the window: %d lines, want 4:\n%s", got, buf.String())
	}
	l.Flush()
}

func TestThrottleWindowCloses(t *testing.T) {
	var buf syncBuf
	l := New(slog.New(slog.NewTextHandler(&buf, nil)), slog.LevelWarn, 10*time.Millisecond)
	l.Log(context.Background(), "m")
	l.Log(context.Background(), "m")
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(buf.String(), "suppressed=1") {
		if time.Now().After(deadline) {
			t.Fatalf("the window never closed:\n%s", buf.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// At debug level every line is written: someone is watching, and asked for all of it.
func TestDebugWritesAll(t *testing.T) {
	var buf syncBuf
	l := New(slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug})), slog.LevelInfo, time.Hour)
	for range 5 {
		l.Log(context.Background(), "http.ask", "kind", "answer")
	}
	l.Flush()
	if got := strings.Count(buf.String(), "level=INFO msg=http.ask kind=answer"); got != 5 {
		t.Errorf("debug logger: %d of 5 lines written, want all:\n%s", got, buf.String())
	}
	if strings.Contains(buf.String(), "suppressed") {
		t.Errorf("debug logger: a count line although nothing was held back:\n%s", buf.String())
	}
}

// The handler throttles per level and message: a flood of refused logins does not hide the
// successful one, and each gets its count.
func TestHandler(t *testing.T) {
	var buf syncBuf
	h := NewHandler(slog.NewTextHandler(&buf, nil), time.Hour)
	log := slog.New(h)
	for range 300 {
		log.Warn("staff.login", "outcome", "refused")
	}
	log.Info("staff.login", "outcome", "ok")
	log.Info("staff.login", "outcome", "ok")
	log.Debug("staff.page") // below the handler's level: not written, not counted
	if got := strings.Count(buf.String(), "\n"); got != 2 {
		t.Errorf("302 lines wrote %d before the window closed, want 2:\n%s", got, buf.String())
	}
	h.Flush()
	out := buf.String()
	for _, want := range []string{
		"level=WARN msg=staff.login outcome=refused\n",
		"level=WARN msg=staff.login suppressed=299 window=1h0m0s\n",
		"level=INFO msg=staff.login outcome=ok\n",
		"level=INFO msg=staff.login suppressed=1 window=1h0m0s\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the log lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "staff.page") {
		t.Errorf("a debug line was written at info level:\n%s", out)
	}
}
