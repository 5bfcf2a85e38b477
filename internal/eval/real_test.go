package eval

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/vneidbot/vneidbot/internal/answer"
	"github.com/vneidbot/vneidbot/internal/faq"
)

func TestFold(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Đăng ký  tạm trú", "dang ky tam tru"},
		{"CÔNG AN cấp xã", "cong an cap xa"},
		{"vào **Ví giấy tờ**", "vao vi giay to"},
		{"Tổng đài 1900.0368\n(miễn phí)", "tong dai 1900.0368 (mien phi)"},
		{"  ", ""},
		{"Cu\u0309a", "cua"}, // decomposed marks: NFC first
	} {
		if got := fold(tc.in); got != tc.want {
			t.Errorf("fold(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestMustHolds(t *testing.T) {
	text := "Bạn đến **Công an cấp xã** nơi thuận tiện, mang thẻ căn cước.\nHotline 1900.0368."
	for _, tc := range []struct {
		name   string
		groups [][]string
		ok     bool
		missed int
	}{
		{"every group holds", [][]string{{"cong an cap xa"}, {"thẻ căn cước", "CCCD"}}, true, -1},
		{"one phrase of a group is enough", [][]string{{"CCCD", "the can cuoc"}}, true, -1},
		{"punctuation must match", [][]string{{"1900 0368"}}, false, 0},
		{"second group missing", [][]string{{"công an"}, {"VNeID", "dịch vụ công"}}, false, 1},
		{"spaces collapse across lines", [][]string{{"căn cước. hotline"}}, true, -1},
		{"no groups", nil, true, -1},
	} {
		ok, missed := mustHolds(tc.groups, text)
		if ok != tc.ok || missed != tc.missed {
			t.Errorf("%s: mustHolds = %v, %d; want %v, %d", tc.name, ok, missed, tc.ok, tc.missed)
		}
	}
}

func TestExpectKind(t *testing.T) {
	for _, tc := range []struct {
		expect string
		want   answer.Kind
	}{
		{"greeting: greet back", answer.KindSmalltalk},
		{"Thanks: short closing", answer.KindSmalltalk},
		{"smalltalk: say it is an assistant", answer.KindSmalltalk},
		{"fallback: tax is out of scope", answer.KindFallback},
		{"safety: OTP typed in the chat", answer.KindSafety},
		{"self-introduction: explain", ""},
		{"weather is out of scope: polite fallback", ""},
		{"warn not to share OTP; never read it", ""},
	} {
		if got := expectKind(tc.expect); got != tc.want {
			t.Errorf("expectKind(%q) = %q, want %q", tc.expect, got, tc.want)
		}
	}
}

func TestJudgeMustExpect(t *testing.T) {
	must := [][]string{{"công an cấp xã"}, {"thẻ căn cước", "CCCD"}}
	const goodText = "Đến Công an cấp xã, mang thẻ căn cước."
	real := Fixture{Real: "r1", ID: "a", Must: must}
	own := Fixture{ID: "a", Must: must}
	off := func(expect string) Fixture { return Fixture{Real: "o1", Expect: expect} }
	for _, tc := range []struct {
		name string
		f    Fixture
		r    answer.Reply
		pass bool
	}{
		{"real: answer with the phrases", real, answer.Reply{Kind: answer.KindAnswer, ID: "a", Text: goodText}, true},
		{"real: another entry with the phrases still passes", real, answer.Reply{Kind: answer.KindAnswer, ID: "b", Text: goodText}, true},
		{"real: the labelled entry without a phrase fails", real, answer.Reply{Kind: answer.KindAnswer, ID: "a", Text: "Đến công an."}, false},
		{"real: safety carrying an entry answers", real, answer.Reply{Kind: answer.KindSafety, ID: "b", Text: "Cảnh báo. " + goodText}, true},
		{"real: safety without an entry does not answer", real, answer.Reply{Kind: answer.KindSafety, Text: goodText}, false},
		{"real: a clarification does not answer", real, answer.Reply{Kind: answer.KindClarify, Text: goodText, Options: []answer.Option{{ID: "a"}}}, false},
		{"real: a fallback does not answer", real, answer.Reply{Kind: answer.KindFallback, Text: goodText}, false},
		{"own: must and id both hold", own, answer.Reply{Kind: answer.KindAnswer, ID: "a", Text: goodText}, true},
		{"own: must holds, wrong entry", own, answer.Reply{Kind: answer.KindAnswer, ID: "b", Text: goodText}, false},
		{"off topic, no label: fallback", off("weather: polite fallback"), answer.Reply{Kind: answer.KindFallback}, true},
		{"off topic, no label: clarify offers but does not answer", off("x: y"), answer.Reply{Kind: answer.KindClarify, Options: []answer.Option{{ID: "a"}}}, true},
		{"off topic, no label: smalltalk", off("x: y"), answer.Reply{Kind: answer.KindSmalltalk}, true},
		{"off topic, no label: an answer fails", off("x: y"), answer.Reply{Kind: answer.KindAnswer, ID: "a"}, false},
		{"off topic, no label: safety with an entry fails", off("warn not to share OTP"), answer.Reply{Kind: answer.KindSafety, ID: "a"}, false},
		{"off topic, no label: safety without an entry", off("warn not to share OTP"), answer.Reply{Kind: answer.KindSafety}, true},
		{"greeting wants smalltalk", off("greeting: greet back"), answer.Reply{Kind: answer.KindSmalltalk}, true},
		{"greeting: a fallback is the wrong kind", off("greeting: greet back"), answer.Reply{Kind: answer.KindFallback}, false},
		{"fallback label: clarify is the wrong kind", off("fallback: out of scope"), answer.Reply{Kind: answer.KindClarify}, false},
		{"fallback label: fallback", off("fallback: out of scope"), answer.Reply{Kind: answer.KindFallback}, true},
		{"safety label: safety with the entry it explains", off("safety: warn, give steps"), answer.Reply{Kind: answer.KindSafety, ID: "a"}, true},
		{"safety label: a plain answer fails", off("safety: warn, give steps"), answer.Reply{Kind: answer.KindAnswer, ID: "a"}, false},
		{"kind given wins over the label", Fixture{Expect: "fallback: x", Kind: answer.KindSmalltalk}, answer.Reply{Kind: answer.KindSmalltalk}, true},
		{"never: must holds, no never phrase", Fixture{ID: "a", Must: must, Never: []string{"bị cáo"}}, answer.Reply{Kind: answer.KindAnswer, ID: "a", Text: goodText}, true},
		{"never: must holds, a never phrase said (folded)", Fixture{ID: "a", Must: must, Never: []string{"bị cáo", "the can cuoc"}}, answer.Reply{Kind: answer.KindAnswer, ID: "a", Text: goodText}, false},
		{"never on an id fixture", Fixture{ID: "a", Never: []string{"Công an cấp xã"}}, answer.Reply{Kind: answer.KindAnswer, ID: "a", Text: goodText}, false},
		{"never on an off-topic fixture: the fallback's words", Fixture{Expect: "fallback: x", Never: []string{"thẻ căn cước"}}, answer.Reply{Kind: answer.KindFallback, Text: goodText}, false},
		{"never on an off-topic fixture: not said", Fixture{Expect: "fallback: x", Never: []string{"bị cáo"}}, answer.Reply{Kind: answer.KindFallback, Text: goodText}, true},
	} {
		res := judge(tc.f, tc.r)
		if res.Pass != tc.pass {
			t.Errorf("%s: pass = %v, want %v", tc.name, res.Pass, tc.pass)
		}
		if said := saysNever(tc.f.Never, tc.r.Text); res.Said != said {
			t.Errorf("%s: Said = %q, want %q", tc.name, res.Said, said)
		}
	}
}

func TestLoadRealFixtures(t *testing.T) {
	path := "testdata/fixtures/real.yaml"
	got, err := LoadFixtures([]string{path})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 10 {
		t.Fatalf("got %d fixtures, want 10", len(got))
	}
	for _, tc := range []struct {
		i    int
		want Fixture
	}{
		{0, Fixture{Real: "r001", Q: "quên mật khẩu vneid thì sao", ID: "vneid-quen-mat-khau", Topic: "vneid_forgot_password",
			Must: [][]string{{"quên mật khẩu"}, {"số điện thoại", "1900.0368"}}, File: path, Line: 2}},
		{2, Fixture{Real: "r003", Q: "đổi sđt vneid được không", ID: "vneid-doi-sdt", Derived: true,
			Must: [][]string{{"đổi số điện thoại"}}, File: path, Line: 15}},
		{5, Fixture{Real: "roos001", Q: "Xin chào", Expect: "greeting: greet back briefly", File: path, Line: 32}},
	} {
		if !reflect.DeepEqual(got[tc.i], tc.want) {
			t.Errorf("fixture %d:\n got %+v\nwant %+v", tc.i, got[tc.i], tc.want)
		}
	}
}

// realEngine answers the questions of testdata/fixtures/real.yaml: some right, some wrong.
func realEngine() fakeAnswerer {
	opt := func(id string) answer.Option { return answer.Option{ID: id} }
	return fakeAnswerer{
		// r001 passes through a case: its second must group is only in the case.
		"quên mật khẩu vneid thì sao": {Kind: answer.KindAnswer, ID: "vneid-quen-mat-khau", Score: 0.92,
			Text:     "Không nhớ số điện thoại đã đăng ký: gọi tổng đài.\n\nQuên mật khẩu: bấm **Quên mật khẩu**, nhập mã gửi về máy.",
			Cases:    []string{"Không nhớ số điện thoại đã đăng ký: gọi tổng đài."},
			CaseNums: []int{2},
			Ranked:   []answer.Option{opt("vneid-quen-mat-khau")}},
		"mat the cccd lam lai o dau": {Kind: answer.KindAnswer, ID: "cccd-mat-the", Score: 0.81,
			Text: "Nộp hồ sơ cấp lại trên VNeID.", Ranked: []answer.Option{opt("cccd-mat-the")}},
		"đổi sđt vneid được không": {Kind: answer.KindAnswer, ID: "vneid-doi-email", Score: 0.55,
			Text: "Đổi email, hoặc đổi số điện thoại tại công an.", Ranked: []answer.Option{opt("vneid-doi-email"), opt("vneid-doi-sdt")}},
		"công an gọi xin mã OTP để cập nhật VNeID, có đưa không": {Kind: answer.KindSafety, ID: "lua-dao-otp", Score: 0.7,
			Text: "Cảnh báo lừa đảo. Không cung cấp mã OTP cho ai.", Flags: []string{"scam"}, Ranked: []answer.Option{opt("lua-dao-otp")}},
		"định danh mức 2 làm ở đâu": {Kind: answer.KindClarify, Score: 0.45,
			Options: []answer.Option{opt("vneid-dang-ky"), opt("vneid-muc-2")}, Ranked: []answer.Option{opt("vneid-dang-ky"), opt("vneid-muc-2")}},
		"Xin chào":                {Kind: answer.KindSmalltalk, Text: "Chào bạn!"},
		"giá vàng hôm nay bot ơi": {Kind: answer.KindClarify, Score: 0.3, Options: []answer.Option{opt("the-le-phi"), opt("vneid-muc-2")}},
		"mật khẩu VNeID của tôi là Abc@123, đăng nhập giúp": {Kind: answer.KindSafety, ID: "vneid-quen-mat-khau", Score: 0.6,
			Flags: []string{"personal_data"}},
		"kể chuyện cười đi": {Kind: answer.KindAnswer, ID: "hotro-bot-lam-duoc-gi", Score: 0.52},
	}
}

func TestRunsGolden(t *testing.T) {
	own, err := LoadFixtures([]string{"testdata/fixtures/cccd.yaml", "testdata/fixtures/other.yaml"})
	if err != nil {
		t.Fatal(err)
	}
	real, err := LoadFixtures([]string{"testdata/fixtures/real.yaml"})
	if err != nil {
		t.Fatal(err)
	}
	fake := engine()
	for q, r := range realEngine() {
		fake[q] = r
	}
	check := real[3:] // the same questions again, fewer: a check set to compare with
	// r002's fact is in a case of cccd-mat-the, answered, that the message did not call (case);
	// r005's is in vneid-muc-2's, offered, not given (ranking).
	texts := map[string]string{
		"cccd-mat-the":  "Nộp hồ sơ cấp lại trên VNeID.\n\nỞ xa: nộp ở Công an cấp xã gần nhất.",
		"vneid-muc-2":   "Mang thẻ căn cước đến **Công an** phường.",
		"vneid-dang-ky": "Cài VNeID, chọn Đăng ký.",
	}
	rs := RunSets(context.Background(), fake, []Set{{Name: SetOwn, Fixtures: own}, {Name: SetTune, Fixtures: real}, {Name: SetCheck, Fixtures: check}}).Attribute(texts)
	for _, tc := range []struct {
		golden string
		write  func(*bytes.Buffer) error
	}{
		{"runs.txt.golden", func(b *bytes.Buffer) error { return rs.WriteText(b) }},
		{"runs-failures.txt.golden", func(b *bytes.Buffer) error { return rs.WriteFailures(b) }},
		{"runs.json.golden", func(b *bytes.Buffer) error { return rs.WriteJSON(b) }},
	} {
		t.Run(tc.golden, func(t *testing.T) {
			var b bytes.Buffer
			if err := tc.write(&b); err != nil {
				t.Fatal(err)
			}
			checkGolden(t, filepath.Join("testdata", tc.golden), b.Bytes())
		})
	}

	// The total is over every fixture of every set.
	tune, _ := rs.Set(SetTune)
	if rs.Total.Total != len(own)+len(real)+len(check) || tune.Total != len(real) {
		t.Errorf("total %d, tune %d; want %d, %d", rs.Total.Total, tune.Total, len(own)+len(real)+len(check), len(real))
	}
	// The real set's figures, worked out by hand from realEngine.
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"in-scope pass (r001, r003 by its text, r004 of 5)", tune.InScopePass, 3.0 / 5},
		{"off-topic pass (roos001, roos003, roos005 of 5)", tune.OffTopicPass, 3.0 / 5},
		{"top-1 (r001, r002, r004 of 5)", tune.Top1, 3.0 / 5},
		{"recall@3 (all 5)", tune.RecallAt3, 5.0 / 5},
		{"MRR (1, 1, 1/2, 1, 1)", tune.MRR, 4.5 / 5},
		{"off-topic precision (no entry: r005, roos001, roos002, roos005 — 3 off topic of 4)", tune.OffTopicPrecision, 3.0 / 4},
		{"off-topic recall (3 of 5 got no entry)", tune.OffTopicRecall, 3.0 / 5},
	} {
		if c.got != c.want {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	// Risk–coverage at 0.8: answers r001 (0.92, right) and r002 (0.81, wrong).
	for _, p := range tune.RiskCoverage {
		if p.Cut == 0.8 && (p.Answered != 2 || p.Right != 1 || p.Precision != 0.5 || p.Recall != 1.0/5 || p.Coverage != 2.0/10) {
			t.Errorf("risk–coverage at 0.8 = %+v, want 2 answered, 1 right", p)
		}
	}
}

func TestResolveIDs(t *testing.T) {
	entries := map[string]string{"a": "a", "b": "b", "old-a": "a"} // old-a: a former id of a
	resolve := func(id string) (string, bool) { cur, ok := entries[id]; return cur, ok }
	in := []Fixture{
		{Q: "x", ID: "old-a", Also: []string{"b"}, File: "f.yaml", Line: 1},
		{Q: "y", Kind: answer.KindFallback, File: "f.yaml", Line: 3},
	}
	got, err := ResolveIDs(in, resolve)
	if err != nil {
		t.Fatal(err)
	}
	if got[0].ID != "a" || !slices.Equal(got[0].Also, []string{"b"}) || in[0].ID != "old-a" {
		t.Errorf("ResolveIDs = %+v (input now %+v); want id a, also [b], input unchanged", got[0], in[0])
	}
	// An alias of the id, or of an entry already listed, is the same entry: listed once.
	got, err = ResolveIDs([]Fixture{{Q: "w", ID: "a", Also: []string{"old-a", "b", "b"}, File: "f.yaml", Line: 5}}, resolve)
	if err != nil || got[0].ID != "a" || !slices.Equal(got[0].Also, []string{"b"}) {
		t.Errorf("ResolveIDs(duplicates) = %+v, %v; want id a, also [b]", got, err)
	}
	_, err = ResolveIDs([]Fixture{{Q: "z", ID: "nope", Also: []string{"a", "gone"}, File: "f.yaml", Line: 7}}, resolve)
	want := "f.yaml:7: no FAQ entry has id \"nope\"\nf.yaml:7: no FAQ entry has id \"gone\""
	if err == nil || err.Error() != want {
		t.Errorf("ResolveIDs(unknown) error = %v, want\n%s", err, want)
	}
}

func TestBars(t *testing.T) {
	rs := Runs{
		Sets:  []SetReport{{Name: SetOwn, Report: Report{PassRate: 0.84, Top1: 0.80}}, {Name: SetCheck, Report: Report{InScopePass: 0.5}}},
		Total: Report{PassRate: 0.7},
	}
	for _, tc := range []struct {
		name, bars string
		want       []string
		wantErr    string
	}{
		{"all met", "own: {pass: 0.84, top1: 0.79}\nreal-check: {in_scope_pass: 0.5}\n", nil, ""},
		{"just above the figure", "own: {pass: 0.841}\ntotal: {pass: 0.7001}\n", []string{
			"own pass 0.8400 is below the bar 0.8410",
			"total pass 0.7000 is below the bar 0.7001",
		}, ""},
		{"a set the run lacks", "real-tune: {pass: 0.1}\n", []string{`bars for set "real-tune", which this run does not have`}, ""},
		{"empty file", "# nothing yet\n", nil, ""},
		{"unknown metric", "own: {top_1: 0.8}\n", nil, `b.yaml: own: unknown metric "top_1"`},
		{"out of range", "own: {pass: 80}\n", nil, "b.yaml: own.pass: 80 is not a share between 0 and 1"},
		{"not a mapping", "- own\n", nil, "b.yaml: yaml: unmarshal errors"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, err := ParseBars("b.yaml", []byte(tc.bars))
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("ParseBars error = %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := b.Check(rs); !slices.Equal(got, tc.want) {
				t.Errorf("Check =\n%q\nwant\n%q", got, tc.want)
			}
		})
	}
}

func TestBaseline(t *testing.T) {
	fixtures, err := LoadFixtures([]string{"testdata/fixtures/real.yaml"})
	if err != nil {
		t.Fatal(err)
	}
	before := realEngine()
	after := realEngine()
	// The change fixes r002 (the phrase is now in the text) and breaks roos001 (a greeting now
	// gets a fallback).
	r := after["mat the cccd lam lai o dau"]
	r.Text = "Đến công an cấp xã nơi thuận tiện."
	after["mat the cccd lam lai o dau"] = r
	after["Xin chào"] = answer.Reply{Kind: answer.KindFallback}

	sets := func(a Answerer) Runs {
		return RunSets(context.Background(), a, []Set{{Name: SetTune, Fixtures: fixtures}})
	}
	var old bytes.Buffer
	if err := sets(before).WriteJSON(&old); err != nil {
		t.Fatal(err)
	}
	oldJSON := old.String()
	b, err := ReadBaseline(&old)
	if err != nil {
		t.Fatal(err)
	}
	// The new run lost a fixture and gained one.
	moved := slices.Clone(fixtures)
	moved[len(moved)-1].Real = "roos999"
	rs := RunSets(context.Background(), after, []Set{{Name: SetTune, Fixtures: moved}})
	c := b.Compare(rs)
	var out bytes.Buffer
	if err := c.WriteText(&out); err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "testdata/baseline.txt.golden", out.Bytes())
	if len(c.Fixed) != 1 || c.Fixed[0].Name != "r002" || len(c.Broken) != 1 || c.Broken[0].Name != "roos001" || c.Added != 1 || c.Removed != 1 {
		t.Errorf("Compare = %+v; want r002 fixed, roos001 broken, 1 added, 1 removed", c)
	}

	// "in one tap" is compared only against a baseline that has it.
	hasTap := func(c Comparison) bool {
		return slices.ContainsFunc(c.Figures, func(f FigureChange) bool { return f.Metric == "one_tap" })
	}
	if !hasTap(c) {
		t.Errorf("Compare figures %+v: no one_tap, though the baseline has it", c.Figures)
	}
	noTap := strings.NewReplacer(`"one_tap_hits"`, `"x_hits"`, `"one_tap"`, `"x"`).Replace(oldJSON)
	bOld, err := ReadBaseline(strings.NewReader(noTap))
	if err != nil {
		t.Fatal(err)
	}
	if c := bOld.Compare(rs); hasTap(c) {
		t.Errorf("Compare against a baseline without one_tap reports it: %+v", c.Figures)
	}

	if _, err := ReadBaseline(strings.NewReader(`{"summary": {}}`)); err == nil {
		t.Error("ReadBaseline accepted a report without sets and results")
	}
	if _, err := ReadBaseline(strings.NewReader(`not json`)); err == nil {
		t.Error("ReadBaseline accepted text that is not JSON")
	}
}

// TestRealHalves holds the split of the real questions in faq/fixtures/real/ to its rule: two
// fixed halves of the same size, no question in both, every in-scope question labelled with an
// entry and its must groups, every off-topic one with expect, and the check half marked as
// never used for tuning.
func TestRealHalves(t *testing.T) {
	dir := filepath.Join("..", "..", "faq", "fixtures", "real")
	halves := map[string][]Fixture{}
	for _, name := range []string{"tune", "check"} {
		path := filepath.Join(dir, name+".yaml")
		fs, err := LoadFixtures([]string{path})
		if err != nil {
			t.Fatal(err)
		}
		halves[name] = fs
		for _, f := range fs {
			switch {
			case !f.IsReal():
				t.Errorf("%s:%d: not marked real", f.File, f.Line)
			case f.Expect == "" && (len(f.Must) == 0 || f.ID == "" || f.Topic == ""):
				t.Errorf("%s:%d: in-scope %s without must, id or topic", f.File, f.Line, f.Real)
			case f.Expect != "" && (len(f.Must) > 0 || f.ID != ""):
				t.Errorf("%s:%d: off-topic %s with must or id", f.File, f.Line, f.Real)
			}
		}
	}
	count := func(fs []Fixture, off bool) int {
		n := 0
		for _, f := range fs {
			if (f.Expect != "") == off {
				n++
			}
		}
		return n
	}
	for _, off := range []bool{false, true} {
		if a, b := count(halves["tune"], off), count(halves["check"], off); a != b {
			t.Errorf("off-topic=%v: tune has %d, check %d; the halves must be the same size", off, a, b)
		}
	}
	seen := map[string]string{}
	for name, fs := range halves {
		for _, f := range fs {
			if other, ok := seen[f.Real]; ok {
				t.Errorf("%s is in %s and in %s", f.Real, other, name)
			}
			seen[f.Real] = name
		}
	}
	head, err := os.ReadFile(filepath.Join(dir, "check.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(head), "NEVER use this half for training or tuning") {
		t.Error("check.yaml's header does not say the half is never used for training or tuning")
	}
}

func TestAtPrecision(t *testing.T) {
	res := func(score float64, pass bool) Result {
		return Result{Reply: answer.Reply{Kind: answer.KindAnswer, ID: "a", Score: score}, Pass: pass}
	}
	noEntry := Result{Reply: answer.Reply{Kind: answer.KindFallback, Score: 0.99}}
	for _, tc := range []struct {
		name     string
		results  []Result
		target   float64
		cut      float64
		answered int
	}{
		{"every answer right", []Result{res(0.9, true), res(0.5, true), noEntry}, 0.95, 0.5, 2},
		{"a wrong answer in the middle", []Result{res(0.9, true), res(0.8, false), res(0.7, true)}, 0.95, 0.9, 1},
		{"precision just at the target", []Result{res(0.9, true), res(0.8, true), res(0.7, true), res(0.6, false)}, 0.75, 0.6, 4},
		{"precision just below the target", []Result{res(0.9, true), res(0.8, true), res(0.7, true), res(0.6, false)}, 0.76, 0.7, 3},
		{"ties are cut together", []Result{res(0.9, true), res(0.8, true), res(0.8, false)}, 0.95, 0.9, 1},
		{"nothing reaches it", []Result{res(0.9, false)}, 0.95, 1, 0},
		{"no answers", []Result{noEntry}, 0.95, 1, 0},
	} {
		got := atPrecision(tc.results, tc.target, len(tc.results), len(tc.results))
		if got.Cut != tc.cut || got.Answered != tc.answered {
			t.Errorf("%s: atPrecision = cut %v, %d answered; want cut %v, %d answered", tc.name, got.Cut, got.Answered, tc.cut, tc.answered)
		}
	}
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{"Đăng ký  tạm trú", "1900.0368", "**Ví giấy tờ**", "Cu\u0309a", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := fold(s)
		if fold(got) != got {
			t.Errorf("fold is not idempotent on %q: %q then %q", s, got, fold(got))
		}
		if strings.Contains(got, "  ") || strings.TrimSpace(got) != got {
			t.Errorf("fold(%q) = %q: spaces not collapsed", s, got)
		}
		if ok, _ := mustHolds([][]string{{s}}, s); !ok && got != "" {
			t.Errorf("a text does not hold itself: %q (folded %q)", s, got)
		}
	})
}

func FuzzParseBars(f *testing.F) {
	f.Add([]byte("own: {pass: 0.8}\n"))
	f.Add([]byte("real-check:\n  in_scope_pass: 0.5\n  mrr: 0.7\n"))
	f.Add([]byte("own: {top_1: 2}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := ParseBars("b.yaml", data)
		if err != nil {
			return
		}
		for set, ms := range b {
			for m, v := range ms {
				if _, ok := Metrics[m]; !ok || v < 0 || v > 1 {
					t.Errorf("accepted %s.%s = %v", set, m, v)
				}
			}
		}
		b.Check(Runs{}) // must not panic on a run without the sets
	})
}

func TestCopies(t *testing.T) {
	set := &faq.Set{Entries: []faq.Entry{
		{ID: "khai-sinh", Questions: []string{"làm giấy khai sinh cho con quá hạn có bị phạt không", "đăng ký khai sinh muộn cần giấy tờ gì"}},
		{ID: "bot", Questions: []string{"bạn là ai"}},
	}}
	fixtures := []Fixture{
		{Real: "r1", Q: "lam giay khai sinh cho con qua han co bi phat ko", File: "tune.yaml", Line: 3},            // 11 of 13 words: 85%
		{Real: "r2", Q: "con tôi 3 tháng tuổi mới làm khai sinh thì có bị phạt không", File: "tune.yaml", Line: 9}, // a rephrasing
		{Real: "r3", Q: "Bạn là ai", File: "tune.yaml", Line: 12},                                                  // too short to tell
		{Q: "làm giấy khai sinh cho con quá hạn có bị phạt không", File: "own.yaml", Line: 1},                      // not real
	}
	got := Copies(set, fixtures)
	want := `tune.yaml:3: warning: real question r1 and the question "làm giấy khai sinh cho con quá hạn có bị phạt không" of entry khai-sinh share 85% of their words: entries must not copy real questions (rephrase it from the situation)`
	if len(got) != 1 || got[0].String() != want {
		t.Errorf("Copies =\n%v\nwant\n%s", got, want)
	}
}

func TestAttribute(t *testing.T) {
	must := [][]string{{"công an cấp xã", "công an xã"}, {"căn cước"}}
	texts := map[string]string{
		"a": "Đến Công an cấp xã, mang thẻ căn cước.",
		"b": "Đến **công an xã** nơi cư trú để làm căn cước.",
		"c": "Đến công an cấp xã.", // one group only
	}
	for _, tc := range []struct {
		name      string
		res       Result
		wantCause string
		wantBy    []string
	}{
		{"passed: nothing to mend", Result{Pass: true, Fixture: Fixture{Must: must}}, "", nil},
		{"failed without must: not a fact", Result{Fixture: Fixture{ID: "a"}}, "", nil},
		{"fact in answers not given", Result{Fixture: Fixture{Must: must}}, CauseRanking, []string{"a", "b"}},
		{"fact in no answer", Result{Fixture: Fixture{Must: [][]string{{"1900.0368"}}}}, CauseContent, nil},
		{"fact stated by the entry answered, in a case not called", Result{Fixture: Fixture{Must: must}, Reply: answer.Reply{Kind: answer.KindAnswer, ID: "b"}}, CauseCase, []string{"a", "b"}},
		{"fact stated by others, another entry answered", Result{Fixture: Fixture{Must: must}, Reply: answer.Reply{Kind: answer.KindAnswer, ID: "c"}}, CauseRanking, []string{"a", "b"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rs := Runs{Sets: []SetReport{{Name: SetTune, Report: summarize([]Result{tc.res})}}}.Attribute(texts)
			got := rs.Sets[0].Results[0]
			if got.Cause != tc.wantCause || !reflect.DeepEqual(got.StatedBy, tc.wantBy) {
				t.Errorf("cause %q stated by %v, want %q %v", got.Cause, got.StatedBy, tc.wantCause, tc.wantBy)
			}
			n := map[string]int{CauseContent: rs.Total.ByContent, CauseRanking: rs.Total.ByRanking, CauseCase: rs.Total.ByUncalled}
			if tc.wantCause != "" && n[tc.wantCause] != 1 {
				t.Errorf("total counts %v, want one %s", n, tc.wantCause)
			}
		})
	}
}

// Every collection's sets follow the project's, "real" first, each as tune, unseen, check.
func TestBarsOrder(t *testing.T) {
	b := Bars{}
	for _, s := range []string{"total", "zz-check", "harvest-tune", "real-check", "neighbours", "probes", "own", "other", "harvest-check",
		"zz-tune", "real-tune-unseen", "real-tune", "own-unseen", "harvest-tune-unseen", "stories"} {
		b[s] = map[string]float64{"pass": 0}
	}
	want := []string{"own", "own-unseen", "stories", "probes", "neighbours", "real-tune", "real-tune-unseen", "real-check", "harvest-tune",
		"harvest-tune-unseen", "harvest-check", "zz-tune", "zz-check", "other", "total"}
	if got := b.sets(); !reflect.DeepEqual(got, want) {
		t.Errorf("sets() = %q\nwant %q", got, want)
	}
}

func TestSetNames(t *testing.T) {
	// The project's sets are read from the fixture directories of their names (faq.SetDirs).
	for _, set := range []string{SetStories, SetProbes, SetNeighbours, SetSituations, SetUserTests} {
		if !slices.Contains(faq.SetDirs, set) {
			t.Errorf("set %q has no directory in faq.SetDirs %q: eval would not read it", set, faq.SetDirs)
		}
	}
	if len(faq.SetDirs) != 5 {
		t.Errorf("faq.SetDirs = %q: a new directory needs its set constant here and in sets.go", faq.SetDirs)
	}
	if tuneSet("real") != SetTune || unseenSet("real") != SetUnseen || checkSet("real") != SetCheck {
		t.Errorf("the real collection's set names drifted: %s %s %s", tuneSet("real"), unseenSet("real"), checkSet("real"))
	}
	for _, tc := range []struct {
		set, twin string
		check     bool
	}{
		{SetOwn, SetOwnUnseen, false},
		{SetStories, SetStoriesUnseen, false},
		{SetProbes, "", false},
		{SetNeighbours, "", false},
		{"harvest-tune", "harvest-tune-unseen", false},
		{"harvest-tune-unseen", "", false},
		{"harvest-check", "", true},
		{"files", "", false},
	} {
		twin, ok := unseenTwin(tc.set)
		if twin != tc.twin || ok != (tc.twin != "") || isCheck(tc.set) != tc.check {
			t.Errorf("%s: twin %q %v, check %v; want %q, %v", tc.set, twin, ok, isCheck(tc.set), tc.twin, tc.check)
		}
	}
}
