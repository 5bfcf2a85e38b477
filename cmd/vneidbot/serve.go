package main

import (
	"context"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/vneidbot/vneidbot/internal/service"
)

// serveConfig binds flags and environment into a service.Config (validated by service.Run).
// ok is false, with the exit code, when serve should stop (-h or a bad flag).
func serveConfig(args []string, e env) (c service.Config, rest []string, code int, ok bool) {
	fs := e.flags("serve", service.ServeUsage)
	fs.StringVar(&c.HTTPAddr, "http", fs.Env("VNEIDBOT_HTTP", "127.0.0.1:8080"), "listen `address` host:port (env VNEIDBOT_HTTP)")
	fs.StringVar(&c.FAQDir, "faq", fs.Env("VNEIDBOT_FAQ", "faq"), "FAQ `dir` (env VNEIDBOT_FAQ)")
	fs.StringVar(&c.IndexDir, "index", fs.Env("VNEIDBOT_INDEX", "index"), "index `dir` (env VNEIDBOT_INDEX)")
	fs.DurationVar(&c.ReloadEvery, "reload-every", 2*time.Second, "how often to check faq/ for changes; 0 reloads on SIGHUP only")
	fs.StringVar(&c.LogLevel, "log-level", fs.Env("VNEIDBOT_LOG_LEVEL", "info"), "debug, info, warn or error (env VNEIDBOT_LOG_LEVEL)")
	fs.IntVar(&c.Workers, "workers", 8, "Telegram updates handled at once")
	fs.IntVar(&c.ChatLimit, "chat-limit", 20, "answers per Telegram chat per minute; 0 for no limit")
	fs.IntVar(&c.APILimit, "api-limit", 60, "API requests per client address per minute; 0 for no limit (behind a proxy, limit there)")
	fs.StringVar(&c.Exchanges.DataDir, "data", fs.Env("VNEIDBOT_DATA", "data"), "data `dir` of the SQLite store (env VNEIDBOT_DATA)")
	days, err := strconv.Atoi(fs.Env("VNEIDBOT_RETENTION_DAYS", "90"))
	if err != nil {
		days = -1 // Validate reports it
	}
	fs.IntVar(&c.Exchanges.RetentionDays, "retention-days", days, "delete records older than N days (env VNEIDBOT_RETENTION_DAYS)")
	fs.StringVar(&c.MetricsAddr, "metrics", e.getenv("VNEIDBOT_METRICS_ADDR"), "serve /metrics on this `address` instead of --http (env VNEIDBOT_METRICS_ADDR)")
	if code, ok := fs.ParseArgs(args); !ok {
		return c, nil, code, false
	}
	c.Telegram = service.TelegramConfig{
		Token:         strings.TrimSpace(e.getenv("TELEGRAM_BOT_TOKEN")),
		WebhookURL:    strings.TrimSpace(e.getenv("TELEGRAM_WEBHOOK_URL")),
		WebhookSecret: e.getenv("TELEGRAM_WEBHOOK_SECRET"),
		APIURL:        fs.Env("TELEGRAM_API_URL", service.DefaultAPIURL),
	}
	c.Exchanges.DB, c.Exchanges.Key = e.getenv("VNEIDBOT_DB"), e.getenv("VNEIDBOT_STORE_KEY")
	c.Exchanges.StaffToken = e.getenv("VNEIDBOT_STAFF_TOKEN")
	c.Logger = slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: c.Level()}))
	return c, fs.Args(), 0, true
}

// runServe runs the service until ctx is cancelled (SIGINT/SIGTERM); 0 after a clean stop.
func runServe(ctx context.Context, args []string, e env) int {
	cfg, rest, code, ok := serveConfig(args, e)
	if !ok {
		return code
	}
	if err := cfg.ValidateArgs(rest); err != nil {
		fmt.Fprintf(e.stderr, "vneidbot serve: %v\n", err)
		return 2
	}
	if err := service.Run(ctx, cfg); err != nil {
		service.WriteError(e.stderr, "vneidbot serve", err)
		return service.ExitCode(err)
	}
	return 0
}
