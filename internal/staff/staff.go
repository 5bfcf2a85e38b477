// Package staff is the staff console at /staff/: the gaps report, recent 👎 with the reply
// that got them, a playground that shows the reply and ranking for any question, and the FAQ
// entries with their review state. It is read-only (staff edit the YAML files), server-
// rendered HTML embedded in the binary, usable on a phone, with Vietnamese labels.
//
// It is off unless a token is configured (the service then does not mount it: 404). With a
// token, a login form checks it in constant time and sets an HttpOnly, SameSite=Strict
// session cookie: an expiry and an HMAC of it keyed by the token, so no server state, every
// replica accepts it, and changing the token ends every session. The token never appears in
// a URL, a page or a log line. POSTs must come from the console's own origin.
package staff

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"embed"
	"encoding/hex"
	"encoding/json"
	"html/template"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/vneidbot/vneidbot/internal/answer"
	"github.com/vneidbot/vneidbot/internal/faq"
	"github.com/vneidbot/vneidbot/internal/gaps"
	"github.com/vneidbot/vneidbot/internal/ratelimit"
	"github.com/vneidbot/vneidbot/internal/store"
)

// Store is what the console reads.
type Store interface {
	List(ctx context.Context, q store.Query) ([]store.Exchange, error)
}

// Answerer is what the console needs of the knowledge base.
type Answerer interface {
	Answer(ctx context.Context, text string) answer.Reply
	Entry(id string) (answer.Reply, bool)
}

// Options configure the console.
type Options struct {
	Token   string        // required; the console refuses every login without one
	FAQDir  string        // for the entries page
	Session time.Duration // how long a login lasts; default 12 hours (a working day)
	// LoginLimit is the login attempts allowed per client address per minute; default 10,
	// so a guessed token takes forever.
	LoginLimit int
	// StaleAfter is the age of a reviewed date from which an entry is marked for review;
	// default 180 days (the facts in domain.md change about twice a year).
	StaleAfter time.Duration
	Now        func() time.Time
	// Explain, when set, says why a question got its reply (the ranking model's explanation,
	// as `ask --explain` prints it); the playground shows it as JSON. Without it the
	// playground shows the reply, its confidence and the ranked entries.
	Explain func(ctx context.Context, text string) any
}

// Prefix is where the console is mounted.
const Prefix = "/staff/"

const cookieName = "vneidbot_staff"

// Console is the console's handler.
type Console struct {
	log *slog.Logger
	st  Store
	opt Options
	kb  atomic.Pointer[holder]
	// explain, once set, replaces Options.Explain.
	explain atomic.Pointer[func(ctx context.Context, text string) any]
	mux     *http.ServeMux
	tmpl    *template.Template
	limit   *ratelimit.Limiter[string]
	key     []byte // HMAC key of sessions, derived from the token
}

type holder struct{ a Answerer }

//go:embed web
var webFS embed.FS

// New returns the console; it answers 503 on the playground until SetAnswerer.
func New(logger *slog.Logger, st Store, opt Options) *Console {
	if opt.Session <= 0 {
		opt.Session = 12 * time.Hour
	}
	if opt.LoginLimit <= 0 {
		opt.LoginLimit = 10
	}
	if opt.StaleAfter <= 0 {
		opt.StaleAfter = 180 * 24 * time.Hour
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	k := sha256.Sum256([]byte("vneidbot staff session\x00" + opt.Token))
	c := &Console{
		log: logger, st: st, opt: opt, mux: http.NewServeMux(), key: k[:],
		limit: ratelimit.New[string](opt.LoginLimit, time.Minute, opt.Now),
		tmpl:  template.Must(template.New("").Funcs(funcs).ParseFS(webFS, "web/*.html")),
	}
	static, _ := fs.Sub(webFS, "web")
	c.mux.Handle("GET /staff/staff.css", http.StripPrefix("/staff/", http.FileServerFS(static)))
	c.mux.HandleFunc("GET /staff/{$}", c.auth(c.home))
	c.mux.HandleFunc("POST /staff/login", c.login)
	c.mux.HandleFunc("POST /staff/logout", c.logout)
	c.mux.HandleFunc("GET /staff/gaps", c.auth(c.gaps))
	c.mux.HandleFunc("GET /staff/feedback", c.auth(c.feedback))
	c.mux.HandleFunc("GET /staff/playground", c.auth(c.playground))
	c.mux.HandleFunc("POST /staff/playground", c.auth(c.playground))
	c.mux.HandleFunc("GET /staff/entries", c.auth(c.entries))
	return c
}

// SetAnswerer gives the console the knowledge base once it is loaded.
func (c *Console) SetAnswerer(a Answerer) { c.kb.Store(&holder{a}) }

// SetExplain sets (or, with nil, clears) Options.Explain once the knowledge base can explain.
func (c *Console) SetExplain(f func(ctx context.Context, text string) any) { c.explain.Store(&f) }

func (c *Console) explainer() func(ctx context.Context, text string) any {
	if f := c.explain.Load(); f != nil {
		return *f
	}
	return c.opt.Explain
}

func (c *Console) answerer() Answerer {
	if h := c.kb.Load(); h != nil {
		return h.a
	}
	return nil
}

// ServeHTTP serves the console with headers that keep it private and to its own origin.
func (c *Console) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Robots-Tag", "noindex")
	if r.Method == http.MethodPost && !sameOrigin(r) {
		http.Error(w, "cross-origin request refused", http.StatusForbidden)
		return
	}
	c.mux.ServeHTTP(w, r)
}

// sameOrigin accepts a POST that the browser says came from this site: Sec-Fetch-Site when
// the browser sends it, else the Origin (or Referer) host. (The console's referrer policy is
// same-origin, not no-referrer, under which browsers send "Origin: null".)
func sameOrigin(r *http.Request) bool {
	switch r.Header.Get("Sec-Fetch-Site") {
	case "same-origin":
		return true
	case "cross-site", "same-site":
		return false
	}
	o := r.Header.Get("Origin")
	if o == "" {
		o = r.Header.Get("Referer")
	}
	if o == "" {
		return true // not a browser: no cookie to ride on either
	}
	u, err := url.Parse(o)
	return err == nil && u.Host == r.Host
}

// session is "expiry-unix.hmac-hex".
func (c *Console) session(exp time.Time) string {
	s := strconv.FormatInt(exp.Unix(), 10)
	m := hmac.New(sha256.New, c.key)
	m.Write([]byte(s))
	return s + "." + hex.EncodeToString(m.Sum(nil))
}

func (c *Console) validSession(v string) bool {
	s, _, ok := strings.Cut(v, ".")
	if !ok {
		return false
	}
	exp, err := strconv.ParseInt(s, 10, 64)
	if err != nil || c.opt.Now().Unix() >= exp {
		return false
	}
	return hmac.Equal([]byte(c.session(time.Unix(exp, 0))), []byte(v))
}

func (c *Console) loggedIn(r *http.Request) bool {
	ck, err := r.Cookie(cookieName)
	return err == nil && c.validSession(ck.Value)
}

func (c *Console) auth(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if !c.loggedIn(r) {
			if r.URL.Path != Prefix {
				http.Redirect(w, r, Prefix, http.StatusSeeOther)
				return
			}
			c.render(w, http.StatusOK, "login.html", page{Title: "Đăng nhập"})
			return
		}
		h(w, r)
	}
}

// tokenEqual compares in constant time, whatever the lengths.
func tokenEqual(got, want string) bool {
	a, b := sha256.Sum256([]byte(got)), sha256.Sum256([]byte(want))
	return subtle.ConstantTimeCompare(a[:], b[:]) == 1 && want != ""
}

func (c *Console) login(w http.ResponseWriter, r *http.Request) {
	if d := c.limit.Allow(clientAddr(r)); !d.Allow {
		w.Header().Set("Retry-After", strconv.Itoa(max(1, int(d.RetryAfter.Seconds()+0.5))))
		c.render(w, http.StatusTooManyRequests, "login.html", page{Title: "Đăng nhập", Error: "Thử quá nhiều lần. Vui lòng đợi một phút."})
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 4<<10)
	if !tokenEqual(r.PostFormValue("token"), c.opt.Token) {
		c.log.Warn("staff.login", "outcome", "refused") // never the attempt itself
		c.render(w, http.StatusUnauthorized, "login.html", page{Title: "Đăng nhập", Error: "Mã truy cập không đúng."})
		return
	}
	exp := c.opt.Now().Add(c.opt.Session)
	http.SetCookie(w, &http.Cookie{
		Name: cookieName, Value: c.session(exp), Path: Prefix, Expires: exp,
		HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: r.TLS != nil || r.Header.Get("X-Forwarded-Proto") == "https",
	})
	c.log.Info("staff.login", "outcome", "ok")
	http.Redirect(w, r, Prefix, http.StatusSeeOther)
}

func (c *Console) logout(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{Name: cookieName, Value: "", Path: Prefix, MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteStrictMode})
	http.Redirect(w, r, Prefix, http.StatusSeeOther)
}

func clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// page is what every template gets.
type page struct {
	Title  string
	Nav    string
	Error  string
	Notice string
	Data   any
}

func (c *Console) render(w http.ResponseWriter, code int, name string, p page) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(code)
	if err := c.tmpl.ExecuteTemplate(w, name, p); err != nil {
		c.log.Error("staff.render", "page", name, "err", err)
	}
}

func (c *Console) home(w http.ResponseWriter, r *http.Request) {
	now := c.opt.Now()
	type summary struct{ Exchanges, Gaps, Down int }
	var s summary
	xs, err := c.st.List(r.Context(), store.Query{Since: now.AddDate(0, 0, -7), Limit: gaps.MaxExchanges})
	if err != nil {
		c.storeError(w, err)
		return
	}
	for _, x := range xs {
		s.Exchanges++
		if gaps.IsGap(x) {
			s.Gaps++
		}
		if x.Vote == store.VoteDown {
			s.Down++
		}
	}
	c.render(w, http.StatusOK, "home.html", page{Title: "Tổng quan", Nav: "home", Data: s})
}

func (c *Console) storeError(w http.ResponseWriter, err error) {
	c.log.Error("staff.store", "err", err)
	c.render(w, http.StatusServiceUnavailable, "error.html", page{Title: "Lỗi", Error: "Không đọc được kho dữ liệu. Vui lòng thử lại sau."})
}

// days reads ?days= (1..365, default 7).
func days(r *http.Request) int {
	n, err := strconv.Atoi(r.URL.Query().Get("days"))
	if err != nil || n < 1 || n > 365 {
		return 7
	}
	return n
}

func (c *Console) title(id string) string {
	if a := c.answerer(); a != nil {
		if e, ok := a.Entry(id); ok {
			return e.Title
		}
	}
	return ""
}

func (c *Console) gaps(w http.ResponseWriter, r *http.Request) {
	now := c.opt.Now()
	n := days(r)
	rep, err := gaps.FromStore(r.Context(), c.st, store.Query{Since: now.AddDate(0, 0, -n), Until: now.Add(time.Second)}, c.title, gaps.Settings{})
	if err != nil {
		c.storeError(w, err)
		return
	}
	c.render(w, http.StatusOK, "gaps.html", page{Title: "Câu hỏi chưa trả lời tốt", Nav: "gaps", Data: struct {
		Days   int
		Report gaps.Report
	}{n, rep}})
}

type downRow struct {
	X     store.Exchange
	Title string
	Reply string
}

func (c *Console) feedback(w http.ResponseWriter, r *http.Request) {
	xs, err := c.st.List(r.Context(), store.Query{Down: true, Limit: 100})
	if err != nil {
		c.storeError(w, err)
		return
	}
	rows := make([]downRow, 0, len(xs))
	for _, x := range xs {
		row := downRow{X: x}
		if a := c.answerer(); a != nil && x.Entry != "" {
			if e, ok := a.Entry(x.Entry); ok {
				row.Title, row.Reply = e.Title, e.Text
			}
		}
		rows = append(rows, row)
	}
	c.render(w, http.StatusOK, "feedback.html", page{Title: "Phản hồi 👎 gần đây", Nav: "feedback", Data: rows})
}

// maxQuestion is the longest playground question, as the public API allows.
const maxQuestion = 2000

func (c *Console) playground(w http.ResponseWriter, r *http.Request) {
	type result struct {
		Question string
		Reply    *answer.Reply
		Explain  string
	}
	var res result
	if r.Method == http.MethodPost {
		r.Body = http.MaxBytesReader(w, r.Body, 32<<10)
		// The question is only shown back on this page, never logged nor stored: staff try
		// phrasings here, which must not count as citizens' traffic.
		res.Question = strings.TrimSpace(r.PostFormValue("q"))
		if utf8.RuneCountInString(res.Question) > maxQuestion {
			res.Question = string([]rune(res.Question)[:maxQuestion])
		}
		a := c.answerer()
		if a == nil {
			c.render(w, http.StatusServiceUnavailable, "error.html", page{Title: "Lỗi", Error: "Trợ lý đang khởi động, thử lại sau giây lát."})
			return
		}
		if res.Question != "" {
			rep := a.Answer(r.Context(), res.Question)
			res.Reply = &rep
			if explain := c.explainer(); explain != nil {
				if b, err := json.MarshalIndent(explain(r.Context(), res.Question), "", "  "); err == nil {
					res.Explain = string(b)
				}
			}
		}
	}
	c.render(w, http.StatusOK, "playground.html", page{Title: "Thử câu hỏi", Nav: "playground", Data: res})
}

type entryRow struct {
	ID, Title, Topic, File, Reviewed string
	Age                              int // days since reviewed, -1 when unknown
	Stale                            bool
	ReviewBy                         string // a claim may be outdated by this day
	ReviewIn                         int    // days until ReviewBy (negative: passed)
	ReviewSoon                       bool
}

// factRow is a fact's value that ends soon: the last one (Next empty: nothing follows), or
// one that hands over to the next (a fee cut ending), to be checked against the sources.
type factRow struct {
	Name, Until, File string
	Line, Days        int    // Days until the value ends (negative: ended)
	Value, Next       string // the value, and the one the bot says from the next day
	Checked           string // when its end was last confirmed (facts.yaml checked:), "" never
	CheckDue          bool   // a hand-over the lint asks to check (never checked, or a check over a fortnight old)
}

// soonDays is how far ahead the entries page warns of a review_by or a fact's end: the lint
// warns 30 days ahead; the console shows twice that, to plan the work.
const soonDays = 60

func (c *Console) entries(w http.ResponseWriter, r *http.Request) {
	now := c.opt.Now()
	set, problems, err := faq.Load(c.opt.FAQDir, now)
	if err != nil || set == nil {
		c.log.Error("staff.faq", "err", err, "problems", len(problems))
		c.render(w, http.StatusServiceUnavailable, "error.html", page{Title: "Lỗi",
			Error: "Không đọc được thư mục FAQ (hoặc FAQ đang có lỗi: chạy make lint)."})
		return
	}
	today := faq.DayOf(now)
	rows := make([]entryRow, 0, len(set.Entries))
	stale := 0
	for _, e := range set.Entries {
		row := entryRow{ID: e.ID, Title: e.Title, Topic: e.Topic, File: e.File, Reviewed: e.Reviewed, Age: -1, ReviewBy: e.ReviewBy}
		if t, err := time.Parse(time.DateOnly, e.Reviewed); err == nil {
			row.Age = int(now.Sub(t).Hours() / 24)
			row.Stale = now.Sub(t) >= c.opt.StaleAfter
		} else {
			row.Stale = true
		}
		if d, err := faq.ParseDay(e.ReviewBy); err == nil && e.ReviewBy != "" {
			row.ReviewIn = today.DaysUntil(d)
			row.ReviewSoon = row.ReviewIn <= soonDays
			row.Stale = row.Stale || row.ReviewSoon
		}
		if row.Stale {
			stale++
		}
		rows = append(rows, row)
	}
	// What needs checking first: a review_by close or passed, then the oldest review.
	slices.SortStableFunc(rows, func(a, b entryRow) int {
		if a.ReviewSoon != b.ReviewSoon {
			if a.ReviewSoon {
				return -1
			}
			return 1
		}
		return strings.Compare(a.Reviewed, b.Reviewed)
	})
	var facts []factRow
	for _, f := range set.Facts {
		for i, v := range f.Values {
			if v.Until.IsZero() {
				continue
			}
			n := today.DaysUntil(v.Until)
			last := i == len(f.Values)-1
			if n > soonDays || !last && n < 0 { // a hand-over already made needs nothing
				continue
			}
			row := factRow{Name: f.Name, Until: v.Until.String(), File: f.File, Line: v.Line, Days: n, Value: v.Value}
			if !last {
				row.Next = f.Values[i+1].Value
				row.CheckDue = v.CheckDue(today)
			}
			if !v.Checked.IsZero() {
				row.Checked = v.Checked.String()
			}
			facts = append(facts, row)
		}
	}
	slices.SortStableFunc(facts, func(a, b factRow) int { return a.Days - b.Days })
	c.render(w, http.StatusOK, "entries.html", page{Title: "Các mục FAQ", Nav: "entries", Data: struct {
		Rows       []entryRow
		Facts      []factRow
		Stale      int
		StaleAfter int
		Soon       int
	}{rows, facts, stale, int(c.opt.StaleAfter.Hours() / 24), soonDays}})
}

var kindLabels = map[string]string{
	"answer": "trả lời", "clarify": "hỏi lại", "fallback": "không trả lời được", "safety": "cảnh báo", "smalltalk": "xã giao", "down": "👎", "risk": "cảnh báo tự học (cần kiểm tra)",
}

var funcs = template.FuncMap{
	"kind": func(k any) string {
		s := toString(k)
		if l, ok := kindLabels[s]; ok {
			return l
		}
		return s
	},
	"when": func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.UTC().Format("2006-01-02 15:04")
	},
	"pct":  func(f float64) string { return strconv.Itoa(int(f*100+0.5)) + "%" },
	"add":  func(a, b int) int { return a + b },
	"neg":  func(a int) int { return -a },
	"bold": func(s string) string { return strings.ReplaceAll(s, "**", "") },
	"short": func(s string) string {
		if r := []rune(s); len(r) > 400 {
			return string(r[:400]) + "…"
		}
		return s
	},
	"gapKind": gaps.Kind,
}

func toString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case answer.Kind:
		return string(x)
	}
	return ""
}
