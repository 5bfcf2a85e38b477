package answer

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/vneidbot/vneidbot/internal/faq"
	"github.com/vneidbot/vneidbot/internal/textnorm"
)

// recordSearch answers from canned results and records every text it was asked for.
type recordSearch struct {
	found map[string]Found
	asked []string
}

func (s *recordSearch) Search(_ context.Context, text string, _ int) (Found, error) {
	s.asked = append(s.asked, text)
	return s.found[text], nil
}

func messageSet() *faq.Set {
	set := testSet()
	set.Entries = append(set.Entries,
		faq.Entry{ID: "vay-von", Title: "Vay vốn ưu đãi bằng VNeID", Topic: "Tiện ích", Questions: []string{"vay vốn bằng vneid"}, Answer: "Vay vốn."},
		faq.Entry{ID: "tam-vang", Title: "Khai báo tạm vắng", Topic: "Cư trú", Questions: []string{"đi nghĩa vụ quân sự có phải khai tạm vắng"}, Answer: "Khai tạm vắng."},
		faq.Entry{ID: "doi-may", Title: "Đổi điện thoại", Topic: "VNeID", Answer: "Đăng nhập trên máy mới."})
	set.Words = faq.Words{
		Greetings: []string{"chào ad", "xin chào"}, Thanks: []string{"cảm ơn"},
		QuestionCues: []string{"làm sao", "phải làm gì"}, QuestionEndings: []string{"không"},
		Stopwords: []string{"ạ", "nhé"},
		DoForMe:   []string{"làm hộ"}, ForMe: []string{"tôi", "em"}, BotNames: []string{"bạn làm", "bot"}, Compounds: []string{"hộ chiếu"},
		Safety: []faq.SafetyRule{{Flag: "card_photo", Phrases: []string{"gửi ảnh căn cước"}, Message: "PHOTO"}},
	}
	set.Words.AboutBot = []string{"người hay máy", "bạn là ai"}
	set.Words.Attachments = []string{"hình ảnh", "sticker"}
	set.Bot.Messages.Attachment = "TEXT ONLY"
	set.Bot.Messages.AboutBot = "A PROGRAM"
	set.OffTopic = []faq.OffTopic{
		{ID: "vay", Cues: []string{"vay vốn", "lãi suất"}, Message: "BANK"},
		{ID: "quan-su", Cues: []string{"nghĩa vụ quân sự"}, Message: "ARMY"},
	}
	return set
}

// TestLongMessage: the question of a long message outweighs its story, small talk inside never
// decides the reply, and a question that names no topic leaves the decision to the whole message.
func TestLongMessage(t *testing.T) {
	// Class is the learned model's score (rank.go): the story reads a little like mat-the.
	story := Hit{ID: "mat-the", Score: 10, Coverage: 0.6, Phrase: 0.5, Anchored: true, Class: 0.4}
	asked := Hit{ID: "doi-may", Score: 6, Coverage: 0.3, Anchored: true, Class: 0.2}
	tests := []struct {
		name   string
		msg    string
		found  map[string]Found
		kind   Kind
		id     string
		search []string // texts the engine searched, in order
	}{
		{
			name: "question outweighs the story",
			msg:  "Tôi mất thẻ tháng trước. Giờ đổi điện thoại thì phải làm gì?",
			found: map[string]Found{
				"tôi mất thẻ tháng trước . giờ đổi điện thoại thì phải làm gì": {Hits: []Hit{story, asked}, Words: 5, Known: 5},
				"giờ đổi điện thoại thì phải làm gì":                           {Hits: []Hit{{ID: "doi-may", Score: 9, Coverage: 1, Phrase: 1, Anchored: true, Class: 0.7}}, Words: 4, Known: 4},
			},
			kind:   KindAnswer,
			id:     "doi-may",
			search: []string{"tôi mất thẻ tháng trước . giờ đổi điện thoại thì phải làm gì", "giờ đổi điện thoại thì phải làm gì"},
		},
		{
			name: "a short follow-up question leans on the story",
			msg:  "Tôi mất thẻ tháng trước. Giờ đổi điện thoại thì phải làm gì?",
			found: map[string]Found{
				"tôi mất thẻ tháng trước . giờ đổi điện thoại thì phải làm gì": {Hits: []Hit{story, asked}, Words: 5, Known: 5},
				"giờ đổi điện thoại thì phải làm gì":                           {Hits: []Hit{{ID: "doi-may", Score: 9, Coverage: 1, Phrase: 1, Anchored: true, Class: 0.7}}, Words: 2, Known: 2},
			},
			kind:   KindAnswer,
			id:     "mat-the",
			search: []string{"tôi mất thẻ tháng trước . giờ đổi điện thoại thì phải làm gì", "giờ đổi điện thoại thì phải làm gì"},
		},
		{
			name: "question without a topic: the story decides",
			msg:  "mất thẻ căn cước hôm qua ở chợ. giờ phải làm gì ạ",
			found: map[string]Found{
				"mất thẻ căn cước hôm qua ở chợ . giờ phải làm gì ạ": {Hits: []Hit{sure("mat-the")}, Words: 3, Known: 3},
				"giờ phải làm gì ạ": {Words: 0},
			},
			kind:   KindAnswer,
			id:     "mat-the",
			search: []string{"mất thẻ căn cước hôm qua ở chợ . giờ phải làm gì ạ", "giờ phải làm gì ạ"},
		},
		{
			name: "greeting and thanks around a question are removed",
			msg:  "chào ad, em quên passcode vneid thì làm sao ạ, cảm ơn",
			found: map[string]Found{
				"em quên passcode vneid thì làm sao ạ": {Hits: []Hit{sure("quen-passcode")}, Words: 3, Known: 3},
			},
			kind:   KindAnswer,
			id:     "quen-passcode",
			search: []string{"em quên passcode vneid thì làm sao ạ"},
		},
		{
			name: "greeting inside a message nothing fits is a fallback, not small talk",
			msg:  "xin chào, nhà em nuôi con mèo hay cắn dây điện thì xử lý thế nào, cảm ơn",
			found: map[string]Found{
				"nhà em nuôi con mèo hay cắn dây điện thì xử lý thế nào": {Hits: []Hit{weak("mat-the")}, Words: 6, Known: 2},
			},
			kind:   KindFallback,
			search: []string{"nhà em nuôi con mèo hay cắn dây điện thì xử lý thế nào"},
		},
		{
			name: "thanks that ask nothing are small talk, even when a word matches an entry",
			msg:  "cảm ơn bot nhiều nha, quên passcode cũng làm lại được rồi",
			found: map[string]Found{
				"bot nhiều nha quên passcode cũng làm lại được rồi": {Hits: []Hit{sure("quen-passcode")}, Words: 3, Known: 3},
			},
			kind:   KindSmalltalk,
			search: []string{"bot nhiều nha quên passcode cũng làm lại được rồi"},
		},
		{
			name: "a greeting with a topic but no question word still gets the answer",
			msg:  "xin chào, mình bị quên passcode vneid",
			found: map[string]Found{
				"mình bị quên passcode vneid": {Hits: []Hit{sure("quen-passcode")}, Words: 3, Known: 3},
			},
			kind:   KindAnswer,
			id:     "quen-passcode",
			search: []string{"mình bị quên passcode vneid"},
		},
		{
			name:   "a short greeting alone is small talk",
			msg:    "chào ad",
			kind:   KindSmalltalk,
			search: nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &recordSearch{found: tt.found}
			r := New(messageSet(), s, DefaultSettings()).Answer(context.Background(), tt.msg)
			if r.Kind != tt.kind || r.ID != tt.id {
				t.Errorf("Answer(%q) = %s %q, want %s %q", tt.msg, r.Kind, r.ID, tt.kind, tt.id)
			}
			if strings.Join(s.asked, "|") != strings.Join(tt.search, "|") {
				t.Errorf("searched %q, want %q", s.asked, tt.search)
			}
		})
	}
}

// TestBlendFound: the question lifts the entries it matches by w of the way towards its own
// shares; the story's other entries keep their values and order.
func TestBlendFound(t *testing.T) {
	q := Found{Hits: []Hit{{ID: "a", Score: 4, Coverage: 1, Phrase: 1, Anchored: true}, {ID: "c", Score: 2, Coverage: 0.5}}, Words: 4, Known: 4}
	whole := Found{Hits: []Hit{{ID: "b", Score: 8, Coverage: 0.8, Anchored: true}, {ID: "a", Score: 4, Coverage: 0.4}, {ID: "d", Score: 2, Coverage: 0.2}}, Words: 6, Known: 5}
	got := blendFound(q, whole, 0.6)
	if got.Words != 6 || got.Known != 5 || len(got.Hits) != 4 {
		t.Fatalf("blendFound = %+v", got)
	}
	near := func(x, y float64) bool { return x-y < 1e-9 && y-x < 1e-9 }
	want := []Hit{
		{ID: "a", Score: 0.5 + 0.6, Coverage: 0.4 + 0.6*0.6, Phrase: 0.6, Anchored: true},
		{ID: "b", Score: 1, Coverage: 0.8, Anchored: true},
		{ID: "c", Score: 0.6 * 0.5, Coverage: 0.6 * 0.5},
		{ID: "d", Score: 0.25, Coverage: 0.2},
	}
	for i, w := range want {
		g := got.Hits[i]
		if g.ID != w.ID || !near(g.Score, w.Score) || !near(g.Coverage, w.Coverage) || !near(g.Phrase, w.Phrase) || g.Anchored != w.Anchored {
			t.Errorf("hit %d = %+v, want %+v", i, g, w)
		}
	}
}

// find reads the question part's own off-topic lead (its off-topic score over its best entry's
// model score) into QuestionOff, 0 when the part reads as ours; the whole message's scores stay.
func TestFindQuestionOff(t *testing.T) {
	whole, question := "tôi đã tích hợp bhyt trên vneid . công ty cũ không đóng bảo hiểm thì kiện ở đâu", "công ty cũ không đóng bảo hiểm thì kiện ở đâu"
	for _, tc := range []struct {
		name      string
		qOff      float64
		qHits     []Hit
		wantQOff  float64
		wantWhole float64
	}{
		{"reads off-topic", 0.5, []Hit{{ID: "a", Class: 0.1, Anchored: true}, {ID: "b", Class: 0.2}}, 0.3, 0.1},
		{"reads as ours", 0.1, []Hit{{ID: "a", Class: 0.3, Anchored: true}}, 0, 0.1},
		{"no off-topic score", 0, []Hit{{ID: "a", Class: -0.2, Anchored: true}}, 0, 0.1},
	} {
		s := &recordSearch{found: map[string]Found{
			whole:    {Hits: []Hit{{ID: "a", Class: 0.4, Anchored: true}}, Words: 10, OffTopic: 0.1},
			question: {Hits: tc.qHits, Words: 6, OffTopic: tc.qOff},
		}}
		e := New(messageSet(), s, DefaultSettings())
		got, err := e.find(context.Background(), focus{whole: whole, question: question})
		if err != nil {
			t.Fatal(err)
		}
		if d := got.QuestionOff - tc.wantQOff; d > 1e-9 || d < -1e-9 || got.OffTopic != tc.wantWhole {
			t.Errorf("%s: QuestionOff %v, OffTopic %v; want %v, %v", tc.name, got.QuestionOff, got.OffTopic, tc.wantQOff, tc.wantWhole)
		}
	}
}

// TestOffTopicReply: a neighbouring matter gets its channel, unless the entry found is itself
// about it and still ranks first once the matter's words are taken out.
func TestOffTopicReply(t *testing.T) {
	tests := []struct {
		msg   string
		found Found
		kind  Kind
		id    string
		text  string
	}{
		{"lãi suất vay ngân hàng nào thấp", Found{Hits: []Hit{sure("mat-the")}, Words: 3, Known: 1}, KindFallback, "", "BANK"},
		{"lai suat the tin dung", Found{}, KindFallback, "", "BANK"},
		{"vay vốn bằng vneid được không", Found{Hits: []Hit{sure("vay-von")}, Words: 3, Known: 3}, KindAnswer, "vay-von", "Vay vốn."},
		{"mất thẻ căn cước", Found{Hits: []Hit{sure("mat-the")}, Words: 2, Known: 2}, KindAnswer, "mat-the", "Làm thủ tục cấp lại."},
		// The entry names the matter, but without the matter's words nothing of it is left.
		{"vay vốn lãi suất bao nhiêu", Found{Hits: []Hit{sure("vay-von")}, Words: 3, Known: 2}, KindFallback, "", "BANK"},
		{"26 tuổi còn phải đi nghĩa vụ quân sự không", Found{Hits: []Hit{sure("tam-vang")}, Words: 4, Known: 3}, KindFallback, "", "ARMY"},
		// ... and where the rest still leads to the entry, it answers.
		{"đi nghĩa vụ quân sự có phải khai tạm vắng", Found{Hits: []Hit{sure("tam-vang")}, Words: 4, Known: 4}, KindAnswer, "tam-vang", "Khai tạm vắng."},
		// An entry not about the matter stays only when both the answer and the rest are confident.
		{"lãi suất cao quá mất thẻ căn cước làm lại sao", Found{Hits: []Hit{sure("mat-the")}, Words: 4, Known: 4}, KindAnswer, "mat-the", "Làm thủ tục cấp lại."},
		{"lãi suất thế nào mất thẻ à", Found{Hits: []Hit{sure("mat-the")}, Words: 3, Known: 3}, KindFallback, "", "BANK"},
	}
	rest := map[string]Found{ // the searches without the matter's words
		"bằng vneid được không":                {Hits: []Hit{sure("vay-von")}, Words: 1, Known: 1},
		"bao nhiêu":                            {},
		"26 tuổi còn phải đi không":            {Hits: []Hit{{ID: "mat-the", Score: 1, Coverage: 0.3, Anchored: true, Class: 0.2}}, Words: 2, Known: 1},
		"đi có phải khai tạm vắng":             {Hits: []Hit{sure("tam-vang")}, Words: 2, Known: 2},
		"cao quá mất thẻ căn cước làm lại sao": {Hits: []Hit{sure("mat-the")}, Words: 4, Known: 4},
		"thế nào mất thẻ à":                    {Hits: []Hit{{ID: "mat-the", Score: 1, Coverage: 0.3, Anchored: true, Class: 0.2}}, Words: 2, Known: 1},
	}
	for _, tt := range tests {
		s := &recordSearch{found: map[string]Found{strings.ToLower(tt.msg): tt.found}}
		for q, f := range rest {
			s.found[q] = f
		}
		r := New(messageSet(), s, DefaultSettings()).Answer(context.Background(), tt.msg)
		if r.Kind != tt.kind || r.ID != tt.id || !strings.Contains(r.Text, tt.text) {
			t.Errorf("Answer(%q) = %s %q %q, want %s %q with %q", tt.msg, r.Kind, r.ID, r.Text, tt.kind, tt.id, tt.text)
		}
	}
}

// TestOffTopicReplyNextAboutProcedure: one of our procedures asked after a neighbour's cue, the
// entry found not about it: the next candidate about it among the first Buttons answers, if
// confident enough to answer, with its own confidence and its (negative) lead over the first,
// never as sure. One further down, one below Answer, a procedure told as done or none asked leave
// the neighbour's channel; Buttons 0 (no limit) looks at every candidate. The same holds when the
// learned model would veto the first entry as off-topic.
func TestOffTopicReplyNextAboutProcedure(t *testing.T) {
	set := messageSet()
	set.Words.OwnProcedures = []string{"khai tạm vắng"}
	set.Words.DoneBefore = []string{"đã"}
	tamVang := Hit{ID: "tam-vang", Score: 5, Coverage: 0.6, Anchored: true, Class: 0.5}
	weakTamVang := Hit{ID: "tam-vang", Score: 5, Coverage: 0.1, Anchored: true, Class: 0.05}
	above := func(id string) Hit { return Hit{ID: id, Score: 6, Coverage: 0.6, Anchored: true, Class: 0.55} }
	tests := []struct {
		name    string
		msg     string
		hits    []Hit
		buttons int
		kind    Kind
		id      string
		off     float64 // the learned model's off-topic reading (Found.OffTopic)
	}{
		{"second about it", "lãi suất cao quá, giờ khai tạm vắng thế nào", []Hit{sure("mat-the"), tamVang}, 3, KindAnswer, "tam-vang", 0},
		{"at the last place offered", "lãi suất cao quá, giờ khai tạm vắng thế nào", []Hit{sure("mat-the"), above("quen-mk"), tamVang}, 3, KindAnswer, "tam-vang", 0},
		{"past the places offered", "lãi suất cao quá, giờ khai tạm vắng thế nào", []Hit{sure("mat-the"), above("quen-mk"), above("quen-passcode"), tamVang}, 3, KindFallback, "", 0},
		{"below answer", "lãi suất cao quá, giờ khai tạm vắng thế nào", []Hit{sure("mat-the"), weakTamVang}, 3, KindFallback, "", 0},
		{"buttons 0: no limit", "lãi suất cao quá, giờ khai tạm vắng thế nào", []Hit{sure("mat-the"), above("quen-mk"), above("quen-passcode"), tamVang}, 0, KindAnswer, "tam-vang", 0},
		{"fifth of five buttons", "lãi suất cao quá, giờ khai tạm vắng thế nào", []Hit{sure("mat-the"), above("quen-mk"), above("quen-passcode"), above("doi-may"), tamVang}, 5, KindAnswer, "tam-vang", 0},
		{"told as done after the cue", "lãi suất cao quá, đã khai tạm vắng thì sao", []Hit{sure("mat-the"), tamVang}, 3, KindFallback, "", 0},
		{"no procedure asked", "lãi suất cao quá, giờ mất thẻ thế nào", []Hit{sure("mat-the"), tamVang}, 3, KindFallback, "", 0},
		// The model reads the message as off-topic: the veto is lifted only for an entry among the
		// buttons about the procedure asked, which then answers.
		{"vetoed, second about it", "lãi suất cao quá, giờ khai tạm vắng thế nào", []Hit{above("mat-the"), tamVang}, 3, KindAnswer, "tam-vang", 0.95},
		{"vetoed, past the places offered", "lãi suất cao quá, giờ khai tạm vắng thế nào", []Hit{above("mat-the"), above("quen-mk"), above("quen-passcode"), tamVang}, 3, KindFallback, "", 0.95},
		{"vetoed, no procedure asked", "lãi suất cao quá, giờ mất thẻ thế nào", []Hit{above("mat-the"), tamVang}, 3, KindFallback, "", 0.95},
		{"vetoed, told as done", "lãi suất cao quá, đã khai tạm vắng thì sao", []Hit{above("mat-the"), tamVang}, 3, KindFallback, "", 0.95},
	}
	for _, tt := range tests {
		st := DefaultSettings()
		st.ReplyCache, st.Buttons = 0, tt.buttons
		// The search gets the message without its punctuation.
		q := strings.ReplaceAll(tt.msg, ",", "")
		s := &recordSearch{found: map[string]Found{q: {Hits: tt.hits, Words: 5, Known: 5, OffTopic: tt.off}}}
		e := New(set, s, st)
		r := e.Answer(context.Background(), tt.msg)
		if !slices.Contains(s.asked, q) {
			t.Fatalf("%s: searched %q, not %q", tt.name, s.asked, q)
		}
		if r.Kind != tt.kind || r.ID != tt.id {
			t.Errorf("%s: Answer(%q) = %s %q, want %s %q", tt.name, tt.msg, r.Kind, r.ID, tt.kind, tt.id)
			continue
		}
		if r.ID == "" {
			continue
		}
		var own Candidate
		for _, c := range e.Explain(context.Background(), tt.msg).Candidates {
			if c.ID == r.ID {
				own = c
			}
		}
		if r.Score != round(own.Conf) || r.Margin >= 0 || r.Confident {
			t.Errorf("%s: %s answered with score %v margin %v confident %v, want its own confidence %v, a lead below 0, not sure",
				tt.name, r.ID, r.Score, r.Margin, r.Confident, round(own.Conf))
		}
	}
}

// TestSafetyReplies: the warnings come first, the flags say why, and personal data is never
// echoed: not in the query, not in the text, not to the search.
func TestSafetyReplies(t *testing.T) {
	digits := regexp.MustCompile(`\d{4,}`)
	tests := []struct {
		msg   string
		flags []string
		warn  string
	}{
		{"cccd 001203004567 0912345678 bị khóa", []string{FlagPersonalData}, "PII"},
		{"mật khẩu vneid của tôi là Abc@12345 mà không vào được", []string{FlagPersonalData}, "PII"},
		{"để em gửi ảnh căn cước cho ad xem nhé", []string{"card_photo"}, "PHOTO"},
		{"bạn làm hộ tôi với, sdt 0987654321", []string{FlagPersonalData, FlagDoForMe}, "PII"},
		{"làm hộ chiếu cho con thế nào", nil, ""},
		{"để em gửi ảnh căn cước cho ad, mất thẻ thì làm lại sao", []string{"card_photo"}, "PHOTO"},
		// A name given as theirs is not searched ("Nguyễn Văn An sinh 1980" read "an sinh").
		{"đăng ký tạm trú cho tôi, tôi tên Nguyễn Văn An sinh 1980", []string{FlagPersonalData}, "PII"},
		// A given name alone, a letter's opening, is masked and flagged, and warned about only
		// beside other personal data.
		{"Tôi tên Hùng, làm hộ chiếu cho con thế nào", []string{FlagPersonalData}, ""},
		{"Tôi tên Hùng, sdt 0987654321, làm hộ chiếu cho con thế nào", []string{FlagPersonalData}, "PII"},
		// A name in quotes is masked too (round 55: it reached the query and the search).
		{"tên khai sinh của con là \"Nguyễn Minh Châu\", làm hộ chiếu cho con thế nào", []string{FlagPersonalData}, "PII"},
	}
	for _, tt := range tests {
		s := &recordSearch{}
		r := New(messageSet(), s, DefaultSettings()).Answer(context.Background(), tt.msg)
		if strings.Join(r.Flags, ",") != strings.Join(tt.flags, ",") {
			t.Errorf("Answer(%q).Flags = %q, want %q", tt.msg, r.Flags, tt.flags)
		}
		if tt.warn != "" && (r.Kind != KindSafety || !strings.HasPrefix(r.Text, tt.warn)) {
			t.Errorf("Answer(%q) = %s %q, want a safety reply starting with %q", tt.msg, r.Kind, r.Text, tt.warn)
		}
		if tt.warn == "" && strings.Contains(r.Text, "PII") {
			t.Errorf("Answer(%q) = %s %q, want no personal-data warning", tt.msg, r.Kind, r.Text)
		}
		for _, out := range append([]string{r.Query, r.Text}, s.asked...) {
			if digits.MatchString(out) && !strings.Contains(out, "sinh 1980") || strings.Contains(out, "Abc@") || strings.Contains(out, "Văn An") || strings.Contains(strings.ToLower(out), "van an") || strings.Contains(out, "Hùng") || strings.Contains(out, "Minh Châu") {
				t.Errorf("Answer(%q) echoes personal data: %q", tt.msg, out)
			}
		}
	}
}

// TestSafetyRuleAlone: a risky message that asks nothing gets the warning alone; one that also
// asks keeps the answer after the warning.
func TestSafetyRuleAlone(t *testing.T) {
	tests := []struct {
		msg string
		id  string
	}{
		{"để em gửi ảnh căn cước cho ad nhé", ""},
		{"em gửi ảnh căn cước rồi, mất thẻ thì làm sao", "mat-the"},
	}
	for _, tt := range tests {
		s := &recordSearch{found: map[string]Found{}}
		s.found[strings.ToLower(strings.ReplaceAll(tt.msg, ",", ""))] = Found{Hits: []Hit{sure("mat-the")}, Words: 2, Known: 2}
		r := New(messageSet(), s, DefaultSettings()).Answer(context.Background(), tt.msg)
		if r.Kind != KindSafety || r.ID != tt.id || !strings.HasPrefix(r.Text, "PHOTO") {
			t.Errorf("Answer(%q) = %s %q %q, want safety %q after PHOTO (searched %q)", tt.msg, r.Kind, r.ID, r.Text, tt.id, s.asked)
		}
	}
}

// TestAboutBot: asking who answers gets the about_bot reply, alone or beside something the FAQ
// cannot answer; beside a question it answers, the question wins.
func TestAboutBot(t *testing.T) {
	tests := []struct {
		msg   string
		found map[string]Found
		kind  Kind
		text  string
	}{
		{"bạn là ai", nil, KindSmalltalk, "A PROGRAM"},
		{"ban la nguoi hay may vay", nil, KindSmalltalk, "A PROGRAM"},
		{"người hay máy vậy, có phải công an trả lời không", map[string]Found{"vậy . có phải công an trả lời không": {Hits: []Hit{{ID: "mat-the", Score: 1, Coverage: 0.2, Anchored: true, Class: 0.1}}, Words: 3, Known: 1}}, KindSmalltalk, "A PROGRAM"},
		{"bạn là ai, mất thẻ căn cước thì làm sao", map[string]Found{"mất thẻ căn cước thì làm sao": {Hits: []Hit{sure("mat-the")}, Words: 3, Known: 3}}, KindAnswer, "Làm thủ tục cấp lại."},
		// A rest of at most smalltalk_words words is no question of its own, however sure.
		{"bạn là ai, mất thẻ à", map[string]Found{"mất thẻ à": {Hits: []Hit{sure("mat-the")}, Words: 2, Known: 2}}, KindSmalltalk, "A PROGRAM"},
		// An answer that is not confident does not outweigh asking who answers.
		{"bạn là ai, mất cái thẻ căn cước rồi thì làm sao", map[string]Found{"mất cái thẻ căn cước rồi thì làm sao": {Hits: []Hit{{ID: "mat-the", Score: 1, Coverage: 0.3, Anchored: true, Class: 0.3}}, Words: 4, Known: 3}}, KindSmalltalk, "A PROGRAM"},
		// A confident answer does, though the rest asks nothing (the rule for thanks that ask
		// nothing is not for asking who answers).
		{"bạn là ai, tôi cần làm lại cái thẻ căn cước bị mất", map[string]Found{"tôi cần làm lại cái thẻ căn cước bị mất": {Hits: []Hit{sure("mat-the")}, Words: 4, Known: 3}}, KindAnswer, "Làm thủ tục cấp lại."},
	}
	for _, tt := range tests {
		s := &recordSearch{found: tt.found}
		r := New(messageSet(), s, DefaultSettings()).Answer(context.Background(), tt.msg)
		if r.Kind != tt.kind || !strings.Contains(r.Text, tt.text) {
			t.Errorf("Answer(%q) = %s %q (searched %q), want %s with %q", tt.msg, r.Kind, r.Text, s.asked, tt.kind, tt.text)
		}
	}
}

// TestAttachmentPlaceholder: a message of nothing but a chat app's placeholder for a picture or
// sticker is told the bot reads text only; a question that mentions a picture is answered.
func TestAttachmentPlaceholder(t *testing.T) {
	tests := []struct {
		msg  string
		kind Kind
		text string
	}{
		{"[hình ảnh]", KindFallback, "TEXT ONLY"},
		{"[Sticker] [Hình ảnh]", KindFallback, "TEXT ONLY"},
		{"hinh anh", KindFallback, "TEXT ONLY"},
		{"mất thẻ căn cước, gửi hình ảnh được không", KindAnswer, "Làm thủ tục cấp lại."},
	}
	for _, tt := range tests {
		s := &recordSearch{found: map[string]Found{"mất thẻ căn cước gửi hình ảnh được không": {Hits: []Hit{sure("mat-the")}, Words: 3, Known: 3}}}
		r := New(messageSet(), s, DefaultSettings()).Answer(context.Background(), tt.msg)
		if r.Kind != tt.kind || !strings.Contains(r.Text, tt.text) {
			t.Errorf("Answer(%q) = %s %q (searched %q), want %s with %q", tt.msg, r.Kind, r.Text, s.asked, tt.kind, tt.text)
		}
	}
}

// TestDoForMeGuidesTheProcedure: "làm hộ tôi X" says the bot does not do procedures and offers
// the guide for X as the first button, answering with no entry; when the rest names no
// procedure, the whole message decides which entry is offered; when nothing is found, the
// do-for-me line leads the fallback.
func TestDoForMeGuidesTheProcedure(t *testing.T) {
	set := messageSet()
	set.Bot.Messages.DoForMe = "ONLY GUIDES"
	set.Bot.Messages.DoForMeGuide = "SEE BELOW"
	tests := []struct {
		msg   string
		found map[string]Found
		kind  Kind
		offer string // the first option; "" for none
		text  string
	}{
		{"làm hộ tôi, mất thẻ căn cước", map[string]Found{
			"tôi mất thẻ căn cước": {Hits: []Hit{sure("mat-the")}, Words: 3, Known: 3},
		}, KindSafety, "mat-the", "ONLY GUIDES\n\nSEE BELOW"},
		{"bạn làm hộ được không", map[string]Found{
			"bạn được không":        {},
			"bạn làm hộ được không": {Hits: []Hit{sure("doi-may")}, Words: 2, Known: 2},
		}, KindSafety, "doi-may", "ONLY GUIDES\n\nSEE BELOW"},
		{"bạn làm hộ tôi bài thơ", map[string]Found{}, KindFallback, "", "ONLY GUIDES"},
	}
	for _, tt := range tests {
		s := &recordSearch{found: tt.found}
		r := New(set, s, DefaultSettings()).Answer(context.Background(), tt.msg)
		offer := ""
		if r.Kind == KindSafety && len(r.Options) > 0 {
			offer = r.Options[0].ID
		}
		if r.Kind != tt.kind || r.ID != "" || offer != tt.offer || !strings.HasPrefix(r.Text, tt.text) || !slices.Contains(r.Flags, FlagDoForMe) {
			t.Errorf("Answer(%q) = %s %q, offers %q, text %q, flags %q (searched %q); want %s, no entry, offering %q, text from %q, flag do_for_me",
				tt.msg, r.Kind, r.ID, offer, r.Text, r.Flags, s.asked, tt.kind, tt.offer, tt.text)
		}
	}
}

// TestOffTopicOnlyQuestionWordsLeft: a confident answer does not survive a neighbouring matter
// when nothing but question words is left without it ("làm sổ đỏ mất bao lâu"): the message
// asked about the matter, whatever "làm sao" alone leads to.
func TestOffTopicOnlyQuestionWordsLeft(t *testing.T) {
	s := containsSearch{"làm sao": {Hits: []Hit{sure("mat-the")}, Words: 1, Known: 1}}
	if r := New(messageSet(), s, DefaultSettings()).Answer(context.Background(), "vay vốn làm sao"); r.Kind != KindFallback || !strings.Contains(r.Text, "BANK") {
		t.Errorf("Answer(vay vốn làm sao) = %s %q %q, want the bank matter's fallback", r.Kind, r.ID, r.Text)
	}
}

// TestOffTopicShare: a neighbouring matter that is at least off_topic_share of what the message
// says is its subject, whatever the rest leads to ("tra điểm thi tốt nghiệp THPT ở đâu": the rest,
// "THPT", led to registering for the exam); below it, the rest decides.
func TestOffTopicShare(t *testing.T) {
	s := containsSearch{"mất thẻ": {Hits: []Hit{sure("mat-the")}, Words: 2, Known: 2}}
	st := DefaultSettings()
	st.OffTopicShare = 0.5
	tests := []struct {
		msg  string
		want Kind
	}{
		{"vay vốn mất thẻ", KindFallback},                   // 2 of 4 words: just at the share
		{"vay vốn mất thẻ nhé", KindFallback},               // a stopword does not count
		{"vay vốn làm sao mất thẻ", KindFallback},           // nor does a question cue
		{"vay vốn mất thẻ căn cước", KindAnswer},            // 2 of 5: just below, the rest leads to the card
		{"lãi suất vay vốn mất thẻ căn cước", KindFallback}, // two cues: 4 of 7
	}
	for _, tt := range tests {
		if r := New(messageSet(), s, st).Answer(context.Background(), tt.msg); r.Kind != tt.want || tt.want == KindFallback && !strings.Contains(r.Text, "BANK") {
			t.Errorf("Answer(%q) = %s %q %q, want %s (the bank matter's text if fallback)", tt.msg, r.Kind, r.ID, r.Text, tt.want)
		}
	}
}

// TestDoForMeWithOtherRules: the guided reply keeps the rules around it. A neighbouring matter
// named only in the story does not overrule it; the do-for-me line stays when the safety
// warnings replace the reply; personal-data warnings come first; options are capped by Settings.
func TestDoForMeWithOtherRules(t *testing.T) {
	set := messageSet()
	set.Bot.Messages.DoForMe = "ONLY GUIDES"
	set.Bot.Messages.DoForMeGuide = "SEE BELOW"
	s := containsSearch{"mất thẻ": {Hits: []Hit{sure("mat-the")}, Words: 5, Known: 5}}
	tests := []struct {
		name  string
		msg   string
		kind  Kind
		guide string
		text  []string // in this order
	}{
		{"matter only in the story", "Tôi định vay vốn mua xe. Làm hộ tôi, mất thẻ căn cước rồi", KindSafety, "mat-the", []string{"ONLY GUIDES", "SEE BELOW"}},
		{"the message is the risk", "làm hộ tôi nhé, tôi gửi ảnh căn cước", KindSafety, "", []string{"PHOTO", "ONLY GUIDES"}},
		{"personal data first", "làm hộ tôi, mất thẻ căn cước, sdt 0912345678", KindSafety, "mat-the", []string{"PII", "ONLY GUIDES", "SEE BELOW"}},
		{"thanks beside a request: the request is asked", "cảm ơn ạ. làm hộ tôi mất thẻ căn cước", KindSafety, "mat-the", []string{"ONLY GUIDES", "SEE BELOW"}},
	}
	for _, tt := range tests {
		r := New(set, s, DefaultSettings()).Answer(context.Background(), tt.msg)
		at := 0
		for _, want := range tt.text {
			i := strings.Index(r.Text[at:], want)
			if i < 0 {
				t.Errorf("%s: Answer(%q).Text = %q, want %q in order", tt.name, tt.msg, r.Text, tt.text)
				break
			}
			at += i + len(want)
		}
		if r.Kind != tt.kind || r.Guide != tt.guide || r.ID != "" || !slices.Contains(r.Flags, FlagDoForMe) || strings.Contains(r.Text, "0912345678") {
			t.Errorf("%s: Answer(%q) = %s id %q guide %q flags %q, want %s, no id, guide %q, flag do_for_me", tt.name, tt.msg, r.Kind, r.ID, r.Guide, r.Flags, tt.kind, tt.guide)
		}
	}
	st := DefaultSettings()
	st.Options = 1
	if r := New(set, s, st).Answer(context.Background(), "làm hộ tôi, mất thẻ căn cước"); len(r.Options) != 1 || r.Options[0].ID != "mat-the" {
		t.Errorf("with options 1: Options = %v, want only the guide mat-the", r.Options)
	}
}

// containsSearch finds the entry of the first key the text holds.
type containsSearch map[string]Found

func (s containsSearch) Search(_ context.Context, text string, _ int) (Found, error) {
	for k, f := range s {
		if strings.Contains(strings.ToLower(text), k) {
			return f, nil
		}
	}
	return Found{}, nil
}

// TestOffTopicInStory: a neighbouring matter named only in the story of a long message does not
// overrule the answer to what the message asks; named in the asking clause it does, unless that
// clause without the matter's words still asks confidently for the entry.
func TestOffTopicInStory(t *testing.T) {
	s := containsSearch{"mất thẻ": {Hits: []Hit{sure("mat-the")}, Words: 5, Known: 5}}
	tests := []struct {
		msg  string
		kind Kind
		id   string
		text string
	}{
		{"Tôi định ra ngân hàng vay vốn mua xe máy cho con. Mất thẻ căn cước thì làm sao?", KindAnswer, "mat-the", "Làm thủ tục cấp lại."},
		{"Tuần trước tôi mất thẻ căn cước ở chợ. Giờ vay vốn lãi suất bao nhiêu, làm sao?", KindFallback, "", "BANK"},
		// One clause naming the matter, but what it asks without the matter's words still leads
		// confidently to an entry: answered (see TestOffTopicReply for the uncovered rule).
		{"vay vốn mà mất thẻ căn cước thì làm sao", KindAnswer, "mat-the", "Làm thủ tục cấp lại."},
	}
	for _, tt := range tests {
		r := New(messageSet(), s, DefaultSettings()).Answer(context.Background(), tt.msg)
		if r.Kind != tt.kind || r.ID != tt.id || !strings.Contains(r.Text, tt.text) {
			t.Errorf("Answer(%q) = %s %q %q, want %s %q with %q", tt.msg, r.Kind, r.ID, r.Text, tt.kind, tt.id, tt.text)
		}
	}
	// An answer that is not confident is kept too: only the story names the matter.
	unsure := containsSearch{"mất thẻ": {Hits: []Hit{{ID: "mat-the", Score: 1, Coverage: 0.3, Anchored: true, Class: 0.2}}, Words: 5, Known: 5}}
	msg := "Tôi định ra ngân hàng vay vốn mua xe máy cho con. Mất thẻ căn cước thì làm sao?"
	if r := New(messageSet(), unsure, DefaultSettings()).Answer(context.Background(), msg); r.Kind != KindAnswer || r.ID != "mat-the" || r.Confident {
		t.Errorf("Answer(%q) with an unsure hit = %s %q confident=%v, want an unconfident answer mat-the", msg, r.Kind, r.ID, r.Confident)
	}
	// Two matters: the one the asking clause names decides, not the first named.
	msg = "Tôi vừa vay vốn ngân hàng xong. Giờ đi nghĩa vụ quân sự thì sao, làm sao?"
	if r := New(messageSet(), s, DefaultSettings()).Answer(context.Background(), msg); r.Kind != KindFallback || !strings.Contains(r.Text, "ARMY") {
		t.Errorf("Answer(%q) = %s %q, want the army matter's fallback", msg, r.Kind, r.Text)
	}
}

// TestScamKeepsOurEntry: a scam told (words.yaml scam) is ours: a neighbour's cue in it ("vay vốn"
// taken in the citizen's name) does not overrule the entry chosen; without the scam the cue does.
func TestScamKeepsOurEntry(t *testing.T) {
	set := messageSet()
	set.Words.Scam = append(set.Words.Scam, "dùng căn cước của tôi để vay")
	// Only the cue's words find the entry: without them nothing does (see TestOffTopicReply).
	s := containsSearch{"vay vốn": {Hits: []Hit{sure("mat-the")}, Words: 6, Known: 6}}
	tests := []struct {
		msg  string
		kind Kind
		id   string
	}{
		{"có người dùng căn cước của tôi để vay vốn, giờ làm sao", KindSafety, "mat-the"},
		{"tôi muốn vay vốn, giờ làm sao", KindFallback, ""},
	}
	for _, tt := range tests {
		r := New(set, s, DefaultSettings()).Answer(context.Background(), tt.msg)
		if r.Kind != tt.kind || r.ID != tt.id || strings.Contains(r.Text, "BANK") != (tt.id == "") {
			t.Errorf("Answer(%q) = %s %q %q, want %s %q (the BANK channel only without the scam)", tt.msg, r.Kind, r.ID, r.Text, tt.kind, tt.id)
		}
	}
}

// TestUnmarkedCue: a neighbouring matter named only by a cue of unmarked_readings typed without
// diacritics keeps the answer when it is confident or the learned model reads the message as
// ours by unmarked_lead (just above and just below it). Otherwise, as with a cue typed with its
// diacritics or one not listed, the matter's channel is the reply.
func TestUnmarkedCue(t *testing.T) {
	set := messageSet()
	set.Words.UnmarkedReadings = [][]string{{"vay vốn", "vậy vốn"}}
	st := DefaultSettings()
	st.UnmarkedLead = 0.2 // the boundary rows below sit at ±0.001 of it
	hit := func(class, off float64) containsSearch {
		return containsSearch{"": {Hits: []Hit{{ID: "mat-the", Score: 1, Coverage: 0.3, Anchored: true, Class: class}}, Words: 5, Known: 5, OffTopic: off}}
	}
	confident := containsSearch{"": {Hits: []Hit{sure("mat-the")}, Words: 5, Known: 5, OffTopic: 0.85}}
	tests := []struct {
		name string
		s    containsSearch
		msg  string
		kind Kind
	}{
		{"listed, confident", confident, "vay von ma mat the thi lam sao", KindAnswer},
		{"listed, read as ours just beyond the lead", hit(0.2, -0.001), "vay von ma mat the thi lam sao", KindAnswer},
		{"listed, just short of the lead", hit(0.2, 0.001), "vay von ma mat the thi lam sao", KindFallback},
		{"listed, another reading typed: no cue", hit(0.2, 0.001), "vậy vốn mà mất thẻ thì làm sao", KindAnswer},
		{"not listed, read as ours", hit(0.2, -0.5), "lai suat ma mat the thi lam sao", KindFallback},
		{"with its diacritics", hit(0.2, -0.5), "vay vốn mà mất thẻ thì làm sao", KindFallback},
		{"nothing answers", containsSearch{}, "vay von lai bao nhieu", KindFallback},
	}
	for _, tt := range tests {
		r := New(set, tt.s, st).Answer(context.Background(), tt.msg)
		if r.Kind != tt.kind || (r.Kind == KindAnswer) != (r.ID == "mat-the") || (r.Kind == KindFallback) != strings.Contains(r.Text, "BANK") {
			t.Errorf("%s: Answer(%q) = %s %q %q, want %s (mat-the, or the BANK channel)", tt.name, tt.msg, r.Kind, r.ID, r.Text, tt.kind)
		}
	}
}

// TestOtherLanguage: a message without Vietnamese marks with at least foreign_min_words English
// function words (words.yaml foreign), foreign_share of its words with letters, is told the bot
// reads Vietnamese, unless an entry answers it confidently (foreigners ask in English); fewer such
// words, or Vietnamese marks, and it is answered as usual.
func TestOtherLanguage(t *testing.T) {
	set := messageSet()
	set.Words.Foreign = []string{"how", "you", "is"}
	set.Bot.Messages.OtherLanguage = "VIETNAMESE ONLY"
	set.Bot.Messages.InVietnamese = "IN VIETNAMESE"
	st := DefaultSettings()
	st.ForeignMinWords, st.ForeignShare = 2, 0.25
	close := []Hit{middle("mat-the"), middle("vay-von")} // an answer, not a confident one
	tests := []struct {
		msg     string
		hits    []Hit
		want    Kind
		english bool // an answer read as English
	}{
		{"How do you register?", close, KindFallback, true},
		{"how you 2 2 2", close, KindFallback, true},                                 // numbers are no language
		{"how you register card vneid level app", close, KindFallback, true},         // 2 of 7: above the share
		{"how you register card vneid level app new", close, KindFallback, true},     // 2 of 8: at it
		{"how you register card vneid level app new id", close, KindAnswer, false},   // 2 of 9: below it
		{"how register card", close, KindAnswer, false},                              // one word: below foreign_min_words
		{"hów you register", close, KindAnswer, false},                               // Vietnamese marks
		{"update password new account", close, KindAnswer, false},                    // loanwords are not the list's
		{"how is the card for foreigners", []Hit{sure("mat-the")}, KindAnswer, true}, // a confident answer stays, said to be in Vietnamese
	}
	for _, tt := range tests {
		s := containsSearch{"": {Hits: tt.hits, Words: 3, Known: 3}}
		r := New(set, s, st).Answer(context.Background(), tt.msg)
		if r.Kind != tt.want || (tt.want == KindFallback) != strings.Contains(r.Text, "VIETNAMESE ONLY") {
			t.Errorf("Answer(%q) = %s %q, want %s (the other-language text if fallback)", tt.msg, r.Kind, r.Text, tt.want)
		}
		// An answer to a message read as English says first that it is in Vietnamese; an answer
		// to any other message does not.
		if tt.want == KindAnswer && strings.HasPrefix(r.Text, "IN VIETNAMESE") != tt.english {
			t.Errorf("Answer(%q) = %q: in_vietnamese first = %v, want %v", tt.msg, r.Text, !tt.english, tt.english)
		}
	}
}

// LastClause reads a message's last clause as the engine does: small talk and personal data out,
// nothing for a message of one clause.
func TestLastClause(t *testing.T) {
	last := LastClause(messageSet(), 4)
	for _, tc := range []struct{ msg, want string }{
		{"mất thẻ căn cước làm sao", ""},
		{"chào ad. Hôm qua em mất ví. Làm lại thẻ căn cước ở đâu? cảm ơn ạ", "làm lại thẻ căn cước ở đâu"},
		{"Tôi ở Hà Nội. Số tôi 0912345678 đổi sim rồi thì vneid làm sao", "số tôi đổi sim rồi thì vneid làm sao"},
		{"Tôi ở Hà Nội. Làm lại thẻ ở đâu. Nhé", "làm lại thẻ ở đâu"}, // short trailing clauses skipped
		{"Tôi mất thẻ căn cước rồi. Nhé ạ", ""},                       // only the first is long enough
		{"", ""},
	} {
		if got := last(tc.msg); strings.Join(strings.Fields(got), " ") != tc.want {
			t.Errorf("LastClause(%q) = %q, want %q", tc.msg, got, tc.want)
		}
	}
}

// TestFollowUp: a short message opening with a follow-up word as typed (words.yaml follow_ups)
// that names none of our subjects leans on an earlier answer the bot does not keep: it is asked
// which topic it means, with the nearest (at most options) as buttons. A subject named, the word
// typed without marks, a longer message, or no follow_up message: answered as usual.
func TestFollowUp(t *testing.T) {
	set := messageSet()
	set.Words.FollowUps = []string{"vậy", "thế"}
	set.Words.OwnSubjects = []string{"căn cước"}
	set.Words.RiskSubjects = []string{"mật khẩu"}
	set.Words.QuestionCues = append(set.Words.QuestionCues, "thế nào")
	set.Bot.Messages.FollowUp = "WHICH"
	st := DefaultSettings()
	st.FollowUpWords, st.Options = 6, 2
	hits := []Hit{sure("mat-the"), weak("quen-mk"), weak("doi-may")}
	tests := []struct {
		msg  string
		want Kind
	}{
		{"vậy mang theo giấy gì", KindClarify},
		{"Thế có mất tiền không ạ", KindClarify},
		{"vậy làm căn cước mang theo giấy gì", KindAnswer},        // names our subject
		{"vậy đổi mật khẩu ở đâu", KindAnswer},                    // names what a risk is about
		{"vay mang theo giay gi", KindAnswer},                     // "vay" may be a loan
		{"thế nào là cư trú", KindAnswer},                         // a question cue opens it: it asks on its own
		{"mang theo giấy gì vậy", KindAnswer},                     // the word closes it, not opens it
		{"vậy thì em mang theo giấy tờ gì đi cho đủ", KindAnswer}, // 9 words: more than follow_up_words
	}
	for _, tt := range tests {
		r := New(set, containsSearch{"": {Hits: hits, Words: 3, Known: 3}}, st).Answer(context.Background(), tt.msg)
		if r.Kind != tt.want || (tt.want == KindClarify) != strings.HasPrefix(r.Text, "WHICH\n1. ") {
			t.Errorf("Answer(%q) = %s %q, want %s", tt.msg, r.Kind, r.Text, tt.want)
		}
		if tt.want == KindClarify && (len(r.Options) != st.Options || r.Options[0].ID != "mat-the") {
			t.Errorf("Answer(%q) options %v, want the %d nearest, best first", tt.msg, r.Options, st.Options)
		}
	}
	// Nothing found close enough to answer: asked the same, not told it was not understood.
	weakHits := []Hit{weak("mat-the"), weak("quen-mk")}
	if r := New(set, containsSearch{"": {Hits: weakHits, Words: 3, Known: 3}}, st).Answer(context.Background(), "vậy làm ở đâu"); r.Kind != KindClarify || !strings.HasPrefix(r.Text, "WHICH\n1. ") || len(r.Options) == 0 {
		t.Errorf("a follow-up that would fall back: got %s %q %v, want bot.yaml follow_up with buttons", r.Kind, r.Text, r.Options)
	}
	set.Bot.Messages.FollowUp = ""
	if r := New(set, containsSearch{"": {Hits: hits, Words: 3, Known: 3}}, st).Answer(context.Background(), "vậy mang theo giấy gì"); r.Kind != KindAnswer {
		t.Errorf("without bot.yaml follow_up: got %s, want an answer", r.Kind)
	}
}

// TestAskingParts: the clauses that ask, and the comma-cut parts of an asking sentence that ask on
// their own, are what the second-question search reads (Settings.AlsoAsked); one asking clause
// alone is none, and a sentence whose parts do not ask stays whole.
func TestAskingParts(t *testing.T) {
	set := messageSet()
	lx := newLexicon(set.Words, set.OffTopic, set.Synonyms.Groups)
	for _, tc := range []struct {
		msg   string
		want  []string
		apart []bool // which parts the citizen set apart as questions of their own; nil: not checked
	}{
		{"mất thẻ làm sao", nil, nil}, // one clause
		{"mất thẻ làm sao? đổi điện thoại phải làm gì?", []string{"mất thẻ làm sao", "đổi điện thoại phải làm gì"}, nil},
		{"mất thẻ làm sao, đổi điện thoại được không", []string{"mất thẻ làm sao", "đổi điện thoại được không"}, nil},
		{"chào ad, mất thẻ làm sao, cảm ơn", nil, nil},     // small talk asks nothing
		{"hôm qua đi chợ, mất thẻ, giờ làm sao", nil, nil}, // one part asks
		{"Tôi ở Hà Nội. Mất thẻ làm sao? Vay vốn bằng vneid không", []string{"mất thẻ làm sao", "vay vốn bằng vneid không"}, nil},
		{"hôm qua mất thẻ. giờ làm sao", nil, nil},
		// "?" marks the questions: an unmarked clause with a cue is the story, but for the last one
		{"bạn bảo có cần đổi không. mất thẻ làm sao? đổi điện thoại phải làm gì?", []string{"mất thẻ làm sao", "đổi điện thoại phải làm gì"}, nil},
		{"mất thẻ làm sao? đổi điện thoại phải làm gì", []string{"mất thẻ làm sao", "đổi điện thoại phải làm gì"}, nil},
		{"bạn bảo có cần đổi không. mất thẻ làm sao?", nil, nil},
		{"bạn bảo có cần đổi không. mất thẻ làm sao", []string{"bạn bảo có cần đổi không", "mất thẻ làm sao"}, []bool{false, false}}, // no "?": both ask
		// set apart: a sentence ending with "?", a numbered item; not a comma's part of one
		{"mất thẻ làm sao? đổi điện thoại, phải làm gì?", []string{"mất thẻ làm sao", "phải làm gì"}, []bool{true, true}},
		{"mất thẻ làm sao, đổi điện thoại phải làm gì?", []string{"mất thẻ làm sao", "đổi điện thoại phải làm gì"}, []bool{false, false}},
		{"cho em hỏi: 1. mất thẻ làm sao 2. đổi điện thoại phải làm gì", []string{"mất thẻ làm sao", "đổi điện thoại phải làm gì"}, []bool{true, true}},
		{"bạn bảo có cần đổi không. 1. mất thẻ làm sao? 2. đổi điện thoại phải làm gì", []string{"mất thẻ làm sao", "đổi điện thoại phải làm gì"}, []bool{true, true}},
	} {
		_, _, clean := masked(clip(tc.msg))
		var got []string
		var apart []bool
		for _, p := range lx.parts(lx.focus(clean, wordsOf(textnorm.Normalize(clean))).asking) {
			got, apart = append(got, strings.Join(strings.Fields(p.text), " ")), append(apart, p.apart)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("asking of %q = %q, want %q", tc.msg, got, tc.want)
		}
		if tc.apart != nil && !slices.Equal(apart, tc.apart) {
			t.Errorf("asking of %q: set apart %v, want %v", tc.msg, apart, tc.apart)
		}
	}
}
