package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEvalUsage covers what eval decides before it opens the engine: flags, fixture files,
// their problems. A run against the engine needs a FAQ and an index (see the end-to-end tests).
func TestEvalUsage(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		t.Helper()
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	bad := write("bad.yaml", "- q: quên passcode\n  kidn: answer\n- q: xin chào\n  kind: greeting\n")
	empty := write("empty.yaml", "# nothing yet\n")
	badBars := write("bars.yaml", "own: {top_1: 0.8}\n")
	notReport := write("old.json", `{"summary": {}}`)
	emptyFAQ := filepath.Join(dir, "faq-without-fixtures")
	if err := os.MkdirAll(filepath.Join(emptyFAQ, "fixtures"), 0o755); err != nil {
		t.Fatal(err)
	}

	for _, tc := range []struct {
		name       string
		args       []string
		env        map[string]string
		wantCode   int
		wantStderr []string
	}{
		{"help", []string{"-h"}, nil, 0, []string{"usage: vneidbot eval", "-min-top1"}},
		{"unknown flag", []string{"--nope"}, nil, 2, []string{"flag provided but not defined: -nope"}},
		{"min out of range", []string{"--min", "1.5", "--min-top1", "-0.1", bad}, nil, 2, []string{
			"vneidbot eval: --min 1.5: want a share between 0 and 1",
			"vneidbot eval: --min-top1 -0.1: want a share between 0 and 1",
		}},
		{"fixture problems as file:line", []string{bad}, nil, 2, []string{
			bad + `:2: unknown field "kidn": did you mean "kind"?`,
			bad + `:4: unknown kind "greeting"`,
			"vneidbot eval: 2 error(s) in the fixtures",
		}},
		{"missing file", []string{filepath.Join(dir, "nope.yaml")}, nil, 2, []string{
			filepath.Join(dir, "nope.yaml") + ": no such file or directory",
		}},
		{"no fixtures in the files", []string{empty}, nil, 2, []string{"vneidbot eval: no fixtures in 1 file(s)"}},
		{"bad bars", []string{"--bars", badBars, bad}, nil, 2, []string{"vneidbot eval: bars: " + badBars + `: own: unknown metric "top_1"`}},
		{"missing bars", []string{"--bars", filepath.Join(dir, "nope-bars.yaml"), bad}, nil, 2, []string{"vneidbot eval: bars: open "}},
		{"baseline not a report", []string{"--baseline", notReport, bad}, nil, 2, []string{"vneidbot eval: baseline: not an eval report"}},
		{"no fixture files under --faq", []string{"--faq", emptyFAQ}, nil, 2, []string{
			"no fixtures: " + filepath.Join(emptyFAQ, "fixtures") + " has no *.yaml file",
		}},
		{"no fixture files under VNEIDBOT_FAQ", nil, map[string]string{"VNEIDBOT_FAQ": emptyFAQ}, 2, []string{
			"no fixtures: " + filepath.Join(emptyFAQ, "fixtures") + " has no *.yaml file",
		}},
		{"--faq wins over VNEIDBOT_FAQ", []string{"--faq", emptyFAQ}, map[string]string{"VNEIDBOT_FAQ": dir}, 2, []string{
			"no fixtures: " + filepath.Join(emptyFAQ, "fixtures") + " has no *.yaml file",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			e := env{
				getenv: func(k string) string { return tc.env[k] },
				stdin:  strings.NewReader(""),
				stdout: &stdout,
				stderr: &stderr,
			}
			code := runEval(context.Background(), tc.args, e)
			if code != tc.wantCode {
				t.Errorf("runEval(%q) = %d, want %d; stderr:\n%s", tc.args, code, tc.wantCode, stderr.String())
			}
			for _, want := range tc.wantStderr {
				if !strings.Contains(stderr.String(), want) {
					t.Errorf("runEval(%q): stderr lacks %q:\n%s", tc.args, want, stderr.String())
				}
			}
			if stdout.Len() > 0 {
				t.Errorf("runEval(%q) wrote to stdout:\n%s", tc.args, stdout.String())
			}
		})
	}
}
