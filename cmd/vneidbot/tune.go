package main

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/vneidbot/vneidbot/internal/answer"
	"github.com/vneidbot/vneidbot/internal/service"
	"github.com/vneidbot/vneidbot/internal/tune"
)

const tuneUsage = `usage: vneidbot tune [flags]

Chooses the ranking and decision settings from the real questions, by coordinate search on the
tuning half: first the ranking model's weights (rank_bm, rank_cover, rank_class,
question_weight) for right answers alone, then the decision thresholds (answer, clarify,
margin, off_topic_lead, sure, spread) maximising right answers plus off-topic messages handled
right while answered replies stay right at least --precision of the time. While searching, the
learned model is trained without the tuning half (unless --seen), so the weights do not trust it
on questions it memorised. Prints each improvement, the settings that
changed (as --set flags for eval and ask), and the result on both halves: the check half is
never used to choose, only to show whether the choice carries over.

Flags:
`

// runTune is "vneidbot tune".
func runTune(ctx context.Context, args []string, e env) int {
	fs := e.flags("tune", tuneUsage)
	var c service.Content
	contentFlags(fs, e, &c)
	faqDir := &c.FAQDir
	sets := newSettingsFlag()
	fs.Var(sets, "set", setUsage)
	var (
		tuneFile  = fs.String("tune", "", "tuning half (default FAQ/fixtures/real/tune.yaml)")
		checkFile = fs.String("check", "", "check half, reported only (default FAQ/fixtures/real/check.yaml)")
		precision = fs.Float64("precision", 0.95, "share of answers that must be right on the tuning half")
		rounds    = fs.Int("rounds", 3, "coordinate search rounds")
		seen      = fs.Bool("seen", false, "search with a model trained on the tuning half too (by default it is left out while searching, so the weights do not trust a model on questions it memorised)")
	)
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if *tuneFile == "" {
		*tuneFile = filepath.Join(*faqDir, "fixtures", "real", "tune.yaml")
	}
	if *checkFile == "" {
		*checkFile = filepath.Join(*faqDir, "fixtures", "real", "check.yaml")
	}
	tq, err := tune.Load(*tuneFile)
	if err != nil {
		fmt.Fprintf(e.stderr, "vneidbot tune: %v\n", err)
		return 2
	}
	cq, err := tune.Load(*checkFile)
	if err != nil {
		fmt.Fprintf(e.stderr, "vneidbot tune: %v (reporting the tuning half only)\n", err)
		cq = nil
	}
	c.Logger = e.logger()
	// The model used while searching: without the tuning half unless --seen.
	searchSettings := sets.s
	if !*seen {
		searchSettings.TrainReal = 0
	}
	sc := c
	sc.Settings = &searchSettings
	live, err := sc.Open(ctx)
	if err != nil {
		service.WriteError(e.stderr, "vneidbot tune", err)
		return 1
	}
	defer live.Close()
	// The deployed model (trained on the tuning half as well) for the reports.
	dc := c
	dc.Settings = &sets.s
	deployed, err := dc.Open(ctx)
	if err != nil {
		service.WriteError(e.stderr, "vneidbot tune", err)
		return 1
	}
	defer deployed.Close()
	engine := func(s answer.Settings) tune.Answerer { return live.WithSettings(s) }
	final := func(s answer.Settings) tune.Answerer {
		s.TrainReal = sets.s.TrainReal
		return deployed.WithSettings(s)
	}

	report := func(title string, s answer.Settings) {
		fmt.Fprintf(e.stdout, "%s (the deployed model; tune is what it was trained on, check is unseen)\n", title)
		tune.WriteScore(e.stdout, "tune", tune.Run(ctx, final(s), tq))
		if cq != nil {
			tune.WriteScore(e.stdout, "check", tune.Run(ctx, final(s), cq))
		}
	}
	report("before", sets.s)
	fmt.Fprintln(e.stdout, "search (on the tuning half, model without it):")
	tune.WriteScore(e.stdout, "start", tune.Run(ctx, engine(searchSettings), tq))
	// First the ranking weights, for right answers alone; then the thresholds, under the bar.
	fmt.Fprintln(e.stdout, "stage 1: ranking weights (no precision bar)")
	best, _, err := tune.Search(ctx, engine, tq, searchSettings, tune.RankDims(), 0, *rounds, e.stdout)
	if err == nil {
		fmt.Fprintf(e.stdout, "stage 2: decision thresholds (answers right at least %.2f of the time)\n", *precision)
		best, _, err = tune.Search(ctx, engine, tq, best, tune.DecisionDims(), *precision, *rounds, e.stdout)
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "vneidbot tune: %v\n", err)
		return 1
	}
	best.TrainReal = sets.s.TrainReal
	report("after", best)
	fmt.Fprintln(e.stdout, "changed settings:")
	start := sets.s
	before := start.List()
	for i, st := range best.List() {
		if st.Value != before[i].Value {
			fmt.Fprintf(e.stdout, "  --set %s=%s   (was %s)\n", st.Name, st.Value, before[i].Value)
		}
	}
	if cq != nil {
		fmt.Fprintln(e.stdout, "risk-coverage on the check half (confidence cut, answers, precision):")
		for _, p := range tune.Risk(tune.Run(ctx, final(best), cq)) {
			fmt.Fprintf(e.stdout, "  %.3f  %3d  %.3f\n", p.Cut, p.Answered, p.Precision)
		}
	}
	return 0
}
