package eval

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/vneidbot/vneidbot/internal/answer"
)

// maxConfused is how many confusion pairs the text report lists.
const maxConfused = 10

// WriteText writes the report for people: one line per fixture, in fixture order, then the
// summary. A failure starts with file:line so an editor can jump to the fixture.
func (r Report) WriteText(w io.Writer) error { return r.writeText(w, false) }

// WriteFailures is WriteText without the PASS lines.
func (r Report) WriteFailures(w io.Writer) error { return r.writeText(w, true) }

func (r Report) writeText(w io.Writer, failOnly bool) error {
	p := &printer{w: w}
	for _, res := range r.Results {
		if res.Pass {
			if !failOnly {
				p.printf("PASS  %s  → %s\n", oneLine(res.Fixture.Q), passLabel(res))
			}
			continue
		}
		p.printf("%s:%d: FAIL  %s  → got %s", res.Fixture.File, res.Fixture.Line, oneLine(res.Fixture.Q), res.Got)
		if res.Reply.Title != "" {
			p.printf(" (%s)", oneLine(res.Reply.Title))
		}
		p.printf(" score=%.3f, want %s", res.Reply.Score, wantText(res.Fixture))
		if res.Rank > 0 {
			p.printf(", rank %d", res.Rank)
		}
		p.printf("\n")
	}
	if len(r.Results) > 0 {
		p.printf("\n")
	}

	zero := false // whether some share is over nothing
	frac := func(n, d int) string {
		if d == 0 {
			zero = true
		}
		return fmt.Sprintf("%d of %d", n, d)
	}
	p.printf("total                %d\n", r.Total)
	p.printf("passed               %d\n", r.Passed)
	p.printf("pass rate            %.3f  (%s)\n", r.PassRate, frac(r.Passed, r.Total))
	p.printf("top-1                %.3f  (%s fixtures with an id)\n", r.Top1, frac(r.Top1Hits, r.IDFixtures))
	p.printf("recall@3             %.3f  (%s)\n", r.RecallAt3, frac(r.RecallAt3Hits, r.IDFixtures))
	p.printf("MRR                  %.3f\n", r.MRR)
	p.printf("no-answer precision  %.3f  (%s fallback replies were expected)\n", r.NoAnswerPrecision, frac(r.NoAnswerTP, r.NoAnswerPredicted))
	p.printf("no-answer recall     %.3f  (%s expected fallbacks were given)\n", r.NoAnswerRecall, frac(r.NoAnswerTP, r.NoAnswerActual))
	p.printf("false no-answer      %d  (fixtures with an id that got a fallback)\n", r.FalseNoAnswer)
	if zero {
		p.printf("(a share of 0 of 0 counts as 1.000)\n")
	}

	if len(r.ByKind) > 0 {
		p.printf("\nby expected kind (an id alone expects an answer)\n")
		for _, k := range kinds {
			if c, ok := r.ByKind[k]; ok {
				p.printf("  %-10s %d/%d\n", k, c.Passed, c.Total)
			}
		}
	}
	if len(r.Confused) > 0 {
		p.printf("\nmost confused (want → got)\n")
		for _, c := range r.Confused[:min(len(r.Confused), maxConfused)] {
			p.printf("  %3d  %s → %s\n", c.Count, c.Want, c.Got)
		}
	}
	return p.err
}

// passLabel is what a passing fixture got: the entry, or the kind when no entry was wanted.
func passLabel(res Result) string {
	if res.Fixture.ID != "" && res.Reply.ID != "" {
		return res.Reply.ID
	}
	return res.Got
}

// wantText is what a fixture wants, as the text report says it.
func wantText(f Fixture) string {
	var parts []string
	if f.Kind != "" {
		parts = append(parts, string(f.Kind))
	}
	if f.ID != "" {
		id := f.ID
		if len(f.Also) > 0 {
			id += " (or " + strings.Join(f.Also, ", ") + ")"
		}
		parts = append(parts, id)
	}
	return strings.Join(parts, " ")
}

// oneLine keeps a query or title on its report line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// printer writes formatted text and keeps the first error.
type printer struct {
	w   io.Writer
	err error
}

func (p *printer) printf(format string, args ...any) {
	if p.err == nil {
		_, p.err = fmt.Fprintf(p.w, format, args...)
	}
}

// The JSON form of a report; field names are its contract.
type (
	jsonReport struct {
		Summary jsonSummary  `json:"summary"`
		Results []jsonResult `json:"results"`
	}
	jsonSummary struct {
		Total             int                       `json:"total"`
		Passed            int                       `json:"passed"`
		PassRate          float64                   `json:"pass_rate"`
		IDFixtures        int                       `json:"id_fixtures"`
		Top1Hits          int                       `json:"top1_hits"`
		Top1              float64                   `json:"top1"`
		RecallAt3Hits     int                       `json:"recall_at_3_hits"`
		RecallAt3         float64                   `json:"recall_at_3"`
		MRR               float64                   `json:"mrr"`
		NoAnswerTP        int                       `json:"no_answer_tp"`
		NoAnswerPredicted int                       `json:"no_answer_predicted"`
		NoAnswerActual    int                       `json:"no_answer_actual"`
		NoAnswerPrecision float64                   `json:"no_answer_precision"`
		NoAnswerRecall    float64                   `json:"no_answer_recall"`
		FalseNoAnswer     int                       `json:"false_no_answer"`
		ByKind            map[answer.Kind]KindCount `json:"by_kind"`
		Confused          []Confusion               `json:"confused"`
	}
	jsonResult struct {
		File     string      `json:"file"`
		Line     int         `json:"line"`
		Q        string      `json:"q"`
		WantID   string      `json:"want_id"`
		Also     []string    `json:"also"`
		WantKind answer.Kind `json:"want_kind"`
		Pass     bool        `json:"pass"`
		GotKind  answer.Kind `json:"got_kind"`
		GotID    string      `json:"got_id"`
		GotTitle string      `json:"got_title"`
		Score    float64     `json:"score"`
		Rank     int         `json:"rank"`
	}
)

// WriteJSON writes the report as one indented JSON object: "summary" and "results".
func (r Report) WriteJSON(w io.Writer) error {
	out := jsonReport{
		Summary: jsonSummary{
			Total: r.Total, Passed: r.Passed, PassRate: r.PassRate,
			IDFixtures: r.IDFixtures, Top1Hits: r.Top1Hits, Top1: r.Top1,
			RecallAt3Hits: r.RecallAt3Hits, RecallAt3: r.RecallAt3, MRR: r.MRR,
			NoAnswerTP: r.NoAnswerTP, NoAnswerPredicted: r.NoAnswerPredicted, NoAnswerActual: r.NoAnswerActual,
			NoAnswerPrecision: r.NoAnswerPrecision, NoAnswerRecall: r.NoAnswerRecall,
			FalseNoAnswer: r.FalseNoAnswer,
			ByKind:        r.ByKind,
			Confused:      append([]Confusion{}, r.Confused...),
		},
		Results: make([]jsonResult, len(r.Results)),
	}
	if out.Summary.ByKind == nil {
		out.Summary.ByKind = map[answer.Kind]KindCount{}
	}
	for i, res := range r.Results {
		f := res.Fixture
		out.Results[i] = jsonResult{
			File: f.File, Line: f.Line, Q: f.Q,
			WantID: f.ID, Also: append([]string{}, f.Also...), WantKind: f.Kind,
			Pass:    res.Pass,
			GotKind: res.Reply.Kind, GotID: res.Reply.ID, GotTitle: res.Reply.Title,
			Score: res.Reply.Score, Rank: res.Rank,
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}
