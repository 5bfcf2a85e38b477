package service

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"time"

	"github.com/vneidbot/vneidbot/internal/answer"
	"github.com/vneidbot/vneidbot/internal/faq"
	"github.com/vneidbot/vneidbot/internal/kb"
)

// Content says where the FAQ and its index are, for the subcommands that open them.
type Content struct {
	FAQDir, IndexDir string
	Logger           *slog.Logger     // nil discards
	Now              func() time.Time // the day whose facts replies show; nil: time.Now
	Settings         *answer.Settings // the ranking model's numbers (--set); nil: the defaults
}

func (c Content) open(ctx context.Context) (*kb.Live, error) { return c.openHeldOut(ctx, nil) }

// openHeldOut is open with a model that does not learn from the training questions held.
func (c Content) openHeldOut(ctx context.Context, held map[string]bool) (*kb.Live, error) {
	logger := c.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return kb.Open(ctx, logger, kb.Config{FAQDir: c.FAQDir, IndexDir: c.IndexDir, Now: c.Now, Settings: c.Settings, HeldOut: held})
}

// Open opens the knowledge base the content describes (for explain and the settings search).
func (c Content) Open(ctx context.Context) (*kb.Live, error) { return c.open(ctx) }

// Ask answers question, or, when it is empty, one question per line of in; as JSON objects
// (the API's format, one per line, each flushed at once) or as a citizen reads it. It returns
// the exit status, having told stderr what went wrong.
func Ask(ctx context.Context, c Content, asJSON bool, question string, in io.Reader, stdout, stderr io.Writer) int {
	return each(ctx, c, asJSON, question, in, stdout, stderr, func(l *kb.Live, q string) (any, string) {
		r := l.Answer(ctx, q)
		return r, RenderText(r)
	})
}

// each opens the knowledge base and writes, for question or else each line of in, what do
// makes of it: its value as one JSON line, or its text. Ask and Explain differ only in do.
func each(ctx context.Context, c Content, asJSON bool, question string, in io.Reader, stdout, stderr io.Writer,
	do func(l *kb.Live, q string) (v any, text string)) int {
	live, err := c.open(ctx)
	if err != nil {
		WriteError(stderr, "vneidbot", err)
		return 1
	}
	defer live.Close()

	out := bufio.NewWriter(stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	reply := func(q string) error {
		v, text := do(live, q)
		if asJSON {
			return enc.Encode(v)
		}
		_, err := io.WriteString(out, text)
		return err
	}
	if question != "" {
		if err := reply(question); err != nil {
			fmt.Fprintf(stderr, "vneidbot: write: %v\n", err)
			return 1
		}
		return 0
	}
	lines := bufio.NewReader(in)
	first := true
	for {
		line, err := lines.ReadString('\n')
		if line != "" || err == nil {
			if !asJSON && !first {
				out.WriteString("\n")
			}
			first = false
			if werr := reply(strings.TrimRight(line, "\r\n")); werr != nil {
				fmt.Fprintf(stderr, "vneidbot: write: %v\n", werr)
				return 1
			}
			if asJSON {
				out.Flush() // a caller reading line by line gets each reply at once
			}
		}
		if errors.Is(err, io.EOF) {
			return 0
		}
		if err != nil {
			fmt.Fprintf(stderr, "vneidbot: read stdin: %v\n", err)
			return 1
		}
	}
}

// RenderText shows a reply as a citizen reads it in a plain terminal.
func RenderText(r answer.Reply) string {
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

// Index builds the on-disk index for the FAQ as it is now (after removing every built one
// when force is set) and says where it is.
func Index(ctx context.Context, c Content, force bool, stdout, stderr io.Writer) int {
	if force {
		if err := kb.RemoveIndexes(c.IndexDir); err != nil {
			fmt.Fprintf(stderr, "vneidbot: %v\n", err)
			return 1
		}
	}
	start := time.Now()
	live, err := c.open(ctx)
	if err != nil {
		WriteError(stderr, "vneidbot", err)
		return 1
	}
	defer live.Close()
	st := live.Stats()
	fmt.Fprintf(stdout, "index: %d entries in %s (%s)\n", st.Entries,
		filepath.Join(c.IndexDir, kb.IndexName(st.Hash)), time.Since(start).Round(time.Millisecond))
	return 0
}

// Lint checks the FAQ in dir as of now and writes the report (file:line: message, a file that
// does not parse first, then the summary); 1 when there are errors, 2 when dir cannot be read.
func Lint(dir string, now time.Time, stdout, stderr io.Writer) int {
	r, err := faq.Lint(dir, now)
	if err != nil {
		fmt.Fprintf(stderr, "vneidbot lint: %v\n", err)
		return 2
	}
	if _, err := r.WriteTo(stdout); err != nil {
		fmt.Fprintf(stderr, "vneidbot lint: write report: %v\n", err)
		return 2
	}
	if r.Errors() > 0 {
		return 1
	}
	return 0
}
