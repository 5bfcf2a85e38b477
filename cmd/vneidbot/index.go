package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/vneidbot/vneidbot/internal/kb"
)

// runIndex builds the on-disk index for the FAQ as it is now.
func runIndex(ctx context.Context, args []string, e env) int {
	fs := flag.NewFlagSet("index", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	faqDir, indexDir := contentFlags(fs, e)
	force := fs.Bool("force", false, "rebuild even when an index for this content exists")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintln(e.stderr, "usage: vneidbot index [--faq DIR] [--index DIR] [--force]")
		return 2
	}
	logger := newLogger(e, e.stderr, slog.LevelWarn)
	if *force {
		if err := removeIndexes(*indexDir); err != nil {
			fmt.Fprintf(e.stderr, "vneidbot: %v\n", err)
			return 1
		}
	}
	start := time.Now()
	live, err := openKB(ctx, logger, *faqDir, *indexDir)
	if err != nil {
		reportOpenError(e.stderr, err)
		return 1
	}
	defer live.Close()
	st := live.Stats()
	fmt.Fprintf(e.stdout, "index: %d entries in %s (%s)\n", st.Entries,
		filepath.Join(*indexDir, kb.IndexName(st.Hash)), time.Since(start).Round(time.Millisecond))
	return 0
}

// removeIndexes deletes every built index under dir, keeping its README.
func removeIndexes(dir string) error {
	ents, err := os.ReadDir(dir)
	if err != nil {
		if os.IsNotExist(err) {
			return nil
		}
		return fmt.Errorf("read index dir: %w", err)
	}
	for _, en := range ents {
		if en.IsDir() {
			if err := os.RemoveAll(filepath.Join(dir, en.Name())); err != nil {
				return fmt.Errorf("remove old index: %w", err)
			}
		}
	}
	return nil
}
