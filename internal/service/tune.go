package service

import (
	"context"
	"fmt"
	"io"

	"github.com/vneidbot/vneidbot/internal/answer"
	"github.com/vneidbot/vneidbot/internal/faq"
	"github.com/vneidbot/vneidbot/internal/tune"
)

// TuneUsage is the manual of `vneidbot tune`.
const TuneUsage = `usage: vneidbot tune [flags]

Chooses the ranking and decision settings from the real questions, by coordinate search on the
tuning halves (every collection's, faq/fixtures/*/tune.yaml, unless --tune): first the ranking
model's weights (rank_bm, rank_cover, rank_class, question_weight) for right answers alone, then
the decision thresholds (answer, clarify, margin, off_topic_lead, sure, spread) maximising right
answers plus off-topic messages handled right while answered replies stay right at least
--precision of the time. While searching, the learned model is trained without the tuning halves
(unless --seen), so the weights do not trust it on questions it memorised. Prints each
improvement, the settings that changed (as --set flags for eval and ask), and the result on both
halves: the check halves are never used to choose, only to show whether the choice carries over.

Flags:
`

// TuneConfig is what `vneidbot tune` was asked for.
type TuneConfig struct {
	Content
	Settings   answer.Settings // the starting point (defaults with --set applied)
	TuneFiles  []string        // the tuning halves
	CheckFiles []string        // the check halves: reported only, never used to choose
	Precision  float64         // share of answers that must be right on the tuning half
	Rounds     int             // coordinate search rounds
	Seen       bool            // search with a model trained on the tuning half too
}

// Tune runs the coordinate search and writes its report; it returns the exit status.
func Tune(ctx context.Context, cfg TuneConfig, stdout, stderr io.Writer) int {
	if len(cfg.TuneFiles) == 0 || len(cfg.CheckFiles) == 0 {
		cs, err := faq.Collections(cfg.FAQDir)
		if err != nil {
			fmt.Fprintf(stderr, "vneidbot tune: %v\n", err)
			return 2
		}
		var tunes, checks []string
		for _, c := range cs {
			if c.Tune != "" {
				tunes = append(tunes, c.Tune)
			}
			if c.Check != "" {
				checks = append(checks, c.Check)
			}
		}
		if len(cfg.TuneFiles) == 0 {
			cfg.TuneFiles = tunes
		}
		if len(cfg.CheckFiles) == 0 {
			cfg.CheckFiles = checks
		}
	}
	var tq, cq []tune.Question
	for _, f := range cfg.TuneFiles {
		qs, err := tune.Load(f)
		if err != nil {
			fmt.Fprintf(stderr, "vneidbot tune: %v\n", err)
			return 2
		}
		tq = append(tq, qs...)
	}
	if len(tq) == 0 {
		fmt.Fprintf(stderr, "vneidbot tune: no questions in the tuning halves %q\n", cfg.TuneFiles)
		return 2
	}
	for _, f := range cfg.CheckFiles {
		qs, err := tune.Load(f)
		if err != nil {
			fmt.Fprintf(stderr, "vneidbot tune: %v (not reported)\n", err)
			continue
		}
		cq = append(cq, qs...)
	}
	// The model used while searching: without the tuning half unless --seen.
	searchSettings := cfg.Settings
	if !cfg.Seen {
		searchSettings.TrainReal = 0
	}
	sc := cfg.Content
	sc.Settings = &searchSettings
	live, err := sc.Open(ctx)
	if err != nil {
		WriteError(stderr, "vneidbot tune", err)
		return 1
	}
	defer live.Close()
	// The deployed model (trained on the tuning half as well) for the reports.
	dc := cfg.Content
	dc.Settings = &cfg.Settings
	deployed, err := dc.Open(ctx)
	if err != nil {
		WriteError(stderr, "vneidbot tune", err)
		return 1
	}
	defer deployed.Close()
	engine := func(s answer.Settings) tune.Answerer { return live.WithSettings(s) }
	final := func(s answer.Settings) tune.Answerer {
		s.TrainReal = cfg.Settings.TrainReal
		return deployed.WithSettings(s)
	}

	report := func(title string, s answer.Settings) {
		fmt.Fprintf(stdout, "%s (the deployed model; tune is what it was trained on, check is unseen)\n", title)
		tune.WriteScore(stdout, "tune", tune.Run(ctx, final(s), tq))
		if cq != nil {
			tune.WriteScore(stdout, "check", tune.Run(ctx, final(s), cq))
		}
	}
	report("before", cfg.Settings)
	fmt.Fprintln(stdout, "search (on the tuning half, model without it):")
	tune.WriteScore(stdout, "start", tune.Run(ctx, engine(searchSettings), tq))
	// First the ranking weights, for right answers alone; then the thresholds, under the bar.
	fmt.Fprintln(stdout, "stage 1: ranking weights (no precision bar)")
	best, _, err := tune.Search(ctx, engine, tq, searchSettings, tune.RankDims(), 0, cfg.Rounds, stdout)
	if err == nil {
		fmt.Fprintf(stdout, "stage 2: decision thresholds (answers right at least %.2f of the time)\n", cfg.Precision)
		best, _, err = tune.Search(ctx, engine, tq, best, tune.DecisionDims(), cfg.Precision, cfg.Rounds, stdout)
	}
	if err != nil {
		fmt.Fprintf(stderr, "vneidbot tune: %v\n", err)
		return 1
	}
	best.TrainReal = cfg.Settings.TrainReal
	report("after", best)
	fmt.Fprintln(stdout, "changed settings:")
	start := cfg.Settings
	before := start.List()
	for i, st := range best.List() {
		if st.Value != before[i].Value {
			fmt.Fprintf(stdout, "  --set %s=%s   (was %s)\n", st.Name, st.Value, before[i].Value)
		}
	}
	if cq != nil {
		fmt.Fprintln(stdout, "risk-coverage on the check half (confidence cut, answers, precision):")
		for _, p := range tune.Risk(tune.Run(ctx, final(best), cq)) {
			fmt.Fprintf(stdout, "  %.3f  %3d  %.3f\n", p.Cut, p.Answered, p.Precision)
		}
	}
	return 0
}
