// Package kb owns the live knowledge base: it loads and lints faq/, builds or opens the
// on-disk search index for exactly that content, and swaps in a new snapshot on reload so
// that requests never see half a change. Every channel talks to a *Live.
package kb

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/vneidbot/vneidbot/internal/answer"
	"github.com/vneidbot/vneidbot/internal/faq"
	"github.com/vneidbot/vneidbot/internal/search"
)

// reloadGCPercent is the GOGC in force while a reload builds its index (default 100): a
// build makes much short-lived garbage, and at 100 the heap may double on top of the served
// index; at 20 peak memory during a burst of saves stays under twice the steady state.
const reloadGCPercent = 20

// Config says where the content and the index live.
type Config struct {
	FAQDir   string
	IndexDir string // "" keeps the index in memory only
	// Now is the clock for the review dates and for the facts' values shown; nil means time.Now.
	Now func() time.Time
	// Settings are the ranking model's numbers; nil means answer.DefaultSettings().
	Settings *answer.Settings
	// HeldOut are training questions (as written in their fixture) the model must not learn
	// from: eval holds a fold of the tuning half out to score it on a model that never saw it.
	HeldOut map[string]bool
}

// Stats describe the snapshot being served.
type Stats struct {
	Entries      int
	Reloads      int64
	ReloadErrors int64
	Retired      int64 // replaced snapshots whose index is still open for a reader
	SearchErrors int64 // failed searches since Open (each logged; the reply says so)
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
	retired atomic.Int64 // snapshots replaced but still held by a reader
	// searchErrs counts failed searches of every engine served, across reloads and days.
	searchErrs atomic.Int64
}

// snapshot is one loaded version of the FAQ. Readers hold it through acquire/release; once
// it is retired (a newer one is served) its index is closed when the last reader is done, so
// a reload costs one extra index only for as long as a request is in flight.
type snapshot struct {
	ix        *search.Index
	hash      string // the FAQ and training files it was built from (contentHash): a change reloads
	indexHash string // the FAQ files alone (faq.Hash): the on-disk index's key
	loadedAt  time.Time
	set       *faq.Set                // as loaded, {{facts}} unrendered: rendered again when a value changes
	day       atomic.Pointer[dayView] // set resolved for the day being served, and its engine

	refs    atomic.Int64
	retired atomic.Bool
	closed  sync.Once
	onClose func() // counts the release; may be nil
}

// release ends one reader's use of s.
func (s *snapshot) release() {
	if s.refs.Add(-1) == 0 && s.retired.Load() {
		s.close()
	}
}

// retire marks s as replaced; its index is closed now or when its last reader is done.
func (s *snapshot) retire() {
	s.retired.Store(true)
	if s.refs.Load() == 0 {
		s.close()
	}
}

func (s *snapshot) close() {
	s.closed.Do(func() {
		s.ix.Close()
		if s.onClose != nil {
			s.onClose()
		}
	})
}

// acquire returns the snapshot being served, held until release. The second look at cur
// closes the race with a swap: a snapshot retired between the load and the count is let go.
func (l *Live) acquire() *snapshot {
	for {
		s := l.cur.Load()
		s.refs.Add(1)
		if l.cur.Load() == s {
			return s
		}
		s.release()
	}
}

// LintError is returned when the FAQ has errors; it lists them as file:line: message.
type LintError struct{ Problems []faq.Problem }

func (e *LintError) Error() string {
	var b strings.Builder
	errs := e.Errors()
	fmt.Fprintf(&b, "faq has %d error(s)", len(errs))
	for _, p := range errs {
		b.WriteString("\n")
		b.WriteString(p.String())
	}
	return b.String()
}

// Errors are the problems that stop the FAQ from loading, in the order faq reports them
// (a file that does not parse comes first).
func (e *LintError) Errors() []faq.Problem {
	var out []faq.Problem
	for _, p := range e.Problems {
		if p.Severity == faq.Error {
			out = append(out, p)
		}
	}
	return out
}

// WriteTo writes every problem as file:line: message, one per line.
func (e *LintError) WriteTo(w io.Writer) (int64, error) {
	var b strings.Builder
	for _, p := range e.Problems {
		b.WriteString(p.String())
		b.WriteByte('\n')
	}
	n, err := io.WriteString(w, b.String())
	return int64(n), err
}

// Open loads the FAQ and its index. It fails when the FAQ cannot be read or has lint errors.
func Open(ctx context.Context, logger *slog.Logger, cfg Config) (*Live, error) {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Settings == nil {
		d := answer.DefaultSettings()
		cfg.Settings = &d
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
	if set == nil { // errors that time alone caused (faq.Problem.Dated) do not stop the bot
		return nil, &LintError{Problems: problems}
	}
	for _, p := range problems {
		l.logger.Warn("kb.faq_warning", "file", p.File, "line", p.Line, "severity", p.Severity.String(), "problem", p.Message)
	}
	// The index is keyed on the files' hash and holds the facts' values of the day it
	// was built: they only nudge ranking. What citizens read comes from view, which
	// snap renders again whenever a fact's value changes.
	view := set.Resolve(l.cfg.Now())
	entries := searchEntries(view)
	if l.cur.Load() != nil {
		// A reload builds a second index beside the one being served. Collect garbage more
		// often meanwhile, so the heap grows by what the build holds, not by twice that, and
		// give the build's garbage back to the system as soon as it is done.
		defer debug.SetGCPercent(debug.SetGCPercent(reloadGCPercent))
		defer debug.FreeOSMemory()
	}
	files, err := TrainFiles(l.cfg.FAQDir)
	if err != nil {
		return nil, err
	}
	trained, err := filesHash(files)
	if err != nil {
		return nil, err
	}
	examples, err := loadExamples(files, view, trainWeights{own: l.cfg.Settings.TrainOwn, stories: l.cfg.Settings.TrainStories, real: l.cfg.Settings.TrainReal, realOff: l.cfg.Settings.TrainRealOff}, l.cfg.Settings.TrainMustMax, l.cfg.HeldOut)
	if err != nil {
		return nil, err
	}
	examples = withLastClauses(examples, answer.LastClause(view, l.cfg.Settings.QuestionMinWords), l.cfg.Settings.TrainQuestion)
	ix, err := openIndex(ctx, l.logger, l.cfg.IndexDir, set.Hash, entries, lexicon(set), SearchParams(*l.cfg.Settings), examples)
	if err != nil {
		return nil, err
	}
	eng := answer.New(view, searcher{ix}, *l.cfg.Settings).WithLogger(l.logger).WithSearchErrors(&l.searchErrs)
	d := &dayView{view: view, eng: eng}
	l.logger.Info("kb.loaded", "entries", len(set.Entries), "hash", short(set.Hash), "took", time.Since(start).Round(time.Millisecond))
	s := &snapshot{ix: ix, hash: joinHash(set.Hash, trained), loadedAt: l.cfg.Now(), set: set}
	s.indexHash = set.Hash
	s.day.Store(d)
	return s, nil
}

// dayView is a snapshot's content rendered for one day, with the engine over it.
type dayView struct {
	view *faq.Set
	eng  *answer.Engine
}

// today returns s rendered for now. When a fact's value has changed since s was rendered
// (a fee from 1/1, say), it renders the same content for today and swaps that in first, so
// a value past its date is never shown and no restart is needed.
func (l *Live) today(s *snapshot) *dayView {
	d := s.day.Load()
	now := l.cfg.Now()
	if d.view.Next.IsZero() || now.Before(d.view.Next) {
		return d
	}
	view := s.set.Resolve(now)
	nd := &dayView{view: view, eng: answer.New(view, searcher{s.ix}, *l.cfg.Settings).WithLogger(l.logger).WithSearchErrors(&l.searchErrs)}
	if s.day.CompareAndSwap(d, nd) {
		l.logger.Info("kb.facts_changed", "day", view.Day.String(), "next", view.Next)
		return nd
	}
	return s.day.Load() // another request swapped first
}

// lexicon is the language knowledge of the FAQ the index is built with.
func lexicon(set *faq.Set) search.Lexicon {
	ages := make([]search.AgeRange, 0, len(set.Synonyms.Ages))
	for _, r := range set.Synonyms.Ages {
		ages = append(ages, search.AgeRange{From: r.From, To: r.To, As: r.As})
	}
	return search.Lexicon{Synonyms: set.Synonyms.Groups, Ages: ages, AgeAfter: set.Synonyms.AgeAfter, Stopwords: set.Words.Stopwords, Everyday: set.Words.Everyday, QuestionForms: set.Words.QuestionForms, Places: set.Words.Places}
}

// SearchParams hands the search its share of the ranking settings.
func SearchParams(s answer.Settings) search.Params {
	return search.Params{
		BoostExact:    s.BoostExact,
		BoostCanon:    s.BoostCanon,
		BoostBi:       s.BoostBi,
		MaxDocs:       s.MaxDocs,
		CommonShare:   s.CommonShare,
		MinCommon:     s.MinCommon,
		AnswerCredit:  s.AnswerCredit,
		LoneCredit:    s.LoneCredit,
		PairedAnchors: s.PairedAnchors,
		GeneralFactor: s.GeneralFactor,
		RareDocs:      s.RareDocs,
		FixMinLen:     s.FixMinLen,
		EditMinLen:    s.EditMinLen,

		ClassCandidates: s.ClassCandidates,
		ClassEpochs:     s.ClassEpochs,
		ClassOrder:      s.ClassOrder,
		ClassPostMax:    s.ClassPostMax,
		ClassRate:       s.ClassRate,
		ClassMargin:     s.ClassMargin,
		ClassMaxShare:   s.ClassMaxShare,
		ClassOffHold:    s.ClassOffHold,
		ClassAverage:    s.ClassAverage,
		ClassAnswer:     s.ClassAnswer,
		ClassNear:       s.ClassNear,
		ClassNearMax:    s.ClassNearMax,
		ClassMinCommon:  s.ClassMinCommon,
		ClassGramMin:    s.ClassGramMin,
		ClassGramMax:    s.ClassGramMax,

		FieldTitle:     s.FieldTitle,
		FieldQuestions: s.FieldQuestions,
		FieldKeywords:  s.FieldKeywords,
		FieldAnswer:    s.FieldAnswer,
		BM25K1:         s.BM25K1,
		BM25B:          s.BM25B,
		BM25MaxShare:   s.BM25MaxShare,
		SynonymWeight:  s.SynonymWeight,
		BigramWeight:   s.BigramWeight,
		UseBleve:       s.UseBleve,
		Fit:            s.RankFit != 0,
	}
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
	f := answer.Found{Words: res.Words, Known: res.Known, OffTopic: res.OffTopic, Risk: res.Risk, Hits: make([]answer.Hit, len(res.Hits))}
	for i, h := range res.Hits {
		f.Hits[i] = answer.Hit{ID: h.ID, Score: h.Score, Coverage: h.Coverage, Phrase: h.Phrase, Anchored: h.Anchored, Class: h.Class, Fit: h.Fit}
	}
	return f, nil
}

// Reload lints the FAQ again and, when it is clean and changed, swaps in a new snapshot.
// On error the snapshot being served stays.
func (l *Live) Reload(ctx context.Context) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	hash, err := contentHash(l.cfg.FAQDir)
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
	l.retired.Add(1)
	old.onClose = func() {
		l.retired.Add(-1)
		// The old index is big and now garbage; hand its memory back at once rather than let
		// a burst of saves pile up several generations of heap (off the request's path).
		go debug.FreeOSMemory()
	}
	l.cur.Store(s)
	l.reloads.Add(1)
	old.retire()
	return nil
}

// Watch polls the FAQ directory every interval and reloads when its content changed and then
// held still for one more interval: an editor's burst of saves costs one reload, not one per
// save. Problems are logged; it returns when ctx is done.
func (l *Live) Watch(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	l.watch(ctx, t.C, nil)
}

// watch is Watch driven by ticks, so tests can step it; stepped (nil outside tests) is called
// once each tick has been dealt with.
func (l *Live) watch(ctx context.Context, ticks <-chan time.Time, stepped func()) {
	pending := "" // a new content hash seen on the last tick
	for {
		select {
		case <-ctx.Done():
			return
		case _, ok := <-ticks:
			if !ok {
				return
			}
		}
		pending = l.look(ctx, pending)
		if stepped != nil {
			stepped()
		}
	}
}

// look compares the files with what is served and reloads a change that held still since the
// last look (pending); it returns the new pending hash.
func (l *Live) look(ctx context.Context, pending string) string {
	hash, err := contentHash(l.cfg.FAQDir)
	if err != nil {
		l.logger.Warn("kb.watch_error", "err", err)
		return pending
	}
	l.mu.Lock()
	unchanged := hash == l.cur.Load().hash || hash == l.failed
	l.mu.Unlock()
	if unchanged {
		return ""
	}
	if hash != pending {
		return hash // still being edited, perhaps: look again next tick
	}
	l.ReloadNow(ctx, "watch")
	return ""
}

// ReloadNow reloads at once and logs the outcome for the staff: on a FAQ with errors, each
// problem (a file that does not parse first, knock-on errors left out), then one summary line
// saying the previous version is kept.
func (l *Live) ReloadNow(ctx context.Context, trigger string) error {
	start := time.Now()
	before := l.cur.Load().hash
	err := l.Reload(ctx)
	var le *LintError
	switch {
	case errors.As(err, &le):
		errs := le.Errors()
		for _, p := range errs {
			l.logger.Error("kb.reload_problem", "trigger", trigger, "file", p.File, "line", p.Line, "problem", p.Message)
		}
		l.logger.Error(RejectedSummary(len(errs)), "trigger", trigger, "problems", len(errs))
	case err != nil:
		l.logger.Error("kb.reload_failed", "trigger", trigger, "outcome", "kept_previous", "err", err)
	default:
		after := l.cur.Load()
		l.logger.Info("kb.reloaded", "trigger", trigger, "changed", after.hash != before, "entries", after.day.Load().eng.Len(),
			"took", time.Since(start).Round(time.Millisecond))
	}
	return err
}

// RejectedSummary is the one line that says a reload was refused.
func RejectedSummary(n int) string {
	if n == 1 {
		return "reload rejected, kept previous version, 1 problem"
	}
	return fmt.Sprintf("reload rejected, kept previous version, %d problems", n)
}

// Answer replies to a message from the current snapshot.
func (l *Live) Answer(ctx context.Context, text string) answer.Reply {
	s := l.acquire()
	defer s.release()
	return l.today(s).eng.Answer(ctx, text)
}

// Entry returns the reply for one entry (a button press); an old id that was merged
// into an entry (faq aliases) gives that entry.
func (l *Live) Entry(id string) (answer.Reply, bool) {
	s := l.acquire()
	defer s.release()
	d := l.today(s)
	return d.eng.Entry(d.view.Canonical(id))
}

// Stated is all an entry may say: its answer and its cases (answer.Engine.Stated).
func (l *Live) Stated(id string) (string, bool) {
	s := l.acquire()
	defer s.release()
	d := l.today(s)
	return d.eng.Stated(d.view.Canonical(id))
}

// Topics lists topic areas and their entries.
func (l *Live) Topics() []answer.Topic {
	s := l.acquire()
	defer s.release()
	return l.today(s).eng.Topics()
}

// Message returns one of the bot's own messages from bot.yaml.
func (l *Live) Message(key string) string {
	s := l.acquire()
	defer s.release()
	return l.today(s).eng.Message(key)
}

// Suggested lists the entries offered with the welcome and fallback messages.
func (l *Live) Suggested() []answer.Option {
	s := l.acquire()
	defer s.release()
	return l.today(s).eng.Suggested()
}

// Canonical returns the id of the entry id names now: id itself, or the entry it was
// merged into. An unknown id is returned unchanged.
func (l *Live) Canonical(id string) string {
	s := l.acquire()
	defer s.release()
	return s.day.Load().view.Canonical(id)
}

// Stats describes the snapshot being served.
func (l *Live) Stats() Stats {
	s := l.cur.Load()
	return Stats{Entries: s.day.Load().eng.Len(), Reloads: l.reloads.Load(), ReloadErrors: l.errs.Load(), Retired: l.retired.Load(),
		SearchErrors: l.searchErrs.Load(), LoadedAt: s.loadedAt, Hash: s.indexHash}
}

// Close releases the index being served (a request still running gets an error from it).
func (l *Live) Close() error {
	s := l.cur.Load()
	var err error
	s.closed.Do(func() { err = s.ix.Close() })
	return err
}

func short(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	return h
}

// Explain answers text and says why (see answer.Engine.Explain).
func (l *Live) Explain(ctx context.Context, text string) answer.Explanation {
	s := l.acquire()
	defer s.release()
	return l.today(s).eng.Explain(ctx, text)
}

// SearchErrors is how many searches failed since Open, over every version of the content served.
func (l *Live) SearchErrors() int64 { return l.searchErrs.Load() }

// WithSettings returns an engine over the content being served that ranks and decides with s.
// The search keeps the settings it was opened with (its share of s is not applied): this is
// for trying decision and ranking weights quickly in tools (the settings search), which do not
// reload: the engine reads the index of the snapshot current when it was made.
func (l *Live) WithSettings(s answer.Settings) *answer.Engine {
	cur := l.acquire()
	defer cur.release()
	return answer.New(l.today(cur).view, searcher{cur.ix}, s).WithLogger(l.logger).WithSearchErrors(&l.searchErrs)
}
