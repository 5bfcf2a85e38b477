package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"slices"
	"time"

	"github.com/vneidbot/vneidbot/internal/eval"
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
		sets     = newSettingsFlag()
	)
	fs.Var(sets, "set", setUsage)
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

	files := fs.Args()
	if len(files) == 0 {
		dir := filepath.Join(*faqDir, "fixtures")
		var err error
		files, err = filepath.Glob(filepath.Join(dir, "*.yaml"))
		if err != nil {
			fmt.Fprintf(e.stderr, "vneidbot eval: list %s: %v\n", dir, err)
			return 2
		}
		slices.Sort(files)
		if len(files) == 0 {
			fmt.Fprintf(e.stderr, "vneidbot eval: no fixtures: %s has no *.yaml file (give FILES or --faq)\n", dir)
			return 2
		}
	}

	fixtures, err := eval.LoadFixtures(files)
	if err != nil {
		if ps, ok := errors.AsType[eval.Problems](err); ok {
			errs := 0
			for _, p := range ps {
				fmt.Fprintln(e.stderr, p)
				if !p.Warning {
					errs++
				}
			}
			fmt.Fprintf(e.stderr, "vneidbot eval: %d error(s) in the fixtures\n", errs)
		} else {
			fmt.Fprintf(e.stderr, "vneidbot eval: %v\n", err)
		}
		return 2
	}
	for _, w := range eval.Warnings(fixtures) {
		fmt.Fprintln(e.stderr, w)
	}
	if len(fixtures) == 0 {
		fmt.Fprintf(e.stderr, "vneidbot eval: no fixtures in %d file(s)\n", len(files))
		return 2
	}

	// The engine may watch the FAQ for changes: stop whatever it started when the run is over.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	logger := slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	live, err := openKBSettings(ctx, logger, *faqDir, *indexDir, sets.s)
	if err != nil {
		fmt.Fprintf(e.stderr, "vneidbot eval: %v\n", err)
		return 2
	}
	if c, ok := any(live).(io.Closer); ok {
		defer c.Close()
	}

	start := time.Now()
	report := eval.Run(ctx, live, fixtures)
	if err := ctx.Err(); err != nil {
		fmt.Fprintf(e.stderr, "vneidbot eval: interrupted after %d of %d fixtures\n", report.Total, len(fixtures))
		return 1
	}
	if *verbose {
		// Kept off stdout so that reports stay comparable from run to run.
		fmt.Fprintf(e.stderr, "vneidbot eval: %d fixtures in %s\n", report.Total, time.Since(start).Round(time.Millisecond))
	}

	switch {
	case *asJSON:
		err = report.WriteJSON(e.stdout)
	case *failOnly:
		err = report.WriteFailures(e.stdout)
	default:
		err = report.WriteText(e.stdout)
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "vneidbot eval: write report: %v\n", err)
		return 2
	}

	code := 0
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
