package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/vneidbot/vneidbot/internal/service"
)

// serveConfig binds flags and environment into a service.Config (validated by service.Run).
func serveConfig(args []string, e env) (service.Config, []string, error) {
	var c service.Config
	fs := e.flags("serve", service.ServeUsage)
	fs.StringVar(&c.HTTPAddr, "http", e.or("VNEIDBOT_HTTP", "127.0.0.1:8080"), "listen `address` host:port (env VNEIDBOT_HTTP)")
	fs.StringVar(&c.FAQDir, "faq", e.or("VNEIDBOT_FAQ", "faq"), "FAQ `dir` (env VNEIDBOT_FAQ)")
	fs.StringVar(&c.IndexDir, "index", e.or("VNEIDBOT_INDEX", "index"), "index `dir` (env VNEIDBOT_INDEX)")
	fs.DurationVar(&c.ReloadEvery, "reload-every", 2*time.Second, "how often to check faq/ for changes; 0 reloads on SIGHUP only")
	fs.StringVar(&c.LogLevel, "log-level", e.or("VNEIDBOT_LOG_LEVEL", "info"), "debug, info, warn or error (env VNEIDBOT_LOG_LEVEL)")
	fs.IntVar(&c.Workers, "workers", 8, "Telegram updates handled at once")
	fs.IntVar(&c.ChatLimit, "chat-limit", 20, "answers per Telegram chat per minute; 0 for no limit")
	fs.IntVar(&c.APILimit, "api-limit", 60, "API requests per client address per minute; 0 for no limit (behind a proxy, limit there)")
	fs.StringVar(&c.Exchanges.DataDir, "data", e.or("VNEIDBOT_DATA", "data"), "data `dir` of the SQLite store (env VNEIDBOT_DATA)")
	days, err := strconv.Atoi(e.or("VNEIDBOT_RETENTION_DAYS", "90"))
	if err != nil {
		days = -1 // Validate reports it
	}
	fs.IntVar(&c.Exchanges.RetentionDays, "retention-days", days, "delete records older than N days (env VNEIDBOT_RETENTION_DAYS)")
	fs.StringVar(&c.MetricsAddr, "metrics", e.getenv("VNEIDBOT_METRICS_ADDR"), "serve /metrics on this `address` instead of --http (env VNEIDBOT_METRICS_ADDR)")
	if err := fs.Parse(args); err != nil {
		return c, nil, err
	}
	c.Telegram = service.TelegramConfig{
		Token:         strings.TrimSpace(e.getenv("TELEGRAM_BOT_TOKEN")),
		WebhookURL:    strings.TrimSpace(e.getenv("TELEGRAM_WEBHOOK_URL")),
		WebhookSecret: e.getenv("TELEGRAM_WEBHOOK_SECRET"),
		APIURL:        e.or("TELEGRAM_API_URL", service.DefaultAPIURL),
	}
	c.Exchanges.DB, c.Exchanges.Key = e.getenv("VNEIDBOT_DB"), e.getenv("VNEIDBOT_STORE_KEY")
	c.Exchanges.StaffToken = e.getenv("VNEIDBOT_STAFF_TOKEN")
	c.Logger = slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: c.Level()}))
	return c, fs.Args(), nil
}

// runServe runs the service until ctx is cancelled (SIGINT/SIGTERM); 0 after a clean stop.
func runServe(ctx context.Context, args []string, e env) int {
	cfg, rest, err := serveConfig(args, e)
	if err == flag.ErrHelp {
		return 0
	} else if err != nil {
		return 2 // the flag package has said what was wrong
	}
	if err := cfg.Validate(); err != nil || len(rest) > 0 {
		ce, _ := err.(*service.ConfigError)
		if ce == nil {
			ce = &service.ConfigError{}
		}
		if len(rest) > 0 {
			ce.Problems = append(ce.Problems, fmt.Sprintf("unexpected arguments %q", rest))
		}
		fmt.Fprintf(e.stderr, "vneidbot serve: %v\n", ce)
		return 2
	}
	if err := service.Run(ctx, cfg); err != nil {
		service.WriteError(e.stderr, "vneidbot serve", err)
		return service.ExitCode(err)
	}
	return 0
}
