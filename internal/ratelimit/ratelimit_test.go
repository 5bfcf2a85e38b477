package ratelimit

import (
	"testing"
	"time"
)

type clock struct{ t time.Time }

func (c *clock) now() time.Time      { return c.t }
func (c *clock) add(d time.Duration) { c.t = c.t.Add(d) }
func newClock() *clock               { return &clock{t: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)} }
func count(ds []Decision) (allow, notify int) {
	for _, d := range ds {
		if d.Allow {
			allow++
		}
		if d.Notify {
			notify++
		}
	}
	return allow, notify
}

func TestLimiter(t *testing.T) {
	tests := []struct {
		name       string
		limit      int
		events     int
		step       time.Duration // time between events
		wantAllow  int
		wantNotify int
	}{
		{"under the limit", 20, 10, time.Second, 10, 0},
		{"burst over the limit", 20, 30, 0, 20, 1},
		{"a long flood: one notice per window", 20, 200, time.Second, 80, 3},
		{"slow and steady never limited", 20, 100, 3 * time.Second, 100, 0},
		{"disabled", 0, 100, 0, 100, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newClock()
			l := New[int64](tt.limit, time.Minute, c.now)
			var ds []Decision
			for range tt.events {
				ds = append(ds, l.Allow(1))
				c.add(tt.step)
			}
			allow, notify := count(ds)
			if allow != tt.wantAllow || notify != tt.wantNotify {
				t.Errorf("allowed %d, notified %d; want %d, %d", allow, notify, tt.wantAllow, tt.wantNotify)
			}
		})
	}
}

func TestLimiterKeysAreIndependent(t *testing.T) {
	c := newClock()
	l := New[string](2, time.Minute, c.now)
	for range 5 {
		l.Allow("flood")
	}
	if d := l.Allow("calm"); !d.Allow {
		t.Errorf("a quiet key was limited by another key's flood: %+v", d)
	}
}

func TestLimiterRetryAfterAndRecovery(t *testing.T) {
	c := newClock()
	l := New[int](2, time.Minute, c.now)
	l.Allow(7)
	c.add(10 * time.Second)
	l.Allow(7)
	d := l.Allow(7)
	if d.Allow || !d.Notify {
		t.Fatalf("third event: got %+v, want refused with a notice", d)
	}
	if got, want := d.RetryAfter, 50*time.Second; got != want {
		t.Errorf("RetryAfter = %v, want %v", got, want)
	}
	c.add(50 * time.Second)
	if d := l.Allow(7); !d.Allow {
		t.Errorf("after the first event left the window: got %+v, want allowed", d)
	}
}

func TestLimiterForgetsQuietKeys(t *testing.T) {
	c := newClock()
	l := New[int](3, time.Minute, c.now)
	for k := range 100 {
		l.Allow(k)
	}
	c.add(2 * time.Minute)
	l.Allow(1000)
	if got := l.Len(); got != 1 {
		t.Errorf("Len after a quiet window = %d, want 1", got)
	}
}

func TestNilLimiterAllows(t *testing.T) {
	var l *Limiter[int]
	if d := l.Allow(1); !d.Allow {
		t.Errorf("nil limiter: got %+v, want allowed", d)
	}
}
