package sched

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// recorder notes the order jobs ran in.
type recorder struct {
	mu  sync.Mutex
	ran []string
}

func (r *recorder) job(key int64, name string, d time.Duration) Job {
	return Job{Key: key, Run: func(context.Context) {
		time.Sleep(d)
		r.mu.Lock()
		r.ran = append(r.ran, name)
		r.mu.Unlock()
	}}
}

func TestDispatcherOrderPerKeyAndTurns(t *testing.T) {
	d := NewDispatcher(1, 100, Hooks{})
	r := &recorder{}
	ctx := context.Background()
	for _, name := range []string{"a1", "a2", "a3", "a4"} {
		d.Enqueue(ctx, r.job(1, name, time.Millisecond))
	}
	d.Enqueue(ctx, r.job(2, "b1", 0))
	d.Start(ctx)
	d.Close()
	d.Wait()
	want := []string{"a1", "b1", "a2", "a3", "a4"} // b goes in its turn, not after a's backlog
	if len(r.ran) != len(want) {
		t.Fatalf("ran %v, want %v", r.ran, want)
	}
	for i := range want {
		if r.ran[i] != want[i] {
			t.Errorf("ran %v, want %v", r.ran, want)
			break
		}
	}
}

func TestDispatcherNeverRunsOneKeyConcurrently(t *testing.T) {
	var queued atomic.Int64
	d := NewDispatcher(8, 1000, Hooks{Queued: func(n int) { queued.Add(int64(n)) }})
	ctx := context.Background()
	d.Start(ctx)
	var mu sync.Mutex
	running := map[int64]int{}
	seq := map[int64][]int{}
	for i := range 200 {
		key := int64(i % 5)
		d.Enqueue(ctx, Job{Key: key, Run: func(context.Context) {
			mu.Lock()
			running[key]++
			if running[key] > 1 {
				t.Errorf("key %d runs two jobs at once", key)
			}
			seq[key] = append(seq[key], i)
			mu.Unlock()
			time.Sleep(100 * time.Microsecond)
			mu.Lock()
			running[key]--
			mu.Unlock()
		}})
	}
	d.Close()
	d.Wait()
	for key, s := range seq {
		for j := 1; j < len(s); j++ {
			if s[j] < s[j-1] {
				t.Errorf("key %d ran out of order: %v", key, s)
				break
			}
		}
	}
	if n := queued.Load(); n != 0 {
		t.Errorf("queued gauge after the drain = %d, want 0", n)
	}
}

func TestDispatcherSurvivesPanics(t *testing.T) {
	var panics atomic.Int64
	d := NewDispatcher(1, 10, Hooks{Panic: func(int64, any, []byte) { panics.Add(1) }})
	r := &recorder{}
	ctx := context.Background()
	d.Start(ctx)
	d.Enqueue(ctx, Job{Key: 1, Run: func(context.Context) { panic("boom") }})
	d.Enqueue(ctx, r.job(1, "after", 0))
	d.Close()
	d.Wait()
	if len(r.ran) != 1 || panics.Load() != 1 {
		t.Errorf("after a panic ran %v (panics reported %d), want the next job and 1", r.ran, panics.Load())
	}
}

func TestDispatcherBoundsAndClose(t *testing.T) {
	d := NewDispatcher(1, 2, Hooks{})
	release := make(chan struct{})
	ctx := context.Background()
	d.Start(ctx)
	block := Job{Key: 1, Run: func(context.Context) { <-release }}
	d.Enqueue(ctx, block)
	d.Enqueue(ctx, block)
	short, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
	defer cancel()
	if err := d.Enqueue(short, block); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("enqueue on a full dispatcher: %v, want it to wait until ctx is done", err)
	}
	close(release)
	d.Close()
	d.Wait()
	if err := d.Enqueue(ctx, block); !errors.Is(err, ErrClosed) {
		t.Errorf("enqueue after close: %v, want ErrClosed", err)
	}
}

func TestDispatcherSkipsJobsAfterDeadline(t *testing.T) {
	var dropped atomic.Int64
	d := NewDispatcher(1, 10, Hooks{Dropped: func(int64) { dropped.Add(1) }})
	r := &recorder{}
	ctx, cancel := context.WithCancel(context.Background())
	d.Enqueue(ctx, r.job(1, "late", 0))
	cancel()
	d.Start(ctx)
	d.Close()
	d.Wait()
	if len(r.ran) != 0 || dropped.Load() != 1 {
		t.Errorf("ran %v, dropped %d with the work context gone, want nothing run and 1 dropped", r.ran, dropped.Load())
	}
}

var errTransient, errRate, errFatal = errors.New("transient"), errors.New("rate"), errors.New("fatal")

func judge(err error) (Verdict, time.Duration) {
	switch err {
	case errTransient:
		return Transient, 0
	case errRate:
		return RateLimit, 3 * time.Second
	}
	return Stop, 0
}

func TestPolicyDo(t *testing.T) {
	p := Policy{Attempts: 3, RateAttempts: 2, Base: 100 * time.Millisecond, Cap: 150 * time.Millisecond,
		MaxRetryAfter: 2 * time.Second, PerAttempt: time.Second}
	tests := []struct {
		name      string
		errs      []error // returned by successive attempts; nil after the list
		wantErr   error
		wantCalls int
		wantWaits []time.Duration // before jitter for backoffs: checked within ±20%
	}{
		{"first try", nil, nil, 1, nil},
		{"transient then ok", []error{errTransient, errTransient}, nil, 3, []time.Duration{100 * time.Millisecond, 150 * time.Millisecond}},
		{"transient gives up", []error{errTransient, errTransient, errTransient, errTransient}, errTransient, 3, []time.Duration{100 * time.Millisecond, 150 * time.Millisecond}},
		{"fatal at once", []error{errFatal}, errFatal, 1, nil},
		{"rate limit honoured, cut to the max", []error{errRate}, nil, 2, []time.Duration{2 * time.Second}},
		{"rate limit gives up", []error{errRate, errRate}, errRate, 2, []time.Duration{2 * time.Second}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			calls := 0
			var waits []time.Duration
			err := p.do(context.Background(), func(context.Context) error {
				calls++
				if calls <= len(tt.errs) {
					return tt.errs[calls-1]
				}
				return nil
			}, judge, func(_ context.Context, d time.Duration) error { waits = append(waits, d); return nil })
			if !errors.Is(err, tt.wantErr) || calls != tt.wantCalls {
				t.Errorf("err %v after %d calls, want %v after %d", err, calls, tt.wantErr, tt.wantCalls)
			}
			if len(waits) != len(tt.wantWaits) {
				t.Fatalf("waits %v, want %v", waits, tt.wantWaits)
			}
			for i, w := range tt.wantWaits {
				if waits[i] < w*8/10 || waits[i] > w*12/10 {
					t.Errorf("wait %d = %v, want %v ±20%%", i, waits[i], w)
				}
			}
		})
	}
}

func TestPolicyDoStopsWithContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	calls := 0
	err := DefaultPolicy.Do(ctx, func(context.Context) error {
		calls++
		cancel()
		return errTransient
	}, judge)
	if err == nil || calls != 1 {
		t.Errorf("after cancel: err %v, %d calls; want the error and no retry", err, calls)
	}
}

func TestBackoffCapped(t *testing.T) {
	for n := 1; n < 80; n++ {
		if d := DefaultPolicy.Backoff(n); d <= 0 || d > DefaultPolicy.Cap*12/10 {
			t.Errorf("Backoff(%d) = %v, want within (0, cap+20%%]", n, d)
		}
	}
}

func TestSeen(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	s := NewSeen(5*time.Minute, 3, func() time.Time { return now })
	ctx := context.Background()
	steps := []struct {
		advance time.Duration
		id      int64
		want    bool
	}{
		{0, 1, false},
		{0, 1, true}, // a redelivery
		{time.Minute, 2, false},
		{time.Minute, 1, true},
		{0, 3, false},
		{0, 4, false}, // the fourth id: 1, the oldest, is forgotten (size bound)
		{0, 1, false},
		{10 * time.Minute, 4, false}, // long after: forgotten (time bound)
	}
	for i, st := range steps {
		now = now.Add(st.advance)
		if got, err := s.SeenUpdate(ctx, st.id); got != st.want || err != nil {
			t.Errorf("step %d: SeenUpdate(%d) = %v, %v; want %v", i, st.id, got, err, st.want)
		}
		if s.Len() > 3 {
			t.Errorf("step %d: %d ids remembered, bound is 3", i, s.Len())
		}
	}
}

func TestSeenForget(t *testing.T) {
	s := NewSeen(time.Minute, 10, nil)
	ctx := context.Background()
	s.SeenUpdate(ctx, 7)
	s.SeenUpdate(ctx, 8)
	s.ForgetUpdate(ctx, 7)
	if seen, _ := s.SeenUpdate(ctx, 7); seen {
		t.Errorf("a forgotten id counts as a repeat")
	}
	if seen, _ := s.SeenUpdate(ctx, 8); !seen {
		t.Errorf("forgetting one id forgot another")
	}
	if s.Len() != 2 || len(s.order) != 2 {
		t.Errorf("%d ids, %d in order after forget and re-add; want 2 and 2", s.Len(), len(s.order))
	}
}
