package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/vneidbot/vneidbot/internal/service"
)

const evalUsage = `usage: vneidbot eval [flags] [FILES...]

Runs the query fixtures (YAML lists of {q, id, also, kind, must, expect, real, note}) through
the bot and scores the replies: one line per fixture, FAIL lines prefixed with file:line, then
a summary per set and in total (strict pass, in scope and off topic, top-1, recall@3, MRR,
off-topic and no-answer precision and recall), a risk–coverage table per set and the most
confused entries.

Without FILES, runs three sets under --faq: own (fixtures/*.yaml), real-tune
(fixtures/real/tune.yaml) and real-check (fixtures/real/check.yaml, never used for tuning).
With FILES, runs them as one set.

--bars FILE (make eval passes internal/eval/bars.yaml) sets the lowest figure of each set;
--min and --min-top1 bar the total. --baseline OLD.json (a report written with --json) lists
the fixtures the change fixed and the ones it broke.

Exit status: 0 ok, 1 below a bar, 2 bad usage or a fixture, bars, baseline, FAQ or index that
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
	fs.Float64Var(&c.MinPass, "min", 0, "exit 1 when the total pass rate is below this (0..1)")
	fs.Float64Var(&c.MinTop1, "min-top1", 0, "exit 1 when the total top-1 accuracy is below this (0..1)")
	contentFlags(fs, e, &c.Content)
	fs.BoolVar(&c.Verbose, "v", false, "print how long the run took on stderr")
	fs.StringVar(&c.Bars, "bars", "", "`file` of bars per set and metric (internal/eval/bars.yaml); exit 1 below any")
	fs.StringVar(&c.Baseline, "baseline", "", "`report.json` of an earlier run (--json): print the fixtures fixed and broken since")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	c.Files = fs.Args()
	c.Logger = e.logger()
	return service.Eval(ctx, c, e.stdout, e.stderr)
}
