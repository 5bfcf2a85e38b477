package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/vneidbot/vneidbot/internal/eval"
)

const evalUsage = `usage: vneidbot eval [flags] [FILES...]

Runs the query fixtures (YAML lists of {q, id, also, kind, must, expect, real, note}) through
the bot and scores the replies: one line per fixture, FAIL lines prefixed with file:line, then
a summary per set and in total (strict pass, in scope and off topic, top-1, recall@3, MRR,
off-topic and no-answer precision and recall), a risk–coverage table per set and the most
confused entries.

Without FILES, runs three sets under --faq: own (fixtures/*.yaml but bars.yaml), real-tune
(fixtures/real/tune.yaml) and real-check (fixtures/real/check.yaml, never used for tuning).
With FILES, runs them as one set.

--bars FILE (make eval passes faq/fixtures/bars.yaml) sets the lowest figure of each set;
--min and --min-top1 bar the total. --baseline OLD.json (a report written with --json) lists
the fixtures the change fixed and the ones it broke.

Exit status: 0 ok, 1 below a bar, 2 bad usage or a fixture, bars, baseline, FAQ or index that
cannot be loaded.

Flags:
`

// setFiles are the fixture files of one set.
type setFiles struct {
	name  string
	files []string
}

func nfiles(specs []setFiles) int {
	n := 0
	for _, s := range specs {
		n += len(s.files)
	}
	return n
}

// barsName is the bars file in the fixtures directory: not a fixture file.
const barsName = "bars.yaml"

// runEval is "vneidbot eval".
func runEval(ctx context.Context, args []string, e env) int {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprint(e.stderr, evalUsage)
		fs.PrintDefaults()
	}
	envOr := func(key, def string) string { // flag over env over default
		if v := e.getenv(key); v != "" {
			return v
		}
		return def
	}
	var (
		asJSON   = fs.Bool("json", false, "write the report as JSON")
		failOnly = fs.Bool("fail-only", false, "text report: print only the FAIL lines and the summary")
		minPass  = fs.Float64("min", 0, "exit 1 when the pass rate is below this (0..1)")
		minTop1  = fs.Float64("min-top1", 0, "exit 1 when top-1 accuracy is below this (0..1)")
		faqDir   = fs.String("faq", envOr("VNEIDBOT_FAQ", "faq"), "FAQ directory (env VNEIDBOT_FAQ)")
		indexDir = fs.String("index", envOr("VNEIDBOT_INDEX", "index"), "index directory (env VNEIDBOT_INDEX)")
		verbose  = fs.Bool("v", false, "print how long the run took on stderr")
		barsFile = fs.String("bars", "", "`file` of bars per set and metric (faq/fixtures/bars.yaml); exit 1 below any")
		baseline = fs.String("baseline", "", "`report.json` of an earlier run (--json): print the fixtures fixed and broken since")
	)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	var bad []string
	for _, b := range []struct {
		name string
		v    float64
	}{{"--min", *minPass}, {"--min-top1", *minTop1}} {
		if b.v < 0 || b.v > 1 {
			bad = append(bad, fmt.Sprintf("%s %v: want a share between 0 and 1", b.name, b.v))
		}
	}
	if len(bad) > 0 {
		for _, m := range bad {
			fmt.Fprintf(e.stderr, "vneidbot eval: %s\n", m)
		}
		return 2
	}

	var specs []setFiles
	if files := fs.Args(); len(files) > 0 {
		specs = []setFiles{{"files", files}}
	} else {
		dir := filepath.Join(*faqDir, "fixtures")
		own, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
		if err != nil {
			fmt.Fprintf(e.stderr, "vneidbot eval: list %s: %v\n", dir, err)
			return 2
		}
		own = slices.DeleteFunc(own, func(p string) bool { return filepath.Base(p) == barsName })
		slices.Sort(own)
		if len(own) == 0 {
			fmt.Fprintf(e.stderr, "vneidbot eval: no fixtures: %s has no *.yaml file (give FILES or --faq)\n", dir)
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
	var bars eval.Bars
	if *barsFile != "" {
		var err error
		if bars, err = eval.LoadBars(*barsFile); err != nil {
			fmt.Fprintf(e.stderr, "vneidbot eval: bars: %v\n", err)
			return 2
		}
	}
	var old *eval.Baseline
	if *baseline != "" {
		var err error
		if old, err = eval.LoadBaseline(*baseline); err != nil {
			fmt.Fprintf(e.stderr, "vneidbot eval: baseline: %v\n", err)
			return 2
		}
	}

	// Each set is loaded on its own: a query may be in two sets, not twice in one.
	var (
		sets  []eval.Set
		count int
		errs  int
	)
	for _, spec := range specs {
		fixtures, err := eval.LoadFixtures(spec.files)
		if err != nil {
			if ps, ok := errors.AsType[eval.Problems](err); ok {
				for _, p := range ps {
					fmt.Fprintln(e.stderr, p)
					if !p.Warning {
						errs++
					}
				}
			} else {
				fmt.Fprintf(e.stderr, "vneidbot eval: %v\n", err)
				errs++
			}
			continue
		}
		for _, w := range eval.Warnings(fixtures) {
			fmt.Fprintln(e.stderr, w)
		}
		sets = append(sets, eval.Set{Name: spec.name, Fixtures: fixtures})
		count += len(fixtures)
	}
	if errs > 0 {
		fmt.Fprintf(e.stderr, "vneidbot eval: %d error(s) in the fixtures\n", errs)
		return 2
	}
	if count == 0 {
		fmt.Fprintf(e.stderr, "vneidbot eval: no fixtures in %d file(s)\n", nfiles(specs))
		return 2
	}

	// The engine may watch the FAQ for changes: stop whatever it started when the run is over.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	logger := slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	live, err := openKB(ctx, logger, *faqDir, *indexDir)
	if err != nil {
		fmt.Fprintf(e.stderr, "vneidbot eval: %v\n", err)
		return 2
	}
	if c, ok := any(live).(io.Closer); ok {
		defer c.Close()
	}

	// Entry ids in fixtures must name entries; an entry's former id (alias) counts as the entry.
	resolve := func(id string) (string, bool) {
		r, ok := live.Entry(id)
		return r.ID, ok
	}
	for i := range sets {
		if sets[i].Fixtures, err = eval.ResolveIDs(sets[i].Fixtures, resolve); err != nil {
			fmt.Fprintln(e.stderr, err)
			fmt.Fprintf(e.stderr, "vneidbot eval: the fixtures name entries the FAQ does not have\n")
			return 2
		}
	}

	start := time.Now()
	runs := eval.RunSets(ctx, live, sets)
	report := runs.Total
	if err := ctx.Err(); err != nil {
		fmt.Fprintf(e.stderr, "vneidbot eval: interrupted after %d of %d fixtures\n", report.Total, count)
		return 1
	}
	if *verbose {
		// Kept off stdout so that reports stay comparable from run to run.
		fmt.Fprintf(e.stderr, "vneidbot eval: %d fixtures in %s\n", report.Total, time.Since(start).Round(time.Millisecond))
	}

	switch {
	case *asJSON:
		err = runs.WriteJSON(e.stdout)
	case *failOnly:
		err = runs.WriteFailures(e.stdout)
	default:
		err = runs.WriteText(e.stdout)
	}
	if err == nil && old != nil {
		w := e.stdout
		if *asJSON {
			w = e.stderr // keep stdout one JSON object
		}
		err = old.Compare(runs).WriteText(w)
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "vneidbot eval: write report: %v\n", err)
		return 2
	}

	code := 0
	for _, b := range bars.Check(runs) {
		fmt.Fprintf(e.stderr, "vneidbot eval: %s\n", b)
		code = 1
	}
	if report.PassRate < *minPass {
		fmt.Fprintf(e.stderr, "vneidbot eval: pass rate %.3f is below --min %.3f\n", report.PassRate, *minPass)
		code = 1
	}
	if report.Top1 < *minTop1 {
		fmt.Fprintf(e.stderr, "vneidbot eval: top-1 %.3f is below --min-top1 %.3f\n", report.Top1, *minTop1)
		code = 1
	}
	return code
}
