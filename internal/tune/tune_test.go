package tune

import (
	"context"
	"strings"
	"testing"

	"github.com/vneidbot/vneidbot/internal/answer"
)

func TestLoadAndPasses(t *testing.T) {
	qs, err := Load("testdata/real.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(qs) != 3 || qs[0].Off || qs[1].Off || !qs[2].Off {
		t.Fatalf("Load = %+v", qs)
	}
	tests := []struct {
		text string
		must [][]string
		want bool
	}{
		{"Chọn Quên mật khẩu.", [][]string{{"quên mật khẩu"}}, true},
		{"Chon quen  MAT khau", [][]string{{"quên mật khẩu"}}, true}, // folded, spaces collapsed
		{"Làm thủ tục cấp lại tại Công an phường.", [][]string{{"cấp lại"}, {"công an xã", "công an phường"}}, true},
		{"Làm thủ tục cấp lại.", [][]string{{"cấp lại"}, {"công an xã", "công an phường"}}, false},
	}
	for _, tt := range tests {
		if got := Passes(tt.text, tt.must); got != tt.want {
			t.Errorf("Passes(%q, %v) = %v, want %v", tt.text, tt.must, got, tt.want)
		}
	}
}

// fake answers by a threshold: a message is answered (right) when the setting "answer" is
// at most its confidence; the off-topic message gets a wrong answer below 0.5.
type fake struct{ answerAt float64 }

var confs = map[string]float64{"quên mật khẩu": 0.9, "mất thẻ": 0.6, "giá vàng": 0.45}

func (f fake) Answer(_ context.Context, q string) answer.Reply {
	c := confs[q]
	if c < f.answerAt {
		return answer.Reply{Kind: answer.KindClarify, Score: c}
	}
	if q == "giá vàng" {
		return answer.Reply{Kind: answer.KindAnswer, ID: "x", Text: "sai", Score: c}
	}
	return answer.Reply{Kind: answer.KindAnswer, ID: "y", Text: "quên mật khẩu; cấp lại ở công an xã", Score: c}
}

func TestSearchFindsTheThresholdUnderTheBar(t *testing.T) {
	qs, err := Load("testdata/real.yaml")
	if err != nil {
		t.Fatal(err)
	}
	engine := func(s answer.Settings) Answerer { return fake{s.Answer} }
	start := answer.DefaultSettings()
	start.Answer = 0.2
	before := Run(context.Background(), engine(start), qs)
	if before.Answered != 3 || before.AnsweredOK != 2 || before.OffRight != 0 {
		t.Fatalf("before = %+v", before)
	}
	var log strings.Builder
	best, s, err := Search(context.Background(), engine, qs, start, []Dim{{"answer", []float64{0.2, 0.4, 0.5, 0.7, 0.95}}}, 0.95, 2, &log)
	if err != nil {
		t.Fatal(err)
	}
	// 0.5 answers both right ones and no longer the off-topic one; 0.7 would lose "mất thẻ".
	if best.Answer != 0.5 || s.Pass != 2 || s.OffRight != 1 || s.Precision() != 1 {
		t.Errorf("best answer = %v, score %+v\n%s", best.Answer, s, log.String())
	}
	if !strings.Contains(log.String(), "answer=0.5") {
		t.Errorf("log = %q, want the improvement", log.String())
	}
	pts := Risk(s)
	if len(pts) != 2 || pts[0].Cut != 0.9 || pts[1].Answered != 2 || pts[1].Precision != 1 {
		t.Errorf("Risk = %+v", pts)
	}
}
