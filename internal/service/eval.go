package service

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"time"

	"github.com/vneidbot/vneidbot/internal/eval"
)

// EvalConfig is what `vneidbot eval` was asked for.
type EvalConfig struct {
	Content
	Files    []string // fixture files; none: every fixtures/*.yaml under FAQDir
	JSON     bool     // the report as JSON
	FailOnly bool     // text report: only the FAIL lines and the summary
	MinPass  float64  // exit 1 below this pass rate
	MinTop1  float64  // exit 1 below this top-1 accuracy
	Verbose  bool     // say on stderr how long the run took
}

// Eval runs the query fixtures through the bot and writes the report. Exit status: 0 ok,
// 1 below a bar, 2 bad usage or a fixture, FAQ or index that cannot be loaded.
func Eval(ctx context.Context, cfg EvalConfig, stdout, stderr io.Writer) int {
	var bad []string
	for _, b := range []struct {
		name string
		v    float64
	}{{"--min", cfg.MinPass}, {"--min-top1", cfg.MinTop1}} {
		if b.v < 0 || b.v > 1 {
			bad = append(bad, fmt.Sprintf("%s %v: want a share between 0 and 1", b.name, b.v))
		}
	}
	if len(bad) > 0 {
		for _, m := range bad {
			fmt.Fprintf(stderr, "vneidbot eval: %s\n", m)
		}
		return 2
	}

	files := cfg.Files
	if len(files) == 0 {
		dir := filepath.Join(cfg.FAQDir, "fixtures")
		var err error
		files, err = filepath.Glob(filepath.Join(dir, "*.yaml"))
		if err != nil {
			fmt.Fprintf(stderr, "vneidbot eval: list %s: %v\n", dir, err)
			return 2
		}
		slices.Sort(files)
		if len(files) == 0 {
			fmt.Fprintf(stderr, "vneidbot eval: no fixtures: %s has no *.yaml file (give FILES or --faq)\n", dir)
			return 2
		}
	}

	fixtures, err := eval.LoadFixtures(files)
	if err != nil {
		if ps, ok := errors.AsType[eval.Problems](err); ok {
			errs := 0
			for _, p := range ps {
				fmt.Fprintln(stderr, p)
				if !p.Warning {
					errs++
				}
			}
			fmt.Fprintf(stderr, "vneidbot eval: %d error(s) in the fixtures\n", errs)
		} else {
			fmt.Fprintf(stderr, "vneidbot eval: %v\n", err)
		}
		return 2
	}
	for _, w := range eval.Warnings(fixtures) {
		fmt.Fprintln(stderr, w)
	}
	if len(fixtures) == 0 {
		fmt.Fprintf(stderr, "vneidbot eval: no fixtures in %d file(s)\n", len(files))
		return 2
	}

	live, err := cfg.open(ctx)
	if err != nil {
		fmt.Fprintf(stderr, "vneidbot eval: %v\n", err)
		return 2
	}
	defer live.Close()

	start := time.Now()
	report := eval.Run(ctx, live, fixtures)
	if err := ctx.Err(); err != nil {
		fmt.Fprintf(stderr, "vneidbot eval: interrupted after %d of %d fixtures\n", report.Total, len(fixtures))
		return 1
	}
	if cfg.Verbose {
		// Kept off stdout so that reports stay comparable from run to run.
		fmt.Fprintf(stderr, "vneidbot eval: %d fixtures in %s\n", report.Total, time.Since(start).Round(time.Millisecond))
	}

	switch {
	case cfg.JSON:
		err = report.WriteJSON(stdout)
	case cfg.FailOnly:
		err = report.WriteFailures(stdout)
	default:
		err = report.WriteText(stdout)
	}
	if err != nil {
		fmt.Fprintf(stderr, "vneidbot eval: write report: %v\n", err)
		return 2
	}

	code := 0
	if report.PassRate < cfg.MinPass {
		fmt.Fprintf(stderr, "vneidbot eval: pass rate %.3f is below --min %.3f\n", report.PassRate, cfg.MinPass)
		code = 1
	}
	if report.Top1 < cfg.MinTop1 {
		fmt.Fprintf(stderr, "vneidbot eval: top-1 %.3f is below --min-top1 %.3f\n", report.Top1, cfg.MinTop1)
		code = 1
	}
	return code
}
