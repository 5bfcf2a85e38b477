package main

import (
	"context"

	"github.com/vneidbot/vneidbot/internal/service"
)

// runIndex builds the on-disk index for the FAQ as it is now.
func runIndex(ctx context.Context, args []string, e env) int {
	fs := e.flags("index", "usage: vneidbot index [--faq DIR] [--index DIR] [--force]\n")
	var c service.Content
	fs.Content(&c)
	force := fs.Bool("force", false, "rebuild even when an index for this content exists")
	if code, ok := fs.ParseArgs(args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return 2
	}
	c.Logger = fs.Logger()
	return service.Index(ctx, c, *force, e.stdout, e.stderr)
}
