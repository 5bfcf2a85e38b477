package telegram

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/go-telegram/bot/models"

	"github.com/vneidbot/vneidbot/internal/answer"
)

func TestRenderHTML(t *testing.T) {
	tests := []struct{ in, html, plain string }{
		{"Chọn **Quên passcode**.", "Chọn <b>Quên passcode</b>.", "Chọn Quên passcode."},
		{"a < b & c > d", "a &lt; b &amp; c &gt; d", "a < b & c > d"},
		{"**<script>**", "<b>&lt;script&gt;</b>", "<script>"},
		{"one ** unpaired", "one ** unpaired", "one ** unpaired"},
		{"**a** and **b** and **c", "<b>a</b> and <b>b</b> and **c", "a and b and **c"},
		{"empty **** pair", "empty **** pair", "empty **** pair"},
		{"**bold across\nlines**", "**bold across\nlines**", "**bold across\nlines**"},
		{"1. Bước **một**\n- ý <hai>", "1. Bước <b>một</b>\n- ý &lt;hai&gt;", "1. Bước một\n- ý <hai>"},
		{"", "", ""},
	}
	for _, tt := range tests {
		if got := renderHTML(tt.in); got != tt.html {
			t.Errorf("renderHTML(%q) = %q, want %q", tt.in, got, tt.html)
		}
		if got := plainText(tt.in); got != tt.plain {
			t.Errorf("plainText(%q) = %q, want %q", tt.in, got, tt.plain)
		}
	}
}

func TestSplitMessage(t *testing.T) {
	para := func(n int, s string) string { return strings.Repeat(s, n) }
	tests := []struct {
		name   string
		text   string
		max    int
		pieces int // 0: don't check the count
	}{
		{"short", "Xin chào", 4096, 1},
		{"paragraphs", para(30, "a") + "\n\n" + para(30, "b") + "\n\n" + para(30, "c"), 70, 2},
		{"escaping counts", para(20, "<") + "\n\n" + para(20, "&"), 100, 2}, // 80 + 100 rendered
		{"long line of words", para(50, "từ "), 40, 0},
		{"one huge word", para(500, "x"), 100, 5},
		{"bold kept whole when it fits", "**" + para(40, "đ") + "**\n\n**" + para(40, "e") + "**", 60, 2},
		{"vietnamese in utf16", para(5000, "ệ"), 4096, 2},
		{"blank pieces dropped", "a\n\n\n\n\n\nb", 2, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := splitMessage(tt.text, tt.max)
			if tt.pieces != 0 && len(got) != tt.pieces {
				t.Errorf("got %d pieces, want %d: %q", len(got), tt.pieces, got)
			}
			for i, p := range got {
				h := renderHTML(p)
				if n := utf16Len(h); n > tt.max {
					t.Errorf("piece %d renders to %d units, over %d", i, n, tt.max)
				}
				if strings.Count(h, "<b>") != strings.Count(h, "</b>") {
					t.Errorf("piece %d has unbalanced tags: %q", i, h)
				}
			}
			// Nothing but separators is lost.
			squash := func(s string) string { return strings.Join(strings.Fields(s), "") }
			if a, b := squash(strings.Join(got, "")), squash(tt.text); a != b {
				t.Errorf("pieces lost text: %d vs %d bytes", len(a), len(b))
			}
		})
	}
}

func TestCallbackDataFits(t *testing.T) {
	id := strings.Repeat("a", 40) // the longest id faq lint allows
	r := answer.Reply{Kind: answer.KindAnswer, ID: id, Options: []answer.Option{{ID: id, Title: "x"}}}
	kb := keyboard(r, nil)
	clar := keyboard(answer.Reply{Kind: answer.KindClarify, Options: []answer.Option{{ID: id, Title: "x"}}}, nil)
	_, topics := topicsView([]answer.Topic{{Name: strings.Repeat("Chủ đề rất dài ", 20)}}, 0)
	n := 0
	for _, rows := range [][][]string{dataOf(kb.InlineKeyboard), dataOf(clar.InlineKeyboard), dataOf(topics.InlineKeyboard)} {
		for _, row := range rows {
			for _, d := range row {
				n++
				if len(d) > maxCallbackData {
					t.Errorf("callback data %q is %d bytes", d, len(d))
				}
			}
		}
	}
	if n < 5 {
		t.Errorf("checked only %d buttons", n)
	}
	// Too long ids are left out rather than sent and refused.
	if kb := keyboard(answer.Reply{Kind: answer.KindClarify, Options: []answer.Option{{ID: strings.Repeat("z", 70)}}}, nil); kb != nil {
		t.Errorf("an over-long id made a button: %+v", kb)
	}
}

func TestKeyboardByKind(t *testing.T) {
	opts := []answer.Option{{ID: "a", Title: "A"}}
	links := []answer.Link{{Title: "L", URL: "https://x.gov.vn"}, {Title: "bad", URL: "javascript:alert(1)"}}
	sugg := []answer.Option{{ID: "s", Title: "S"}}
	tests := []struct {
		name string
		r    answer.Reply
		want string
	}{
		{"answer", answer.Reply{Kind: answer.KindAnswer, ID: "x", Options: opts, Links: links}, "e:a|url:https://x.gov.vn|f:+:x f:-:x"},
		{"clarify", answer.Reply{Kind: answer.KindClarify, Options: opts, Links: links}, "c:a"},
		{"fallback suggests", answer.Reply{Kind: answer.KindFallback}, "e:s"},
		{"safety with entry", answer.Reply{Kind: answer.KindSafety, ID: "x"}, "f:+:x f:-:x"},
		{"smalltalk", answer.Reply{Kind: answer.KindSmalltalk}, ""},
	}
	for _, tt := range tests {
		kb := keyboard(tt.r, sugg)
		var got []string
		if kb != nil {
			for _, row := range kb.InlineKeyboard {
				var cells []string
				for _, b := range row {
					if b.URL != "" {
						cells = append(cells, "url:"+b.URL)
					} else {
						cells = append(cells, b.CallbackData)
					}
				}
				got = append(got, strings.Join(cells, " "))
			}
		}
		if g := strings.Join(got, "|"); g != tt.want {
			t.Errorf("%s: keyboard %q, want %q", tt.name, g, tt.want)
		}
	}
}

func TestTopicViews(t *testing.T) {
	var topics []answer.Topic
	for i := range 10 {
		topics = append(topics, answer.Topic{Name: fmt.Sprintf("Chủ đề %d", i), Entries: []answer.Option{{ID: fmt.Sprintf("e%d", i), Title: "T"}}})
	}
	text, kb := topicsView(topics, 1)
	if !strings.Contains(text, "trang 2/2") || len(kb.InlineKeyboard) != 3 { // 2 topics + nav
		t.Errorf("page 2: %q with %d rows", text, len(kb.InlineKeyboard))
	}
	if _, kb := topicsView(topics, 99); kb.InlineKeyboard[0][0].CallbackData != "t:"+topicKey("Chủ đề 8")+":0" {
		t.Errorf("a page past the end is not clamped to the last")
	}
	if _, _, ok := topicView(topics, "deadbeef", 0); ok {
		t.Errorf("an unknown topic key was found")
	}
	text, kb, ok := topicView(topics, topicKey("Chủ đề 3"), 0)
	if !ok || !strings.Contains(text, "<b>Chủ đề 3</b>") || kb.InlineKeyboard[0][0].CallbackData != "e:e3" {
		t.Errorf("topic view: %q %+v", text, kb)
	}
}

func dataOf(rows [][]models.InlineKeyboardButton) [][]string {
	var out [][]string
	for _, r := range rows {
		var row []string
		for _, b := range r {
			if b.CallbackData != "" {
				row = append(row, b.CallbackData)
			}
		}
		out = append(out, row)
	}
	return out
}

// FuzzSplitMessage checks what Telegram needs of any answer text: every piece fits, has
// balanced tags and valid UTF-8, and together they keep all the text.
func FuzzSplitMessage(f *testing.F) {
	for _, s := range []string{"", "**a** <b>", "x\n\ny", strings.Repeat("**đậm** & <", 50), "**\n**", "ệ"} {
		f.Add(s, 40)
	}
	f.Fuzz(func(t *testing.T, text string, max int) {
		if max < 16 || max > 5000 || !utf8.ValidString(text) {
			t.Skip()
		}
		pieces := splitMessage(text, max)
		var all strings.Builder
		for _, p := range pieces {
			h := renderHTML(p)
			if n := utf16Len(h); n > max {
				t.Fatalf("piece renders to %d > %d", n, max)
			}
			if strings.Count(h, "<b>") != strings.Count(h, "</b>") || !utf8.ValidString(h) {
				t.Fatalf("bad piece %q", h)
			}
			all.WriteString(p)
		}
		squash := func(s string) string { return strings.Join(strings.Fields(s), "") }
		if squash(all.String()) != squash(text) {
			t.Fatalf("text lost: %q vs %q", all.String(), text)
		}
	})
}
