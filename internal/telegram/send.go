package telegram

import (
	"context"
	"errors"
	"net"
	"net/url"
	"strings"
	"time"

	"github.com/go-telegram/bot"

	"github.com/vneidbot/vneidbot/internal/sched"
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

// call runs one Bot API method under the retry policy: a 429 waits retry_after and tries
// again, a transient failure backs off and tries again, anything else is returned at once.
// Every failed attempt is counted; the returned error is an *apiError.
func (b *Bot) call(ctx context.Context, method string, fn func(context.Context) error) error {
	var reason string
	err := b.retry.Do(ctx, fn, func(err error) (sched.Verdict, time.Duration) {
		reason = classify(err)
		b.m.TelegramSendErrors.WithLabelValues(method, reason).Inc()
		var tooMany *bot.TooManyRequestsError
		switch {
		case reason == reasonCanceled:
			return sched.Stop, 0
		case errors.As(err, &tooMany):
			b.log.Debug("telegram.retry", "method", method, "reason", reason)
			return sched.RateLimit, time.Duration(tooMany.RetryAfter) * time.Second
		case transient(reason):
			b.log.Debug("telegram.retry", "method", method, "reason", reason)
			return sched.Transient, 0
		}
		return sched.Stop, 0
	})
	if err == nil {
		return nil
	}
	if ctx.Err() != nil {
		if reason != reasonCanceled { // cancelled between attempts: count it once
			b.m.TelegramSendErrors.WithLabelValues(method, reasonCanceled).Inc()
		}
		return &apiError{method, reasonCanceled, err}
	}
	return &apiError{method, reason, err}
}
