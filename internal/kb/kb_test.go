package kb

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/vneidbot/vneidbot/internal/answer"
	"github.com/vneidbot/vneidbot/internal/faq"
	"github.com/vneidbot/vneidbot/internal/search"
	"github.com/vneidbot/vneidbot/internal/textnorm"
)

var today = func() time.Time { return time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC) }

func quiet() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// copyFAQ copies the loader's clean test FAQ into a temp dir the test may change.
func copyFAQ(t testing.TB) string {
	t.Helper()
	return copyDir(t, filepath.Join("..", "faq", "testdata", "faq-good"))
}

func TestOpenBuildsAndReusesIndex(t *testing.T) {
	faqDir, ixDir := copyFAQ(t), t.TempDir()
	l, err := Open(context.Background(), quiet(), Config{FAQDir: faqDir, IndexDir: ixDir, Now: today})
	if err != nil {
		t.Fatal(err)
	}
	st := l.Stats()
	built := filepath.Join(ixDir, IndexName(st.Hash))
	if _, err := os.Stat(built); err != nil {
		t.Fatalf("index not on disk: %v", err)
	}
	r := l.Answer(context.Background(), "quen passcode vneid")
	if r.Kind != answer.KindAnswer || r.ID == "" {
		t.Errorf("Answer = %s %q, want an answer", r.Kind, r.ID)
	}
	// A second process opens the same index read-only while the first still has it open.
	l2, err := Open(context.Background(), quiet(), Config{FAQDir: faqDir, IndexDir: ixDir, Now: today})
	if err != nil {
		t.Fatalf("second Open: %v", err)
	}
	if r2 := l2.Answer(context.Background(), "quen passcode vneid"); r2.ID != r.ID {
		t.Errorf("second process answered %q, first %q", r2.ID, r.ID)
	}
	l2.Close()
	l.Close()
	ents, _ := os.ReadDir(ixDir)
	if len(ents) != 1 {
		t.Errorf("index dir holds %d entries, want 1 (no leftovers)", len(ents))
	}
}

func TestOpenRejectsBadFAQ(t *testing.T) {
	faqDir := copyFAQ(t)
	os.WriteFile(filepath.Join(faqDir, "broken.yaml"), []byte("topic: x\nentries:\n  - id: Bad Id\n"), 0o644)
	_, err := Open(context.Background(), quiet(), Config{FAQDir: faqDir, Now: today})
	var le *LintError
	if !errors.As(err, &le) || !strings.Contains(err.Error(), "broken.yaml:") {
		t.Fatalf("Open(bad) err = %v, want a LintError naming broken.yaml", err)
	}
}

func TestOpenRebuildsDamagedIndex(t *testing.T) {
	faqDir, ixDir := copyFAQ(t), t.TempDir()
	l, err := Open(context.Background(), quiet(), Config{FAQDir: faqDir, IndexDir: ixDir, Now: today})
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(ixDir, IndexName(l.Stats().Hash))
	l.Close()
	os.RemoveAll(dir)
	os.MkdirAll(dir, 0o755) // an empty, unusable index
	l, err = Open(context.Background(), quiet(), Config{FAQDir: faqDir, IndexDir: ixDir, Now: today})
	if err != nil {
		t.Fatalf("Open over a damaged index: %v", err)
	}
	defer l.Close()
	if r := l.Answer(context.Background(), "quen passcode vneid"); r.Kind != answer.KindAnswer {
		t.Errorf("after rebuild: %s", r.Kind)
	}
}

const extra = `topic: Thử nghiệm
entries:
  - id: thu-nghiem-moi
    title: Câu hỏi thử nghiệm về cá voi xanh
    questions:
      - cá voi xanh ăn gì
      - ca voi xanh an gi
      - loài cá voi xanh sống ở đâu
    answer: Đây là câu trả lời thử nghiệm.
    sources: [https://vneid.gov.vn]
    reviewed: 2026-11-01
`

func TestReloadSwapsAndKeepsOldOnError(t *testing.T) {
	faqDir, ixDir := copyFAQ(t), t.TempDir()
	l, err := Open(context.Background(), quiet(), Config{FAQDir: faqDir, IndexDir: ixDir, Now: today})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	before := l.Stats()
	if err := l.Reload(context.Background()); err != nil || l.Stats().Reloads != 0 {
		t.Fatalf("Reload with no change: err %v, reloads %d", err, l.Stats().Reloads)
	}
	os.WriteFile(filepath.Join(faqDir, "zz-extra.yaml"), []byte(extra), 0o644)
	if err := l.Reload(context.Background()); err != nil {
		t.Fatalf("Reload: %v", err)
	}
	if got := l.Stats(); got.Entries != before.Entries+1 || got.Reloads != 1 {
		t.Errorf("after reload: %+v", got)
	}
	if r := l.Answer(context.Background(), "ca voi xanh an gi"); r.ID != "thu-nghiem-moi" {
		t.Errorf("new entry not answered: %s %q", r.Kind, r.ID)
	}
	os.WriteFile(filepath.Join(faqDir, "zz-extra.yaml"), []byte("topic: [oops"), 0o644)
	if err := l.Reload(context.Background()); err == nil {
		t.Fatal("Reload of a broken file succeeded")
	}
	if r := l.Answer(context.Background(), "ca voi xanh an gi"); r.ID != "thu-nghiem-moi" {
		t.Errorf("old snapshot not kept after a failed reload: %s %q", r.Kind, r.ID)
	}
	if got := l.Stats(); got.ReloadErrors != 1 {
		t.Errorf("ReloadErrors = %d, want 1", got.ReloadErrors)
	}
}

func TestWatchReloadsUnderLoad(t *testing.T) {
	faqDir := copyFAQ(t)
	l, err := Open(context.Background(), quiet(), Config{FAQDir: faqDir, IndexDir: t.TempDir(), Now: today})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go l.Watch(ctx, 20*time.Millisecond)
	var wg sync.WaitGroup
	var bad atomic.Int64
	stop := make(chan struct{})
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				if r := l.Answer(ctx, "quen passcode vneid"); r.Kind != answer.KindAnswer {
					bad.Add(1)
				}
			}
		}()
	}
	os.WriteFile(filepath.Join(faqDir, "zz-extra.yaml"), []byte(extra), 0o644)
	deadline := time.Now().Add(20 * time.Second)
	for l.Stats().Reloads == 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	close(stop)
	wg.Wait()
	if l.Stats().Reloads == 0 {
		t.Fatal("Watch did not reload")
	}
	if n := bad.Load(); n > 0 {
		t.Errorf("%d answers failed during the reload", n)
	}
}

// writeSyntheticFAQ writes an FAQ of n entries worded like the real one (its question words,
// in their real proportions), and citizen-style queries drawn from it, for benchmarks.
func writeSyntheticFAQ(tb testing.TB, n int) (string, []string) {
	tb.Helper()
	dir := tb.TempDir()
	// facts.yaml too: bot.yaml's messages refer to its values (the unsure fallback's channels).
	for _, name := range []string{"bot.yaml", "synonyms.yaml", "facts.yaml"} {
		b, err := os.ReadFile(filepath.Join("..", "..", "faq", name))
		if err != nil {
			tb.Fatal(err)
		}
		if i := strings.Index(string(b), "\nsuggested_topics:"); i >= 0 {
			b = b[:i+1] // those entries are not in the synthetic FAQ
		}
		os.WriteFile(filepath.Join(dir, name), b, 0o644)
	}
	// The words of the real FAQ's questions, most frequent first, drawn with a Zipf law.
	set, _, err := faq.Load(filepath.Join("..", "..", "faq"), time.Now()) // its words only: any day will do
	if err != nil || set == nil {
		tb.Fatalf("load real faq: %v", err)
	}
	freq := map[string]int{}
	for _, e := range set.Entries {
		for _, q := range e.Questions {
			for _, w := range strings.Fields(textnorm.Normalize(q)) {
				freq[w]++
			}
		}
	}
	words := make([]string, 0, len(freq))
	for w := range freq {
		words = append(words, w)
	}
	sort.Slice(words, func(i, j int) bool {
		if freq[words[i]] != freq[words[j]] {
			return freq[words[i]] > freq[words[j]]
		}
		return words[i] < words[j]
	})
	r := rand.New(rand.NewPCG(7, 9))
	z := rand.NewZipf(rand.New(rand.NewPCG(3, 4)), 1.07, 2, uint64(len(words)-1))
	phrase := func(k int) string {
		w := make([]string, k)
		for i := range w {
			w[i] = words[z.Uint64()]
		}
		return strings.Join(w, " ")
	}
	var b strings.Builder
	b.WriteString("topic: Tổng hợp\nentries:\n")
	var queries []string
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "  - id: e-%d\n    title: %q\n    questions:\n", i, phrase(8)+fmt.Sprintf(" (%d)", i))
		qs := make([]string, 6)
		for j := range qs {
			qs[j] = phrase(6+r.IntN(10)) + fmt.Sprintf(" %d-%d", i, j)
			fmt.Fprintf(&b, "      - %q\n", qs[j])
		}
		fmt.Fprintf(&b, "    answer: %q\n", phrase(150))
		b.WriteString("    sources: [https://vneid.gov.vn]\n    reviewed: 2026-11-01\n")
		if i%10 == 0 {
			q := strings.Fields(qs[r.IntN(len(qs))])
			q = q[1 : len(q)-1] // a word left out, and no number
			queries = append(queries, "cho mình hỏi "+textnorm.Fold(strings.Join(q, " "))+" ko dc ạ")
		}
	}
	os.WriteFile(filepath.Join(dir, "tong-hop.yaml"), []byte(b.String()), 0o644)
	return dir, queries
}

// BenchmarkAnswer1000 is the whole answer path (redaction, analysis, the fielded score and the
// learned model in memory, ranking, reply) over a 1,000-entry FAQ. Issue 8's bars: p50 ≤ 100 µs,
// p99 ≤ 1 ms, ≤ 200 allocations per answer (reported here, never asserted: the machine is shared).
func BenchmarkAnswer1000(b *testing.B) {
	dir, queries := writeSyntheticFAQ(b, 1000)
	st := answer.DefaultSettings()
	st.ReplyCache = 0 // the questions repeat: measure the answer, not the reply cache
	l, err := Open(context.Background(), quiet(), Config{FAQDir: dir, Now: today, Settings: &st})
	if err != nil {
		b.Fatal(err)
	}
	defer l.Close()
	ctx := context.Background()
	// One OS thread, so that its CPU clock measures each answer (see threadCPU).
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	b.ReportAllocs()
	var took, cpu []int64
	i := 0
	for b.Loop() {
		start, c0 := time.Now(), threadCPU()
		l.Answer(ctx, queries[i%len(queries)])
		cpu = append(cpu, threadCPU()-c0)
		took = append(took, int64(time.Since(start)))
		i++
	}
	// The targets are on the median and the 99th percentile question. Wall time includes waiting
	// for a core on a busy machine; CPU time of the answering thread does not.
	slices.Sort(took)
	slices.Sort(cpu)
	b.ReportMetric(float64(took[len(took)/2]), "p50-ns")
	b.ReportMetric(float64(took[len(took)*99/100]), "p99-ns")
	if cpu[len(cpu)-1] > 0 {
		b.ReportMetric(float64(cpu[len(cpu)/2]), "cpu-p50-ns")
		b.ReportMetric(float64(cpu[len(cpu)*99/100]), "cpu-p99-ns")
	}
}

// BenchmarkBuild1000 is building the index (fielded score and learned model) of a
// 1,000-entry FAQ with the default settings, the FAQ already loaded. Issue 8's bar: ≤ 1 s.
func BenchmarkBuild1000(b *testing.B) {
	dir, _ := writeSyntheticFAQ(b, 1000)
	set, _, err := faq.Load(dir, today())
	if err != nil || set == nil {
		b.Fatalf("load: %v", err)
	}
	view := set.Resolve(today())
	entries, lex, p := searchEntries(view), lexicon(set), SearchParams(answer.DefaultSettings())
	b.ReportAllocs()
	for b.Loop() {
		ix, err := search.Build("", entries, lex, p, nil)
		if err != nil {
			b.Fatal(err)
		}
		ix.Close()
	}
}

// BenchmarkOpen1000 is loading, linting and indexing a 1,000-entry FAQ in memory.
func BenchmarkOpen1000(b *testing.B) {
	dir, _ := writeSyntheticFAQ(b, 1000)
	b.ReportAllocs()
	for b.Loop() {
		l, err := Open(context.Background(), quiet(), Config{FAQDir: dir, Now: today})
		if err != nil {
			b.Fatal(err)
		}
		l.Close()
	}
}

// TestReloadRetrainsOnFixtureChange: the model learns from faq/fixtures/, so a new or edited
// fixture is a change to reload, even when no FAQ file changed.
func TestReloadRetrainsOnFixtureChange(t *testing.T) {
	faqDir := copyFAQ(t)
	l, err := Open(context.Background(), quiet(), Config{FAQDir: faqDir, IndexDir: t.TempDir(), Now: today})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if err := os.MkdirAll(filepath.Join(faqDir, "fixtures"), 0o755); err != nil {
		t.Fatal(err)
	}
	fixture := filepath.Join(faqDir, "fixtures", "new.yaml")
	if err := os.WriteFile(fixture, []byte("- {q: \"một cách hỏi mới\", kind: fallback}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := l.Reload(context.Background()); err != nil || l.Stats().Reloads != 1 {
		t.Fatalf("new fixture: err %v, reloads %d, want 1", err, l.Stats().Reloads)
	}
	if err := l.Reload(context.Background()); err != nil || l.Stats().Reloads != 1 {
		t.Fatalf("nothing changed since: err %v, reloads %d, want still 1", err, l.Stats().Reloads)
	}
	if err := os.WriteFile(fixture, []byte("- {q: \"một cách hỏi khác\", kind: fallback}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := l.Reload(context.Background()); err != nil || l.Stats().Reloads != 2 {
		t.Fatalf("edited fixture: err %v, reloads %d, want 2", err, l.Stats().Reloads)
	}
}

// TestSearchErrorsCounted: a search that fails (here: on a closed index) is counted once per
// message, in Stats and SearchErrors, and the count survives a reload.
func TestSearchErrorsCounted(t *testing.T) {
	faqDir := copyFAQ(t)
	l, err := Open(context.Background(), quiet(), Config{FAQDir: faqDir, IndexDir: t.TempDir(), Now: today})
	if err != nil {
		t.Fatal(err)
	}
	s := l.cur.Load()
	s.closed.Do(func() { s.ix.Close() })
	r := l.Answer(context.Background(), "quen passcode vneid")
	if r.Error != "search" {
		t.Fatalf("answer on a closed index: %+v, want error search", r)
	}
	if got := l.SearchErrors(); got != 1 || l.Stats().SearchErrors != 1 {
		t.Fatalf("SearchErrors = %d, Stats %d, want 1", got, l.Stats().SearchErrors)
	}
	os.WriteFile(filepath.Join(faqDir, "zz-extra.yaml"), []byte(extra), 0o644)
	if err := l.Reload(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if r := l.Answer(context.Background(), "quen passcode vneid"); r.Error != "" {
		t.Fatalf("after reload: %+v", r)
	}
	if got := l.Stats().SearchErrors; got != 1 {
		t.Errorf("after reload SearchErrors = %d, want 1 (kept)", got)
	}
}
