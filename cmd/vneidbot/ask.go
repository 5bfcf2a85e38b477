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
)

// runAsk answers one question given as arguments, or one question per line of stdin.
func runAsk(ctx context.Context, args []string, e env) int {
	fs := flag.NewFlagSet("ask", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	asJSON := fs.Bool("json", false, "write one JSON object per question (the API's format)")
	faqDir, indexDir := contentFlags(fs, e)
	sets := newSettingsFlag()
	fs.Var(sets, "set", setUsage)
	listSettings := fs.Bool("settings", false, "list the ranking settings with their values and reasons, then exit")
	explain := fs.Bool("explain", false, "show, for the best candidates, what each feature contributed and why the reply is what it is")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: vneidbot ask [--json] [--explain] [--set name=value]... [--settings] [--faq DIR] [--index DIR] [\"câu hỏi\"]\n\nWith no question, reads one question per line from stdin.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *listSettings {
		writeSettings(e.stdout, sets.s)
		return 0
	}
	logger := newLogger(e, e.stderr, slog.LevelWarn)
	live, err := openKBSettings(ctx, logger, *faqDir, *indexDir, sets.s)
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
		if *explain {
			x := live.Explain(ctx, q)
			if *asJSON {
				return enc.Encode(x)
			}
			_, err := io.WriteString(out, renderExplain(x))
			return err
		}
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

// explainTop is how many candidates --explain shows.
const explainTop = 5

// renderExplain shows the ranking model at work on one message: the decision and its reason,
// then each top candidate's features and weighted contributions.
func renderExplain(x answer.Explanation) string {
	var b strings.Builder
	d := x.Decision
	fmt.Fprintf(&b, "reply: %s", x.Reply.Kind)
	if x.Reply.ID != "" {
		fmt.Fprintf(&b, " %s", x.Reply.ID)
	}
	if len(x.Reply.Flags) > 0 {
		fmt.Fprintf(&b, " (flags: %s)", strings.Join(x.Reply.Flags, ", "))
	}
	fmt.Fprintf(&b, "\ndecision: %s: %s\n", d.Kind, d.Reason)
	fmt.Fprintf(&b, "  confidence %.3f, lead in rank over the second %.3f, off-topic model %.3f\n", d.Conf, d.Lead, d.Off)
	set := map[string]string{}
	for _, s := range x.Settings {
		set[s.Name] = s.Value
	}
	fmt.Fprintf(&b, "  thresholds: answer %s, clarify %s, margin %s, off_topic_lead %s, sure %s\n",
		set["answer"], set["clarify"], set["margin"], set["off_topic_lead"], set["sure"])
	fmt.Fprintf(&b, "  model: score = %s·bm25 share + %s·cover + %s·class + %s·fit; rank = score / sum of weights; conf leaves bm25 out\n",
		set["rank_bm"], set["rank_cover"], set["rank_class"], set["rank_fit"])
	for i, c := range x.Candidates {
		if i == explainTop {
			break
		}
		fmt.Fprintf(&b, "%d. %s  conf %.3f  rank %.3f  score %.3f = bm25 %.3f + cover %.3f + class %.3f + fit %.3f\n",
			i+1, c.ID, c.Conf, c.Rank, c.Score, c.Parts["bm25"], c.Parts["cover"], c.Parts["class"], c.Parts["fit"])
		fmt.Fprintf(&b, "   bm25 %.2f (share %.2f)  coverage %.2f  phrase %.2f  anchored %t  class %.3f  fit %.2f\n",
			c.BM25, c.BMShare, c.Coverage, c.Phrase, c.Anchored, c.Class, c.Fit)
	}
	return b.String()
}
