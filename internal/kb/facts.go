package kb

import (
	"context"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/vneidbot/vneidbot/internal/answer"
	"github.com/vneidbot/vneidbot/internal/faq"
)

// dayEngine is the answer engine of one content version, rendered for the day being
// served: answers, titles and links show the facts' values of that day (faq.Set.Resolve).
// When the clock passes the next day on which a fact changes (a fee from 1/1, say), the
// first call after it renders the same content again and swaps the new engine in, so a
// running bot never shows a value past its date and needs no restart or reload. The index
// is shared: rendering costs a pass over the entries and a new engine, not a new index.
type dayEngine struct {
	logger *slog.Logger
	set    *faq.Set // as loaded: {{facts}} unrendered
	now    func() time.Time
	build  func(view *faq.Set) *answer.Engine
	cur    atomic.Pointer[dayView]
}

// dayView is the content rendered for one day and the engine over it.
type dayView struct {
	view *faq.Set
	eng  *answer.Engine
}

func newDayEngine(logger *slog.Logger, set, view *faq.Set, now func() time.Time, build func(*faq.Set) *answer.Engine) *dayEngine {
	d := &dayEngine{logger: logger, set: set, now: now, build: build}
	d.cur.Store(&dayView{view: view, eng: build(view)})
	return d
}

// get returns the engine for now, rendering the content again if a fact has changed
// since it was last rendered.
func (d *dayEngine) get() *dayView {
	v := d.cur.Load()
	if v.view.Next.IsZero() {
		return v
	}
	now := d.now()
	if now.Before(v.view.Next) {
		return v
	}
	view := d.set.Resolve(now)
	nv := &dayView{view: view, eng: d.build(view)}
	if d.cur.CompareAndSwap(v, nv) {
		d.logger.Info("kb.facts_changed", "day", view.Day.String(), "next", view.Next)
		return nv
	}
	return d.cur.Load() // another request rendered it first
}

func (d *dayEngine) Answer(ctx context.Context, text string) answer.Reply {
	return d.get().eng.Answer(ctx, text)
}

// Entry returns the reply for an entry by its id or by an alias (an entry merged into it).
func (d *dayEngine) Entry(id string) (answer.Reply, bool) {
	v := d.get()
	return v.eng.Entry(v.view.Canonical(id))
}

// Canonical returns the entry id that id names (see faq.Set.Canonical).
func (d *dayEngine) Canonical(id string) string { return d.cur.Load().view.Canonical(id) }

func (d *dayEngine) Topics() []answer.Topic     { return d.get().eng.Topics() }
func (d *dayEngine) Message(key string) string  { return d.get().eng.Message(key) }
func (d *dayEngine) Suggested() []answer.Option { return d.get().eng.Suggested() }
func (d *dayEngine) Len() int                   { return d.cur.Load().eng.Len() }
