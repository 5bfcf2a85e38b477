package main

import (
	"context"
	"fmt"
	"os"

	"github.com/vneidbot/vneidbot/internal/faq"
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
	cs, err := faq.Collections(c.FAQDir)
	if err != nil {
		fmt.Fprintf(e.stderr, "vneidbot tune: %v\n", err)
		return 2
	}
	for _, col := range cs {
		c.TuneFiles = append(c.TuneFiles, col.Tune)
		if _, err := os.Stat(col.Check); err == nil {
			c.CheckFiles = append(c.CheckFiles, col.Check)
		}
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
