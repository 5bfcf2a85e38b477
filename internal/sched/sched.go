// Package sched runs work for many conversations fairly and retries calls to flaky services.
// It knows no Telegram and no HTTP: the Telegram edge uses it for its updates and Bot API
// calls, and any other edge with per-conversation order can use it the same way.
//
// A Dispatcher runs jobs on a fixed pool of workers, one job per key (a chat) at a time, in
// the order they came, taking keys in turn so that one chat's backlog never holds up another.
// The number of jobs waiting or running is bounded: Enqueue waits when it is full, which in
// long-polling mode stops fetching more updates (back-pressure instead of dropping).
//
// Policy retries a call with exponential backoff, or after the wait a rate-limited service
// asks for; Seen remembers recent ids (bounded in time and size) so redelivered work is done once.
package sched

import (
	"context"
	"errors"
	"runtime/debug"
	"sync"
)

// ErrClosed is returned by Enqueue once the dispatcher has stopped taking jobs.
var ErrClosed = errors.New("sched: not accepting jobs")

// Job is one piece of work for one key.
type Job struct {
	Key int64
	Run func(ctx context.Context)
}

// Hooks let the owner count and log what the dispatcher does; nil hooks are skipped.
type Hooks struct {
	Queued  func(delta int)                      // a job was queued (+1) or finished (-1)
	Dropped func(key int64)                      // a job skipped because the work context was gone
	Panic   func(key int64, v any, stack []byte) // a job panicked; the worker goes on
}

// Dispatcher is a bounded, fair, per-key ordered worker pool.
type Dispatcher struct {
	hooks   Hooks
	workers int
	slots   chan struct{} // one per job waiting or running

	mu      sync.Mutex
	cond    *sync.Cond
	queues  map[int64][]Job // waiting jobs per key
	active  map[int64]bool  // key is in ready or has a job running
	ready   []int64         // keys with waiting jobs and none running, in turn order
	pending int             // jobs waiting or running
	closed  bool
	wg      sync.WaitGroup
}

// NewDispatcher makes a dispatcher of workers goroutines holding at most maxQueued jobs.
func NewDispatcher(workers, maxQueued int, hooks Hooks) *Dispatcher {
	d := &Dispatcher{
		hooks: hooks, workers: max(workers, 1),
		slots:  make(chan struct{}, max(maxQueued, 1)),
		queues: make(map[int64][]Job),
		active: make(map[int64]bool),
	}
	d.cond = sync.NewCond(&d.mu)
	return d
}

// Start launches the workers; jobs run with ctx.
func (d *Dispatcher) Start(ctx context.Context) {
	d.wg.Add(d.workers)
	for range d.workers {
		go d.work(ctx)
	}
}

// Enqueue adds a job behind the key's earlier ones. It waits for room while the dispatcher
// is full, until ctx is done.
func (d *Dispatcher) Enqueue(ctx context.Context, j Job) error {
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
		return ErrClosed
	}
	d.queues[j.Key] = append(d.queues[j.Key], j)
	d.pending++
	if !d.active[j.Key] {
		d.active[j.Key] = true
		d.ready = append(d.ready, j.Key)
		d.cond.Signal()
	}
	d.mu.Unlock()
	if d.hooks.Queued != nil {
		d.hooks.Queued(1)
	}
	return nil
}

// Close stops taking jobs; the workers finish what is queued, then return.
func (d *Dispatcher) Close() {
	d.mu.Lock()
	d.closed = true
	d.cond.Broadcast()
	d.mu.Unlock()
}

// Wait returns when every worker has returned (after Close).
func (d *Dispatcher) Wait() { d.wg.Wait() }

// Waiting reports how many jobs are waiting or running.
func (d *Dispatcher) Waiting() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.pending
}

func (d *Dispatcher) work(ctx context.Context) {
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
		key := d.ready[0]
		d.ready = d.ready[1:]
		q := d.queues[key]
		j := q[0]
		q[0] = Job{}
		d.queues[key] = q[1:]
		d.mu.Unlock()

		d.run(ctx, j)

		d.mu.Lock()
		d.pending--
		if len(d.queues[key]) > 0 {
			d.ready = append(d.ready, key) // to the back: other keys go first
		} else {
			delete(d.queues, key)
			delete(d.active, key)
		}
		if d.closed && d.pending == 0 {
			d.cond.Broadcast()
		}
		<-d.slots
		if d.hooks.Queued != nil {
			d.hooks.Queued(-1)
		}
	}
}

// run runs one job; a job left when the work context is gone (a drain deadline passed) is
// reported and skipped, and a panic is the job's last line of defence.
func (d *Dispatcher) run(ctx context.Context, j Job) {
	if ctx.Err() != nil {
		if d.hooks.Dropped != nil {
			d.hooks.Dropped(j.Key)
		}
		return
	}
	defer func() {
		if v := recover(); v != nil && d.hooks.Panic != nil {
			d.hooks.Panic(j.Key, v, debug.Stack())
		}
	}()
	j.Run(ctx)
}
