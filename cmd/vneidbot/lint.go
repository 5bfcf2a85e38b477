package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"time"

	"github.com/vneidbot/vneidbot/internal/faq"
)

const lintUsage = `usage: vneidbot lint [--now YYYY-MM-DD] [DIR]

Checks the FAQ files in DIR (default: $VNEIDBOT_FAQ, else faq) and prints every
problem as file:line: message, then a summary line. With --now, the dates (facts'
valid_until, review_by, reviewed) are checked as on that day, Vietnam time: run
"vneidbot lint --now 2027-01-01" to see what will be out of date then.

Exit status: 0 when there are no errors (warnings are allowed), 1 when there are
errors, 2 for a usage error or a directory that cannot be read.

Flags:
`

// runLint implements "vneidbot lint [DIR]".
func runLint(ctx context.Context, args []string, e env) int {
	flags := flag.NewFlagSet("lint", flag.ContinueOnError)
	flags.SetOutput(e.stderr)
	var today string
	flags.StringVar(&today, "now", "", "check dates as on this `day`, YYYY-MM-DD, to see what will go stale (default: today)")
	flags.StringVar(&today, "today", "", "the same as --now")
	flags.Usage = func() {
		fmt.Fprint(flags.Output(), lintUsage)
		flags.PrintDefaults()
	}
	if err := flags.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if flags.NArg() > 1 {
		fmt.Fprintf(e.stderr, "vneidbot lint: want at most one DIR, got %d arguments\n", flags.NArg())
		flags.Usage()
		return 2
	}

	dir := flags.Arg(0)
	if dir == "" {
		dir = e.getenv("VNEIDBOT_FAQ")
	}
	if dir == "" {
		dir = "faq"
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
	if err := ctx.Err(); err != nil {
		fmt.Fprintf(e.stderr, "vneidbot lint: %v\n", err)
		return 2
	}

	r, err := faq.Lint(dir, now)
	if err != nil {
		fmt.Fprintf(e.stderr, "vneidbot lint: %v\n", err)
		return 2
	}
	if _, err := r.WriteTo(e.stdout); err != nil {
		fmt.Fprintf(e.stderr, "vneidbot lint: write report: %v\n", err)
		return 2
	}
	if r.Errors() > 0 {
		return 1
	}
	return 0
}
