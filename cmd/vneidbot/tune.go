package main

import (
	"context"

	"github.com/vneidbot/vneidbot/internal/service"
)

// runTune is "vneidbot tune".
func runTune(ctx context.Context, args []string, e env) int {
	fs := e.flags("tune", service.TuneUsage)
	c := service.TuneConfig{}
	fs.Content(&c.Content)
	settings := fs.Settings()
	var tuneFile, checkFile string
	fs.StringVar(&tuneFile, "tune", "", "tuning half (default: every collection's, FAQ/fixtures/*/tune.yaml)")
	fs.StringVar(&checkFile, "check", "", "check half, reported only (default: every collection's, FAQ/fixtures/*/check.yaml)")
	fs.Float64Var(&c.Precision, "precision", 0.95, "share of answers that must be right on the tuning half")
	fs.IntVar(&c.Rounds, "rounds", 3, "coordinate search rounds")
	fs.BoolVar(&c.Seen, "seen", false, "search with a model trained on the tuning half too (by default it is left out while searching, so the weights do not trust a model on questions it memorised)")
	if code, ok := fs.ParseArgs(args); !ok {
		return code
	}
	if tuneFile != "" {
		c.TuneFiles = []string{tuneFile}
	}
	if checkFile != "" {
		c.CheckFiles = []string{checkFile}
	}
	c.Settings = *settings
	c.Logger = fs.Logger()
	return service.Tune(ctx, c, e.stdout, e.stderr)
}
