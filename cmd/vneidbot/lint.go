package main

import (
	"context"
	"flag"
	"fmt"
	"time"

	"github.com/vneidbot/vneidbot/internal/faq"
	"github.com/vneidbot/vneidbot/internal/service"
)

const lintUsage = `usage: vneidbot lint [--now YYYY-MM-DD] [DIR]

Checks the FAQ files in DIR (default: $VNEIDBOT_FAQ, else faq) and prints every
problem as file:line: message (a file that does not parse first), then a summary line.
With --now, the dates (facts' valid_until, review_by, reviewed) are checked as on that
day, Vietnam time: run "vneidbot lint --now 2027-01-01" to see what will be out of date then.

Exit status: 0 when there are no errors (warnings are allowed), 1 when there are
errors, 2 for a usage error or a directory that cannot be read.

Flags:
`

// runLint implements "vneidbot lint [DIR]".
func runLint(_ context.Context, args []string, e env) int {
	fs := flag.NewFlagSet("lint", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	var today string
	fs.StringVar(&today, "now", "", "check dates as on this `day`, YYYY-MM-DD, to see what will go stale (default: today)")
	fs.StringVar(&today, "today", "", "the same as --now")
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
	if today != "" {
		day, err := faq.ParseDay(today)
		if err != nil {
			fmt.Fprintf(e.stderr, "vneidbot lint: --now %q: want a date written YYYY-MM-DD\n", today)
			return 2
		}
		now = day.Start()
	}
	dir := fs.Arg(0)
	if dir == "" {
		dir = e.or("VNEIDBOT_FAQ", "faq")
	}
	return service.Lint(dir, now, e.stdout, e.stderr)
}
