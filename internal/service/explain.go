package service

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/vneidbot/vneidbot/internal/answer"
	"github.com/vneidbot/vneidbot/internal/kb"
)

// WriteSettings prints every setting with its value and reason.
func WriteSettings(w io.Writer, s answer.Settings) {
	for _, st := range s.List() {
		fmt.Fprintf(w, "%-18s %-8s %s\n", st.Name, st.Value, st.Why)
	}
}

// Explain is "ask --explain": each question's candidates, features and decision.
func Explain(ctx context.Context, c Content, asJSON bool, question string, stdin io.Reader, stdout, stderr io.Writer) int {
	return each(ctx, c, asJSON, question, stdin, stdout, stderr, func(l *kb.Live, q string) (any, string) {
		x := l.Explain(ctx, q)
		return x, renderExplain(x)
	})
}

// explainTop is how many candidates --explain shows.
const explainTop = 5

// renderExplain shows the ranking model at work on one message: the decision and its reason,
// then each top candidate's features and weighted contributions.
func renderExplain(x answer.Explanation) string {
	var b strings.Builder
	d := x.Decision
	fmt.Fprintf(&b, "reply: %s", x.Reply.Kind)
	if x.Reply.ID != "" {
		fmt.Fprintf(&b, " %s", x.Reply.ID)
	}
	if len(x.Reply.Flags) > 0 {
		fmt.Fprintf(&b, " (flags: %s)", strings.Join(x.Reply.Flags, ", "))
	}
	fmt.Fprintf(&b, "\ndecision: %s: %s\n", d.Kind, d.Reason)
	fmt.Fprintf(&b, "  confidence %.3f, lead in rank over the second %.3f, off-topic model %.3f, risk model %.3f", d.Conf, d.Lead, d.Off, d.Risk)
	if d.QuestionOff > 0 {
		fmt.Fprintf(&b, ", the question part alone off-topic by %.3f", d.QuestionOff)
	}
	b.WriteString("\n")
	for i, c := range x.Cases {
		by := "its situation"
		if i < len(x.CasesBy) {
			by = x.CasesBy[i]
		}
		fmt.Fprintf(&b, "  case put before the answer (the message says %s): %q\n", by, c)
	}
	for _, p := range x.Parts {
		fmt.Fprintf(&b, "  another asking part %s\n", p)
	}
	set := map[string]string{}
	for _, s := range x.Settings {
		set[s.Name] = s.Value
	}
	fmt.Fprintf(&b, "  thresholds: answer %s, clarify %s, margin %s, off_topic_lead %s, question_off_lead %s, sure %s\n",
		set["answer"], set["clarify"], set["margin"], set["off_topic_lead"], set["question_off_lead"], set["sure"])
	fmt.Fprintf(&b, "  model: score = %s·bm25 share + %s·cover + %s·class + %s·fit; rank = score / sum of weights; conf leaves bm25 out\n",
		set["rank_bm"], set["rank_cover"], set["rank_class"], set["rank_fit"])
	for i, c := range x.Candidates {
		if i == explainTop {
			break
		}
		fmt.Fprintf(&b, "%d. %s  conf %.3f  rank %.3f  score %.3f = bm25 %.3f + cover %.3f + class %.3f + fit %.3f\n",
			i+1, c.ID, c.Conf, c.Rank, c.Score, c.Parts["bm25"], c.Parts["cover"], c.Parts["class"], c.Parts["fit"])
		fmt.Fprintf(&b, "   bm25 %.2f (share %.2f)  coverage %.2f  phrase %.2f  anchored %t  class %.3f  fit %.2f\n",
			c.BM25, c.BMShare, c.Coverage, c.Phrase, c.Anchored, c.Class, c.Fit)
	}
	return b.String()
}
