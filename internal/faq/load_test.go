package faq

import (
	"bytes"
	"errors"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// testNow is the clock for every test: the reviewed dates in testdata are
// relative to it, so the tests do not rot as time passes.
var testNow = time.Date(2026, 11, 23, 15, 4, 5, 0, time.FixedZone("ICT", 7*60*60))

func TestLoadGood(t *testing.T) {
	const dir = "testdata/faq-good"
	set, problems, err := Load(dir, testNow)
	if err != nil {
		t.Fatalf("Load(%q): %v", dir, err)
	}
	for _, p := range problems {
		t.Errorf("unexpected problem: %s", p)
	}
	if set == nil {
		t.Fatalf("Load(%q) returned a nil Set", dir)
	}

	wantTopics := []string{"Dịch vụ công trực tuyến", "Tài khoản VNeID", "Thẻ căn cước"}
	if !slices.Equal(set.Topics, wantTopics) {
		t.Errorf("Topics = %q, want %q", set.Topics, wantTopics)
	}
	var ids []string
	for _, e := range set.Entries {
		ids = append(ids, e.File+":"+e.ID)
	}
	wantIDs := []string{
		"dich-vu-cong.yaml:khai-sinh-truc-tuyen",
		"dich-vu-cong.yaml:dvc-dang-nhap-bang-vneid",
		"tai-khoan-vneid.yaml:vneid-dang-ky-muc-2",
		"tai-khoan-vneid.yaml:vneid-quen-passcode",
		"tai-khoan-vneid.yaml:vneid-khong-nhan-otp",
		"tai-khoan-vneid.yaml:vneid-quen-mat-khau",
		"tai-khoan-vneid.yaml:canh-bao-lua-dao-vneid",
		"the-can-cuoc.yaml:can-cuoc-doi-the-25-tuoi",
		"the-can-cuoc.yaml:can-cuoc-mat-the",
	}
	if !slices.Equal(ids, wantIDs) {
		t.Errorf("entries (file:id) =\n%q\nwant\n%q", ids, wantIDs)
	}

	e, ok := set.ByID("vneid-quen-passcode")
	if !ok {
		t.Fatal(`ByID("vneid-quen-passcode") not found`)
	}
	if e.Topic != "Tài khoản VNeID" || e.File != "tai-khoan-vneid.yaml" || e.Line != 33 {
		t.Errorf("vneid-quen-passcode: Topic, File, Line = %q, %q, %d; want %q, %q, %d",
			e.Topic, e.File, e.Line, "Tài khoản VNeID", "tai-khoan-vneid.yaml", 33)
	}
	if want := "Quên passcode VNeID thì lấy lại thế nào?"; e.Title != want {
		t.Errorf("Title = %q, want %q", e.Title, want)
	}
	if !strings.HasPrefix(e.Answer, "Bạn có thể tự đặt lại passcode") || strings.HasSuffix(e.Answer, "\n") {
		t.Errorf("Answer should be the block, trimmed; got %q", e.Answer)
	}
	if want := []Link{{"Cổng thông tin VNeID", "https://vneid.gov.vn"}}; !slices.Equal(e.Links, want) {
		t.Errorf("Links = %v, want %v", e.Links, want)
	}
	if want := []string{"passcode", "mã 6 số"}; !slices.Equal(e.Keywords, want) {
		t.Errorf("Keywords = %q, want %q", e.Keywords, want)
	}
	if e.Reviewed != "2026-11-02" {
		t.Errorf("Reviewed = %q, want 2026-11-02", e.Reviewed)
	}

	// The lead's search tests rely on realistic entries: several phrasings each,
	// with and without diacritics.
	for _, e := range set.Entries {
		if len(e.Questions) < 4 {
			t.Errorf("%s: %d questions, want at least 4 in testdata", e.ID, len(e.Questions))
		}
		ascii := false
		for _, q := range e.Questions {
			if isASCII(q) {
				ascii = true
			}
		}
		if !ascii {
			t.Errorf("%s: no question without diacritics", e.ID)
		}
	}

	if len(set.Synonyms.Groups) == 0 || !slices.Equal(set.Synonyms.Groups[0], []string{"căn cước", "cccd", "căn cước công dân", "thẻ căn cước"}) {
		t.Errorf("Synonyms.Groups[0] = %q", set.Synonyms.Groups)
	}
	m := set.Bot.Messages
	for name, s := range map[string]string{"welcome": m.Welcome, "fallback": m.Fallback, "empty": m.Empty, "safety_scam": m.SafetyScam} {
		if s == "" {
			t.Errorf("Bot.Messages.%s is empty", name)
		}
	}
	if want := []string{"vneid-dang-ky-muc-2", "vneid-quen-passcode", "can-cuoc-doi-the-25-tuoi", "khai-sinh-truc-tuyen"}; !slices.Equal(set.Bot.SuggestedTopics, want) {
		t.Errorf("SuggestedTopics = %q, want %q", set.Bot.SuggestedTopics, want)
	}
	if want := []string{"xin chào", "chào bạn", "chào", "hello", "hi"}; !slices.Equal(set.Words.Greetings, want) {
		t.Errorf("Words.Greetings = %q, want %q", set.Words.Greetings, want)
	}
	if len(set.Words.Scam) == 0 || len(set.Words.DoForMe) == 0 || len(set.Words.Safety) != 1 || len(set.OffTopic) != 1 {
		t.Errorf("Words.Scam, Words.DoForMe, Words.Safety, OffTopic = %q, %q, %v, %v; want all non-empty", set.Words.Scam, set.Words.DoForMe, set.Words.Safety, set.OffTopic)
	}

	h, err := Hash(dir)
	if err != nil {
		t.Fatalf("Hash(%q): %v", dir, err)
	}
	if h != set.Hash || len(h) != 64 {
		t.Errorf("Hash(%q) = %q, Set.Hash = %q; want the same 64 hex digits", dir, h, set.Hash)
	}
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// TestLintGolden checks the full lint report of a directory that breaks every rule.
// Rewrite the golden file with: go test ./internal/faq -update
func TestLintGolden(t *testing.T) {
	const dir, golden = "testdata/faq-bad", "testdata/lint-bad.golden"
	r, err := Lint(dir, testNow)
	if err != nil {
		t.Fatalf("Lint(%q): %v", dir, err)
	}
	var got bytes.Buffer
	if _, err := r.WriteTo(&got); err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(golden, got.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got.Bytes(), want) {
		t.Errorf("lint report differs from %s (run go test -update and review the diff):\n%s", golden, lineDiff(string(want), got.String()))
	}

	set, problems, err := Load(dir, testNow)
	if err != nil || set != nil {
		t.Errorf("Load(%q) = %v, _, %v; want a nil Set and no error", dir, set, err)
	}
	if !slices.Equal(problems, r.Problems) {
		t.Errorf("Load and Lint disagree on the problems")
	}
	for _, p := range problems {
		if strings.Contains(p.File, "_draft") || strings.Contains(p.File, ".hidden") || strings.Contains(p.File, "fixtures") {
			t.Errorf("ignored file reported: %s", p)
		}
	}
}

// lineDiff shows the lines only in want (-) and only in got (+): enough to see
// which problem changed.
func lineDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	for _, l := range wl {
		if !slices.Contains(gl, l) {
			b.WriteString("- " + l + "\n")
		}
	}
	for _, l := range gl {
		if !slices.Contains(wl, l) {
			b.WriteString("+ " + l + "\n")
		}
	}
	if b.Len() == 0 {
		return "(same lines, different order)\n" + got
	}
	return b.String()
}

const (
	// baseTopic is a valid topic file; the check cases edit it. Line numbers matter.
	baseTopic = `topic: Thử nghiệm
entries:
  - id: mot
    title: Mục một
    questions: [một a, một b, một c]
    answer: Trả lời một.
    links:
      - title: VNeID
        url: https://vneid.gov.vn
    related: [hai]
    sources: [https://vneid.gov.vn]
    reviewed: 2026-11-01
  - id: hai
    title: Mục hai
    questions: [hai a, hai b, hai c]
    answer: Trả lời hai.
    sources: [Luật Căn cước 2023]
    reviewed: 2026-11-01
`
	baseSynonyms = `groups:
  - [cccd, căn cước công dân]
  - [sdt, số điện thoại]
`
	// deleted as a file's content means: do not write this file.
	deleted = "\x00deleted"
)

func baseBot(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("testdata/faq-good/bot.yaml")
	if err != nil {
		t.Fatal(err)
	}
	// The cases change ids; TestSuggestedTopics checks suggested_topics.
	bot, _, ok := strings.Cut(string(b), "suggested_topics:")
	if !ok {
		t.Fatal("testdata/faq-good/bot.yaml has no suggested_topics")
	}
	return bot
}

// writeDir writes files into a new temporary directory and returns it.
func writeDir(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		if content == deleted {
			continue
		}
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// relProblems formats problems with dir removed, so cases can name files plainly.
func relProblems(dir string, ps []Problem) []string {
	var out []string
	for _, p := range ps {
		s := strings.ReplaceAll(p.String(), dir+string(filepath.Separator), "")
		out = append(out, strings.ReplaceAll(s, dir, "DIR"))
	}
	return out
}

func TestChecks(t *testing.T) {
	long := strings.Repeat("ă", 3000)
	tests := []struct {
		name  string
		edits []string          // pairs of old, new applied to baseTopic in t.yaml
		files map[string]string // extra files, or replacements of t.yaml, bot.yaml, synonyms.yaml
		want  []string
	}{
		{name: "clean"},

		// YAML itself.
		{
			name:  "syntax error",
			edits: []string{"    title: Mục một\n", "    title: [Mục một\n"},
			want:  []string{"t.yaml:4: YAML syntax error: did not find expected ',' or ']'"},
		},
		{
			name:  "tab",
			edits: []string{"    title: Mục một\n", "\ttitle: Mục một\n"},
			want:  []string{"t.yaml:4: YAML syntax error: found a tab character that violates indentation"},
		},
		{
			name:  "tab inside a list",
			edits: []string{"questions: [một a, một b, một c]", "questions: [một a,\n\t một b, một c]"},
			want:  nil, // inside a flow list a tab is only white space
		},
		{
			name:  "tab hint",
			edits: []string{"    answer: Trả lời một.\n", "    answer:\tTrả lời: một.\n"},
			want:  []string{"t.yaml:6: YAML syntax error: mapping values are not allowed in this context (a tab is used for indenting here: indent with spaces)"},
		},
		{
			name:  "syntax error far below the start of its block",
			edits: []string{"  - id: hai\n", "  - id: hai\n    note: 'it's'\n"},
			want:  []string{"t.yaml:14: YAML syntax error: did not find expected key"},
		},
		{
			name:  "unclosed quote",
			edits: []string{"title: Mục hai", "title: \"Mục hai"},
			want:  []string{"t.yaml:14: YAML syntax error: found unexpected end of stream"},
		},
		{
			name:  "unknown fields, all of them",
			edits: []string{"    title: Mục một\n", "    titel: Mục một\n    anwser: x\n    colour: red\n"},
			want: []string{
				`t.yaml:3: missing field "title" in entry "mot"`,
				`t.yaml:4: unknown field "titel" in entry (did you mean "title"?)`,
				`t.yaml:5: unknown field "anwser" in entry (did you mean "answer"?)`,
				`t.yaml:6: unknown field "colour" in entry (allowed: id, title, questions, keywords, answer, links, related, sources, reviewed, tags, review_by, notes, aliases, cases, needs, needs_also, ages)`,
			},
		},
		{
			name:  "unknown top-level and link fields",
			edits: []string{"topic: Thử nghiệm\n", "topic: Thử nghiệm\nTopic: x\n", "        url: https://vneid.gov.vn\n", "        url: https://vneid.gov.vn\n        URL: x\n"},
			want: []string{
				`t.yaml:2: unknown field "Topic" in the topic file (did you mean "topic"?)`,
				`t.yaml:11: unknown field "URL" in link (did you mean "url"?)`,
			},
		},
		{
			name:  "field twice",
			edits: []string{"    answer: Trả lời một.\n", "    answer: Trả lời một.\n    answer: Lần nữa.\n"},
			want:  []string{`t.yaml:7: field "answer" is given twice in entry (first on line 6)`},
		},
		{
			name: "missing required fields",
			edits: []string{
				"    title: Mục một\n", "",
				"    questions: [một a, một b, một c]\n", "",
				"    answer: Trả lời một.\n", "",
				"    sources: [https://vneid.gov.vn]\n", "",
				"    reviewed: 2026-11-01\n  - id: hai", "  - id: hai",
			},
			want: []string{
				`t.yaml:3: missing field "title" in entry "mot"`,
				`t.yaml:3: missing field "questions" in entry "mot"`,
				`t.yaml:3: missing field "answer" in entry "mot"`,
				`t.yaml:3: missing field "sources" in entry "mot"`,
				`t.yaml:3: missing field "reviewed" in entry "mot"`,
			},
		},
		{
			name:  "missing id",
			edits: []string{"  - id: hai\n    title: Mục hai\n", "  - title: Mục hai\n"},
			want: []string{
				`t.yaml:10: related id "hai" does not exist`,
				`t.yaml:13: missing field "id" in entry`,
			},
		},
		{
			name:  "wrong types",
			edits: []string{"    title: Mục một\n", "    title: {a: b}\n", "[một a, một b, một c]", "một a", "related: [hai]", "related: [[hai]]", "    reviewed: 2026-11-01\n  - id: hai", "    reviewed: [2026-11-01]\n  - id: hai"},
			want: []string{
				`t.yaml:4: title should be text, not a set of "key: value" fields`,
				`t.yaml:5: questions should be a list (lines starting with "- "), not a single value`,
				`t.yaml:10: related id should be text, not a list`,
				`t.yaml:12: reviewed should be text, not a list`,
			},
		},
		{
			name:  "entry not a mapping",
			edits: []string{"entries:\n", "entries:\n  - chỉ một dòng\n"},
			want:  []string{`t.yaml:3: each entry should be a set of "key: value" fields (id:, title:, …), not a single value`},
		},
		{
			name:  "numbers are text",
			edits: []string{"    title: Mục một\n", "    title: 112\n"},
		},

		// Ids.
		{
			name:  "id not kebab case",
			edits: []string{"id: mot", "id: Mot_1", "related: [hai]", "related: []"},
			want:  []string{`t.yaml:3: id "Mot_1" should be lowercase letters a-z and digits, with "-" between words (like "vneid-quen-passcode")`},
		},
		{
			name:  "id with diacritics",
			edits: []string{"id: mot", "id: một", "related: [hai]", "related: []"},
			want:  []string{`t.yaml:3: id "một" should be lowercase letters a-z and digits, with "-" between words (like "vneid-quen-passcode")`},
		},
		{
			name:  "id with double dash",
			edits: []string{"id: mot", "id: mot--1", "related: [hai]", "related: []"},
			want:  []string{`t.yaml:3: id "mot--1" should be lowercase letters a-z and digits, with "-" between words (like "vneid-quen-passcode")`},
		},
		{
			name:  "id of 40 bytes",
			edits: []string{"id: mot", "id: " + strings.Repeat("a", 40), "related: [hai]", "related: []"},
		},
		{
			name:  "id of 41 bytes",
			edits: []string{"id: mot", "id: " + strings.Repeat("a", 41), "related: [hai]", "related: []"},
			want:  []string{`t.yaml:3: id "` + strings.Repeat("a", 41) + `" is 41 bytes long, at most 40 allowed`},
		},
		{
			name:  "empty id",
			edits: []string{"id: mot", "id: ''", "related: [hai]", "related: []"},
			want:  []string{`t.yaml:3: id is empty`},
		},
		{
			name:  "duplicate id in one file",
			edits: []string{"id: hai", "id: mot", "related: [hai]", "related: []"},
			want:  []string{`t.yaml:13: duplicate id "mot": already used at t.yaml:3`},
		},
		{
			name:  "duplicate id across files",
			files: map[string]string{"u.yaml": "topic: Khác\nentries:\n  - id: hai\n    title: T\n    questions: [x a, x b, x c]\n    answer: A\n    sources: [S]\n    reviewed: 2026-11-01\n"},
			want:  []string{`u.yaml:3: duplicate id "hai": already used at t.yaml:13`},
		},

		// Questions.
		{
			name:  "fewer than 3 questions",
			edits: []string{"[một a, một b, một c]", "[một a, một b]"},
			want:  []string{`t.yaml:5: need at least 3 questions (ways citizens ask it), found 2`},
		},
		{
			name:  "no questions",
			edits: []string{"[một a, một b, một c]", "[]"},
			want:  []string{`t.yaml:5: need at least 3 questions (ways citizens ask it), found 0`},
		},
		{
			name:  "empty question",
			edits: []string{"[một a, một b, một c]", "[một a, một b, một c, '  ']"},
			want:  []string{`t.yaml:5: empty question`},
		},
		{
			name:  "same question twice in an entry, after normalisation",
			edits: []string{"[một a, một b, một c]", "[một a, một b, một c, \"  MỘT   A \"]"},
			want:  []string{`t.yaml:5: question "MỘT   A" is repeated in this entry (first on line 5)`},
		},
		{
			name:  "same question in two entries, NFD against NFC",
			edits: []string{"[hai a, hai b, hai c]", "[hai a, hai b, " + norm.NFD.String("Một C") + "]"},
			want:  []string{`t.yaml:15: question "` + norm.NFD.String("Một C") + `" is also in entry "mot" (t.yaml:5): each question must lead to one entry`},
		},
		{
			name:  "same question in two files",
			files: map[string]string{"u.yaml": "topic: Khác\nentries:\n  - id: ba\n    title: T\n    questions:\n      - x a\n      - hai b\n      - x c\n    answer: A\n    sources: [S]\n    reviewed: 2026-11-01\n"},
			want:  []string{`u.yaml:7: question "hai b" is also in entry "hai" (t.yaml:15): each question must lead to one entry`},
		},

		// Title and answer.
		{
			name:  "empty title",
			edits: []string{"title: Mục một", "title:"},
			want:  []string{`t.yaml:4: title is empty`},
		},
		{
			name:  "empty answer",
			edits: []string{"answer: Trả lời một.", "answer: |\n      \n"},
			want:  []string{`t.yaml:6: answer is empty`},
		},
		{
			name:  "answer of 3000 characters",
			edits: []string{"answer: Trả lời một.", "answer: " + long},
			want:  []string{`t.yaml:6: warning: answer of "mot" is 3000 characters long: above 1200 it no longer fits a phone screen; cut or split it`},
		},
		{
			name:  "answer of 3000 characters, decomposed",
			edits: []string{"answer: Trả lời một.", "answer: " + norm.NFD.String(long)},
			want:  []string{`t.yaml:6: warning: answer of "mot" is 3000 characters long: above 1200 it no longer fits a phone screen; cut or split it`},
		},
		{
			name:  "answer of 3001 characters",
			edits: []string{"answer: Trả lời một.", "answer: " + long + "x"},
			want:  []string{`t.yaml:6: answer is 3001 characters long, at most 3000 allowed: shorten it or split the entry`},
		},

		// Cases.
		{
			name:  "cases, well formed",
			edits: []string{"related: [hai]", "related: [hai]\n    cases:\n      - when: [vân tay mờ, van tay bi mo]\n        say: \"Vân tay mờ: vẫn được cấp thẻ.\""},
		},
		{
			name:  "case without when or say",
			edits: []string{"related: [hai]", "related: [hai]\n    cases:\n      - say: \"Vân tay mờ: vẫn được cấp.\"\n      - when: [râu]"},
			want: []string{
				`t.yaml:12: missing field "when" in case: list the words of the situation, as citizens type them (or name a words.yaml situation)`,
				`t.yaml:13: missing field "say" in case: the sentence the answer adds`,
			},
		},
		{
			name:  "case with an empty when, an empty say and an unknown field",
			edits: []string{"related: [hai]", "related: [hai]\n    cases:\n      - when: []\n        say: ' '\n        sai: x"},
			want: []string{
				`t.yaml:12: when is empty: a case needs at least one phrase that calls it`,
				`t.yaml:13: say is empty`,
				`t.yaml:14: unknown field "sai" in case (did you mean "say"?)`,
			},
		},
		{
			name:  "when phrase twice in an entry, folded alike, and one of punctuation only",
			edits: []string{"related: [hai]", "related: [hai]\n    cases:\n      - when: [vân tay mờ]\n        say: A.\n      - when: [van tay mo, '?!']\n        say: B."},
			want: []string{
				`t.yaml:14: when phrase "?!" has no word to find in a message`,
				`t.yaml:14: when phrase "van tay mo" also calls case 1 of "mot" (as "vân tay mờ"): a message naming it would get both; keep it in one`,
			},
		},
		{
			name:  "when phrases of two cases alike through a one-word spelling of synonyms.yaml",
			edits: []string{"related: [hai]", "related: [hai]\n    cases:\n      - when: [sdt cũ]\n        say: A.\n      - when: [số điện thoại cũ]\n        say: B."},
			files: map[string]string{"synonyms.yaml": "groups:\n  - [sdt, số điện thoại]\n"},
			want:  []string{`t.yaml:14: when phrase "số điện thoại cũ" also calls case 1 of "mot" (as "số điện thoại cũ"): a message naming it would get both; keep it in one`},
		},
		{
			name:  "when phrases with marks that differ are two phrases; the same phrase twice in a case is a warning",
			edits: []string{"related: [hai]", "related: [hai]\n    cases:\n      - when: [vé số, râu, Râu, rau]\n        say: A.\n      - when: [về số]\n        say: B."},
			want: []string{
				`t.yaml:12: warning: when phrase "Râu" is listed twice: remove one`,
				`t.yaml:12: warning: when phrase "rau" is already read as "râu" of this case (marks are optional in messages): remove it`,
			},
		},
		{
			name:  "the same when phrase twice in a case",
			edits: []string{"related: [hai]", "related: [hai]\n    cases:\n      - when: [vé số, râu, vé số]\n        say: A."},
			want:  []string{`t.yaml:12: warning: when phrase "vé số" is listed twice: remove one`},
		},
		{
			name:  "a case called by a words.yaml situation, with or without when phrases",
			edits: []string{"related: [hai]", "related: [hai]\n    cases:\n      - when: [râu]\n        say: A.\n      - situation: failed\n        say: B.\n      - situation: failed\n        when: [vẫn đợi]\n        say: C."},
			files: map[string]string{"words.yaml": "situations:\n  failed: [bị từ chối, vẫn chưa cập nhật]\n"},
		},
		{
			name:  "a when phrase its situation already lists",
			edits: []string{"related: [hai]", "related: [hai]\n    cases:\n      - situation: failed\n        when: [bị từ chối, vẫn đợi]\n        say: B."},
			files: map[string]string{"words.yaml": "situations:\n  failed: [bị từ chối]\nsituations_not_after: [không, có]\n"},
			want:  []string{`t.yaml:12: warning: when phrase "bị từ chối" is a phrase of situation "failed", which this case names: remove it (as a when phrase it is read even right after không, có)`},
		},
		{
			name:  "a case naming a situation words.yaml does not have",
			edits: []string{"related: [hai]", "related: [hai]\n    cases:\n      - situation: faild\n        say: B."},
			files: map[string]string{"words.yaml": "situations:\n  failed: [bị từ chối]\n"},
			want:  []string{`t.yaml:12: situation "faild" is not in words.yaml situations (known: failed, bereaved): name one, or list the phrases in when`},
		},
		{
			name:  "a case naming bereaved without the bereavement rule",
			edits: []string{"related: [hai]", "related: [hai]\n    cases:\n      - situation: bereaved\n        say: B."},
			files: map[string]string{"words.yaml": "situations:\n  failed: [bị từ chối]\n"},
			want:  []string{`t.yaml:12: situation "bereaved" needs words.yaml bereavement (kin, died…): without it no message tells a death`},
		},
		{
			name:  "a case naming bereaved",
			edits: []string{"related: [hai]", "related: [hai]\n    cases:\n      - situation: bereaved\n        say: B."},
			files: map[string]string{"words.yaml": "bereavement:\n  kin: [bố]\n  died: [qua đời]\n"},
		},
		{
			// one error, where the mistake is, with its remedy: not one more for each case naming a
			// situation of the file that could not be read
			name:  "words.yaml unreadable: an item with alternatives unquoted",
			edits: []string{"related: [hai]", "related: [hai]\n    cases:\n      - situation: failed\n        say: B."},
			files: map[string]string{"words.yaml": "situations:\n  failed:\n    - bị từ chối\n    - {nộp|gửi} rồi mà\n"},
			want:  []string{`words.yaml:4: YAML syntax error: did not find expected '-' indicator (a list item starting with { must be in quotes, like - "{nhập|điền} mật khẩu")`},
		},
		{
			name:  "situations: a bad name and an empty list",
			files: map[string]string{"words.yaml": "situations:\n  Failed Now: [bị từ chối]\n  stuck: []\n"},
			want: []string{
				`words.yaml:2: situations: name "Failed Now" should be lowercase words joined by _, like failed`,
				`words.yaml:3: situation "stuck" has no phrases: list the ways citizens tell it`,
			},
		},
		{
			name:  "a shared case used by an entry, with phrases of its own",
			edits: []string{"related: [hai]", "related: [hai]\n    cases:\n      - use: nguoi-khac-dung\n        when: [ai đó đã dùng]"},
			files: map[string]string{"cases.yaml": "cases:\n  - id: nguoi-khac-dung\n    when: [người khác đã dùng]\n    say: Đổi mật khẩu ngay.\n"},
		},
		{
			name:  "a shared case cases.yaml does not have, one saying its own sentence, one never used",
			edits: []string{"related: [hai]", "related: [hai]\n    cases:\n      - use: nguoi-khac\n      - use: nguoi-khac-dung\n        say: B.\n      - use: ' '"},
			files: map[string]string{"cases.yaml": "cases:\n  - id: nguoi-khac-dung\n    when: [người khác đã dùng]\n    say: A.\n  - id: thua\n    when: [thừa]\n    say: C.\n"},
			want: []string{
				`cases.yaml:5: warning: shared case "thua" is used by no entry: add ` + "`use: thua`" + ` to an entry's cases, or remove it`,
				`t.yaml:12: shared case "nguoi-khac" is not in cases.yaml: define it there, or write when and say here`,
				`t.yaml:13: a case that uses shared case "nguoi-khac-dung" says its sentence in cases.yaml: remove say here`,
				`t.yaml:15: use is empty: name a shared case of cases.yaml`,
			},
		},
		{
			name:  "shared cases: no id, a bad id, an id twice, a sentence too long",
			files: map[string]string{"cases.yaml": "cases:\n  - when: [a b]\n    say: A.\n  - id: Sai Id\n    when: [a b]\n    say: A.\n  - id: mot\n    when: [a b]\n    say: A.\n  - id: mot\n    when: [c d]\n    say: " + strings.Repeat("ă", 301) + "\n"},
			want: []string{
				`cases.yaml:2: missing field "id" in a shared case: the name entries use it by`,
				`cases.yaml:4: shared case id "Sai Id" should be lowercase letters a-z and digits, with "-" between words, at most 40 bytes`,
				`cases.yaml:7: warning: shared case "mot" is used by no entry: add ` + "`use: mot`" + ` to an entry's cases, or remove it`,
				`cases.yaml:10: shared case "mot" is already defined on line 7`,
				`cases.yaml:12: say is 301 characters long, at most 300 allowed: a case is one or two sentences; put more in the answer or a new entry`,
			},
		},
		{
			name:  "say of 300 characters",
			edits: []string{"related: [hai]", "related: [hai]\n    cases:\n      - when: [râu]\n        say: " + strings.Repeat("ă", 300)},
		},
		{
			name:  "say of 301 characters, decomposed",
			edits: []string{"related: [hai]", "related: [hai]\n    cases:\n      - when: [râu]\n        say: " + norm.NFD.String(strings.Repeat("ă", 301))},
			want:  []string{`t.yaml:13: say is 301 characters long, at most 300 allowed: a case is one or two sentences; put more in the answer or a new entry`},
		},
		{
			name:  "cases not a list",
			edits: []string{"related: [hai]", "related: [hai]\n    cases: râu"},
			want:  []string{`t.yaml:11: cases should be a list (lines starting with "- "), not a single value`},
		},

		// Needs.
		{
			name:  "needs phrases every question holds",
			edits: []string{"related: [hai]", "related: [hai]\n    needs: [lỡ, mot]"},
		},
		{
			name:  "a question without any needs phrase",
			edits: []string{"related: [hai]", "related: [hai]\n    needs: [một a, một c]"},
			want:  []string{`t.yaml:3: warning: question "một b" of "mot" holds none of its needs phrases: asked that way the entry leaves itself out; add the phrase it uses to needs, or reword the question`},
		},
		{
			name:  "needs phrase empty, twice (marks optional), and needs empty",
			edits: []string{"related: [hai]", "related: [hai]\n    needs: [một, '?!', mot, Một]", "sources: [Luật Căn cước 2023]", "sources: [Luật Căn cước 2023]\n    needs: []"},
			want: []string{
				`t.yaml:11: needs phrase "?!" has no word to find in a message`,
				`t.yaml:11: needs phrase "mot" is listed twice`,
				`t.yaml:11: needs phrase "Một" is listed twice`,
				`t.yaml:19: needs is empty: list the words without which the entry does not answer, or remove it`,
			},
		},
		{
			name:  "needs_also: every question holds one of each list",
			edits: []string{"related: [hai]", "related: [hai]\n    needs: [một]\n    needs_also: [a, b, c]"},
		},
		{
			name:  "a question without any needs_also phrase, one twice, and needs_also alone",
			edits: []string{"related: [hai]", "related: [hai]\n    needs: [một]\n    needs_also: [a, c, A]", "sources: [Luật Căn cước 2023]", "sources: [Luật Căn cước 2023]\n    needs_also: [x]"},
			want: []string{
				`t.yaml:3: warning: question "một b" of "mot" holds none of its needs_also phrases: asked that way the entry leaves itself out; add the phrase it uses to needs_also, or reword the question`,
				`t.yaml:12: needs_also phrase "A" is listed twice`,
				`t.yaml:20: needs_also without needs: write the list as needs`,
			},
		},

		// Ages.
		{
			name:  "ages of a child's entry",
			edits: []string{"related: [hai]", "related: [hai]\n    ages: {from: 0, to: 5}"},
		},
		{
			name:  "ages upside down, not a number, above 130, half given",
			edits: []string{"related: [hai]", "related: [hai]\n    ages: {from: 14, to: 6}", "sources: [Luật Căn cước 2023]", "sources: [Luật Căn cước 2023]\n    ages: {from: sáu, to: 131}"},
			want: []string{
				`t.yaml:11: ages: from 14 is above to 6`,
				`t.yaml:19: ages: from "sáu" is not an age from 0 to 130`,
				`t.yaml:19: ages: to "131" is not an age from 0 to 130`,
			},
		},
		{
			name:  "ages of one year",
			edits: []string{"related: [hai]", "related: [hai]\n    ages: {from: 5, to: 5}"},
		},
		{
			name:  "ages with an unknown key",
			edits: []string{"related: [hai]", "related: [hai]\n    ages: {from: 6, as: 13}"},
			want:  []string{`t.yaml:11: unknown field "as" in ages (did you mean "to"?)`, `t.yaml:11: ages: write from and to, like {from: 0, to: 5}`},
		},
		{
			name:  "a question stating an age outside the entry's ages",
			edits: []string{"questions: [một a, một b, một c]", "questions: [một a, bé 7 tuổi một b, trẻ dưới 6 tuổi một c, bé 5 tuổi một d]", "related: [hai]", "related: [hai]\n    ages: {from: 0, to: 5}"},
			files: map[string]string{"synonyms.yaml": "groups:\n  - [cccd, căn cước]\nage_bounds: [dưới]\n"},
			want:  []string{`t.yaml:3: warning: question "bé 7 tuổi một b" of "mot" states age 7, outside its ages 0 to 5: asked that way the entry leaves itself out; reword the question or widen ages`},
		},
		{
			name:  "ages without to",
			edits: []string{"related: [hai]", "related: [hai]\n    ages: {from: 6}"},
			want:  []string{`t.yaml:11: ages: write from and to, like {from: 0, to: 5}`},
		},

		// Related.
		{
			name:  "related id does not exist",
			edits: []string{"related: [hai]", "related: [hia, khong-co]"},
			want: []string{
				`t.yaml:10: related id "hia" does not exist (did you mean "hai"?)`,
				`t.yaml:10: related id "khong-co" does not exist`,
			},
		},
		{
			name:  "related to itself",
			edits: []string{"related: [hai]", "related: [hai, mot]"},
			want:  []string{`t.yaml:10: related id "mot" is the entry itself`},
		},
		{
			name:  "related in another file",
			edits: []string{"related: [hai]", "related: [ba]"},
			files: map[string]string{"u.yaml": "topic: Khác\nentries:\n  - id: ba\n    title: T\n    questions: [x a, x b, x c]\n    answer: A\n    sources: [S]\n    reviewed: 2026-11-01\n"},
		},

		// Links.
		{
			name:  "link title empty",
			edits: []string{"title: VNeID", "title: ' '"},
			want:  []string{`t.yaml:8: link title is empty`},
		},
		{
			name:  "link not https",
			edits: []string{"url: https://vneid.gov.vn", "url: http://vneid.gov.vn"},
			want:  []string{`t.yaml:9: link url "http://vneid.gov.vn" should start with https://`},
		},
		{
			name:  "link relative",
			edits: []string{"url: https://vneid.gov.vn", "url: vneid.gov.vn"},
			want:  []string{`t.yaml:9: link url "vneid.gov.vn" should start with https://`},
		},
		{
			name:  "link without host",
			edits: []string{"url: https://vneid.gov.vn", "url: https:/duong-dan"},
			want:  []string{`t.yaml:9: link url "https:/duong-dan" has no host name (like https://vneid.gov.vn)`},
		},
		{
			name:  "link that does not parse",
			edits: []string{"url: https://vneid.gov.vn", "url: https://vneid.gov.vn:port"},
			want:  []string{`t.yaml:9: link url "https://vneid.gov.vn:port" is not a valid URL`},
		},
		{
			name:  "link with a space",
			edits: []string{"url: https://vneid.gov.vn", "url: https://vneid.gov.vn/a b"},
			want:  []string{`t.yaml:9: link url "https://vneid.gov.vn/a b" contains a space or control character`},
		},
		{
			name:  "link url missing",
			edits: []string{"        url: https://vneid.gov.vn\n", ""},
			want:  []string{`t.yaml:8: missing field "url" in link`},
		},
		{
			name:  "link empty url",
			edits: []string{"url: https://vneid.gov.vn", "url:"},
			want:  []string{`t.yaml:9: link url "" is empty`},
		},

		// Sources.
		{
			name:  "sources empty list",
			edits: []string{"sources: [https://vneid.gov.vn]", "sources: []"},
			want:  []string{`t.yaml:11: sources is empty: name where the facts come from (a web page or a legal document)`},
		},
		{
			name:  "sources null",
			edits: []string{"sources: [https://vneid.gov.vn]", "sources:"},
			want:  []string{`t.yaml:11: sources is empty: name where the facts come from (a web page or a legal document)`},
		},
		{
			name:  "source empty string",
			edits: []string{"sources: [https://vneid.gov.vn]", "sources: [https://vneid.gov.vn, '']"},
			want:  []string{`t.yaml:11: empty source`},
		},
		{
			name:  "source that looks like a URL",
			edits: []string{"sources: [https://vneid.gov.vn]", "sources: ['http//vneid.gov.vn', 'https://', 'http://a b.vn', 'http://vneid.gov.vn/x', Luật Căn cước 2023]"},
			want: []string{
				`t.yaml:11: source "http//vneid.gov.vn" looks like a web address but is not a valid URL`,
				`t.yaml:11: source "https://" looks like a web address but is not a valid URL`,
				`t.yaml:11: source "http://a b.vn" looks like a web address but is not a valid URL`,
			},
		},

		// Reviewed.
		{
			name:  "reviewed empty",
			edits: []string{"reviewed: 2026-11-01\n  - id: hai", "reviewed:\n  - id: hai"},
			want:  []string{`t.yaml:12: reviewed is empty: give the day the facts were last checked, as YYYY-MM-DD`},
		},
		{
			name:  "reviewed not a date",
			edits: []string{"reviewed: 2026-11-01\n  - id: hai", "reviewed: 1/11/2026\n  - id: hai"},
			want:  []string{`t.yaml:12: reviewed "1/11/2026" should be a date written YYYY-MM-DD, like 2026-11-23`},
		},
		{
			name:  "reviewed impossible date",
			edits: []string{"reviewed: 2026-11-01\n  - id: hai", "reviewed: 2026-02-30\n  - id: hai"},
			want:  []string{`t.yaml:12: reviewed "2026-02-30" should be a date written YYYY-MM-DD, like 2026-11-23`},
		},
		{
			name:  "reviewed with a time",
			edits: []string{"reviewed: 2026-11-01\n  - id: hai", "reviewed: 2026-11-01T10:00:00Z\n  - id: hai"},
			want:  []string{`t.yaml:12: reviewed "2026-11-01T10:00:00Z" should be a date written YYYY-MM-DD, like 2026-11-23`},
		},
		{
			name:  "reviewed today",
			edits: []string{"reviewed: 2026-11-01\n  - id: hai", "reviewed: 2026-11-23\n  - id: hai"},
		},
		{
			name:  "reviewed tomorrow",
			edits: []string{"reviewed: 2026-11-01\n  - id: hai", "reviewed: 2026-11-24\n  - id: hai"},
			want:  []string{`t.yaml:12: reviewed 2026-11-24 is in the future (today is 2026-11-23)`},
		},
		{
			name:  "reviewed exactly 12 months ago",
			edits: []string{"reviewed: 2026-11-01\n  - id: hai", "reviewed: 2025-11-23\n  - id: hai"},
		},
		{
			name:  "reviewed 12 months and a day ago",
			edits: []string{"reviewed: 2026-11-01\n  - id: hai", "reviewed: '2025-11-22'\n  - id: hai"},
			want:  []string{`t.yaml:12: warning: not reviewed since 2025-11-22: check the facts are still true, then update reviewed`},
		},

		// Keywords and tags.
		{
			name:  "empty keyword and tag",
			edits: []string{"    answer: Trả lời một.\n", "    answer: Trả lời một.\n    keywords: [a, '']\n    tags:\n      -\n"},
			want:  []string{`t.yaml:7: empty keyword`, `t.yaml:9: empty tag`},
		},

		// Topic files.
		{
			name:  "topic empty",
			edits: []string{"topic: Thử nghiệm", "topic: ''"},
			want:  []string{`t.yaml:1: topic is empty`},
		},
		{
			name:  "topic missing",
			edits: []string{"topic: Thử nghiệm\n", ""},
			want:  []string{`t.yaml:1: missing field "topic": the name of the topic area`},
		},
		{
			name:  "topic used by two files",
			files: map[string]string{"u.yaml": "topic: thử   NGHIỆM\nentries:\n  - id: ba\n    title: T\n    questions: [x a, x b, x c]\n    answer: A\n    sources: [S]\n    reviewed: 2026-11-01\n"},
			want:  []string{`u.yaml:1: warning: topic "thử   NGHIỆM" is also the topic of t.yaml: citizens will see it twice`},
		},
		{
			name:  "entries empty",
			files: map[string]string{"u.yaml": "topic: Khác\nentries: []\n"},
			want:  []string{`u.yaml:2: entries is empty: add at least one entry`},
		},
		{
			name:  "entries missing",
			files: map[string]string{"u.yaml": "topic: Khác\n"},
			want:  []string{`u.yaml:1: missing field "entries"`},
		},
		{
			name:  "entries not a list",
			files: map[string]string{"u.yaml": "topic: Khác\nentries:\n  id: ba\n"},
			want:  []string{`u.yaml:3: entries should be a list (lines starting with "- "), not a set of "key: value" fields`},
		},

		// Files.
		{
			name:  "empty file",
			files: map[string]string{"u.yaml": ""},
			want:  []string{`u.yaml: file is empty: expected "topic:" and "entries:"`},
		},
		{
			name:  "only comments",
			files: map[string]string{"u.yaml": "# nháp\n"},
			want:  []string{`u.yaml: file is empty: expected "topic:" and "entries:"`},
		},
		{
			name:  "document marker only",
			files: map[string]string{"u.yaml": "---\n"},
			want:  []string{`u.yaml: file is empty: expected "topic:" and "entries:"`},
		},
		{
			name:  "not a mapping",
			files: map[string]string{"u.yaml": "- a\n- b\n"},
			want:  []string{`u.yaml:1: expected "topic:" and "entries:" at the top of the file, found a list`},
		},
		{
			name:  "a single value",
			files: map[string]string{"u.yaml": "xin chào\n"},
			want:  []string{`u.yaml:1: expected "topic:" and "entries:" at the top of the file, found a single value`},
		},
		{
			name:  "two documents",
			files: map[string]string{"u.yaml": "topic: A\n---\ntopic: B\n"},
			want:  []string{`u.yaml:2: a second YAML document starts here ("---"): put everything in one document`},
		},
		{
			name:  "not UTF-8",
			files: map[string]string{"u.yaml": "topic: Khác\n\nentries: [\xff]\n"},
			want:  []string{`u.yaml:3: text is not UTF-8: save the file with the UTF-8 encoding`},
		},
		{
			name:  "larger than 2 MiB",
			files: map[string]string{"u.yaml": "topic: Khác\n#" + strings.Repeat("x", 2<<20) + "\n"},
			want:  []string{`u.yaml: file is larger than 2 MiB: split it into smaller topic files`},
		},
		{
			name:  "aliases refused",
			edits: []string{"title: Mục một", "title: &t Mục một", "answer: Trả lời một.", "answer: *t"},
			want:  []string{`t.yaml:6: answer: aliases (*t) are not supported: write the value out`},
		},
		{
			name: "drafts, hidden files and subdirectories ignored",
			files: map[string]string{
				"_nhap.yaml":             "topic: [hỏng",
				".u.yaml":                "topic: [hỏng",
				".git/config.yaml":       "topic: [hỏng",
				"fixtures/queries.yaml":  "- q: [hỏng",
				"schema/faq.schema.json": "{",
				"README.md":              "# FAQ",
			},
		},
		{
			name:  "yml ignored with a warning",
			files: map[string]string{"u.yml": "topic: [hỏng"},
			want:  []string{`u.yml: warning: ignored: FAQ files must end in ".yaml", not ".yml"`},
		},
		{
			name:  "no topic files",
			files: map[string]string{"t.yaml": deleted},
			want:  []string{`DIR: no topic files: add at least one .yaml file with "topic:" and "entries:"`},
		},

		// synonyms.yaml.
		{
			name:  "synonyms optional",
			files: map[string]string{"synonyms.yaml": deleted},
		},
		{
			name:  "synonym group of one term",
			files: map[string]string{"synonyms.yaml": "groups:\n  - [cccd]\n  - []\n"},
			want: []string{
				`synonyms.yaml:2: group has 1 term: a group needs at least 2 terms that mean the same`,
				`synonyms.yaml:3: group has 0 terms: a group needs at least 2 terms that mean the same`,
			},
		},
		{
			name:  "synonym empty term",
			files: map[string]string{"synonyms.yaml": "groups:\n  - [cccd, căn cước, '']\n"},
			want:  []string{`synonyms.yaml:2: empty term`},
		},
		{
			name:  "synonym term in two groups",
			files: map[string]string{"synonyms.yaml": "groups:\n  - [cccd, căn cước công dân]\n  - [thẻ căn cước, CCCD]\n"},
			want:  []string{`synonyms.yaml:3: warning: term "CCCD" is also in the group on line 2: merge the groups or drop one`},
		},
		{
			name:  "synonym group written as text",
			files: map[string]string{"synonyms.yaml": "groups:\n  - cccd, căn cước công dân\n"},
			want:  []string{`synonyms.yaml:2: each group should be a list of terms, like [cccd, căn cước công dân], not a single value`},
		},
		{
			name:  "synonyms without groups",
			files: map[string]string{"synonyms.yaml": "group:\n  - [a, b]\n"},
			want: []string{
				`synonyms.yaml:1: unknown field "group" in synonyms.yaml (did you mean "groups"?)`,
				`synonyms.yaml:1: missing field "groups"`,
			},
		},
		{
			name:  "age ranges",
			files: map[string]string{"synonyms.yaml": "groups:\n  - [cccd, căn cước]\nages:\n  - {from: 61, to: 130, as: trên 60 tuổi}\n  - {from: 0, to: 5, as: dưới 6 tuổi}\n"},
		},
		{
			name: "age ranges wrong",
			files: map[string]string{"synonyms.yaml": "groups:\n  - [cccd, căn cước]\nages:\n" +
				"  - {from: 61, to: 130, as: trên 60 tuổi}\n" +
				"  - {from: 70, to: 80, as: cụ già}\n" +
				"  - {from: 30, to: 20, as: x}\n" +
				"  - {from: ba mươi, to: 200, as: x}\n" +
				"  - {from: 1, to: 2}\n" +
				"  - {from: 3, to: 4, as: '!!'}\n"},
			want: []string{
				`synonyms.yaml:5: age range 70-80 overlaps 61-130: an age reads one way`,
				`synonyms.yaml:6: age range: from 30 is above to 20`,
				`synonyms.yaml:7: age range: from "ba mươi" is not an age from 0 to 130`,
				`synonyms.yaml:7: age range: to "200" is not an age from 0 to 130`,
				`synonyms.yaml:8: age range: write from, to and as, like {from: 61, to: 130, as: trên 60 tuổi}`,
				`synonyms.yaml:9: age range: "as" needs the phrase the ages read as`,
			},
		},
		{
			name: "own subject that is also a cue",
			files: map[string]string{
				"words.yaml":    "own_subjects: [căn cước, sổ đỏ]\n",
				"offtopic.yaml": "topics:\n  - id: dat-dai\n    cues: [sổ đỏ]\n    message: Bạn hỏi Ủy ban nhân dân cấp xã nơi có đất.\n",
			},
			want: []string{`words.yaml:1: "so do" is in own_subjects and is an off-topic cue (offtopic.yaml:3): a subject of ours cannot send the citizen elsewhere`},
		},
		{
			name: "own procedure that is also a cue",
			files: map[string]string{
				"words.yaml":    "own_procedures: [nhập hộ khẩu, mua bán đất]\n",
				"offtopic.yaml": "topics:\n  - id: dat-dai\n    cues: [mua bán đất]\n    message: Bạn hỏi Ủy ban nhân dân cấp xã nơi có đất.\n",
			},
			want: []string{`words.yaml:1: "mua ban dat" is in own_procedures and is an off-topic cue (offtopic.yaml:3): a subject of ours cannot send the citizen elsewhere`},
		},
		{
			name: "keeps_own not a yes or no",
			files: map[string]string{
				"offtopic.yaml": "topics:\n  - id: the-khac\n    cues: [thẻ sinh viên]\n    keeps_own: có\n    message: Bạn hỏi trường của bạn.\n",
			},
			want: []string{`offtopic.yaml:4: keeps_own is true or false, not "có"`},
		},
		{
			name:  "age_after words",
			files: map[string]string{"synonyms.yaml": "groups:\n  - [cccd, căn cước]\nage_after: [ông, bà nội]\n"},
			want:  []string{`synonyms.yaml:3: age_after holds single words; "bà nội" is not one`},
		},
		{
			name:  "age_bounds phrases",
			files: map[string]string{"synonyms.yaml": "groups:\n  - [cccd, căn cước]\nage_bounds: [dưới, chưa đủ, 'từ đủ hơn', Dưới, '?']\n"},
			want: []string{
				`synonyms.yaml:3: age_bounds holds one or two words, as typed before a number ("dưới", "chưa đủ"); "từ đủ hơn" is not`,
				`synonyms.yaml:3: age_bounds: "Dưới" is listed twice`,
				`synonyms.yaml:3: age_bounds holds one or two words, as typed before a number ("dưới", "chưa đủ"); "?" is not`,
			},
		},
		{
			name:  "age_bounds_after phrases",
			files: map[string]string{"synonyms.yaml": "groups:\n  - [cccd, căn cước]\nage_bounds_after: [trở xuống, '6', trở xuống]\n"},
			want: []string{
				`synonyms.yaml:3: age_bounds_after holds one or two words, as typed after an age ("trở xuống"); "6" is not`,
				`synonyms.yaml:3: age_bounds_after: "trở xuống" is listed twice`,
			},
		},
		{
			name:  "born_before phrases",
			files: map[string]string{"synonyms.yaml": "groups:\n  - [cccd, căn cước]\nborn_before: [sinh, năm sinh ra đời, sinh]\n"},
			want: []string{
				`synonyms.yaml:3: born_before holds one or two words, as typed before a birth year ("sinh năm", "sn"); "năm sinh ra đời" is not`,
				`synonyms.yaml:3: born_before: "sinh" is listed twice`,
			},
		},

		// bot.yaml.
		{
			name:  "bot.yaml missing",
			files: map[string]string{"bot.yaml": deleted},
			want:  []string{`bot.yaml: file is missing: the bot needs its messages (welcome, help, fallback…)`},
		},
		{
			name:  "bot message empty",
			edits: nil,
			files: map[string]string{"bot.yaml": "messages:\n  welcome: ''\n"},
			want: []string{
				`bot.yaml:1: missing message "help"`,
				`bot.yaml:1: missing message "fallback"`,
				`bot.yaml:1: missing message "clarify"`,
				`bot.yaml:1: missing message "safety_personal_data"`,
				`bot.yaml:1: missing message "safety_scam"`,
				`bot.yaml:1: missing message "do_for_me"`,
				`bot.yaml:1: missing message "rate_limited"`,
				`bot.yaml:1: missing message "greeting"`,
				`bot.yaml:1: missing message "thanks"`,
				`bot.yaml:1: missing message "goodbye"`,
				`bot.yaml:1: missing message "feedback_thanks"`,
				`bot.yaml:1: missing message "error"`,
				`bot.yaml:1: missing message "empty"`,
				`bot.yaml:2: message "welcome" is empty`,
			},
		},
		{
			name:  "bot without messages",
			files: map[string]string{"bot.yaml": "suggested_topics: []\n"},
			want:  []string{`bot.yaml:1: missing field "messages": the bot's own texts (welcome, help, fallback…)`},
		},
		{
			name:  "bot file empty",
			files: map[string]string{"bot.yaml": ""},
			want:  []string{`bot.yaml: file is empty: expected "messages:" with the bot's texts`},
		},
	}
	bot := baseBot(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			topic := baseTopic
			for i := 0; i+1 < len(tt.edits); i += 2 {
				old, new := tt.edits[i], tt.edits[i+1]
				if !strings.Contains(topic, old) {
					t.Fatalf("edit %q: not in the topic file", old)
				}
				topic = strings.Replace(topic, old, new, 1)
			}
			files := map[string]string{"t.yaml": topic, "bot.yaml": bot, "synonyms.yaml": baseSynonyms}
			for name, content := range tt.files {
				files[name] = content
			}
			dir := writeDir(t, files)
			set, problems, err := Load(dir, testNow)
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			got := relProblems(dir, problems)
			if !slices.Equal(got, tt.want) {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			if (set == nil) != Blocking(problems) {
				t.Errorf("Set is nil: %v, but Blocking: %v", set == nil, Blocking(problems))
			}
		})
	}
}

func TestSuggestedTopics(t *testing.T) {
	bot := baseBot(t) + "suggested_topics: [mot, khong-co, '']\n"
	dir := writeDir(t, map[string]string{"t.yaml": baseTopic, "bot.yaml": bot})
	_, problems, err := Load(dir, testNow)
	if err != nil {
		t.Fatal(err)
	}
	got := relProblems(dir, problems)
	line := strings.Count(bot[:strings.Index(bot, "suggested_topics:")], "\n") + 1
	want := []string{
		"bot.yaml:" + strconv.Itoa(line) + `: empty suggested topic`,
		"bot.yaml:" + strconv.Itoa(line) + `: suggested topic "khong-co" does not exist`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestLoadWarningsOnly(t *testing.T) {
	topic := strings.Replace(baseTopic, "reviewed: 2026-11-01\n  - id: hai", "reviewed: 2020-01-01\n  - id: hai", 1)
	dir := writeDir(t, map[string]string{"t.yaml": topic, "bot.yaml": baseBot(t)})
	set, problems, err := Load(dir, testNow)
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) != 1 || problems[0].Severity != Warning {
		t.Fatalf("problems = %v, want one warning", problems)
	}
	if set == nil || len(set.Entries) != 2 {
		t.Fatalf("Set = %v, want the two entries despite the warning", set)
	}
}

func TestLoadDirErrors(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "khong-co")
	if _, _, err := Load(missing, testNow); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Load(missing dir) error = %v, want fs.ErrNotExist", err)
	}
	if _, err := Lint(missing, testNow); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Lint(missing dir) error = %v, want fs.ErrNotExist", err)
	}
	if _, err := Hash(missing); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Hash(missing dir) error = %v, want fs.ErrNotExist", err)
	}
	file := filepath.Join(t.TempDir(), "f.yaml")
	if err := os.WriteFile(file, []byte("topic: x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := Load(file, testNow); err == nil {
		t.Errorf("Load(a file) succeeded, want an error")
	}
}

func TestHash(t *testing.T) {
	files := map[string]string{"t.yaml": baseTopic, "bot.yaml": baseBot(t), "synonyms.yaml": baseSynonyms}
	dir := writeDir(t, files)
	h1, err := Hash(dir)
	if err != nil {
		t.Fatal(err)
	}
	set, _, err := Load(dir, testNow)
	if err != nil || set == nil {
		t.Fatalf("Load: %v, %v", set, err)
	}
	if set.Hash != h1 {
		t.Errorf("Set.Hash = %s, Hash = %s; want equal", set.Hash, h1)
	}

	// Files Load ignores do not change the hash.
	for name, content := range map[string]string{"_nhap.yaml": "x", ".swp.yaml": "x", "fixtures/q.yaml": "x", "README.md": "x"} {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if h, _ := Hash(dir); h != h1 {
		t.Errorf("Hash changed after adding ignored files")
	}

	// Any change to a file that is read does.
	seen := map[string]string{h1: "original"}
	for _, change := range []struct{ name, content string }{
		{"t.yaml", baseTopic + "# a comment\n"},
		{"synonyms.yaml", baseSynonyms + "  - [mk, mật khẩu]\n"},
		{"u.yaml", "topic: Khác\n"},
	} {
		if err := os.WriteFile(filepath.Join(dir, change.name), []byte(change.content), 0o644); err != nil {
			t.Fatal(err)
		}
		h, err := Hash(dir)
		if err != nil {
			t.Fatal(err)
		}
		if prev, dup := seen[h]; dup {
			t.Errorf("after changing %s, Hash = %s, the same as after %s", change.name, h, prev)
		}
		seen[h] = change.name
	}

	// The name matters, not only the content.
	a := writeDir(t, map[string]string{"a.yaml": "x"})
	b := writeDir(t, map[string]string{"b.yaml": "x"})
	ha, _ := Hash(a)
	hb, _ := Hash(b)
	if ha == hb {
		t.Errorf("renaming a file does not change the hash")
	}
}

func TestProblemString(t *testing.T) {
	tests := []struct {
		p    Problem
		want string
	}{
		{Problem{File: "faq/x.yaml", Line: 12, Message: "id is empty"}, "faq/x.yaml:12: id is empty"},
		{Problem{File: "faq/x.yaml", Line: 3, Severity: Warning, Message: "not reviewed since 2020-01-01"}, "faq/x.yaml:3: warning: not reviewed since 2020-01-01"},
		{Problem{File: "faq/bot.yaml", Severity: Error, Message: "file is missing"}, "faq/bot.yaml: file is missing"},
	}
	for _, tt := range tests {
		if got := tt.p.String(); got != tt.want {
			t.Errorf("String() = %q, want %q", got, tt.want)
		}
	}
	if got := Warning.String(); got != "warning" {
		t.Errorf("Warning.String() = %q", got)
	}
}

func TestHasErrors(t *testing.T) {
	tests := []struct {
		ps   []Problem
		want bool
	}{
		{nil, false},
		{[]Problem{{Severity: Warning}}, false},
		{[]Problem{{Severity: Warning}, {Severity: Error}}, true},
		{[]Problem{{}}, true}, // the zero Severity is an Error
	}
	for _, tt := range tests {
		if got := HasErrors(tt.ps); got != tt.want {
			t.Errorf("HasErrors(%v) = %v, want %v", tt.ps, got, tt.want)
		}
	}
}

func TestReportSummary(t *testing.T) {
	tests := []struct {
		r    Report
		want string
	}{
		{Report{Dir: "faq", Files: 6, Entries: 132, Problems: []Problem{{Severity: Warning}, {Severity: Warning}}}, "faq: 132 entries in 6 files, 0 errors, 2 warnings"},
		{Report{Dir: "faq", Files: 1, Entries: 1, Problems: []Problem{{Severity: Error}, {Severity: Warning}}}, "faq: 1 entry in 1 file, 1 error, 1 warning"},
	}
	for _, tt := range tests {
		if got := tt.r.Summary(); got != tt.want {
			t.Errorf("Summary() = %q, want %q", got, tt.want)
		}
	}
}

func TestNormText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Quên  Passcode\tVNeID ", "quên passcode vneid"},
		{norm.NFD.String("Đăng ký"), "đăng ký"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := normText(tt.in); got != tt.want {
			t.Errorf("normText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestSharedCaseResolved: an entry's `use` case takes the shared phrases, then its own, and the
// shared sentence (facts filled in), and knows where the sentence is written.
func TestSharedCaseResolved(t *testing.T) {
	topic := strings.Replace(baseTopic, "related: [hai]", "related: [hai]\n    cases:\n      - when: [râu]\n        say: Riêng.\n      - use: dung\n        when: [ai đó đã dùng]", 1)
	dir := writeDir(t, map[string]string{"t.yaml": topic, "bot.yaml": baseBot(t), "synonyms.yaml": baseSynonyms,
		"cases.yaml": "cases:\n  - id: dung\n    when: [người khác đã dùng]\n    situation: failed\n    say: Đổi mật khẩu ngay.\n",
		"words.yaml": "situations:\n  failed: [bị từ chối]\n"})
	set, problems, err := Load(dir, testNow)
	if err != nil || set == nil {
		t.Fatalf("Load: %v %v", err, relProblems(dir, problems))
	}
	cs := set.Entries[0].Cases
	if len(cs) != 2 {
		t.Fatalf("cases = %+v, want 2", cs)
	}
	c := cs[1]
	if !slices.Equal(c.When, []string{"người khác đã dùng", "ai đó đã dùng"}) || c.Say != "Đổi mật khẩu ngay." || c.Situation != "failed" || c.Use != "dung" || filepath.Base(c.SayFile) != "cases.yaml" {
		t.Errorf("shared case resolved as %+v", c)
	}
	if cs[0].Say != "Riêng." || cs[0].SayFile != "" {
		t.Errorf("own case = %+v", cs[0])
	}
}
