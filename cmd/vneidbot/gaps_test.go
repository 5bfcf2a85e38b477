package main

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/vneidbot/vneidbot/internal/store"
	"github.com/vneidbot/vneidbot/internal/store/sqlite"
)

func TestGaps(t *testing.T) {
	dir := t.TempDir()
	db, err := sqlite.Open(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC()
	var xs []store.Exchange
	for i, text := range []string{"đổi bằng lái xe trên vneid", "đổi bằng lái xe online", "làm căn cước ở đâu"} {
		kind := "fallback"
		if i == 2 {
			kind = "answer"
		}
		xs = append(xs, store.Exchange{ID: fmt.Sprintf("%032x", i), Time: now.Add(-time.Hour), Channel: "http",
			Text: text, Norm: store.Normalize(text), Kind: kind, RunnersUp: []string{"vneid-tich-hop-giay-to"}})
	}
	xs = append(xs, store.Exchange{ID: fmt.Sprintf("%032x", 9), Time: now.AddDate(0, 0, -30), Channel: "http",
		Text: "cũ quá", Norm: "cu qua", Kind: "fallback"})
	if err := db.Add(context.Background(), xs); err != nil {
		t.Fatal(err)
	}
	db.Close()

	tests := []struct {
		args       []string
		code       int
		stdout     []string
		notStdout  string
		stderrPart string
	}{
		{[]string{"--data", dir}, 0, []string{"2 of 3 exchanges", "#1  2 questions", "- đổi bằng lái xe online", "vneid-tich-hop-giay-to"}, "cũ quá", ""},
		{[]string{"--data", dir, "--days", "60"}, 0, []string{"3 of 4 exchanges", "cũ quá"}, "", ""},
		{[]string{"--data", dir, "--fixtures"}, 0, []string{"- q: \"đổi bằng lái xe trên vneid\"\n  id: vneid-tich-hop-giay-to"}, "", ""},
		{[]string{"--data", dir, "--json"}, 0, []string{`"suggestion": "add_phrasings"`, `"size": 2`}, "", ""},
		{[]string{"--data", dir, "--json", "--fixtures"}, 2, nil, "", "at most one"},
		{[]string{"--data", dir, "--since", "yesterday"}, 2, nil, "", "YYYY-MM-DD"},
	}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		e := env{getenv: func(string) string { return "" }, stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr}
		code := run(context.Background(), append([]string{"gaps", "--faq", t.TempDir()}, tt.args...), e)
		if code != tt.code {
			t.Errorf("%v: exit %d, want %d; stderr %s", tt.args, code, tt.code, stderr.String())
		}
		for _, s := range tt.stdout {
			if !strings.Contains(stdout.String(), s) {
				t.Errorf("%v: stdout lacks %q:\n%s", tt.args, s, stdout.String())
			}
		}
		if tt.notStdout != "" && strings.Contains(stdout.String(), tt.notStdout) {
			t.Errorf("%v: stdout has %q", tt.args, tt.notStdout)
		}
		if !strings.Contains(stderr.String(), tt.stderrPart) {
			t.Errorf("%v: stderr %q lacks %q", tt.args, stderr.String(), tt.stderrPart)
		}
	}
}
