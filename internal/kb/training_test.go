package kb

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/vneidbot/vneidbot/internal/faq"
	"github.com/vneidbot/vneidbot/internal/search"
)

// A probe, neighbour, situation or user-test message never teaches, even in a file called tune.yaml; a stories file teaches once, as a story.
func TestTrainFilesNeverReadTheCheckHalf(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"fixtures/a.yaml", "fixtures/real-check.yaml", "fixtures/real/tune.yaml", "fixtures/real/check.yaml", "fixtures/stories/b.yaml", "fixtures/stories/check.yaml", "fixtures/harvest/tune.yaml", "fixtures/harvest/check.yaml", "fixtures/new/tune.yaml", "fixtures/new/check.yaml", "fixtures/probes/p.yaml", "fixtures/probes/check.yaml", "fixtures/probes/tune.yaml", "fixtures/stories/tune.yaml", "fixtures/neighbours/r27.yaml", "fixtures/neighbours/tune.yaml", "fixtures/situations/s.yaml", "fixtures/situations/tune.yaml", "fixtures/usertests/ux12.yaml", "fixtures/usertests/tune.yaml"} {
		p := filepath.Join(dir, f)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("[]\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := TrainFiles(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{filepath.Join(dir, "fixtures/a.yaml"), filepath.Join(dir, "fixtures/stories/b.yaml"), filepath.Join(dir, "fixtures/stories/tune.yaml"), filepath.Join(dir, "fixtures/real/tune.yaml"), filepath.Join(dir, "fixtures/harvest/tune.yaml"), filepath.Join(dir, "fixtures/new/tune.yaml")}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("TrainFiles = %q, want %q", got, want)
	}
}

// Every collection's tuning half weighs what a real question weighs, whatever its directory is
// called; own fixtures and stories keep theirs, even in a file called tune.yaml.
func TestTrainWeightsOf(t *testing.T) {
	w := trainWeights{own: 1, stories: 2, real: 3, realOff: 0.5}
	for _, tc := range []struct {
		file    string
		w, wOff float64
	}{
		{"faq/fixtures/a.yaml", 1, 1},
		{"faq/fixtures/tune.yaml", 1, 1},
		{"faq/fixtures/stories/b.yaml", 2, 2},
		{"faq/fixtures/stories/tune.yaml", 2, 2},
		{"faq/fixtures/real/tune.yaml", 3, 1.5},
		{"faq/fixtures/harvest/tune.yaml", 3, 1.5},
		{"faq/fixtures/round24/tune.yaml", 3, 1.5},
	} {
		if got, gotOff := w.of(filepath.FromSlash(tc.file)); got != tc.w || gotOff != tc.wOff {
			t.Errorf("of(%s) = %v, %v, want %v, %v", tc.file, got, gotOff, tc.w, tc.wOff)
		}
	}
}

func TestLoadExamples(t *testing.T) {
	dir := t.TempDir()
	own := filepath.Join(dir, "own.yaml")
	os.WriteFile(own, []byte(`
- {q: "quên mk", id: quen-mk, also: [quen-passcode]}
- {q: "thời tiết", kind: fallback}
- {q: "mk vneid của em là Hoa@2024, ai cần acc ib", kind: safety}
`), 0o644)
	real := filepath.Join(dir, "real", "tune.yaml")
	os.MkdirAll(filepath.Dir(real), 0o755)
	os.WriteFile(real, []byte(`
in_scope:
- {q: "mất thẻ làm sao", must: [[cấp lại], [công an xã, công an phường]]}
- {q: "không ai trả lời", must: [[không có trong FAQ]]}
- {q: "mất thẻ bên Nhật", must: [[đại sứ quán]]}
out_of_scope:
- {q: "giá vàng"}
`), 0o644)
	set := &faq.Set{Entries: []faq.Entry{
		{ID: "quen-mk", Answer: "Chọn Quên mật khẩu."},
		{ID: "quen-passcode", Answer: "Chọn Quên passcode."},
		{ID: "mat-the", Answer: "Làm thủ tục cấp lại tại Công an xã.", Cases: []faq.Case{{When: []string{"ở nước ngoài"}, Say: "Ở nước ngoài: báo đại sứ quán."}}},
	}}
	ex, err := loadExamples([]string{own, real}, set, trainWeights{own: 1, stories: 1, real: 0.5, realOff: 0.5}, 8, nil)
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		q    string
		ids  []string
		w    float64
		risk bool
	}
	var got []row
	for _, e := range ex {
		got = append(got, row{e.Text, e.IDs, e.Weight, e.Risk})
	}
	want := []row{
		{"quên mk", []string{"quen-mk", "quen-passcode"}, 1, false},
		{"thời tiết", nil, 1, false},
		{"mk vneid của em là  , ai cần acc ib", nil, 1, true}, // a safety fixture teaches "risk", its password masked
		{"mất thẻ làm sao", []string{"mat-the"}, 0.5, false},  // labelled by the must rule
		{"mất thẻ bên Nhật", []string{"mat-the"}, 0.5, false}, // the must rule reads the cases too (Engine.Stated)
		{"giá vàng", nil, 0.25, false},                        // off-topic teaches "no entry", at realOff's share
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("examples = %+v\nwant %+v", got, want)
	}
	if ex, _ := loadExamples([]string{own, real}, set, trainWeights{own: 1, real: 1}, 8, nil); len(ex) != 5 || ex[3].Text != "mất thẻ làm sao" {
		t.Errorf("with realOff 0: %+v, want the real off-topic message left out", ex)
	}
	if ex, _ := loadExamples([]string{own, real}, set, trainWeights{real: 1, realOff: 1}, 8, nil); len(ex) != 3 {
		t.Errorf("with own weight 0: %d examples, want the 3 real ones", len(ex))
	}
	held := map[string]bool{"mất thẻ làm sao": true, "not a fixture": true}
	if ex, _ := loadExamples([]string{own, real}, set, trainWeights{own: 1, stories: 1, real: 1, realOff: 1}, 8, held); len(ex) != 5 || ex[4].Text != "giá vàng" {
		t.Errorf("with a question held out: %+v, want the other 5", ex)
	}
}

// A long in-scope example teaches its last clause too, at its weight times w; off-topic and risk
// examples, and examples with no last clause apart, do not.
func TestWithLastClauses(t *testing.T) {
	last := func(s string) string {
		if i := strings.LastIndex(s, ". "); i >= 0 {
			return s[i+2:]
		}
		return ""
	}
	in := []search.Example{
		{Text: "mất ví hôm qua. làm lại thẻ ở đâu", IDs: []string{"mat-the"}, Weight: 0.5},
		{Text: "quên mk", IDs: []string{"quen-mk"}},
		{Text: "thẻ ngân hàng. lãi suất bao nhiêu"},
		{Text: "bán acc. ai mua ib", Risk: true},
		{Text: "mất ví. cccd mất thì sao", IDs: []string{"mat-the", "cap-lai"}},
	}
	got := withLastClauses(slices.Clone(in), last, 2)
	want := append(slices.Clone(in),
		search.Example{Text: "làm lại thẻ ở đâu", IDs: []string{"mat-the"}, Weight: 1},
		search.Example{Text: "cccd mất thì sao", IDs: []string{"mat-the", "cap-lai"}, Weight: 2})
	if !reflect.DeepEqual(got, want) {
		t.Errorf("withLastClauses = %+v\nwant %+v", got, want)
	}
	if got := withLastClauses(slices.Clone(in), last, 0); len(got) != len(in) {
		t.Errorf("weight 0: %d examples, want the %d given", len(got), len(in))
	}
}
