package eval

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/vneidbot/vneidbot/internal/answer"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// engine is a fake engine for the fixtures in testdata/fixtures: some right, some wrong.
func engine() fakeAnswerer {
	opt := func(id, title string) answer.Option { return answer.Option{ID: id, Title: title} }
	return fakeAnswerer{
		"quên passcode vneid": {Kind: answer.KindAnswer, ID: "vneid-quen-passcode", Title: "Quên passcode VNeID", Score: 0.91, Margin: 0.4,
			Ranked: []answer.Option{opt("vneid-quen-passcode", "Quên passcode VNeID"), opt("vneid-quen-mat-khau", "Quên mật khẩu VNeID")}},
		"làm lại thẻ căn cước bị mất": {Kind: answer.KindAnswer, ID: "cccd-mat-the", Title: "Mất thẻ căn cước", Score: 0.77,
			Ranked: []answer.Option{opt("cccd-mat-the", "Mất thẻ căn cước"), opt("cccd-cap-lai", "Cấp lại thẻ căn cước")}},
		"đổi thẻ căn cước": {Kind: answer.KindClarify, Score: 0.55, Margin: 0.02,
			Options: []answer.Option{opt("cccd-cap-lai", "Cấp lại thẻ"), opt("cccd-cap-doi", "Cấp đổi thẻ")},
			Ranked:  []answer.Option{opt("cccd-cap-lai", "Cấp lại thẻ"), opt("cccd-cap-doi", "Cấp đổi thẻ")}},
		"làm căn cước   ở đâu": {Kind: answer.KindClarify, Score: 0.5,
			Options: []answer.Option{opt("cccd-noi-lam", "Làm căn cước ở đâu"), opt("cccd-ho-so", "Hồ sơ làm căn cước")},
			Ranked:  []answer.Option{opt("cccd-noi-lam", "Làm căn cước ở đâu"), opt("cccd-ho-so", "Hồ sơ làm căn cước")}},
		"tích hợp bằng lái vào vneid": {Kind: answer.KindAnswer, ID: "vneid-tich-hop-bhyt", Title: "Tích hợp thẻ BHYT vào VNeID", Score: 0.42,
			Ranked: []answer.Option{opt("vneid-tich-hop-bhyt", ""), opt("vneid-tich-hop", ""), opt("vneid-muc-2", ""), opt("vneid-tich-hop-gplx", "")}},
		"đăng ký vneid mức 2": {Kind: answer.KindFallback, Score: 0.12,
			Ranked: []answer.Option{opt("vneid-dang-ky", ""), opt("vneid-muc-2", "")}},
		"mã OTP của tôi là 123456, bạn nhập giúp": {Kind: answer.KindSafety, ID: "vneid-otp", Title: "Không chia sẻ mã OTP", Score: 0.8,
			Text:  "Mã 123456 bạn gửi: đừng chia sẻ mã OTP với ai.", // echoes the code: the fixture's never fails it
			Flags: []string{"personal_data", "do_for_me"}, Ranked: []answer.Option{opt("vneid-otp", "")}},
		"giá vàng hôm nay": {Kind: answer.KindFallback, Score: 0.05},
		"thời tiết Hà Nội": {Kind: answer.KindAnswer, ID: "dvc-tra-cuu", Title: "Tra cứu hồ sơ\ntrên Cổng DVC", Score: 0.31},
		"xin chào":         {Kind: answer.KindSmalltalk},
		"cảm ơn nhé":       {Kind: answer.KindSmalltalk},
		// "cho hỏi visa đi Nhật" is unknown to the fake: a fallback.
		"thẻ": {Kind: answer.KindClarify, Score: 0.3,
			Options: []answer.Option{opt("cccd-cap-lai", ""), opt("cccd-cap-doi", ""), opt("cccd-mat-the", "")}},
	}
}

func TestReportGolden(t *testing.T) {
	fixtures, err := LoadFixtures([]string{"testdata/fixtures/cccd.yaml", "testdata/fixtures/other.yaml"})
	if err != nil {
		t.Fatal(err)
	}
	r := Run(context.Background(), engine(), fixtures)
	for _, tc := range []struct {
		golden string
		write  func(*bytes.Buffer) error
	}{
		{"report.txt.golden", func(b *bytes.Buffer) error { return r.WriteText(b) }},
		{"report-failures.txt.golden", func(b *bytes.Buffer) error { return r.WriteFailures(b) }},
		{"report.json.golden", func(b *bytes.Buffer) error { return r.WriteJSON(b) }},
	} {
		t.Run(tc.golden, func(t *testing.T) {
			var b bytes.Buffer
			if err := tc.write(&b); err != nil {
				t.Fatal(err)
			}
			checkGolden(t, filepath.Join("testdata", tc.golden), b.Bytes())
		})
	}

	// The JSON form is one object that decodes back to the same numbers.
	var b bytes.Buffer
	if err := r.WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	var decoded struct {
		Summary struct {
			Total    int     `json:"total"`
			PassRate float64 `json:"pass_rate"`
		} `json:"total"`
		Results []map[string]any `json:"results"`
	}
	dec := json.NewDecoder(&b)
	if err := dec.Decode(&decoded); err != nil {
		t.Fatalf("decode JSON report: %v", err)
	}
	if decoded.Summary.Total != r.Total || decoded.Summary.PassRate != r.PassRate || len(decoded.Results) != len(r.Results) {
		t.Errorf("JSON summary %+v, %d results; want total %d, pass rate %v, %d results",
			decoded.Summary, len(decoded.Results), r.Total, r.PassRate, len(r.Results))
	}
	wantKeys := []string{"set", "key", "file", "line", "real", "q", "want_id", "also", "want_kind", "pass",
		"got_kind", "got_id", "got_title", "score", "margin", "confident", "rank", "missed_group", "chars"}
	for _, k := range wantKeys {
		if _, ok := decoded.Results[0][k]; !ok {
			t.Errorf("JSON result has no %q", k)
		}
	}
	if len(decoded.Results[0]) != len(wantKeys) {
		t.Errorf("JSON result has keys %v, want exactly %v", decoded.Results[0], wantKeys)
	}
}

func TestReportEmpty(t *testing.T) {
	r := Run(context.Background(), fakeAnswerer{}, nil)
	var b bytes.Buffer
	if err := r.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "testdata/report-empty.txt.golden", b.Bytes())
	b.Reset()
	if err := r.WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "testdata/report-empty.json.golden", b.Bytes())
}

func checkGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (run go test -update to accept):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestReportWriteError(t *testing.T) {
	r := Run(context.Background(), engine(), []Fixture{{Q: "xin chào", Kind: answer.KindSmalltalk}})
	for name, write := range map[string]func(io.Writer) error{"text": r.WriteText, "failures": r.WriteFailures, "json": r.WriteJSON} {
		if err := write(failingWriter{}); err == nil {
			t.Errorf("%s: no error from a failing writer", name)
		}
	}
}

func TestStatedBy(t *testing.T) {
	for _, tc := range []struct {
		ids  []string
		want string
	}{
		{[]string{"a"}, "a"},
		{[]string{"a", "b", "c", "d"}, "a, b, c, d"},
		{[]string{"a", "b", "c", "d", "e", "f"}, "a, b, c, d… (6 entries)"},
	} {
		if got := statedBy(tc.ids); got != tc.want {
			t.Errorf("statedBy(%v) = %q, want %q", tc.ids, got, tc.want)
		}
	}
}
