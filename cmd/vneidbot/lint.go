package main

import (
	"context"
	"flag"
	"fmt"
	"time"

	"github.com/vneidbot/vneidbot/internal/service"
)

const lintUsage = `usage: vneidbot lint [-today YYYY-MM-DD] [DIR]

Checks the FAQ files in DIR (default: $VNEIDBOT_FAQ, else faq) and prints every
problem as file:line: message (a file that does not parse first), then a summary line.

Exit status: 0 when there are no errors (warnings are allowed), 1 when there are
errors, 2 for a usage error or a directory that cannot be read.

Flags:
`

// runLint implements "vneidbot lint [DIR]".
func runLint(_ context.Context, args []string, e env) int {
	fs := flag.NewFlagSet("lint", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	today := fs.String("today", "", "check reviewed dates as of this `day`, YYYY-MM-DD, to see what will go stale (default: today)")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), lintUsage)
		fs.PrintDefaults()
	}
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if fs.NArg() > 1 {
		fmt.Fprintf(e.stderr, "vneidbot lint: want at most one DIR, got %d arguments\n", fs.NArg())
		fs.Usage()
		return 2
	}
	now := time.Now()
	if *today != "" {
		day, err := time.Parse("2006-01-02", *today)
		if err != nil {
			fmt.Fprintf(e.stderr, "vneidbot lint: -today %q: want a date written YYYY-MM-DD\n", *today)
			return 2
		}
		now = day
	}
	dir := fs.Arg(0)
	if dir == "" {
		dir = e.or("VNEIDBOT_FAQ", "faq")
	}
	return service.Lint(dir, now, e.stdout, e.stderr)
}
