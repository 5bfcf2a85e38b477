package eval

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"time"

	"github.com/vneidbot/vneidbot/internal/answer"
	"github.com/vneidbot/vneidbot/internal/faq"
)

// Options is what `vneidbot eval` was asked for.
type Options struct {
	FAQDir   string   // the FAQ directory; its fixtures/ holds the default sets
	Files    []string // fixture files run as one set; none: own, stories, probes and each collection's sets
	JSON     bool     // the report as JSON
	FailOnly bool     // text report: only the FAIL lines and the summary
	Verbose  bool     // say on stderr how long the run took
	MinPass  float64  // exit 1 when the total pass rate is below this
	MinTop1  float64  // exit 1 when the total top-1 is below this
	Bars     string   // bars file (internal/eval/bars.yaml); exit 1 below any bar
	Baseline string   // JSON report of an earlier run: list the fixtures fixed and broken since
	// ShowCheck lists the check half's questions and replies too (Runs.Sealed: by default its
	// figures alone are shown).
	ShowCheck bool
	// NoCheck leaves the check halves out of the run altogether, figures included: for tuning
	// runs, where even a check half's figures must not be seen (and --bars cannot be used).
	NoCheck bool
	// OpenHeldOut opens a model trained without the questions held (nil: no unseen sets). It
	// is called once per fold of every set that trains the model; see unseenTwin.
	OpenHeldOut func(ctx context.Context, held map[string]bool) (Answerer, func(), error)
}

// Engine is what the command needs from the bot: answers, entries by id (an old id merged
// into an entry gives that entry, so the reply's ID is the current one), and the list of entries
// (to find which answers state a fact a reply lacked).
type Engine interface {
	Answerer
	Entry(id string) (answer.Reply, bool)
	Stated(id string) (string, bool) // all an entry may say: its answer and its cases
	Topics() []answer.Topic
}

// answerTexts is all every entry may say (its answer and its cases), by id.
func answerTexts(e Engine) map[string]string {
	texts := map[string]string{}
	for _, t := range e.Topics() {
		for _, o := range t.Entries {
			if s, ok := e.Stated(o.ID); ok {
				texts[o.ID] = s
			}
		}
	}
	return texts
}

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

// Command is `vneidbot eval`: it loads the sets of fixtures (and the bars and baseline), opens
// the engine with open only when they are sound, runs every set, writes the report to stdout
// and problems to stderr, and returns the exit status: 0 ok, 1 below a bar (or interrupted),
// 2 bad usage or a fixture, bars file, baseline, FAQ or index that cannot be loaded. open
// returns the engine and how to release it.
func Command(ctx context.Context, opt Options, open func(context.Context) (Engine, func(), error), stdout, stderr io.Writer) int {
	var bad []string
	for _, b := range []struct {
		name string
		v    float64
	}{{"--min", opt.MinPass}, {"--min-top1", opt.MinTop1}} {
		if b.v < 0 || b.v > 1 {
			bad = append(bad, fmt.Sprintf("%s %v: want a share between 0 and 1", b.name, b.v))
		}
	}
	if opt.NoCheck && opt.Bars != "" {
		bad = append(bad, "--no-check with --bars: the bars include the check halves; run the gate without --no-check")
	}
	if opt.NoCheck && opt.ShowCheck {
		bad = append(bad, "--no-check with --show-check: choose one")
	}
	if len(bad) > 0 {
		for _, m := range bad {
			fmt.Fprintf(stderr, "vneidbot eval: %s\n", m)
		}
		return 2
	}

	var specs []setFiles
	if files := opt.Files; len(files) > 0 {
		specs = []setFiles{{"files", files}}
	} else {
		dir := filepath.Join(opt.FAQDir, "fixtures")
		own, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
		if err != nil {
			fmt.Fprintf(stderr, "vneidbot eval: list %s: %v\n", dir, err)
			return 2
		}
		slices.Sort(own)
		if len(own) == 0 {
			fmt.Fprintf(stderr, "vneidbot eval: no fixtures: %s has no *.yaml file (give FILES or --faq)\n", dir)
			return 2
		}
		specs = append(specs, setFiles{SetOwn, own})
		for _, sub := range faq.SetDirs { // each directory is the set of its name
			files, err := filepath.Glob(filepath.Join(dir, sub, "*.yaml"))
			if err != nil {
				fmt.Fprintf(stderr, "vneidbot eval: list %s: %v\n", filepath.Join(dir, sub), err)
				return 2
			}
			if len(files) > 0 {
				slices.Sort(files)
				specs = append(specs, setFiles{sub, files})
			}
		}
		cs, err := faq.Collections(opt.FAQDir)
		if err != nil {
			fmt.Fprintf(stderr, "vneidbot eval: %v\n", err)
			return 2
		}
		for _, c := range cs {
			if c.Tune != "" {
				specs = append(specs, setFiles{tuneSet(c.Name), []string{c.Tune}})
			}
			if c.Check != "" && !opt.NoCheck {
				specs = append(specs, setFiles{checkSet(c.Name), []string{c.Check}})
			}
		}
	}
	var bars Bars
	if opt.Bars != "" {
		var err error
		if bars, err = LoadBars(opt.Bars); err != nil {
			fmt.Fprintf(stderr, "vneidbot eval: bars: %v\n", err)
			return 2
		}
	}
	var old *Baseline
	if opt.Baseline != "" {
		var err error
		if old, err = LoadBaseline(opt.Baseline); err != nil {
			fmt.Fprintf(stderr, "vneidbot eval: baseline: %v\n", err)
			return 2
		}
	}

	// Each set is loaded on its own: a query may be in two sets, not twice in one.
	var (
		sets  []Set
		count int
		errs  int
	)
	for _, spec := range specs {
		fixtures, err := LoadFixtures(spec.files)
		if err != nil {
			if ps, ok := errors.AsType[Problems](err); ok {
				for _, p := range ps {
					fmt.Fprintln(stderr, p)
					if !p.Warning {
						errs++
					}
				}
			} else {
				fmt.Fprintf(stderr, "vneidbot eval: %v\n", err)
				errs++
			}
			continue
		}
		for _, w := range Warnings(fixtures) {
			fmt.Fprintln(stderr, w)
		}
		sets = append(sets, Set{Name: spec.name, Fixtures: fixtures})
		count += len(fixtures)
	}
	if errs > 0 {
		fmt.Fprintf(stderr, "vneidbot eval: %d error(s) in the fixtures\n", errs)
		return 2
	}
	// Entry questions that copy a real question make the real sets a memory test: say so.
	if set, _, err := faq.Load(opt.FAQDir, time.Now()); err == nil && set != nil {
		for _, s := range sets {
			for _, p := range Copies(set, s.Fixtures) {
				fmt.Fprintln(stderr, p)
			}
		}
	}
	if count == 0 {
		fmt.Fprintf(stderr, "vneidbot eval: no fixtures in %d file(s)\n", nfiles(specs))
		return 2
	}

	engine, closeEngine, err := open(ctx)
	if err != nil {
		fmt.Fprintf(stderr, "vneidbot eval: %v\n", err)
		return 2
	}
	defer closeEngine()

	// Entry ids in fixtures must name entries; an entry's former id (alias) counts as the entry.
	resolve := func(id string) (string, bool) {
		r, ok := engine.Entry(id)
		return r.ID, ok
	}
	for i := range sets {
		if sets[i].Fixtures, err = ResolveIDs(sets[i].Fixtures, resolve); err != nil {
			fmt.Fprintln(stderr, err)
			fmt.Fprintf(stderr, "vneidbot eval: the fixtures name entries the FAQ does not have\n")
			return 2
		}
	}

	if opt.OpenHeldOut != nil {
		var release func()
		if sets, release, err = withUnseen(ctx, sets, opt.OpenHeldOut); err != nil {
			fmt.Fprintf(stderr, "vneidbot eval: %v\n", err)
			return 2
		}
		defer release()
	}

	start := time.Now()
	runs := RunSets(ctx, engine, sets).Attribute(answerTexts(engine))
	report := runs.Total
	if err := ctx.Err(); err != nil {
		fmt.Fprintf(stderr, "vneidbot eval: interrupted after %d of %d fixtures\n", report.Total, count)
		return 1
	}
	if opt.Verbose {
		// Kept off stdout so that reports stay comparable from run to run.
		fmt.Fprintf(stderr, "vneidbot eval: %d fixtures in %s\n", report.Total, time.Since(start).Round(time.Millisecond))
	}

	shown := runs
	if !opt.ShowCheck {
		shown = runs.Sealed()
	}
	switch {
	case opt.JSON:
		err = shown.WriteJSON(stdout)
	case opt.FailOnly:
		err = shown.WriteFailures(stdout)
	default:
		err = shown.WriteText(stdout)
	}
	if err == nil && old != nil {
		w := stdout
		if opt.JSON {
			w = stderr // keep stdout one JSON object
		}
		err = old.Compare(shown).WriteText(w)
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
	if report.PassRate < opt.MinPass {
		fmt.Fprintf(stderr, "vneidbot eval: pass rate %.3f is below --min %.3f\n", report.PassRate, opt.MinPass)
		code = 1
	}
	if report.Top1 < opt.MinTop1 {
		fmt.Fprintf(stderr, "vneidbot eval: top-1 %.3f is below --min-top1 %.3f\n", report.Top1, opt.MinTop1)
		code = 1
	}
	return code
}

// withUnseen adds, after every set that trains the model (unseenTwin), its unseen twin: the
// same fixtures, each answered by a model trained without its fold. It returns how to release
// those models.
func withUnseen(ctx context.Context, sets []Set, open func(context.Context, map[string]bool) (Answerer, func(), error)) ([]Set, func(), error) {
	var closers []func()
	release := func() {
		for _, c := range closers {
			c()
		}
	}
	for i := 0; i < len(sets); i++ {
		twin, ok := unseenTwin(sets[i].Name)
		if !ok || sets[i].Again {
			continue
		}
		by := foldAnswerer{fold: map[string]int{}}
		for k, held := range heldOutFolds(sets[i].Fixtures, Folds) {
			m, closeM, err := open(ctx, held)
			if err != nil {
				release()
				return sets, nil, fmt.Errorf("open the model without fold %d of %s: %w", k+1, sets[i].Name, err)
			}
			closers = append(closers, closeM)
			by.models = append(by.models, m)
			for q := range held {
				by.fold[q] = k
			}
		}
		sets = slices.Insert(sets, i+1, Set{Name: twin, Fixtures: sets[i].Fixtures, By: by, Again: true})
		i++
	}
	return sets, release, nil
}
