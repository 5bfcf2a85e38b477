package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEvalGate is the evaluation gate inside go test: it builds the index of the real faq/ in a
// temporary directory, runs every fixture set the way make eval does (wantSets), and fails when a
// set falls below its bar in internal/eval/bars.yaml, the one place the bars live. Raise the bars
// there when a change lifts the figures.
func TestEvalGate(t *testing.T) {
	faqDir := filepath.Join("..", "..", "faq")
	bars := filepath.Join("..", "..", "internal", "eval", "bars.yaml")
	var stdout, stderr bytes.Buffer
	e := env{getenv: func(string) string { return "" }, stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr}
	code := runEval(context.Background(), []string{"--json", "--faq", faqDir, "--index", t.TempDir(), "--bars", bars}, e)
	if code != 0 {
		t.Fatalf("vneidbot eval --bars %s = exit %d:\n%s", bars, code, stderr.String())
	}
	var report struct {
		Sets []struct {
			Name    string `json:"name"`
			Summary struct {
				Total       int     `json:"total"`
				PassRate    float64 `json:"pass_rate"`
				InScopePass float64 `json:"in_scope_pass"`
				Top1        float64 `json:"top1"`
			} `json:"summary"`
		} `json:"sets"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &report); err != nil {
		t.Fatalf("decode report: %v", err)
	}
	var names []string
	for _, s := range report.Sets {
		names = append(names, s.Name)
		if s.Summary.Total == 0 {
			t.Errorf("set %s has no fixtures", s.Name)
		}
		if strings.HasSuffix(s.Name, "-check") {
			// A failing test prints its log: a sealed half's figures would be read by whoever
			// looks at any failure, so it is named, not measured, here (make eval prints them).
			t.Logf("%-10s %3d fixtures  (sealed)", s.Name, s.Summary.Total)
			continue
		}
		t.Logf("%-10s %3d fixtures  pass %.3f  in scope %.3f  top-1 %.3f", s.Name, s.Summary.Total, s.Summary.PassRate, s.Summary.InScopePass, s.Summary.Top1)
	}
	if got := strings.Join(names, ","); got != wantSets {
		t.Errorf("sets = %s, want %s", got, wantSets)
	}
}

// wantSets are the sets make eval reports, in order: the project's (usertests of round 55 last);
// then each collection of real questions (real, harvest of round 21, harvest2 of round 24 and
// harvest3 of round 29) has a tuning half,
// its unseen twin and a sealed check half; harvest4 of round 35, too small to halve, a check half only.
const wantSets = "own,own-unseen,stories,stories-unseen,probes,neighbours,situations,usertests,real-tune,real-tune-unseen,real-check," +
	"harvest-tune,harvest-tune-unseen,harvest-check,harvest2-tune,harvest2-tune-unseen,harvest2-check," +
	"harvest3-tune,harvest3-tune-unseen,harvest3-check,harvest4-check"

// TestEvalGateFails shows the gate is real: a bar above what the code reaches fails the run.
func TestEvalGateFails(t *testing.T) {
	dir := t.TempDir()
	faqDir := filepath.Join("..", "..", "faq")
	bars := filepath.Join(dir, "bars.yaml")
	if err := os.WriteFile(bars, []byte("real-check:\n  in_scope_pass: 1.0\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	e := env{getenv: func(string) string { return "" }, stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr}
	code := runEval(context.Background(), []string{"--fail-only", "--faq", faqDir, "--index", filepath.Join(dir, "index"), "--bars", bars}, e)
	if code != 1 || !strings.Contains(stderr.String(), "real-check in_scope_pass") {
		t.Errorf("eval with an unreachable bar = exit %d, stderr:\n%s\nwant exit 1 naming real-check in_scope_pass", code, stderr.String())
	}
}

// TestEvalFixtureIDs: a fixture may name an entry by a former id the FAQ keeps as an alias (it
// is scored as that entry); an id no entry has stops the run at the fixture's line.
func TestEvalFixtureIDs(t *testing.T) {
	faqDir := filepath.Join("..", "..", "internal", "faq", "testdata", "faq-facts") // the-mat-the is an alias of can-cuoc-mat-the
	dir := t.TempDir()
	write := func(name, content string) string {
		t.Helper()
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	alias := write("alias.yaml", "- q: mất thẻ căn cước làm lại thế nào\n  id: the-mat-the\n")
	unknown := write("unknown.yaml", "- q: mất thẻ căn cước\n  id: can-cuoc-mat-the\n- q: quên passcode\n  id: no-such-entry\n")
	index := filepath.Join(dir, "index")
	run := func(args ...string) (int, string, string) {
		var stdout, stderr bytes.Buffer
		e := env{getenv: func(string) string { return "" }, stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr}
		code := runEval(context.Background(), append([]string{"--faq", faqDir, "--index", index}, args...), e)
		return code, stdout.String(), stderr.String()
	}

	code, out, errOut := run("--json", alias)
	if code == 2 {
		t.Fatalf("eval with an alias id = exit 2:\n%s", errOut)
	}
	var report struct {
		Results []struct {
			WantID string `json:"want_id"`
		} `json:"results"`
	}
	if err := json.Unmarshal([]byte(out), &report); err != nil {
		t.Fatal(err)
	}
	if len(report.Results) != 1 || report.Results[0].WantID != "can-cuoc-mat-the" {
		t.Errorf("results = %+v, want the alias resolved to can-cuoc-mat-the", report.Results)
	}

	code, _, errOut = run(unknown)
	if want := unknown + `:3: no FAQ entry has id "no-such-entry"`; code != 2 || !strings.Contains(errOut, want) {
		t.Errorf("eval with an unknown id = exit %d, stderr:\n%s\nwant exit 2 and %q", code, errOut, want)
	}
}
