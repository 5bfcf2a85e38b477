package telegram

import (
	"context"
	"errors"
	"log/slog"
	"runtime/debug"
	"sync"

	"github.com/vneidbot/vneidbot/internal/metrics"
)

// errClosed is returned by enqueue once the bot has stopped taking updates.
var errClosed = errors.New("telegram: not accepting updates")

// job is one update to handle for one chat.
type job struct {
	chat int64
	run  func(ctx context.Context)
}

// dispatcher runs jobs on a fixed pool of workers, one job per chat at a time and in the
// order they came, taking chats in turn so that one chat's backlog never holds up another.
// The number of jobs waiting or running is bounded: enqueue blocks when it is full, which
// in long-polling mode stops fetching more updates (back-pressure instead of dropping).
type dispatcher struct {
	log     *slog.Logger
	m       *metrics.Metrics
	workers int
	slots   chan struct{} // one per job waiting or running

	mu      sync.Mutex
	cond    *sync.Cond
	queues  map[int64][]job // waiting jobs per chat
	active  map[int64]bool  // chat is in ready or has a job running
	ready   []int64         // chats with waiting jobs and none running, in turn order
	pending int             // jobs waiting or running
	closed  bool
	wg      sync.WaitGroup
}

func newDispatcher(logger *slog.Logger, m *metrics.Metrics, workers, maxQueued int) *dispatcher {
	d := &dispatcher{
		log: logger, m: m, workers: workers,
		slots:  make(chan struct{}, maxQueued),
		queues: make(map[int64][]job),
		active: make(map[int64]bool),
	}
	d.cond = sync.NewCond(&d.mu)
	return d
}

// start launches the workers; jobs run with ctx.
func (d *dispatcher) start(ctx context.Context) {
	d.wg.Add(d.workers)
	for range d.workers {
		go d.work(ctx)
	}
}

// enqueue adds a job behind the chat's earlier ones. It waits for room while the
// dispatcher is full, until ctx is done.
func (d *dispatcher) enqueue(ctx context.Context, j job) error {
	select {
	case d.slots <- struct{}{}: // room: take it even if ctx is done (shutdown still answers it)
	default:
		select {
		case d.slots <- struct{}{}:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	d.mu.Lock()
	if d.closed {
		d.mu.Unlock()
		<-d.slots
		return errClosed
	}
	d.queues[j.chat] = append(d.queues[j.chat], j)
	d.pending++
	if !d.active[j.chat] {
		d.active[j.chat] = true
		d.ready = append(d.ready, j.chat)
		d.cond.Signal()
	}
	d.mu.Unlock()
	d.m.TelegramQueued.Inc()
	return nil
}

// close stops taking jobs; the workers finish what is queued, then return.
func (d *dispatcher) close() {
	d.mu.Lock()
	d.closed = true
	d.cond.Broadcast()
	d.mu.Unlock()
}

// wait returns when every worker has returned (after close).
func (d *dispatcher) wait() { d.wg.Wait() }

// waiting reports how many jobs are waiting or running.
func (d *dispatcher) waiting() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.pending
}

func (d *dispatcher) work(ctx context.Context) {
	defer d.wg.Done()
	d.mu.Lock()
	for {
		for len(d.ready) == 0 && !(d.closed && d.pending == 0) {
			d.cond.Wait()
		}
		if len(d.ready) == 0 {
			d.mu.Unlock()
			return
		}
		chat := d.ready[0]
		d.ready = d.ready[1:]
		q := d.queues[chat]
		j := q[0]
		q[0] = job{}
		d.queues[chat] = q[1:]
		d.mu.Unlock()

		d.run(ctx, j)

		d.mu.Lock()
		d.pending--
		if len(d.queues[chat]) > 0 {
			d.ready = append(d.ready, chat) // to the back: other chats go first
		} else {
			delete(d.queues, chat)
			delete(d.active, chat)
		}
		if d.closed && d.pending == 0 {
			d.cond.Broadcast()
		}
		<-d.slots
		d.m.TelegramQueued.Dec()
	}
}

// run runs one job; a job left when the work context is gone (the drain deadline passed)
// is counted and skipped, and a panic is the job's last line of defence.
func (d *dispatcher) run(ctx context.Context, j job) {
	if ctx.Err() != nil {
		d.m.TelegramDropped.WithLabelValues("shutdown").Inc()
		d.log.Warn("telegram.dropped", "chat", j.chat, "reason", "shutdown")
		return
	}
	defer func() {
		if v := recover(); v != nil {
			d.m.Panics.WithLabelValues("telegram").Inc()
			d.log.Error("telegram.panic", "chat", j.chat, "panic", v, "stack", string(debug.Stack()))
		}
	}()
	j.run(ctx)
}
