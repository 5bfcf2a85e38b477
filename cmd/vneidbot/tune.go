package main

import (
	"context"
	"path/filepath"

	"github.com/vneidbot/vneidbot/internal/service"
)

// runTune is "vneidbot tune".
func runTune(ctx context.Context, args []string, e env) int {
	fs := e.flags("tune", service.TuneUsage)
	c := service.TuneConfig{}
	fs.Content(&c.Content)
	settings := fs.Settings()
	fs.StringVar(&c.TuneFile, "tune", "", "tuning half (default FAQ/fixtures/real/tune.yaml)")
	fs.StringVar(&c.CheckFile, "check", "", "check half, reported only (default FAQ/fixtures/real/check.yaml)")
	fs.Float64Var(&c.Precision, "precision", 0.95, "share of answers that must be right on the tuning half")
	fs.IntVar(&c.Rounds, "rounds", 3, "coordinate search rounds")
	fs.BoolVar(&c.Seen, "seen", false, "search with a model trained on the tuning half too (by default it is left out while searching, so the weights do not trust a model on questions it memorised)")
	if code, ok := fs.ParseArgs(args); !ok {
		return code
	}
	if c.TuneFile == "" {
		c.TuneFile = filepath.Join(c.FAQDir, "fixtures", "real", "tune.yaml")
	}
	if c.CheckFile == "" {
		c.CheckFile = filepath.Join(c.FAQDir, "fixtures", "real", "check.yaml")
	}
	c.Settings = *settings
	c.Logger = fs.Logger()
	return service.Tune(ctx, c, e.stdout, e.stderr)
}
