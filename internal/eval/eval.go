// Package eval owns the evaluation of the engine against the query fixtures: loading and
// checking the fixtures (problems as file:line: message), the sets they form (the testers' own
// fixtures in faq/fixtures/, the real citizen questions' tuning and check halves in
// faq/fixtures/real/), running them through anything that answers, scoring the replies, the
// bars a run must reach (internal/eval/bars.yaml), the comparison with an earlier run, and the
// report, as text for people and as JSON for tools. Command is `vneidbot eval` whole, so that
// cmd only binds flags. Evaluation is deterministic: the same engine and fixtures give the same
// report, byte for byte, so reports can be diffed and kept as golden files.
//
// How a fixture passes:
//   - must (phrase groups; the real in-scope questions): the reply answers with an entry (kind
//     answer, or safety carrying an entry) and its text holds one phrase of every group, compared
//     diacritic-folded (đ → d), lower-cased, spaces collapsed, as a substring. On a real question
//     (Real set) id and also are labels for the ranking metrics only; on a tester's fixture with
//     must and id both must hold.
//   - expect (off-topic messages): the reply does not answer with an entry. When the expect
//     text's leading label names a kind (greeting, thanks, goodbye, smalltalk → smalltalk;
//     fallback → fallback; safety → safety) or the fixture gives kind, the reply must have that
//     kind; a safety reply may then carry the entry the expect text asks it to explain.
//   - id (and optional also): the reply is an answer or a safety reply whose ID is the id or
//     one of also. A clarification that offers the id still fails: the citizen had to choose.
//     With kind answer or safety, the reply's kind must also be that one.
//   - id with kind clarify: the reply is a clarification offering the id or one of also.
//   - kind alone: the reply has that kind; an expected fallback must also name no entry.
//
// Metrics, besides the pass rate:
//   - in-scope pass (fixtures that want an answer) and off-topic pass (fixtures that must not
//     get an entry), the two figures the product is judged on;
//   - over the fixtures with an id: top-1 (the reply's ID is accepted and the reply is an answer
//     or safety), ranked first (an accepted id is the first of Reply.Ranked, whatever the reply:
//     top-1 below it is what the decision and the answer rules lose), recall@3 (an accepted id is among the first three of Reply.Ranked) and MRR
//     (mean of 1/rank, 0 when no accepted id is ranked). When the engine ranks nothing but
//     answers with an accepted id, that id counts as rank 1.
//   - off-topic, with "must not get an entry" as the positive class: precision (of the replies
//     without an entry, how many were to off-topic messages) and recall (of the off-topic
//     messages, how many got no entry);
//   - the no-answer decision, with "expected fallback" as the positive class: precision and
//     recall, and the false no-answers, fixtures with an id that got a fallback;
//   - risk–coverage: at each confidence cut, if only the answers with Score at or above it were
//     given, how many would be given (coverage, over all fixtures), how many of those are right
//     (precision) and the share of in-scope questions answered right.
//
// A share over nothing (0 of 0) is 1: no fixture went wrong. The text report says so when it
// happens.
package eval

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/vneidbot/vneidbot/internal/answer"
)

// Answerer is what the evaluation needs from the engine.
type Answerer interface {
	Answer(ctx context.Context, text string) answer.Reply
}

// Result is one fixture with the reply it got.
type Result struct {
	Fixture Fixture
	Reply   answer.Reply
	Pass    bool
	Rank    int    // 1-based rank of the first accepted id in Reply.Ranked, 0 if absent or no id wanted
	Got     string // what the reply was, short: kind and id, or the options of a clarification
	// Said is the phrase of the fixture's never that the reply's text holds ("" if none): the
	// fixture fails whatever else holds.
	Said string
	// MissedGroup is the first must group the reply text lacks (0-based), -1 when none is
	// missing or the fixture has no must.
	MissedGroup int
	// StatedBy are the entries whose answer states the fact a failed must fixture asks (holds
	// every group), set by Runs.Attribute; Cause says what to mend (CauseContent, CauseRanking).
	StatedBy []string
	Cause    string
	// ByCase: a must fixture that passes only through a case of the entry (faq cases:), its
	// fact absent from the rest of the reply.
	ByCase bool
}

// What a failed must fixture needs, by whether some entry's answer states the fact it asks.
const (
	CauseContent = "content" // no entry states it: an answer needs the fact
	CauseRanking = "ranking" // an entry states it, but another reply was given: ranking or decision
	// CauseCase: the entry answered states it in a case the message did not call: a when phrase
	// to add (faq cases:).
	CauseCase = "case"
)

// KindCount counts the fixtures expecting one kind of reply.
type KindCount struct {
	Total  int `json:"total"`
	Passed int `json:"passed"`
}

// CaseCall is how many replies one case of an entry led (faq cases:): the broadest triggers
// come first in a report, where a when phrase calls a case for more than its situation.
type CaseCall struct {
	Entry string `json:"entry"`
	Case  int    `json:"case"` // its place in the entry's cases: (1 for the first)
	Count int    `json:"count"`
}

// Confusion is a pair (wanted, got) seen among the failures, with how often. An entry is named
// by its id, a reply without an entry by its kind in parentheses: "(fallback)".
type Confusion struct {
	Want  string `json:"want"`
	Got   string `json:"got"`
	Count int    `json:"count"`
}

// Report is the outcome of a run: every result, in fixture order, and the metrics.
type Report struct {
	Results []Result

	Total, Passed int
	PassRate      float64

	// In-scope questions (want an answer with an entry) and off-topic messages (must not get one).
	InScope, InScopePassed   int
	InScopePass              float64
	OffTopic, OffTopicPassed int
	OffTopicPass             float64

	// The off-topic decision; positive is "no entry answered".
	OffTopicTP        int // off-topic message, no entry answered
	OffTopicPredicted int // no entry answered
	OffTopicPrecision float64
	OffTopicRecall    float64

	// Over the fixtures with an id.
	IDFixtures                         int
	Top1Hits, FirstHits, RecallAt3Hits int
	Top1, First, RecallAt3, MRR        float64
	// OneTap: an accepted entry is answered, or is one of the buttons of an answer or a
	// clarification: the citizen reaches it in one tap at most (see oneTap).
	OneTapHits int
	OneTap     float64

	// The no-answer decision; positive is "a fallback".
	NoAnswerTP        int // expected fallback, got fallback
	NoAnswerPredicted int // got fallback
	NoAnswerActual    int // expected fallback
	NoAnswerPrecision float64
	NoAnswerRecall    float64
	FalseNoAnswer     int // fixtures with an id that got a fallback

	// ByKind counts the fixtures by the kind they expect (answer for an id without kind).
	ByKind map[answer.Kind]KindCount

	// Confused lists the failures by (want, got) pair, most frequent first, then by name.
	Confused []Confusion

	// RiskCoverage has one point per cut of Cuts.
	RiskCoverage []RCPoint
	// AtTarget is the lowest cut, among the scores of the answers given, at which the answers
	// still reach TargetPrecision: the most the bot could answer at that precision. Answered
	// is 0 when no cut reaches it.
	AtTarget RCPoint
	// Confident counts the answers the engine itself marked confident (Settings.Confident):
	// how often they are right, and what share of the fixtures they cover.
	Confident RCPoint

	// Failed must fixtures by cause (after Runs.Attribute): the fact in no entry's answer, in
	// one that was not given, or in a case of the entry given that the message did not call.
	ByContent, ByRanking, ByUncalled int
	// NeverSaid counts the fixtures failed because the reply held one of their never phrases.
	NeverSaid int
	// CaseReplies counts the replies that carried one of the entry's cases; CasePasses the must
	// fixtures that passed only through one.
	CaseReplies, CasePasses int
	// CaseCalls counts, per case, the replies it led, most first.
	CaseCalls []CaseCall
	// Over the replies with an entry (answers and warnings with one): their length in
	// characters, half shorter than CharsP50, nine in ten than CharsP90, and how many are longer
	// than LongReply.
	CharsP50, CharsP90, LongReplies int
}

// LongReply is the length, in characters, past which a reply with an entry is counted long:
// about two screens of a phone, where a citizen stops reading (usability tests, rounds 38–41).
const LongReply = 1500

// TargetPrecision is how often an answer must be right (issue 8: "when the bot answers, it is
// right ≥ 95% of the time"); the report gives the coverage reached at it.
const TargetPrecision = 0.95

// Cuts are the confidence cuts of the risk–coverage table.
var Cuts = []float64{0, 0.3, 0.5, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95}

// RCPoint is one row of the risk–coverage table: what would happen if only the answers with a
// score of at least Cut were given (the others becoming a clarification or a fallback).
type RCPoint struct {
	Cut       float64 `json:"cut"`
	Answered  int     `json:"answered"`  // answers with an entry at or above the cut
	Right     int     `json:"right"`     // of those, the ones that pass
	Precision float64 `json:"precision"` // Right / Answered
	Coverage  float64 `json:"coverage"`  // Answered / all fixtures
	Recall    float64 `json:"recall"`    // Right / in-scope fixtures
}

// Run asks a for each fixture, in order, and scores the replies. When ctx is cancelled it stops
// and reports on the fixtures asked so far; callers check ctx.Err().
func Run(ctx context.Context, a Answerer, fixtures []Fixture) Report {
	results := make([]Result, 0, len(fixtures))
	for _, f := range fixtures {
		if ctx.Err() != nil {
			break
		}
		results = append(results, judge(f, a.Answer(ctx, f.Q)))
	}
	return summarize(results)
}

// answered reports whether the reply gives an entry's guidance.
func answered(r answer.Reply) bool {
	return r.Kind == answer.KindAnswer || r.Kind == answer.KindSafety
}

// top1Hit reports whether r answers with an entry f accepts, or offers one as the guide to a
// do-for-me request.
func top1Hit(f Fixture, r answer.Reply) bool {
	return answered(r) && f.accepts(r.ID) || r.Guide != "" && f.accepts(r.Guide)
}

// oneTap reports whether the citizen reaches an entry f accepts from reply r in one tap at most:
// it is answered (or offered as the guide), or it is one of the buttons of an answer or a
// clarification (a clarification's choices, an unsure answer's nearest topics, an answer's
// related entries), or of an unsure fallback (its nearest topics, Reply.Nearest). Another
// fallback's or a lone warning's buttons are the popular topics whatever was asked: counting
// them would reward turning wrong answers into fallbacks.
func oneTap(f Fixture, r answer.Reply) bool {
	if top1Hit(f, r) {
		return true
	}
	if r.Kind != answer.KindClarify && !withEntry(r) && !r.Nearest {
		return false
	}
	return slices.ContainsFunc(r.Options, func(o answer.Option) bool { return f.accepts(o.ID) })
}

// withEntry reports whether the reply answers with an entry: an answer, or a safety reply
// carrying an entry.
func withEntry(r answer.Reply) bool { return answered(r) && r.ID != "" }

// judge scores one reply against its fixture.
func judge(f Fixture, r answer.Reply) Result {
	res := Result{Fixture: f, Reply: r, Got: describeReply(r), MissedGroup: -1}
	if f.ID != "" {
		res.Rank = rank(f, r)
	}
	switch {
	case f.Expect != "":
		want := f.expectedKind()
		if want == answer.KindSafety {
			res.Pass = r.Kind == answer.KindSafety
		} else {
			res.Pass = !withEntry(r) && (want == KindNoEntry || r.Kind == want)
		}
	case len(f.Must) > 0:
		ok, missed := mustHolds(f.Must, r.Text)
		if withEntry(r) {
			res.MissedGroup = missed
		}
		res.Pass = withEntry(r) && ok && (f.Kind == "" || r.Kind == f.Kind) && (f.IsReal() || f.ID == "" || f.accepts(r.ID))
		if res.Pass && len(r.Cases) > 0 {
			rest := r.Text
			for _, c := range r.Cases {
				rest = strings.Replace(rest, c, "", 1)
			}
			held, _ := mustHolds(f.Must, rest)
			res.ByCase = !held
		}
	case f.ID == "":
		res.Pass = r.Kind == f.Kind && (f.Kind != answer.KindFallback || r.ID == "")
	case f.Kind == answer.KindClarify:
		res.Pass = r.Kind == answer.KindClarify && slices.ContainsFunc(r.Options, func(o answer.Option) bool {
			return f.accepts(o.ID)
		})
	case f.Kind == answer.KindSafety && r.Guide != "":
		// A request to do the procedure: the bot offers its guide instead of answering.
		res.Pass = r.Kind == answer.KindSafety && f.accepts(r.Guide)
	default:
		res.Pass = answered(r) && f.accepts(r.ID) && (f.Kind == "" || r.Kind == f.Kind)
	}
	if res.Said = saysNever(f.Never, r.Text); res.Said != "" {
		res.Pass = false
	}
	return res
}

// rank is the 1-based position of the first accepted id in r.Ranked, 0 if none.
func rank(f Fixture, r answer.Reply) int {
	if len(r.Ranked) == 0 && answered(r) && f.accepts(r.ID) {
		return 1
	}
	for i, o := range r.Ranked {
		if f.accepts(o.ID) {
			return i + 1
		}
	}
	return 0
}

// describeReply is the short form of a reply used in reports: "answer cccd-cap-lai",
// "clarify [a, b]", "fallback".
func describeReply(r answer.Reply) string {
	s := string(r.Kind)
	if r.ID != "" {
		s += " " + r.ID
	}
	if r.Guide != "" {
		s += " (guide " + r.Guide + ")"
	}
	if r.Kind == answer.KindClarify && len(r.Options) > 0 {
		s += " ["
		for i, o := range r.Options {
			if i > 0 {
				s += ", "
			}
			s += o.ID
		}
		s += "]"
	}
	return s
}

// share is n/d, and 1 when d is 0: nothing to get wrong.
func share(n, d int) float64 {
	if d == 0 {
		return 1
	}
	return float64(n) / float64(d)
}

// summarize computes the metrics of a set of results.
func summarize(results []Result) Report {
	rep := Report{Results: results, Total: len(results), ByKind: map[answer.Kind]KindCount{}}
	var rr float64
	confused := map[[2]string]int{}
	calls := map[CaseCall]int{} // keyed by entry and place, Count left 0
	var chars []int
	rep.RiskCoverage = make([]RCPoint, len(Cuts))
	for i, c := range Cuts {
		rep.RiskCoverage[i].Cut = c
	}
	for _, res := range results {
		f, r := res.Fixture, res.Reply
		kc := rep.ByKind[f.expectedKind()]
		kc.Total++
		if res.Pass {
			rep.Passed++
			kc.Passed++
		}
		rep.ByKind[f.expectedKind()] = kc

		if f.ID != "" {
			rep.IDFixtures++
			if top1Hit(f, r) {
				rep.Top1Hits++
			}
			if res.Rank == 1 {
				rep.FirstHits++
			}
			if oneTap(f, r) {
				rep.OneTapHits++
			}
			if res.Rank >= 1 && res.Rank <= 3 {
				rep.RecallAt3Hits++
			}
			if res.Rank > 0 {
				rr += 1 / float64(res.Rank)
			}
			if r.Kind == answer.KindFallback {
				rep.FalseNoAnswer++
			}
		}
		if f.wantsAnswer() {
			rep.InScope++
			if res.Pass {
				rep.InScopePassed++
			}
		}
		if f.offTopic() {
			rep.OffTopic++
			if res.Pass {
				rep.OffTopicPassed++
			}
			if !withEntry(r) {
				rep.OffTopicTP++
			}
		}
		if !withEntry(r) {
			rep.OffTopicPredicted++
		}
		if withEntry(r) && r.Confident {
			rep.Confident.Answered++
			if res.Pass {
				rep.Confident.Right++
			}
		}
		for i := range rep.RiskCoverage {
			p := &rep.RiskCoverage[i]
			if withEntry(r) && r.Score >= p.Cut {
				p.Answered++
				if res.Pass {
					p.Right++
				}
			}
		}
		wantFallback := f.Kind == answer.KindFallback
		gotFallback := r.Kind == answer.KindFallback
		if wantFallback {
			rep.NoAnswerActual++
		}
		if gotFallback {
			rep.NoAnswerPredicted++
		}
		if wantFallback && gotFallback {
			rep.NoAnswerTP++
		}
		if withEntry(r) {
			n := utf8.RuneCountInString(r.Text)
			chars = append(chars, n)
			if n > LongReply {
				rep.LongReplies++
			}
		}
		if len(r.Cases) > 0 {
			rep.CaseReplies++
		}
		for _, n := range r.CaseNums {
			calls[CaseCall{Entry: r.ID, Case: n}]++
		}
		if res.ByCase {
			rep.CasePasses++
		}
		if res.Said != "" {
			rep.NeverSaid++
		}
		switch res.Cause {
		case CauseContent:
			rep.ByContent++
		case CauseRanking:
			rep.ByRanking++
		case CauseCase:
			rep.ByUncalled++
		}
		if !res.Pass {
			got := gotLabel(r)
			if len(f.Must) > 0 && withEntry(r) && f.accepts(r.ID) {
				got += " (lacks a must phrase)"
			}
			confused[[2]string{wantLabel(f), got}]++
		}
	}
	rep.PassRate = share(rep.Passed, rep.Total)
	rep.Top1 = share(rep.Top1Hits, rep.IDFixtures)
	rep.First = share(rep.FirstHits, rep.IDFixtures)
	rep.RecallAt3 = share(rep.RecallAt3Hits, rep.IDFixtures)
	rep.OneTap = share(rep.OneTapHits, rep.IDFixtures)
	rep.MRR = 1
	if rep.IDFixtures > 0 {
		rep.MRR = rr / float64(rep.IDFixtures)
	}
	rep.AtTarget = atPrecision(results, TargetPrecision, rep.Total, rep.InScope)
	c := &rep.Confident
	c.Precision, c.Coverage, c.Recall = share(c.Right, c.Answered), share(c.Answered, rep.Total), share(c.Right, rep.InScope)
	rep.InScopePass = share(rep.InScopePassed, rep.InScope)
	rep.OffTopicPass = share(rep.OffTopicPassed, rep.OffTopic)
	rep.OffTopicPrecision = share(rep.OffTopicTP, rep.OffTopicPredicted)
	rep.OffTopicRecall = share(rep.OffTopicTP, rep.OffTopic)
	for i := range rep.RiskCoverage {
		p := &rep.RiskCoverage[i]
		p.Precision = share(p.Right, p.Answered)
		p.Coverage = share(p.Answered, rep.Total)
		p.Recall = share(p.Right, rep.InScope)
	}
	rep.NoAnswerPrecision = share(rep.NoAnswerTP, rep.NoAnswerPredicted)
	rep.NoAnswerRecall = share(rep.NoAnswerTP, rep.NoAnswerActual)

	rep.Confused = confusionList(confused)
	rep.CaseCalls = caseCallList(calls)
	if len(chars) > 0 {
		slices.Sort(chars)
		rep.CharsP50, rep.CharsP90 = chars[len(chars)/2], chars[len(chars)*9/10]
	}
	return rep
}

// caseCallList turns counts by case into a list, most calls first, then by entry and place.
func caseCallList(n map[CaseCall]int) []CaseCall {
	var cs []CaseCall
	for c, k := range n {
		c.Count = k
		cs = append(cs, c)
	}
	slices.SortFunc(cs, func(a, b CaseCall) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Entry, b.Entry), cmp.Compare(a.Case, b.Case))
	})
	return cs
}

// confusionList turns counts by (want, got) into confusion pairs, most frequent first, then
// by name.
func confusionList(n map[[2]string]int) []Confusion {
	var cs []Confusion
	for pair, k := range n {
		cs = append(cs, Confusion{Want: pair[0], Got: pair[1], Count: k})
	}
	slices.SortFunc(cs, func(a, b Confusion) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Want, b.Want), cmp.Compare(a.Got, b.Got))
	})
	return cs
}

// wantLabel names what a fixture wanted in a confusion pair.
func wantLabel(f Fixture) string {
	if f.ID != "" {
		return f.ID
	}
	return "(" + string(f.expectedKind()) + ")"
}

// gotLabel names what a reply gave in a confusion pair: the entry answered, else the kind.
func gotLabel(r answer.Reply) string {
	if answered(r) && r.ID != "" {
		return r.ID
	}
	return "(" + string(r.Kind) + ")"
}

// atPrecision finds the lowest score cut at which the answers given (with an entry, score at or
// above the cut) are right at least target of the time.
func atPrecision(results []Result, target float64, total, inScope int) RCPoint {
	type ans struct {
		score float64
		right bool
	}
	var as []ans
	for _, res := range results {
		if withEntry(res.Reply) {
			as = append(as, ans{res.Reply.Score, res.Pass})
		}
	}
	slices.SortFunc(as, func(a, b ans) int { return cmp.Compare(b.score, a.score) })
	best := RCPoint{Cut: 1, Precision: 1}
	right := 0
	for i, a := range as {
		if a.right {
			right++
		}
		if i+1 < len(as) && as[i+1].score == a.score {
			continue // a cut takes every answer of the same score
		}
		if p := float64(right) / float64(i+1); p >= target {
			best = RCPoint{Cut: a.score, Answered: i + 1, Right: right, Precision: p,
				Coverage: share(i+1, total), Recall: share(right, inScope)}
		}
	}
	return best
}
