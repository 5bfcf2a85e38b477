package service

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"time"

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
}

// BarsName is the bars file in the fixtures directory: not a fixture file.
const BarsName = "bars.yaml"

// Eval runs the query fixtures through the bot and writes the report. Exit status: 0 ok,
// 1 below a bar, 2 bad usage or a fixture, bars, baseline, FAQ or index that cannot be loaded.
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

	type setFiles struct {
		name  string
		files []string
	}
	var specs []setFiles
	if len(cfg.Files) > 0 {
		specs = []setFiles{{"files", cfg.Files}}
	} else {
		dir := filepath.Join(cfg.FAQDir, "fixtures")
		own, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
		if err != nil {
			fmt.Fprintf(stderr, "vneidbot eval: list %s: %v\n", dir, err)
			return 2
		}
		own = slices.DeleteFunc(own, func(p string) bool { return filepath.Base(p) == BarsName })
		slices.Sort(own)
		if len(own) == 0 {
			fmt.Fprintf(stderr, "vneidbot eval: no fixtures: %s has no *.yaml file (give FILES or --faq)\n", dir)
			return 2
		}
		specs = append(specs, setFiles{eval.SetOwn, own})
		for _, s := range []setFiles{
			{eval.SetTune, []string{filepath.Join(dir, "real", "tune.yaml")}},
			{eval.SetCheck, []string{filepath.Join(dir, "real", "check.yaml")}},
		} {
			if _, err := os.Stat(s.files[0]); err == nil {
				specs = append(specs, s)
			}
		}
	}
	var files []string
	for _, s := range specs {
		files = append(files, s.files...)
	}

	var bars eval.Bars
	if cfg.Bars != "" {
		var err error
		if bars, err = eval.LoadBars(cfg.Bars); err != nil {
			fmt.Fprintf(stderr, "vneidbot eval: bars: %v\n", err)
			return 2
		}
	}
	var old *eval.Baseline
	if cfg.Baseline != "" {
		var err error
		if old, err = eval.LoadBaseline(cfg.Baseline); err != nil {
			fmt.Fprintf(stderr, "vneidbot eval: baseline: %v\n", err)
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

	// Split the fixtures, loaded in file order, back into their sets.
	var sets []eval.Set
	next := 0
	for _, s := range specs {
		set := eval.Set{Name: s.name}
		for next < len(fixtures) && slices.Contains(s.files, fixtures[next].File) {
			set.Fixtures = append(set.Fixtures, fixtures[next])
			next++
		}
		sets = append(sets, set)
		// A query twice in one set weighs double there; the same query in two sets is fine.
		for _, w := range eval.Warnings(set.Fixtures) {
			fmt.Fprintln(stderr, w)
		}
	}

	start := time.Now()
	runs := eval.RunSets(ctx, live, sets)
	report := runs.Total
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
		err = runs.WriteJSON(stdout)
	case cfg.FailOnly:
		err = runs.WriteFailures(stdout)
	default:
		err = runs.WriteText(stdout)
	}
	if err == nil && old != nil {
		w := stdout
		if cfg.JSON {
			w = stderr // keep stdout one JSON object
		}
		err = old.Compare(runs).WriteText(w)
	}
	if err != nil {
		fmt.Fprintf(stderr, "vneidbot eval: write report: %v\n", err)
		return 2
	}

	code := 0
	for _, b := range bars.Check(runs) {
		fmt.Fprintf(stderr, "vneidbot eval: %s\n", b)
		code = 1
	}
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
