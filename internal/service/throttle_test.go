package service

import (
	"bytes"
	"log"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/vneidbot/vneidbot/internal/logthrottle"
)

// net/http's error log (TLS handshakes, malformed requests: a client's to trigger at will)
// goes through the throttle: one line, then a count.
func TestServerErrorsThrottled(t *testing.T) {
	var buf bytes.Buffer
	th := logthrottle.New(slog.New(slog.NewTextHandler(&buf, nil)), slog.LevelWarn, time.Hour)
	l := log.New(serverErrors{th}, "", 0)
	for i := range 300 {
		l.Printf("http: TLS handshake error from 192.0.2.%d:1234: EOF", i%250)
	}
	th.Flush()
	out := buf.String()
	if n := strings.Count(out, "\n"); n != 2 || !strings.Contains(out, "suppressed=299") {
		t.Errorf("300 server errors wrote %d lines, want the first and a count of 299:\n%s", n, out)
	}
}
