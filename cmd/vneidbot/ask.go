package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/vneidbot/vneidbot/internal/answer"
	"github.com/vneidbot/vneidbot/internal/kb"
)

// runAsk answers one question given as arguments, or one question per line of stdin.
func runAsk(ctx context.Context, args []string, e env) int {
	fs := flag.NewFlagSet("ask", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	asJSON := fs.Bool("json", false, "write one JSON object per question (the API's format)")
	faqDir, indexDir := contentFlags(fs, e)
	clock := nowFlag(fs)
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: vneidbot ask [--json] [--now YYYY-MM-DD] [--faq DIR] [--index DIR] [\"câu hỏi\"]\n\nWith no question, reads one question per line from stdin.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	now, err := clock()
	if err != nil {
		fmt.Fprintf(e.stderr, "vneidbot ask: %v\n", err)
		return 2
	}
	logger := newLogger(e, e.stderr, slog.LevelWarn)
	live, err := kb.Open(ctx, logger, kb.Config{FAQDir: *faqDir, IndexDir: *indexDir, Now: now})
	if err != nil {
		reportOpenError(e.stderr, err)
		return 1
	}
	defer live.Close()

	out := bufio.NewWriter(e.stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	reply := func(q string) error {
		r := live.Answer(ctx, q)
		if *asJSON {
			return enc.Encode(r)
		}
		_, err := io.WriteString(out, renderText(r))
		return err
	}
	if fs.NArg() > 0 {
		if err := reply(strings.Join(fs.Args(), " ")); err != nil {
			fmt.Fprintf(e.stderr, "vneidbot: write: %v\n", err)
			return 1
		}
		return 0
	}
	in := bufio.NewReader(e.stdin)
	first := true
	for {
		line, err := in.ReadString('\n')
		if line != "" || err == nil {
			if !*asJSON && !first {
				out.WriteString("\n")
			}
			first = false
			if werr := reply(strings.TrimRight(line, "\r\n")); werr != nil {
				fmt.Fprintf(e.stderr, "vneidbot: write: %v\n", werr)
				return 1
			}
			if *asJSON {
				out.Flush() // a caller reading line by line gets each reply at once
			}
		}
		if errors.Is(err, io.EOF) {
			return 0
		}
		if err != nil {
			fmt.Fprintf(e.stderr, "vneidbot: read stdin: %v\n", err)
			return 1
		}
	}
}

// renderText shows a reply as a citizen reads it in a plain terminal.
func renderText(r answer.Reply) string {
	var b strings.Builder
	b.WriteString(strings.ReplaceAll(r.Text, "**", ""))
	b.WriteString("\n")
	switch {
	case r.Kind == answer.KindClarify && len(r.Options) > 0:
		// the choices are already numbered in the text
	case len(r.Options) > 0:
		b.WriteString("\nCó thể bạn cũng cần:\n")
		for _, o := range r.Options {
			fmt.Fprintf(&b, "  - %s\n", o.Title)
		}
	}
	if len(r.Links) > 0 {
		b.WriteString("\nLiên kết chính thức:\n")
		for _, l := range r.Links {
			fmt.Fprintf(&b, "  - %s: %s\n", l.Title, l.URL)
		}
	}
	return b.String()
}
