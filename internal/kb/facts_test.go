package kb

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/vneidbot/vneidbot/internal/answer"
	"github.com/vneidbot/vneidbot/internal/faq"
)

// clock is a settable clock for the knowledge base.
type clock struct{ t atomic.Pointer[time.Time] }

func newClock(t time.Time) *clock { c := &clock{}; c.set(t); return c }
func (c *clock) set(t time.Time)  { c.t.Store(&t) }
func (c *clock) now() time.Time   { return *c.t.Load() }

func ict(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, faq.Zone)
}

// openFacts opens the facts test FAQ (card fees that end on 31/12/2026, then the full
// rate; notes; aliases) on the clock c.
func openFacts(t *testing.T, c *clock) *Live {
	t.Helper()
	l, err := Open(context.Background(), quiet(), Config{FAQDir: "../faq/testdata/faq-facts", Now: c.now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return l
}

// A running bot switches the fee at midnight on 1/1/2027, Vietnam time, with no reload.
func TestFeeSwitchesAtMidnight(t *testing.T) {
	c := newClock(ict(2026, 12, 31, 23, 59))
	l := openFacts(t, c)
	const id = "can-cuoc-doi-the-25-tuoi"
	fee := func() string {
		r, ok := l.Entry(id)
		if !ok {
			t.Fatalf("Entry(%q) not found", id)
		}
		for line := range strings.SplitSeq(r.Text, "\n") {
			if strings.HasPrefix(line, "Lệ phí cấp đổi:") {
				return line
			}
		}
		t.Fatalf("no fee line in %q", r.Text)
		return ""
	}
	if got, want := fee(), "Lệ phí cấp đổi: 25.000 đồng (người thuộc diện miễn không phải nộp)."; got != want {
		t.Errorf("31/12/2026 23:59: %q, want %q", got, want)
	}
	hash := l.Stats().Hash
	c.set(ict(2027, 1, 1, 0, 0))
	if got, want := fee(), "Lệ phí cấp đổi: 50.000 đồng (người thuộc diện miễn không phải nộp)."; got != want {
		t.Errorf("1/1/2027 00:00: %q, want %q", got, want)
	}
	if st := l.Stats(); st.Hash != hash || st.Reloads != 0 {
		t.Errorf("the switch should not reload the content: %+v", st)
	}
	// A question answered with the entry shows the new fee too.
	r := l.Answer(context.Background(), "đủ 25 tuổi có phải đổi thẻ căn cước không")
	if r.Kind != answer.KindAnswer || r.ID != id {
		t.Fatalf("Answer: kind %s id %q, want the entry %s", r.Kind, r.ID, id)
	}
	if !strings.Contains(r.Text, "50.000 đồng") || strings.Contains(r.Text, "25.000 đồng") {
		t.Errorf("Answer on 1/1/2027 shows %q", r.Text)
	}
}

// Many requests across the boundary: each sees one day's values, never a mix, never a
// raw reference. Run with -race.
func TestFeeSwitchConcurrent(t *testing.T) {
	c := newClock(ict(2026, 12, 31, 23, 59))
	l := openFacts(t, c)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range 50 {
				if i == 0 && j == 10 {
					c.set(ict(2027, 1, 1, 0, 0))
				}
				r, _ := l.Entry("can-cuoc-mat-the")
				old, new := strings.Contains(r.Text, "35.000 đồng"), strings.Contains(r.Text, "70.000 đồng")
				if old == new || strings.Contains(r.Text, "{{") {
					t.Errorf("reply mixes or lacks the fee: %q", r.Text)
					return
				}
			}
		}()
	}
	wg.Wait()
	if r, _ := l.Entry("can-cuoc-mat-the"); !strings.Contains(r.Text, "70.000 đồng") {
		t.Errorf("after the switch: %q", r.Text)
	}
}

func TestAliasesNotesAndNoRawReferences(t *testing.T) {
	l := openFacts(t, newClock(ict(2026, 11, 23, 9, 0)))
	for _, id := range []string{"the-mat-the", "can-cuoc-cap-lai"} {
		r, ok := l.Entry(id)
		if !ok || r.ID != "can-cuoc-mat-the" {
			t.Errorf("Entry(%q) = %q, %v; want the entry it was merged into", id, r.ID, ok)
		}
		if got := l.Canonical(id); got != "can-cuoc-mat-the" {
			t.Errorf("Canonical(%q) = %q", id, got)
		}
	}
	if _, ok := l.Entry("khong-co"); ok {
		t.Error("an unknown id should not be found")
	}
	r, _ := l.Entry("vneid-khong-nhan-otp")
	if !strings.HasSuffix(r.Text, "kể cả người xưng là công an.\n\nTên mục có thể khác đôi chút tùy phiên bản ứng dụng.") {
		t.Errorf("the notes should close the answer: %q", r.Text)
	}
	for _, tp := range l.Topics() {
		for _, o := range tp.Entries {
			r, _ := l.Entry(o.ID)
			all := r.Title + o.Title + r.Text
			for _, ln := range r.Links {
				all += ln.Title + ln.URL
			}
			if strings.Contains(all, "{{") || strings.Contains(all, "}}") {
				t.Errorf("%s shows a raw reference: %q", o.ID, all)
			}
		}
	}
	if m := l.Message("fallback"); !strings.Contains(m, "tổng đài 1900 0368.") || strings.Contains(m, "{{") {
		t.Errorf("fallback message with the hotline from facts.yaml: %q", m)
	}
	r, _ = l.Entry("can-cuoc-doi-the-25-tuoi")
	if len(r.Links) != 1 || r.Links[0].URL != "https://dichvucong.bocongan.gov.vn" {
		t.Errorf("link from a fact: %v", r.Links)
	}
}

// A bot (re)started after a fact ran out with nobody adding the next value still serves:
// lint fails, but the fact shows as "unavailable", never as its old value or {{…}}.
func TestExpiredFactDegrades(t *testing.T) {
	dir := t.TempDir()
	src := "../faq/testdata/faq-facts"
	ents, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if e.Name() == "facts.yaml" {
			b = []byte(strings.Replace(string(b), "    then:\n      value: \"50.000 đồng\"\n      source: \"Thông tư 73/2024/TT-BTC, Điều 4\"\n", "", 1))
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c := newClock(ict(2027, 1, 2, 8, 0))
	r, err := faq.Lint(dir, c.now())
	if err != nil || r.Errors() == 0 {
		t.Fatalf("lint should fail on the expired fact: %v %+v", err, r.Problems)
	}
	l, err := Open(context.Background(), quiet(), Config{FAQDir: dir, Now: c.now})
	if err != nil {
		t.Fatalf("Open with only dated errors: %v", err)
	}
	defer l.Close()
	rep, _ := l.Entry("can-cuoc-doi-the-25-tuoi")
	if !strings.Contains(rep.Text, "Lệ phí cấp đổi: "+faq.Unavailable) || strings.Contains(rep.Text, "25.000") || strings.Contains(rep.Text, "{{") {
		t.Errorf("expired fee shown as %q", rep.Text)
	}
}

// The 2014 civil-status law ends on 28/2/2027 and Luật Hộ tịch số 03/2026/QH16 applies from 1/3/2027
// (its Điều 29): any UBND cấp xã registers, wherever one lives (Điều 8), and the citizen chooses
// online, post or in person (Điều 10). The project's own answers switch at midnight by themselves.
func TestRealFAQCivilStatusLawSwitches(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the real FAQ's index")
	}
	c := newClock(ict(2027, 2, 28, 23, 59))
	l, err := Open(context.Background(), quiet(), Config{FAQDir: filepath.Join("..", "..", "faq"), Now: c.now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	tests := []struct {
		id            string
		before, after string // a phrase of the answer on 28/2/2027, and its replacement on 1/3/2027
	}{
		{"dvc-dang-ky-khai-sinh", "nơi cư trú của cha hoặc mẹ", "UBND cấp xã nào cũng đăng ký khai sinh, không phụ thuộc nơi cư trú"},
		{"dvc-dang-ky-khai-sinh", "chỉ nhận hồ sơ trực tuyến", "qua bưu chính hoặc trực tiếp"},
		{"dvc-dang-ky-khai-tu", "chỉ nhận hồ sơ trực tuyến", "ở UBND cấp xã nào cũng được"},
		{"dvc-dang-ky-khai-tu", "cấp trích lục", "Giấy chứng tử bản giấy và điện tử"},
		{"dvc-dang-ky-ket-hon", "nơi cư trú của một trong hai bên", "UBND cấp xã nào cũng đăng ký kết hôn"},
		{"dvc-dang-ky-ket-hon", "miễn lệ phí (Điều 11)", "Lệ phí (nếu có) hiện khi nộp"},
		{"dvc-khai-sinh-lien-thong", "đúng hạn miễn lệ phí (Điều 11 Luật Hộ tịch 2014)", "lệ phí (nếu có) hiện khi nộp (Luật Hộ tịch 2026)"},
		{"dvc-khai-tu-lien-thong", "trích lục khai tử", "Giấy chứng tử"},
		{"dvc-khai-sinh-qua-han", "chỉ khai sinh đúng hạn được miễn", "Điều 12 Luật Hộ tịch 2026"},
		{"dvc-danh-sach-25", "Trung tâm phục vụ hành chính công không nhận hồ sơ giấy", "nộp cả qua bưu chính, trực tiếp"},
		{"dvc-nop-ho-so-sau-sap-nhap", "từ 1/10/2025 chỉ nhận hồ sơ trực tuyến", "xã nào cũng nhận"},
	}
	text := func(id string) string {
		r, ok := l.Entry(id)
		if !ok {
			t.Fatalf("Entry(%q) not found", id)
		}
		return r.Text
	}
	// Every hotich.* fact, in every answer that uses it: the old wording until the day, the new one
	// from it (the table above reads the answers as a citizen would; this misses none). Values are
	// matched as written: the hotich.* values hold no {{reference}}, and answers write {{name}}.
	set, _, err := faq.Load(filepath.Join("..", "..", "faq"), ict(2027, 2, 28, 12, 0))
	if err != nil {
		t.Fatal(err)
	}
	type use struct{ fact, id, before, after string }
	var uses []use
	for _, f := range set.Facts {
		if !strings.HasPrefix(f.Name, "hotich.") {
			continue
		}
		if len(f.Values) != 2 {
			t.Errorf("%s: %d values, want the 2014 law's and the 2026 law's", f.Name, len(f.Values))
			continue
		}
		for _, e := range set.Entries {
			if strings.Contains(e.Answer, "{{"+f.Name+"}}") {
				uses = append(uses, use{f.Name, e.ID, f.Values[0].Value, f.Values[1].Value})
			}
		}
	}
	if len(uses) < 14 {
		t.Errorf("the hotich.* facts are used %d times in answers, want at least 14", len(uses))
	}
	for _, u := range uses {
		if got := text(u.id); !strings.Contains(got, u.before) || strings.Contains(got, u.after) {
			t.Errorf("%s in %s on 28/2/2027: want %q, not %q", u.fact, u.id, u.before, u.after)
		}
	}
	for _, tt := range tests {
		if got := text(tt.id); !strings.Contains(got, tt.before) || strings.Contains(got, tt.after) {
			t.Errorf("%s on 28/2/2027 should say %q, not %q:\n%s", tt.id, tt.before, tt.after, got)
		}
	}
	c.set(ict(2027, 3, 1, 0, 0))
	for _, tt := range tests {
		if got := text(tt.id); strings.Contains(got, tt.before) || !strings.Contains(got, tt.after) {
			t.Errorf("%s on 1/3/2027 should say %q, no longer %q:\n%s", tt.id, tt.after, tt.before, got)
		}
	}
	for _, u := range uses {
		if got := text(u.id); strings.Contains(got, u.before) || !strings.Contains(got, u.after) {
			t.Errorf("%s in %s on 1/3/2027: want %q, not %q", u.fact, u.id, u.after, u.before)
		}
	}
	// The deadlines themselves do not change: 60 days for a birth, 15 for a death.
	for id, want := range map[string]string{"dvc-dang-ky-khai-sinh": "60 ngày kể từ ngày sinh", "dvc-dang-ky-khai-tu": "15 ngày kể từ ngày có người chết"} {
		if got := text(id); !strings.Contains(got, want) {
			t.Errorf("%s on 1/3/2027 lost %q:\n%s", id, want, got)
		}
	}
}
