package service

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"reflect"
	"strings"
	"sync"
	"time"

	"github.com/vneidbot/vneidbot/internal/httpapi"
	"github.com/vneidbot/vneidbot/internal/logthrottle"
	"github.com/vneidbot/vneidbot/internal/metrics"
	"github.com/vneidbot/vneidbot/internal/staff"
	"github.com/vneidbot/vneidbot/internal/store"
	"github.com/vneidbot/vneidbot/internal/store/dbopen"
	"github.com/vneidbot/vneidbot/internal/telegram"
)

// ExchangeConfig is the exchange store (what citizens asked and how the bot did, redacted),
// its retention, and the staff console that reads it.
type ExchangeConfig struct {
	// DataDir holds the SQLite file (VNEIDBOT_DATA); DB (VNEIDBOT_DB) a postgres:// URL
	// instead, for several replicas. A Config.Store that is a full store.DB (tests, the
	// replica test) is used instead of both; one that only de-duplicates updates turns
	// recording off. Both empty and no Config.Store: nothing is recorded.
	DataDir string
	DB      string // secret: may hold a password
	// Key keys the hash of Telegram chat ids (VNEIDBOT_STORE_KEY; secret). Empty: a random
	// key per run, so hashes only match within one run.
	Key string
	// RetentionDays: records older are deleted (VNEIDBOT_RETENTION_DAYS; default 90).
	RetentionDays int
	// StaffToken enables the console at /staff/ (VNEIDBOT_STAFF_TOKEN; secret); empty: 404.
	StaffToken string
}

// minStaffToken is the shortest staff token accepted: 16 characters of a random token are
// beyond guessing at the console's 10 attempts per minute.
const minStaffToken = 16

func (c ExchangeConfig) validate(bad func(string, ...any)) {
	if c.DB != "" && !strings.HasPrefix(c.DB, "postgres://") && !strings.HasPrefix(c.DB, "postgresql://") {
		bad("VNEIDBOT_DB must be a postgres:// URL (or empty for the SQLite file in the data directory)")
	}
	if c.RetentionDays < 0 || c.RetentionDays > 3650 {
		bad("--retention-days %d: want 1 to 3650 (0 for the default, %d)", c.RetentionDays, store.DefaultRetentionDays)
	}
	if c.StaffToken != "" && len(c.StaffToken) < minStaffToken {
		bad("VNEIDBOT_STAFF_TOKEN is too short: use at least %d random characters (e.g. openssl rand -hex 16)", minStaffToken)
	}
}

func (c ExchangeConfig) logAttrs() []slog.Attr {
	where := "off"
	switch {
	case c.DB != "":
		where = "postgres"
	case c.DataDir != "":
		where = "sqlite"
	}
	return []slog.Attr{slog.String("exchange_store", where), slog.Bool("staff_console", c.StaffToken != ""),
		slog.Bool("store_key", c.Key != "")}
}

// exchanges is the running store side of the service: the writer, the retention and the
// console. Its zero value (nothing configured) does nothing.
type exchanges struct {
	db      store.DB
	owned   bool // opened here, so closed here
	w       *store.Writer
	console *staff.Console
	consLog *logthrottle.Handler // the console's log: its login page is anyone's to post to
	stop    context.CancelFunc
	wg      sync.WaitGroup
}

// openExchanges opens the store the configuration names and starts its writer and retention.
// When it opens the store itself, it also becomes cfg.Store (Telegram update de-duplication).
func openExchanges(ctx context.Context, cfg *Config, logger *slog.Logger, m *metrics.Metrics) (*exchanges, error) {
	x := &exchanges{}
	ec := cfg.Exchanges
	if db, ok := cfg.Store.(store.DB); ok {
		x.db = db
	} else if cfg.Store == nil && (ec.DB != "" || ec.DataDir != "") {
		db, desc, err := dbopen.Open(ctx, ec.DB, ec.DataDir)
		if err != nil {
			return nil, fmt.Errorf("open the store: %w", err)
		}
		logger.Info("serve.store", "db", desc, "retention_days", cmpOr(ec.RetentionDays, store.DefaultRetentionDays))
		x.db, x.owned, cfg.Store = db, true, db
	}
	if x.db == nil {
		if ec.StaffToken != "" {
			logger.Warn("serve.staff", "outcome", "off", "reason", "no store configured")
		}
		return x, nil
	}
	if ec.Key == "" {
		logger.Info("serve.store", "store_key", "random", "hint", "set VNEIDBOT_STORE_KEY to keep chat hashes stable across restarts")
	}
	x.w = store.NewWriter(logger, x.db, store.NewHasher(ec.Key), store.WriterSettings{})
	m.SetStoreSource(func() metrics.StoreStats {
		s := x.w.Stats()
		return metrics.StoreStats{Written: s.Written, Lost: s.Lost, Queued: s.Queued}
	})
	rctx, stop := context.WithCancel(context.WithoutCancel(ctx))
	x.stop = stop
	x.wg.Add(1)
	go func() {
		defer x.wg.Done()
		store.RunRetention(rctx, logger, x.db, store.Retention{Days: ec.RetentionDays})
	}()
	if ec.StaffToken != "" {
		x.consLog = logthrottle.NewHandler(logger.Handler(), time.Minute)
		x.console = staff.New(slog.New(x.consLog), x.db, staff.Options{Token: ec.StaffToken, FAQDir: cfg.FAQDir})
	}
	return x, nil
}

func cmpOr(a, b int) int {
	if a != 0 {
		return a
	}
	return b
}

// recorder is the httpapi Recorder, or nil when nothing is recorded.
func (x *exchanges) recorder() httpapi.Recorder {
	if x.w == nil {
		return nil
	}
	return x.w
}

// telegramRecorder is the Telegram Recorder, or nil when nothing is recorded.
func (x *exchanges) telegramRecorder() telegram.Recorder {
	if x.w == nil {
		return nil
	}
	return x.w
}

// mount puts the console on the public server when it is enabled; otherwise /staff/ is 404.
func (x *exchanges) mount(api *httpapi.Server) {
	if x.console != nil {
		api.Handle(staff.Prefix, "staff", x.console)
	}
}

// ready gives the console the knowledge base.
func (x *exchanges) ready(a staff.Answerer) {
	if x.console != nil {
		x.console.SetAnswerer(a)
		x.console.SetExplain(explainer(a))
	}
}

// explainer adapts the knowledge base's Explain(ctx, text) method, which the ranking work
// adds with its own result type, for the console's playground; nil while it does not exist.
// Reflection keeps the console independent of that type.
func explainer(a any) func(context.Context, string) any {
	m := reflect.ValueOf(a).MethodByName("Explain")
	if !m.IsValid() {
		return nil
	}
	t := m.Type()
	ctxType := reflect.TypeFor[context.Context]()
	if t.NumIn() != 2 || t.In(0) != ctxType || t.In(1).Kind() != reflect.String || t.NumOut() != 1 {
		return nil
	}
	return func(ctx context.Context, text string) any {
		return m.Call([]reflect.Value{reflect.ValueOf(&ctx).Elem(), reflect.ValueOf(text)})[0].Interface()
	}
}

// close writes what is queued (within a budget), stops the retention and closes the store
// if it was opened here. Run calls it after HTTP and Telegram have stopped.
func (x *exchanges) close(logger *slog.Logger) {
	if x.consLog != nil {
		x.consLog.Flush()
	}
	if x.w != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		x.w.Close(ctx)
		cancel()
		s := x.w.Stats()
		logger.Info("serve.store_stopped", "written", s.Written, "lost", s.Lost)
	}
	if x.stop != nil {
		x.stop()
		x.wg.Wait()
	}
	if x.owned {
		if err := x.db.Close(); err != nil {
			logger.Warn("serve.store_close", "err", err)
		}
	}
}

// serveMetrics serves /metrics alone on addr (VNEIDBOT_METRICS_ADDR), so that it can stay
// off the public port. It listens at once, so a busy port fails at start.
func serveMetrics(addr string, m *metrics.Metrics, logger *slog.Logger) (stop func(), err error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, &ListenError{addr, err}
	}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", m.Handler())
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second, WriteTimeout: 30 * time.Second,
		ErrorLog: slog.NewLogLogger(logger.Handler(), slog.LevelWarn)}
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			logger.Error("serve.metrics", "err", err)
		}
	}()
	logger.Info("serve.metrics", "addr", ln.Addr().String())
	return func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		srv.Shutdown(ctx)
	}, nil
}
