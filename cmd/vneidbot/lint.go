package main

import (
	"context"
	"fmt"
	"time"

	"github.com/vneidbot/vneidbot/internal/service"
)

// runLint implements "vneidbot lint [DIR]".
func runLint(_ context.Context, args []string, e env) int {
	fs := e.flags("lint", service.LintUsage)
	var now time.Time
	setNow := func(d time.Time) { now = d }
	fs.Day("now", "check dates as on this `day`, YYYY-MM-DD, to see what will go stale (default: today)", setNow)
	fs.Day("today", "the same as --now, a `day`", setNow)
	if code, ok := fs.ParseArgs(args); !ok {
		return code
	}
	if fs.NArg() > 1 {
		fmt.Fprintf(e.stderr, "vneidbot lint: want at most one DIR, got %d arguments\n", fs.NArg())
		fs.Usage()
		return 2
	}
	if now.IsZero() {
		now = time.Now()
	}
	dir := fs.Arg(0)
	if dir == "" {
		dir = fs.Env("VNEIDBOT_FAQ", "faq")
	}
	return service.Lint(dir, now, e.stdout, e.stderr)
}
