package eval

import (
	"bytes"
	"context"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/vneidbot/vneidbot/internal/answer"
)

// fakeEngine is fakeAnswerer with entries: ids map to their current id, texts are their answers.
type fakeEngine struct {
	fakeAnswerer
	ids   map[string]string
	texts map[string]string
}

func (f fakeEngine) Entry(id string) (answer.Reply, bool) {
	cur, ok := f.ids[id]
	return answer.Reply{Kind: answer.KindAnswer, ID: cur, Text: f.texts[cur]}, ok
}

func (f fakeEngine) Stated(id string) (string, bool) {
	cur, ok := f.ids[id]
	return f.texts[cur], ok
}

func (f fakeEngine) Topics() []answer.Topic {
	var t answer.Topic
	for _, id := range slices.Sorted(maps.Keys(f.ids)) {
		if f.ids[id] == id {
			t.Entries = append(t.Entries, answer.Option{ID: id})
		}
	}
	return []answer.Topic{t}
}

func TestCommand(t *testing.T) {
	eng := fakeEngine{
		fakeAnswerer: fakeAnswerer{
			"quên passcode vneid":         {Kind: answer.KindAnswer, ID: "vneid-quen-passcode", Score: 0.9, Text: "Quên passcode"},
			"quên mật khẩu vneid thì sao": {Kind: answer.KindAnswer, ID: "vneid-quen-mat-khau", Score: 0.8, Text: "Bấm Quên mật khẩu."},
			"Xin chào":                    {Kind: answer.KindSmalltalk},
			storyPasscode:                 {Kind: answer.KindAnswer, ID: "vneid-quen-passcode", Score: 0.7, Text: "Quên passcode"},
		},
		ids: map[string]string{"vneid-quen-passcode": "vneid-quen-passcode", "vneid-quen-mat-khau": "vneid-quen-mat-khau", "old-passcode": "vneid-quen-passcode"},
	}
	dir := t.TempDir()
	write := func(name, content string) string {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	strict := write("strict.yaml", "own: {pass: 1.0}\nreal-check: {off_topic_pass: 1.0}\n")
	unknownID := write("unknown.yaml", "- q: quên passcode vneid\n  id: no-such-entry\n")
	aliasID := write("alias.yaml", "- q: quên passcode vneid\n  id: old-passcode\n")
	badFixture := write("bad.yaml", "- q: x\n  kidn: answer\n")
	faq := filepath.Join("testdata", "cmdfaq")

	// A baseline in which the greeting failed: the run fixes it.
	var before bytes.Buffer
	broken := fakeEngine{fakeAnswerer: fakeAnswerer{}, ids: eng.ids}
	for q, r := range eng.fakeAnswerer {
		broken.fakeAnswerer[q] = r
	}
	broken.fakeAnswerer["Xin chào"] = answer.Reply{Kind: answer.KindFallback}
	if code := Command(context.Background(), Options{FAQDir: faq, JSON: true, ShowCheck: true}, opener(broken, nil), &before, &bytes.Buffer{}); code != 0 {
		t.Fatalf("baseline run = exit %d", code)
	}
	baseline := write("before.json", before.String())

	for _, tc := range []struct {
		name       string
		opt        Options
		openErr    error
		wantCode   int
		wantOut    []string
		wantErr    []string
		wantOpened bool
	}{
		{"default sets", Options{FAQDir: faq, FailOnly: true}, nil, 0,
			[]string{"own                real-tune          real-check         total", "fixtures                2                  1                  1                  4"}, nil, true},
		{"bars met", Options{FAQDir: faq, Bars: strict}, nil, 0, nil, nil, true},
		{"the project's bars file", Options{FAQDir: withStories(t, faq), Bars: "bars.yaml", OpenHeldOut: func(context.Context, map[string]bool) (Answerer, func(), error) {
			return eng, func() {}, nil
		}}, nil, 0, nil, nil, true},
		{"--min and --min-top1 met", Options{FAQDir: faq, MinPass: 1, MinTop1: 1}, nil, 0, nil, nil, true},
		{"--min out of range", Options{FAQDir: faq, MinPass: 1.5}, nil, 2, nil, []string{"--min 1.5: want a share between 0 and 1"}, false},
		{"files as one set", Options{FAQDir: faq, Files: []string{aliasID}}, nil, 0, []string{"PASS  quên passcode vneid  → vneid-quen-passcode", "  files\n"}, nil, true},
		{"unknown entry id", Options{FAQDir: faq, Files: []string{unknownID}}, nil, 2, nil,
			[]string{unknownID + `:1: no FAQ entry has id "no-such-entry"`}, true},
		{"bad fixture: the engine is never opened", Options{FAQDir: faq, Files: []string{badFixture}}, nil, 2, nil,
			[]string{`unknown field "kidn": did you mean "kind"?`, "1 error(s) in the fixtures"}, false},
		{"engine fails to open", Options{FAQDir: faq}, errors.New("index is locked"), 2, nil, []string{"vneidbot eval: index is locked"}, true},
		{"baseline, text, check shown", Options{FAQDir: faq, FailOnly: true, Baseline: baseline, ShowCheck: true}, nil, 0,
			[]string{"against the baseline: 1 fixed, 0 broken", "real-check  off_topic_pass  0.000 → 1.000 (+1.000)", "real-check roos001  Xin chào  (was fallback, now smalltalk)"}, nil, true},
		{"baseline, JSON: the comparison goes to stderr", Options{FAQDir: faq, JSON: true, Baseline: baseline, ShowCheck: true}, nil, 0,
			[]string{`"sets": [`, `"set": "real-check"`}, []string{"against the baseline: 1 fixed, 0 broken"}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			opened := false
			open := opener(eng, tc.openErr)
			code := Command(context.Background(), tc.opt, func(ctx context.Context) (Engine, func(), error) {
				opened = true
				return open(ctx)
			}, &stdout, &stderr)
			if code != tc.wantCode {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tc.wantCode, stderr.String())
			}
			if opened != tc.wantOpened {
				t.Errorf("engine opened = %v, want %v", opened, tc.wantOpened)
			}
			for _, w := range tc.wantOut {
				if !strings.Contains(stdout.String(), w) {
					t.Errorf("stdout lacks %q:\n%s", w, stdout.String())
				}
			}
			for _, w := range tc.wantErr {
				if !strings.Contains(stderr.String(), w) {
					t.Errorf("stderr lacks %q:\n%s", w, stderr.String())
				}
			}
		})
	}
}

func TestCommandBelowBars(t *testing.T) {
	eng := fakeEngine{fakeAnswerer: fakeAnswerer{}, ids: map[string]string{"vneid-quen-passcode": "vneid-quen-passcode", "vneid-quen-mat-khau": "vneid-quen-mat-khau"}}
	var stdout, stderr bytes.Buffer
	faq := filepath.Join("testdata", "cmdfaq")
	code := Command(context.Background(), Options{FAQDir: faq, FailOnly: true, Bars: filepath.Join("testdata", "cmdbars.yaml"), MinPass: 0.9}, opener(eng, nil), &stdout, &stderr)
	for _, w := range []string{
		"vneidbot eval: own pass 0.5000 is below the bar 1.0000",
		"vneidbot eval: real-tune in_scope_pass 0.0000 is below the bar 1.0000",
		"vneidbot eval: pass rate 0.250 is below --min 0.900",
	} {
		if !strings.Contains(stderr.String(), w) {
			t.Errorf("stderr lacks %q:\n%s", w, stderr.String())
		}
	}
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
}

func opener(e Engine, err error) func(context.Context) (Engine, func(), error) {
	return func(context.Context) (Engine, func(), error) {
		if err != nil {
			return nil, nil, err
		}
		return e, func() {}, nil
	}
}

// The own fixtures and the tuning half are asked again of models that never saw each question:
// a column each, left out of the total, failures marked, each model given its fold and released.
func TestCommandUnseen(t *testing.T) {
	eng := fakeEngine{
		fakeAnswerer: fakeAnswerer{
			"quên mật khẩu vneid thì sao": {Kind: answer.KindAnswer, ID: "vneid-quen-mat-khau", Score: 0.8, Text: "Bấm Quên mật khẩu."},
		},
		ids: map[string]string{"vneid-quen-passcode": "vneid-quen-passcode", "vneid-quen-mat-khau": "vneid-quen-mat-khau"},
	}
	var held []map[string]bool
	closed := 0
	opt := Options{FAQDir: filepath.Join("testdata", "cmdfaq"), FailOnly: true,
		OpenHeldOut: func(_ context.Context, h map[string]bool) (Answerer, func(), error) {
			held = append(held, h)
			// A model that never saw the question cannot answer it.
			return fakeAnswerer{}, func() { closed++ }, nil
		}}
	var stdout, stderr bytes.Buffer
	if code := Command(context.Background(), opt, opener(eng, nil), &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d; stderr:\n%s", code, stderr.String())
	}
	out := stdout.String()
	for _, w := range []string{
		"own                own-unseen         real-tune          real-tune-unseen   real-check         total",
		"fixtures                2                  2                  1                  1                  1                  4",
		"  in scope              0.000 0/1          0.000 0/1          1.000 1/1          0.000 0/1",
		"FAIL  (real-tune-unseen) [r001] quên mật khẩu vneid thì sao",
		"generalisation (real-check − real-tune-unseen)",
	} {
		if !strings.Contains(out, w) {
			t.Errorf("stdout lacks %q:\n%s", w, out)
		}
	}
	// The own fixtures' folds, then the tuning half's, each question in the fold its text hashes to.
	want := []map[string]bool{{"quên passcode vneid": true}, {"giá vàng hôm nay": true}, {}, {"quên mật khẩu vneid thì sao": true}}
	if !reflect.DeepEqual(held, want) {
		t.Errorf("folds held %v, want %v", held, want)
	}
	if closed != 2*Folds {
		t.Errorf("%d fold models released, want %d", closed, 2*Folds)
	}

	// A model that cannot be opened is an error, like the engine's, and the ones opened before
	// it are released.
	opened, closed := 0, 0
	opt.OpenHeldOut = func(context.Context, map[string]bool) (Answerer, func(), error) {
		if opened++; opened == 4 {
			return nil, nil, errors.New("out of memory")
		}
		return fakeAnswerer{}, func() { closed++ }, nil
	}
	stderr.Reset()
	if code := Command(context.Background(), opt, opener(eng, nil), &bytes.Buffer{}, &stderr); code != 2 || !strings.Contains(stderr.String(), "without fold 2 of real-tune: out of memory") {
		t.Errorf("exit %d, stderr %q; want 2 and the fold named", code, stderr.String())
	}
	if closed != 3 {
		t.Errorf("%d models released after the error, want the 3 opened", closed)
	}
}

// Long stories under fixtures/stories/ are a set of their own, after the own fixtures, with an
// unseen twin of their own; the fact probes under fixtures/probes/ follow, with no twin (the
// model never learns from them).
func TestCommandStories(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"fixtures/own.yaml":        "- q: quên passcode vneid\n  id: vneid-quen-passcode\n",
		"fixtures/stories/mk.yaml": "- q: hôm qua em đổi điện thoại mới, cài lại vneid thì quên mật khẩu vneid thì sao\n  id: vneid-quen-mat-khau\n",
		"fixtures/probes/mk.yaml":  "- q: quen mk vneid lam sao\n  must:\n  - [quên mật khẩu]\n",
		"fixtures/real/tune.yaml":  "- real: r001\n  q: quên mật khẩu vneid thì sao\n  id: vneid-quen-mat-khau\n",
		"fixtures/real/check.yaml": "- real: roos001\n  q: Xin chào\n  expect: 'greeting: greet back'\n",
	})
	story := "hôm qua em đổi điện thoại mới, cài lại vneid thì quên mật khẩu vneid thì sao"
	eng := fakeEngine{
		fakeAnswerer: fakeAnswerer{
			story:                   {Kind: answer.KindAnswer, ID: "vneid-quen-mat-khau", Score: 0.8, Text: "Bấm Quên mật khẩu."},
			"quen mk vneid lam sao": {Kind: answer.KindAnswer, ID: "vneid-quen-mat-khau", Score: 0.8, Text: "Bấm Quên mật khẩu."},
		},
		ids: map[string]string{"vneid-quen-passcode": "vneid-quen-passcode", "vneid-quen-mat-khau": "vneid-quen-mat-khau"},
	}
	var held []map[string]bool
	opt := Options{FAQDir: dir, FailOnly: true, OpenHeldOut: func(_ context.Context, h map[string]bool) (Answerer, func(), error) {
		held = append(held, h)
		return fakeAnswerer{}, func() {}, nil
	}}
	var stdout, stderr bytes.Buffer
	if code := Command(context.Background(), opt, opener(eng, nil), &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d; stderr:\n%s", code, stderr.String())
	}
	out := stdout.String()
	for _, w := range []string{
		"own                own-unseen         stories            stories-unseen     probes             real-tune",
		"  in scope              0.000 0/1          0.000 0/1          1.000 1/1          0.000 0/1          1.000 1/1          0.000 0/1",
		"FAIL  (stories-unseen) " + story,
	} {
		if !strings.Contains(out, w) {
			t.Errorf("stdout lacks %q:\n%s", w, out)
		}
	}
	if len(held) != 3*Folds || !held[2][story] && !held[3][story] {
		t.Errorf("folds held %v, want the story held out in one of the stories folds", held)
	}
}

// A new collection of real questions is a new directory under fixtures/ with two halves: it gets
// a tuning set, its unseen twin and a sealed check set, after the first collection's, and a
// generalisation line, with no code naming it.
func TestCommandCollections(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"fixtures/own.yaml":          "- q: quên passcode vneid\n  id: vneid-quen-passcode\n",
		"fixtures/real/tune.yaml":    "- real: r001\n  q: quên mật khẩu vneid thì sao\n  id: vneid-quen-mat-khau\n",
		"fixtures/real/check.yaml":   "- real: r002\n  q: Xin chào\n  expect: 'greeting: greet back'\n",
		"fixtures/aaa/tune.yaml":     "- real: a001\n  q: mk vneid quên rồi làm sao\n  id: vneid-quen-mat-khau\n",
		"fixtures/aaa/check.yaml":    "- real: a002\n  q: passcode vneid quên mất\n  id: vneid-quen-passcode\n",
		"fixtures/empty/notes.md":    "a directory without a tuning half is not a collection\n",
		"fixtures/stories/s.yaml":    "- q: hôm qua em quên passcode vneid\n  id: vneid-quen-passcode\n",
		"fixtures/probes/check.yaml": "- q: quên passcode vneid\n  must:\n  - [quên passcode]\n",
	})
	eng := fakeEngine{fakeAnswerer: fakeAnswerer{
		"quên passcode vneid":         {Kind: answer.KindAnswer, ID: "vneid-quen-passcode", Score: 0.8, Text: "Bấm Quên passcode."},
		"mk vneid quên rồi làm sao":   {Kind: answer.KindAnswer, ID: "vneid-quen-mat-khau", Score: 0.8, Text: "Bấm Quên mật khẩu."},
		"passcode vneid quên mất":     {Kind: answer.KindAnswer, ID: "vneid-quen-passcode", Score: 0.8, Text: "Bấm Quên passcode."},
		"quên mật khẩu vneid thì sao": {Kind: answer.KindAnswer, ID: "vneid-quen-mat-khau", Score: 0.8, Text: "Bấm Quên mật khẩu."},
	}, ids: map[string]string{"vneid-quen-passcode": "vneid-quen-passcode", "vneid-quen-mat-khau": "vneid-quen-mat-khau"}}
	opt := Options{FAQDir: dir, OpenHeldOut: func(context.Context, map[string]bool) (Answerer, func(), error) {
		return fakeAnswerer{}, func() {}, nil
	}}
	var stdout, stderr bytes.Buffer
	if code := Command(context.Background(), opt, opener(eng, nil), &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d; stderr:\n%s", code, stderr.String())
	}
	out := stdout.String()
	for _, w := range []string{
		"probes             real-tune          real-tune-unseen   real-check         aaa-tune           aaa-tune-unseen    aaa-check          total",
		"aaa-check: 0 of 1 failed; sealed, not listed",
		"generalisation (aaa-check − aaa-tune-unseen): in scope +1.000",
	} {
		if !strings.Contains(out, w) {
			t.Errorf("stdout lacks %q:\n%s", w, out)
		}
	}
	for _, w := range []string{"passcode vneid quên mất", "empty-", "probes-check"} {
		if strings.Contains(out, w) {
			t.Errorf("stdout holds %q:\n%s", w, out)
		}
	}
	// Sealed in the JSON report too.
	opt.JSON = true
	stdout.Reset()
	if code := Command(context.Background(), opt, opener(eng, nil), &stdout, &stderr); code != 0 {
		t.Fatalf("json: exit %d; stderr:\n%s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), `"name": "aaa-check"`) {
		t.Errorf("JSON report lacks the aaa-check figures:\n%s", stdout.String())
	}
	for _, w := range []string{`"set": "aaa-check"`, "passcode vneid quên mất", "a002"} {
		if strings.Contains(stdout.String(), w) {
			t.Errorf("JSON report holds %q", w)
		}
	}
	// --no-check: no check half is run, so not even its figures appear, in either report.
	opt.NoCheck = true
	for _, asJSON := range []bool{false, true} {
		opt.JSON = asJSON
		stdout.Reset()
		if code := Command(context.Background(), opt, opener(eng, nil), &stdout, &stderr); code != 0 {
			t.Fatalf("no-check json=%v: exit %d; stderr:\n%s", asJSON, code, stderr.String())
		}
		if out := stdout.String(); strings.Contains(out, "-check") || !strings.Contains(out, "aaa-tune-unseen") {
			t.Errorf("no-check json=%v: want the tuning sets and no check half:\n%s", asJSON, out)
		}
	}
	// It cannot gate (the bars name the check halves) nor show them.
	for _, o := range []Options{{FAQDir: dir, NoCheck: true, Bars: "bars.yaml"}, {FAQDir: dir, NoCheck: true, ShowCheck: true}} {
		stderr.Reset()
		if code := Command(context.Background(), o, opener(eng, nil), &stdout, &stderr); code != 2 || !strings.Contains(stderr.String(), "--no-check with") {
			t.Errorf("%+v: exit %d, stderr %q; want 2 and a usage message", o, code, stderr.String())
		}
	}
}

const storyPasscode = "hôm qua em đổi điện thoại mới, cài lại vneid thì quên passcode vneid, giờ làm sao"

// harvest is a harvest half for withStories: one question in scope, one off topic.
const harvest = "- {real: h1, q: quên passcode vneid, must: [[quên passcode]]}\n" +
	"- {real: h2, q: 'hôm nay trời nắng, giá vàng lên, cho hỏi giá vàng hôm nay', expect: 'fallback: giá vàng'}\n"

// withStories is a copy of the FAQ directory dir with a stories set, a fact probe and every
// harvest's halves too, so that every set the project's bars name is there.
func withStories(t *testing.T, dir string) string {
	t.Helper()
	out := t.TempDir()
	if err := os.CopyFS(out, os.DirFS(dir)); err != nil {
		t.Fatal(err)
	}
	writeFiles(t, out, map[string]string{"fixtures/stories/s.yaml": "- q: " + storyPasscode +
		"\n  id: vneid-quen-passcode\n- q: hôm nay trời nắng, giá vàng lên, cho hỏi giá vàng hôm nay\n  kind: fallback\n",
		"fixtures/probes/p.yaml":     "- q: quên passcode vneid\n  must:\n  - [quên passcode]\n",
		"fixtures/neighbours/n.yaml": "- q: Xin chào\n  kind: smalltalk\n",
		"fixtures/situations/s.yaml": "- q: quên passcode vneid\n  must:\n  - [quên passcode]\n",
		"fixtures/usertests/u.yaml":  "- q: quên passcode vneid\n  id: vneid-quen-passcode\n",
		"fixtures/harvest/tune.yaml": harvest, "fixtures/harvest/check.yaml": harvest,
		"fixtures/harvest2/tune.yaml": harvest, "fixtures/harvest2/check.yaml": harvest,
		"fixtures/harvest3/tune.yaml": harvest, "fixtures/harvest3/check.yaml": harvest,
		"fixtures/harvest4/check.yaml": harvest})
	return out
}

// writeFiles writes each file (path relative to dir → content), making its folders.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// The check halves are sealed by default: its figures are reported, its questions and replies
// are not, in any report.
func TestCommandSealsCheck(t *testing.T) {
	eng := fakeEngine{fakeAnswerer: fakeAnswerer{
		"quên passcode vneid":         {Kind: answer.KindAnswer, ID: "vneid-quen-passcode", Text: "Quên passcode"},
		"quên mật khẩu vneid thì sao": {Kind: answer.KindAnswer, ID: "vneid-quen-mat-khau", Text: "Bấm Quên mật khẩu."},
		"Xin chào":                    {Kind: answer.KindFallback},
	}, ids: map[string]string{"vneid-quen-passcode": "vneid-quen-passcode", "vneid-quen-mat-khau": "vneid-quen-mat-khau"}}
	// The FAQ of the other command tests, with a harvest check half beside the real one.
	faq := t.TempDir()
	if err := os.CopyFS(faq, os.DirFS(filepath.Join("testdata", "cmdfaq"))); err != nil {
		t.Fatal(err)
	}
	// A check half without a tuning half is still a collection's, and sealed.
	writeFiles(t, faq, map[string]string{"fixtures/harvest/check.yaml": "- {real: hv001, q: mk vneid quen roi lam sao a, id: vneid-quen-mat-khau, must: [[Quên mật khẩu]]}\n"})
	var before bytes.Buffer
	if code := Command(context.Background(), Options{FAQDir: faq, JSON: true, ShowCheck: true}, opener(eng, nil), &before, &bytes.Buffer{}); code != 0 {
		t.Fatalf("baseline run = exit %d", code)
	}
	baseline := filepath.Join(t.TempDir(), "before.json")
	if err := os.WriteFile(baseline, before.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	var sealedBefore bytes.Buffer
	if code := Command(context.Background(), Options{FAQDir: faq, JSON: true}, opener(eng, nil), &sealedBefore, &bytes.Buffer{}); code != 0 {
		t.Fatalf("sealed baseline run = exit %d", code)
	}
	sealedBaseline := filepath.Join(t.TempDir(), "sealed.json")
	if err := os.WriteFile(sealedBaseline, sealedBefore.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	fixed := fakeEngine{fakeAnswerer: fakeAnswerer{}, ids: eng.ids}
	for q, r := range eng.fakeAnswerer {
		fixed.fakeAnswerer[q] = r
	}
	fixed.fakeAnswerer["Xin chào"] = answer.Reply{Kind: answer.KindSmalltalk}
	// The harvest's check question flips too: a second collection's check half is sealed in a
	// baseline comparison like the first's.
	fixed.fakeAnswerer["mk vneid quen roi lam sao a"] = answer.Reply{Kind: answer.KindAnswer, ID: "vneid-quen-mat-khau", Text: "Bấm Quên mật khẩu."}
	for _, tc := range []struct {
		name    string
		opt     Options
		engine  fakeEngine
		want    []string
		wantNot []string
	}{
		{"text", Options{FAQDir: faq}, eng,
			[]string{"real-check: 1 of 1 failed; sealed, not listed", "harvest-check: 1 of 1 failed; sealed, not listed"},
			[]string{"Xin chào", "roos001", "(smalltalk) →", "mk vneid quen roi", "hv001"}},
		{"fail lines", Options{FAQDir: faq, FailOnly: true}, eng,
			[]string{"real-check: 1 of 1 failed; sealed"}, []string{"Xin chào"}},
		{"json", Options{FAQDir: faq, JSON: true}, eng,
			[]string{`"name": "real-check"`, `"name": "harvest-check"`, `"in_scope":`}, []string{"Xin chào", `"set": "real-check"`, `"want": "(smalltalk)"`, `"set": "harvest-check"`, "mk vneid quen roi"}},
		{"shown on request", Options{FAQDir: faq, FailOnly: true, ShowCheck: true}, eng,
			[]string{"Xin chào", "mk vneid quen roi"}, []string{"sealed"}},
		{"baseline: figures move, lines stay sealed", Options{FAQDir: faq, FailOnly: true, Baseline: baseline}, fixed,
			[]string{"against the baseline: 0 fixed, 0 broken", "real-check  pass", "harvest-check pass"}, []string{"Xin chào", "gone:", "mk vneid quen roi", "hv001"}},
		{"a sealed baseline: its check lines are not new fixtures", Options{FAQDir: faq, FailOnly: true, Baseline: sealedBaseline, ShowCheck: true}, fixed,
			[]string{"against the baseline: 0 fixed, 0 broken\n", "real-check  pass"}, []string{"new fixtures"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if code := Command(context.Background(), tc.opt, opener(tc.engine, nil), &stdout, &stderr); code != 0 {
				t.Fatalf("exit %d; stderr:\n%s", code, stderr.String())
			}
			for _, w := range tc.want {
				if !strings.Contains(stdout.String(), w) {
					t.Errorf("stdout lacks %q:\n%s", w, stdout.String())
				}
			}
			for _, w := range tc.wantNot {
				if strings.Contains(stdout.String(), w) {
					t.Errorf("stdout holds %q:\n%s", w, stdout.String())
				}
			}
		})
	}
}
