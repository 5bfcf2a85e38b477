package service

import (
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

	"github.com/vneidbot/vneidbot/internal/answer"
)

// Flags is the flag plumbing every subcommand shares, so that cmd/vneidbot only names its
// flags: a flag set whose errors and -h go to stderr (the usage text, then the flags), the
// environment its defaults come from (flag over env over default), the content flags, the
// repeatable --set and the logger.
type Flags struct {
	*flag.FlagSet
	getenv func(string) string
	stderr io.Writer
}

// NewFlags is the flag set of subcommand name; usage is printed before the flags by -h.
func NewFlags(name, usage string, getenv func(string) string, stderr io.Writer) *Flags {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(fs.Output(), usage); fs.PrintDefaults() }
	return &Flags{FlagSet: fs, getenv: getenv, stderr: stderr}
}

// Env is the environment variable key, or def when it is unset or empty.
func (f *Flags) Env(key, def string) string {
	if v := f.getenv(key); v != "" {
		return v
	}
	return def
}

// Content binds --faq and --index, defaulting to the environment, then to faq/ and index/.
func (f *Flags) Content(c *Content) {
	f.StringVar(&c.FAQDir, "faq", f.Env("VNEIDBOT_FAQ", "faq"), "FAQ `dir` (env VNEIDBOT_FAQ)")
	f.StringVar(&c.IndexDir, "index", f.Env("VNEIDBOT_INDEX", "index"), "index `dir` (env VNEIDBOT_INDEX)")
}

// Now binds --now YYYY-MM-DD: the replies show the facts' values of that day (c.Now), for
// seeing what a fee or law that changes on a known day will do.
func (f *Flags) Now(c *Content, usage string) {
	f.Day("now", usage, func(d time.Time) { c.Now = func() time.Time { return d } })
}

// Day binds the flag name as a day, YYYY-MM-DD (Vietnam time): set receives midday of that
// day, whose facts and dates count. A bad day is a flag error.
func (f *Flags) Day(name, usage string, set func(time.Time)) {
	f.Func(name, usage, func(s string) error {
		d, err := parseDay(s)
		if err == nil {
			set(d)
		}
		return err
	})
}

// Settings binds the repeatable --set name=value and returns the ranking settings it fills
// in while the arguments are parsed, starting from the defaults.
func (f *Flags) Settings() *answer.Settings {
	sf := NewSettingsFlag()
	f.Var(sf, "set", SetUsage)
	return &sf.Settings
}

// Logger logs to stderr at the level in VNEIDBOT_LOG_LEVEL (debug, info, warn, error), else
// warn: the one-shot subcommands speak up only when something is wrong.
func (f *Flags) Logger() *slog.Logger {
	level := slog.LevelWarn
	if err := level.UnmarshalText([]byte(f.getenv("VNEIDBOT_LOG_LEVEL"))); err != nil {
		level = slog.LevelWarn
	}
	return slog.New(slog.NewTextHandler(f.stderr, &slog.HandlerOptions{Level: level}))
}

// ParseArgs parses args. ok is false when the subcommand should stop, with its exit code:
// 0 after -h, 2 after a bad flag (the flag package has said what was wrong).
func (f *Flags) ParseArgs(args []string) (code int, ok bool) {
	switch err := f.Parse(args); {
	case err == flag.ErrHelp:
		return 0, false
	case err != nil:
		return 2, false
	}
	return 0, true
}

// SetUsage is the help text of --set.
const SetUsage = "try a ranking `name=value` (repeatable; `vneidbot ask --settings` lists them)"

// SettingsFlag is a repeatable --set name=value (a flag.Value) over the ranking model's
// defaults: each pair changes one of Settings, and a bad name or value is a flag error.
type SettingsFlag struct {
	Settings answer.Settings
	pairs    []string
}

// NewSettingsFlag starts from answer.DefaultSettings.
func NewSettingsFlag() *SettingsFlag { return &SettingsFlag{Settings: answer.DefaultSettings()} }

func (f *SettingsFlag) String() string { return strings.Join(f.pairs, ",") }

// Set applies one name=value pair.
func (f *SettingsFlag) Set(pair string) error {
	if err := f.Settings.SetPair(pair); err != nil {
		return err
	}
	f.pairs = append(f.pairs, pair)
	return nil
}

// ValidateArgs is Validate, with the arguments left after the flags (serve takes none)
// reported among the problems.
func (c Config) ValidateArgs(rest []string) error {
	err := c.Validate()
	if len(rest) == 0 {
		return err
	}
	ce, _ := err.(*ConfigError)
	if ce == nil {
		ce = &ConfigError{}
	}
	ce.Problems = append(ce.Problems, fmt.Sprintf("unexpected arguments %q", rest))
	return ce
}
