package telegram

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vneidbot/vneidbot/internal/metrics"
)

func newTestDispatcher(workers, max int) *dispatcher {
	return newDispatcher(slog.New(slog.NewTextHandler(io.Discard, nil)), metrics.New(), workers, max)
}

// recorder notes the order jobs ran in.
type recorder struct {
	mu  sync.Mutex
	ran []string
}

func (r *recorder) job(chat int64, name string, d time.Duration) job {
	return job{chat: chat, run: func(context.Context) {
		time.Sleep(d)
		r.mu.Lock()
		r.ran = append(r.ran, name)
		r.mu.Unlock()
	}}
}

func TestDispatcherOrderPerChatAndTurns(t *testing.T) {
	d := newTestDispatcher(1, 100)
	r := &recorder{}
	ctx := context.Background()
	for _, name := range []string{"a1", "a2", "a3", "a4"} {
		d.enqueue(ctx, r.job(1, name, time.Millisecond))
	}
	d.enqueue(ctx, r.job(2, "b1", 0))
	d.start(ctx)
	d.close()
	d.wait()
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

func TestDispatcherNeverRunsOneChatConcurrently(t *testing.T) {
	d := newTestDispatcher(8, 1000)
	ctx := context.Background()
	d.start(ctx)
	var mu sync.Mutex
	running := map[int64]int{}
	seq := map[int64][]int{}
	for i := range 200 {
		chat := int64(i % 5)
		d.enqueue(ctx, job{chat: chat, run: func(context.Context) {
			mu.Lock()
			running[chat]++
			if running[chat] > 1 {
				t.Errorf("chat %d runs two jobs at once", chat)
			}
			seq[chat] = append(seq[chat], i)
			mu.Unlock()
			time.Sleep(100 * time.Microsecond)
			mu.Lock()
			running[chat]--
			mu.Unlock()
		}})
	}
	d.close()
	d.wait()
	for chat, s := range seq {
		for j := 1; j < len(s); j++ {
			if s[j] < s[j-1] {
				t.Errorf("chat %d ran out of order: %v", chat, s)
				break
			}
		}
	}
}

func TestDispatcherSurvivesPanics(t *testing.T) {
	d := newTestDispatcher(1, 10)
	r := &recorder{}
	ctx := context.Background()
	d.start(ctx)
	d.enqueue(ctx, job{chat: 1, run: func(context.Context) { panic("boom") }})
	d.enqueue(ctx, r.job(1, "after", 0))
	d.close()
	d.wait()
	if len(r.ran) != 1 {
		t.Errorf("after a panic ran %v, want the next job", r.ran)
	}
}

func TestDispatcherBoundsAndClose(t *testing.T) {
	d := newTestDispatcher(1, 2)
	release := make(chan struct{})
	ctx := context.Background()
	d.start(ctx)
	block := job{chat: 1, run: func(context.Context) { <-release }}
	d.enqueue(ctx, block)
	d.enqueue(ctx, block)
	short, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
	defer cancel()
	if err := d.enqueue(short, block); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("enqueue on a full dispatcher: %v, want it to wait until ctx is done", err)
	}
	close(release)
	d.close()
	d.wait()
	if err := d.enqueue(ctx, block); !errors.Is(err, errClosed) {
		t.Errorf("enqueue after close: %v, want errClosed", err)
	}
}

func TestDispatcherSkipsJobsAfterDeadline(t *testing.T) {
	d := newTestDispatcher(1, 10)
	r := &recorder{}
	ctx, cancel := context.WithCancel(context.Background())
	d.enqueue(ctx, r.job(1, "late", 0))
	cancel()
	d.start(ctx)
	d.close()
	d.wait()
	if len(r.ran) != 0 {
		t.Errorf("ran %v with the work context gone, want nothing", r.ran)
	}
}

func TestChatStates(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	c := newChatStates(func() time.Time { return now })
	steps := []struct {
		do   string // "pending N", "retire", "choose N"
		want bool   // for choose
		ret  int    // for retire
	}{
		{do: "choose 5", want: true},   // unknown chat (after a restart): accepted
		{do: "choose 5", want: false},  // a second press on the same clarification
		{do: "pending 10"},             //
		{do: "choose 7", want: true},   // not known to be retired
		{do: "retire", ret: 10},        // a new question retires 10
		{do: "choose 10", want: false}, // so a late press on it is refused
		{do: "pending 12"},             //
		{do: "pending 14"},             // a newer clarification retires 12
		{do: "choose 12", want: false}, //
		{do: "choose 14", want: true},  //
		{do: "retire", ret: 0},         // nothing pending after the choice
	}
	for i, s := range steps {
		var n int
		switch {
		case s.do == "retire":
			if got := c.retire(1); got != s.ret {
				t.Errorf("step %d retire = %d, want %d", i, got, s.ret)
			}
		case strings.HasPrefix(s.do, "pending"):
			fmt.Sscanf(s.do, "pending %d", &n)
			c.setPending(1, n)
		default:
			fmt.Sscanf(s.do, "choose %d", &n)
			if got := c.choose(1, n); got != s.want {
				t.Errorf("step %d %s = %v, want %v", i, s.do, got, s.want)
			}
		}
	}
}
