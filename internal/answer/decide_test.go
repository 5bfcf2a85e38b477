package answer

import (
	"bytes"
	"cmp"
	"context"
	"log/slog"
	"slices"
	"strings"
	"testing"

	"github.com/vneidbot/vneidbot/internal/faq"
)

// classOnly makes confidence equal to the learned model's score, so each test row sets the
// confidence of its candidates directly.
func classOnly() Settings {
	s := DefaultSettings()
	s.RankBM, s.RankCover, s.RankClass = 0, 0, 1
	s.ReplyCache = 0 // the rows swap the engine's search under one message
	return s
}

func hit(id string, class float64) Hit {
	return Hit{ID: id, Score: 1, Coverage: 1, Anchored: true, Class: class}
}

// TestThresholdBoundaries checks every decision threshold just below and just above (or at)
// its value.
func TestThresholdBoundaries(t *testing.T) {
	st := classOnly()
	st.Margin = 0.01          // the default, 0, never asks on a lead alone; the rule is tested as staff may set it
	st.UnsureFallback = false // the question between clarify and answer, as staff may set it (see below)
	const eps = 0.001
	A, C, M := st.Answer, st.Clarify, st.Margin
	tests := []struct {
		name  string
		found Found
		kind  Kind
		opts  int // options offered when clarifying
	}{
		{"answer: at the threshold, far ahead", Found{Hits: []Hit{hit("quen-passcode", A), hit("quen-mk", A-M-eps)}, Words: 3, Known: 3}, KindAnswer, 0},
		{"answer: just below → clarify", Found{Hits: []Hit{hit("quen-passcode", A-eps), hit("quen-mk", A-M-2*eps)}, Words: 3, Known: 3}, KindClarify, 2},
		{"margin: lead just above", Found{Hits: []Hit{hit("quen-passcode", A+0.1), hit("quen-mk", A+0.1-M-eps)}, Words: 3, Known: 3}, KindAnswer, 0},
		{"margin: lead just below → clarify", Found{Hits: []Hit{hit("quen-passcode", A+0.1), hit("quen-mk", A+0.1-M+eps)}, Words: 3, Known: 3}, KindClarify, 2},
		{"clarify: at the threshold", Found{Hits: []Hit{hit("quen-passcode", C), hit("quen-mk", C-0.2)}, Words: 3, Known: 3}, KindClarify, 2},
		{"clarify: just below → fallback", Found{Hits: []Hit{hit("quen-passcode", C-eps), hit("quen-mk", C-0.2)}, Words: 3, Known: 3}, KindFallback, 0},
		{"spread: third within → three options", Found{Hits: []Hit{hit("quen-passcode", A-eps), hit("quen-mk", A-0.01), hit("mat-the", A-eps-st.Spread+eps)}, Words: 3, Known: 3}, KindClarify, 3},
		{"spread: third just outside → two options", Found{Hits: []Hit{hit("quen-passcode", A-eps), hit("quen-mk", A-0.01), hit("mat-the", A-eps-st.Spread-eps)}, Words: 3, Known: 3}, KindClarify, 2},
	}
	e := New(testSet(), nil, st)
	for _, tt := range tests {
		e.search = fakeSearch{"q": tt.found}
		r := e.Answer(context.Background(), "q")
		if r.Kind != tt.kind || len(r.Options) != tt.opts && tt.kind == KindClarify {
			t.Errorf("%s: got %s with %d options, want %s with %d", tt.name, r.Kind, len(r.Options), tt.kind, tt.opts)
		}
	}
}

// TestUnsureFallbackBoundaries: with unsure_fallback (the default) a confidence from clarify up to
// just below answer gets the fallback's words with the nearest topics as buttons (Nearest), below
// clarify the plain fallback with the popular topics, at answer the answer; a vague message is
// still a question.
func TestUnsureFallbackBoundaries(t *testing.T) {
	st := classOnly()
	if !st.UnsureFallback {
		t.Fatal("unsure_fallback is off by default")
	}
	const eps = 0.001
	A, C := st.Answer, st.Clarify
	e := New(testSet(), nil, st)
	tests := []struct {
		name    string
		found   Found
		kind    Kind
		nearest []string // the options of an unsure fallback, in order
	}{
		{"answer: at the threshold", Found{Hits: []Hit{hit("quen-passcode", A), hit("quen-mk", A-0.05)}, Words: 3, Known: 3}, KindAnswer, nil},
		{"answer: just below → unsure fallback", Found{Hits: []Hit{hit("quen-passcode", A-eps), hit("quen-mk", A-0.05)}, Words: 3, Known: 3}, KindFallback, []string{"quen-passcode", "quen-mk"}},
		{"clarify: at the threshold → unsure fallback", Found{Hits: []Hit{hit("quen-passcode", C), hit("quen-mk", C-0.05)}, Words: 3, Known: 3}, KindFallback, []string{"quen-passcode", "quen-mk"}},
		{"clarify: just below → plain fallback", Found{Hits: []Hit{hit("quen-passcode", C-eps), hit("quen-mk", C-0.05)}, Words: 3, Known: 3}, KindFallback, nil},
		{"vague: still a question", Found{Hits: []Hit{{ID: "quen-passcode", Score: 1, Coverage: 1, Anchored: true, Class: A - eps}, {ID: "quen-mk", Score: 1, Coverage: 1, Anchored: true, Class: A - eps}}, Words: st.VagueWords, Known: 1}, KindClarify, nil},
	}
	for _, tt := range tests {
		e.search = fakeSearch{"q": tt.found}
		r := e.Answer(context.Background(), "q")
		var ids []string
		for _, o := range r.Options {
			ids = append(ids, o.ID)
		}
		if r.Kind != tt.kind || r.Nearest != (tt.nearest != nil) || tt.nearest != nil && !slices.Equal(ids, tt.nearest) {
			t.Errorf("%s: got %s nearest=%v options %v, want %s nearest %v", tt.name, r.Kind, r.Nearest, ids, tt.kind, tt.nearest)
		}
		if fb := strings.TrimSpace(testSet().Bot.Messages.Fallback); r.Kind == KindFallback && (fb == "" || !strings.Contains(r.Text, fb)) {
			t.Errorf("%s: the fallback's words are missing: %q", tt.name, r.Text)
		}
	}
	// With bot.yaml's unsure_fallback, the unsure band's fallback says it instead; a plain
	// fallback keeps the fallback's words.
	set := testSet()
	set.Bot.Messages.UnsureFallback = "Chọn một nội dung bên dưới, nếu không phải thì câu hỏi có thể nằm ngoài phạm vi."
	e = New(set, nil, st)
	for _, tt := range tests {
		if tt.kind != KindFallback {
			continue
		}
		e.search = fakeSearch{"q": tt.found}
		r := e.Answer(context.Background(), "q")
		want := set.Bot.Messages.Fallback
		if tt.nearest != nil {
			want = set.Bot.Messages.UnsureFallback
		}
		if r.Text != want {
			t.Errorf("%s with unsure_fallback: text %q, want %q", tt.name, r.Text, want)
		}
	}
}

// With the default margin (0) two entries of nearly equal confidence are not a question: the first is
// answered, and, below confident, the runner-up is offered with it.
func TestDefaultMarginAnswersCloseCalls(t *testing.T) {
	st := classOnly()
	if st.Margin != 0 {
		t.Skipf("margin is %v, not the default this test is about", st.Margin)
	}
	e := New(testSet(), fakeSearch{"q": {Hits: []Hit{hit("quen-passcode", st.Answer+0.051), hit("quen-mk", st.Answer+0.05)}, Words: 3, Known: 3}}, st)
	r := e.Answer(context.Background(), "q")
	if r.Kind != KindAnswer || r.ID != "quen-passcode" || r.Confident {
		t.Fatalf("got %s %q confident=%v, want an unconfident answer quen-passcode", r.Kind, r.ID, r.Confident)
	}
	if !slices.ContainsFunc(r.Options, func(o Option) bool { return o.ID == "quen-mk" }) {
		t.Errorf("options %+v, want the runner-up quen-mk offered", r.Options)
	}
}

func TestOffTopicAndSureBoundaries(t *testing.T) {
	st := classOnly()
	const eps = 0.001
	best := st.Answer + 0.1 // an answer on its own
	tests := []struct {
		name string
		best float64
		off  float64
		kind Kind
	}{
		{"off-topic lead just below: answer", best, best + st.OffTopicLead - eps, KindAnswer},
		{"off-topic lead at the threshold: fallback", best, best + st.OffTopicLead + eps, KindFallback},
		{"sure: at the threshold the off-topic model cannot veto", st.Sure, st.Sure + st.OffTopicLead + 0.1, KindAnswer},
		{"sure: just below it can", st.Sure - eps, st.Sure + st.OffTopicLead + 0.1, KindFallback},
	}
	e := New(testSet(), nil, st)
	for _, tt := range tests {
		e.search = fakeSearch{"q": {Hits: []Hit{hit("quen-passcode", tt.best), hit("quen-mk", 0)}, Words: 3, Known: 3, OffTopic: tt.off}}
		if r := e.Answer(context.Background(), "q"); r.Kind != tt.kind {
			t.Errorf("%s: got %s, want %s", tt.name, r.Kind, tt.kind)
		}
	}
}

// TestOwnSubjectHold: a question naming one of our subjects (own_subjects), or a message telling
// a relative's death (words.yaml bereavement: the death package is ours), and no neighbour's cue
// is vetoed by the off-topic model only own_subject_hold further ahead; one naming none is vetoed
// as before.
func TestOwnSubjectHold(t *testing.T) {
	st := classOnly()
	const eps = 0.001
	best := st.Answer + 0.1
	set := testSet()
	set.Words.OwnSubjects = []string{"căn cước"}
	set.Words.Bereavement = faq.Bereavement{Kin: []string{"mẹ"}, Owners: []string{"tôi"}, Between: []string{"vừa"}, Lost: []string{"mất"}, After: []string{"rồi"}}
	tests := []struct {
		name, q string
		off     float64
		kind    Kind
	}{
		{"own subject, lead inside the hold: answer", "tra căn cước ở đâu", best + st.OffTopicLead + st.OwnSubjectHold - eps, KindAnswer},
		{"own subject, lead past the hold: fallback", "tra căn cước ở đâu", best + st.OffTopicLead + st.OwnSubjectHold + eps, KindFallback},
		{"no own subject: vetoed at off_topic_lead", "tra hồ sơ ở đâu", best + st.OffTopicLead + eps, KindFallback},
		{"a death told, lead inside the hold: answer", "mẹ tôi vừa mất rồi làm giấy tờ gì", best + st.OffTopicLead + st.OwnSubjectHold - eps, KindAnswer},
		{"a death told, lead past the hold: fallback", "mẹ tôi vừa mất rồi làm giấy tờ gì", best + st.OffTopicLead + st.OwnSubjectHold + eps, KindFallback},
		{"a death supposed, not told: vetoed at off_topic_lead", "nếu mẹ tôi mất thì làm giấy tờ gì", best + st.OffTopicLead + eps, KindFallback},
	}
	for _, tt := range tests {
		e := New(set, fakeSearch{tt.q: {Hits: []Hit{hit("quen-passcode", best), hit("quen-mk", 0)}, Words: 3, Known: 3, OffTopic: tt.off}}, st)
		if r := e.Answer(context.Background(), tt.q); r.Kind != tt.kind {
			t.Errorf("%s: got %s, want %s", tt.name, r.Kind, tt.kind)
		}
	}
	// Explain names what held the veto: the death told, not an own subject.
	q := "mẹ tôi vừa mất rồi làm giấy tờ gì"
	e := New(set, fakeSearch{q: {Hits: []Hit{hit("quen-passcode", best), hit("quen-mk", 0)}, Words: 3, Known: 3, OffTopic: best + st.OffTopicLead}}, st)
	if ex := e.Explain(context.Background(), q); !strings.Contains(ex.Decision.Reason, "relative's death (words.yaml bereavement)") {
		t.Errorf("Explain(%q).Decision.Reason = %q, want it to name the death told", q, ex.Decision.Reason)
	}
	st.OwnSubjectHold = 0
	e = New(set, fakeSearch{"tra căn cước ở đâu": {Hits: []Hit{hit("quen-passcode", best), hit("quen-mk", 0)}, Words: 3, Known: 3, OffTopic: best + st.OffTopicLead + eps}}, st)
	if r := e.Answer(context.Background(), "tra căn cước ở đâu"); r.Kind != KindFallback {
		t.Errorf("own_subject_hold 0: got %s, want the veto's fallback", r.Kind)
	}
}

// TestQuestionOffBoundaries: a long message whose question part alone reads off-topic by
// question_off_lead falls back (unless the answer is sure); just below the lead, or with none,
// the answer stands.
func TestQuestionOffBoundaries(t *testing.T) {
	st := classOnly()
	const eps = 0.001
	best := st.Answer + 0.1
	tests := []struct {
		name string
		best float64
		qoff float64
		kind Kind
	}{
		{"question lead just below: answer", best, st.QuestionOffLead - eps, KindAnswer},
		{"question lead at the threshold: fallback", best, st.QuestionOffLead, KindFallback},
		{"no question part read off-topic: answer", best, 0, KindAnswer},
		{"sure: the question part cannot veto", st.Sure, st.QuestionOffLead + 0.1, KindAnswer},
	}
	e := New(testSet(), nil, st)
	for _, tt := range tests {
		e.search = fakeSearch{"q": {Hits: []Hit{hit("quen-passcode", tt.best), hit("quen-mk", 0)}, Words: 3, Known: 3, QuestionOff: tt.qoff}}
		if r := e.Answer(context.Background(), "q"); r.Kind != tt.kind {
			t.Errorf("%s: got %s, want %s", tt.name, r.Kind, tt.kind)
		}
	}
}

// TestRiskBoundaries: the learned model's risk score, risk_lead ahead of the best entry's model
// score, adds bot.yaml safety_risk; just below it does not. A message that asks nothing gets the
// warning alone; a confident answer is read as asked, whatever the risk score; without a
// safety_risk message, or in a message naming none of words.yaml own_subjects and risk_subjects
// (or their synonyms), the reading is unused; with no risk_subjects every message may be warned.
func TestRiskBoundaries(t *testing.T) {
	st := classOnly()
	const eps = 0.001
	low := st.Clarify + 0.01 // an unconfident reply (an unsure fallback)
	tests := []struct {
		name     string
		q        string
		best     float64
		risk     float64
		noMsg    bool
		wantKind Kind
		warned   bool
		subjects []string // words.yaml risk_subjects; nil: "tài khoản", "mật khẩu"
	}{
		{"risk lead just below: no warning", "bán tài khoản", low, low + st.RiskLead - eps, false, KindFallback, false, nil},
		{"risk lead just above the threshold: the warning, then the unsure fallback", "bán tài khoản", low, low + st.RiskLead + eps, false, KindSafety, true, nil},
		{"a confident answer is read as asked", "bán tài khoản", st.Confident + 0.1, st.Confident + 0.1 + st.RiskLead + 0.1, false, KindAnswer, false, nil},
		{"no safety_risk message: no warning", "bán tài khoản", low, low + st.RiskLead + 0.1, true, KindFallback, false, nil},
		{"no risk score: no warning", "bán tài khoản", low, 0, false, KindFallback, false, nil},
		{"personal data already warned: no second warning", "tài khoản sdt 0912345678", low, low + st.RiskLead + 0.1, false, KindSafety, false, nil},
		{"a synonym of a listed subject named: the warning", "có người hỏi password", low, low + st.RiskLead + eps, false, KindSafety, true, nil},
		{"no risk_subjects at all: every message may be warned", "thuê xe tải trọn gói", low, low + st.RiskLead + eps, false, KindSafety, true, []string{}},
		{"none of our subjects or risk_subjects named: no warning", "thuê xe tải trọn gói", low, low + st.RiskLead + 0.1, false, KindFallback, false, nil},
		{"below clarify: the fallback stays after the warning", "bán tài khoản", st.Clarify - 0.05, st.Clarify - 0.05 + st.RiskLead + 0.1, false, KindSafety, true, nil},
	}
	for _, tt := range tests {
		set := testSet()
		set.Words.RiskSubjects = []string{"tài khoản", "mật khẩu"}
		if tt.subjects != nil {
			set.Words.RiskSubjects = tt.subjects
		}
		set.Synonyms.Groups = append(set.Synonyms.Groups, []string{"mật khẩu", "password"})
		if !tt.noMsg {
			set.Bot.Messages.SafetyRisk = "RISK"
		}
		// The same search result whatever is searched: the engine searches a message without its
		// personal data.
		e := New(set, sameSearch{Hits: []Hit{hit("quen-passcode", tt.best), hit("quen-mk", tt.best-0.01)}, Words: 3, Known: 3, Risk: tt.risk}, st)
		r := e.Answer(context.Background(), tt.q)
		warned := strings.Contains(r.Text, "RISK") && slices.Contains(r.Flags, FlagRisk)
		if warned && tt.best < st.Clarify && !strings.Contains(r.Text, "FALLBACK") {
			t.Errorf("%s: %q, want the fallback after the warning", tt.name, r.Text)
		}
		if r.Kind != tt.wantKind || warned != tt.warned {
			t.Errorf("%s: got %s %q flags %v, want %s warned=%v", tt.name, r.Kind, r.Text, r.Flags, tt.wantKind, tt.warned)
		}
	}
}

// TestRiskNotForNeighbourOnly: a neighbour's matter named by its cue (offtopic.yaml), with none of
// our subjects (words.yaml own_subjects) and read more off-topic than risky, gets the matter's
// channel without the risk warning (selling a house is not selling an account); one of our
// subjects named, the risk reading ahead of the off-topic one with a subject of risks named
// (risk_subjects; none named: no warning at all), or one of our entries answering
// (a procedure of ours asked after the neighbour's story) keeps the warning.
func TestRiskNotForNeighbourOnly(t *testing.T) {
	st := classOnly()
	low := st.Clarify + 0.01
	risk := low + st.RiskLead + 0.1
	tests := []struct {
		name   string
		q      string
		off    float64
		warned bool
	}{
		{"neighbour only, off-topic reading ahead of risk: no warning", "bán tài khoản thuế tncn bên nào chịu", risk + 0.01, false},
		{"neighbour only, off-topic reading level with risk: no warning", "bán tài khoản thuế tncn bên nào chịu", risk, false},
		{"neighbour only, risk reading ahead: the warning", "bán tài khoản thuế tncn bên nào chịu", risk - 0.01, true},
		{"one of our subjects named: the warning", "bán căn cước thuế tncn bên nào chịu", risk + 0.01, true},
		{"no neighbour named: the warning", "bán tài khoản bên nào chịu", risk + 0.01, true},
		{"no subject of ours or of risks named, risk reading ahead: no warning", "bán nhà thuế tncn bên nào chịu", risk - 0.01, false},
		{"no neighbour, no subject named: no warning", "bán nhà bên nào chịu", risk + 0.01, false},
	}
	for _, tt := range tests {
		set := testSet()
		set.Bot.Messages.SafetyRisk = "RISK"
		set.Words.OwnSubjects = []string{"căn cước"}
		set.Words.RiskSubjects = []string{"tài khoản"}
		set.OffTopic = []faq.OffTopic{{ID: "thue", Cues: []string{"thuế tncn"}, Message: "TAX"}}
		e := New(set, sameSearch{Hits: []Hit{hit("quen-passcode", low), hit("quen-mk", low-0.01)}, Words: 5, Known: 5, Risk: risk, OffTopic: tt.off}, st)
		r := e.Answer(context.Background(), tt.q)
		warned := strings.Contains(r.Text, "RISK") && slices.Contains(r.Flags, FlagRisk)
		if warned != tt.warned {
			t.Errorf("%s: got %s %q flags %v, want warned=%v", tt.name, r.Kind, r.Text, r.Flags, tt.warned)
		}
	}
	// Our procedure asked after the neighbour's story: the off-topic veto is lifted, our entry
	// answers, and the warning stays with it.
	set := testSet()
	set.Bot.Messages.SafetyRisk = "RISK"
	set.Words.OwnSubjects = []string{"căn cước"}
	set.Words.OwnProcedures = []string{"đăng ký mức 2"}
	set.Words.RiskSubjects = []string{"mức 2"}
	set.Words.QuestionCues = []string{"thế nào"}
	set.Entries = append(set.Entries, faq.Entry{ID: "muc-2", Title: "Đăng ký mức 2", Topic: "VNeID", Answer: "MUC2"})
	set.OffTopic = []faq.OffTopic{{ID: "thue", Cues: []string{"thuế tncn"}, Message: "TAX"}}
	best := st.Answer + 0.05
	risk = best + st.RiskLead + 0.1
	e := New(set, sameSearch{Hits: []Hit{hit("muc-2", best), hit("quen-mk", best-0.2)}, Words: 6, Known: 6, Risk: risk, OffTopic: risk + 0.01}, st)
	r := e.Answer(context.Background(), "em đã khai thuế tncn xong, giờ đăng ký mức 2 cho họ thế nào")
	if !strings.Contains(r.Text, "MUC2") || !strings.Contains(r.Text, "RISK") || !slices.Contains(r.Flags, FlagRisk) {
		t.Errorf("our procedure asked after a neighbour's story: got %s %q flags %v, want the entry with the warning", r.Kind, r.Text, r.Flags)
	}
}

// TestScamNotVetoedByModel: a message the scam list flags is ours however much its story reads
// like a bank's ("công an gọi bảo chuyển khoản 50 triệu"): the model's off-topic score, well past
// the lead, does not turn it into a fallback; without the scam phrase it does.
func TestScamNotVetoedByModel(t *testing.T) {
	st := classOnly()
	best := st.Answer + 0.1
	off := best + st.OffTopicLead + 0.2
	for q, want := range map[string]Kind{"công an gọi bảo chuyển khoản": KindSafety, "chuyển khoản": KindFallback} {
		e := New(testSet(), fakeSearch{q: {Hits: []Hit{hit("quen-passcode", best), hit("quen-mk", 0)}, Words: 3, Known: 3, OffTopic: off}}, st)
		r := e.Answer(context.Background(), q)
		if r.Kind != want || want == KindSafety && r.ID != "quen-passcode" {
			t.Errorf("%q: got %s %q, want %s", q, r.Kind, r.ID, want)
		}
	}
}

// TestSafetyRuleNotVetoedByModel: so is a message that a safety rule marked ours flags and that
// asks something ("có được cho thuê tài khoản ngân hàng không"): the entry is answered under the
// warning. A rule not marked ours keeps the veto: its warning, then the fallback.
func TestSafetyRuleNotVetoedByModel(t *testing.T) {
	st := classOnly()
	best := st.Answer + 0.1
	off := best + st.OffTopicLead + 0.2
	set := testSet()
	set.Words.Safety = []faq.SafetyRule{
		{Flag: "account_trade", Phrases: []string{"cho thuê tài khoản"}, Ours: true, Message: "TRADE"},
		{Flag: "lookup_other", Phrases: []string{"tìm nơi ở của"}, Message: "LOOKUP"},
	}
	set.Words.QuestionEndings = []string{"không"}
	tests := []struct {
		q      string
		kind   Kind
		id     string
		prefix string
	}{
		{"có được cho thuê tài khoản ngân hàng không", KindSafety, "quen-passcode", "TRADE"},
		{"tìm nơi ở của bố đẻ qua ngân hàng được không", KindSafety, "", "LOOKUP\n\nFALLBACK"},
		{"có được mở tài khoản ngân hàng không", KindFallback, "", "FALLBACK"},
	}
	for _, tt := range tests {
		e := New(set, fakeSearch{tt.q: {Hits: []Hit{hit("quen-passcode", best), hit("quen-mk", 0)}, Words: 3, Known: 3, OffTopic: off}}, st)
		r := e.Answer(context.Background(), tt.q)
		if r.Kind != tt.kind || r.ID != tt.id || !strings.HasPrefix(r.Text, tt.prefix) {
			t.Errorf("%q: got %s %q %q, want %s %q starting %q", tt.q, r.Kind, r.ID, r.Text, tt.kind, tt.id, tt.prefix)
		}
	}
}

// TestOffTopicNeedsAScore: when the learned model read nothing of the message (both its scores
// 0, "cccd"), it vetoes nothing, whatever off_topic_lead is.
func TestOffTopicNeedsAScore(t *testing.T) {
	for _, lead := range []float64{0, -0.1, 0.05} {
		st := DefaultSettings()
		st.ReplyCache, st.OffTopicLead = 0, lead
		h := Hit{ID: "quen-passcode", Score: 1, Coverage: 1, Phrase: 1, Anchored: true}
		e := New(testSet(), fakeSearch{"q": {Hits: []Hit{h}, Words: 2, Known: 2}}, st)
		if r := e.Answer(context.Background(), "q"); r.Kind != KindAnswer {
			t.Errorf("off_topic_lead %v, both model scores 0: got %s, want answer", lead, r.Kind)
		}
	}
}

func TestVagueAndSmalltalkBoundaries(t *testing.T) {
	st := classOnly()
	full := func(id string) Hit { return Hit{ID: id, Score: 1, Coverage: 1, Anchored: true, Class: 0.9} }
	tests := []struct {
		name  string
		q     string
		found Found
		kind  Kind
	}{
		{"vague: words at the limit, two full matches → clarify", "q", Found{Hits: []Hit{full("quen-passcode"), {ID: "quen-mk", Score: 1, Coverage: 1, Anchored: true, Class: 0.85}}, Words: st.VagueWords, Known: 1}, KindClarify},
		{"vague: one word more → answer", "q", Found{Hits: []Hit{full("quen-passcode"), {ID: "quen-mk", Score: 1, Coverage: 1, Anchored: true, Class: 0.85}}, Words: st.VagueWords + 1, Known: 1}, KindAnswer},
		{"clear lead in coverage: not vague", "q", Found{Hits: []Hit{full("quen-passcode"), {ID: "quen-mk", Score: 1, Coverage: 1 - st.ClearLead/st.LoneCovWeight - 0.01, Anchored: true, Class: 0.85}}, Words: st.VagueWords, Known: 1}, KindAnswer},
		// classOnly: rank is the model's score, so the lead in rank is 0.9 minus the second's.
		{"lead in rank just under vague_lead: vague", "q", Found{Hits: []Hit{full("quen-passcode"), {ID: "quen-mk", Score: 1, Coverage: 1, Anchored: true, Class: 0.9 - st.VagueLead + 0.01}}, Words: st.VagueWords, Known: 1}, KindClarify},
		{"lead in rank at vague_lead: the model has picked", "q", Found{Hits: []Hit{full("quen-passcode"), {ID: "quen-mk", Score: 1, Coverage: 1, Anchored: true, Class: 0.9 - st.VagueLead - 0.001}}, Words: st.VagueWords, Known: 1}, KindAnswer},
	}
	e := New(testSet(), nil, st)
	for _, tt := range tests {
		e.search = fakeSearch{tt.q: tt.found}
		if r := e.Answer(context.Background(), tt.q); r.Kind != tt.kind {
			t.Errorf("%s: got %s, want %s", tt.name, r.Kind, tt.kind)
		}
	}
	// Smalltalk: a greeting of at most SmalltalkWords words is small talk even with a sure entry;
	// one word more and the small talk is taken out and the rest answered.
	if st.SmalltalkWords != 4 {
		t.Fatalf("the rows below assume smalltalk_words = 4, not %d", st.SmalltalkWords)
	}
	e.search = fakeSearch{
		"quen passcode":     {Hits: []Hit{full("quen-passcode")}, Words: 2, Known: 2},
		"quen passcode nhé": {Hits: []Hit{full("quen-passcode")}, Words: 2, Known: 2},
	}
	if r := e.Answer(context.Background(), "xin chào quen passcode"); r.Kind != KindSmalltalk {
		t.Errorf("greeting of 4 words: got %s, want smalltalk", r.Kind)
	}
	if r := e.Answer(context.Background(), "xin chào quen passcode nhé"); r.Kind != KindAnswer {
		t.Errorf("greeting of 5 words with a sure entry: got %s, want answer", r.Kind)
	}
}

func TestSearchError(t *testing.T) {
	var logs bytes.Buffer
	e := New(testSet(), fakeSearch{}, DefaultSettings()).WithLogger(slog.New(slog.NewTextHandler(&logs, nil)))
	r := e.Answer(context.Background(), "boom")
	if r.Error != "search" || r.Text != "ERR" {
		t.Errorf("reply to a failed search = %+v, want the error message and Error=search", r)
	}
	if got := e.SearchErrors(); got != 1 {
		t.Errorf("SearchErrors() = %d, want 1", got)
	}
	if !strings.Contains(logs.String(), "answer.search_error") || !strings.Contains(logs.String(), "index closed") {
		t.Errorf("log = %q, want answer.search_error with the cause", logs.String())
	}
	if strings.Contains(logs.String(), "boom") {
		t.Errorf("log = %q holds the message text", logs.String())
	}
}

// TestSearchErrorDoForMe: a request to do a procedure whose search fails is counted once, not
// searched again as a whole message.
func TestSearchErrorDoForMe(t *testing.T) {
	e := New(testSet(), fakeSearch{}, DefaultSettings())
	if r := e.Answer(context.Background(), "làm hộ tôi boom"); r.Error != "search" || e.SearchErrors() != 1 {
		t.Errorf("reply %+v, %d search errors; want Error=search, 1 error", r, e.SearchErrors())
	}
}

func TestExplain(t *testing.T) {
	e := New(testSet(), fakeSearch{"quen passcode": {Hits: []Hit{sure("quen-passcode"), weak("quen-mk")}, Words: 2, Known: 2}}, DefaultSettings())
	x := e.Explain(context.Background(), "quen passcode")
	if x.Reply.Kind != KindAnswer || x.Decision.Kind != KindAnswer || x.Decision.Reason == "" {
		t.Fatalf("Explain = %+v", x)
	}
	if len(x.Candidates) != 2 || x.Candidates[0].ID != "quen-passcode" {
		t.Fatalf("candidates = %+v", x.Candidates)
	}
	c := x.Candidates[0]
	if sum := c.Parts["bm25"] + c.Parts["cover"] + c.Parts["class"]; sum < c.Score-0.01 || sum > c.Score+0.01 {
		t.Errorf("parts %v add up to %.3f, score %.3f", c.Parts, sum, c.Score)
	}
	if len(x.Settings) == 0 {
		t.Error("no settings in the explanation")
	}
}

// TestConfidentBoundary: an answer at the confident threshold, or at confident_low with a lead
// of confident_lead, stands alone with its related entries; just below either the nearest
// plausible topic (confidence at least clarify) comes first among the options and the unsure
// line follows the answer.
func TestConfidentBoundary(t *testing.T) {
	st := classOnly()
	const eps = 0.001
	S, L, D, C := st.Confident, st.ConfidentLow, st.ConfidentLead, st.Clarify
	set := testSet()
	set.Bot.Messages.Unsure = "UNSURE"
	e := New(set, nil, st)
	tests := []struct {
		name      string
		hits      []Hit
		confident bool
		first     string // the first option offered
		unsure    bool
	}{
		{"at the threshold: confident", []Hit{hit("quen-passcode", S), hit("mat-the", S-eps)}, true, "", false},
		{"just below, the runner-up close: the nearest topic first", []Hit{hit("quen-passcode", S-eps), hit("mat-the", S-eps-D+2*eps)}, false, "mat-the", true},
		{"at confident_low, lead at confident_lead: confident", []Hit{hit("quen-passcode", L), hit("mat-the", L-D-eps)}, true, "", false},
		{"at confident_low, lead just below confident_lead", []Hit{hit("quen-passcode", L), hit("mat-the", L-D+eps)}, false, "mat-the", true},
		{"just below confident_low, no other plausible topic", []Hit{hit("quen-passcode", L-eps), hit("mat-the", C-eps)}, false, "", false},
	}
	for _, tt := range tests {
		e.search = fakeSearch{"q": {Hits: tt.hits, Words: 3, Known: 3}}
		r := e.Answer(context.Background(), "q")
		if r.Kind != KindAnswer || r.Confident != tt.confident {
			t.Errorf("%s: got %s confident=%v, want answer confident=%v", tt.name, r.Kind, r.Confident, tt.confident)
			continue
		}
		if tt.first != "" && (len(r.Options) == 0 || r.Options[0].ID != tt.first) {
			t.Errorf("%s: options %v, want %s first", tt.name, r.Options, tt.first)
		}
		if tt.first == "" && slices.ContainsFunc(r.Options, func(o Option) bool { return o.ID == "mat-the" }) {
			t.Errorf("%s: options %v offer the runner-up", tt.name, r.Options)
		}
		if got := strings.Contains(r.Text, "UNSURE"); got != tt.unsure {
			t.Errorf("%s: unsure line shown %v, want %v", tt.name, got, tt.unsure)
		}
	}
}

// TestConfidentLong: a message of more than confident_long_words words is confident on the
// lead path only with confident_long_lead; at the confident threshold, or when short, the
// usual rule holds. Below it the runner-up is offered, and the answer itself is unchanged.
func TestConfidentLong(t *testing.T) {
	st := classOnly()
	const eps = 0.001
	S, L, D, LD := st.Confident, st.ConfidentLow, st.ConfidentLead, st.ConfidentLongLead
	short := "quên passcode thì làm sao"
	long := strings.TrimSpace(strings.Repeat("hôm trước tôi có việc ", 1+st.ConfidentLongWords/5)) + ", quên passcode thì làm sao"
	tests := []struct {
		name      string
		msg       string
		best, sec float64
		confident bool
	}{
		{"short, at confident_low with confident_lead", short, L, L - D - eps, true},
		{"long, at confident_low with confident_lead", long, L, L - D - eps, false},
		{"long, lead just below confident_long_lead", long, L, L - LD + eps, false},
		{"long, lead at confident_long_lead", long, L, L - LD - eps, true},
		{"long, at the confident threshold", long, S, S - eps, true},
	}
	for _, tt := range tests {
		e := New(testSet(), sameSearch{Hits: []Hit{hit("quen-passcode", tt.best), hit("mat-the", tt.sec)}, Words: 3, Known: 3}, st)
		r := e.Answer(context.Background(), tt.msg)
		if r.Kind != KindAnswer || r.ID != "quen-passcode" || r.Confident != tt.confident {
			t.Errorf("%s: got %s %s confident=%v, want answer quen-passcode confident=%v", tt.name, r.Kind, r.ID, r.Confident, tt.confident)
			continue
		}
		if offered := slices.ContainsFunc(r.Options, func(o Option) bool { return o.ID == "mat-the" }); offered == tt.confident {
			t.Errorf("%s: runner-up offered %v with confident=%v", tt.name, offered, tt.confident)
		}
	}
}

// sameSearch answers every query alike: the message and its rest without a matter's words.
type sameSearch Found

func (s sameSearch) Search(context.Context, string, int) (Found, error) { return Found(s), nil }

// TestOffTopicKeepBoundary: a message naming a neighbouring matter that the answered entry is
// not about keeps the answer only at off_topic_keep confidence or more; just below, the matter's
// channel is given.
func TestOffTopicKeepBoundary(t *testing.T) {
	st := classOnly()
	const eps = 0.001
	K := st.OffTopicKeep
	set := testSet()
	set.OffTopic = []faq.OffTopic{{ID: "ly-hon", Cues: []string{"ly hôn"}, Message: "COURT"}}
	e := New(set, nil, st)
	tests := []struct {
		name string
		conf float64
		want Kind
	}{
		{"at off_topic_keep: the answer stays", K, KindAnswer},
		{"just below: the court's channel", K - eps, KindFallback},
	}
	for _, tt := range tests {
		// A lead of 0.2 makes both confident (confident_low 0.35, confident_lead 0.12).
		e.search = sameSearch{Hits: []Hit{hit("mat-the", tt.conf), hit("quen-mk", tt.conf-0.2)}, Words: 4, Known: 4}
		r := e.Answer(context.Background(), "ly hôn có phải làm lại thẻ căn cước không")
		if r.Kind != tt.want {
			t.Errorf("%s: got %s (%q), want %s", tt.name, r.Kind, r.Text, tt.want)
		}
		if tt.want == KindFallback && (r.Text != "COURT" || len(r.Options) != 0) {
			t.Errorf("%s: text %q options %v, want the matter's message alone (our topics are noise there)", tt.name, r.Text, r.Options)
		}
	}
}

// TestVetoLiftsCoverTheQuestionPart: where the whole message's off-topic reading is set aside (a
// scam phrase, a safety rule marked ours, one of our procedures asked and the best entry about
// it), the question part's reading (Found.QuestionOff) is set aside too; without any of them,
// either reading vetoes.
func TestVetoLiftsCoverTheQuestionPart(t *testing.T) {
	st := classOnly()
	best := st.Answer + 0.1
	set := testSet()
	set.Entries = append(set.Entries, faq.Entry{ID: "chuyen-khau", Title: "Chuyển khẩu về nhà mới", Topic: "Cư trú", Answer: "Đăng ký thường trú."})
	set.Words.Safety = []faq.SafetyRule{{Flag: "account_trade", Phrases: []string{"cho thuê tài khoản"}, Ours: true, Message: "TRADE"}}
	set.Words.OwnProcedures = []string{"chuyển khẩu"}
	set.Words.DoneBefore = []string{"đã"}
	set.Words.WantBefore = []string{"muốn"}
	set.Words.QuestionCues = []string{"thế nào", "ở đâu"}
	set.Words.QuestionEndings = []string{"không"}
	tests := []struct {
		q    string
		id   string
		kind Kind
	}{
		{"công an gọi bảo chuyển khoản", "quen-passcode", KindSafety},
		{"có được cho thuê tài khoản ngân hàng không", "quen-passcode", KindSafety},
		{"vay ngân hàng mua nhà giờ chuyển khẩu vào nhà mới thế nào", "chuyen-khau", KindAnswer},
		{"vay ngân hàng mua nhà giờ lãi suất thế nào", "quen-passcode", KindFallback},
		// A bare question after the procedure wanted asks it; told as done, or not wanted, it
		// is the story.
		{"bán nhà cũ mua căn hộ. cả nhà muốn chuyển khẩu về căn hộ mới. xin hỏi nộp hồ sơ ở đâu", "chuyen-khau", KindAnswer},
		{"bán nhà cũ mua căn hộ. cả nhà muốn tìm hiểu trước về thủ tục chuyển khẩu. xin hỏi nộp hồ sơ ở đâu", "chuyen-khau", KindAnswer},
		{"bán nhà cũ mua căn hộ. cả nhà đã chuyển khẩu về căn hộ mới. xin hỏi nộp hồ sơ ở đâu", "chuyen-khau", KindFallback},
		{"muốn bán nhà cũ, mua căn hộ gần trường cho con đi học rồi chuyển khẩu về đó. xin hỏi nộp thuế ở đâu", "chuyen-khau", KindFallback},
		{"bán nhà cũ mua căn hộ, chuyển khẩu về căn hộ mới. xin hỏi nộp thuế ở đâu", "chuyen-khau", KindFallback},
	}
	for _, reading := range []string{"whole", "question part"} {
		for _, tt := range tests {
			f := Found{Hits: []Hit{hit(tt.id, best), hit("quen-mk", 0)}, Words: 3, Known: 3}
			if reading == "whole" {
				f.OffTopic = best + st.OffTopicLead + 0.2
			} else {
				f.QuestionOff = st.QuestionOffLead + 0.1
			}
			e := New(set, sameSearch(f), st) // a long message's parts read alike
			r := e.Answer(context.Background(), tt.q)
			wantID := tt.id
			if tt.kind == KindFallback {
				wantID = ""
			}
			if r.Kind != tt.kind || r.ID != wantID {
				t.Errorf("%s read off-topic, %q: got %s %q, want %s %q", reading, tt.q, r.Kind, r.ID, tt.kind, wantID)
			}
		}
	}
}

// TestVetoedFallbackOffersNearest: a fallback the off-topic model made offers the nearest topics
// when the best entry is plausible (confidence at or above clarify), so a question of ours told
// in a neighbour's words reaches its entry in one tap; below clarify, the popular topics.
func TestVetoedFallbackOffersNearest(t *testing.T) {
	st := classOnly()
	const eps = 0.001
	tests := []struct {
		name    string
		conf    float64
		nearest bool
	}{
		{"at clarify: the nearest topics", st.Clarify, true},
		{"just below clarify: the popular topics", st.Clarify - eps, false},
	}
	for _, tt := range tests {
		for _, part := range []string{"whole", "question part"} {
			f := Found{Hits: []Hit{hit("mat-the", tt.conf), hit("quen-mk", tt.conf-0.01)}, Words: 4, Known: 4}
			if part == "whole" {
				f.OffTopic = tt.conf + st.OffTopicLead + 0.2
			} else {
				f.QuestionOff = st.QuestionOffLead + 0.1
			}
			e := New(testSet(), sameSearch(f), st)
			r := e.Answer(context.Background(), "bé 2 tháng tuổi bay tết thì nhập giấy tờ gì")
			if r.Kind != KindFallback || r.Nearest != tt.nearest {
				t.Fatalf("%s, %s read off-topic: got %s nearest=%v, want fallback nearest=%v", tt.name, part, r.Kind, r.Nearest, tt.nearest)
			}
			first := ""
			if len(r.Options) > 0 {
				first = r.Options[0].ID
			}
			if tt.nearest && (first != "mat-the" || r.Text != cmp.Or(testSet().Bot.Messages.UnsureFallback, "FALLBACK")) {
				t.Errorf("%s, %s: options %v text %q, want mat-the first and the unsure fallback's words", tt.name, part, r.Options, r.Text)
			}
			if !tt.nearest && first == "mat-the" && len(r.Options) == 2 {
				t.Errorf("%s, %s: options %v, want the popular topics", tt.name, part, r.Options)
			}
		}
	}
}

// TestWantSpanBoundary: a wish stands at most want_span words before the procedure it wants; one
// word further, the story's off-topic reading vetoes the entry again.
func TestWantSpanBoundary(t *testing.T) {
	st := classOnly()
	best := st.Answer + 0.1
	set := testSet()
	set.Entries = append(set.Entries, faq.Entry{ID: "chuyen-khau", Title: "Chuyển khẩu về nhà mới", Topic: "Cư trú", Answer: "Đăng ký thường trú."})
	set.Words.OwnProcedures = []string{"chuyển khẩu"}
	set.Words.WantBefore = []string{"muốn"}
	set.Words.QuestionCues = []string{"ở đâu"}
	f := Found{Hits: []Hit{hit("chuyen-khau", best), hit("quen-mk", 0)}, Words: 3, Known: 3, OffTopic: best + 0.2}
	e := New(set, sameSearch(f), st)
	tests := []struct {
		gap  int
		kind Kind
	}{
		{st.WantSpan, KindAnswer},
		{st.WantSpan + 1, KindFallback},
	}
	for _, tt := range tests {
		q := "bán nhà cũ mua căn hộ. cả nhà muốn " + strings.Repeat("thêm ", tt.gap) + "chuyển khẩu về căn hộ mới. xin hỏi nộp hồ sơ ở đâu"
		if r := e.Answer(context.Background(), q); r.Kind != tt.kind {
			t.Errorf("%d words between the wish and the procedure (want_span %d): got %s, want %s", tt.gap, st.WantSpan, r.Kind, tt.kind)
		}
	}
}
