package kb

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// rssKB reads this process's resident set size.
func rssKB(t testing.TB) int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		t.Skipf("no /proc/self/status (%v): the reload memory test needs Linux", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			n, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return n
		}
	}
	t.Skip("VmRSS not found in /proc/self/status")
	return 0
}

// copyDir copies the top-level YAML files of an FAQ dir to a temp dir.
func copyDir(t testing.TB, src string) string {
	t.Helper()
	dst := t.TempDir()
	ents, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".yaml") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dst, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

// TestReloadMemory is a staffer saving a file twelve times while citizens ask: with the real
// FAQ, peak resident memory stays under twice the steady state (before reference counting it
// went from 40 MB to 223 MB: every replaced index was kept 30 s).
func TestReloadMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("reload memory: skipped in -short mode")
	}
	faqDir := copyDir(t, filepath.Join("..", "..", "faq"))
	l, err := Open(context.Background(), quiet(), Config{FAQDir: faqDir, IndexDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	ctx := context.Background()
	questions := []string{"quên passcode vneid", "làm lại thẻ căn cước bị mất", "không nhận được mã otp"}
	for range 200 {
		for _, q := range questions {
			l.Answer(ctx, q)
		}
	}
	steady := rssKB(t)

	var peak atomic.Int64
	peak.Store(steady)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(3)
	go func() { // sample memory
		defer wg.Done()
		for {
			if r := rssKB(t); r > peak.Load() {
				peak.Store(r)
			}
			select {
			case <-stop:
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	}()
	for w := range 2 { // citizens asking throughout
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				l.Answer(ctx, questions[(i+w)%len(questions)])
				time.Sleep(time.Millisecond) // a steady trickle, not a CPU hog on a shared machine
			}
		}()
	}
	file := ""
	ents, _ := os.ReadDir(faqDir)
	for _, e := range ents {
		if n := e.Name(); n != "bot.yaml" && n != "synonyms.yaml" && !strings.HasPrefix(n, "facts") && !strings.HasPrefix(n, "words") {
			file = filepath.Join(faqDir, n)
			break
		}
	}
	for i := range 12 {
		f, err := os.OpenFile(file, os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		f.WriteString("# edit " + strconv.Itoa(i) + "\n")
		f.Close()
		if err := l.Reload(ctx); err != nil {
			t.Fatalf("reload %d: %v", i, err)
		}
	}
	close(stop)
	wg.Wait()
	if n := l.Stats().Reloads; n != 12 {
		t.Errorf("reloads = %d, want 12", n)
	}
	t.Logf("RSS steady %d MB, peak during 12 reloads %d MB (%.2f×), now %d MB",
		steady>>10, peak.Load()>>10, float64(peak.Load())/float64(steady), rssKB(t)>>10)
	if p := peak.Load(); p >= 2*steady {
		t.Errorf("peak RSS %d MB during 12 reloads, want under twice the steady %d MB", p>>10, steady>>10)
	}
}
