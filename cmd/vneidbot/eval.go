package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/vneidbot/vneidbot/internal/service"
)

const evalUsage = `usage: vneidbot eval [flags] [FILES...]

Runs the query fixtures (YAML lists of {q, id, also, kind, note}) through the bot and scores
the replies: one line per fixture, FAIL lines prefixed with file:line, then a summary (pass
rate, top-1, recall@3, MRR, no-answer precision and recall, the most confused entries).
Without FILES, runs every faq/fixtures/*.yaml under --faq.

Exit status: 0 ok, 1 below --min or --min-top1, 2 bad usage or a fixture, FAQ or index that
cannot be loaded.

Flags:
`

// runEval is "vneidbot eval".
func runEval(ctx context.Context, args []string, e env) int {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprint(e.stderr, evalUsage)
		fs.PrintDefaults()
	}
	var c service.EvalConfig
	fs.BoolVar(&c.JSON, "json", false, "write the report as JSON")
	fs.BoolVar(&c.FailOnly, "fail-only", false, "text report: print only the FAIL lines and the summary")
	fs.Float64Var(&c.MinPass, "min", 0, "exit 1 when the pass rate is below this (0..1)")
	fs.Float64Var(&c.MinTop1, "min-top1", 0, "exit 1 when top-1 accuracy is below this (0..1)")
	contentFlags(fs, e, &c.Content)
	fs.BoolVar(&c.Verbose, "v", false, "print how long the run took on stderr")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	c.Files = fs.Args()
	c.Logger = e.logger()
	return service.Eval(ctx, c, e.stdout, e.stderr)
}
