package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

	"github.com/vneidbot/vneidbot/internal/faq"
	"github.com/vneidbot/vneidbot/internal/kb"
)

// openKB opens the knowledge base the way every subcommand does: lint, then build or open the index.
func openKB(ctx context.Context, logger *slog.Logger, faqDir, indexDir string) (*kb.Live, error) {
	return kb.Open(ctx, logger, kb.Config{FAQDir: faqDir, IndexDir: indexDir})
}

// nowFlag binds --now: the day (YYYY-MM-DD, Vietnam time) whose facts the replies show.
// Its clock returns nil when the flag is not set.
func nowFlag(fs *flag.FlagSet) func() (func() time.Time, error) {
	day := fs.String("now", "", "answer as on this `day`, YYYY-MM-DD: the facts' values of that day (default: today)")
	return func() (func() time.Time, error) {
		if *day == "" {
			return nil, nil
		}
		d, err := faq.ParseDay(*day)
		if err != nil {
			return nil, fmt.Errorf("--now %q: want a date written YYYY-MM-DD", *day)
		}
		t := d.Start().Add(12 * time.Hour) // midday: the whole day's values
		return func() time.Time { return t }, nil
	}
}

// contentFlags binds --faq and --index, defaulting to the environment, then to faq/ and index/.
func contentFlags(fs *flag.FlagSet, e env) (faqDir, indexDir *string) {
	faqDir = fs.String("faq", envOr(e, "VNEIDBOT_FAQ", "faq"), "FAQ `dir` (env VNEIDBOT_FAQ)")
	indexDir = fs.String("index", envOr(e, "VNEIDBOT_INDEX", "index"), "index `dir` (env VNEIDBOT_INDEX)")
	return faqDir, indexDir
}

func envOr(e env, key, def string) string {
	if v := e.getenv(key); v != "" {
		return v
	}
	return def
}

// newLogger logs to w at the level in VNEIDBOT_LOG_LEVEL (debug, info, warn, error), else def.
func newLogger(e env, w io.Writer, def slog.Level) *slog.Logger {
	level := def
	if v := e.getenv("VNEIDBOT_LOG_LEVEL"); v != "" {
		if err := level.UnmarshalText([]byte(v)); err != nil {
			level = def
		}
	}
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: level}))
}

// reportOpenError prints why the knowledge base could not be opened, lint problems one per line.
func reportOpenError(w io.Writer, err error) {
	var le *kb.LintError
	if errors.As(err, &le) {
		fmt.Fprintln(w, "vneidbot: the FAQ has errors; fix them (vneidbot lint) and try again:")
		for _, p := range le.Problems {
			fmt.Fprintln(w, p.String())
		}
		return
	}
	fmt.Fprintf(w, "vneidbot: %s\n", strings.TrimSpace(err.Error()))
}
