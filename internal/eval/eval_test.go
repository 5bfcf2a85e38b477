package eval

import (
	"context"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/vneidbot/vneidbot/internal/answer"
)

// fakeAnswerer answers from a table; a query it does not know gets a fallback.
type fakeAnswerer map[string]answer.Reply

func (f fakeAnswerer) Answer(_ context.Context, text string) answer.Reply {
	r, ok := f[text]
	if !ok {
		r = answer.Reply{Kind: answer.KindFallback}
	}
	r.Query = text
	return r
}

func ranked(ids ...string) []answer.Option {
	opts := make([]answer.Option, len(ids))
	for i, id := range ids {
		opts[i] = answer.Option{ID: id, Title: "title of " + id}
	}
	return opts
}

func TestJudge(t *testing.T) {
	const (
		ans  = answer.KindAnswer
		clar = answer.KindClarify
		fb   = answer.KindFallback
		safe = answer.KindSafety
		talk = answer.KindSmalltalk
	)
	for _, tc := range []struct {
		name     string
		fixture  Fixture
		reply    answer.Reply
		wantPass bool
		wantRank int
		wantGot  string
	}{
		{"id answered", Fixture{ID: "a"}, answer.Reply{Kind: ans, ID: "a", Ranked: ranked("a", "b")}, true, 1, "answer a"},
		{"id answered via also", Fixture{ID: "a", Also: []string{"b"}}, answer.Reply{Kind: ans, ID: "b", Ranked: ranked("b", "a")}, true, 1, "answer b"},
		{"id answered with a safety warning", Fixture{ID: "a"}, answer.Reply{Kind: safe, ID: "a", Ranked: ranked("a")}, true, 1, "safety a"},
		{"kind answer wanted, safety given", Fixture{ID: "a", Kind: ans}, answer.Reply{Kind: safe, ID: "a", Ranked: ranked("a")}, false, 1, "safety a"},
		{"kind safety wanted and given", Fixture{ID: "a", Kind: safe}, answer.Reply{Kind: safe, ID: "a", Ranked: ranked("a")}, true, 1, "safety a"},
		{"kind safety wanted, answer given", Fixture{ID: "a", Kind: safe}, answer.Reply{Kind: ans, ID: "a", Ranked: ranked("a")}, false, 1, "answer a"},
		{"do-for-me: the guide offered", Fixture{ID: "a", Kind: safe}, answer.Reply{Kind: safe, Guide: "a", Options: ranked("a", "b"), Flags: []string{answer.FlagDoForMe}, Ranked: ranked("a", "b")}, true, 1, "safety (guide a)"},
		{"do-for-me: another guide offered", Fixture{ID: "a", Kind: safe}, answer.Reply{Kind: safe, Guide: "b", Options: ranked("b", "a"), Flags: []string{answer.FlagDoForMe}, Ranked: ranked("b", "a")}, false, 2, "safety (guide b)"},
		{"do-for-me warning with suggested topics is no guide", Fixture{ID: "a", Kind: safe}, answer.Reply{Kind: safe, Options: ranked("a"), Flags: []string{answer.FlagDoForMe, "card_photo"}, Ranked: ranked("a")}, false, 1, "safety"},
		{"clarify offering the id fails top-1", Fixture{ID: "a"}, answer.Reply{Kind: clar, Options: ranked("b", "a"), Ranked: ranked("b", "a")}, false, 2, "clarify [b, a]"},
		{"clarify wanted, offering an also id", Fixture{ID: "a", Also: []string{"c"}, Kind: clar}, answer.Reply{Kind: clar, Options: ranked("b", "c"), Ranked: ranked("b", "c")}, true, 2, "clarify [b, c]"},
		{"clarify wanted, not offering the id", Fixture{ID: "a", Kind: clar}, answer.Reply{Kind: clar, Options: ranked("b", "c"), Ranked: ranked("b", "c", "a")}, false, 3, "clarify [b, c]"},
		{"clarify wanted, answer given", Fixture{ID: "a", Kind: clar}, answer.Reply{Kind: ans, ID: "a", Ranked: ranked("a")}, false, 1, "answer a"},
		{"wrong entry, right one third", Fixture{ID: "a"}, answer.Reply{Kind: ans, ID: "b", Ranked: ranked("b", "c", "a")}, false, 3, "answer b"},
		{"wrong entry, right one fourth", Fixture{ID: "a"}, answer.Reply{Kind: ans, ID: "b", Ranked: ranked("b", "c", "d", "a")}, false, 4, "answer b"},
		{"right entry, engine ranks nothing", Fixture{ID: "a"}, answer.Reply{Kind: ans, ID: "a"}, true, 1, "answer a"},
		{"wrong entry, engine ranks nothing", Fixture{ID: "a"}, answer.Reply{Kind: ans, ID: "b"}, false, 0, "answer b"},
		{"id wanted, fallback given", Fixture{ID: "a"}, answer.Reply{Kind: fb, Ranked: ranked("b")}, false, 0, "fallback"},
		{"id wanted, answer with no id", Fixture{ID: "a"}, answer.Reply{Kind: ans}, false, 0, "answer"},
		{"fallback wanted and given", Fixture{Kind: fb}, answer.Reply{Kind: fb, Ranked: ranked("a")}, true, 0, "fallback"},
		{"fallback wanted, given with an entry", Fixture{Kind: fb}, answer.Reply{Kind: fb, ID: "a"}, false, 0, "fallback a"},
		{"fallback wanted, answer given", Fixture{Kind: fb}, answer.Reply{Kind: ans, ID: "a"}, false, 0, "answer a"},
		{"smalltalk wanted and given", Fixture{Kind: talk}, answer.Reply{Kind: talk}, true, 0, "smalltalk"},
		{"any answer wanted", Fixture{Kind: ans}, answer.Reply{Kind: ans, ID: "z"}, true, 0, "answer z"},
		{"clarify wanted, any options", Fixture{Kind: clar}, answer.Reply{Kind: clar, Options: ranked("x", "y")}, true, 0, "clarify [x, y]"},
		{"clarify wanted, answer given (kind only)", Fixture{Kind: clar}, answer.Reply{Kind: ans, ID: "x"}, false, 0, "answer x"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := judge(tc.fixture, tc.reply)
			if got.Pass != tc.wantPass || got.Rank != tc.wantRank || got.Got != tc.wantGot {
				t.Errorf("judge = pass %v, rank %d, got %q; want pass %v, rank %d, got %q",
					got.Pass, got.Rank, got.Got, tc.wantPass, tc.wantRank, tc.wantGot)
			}
		})
	}
}

// TestJudgeByCase: a must fixture that passes only through a case of the entry is counted as
// passed by a case; one whose fact the answer states too, or that fails, is not.
func TestJudgeByCase(t *testing.T) {
	must := [][]string{{"mống mắt"}}
	for _, tc := range []struct {
		name           string
		reply          answer.Reply
		pass, byCase   bool
		replies, cases int
	}{
		{"fact only in the case", answer.Reply{Kind: answer.KindAnswer, ID: "a", Text: "Vân tay mờ: thu mống mắt.\n\nLàm thẻ.", Cases: []string{"Vân tay mờ: thu mống mắt."}}, true, true, 1, 1},
		{"fact in the answer too", answer.Reply{Kind: answer.KindAnswer, ID: "a", Text: "Vân tay mờ: thu mống mắt.\n\nLàm thẻ, thu mống mắt.", Cases: []string{"Vân tay mờ: thu mống mắt."}}, true, false, 1, 0},
		{"a case, the fact nowhere", answer.Reply{Kind: answer.KindAnswer, ID: "a", Text: "Râu: được.\n\nLàm thẻ.", Cases: []string{"Râu: được."}}, false, false, 1, 0},
		{"no case", answer.Reply{Kind: answer.KindAnswer, ID: "a", Text: "Làm thẻ, thu mống mắt."}, true, false, 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := Fixture{ID: "a", Must: must}
			got := judge(f, tc.reply)
			if got.Pass != tc.pass || got.ByCase != tc.byCase {
				t.Errorf("judge = pass %v, by case %v; want %v, %v", got.Pass, got.ByCase, tc.pass, tc.byCase)
			}
			rep := summarize([]Result{got})
			if rep.CaseReplies != tc.replies || rep.CasePasses != tc.cases {
				t.Errorf("Summarize: cases used %d, passes %d; want %d, %d", rep.CaseReplies, rep.CasePasses, tc.replies, tc.cases)
			}
		})
	}
}

// TestCaseCalls: the report counts, per case of an entry, the replies it led, most first, then by
// entry and place.
func TestCaseCalls(t *testing.T) {
	reply := func(id string, nums ...int) Result {
		return Result{Reply: answer.Reply{Kind: answer.KindAnswer, ID: id, CaseNums: nums}}
	}
	rep := summarize([]Result{reply("b", 1), reply("a", 2), reply("a", 1, 2), reply("c"), reply("b", 1)})
	want := []CaseCall{{"a", 2, 2}, {"b", 1, 2}, {"a", 1, 1}}
	if !slices.Equal(rep.CaseCalls, want) {
		t.Errorf("CaseCalls = %+v, want %+v", rep.CaseCalls, want)
	}
}

// TestReplyChars: the length figures count the replies with an entry, in characters (not
// bytes: Vietnamese letters take two or three), and a reply just past LongReply is long.
func TestReplyChars(t *testing.T) {
	reply := func(kind answer.Kind, id string, n int) Result {
		return Result{Reply: answer.Reply{Kind: kind, ID: id, Text: strings.Repeat("ệ", n)}}
	}
	rep := summarize([]Result{
		reply(answer.KindAnswer, "a", 100),
		reply(answer.KindAnswer, "a", LongReply),
		reply(answer.KindSafety, "b", LongReply+1),
		reply(answer.KindFallback, "", 5000), // no entry: not counted
		reply(answer.KindAnswer, "c", 300),
		reply(answer.KindAnswer, "d", 200),
	})
	if rep.CharsP50 != 300 || rep.CharsP90 != LongReply+1 || rep.LongReplies != 1 {
		t.Errorf("chars p50 %d, p90 %d, long %d; want 300, %d, 1", rep.CharsP50, rep.CharsP90, rep.LongReplies, LongReply+1)
	}
}

// summaryOf is the part of a report that TestSummarize compares.
type summaryOf struct {
	Total, Passed                                  int
	PassRate                                       float64
	IDFixtures, Top1Hits, FirstHits, RecallAt3Hits int
	Top1, First, RecallAt3, MRR                    float64
	NoAnswerTP, NoAnswerPredicted, NoAnswerActual  int
	NoAnswerPrecision, NoAnswerRecall              float64
	FalseNoAnswer                                  int
}

func summary(r Report) summaryOf {
	return summaryOf{
		r.Total, r.Passed, r.PassRate,
		r.IDFixtures, r.Top1Hits, r.FirstHits, r.RecallAt3Hits,
		r.Top1, r.First, r.RecallAt3, r.MRR,
		r.NoAnswerTP, r.NoAnswerPredicted, r.NoAnswerActual,
		r.NoAnswerPrecision, r.NoAnswerRecall,
		r.FalseNoAnswer,
	}
}

func TestSummarize(t *testing.T) {
	type pair struct {
		f Fixture
		r answer.Reply
	}
	for _, tc := range []struct {
		name  string
		pairs []pair
		want  summaryOf
	}{
		{
			name: "nothing: every share over nothing is 1",
			want: summaryOf{PassRate: 1, Top1: 1, First: 1, RecallAt3: 1, MRR: 1, NoAnswerPrecision: 1, NoAnswerRecall: 1},
		},
		{
			name: "ranks 1, 2, 4 and absent",
			pairs: []pair{
				{Fixture{ID: "a"}, answer.Reply{Kind: answer.KindAnswer, ID: "a", Ranked: ranked("a", "b")}},
				{Fixture{ID: "a"}, answer.Reply{Kind: answer.KindClarify, Options: ranked("b", "a"), Ranked: ranked("b", "a")}},
				{Fixture{ID: "a"}, answer.Reply{Kind: answer.KindAnswer, ID: "b", Ranked: ranked("b", "c", "d", "a")}},
				{Fixture{ID: "a"}, answer.Reply{Kind: answer.KindFallback}},
			},
			want: summaryOf{
				Total: 4, Passed: 1, PassRate: 0.25,
				IDFixtures: 4, Top1Hits: 1, FirstHits: 1, RecallAt3Hits: 2,
				Top1: 0.25, First: 0.25, RecallAt3: 0.5, MRR: (1 + 0.5 + 0.25 + 0) / 4,
				NoAnswerPredicted: 1, NoAnswerPrecision: 0, NoAnswerRecall: 1, // 0 of 1; 0 of 0
				FalseNoAnswer: 1,
			},
		},
		{
			// The right entry ranked first but not given (a veto, a clarification): the
			// decision's loss, which top-1 alone hides.
			name: "ranked first, then a fallback or a clarification",
			pairs: []pair{
				{Fixture{ID: "a"}, answer.Reply{Kind: answer.KindFallback, Ranked: ranked("a", "b")}},
				{Fixture{ID: "a"}, answer.Reply{Kind: answer.KindClarify, Options: ranked("a", "b"), Ranked: ranked("a", "b")}},
				{Fixture{ID: "a"}, answer.Reply{Kind: answer.KindAnswer, ID: "a", Ranked: ranked("a")}},
			},
			want: summaryOf{
				Total: 3, Passed: 1, PassRate: 1.0 / 3,
				IDFixtures: 3, Top1Hits: 1, FirstHits: 3, RecallAt3Hits: 3,
				Top1: 1.0 / 3, First: 1, RecallAt3: 1, MRR: 1,
				NoAnswerPredicted: 1, NoAnswerPrecision: 0, NoAnswerRecall: 1,
				FalseNoAnswer: 1,
			},
		},
		{
			name: "fallbacks: 2 expected, 3 given, 1 right",
			pairs: []pair{
				{Fixture{Kind: answer.KindFallback}, answer.Reply{Kind: answer.KindFallback}},
				{Fixture{Kind: answer.KindFallback}, answer.Reply{Kind: answer.KindAnswer, ID: "x"}},
				{Fixture{ID: "a"}, answer.Reply{Kind: answer.KindFallback}},
				{Fixture{Kind: answer.KindSmalltalk}, answer.Reply{Kind: answer.KindFallback}},
				{Fixture{Kind: answer.KindSmalltalk}, answer.Reply{Kind: answer.KindSmalltalk}},
			},
			want: summaryOf{
				Total: 5, Passed: 2, PassRate: 0.4,
				IDFixtures: 1, Top1: 0, First: 0, RecallAt3: 0, MRR: 0,
				NoAnswerTP: 1, NoAnswerPredicted: 3, NoAnswerActual: 2,
				NoAnswerPrecision: 1.0 / 3, NoAnswerRecall: 0.5,
				FalseNoAnswer: 1,
			},
		},
		{
			name: "fallback expected, none given: recall 0, precision over nothing",
			pairs: []pair{
				{Fixture{Kind: answer.KindFallback}, answer.Reply{Kind: answer.KindAnswer, ID: "x"}},
			},
			want: summaryOf{
				Total: 1, PassRate: 0,
				Top1: 1, First: 1, RecallAt3: 1, MRR: 1, // no fixture with an id
				NoAnswerActual: 1, NoAnswerPrecision: 1, NoAnswerRecall: 0,
			},
		},
		{
			name: "fallback given with an entry counts as predicted, not as a pass",
			pairs: []pair{
				{Fixture{Kind: answer.KindFallback}, answer.Reply{Kind: answer.KindFallback, ID: "x"}},
			},
			want: summaryOf{
				Total: 1, PassRate: 0, Top1: 1, First: 1, RecallAt3: 1, MRR: 1,
				NoAnswerTP: 1, NoAnswerPredicted: 1, NoAnswerActual: 1, NoAnswerPrecision: 1, NoAnswerRecall: 1,
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var results []Result
			for _, p := range tc.pairs {
				results = append(results, judge(p.f, p.r))
			}
			if got := summary(summarize(results)); got != tc.want {
				t.Errorf("summarize:\n got %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

func TestByKindAndConfused(t *testing.T) {
	fa := fakeAnswerer{
		"q1": {Kind: answer.KindAnswer, ID: "b"},
		"q2": {Kind: answer.KindAnswer, ID: "b"},
		"q3": {Kind: answer.KindAnswer, ID: "c"},
		"q4": {Kind: answer.KindAnswer, ID: "a"},
		"q5": {Kind: answer.KindAnswer, ID: "z"},
		"q7": {Kind: answer.KindSafety, ID: "d", Flags: []string{"personal_data"}},
	}
	fixtures := []Fixture{
		{Q: "q1", ID: "a"},
		{Q: "q2", ID: "a"},
		{Q: "q3", ID: "a"},
		{Q: "q4", ID: "a"},
		{Q: "q5", Kind: answer.KindFallback},
		{Q: "q6", ID: "d"}, // unknown to the fake: fallback
		{Q: "q7", ID: "d", Kind: answer.KindSafety},
	}
	r := Run(context.Background(), fa, fixtures)
	wantKinds := map[answer.Kind]KindCount{
		answer.KindAnswer:   {Total: 5, Passed: 1},
		answer.KindFallback: {Total: 1, Passed: 0},
		answer.KindSafety:   {Total: 1, Passed: 1},
	}
	if !reflect.DeepEqual(r.ByKind, wantKinds) {
		t.Errorf("ByKind = %v, want %v", r.ByKind, wantKinds)
	}
	wantConfused := []Confusion{
		{Want: "a", Got: "b", Count: 2},
		{Want: "(fallback)", Got: "z", Count: 1},
		{Want: "a", Got: "c", Count: 1},
		{Want: "d", Got: "(fallback)", Count: 1},
	}
	if !reflect.DeepEqual(r.Confused, wantConfused) {
		t.Errorf("Confused = %v, want %v", r.Confused, wantConfused)
	}
}

func TestRunStopsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	fixtures := []Fixture{{Q: "a", Kind: answer.KindFallback}, {Q: "b", Kind: answer.KindFallback}, {Q: "c", Kind: answer.KindFallback}}
	r := Run(ctx, cancelAfter{n: 2, cancel: cancel, calls: new(int)}, fixtures)
	if r.Total != 2 || len(r.Results) != 2 {
		t.Errorf("Run after cancel: total %d, %d results; want 2 and 2", r.Total, len(r.Results))
	}
}

// cancelAfter answers fallback and cancels the run's context at its n-th call.
type cancelAfter struct {
	n      int
	cancel context.CancelFunc
	calls  *int
}

func (c cancelAfter) Answer(context.Context, string) answer.Reply {
	*c.calls++
	if *c.calls == c.n {
		c.cancel()
	}
	return answer.Reply{Kind: answer.KindFallback}
}

func TestClosest(t *testing.T) {
	for _, tc := range []struct{ key, want string }{
		{"kidn", "kind"},
		{"ID", "id"},
		{"Q", "q"},
		{"x", ""},
		{"is", "id"},
		{"xy", ""},
		{"als", "also"},
		{"notes", "note"},
		{"comment", ""},
	} {
		if got := closest(tc.key, fields); got != tc.want {
			t.Errorf("closest(%q) = %q, want %q", tc.key, got, tc.want)
		}
	}
}

// TestOneTap: the right entry counts as reached in one tap when it is answered or offered as
// the guide, or is a button of an answer or a clarification; not when it is among a fallback's
// or a lone warning's popular topics.
func TestOneTap(t *testing.T) {
	f := Fixture{Q: "q", ID: "vneid-quen-passcode", Also: []string{"vneid-quen-mat-khau"}}
	opts := func(ids ...string) []answer.Option {
		var o []answer.Option
		for _, id := range ids {
			o = append(o, answer.Option{ID: id})
		}
		return o
	}
	tests := []struct {
		name string
		r    answer.Reply
		want bool
	}{
		{"answered", answer.Reply{Kind: answer.KindAnswer, ID: "vneid-quen-passcode"}, true},
		{"an entry also accepted, answered", answer.Reply{Kind: answer.KindAnswer, ID: "vneid-quen-mat-khau"}, true},
		{"another answered, the right one a button", answer.Reply{Kind: answer.KindAnswer, ID: "vneid-kich-hoat", Options: opts("the-mat-the", "vneid-quen-passcode")}, true},
		{"another answered, not among the buttons", answer.Reply{Kind: answer.KindAnswer, ID: "vneid-kich-hoat", Options: opts("the-mat-the")}, false},
		{"a clarification offering it", answer.Reply{Kind: answer.KindClarify, Options: opts("vneid-kich-hoat", "vneid-quen-passcode")}, true},
		{"a clarification without it", answer.Reply{Kind: answer.KindClarify, Options: opts("vneid-kich-hoat")}, false},
		{"a fallback's popular topics", answer.Reply{Kind: answer.KindFallback, Options: opts("vneid-quen-passcode")}, false},
		{"an unsure fallback's nearest topics offering it", answer.Reply{Kind: answer.KindFallback, Nearest: true, Options: opts("vneid-kich-hoat", "vneid-quen-passcode")}, true},
		{"an unsure fallback's nearest topics without it", answer.Reply{Kind: answer.KindFallback, Nearest: true, Options: opts("vneid-kich-hoat")}, false},
		{"a warning with an entry, the right one a button", answer.Reply{Kind: answer.KindSafety, ID: "vneid-kich-hoat", Options: opts("vneid-quen-passcode")}, true},
		{"a warning alone, its popular topics", answer.Reply{Kind: answer.KindSafety, Options: opts("vneid-quen-passcode")}, false},
		{"offered as the guide to a do-for-me request", answer.Reply{Kind: answer.KindSafety, Guide: "vneid-quen-passcode"}, true},
	}
	for _, tt := range tests {
		if got := oneTap(f, tt.r); got != tt.want {
			t.Errorf("%s: oneTap = %v, want %v", tt.name, got, tt.want)
		}
	}
}
