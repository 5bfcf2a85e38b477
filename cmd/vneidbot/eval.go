package main

import (
	"context"

	"github.com/vneidbot/vneidbot/internal/service"
)

// runEval is "vneidbot eval".
func runEval(ctx context.Context, args []string, e env) int {
	fs := e.flags("eval", service.EvalUsage)
	var c service.EvalConfig
	fs.BoolVar(&c.JSON, "json", false, "write the report as JSON")
	fs.BoolVar(&c.FailOnly, "fail-only", false, "text report: print only the FAIL lines and the summary")
	fs.Float64Var(&c.MinPass, "min", 0, "exit 1 when the total pass rate is below this (0..1)")
	fs.Float64Var(&c.MinTop1, "min-top1", 0, "exit 1 when the total top-1 accuracy is below this (0..1)")
	fs.Content(&c.Content)
	fs.Now(&c.Content, "answer as on this `day`, YYYY-MM-DD: the facts' values of that day, to see which fixtures a dated fact will break (default: today)")
	fs.BoolVar(&c.Verbose, "v", false, "print how long the run took on stderr")
	fs.StringVar(&c.Bars, "bars", "", "`file` of bars per set and metric (internal/eval/bars.yaml); exit 1 below any")
	fs.StringVar(&c.Baseline, "baseline", "", "`report.json` of an earlier run (--json): print the fixtures fixed and broken since")
	fs.BoolVar(&c.ShowCheck, "show-check", false, "list the check half's questions and replies too (by default only its figures: it is never tuned on)")
	fs.BoolVar(&c.NoCheck, "no-check", false, "leave the check halves out altogether, figures included: for tuning runs, where none of them may be seen")
	c.Content.Settings = fs.Settings()
	if code, ok := fs.ParseArgs(args); !ok {
		return code
	}
	c.Files = fs.Args()
	c.Logger = fs.Logger()
	return service.Eval(ctx, c, e.stdout, e.stderr)
}
