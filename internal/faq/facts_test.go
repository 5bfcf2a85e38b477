package faq

import (
	"bytes"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
)

// factsDir is faq-good with facts.yaml (the card fees that change on 1/1/2027, the
// hotline, a URL), notes, aliases and a review_by.
const factsDir = "testdata/faq-facts"

func at(day string, hour int) time.Time {
	d, err := ParseDay(day)
	if err != nil {
		panic(err)
	}
	return d.Start().Add(time.Duration(hour) * time.Hour)
}

// The lint report of faq-facts on the days that matter: before the month of the fee cut's
// end only the checked: day not yet reached; in that month a warning for each cut, silenced
// for a fortnight by checked: (cap_lai on 2026-12-10) and asked for again after it; clean on
// 1/1/2027 (a then: follows, so nothing is past its date); the review_by warning and error
// in mid-2027.
//
// Rewrite with: go test ./internal/faq -run TestFactsLintGolden -update
func TestFactsLintGolden(t *testing.T) {
	const golden = "testdata/lint-facts.golden"
	var got bytes.Buffer
	for _, day := range []string{"2026-11-23", "2026-12-01", "2026-12-20", "2026-12-30", "2026-12-31", "2027-01-01", "2027-06-15", "2027-07-01"} {
		r, err := Lint(factsDir, at(day, 9))
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&got, "== vneidbot lint --now %s\n", day)
		r.WriteTo(&got)
		if day == "2027-01-01" {
			for _, p := range r.Problems {
				if strings.Contains(p.Message, "past its date") || p.Severity == Error {
					t.Errorf("lint on %s: %s", day, p)
				}
			}
		}
	}
	checkGolden(t, golden, got.Bytes())
}

// What citizens read on the last day of the cut and on the first day after it.
func TestResolveGolden(t *testing.T) {
	set, problems, err := Load(factsDir, testNow)
	if err != nil || set == nil {
		t.Fatalf("Load: %v %v", err, problems)
	}
	var got bytes.Buffer
	for _, now := range []time.Time{at("2026-12-31", 23), at("2027-01-01", 0)} {
		v := set.Resolve(now)
		next := "none"
		if !v.Next.IsZero() {
			next = v.Next.Format(time.RFC3339)
		}
		fmt.Fprintf(&got, "==== %s (day %s, next change %s)\n", now.Format(time.RFC3339), v.Day, next)
		for _, e := range v.Entries {
			if !strings.Contains(set.entryText(e.ID), "{{") && len(e.Notes) == 0 {
				continue
			}
			fmt.Fprintf(&got, "--- %s: %s\n%s\n", e.ID, e.Title, e.Answer)
			for _, l := range e.Links {
				fmt.Fprintf(&got, "link: %s <%s>\n", l.Title, l.URL)
			}
		}
	}
	checkGolden(t, "testdata/resolve-facts.golden", got.Bytes())
}

// entryText is everything of the entry that may hold references, as written.
func (s *Set) entryText(id string) string {
	e, _ := s.ByID(id)
	t := e.Title + e.Answer
	for _, l := range e.Links {
		t += l.Title + l.URL
	}
	return t
}

func checkGolden(t *testing.T, golden string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (run go test -update and review the diff):\n%s", golden, lineDiff(string(want), string(got)))
	}
}

// The fee shown is the one in force on the day of the reply, in Vietnam: the change
// happens at midnight ICT, which is 17:00 UTC the day before.
func TestResolveFeeSwitch(t *testing.T) {
	set, _, err := Load(factsDir, testNow)
	if err != nil || set == nil {
		t.Fatalf("Load: %v", err)
	}
	midnight := at("2027-01-01", 0)
	tests := []struct {
		now      time.Time
		fee, not string
		next     time.Time
	}{
		{testNow, "25.000 đồng", "50.000 đồng", midnight},
		{midnight.Add(-time.Second), "25.000 đồng", "50.000 đồng", midnight},
		{time.Date(2026, 12, 31, 16, 59, 59, 0, time.UTC), "25.000 đồng", "50.000 đồng", midnight},
		{time.Date(2026, 12, 31, 17, 0, 0, 0, time.UTC), "50.000 đồng", "25.000 đồng", time.Time{}},
		{midnight, "50.000 đồng", "25.000 đồng", time.Time{}},
		{at("2030-05-01", 12), "50.000 đồng", "25.000 đồng", time.Time{}},
	}
	for _, tt := range tests {
		v := set.Resolve(tt.now)
		e, ok := v.ByID("can-cuoc-doi-the-25-tuoi")
		if !ok {
			t.Fatal("entry missing")
		}
		if !strings.Contains(e.Answer, "Lệ phí cấp đổi: "+tt.fee) || strings.Contains(e.Answer, tt.not) {
			t.Errorf("at %s: answer shows %q, want %s and never %s", tt.now, lineWith(e.Answer, "Lệ phí"), tt.fee, tt.not)
		}
		if !v.Next.Equal(tt.next) {
			t.Errorf("at %s: Next = %s, want %s", tt.now, v.Next, tt.next)
		}
		for _, e := range v.Entries {
			for _, s := range append([]string{e.Title, e.Answer, e.Body}, linkTexts(e.Links)...) {
				if strings.Contains(s, "{{") || strings.Contains(s, "}}") {
					t.Errorf("at %s: %s shows a raw reference: %q", tt.now, e.ID, s)
				}
			}
		}
	}
	// The Set from Load is not changed by Resolve.
	if e, _ := set.ByID("can-cuoc-doi-the-25-tuoi"); !strings.Contains(e.Answer, "{{fee.cap_doi}}") || e.Links[0].URL != "{{url.dvc_bca}}" {
		t.Errorf("Resolve changed the loaded Set: %q %q", lineWith(e.Answer, "Lệ phí"), e.Links[0].URL)
	}
}

func lineWith(text, sub string) string {
	for l := range strings.SplitSeq(text, "\n") {
		if strings.Contains(l, sub) {
			return l
		}
	}
	return ""
}

func linkTexts(ls []Link) []string {
	var out []string
	for _, l := range ls {
		out = append(out, l.Title, l.URL)
	}
	return out
}

func TestResolveNotesAliases(t *testing.T) {
	set, _, err := Load(factsDir, testNow)
	if err != nil || set == nil {
		t.Fatalf("Load: %v", err)
	}
	v := set.Resolve(testNow)
	e, _ := v.ByID("vneid-khong-nhan-otp")
	otp, ver := set.Bot.Notes["otp"], set.Bot.Notes["app_version"]
	if !strings.HasSuffix(e.Answer, "\n\n"+otp+"\n\n"+ver) {
		t.Errorf("answer should end with the notes otp, app_version in that order; got %q", e.Answer)
	}
	if strings.Contains(e.Body, otp) || !strings.HasPrefix(e.Answer, e.Body) {
		t.Errorf("Body should be the answer without its notes; got %q", e.Body)
	}
	for _, id := range []string{"can-cuoc-mat-the", "the-mat-the", "can-cuoc-cap-lai"} {
		if got := v.Canonical(id); got != "can-cuoc-mat-the" {
			t.Errorf("Canonical(%q) = %q, want can-cuoc-mat-the", id, got)
		}
		if e, ok := set.ByID(id); !ok || e.ID != "can-cuoc-mat-the" {
			t.Errorf("ByID(%q) should find can-cuoc-mat-the", id)
		}
	}
	if got, want := v.Bot.Messages.Fallback, "hoặc gọi tổng đài 1900 0368."; !strings.HasSuffix(got, want) || strings.Contains(got, "{{") {
		t.Errorf("fallback message = %q, want it to end %q", got, want)
	}
	if len(e.Cases) != 1 || e.Cases[0].Say != "SIM do người khác đứng tên: hãy gọi **1900 0368** trước khi đến Công an cấp xã." {
		t.Errorf("a case's say should be rendered with its facts; got %+v", e.Cases)
	}
	if c := e.Cases[0]; !slices.Equal(c.When, []string{"sim chính chủ", "sim người khác đứng tên"}) || c.Line != 92 || c.SayLine != 93 {
		t.Errorf("case decoded as %+v, want its two when phrases, on line 92, its say on line 93", c)
	}
	if raw, _ := set.ByID("vneid-khong-nhan-otp"); !strings.Contains(raw.Cases[0].Say, "{{hotline.c06}}") {
		t.Errorf("Resolve should not change the Set it resolves; got %q", raw.Cases[0].Say)
	}
	if got := v.Canonical("khong-co"); got != "khong-co" {
		t.Errorf("Canonical of an unknown id = %q, want it unchanged", got)
	}
}

// A running bot that crosses a valid_until nobody extended must not show the old value
// nor the raw reference: the renderer shows bot.yaml's fact_unavailable (or Unavailable).
func TestResolveDegradesSafely(t *testing.T) {
	set := &Set{
		Entries: []Entry{{
			ID: "a", Title: "Phí {{fee.x}}", Answer: "Phí là {{fee.x}}, gọi {{hotline}}. Lỗi {{ Sai }} và {{chưa đóng",
			Links:   []Link{{Title: "Trang", URL: "{{url.x}}/a"}, {Title: "Khác", URL: "https://vneid.gov.vn"}},
			Related: []string{"b"},
		}},
		Facts: []Fact{
			{Name: "fee.x", Values: []FactValue{{Value: "25.000 đồng", Until: mustDay("2026-12-31")}}},
			{Name: "hotline", Values: []FactValue{{Value: "1900 0368"}}},
			{Name: "url.x", Values: []FactValue{{Value: "https://a.gov.vn", From: mustDay("2027-02-01")}}},
		},
	}
	for _, msg := range []string{"", "(thông tin đang được cập nhật)"} {
		set.Bot.Messages.FactUnavailable = msg
		want := msg
		if want == "" {
			want = Unavailable
		}
		v := set.Resolve(at("2027-01-01", 8))
		e := v.Entries[0]
		if e.Title != "Phí "+want {
			t.Errorf("Title = %q", e.Title)
		}
		if wantA := "Phí là " + want + ", gọi 1900 0368. Lỗi " + want + " và chưa đóng"; e.Answer != wantA {
			t.Errorf("Answer = %q, want %q", e.Answer, wantA)
		}
		if len(e.Links) != 1 || e.Links[0].URL != "https://vneid.gov.vn" {
			t.Errorf("a link whose URL has no value must be dropped; got %v", e.Links)
		}
		if !v.Next.Equal(at("2027-02-01", 0)) {
			t.Errorf("Next = %s, want 2027-02-01 00:00 ICT", v.Next)
		}
	}
}

// TestResolveNextYear: with born_before, a birth year is read against the year rendered for,
// so the next 1 January is a change when no fact changes before it; without it, nothing is.
func TestResolveNextYear(t *testing.T) {
	s := &Set{}
	if v := s.Resolve(at("2026-12-07", 10)); !v.Next.IsZero() {
		t.Errorf("no facts, no born_before: Next = %s, want zero", v.Next)
	}
	s.Synonyms.BornBefore = []string{"sinh"}
	if v := s.Resolve(at("2026-12-07", 10)); !v.Next.Equal(at("2027-01-01", 0)) {
		t.Errorf("born_before: Next = %s, want 2027-01-01 00:00 ICT", v.Next)
	}
	if v := s.Resolve(at("2026-12-31", 23)); !v.Next.Equal(at("2027-01-01", 0)) || v.Day.Year() != 2026 {
		t.Errorf("the last evening of the year: Next = %s, Day %s", v.Next, v.Day)
	}
}

func mustDay(s string) Day {
	d, err := ParseDay(s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestFactValueOn(t *testing.T) {
	f := Fact{Name: "x", Values: []FactValue{
		{Value: "a", From: mustDay("2025-07-01"), Until: mustDay("2026-12-31")},
		{Value: "b", From: mustDay("2027-01-01"), Until: mustDay("2027-06-30")},
		{Value: "c", From: mustDay("2027-07-01")},
	}}
	for _, tt := range []struct{ day, want string }{
		{"2025-06-30", ""}, {"2025-07-01", "a"}, {"2026-12-31", "a"}, {"2027-01-01", "b"},
		{"2027-06-30", "b"}, {"2027-07-01", "c"}, {"2099-01-01", "c"},
	} {
		v, ok := f.ValueOn(mustDay(tt.day))
		if v.Value != tt.want || ok != (tt.want != "") {
			t.Errorf("ValueOn(%s) = %q, %v; want %q", tt.day, v.Value, ok, tt.want)
		}
	}
	got := f.changes()
	want := []Day{mustDay("2025-07-01"), mustDay("2027-01-01"), mustDay("2027-07-01")}
	if !slices.Equal(got, want) {
		t.Errorf("changes = %v, want %v", got, want)
	}
}

func TestDayOf(t *testing.T) {
	for _, tt := range []struct {
		t    time.Time
		want string
	}{
		{time.Date(2026, 12, 31, 16, 59, 0, 0, time.UTC), "2026-12-31"},
		{time.Date(2026, 12, 31, 17, 0, 0, 0, time.UTC), "2027-01-01"},
		{time.Date(2027, 1, 1, 0, 0, 0, 0, Zone), "2027-01-01"},
	} {
		if got := DayOf(tt.t).String(); got != tt.want {
			t.Errorf("DayOf(%s) = %s, want %s", tt.t, got, tt.want)
		}
	}
}

// Every problem the facts, notes, aliases, review_by and content checks report.
func TestFactChecks(t *testing.T) {
	const stdFacts = `facts:
  - name: fee.a
    value: "25.000 đồng"
    source: TT 64/2025/TT-BTC
    valid_until: 2026-12-31
    then:
      value: "50.000 đồng"
      source: TT 73/2024/TT-BTC
  - name: hotline
    value: "1900 0368"
    source: C06
`
	const useBoth = "answer: Trả lời một. Phí {{fee.a}}, gọi {{hotline}}."
	// twoSwitches: fee.a's value of 1/1/2027 is 30 characters, and a fact tam turns x into n
	// characters on 1/4/2027, so an answer using both changes length on two later days.
	twoSwitches := func(n int) string {
		return strings.Replace(stdFacts, `value: "50.000 đồng"`, `value: "`+strings.Repeat("b", 30)+`"`, 1) +
			"  - name: tam\n    value: x\n    source: s\n    valid_until: 2027-03-31\n    then:\n      value: \"" + strings.Repeat("d", n) + "\"\n      source: s\n"
	}
	// retire adds a retired claim (its "- says:" on facts.yaml line 13) to stdFacts.
	retire := func(until, says string) string {
		return stdFacts + "retired:\n  - says: [" + says + "]\n    until: " + until + "\n    source: NĐ 320/2026\n"
	}
	tests := []struct {
		name     string
		edits    []string          // old, new pairs applied to baseTopic
		facts    string            // facts.yaml; "" for none
		bot      string            // appended to bot.yaml
		botEdits []string          // old, new pairs applied to bot.yaml
		files    map[string]string // extra files
		now      string            // default 2026-11-23
		want     []string
		serves   bool // the errors wanted are all ones time alone causes: the Set still loads
	}{
		{name: "all used, no problems", edits: []string{"answer: Trả lời một.", useBoth}, facts: stdFacts},
		{
			facts: stdFacts,
			name:  "unused fact",
			edits: []string{"answer: Trả lời một.", "answer: Phí {{fee.a}}."},
			want:  []string{`facts.yaml:9: warning: fact "hotline" is not used: refer to it as {{hotline}} or remove it`},
		},
		{
			facts: stdFacts,
			name:  "unknown and malformed references",
			edits: []string{"answer: Trả lời một.", "answer: '{{fee.a}} {{hotline}} {{fee.b}} {{ Phí }} {{x'", "title: Mục một", "title: Mục {{hotlne}}"},
			want: []string{
				`t.yaml:4: title refers to {{hotlne}}, which is not in facts.yaml (did you mean {{hotline}}?)`,
				`t.yaml:6: answer has a malformed fact reference {{ Phí }}: write {{name}} with a fact name from facts.yaml`,
				`t.yaml:6: answer has a malformed fact reference {{ without }} (or }} without {{): write {{name}} with a fact name from facts.yaml`,
				`t.yaml:6: answer refers to {{fee.b}}, which is not in facts.yaml (did you mean {{fee.a}}?)`,
			},
		},
		{
			name:  "no facts.yaml",
			edits: []string{"answer: Trả lời một.", "answer: Gọi {{hotline}}."},
			facts: deleted,
			want:  []string{`t.yaml:6: answer refers to {{hotline}}, which is not in facts.yaml`},
		},
		{
			facts: stdFacts,
			name:  "link url from a fact",
			edits: []string{"url: https://vneid.gov.vn", "url: '{{hotline}}/x'", "answer: Trả lời một.", useBoth},
			want:  []string{`t.yaml:9: link url "{{hotline}}/x" is "1900 0368/x" once its facts are filled in, which contains a space or control character`},
		},
		{
			name:  "fact runs out in 30 days",
			edits: []string{"answer: Trả lời một.", useBoth},
			facts: strings.Replace(stdFacts, "1900 0368\"\n    source: C06\n", "1900 0368\"\n    source: C06\n    valid_until: 2026-12-23\n", 1),
			want:  []string{`facts.yaml:9: warning: fact "hotline" runs out on 2026-12-23, in 30 days: add the value that follows under then:, or extend valid_until once a source confirms it`},
		},
		{
			name:  "fact runs out in 31 days",
			edits: []string{"answer: Trả lời một.", useBoth},
			facts: strings.Replace(stdFacts, "1900 0368\"\n    source: C06\n", "1900 0368\"\n    source: C06\n    valid_until: 2026-12-24\n", 1),
		},
		{
			name:  "the last value runs out",
			edits: []string{"answer: Trả lời một.", useBoth},
			facts: strings.Replace(stdFacts, "      source: TT 73/2024/TT-BTC\n", "      source: TT 73/2024/TT-BTC\n      valid_until: 2027-01-10\n", 1),
			now:   "2026-12-20",
			want: []string{
				`facts.yaml:2: warning: fact "fee.a": "25.000 đồng" holds until 2026-12-31 (in 11 days), then the bot says "50.000 đồng" (TT 73/2024/TT-BTC): check that no new rule extends or changes it (never checked), then set checked: to the day you read it`,
				`facts.yaml:2: warning: fact "fee.a" runs out on 2027-01-10, in 21 days: add the value that follows under then:, or extend valid_until once a source confirms it`,
			},
		},
		// A value that hands over to the next (a fee cut ending): lint asks for a check in the
		// month before, and again once the check (checked:) is more than a fortnight old.
		{name: "hand-over 31 days away", edits: []string{"answer: Trả lời một.", useBoth}, facts: stdFacts, now: "2026-11-30"},
		{name: "hand-over 30 days away", edits: []string{"answer: Trả lời một.", useBoth}, facts: stdFacts, now: "2026-12-01", want: []string{`facts.yaml:2: warning: fact "fee.a": "25.000 đồng" holds until 2026-12-31 (in 30 days), then the bot says "50.000 đồng" (TT 73/2024/TT-BTC): check that no new rule extends or changes it (never checked), then set checked: to the day you read it`}},
		{name: "hand-over today", edits: []string{"answer: Trả lời một.", useBoth}, facts: stdFacts, now: "2026-12-31", want: []string{`facts.yaml:2: warning: fact "fee.a": "25.000 đồng" holds until 2026-12-31 (today), then the bot says "50.000 đồng" (TT 73/2024/TT-BTC): check that no new rule extends or changes it (never checked), then set checked: to the day you read it`}},
		{name: "hand-over done", edits: []string{"answer: Trả lời một.", useBoth}, facts: stdFacts, now: "2027-01-01"},
		{name: "checked 14 days ago", edits: []string{"answer: Trả lời một.", useBoth}, facts: strings.Replace(stdFacts, "valid_until: 2026-12-31\n", "valid_until: 2026-12-31\n    checked: 2026-12-06\n", 1), now: "2026-12-20"},
		{name: "checked 15 days ago", edits: []string{"answer: Trả lời một.", useBoth}, facts: strings.Replace(stdFacts, "valid_until: 2026-12-31\n", "valid_until: 2026-12-31\n    checked: 2026-12-06\n", 1), now: "2026-12-21", want: []string{`facts.yaml:2: warning: fact "fee.a": "25.000 đồng" holds until 2026-12-31 (in 10 days), then the bot says "50.000 đồng" (TT 73/2024/TT-BTC): check that no new rule extends or changes it (last checked 2026-12-06), then set checked: to the day you read it`}},
		{
			name: "checked after today", edits: []string{"answer: Trả lời một.", useBoth}, facts: strings.Replace(stdFacts, "valid_until: 2026-12-31\n", "valid_until: 2026-12-31\n    checked: 2026-12-06\n", 1), now: "2026-12-05",
			want: []string{`facts.yaml:2: warning: fact "fee.a": "25.000 đồng" holds until 2026-12-31 (in 26 days), then the bot says "50.000 đồng" (TT 73/2024/TT-BTC): check that no new rule extends or changes it (never checked), then set checked: to the day you read it`, `facts.yaml:6: warning: checked 2026-12-06 of fact "fee.a" is after today: write the day the source was read (ignored until then)`},
		},
		{
			// Each hand-over of a chain warns in its own month only.
			name: "three values: the second hand-over", edits: []string{"answer: Trả lời một.", useBoth}, now: "2027-06-10",
			facts: strings.Replace(stdFacts, "      source: TT 73/2024/TT-BTC\n", "      source: TT 73/2024/TT-BTC\n      valid_until: 2027-06-30\n      then:\n        value: \"60.000 đồng\"\n        source: TT 99/2027\n", 1),
			want:  []string{`facts.yaml:7: warning: fact "fee.a": "50.000 đồng" holds until 2027-06-30 (in 20 days), then the bot says "60.000 đồng" (TT 99/2027): check that no new rule extends or changes it (never checked), then set checked: to the day you read it`},
		},
		{
			name: "checked not a date", edits: []string{"answer: Trả lời một.", useBoth},
			facts: strings.Replace(stdFacts, "valid_until: 2026-12-31\n", "valid_until: 2026-12-31\n    checked: 5/12/2026\n", 1),
			want:  []string{`facts.yaml:6: checked "5/12/2026" should be a date written YYYY-MM-DD, like 2026-11-23`},
		},
		{
			name: "checked on the last value does nothing", edits: []string{"answer: Trả lời một.", useBoth},
			facts: strings.Replace(stdFacts, "      source: TT 73/2024/TT-BTC\n", "      source: TT 73/2024/TT-BTC\n      valid_until: 2027-06-30\n      checked: 2026-11-20\n", 1),
			want:  []string{`facts.yaml:10: warning: checked on fact "fee.a" does nothing: it only quiets the warning before a value hands over to its then:`},
		},
		{
			name: "checked on a value that does not end", edits: []string{"answer: Trả lời một.", useBoth},
			facts: strings.Replace(stdFacts, "source: C06\n", "source: C06\n    checked: 2026-11-01\n", 1),
			want:  []string{`facts.yaml:12: checked is for a value that ends: fact "hotline" has no valid_until`},
		},
		// A dated fact switches the answer's wording by itself: each later wording must fit a
		// phone screen too (1,200 characters), and lint names the day it stops fitting.
		{
			name:  "a later value makes the answer too long",
			edits: []string{"answer: Trả lời một.", "answer: '" + strings.Repeat("a", 1170) + " {{fee.a}} {{hotline}}'"},
			facts: strings.Replace(stdFacts, `value: "50.000 đồng"`, `value: "`+strings.Repeat("b", 30)+`"`, 1),
			want:  []string{`t.yaml:6: warning: answer of "mot" will be 1211 characters long from 2027-01-01: above 1200 it no longer fits a phone screen; cut or split it`},
		},
		{
			name:  "a later value that fits",
			edits: []string{"answer: Trả lời một.", "answer: '" + strings.Repeat("a", 1170) + " {{fee.a}} {{hotline}}'"},
			facts: stdFacts,
		},
		{
			name:  "today's value too long, the later one fits: today is named",
			edits: []string{"answer: Trả lời một.", "answer: '" + strings.Repeat("a", 1170) + " {{fee.a}} {{hotline}}'"},
			facts: strings.Replace(stdFacts, `value: "25.000 đồng"`, `value: "`+strings.Repeat("c", 30)+`"`, 1),
			want:  []string{`t.yaml:6: warning: answer of "mot" is 1211 characters long: above 1200 it no longer fits a phone screen; cut or split it`},
		},
		{
			// fee.a switched on 1/1/2027, before today; a second fact's long value ended on
			// 15/1/2027, also before today: neither old wording is read, only today's.
			name:  "a value that ended before today is not read",
			edits: []string{"answer: Trả lời một.", "answer: '" + strings.Repeat("a", 1170) + " {{fee.a}} {{hotline}} {{tam}}'"},
			facts: stdFacts + "  - name: tam\n    value: \"" + strings.Repeat("d", 40) + "\"\n    source: s\n    valid_until: 2027-01-15\n    then:\n      value: x\n      source: s\n",
			now:   "2027-02-01",
		},
		{
			name:  "a later value over 3000 characters",
			edits: []string{"answer: Trả lời một.", "answer: '" + strings.Repeat("a", 1170) + " {{fee.a}} {{hotline}}'"},
			facts: strings.Replace(stdFacts, `value: "50.000 đồng"`, `value: "`+strings.Repeat("b", 2000)+`"`, 1),
			want: []string{
				`facts.yaml:7: warning: value of fact "fee.a" is 2000 characters long: a fact is a value to put in a sentence, not a paragraph`,
				`t.yaml:6: warning: answer of "mot" will be 3181 characters long from 2027-01-01, more than the 3000 allowed: shorten the fact's value or the answer`,
			},
		},
		{
			// Two later days over a phone screen: only the first is named.
			name:  "two later days too long: the first is named",
			edits: []string{"answer: Trả lời một.", "answer: '" + strings.Repeat("a", 1170) + " {{fee.a}} {{hotline}} {{tam}}'"},
			facts: twoSwitches(40),
			want:  []string{`t.yaml:6: warning: answer of "mot" will be 1213 characters long from 2027-01-01: above 1200 it no longer fits a phone screen; cut or split it`},
		},
		{
			// A later day over a phone screen, a further one over the hard limit: both are said.
			name:  "a later day too long, a further one over 3000",
			edits: []string{"answer: Trả lời một.", "answer: '" + strings.Repeat("a", 1170) + " {{fee.a}} {{hotline}} {{tam}}'"},
			facts: twoSwitches(2000),
			want: []string{
				`facts.yaml:17: warning: value of fact "tam" is 2000 characters long: a fact is a value to put in a sentence, not a paragraph`,
				`t.yaml:6: warning: answer of "mot" will be 1213 characters long from 2027-01-01: above 1200 it no longer fits a phone screen; cut or split it`,
				`t.yaml:6: warning: answer of "mot" will be 3212 characters long from 2027-04-01, more than the 3000 allowed: shorten the fact's value or the answer`,
			},
		},
		// The phone shows the standard notes below the answer, so the screen limit counts them:
		// "\n\n" and the note's 24 here.
		{
			name:  "answer fits, answer and its note do not",
			edits: []string{"answer: Trả lời một.", "answer: '" + strings.Repeat("a", 1175) + "'\n    notes: [otp]"},
			bot:   "notes:\n  otp: Không đọc mã OTP cho ai.\n",
			want:  []string{`t.yaml:6: warning: reply of "mot" is 1201 characters long (answer 1175 + standard notes 26): above 1200 it no longer fits a phone screen; cut or split the answer`},
		},
		{
			name:  "answer and its note exactly fit",
			edits: []string{"answer: Trả lời một.", "answer: '" + strings.Repeat("a", 1174) + "'\n    notes: [otp]"},
			bot:   "notes:\n  otp: Không đọc mã OTP cho ai.\n",
		},
		{
			// Too long for a phone today, over the hard limit later: both are said.
			name:  "too long today, over 3000 later",
			edits: []string{"answer: Trả lời một.", "answer: '" + strings.Repeat("a", 1180) + " {{fee.a}} {{hotline}}'"},
			facts: strings.Replace(stdFacts, `value: "50.000 đồng"`, `value: "`+strings.Repeat("b", 2000)+`"`, 1),
			want: []string{
				`facts.yaml:7: warning: value of fact "fee.a" is 2000 characters long: a fact is a value to put in a sentence, not a paragraph`,
				`t.yaml:6: warning: answer of "mot" is 1202 characters long: above 1200 it no longer fits a phone screen; cut or split it`,
				`t.yaml:6: warning: answer of "mot" will be 3191 characters long from 2027-01-01, more than the 3000 allowed: shorten the fact's value or the answer`,
			},
		},
		{
			name:   "retired claim still in an answer",
			edits:  []string{"answer: Trả lời một.", "answer: 'Thẻ hết hạn thì tài khoản bị khóa. Phí {{fee.a}}, gọi {{hotline}}.'"},
			facts:  retire("2026-09-27", "tài khoản bị khóa"),
			want:   []string{`t.yaml:6: "mot" still says "tài khoản bị khóa", which no longer holds after 2026-09-27 (NĐ 320/2026): reword it (retired in facts.yaml:13)`},
			serves: true,
		},
		{
			name:   "retired claim in a title, any case",
			edits:  []string{"answer: Trả lời một.", useBoth, "title: Mục một", "title: Vì sao Tài Khoản Bị Khóa"},
			facts:  retire("2026-09-27", "tài khoản bị khóa"),
			want:   []string{`t.yaml:6: "mot" still says "tài khoản bị khóa", which no longer holds after 2026-09-27 (NĐ 320/2026): reword it (retired in facts.yaml:13)`},
			serves: true,
		},
		{
			name:   "retired claim in a case",
			edits:  []string{"answer: Trả lời một.", useBoth + "\n    cases:\n      - when: [thẻ hết hạn]\n        say: 'Thẻ hết hạn: tài khoản bị khóa.'"},
			facts:  retire("2026-09-27", "tài khoản bị khóa"),
			want:   []string{`t.yaml:9: a case of "mot" still says "tài khoản bị khóa", which no longer holds after 2026-09-27 (NĐ 320/2026): reword it (retired in facts.yaml:13)`},
			serves: true,
		},
		{
			name:  "a case's length counts its facts' values, today and from the day they change",
			edits: []string{"answer: Trả lời một.", useBoth + "\n    cases:\n      - when: [thẻ hết hạn]\n        say: 'Phí {{fee.a}}: " + strings.Repeat("ă", 280) + "'\n      - when: [thẻ cũ]\n        say: '" + strings.Repeat("{{fee.a}}", 10) + strings.Repeat("ă", 200) + "'"},
			// fee.a's value of 1/1/2027 is 30 characters: the first case is 297 today, 316 then;
			// the second, 290 as written, is 310 today.
			facts: strings.Replace(stdFacts, `value: "50.000 đồng"`, `value: "`+strings.Repeat("b", 30)+`"`, 1),
			want: []string{
				`t.yaml:9: warning: a case of "mot" will be 316 characters long from 2027-01-01 once its facts are filled in, more than 300: shorten it or the fact's value`,
				`t.yaml:11: warning: a case of "mot" is 310 characters long once its facts are filled in, more than 300: shorten it or the fact's value`,
			},
		},
		{
			name:  "a case's fact references are checked like the answer's",
			edits: []string{"answer: Trả lời một.", useBoth + "\n    cases:\n      - when: [thẻ hết hạn]\n        say: 'Gọi {{hotlne}}.'"},
			facts: stdFacts,
			want:  []string{`t.yaml:9: case refers to {{hotlne}}, which is not in facts.yaml (did you mean {{hotline}}?)`},
		},
		{
			name:  "retired claim absent",
			edits: []string{"answer: Trả lời một.", useBoth},
			facts: retire("2026-09-27", "tài khoản bị khóa"),
		},
		{
			name:  "retired tomorrow: the wording of the day after still says it",
			edits: []string{"answer: Trả lời một.", "answer: 'Phí là 25.000 đồng. Phí {{fee.a}}, gọi {{hotline}}.'"},
			facts: retire("2026-11-23", "phí là 25.000 đồng"),
			want:  []string{`t.yaml:6: warning: "mot" will still say "phí là 25.000 đồng" from 2026-11-24, when it no longer holds (NĐ 320/2026): reword it, or put the changing words in a dated fact (retired in facts.yaml:13)`},
		},
		{
			name:   "retired yesterday: an error",
			edits:  []string{"answer: Trả lời một.", "answer: 'Phí là 25.000 đồng. Phí {{fee.a}}, gọi {{hotline}}.'"},
			facts:  retire("2026-11-22", "phí là 25.000 đồng"),
			want:   []string{`t.yaml:6: "mot" still says "phí là 25.000 đồng", which no longer holds after 2026-11-22 (NĐ 320/2026): reword it (retired in facts.yaml:13)`},
			serves: true,
		},
		{
			name:  "retired the day after tomorrow: a warning naming the day after it ends",
			edits: []string{"answer: Trả lời một.", "answer: 'Phí là 25.000 đồng. Phí {{fee.a}}, gọi {{hotline}}.'"},
			facts: retire("2026-11-24", "phí là 25.000 đồng"),
			want:  []string{`t.yaml:6: warning: "mot" will still say "phí là 25.000 đồng" from 2026-11-25, when it no longer holds (NĐ 320/2026): reword it, or put the changing words in a dated fact (retired in facts.yaml:13)`},
		},
		{
			name:   "retired claim only in a title, once its fact is filled in",
			edits:  []string{"answer: Trả lời một.", useBoth, "title: Mục một", "title: Phí {{fee.a}} khi đổi thẻ"},
			facts:  retire("2026-11-22", "phí 25.000 đồng khi"),
			want:   []string{`t.yaml:6: "mot" still says "phí 25.000 đồng khi", which no longer holds after 2026-11-22 (NĐ 320/2026): reword it (retired in facts.yaml:13)`},
			serves: true,
		},
		{
			// Bold marks, the other tone-mark placement (khoá) and a line break do not hide it.
			name:   "retired claim in bold, khoá for khóa",
			edits:  []string{"answer: Trả lời một.", "answer: \"Thẻ hết hạn thì tài khoản **bị\\n KHOÁ**. Phí {{fee.a}}, gọi {{hotline}}.\""},
			facts:  retire("2026-09-27", "tài khoản bị khóa"),
			want:   []string{`t.yaml:6: "mot" still says "tài khoản bị khóa", which no longer holds after 2026-09-27 (NĐ 320/2026): reword it (retired in facts.yaml:13)`},
			serves: true,
		},
		{
			name:  "retired phrasing matches whole words only",
			edits: []string{"answer: Trả lời một.", "answer: 'Phí 125.000 đồng mỗi lần, tài khoản bị khóavn. Phí {{fee.a}}, gọi {{hotline}}.'"},
			facts: retire("2026-09-27", "25.000 đồng mỗi lần, tài khoản bị khóa"),
		},
		{
			name:   "retired claim in a note replies carry",
			edits:  []string{"answer: Trả lời một.", useBoth + "\n    notes: [khoa]"},
			bot:    "notes:\n  khoa: Thẻ hết hạn thì tài khoản bị khóa.\n",
			facts:  retire("2026-09-27", "tài khoản bị khóa"),
			want:   []string{`bot.yaml:26: note "khoa" still says "tài khoản bị khóa", which no longer holds after 2026-09-27 (NĐ 320/2026): reword it (retired in facts.yaml:13)`},
			serves: true,
		},
		{
			// One claim ended, one ends tomorrow, one later: each read on its own day, and the
			// second entry's wording is its own, not the first's.
			name:  "retired claims on three days, two entries",
			edits: []string{"answer: Trả lời một.", "answer: 'Phí là 25.000 đồng. Phí {{fee.a}}, gọi {{hotline}}.'", "answer: Trả lời hai.", "answer: Tài khoản bị khóa khi hết hạn."},
			facts: stdFacts + "retired:\n  - says: [tài khoản bị khóa]\n    until: 2026-11-22\n    source: A\n  - says: [phí là 25.000 đồng]\n    until: 2026-11-23\n    source: B\n  - says: [phí là 50.000 đồng]\n    until: 2027-02-01\n    source: C\n",
			want: []string{
				`t.yaml:6: warning: "mot" will still say "phí là 25.000 đồng" from 2026-11-24, when it no longer holds (B): reword it, or put the changing words in a dated fact (retired in facts.yaml:16)`,
				`t.yaml:16: "hai" still says "tài khoản bị khóa", which no longer holds after 2026-11-22 (A): reword it (retired in facts.yaml:13)`,
			},
			serves: true,
		},
		{
			name:  "retired is not a list",
			edits: []string{"answer: Trả lời một.", useBoth},
			facts: stdFacts + "retired: tài khoản bị khóa\n",
			want:  []string{`facts.yaml:12: retired should be a list (lines starting with "- "), not a single value`},
		},
		{
			name:  "retired claim malformed",
			edits: []string{"answer: Trả lời một.", useBoth},
			facts: stdFacts + "retired:\n  - says: []\n    until: 27/9/2026\n    source: [NĐ 320/2026]\n  - says: [[thẻ hết hạn, bị khóa], '', 'phí {{fee.a}} khi đổi']\n    until: 2026-09-27\n    source: ' '\n    note: {a: b}\n  - tài khoản bị khóa\n",
			want: []string{
				`facts.yaml:13: says of the retired claim is empty: give the phrasings answers used, at least 3 words each`,
				`facts.yaml:14: until "27/9/2026" should be a date written YYYY-MM-DD, like 2026-11-23`,
				`facts.yaml:15: source should be text, not a list`,
				`facts.yaml:16: phrasing should be text, not a list`,
				`facts.yaml:16: empty phrasing`,
				`facts.yaml:16: retired phrasing "phí {{fee.a}} khi đổi" contains {{ or }}: answers are read with their facts filled in, so write the words citizens see`,
				`facts.yaml:18: source of the retired claim is empty: name the legal text that ended it`,
				`facts.yaml:19: note should be text, not a set of "key: value" fields`,
				`facts.yaml:20: retired claim should be a set of "key: value" fields, not a single value`,
			},
		},
		{
			// The claim is dropped: not read as ended on the zero day.
			name:  "retired until not a date",
			edits: []string{"answer: Trả lời một.", useBoth},
			facts: retire("27/9/2026", "phí 25.000 đồng"),
			want:  []string{`facts.yaml:14: until "27/9/2026" should be a date written YYYY-MM-DD, like 2026-11-23`},
		},
		{
			name:  "retired source empty: the claim is dropped",
			edits: []string{"answer: Trả lời một.", useBoth},
			facts: strings.Replace(retire("2026-09-27", "phí 25.000 đồng"), "source: NĐ 320/2026", "source: ' '", 1),
			want:  []string{`facts.yaml:15: source of the retired claim is empty: name the legal text that ended it`},
		},
		{
			name:  "retired phrasing given twice",
			edits: []string{"answer: Trả lời một.", useBoth},
			facts: stdFacts + "retired:\n  - says: [tài khoản bị khóa, Tài khoản  bị khoá]\n    until: 2026-09-27\n    source: A\n  - says: [thẻ hết hạn thì, tài khoản bị khóa]\n    until: 2026-09-27\n    source: B\n",
			want: []string{
				`facts.yaml:13: retired phrasing "Tài khoản  bị khoá" is given twice (first on line 13)`,
				`facts.yaml:16: retired phrasing "tài khoản bị khóa" is given twice (first on line 13)`,
			},
		},
		{
			name:  "retired claim as an alias",
			edits: []string{"answer: Trả lời một.", useBoth},
			facts: stdFacts + "retired:\n  - &c {says: [tài khoản bị khóa], until: 2026-09-27, source: A}\n  - *c\n",
			want:  []string{`facts.yaml:14: retired claim: aliases (*c) are not supported: write the value out`},
		},
		{
			// The claim ends with the fee cut, and a dated fact already carries the change.
			name:  "retired later, a dated fact switches the wording",
			edits: []string{"answer: Trả lời một.", "answer: 'Phí là {{fee.a}}, gọi {{hotline}}.'"},
			facts: retire("2026-12-31", "phí là 25.000 đồng"),
		},
		{
			name:  "retired phrasing too short, fields missing",
			edits: []string{"answer: Trả lời một.", useBoth},
			facts: stdFacts + "retired:\n  - says: [bị khóa, tài khoản bị khóa]\n  - until: 2026-09-27\n",
			want: []string{
				`facts.yaml:13: missing field "until" in retired claim: give what answers must no longer say (says:), the last day it held (until:) and the rule that ended it (source:)`,
				`facts.yaml:13: missing field "source" in retired claim: give what answers must no longer say (says:), the last day it held (until:) and the rule that ended it (source:)`,
				`facts.yaml:13: retired phrasing "bị khóa" is shorter than 3 words: it would also match answers that do not make the claim`,
				`facts.yaml:14: missing field "says" in retired claim: give what answers must no longer say (says:), the last day it held (until:) and the rule that ended it (source:)`,
				`facts.yaml:14: missing field "source" in retired claim: give what answers must no longer say (says:), the last day it held (until:) and the rule that ended it (source:)`,
			},
		},
		{
			// The raw answer fits the hard limit; with its facts filled in it does not.
			name:  "over 3000 today once the facts are filled in",
			edits: []string{"answer: Trả lời một.", "answer: '" + strings.Repeat("a", 1180) + " {{fee.a}} {{hotline}}'"},
			facts: strings.Replace(stdFacts, `value: "25.000 đồng"`, `value: "`+strings.Repeat("c", 2000)+`"`, 1),
			want: []string{
				`facts.yaml:3: warning: value of fact "fee.a" is 2000 characters long: a fact is a value to put in a sentence, not a paragraph`,
				`t.yaml:6: warning: answer of "mot" is 3191 characters long once its facts are filled in, more than the 3000 allowed: shorten the fact's value or the answer`,
			},
		},
		{
			// Too long today already: the warning speaks of today, not of a later, longer day.
			name:  "too long today and longer later: today is named",
			edits: []string{"answer: Trả lời một.", "answer: '" + strings.Repeat("a", 1180) + " {{fee.a}} {{hotline}}'"},
			facts: strings.Replace(stdFacts, `value: "50.000 đồng"`, `value: "`+strings.Repeat("b", 30)+`"`, 1),
			want:  []string{`t.yaml:6: warning: answer of "mot" is 1202 characters long: above 1200 it no longer fits a phone screen; cut or split it`},
		},
		{
			name:  "fact past its date",
			edits: []string{"answer: Trả lời một.", useBoth},
			facts: strings.Replace(stdFacts, "1900 0368\"\n    source: C06\n", "1900 0368\"\n    source: C06\n    valid_until: 2026-11-22\n", 1),
			want: []string{
				`facts.yaml:9: fact "hotline" is past its date: its last value held until 2026-11-22; add the value in force now under then: (with its source), or extend valid_until once a source confirms it`,
				`t.yaml:6: answer refers to {{hotline}}, which has no value on 2026-11-23 (its last value ended on 2026-11-22)`,
			},
		},
		{
			name:  "fact not yet valid",
			edits: []string{"answer: Trả lời một.", useBoth},
			facts: strings.Replace(stdFacts, "    source: C06\n", "    source: C06\n    valid_from: 2027-01-01\n", 1),
			want:  []string{`t.yaml:6: answer refers to {{hotline}}, which has no value before 2027-01-01`},
		},
		{
			name:  "bad facts",
			edits: []string{"answer: Trả lời một.", "answer: '{{fee.a}}'"},
			facts: `facts:
  - name: Fee-A
    value: x
    source: s
  - name: fee.a
    value: "{{hotline}}"
    source: ""
    url: http://a.vn
    valid_from: 2026-12-01
    valid_until: 2026-11-30
  - name: fee.a
    value: y
    vaule: z
  - name: thenless
    value: a
    source: s
    then:
      value: b
      source: s
  - name: gap
    value: a
    source: s
    valid_until: 2026-12-31
    then:
      value: b
      source: s
      valid_from: 2027-02-01
  - just a text
`,
			want: []string{
				`facts.yaml:2: fact name "Fee-A" should be lowercase letters a-z, digits and "_", in parts joined by "." (like "fee.cap_doi")`,
				`facts.yaml:5: warning: fact "fee.a" runs out on 2026-11-30, in 7 days: add the value that follows under then:, or extend valid_until once a source confirms it`,
				`facts.yaml:6: value of fact "fee.a" contains {{ or }}: a fact cannot refer to another fact`,
				`facts.yaml:7: source of fact "fee.a" is empty: name the legal text or the official page`,
				`facts.yaml:8: url "http://a.vn" of fact "fee.a" should start with https://`,
				`facts.yaml:10: valid_until 2026-11-30 of fact "fee.a" is before its valid_from 2026-12-01`,
				`facts.yaml:11: duplicate fact "fee.a": already defined at facts.yaml:5`,
				`facts.yaml:11: missing field "source" in fact "fee.a"`,
				`facts.yaml:13: unknown field "vaule" in fact (did you mean "value"?)`,
				`facts.yaml:14: warning: fact "thenless" is not used: refer to it as {{thenless}} or remove it`,
				`facts.yaml:17: fact "thenless" has then: but no valid_until: say on which day the first value ends`,
				`facts.yaml:20: warning: fact "gap" is not used: refer to it as {{gap}} or remove it`,
				`facts.yaml:27: valid_from 2027-02-01 of the value after fact "gap" should be 2027-01-01, the day after the previous valid_until (or leave it out)`,
				`facts.yaml:28: each fact should be a set of "key: value" fields (name:, value:, source:, …), not a single value`,
				`t.yaml:6: answer refers to {{fee.a}}, which has no value before 2026-12-01`,
			},
		},
		{
			name:  "notes",
			edits: []string{"reviewed: 2026-11-01\n  - id: hai", "reviewed: 2026-11-01\n    notes: [otp, otpp, otp]\n  - id: hai"},
			bot:   "notes:\n  otp: Không đọc mã OTP cho ai.\n  app_version: Tên mục có thể khác.\n  Bad-Name: x\n  empty: ''\n",
			want: []string{
				`bot.yaml:27: warning: note "app_version" is not used by any entry`,
				`bot.yaml:28: note name "Bad-Name" should be lowercase letters a-z, digits and "_" (like "app_version")`,
				`bot.yaml:29: note "empty" is empty`,
				`bot.yaml:29: warning: note "empty" is not used by any entry`,
				`t.yaml:13: note "otp" is listed twice`,
				`t.yaml:13: note "otpp" is not in bot.yaml notes: (did you mean "otp"?)`,
			},
		},
		{
			name:  "warned notes",
			edits: []string{"reviewed: 2026-11-01\n  - id: hai", "reviewed: 2026-11-01\n    notes: [otp, app_version]\n  - id: hai"},
			bot:   "notes:\n  otp: Không đọc mã OTP cho ai.\n  app_version: Tên mục có thể khác.\nwarned_notes:\n  otp: mã OTP\n  app_version: phiên bản\n  opt: x\n  blank: ''\n",
			want: []string{
				`bot.yaml:30: warning: warned_notes: no safety warning (bot.yaml safety_*, words.yaml safety) holds "phiên bản", so note "app_version" is never left out`,
				`bot.yaml:31: note "opt" is not in bot.yaml notes: (did you mean "otp"?)`,
				`bot.yaml:31: warning: warned_notes: no safety warning (bot.yaml safety_*, words.yaml safety) holds "x", so note "opt" is never left out`,
				`bot.yaml:32: warned_notes: note "blank" needs the words by which a warning says it`,
			},
		},
		{
			name:  "clarify leads",
			edits: []string{"reviewed: 2026-11-01\n  - id: hai", "reviewed: 2026-11-01\n    tags: [lua-dao]\n  - id: hai"},
			bot:   "clarify_leads:\n  lua-dao: Cảnh giác lừa đảo.\n  khong-co: x\n  trong: ''\n",
			want: []string{
				`bot.yaml:27: warning: clarify_leads: no entry has the tag "khong-co", so its line is never said`,
				`bot.yaml:28: clarify_leads: tag "trong" needs a line`,
			},
		},
		{
			name: "answer repeats a note",
			edits: []string{
				"answer: Trả lời một.", "answer: Trả lời một. KHÔNG đọc  mã OTP cho ai.\n    notes: [otp]",
				"answer: Trả lời hai.", "answer: Trả lời hai. Không đọc mã OTP cho ai.",
			},
			bot: "notes:\n  otp: Không đọc mã OTP cho ai.\n",
			want: []string{
				`t.yaml:6: warning: answer of "mot" repeats the note "otp", which the reply adds anyway: remove the sentence`,
				`t.yaml:17: warning: answer of "hai" contains the note "otp": remove the sentence and add otp to notes:`,
			},
		},
		{
			name:     "facts in bot messages",
			facts:    stdFacts,
			edits:    []string{"answer: Trả lời một.", "answer: Phí {{fee.a}}."},
			botEdits: []string{"  rate_limited:", "  fact_unavailable: '{{hotline}}'\n  rate_limited:", "goodbye: \"", "goodbye: \"{{hotlne}} "},
			want: []string{
				`bot.yaml:18: message fact_unavailable cannot use {{facts}}: it stands in for one that has no value`,
				`bot.yaml:22: message goodbye refers to {{hotlne}}, which is not in facts.yaml (did you mean {{hotline}}?)`,
				`facts.yaml:9: warning: fact "hotline" is not used: refer to it as {{hotline}} or remove it`,
			},
		},
		{
			name:     "a fact in a bot message is used",
			facts:    stdFacts,
			edits:    []string{"answer: Trả lời một.", "answer: Phí {{fee.a}}."},
			botEdits: []string{"goodbye: \"", "goodbye: \"{{hotline}} "},
		},
		{
			name:  "note without notes in bot.yaml",
			edits: []string{"reviewed: 2026-11-01\n  - id: hai", "reviewed: 2026-11-01\n    notes: [otp]\n  - id: hai"},
			want:  []string{`t.yaml:13: note "otp" is not in bot.yaml notes: (bot.yaml has no notes: yet)`},
		},
		{
			name: "aliases",
			edits: []string{
				"reviewed: 2026-11-01\n  - id: hai", "reviewed: 2026-11-01\n    aliases: [cu, hai, mot, Sai]\n  - id: hai",
				"sources: [Luật Căn cước 2023]", "sources: [Luật Căn cước 2023]\n    aliases: [cu]\n    related: [cu, mot]",
			},
			want: []string{
				`t.yaml:13: alias "mot" is the entry's own id`,
				`t.yaml:13: alias "Sai" should be written like an id: lowercase letters a-z and digits, with "-" between words, at most 40 bytes`,
				`t.yaml:13: alias "hai" is also the id of the entry at t.yaml:14: an old id cannot stay an entry (remove that entry or the alias)`,
				`t.yaml:19: alias "cu" is already an alias at t.yaml:13: an old id can lead to one entry only`,
				`t.yaml:20: warning: related id "cu" is an old id, merged into "mot": write "mot"`,
			},
		},
		{
			name:  "related to its own alias",
			edits: []string{"related: [hai]", "related: [cu]\n    aliases: [cu]"},
			want:  []string{`t.yaml:10: related id "cu" is the entry itself`},
		},
		{
			name:  "review_by",
			edits: []string{"reviewed: 2026-11-01\n  - id: hai", "reviewed: 2026-11-01\n    review_by: 2026-12-23\n  - id: hai", "Căn cước 2023]\n    reviewed: 2026-11-01\n", "Căn cước 2023]\n    reviewed: 2026-11-01\n    review_by: 2026-11-22\n"},
			want: []string{
				`t.yaml:13: warning: review_by 2026-12-23 is in 30 days: check the claim this entry makes is still true`,
				`t.yaml:20: review_by 2026-11-22 has passed: check the claim this entry makes is still true, fix it, then move review_by (or remove it)`,
			},
		},
		{
			name:  "review_by not a date, and in 31 days",
			edits: []string{"reviewed: 2026-11-01\n  - id: hai", "reviewed: 2026-11-01\n    review_by: 30/6/2027\n  - id: hai", "Căn cước 2023]\n    reviewed: 2026-11-01\n", "Căn cước 2023]\n    reviewed: 2026-11-01\n    review_by: 2026-12-24\n"},
			want:  []string{`t.yaml:13: review_by "30/6/2027" should be a date written YYYY-MM-DD, like 2026-11-23`},
		},
		{
			name: "procedures",
			edits: []string{
				"answer: Trả lời một.", "answer: \"Làm như sau:\\n1. Mở VNeID.\\n2. Chọn mục.\"",
				"answer: Trả lời hai.", "answer: \"Bước 1: Mang theo thẻ.\\nBước 2: Nộp.\"",
			},
			bot: "bring_phrases: [mang theo, không cần giấy tờ]\n",
			want: []string{
				`t.yaml:3: warning: "mot" gives steps but does not say what to bring (or that nothing is needed): add a line with one of bot.yaml's bring_phrases`,
				`t.yaml:13: warning: "hai" gives steps but no official link: add one under links:`,
			},
		},
		{
			name:  "procedures without bring_phrases",
			edits: []string{"answer: Trả lời một.", "answer: \"1. Mở VNeID.\\n2. Chọn mục.\""},
			want:  []string{`bot.yaml: warning: bring_phrases is empty: lint cannot check that the 1 entry with steps say what to bring`},
		},
		{
			name: "not a procedure",
			edits: []string{
				"answer: Trả lời một.", "answer: \"Điểm mới:\\n1. Tên thẻ.\\n2. Mã QR.\"\n    tags: [khong-phai-thu-tuc]",
				"answer: Trả lời hai.", "answer: \"2. Chỉ một mục.\\n1. Thứ tự ngược.\\n1.500 đồng\\n2.000 đồng\"",
			},
		},
		{
			name:  "unquoted reference",
			edits: []string{"url: https://vneid.gov.vn", "url: {{url.vneid}}"},
			want:  []string{`t.yaml:9: link url should be text, not a set of "key: value" fields: a text starting with { must be in quotes, like "{{url.dvc_bca}}"`},
		},
		{
			name:  "unquoted reference with a path",
			edits: []string{"url: https://vneid.gov.vn", "url: {{url.vneid}}/a"},
			want:  []string{`t.yaml:9: YAML syntax error: did not find expected key (a value starting with { must be in quotes, like url: "{{url.dvc_bca}}/path")`},
		},
		{
			facts: stdFacts,
			name:  "fact_unavailable message is optional",
			edits: []string{"answer: Trả lời một.", useBoth},
			bot:   "", // baseBot has none
		},
	}
	bot := baseBot(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			topic := baseTopic
			for i := 0; i+1 < len(tt.edits); i += 2 {
				old, new := tt.edits[i], tt.edits[i+1]
				if !strings.Contains(topic, old) {
					t.Fatalf("edit %q: not in the topic file", old)
				}
				topic = strings.Replace(topic, old, new, 1)
			}
			f := tt.facts
			if f == "" {
				f = deleted
			}
			b := bot
			for i := 0; i+1 < len(tt.botEdits); i += 2 {
				if !strings.Contains(b, tt.botEdits[i]) {
					t.Fatalf("edit %q: not in bot.yaml", tt.botEdits[i])
				}
				b = strings.Replace(b, tt.botEdits[i], tt.botEdits[i+1], 1)
			}
			files := map[string]string{"t.yaml": topic, "bot.yaml": b + tt.bot, "facts.yaml": f}
			for name, content := range tt.files {
				files[name] = content
			}
			dir := writeDir(t, files)
			now := testNow
			if tt.now != "" {
				now = at(tt.now, 10)
			}
			set, problems, err := Load(dir, now)
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			got := relProblems(dir, problems)
			if !slices.Equal(got, tt.want) {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			if (set == nil) != Blocking(problems) {
				t.Errorf("Set is nil: %v, but Blocking: %v", set == nil, Blocking(problems))
			}
			if tt.serves && set == nil {
				t.Errorf("Set is nil: errors that time alone causes must not stop the bot")
			}
		})
	}
}

// Whatever staff write, a rendered text never shows double braces.
func FuzzRender(f *testing.F) {
	for _, s := range []string{"{{fee.a}}", "a {{ b }} c", "{{{x}}}", "{{", "}}", "{{fee.a}}}}", "{{{{fee.a}}}}", "x{{y"} {
		f.Add(s)
	}
	r := renderer{values: map[string]string{"fee.a": "25.000 đồng"}, unavailable: Unavailable}
	f.Fuzz(func(t *testing.T, s string) {
		out, _ := r.render(s)
		if strings.Contains(out, "{{") || strings.Contains(out, "}}") {
			t.Errorf("render(%q) = %q", s, out)
		}
	})
}

// Resolve runs at load and once per date boundary, not per message; this keeps it cheap
// enough to run on the request that crosses midnight.
func BenchmarkResolve(b *testing.B) {
	now := time.Now() // the real content is reviewed after the fixed test clock
	set, _, err := Load("../../faq", now)
	if err != nil || set == nil {
		b.Fatalf("Load: %v", err)
	}
	b.ReportAllocs()
	for b.Loop() {
		set.Resolve(now)
	}
}

// The real FAQ on 1/1/2027, the day the card-fee cut of TT 64/2025 ends: no fact is past
// its date, every reference has a value, and what citizens read shows no raw reference.
func TestRealFAQOnFeeChange(t *testing.T) {
	const dir = "../../faq"
	for _, now := range []time.Time{at("2026-12-31", 12), at("2027-01-01", 0)} {
		set, problems, err := Load(dir, now)
		if err != nil || set == nil {
			t.Fatalf("Load(%s) at %s: %v %v", dir, now, err, problems)
		}
		for _, p := range problems {
			if p.Dated && p.Severity == Error && !strings.Contains(p.Message, "review_by") {
				t.Errorf("at %s: %s", now, p)
			}
		}
		v := set.Resolve(now)
		missing := set.Bot.Messages.FactUnavailable
		if missing == "" {
			missing = Unavailable
		}
		for _, e := range v.Entries {
			for _, s := range append([]string{e.Title, e.Answer}, linkTexts(e.Links)...) {
				if strings.Contains(s, "{{") || strings.Contains(s, "}}") || strings.Contains(s, missing) {
					t.Errorf("at %s: %s shows %q", now, e.ID, s)
				}
			}
		}
	}
}
