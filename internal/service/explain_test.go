package service

import (
	"strings"
	"testing"

	"github.com/vneidbot/vneidbot/internal/answer"
)

// TestRenderExplainCases: --explain says which of the entry's cases were put before the answer,
// and says nothing of cases when none was.
func TestRenderExplainCases(t *testing.T) {
	x := answer.Explanation{
		Reply:    answer.Reply{Kind: answer.KindAnswer, ID: "the-mat-the"},
		Decision: answer.Decision{Kind: answer.KindAnswer, Reason: "confident"},
		Cases:    []string{"Mất thẻ khi ở nước ngoài: làm cấp lại trên VNeID."},
	}
	got := renderExplain(x)
	if want := `  case put before the answer (the message names its situation): "Mất thẻ khi ở nước ngoài: làm cấp lại trên VNeID."` + "\n"; !strings.Contains(got, want) {
		t.Errorf("renderExplain = %q, want it to contain %q", got, want)
	}
	x.Cases = nil
	if got := renderExplain(x); strings.Contains(got, "case put before") {
		t.Errorf("renderExplain without cases = %q, mentions a case", got)
	}
}
