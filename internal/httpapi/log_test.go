package httpapi

import (
	"bytes"
	"log/slog"
	"regexp"
	"strings"
	"testing"

	"github.com/vneidbot/vneidbot/internal/metrics"
)

// A client can send as many requests as it likes; the log takes the first line of each kind
// in a minute, then one line with the count of the rest (issue 11: 500 requests wrote 500
// lines). What a citizen typed is never in it.
func TestRequestLogsAreThrottled(t *testing.T) {
	var logs bytes.Buffer // requests run one after another; the window (a minute) does not close
	s := New(slog.New(slog.NewTextHandler(&logs, nil)), metrics.New(), Options{})
	s.SetAnswerer(fakeKB{})
	const n = 500
	for i := range n {
		if rec := do(s, "POST", "/api/v1/ask", "application/json", `{"text": "cccd 001203004567 quên passcode"}`); rec.Code != 200 {
			t.Fatalf("ask %d: status %d", i, rec.Code)
		}
		if rec := do(s, "POST", "/api/v1/feedback", "application/json", `{"id": "vneid-quen-passcode", "vote": "down"}`); rec.Code != 204 {
			t.Fatalf("feedback %d: status %d %s", i, rec.Code, rec.Body)
		}
		if rec := do(s, "POST", "/api/v1/ask", "application/json", `{"text": "panic"}`); rec.Code != 500 {
			t.Fatalf("panic %d: status %d", i, rec.Code)
		}
	}
	before := logs.String()
	if got := strings.Count(before, "\n"); got != 3 {
		t.Errorf("%d requests of 3 kinds wrote %d lines before the window closed, want 3:\n%.2000s", 3*n, got, before)
	}
	s.FlushLogs()
	out := logs.String()
	for _, want := range []string{
		"level=INFO msg=http.ask kind=answer entry=vneid-quen-passcode",
		"level=INFO msg=http.ask suppressed=499 window=1m0s",
		"level=INFO msg=http.feedback entry=vneid-quen-passcode vote=down",
		"level=INFO msg=http.feedback suppressed=499",
		"level=ERROR msg=http.panic route=\"POST /api/v1/ask\" panic=\"engine exploded\"",
		"level=ERROR msg=http.panic suppressed=499",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the log lacks %q:\n%.3000s", want, out)
		}
	}
	if got := strings.Count(out, "\n"); got != 6 {
		t.Errorf("%d requests wrote %d lines in all, want 6 (3 kinds, each a line and a count)", 3*n, got)
	}
	if regexp.MustCompile(`001203004567|passcode"|quên`).MatchString(out) {
		t.Errorf("the log holds what the client typed:\n%.3000s", out)
	}
}
