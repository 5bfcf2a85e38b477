package main

import (
	"context"
	"strings"

	"github.com/vneidbot/vneidbot/internal/service"
)

// runAsk answers one question given as arguments, or one question per line of stdin.
func runAsk(ctx context.Context, args []string, e env) int {
	fs := e.flags("ask", "usage: vneidbot ask [--json] [--explain] [--set name=value]... [--settings] [--now YYYY-MM-DD] [--faq DIR] [--index DIR] [\"câu hỏi\"]\n\nWith no question, reads one question per line from stdin.\n")
	asJSON := fs.Bool("json", false, "write one JSON object per question (the API's format)")
	var c service.Content
	fs.Content(&c)
	fs.Now(&c, "answer as on this `day`, YYYY-MM-DD: the facts' values of that day (default: today)")
	c.Settings = fs.Settings()
	listSettings := fs.Bool("settings", false, "list the ranking settings with their values and reasons, then exit")
	explain := fs.Bool("explain", false, "show, for the best candidates, what each feature contributed and why the reply is what it is")
	if code, ok := fs.ParseArgs(args); !ok {
		return code
	}
	if *listSettings {
		service.WriteSettings(e.stdout, *c.Settings)
		return 0
	}
	c.Logger = fs.Logger()
	question := strings.Join(fs.Args(), " ")
	if *explain {
		return service.Explain(ctx, c, *asJSON, question, e.stdin, e.stdout, e.stderr)
	}
	return service.Ask(ctx, c, *asJSON, question, e.stdin, e.stdout, e.stderr)
}
