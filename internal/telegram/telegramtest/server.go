// Package telegramtest is a fake Telegram Bot API server for tests: a real HTTP server on
// loopback that the real go-telegram/bot client talks to (through WithServerURL, or the
// service's TELEGRAM_API_URL). It keeps a queue of updates served with long-poll semantics,
// answers the methods the bot uses, records every call, and can be told to fail calls
// (429 with retry_after, a server error, a dropped connection) or to hold them.
//
// It speaks the protocol only and imports nothing from the bot library, so it checks the
// wire format the bot really sends.
package telegramtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// BotUsername is the username getMe reports.
const BotUsername = "vneid_test_bot"

// Call is one request the bot made.
type Call struct {
	Method string
	Params map[string]string // form fields as sent (reply_markup is JSON)
	At     time.Time         // when it arrived
	Status int               // HTTP status answered; 0 while held or when the connection was dropped
	Result int               // message_id given, for sendMessage
}

// Chat is the chat_id of the call.
func (c Call) Chat() int64 { n, _ := strconv.ParseInt(c.Params["chat_id"], 10, 64); return n }

// Text is the text of the call (sendMessage, editMessageText, answerCallbackQuery).
func (c Call) Text() string { return c.Params["text"] }

// Button is an inline keyboard button as sent.
type Button struct {
	Text         string `json:"text"`
	URL          string `json:"url,omitempty"`
	CallbackData string `json:"callback_data,omitempty"`
}

// Keyboard decodes the call's inline keyboard (nil when there is none).
func (c Call) Keyboard() [][]Button {
	raw, ok := c.Params["reply_markup"]
	if !ok {
		return nil
	}
	var m struct {
		InlineKeyboard [][]Button `json:"inline_keyboard"`
	}
	json.Unmarshal([]byte(raw), &m)
	return m.InlineKeyboard
}

// Buttons flattens the call's keyboard.
func (c Call) Buttons() []Button {
	var out []Button
	for _, row := range c.Keyboard() {
		out = append(out, row...)
	}
	return out
}

// Fault is how to answer one call instead of succeeding.
type Fault struct {
	Code        int           // an error_code (429, 500, 400…); 0 to succeed after Hold/Delay
	RetryAfter  int           // parameters.retry_after, for 429
	Description string        // the error description
	Drop        bool          // close the connection without answering
	Hold        chan struct{} // wait until it is closed before answering
	Delay       time.Duration // wait this long before answering
}

// Server is the fake Bot API.
type Server struct {
	URL string // pass to WithServerURL / TELEGRAM_API_URL

	srv  *httptest.Server
	done chan struct{}

	mu        sync.Mutex
	changed   chan struct{} // closed and replaced whenever updates or calls change
	updates   []update
	nextUpd   int64
	nextMsg   int
	calls     []Call
	faults    map[string][]Fault
	markups   map[int]string // reply_markup of each message the bot sent, for callback updates
	delays    map[int64]time.Duration
	sent      map[int64][]int // indexes in calls of delivered sendMessage calls, per chat
	cbCounter int
}

type update struct {
	id  int64
	raw json.RawMessage
}

// New starts a fake server, closed when the test ends.
func New(t testing.TB) *Server {
	s := &Server{
		done:    make(chan struct{}),
		changed: make(chan struct{}),
		nextUpd: 1,
		nextMsg: 1000,
		faults:  make(map[string][]Fault),
		markups: make(map[int]string),
		delays:  make(map[int64]time.Duration),
		sent:    make(map[int64][]int),
	}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	s.URL = s.srv.URL
	t.Cleanup(s.Close)
	return s
}

// Close releases held calls and stops the server.
func (s *Server) Close() {
	select {
	case <-s.done:
		return
	default:
	}
	close(s.done)
	s.srv.CloseClientConnections()
	s.srv.Close()
}

func (s *Server) notify() { close(s.changed); s.changed = make(chan struct{}) }

// Fail makes the next calls of method answer with the faults, in order.
func (s *Server) Fail(method string, faults ...Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults[method] = append(s.faults[method], faults...)
}

// SlowChat makes every sendMessage to chat take d (a slow or busy client).
func (s *Server) SlowChat(chat int64, d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.delays[chat] = d
}

func (s *Server) push(build func(id int64) any) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := s.nextUpd
	s.nextUpd++
	raw, _ := json.Marshal(build(id))
	s.updates = append(s.updates, update{id, raw})
	s.notify()
	return id
}

func (s *Server) newMessageID() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextMsg++
	return s.nextMsg
}

// TextUpdate builds a message update from a private chat (also for posting to a webhook).
func TextUpdate(updateID, chat int64, messageID int, text string) map[string]any {
	msg := map[string]any{
		"message_id": messageID,
		"date":       time.Now().Unix(),
		"chat":       map[string]any{"id": chat, "type": "private", "first_name": "Dân"},
		"from":       map[string]any{"id": chat, "is_bot": false, "first_name": "Dân"},
		"text":       text,
	}
	if strings.HasPrefix(text, "/") {
		cmd, _, _ := strings.Cut(text, " ")
		msg["entities"] = []map[string]any{{"type": "bot_command", "offset": 0, "length": len([]rune(cmd))}}
	}
	return map[string]any{"update_id": updateID, "message": msg}
}

// CallbackUpdate builds a button press on a message the bot sent (also for posting to a webhook).
func CallbackUpdate(updateID, chat int64, messageID int, callbackID, data string) map[string]any {
	return map[string]any{"update_id": updateID, "callback_query": map[string]any{
		"id": callbackID, "from": map[string]any{"id": chat, "is_bot": false, "first_name": "Dân"},
		"message": map[string]any{
			"message_id": messageID, "date": time.Now().Unix(),
			"chat": map[string]any{"id": chat, "type": "private"}, "text": "…",
		},
		"chat_instance": "1", "data": data,
	}}
}

// SendText queues a text message from a user in a private chat; it returns the update id.
func (s *Server) SendText(chat int64, text string) int64 {
	mid := s.newMessageID()
	return s.push(func(id int64) any { return TextUpdate(id, chat, mid, text) })
}

// SendUpdate queues a raw update (its update_id is set by the server).
func (s *Server) SendUpdate(u map[string]any) int64 {
	return s.push(func(id int64) any { u["update_id"] = id; return u })
}

// Press queues a button press on a message the bot sent; it returns the callback query id.
func (s *Server) Press(chat int64, messageID int, data string) string {
	s.mu.Lock()
	s.cbCounter++
	cb := fmt.Sprintf("cb%d", s.cbCounter)
	markup := s.markups[messageID]
	s.mu.Unlock()
	s.push(func(id int64) any {
		msg := map[string]any{
			"message_id": messageID,
			"date":       time.Now().Unix(),
			"chat":       map[string]any{"id": chat, "type": "private"},
			"text":       "…",
		}
		if markup != "" {
			msg["reply_markup"] = json.RawMessage(markup)
		}
		return map[string]any{"update_id": id, "callback_query": map[string]any{
			"id": cb, "from": map[string]any{"id": chat, "is_bot": false, "first_name": "Dân"},
			"message": msg, "chat_instance": "1", "data": data,
		}}
	})
	return cb
}

// Calls returns the recorded calls of the given methods (all calls when none is given).
func (s *Server) Calls(methods ...string) []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Call
	for _, c := range s.calls {
		if len(methods) == 0 || contains(methods, c.Method) {
			out = append(out, c)
		}
	}
	return out
}

// Sent returns the delivered sendMessage calls to chat, in the order they were answered.
func (s *Server) Sent(chat int64) []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Call, 0, len(s.sent[chat]))
	for _, i := range s.sent[chat] {
		out = append(out, s.calls[i])
	}
	return out
}

// WaitFor waits until cond holds for the recorded calls (checked on every change), or fails
// the test after a generous timeout.
func (s *Server) WaitFor(t testing.TB, what string, cond func(s *Server) bool) {
	t.Helper()
	deadline := time.After(20 * time.Second)
	for {
		s.mu.Lock()
		ch := s.changed
		s.mu.Unlock()
		if cond(s) {
			return
		}
		select {
		case <-ch:
		case <-deadline:
			t.Fatalf("timed out waiting for %s; calls: %s", what, s.summary())
		case <-s.done:
			t.Fatalf("server closed while waiting for %s", what)
		}
	}
}

// WaitSent waits until chat has received n messages and returns them.
func (s *Server) WaitSent(t testing.TB, chat int64, n int) []Call {
	t.Helper()
	s.WaitFor(t, fmt.Sprintf("%d messages to chat %d", n, chat), func(s *Server) bool { return len(s.Sent(chat)) >= n })
	return s.Sent(chat)
}

func (s *Server) summary() string {
	var b strings.Builder
	for _, c := range s.Calls() {
		if c.Method == "getUpdates" {
			continue
		}
		fmt.Fprintf(&b, "\n  %s chat=%s status=%d text=%.40q", c.Method, c.Params["chat_id"], c.Status, c.Params["text"])
	}
	return b.String()
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	// /bot<token>/<method>
	rest, ok := strings.CutPrefix(r.URL.Path, "/bot")
	token, method, ok2 := strings.Cut(rest, "/")
	if !ok || !ok2 || !strings.Contains(token, ":") {
		apiError(w, http.StatusNotFound, "Not Found", 0)
		return
	}
	params := map[string]string{}
	if err := r.ParseMultipartForm(1 << 20); err == nil && r.MultipartForm != nil {
		for k, v := range r.MultipartForm.Value {
			params[k] = v[0]
		}
	} else if err := r.ParseForm(); err == nil {
		for k, v := range r.Form {
			params[k] = v[0]
		}
	}

	if method == "getUpdates" {
		s.getUpdates(w, r, params)
		return
	}

	s.mu.Lock()
	idx := len(s.calls)
	s.calls = append(s.calls, Call{Method: method, Params: params, At: time.Now()})
	var fault *Fault
	if q := s.faults[method]; len(q) > 0 {
		fault = &q[0]
		s.faults[method] = q[1:]
	}
	delay := time.Duration(0)
	if method == "sendMessage" {
		chat, _ := strconv.ParseInt(params["chat_id"], 10, 64)
		delay = s.delays[chat]
	}
	s.notify()
	s.mu.Unlock()

	setStatus := func(code, result int) {
		s.mu.Lock()
		s.calls[idx].Status = code
		s.calls[idx].Result = result
		if method == "sendMessage" && code == http.StatusOK {
			chat := s.calls[idx].Chat()
			s.sent[chat] = append(s.sent[chat], idx)
		}
		s.notify()
		s.mu.Unlock()
	}
	wait := func(d time.Duration, hold chan struct{}) bool {
		var timer <-chan time.Time
		if d > 0 {
			timer = time.After(d)
		}
		if hold == nil && timer == nil {
			return true
		}
		select {
		case <-hold:
		case <-timer:
		case <-r.Context().Done():
			return false
		case <-s.done:
			return false
		}
		return true
	}
	if !wait(delay, nil) {
		return
	}
	if fault != nil {
		if !wait(fault.Delay, fault.Hold) {
			return
		}
		switch {
		case fault.Drop:
			if hj, ok := w.(http.Hijacker); ok {
				if conn, _, err := hj.Hijack(); err == nil {
					conn.Close()
				}
			}
			return
		case fault.Code != 0:
			apiError(w, fault.Code, fault.Description, fault.RetryAfter)
			setStatus(fault.Code, 0)
			return
		}
	}

	var result any
	msgID := 0
	switch method {
	case "getMe":
		result = map[string]any{"id": 4242, "is_bot": true, "first_name": "VNeID", "username": BotUsername}
	case "sendMessage", "editMessageText", "editMessageReplyMarkup":
		chat, _ := strconv.ParseInt(params["chat_id"], 10, 64)
		if method == "sendMessage" {
			msgID = s.newMessageID()
		} else {
			msgID, _ = strconv.Atoi(params["message_id"])
		}
		s.mu.Lock()
		if m, ok := params["reply_markup"]; ok {
			s.markups[msgID] = m
		} else if method == "sendMessage" {
			delete(s.markups, msgID)
		}
		s.mu.Unlock()
		result = map[string]any{
			"message_id": msgID, "date": time.Now().Unix(),
			"chat": map[string]any{"id": chat, "type": "private"},
			"text": params["text"],
		}
	case "answerCallbackQuery", "setMyCommands", "deleteWebhook", "setWebhook", "deleteMyCommands":
		result = true
	default:
		apiError(w, http.StatusNotFound, "Not Found: method not found", 0)
		setStatus(http.StatusNotFound, 0)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"ok": true, "result": result})
	setStatus(http.StatusOK, msgID)
}

// getUpdates serves the queue with long-poll semantics: updates below offset are confirmed
// and forgotten; with none left it waits up to timeout seconds for one to arrive.
func (s *Server) getUpdates(w http.ResponseWriter, r *http.Request, params map[string]string) {
	offset, _ := strconv.ParseInt(params["offset"], 10, 64)
	timeout, _ := strconv.Atoi(params["timeout"])
	limit, _ := strconv.Atoi(params["limit"])
	if limit <= 0 || limit > 100 {
		limit = 100
	}
	deadline := time.After(time.Duration(timeout) * time.Second)
	for {
		s.mu.Lock()
		keep := s.updates[:0]
		for _, u := range s.updates {
			if u.id >= offset {
				keep = append(keep, u)
			}
		}
		s.updates = keep
		var out []json.RawMessage
		for _, u := range s.updates {
			if len(out) == limit {
				break
			}
			out = append(out, u.raw)
		}
		ch := s.changed
		if len(out) > 0 {
			s.calls = append(s.calls, Call{Method: "getUpdates", Params: params, At: time.Now(), Status: http.StatusOK})
			s.notify()
		}
		s.mu.Unlock()
		if len(out) > 0 || timeout == 0 {
			if out == nil {
				out = []json.RawMessage{}
			}
			writeJSON(w, http.StatusOK, map[string]any{"ok": true, "result": out})
			return
		}
		select {
		case <-ch:
		case <-deadline:
			timeout = 0
		case <-r.Context().Done():
			return
		case <-s.done:
			return
		}
	}
}

// Pending is the number of updates not yet confirmed by the bot.
func (s *Server) Pending() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.updates)
}

func apiError(w http.ResponseWriter, code int, desc string, retryAfter int) {
	body := map[string]any{"ok": false, "error_code": code, "description": desc}
	if retryAfter > 0 {
		body["parameters"] = map[string]any{"retry_after": retryAfter}
	}
	writeJSON(w, code, body)
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(v)
}
