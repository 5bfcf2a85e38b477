package kb

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vneidbot/vneidbot/internal/answer"
	"log/slog"
)

type syncBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuf) Write(p []byte) (int, error) { s.mu.Lock(); defer s.mu.Unlock(); return s.b.Write(p) }
func (s *syncBuf) String() string              { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

// A snapshot replaced by a reload keeps its index open exactly as long as a reader holds it.
func TestOldIndexReleasedByLastReader(t *testing.T) {
	faqDir := copyFAQ(t)
	l, err := Open(context.Background(), quiet(), Config{FAQDir: faqDir, IndexDir: t.TempDir(), Now: today})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	held := l.acquire() // a request in flight across the reload
	os.WriteFile(filepath.Join(faqDir, "zz-extra.yaml"), []byte(extra), 0o644)
	if err := l.Reload(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n := l.Stats().Retired; n != 1 {
		t.Errorf("retired snapshots while a reader holds the old one = %d, want 1", n)
	}
	if r := l.today(held).eng.Answer(context.Background(), "quen passcode vneid"); r.Kind != answer.KindAnswer {
		t.Errorf("the reader holding the old snapshot got %s, want its answer", r.Kind)
	}
	held.release()
	if n := l.Stats().Retired; n != 0 {
		t.Errorf("retired snapshots after the last reader = %d, want 0 (old index closed)", n)
	}
	if _, err := held.ix.Search(context.Background(), "passcode", 3); err == nil {
		t.Errorf("the old index still answers after its last reader is done; want it closed")
	}
	// With no reader, a reload closes the old index at once.
	os.WriteFile(filepath.Join(faqDir, "zz-extra.yaml"), []byte(strings.Replace(extra, "ca voi xanh", "ca heo hong", 1)), 0o644)
	if err := l.Reload(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n := l.Stats().Retired; n != 0 {
		t.Errorf("retired snapshots after an idle reload = %d, want 0", n)
	}
}

// acquire and Reload race freely: no reader ever gets a closed index.
func TestAcquireRacesReload(t *testing.T) {
	faqDir := copyFAQ(t)
	l, err := Open(context.Background(), quiet(), Config{FAQDir: faqDir, IndexDir: "", Now: today})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var mu sync.Mutex
	var failures []string
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				if r := l.Answer(context.Background(), "quen passcode vneid"); r.ID != "vneid-quen-passcode" {
					mu.Lock()
					failures = append(failures, string(r.Kind)+" "+r.ID)
					mu.Unlock()
				}
			}
		}()
	}
	for i := range 6 {
		content := strings.Replace(extra, "ca voi xanh", "ca voi xanh "+strings.Repeat("x", i+1), 1)
		os.WriteFile(filepath.Join(faqDir, "zz-extra.yaml"), []byte(content), 0o644)
		if err := l.Reload(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	close(stop)
	wg.Wait()
	if len(failures) > 0 {
		t.Errorf("%d answers failed during reloads; first: %s", len(failures), failures[0])
	}
	if n := l.Stats().Retired; n != 0 {
		t.Errorf("retired snapshots left open = %d, want 0", n)
	}
}

// A burst of saves between two looks of the watcher costs one reload: a change is loaded
// once it has held still for a tick.
func TestWatchCoalescesSaves(t *testing.T) {
	faqDir := copyFAQ(t)
	l, err := Open(context.Background(), quiet(), Config{FAQDir: faqDir, IndexDir: t.TempDir(), Now: today})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	ticks := make(chan time.Time)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	stepped := make(chan struct{})
	go func() { l.watch(ctx, ticks, func() { stepped <- struct{}{} }); close(done) }()
	tick := func() { ticks <- time.Time{}; <-stepped } // a save lands only after the look it follows
	file := filepath.Join(faqDir, "zz-extra.yaml")
	for i := range 5 { // five saves, a tick after each: still being edited
		os.WriteFile(file, []byte(strings.Replace(extra, "ca voi xanh", "ca voi xanh "+strings.Repeat("y", i+1), 1)), 0o644)
		tick()
	}
	tick() // the last save held still for a tick: loaded now
	cancel()
	<-done
	if n := l.Stats().Reloads; n != 1 {
		t.Errorf("5 saves cost %d reloads, want 1", n)
	}
	if r := l.Answer(context.Background(), "ca voi xanh yyyyy an gi"); r.ID != "thu-nghiem-moi" {
		t.Errorf("the last save is not served: %s %q", r.Kind, r.ID)
	}
}

// A topic file that does not parse is reported alone: the entries of other files that relate
// to its entries do not each add a "does not exist" error. The log ends with one summary line.
func TestBrokenFileReportedFirstAndAlone(t *testing.T) {
	faqDir := copyFAQ(t)
	var logs syncBuf
	l, err := Open(context.Background(), slog.New(slog.NewTextHandler(&logs, nil)), Config{FAQDir: faqDir, IndexDir: t.TempDir(), Now: today})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	topic := filepath.Join(faqDir, "tai-khoan-vneid.yaml")
	b, err := os.ReadFile(topic)
	if err != nil {
		t.Fatal(err)
	}
	// A stray quote in the middle of the file, as an editor slip leaves it.
	broken := strings.Replace(string(b), "    title: ", "    title: \"", 2)
	os.WriteFile(topic, []byte(broken), 0o644)
	err = l.ReloadNow(context.Background(), "test")
	var le *LintError
	if !errors.As(err, &le) {
		t.Fatalf("ReloadNow of a broken file: %v, want a *LintError", err)
	}
	errs := le.Errors()
	if len(errs) == 0 || !strings.Contains(errs[0].Message, "YAML syntax error") || filepath.Base(errs[0].File) != "tai-khoan-vneid.yaml" {
		t.Fatalf("first problem = %v, want the syntax error of tai-khoan-vneid.yaml", errs)
	}
	for _, p := range errs {
		if strings.Contains(p.Message, "does not exist") {
			t.Errorf("knock-on error reported: %s", p)
		}
	}
	out := logs.String()
	lines := strings.Split(strings.TrimSpace(out), "\n")
	last := lines[len(lines)-1]
	if !strings.Contains(last, `msg="reload rejected, kept previous version, 1 problem"`) {
		t.Errorf("last log line = %s, want the summary", last)
	}
	if n := strings.Count(out, "level=ERROR"); n != len(errs)+1 {
		t.Errorf("%d ERROR lines for %d problems, want one per problem and the summary:\n%s", n, len(errs), out)
	}
	if r := l.Answer(context.Background(), "quen passcode vneid"); r.ID != "vneid-quen-passcode" {
		t.Errorf("the previous version is not served: %s %q", r.Kind, r.ID)
	}
}
