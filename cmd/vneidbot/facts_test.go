package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The 1/1/2027 fee change, as staff and citizens see it from the command line.
func TestFactsByDay(t *testing.T) {
	dir := lintTestdata + "/faq-facts"
	// A fixture that pins the fee of 1/1/2027: a tester sees on which day it starts to pass.
	fixture := filepath.Join(t.TempDir(), "phi.yaml")
	if err := os.WriteFile(fixture, []byte("- {q: \"đủ 25 tuổi có phải đổi thẻ căn cước không\", id: can-cuoc-doi-the-25-tuoi, must: [[\"50.000 đồng\"]]}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantStdout []string // each a substring
		notStdout  []string
		wantStderr string
	}{
		{
			name:       "lint on 1/1/2027: no fact past its date",
			args:       []string{"lint", "--now", "2027-01-01", dir},
			wantStdout: []string{dir + ": 9 entries in 6 files, 0 errors, 0 warnings\n"},
		},
		{
			name:       "lint on 1/7/2027: review_by passed",
			args:       []string{"lint", "--now", "2027-07-01", dir},
			wantCode:   1,
			wantStdout: []string{dir + "/the-can-cuoc.yaml:28: review_by 2027-06-30 has passed", "1 error, 0 warnings"},
		},
		{
			name:       "ask on the last day of the cut",
			args:       []string{"ask", "--now", "2026-12-31", "--faq", dir, "--index", "", "đủ 25 tuổi có phải đổi thẻ căn cước không"},
			wantStdout: []string{"Lệ phí cấp đổi: 25.000 đồng", "https://dichvucong.bocongan.gov.vn"},
			notStdout:  []string{"50.000", "{{"},
		},
		{
			name:       "ask on 1/1/2027",
			args:       []string{"ask", "--now", "2027-01-01", "--faq", dir, "--index", "", "đủ 25 tuổi có phải đổi thẻ căn cước không"},
			wantStdout: []string{"Lệ phí cấp đổi: 50.000 đồng"},
			notStdout:  []string{"25.000", "{{"},
		},
		{
			name:       "eval on the last day of the cut: the 2027 fee is not shown yet",
			args:       []string{"eval", "--now", "2026-12-31", "--min", "1", "--faq", dir, "--index", "", fixture},
			wantCode:   1,
			wantStdout: []string{"FAIL"},
		},
		{
			name:      "eval on 1/1/2027: the fixture passes",
			args:      []string{"eval", "--now", "2027-01-01", "--min", "1", "--faq", dir, "--index", "", fixture},
			notStdout: []string{"FAIL"},
		},
		{
			name:       "eval with a bad day",
			args:       []string{"eval", "--now", "2027-13-01", "--faq", dir, "--index", "", fixture},
			wantCode:   2,
			wantStderr: `invalid value "2027-13-01" for flag -now: want a date written YYYY-MM-DD`,
		},
		{
			name:       "lint with a bad day (--today is the same flag)",
			args:       []string{"lint", "--today", "2027-02-30", dir},
			wantCode:   2,
			wantStderr: `invalid value "2027-02-30" for flag -today: want a date written YYYY-MM-DD`,
		},
		{
			name:       "ask with a bad day",
			args:       []string{"ask", "--now", "1/1/2027", "--faq", dir, "--index", "", "lệ phí"},
			wantCode:   2,
			wantStderr: `invalid value "1/1/2027" for flag -now: want a date written YYYY-MM-DD`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			e := env{getenv: func(string) string { return "" }, stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr}
			if code := run(context.Background(), tt.args, e); code != tt.wantCode {
				t.Errorf("exit code = %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tt.wantCode, stdout.String(), stderr.String())
			}
			for _, w := range tt.wantStdout {
				if !strings.Contains(stdout.String(), w) {
					t.Errorf("stdout lacks %q:\n%s", w, stdout.String())
				}
			}
			for _, w := range tt.notStdout {
				if strings.Contains(stdout.String(), w) {
					t.Errorf("stdout shows %q:\n%s", w, stdout.String())
				}
			}
			if tt.wantStderr != "" && !strings.Contains(stderr.String(), tt.wantStderr) {
				t.Errorf("stderr = %q, want %q", stderr.String(), tt.wantStderr)
			}
		})
	}
}
