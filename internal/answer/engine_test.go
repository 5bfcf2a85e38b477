package answer

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/vneidbot/vneidbot/internal/faq"
)

// fakeSearch returns canned hits by message, ignoring case.
type fakeSearch map[string]Found

func (f fakeSearch) Search(_ context.Context, text string, _ int) (Found, error) {
	if strings.Contains(text, "boom") {
		return Found{}, errors.New("index closed")
	}
	return f[strings.Join(strings.Fields(strings.ToLower(text)), " ")], nil
}

func testSet() *faq.Set {
	return &faq.Set{
		Entries: []faq.Entry{
			{ID: "quen-passcode", Title: "Quên passcode", Topic: "VNeID", Answer: "Chọn **Quên passcode**.", Related: []string{"quen-mk"}, Links: []faq.Link{{Title: "VNeID", URL: "https://vneid.gov.vn"}}},
			{ID: "quen-mk", Title: "Quên mật khẩu", Topic: "VNeID", Answer: "Chọn Quên mật khẩu."},
			{ID: "mat-the", Title: "Mất thẻ căn cước", Topic: "Thẻ", Answer: "Làm thủ tục cấp lại."},
		},
		Bot: faq.Bot{
			Messages: faq.Messages{Welcome: "W", Help: "H", Fallback: "FALLBACK", Clarify: "CLARIFY", SafetyPersonalData: "PII", SafetyScam: "SCAM",
				DoForMe: "SELF", RateLimited: "SLOW", Greeting: "HI", Thanks: "TY", Goodbye: "BYE", Ack: "OK", FeedbackThanks: "FB", Error: "ERR", Empty: "EMPTY"},
			SuggestedTopics: []string{"mat-the", "missing-id"},
		},
		Words: faq.Words{Greetings: []string{"xin chào"}, Thanks: []string{"cảm ơn"}, Goodbyes: []string{"tạm biệt"}, Acks: []string{"ok", "hiểu rồi"}, AckEmoji: []string{"👍", "🙏"},
			Scam: []string{"công an gọi"}, DoForMe: []string{"làm hộ"}, ForMe: []string{"tôi"}},
	}
}

func sure(id string) Hit {
	return Hit{ID: id, Score: 10, Coverage: 1, Phrase: 1, Anchored: true, Class: 0.9}
}
func weak(id string) Hit { return Hit{ID: id, Score: 1, Coverage: 0.1, Anchored: true, Class: 0.05} }
func middle(id string) Hit {
	return Hit{ID: id, Score: 9.8, Coverage: 0.5, Anchored: true, Class: 0.45}
}

// TestDoForMeKeepsLinks: the guide offered to a request to do a procedure keeps the entry's
// official links, where the citizen does it.
func TestDoForMeKeepsLinks(t *testing.T) {
	fs := fakeSearch{"làm hộ tôi quen passcode": {Hits: []Hit{sure("quen-passcode")}, Words: 1, Known: 1}}
	r := New(testSet(), fs, DefaultSettings()).Answer(context.Background(), "làm hộ tôi quen passcode")
	if r.Guide != "quen-passcode" || len(r.Links) != 1 || r.Links[0].URL != "https://vneid.gov.vn" {
		t.Errorf("Answer = guide %q links %v, want guide quen-passcode with its link", r.Guide, r.Links)
	}
}

func TestAnswerKinds(t *testing.T) {
	fs := fakeSearch{
		"quen passcode":                 {Hits: []Hit{sure("quen-passcode"), weak("quen-mk")}, Words: 1, Known: 1},
		"quen":                          {Hits: []Hit{middle("quen-passcode"), {ID: "quen-mk", Score: 9.7, Coverage: 0.5, Anchored: true, Class: 0.45}}, Words: 1, Known: 1},
		"otp":                           {Hits: []Hit{sure("quen-passcode"), {ID: "quen-mk", Score: 9.9, Coverage: 1, Phrase: 1, Anchored: true, Class: 0.88}}, Words: 1, Known: 1},
		"thoi tiet":                     {Hits: []Hit{weak("mat-the")}, Words: 2, Known: 1},
		"xin chào":                      {},
		"cảm ơn nhé":                    {},
		"số tôi quen passcode":          {Hits: []Hit{sure("quen-passcode")}, Words: 1, Known: 1},
		"công an gọi bảo quen passcode": {Hits: []Hit{sure("quen-passcode")}, Words: 2, Known: 2},
		"làm hộ tôi quen passcode":      {Hits: []Hit{sure("quen-passcode")}, Words: 1, Known: 1},
		"quen passcode thì sao":         {Hits: []Hit{sure("quen-passcode")}, Words: 2, Known: 2},
	}
	e := New(testSet(), fs, DefaultSettings())
	tests := []struct {
		q        string
		kind     Kind
		id       string
		contains []string
		flags    string
	}{
		{"quen passcode", KindAnswer, "quen-passcode", []string{"Quên passcode"}, ""},
		{"quen", KindClarify, "", []string{"CLARIFY", "1. Quên passcode", "2. Quên mật khẩu"}, ""},
		{"otp", KindClarify, "", []string{"1. Quên passcode", "2. Quên mật khẩu"}, ""}, // one word, two full matches
		{"thoi tiet", KindFallback, "", []string{"FALLBACK"}, ""},
		{"", KindFallback, "", []string{"EMPTY"}, ""},
		{"???", KindFallback, "", []string{"EMPTY"}, ""},
		{"xin chào", KindSmalltalk, "", []string{"HI"}, ""},
		{"cảm ơn nhé", KindSmalltalk, "", []string{"TY"}, ""},
		{"ok", KindSmalltalk, "", []string{"OK"}, ""},
		{"Hiểu rồi!", KindSmalltalk, "", []string{"OK"}, ""},
		{"👍", KindSmalltalk, "", []string{"OK"}, ""},
		{"🙏🙏", KindSmalltalk, "", []string{"OK"}, ""},
		{"👍🏻!", KindSmalltalk, "", []string{"OK"}, ""},                                   // a skin tone and punctuation aside
		{"😡", KindFallback, "", []string{"EMPTY"}, ""},                                   // not an acknowledgement: type the question
		{"ok quen passcode", KindAnswer, "quen-passcode", []string{"Quên passcode"}, ""}, // an ack beside a question never decides
		{"ok, cảm ơn", KindSmalltalk, "", []string{"TY"}, ""},                            // thanks outrank an ack
		{"boom", KindFallback, "", []string{"ERR"}, ""},                                  // a search error says so: see TestSearchError
		{"số tôi 0912345678 quen passcode", KindSafety, "quen-passcode", []string{"PII", "Quên passcode"}, "personal_data"},
		{"công an gọi bảo quen passcode", KindSafety, "quen-passcode", []string{"SCAM", "Quên passcode"}, "scam"},
		{"làm hộ tôi quen passcode", KindSafety, "", []string{"SELF"}, "do_for_me"}, // the guide is a button: TestDoForMeGuidesTheProcedure
		{"xin chào, quen passcode thì sao", KindAnswer, "quen-passcode", nil, ""},
	}
	for _, tt := range tests {
		r := e.Answer(context.Background(), tt.q)
		if r.Kind != tt.kind || r.ID != tt.id {
			t.Errorf("Answer(%q) = %s %q, want %s %q", tt.q, r.Kind, r.ID, tt.kind, tt.id)
		}
		for _, c := range tt.contains {
			if !strings.Contains(r.Text, c) {
				t.Errorf("Answer(%q).Text = %q, want it to contain %q", tt.q, r.Text, c)
			}
		}
		if got := strings.Join(r.Flags, ","); got != tt.flags {
			t.Errorf("Answer(%q).Flags = %q, want %q", tt.q, got, tt.flags)
		}
		if strings.Contains(r.Query, "0912345678") {
			t.Errorf("Answer(%q).Query = %q still holds the phone number", tt.q, r.Query)
		}
		if r.Score < 0 || r.Score > 1 {
			t.Errorf("Answer(%q).Score = %v, want 0..1", tt.q, r.Score)
		}
	}
}

func TestEntryTopicsSuggested(t *testing.T) {
	e := New(testSet(), fakeSearch{}, DefaultSettings())
	r, ok := e.Entry("quen-passcode")
	if !ok || r.Kind != KindAnswer || len(r.Options) != 1 || r.Options[0].ID != "quen-mk" || len(r.Links) != 1 {
		t.Errorf("Entry(quen-passcode) = %+v, %v", r, ok)
	}
	if _, ok := e.Entry("nope"); ok {
		t.Error("Entry(nope) found")
	}
	topics := e.Topics()
	if len(topics) != 2 || topics[0].Name != "VNeID" || len(topics[0].Entries) != 2 || topics[1].Entries[0].ID != "mat-the" {
		t.Errorf("Topics() = %+v", topics)
	}
	if s := e.Suggested(); len(s) != 1 || s[0].ID != "mat-the" {
		t.Errorf("Suggested() = %+v, want only existing entries", s)
	}
	for _, k := range []string{"welcome", "help", "fallback", "clarify", "rate_limited", "feedback_thanks", "error", "empty", "greeting", "thanks", "goodbye", "about_bot"} {
		if e.Message(k) == "" {
			t.Errorf("Message(%q) is empty", k)
		}
	}
	if e.Message("nope") != "" {
		t.Error(`Message("nope") not empty`)
	}
}

func FuzzAnswer(f *testing.F) {
	for _, s := range []string{"quen passcode", "số 0912345678", "mk: abc", "công an gọi", "", "\xff", "xin chào"} {
		f.Add(s)
	}
	e := New(testSet(), fakeSearch{"quen passcode": {Hits: []Hit{sure("quen-passcode")}, Words: 1, Known: 1}}, DefaultSettings())
	f.Fuzz(func(t *testing.T, s string) {
		r := e.Answer(context.Background(), s)
		switch r.Kind {
		case KindAnswer, KindClarify, KindFallback, KindSafety, KindSmalltalk:
		default:
			t.Fatalf("Answer(%q).Kind = %q", s, r.Kind)
		}
		if r.Text == "" {
			t.Fatalf("Answer(%q) has no text", s)
		}
		if r.Score < 0 || r.Score > 1 {
			t.Fatalf("Answer(%q).Score = %v", s, r.Score)
		}
	})
}

// caseSearch finds mat-the, sure, for any message but "ở nước ngoài" alone, which is vague.
type caseSearch struct{}

func (caseSearch) Search(_ context.Context, text string, _ int) (Found, error) {
	if strings.TrimSpace(text) == "ở nước ngoài" {
		return Found{Hits: []Hit{middle("quen-passcode"), {ID: "mat-the", Score: 9.7, Coverage: 0.5, Anchored: true, Class: 0.45}}, Words: 1, Known: 1}, nil
	}
	return Found{Hits: []Hit{sure("mat-the")}, Words: 2, Known: 2}, nil
}

// TestCases: an entry's cases go before its answer only when the message names their situation
// (whole words, diacritics optional, synonyms.yaml's spellings), at most Settings.Cases of them in
// the entry's order, and never on a reply that is not that entry's answer.
func TestCases(t *testing.T) {
	set := testSet()
	set.Entries[2].Cases = []faq.Case{
		{When: []string{"ở nước ngoài"}, Say: "NUOC-NGOAI"},
		{When: []string{"vân tay mờ", "mờ vân tay"}, Say: "VAN-TAY"},
		{When: []string{"cccd cũ"}, Say: "CCCD-CU"},
	}
	set.Entries[2].Cases = append(set.Entries[2].Cases, faq.Case{When: []string{"bẻ thẻ"}, Say: "CO-Y"}, faq.Case{When: []string{"giấy tờ giả"}, Say: "GIA"})
	set.Synonyms.Groups = [][]string{{"cccd", "căn cước công dân"}, {"hỏng thẻ", "bể thẻ", "thẻ bị mờ"}}
	fs := caseSearch{}
	e := New(set, fs, DefaultSettings())
	tests := []struct {
		q    string
		kind Kind
		says []string // the cases before the answer, in order
	}{
		{"mat the", KindAnswer, nil},
		{"mất thẻ khi ở nước ngoài", KindAnswer, []string{"NUOC-NGOAI"}},
		{"mat the khi o nuoc ngoai", KindAnswer, []string{"NUOC-NGOAI"}},                                   // typed without marks
		{"mất thẻ khi ở nuóc ngoài", KindAnswer, nil},                                                      // marks that disagree: another word
		{"mất thẻ vì vân tay mờ", KindAnswer, []string{"VAN-TAY"}},                                         // any phrase of the case
		{"mất thẻ căn cước công dân cũ", KindAnswer, []string{"CCCD-CU"}},                                  // a spelling synonyms.yaml gives
		{"mất thẻ khi ở nước ngoài vân tay mờ thẻ cccd cũ", KindAnswer, []string{"NUOC-NGOAI", "VAN-TAY"}}, // at most Settings.Cases
		{"mất thẻ ở nước ngoàii", KindAnswer, nil},
		{"mất thẻ hay thẻ bị mờ", KindAnswer, nil},          // a group of meanings does not widen a case ("bể thẻ" is "bẻ thẻ" folded)
		{"mất thẻ vì bẻ thẻ", KindAnswer, []string{"CO-Y"}}, // whole words only
		{"mất thẻ, giấy tờ giả", KindAnswer, []string{"GIA"}},
		{"mất thẻ, giấy tờ gia hạn rồi", KindAnswer, nil},                              // typed with marks: "gia" is spelled as meant
		{"mat the, giay to gia han roi", KindAnswer, []string{"GIA"}},                  // typed without: either word
		{"mất the, giay to gia han roi", KindAnswer, []string{"GIA"}},                  // one mark is not a message typed with marks
		{"số tôi 0912345678 mất thẻ ở nước ngoài", KindSafety, []string{"NUOC-NGOAI"}}, // the warning first, then the case and answer
		{"ở nước ngoài", KindClarify, nil},                                             // a clarification answers no entry
		{"làm hộ tôi cấp lại thẻ mất ở nước ngoài", KindSafety, nil},                   // a do-for-me guide answers no entry
	}
	for _, tt := range tests {
		r := e.Answer(context.Background(), tt.q)
		if r.Kind != tt.kind {
			t.Errorf("Answer(%q) = %s, want %s", tt.q, r.Kind, tt.kind)
			continue
		}
		if !slices.Equal(r.Cases, tt.says) {
			t.Errorf("Answer(%q).Cases = %q, want %q", tt.q, r.Cases, tt.says)
		}
		for i, n := range r.CaseNums { // each case's place in the entry's cases:
			if i >= len(r.Cases) || n < 1 || set.Entries[2].Cases[n-1].Say != r.Cases[i] {
				t.Errorf("Answer(%q).CaseNums = %v for cases %q", tt.q, r.CaseNums, r.Cases)
			}
		}
		if len(r.CaseNums) != len(r.Cases) {
			t.Errorf("Answer(%q): %d case places for %d cases", tt.q, len(r.CaseNums), len(r.Cases))
		}
		if want := join(append(slices.Clone(tt.says), "Làm thủ tục cấp lại.")...); tt.kind == KindAnswer && r.Text != want {
			t.Errorf("Answer(%q).Text = %q, want %q", tt.q, r.Text, want)
		}
		if tt.kind == KindSafety && len(tt.says) > 0 && !strings.HasSuffix(r.Text, join(append(slices.Clone(tt.says), "Làm thủ tục cấp lại.")...)) {
			t.Errorf("Answer(%q).Text = %q, want the warning, then the cases and the answer", tt.q, r.Text)
		}
		if ex := e.Explain(context.Background(), tt.q); !slices.Equal(ex.Cases, tt.says) {
			t.Errorf("Explain(%q).Cases = %q, want %q", tt.q, ex.Cases, tt.says)
		}
	}
	if r, _ := e.Entry("mat-the"); r.Text != "Làm thủ tục cấp lại." {
		t.Errorf("Entry(mat-the).Text = %q: an entry picked from a list is the general answer", r.Text)
	}
	st := DefaultSettings()
	all := []string{"NUOC-NGOAI", "VAN-TAY", "CCCD-CU"} // the three the message names, in the entry's order
	for _, n := range []int{0, 1, 2, 3, 4} {
		st.Cases = n
		r := New(set, fs, st).Answer(context.Background(), "mất thẻ khi ở nước ngoài vân tay mờ thẻ cccd cũ")
		if want := all[:min(n, len(all))]; len(r.Cases) != len(want) || !slices.Equal(r.Cases, want) && len(want) > 0 {
			t.Errorf("with cases %d: Cases = %q, want %q", n, r.Cases, want)
		}
	}
}

// TestCaseSituation: a case naming a words.yaml situation is called by any of its phrases, as by
// its own when phrases (read the same way: marks optional, synonyms' spellings), after the
// entry's narrower cases; a situation it does not name calls nothing.
func TestCaseSituation(t *testing.T) {
	set := testSet()
	set.Words.Situations = map[string][]string{"failed": {"bị từ chối", "vẫn chưa cập nhật"}, "other": {"vân tay mờ"}}
	set.Words.SituationsNotAfter = []string{"không", "có"}
	set.Synonyms.Groups = [][]string{{"không", "ko"}}
	set.Entries[2].Cases = []faq.Case{
		{When: []string{"ở nước ngoài"}, Say: "NUOC-NGOAI"},
		{When: []string{"không nhận được"}, Situation: "failed", Say: "FAILED"},
	}
	e := New(set, caseSearch{}, DefaultSettings())
	tests := []struct {
		q    string
		says []string
	}{
		{"mất thẻ, làm lại thì bị từ chối", []string{"FAILED"}},
		{"mat the, lam lai bi tu choi", []string{"FAILED"}},                            // typed without marks
		{"mất thẻ, báo rồi vẫn chưa cập nhật", []string{"FAILED"}},                     // another phrase of the list
		{"mất thẻ, ko nhận được thẻ mới", []string{"FAILED"}},                          // its own when phrase, a synonym's spelling
		{"mất thẻ ở nước ngoài, làm lại bị từ chối", []string{"NUOC-NGOAI", "FAILED"}}, // the narrower case first
		{"mất thẻ, từ chối nhận lời mời", nil},                                         // not the whole phrase
		{"mất thẻ vì vân tay mờ", nil},                                                 // a situation the case does not name
		{"mất thẻ, bị từ chôi", nil},                                                   // marks that disagree: another word
		{"mất thẻ, làm lại sao để không bị từ chối", nil},                              // told as not happened (situations_not_after)
		{"mat the lam lai co bi tu choi ko", nil},                                      // asked whether it happens
		{"mất thẻ, nếu bị từ chối thì sao", []string{"FAILED"}},                        // what to do then
		{"mất thẻ, không hiểu sao bị từ chối", []string{"FAILED"}},                     // a not-word elsewhere
	}
	for _, tt := range tests {
		r := e.Answer(context.Background(), tt.q)
		if r.Kind != KindAnswer || !slices.Equal(r.Cases, tt.says) {
			t.Errorf("Answer(%q) = %s, cases %q; want an answer with cases %q", tt.q, r.Kind, r.Cases, tt.says)
		}
	}
	ex := e.Explain(context.Background(), "mất thẻ ở nước ngoài, làm lại bị từ chối")
	if want := []string{`"ở nước ngoài"`, `"bị từ chối", of words.yaml situation failed`}; !slices.Equal(ex.CasesBy, want) {
		t.Errorf("Explain.CasesBy = %q, want %q", ex.CasesBy, want)
	}
}

// TestCaseBereaved: a case naming the situation bereaved is said when the message tells of a
// relative's death as words.yaml bereavement reads it, not when a relative's card is lost.
func TestCaseBereaved(t *testing.T) {
	set := testSet()
	set.Words.Bereavement = faq.Bereavement{Kin: []string{"bố", "mẹ"}, Owners: []string{"em", "tôi"}, Died: []string{"qua đời"},
		Lost: []string{"mất"}, After: []string{"rồi", "tháng"}, Unless: []string{"nếu"}, Of: []string{"của"}}
	set.Entries[2].Cases = []faq.Case{{When: []string{"khai tử xong"}, Situation: faq.SituationBereaved, Say: "DEAD"}}
	e := New(set, caseSearch{}, DefaultSettings())
	tests := []struct {
		q    string
		says []string
	}{
		{"bố em mất tháng 9, mất thẻ của bố thì sao", []string{"DEAD"}},
		{"mẹ tôi qua đời, mất thẻ làm gì", []string{"DEAD"}},
		{"mất thẻ, khai tử xong rồi", []string{"DEAD"}}, // its own when phrase
		{"thẻ của bố mất rồi, làm lại thế nào", nil},    // a card lost, no death
		{"nếu bố mất thì mất thẻ của bố làm sao", nil},  // hypothetical
		{"mất thẻ rồi", nil},
	}
	for _, tt := range tests {
		r := e.Answer(context.Background(), tt.q)
		if r.Kind != KindAnswer || !slices.Equal(r.Cases, tt.says) {
			t.Errorf("Answer(%q) = %s, cases %q; want an answer with cases %q", tt.q, r.Kind, r.Cases, tt.says)
		}
	}
	ex := e.Explain(context.Background(), "bố em mất tháng 9, mất thẻ của bố thì sao")
	if want := []string{"a relative's death told (words.yaml bereavement)"}; !slices.Equal(ex.CasesBy, want) {
		t.Errorf("Explain.CasesBy = %q, want %q", ex.CasesBy, want)
	}
}

// needsSearch ranks mat-the first and quen-mk second for every message.
type needsSearch struct{}

func (needsSearch) Search(context.Context, string, int) (Found, error) {
	return Found{Hits: []Hit{sure("mat-the"), {ID: "quen-mk", Score: 9, Coverage: 0.9, Phrase: 1, Anchored: true, Class: 0.8}}, Words: 3, Known: 3}, nil
}

// TestNeedsPlainWord: a needs word that has no marks even spelled right ("thai") is not met by a
// marked word folding to it in a message typed with marks ("Thái Bình"); typed without marks it is.
func TestNeedsPlainWord(t *testing.T) {
	set := testSet()
	set.Entries[2].Needs = []string{"thai"}
	e := New(set, needsSearch{}, DefaultSettings())
	tests := []struct {
		q, id string
	}{
		{"vợ tôi mang thai, mất thẻ căn cước", "mat-the"},
		{"vo toi mang thai, mat the", "mat-the"},
		{"tôi ở Thái Bình, mất thẻ căn cước", "quen-mk"},
	}
	for _, tt := range tests {
		if r := e.Answer(context.Background(), tt.q); r.Kind != KindAnswer || r.ID != tt.id {
			t.Errorf("Answer(%q) = %s %q, want answer %q", tt.q, r.Kind, r.ID, tt.id)
		}
	}
}

// answeredLeavingOut asks e q, wants it answered by id, and wants the explanation to say why
// mat-the was left out (reason) exactly when another entry (quen-mk) answers.
func answeredLeavingOut(t *testing.T, e *Engine, q, id, reason string) Reply {
	t.Helper()
	r := e.Answer(context.Background(), q)
	if r.Kind != KindAnswer || r.ID != id {
		t.Errorf("Answer(%q) = %s %q, want answer %q", q, r.Kind, r.ID, id)
	}
	ex := e.Explain(context.Background(), q)
	if left := strings.Contains(ex.Decision.Reason, reason); left != (id == "quen-mk") {
		t.Errorf("Explain(%q).Decision.Reason = %q: says the entry was left out %v, want %v", q, ex.Decision.Reason, left, id == "quen-mk")
	}
	return r
}

// TestNeeds: an entry with needs answers only a message holding one of them (whole words,
// diacritics optional, as cases); otherwise it is left out and the next candidate decides.
func TestNeeds(t *testing.T) {
	set := testSet()
	set.Entries[2].Needs = []string{"lỡ", "bị lừa"}
	e := New(set, needsSearch{}, DefaultSettings())
	tests := []struct {
		q, id string
	}{
		{"lỡ làm mất thẻ", "mat-the"},
		{"lo lam mat the roi", "mat-the"},       // typed without marks
		{"lo lam mất thẻ rồi", "mat-the"},       // unmarked in a message typed with marks: needs read loosely
		{"mất thẻ vì bị lừa", "mat-the"},        // any phrase
		{"mất thẻ căn cước", "quen-mk"},         // none: the next candidate answers
		{"mất thẻ, bị người ta lừa", "quen-mk"}, // a phrase is whole: "bị … lừa" is not "bị lừa"
		{"lỡn mất thẻ", "quen-mk"},              // whole words only
	}
	for _, tt := range tests {
		r := answeredLeavingOut(t, e, tt.q, tt.id, "needs")
		if slices.ContainsFunc(append(r.Options, r.Ranked...), func(o Option) bool { return o.ID == "mat-the" }) != (tt.id == "mat-the") {
			t.Errorf("Answer(%q) offers mat-the %v: an entry left out is not offered", tt.q, r.Options)
		}
	}
	// Needed by every candidate: the fallback.
	set.Entries[1].Needs = []string{"quên"}
	if r := New(set, needsSearch{}, DefaultSettings()).Answer(context.Background(), "mất thẻ căn cước"); r.Kind != KindFallback {
		t.Errorf("every candidate left out: Answer = %s %q, want the fallback", r.Kind, r.ID)
	}
	// Without needs the entry ranked first answers whatever the message.
	if r := New(testSet(), needsSearch{}, DefaultSettings()).Answer(context.Background(), "mất thẻ căn cước"); r.ID != "mat-the" {
		t.Errorf("without needs: Answer = %q, want mat-the", r.ID)
	}
}

// TestNeedsToned: in a message typed with marks, a word whose vowel marks are wrong but whose
// tone is right still names the entry's object (round 62: "căn cuớc", "gẫy" lost the entry);
// a different tone is another word. ("mát" agrees with "mất": needs only gate an entry that
// already ranks first, where that reading costs little.)
func TestNeedsToned(t *testing.T) {
	set := testSet()
	set.Entries[2].Needs = []string{"gãy", "căn cước", "mất"}
	e := New(set, needsSearch{}, DefaultSettings())
	tests := []struct {
		q, id string
	}{
		{"thẻ căn cước bị gãy", "mat-the"},
		{"thẻ căn cuớc của tôi bị hỏng", "mat-the"}, // ư typed as u
		{"thẻ của tôi bị gẫy rồi", "mat-the"},       // â for a, same tone
		{"thẻ của tôi bị gáy", "quen-mk"},           // another tone: another word
		{"ảnh mặt trên thẻ bị mờ", "quen-mk"},       // "mặt" is not "mất"
	}
	for _, tt := range tests {
		answeredLeavingOut(t, e, tt.q, tt.id, "needs")
	}
	// A marked word the FAQ's own prose writes is spelled as meant, not a wrong vowel mark
	// (review rv62m: "có thể" met "thẻ", and the lost card answered "giấy tờ xe bị mất có thể
	// làm lại không"); one it never writes ("mát") is still forgiven.
	set = testSet()
	set.Entries[1].Answer = "Bạn có thể chọn Quên mật khẩu, nhìn thẳng vào mắt."
	set.Entries[2].Needs = []string{"thẻ", "mất"}
	e = New(set, needsSearch{}, DefaultSettings())
	for _, tt := range []struct{ q, id string }{
		{"giấy tờ xe có thể làm lại ở đâu", "quen-mk"},
		{"ảnh chụp mắt bị mờ làm lại ở đâu", "quen-mk"},
		{"tôi bị mát ví rồi làm lại ở đâu", "mat-the"},
		{"tôi bị mất ví rồi làm lại ở đâu", "mat-the"},
	} {
		answeredLeavingOut(t, e, tt.q, tt.id, "needs")
	}
}

// TestNeedsAlso: an entry with needs_also answers only a message holding a phrase of needs and
// one of needs_also (usability test 23: a vehicle registration paper stolen with the bike was
// answered by the lost card's entry, whose needs hold only loss words).
func TestNeedsAlso(t *testing.T) {
	set := testSet()
	set.Entries[2].Needs = []string{"mất", "rơi"}
	set.Entries[2].NeedsAlso = []string{"thẻ", "căn cước"}
	e := New(set, needsSearch{}, DefaultSettings())
	tests := []struct {
		q, id, reason string
	}{
		{"mất thẻ căn cước", "mat-the", ""},
		{"mat the roi", "mat-the", ""},                                    // typed without marks
		{"làm rơi căn cước ngoài chợ", "mat-the", ""},                     // any phrase of each list
		{"mất giấy đăng ký xe", "quen-mk", "needs_also"},                  // the loss, not the card
		{"thẻ căn cước ghi sai năm sinh", "quen-mk", "its needs phrases"}, // the card, no loss
	}
	for _, tt := range tests {
		reason := tt.reason
		if reason == "" {
			reason = "needs"
		}
		answeredLeavingOut(t, e, tt.q, tt.id, reason)
	}
}

// TestAgesBorn: a birth year after synonyms.yaml born_before states the ages it may be in the
// year the set is rendered for (usability test 23: a child "sinh 2019" got the under-6 entry).
func TestAgesBorn(t *testing.T) {
	set := testSet()
	set.Entries[2].Ages = &faq.AgeSpan{From: 6, To: 13}
	set.Synonyms.BornBefore = []string{"sinh", "sn"}
	day, err := faq.ParseDay("2026-12-07")
	if err != nil {
		t.Fatal(err)
	}
	set.Day = day
	e := New(set, needsSearch{}, DefaultSettings())
	tests := []struct {
		q, id string
	}{
		{"bé sinh năm 2019 mất thẻ", "mat-the"},   // 6 or 7
		{"bé sinh 03/02/2021 mất thẻ", "quen-mk"}, // a date: 4 or 5
		{"bé sinh năm 2012 mất thẻ", "mat-the"},   // 13 or 14: 13 is its own
		{"bé sinh năm 2011 mất thẻ", "quen-mk"},   // 14 or 15
		{"be sn 2022 mat the", "quen-mk"},         // 3 or 4
		{"con sinh năm 2020 mất thẻ", "mat-the"},  // 5 or 6
	}
	for _, tt := range tests {
		answeredLeavingOut(t, e, tt.q, tt.id, "is for ages 6 to 13, and the message states")
	}
	// Without the day (a Set not resolved) a birth year states nothing.
	set.Day = faq.Day{}
	answeredLeavingOut(t, New(set, needsSearch{}, DefaultSettings()), "be sn 2022 mat the", "mat-the", "is for ages")
}

// TestAges: an entry for some ages (faq.Entry.Ages) is left out when the message states ages,
// none of them its own, and not offered as a button either; a bound ("dưới 6 tuổi", "14 tuổi trở
// xuống"), the second number of a range, money ("lừa 7t") and an adult's age beside a child's
// entry are no ages against it.
func TestAges(t *testing.T) {
	set := testSet()
	set.Entries[2].Ages = &faq.AgeSpan{From: 6, To: 13}
	set.Entries[0].Related = []string{"mat-the"} // quen-passcode offers mat-the as a button
	set.Synonyms.AgeBounds = []string{"dưới", "chưa đủ", "từ", "từ đủ", "trên", "hơn", "đến", "tới", "sắp"}
	set.Synonyms.AgeBoundsAfter = []string{"trở xuống", "trở lên"}
	set.Synonyms.AgeAfter = []string{"bé", "con", "mẹ", "ông"}
	e := New(set, needsSearch{}, DefaultSettings())
	tests := []struct {
		q, id string
	}{
		{"mất thẻ", "mat-the"},                           // no age stated
		{"bé 5 tuổi mất thẻ", "quen-mk"},                 // just below the span
		{"bé 6 tuổi mất thẻ", "mat-the"},                 // its first age
		{"bé 13 tuổi mất thẻ", "mat-the"},                // its last age
		{"bé 14 tuổi mất thẻ", "quen-mk"},                // just past it
		{"be 15 tuoi mat the", "quen-mk"},                // typed without marks
		{"con 4t mất thẻ", "quen-mk"},                    // short, after a person
		{"bị lừa 4t, mất thẻ", "mat-the"},                // short after anything else: money
		{"trẻ dưới 14 tuổi mất thẻ", "mat-the"},          // a bound, not an age
		{"tre duoi 14 tuoi mat the", "mat-the"},          // a bound typed without marks
		{"trẻ từ đủ 6 tuổi mất thẻ", "mat-the"},          // a bound of two words
		{"bé sắp 14 tuổi mất thẻ", "mat-the"},            // a bound
		{"trẻ 14 tuổi trở xuống mất thẻ", "mat-the"},     // a bound after the age
		{"trẻ 6-14 tuổi mất thẻ", "mat-the"},             // a range: 14 is its end, not an age
		{"con 13,5 tuổi mất thẻ", "mat-the"},             // a decimal: 5 is not an age
		{"mẹ 35 tuổi, bé 7 tuổi mất thẻ", "mat-the"},     // one of the ages is its own
		{"tôi 30 tuổi, con mới sinh mất thẻ", "mat-the"}, // an adult's age: none against a child's entry
		{"con toi 15 tuoi mat the", "mat-the"},           // typed without marks "toi" may be "tới", a bound: the entry stays
		{"con tôi 15 tuổi mất thẻ", "quen-mk"},           // typed with marks, "tôi" is no bound
		{"bé 7 tháng tuổi mất thẻ", "mat-the"},           // months: no age in years stated
	}
	for _, tt := range tests {
		answeredLeavingOut(t, e, tt.q, tt.id, "is for ages 6 to 13, and the message states")
	}
	// Left out, the entry is no button either, not even as another entry's related one.
	r, _ := e.Entry("quen-passcode")
	if !slices.ContainsFunc(r.Options, func(o Option) bool { return o.ID == "mat-the" }) {
		t.Fatalf("Entry(quen-passcode).Options = %v: the test needs mat-the among them", r.Options)
	}
	p := New(set, passcodeSearch{}, DefaultSettings())
	for _, tt := range []struct {
		q     string
		offer bool
	}{{"bé 14 tuổi quên passcode", false}, {"bé 7 tuổi quên passcode", true}, {"quên passcode", true}} {
		r := p.Answer(context.Background(), tt.q)
		if r.ID != "quen-passcode" {
			t.Fatalf("Answer(%q) = %q, want quen-passcode", tt.q, r.ID)
		}
		if got := slices.ContainsFunc(r.Options, func(o Option) bool { return o.ID == "mat-the" }); got != tt.offer {
			t.Errorf("Answer(%q) offers mat-the %v (%v), want %v: an entry left out for its ages is no button", tt.q, got, r.Options, tt.offer)
		}
	}
}

// passcodeSearch ranks quen-passcode first for every message.
type passcodeSearch struct{}

func (passcodeSearch) Search(context.Context, string, int) (Found, error) {
	return Found{Hits: []Hit{sure("quen-passcode")}, Words: 3, Known: 3}, nil
}

// TestOpeningLines: a message that sounds frustrated (words.yaml frustration) gets bot.yaml sorry
// before the reply, one telling of a relative's death (words.yaml bereavement) bot.yaml condolence
// instead; both after any warning, and small talk no regret. Without the message nothing changes.
func TestOpeningLines(t *testing.T) {
	set := testSet()
	set.Words.Frustration = []string{"chờ mãi", "bực mình"}
	set.Words.Bereavement = faq.Bereavement{Kin: []string{"mẹ"}, KinOwned: []string{"con"}, Owners: []string{"tôi"}, Between: []string{"vừa"}, Lost: []string{"mất"}, After: []string{"rồi"}}
	set.Bot.Messages.Sorry, set.Bot.Messages.Condolence = "SORRY", "CONDOLENCE"
	e := New(set, caseSearch{}, DefaultSettings())
	tests := []struct {
		q    string
		kind Kind
		text string // the reply's start
	}{
		{"mất thẻ chờ mãi", KindAnswer, "SORRY\n\nLàm thủ tục cấp lại."},
		{"mat the cho mai", KindAnswer, "SORRY\n\nLàm thủ tục cấp lại."}, // typed without marks
		{"mất thẻ", KindAnswer, "Làm thủ tục cấp lại."},
		{"mất thẻ bực mình, số tôi 0912345678", KindSafety, "PII\n\nSORRY\n\nLàm thủ tục cấp lại."},
		{"cảm ơn, chờ mãi", KindSmalltalk, "TY"},
		{"mẹ tôi vừa mất, mất thẻ", KindAnswer, "CONDOLENCE\n\nLàm thủ tục cấp lại."},
		{"mẹ tôi mất rồi, mất thẻ chờ mãi", KindAnswer, "CONDOLENCE\n\nLàm thủ tục cấp lại."}, // not both
		{"mẹ tôi mất thẻ", KindAnswer, "Làm thủ tục cấp lại."},
		{"con mất thẻ rồi", KindAnswer, "Làm thủ tục cấp lại."},
		{"mẹ tôi vừa mất, mất thẻ, số tôi 0912345678", KindSafety, "PII\n\nCONDOLENCE\n\nLàm thủ tục cấp lại."},
	}
	for _, tt := range tests {
		r := e.Answer(context.Background(), tt.q)
		if r.Kind != tt.kind || !strings.HasPrefix(r.Text, tt.text) {
			t.Errorf("Answer(%q) = %s %q, want %s starting %q", tt.q, r.Kind, r.Text, tt.kind, tt.text)
		}
	}
	set.Bot.Messages.Sorry, set.Bot.Messages.Condolence = "", ""
	for _, q := range []string{"mất thẻ chờ mãi", "mẹ tôi vừa mất, mất thẻ"} {
		if r := New(set, caseSearch{}, DefaultSettings()).Answer(context.Background(), q); r.Text != "Làm thủ tục cấp lại." {
			t.Errorf("without bot.yaml sorry and condolence: Answer(%q) = %q, want the answer alone", q, r.Text)
		}
	}
}

// FuzzCases: whatever the message, an answer carries at most Settings.Cases of its entry's cases,
// each before the answer, which stays whole at the end.
func FuzzCases(f *testing.F) {
	for _, s := range []string{"mất thẻ ở nước ngoài", "MAT THE O NUOC NGOAI vân tay mờ", "ở nước ngoài", "nước ngoài ở", "\xff ở nước", "cccd cũ cccd cũ"} {
		f.Add(s)
	}
	set := testSet()
	set.Entries[2].Cases = []faq.Case{
		{When: []string{"ở nước ngoài"}, Say: "NUOC-NGOAI"},
		{When: []string{"vân tay mờ"}, Say: "VAN-TAY"},
		{When: []string{"cccd cũ", "ở nước"}, Say: "CCCD-CU"},
	}
	e := New(set, caseSearch{}, DefaultSettings())
	f.Fuzz(func(t *testing.T, s string) {
		r := e.Answer(context.Background(), s)
		if len(r.Cases) > DefaultSettings().Cases {
			t.Fatalf("Answer(%q) carries %d cases", s, len(r.Cases))
		}
		if len(r.Cases) > 0 && (r.Kind != KindAnswer && r.Kind != KindSafety || !strings.HasSuffix(r.Text, "Làm thủ tục cấp lại.")) {
			t.Fatalf("Answer(%q) = %s %q: cases only lead an answer that ends whole", s, r.Kind, r.Text)
		}
		for _, c := range r.Cases {
			if i := strings.Index(r.Text, c); i < 0 || i > strings.Index(r.Text, "Làm thủ tục cấp lại.") {
				t.Fatalf("Answer(%q).Text = %q: case %q should come before the answer", s, r.Text, c)
			}
		}
	})
}

// TestWarnedNotes: a warning that already says a standard note's advice (bot.yaml warned_notes)
// leaves the note out of the answer it leads; a warning that does not say it keeps the note, and
// an answer without a warning keeps it.
func TestWarnedNotes(t *testing.T) {
	const note = "Không đọc mã OTP cho ai."
	fs := fakeSearch{
		"công an gọi bảo quen passcode": {Hits: []Hit{sure("quen-passcode")}, Words: 2, Known: 2},
		"quen passcode":                 {Hits: []Hit{sure("quen-passcode")}, Words: 1, Known: 1},
	}
	for _, tc := range []struct {
		name, scam, q string
		notes         int
	}{
		{"warning says it", "SCAM: đừng đọc mã OTP.", "công an gọi bảo quen passcode", 0},
		{"warning says other things", "SCAM: cúp máy.", "công an gọi bảo quen passcode", 1},
		{"no warning", "SCAM: đừng đọc mã OTP.", "quen passcode", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			set := testSet()
			set.Entries[0].Answer += "\n\n" + note
			set.Bot.Notes = map[string]string{"otp": note}
			set.Bot.WarnedNotes = map[string]string{"otp": "mã otp"}
			set.Bot.Messages.SafetyScam = tc.scam
			r := New(set, fs, DefaultSettings()).Answer(context.Background(), tc.q)
			if r.ID != "quen-passcode" || !strings.Contains(r.Text, "Quên passcode") {
				t.Fatalf("Answer(%q) = %s %q, want the entry quen-passcode", tc.q, r.ID, r.Text)
			}
			if got := strings.Count(r.Text, note); got != tc.notes {
				t.Errorf("Answer(%q) holds the note %d times, want %d:\n%s", tc.q, got, tc.notes, r.Text)
			}
		})
	}
}

// TestWithoutRepeats: a case that says an answer paragraph, a bullet, a list's last step or a
// middle item that is a statement of its own again leaves it out (the items after it numbered
// again); one that says less of it, a short heading, a short middle step of a procedure and an
// answer without the case's words stay.
func TestWithoutRepeats(t *testing.T) {
	say := "Tiền đã bị trừ mà hồ sơ vẫn báo chưa thanh toán: đừng thanh toán lần nữa; giữ biên lai."
	tests := []struct {
		name, text string
		want       []string
		labelled   bool // keep a labelled paragraph (under a warning)
	}{
		{"repeated whole", "Mở VNeID.\n\nTiền đã bị trừ mà hồ sơ báo chưa thanh toán: đừng thanh toán lần nữa, giữ biên lai.",
			[]string{"Mở VNeID."}, false},
		{"says more", "Tiền đã bị trừ: đừng thanh toán lần nữa. Không có tài khoản ngân hàng, ví điện tử: hỏi Trung tâm phục vụ hành chính công.",
			[]string{"Tiền đã bị trừ: đừng thanh toán lần nữa. Không có tài khoản ngân hàng, ví điện tử: hỏi Trung tâm phục vụ hành chính công."}, false},
		{"short heading", "Thanh toán lần nữa:\n\nKhác hẳn.", []string{"Thanh toán lần nữa:", "Khác hẳn."}, false},
		{"typed without marks", "tien da bi tru ma ho so van bao chua thanh toan, dung thanh toan lan nua", nil, false},
		// a list item the case repeats goes; the list's other items and its heading stay
		{"repeated bullet", "Lưu ý:\n- Mang thẻ căn cước và sổ hộ khẩu đến Công an cấp xã gần nhất.\n- Tiền đã bị trừ mà hồ sơ vẫn báo chưa thanh toán: đừng thanh toán lần nữa.",
			[]string{"Lưu ý:\n- Mang thẻ căn cước và sổ hộ khẩu đến Công an cấp xã gần nhất."}, false},
		{"heading left alone", "Mở VNeID.\n\nLưu ý:\n- Tiền đã bị trừ mà hồ sơ vẫn báo chưa thanh toán: đừng thanh toán lần nữa.",
			[]string{"Mở VNeID."}, false},
		{"last step", "1. Mang thẻ căn cước và sổ hộ khẩu đến Công an cấp xã gần nhất.\n2. Tiền đã bị trừ mà hồ sơ vẫn báo chưa thanh toán: đừng thanh toán lần nữa.",
			[]string{"1. Mang thẻ căn cước và sổ hộ khẩu đến Công an cấp xã gần nhất."}, false},
		{"short middle step stays", "1. Đừng thanh toán lần nữa.\n2. Mang thẻ căn cước và sổ hộ khẩu đến Công an cấp xã gần nhất.",
			[]string{"1. Đừng thanh toán lần nữa.\n2. Mang thẻ căn cước và sổ hộ khẩu đến Công an cấp xã gần nhất."}, false},
		// a middle item that is a statement of its own goes, and the items after it are numbered again
		{"long middle item", "1. Mang thẻ căn cước và sổ hộ khẩu đến Công an cấp xã gần nhất.\n2. Tiền đã bị trừ mà hồ sơ vẫn báo chưa thanh toán: đừng thanh toán lần nữa.\n3. Nhận giấy hẹn trả kết quả.",
			[]string{"1. Mang thẻ căn cước và sổ hộ khẩu đến Công an cấp xã gần nhất.\n2. Nhận giấy hẹn trả kết quả."}, false},
		{"a line of a sentence stays", "Tiền đã bị trừ mà hồ sơ vẫn báo chưa thanh toán: đừng thanh toán lần nữa.\nMang thẻ căn cước và sổ hộ khẩu đến Công an cấp xã gần nhất.",
			[]string{"Tiền đã bị trừ mà hồ sơ vẫn báo chưa thanh toán: đừng thanh toán lần nữa.\nMang thẻ căn cước và sổ hộ khẩu đến Công an cấp xã gần nhất."}, false},
		// under a warning, a labelled section is the answer's own, however many of its words the warning has
		{"labelled kept", "Cần chuẩn bị: đừng thanh toán lần nữa, giữ biên lai.\n\nTiền đã bị trừ mà hồ sơ báo chưa thanh toán: đừng thanh toán lần nữa, giữ biên lai.",
			[]string{"Cần chuẩn bị: đừng thanh toán lần nữa, giữ biên lai."}, true},
		{"labelled under a case", "Cần chuẩn bị: đừng thanh toán lần nữa, giữ biên lai.", nil, false},
	}
	for _, tt := range tests {
		if got := withoutRepeats(tt.text, []string{say}, DefaultSettings().CaseRepeat, tt.labelled); !slices.Equal(got, tt.want) {
			t.Errorf("%s: withoutRepeats = %q, want %q", tt.name, got, tt.want)
		}
	}
	if got := withoutRepeats("Tiền đã bị trừ mà hồ sơ vẫn báo chưa thanh toán: đừng thanh toán lần nữa.", []string{say}, 1.1, false); len(got) != 1 {
		t.Errorf("case_repeat above 1: withoutRepeats = %q, want the paragraph kept", got)
	}
}

// TestClarifyLeads: a clarification whose first topic's entry carries a tag of bot.yaml
// clarify_leads says its line before the question; one whose first topic carries none, an
// answer about such an entry, and a clarification already led by a warning do not.
func TestClarifyLeads(t *testing.T) {
	const lead = "LEAD: đừng làm theo người lạ."
	fs := fakeSearch{
		"quen":                 {Hits: []Hit{middle("quen-passcode"), {ID: "quen-mk", Score: 9.7, Coverage: 0.5, Anchored: true, Class: 0.45}}, Words: 1, Known: 1},
		"mk":                   {Hits: []Hit{middle("quen-mk"), {ID: "quen-passcode", Score: 9.7, Coverage: 0.5, Anchored: true, Class: 0.45}}, Words: 1, Known: 1},
		"quen passcode":        {Hits: []Hit{sure("quen-passcode"), weak("quen-mk")}, Words: 1, Known: 1},
		"công an gọi bảo quen": {Hits: []Hit{middle("quen-passcode"), {ID: "quen-mk", Score: 9.7, Coverage: 0.5, Anchored: true, Class: 0.45}}, Words: 2, Known: 2},
	}
	set := testSet()
	set.Entries[0].Tags = []string{"vneid", "lua-dao"}
	set.Bot.ClarifyLeads = map[string]string{"lua-dao": lead, "other": "OTHER"}
	e := New(set, fs, DefaultSettings())
	for _, tc := range []struct {
		q    string
		kind Kind
		lead bool
	}{
		{"quen", KindClarify, true},
		{"mk", KindClarify, false},                  // the tagged entry is offered second
		{"quen passcode", KindAnswer, false},        // answered: the entry says it itself
		{"công an gọi bảo quen", KindSafety, false}, // the scam warning leads instead
	} {
		r := e.Answer(context.Background(), tc.q)
		if r.Kind != tc.kind {
			t.Fatalf("Answer(%q).Kind = %s, want %s", tc.q, r.Kind, tc.kind)
		}
		if got := strings.HasPrefix(r.Text, lead); got != tc.lead {
			t.Errorf("Answer(%q) starts with the lead: %v, want %v\n%s", tc.q, got, tc.lead, r.Text)
		}
		if strings.Count(r.Text, lead) > 1 || strings.Contains(r.Text, "OTHER") {
			t.Errorf("Answer(%q) says a lead twice or another tag's:\n%s", tc.q, r.Text)
		}
	}
}

// TestSafetyCovers: a request to do a procedure that types a password and offers the OTP gets
// the password warning once (it covers the OTP one) and still the procedure's guide; without
// covers both warnings show.
func TestSafetyCovers(t *testing.T) {
	const q = "làm hộ tôi quen passcode, mật khẩu tôi nhắn sau, mã tôi đọc cho bạn nhé"
	fs := anySearch{Hits: []Hit{sure("quen-passcode")}, Words: 3, Known: 3}
	for _, tc := range []struct {
		name   string
		covers []string
		warned []string
	}{
		{"password covers the code", []string{"otp_code"}, []string{"PASSWORD"}},
		{"nothing covered", nil, []string{"CODE", "PASSWORD"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			set := testSet()
			set.Words.Safety = []faq.SafetyRule{
				{Flag: "otp_code", Phrases: []string{"đọc cho bạn nhé"}, Message: "CODE"},
				{Flag: "password", Phrases: []string{"mật khẩu tôi nhắn sau"}, Covers: tc.covers, Message: "PASSWORD"},
			}
			r := New(set, fs, DefaultSettings()).Answer(context.Background(), q)
			var got []string
			for _, w := range []string{"CODE", "PASSWORD"} {
				if strings.Contains(r.Text, w) {
					got = append(got, w)
				}
			}
			if !slices.Equal(got, tc.warned) {
				t.Errorf("warnings = %v, want %v:\n%s", got, tc.warned, r.Text)
			}
			if !slices.Contains(r.Flags, "otp_code") || !slices.Contains(r.Flags, "password") {
				t.Errorf("flags = %v, want both otp_code and password kept", r.Flags)
			}
			if r.Guide != "quen-passcode" || !strings.Contains(r.Text, "SELF") {
				t.Errorf("reply = guide %q %q, want the do-for-me reply offering quen-passcode under the warnings", r.Guide, r.Text)
			}
		})
	}
}

// anySearch returns the same hits for every message.
type anySearch Found

func (f anySearch) Search(context.Context, string, int) (Found, error) { return Found(f), nil }

// TestSafetyButtons: a message that is itself the risk and asks nothing gets the warning alone,
// with the entries that would have answered as buttons; none would: the popular topics.
func TestSafetyButtons(t *testing.T) {
	for _, tc := range []struct {
		name string
		hits []Hit
		want []string
	}{
		{"an entry would answer", []Hit{sure("quen-passcode"), middle("quen-mk")}, []string{"quen-passcode", "quen-mk"}},
		{"none would", []Hit{weak("quen-passcode")}, []string{"mat-the"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			set := testSet()
			set.Words.Safety = []faq.SafetyRule{{Flag: "card_photo", Phrases: []string{"gửi ảnh thẻ"}, Message: "PHOTO"}}
			fs := anySearch{Hits: tc.hits, Words: 2, Known: 2}
			r := New(set, fs, DefaultSettings()).Answer(context.Background(), "gửi ảnh thẻ quen passcode")
			var got []string
			for _, o := range r.Options {
				got = append(got, o.ID)
			}
			if r.Kind != KindSafety || r.Text != "PHOTO" || !slices.Equal(got, tc.want) {
				t.Errorf("Answer = %s %q %v, want the warning alone with buttons %v", r.Kind, r.Text, got, tc.want)
			}
		})
	}
}

// TestSafetyUnless: a rule's unless phrase counts whatever word it starts with, also one that
// starts no other phrase of any list (the message's words are read only where some phrase may
// start: "lạ" started none, and "thiết bị lạ đang đăng nhập" never cancelled the warning).
func TestSafetyUnless(t *testing.T) {
	rule := faq.SafetyRule{Flag: "other_account", Phrases: []string{"đăng nhập vneid"}, Unless: []string{"lạ đang đăng nhập"}, Message: "OTHER"}
	checkWarns(t, rule, []warnCase{
		{"tôi muốn đăng nhập vneid của bố", true},
		{"có máy lạ đang đăng nhập vneid của tôi", false},
	})
}

// TestSafetyTypedMarks: in a message typed with marks a word left bare is read as written, as for
// cases ("tiền an sinh" is no "tiền án"); an abbreviation without a vowel ("sdt") still stands for
// its marked form ("sđt").
func TestSafetyTypedMarks(t *testing.T) {
	rule := faq.SafetyRule{Flag: "lookup_other", Phrases: []string{"tiền án của người khác", "xin sđt của người khác"}, Message: "LOOKUP"}
	checkWarns(t, rule, []warnCase{
		{"tra tiền án của người khác được không", true},
		{"tra tien an cua nguoi khac duoc khong", true}, // nothing marked: the phrase's words
		{"nhận tiền an của người khác được không", false},
		{"cho tôi xin sdt của người khác với", true},
	})
}

// warnCase is a message and whether the rule under test warns it.
type warnCase struct {
	q    string
	warn bool
}

// checkWarns answers each message with rule as the only safety rule and checks its message is
// said or not.
func checkWarns(t *testing.T, rule faq.SafetyRule, tests []warnCase) {
	t.Helper()
	fs := anySearch{Hits: []Hit{sure("quen-passcode")}, Words: 3, Known: 3}
	set := testSet()
	set.Words.Safety = []faq.SafetyRule{rule}
	e := New(set, fs, DefaultSettings())
	for _, tt := range tests {
		r := e.Answer(context.Background(), tt.q)
		if got := strings.Contains(r.Text, rule.Message); got != tt.warn {
			t.Errorf("Answer(%q) warns %v, want %v:\n%s", tt.q, got, tt.warn, r.Text)
		}
	}
}

// TestCaseSaidAlready: a case whose say a case said first already holds is left out, and the
// next case called takes its place (a lost wallet's case names the health card; the health card's
// own case would say it twice).
func TestCaseSaidAlready(t *testing.T) {
	set := testSet()
	set.Entries[2].Cases = []faq.Case{
		{When: []string{"mất ví"}, Say: "Mất cả ví: bằng lái cấp lại trên cổng dịch vụ công; thẻ bảo hiểm không cần cấp lại, khám bằng thẻ trên ứng dụng."},
		{When: []string{"thẻ bảo hiểm"}, Say: "Mất thẻ bảo hiểm: không cần cấp lại, khám bằng thẻ trên ứng dụng."},
		{When: []string{"ở nước ngoài"}, Say: "NUOC-NGOAI"},
	}
	e := New(set, caseSearch{}, DefaultSettings())
	for _, tt := range []struct {
		q    string
		says int // the cases said, by their place in the entry's cases
	}{
		{"mất thẻ bảo hiểm", 2},
		{"mất ví có thẻ bảo hiểm", 1},
		{"mất ví có thẻ bảo hiểm khi ở nước ngoài", 13},
	} {
		r := e.Answer(context.Background(), tt.q)
		got := 0
		for _, n := range r.CaseNums {
			got = got*10 + n
		}
		if got != tt.says {
			t.Errorf("Answer(%q).CaseNums = %v, want %d", tt.q, r.CaseNums, tt.says)
		}
	}
}
