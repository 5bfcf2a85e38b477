package search

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/vneidbot/vneidbot/internal/textnorm"
)

// testParams are the defaults of answer.Settings (the search keeps no numbers of its own).
var testParams = Params{
	BoostExact: 0.3, BoostCanon: 1, BoostBi: 1, MaxDocs: 30, CommonShare: 0.1, MinCommon: 40,
	AnswerCredit: 0.3, LoneCredit: 0.5, GeneralFactor: 0.35, RareDocs: 4, FixMinLen: 3, EditMinLen: 5,
	ClassCandidates: 5, ClassEpochs: 3, ClassRate: 0.5, ClassMargin: 0.1, ClassMaxShare: 0.05, ClassNear: 0.5, ClassNearMax: 0.05, ClassMinCommon: 20, ClassGramMin: 4, ClassGramMax: 4,
	FieldTitle: 2, FieldQuestions: 1, FieldKeywords: 1.5, FieldAnswer: 0.3, BM25K1: 1.2, BM25B: 0.5,
	SynonymWeight: 0.7, BigramWeight: 1.5, Fit: true,
}

var testSynonyms = [][]string{
	{"số điện thoại", "sdt", "sđt"},
	{"điện thoại", "đt"},
	{"căn cước công dân", "cccd", "căn cước", "thẻ căn cước"},
	{"mật khẩu", "mk", "pass"},
	{"không", "ko", "k"},
	{"định danh điện tử", "vneid", "định danh"},
}

// testLexicon holds a few of faq/words.yaml's stopwords and everyday words: enough for the
// test queries' pronouns, particles and question words.
var testLexicon = Lexicon{
	Synonyms:  testSynonyms,
	Stopwords: []string{"toi", "em", "minh", "ban", "co", "la", "thi", "cua", "roi", "lam", "sao", "gi", "duoc", "dc", "bi", "phai", "muon", "cho", "nao", "a", "nhe", "nha", "ha", "j", "nua", "vao", "ra", "di"},
	Everyday:  []string{"ngay", "nam", "gia", "mua", "cu", "moi", "nay", "khong", "den", "ve", "hom"},
}

var testEntries = []Entry{
	{ID: "mat-the", Title: "Mất thẻ căn cước thì làm lại thế nào?", Texts: []string{"Mất thẻ căn cước thì làm lại thế nào?", "mất cccd phải làm sao", "bị mất thẻ căn cước công dân", "đánh rơi thẻ cccd"}, Answer: "Làm thủ tục cấp lại thẻ căn cước."},
	{ID: "quen-mk", Title: "Quên mật khẩu VNeID", Texts: []string{"Quên mật khẩu VNeID", "quên mật khẩu đăng nhập vneid", "không nhớ mật khẩu định danh"}, Answer: "Chọn Quên mật khẩu trên màn hình đăng nhập."},
	{ID: "doi-sdt", Title: "Đổi số điện thoại trên VNeID", Texts: []string{"Đổi số điện thoại trên VNeID", "thay số điện thoại đăng ký định danh", "số điện thoại cũ không dùng nữa"}, Answer: "Vào Cài đặt, chọn Thay đổi số điện thoại."},
	{ID: "otp", Title: "Không nhận được mã OTP", Texts: []string{"Không nhận được mã OTP", "không nhận được tin nhắn OTP vneid", "chờ mãi không có mã xác thực"}, Keywords: []string{"otp", "tin nhắn"}, Answer: "Kiểm tra số điện thoại đã đăng ký và sóng điện thoại."},
	{ID: "dien-thoai-moi", Title: "Đăng nhập VNeID trên điện thoại mới", Texts: []string{"Đăng nhập VNeID trên điện thoại mới", "đổi điện thoại mới đăng nhập vneid", "mua máy mới không vào được định danh"}, Answer: "Chọn Xác thực NFC với thẻ căn cước gắn chip."},
}

func TestAnalyze(t *testing.T) {
	an := newAnalyzer(testSynonyms, nil, nil)
	tests := []struct {
		in        string
		wantCanon []string
		wantBi    []string
	}{
		{"Mất thẻ CCCD", []string{"mat", "the", "~can_cuoc_cong_dan"}, []string{"mat_the", "the_~can_cuoc_cong_dan"}},
		{"mất thẻ căn cước", []string{"mat", "~can_cuoc_cong_dan"}, []string{"mat_~can_cuoc_cong_dan"}},
		{"ko nhận được sđt", []string{"~khong", "nhan", "duoc", "~so_dien_thoai"}, []string{"~khong_nhan", "nhan_duoc", "duoc_~so_dien_thoai"}},
		{"Số điện thoại", []string{"~so_dien_thoai"}, nil},
		{"", []string{}, nil},
	}
	for _, tt := range tests {
		a := an.analyze(tt.in, nil)
		if !reflect.DeepEqual(a.Canon, tt.wantCanon) || !reflect.DeepEqual(a.Bigrams, tt.wantBi) {
			t.Errorf("analyze(%q) = canon %q bigrams %q, want %q %q", tt.in, a.Canon, a.Bigrams, tt.wantCanon, tt.wantBi)
		}
	}
	// Indexing keeps the shorter synonym inside a longer one: "số điện thoại" also means "điện thoại".
	a := an.analyze("số điện thoại", nil)
	if !contains(a.Terms, "~dien_thoai") || !contains(a.Terms, "~so_dien_thoai") {
		t.Errorf("Terms(số điện thoại) = %q, want both synonym groups", a.Terms)
	}
}

func TestReadAges(t *testing.T) {
	an := newAnalyzer(testSynonyms, []AgeRange{{From: 61, To: 130, As: "trên 60 tuổi"}, {From: 0, To: 5, As: "dưới 6 tuổi"}}, []string{"ông", "mẹ", "bố", "e"})
	tests := []struct{ in, want string }{
		{"bà tôi 75 tuổi", "bà tôi trên 60 tuổi"},
		{"ong e 62t co phai doi", "ong e trên 60 tuổi co phai doi"},
		{"me 80 t, bo 70tuoi", "me trên 60 tuổi bo trên 60 tuổi"},
		{"bi lua 80t qua dien thoai", "bi lua 80t qua dien thoai"}, // money (triệu), not an age
		{"vay 70 t", "vay 70 t"},
		{"75t", "75t"},
		{"bé 3 tuoi", "bé dưới 6 tuổi"},
		{"60 tuổi", "60 tuổi"},             // a milestone of its own
		{"25 tuổi", "25 tuổi"},             // in no range
		{"năm 2025 tuổi", "năm 2025 tuổi"}, // not an age
		{"mất 75 nghìn", "mất 75 nghìn"},
		{"75", "75"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := strings.Join(an.readAges(textnorm.Tokens(textnorm.Normalize(tt.in))), " "); got != tt.want {
			t.Errorf("readAges(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

func TestSearch(t *testing.T) {
	ix, err := Build("", testEntries, testLexicon, testParams, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	tests := []struct {
		q    string
		want string
	}{
		{"mất thẻ căn cước", "mat-the"},
		{"mat the can cuoc", "mat-the"},
		{"MẤT CCCD", "mat-the"},
		{"quen mk vneid", "quen-mk"},
		{"quên mật khẩu", "quen-mk"},
		{"doi sdt", "doi-sdt"},
		{"đổi số đt", "doi-sdt"},
		{"ko nhan dc otp", "otp"},
		{"không nhận được tin nhắn", "otp"},
		{"dđổi ddieenj thoaij mowis", "dien-thoai-moi"}, // Telex typed with the keyboard off
		{"quên mạt khẩu", "quen-mk"},                    // wrong tone mark still folds the same
		{"dien thaoi moi", "dien-thoai-moi"},            // letters swapped in a longer word
	}
	for _, tt := range tests {
		res, err := ix.Search(context.Background(), tt.q, 3)
		if err != nil {
			t.Fatalf("Search(%q): %v", tt.q, err)
		}
		if len(res.Hits) == 0 || res.Hits[0].ID != tt.want {
			t.Errorf("Search(%q) = %v, want %s first", tt.q, ids(res.Hits), tt.want)
		}
	}
}

func TestSearchAccentsBreakTies(t *testing.T) {
	// "mất" (lose) and "mật" (secret) fold the same; the accented form decides.
	entries := []Entry{
		{ID: "mat-khau", Title: "mật thẻ", Texts: []string{"mật thẻ"}, Answer: "x"},
		{ID: "mat-the", Title: "mất thẻ", Texts: []string{"mất thẻ"}, Answer: "x"},
	}
	ix, err := Build("", entries, Lexicon{}, testParams, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	for q, want := range map[string]string{"mất thẻ": "mat-the", "mật thẻ": "mat-khau"} {
		res, _ := ix.Search(context.Background(), q, 2)
		if len(res.Hits) != 2 || res.Hits[0].ID != want {
			t.Errorf("Search(%q) = %v, want %s first", q, ids(res.Hits), want)
		}
	}
}

func TestCoverage(t *testing.T) {
	ix, err := Build("", testEntries, testLexicon, testParams, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	res, _ := ix.Search(context.Background(), "quên mật khẩu vneid", 5)
	if len(res.Hits) == 0 || res.Hits[0].Coverage < 0.99 {
		t.Errorf("coverage of an exact question = %+v, want 1", res.Hits)
	}
	res, _ = ix.Search(context.Background(), "thời tiết hôm nay ra sao", 5)
	for _, h := range res.Hits {
		if h.Coverage > 0.3 {
			t.Errorf("off-topic query covered by %s at %.2f", h.ID, h.Coverage)
		}
	}
	if res.Known != 0 {
		t.Errorf("off-topic query: %d known words, want 0", res.Known)
	}
}

// TestPairedAnchors: with PairedAnchors, a telling word anchors an entry only standing alone in
// the query or with one of its word pairs also the entry's; a syllable of another compound ("tin"
// of "tin tức") does not. Without it, any shared telling word anchors.
func TestPairedAnchors(t *testing.T) {
	tests := []struct {
		q      string
		paired bool
		lone   float64 // LoneCredit; 0: testParams'
		want   bool
	}{
		{"tin tức thời sự", true, 0, false},
		{"tin tức thời sự", true, 1, false}, // a lone word counting fully still does not anchor
		{"tin tức thời sự", false, 0, true},
		{"tin nhắn", true, 0, true},
		{"otp", true, 0, true},
	}
	for _, tt := range tests {
		p := testParams
		p.PairedAnchors = tt.paired
		if tt.lone > 0 {
			p.LoneCredit = tt.lone
		}
		ix, err := Build("", testEntries, testLexicon, p, nil)
		if err != nil {
			t.Fatal(err)
		}
		res, err := ix.Search(context.Background(), tt.q, 5)
		ix.Close()
		if err != nil {
			t.Fatal(err)
		}
		got := false
		for _, h := range res.Hits {
			if h.ID == "otp" {
				got = h.Anchored
			}
		}
		if got != tt.want {
			t.Errorf("Search(%q) paired_anchors=%v lone_credit=%v: otp anchored %v, want %v (hits %+v)", tt.q, tt.paired, p.LoneCredit, got, tt.want, res.Hits)
		}
	}
}

func TestBuildOpenOnDisk(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ix")
	ix, err := Build(dir, testEntries, testLexicon, testParams, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	ix, err = Open(dir, testEntries, testLexicon, testParams, nil)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	res, err := ix.Search(context.Background(), "mat cccd", 1)
	if err != nil || len(res.Hits) == 0 || res.Hits[0].ID != "mat-the" {
		t.Errorf("search after reopen = %v, %v", res.Hits, err)
	}
	ix.Close()
	if _, err := Open(dir, testEntries[:2], testLexicon, testParams, nil); !errors.Is(err, ErrStale) {
		t.Errorf("Open with other content: err = %v, want ErrStale", err)
	}
	if _, err := Open(filepath.Join(t.TempDir(), "missing"), testEntries, Lexicon{}, testParams, nil); err == nil {
		t.Error("Open of a missing dir succeeded")
	}
}

func ids(hs []Hit) []string {
	var out []string
	for _, h := range hs {
		out = append(out, h.ID)
	}
	return out
}

// synthetic makes an FAQ of n entries whose words follow a Zipf law over a realistic
// inventory of Vietnamese syllables (onset × rhyme × tone), like real text: a few very common
// words, a long tail of rare ones. It also returns queries made from entries' questions with
// a word dropped, a diacritic lost and an abbreviation, as citizens type.
func synthetic(n int) ([]Entry, []string) {
	onsets := strings.Fields("b c ch d đ g gi h k kh l m n ng nh p ph qu r s t th tr v x")
	rhymes := strings.Fields("a ai an ang anh ao au ay ăn ăng âm ân âu ây e em en eo ê ên êu i im in inh iêu iên o oa oai oan oi om on ong ô ôi ôm ôn ông ơ ơi ơn u ui um un ung uy uyên ư ưa ưi ưng ươi ương")
	tones := []string{"", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"}
	var syll []string
	for _, o := range onsets {
		for _, r := range rhymes {
			for _, t := range tones {
				syll = append(syll, o+r+t)
			}
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	r.Shuffle(len(syll), func(i, j int) { syll[i], syll[j] = syll[j], syll[i] })
	z := rand.NewZipf(rand.New(rand.NewPCG(3, 4)), 1.07, 2, uint64(len(syll)-1))
	phrase := func(k int) string {
		w := make([]string, k)
		for i := range w {
			w[i] = syll[z.Uint64()]
		}
		return strings.Join(w, " ")
	}
	entries := make([]Entry, n)
	var queries []string
	for i := range entries {
		title := phrase(8)
		texts := []string{title}
		for j := 0; j < 6; j++ {
			texts = append(texts, phrase(6+r.IntN(10)))
		}
		entries[i] = Entry{ID: fmt.Sprintf("e%d", i), Title: title, Texts: texts, Keywords: []string{phrase(2)}, Answer: phrase(180)}
		if i%10 == 0 {
			q := strings.Fields(texts[1+r.IntN(6)])
			q = append(q[:1], q[2:]...) // a word left out
			q[0] = textnorm.Fold(q[0])  // typed without diacritics
			queries = append(queries, strings.Join(q, " ")+" ko dc a")
		}
	}
	return entries, queries
}

func BenchmarkBuild1000(b *testing.B) {
	entries, _ := synthetic(1000)
	b.ReportAllocs()
	start := processCPU()
	for b.Loop() {
		ix, err := Build("", entries, testLexicon, testParams, nil)
		if err != nil {
			b.Fatal(err)
		}
		ix.Close()
	}
	reportCPU(b, start)
}

func BenchmarkSearch1000(b *testing.B) {
	entries, queries := synthetic(1000)
	ix, err := Build("", entries, testLexicon, testParams, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	ctx := context.Background()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := ix.Search(ctx, queries[i%len(queries)], 10); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
