package search

import (
	"context"
	"math"
	"runtime"
	"slices"
	"testing"
)

func score(t *testing.T, ix *Index, q string) map[string]Hit {
	t.Helper()
	res, err := ix.Search(context.Background(), q, 10)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]Hit{}
	for _, h := range res.Hits {
		out[h.ID] = h
	}
	return out
}

// TestFieldedScore checks the fielded score's classes: a known word pair (a compound) counts
// above its syllables apart, and a synonym group found for the citizen's words counts below
// the words themselves.
func TestFieldedScore(t *testing.T) {
	entries := []Entry{
		{ID: "pair", Title: "đăng ký thường trú", Texts: []string{"đăng ký thường trú"}, Answer: "x"},
		{ID: "apart", Title: "ký tên rồi đăng lên", Texts: []string{"ký tên rồi đăng lên"}, Answer: "x"},
		{ID: "own", Title: "mất căn cước công dân", Texts: []string{"mất căn cước công dân"}, Answer: "x"},
		{ID: "syn", Title: "mất cccd", Texts: []string{"mất cccd"}, Answer: "x"},
	}
	ix, err := Build("", entries, testLexicon, testParams, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	tests := []struct {
		q, better, worse string
	}{
		{"đăng ký", "pair", "apart"},
		{"mất căn cước công dân", "own", "syn"},
	}
	for _, tt := range tests {
		hs := score(t, ix, tt.q)
		if hs[tt.better].Score <= hs[tt.worse].Score {
			t.Errorf("Search(%q): %s %.3f not above %s %.3f", tt.q, tt.better, hs[tt.better].Score, tt.worse, hs[tt.worse].Score)
		}
	}
	if hs := score(t, ix, "mất cccd"); hs["syn"].Score <= 0 || hs["own"].Score <= 0 {
		t.Errorf("Search(mất cccd) = %+v, want both through the synonym group", hs)
	}
}

// TestModelLearnsExamples checks that a labelled example teaches the learned model a way of
// asking the entry's own words do not hold, and that training is deterministic.
func TestModelLearnsExamples(t *testing.T) {
	examples := []Example{
		{Text: "đánh rơi ví ngoài chợ mất hết giấy tờ", IDs: []string{"mat-the"}},
		{Text: "xem bói tình duyên"}, // off-topic
	}
	build := func(ex []Example) *Index {
		ix, err := Build("", testEntries, testLexicon, testParams, ex)
		if err != nil {
			t.Fatal(err)
		}
		return ix
	}
	without, with, again := build(nil), build(examples), build(examples)
	defer without.Close()
	defer with.Close()
	defer again.Close()
	q := "rơi ví ở chợ rồi"
	a, b := score(t, without, q)["mat-the"].Class, score(t, with, q)["mat-the"].Class
	if b <= a {
		t.Errorf("Class(mat-the | %q) = %.3f with the example, %.3f without: want higher", q, b, a)
	}
	r1, _ := with.Search(context.Background(), q, 5)
	r2, _ := again.Search(context.Background(), q, 5)
	if len(r1.Hits) != len(r2.Hits) || r1.OffTopic != r2.OffTopic {
		t.Fatalf("two builds differ: %+v / %+v", r1, r2)
	}
	for i := range r1.Hits {
		if r1.Hits[i] != r2.Hits[i] {
			t.Errorf("two builds differ at %d: %+v / %+v", i, r1.Hits[i], r2.Hits[i])
		}
	}
	if off := score(t, with, "xem bói tình duyên năm nay"); len(off) > 0 {
		res, _ := with.Search(context.Background(), "xem bói tình duyên năm nay", 5)
		if res.OffTopic <= 0 {
			t.Errorf("off-topic score of an off-topic example's neighbour = %.3f, want > 0", res.OffTopic)
		}
	}
}

// TestTrainingIsOrderFree checks that the learned model does not depend on the order of its
// examples: each perceptron pass applies its corrections together, so a new example changes the
// answers near it, not unrelated ones through a different sequence of corrections.
func TestTrainingIsOrderFree(t *testing.T) {
	examples := slices.Insert(phoneExamples(), 4, Example{Text: "quên mật khẩu điện thoại", IDs: []string{"quen-mk"}})
	reversed := slices.Clone(examples)
	slices.Reverse(reversed)
	build := func(ex []Example, order, epochs int) *Index {
		p := testParams
		// A wide margin: every example keeps being corrected, so order would matter if it could.
		p.ClassOrder, p.ClassEpochs, p.ClassRate, p.ClassMargin = order, epochs, 0.1, 0.8
		return buildIndex(t, p, ex)
	}
	base := build(examples, 0, 10)
	untrained := build(examples, 0, 0) // centroids only: the corrections must have done something
	others := map[string]*Index{"reversed": build(reversed, 0, 10), "shuffled": build(examples, 7, 10)}
	queries := []string{"đổi điện thoại không nhận mã", "mất điện thoại", "mật khẩu điện thoại", "số điện thoại mới"}
	corrected := false
	for _, q := range queries {
		want := score(t, base, q)
		for id, h := range score(t, untrained, q) {
			if math.Abs(h.Class-want[id].Class) > 1e-6 {
				corrected = true
			}
		}
		for name, ix := range others {
			got := score(t, ix, q)
			if len(got) != len(want) {
				t.Errorf("%s: Search(%q) = %d hits, want %d", name, q, len(got), len(want))
			}
			for id, h := range want {
				if math.Abs(got[id].Class-h.Class) > 1e-5 {
					t.Errorf("%s: Class(%s | %q) = %.6f, want %.6f as in file order", name, id, q, got[id].Class, h.Class)
				}
			}
		}
	}
	if !corrected {
		t.Fatal("no example needed a correction: the test proves nothing")
	}
}

// TestPostMax: with class_post_max set, each feature keeps only its strongest class weights
// (the same ones, in class order); unset, it keeps them all.
func TestPostMax(t *testing.T) {
	build := func(max int) *Index {
		p := testParams
		p.ClassPostMax = max
		return buildIndex(t, p, nil)
	}
	all, capped := build(0), build(2)
	postings := func(c *classifier) map[uint32][]classWeight {
		m := map[uint32][]classWeight{}
		for _, s := range c.ids {
			if s.f >= 0 {
				m[s.h] = c.slab[s.off : s.off+s.n]
			}
		}
		return m
	}
	kept := postings(capped.cls)
	longer := false
	for h, ps := range postings(all.cls) {
		got := kept[h]
		if len(ps) > 2 {
			longer = true
		}
		if len(got) > 2 {
			t.Fatalf("feature %x keeps %d weights, want at most 2", h, len(got))
		}
		weakestKept := math.Inf(1)
		for i, p := range got {
			if i > 0 && got[i-1].c >= p.c {
				t.Fatalf("feature %x: classes not in order: %v", h, got)
			}
			weakestKept = math.Min(weakestKept, math.Abs(float64(p.w)))
		}
		for _, p := range ps {
			if !slices.Contains(got, p) && math.Abs(float64(p.w)) > weakestKept {
				t.Fatalf("feature %x dropped %v, stronger than one kept (%v)", h, p, got)
			}
		}
	}
	if !longer {
		t.Fatal("no feature reaches more than 2 classes: the test proves nothing")
	}
}

// TestOffHold: an in-scope example the off-topic class beats pushes that class away from it by
// the perceptron step less class_off_hold's share; withholding more leaves the off-topic class
// stronger near such an example, and does not stop the example's own entry from learning it.
func TestOffHold(t *testing.T) {
	examples := []Example{
		{Text: "mua điện thoại trả góp ở đâu rẻ"},
		{Text: "điện thoại trả góp lãi suất bao nhiêu"},
		{Text: "mua điện thoại mới thì vneid đăng nhập lại thế nào", IDs: []string{"dien-thoai-moi"}},
	}
	build := func(hold float64, epochs int) *Index {
		p := testParams
		// A wide margin: the in-scope example keeps being corrected against its best rival, the
		// off-topic class that shares its words.
		p.ClassOffHold, p.ClassEpochs, p.ClassRate, p.ClassMargin = hold, epochs, 0.1, 0.8
		return buildIndex(t, p, examples)
	}
	const q = "mua điện thoại mới"
	search := func(ix *Index) Result {
		res, err := ix.Search(context.Background(), q, 5)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	untrained := search(build(0, 0))
	var prev Result
	for i, hold := range []float64{0, 0.5, 1} {
		got := search(build(hold, 10))
		if i > 0 && got.OffTopic <= prev.OffTopic {
			// Equal would also mean no example pushed the class away: the test would prove nothing.
			t.Errorf("hold %.1f: off-topic %.4f, want above %.4f (a smaller hold)", hold, got.OffTopic, prev.OffTopic)
		}
		if own, base := classOf(got, "dien-thoai-moi"), classOf(untrained, "dien-thoai-moi"); own <= base {
			t.Errorf("hold %.1f: Class(dien-thoai-moi) = %.4f, want above the centroids' %.4f", hold, own, base)
		}
		prev = got
	}
}

func classOf(res Result, id string) float64 {
	for _, h := range res.Hits {
		if h.ID == id {
			return h.Class
		}
	}
	return 0
}

// TestAverage: with class_average, an entry's weights are the average over the perceptron
// passes, so they differ from the last pass's; the no-entry classes keep their last weights
// (training itself is the same), and training stays order-free.
func TestAverage(t *testing.T) {
	examples := phoneExamples()
	build := func(average bool, ex []Example) *Index {
		p := testParams
		// A wide margin: corrections go on for several passes, so averaging has something to do.
		p.ClassAverage, p.ClassEpochs, p.ClassRate, p.ClassMargin = average, 10, 0.1, 0.8
		return buildIndex(t, p, ex)
	}
	reversed := slices.Clone(examples)
	slices.Reverse(reversed)
	last, avg, avgReversed := build(false, examples), build(true, examples), build(true, reversed)
	differs := false
	for _, q := range []string{"đổi điện thoại không nhận mã", "mất điện thoại", "số điện thoại mới", "mua điện thoại trả góp ở đâu"} {
		search := func(ix *Index) Result {
			res, err := ix.Search(context.Background(), q, 10)
			if err != nil {
				t.Fatal(err)
			}
			return res
		}
		l, a, r := search(last), search(avg), search(avgReversed)
		if math.Abs(l.OffTopic-a.OffTopic) > 1e-6 {
			t.Errorf("%q: off-topic %.6f averaged, %.6f not: the no-entry classes must keep their last weights", q, a.OffTopic, l.OffTopic)
		}
		for _, h := range a.Hits {
			if math.Abs(h.Class-classOf(l, h.ID)) > 1e-6 {
				differs = true
			}
			if math.Abs(h.Class-classOf(r, h.ID)) > 1e-5 {
				t.Errorf("%q: Class(%s) = %.6f, %.6f with the examples reversed: averaging must stay order-free", q, h.ID, h.Class, classOf(r, h.ID))
			}
		}
	}
	if !differs {
		t.Error("averaged weights equal the last pass's everywhere: averaging did nothing")
	}
}

// TestTrainingSameOnAnyCores: a training pass checks its examples on every core, in runs; the
// model must not depend on how many cores there are.
func TestTrainingSameOnAnyCores(t *testing.T) {
	words := []string{"đổi", "điện thoại", "mất", "thẻ", "mật khẩu", "không nhận", "mã", "số mới", "sim", "vneid", "quên", "đăng nhập", "trả góp", "wifi"}
	ids := []string{"otp", "dien-thoai-moi", "doi-sdt", "mat-the", "quen-mk", ""}
	var examples []Example
	for i := range 3 * trainChunk {
		text := words[i%len(words)] + " " + words[(i*7+3)%len(words)] + " " + words[(i*5+1)%len(words)]
		ex := Example{Text: text}
		if id := ids[i%len(ids)]; id != "" {
			ex.IDs = []string{id}
		}
		examples = append(examples, ex)
	}
	build := func(procs, epochs int) *Index {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		p := testParams
		// No feature dropped as common (these examples share their few words), and a wide
		// margin: every pass corrects many examples, on every core.
		p.ClassMaxShare, p.ClassEpochs, p.ClassRate, p.ClassMargin = 0, epochs, 0.1, 0.8
		return buildIndex(t, p, examples)
	}
	one, three, untrained := build(1, 5), build(3, 5), build(3, 0)
	corrected := false
	for _, q := range []string{"đổi điện thoại không nhận mã", "mất thẻ", "quên mật khẩu vneid", "mua trả góp"} {
		a, b := score(t, one, q), score(t, three, q)
		for id, h := range score(t, untrained, q) {
			if h.Class != b[id].Class {
				corrected = true
			}
		}
		if len(a) != len(b) {
			t.Fatalf("%q: %d hits on one core, %d on three", q, len(a), len(b))
		}
		for id, h := range a {
			if h.Class != b[id].Class {
				t.Errorf("%q: Class(%s) = %v on one core, %v on three", q, id, h.Class, b[id].Class)
			}
		}
	}
	if !corrected {
		t.Fatal("training corrected nothing: the test proves nothing")
	}
}

// buildIndex builds an index of testEntries with p and examples, closed when the test ends.
func buildIndex(t *testing.T, p Params, examples []Example) *Index {
	t.Helper()
	ix, err := Build("", testEntries, testLexicon, p, examples)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

// phoneExamples are entries' examples that share words with other entries (so that the perceptron
// has to correct), then two off-topic ones.
func phoneExamples() []Example {
	return []Example{
		{Text: "đổi điện thoại rồi không nhận được mã", IDs: []string{"otp"}},
		{Text: "số điện thoại mới không đăng nhập được vneid", IDs: []string{"dien-thoai-moi"}},
		{Text: "thay số điện thoại vì mất sim", IDs: []string{"doi-sdt"}},
		{Text: "mất điện thoại có cả thẻ trong ốp", IDs: []string{"mat-the"}},
		{Text: "mua điện thoại trả góp"},
		{Text: "mật khẩu wifi nhà hàng xóm"},
	}
}
