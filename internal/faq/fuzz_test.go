package faq

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// FuzzLoad writes the input as one FAQ file next to valid ones and loads the
// directory. kind picks the file: a topic file (0), synonyms.yaml (1), bot.yaml (2) or
// facts.yaml (3).
// Load must never panic, and what it returns must hold together.
//
//	go test -run XXX -fuzz FuzzLoad -fuzztime 60s ./internal/faq/
func FuzzLoad(f *testing.F) {
	// One directory per kind, made once per worker with small valid files; each
	// run rewrites only the fuzzed file, so the runs are cheap.
	bot, err := os.ReadFile("testdata/faq-good/bot.yaml")
	if err != nil {
		f.Fatal(err)
	}
	botNoRefs, _, _ := strings.Cut(string(bot), "suggested_topics:")
	valid := map[string]string{
		"bot.yaml":      botNoRefs,
		"synonyms.yaml": baseSynonyms,
		"t.yaml":        baseTopic,
		"facts.yaml": "facts:\n  - name: fee.a\n    value: \"25.000 đồng\"\n    source: TT 64/2025/TT-BTC\n    valid_until: 2026-12-31\n    then:\n      value: \"50.000 đồng\"\n      source: TT 73/2024/TT-BTC\n" +
			"retired:\n  - says: [trả lời một, phí 25.000 đồng]\n    until: 2026-12-31\n    source: NĐ 320/2026\n",
	}
	fuzzed := [4]string{"fuzz.yaml", "synonyms.yaml", "bot.yaml", "facts.yaml"}
	var dirs [4]string
	for kind := range dirs {
		dirs[kind] = f.TempDir()
		for name, content := range valid {
			if name == fuzzed[kind] {
				continue
			}
			if err := os.WriteFile(filepath.Join(dirs[kind], name), []byte(content), 0o644); err != nil {
				f.Fatal(err)
			}
		}
	}

	seeds, err := filepath.Glob("testdata/faq-*/*.yaml")
	if err != nil {
		f.Fatal(err)
	}
	for _, path := range seeds {
		b, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		var kind uint8
		switch filepath.Base(path) {
		case "synonyms.yaml":
			kind = 1
		case "bot.yaml":
			kind = 2
		case "facts.yaml":
			kind = 3
		}
		f.Add(kind, b)
	}
	f.Add(uint8(0), []byte("topic: x\nentries:\n  - &a {id: a}\n  - *a\n"))
	f.Add(uint8(0), []byte("a: &a [*a]\n"))
	f.Add(uint8(0), []byte(strings.Replace(baseTopic, "id: hai", "id: ba", 1)))
	f.Add(uint8(3), []byte(valid["facts.yaml"]+"  - &r {says: [a b c, [x]], until: 2026-01-01, source: s}\n  - *r\n  - {says: [], until: x}\n"))

	f.Fuzz(func(t *testing.T, kind uint8, data []byte) {
		dir := dirs[kind%4]
		if err := os.WriteFile(filepath.Join(dir, fuzzed[kind%4]), data, 0o644); err != nil {
			t.Fatal(err)
		}

		set, problems, err := Load(dir, testNow)
		if err != nil {
			t.Fatalf("Load: %v", err)
		}
		if (set == nil) != Blocking(problems) {
			t.Fatalf("Set is nil: %v, but Blocking: %v", set == nil, Blocking(problems))
		}
		// Sorted by file and line, except that the files that do not parse come first (each
		// group sorted): at most one step back.
		back := 0
		for i := 1; i < len(problems); i++ {
			a, b := problems[i-1], problems[i]
			if c := strings.Compare(a.File, b.File); c > 0 || c == 0 && a.Line > b.Line {
				back++
			}
		}
		if back > 1 {
			t.Errorf("problems not sorted by file, line (broken files first): %d steps back", back)
		}
		for _, p := range problems {
			if p.Message == "" || p.Line < 0 || !strings.HasPrefix(p.File, dir) {
				t.Errorf("malformed problem %#v", p)
			}
		}
		if set == nil {
			return
		}
		h, err := Hash(dir)
		if err != nil {
			t.Fatalf("Hash: %v", err)
		}
		if h != set.Hash {
			t.Errorf("Hash = %s, Set.Hash = %s", h, set.Hash)
		}
		for _, e := range set.Entries {
			if !idRE.MatchString(e.ID) || len(e.ID) > maxIDBytes || len(e.Questions) < minQuestions ||
				e.Title == "" || e.Answer == "" || len(e.Sources) == 0 || e.Line < 1 {
				t.Errorf("a loaded entry breaks the rules: %+v", e)
			}
		}
		// Whatever the day, what citizens read never shows a raw reference.
		for _, now := range []time.Time{testNow, time.Date(2027, 1, 1, 0, 0, 0, 0, Zone)} {
			for _, e := range set.Resolve(now).Entries {
				for _, s := range append([]string{e.Title, e.Answer}, linkTexts(e.Links)...) {
					if strings.Contains(s, "{{") || strings.Contains(s, "}}") {
						t.Errorf("%s renders a raw reference: %q", e.ID, s)
					}
				}
			}
		}
	})
}
