package main

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"github.com/vneidbot/vneidbot/internal/service"
)

// runAsk answers one question given as arguments, or one question per line of stdin.
func runAsk(ctx context.Context, args []string, e env) int {
	fs := flag.NewFlagSet("ask", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	asJSON := fs.Bool("json", false, "write one JSON object per question (the API's format)")
	var c service.Content
	contentFlags(fs, e, &c)
	clock := nowFlag(fs)
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: vneidbot ask [--json] [--now YYYY-MM-DD] [--faq DIR] [--index DIR] [\"câu hỏi\"]\n\nWith no question, reads one question per line from stdin.")
		fs.PrintDefaults()
	}
	if code, ok := parse(fs, args); !ok {
		return code
	}
	now, err := clock()
	if err != nil {
		fmt.Fprintf(e.stderr, "vneidbot ask: %v\n", err)
		return 2
	}
	c.Now = now
	c.Logger = e.logger()
	return service.Ask(ctx, c, *asJSON, strings.Join(fs.Args(), " "), e.stdin, e.stdout, e.stderr)
}
