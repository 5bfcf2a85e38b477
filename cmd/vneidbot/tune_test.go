package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// tune reads every collection's halves by default (a new collection needs no flag), and one
// file when asked.
func TestTuneCollections(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the real FAQ's model twice")
	}
	dir := t.TempDir()
	entries, err := filepath.Glob(filepath.Join("..", "..", "faq", "*.yaml"))
	if err != nil || len(entries) == 0 {
		t.Fatalf("no FAQ files: %v", err)
	}
	for _, f := range entries {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	half := "- {q: quên mật khẩu vneid thì làm sao, must: [[quên mật khẩu]]}\n- {q: giá vàng hôm nay bao nhiêu, expect: 'fallback: giá vàng'}\n"
	for _, f := range []string{"real/tune.yaml", "real/check.yaml", "zz/tune.yaml", "zz/check.yaml"} {
		p := filepath.Join(dir, "fixtures", f)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(half), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{nil, []string{"tune     strict 1.000 (2/2)", "off-topic 1.000 (2/2)", "check    strict 1.000 (2/2)"}},
		{[]string{"--tune", filepath.Join(dir, "fixtures", "zz", "tune.yaml")}, []string{"tune     strict 1.000 (1/1)", "check    strict 1.000 (2/2)"}},
	} {
		var stdout, stderr bytes.Buffer
		e := env{getenv: func(string) string { return "" }, stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr}
		args := append([]string{"tune", "--faq", dir, "--index", t.TempDir(), "--rounds", "0"}, tc.args...)
		if code := run(context.Background(), args, e); code != 0 {
			t.Fatalf("%v: exit %d; stderr:\n%s", tc.args, code, stderr.String())
		}
		for _, w := range tc.want {
			if !strings.Contains(stdout.String(), w) {
				t.Errorf("%v: stdout lacks %q:\n%s", tc.args, w, stdout.String())
			}
		}
	}
}
