package service

import (
	"cmp"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// DefaultAPIURL is the public Bot API.
const DefaultAPIURL = "https://api.telegram.org"

// Config is everything `vneidbot serve` needs. cmd/vneidbot fills it from flags and the
// environment (flag over env over default); Run validates it once and reports every bad field
// together. Its LogValue masks the secrets, so it can be logged whole.
type Config struct {
	HTTPAddr    string        // listen address of the web chat, API, webhook and metrics
	FAQDir      string        // the FAQ directory
	IndexDir    string        // where indexes are kept
	ReloadEvery time.Duration // how often faq/ is checked for changes; 0: on SIGHUP only
	LogLevel    string        // debug, info, warn or error; checked by Validate
	Workers     int           // Telegram updates handled at once
	ChatLimit   int           // answers per Telegram chat per minute; 0 for no limit
	APILimit    int           // API requests per client address per minute; 0 for no limit

	Telegram TelegramConfig

	// Exchanges is the exchange store, its retention and the staff console (exchanges.go).
	Exchanges ExchangeConfig
	// MetricsAddr serves /metrics on its own address (VNEIDBOT_METRICS_ADDR) instead of the
	// public one, which then answers 404 there.
	MetricsAddr string

	// Logger receives every log line; nil discards them.
	Logger *slog.Logger

	// Store is the shared store (internal/store: SQLite alone, PostgreSQL for replicas).
	// nil runs without one: Telegram updates are then de-duplicated in memory only, which
	// holds for a single process. The service closes it last, after everything that writes.
	Store Store

	// Routes are extra handlers on the public server (the staff console), mounted before it
	// serves. A route's Name is its label in the metrics.
	Routes []Route
}

// TelegramConfig enables the Telegram edge when Token is set.
type TelegramConfig struct {
	Token         string // TELEGRAM_BOT_TOKEN; secret
	APIURL        string // TELEGRAM_API_URL; default DefaultAPIURL
	WebhookURL    string // TELEGRAM_WEBHOOK_URL: webhook mode instead of long polling
	WebhookSecret string // TELEGRAM_WEBHOOK_SECRET; secret
}

// Route is an extra handler on the public server.
type Route struct {
	Pattern string // a net/http pattern such as "GET /staff/"
	Name    string // metrics label
	Handler http.Handler
}

// Mode says how Telegram runs: off, polling or webhook.
func (c Config) Mode() string {
	switch {
	case c.Telegram.Token == "":
		return "off"
	case c.Telegram.WebhookURL != "":
		return "webhook"
	}
	return "polling"
}

// Level is the parsed LogLevel (info when it does not parse; Validate reports that).
func (c Config) Level() slog.Level {
	var l slog.Level
	if err := l.UnmarshalText([]byte(c.LogLevel)); err != nil {
		return slog.LevelInfo
	}
	return l
}

// LogValue shows the configuration with secrets masked and URLs reduced to their host.
func (c Config) LogValue() slog.Value {
	attrs := []slog.Attr{
		slog.String("http", c.HTTPAddr), slog.String("faq", c.FAQDir), slog.String("index", c.IndexDir),
		slog.Duration("reload_every", c.ReloadEvery), slog.String("log_level", c.Level().String()),
		slog.Int("workers", c.Workers), slog.Int("chat_limit", c.ChatLimit), slog.Int("api_limit", c.APILimit),
		slog.String("telegram", c.Mode()), slog.String("token", maskToken(c.Telegram.Token)),
		slog.Bool("store", c.Store != nil), slog.String("metrics", cmp.Or(c.MetricsAddr, "public")),
	}
	attrs = append(attrs, c.Exchanges.logAttrs()...)
	if c.Telegram.WebhookURL != "" {
		u, _ := url.Parse(c.Telegram.WebhookURL)
		attrs = append(attrs, slog.String("webhook_host", u.Host), slog.String("webhook_secret", "***"))
	}
	if api := c.apiURL(); api != DefaultAPIURL {
		u, _ := url.Parse(api)
		attrs = append(attrs, slog.String("api_host", u.Host))
	}
	return slog.GroupValue(attrs...)
}

func (c Config) apiURL() string {
	if c.Telegram.APIURL == "" {
		return DefaultAPIURL
	}
	return strings.TrimRight(c.Telegram.APIURL, "/")
}

// maskToken keeps only the bot's numeric id, which is public.
func maskToken(t string) string {
	if t == "" {
		return "unset"
	}
	id, _, _ := strings.Cut(t, ":")
	return id + ":***"
}

// ConfigError lists every problem of the configuration at once.
type ConfigError struct{ Problems []string }

func (e *ConfigError) Error() string {
	return "invalid configuration:\n  - " + strings.Join(e.Problems, "\n  - ")
}

var (
	tokenPattern  = regexp.MustCompile(`^[0-9]{1,20}:[A-Za-z0-9_-]{10,}$`)
	secretPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,256}$`)
	pathPattern   = regexp.MustCompile(`^/[A-Za-z0-9._~/-]*$`)
)

// Validate reports every bad field together as a *ConfigError. Secrets are never echoed,
// and neither are URLs that might carry credentials.
func (c Config) Validate() error {
	var p []string
	bad := func(format string, args ...any) { p = append(p, fmt.Sprintf(format, args...)) }
	if host, port, err := net.SplitHostPort(c.HTTPAddr); err != nil {
		bad("--http %q: want host:port, such as 127.0.0.1:8080", c.HTTPAddr)
	} else if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 || strings.ContainsAny(host, "/ ") {
		bad("--http %q: want host:port with a port from 0 to 65535", c.HTTPAddr)
	}
	if st, err := os.Stat(c.FAQDir); err != nil || !st.IsDir() {
		bad("--faq %q: no such directory", c.FAQDir)
	}
	if c.IndexDir == "" {
		bad("--index: must not be empty")
	}
	if c.ReloadEvery < 0 || (c.ReloadEvery > 0 && c.ReloadEvery < 100*time.Millisecond) {
		bad("--reload-every %v: want 0 or at least 100ms", c.ReloadEvery)
	}
	var l slog.Level
	if err := l.UnmarshalText([]byte(c.LogLevel)); err != nil {
		bad("--log-level/VNEIDBOT_LOG_LEVEL %q: want debug, info, warn or error", c.LogLevel)
	}
	if c.Workers < 1 || c.Workers > 256 {
		bad("--workers %d: want 1 to 256", c.Workers)
	}
	if c.ChatLimit < 0 {
		bad("--chat-limit %d: want 0 or more", c.ChatLimit)
	}
	if c.APILimit < 0 {
		bad("--api-limit %d: want 0 or more", c.APILimit)
	}
	t := c.Telegram
	if t.Token != "" && !tokenPattern.MatchString(t.Token) {
		bad("TELEGRAM_BOT_TOKEN does not look like a bot token (<digits>:<letters, digits, _ or ->)")
	}
	if u, err := url.Parse(c.apiURL()); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		bad("TELEGRAM_API_URL is not an http(s) URL such as https://api.telegram.org")
	}
	if t.WebhookURL != "" {
		if t.Token == "" {
			bad("TELEGRAM_WEBHOOK_URL is set but TELEGRAM_BOT_TOKEN is not")
		}
		u, err := url.Parse(t.WebhookURL)
		switch {
		case err != nil || u.Scheme != "https" || u.Host == "" || u.RawQuery != "" || u.Fragment != "":
			bad("TELEGRAM_WEBHOOK_URL must be a public https URL without query, such as https://bot.example.vn/telegram/<random>")
		case !pathPattern.MatchString(u.Path) || reservedPath(u.Path):
			bad("TELEGRAM_WEBHOOK_URL needs its own path (letters, digits, . _ ~ - /), not / nor one under /api/, /static/, /staff/, /healthz, /readyz or /metrics")
		}
		if t.WebhookSecret == "" {
			bad("TELEGRAM_WEBHOOK_SECRET is required in webhook mode (Telegram sends it with every update)")
		} else if !secretPattern.MatchString(t.WebhookSecret) {
			bad("TELEGRAM_WEBHOOK_SECRET must be 1 to 256 characters of A-Z, a-z, 0-9, _ and -")
		}
	}
	c.Exchanges.validate(bad)
	if c.MetricsAddr != "" {
		if _, _, err := net.SplitHostPort(c.MetricsAddr); err != nil || c.MetricsAddr == c.HTTPAddr {
			bad("VNEIDBOT_METRICS_ADDR %q: want host:port, other than --http", c.MetricsAddr)
		}
	}
	if len(p) > 0 {
		return &ConfigError{p}
	}
	return nil
}

// webhookPath is the path of the webhook URL, served on our own server.
func (c Config) webhookPath() string {
	if c.Telegram.WebhookURL == "" {
		return ""
	}
	u, err := url.Parse(c.Telegram.WebhookURL)
	if err != nil {
		return ""
	}
	return u.Path
}

func reservedPath(p string) bool {
	switch strings.TrimRight(p, "/") {
	case "", "/healthz", "/readyz", "/metrics", "/api", "/static", "/staff":
		return true
	}
	return strings.HasPrefix(p, "/api/") || strings.HasPrefix(p, "/static/") || strings.HasPrefix(p, "/staff/")
}
