package sched

import (
	"context"
	"math/rand/v2"
	"time"
)

// Policy bounds how long a call keeps trying.
type Policy struct {
	Attempts      int           // tries for transient errors, the first included
	RateAttempts  int           // tries when the service says "too many requests"
	Base, Cap     time.Duration // exponential backoff between transient retries
	MaxRetryAfter time.Duration // a longer server-given wait is cut to this
	PerAttempt    time.Duration // timeout of one attempt
}

// DefaultPolicy suits a chat API: a reply that cannot be sent within about half a minute of
// transient trouble is given up (the citizen has moved on), while a rate limit is honoured for
// up to two minutes because the server says exactly when to come back.
var DefaultPolicy = Policy{
	Attempts:      5,
	RateAttempts:  6,
	Base:          200 * time.Millisecond,
	Cap:           5 * time.Second,
	MaxRetryAfter: 2 * time.Minute,
	PerAttempt:    20 * time.Second,
}

// Backoff is the wait before retry number n (1-based), with ±20% jitter.
func (p Policy) Backoff(n int) time.Duration {
	d := p.Base << (n - 1)
	if d > p.Cap || d <= 0 {
		d = p.Cap
	}
	return time.Duration(float64(d) * (0.8 + 0.4*rand.Float64()))
}

// Verdict is the caller's judgement of a failed attempt.
type Verdict int

const (
	Stop      Verdict = iota // give up: return the error
	Transient                // retry after Backoff
	RateLimit                // retry after the server-given wait
)

// Do runs fn until it succeeds, judge says Stop, the attempts of its kind are used up, or ctx
// is done. judge sees every failure and returns a verdict and, for RateLimit, the wait the
// server asked for. Do returns nil or the last error (ctx.Err() when cancelled while waiting).
func (p Policy) Do(ctx context.Context, fn func(context.Context) error, judge func(error) (Verdict, time.Duration)) error {
	return p.do(ctx, fn, judge, sleep)
}

func (p Policy) do(ctx context.Context, fn func(context.Context) error, judge func(error) (Verdict, time.Duration),
	wait func(context.Context, time.Duration) error) error {
	tries, rateTries := 0, 0
	for {
		actx, cancel := context.WithTimeout(ctx, p.PerAttempt)
		err := fn(actx)
		cancel()
		if err == nil {
			return nil
		}
		if ctx.Err() != nil {
			return err
		}
		v, after := judge(err)
		var d time.Duration
		switch v {
		case RateLimit:
			rateTries++
			if rateTries >= p.RateAttempts {
				return err
			}
			d = min(max(after, time.Second), p.MaxRetryAfter)
		case Transient:
			tries++
			if tries >= p.Attempts {
				return err
			}
			d = p.Backoff(tries)
		default:
			return err
		}
		if werr := wait(ctx, d); werr != nil {
			return werr
		}
	}
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
