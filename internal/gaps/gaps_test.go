package gaps_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
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
