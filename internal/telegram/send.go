package telegram

import (
	"context"
	"errors"
	"math/rand/v2"
	"net"
	"net/url"
	"strings"
	"time"

	"github.com/go-telegram/bot"
)

// Reasons a Bot API call failed, as logged and counted. The library's error text is never
// logged: it can hold the API URL and, for a decoding error, the response body.
const (
	reasonTooMany      = "too_many_requests"
	reasonForbidden    = "forbidden"
	reasonBadRequest   = "bad_request"
	reasonUnauthorized = "unauthorized"
	reasonNotFound     = "not_found"
	reasonConflict     = "conflict"
	reasonMigrate      = "migrated"
	reasonCanceled     = "canceled"
	reasonTimeout      = "timeout"
	reasonNetwork      = "network"
	reasonServer       = "server"
	reasonBadResponse  = "bad_response"
	reasonOther        = "other"
)

// classify names what went wrong with a Bot API call.
func classify(err error) string {
	var tooMany *bot.TooManyRequestsError
	var migrate *bot.MigrateError
	var urlErr *url.Error
	var netErr net.Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &tooMany):
		return reasonTooMany
	case errors.As(err, &migrate):
		return reasonMigrate
	case errors.Is(err, bot.ErrorForbidden):
		return reasonForbidden
	case errors.Is(err, bot.ErrorBadRequest):
		return reasonBadRequest
	case errors.Is(err, bot.ErrorUnauthorized):
		return reasonUnauthorized
	case errors.Is(err, bot.ErrorNotFound):
		return reasonNotFound
	case errors.Is(err, bot.ErrorConflict):
		return reasonConflict
	case errors.Is(err, context.Canceled):
		return reasonCanceled
	case errors.Is(err, context.DeadlineExceeded):
		return reasonTimeout
	case errors.As(err, &urlErr), errors.As(err, &netErr):
		return reasonNetwork
	}
	msg := err.Error()
	switch {
	case strings.Contains(msg, "error response from telegram"):
		return reasonServer // 5xx and other codes the library does not name
	case strings.Contains(msg, "decode response"), strings.Contains(msg, "read response"):
		return reasonBadResponse // a proxy's HTML error page, a cut connection
	}
	return reasonOther
}

// transient reasons are worth retrying with backoff.
func transient(reason string) bool {
	switch reason {
	case reasonTimeout, reasonNetwork, reasonServer, reasonBadResponse:
		return true
	}
	return false
}

// apiError is a Bot API failure fit to log and show: the method and the reason, no URL.
type apiError struct {
	method, reason string
	err            error
}

func (e *apiError) Error() string { return "telegram " + e.method + ": " + e.reason }
func (e *apiError) Unwrap() error { return e.err }

// reasonOf is the reason of an error returned by call.
func reasonOf(err error) string {
	var ae *apiError
	if errors.As(err, &ae) {
		return ae.reason
	}
	return classify(err)
}

// retryPolicy bounds how long a call keeps trying.
type retryPolicy struct {
	attempts      int           // tries for transient errors, the first included
	rateAttempts  int           // tries for 429s
	base, cap     time.Duration // exponential backoff between transient retries
	maxRetryAfter time.Duration // a longer retry_after is cut to this
	perAttempt    time.Duration // timeout of one HTTP call
}

var defaultRetry = retryPolicy{
	attempts:      5,
	rateAttempts:  6,
	base:          200 * time.Millisecond,
	cap:           5 * time.Second,
	maxRetryAfter: 2 * time.Minute,
	perAttempt:    20 * time.Second,
}

// backoff is the wait before retry number n (1-based), with ±20% jitter.
func (p retryPolicy) backoff(n int) time.Duration {
	d := p.base << (n - 1)
	if d > p.cap || d <= 0 {
		d = p.cap
	}
	j := time.Duration(float64(d) * (0.8 + 0.4*rand.Float64()))
	return j
}

// call runs one Bot API method with retries: a 429 waits retry_after and tries again,
// a transient failure backs off and tries again, anything else is returned at once.
// Every failed attempt is counted; the returned error is an *apiError.
func (b *Bot) call(ctx context.Context, method string, fn func(context.Context) error) error {
	p := b.retry
	tries, rateTries := 0, 0
	for {
		actx, cancel := context.WithTimeout(ctx, p.perAttempt)
		err := fn(actx)
		cancel()
		if err == nil {
			return nil
		}
		reason := classify(err)
		if ctx.Err() != nil {
			reason = reasonCanceled
		}
		b.m.TelegramSendErrors.WithLabelValues(method, reason).Inc()
		var wait time.Duration
		var tooMany *bot.TooManyRequestsError
		switch {
		case reason == reasonCanceled:
			return &apiError{method, reason, err}
		case errors.As(err, &tooMany):
			rateTries++
			if rateTries >= p.rateAttempts {
				return &apiError{method, reason, err}
			}
			wait = min(time.Duration(max(tooMany.RetryAfter, 1))*time.Second, p.maxRetryAfter)
		case transient(reason):
			tries++
			if tries >= p.attempts {
				return &apiError{method, reason, err}
			}
			wait = p.backoff(tries)
		default:
			return &apiError{method, reason, err}
		}
		b.log.Debug("telegram.retry", "method", method, "reason", reason, "wait", wait)
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return &apiError{method, reasonCanceled, ctx.Err()}
		case <-t.C:
		}
	}
}
