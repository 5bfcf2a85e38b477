package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
)

const (
	lintTestdata = "../../internal/faq/testdata"
	// lintToday is the day the testdata's reviewed dates are relative to
	// (internal/faq's tests use the same day).
	lintToday = "2026-11-23"
)

func TestLint(t *testing.T) {
	good := lintTestdata + "/faq-good"
	bad := lintTestdata + "/faq-bad"
	golden, err := os.ReadFile(lintTestdata + "/lint-bad.golden")
	if err != nil {
		t.Fatal(err)
	}
	// The golden report names files relative to internal/faq.
	badReport := strings.ReplaceAll(string(golden), "testdata/faq-bad", bad)

	tests := []struct {
		name       string
		args       []string
		env        map[string]string
		wantCode   int
		wantStdout string // exact, unless empty
		wantStderr string // substring, unless empty
	}{
		{
			name:       "good",
			args:       []string{"-today", lintToday, good},
			wantCode:   0,
			wantStdout: good + ": 9 entries in 7 files, 0 errors, 0 warnings\n",
		},
		{
			name:       "bad: the same report as the golden file",
			args:       []string{"-today", lintToday, bad},
			wantCode:   1,
			wantStdout: badReport,
		},
		{
			name:       "dir from the environment",
			args:       []string{"-today", lintToday},
			env:        map[string]string{"VNEIDBOT_FAQ": good},
			wantCode:   0,
			wantStdout: good + ": 9 entries in 7 files, 0 errors, 0 warnings\n",
		},
		{
			name:       "argument over the environment",
			args:       []string{"-today", lintToday, bad},
			env:        map[string]string{"VNEIDBOT_FAQ": good},
			wantCode:   1,
			wantStdout: badReport,
		},
		{
			name:       "default dir faq, missing here",
			args:       nil,
			wantCode:   2,
			wantStderr: "vneidbot lint: read faq directory: open faq: no such file or directory",
		},
		{
			name:       "missing dir",
			args:       []string{lintTestdata + "/khong-co"},
			wantCode:   2,
			wantStderr: "no such file or directory",
		},
		{
			name:       "too many arguments",
			args:       []string{good, bad},
			wantCode:   2,
			wantStderr: "want at most one DIR, got 2 arguments",
		},
		{
			name:       "unknown flag",
			args:       []string{"-json", good},
			wantCode:   2,
			wantStderr: "flag provided but not defined: -json",
		},
		{
			name:       "bad -today",
			args:       []string{"-today", "23/11/2026", good},
			wantCode:   2,
			wantStderr: `invalid value "23/11/2026" for flag -today: want a date written YYYY-MM-DD`,
		},
		{
			name:       "help",
			args:       []string{"-h"},
			wantCode:   0,
			wantStderr: "usage: vneidbot lint",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			e := env{
				getenv: func(k string) string { return tt.env[k] },
				stdin:  strings.NewReader(""),
				stdout: &stdout,
				stderr: &stderr,
			}
			code := run(context.Background(), append([]string{"lint"}, tt.args...), e)
			if code != tt.wantCode {
				t.Errorf("exit code = %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tt.wantCode, stdout.String(), stderr.String())
			}
			if tt.wantStdout != "" && stdout.String() != tt.wantStdout {
				t.Errorf("stdout:\n%s\nwant:\n%s", stdout.String(), tt.wantStdout)
			}
			if tt.wantStderr != "" && !strings.Contains(stderr.String(), tt.wantStderr) {
				t.Errorf("stderr = %q, want it to contain %q", stderr.String(), tt.wantStderr)
			}
			if tt.wantStderr == "" && stderr.Len() > 0 {
				t.Errorf("unexpected stderr: %q", stderr.String())
			}
		})
	}
}

func TestLintWarningsOnly(t *testing.T) {
	var stdout, stderr bytes.Buffer
	e := env{getenv: func(string) string { return "" }, stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr}
	dir := lintTestdata + "/faq-good"
	if code := runLint(context.Background(), []string{"-today", "2027-11-23", dir}, e); code != 0 {
		t.Errorf("exit code = %d, want 0 with warnings only", code)
	}
	lines := strings.Split(strings.TrimSuffix(stdout.String(), "\n"), "\n")
	if len(lines) < 2 {
		t.Fatalf("stdout = %q, want warnings and a summary", stdout.String())
	}
	for _, l := range lines[:len(lines)-1] {
		if !strings.HasPrefix(l, dir+"/") || !strings.Contains(l, ": warning: not reviewed since ") {
			t.Errorf("line %q, want a file:line: warning: not reviewed since …", l)
		}
	}
	want := fmt.Sprintf("%s: 9 entries in 7 files, 0 errors, %d warnings", dir, len(lines)-1)
	if got := lines[len(lines)-1]; got != want {
		t.Errorf("summary = %q, want %q", got, want)
	}
}
