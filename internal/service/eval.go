package service

import (
	"context"
	"io"

	"github.com/vneidbot/vneidbot/internal/eval"
)

// EvalConfig is what `vneidbot eval` was asked for.
type EvalConfig struct {
	Content
	Files    []string // fixture files, run as one set; none: the own and real sets under FAQDir
	JSON     bool     // the report as JSON
	FailOnly bool     // text report: only the FAIL lines and the summary
	MinPass  float64  // exit 1 below this total pass rate
	MinTop1  float64  // exit 1 below this total top-1 accuracy
	Bars     string   // file of bars per set and metric; exit 1 below any
	Baseline string   // report.json of an earlier run: print the fixtures fixed and broken since
	Verbose  bool     // say on stderr how long the run took
	// ShowCheck lists the check half's questions and replies too (by default its figures only).
	ShowCheck bool
	// NoCheck leaves the check halves out altogether, figures included (for tuning runs).
	NoCheck bool
}

// Eval runs the fixture sets through the bot and writes the report; the evaluation itself is
// eval.Command, this only opens the knowledge base for it. Exit status: 0 ok, 1 below a bar,
// 2 bad usage or a fixture, bars, baseline, FAQ or index that cannot be loaded.
func Eval(ctx context.Context, cfg EvalConfig, stdout, stderr io.Writer) int {
	opt := eval.Options{
		FAQDir: cfg.FAQDir, Files: cfg.Files, JSON: cfg.JSON, FailOnly: cfg.FailOnly, Verbose: cfg.Verbose,
		MinPass: cfg.MinPass, MinTop1: cfg.MinTop1, Bars: cfg.Bars, Baseline: cfg.Baseline,
		ShowCheck: cfg.ShowCheck, NoCheck: cfg.NoCheck,
	}
	if len(cfg.Files) == 0 {
		// The folds' models live in memory: the on-disk index is the served one's.
		opt.OpenHeldOut = func(ctx context.Context, held map[string]bool) (eval.Answerer, func(), error) {
			c := cfg.Content
			c.IndexDir = ""
			live, err := c.openHeldOut(ctx, held)
			if err != nil {
				return nil, nil, err
			}
			return live, func() { live.Close() }, nil
		}
	}
	return eval.Command(ctx, opt, func(ctx context.Context) (eval.Engine, func(), error) {
		live, err := cfg.open(ctx)
		if err != nil {
			return nil, nil, err
		}
		return live, func() { live.Close() }, nil
	}, stdout, stderr)
}
