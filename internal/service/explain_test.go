package service

import (
	"strings"
	"testing"

	"github.com/vneidbot/vneidbot/internal/answer"
)

// TestRenderExplainCases: --explain says which of the entry's cases were put before the answer and the
// message's words that called each (a situation's named so),
// and says nothing of cases when none was.
func TestRenderExplainCases(t *testing.T) {
	x := answer.Explanation{
		Reply:    answer.Reply{Kind: answer.KindAnswer, ID: "the-mat-the"},
		Decision: answer.Decision{Kind: answer.KindAnswer, Reason: "confident"},
		Cases:    []string{"Mất thẻ khi ở nước ngoài: làm cấp lại trên VNeID.", "Đã nộp mà bị từ chối: hỏi nơi nộp."},
		CasesBy:  []string{`"ở nước ngoài"`, `"bị từ chối", of words.yaml situation failed`},
	}
	got := renderExplain(x)
	for _, want := range []string{
		`  case put before the answer (the message says "ở nước ngoài"): "Mất thẻ khi ở nước ngoài: làm cấp lại trên VNeID."` + "\n",
		`  case put before the answer (the message says "bị từ chối", of words.yaml situation failed): "Đã nộp mà bị từ chối: hỏi nơi nộp."` + "\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("renderExplain = %q, want it to contain %q", got, want)
		}
	}
	x.Cases = nil
	if got := renderExplain(x); strings.Contains(got, "case put before") {
		t.Errorf("renderExplain without cases = %q, mentions a case", got)
	}
}
