package eval

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/vneidbot/vneidbot/internal/answer"
)

// maxConfused is how many confusion pairs the text report lists, maxCaseCalls how many cases.
const (
	maxConfused  = 10
	maxCaseCalls = 10
)

// WriteText writes the report of one set of fixtures for people (see Runs.WriteText).
func (r Report) WriteText(w io.Writer) error { return r.single().WriteText(w) }

// WriteFailures is WriteText without the PASS lines.
func (r Report) WriteFailures(w io.Writer) error { return r.single().WriteFailures(w) }

// WriteJSON writes the report of one set of fixtures as JSON (see Runs.WriteJSON).
func (r Report) WriteJSON(w io.Writer) error { return r.single().WriteJSON(w) }

// single is r as the only set of a run.
func (r Report) single() Runs {
	return Runs{Sets: []SetReport{{Name: "fixtures", Report: r}}, Total: r}
}

// WriteText writes the report for people: one line per fixture, set by set, in fixture order,
// then the summary table (a column per set and the total), the risk–coverage tables, the
// counts by expected kind and the most confused entries. A failure starts with file:line so an
// editor can jump to the fixture.
func (rs Runs) WriteText(w io.Writer) error { return rs.writeText(w, false) }

// WriteFailures is WriteText without the PASS lines.
func (rs Runs) WriteFailures(w io.Writer) error { return rs.writeText(w, true) }

func (rs Runs) writeText(w io.Writer, failOnly bool) error {
	p := &printer{w: w}
	listed := false
	for _, s := range rs.Sets {
		if s.Sealed {
			listed = true
			p.printf("%s: %d of %d failed; sealed, not listed (eval --show-check lists them; never tune on them)\n", s.Name, s.Total-s.Passed, s.Total)
			continue
		}
		for _, res := range s.Results {
			listed = true
			if res.Pass {
				if !failOnly {
					p.printf("PASS  %s%s  → %s\n", realTag(res.Fixture), oneLine(res.Fixture.Q), passLabel(res))
				}
				continue
			}
			f := res.Fixture
			again := ""
			if s.Again {
				again = "(" + s.Name + ") "
			}
			p.printf("%s:%d: FAIL  %s%s%s  → got %s", f.File, f.Line, again, realTag(f), oneLine(f.Q), res.Got)
			if res.Reply.Title != "" {
				p.printf(" (%s)", oneLine(res.Reply.Title))
			}
			p.printf(" score=%.3f, want %s", res.Reply.Score, wantText(f))
			if res.MissedGroup >= 0 {
				p.printf(", text lacks one of [%s]", strings.Join(f.Must[res.MissedGroup], " | "))
			}
			if res.Said != "" {
				p.printf(", text says %q, which it must never", res.Said)
			}
			switch res.Cause {
			case CauseContent:
				p.printf(", no entry states it")
			case CauseRanking:
				p.printf(", stated by %s", statedBy(res.StatedBy))
			case CauseCase:
				p.printf(", stated in a case of %s the message did not call (add a when phrase)", res.Reply.ID)
			}
			if res.Rank > 0 {
				p.printf(", rank %d", res.Rank)
			}
			p.printf("\n")
		}
	}
	if listed {
		p.printf("\n")
	}

	cols := rs.columns()
	zero := false // whether some share is over nothing
	row := func(label string, cell func(Report) string) {
		line := fmt.Sprintf("%-22s", label)
		for _, c := range cols {
			line += fmt.Sprintf("  %-17s", cell(c.Report))
		}
		p.printf("%s\n", strings.TrimRight(line, " "))
	}
	frac := func(x float64, n, d int) string {
		if d == 0 {
			zero = true
		}
		return fmt.Sprintf("%.3f %d/%d", x, n, d)
	}
	header := fmt.Sprintf("%-22s", "")
	for _, c := range cols {
		header += fmt.Sprintf("  %-17s", c.Name)
	}
	p.printf("%s\n", strings.TrimRight(header, " "))
	row("fixtures", func(r Report) string { return fmt.Sprint(r.Total) })
	row("strict pass", func(r Report) string { return frac(r.PassRate, r.Passed, r.Total) })
	row("  in scope", func(r Report) string { return frac(r.InScopePass, r.InScopePassed, r.InScope) })
	row("  off topic", func(r Report) string { return frac(r.OffTopicPass, r.OffTopicPassed, r.OffTopic) })
	row("top-1", func(r Report) string { return frac(r.Top1, r.Top1Hits, r.IDFixtures) })
	row("ranked first", func(r Report) string { return frac(r.First, r.FirstHits, r.IDFixtures) })
	row("recall@3", func(r Report) string { return frac(r.RecallAt3, r.RecallAt3Hits, r.IDFixtures) })
	row("in one tap", func(r Report) string { return frac(r.OneTap, r.OneTapHits, r.IDFixtures) })
	row("MRR", func(r Report) string { return fmt.Sprintf("%.3f", r.MRR) })
	row("off-topic precision", func(r Report) string { return frac(r.OffTopicPrecision, r.OffTopicTP, r.OffTopicPredicted) })
	row("off-topic recall", func(r Report) string { return frac(r.OffTopicRecall, r.OffTopicTP, r.OffTopic) })
	row("no-answer precision", func(r Report) string { return frac(r.NoAnswerPrecision, r.NoAnswerTP, r.NoAnswerPredicted) })
	row("no-answer recall", func(r Report) string { return frac(r.NoAnswerRecall, r.NoAnswerTP, r.NoAnswerActual) })
	row("false no-answer", func(r Report) string { return fmt.Sprint(r.FalseNoAnswer) })
	row("must fails: content", func(r Report) string { return fmt.Sprint(r.ByContent) })
	row("must fails: ranking", func(r Report) string { return fmt.Sprint(r.ByRanking) })
	row("must fails: case", func(r Report) string { return fmt.Sprint(r.ByUncalled) })
	row("never said", func(r Report) string { return fmt.Sprint(r.NeverSaid) })
	row("cases used / passes", func(r Report) string { return fmt.Sprintf("%d / %d", r.CaseReplies, r.CasePasses) })
	row("reply chars p50/p90", func(r Report) string { return fmt.Sprintf("%d / %d", r.CharsP50, r.CharsP90) })
	row(fmt.Sprintf("  longer than %d", LongReply), func(r Report) string { return fmt.Sprint(r.LongReplies) })
	p.printf("\nstrict pass: answered as the fixture wants (must phrases for real questions); top-1 (answered\n" +
		"with an accepted entry), ranked first (an accepted entry is the first candidate, whatever the reply),\n" +
		"recall@3, MRR, in one tap (an accepted entry answered or among the buttons of an answer or a\n" +
		"clarification): over fixtures with an id; off-topic: \"no entry answered\" as the positive class;\n" +
		"no-answer: \"fallback\" as the positive class; false no-answer: fixtures with an id that got a fallback;\n" +
		"must fails: failed fixtures with must phrases whose fact no entry's answer states (content to write),\n" +
		"or some entry's answer states but another reply was given (ranking or decision to mend), or a case of the\n" +
		"entry answered states but the message did not call (a when phrase to add); never said: fixtures\n" +
		"failed because the reply held one of their never phrases; cases used /\n" +
		"passes: replies that led with one of the entry's cases (faq cases:), and must fixtures that passed only by one;\n" +
		"reply chars: the length of the replies with an entry (answers and warnings), and how many are long.\n")
	if zero {
		p.printf("(a share of 0 of 0 counts as 1.000)\n")
	}
	// gap is a check half's share less another set's, with ± its 95% interval.
	gap := func(c float64, nc int, t float64, nt int) string {
		return fmt.Sprintf("%+.3f ±%.3f", c-t, diff95(c, nc, t, nt))
	}
	noted := false
	for _, set := range rs.Sets {
		if !isCheck(set.Name) {
			continue
		}
		c, _, _ := collectionSet(set.Name)
		check := set.Report
		if !noted {
			p.printf("(± the 95%% interval of a difference that sampling alone gives: the sets hold different questions)\n")
			noted = true
		}
		for _, name := range []string{tuneSet(c), unseenSet(c)} {
			if tune, ok := rs.Set(name); ok {
				p.printf("generalisation (%s − %s): in scope %s, off topic %s, top-1 %s\n", set.Name, name,
					gap(check.InScopePass, check.InScope, tune.InScopePass, tune.InScope),
					gap(check.OffTopicPass, check.OffTopic, tune.OffTopicPass, tune.OffTopic),
					gap(check.Top1, check.IDFixtures, tune.Top1, tune.IDFixtures))
			}
		}
	}

	p.printf("\nrisk–coverage: if only answers with score ≥ cut were given\n" +
		"(precision = right/answered, coverage = answered/all fixtures, recall = right/in-scope fixtures)\n")
	for _, c := range cols {
		p.printf("  %s\n  %5s  %8s  %6s  %9s  %8s  %6s\n", c.Name, "cut", "answered", "right", "precision", "coverage", "recall")
		for _, pt := range c.RiskCoverage {
			p.printf("  %5.2f  %8d  %6d  %9.3f  %8.3f  %6.3f\n", pt.Cut, pt.Answered, pt.Right, pt.Precision, pt.Coverage, pt.Recall)
		}
	}

	p.printf("\nthe most answered at precision ≥ %.2f (the lowest score cut that keeps it)\n", TargetPrecision)
	for _, c := range cols {
		if t := c.AtTarget; t.Answered > 0 {
			p.printf("  %-11s cut %.3f: %d answered, %d right, precision %.3f, coverage %.3f, recall %.3f\n",
				c.Name, t.Cut, t.Answered, t.Right, t.Precision, t.Coverage, t.Recall)
		} else {
			p.printf("  %-11s no cut reaches it\n", c.Name)
		}
	}

	p.printf("\nconfident answers (the engine's own mark, settings \"confident\"; the rest offer the nearest topics too)\n")
	for _, c := range cols {
		t := c.Confident
		lo, hi := wilson95(t.Right, t.Answered)
		p.printf("  %-11s %d answered, %d right, precision %.3f (95%%: %.3f-%.3f), coverage %.3f, recall %.3f\n",
			c.Name, t.Answered, t.Right, t.Precision, lo, hi, t.Coverage, t.Recall)
	}

	if len(rs.Total.ByKind) > 0 {
		p.printf("\nby expected kind (an id or must alone expects an answer; no-entry: off topic, any reply without an entry)\n")
		line := fmt.Sprintf("  %-10s", "")
		for _, c := range cols {
			line += fmt.Sprintf("  %-11s", c.Name)
		}
		p.printf("%s\n", strings.TrimRight(line, " "))
		for _, k := range reportKinds {
			if _, ok := rs.Total.ByKind[k]; !ok {
				continue
			}
			line := fmt.Sprintf("  %-10s", k)
			for _, c := range cols {
				kc := c.ByKind[k]
				line += fmt.Sprintf("  %-11s", fmt.Sprintf("%d/%d", kc.Passed, kc.Total))
			}
			p.printf("%s\n", strings.TrimRight(line, " "))
		}
	}
	if len(rs.Total.Confused) > 0 {
		p.printf("\nmost confused, all sets (want → got)\n")
		for _, c := range rs.Total.Confused[:min(len(rs.Total.Confused), maxConfused)] {
			p.printf("  %3d  %s → %s\n", c.Count, c.Want, c.Got)
		}
	}
	if calls := rs.Total.CaseCalls; len(calls) > 0 {
		p.printf("\ncases that led most replies, all sets (entry, its case; read the replies for a when phrase wider than its situation)\n")
		for _, c := range calls[:min(len(calls), maxCaseCalls)] {
			p.printf("  %3d  %s, case %d\n", c.Count, c.Entry, c.Case)
		}
	}
	return p.err
}

// columns are the reports the summary shows side by side: each set, then the total when there
// is more than one set.
func (rs Runs) columns() []SetReport {
	cols := append([]SetReport{}, rs.Sets...)
	if len(rs.Sets) != 1 {
		cols = append(cols, SetReport{Name: "total", Report: rs.Total})
	}
	return cols
}

// maxStatedBy is how many entries stating a fact a failure line names; a fact many answers
// state is a common one the given answer should state too, and the count says so.
const maxStatedBy = 4

// statedBy names the entries whose answer states a fact, the first few and how many in all.
func statedBy(ids []string) string {
	if len(ids) <= maxStatedBy {
		return strings.Join(ids, ", ")
	}
	return fmt.Sprintf("%s… (%d entries)", strings.Join(ids[:maxStatedBy], ", "), len(ids))
}

// realTag marks a real citizen question in a report line with its id.
func realTag(f Fixture) string {
	if f.Real == "" {
		return ""
	}
	return "[" + f.Real + "] "
}

// passLabel is what a passing fixture got: the entry, or the kind when no entry was wanted.
func passLabel(res Result) string {
	if (res.Fixture.ID != "" || len(res.Fixture.Must) > 0) && res.Reply.ID != "" {
		return res.Reply.ID
	}
	return res.Got
}

// wantText is what a fixture wants, as the text report says it.
func wantText(f Fixture) string {
	var parts []string
	switch {
	case f.Expect != "":
		k := f.expectedKind()
		if k == answer.KindSafety {
			parts = append(parts, "safety")
		} else {
			parts = append(parts, "no entry")
			if k != KindNoEntry {
				parts = append(parts, "("+string(k)+")")
			}
		}
		return strings.Join(parts, " ")
	case len(f.Must) > 0:
		parts = append(parts, "an answer with the must phrases")
		if f.Kind != "" {
			parts = append(parts, "("+string(f.Kind)+")")
		}
		if f.ID != "" {
			id := f.ID
			if len(f.Also) > 0 {
				id += ", " + strings.Join(f.Also, ", ")
			}
			if f.IsReal() {
				parts = append(parts, "[label "+id+"]")
			} else {
				parts = append(parts, "from "+id)
			}
		}
		return strings.Join(parts, " ")
	}
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
	jsonRuns struct {
		Sets    []jsonSet    `json:"sets"`
		Total   jsonSummary  `json:"total"`
		Results []jsonResult `json:"results"`
	}
	jsonSet struct {
		Name    string      `json:"name"`
		Summary jsonSummary `json:"summary"`
	}
	jsonSummary struct {
		Total             int                       `json:"total"`
		Passed            int                       `json:"passed"`
		PassRate          float64                   `json:"pass_rate"`
		InScope           int                       `json:"in_scope"`
		InScopePassed     int                       `json:"in_scope_passed"`
		InScopePass       float64                   `json:"in_scope_pass"`
		OffTopic          int                       `json:"off_topic"`
		OffTopicPassed    int                       `json:"off_topic_passed"`
		OffTopicPass      float64                   `json:"off_topic_pass"`
		IDFixtures        int                       `json:"id_fixtures"`
		Top1Hits          int                       `json:"top1_hits"`
		Top1              float64                   `json:"top1"`
		FirstHits         int                       `json:"ranked_first_hits"`
		First             float64                   `json:"ranked_first"`
		RecallAt3Hits     int                       `json:"recall_at_3_hits"`
		RecallAt3         float64                   `json:"recall_at_3"`
		OneTapHits        int                       `json:"one_tap_hits"`
		OneTap            float64                   `json:"one_tap"`
		MRR               float64                   `json:"mrr"`
		OffTopicTP        int                       `json:"off_topic_tp"`
		OffTopicPredicted int                       `json:"off_topic_predicted"`
		OffTopicPrecision float64                   `json:"off_topic_precision"`
		OffTopicRecall    float64                   `json:"off_topic_recall"`
		NoAnswerTP        int                       `json:"no_answer_tp"`
		NoAnswerPredicted int                       `json:"no_answer_predicted"`
		NoAnswerActual    int                       `json:"no_answer_actual"`
		NoAnswerPrecision float64                   `json:"no_answer_precision"`
		NoAnswerRecall    float64                   `json:"no_answer_recall"`
		FalseNoAnswer     int                       `json:"false_no_answer"`
		ByKind            map[answer.Kind]KindCount `json:"by_kind"`
		Confused          []Confusion               `json:"confused"`
		RiskCoverage      []RCPoint                 `json:"risk_coverage"`
		AtTarget          RCPoint                   `json:"at_target_precision"`
		Confident         RCPoint                   `json:"confident"`
		ByContent         int                       `json:"must_fails_content"`
		ByRanking         int                       `json:"must_fails_ranking"`
		ByUncalled        int                       `json:"must_fails_case"`
		NeverSaid         int                       `json:"never_said"`
		CaseReplies       int                       `json:"case_replies"`
		CasePasses        int                       `json:"case_passes"`
		CaseCalls         []CaseCall                `json:"case_calls"`
		CharsP50          int                       `json:"chars_p50"`
		CharsP90          int                       `json:"chars_p90"`
		LongReplies       int                       `json:"long_replies"`
	}
	jsonResult struct {
		Set         string      `json:"set"`
		Key         string      `json:"key"`
		File        string      `json:"file"`
		Line        int         `json:"line"`
		Real        string      `json:"real"`
		Q           string      `json:"q"`
		WantID      string      `json:"want_id"`
		Also        []string    `json:"also"`
		WantKind    answer.Kind `json:"want_kind"`
		Pass        bool        `json:"pass"`
		GotKind     answer.Kind `json:"got_kind"`
		GotID       string      `json:"got_id"`
		GotTitle    string      `json:"got_title"`
		GotFlags    []string    `json:"got_flags,omitempty"`   // the reply's flags: its warnings, do_for_me (answer.Reply.Flags)
		GotOptions  []string    `json:"got_options,omitempty"` // the entries of the reply's buttons, in order
		Score       float64     `json:"score"`
		Margin      float64     `json:"margin"`    // the lead of the reply's entry over the second
		Confident   bool        `json:"confident"` // the engine marked the answer confident
		Rank        int         `json:"rank"`
		MissedGroup int         `json:"missed_group"`
		Said        string      `json:"said_never,omitempty"` // the never phrase the reply held
		Cause       string      `json:"cause,omitempty"`      // a failed must fixture: content or ranking
		StatedBy    []string    `json:"stated_by,omitempty"`  // the entries whose answer states its fact
		GotCases    int         `json:"got_cases,omitempty"`  // how many of the entry's cases led the reply
		ByCase      bool        `json:"by_case,omitempty"`    // a must fixture that passed only through a case
		Chars       int         `json:"chars"`                // the reply text's length in characters
	}
)

func summaryJSON(r Report) jsonSummary {
	s := jsonSummary{
		Total: r.Total, Passed: r.Passed, PassRate: r.PassRate,
		InScope: r.InScope, InScopePassed: r.InScopePassed, InScopePass: r.InScopePass,
		OffTopic: r.OffTopic, OffTopicPassed: r.OffTopicPassed, OffTopicPass: r.OffTopicPass,
		IDFixtures: r.IDFixtures, Top1Hits: r.Top1Hits, Top1: r.Top1, FirstHits: r.FirstHits, First: r.First,
		RecallAt3Hits: r.RecallAt3Hits, RecallAt3: r.RecallAt3, OneTapHits: r.OneTapHits, OneTap: r.OneTap, MRR: r.MRR,
		OffTopicTP: r.OffTopicTP, OffTopicPredicted: r.OffTopicPredicted,
		OffTopicPrecision: r.OffTopicPrecision, OffTopicRecall: r.OffTopicRecall,
		NoAnswerTP: r.NoAnswerTP, NoAnswerPredicted: r.NoAnswerPredicted, NoAnswerActual: r.NoAnswerActual,
		NoAnswerPrecision: r.NoAnswerPrecision, NoAnswerRecall: r.NoAnswerRecall,
		FalseNoAnswer: r.FalseNoAnswer,
		ByKind:        r.ByKind,
		Confused:      append([]Confusion{}, r.Confused...),
		RiskCoverage:  append([]RCPoint{}, r.RiskCoverage...),
		AtTarget:      r.AtTarget,
		Confident:     r.Confident,
		ByContent:     r.ByContent,
		ByRanking:     r.ByRanking,
		ByUncalled:    r.ByUncalled,
		NeverSaid:     r.NeverSaid,
		CaseReplies:   r.CaseReplies,
		CasePasses:    r.CasePasses,
		CaseCalls:     append([]CaseCall{}, r.CaseCalls...),
		CharsP50:      r.CharsP50,
		CharsP90:      r.CharsP90,
		LongReplies:   r.LongReplies,
	}
	if s.ByKind == nil {
		s.ByKind = map[answer.Kind]KindCount{}
	}
	return s
}

// optionIDs are the entries of a reply's buttons.
func optionIDs(opts []answer.Option) []string {
	var ids []string
	for _, o := range opts {
		ids = append(ids, o.ID)
	}
	return ids
}

// WriteJSON writes the report as one indented JSON object: "sets" (name and summary of each),
// "total" (the summary over every set) and "results" (one per fixture, with its set and a
// stable key that --baseline matches runs by).
func (rs Runs) WriteJSON(w io.Writer) error {
	out := jsonRuns{Total: summaryJSON(rs.Total), Sets: []jsonSet{}, Results: []jsonResult{}}
	for _, s := range rs.Sets {
		out.Sets = append(out.Sets, jsonSet{Name: s.Name, Summary: summaryJSON(s.Report)})
		for _, res := range s.Results {
			f := res.Fixture
			out.Results = append(out.Results, jsonResult{
				Set: s.Name, Key: key(s.Name, f), File: f.File, Line: f.Line, Real: f.Real, Q: f.Q,
				WantID: f.ID, Also: append([]string{}, f.Also...), WantKind: f.Kind,
				Pass:    res.Pass,
				GotKind: res.Reply.Kind, GotID: res.Reply.ID, GotTitle: res.Reply.Title,
				GotFlags: res.Reply.Flags, GotOptions: optionIDs(res.Reply.Options),
				Score: res.Reply.Score, Margin: res.Reply.Margin, Confident: res.Reply.Confident,
				Rank: res.Rank, MissedGroup: res.MissedGroup, Said: res.Said, Cause: res.Cause, StatedBy: res.StatedBy,
				GotCases: len(res.Reply.Cases), ByCase: res.ByCase, Chars: utf8.RuneCountInString(res.Reply.Text),
			})
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}
