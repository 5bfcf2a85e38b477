package store

import (
	"context"
	"log/slog"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// Sink is what the Writer needs of a database.
type Sink interface {
	Add(ctx context.Context, xs []Exchange) error
	SetFeedback(ctx context.Context, f Feedback) error
}

// WriterSettings tune the Writer. Zero values take the defaults.
type WriterSettings struct {
	// Queue is how many records may wait; when full, new ones are dropped and counted, so
	// a slow or dead database never holds a reply. Default 8192: at 500 replies a second
	// (far above today's traffic) that is 16 s of a stalled database.
	Queue int
	// Batch is the most records written in one transaction. Default 256: one SQLite commit
	// of 256 rows costs about what a few single-row commits do.
	Batch int
	// Every is how long a record may wait for a batch to fill. Default 200 ms: staff read the
	// console minutes later, and citizens' feedback comes seconds later.
	Every time.Duration
	// Timeout bounds one database write. Default 5 s.
	Timeout time.Duration
	// LogEvery is the least time between two log lines about lost records. Default 1 minute.
	LogEvery time.Duration
	Now      func() time.Time
}

func (s *WriterSettings) defaults() {
	if s.Queue <= 0 {
		s.Queue = 8192
	}
	if s.Batch <= 0 {
		s.Batch = 256
	}
	if s.Every <= 0 {
		s.Every = 200 * time.Millisecond
	}
	if s.Timeout <= 0 {
		s.Timeout = 5 * time.Second
	}
	if s.LogEvery <= 0 {
		s.LogEvery = time.Minute
	}
	if s.Now == nil {
		s.Now = time.Now
	}
}

// WriterStats are the Writer's counters since it started.
type WriterStats struct {
	Written int64 // exchanges and votes stored
	Lost    int64 // dropped because the queue was full or the database failed
	Queued  int   // waiting now
}

type item struct {
	r  *Reply // an exchange to record
	id string
	at time.Time
	f  *Feedback // or a vote
}

// Writer records exchanges and feedback off the reply path: Record and Vote only put the
// record in a bounded queue and return; one goroutine writes batches. If the database is
// down, records are lost, counted (Stats, the metrics) and logged at most once per LogEvery.
type Writer struct {
	log  *slog.Logger
	sink Sink
	set  WriterSettings
	hash Hasher

	q      chan item
	flushq chan chan struct{}
	done   chan struct{}
	mu     sync.RWMutex // held to send on q; Close takes it to close q
	closed bool

	written, lost atomic.Int64
	lastLog       time.Time // of the loss log line; only the writer goroutine touches it
	lostLogged    int64
}

// NewWriter starts a writer into sink. Close it to flush what is queued.
func NewWriter(logger *slog.Logger, sink Sink, h Hasher, set WriterSettings) *Writer {
	set.defaults()
	w := &Writer{
		log: logger, sink: sink, set: set, hash: h,
		q:      make(chan item, set.Queue),
		flushq: make(chan chan struct{}),
		done:   make(chan struct{}),
	}
	go w.run()
	return w
}

// Reply is what a channel tells the Writer about one reply.
type Reply struct {
	Channel    string
	Subject    string // the chat or user id in clear; only its keyed hash is kept
	Text       string // the citizen's text (redacted again here, whatever the caller did)
	Kind       string
	Entry      string
	Confidence float64
	RunnersUp  []string
	Flags      []string
}

// Record queues the exchange of one reply and returns its id, to be shown with the reply so
// feedback can name it. It never blocks, and leaves the redaction and normalisation to the
// writer's goroutine, off the reply's path.
func (w *Writer) Record(r Reply) string {
	id := NewID()
	if len(r.RunnersUp) > 5 {
		r.RunnersUp = r.RunnersUp[:5]
	}
	r.RunnersUp = slices.Clone(r.RunnersUp)
	r.Flags = slices.Clone(r.Flags)
	w.put(item{r: &r, id: id, at: w.set.Now().UTC()})
	return id
}

// exchange is the record of a queued reply: redacted, normalised, its subject hashed.
func (w *Writer) exchange(it item) Exchange {
	text := Redact(it.r.Text)
	return Exchange{
		ID: it.id, Time: it.at, Channel: it.r.Channel, Subject: w.hash.Subject(it.r.Subject),
		Text: text, Norm: Normalize(text), Kind: it.r.Kind, Entry: it.r.Entry, Confidence: it.r.Confidence,
		RunnersUp: it.r.RunnersUp, Flags: it.r.Flags,
	}
}

// MaxReason is the longest feedback reason kept, in runes.
const MaxReason = 200

// Vote queues feedback on exchange id (an id Record gave). It reports false for a malformed
// id or vote; it never blocks.
func (w *Writer) Vote(id, vote, reason string) bool {
	if !ValidID(id) || (vote != VoteUp && vote != VoteDown) {
		return false
	}
	if r := []rune(reason); len(r) > MaxReason {
		reason = string(r[:MaxReason])
	}
	w.put(item{f: &Feedback{Exchange: id, Vote: vote, Reason: reason, Time: w.set.Now().UTC()}})
	return true
}

// Subject is the keyed hash the Writer keeps for a chat or user id.
func (w *Writer) Subject(id string) string { return w.hash.Subject(id) }

func (w *Writer) put(it item) {
	w.mu.RLock()
	defer w.mu.RUnlock()
	if w.closed {
		w.lost.Add(1)
		return
	}
	select {
	case w.q <- it:
	default:
		w.lost.Add(1)
	}
}

// Flush waits until everything queued before the call is written (or lost).
func (w *Writer) Flush() {
	ack := make(chan struct{})
	select {
	case w.flushq <- ack:
		<-ack
	case <-w.done:
	}
}

// Close stops taking records, writes what is queued within ctx, and returns.
func (w *Writer) Close(ctx context.Context) {
	w.mu.Lock()
	if !w.closed {
		w.closed = true
		close(w.q)
	}
	w.mu.Unlock()
	select {
	case <-w.done:
	case <-ctx.Done():
	}
}

// Stats returns the counters.
func (w *Writer) Stats() WriterStats {
	return WriterStats{Written: w.written.Load(), Lost: w.lost.Load(), Queued: len(w.q)}
}

func (w *Writer) run() {
	defer close(w.done)
	tick := time.NewTicker(w.set.Every)
	defer tick.Stop()
	var xs []Exchange
	var fs []Feedback
	flush := func() {
		if len(xs) > 0 {
			w.write(len(xs), func(ctx context.Context) error { return w.sink.Add(ctx, xs) })
			xs = xs[:0]
		}
		// Votes after their exchanges, so a vote in the same batch finds its record.
		for _, f := range fs {
			w.write(1, func(ctx context.Context) error { return w.sink.SetFeedback(ctx, f) })
		}
		fs = fs[:0]
		w.reportLoss(false)
	}
	add := func(it item) {
		if it.r != nil {
			xs = append(xs, w.exchange(it))
		} else {
			f := *it.f
			f.Reason = Redact(f.Reason)
			fs = append(fs, f)
		}
	}
	for {
		select {
		case it, ok := <-w.q:
			if !ok {
				flush()
				w.reportLoss(true)
				return
			}
			add(it)
			// Take what else is waiting, up to a batch, without waiting for more.
			for len(xs)+len(fs) < w.set.Batch {
				select {
				case it, ok := <-w.q:
					if !ok {
						flush()
						w.reportLoss(true)
						return
					}
					add(it)
					continue
				default:
				}
				break
			}
			if len(xs)+len(fs) >= w.set.Batch {
				flush()
			}
		case <-tick.C:
			flush()
		case ack := <-w.flushq:
			for n := len(w.q); n > 0; n-- {
				it, ok := <-w.q
				if !ok {
					break
				}
				add(it)
				if len(xs)+len(fs) >= w.set.Batch {
					flush()
				}
			}
			flush()
			close(ack)
		}
	}
}

func (w *Writer) write(n int, f func(context.Context) error) {
	ctx, cancel := context.WithTimeout(context.Background(), w.set.Timeout)
	defer cancel()
	if err := f(ctx); err != nil {
		w.lost.Add(int64(n))
		w.reportLossErr(err)
		return
	}
	w.written.Add(int64(n))
}

// reportLossErr logs a write error at most once per LogEvery, with the count lost since.
func (w *Writer) reportLossErr(err error) {
	now := w.set.Now()
	if !w.lastLog.IsZero() && now.Sub(w.lastLog) < w.set.LogEvery {
		return
	}
	lost := w.lost.Load()
	w.log.Warn("store.write", "outcome", "records_lost", "lost_since_last_log", lost-w.lostLogged, "lost_total", lost, "err", err)
	w.lastLog, w.lostLogged = now, lost
}

// reportLoss logs drops from a full queue (no error to show) at most once per LogEvery.
func (w *Writer) reportLoss(final bool) {
	lost := w.lost.Load()
	if lost == w.lostLogged {
		return
	}
	now := w.set.Now()
	if !final && !w.lastLog.IsZero() && now.Sub(w.lastLog) < w.set.LogEvery {
		return
	}
	w.log.Warn("store.write", "outcome", "records_lost", "lost_since_last_log", lost-w.lostLogged, "lost_total", lost)
	w.lastLog, w.lostLogged = now, lost
}
