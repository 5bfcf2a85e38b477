// Package archtest holds the dependency arrows of the layout in place: bleve is imported only by
// internal/search, go-telegram/bot only by internal/telegram, and the core never imports an edge.
// It also keeps cmd/vneidbot thin (at most 350 lines, main.go at most 60).
package archtest

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

const mod = "github.com/vneidbot/vneidbot/"

func deps(t *testing.T, pkg string) []string {
	t.Helper()
	out, err := exec.Command("go", "list", "-deps", mod+pkg).Output()
	if err != nil {
		t.Fatalf("go list -deps %s: %v", pkg, err)
	}
	return strings.Fields(string(out))
}

func TestImports(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", "{{.ImportPath}} {{join .Imports \" \"}}", mod+"...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	only := map[string]string{
		"github.com/blevesearch/bleve":   mod + "internal/search",
		"github.com/go-telegram/bot":     mod + "internal/telegram",
		"github.com/prometheus/client_g": mod + "internal/metrics",
		"modernc.org/sqlite":             mod + "internal/store/sqlite",
		"github.com/jackc/pgx":           mod + "internal/store/postgres",
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		pkg, imports := f[0], f[1:]
		for _, imp := range imports {
			for prefix, owner := range only {
				if strings.HasPrefix(imp, prefix) && !strings.HasPrefix(pkg, owner) {
					t.Errorf("%s imports %s; only %s may", pkg, imp, owner)
				}
			}
		}
	}
	core := []string{"internal/faq", "internal/textnorm", "internal/pii", "internal/search", "internal/answer", "internal/kb", "internal/sched", "internal/logthrottle"}
	edges := []string{"internal/telegram", "internal/httpapi", "internal/eval", "internal/staff", "cmd/"}
	for _, c := range core {
		for _, d := range deps(t, c) {
			for _, e := range edges {
				if strings.HasPrefix(d, mod+e) {
					t.Errorf("core package %s depends on edge %s", c, d)
				}
			}
		}
	}
	for _, a := range []string{"internal/telegram", "internal/httpapi", "internal/eval", "internal/staff"} {
		for _, d := range deps(t, a) {
			for _, b := range []string{"internal/telegram", "internal/httpapi", "internal/eval", "internal/staff"} {
				if a != b && strings.HasPrefix(d, mod+b) {
					t.Errorf("edge %s depends on edge %s", a, d)
				}
			}
		}
	}
}

// TestCmdIsThin holds cmd/vneidbot to a trampoline (issue 11): flags and the environment in,
// one call into internal/service out. The work and the shared flag plumbing live there.
func TestCmdIsThin(t *testing.T) {
	const maxCmd, maxMain = 350, 60
	files, err := filepath.Glob(filepath.Join("..", "..", "cmd", "vneidbot", "*.go"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no Go files in cmd/vneidbot (%v)", err)
	}
	total := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		n := bytes.Count(b, []byte("\n"))
		total += n
		if filepath.Base(f) == "main.go" && n > maxMain {
			t.Errorf("cmd/vneidbot/main.go has %d lines, want at most %d: main is a trampoline", n, maxMain)
		}
	}
	if total > maxCmd {
		t.Errorf("cmd/vneidbot has %d non-test lines, want at most %d: move the work into internal/service", total, maxCmd)
	}
}
