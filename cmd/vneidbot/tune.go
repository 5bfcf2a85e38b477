package main

import (
	"context"
	"path/filepath"

	"github.com/vneidbot/vneidbot/internal/service"
)

// runTune is "vneidbot tune".
func runTune(ctx context.Context, args []string, e env) int {
	fs := e.flags("tune", service.TuneUsage)
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
	c.Logger = e.logger()
	return service.Tune(ctx, service.TuneConfig{Content: c, Settings: sets.s, TuneFile: *tuneFile, CheckFile: *checkFile,
		Precision: *precision, Rounds: *rounds, Seen: *seen}, e.stdout, e.stderr)
}
