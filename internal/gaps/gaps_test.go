package gaps_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/vneidbot/vneidbot/internal/eval"
	"github.com/vneidbot/vneidbot/internal/gaps"
	"github.com/vneidbot/vneidbot/internal/store"
)

var update = flag.Bool("update", false, "rewrite the golden files")

var t0 = time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)

// traffic is a small period: answered questions that only weigh the words, and gaps.
func traffic() []store.Exchange {
	var xs []store.Exchange
	add := func(text, kind, entry, vote string, runners ...string) {
		n := len(xs)
		xs = append(xs, store.Exchange{
			ID: fmt.Sprintf("%032x", n), Time: t0.Add(time.Duration(n) * time.Minute), Channel: "http",
			Text: text, Norm: store.Normalize(text), Kind: kind, Entry: entry, Vote: vote, RunnersUp: runners,
		})
	}
	for i := 0; i < 10; i++ {
		add("làm thẻ căn cước ở đâu", "answer", "cccd-noi-lam", "")
		add("cách làm căn cước cho con", "answer", "cccd-tre-em", "")
		add("cấp lại căn cước online được không", "answer", "cccd-cap-lai", "")
	}
	// A need the FAQ half covers: the bot falls back or is voted down, but ranks one entry.
	add("quên mật khẩu vneid phải làm sao", "fallback", "", "", "vneid-quen-mat-khau", "vneid-khoa")
	add("mật khẩu vneid quên mất rồi", "fallback", "", "", "vneid-quen-mat-khau")
	add("vneid quên mật khẩu đăng nhập", "answer", "vneid-khoa", "down", "vneid-quen-mat-khau")
	// A need the FAQ does not cover at all.
	add("đổi bằng lái xe trên vneid", "fallback", "", "", "vneid-tich-hop-giay-to")
	add("đổi bằng lái xe online được không", "fallback", "", "")
	add("bằng lái xe hết hạn đổi ở đâu", "clarify", "", "", "cccd-noi-lam", "vneid-tich-hop-giay-to")
	// A lone question.
	add("thời tiết hà nội hôm nay", "fallback", "", "")
	// Answered and liked: not a gap.
	add("quên mật khẩu vneid", "answer", "vneid-quen-mat-khau", "up")
	return xs
}

func TestBuild(t *testing.T) {
	r := gaps.Build(traffic(), nil, gaps.Settings{})
	if r.Exchanges != 38 || r.Gaps != 7 {
		t.Errorf("exchanges %d, gaps %d; want 38, 7", r.Exchanges, r.Gaps)
	}
	type want struct {
		size       int
		suggestion string
		entry      string
	}
	var got []want
	for _, c := range r.Clusters {
		got = append(got, want{c.Size, c.Suggestion, c.Entry})
	}
	wants := []want{
		{3, gaps.AddPhrasings, "vneid-tich-hop-giay-to"}, // same size: the newer first
		{3, gaps.AddPhrasings, "vneid-quen-mat-khau"},
		{1, gaps.NewEntry, ""},
	}
	if !slices.Equal(got, wants) {
		t.Errorf("clusters %+v\nwant %+v", got, wants)
	}
	c := r.Clusters[1]
	if c.Kinds["fallback"] != 2 || c.Kinds["down"] != 1 {
		t.Errorf("kinds %v", c.Kinds)
	}
	// The wrongly chosen entry of the 👎 does not count as considered.
	for _, cd := range c.Considered {
		if cd.Entry == "vneid-khoa" && cd.Count > 1 {
			t.Errorf("vneid-khoa counted %d times", cd.Count)
		}
	}
}

func TestBuildEmpty(t *testing.T) {
	r := gaps.Build(nil, nil, gaps.Settings{})
	if len(r.Clusters) != 0 || r.Gaps != 0 {
		t.Errorf("report of nothing: %+v", r)
	}
	var b bytes.Buffer
	if err := gaps.WriteText(&b, r); err != nil || b.Len() == 0 {
		t.Errorf("WriteText: %v, %q", err, b.String())
	}
}

func TestGolden(t *testing.T) {
	r := gaps.Build(traffic(), func(id string) string { return "Tiêu đề " + id }, gaps.Settings{})
	r.Since, r.Until = t0.AddDate(0, 0, -7), t0.AddDate(0, 0, 1)
	for _, tt := range []struct {
		file  string
		write func(*bytes.Buffer) error
	}{
		{"report.txt.golden", func(b *bytes.Buffer) error { return gaps.WriteText(b, r) }},
		{"fixtures.yaml.golden", func(b *bytes.Buffer) error { return gaps.WriteFixtures(b, r) }},
	} {
		var b bytes.Buffer
		if err := tt.write(&b); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join("testdata", tt.file)
		if *update {
			os.WriteFile(path, b.Bytes(), 0o644)
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run with -update)", err)
		}
		if b.String() != string(want) {
			t.Errorf("%s differs:\n%s", tt.file, b.String())
		}
	}
}

// The exported stubs load as fixtures.
func TestFixturesLoad(t *testing.T) {
	r := gaps.Build(traffic(), nil, gaps.Settings{})
	dir := t.TempDir()
	path := filepath.Join(dir, "gaps.yaml")
	var b bytes.Buffer
	gaps.WriteFixtures(&b, r)
	os.WriteFile(path, b.Bytes(), 0o644)
	fx, err := eval.LoadFixtures([]string{path})
	if err != nil {
		t.Fatalf("load stubs: %v\n%s", err, b.String())
	}
	if len(fx) != 7 {
		t.Errorf("%d fixtures, want 7", len(fx))
	}
}

// Entries considered as often as each other are all offered, best ranked first.
func TestSuggestionTie(t *testing.T) {
	x := store.Exchange{ID: "1", Time: t0, Text: "quên mật khẩu vneid", Norm: "quen mat khau vneid", Kind: "answer",
		Entry: "vneid-doi-mat-khau", Vote: store.VoteDown, RunnersUp: []string{"vneid-quen-mat-khau", "vneid-khoa"}}
	r := gaps.Build([]store.Exchange{x}, nil, gaps.Settings{})
	c := r.Clusters[0]
	if c.Entry != "vneid-quen-mat-khau" || !slices.Equal(c.Also, []string{"vneid-khoa"}) {
		t.Errorf("entry %q also %v", c.Entry, c.Also)
	}
	if got := c.SuggestionText(); got != "Thêm các cách hỏi này vào một trong các mục vneid-quen-mat-khau, vneid-khoa (add these phrasings to one of vneid-quen-mat-khau, vneid-khoa)" {
		t.Errorf("suggestion %q", got)
	}
}

// A lone fallback's runners-up are no lead: it asks for a new entry (or is out of scope).
func TestLoneFallbackIsNewEntry(t *testing.T) {
	x := store.Exchange{ID: "1", Time: t0, Text: "giá vàng hôm nay", Norm: "gia vang hom nay", Kind: "fallback",
		RunnersUp: []string{"the-le-phi", "lua-dao-app-gia"}}
	c := gaps.Build([]store.Exchange{x}, nil, gaps.Settings{}).Clusters[0]
	if c.Suggestion != gaps.NewEntry || c.Entry != "" || len(c.Considered) != 2 {
		t.Errorf("lone fallback: %+v", c)
	}
}

// TestRiskWarningIsAGap: a reply warned by the learned model's risk reading alone is listed for
// staff to check; a rule's warning is not.
func TestRiskWarningIsAGap(t *testing.T) {
	learned := store.Exchange{ID: "1", Time: t0, Text: "có ai cần acc không", Norm: "co ai can acc khong", Kind: "safety", Flags: []string{"risk"}}
	rule := store.Exchange{ID: "2", Time: t0, Text: "gửi ảnh cccd qua đây", Norm: "gui anh cccd qua day", Kind: "safety", Flags: []string{"card_photo"}}
	if !gaps.IsGap(learned) || gaps.Kind(learned) != "risk" {
		t.Errorf("learned risk warning: IsGap %v, Kind %q; want true, risk", gaps.IsGap(learned), gaps.Kind(learned))
	}
	if gaps.IsGap(rule) {
		t.Errorf("a rule's warning is listed as a gap")
	}
	r := gaps.Build([]store.Exchange{learned, rule}, nil, gaps.Settings{})
	if r.Gaps != 1 || len(r.Clusters) != 1 || r.Clusters[0].Kinds["risk"] != 1 || !strings.Contains(r.Clusters[0].KindsText(), "cảnh báo tự học") {
		t.Errorf("report %+v", r)
	}
	var b strings.Builder
	if err := gaps.WriteFixtures(&b, r); err != nil || !strings.Contains(b.String(), "kind: safety") {
		t.Errorf("fixture stubs %q, %v; want kind: safety for testers to confirm", b.String(), err)
	}
}
