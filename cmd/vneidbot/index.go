package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/vneidbot/vneidbot/internal/service"
)

// runIndex builds the on-disk index for the FAQ as it is now.
func runIndex(ctx context.Context, args []string, e env) int {
	fs := flag.NewFlagSet("index", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	var c service.Content
	contentFlags(fs, e, &c)
	force := fs.Bool("force", false, "rebuild even when an index for this content exists")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintln(e.stderr, "usage: vneidbot index [--faq DIR] [--index DIR] [--force]")
		return 2
	}
	c.Logger = e.logger()
	return service.Index(ctx, c, *force, e.stdout, e.stderr)
}
