// Package kb owns the live knowledge base: it loads and lints faq/, builds or opens the
// on-disk search index for exactly that content, and swaps in a new snapshot on reload so
// that requests never see half a change. Every channel talks to a *Live.
package kb

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/vneidbot/vneidbot/internal/answer"
	"github.com/vneidbot/vneidbot/internal/faq"
	"github.com/vneidbot/vneidbot/internal/search"
)

// Config says where the content and the index live.
type Config struct {
	FAQDir   string
	IndexDir string // "" keeps the index in memory only
	// Now is the clock used to check review dates; nil means time.Now.
	Now func() time.Time
	// Thresholds override the engine's calibrated thresholds when not zero.
	Thresholds answer.Thresholds
}

// Stats describe the snapshot being served.
type Stats struct {
	Entries      int
	Reloads      int64
	ReloadErrors int64
	LoadedAt     time.Time
	Hash         string
}

// Live is the knowledge base being served. Its methods are safe for concurrent use.
type Live struct {
	logger  *slog.Logger
	cfg     Config
	cur     atomic.Pointer[snapshot]
	mu      sync.Mutex // one reload at a time
	failed  string     // content hash of the last reload that failed, not retried until it changes
	reloads atomic.Int64
	errs    atomic.Int64
}

type snapshot struct {
	eng      *answer.Engine
	ix       *search.Index
	hash     string
	loadedAt time.Time
	set      *faq.Set // as loaded, {{facts}} unrendered: re-resolved when next comes
	view     *faq.Set // set resolved for the day being served
}

// LintError is returned when the FAQ has errors; it lists them as file:line: message.
type LintError struct{ Problems []faq.Problem }

func (e *LintError) Error() string {
	var b strings.Builder
	n := 0
	for _, p := range e.Problems {
		if p.Severity == faq.Error {
			n++
		}
	}
	fmt.Fprintf(&b, "faq has %d error(s)", n)
	for _, p := range e.Problems {
		if p.Severity == faq.Error {
			b.WriteString("\n")
			b.WriteString(p.String())
		}
	}
	return b.String()
}

// Open loads the FAQ and its index. It fails when the FAQ cannot be read or has lint errors.
func Open(ctx context.Context, logger *slog.Logger, cfg Config) (*Live, error) {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Thresholds == (answer.Thresholds{}) {
		cfg.Thresholds = answer.DefaultThresholds
	}
	l := &Live{logger: logger, cfg: cfg}
	s, err := l.load(ctx)
	if err != nil {
		return nil, err
	}
	l.cur.Store(s)
	return l, nil
}

func (l *Live) load(ctx context.Context) (*snapshot, error) {
	start := time.Now()
	set, problems, err := faq.Load(l.cfg.FAQDir, l.cfg.Now())
	if err != nil {
		return nil, fmt.Errorf("load faq: %w", err)
	}
	if faq.HasErrors(problems) {
		return nil, &LintError{Problems: problems}
	}
	for _, p := range problems {
		l.logger.Warn("kb.faq_warning", "file", p.File, "line", p.Line, "problem", p.Message)
	}
	// The index is keyed on the files' hash and holds the facts' values of the day it
	// was built: they only nudge ranking. What citizens read comes from view, which
	// snap renders again whenever a fact's value changes.
	view := set.Resolve(l.cfg.Now())
	entries := searchEntries(view)
	ix, err := openIndex(ctx, l.logger, l.cfg.IndexDir, set.Hash, entries, set.Synonyms.Groups)
	if err != nil {
		return nil, err
	}
	eng := answer.New(view, searcher{ix}, l.cfg.Thresholds)
	l.logger.Info("kb.loaded", "entries", len(set.Entries), "hash", short(set.Hash), "took", time.Since(start).Round(time.Millisecond))
	return &snapshot{eng: eng, ix: ix, hash: set.Hash, loadedAt: l.cfg.Now(), set: set, view: view}, nil
}

// snap returns the snapshot to serve now. When a fact's value has changed since the
// snapshot was rendered (a fee from 1/1, say), it renders the same content for today and
// swaps that in first, so a value past its date is never shown and no restart is needed.
func (l *Live) snap() *snapshot {
	s := l.cur.Load()
	now := l.cfg.Now()
	if s.view.Next.IsZero() || now.Before(s.view.Next) {
		return s
	}
	view := s.set.Resolve(now)
	ns := *s
	ns.view = view
	ns.eng = answer.New(view, searcher{s.ix}, l.cfg.Thresholds)
	if l.cur.CompareAndSwap(s, &ns) {
		l.logger.Info("kb.facts_changed", "day", view.Day.String(), "next", view.Next)
		return &ns
	}
	return l.cur.Load() // another request (or a reload) swapped first
}

// searchEntries turns FAQ entries into what the index needs.
func searchEntries(set *faq.Set) []search.Entry {
	out := make([]search.Entry, len(set.Entries))
	for i, e := range set.Entries {
		out[i] = search.Entry{
			ID:       e.ID,
			Title:    e.Title,
			Texts:    append([]string{e.Title}, e.Questions...),
			Keywords: e.Keywords,
			Answer:   e.Body, // without the standard notes, which many answers share
		}
	}
	return out
}

// searcher adapts the index to the engine's Searcher.
type searcher struct{ ix *search.Index }

func (s searcher) Search(ctx context.Context, text string, n int) (answer.Found, error) {
	res, err := s.ix.Search(ctx, text, n)
	if err != nil {
		return answer.Found{}, err
	}
	f := answer.Found{Words: res.Words, Known: res.Known, Hits: make([]answer.Hit, len(res.Hits))}
	for i, h := range res.Hits {
		f.Hits[i] = answer.Hit{ID: h.ID, Score: h.Score, Coverage: h.Coverage, Phrase: h.Phrase, Anchored: h.Anchored}
	}
	return f, nil
}

// Reload lints the FAQ again and, when it is clean and changed, swaps in a new snapshot.
// On error the snapshot being served stays.
func (l *Live) Reload(ctx context.Context) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	hash, err := faq.Hash(l.cfg.FAQDir)
	if err != nil {
		l.errs.Add(1)
		return fmt.Errorf("reload: %w", err)
	}
	old := l.cur.Load()
	if hash == old.hash {
		return nil
	}
	s, err := l.load(ctx)
	if err != nil {
		l.errs.Add(1)
		l.failed = hash
		return fmt.Errorf("reload: %w", err)
	}
	l.failed = ""
	l.cur.Store(s)
	l.reloads.Add(1)
	// Requests that picked up the old snapshot just before the swap finish within
	// milliseconds; close its index well after that.
	time.AfterFunc(30*time.Second, func() { old.ix.Close() })
	return nil
}

// Watch polls the FAQ directory every interval and reloads when its content changes.
// Problems are logged; it returns when ctx is done.
func (l *Live) Watch(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		hash, err := faq.Hash(l.cfg.FAQDir)
		if err != nil {
			l.logger.Warn("kb.watch_error", "err", err)
			continue
		}
		l.mu.Lock()
		unchanged := hash == l.cur.Load().hash || hash == l.failed
		l.mu.Unlock()
		if unchanged {
			continue
		}
		if err := l.Reload(ctx); err != nil {
			var le *LintError
			if errors.As(err, &le) {
				for _, p := range le.Problems {
					l.logger.Error("kb.reload_rejected", "file", p.File, "line", p.Line, "problem", p.Message)
				}
				continue
			}
			l.logger.Error("kb.reload_failed", "err", err)
			continue
		}
		l.logger.Info("kb.reloaded", "entries", l.cur.Load().eng.Len())
	}
}

// Answer replies to a message from the current snapshot.
func (l *Live) Answer(ctx context.Context, text string) answer.Reply {
	return l.snap().eng.Answer(ctx, text)
}

// Entry returns the reply for one entry (a button press); an old id that was merged
// into an entry (faq aliases) gives that entry.
func (l *Live) Entry(id string) (answer.Reply, bool) {
	s := l.snap()
	return s.eng.Entry(s.view.Canonical(id))
}

// Canonical returns the id of the entry id names now: id itself, or the entry it was
// merged into. An unknown id is returned unchanged.
func (l *Live) Canonical(id string) string { return l.cur.Load().view.Canonical(id) }

// Topics lists topic areas and their entries.
func (l *Live) Topics() []answer.Topic { return l.snap().eng.Topics() }

// Message returns one of the bot's own messages from bot.yaml.
func (l *Live) Message(key string) string { return l.snap().eng.Message(key) }

// Suggested lists the entries offered with the welcome and fallback messages.
func (l *Live) Suggested() []answer.Option { return l.snap().eng.Suggested() }

// Stats describes the snapshot being served.
func (l *Live) Stats() Stats {
	s := l.cur.Load()
	return Stats{Entries: s.eng.Len(), Reloads: l.reloads.Load(), ReloadErrors: l.errs.Load(), LoadedAt: s.loadedAt, Hash: s.hash}
}

// Close releases the index.
func (l *Live) Close() error { return l.cur.Load().ix.Close() }

func short(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	return h
}
