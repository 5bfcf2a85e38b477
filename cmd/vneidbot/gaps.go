package main

import (
	"context"
	"fmt"
	"time"

	"github.com/vneidbot/vneidbot/internal/gaps"
)

const gapsUsage = `usage: vneidbot gaps [--days N | --since DATE [--until DATE]] [--json | --fixtures]

The questions of a period that got a fallback, a clarification or a 👎, grouped by similar
phrasing, with examples, the entries considered and a suggestion; --fixtures prints fixture
stubs for testers. Reads VNEIDBOT_DB (postgres://…) or the SQLite file in --data.

Flags:
`

// runGaps is "vneidbot gaps".
func runGaps(ctx context.Context, args []string, e env) int {
	c := gaps.CLI{DB: e.getenv("VNEIDBOT_DB"), Now: time.Now().UTC()}
	fs := e.flags("gaps", gapsUsage)
	fs.IntVar(&c.Days, "days", 7, "the last N days")
	fs.StringVar(&c.Since, "since", "", "start `date` YYYY-MM-DD (UTC); overrides --days")
	fs.StringVar(&c.Until, "until", "", "end `date` YYYY-MM-DD, exclusive; default now")
	fs.BoolVar(&c.JSON, "json", false, "the report as JSON")
	fs.BoolVar(&c.Fixtures, "fixtures", false, "fixture stubs for testers")
	fs.StringVar(&c.DataDir, "data", fs.Env("VNEIDBOT_DATA", "data"), "data `dir` of the SQLite store (env VNEIDBOT_DATA)")
	fs.StringVar(&c.FAQDir, "faq", fs.Env("VNEIDBOT_FAQ", "faq"), "FAQ `dir`, for entry titles (env VNEIDBOT_FAQ)")
	if code, ok := fs.ParseArgs(args); !ok {
		return code
	} else if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "vneidbot gaps: unexpected arguments %q\n", fs.Args())
		return 2
	}
	return gaps.RunCLI(ctx, c, e.stdout, e.stderr)
}
