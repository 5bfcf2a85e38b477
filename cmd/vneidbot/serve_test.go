package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"strings"
	"testing"
	"time"
)

const (
	serveFAQ    = "../../internal/faq/testdata/faq-good"
	serveBadFAQ = "../../internal/faq/testdata/faq-bad"
	testToken   = "123456:SERVE-test-token-secret"
)

func testEnvOf(vars map[string]string, stderr io.Writer) env {
	return env{
		getenv: func(k string) string { return vars[k] },
		stdin:  strings.NewReader(""),
		stdout: io.Discard,
		stderr: stderr,
	}
}

func TestServeConfigErrors(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		vars     map[string]string
		wantCode int
		want     []string // substrings of stderr
	}{
		{
			name: "every bad field reported together",
			args: []string{"--http", "localhost", "--faq", "/no/such/faq", "--reload-every", "10ms", "--workers", "0", "--chat-limit", "-1"},
			vars: map[string]string{
				"VNEIDBOT_LOG_LEVEL":   "loud",
				"TELEGRAM_BOT_TOKEN":   "not-a-token-SECRETVALUE",
				"TELEGRAM_API_URL":     "ftp://user:pw@example.test",
				"TELEGRAM_WEBHOOK_URL": "http://example.test/api/hook",
			},
			wantCode: 2,
			want: []string{
				"invalid configuration", `--http "localhost"`, `--faq "/no/such/faq"`, "--reload-every 10ms",
				`VNEIDBOT_LOG_LEVEL "loud"`, "--workers 0", "--chat-limit -1", "TELEGRAM_BOT_TOKEN does not look like",
				"TELEGRAM_API_URL is not", "TELEGRAM_WEBHOOK_URL must be", "TELEGRAM_WEBHOOK_SECRET is required",
			},
		},
		{
			name:     "webhook needs a token",
			args:     []string{"--faq", serveFAQ},
			vars:     map[string]string{"TELEGRAM_WEBHOOK_URL": "https://bot.example.vn/tg/x", "TELEGRAM_WEBHOOK_SECRET": "abc"},
			wantCode: 2,
			want:     []string{"TELEGRAM_WEBHOOK_URL is set but TELEGRAM_BOT_TOKEN is not"},
		},
		{
			name: "webhook path and secret",
			args: []string{"--faq", serveFAQ},
			vars: map[string]string{"TELEGRAM_BOT_TOKEN": testToken, "TELEGRAM_WEBHOOK_URL": "https://bot.example.vn/metrics",
				"TELEGRAM_WEBHOOK_SECRET": "has spaces SECRETVALUE"},
			wantCode: 2,
			want:     []string{"needs its own path", "TELEGRAM_WEBHOOK_SECRET must be 1 to 256"},
		},
		{
			name:     "stray argument",
			args:     []string{"--faq", serveFAQ, "extra"},
			wantCode: 2,
			want:     []string{`unexpected arguments ["extra"]`},
		},
		{name: "unknown flag", args: []string{"--port", "8080"}, wantCode: 2, want: []string{"flag provided but not defined: -port"}},
		{name: "help", args: []string{"-h"}, wantCode: 0, want: []string{"usage: vneidbot serve", "TELEGRAM_WEBHOOK_SECRET", "-reload-every"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stderr bytes.Buffer
			code := runServe(context.Background(), tt.args, testEnvOf(tt.vars, &stderr))
			if code != tt.wantCode {
				t.Errorf("exit code %d, want %d\n%s", code, tt.wantCode, stderr.String())
			}
			for _, w := range tt.want {
				if !strings.Contains(stderr.String(), w) {
					t.Errorf("stderr lacks %q:\n%s", w, stderr.String())
				}
			}
			for _, secret := range []string{"SECRETVALUE", "SERVE-test-token", "user:pw"} {
				if strings.Contains(stderr.String(), secret) {
					t.Errorf("stderr shows a secret (%q):\n%s", secret, stderr.String())
				}
			}
		})
	}
}

func TestServeBusyPort(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	var stderr bytes.Buffer
	start := time.Now()
	code := runServe(context.Background(), []string{"--http", ln.Addr().String(), "--faq", serveFAQ, "--index", t.TempDir()}, testEnvOf(nil, &stderr))
	if code != 1 || !strings.Contains(stderr.String(), "cannot listen on "+ln.Addr().String()) {
		t.Errorf("busy port: exit %d, stderr:\n%s", code, stderr.String())
	}
	if strings.Contains(stderr.String(), "kb.index_built") || time.Since(start) > 10*time.Second {
		t.Errorf("serve built the index before finding the port busy")
	}
}

func TestServeBadFAQ(t *testing.T) {
	var stderr bytes.Buffer
	code := runServe(context.Background(), []string{"--http", "127.0.0.1:0", "--faq", serveBadFAQ, "--index", t.TempDir(), "--data", t.TempDir()}, testEnvOf(nil, &stderr))
	if code != 1 || !strings.Contains(stderr.String(), "the FAQ has errors") {
		t.Errorf("bad FAQ: exit %d, stderr:\n%s", code, stderr.String())
	}
}
