// Package metrics owns the service's Prometheus metrics: one registry per process (no global
// state), built in cmd and handed to the edges, which count what they see. Names are prefixed
// vneidbot_; label values are bounded sets (routes, kinds, reasons), never user input.
package metrics

import (
	"net/http"
	"sync/atomic"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// IndexStats is what the knowledge base reports about its index.
type IndexStats struct {
	Entries      int
	Reloads      int64
	ReloadErrors int64
	SearchErrors int64
}

// Metrics holds the collectors. Its fields are safe for concurrent use.
type Metrics struct {
	reg *prometheus.Registry

	HTTPRequests   *prometheus.CounterVec   // route, code
	HTTPDuration   *prometheus.HistogramVec // route
	Replies        *prometheus.CounterVec   // channel, kind
	AnswerDuration *prometheus.HistogramVec // channel: time to compute a reply
	Feedback       *prometheus.CounterVec   // channel, vote
	RateLimited    *prometheus.CounterVec   // channel
	Panics         *prometheus.CounterVec   // where

	TelegramUpdates    *prometheus.CounterVec // type
	TelegramSendErrors *prometheus.CounterVec // method, reason: every failed Bot API call, retried or not
	TelegramDropped    *prometheus.CounterVec // reason: replies given up on
	TelegramQueued     prometheus.Gauge       // jobs waiting or running
	TelegramDelivery   prometheus.Histogram   // update received → reply delivered

	index atomic.Pointer[func() IndexStats]
	store atomic.Pointer[func() StoreStats]
}

// StoreStats is what the exchange store's writer reports.
type StoreStats struct {
	Written int64 // exchanges and votes stored
	Lost    int64 // dropped: queue full or database down
	Queued  int   // waiting to be written
}

// New builds the metrics on a fresh registry, with the Go and process collectors.
func New() *Metrics {
	m := &Metrics{reg: prometheus.NewRegistry()}
	f := factory{m.reg}
	m.HTTPRequests = f.counterVec("vneidbot_http_requests_total", "HTTP requests by route pattern and status code.", "route", "code")
	m.HTTPDuration = f.histogramVec("vneidbot_http_request_duration_seconds", "HTTP request latency by route pattern.", "route")
	m.Replies = f.counterVec("vneidbot_replies_total", "Replies given, by channel and kind.", "channel", "kind")
	m.AnswerDuration = f.histogramVec("vneidbot_answer_duration_seconds", "Time to compute a reply, by channel.", "channel")
	m.Feedback = f.counterVec("vneidbot_feedback_total", "Feedback votes on answers, by channel and vote.", "channel", "vote")
	m.RateLimited = f.counterVec("vneidbot_rate_limited_total", "Messages or requests refused by a per-chat or per-client limit.", "channel")
	m.Panics = f.counterVec("vneidbot_panics_total", "Panics recovered in handlers.", "where")
	m.TelegramUpdates = f.counterVec("vneidbot_telegram_updates_total", "Telegram updates received, by type.", "type")
	m.TelegramSendErrors = f.counterVec("vneidbot_telegram_send_errors_total", "Failed Bot API calls (each attempt), by method and reason.", "method", "reason")
	m.TelegramDropped = f.counterVec("vneidbot_telegram_dropped_total", "Telegram replies given up on, by reason.", "reason")
	m.TelegramQueued = prometheus.NewGauge(prometheus.GaugeOpts{Name: "vneidbot_telegram_queued_jobs", Help: "Telegram jobs waiting or running."})
	m.TelegramDelivery = prometheus.NewHistogram(prometheus.HistogramOpts{
		Name: "vneidbot_telegram_delivery_seconds", Help: "Time from receiving a Telegram update to delivering its reply.",
		Buckets: []float64{.01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60},
	})
	m.reg.MustRegister(m.TelegramQueued, m.TelegramDelivery)

	stats := func() IndexStats {
		if f := m.index.Load(); f != nil {
			return (*f)()
		}
		return IndexStats{}
	}
	m.reg.MustRegister(
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "vneidbot_index_entries", Help: "FAQ entries in the live index."},
			func() float64 { return float64(stats().Entries) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "vneidbot_index_reloads_total", Help: "Successful index reloads."},
			func() float64 { return float64(stats().Reloads) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "vneidbot_index_reload_errors_total", Help: "Reloads refused because the FAQ had problems or the index could not be built."},
			func() float64 { return float64(stats().ReloadErrors) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "vneidbot_search_errors_total", Help: "Searches that failed (each logged as answer.search_error; the citizen was told)."},
			func() float64 { return float64(stats().SearchErrors) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "vneidbot_store_written_total", Help: "Exchanges and feedback votes written to the store."},
			func() float64 { return float64(m.storeStats().Written) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "vneidbot_store_lost_total", Help: "Exchanges and votes not stored: queue full or database down (replies went on)."},
			func() float64 { return float64(m.storeStats().Lost) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "vneidbot_store_queued", Help: "Exchanges and votes waiting to be written."},
			func() float64 { return float64(m.storeStats().Queued) }),
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
	)
	return m
}

// SetIndexSource tells the metrics where to read index statistics from, once the index is open.
func (m *Metrics) SetIndexSource(f func() IndexStats) { m.index.Store(&f) }

// SetStoreSource tells the metrics where to read the store writer's counters from.
func (m *Metrics) SetStoreSource(f func() StoreStats) { m.store.Store(&f) }

func (m *Metrics) storeStats() StoreStats {
	if f := m.store.Load(); f != nil {
		return (*f)()
	}
	return StoreStats{}
}

// Handler serves the registry in the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

// Registry returns the registry, for tests that read values back.
func (m *Metrics) Registry() *prometheus.Registry { return m.reg }

type factory struct{ reg *prometheus.Registry }

func (f factory) counterVec(name, help string, labels ...string) *prometheus.CounterVec {
	c := prometheus.NewCounterVec(prometheus.CounterOpts{Name: name, Help: help}, labels)
	f.reg.MustRegister(c)
	return c
}

func (f factory) histogramVec(name, help string, labels ...string) *prometheus.HistogramVec {
	h := prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: name, Help: help,
		Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
	}, labels)
	f.reg.MustRegister(h)
	return h
}
