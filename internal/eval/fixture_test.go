package eval

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/vneidbot/vneidbot/internal/answer"
)

func TestLoadFixtures(t *testing.T) {
	paths := []string{"testdata/fixtures/cccd.yaml", "testdata/fixtures/other.yaml", "testdata/empty.yaml"}
	got, err := LoadFixtures(paths)
	if err != nil {
		t.Fatalf("LoadFixtures: %v", err)
	}
	if len(got) != 13 {
		t.Fatalf("got %d fixtures, want 13", len(got))
	}
	for _, tc := range []struct {
		i    int
		want Fixture
	}{
		{0, Fixture{Q: "quên passcode vneid", ID: "vneid-quen-passcode", File: paths[0], Line: 2}},
		{1, Fixture{Q: "làm lại thẻ căn cước bị mất", ID: "cccd-cap-lai", Also: []string{"cccd-mat-the"}, File: paths[0], Line: 4}},
		{2, Fixture{Q: "đổi thẻ căn cước", ID: "cccd-cap-doi", Note: "the engine asks which; the tester wants the answer", File: paths[0], Line: 7}},
		{3, Fixture{Q: "làm căn cước   ở đâu", ID: "cccd-noi-lam", Kind: answer.KindClarify, File: paths[0], Line: 10}},
		{7, Fixture{Q: "giá vàng hôm nay", Kind: answer.KindFallback, File: paths[1], Line: 1}},
		{12, Fixture{Q: "thẻ", Kind: answer.KindClarify, File: paths[1], Line: 11}},
	} {
		if !reflect.DeepEqual(got[tc.i], tc.want) {
			t.Errorf("fixture %d:\n got %+v\nwant %+v", tc.i, got[tc.i], tc.want)
		}
	}
	if w := Warnings(got); len(w) != 0 {
		t.Errorf("Warnings = %v, want none", w)
	}
}

func TestLoadFixturesProblems(t *testing.T) {
	for _, tc := range []struct {
		name  string
		paths []string
		want  []string
	}{
		{
			name:  "kinds",
			paths: []string{"testdata/bad/kinds.yaml"},
			want: []string{
				`testdata/bad/kinds.yaml:2: unknown kind "greeting" (want one of answer, clarify, fallback, safety, smalltalk)`,
				`testdata/bad/kinds.yaml:4: kind fallback with an id: a fallback reply has no entry; drop one of them`,
				`testdata/bad/kinds.yaml:6: missing q: the message to ask`,
				`testdata/bad/kinds.yaml:7: want id (the entry that should answer) or kind (answer, clarify, fallback, safety, smalltalk), or both; or must (phrase groups) or expect (off topic)`,
				`testdata/bad/kinds.yaml:8: missing q: the message to ask`,
				`testdata/bad/kinds.yaml:12: also without id: give the main expected entry as id`,
				`testdata/bad/kinds.yaml:14: empty id`,
			},
		},
		{
			name:  "fields",
			paths: []string{"testdata/bad/fields.yaml"},
			want: []string{
				`testdata/bad/fields.yaml:2: unknown field "ID": did you mean "id"?`,
				`testdata/bad/fields.yaml:5: unknown field "kidn": did you mean "kind"?`,
				`testdata/bad/fields.yaml:8: unknown field "comment" (a fixture has q, id, also, kind, must, never, expect, real, topic, derived, note)`,
				`testdata/bad/fields.yaml:10: field "q" given twice`,
				`testdata/bad/fields.yaml:12: q: want text, got a list`,
				`testdata/bad/fields.yaml:12: missing q: the message to ask`,
				`testdata/bad/fields.yaml:16: also: want a list of entry ids, got "y"`,
				`testdata/bad/fields.yaml:17: want a fixture (q: and id:, kind:, must: or expect:), got "just a string"`,
			},
		},
		{
			name:  "must and expect",
			paths: []string{"testdata/bad/must.yaml"},
			want: []string{
				`testdata/bad/must.yaml:2: must: empty list: give at least one phrase group`,
				`testdata/bad/must.yaml:5: must: empty phrase group`,
				`testdata/bad/must.yaml:6: must: empty phrase`,
				`testdata/bad/must.yaml:9: expect with must: expect is for off-topic messages, must for questions to answer; drop one`,
				`testdata/bad/must.yaml:12: expect with an id: an off-topic message gets no entry; drop one of them`,
				`testdata/bad/must.yaml:14: empty expect: say what a good reply to this off-topic message does`,
				`testdata/bad/must.yaml:17: must with kind fallback: must is checked on a reply that answers (answer or safety)`,
				`testdata/bad/must.yaml:20: derived: want true or false, got "maybe"`,
				`testdata/bad/must.yaml:24: expect with kind clarify: an off-topic message gets no entry`,
				`testdata/bad/must.yaml:27: never: empty list: give the phrases the reply must not hold`,
				`testdata/bad/must.yaml:30: never: empty phrase`,
				`testdata/bad/must.yaml:30: never: want a phrase, got a list`,
			},
		},
		{
			name:  "syntax",
			paths: []string{"testdata/bad/syntax.yaml"},
			want:  []string{`testdata/bad/syntax.yaml:3: YAML syntax: found unexpected end of stream`},
		},
		{
			name:  "not a list",
			paths: []string{"testdata/bad/notalist.yaml"},
			want:  []string{`testdata/bad/notalist.yaml:1: want a list of fixtures (each item starting with "- q:"), got a mapping`},
		},
		{
			name:  "two documents",
			paths: []string{"testdata/bad/twodocs.yaml"},
			want:  []string{`testdata/bad/twodocs.yaml:3: more than one YAML document: put every fixture in one list`},
		},
		{
			name:  "missing file",
			paths: []string{"testdata/fixtures/cccd.yaml", "testdata/nope.yaml"},
			want:  []string{`testdata/nope.yaml: no such file or directory`},
		},
		{
			// Errors come with the warnings of the whole set, in the order the files were given.
			name:  "errors and duplicates across files",
			paths: []string{"testdata/bad/dup.yaml", "testdata/fixtures/cccd.yaml"},
			want: []string{
				`testdata/bad/dup.yaml:4: unknown kind "unknown" (want one of answer, clarify, fallback, safety, smalltalk)`,
				`testdata/fixtures/cccd.yaml:2: warning: duplicate q "quên passcode vneid" (first at testdata/bad/dup.yaml:1)`,
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fs, err := LoadFixtures(tc.paths)
			if err == nil {
				t.Fatalf("LoadFixtures(%v) = %d fixtures, no error; want problems", tc.paths, len(fs))
			}
			if fs != nil {
				t.Errorf("LoadFixtures returned %d fixtures with an error, want none", len(fs))
			}
			got := strings.Split(err.Error(), "\n")
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("problems:\n%s\nwant:\n%s", err, strings.Join(tc.want, "\n"))
			}
		})
	}
}

func TestWarnings(t *testing.T) {
	paths := []string{"testdata/fixtures/cccd.yaml", "testdata/warn.yaml"}
	fs, err := LoadFixtures(paths)
	if err != nil {
		t.Fatalf("LoadFixtures: %v (a duplicate alone is only a warning)", err)
	}
	got := Warnings(fs).Error()
	want := `testdata/warn.yaml:1: warning: duplicate q "QUÊN passcode   vneid" (first at testdata/fixtures/cccd.yaml:2)`
	if got != want {
		t.Errorf("Warnings:\n got %s\nwant %s", got, want)
	}
}

func TestProblemString(t *testing.T) {
	for _, tc := range []struct {
		p    Problem
		want string
	}{
		{Problem{File: "a.yaml", Line: 3, Msg: "bad"}, "a.yaml:3: bad"},
		{Problem{File: "a.yaml", Msg: "bad"}, "a.yaml: bad"},
		{Problem{File: filepath.Join("faq", "b.yaml"), Line: 1, Msg: "hm", Warning: true}, filepath.Join("faq", "b.yaml") + ":1: warning: hm"},
	} {
		if got := tc.p.String(); got != tc.want {
			t.Errorf("%+v.String() = %q, want %q", tc.p, got, tc.want)
		}
	}
}

func FuzzParseFixtures(f *testing.F) {
	for _, path := range []string{"testdata/fixtures/cccd.yaml", "testdata/fixtures/other.yaml", "testdata/fixtures/real.yaml",
		"testdata/bad/fields.yaml", "testdata/bad/kinds.yaml", "testdata/bad/must.yaml", "testdata/bad/syntax.yaml"} {
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("- &a {q: x, id: y}\n- *a\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fs, ps := parseFixtures("f.yaml", data)
		for _, p := range ps {
			if p.Msg == "" || p.Line < 0 {
				t.Errorf("bad problem %+v", p)
			}
		}
		if len(ps) > 0 {
			return
		}
		for _, fx := range fs {
			for _, g := range fx.Must {
				if len(g) == 0 {
					t.Errorf("accepted an empty must group: %+v", fx)
				}
			}
			if strings.TrimSpace(fx.Q) == "" || (fx.ID == "" && fx.Kind == "" && len(fx.Must) == 0 && fx.Expect == "") ||
				(fx.Expect != "" && (fx.ID != "" || len(fx.Must) > 0)) || fx.Line < 1 || fx.File != "f.yaml" {
				t.Errorf("accepted a fixture that is not valid: %+v", fx)
			}
		}
	})
}
