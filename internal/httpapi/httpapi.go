// Package httpapi serves the bot over HTTP: the JSON API (POST /api/v1/ask and friends), the
// embedded web chat at /, and the operational endpoints /healthz, /readyz and /metrics.
// Other edges can mount routes on the same server (the Telegram webhook) with Handle.
//
// Errors are JSON {"error": "…"} with a 4xx/5xx status, in English (the API is read by
// developers; the web chat shows its own Vietnamese text). Every request is counted by
// route pattern and status, a panic becomes a 500, and /api/ is limited per client address.
//
// Every log line a request causes goes through internal/logthrottle: a client can send as
// many requests as it likes, the log gets the first line of a minute and then a count.
package httpapi

import (
	"bytes"
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"mime"
	"net"
	"net/http"
	"regexp"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/vneidbot/vneidbot/internal/answer"
	"github.com/vneidbot/vneidbot/internal/logthrottle"
	"github.com/vneidbot/vneidbot/internal/metrics"
	"github.com/vneidbot/vneidbot/internal/ratelimit"
	"github.com/vneidbot/vneidbot/internal/store"
)

// Answerer is what the API needs from the knowledge base.
type Answerer interface {
	Answer(ctx context.Context, text string) answer.Reply
	Entry(id string) (answer.Reply, bool)
	Topics() []answer.Topic
	Message(key string) string
	Suggested() []answer.Option
}

// Options configure the server. Zero values take the defaults shown.
type Options struct {
	MaxBodyBytes int64         // request body limit for the API; default: room for MaxTextRunes at their worst JSON encoding
	MaxTextRunes int           // longest question; default 2000 characters
	ClientLimit  int           // API requests per client address per ClientWindow; 0 for no limit
	ClientWindow time.Duration // default 1 minute
	Now          func() time.Time
	Recorder     Recorder // keeps exchanges and 👍/👎 for staff; nil keeps nothing
	NoMetrics    bool     // /metrics is served elsewhere (its own address): 404 here
}

// Server is the HTTP handler of the service. It is not ready (503 on /readyz and /api/)
// until SetAnswerer gives it a knowledge base.
type Server struct {
	note  *logthrottle.Logger // info lines a request causes: the first a minute, then a count
	alarm *logthrottle.Logger // the same for panics (the panics metric counts every one)
	m     *metrics.Metrics
	opt   Options
	mux   *http.ServeMux
	kb    atomic.Pointer[holder]
	limit *ratelimit.Limiter[string]

	mu    sync.RWMutex
	names map[string]string // route pattern → metrics label, for routes that hide their path
}

type holder struct{ a Answerer }

//go:embed web
var webFS embed.FS

// New builds the server and its routes.
func New(logger *slog.Logger, m *metrics.Metrics, opt Options) *Server {
	if opt.MaxTextRunes <= 0 {
		opt.MaxTextRunes = 2000
	}
	if opt.MaxBodyBytes <= 0 {
		opt.MaxBodyBytes = worstCaseBody(opt.MaxTextRunes)
	}
	if opt.ClientWindow <= 0 {
		opt.ClientWindow = time.Minute
	}
	s := &Server{
		note:  logthrottle.New(logger, slog.LevelInfo, time.Minute),
		alarm: logthrottle.New(logger, slog.LevelError, time.Minute),
		m:     m,
		opt:   opt,
		mux:   http.NewServeMux(),
		limit: ratelimit.New[string](opt.ClientLimit, opt.ClientWindow, opt.Now),
		names: map[string]string{},
	}
	web, _ := fs.Sub(webFS, "web")
	s.mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	s.mux.HandleFunc("GET /readyz", s.readyz)
	if !opt.NoMetrics {
		s.mux.Handle("GET /metrics", m.Handler())
	}
	s.mux.HandleFunc("POST /api/v1/ask", s.api(s.ask))
	s.mux.HandleFunc("GET /api/v1/entries/{id}", s.api(s.entry))
	s.mux.HandleFunc("GET /api/v1/topics", s.api(s.topics))
	s.mux.HandleFunc("GET /api/v1/welcome", s.api(s.welcome))
	s.mux.HandleFunc("POST /api/v1/feedback", s.api(s.feedback))
	s.mux.HandleFunc("/api/", s.apiNotFound)
	s.mux.Handle("GET /{$}", page(web, "index.html"))
	s.mux.Handle("GET /static/", page(web, ""))
	return s
}

// FlushLogs writes the counts of the log lines held back (call it after the server stopped).
func (s *Server) FlushLogs() {
	s.note.Flush()
	s.alarm.Flush()
}

// SetAnswerer makes the server ready, answering from a.
func (s *Server) SetAnswerer(a Answerer) { s.kb.Store(&holder{a}) }

// Handle mounts another handler; name is its label in the metrics (a webhook path is a
// secret of sorts and stays out of them). Call it before serving.
func (s *Server) Handle(pattern, name string, h http.Handler) {
	s.mu.Lock()
	s.names[pattern] = name
	s.mu.Unlock()
	s.mux.Handle(pattern, h)
}

// ServeHTTP counts and times every request and turns a panic into a 500.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	sw := &statusWriter{ResponseWriter: w}
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			s.m.Panics.WithLabelValues("http").Inc()
			s.alarm.Log(r.Context(), "http.panic", "route", r.Pattern, "panic", v, "stack", string(debug.Stack()))
			if !sw.wrote {
				writeError(sw, http.StatusInternalServerError, "internal error")
			}
		}
		route := s.routeName(r.Pattern)
		s.m.HTTPRequests.WithLabelValues(route, strconv.Itoa(sw.status())).Inc()
		s.m.HTTPDuration.WithLabelValues(route).Observe(time.Since(start).Seconds())
	}()
	s.mux.ServeHTTP(sw, r)
}

func (s *Server) routeName(pattern string) string {
	if pattern == "" {
		return "unmatched"
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if n, ok := s.names[pattern]; ok {
		return n
	}
	return pattern
}

func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	if s.kb.Load() == nil {
		w.Header().Set("Retry-After", "1")
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "starting"})
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ready"})
}

// api wraps an API handler: not before the knowledge base is loaded, and within the
// per-client limit.
func (s *Server) api(h func(http.ResponseWriter, *http.Request, Answerer)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		kb := s.kb.Load()
		if kb == nil {
			w.Header().Set("Retry-After", "1")
			writeError(w, http.StatusServiceUnavailable, "the knowledge base is still loading, retry in a moment")
			return
		}
		if d := s.limit.Allow(clientAddr(r)); !d.Allow {
			s.m.RateLimited.WithLabelValues("http").Inc()
			w.Header().Set("Retry-After", strconv.Itoa(max(1, int(d.RetryAfter.Seconds()+0.5))))
			writeError(w, http.StatusTooManyRequests, "too many requests from this address, retry later")
			return
		}
		h(w, r, kb.a)
	}
}

// clientAddr is the peer address. Behind a reverse proxy every client shares the proxy's
// address: put the limit in the proxy then, and set the API limit to 0 here.
func clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// decode reads one JSON object of at most MaxBodyBytes into v, reporting problems as a
// status and a message for the client.
func (s *Server) decode(w http.ResponseWriter, r *http.Request, v any) (int, string) {
	if ct := r.Header.Get("Content-Type"); ct != "application/json" { // the usual one needs no parsing
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || mt != "application/json" {
			return http.StatusUnsupportedMediaType, "Content-Type must be application/json"
		}
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, s.opt.MaxBodyBytes))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil {
		if _, terr := dec.Token(); terr != io.EOF {
			err = errTrailing
			if terr != nil && !errors.As(terr, new(*json.SyntaxError)) {
				err = terr
			}
		}
	}
	var maxErr *http.MaxBytesError
	var syntax *json.SyntaxError
	var typeErr *json.UnmarshalTypeError
	switch {
	case err == nil:
		return 0, ""
	case errors.As(err, &maxErr):
		return http.StatusRequestEntityTooLarge, fmt.Sprintf("body is larger than %d bytes", s.opt.MaxBodyBytes)
	case errors.Is(err, io.EOF):
		return http.StatusBadRequest, "body is empty, want a JSON object"
	case errors.Is(err, errTrailing):
		return http.StatusBadRequest, "body must hold exactly one JSON object"
	case errors.As(err, &syntax), errors.Is(err, io.ErrUnexpectedEOF):
		return http.StatusBadRequest, "body is not valid JSON"
	case errors.As(err, &typeErr):
		if typeErr.Field != "" {
			return http.StatusBadRequest, fmt.Sprintf("field %q has the wrong type", typeErr.Field)
		}
		return http.StatusBadRequest, "body must be a JSON object"
	case strings.HasPrefix(err.Error(), "json: unknown field"):
		return http.StatusBadRequest, strings.TrimPrefix(err.Error(), "json: ")
	}
	return http.StatusBadRequest, "body could not be read"
}

var errTrailing = errors.New("trailing data")

// worstCaseBody is the largest body a valid request can need: a text of maxRunes characters,
// each written the longest way JSON allows (an emoji as two \uXXXX escapes, 12 bytes; many
// clients escape everything that is not ASCII), plus room for the field names and spacing.
// The text's own limit is then checked in characters, after decoding.
func worstCaseBody(maxRunes int) int64 { return int64(maxRunes)*12 + 1<<10 }

type askRequest struct {
	Text *string `json:"text"`
}

func (s *Server) ask(w http.ResponseWriter, r *http.Request, kb Answerer) {
	var req askRequest
	if code, msg := s.decode(w, r, &req); code != 0 {
		writeError(w, code, msg)
		return
	}
	if req.Text == nil {
		writeError(w, http.StatusBadRequest, `field "text" is required`)
		return
	}
	text := strings.TrimSpace(*req.Text)
	n := utf8.RuneCountInString(text)
	switch {
	case n == 0:
		writeError(w, http.StatusBadRequest, `field "text" is empty`)
		return
	case n > s.opt.MaxTextRunes:
		writeError(w, http.StatusBadRequest, fmt.Sprintf(`field "text" is longer than %d characters`, s.opt.MaxTextRunes))
		return
	}
	start := time.Now()
	reply := kb.Answer(r.Context(), text)
	took := time.Since(start)
	s.m.AnswerDuration.WithLabelValues("http").Observe(took.Seconds())
	s.m.Replies.WithLabelValues("http", string(reply.Kind)).Inc()
	s.note.Log(r.Context(), "http.ask", "kind", reply.Kind, "entry", reply.ID, "score", reply.Score, "margin", reply.Margin,
		"chars", n, "answer_time", took)
	writeJSON(w, http.StatusOK, s.record(text, reply))
}

var idPattern = regexp.MustCompile(`^[a-z0-9-]{1,40}$`)

func (s *Server) entry(w http.ResponseWriter, r *http.Request, kb Answerer) {
	id := r.PathValue("id")
	reply, ok := answer.Reply{}, false
	if idPattern.MatchString(id) {
		reply, ok = kb.Entry(id)
	}
	if !ok {
		writeError(w, http.StatusNotFound, "no entry with this id")
		return
	}
	s.m.Replies.WithLabelValues("http", string(reply.Kind)).Inc()
	writeJSON(w, http.StatusOK, s.record(reply.Title, reply))
}

func (s *Server) topics(w http.ResponseWriter, r *http.Request, kb Answerer) {
	topics := kb.Topics()
	if topics == nil {
		topics = []answer.Topic{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"topics": topics})
}

// welcome is what the web chat shows first: the welcome message and suggested entries,
// in the shape of a reply.
func (s *Server) welcome(w http.ResponseWriter, r *http.Request, kb Answerer) {
	writeJSON(w, http.StatusOK, answer.Reply{
		Kind:    answer.KindSmalltalk,
		Text:    kb.Message("welcome"),
		Options: kb.Suggested(),
		Links:   []answer.Link{},
	})
}

type feedbackRequest struct {
	ID       string `json:"id"`
	Vote     string `json:"vote"`     // "up" or "down"
	Exchange string `json:"exchange"` // the reply's exchange id, when it had one
	Reason   string `json:"reason"`   // optional, short
}

func (s *Server) feedback(w http.ResponseWriter, r *http.Request, kb Answerer) {
	var req feedbackRequest
	if code, msg := s.decode(w, r, &req); code != 0 {
		writeError(w, code, msg)
		return
	}
	if req.Vote != "up" && req.Vote != "down" {
		writeError(w, http.StatusBadRequest, `field "vote" must be "up" or "down"`)
		return
	}
	if _, ok := kb.Entry(req.ID); !idPattern.MatchString(req.ID) || !ok {
		writeError(w, http.StatusBadRequest, `field "id" is not a known entry`)
		return
	}
	if utf8.RuneCountInString(req.Reason) > store.MaxReason {
		writeError(w, http.StatusBadRequest, fmt.Sprintf(`field "reason" is longer than %d characters`, store.MaxReason))
		return
	}
	if req.Exchange != "" && s.opt.Recorder != nil && !s.opt.Recorder.Vote(req.Exchange, req.Vote, req.Reason) {
		writeError(w, http.StatusBadRequest, `field "exchange" is not an exchange id`)
		return
	}
	s.m.Feedback.WithLabelValues("http", req.Vote).Inc()
	s.note.Log(r.Context(), "http.feedback", "entry", req.ID, "vote", req.Vote, "recorded", req.Exchange != "" && s.opt.Recorder != nil)
	w.WriteHeader(http.StatusNoContent)
}

// apiPaths are the API's paths with their methods, for a 405 that says what is allowed.
var apiPaths = map[string]string{
	"/api/v1/ask":      http.MethodPost,
	"/api/v1/topics":   http.MethodGet,
	"/api/v1/welcome":  http.MethodGet,
	"/api/v1/feedback": http.MethodPost,
}

// apiNotFound answers what no API route matched: 405 naming the method to use for a known
// path asked with the wrong method, 404 for everything else (an entry path with more than one
// segment, none, or dot segments is not an entry).
func (s *Server) apiNotFound(w http.ResponseWriter, r *http.Request) {
	allow, ok := apiPaths[r.URL.Path]
	if id, isEntry := strings.CutPrefix(r.URL.Path, "/api/v1/entries/"); !ok && isEntry && idPattern.MatchString(id) {
		allow, ok = http.MethodGet, true
	}
	if ok && r.Method != allow && !(allow == http.MethodGet && r.Method == http.MethodHead) {
		w.Header().Set("Allow", allow)
		writeError(w, http.StatusMethodNotAllowed, fmt.Sprintf("method %s not allowed, use %s", r.Method, allow))
		return
	}
	writeError(w, http.StatusNotFound, "no such API endpoint")
}

// page serves the embedded web chat with headers that keep it to its own origin.
func page(web fs.FS, file string) http.Handler {
	files := http.FileServerFS(web)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		if file != "" {
			http.ServeFileFS(w, r, web, file)
			return
		}
		if strings.HasSuffix(r.URL.Path, "/") { // no directory listings
			writeError(w, http.StatusNotFound, "not found")
			return
		}
		h.Set("Cache-Control", "public, max-age=300")
		files.ServeHTTP(w, r)
	})
}

// writeJSON encodes v into a pooled buffer first, so the reply goes out in one write with a
// Content-Length (a reply is larger than net/http's 2 kB buffer, which would otherwise send
// it chunked), and a value that cannot be encoded becomes a 500 rather than half a body.
func writeJSON(w http.ResponseWriter, code int, v any) {
	buf := jsonBufs.Get().(*bytes.Buffer)
	defer putJSONBuf(buf)
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		buf.Reset()
		code = http.StatusInternalServerError
		buf.WriteString(`{"error":"internal error"}` + "\n")
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(code)
	w.Write(buf.Bytes())
}

var jsonBufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// putJSONBuf returns a buffer to the pool, unless one large reply made it too big to keep.
func putJSONBuf(b *bytes.Buffer) {
	if b.Cap() > 64<<10 {
		return
	}
	b.Reset()
	jsonBufs.Put(b)
}

func writeError(w http.ResponseWriter, code int, msg string) {
	writeJSON(w, code, map[string]string{"error": msg})
}

// statusWriter remembers the status code for the metrics.
type statusWriter struct {
	http.ResponseWriter
	code  int
	wrote bool
}

func (w *statusWriter) WriteHeader(code int) {
	if !w.wrote {
		w.code, w.wrote = code, true
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(p []byte) (int, error) {
	if !w.wrote {
		w.code, w.wrote = http.StatusOK, true
	}
	return w.ResponseWriter.Write(p)
}

func (w *statusWriter) status() int {
	if !w.wrote {
		return http.StatusOK
	}
	return w.code
}

// Unwrap lets http.ResponseController reach the connection.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
