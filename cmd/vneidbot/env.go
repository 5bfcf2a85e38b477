package main

import (
	"flag"
	"fmt"
	"io"
	"log/slog"

	"github.com/vneidbot/vneidbot/internal/service"
)

// env is what a subcommand may touch of the outside world, so tests can run it with buffers.
type env struct {
	getenv func(string) string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

func (e env) or(key, def string) string {
	if v := e.getenv(key); v != "" {
		return v
	}
	return def
}

// flags is a subcommand's flag set: errors and -h on stderr, usage then the flags.
func (e env) flags(name, usage string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() { fmt.Fprint(fs.Output(), usage); fs.PrintDefaults() }
	return fs
}

// contentFlags binds --faq and --index, defaulting to the environment, then to faq/ and index/.
func contentFlags(fs *flag.FlagSet, e env, c *service.Content) {
	fs.StringVar(&c.FAQDir, "faq", e.or("VNEIDBOT_FAQ", "faq"), "FAQ `dir` (env VNEIDBOT_FAQ)")
	fs.StringVar(&c.IndexDir, "index", e.or("VNEIDBOT_INDEX", "index"), "index `dir` (env VNEIDBOT_INDEX)")
}

// logger logs to stderr at the level in VNEIDBOT_LOG_LEVEL (debug, info, warn, error), else warn.
func (e env) logger() *slog.Logger {
	level := slog.LevelWarn
	if err := level.UnmarshalText([]byte(e.getenv("VNEIDBOT_LOG_LEVEL"))); err != nil {
		level = slog.LevelWarn
	}
	return slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: level}))
}

// parse parses args; ok is false (with the exit code) for -h or a bad flag.
func parse(fs *flag.FlagSet, args []string) (code int, ok bool) {
	switch err := fs.Parse(args); {
	case err == flag.ErrHelp:
		return 0, false
	case err != nil:
		return 2, false
	}
	return 0, true
}
