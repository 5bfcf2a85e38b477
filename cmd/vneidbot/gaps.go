package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"time"

	"github.com/vneidbot/vneidbot/internal/faq"
	"github.com/vneidbot/vneidbot/internal/gaps"
	"github.com/vneidbot/vneidbot/internal/store"
	"github.com/vneidbot/vneidbot/internal/store/dbopen"
)

const gapsUsage = `usage: vneidbot gaps [--days N | --since DATE [--until DATE]] [--json | --fixtures]

Groups the questions of a period that got a fallback, a clarification or a 👎 into clusters
of similar phrasings, with examples, the entries the bot considered and a suggestion.
--fixtures prints the clusters as fixture stubs (faq/fixtures format) for testers to label.
Reads the store: VNEIDBOT_DB (postgres://…) or the SQLite file in --data (env VNEIDBOT_DATA).

Flags:
`

func runGaps(ctx context.Context, args []string, e env) int {
	fs := flag.NewFlagSet("gaps", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	days := fs.Int("days", 7, "the last N days")
	since := fs.String("since", "", "start `date` (YYYY-MM-DD, UTC); overrides --days")
	until := fs.String("until", "", "end `date`, exclusive (YYYY-MM-DD, UTC); default now")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	fixtures := fs.Bool("fixtures", false, "print fixture stubs for testers")
	data := fs.String("data", envOr(e, "VNEIDBOT_DATA", dbopen.DefaultDataDir), "data `dir` of the SQLite store (env VNEIDBOT_DATA)")
	faqDir, _ := contentFlags(fs, e)
	fs.Usage = func() { fmt.Fprint(fs.Output(), gapsUsage); fs.PrintDefaults() }
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 2
	}
	now := time.Now().UTC()
	q := store.Query{Since: now.AddDate(0, 0, -*days), Until: now}
	var err error
	if *since != "" {
		if q.Since, err = time.Parse(time.DateOnly, *since); err != nil {
			fmt.Fprintf(e.stderr, "vneidbot gaps: --since %q: want YYYY-MM-DD\n", *since)
			return 2
		}
	}
	if *until != "" {
		if q.Until, err = time.Parse(time.DateOnly, *until); err != nil {
			fmt.Fprintf(e.stderr, "vneidbot gaps: --until %q: want YYYY-MM-DD\n", *until)
			return 2
		}
	}
	if *days < 1 || !q.Since.Before(q.Until) || (*asJSON && *fixtures) || fs.NArg() > 0 {
		fmt.Fprintln(e.stderr, "vneidbot gaps: want --days ≥ 1 (or --since before --until), at most one of --json and --fixtures, no arguments")
		return 2
	}
	db, _, err := dbopen.Open(ctx, e.getenv("VNEIDBOT_DB"), *data)
	if err != nil {
		fmt.Fprintf(e.stderr, "vneidbot gaps: %v\n", err)
		return 1
	}
	defer db.Close()
	r, err := gaps.FromStore(ctx, db, q, entryTitles(*faqDir), gaps.Settings{})
	if err != nil {
		fmt.Fprintf(e.stderr, "vneidbot gaps: %v\n", err)
		return 1
	}
	switch {
	case *asJSON:
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		err = enc.Encode(r)
	case *fixtures:
		err = gaps.WriteFixtures(e.stdout, r)
	default:
		err = gaps.WriteText(e.stdout, r)
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "vneidbot gaps: %v\n", err)
		return 1
	}
	return 0
}

// entryTitles names entries from the FAQ when it can be read; the report works without.
func entryTitles(dir string) func(string) string {
	set, _, err := faq.Load(dir, time.Now())
	if err != nil || set == nil {
		return nil
	}
	return func(id string) string {
		if e, ok := set.ByID(id); ok {
			return e.Title
		}
		return ""
	}
}
