package gaps

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/vneidbot/vneidbot/internal/faq"
	"github.com/vneidbot/vneidbot/internal/store"
	"github.com/vneidbot/vneidbot/internal/store/dbopen"
)

// CLI is what `vneidbot gaps` was asked; cmd/vneidbot fills it from flags and environment.
type CLI struct {
	DB, DataDir  string // as VNEIDBOT_DB and VNEIDBOT_DATA
	FAQDir       string // names the entries, when readable
	Days         int    // the last N days, unless Since is set
	Since, Until string // YYYY-MM-DD, UTC; Until exclusive, default now
	JSON         bool
	Fixtures     bool
	Now          time.Time
}

// RunCLI prints the report and returns the exit code: 2 for bad arguments, 1 when the store
// cannot be read.
func RunCLI(ctx context.Context, c CLI, stdout, stderr io.Writer) int {
	q := store.Query{Since: c.Now.AddDate(0, 0, -c.Days), Until: c.Now}
	var err error
	if c.Since != "" {
		if q.Since, err = time.Parse(time.DateOnly, c.Since); err != nil {
			fmt.Fprintf(stderr, "vneidbot gaps: --since %q: want YYYY-MM-DD\n", c.Since)
			return 2
		}
	}
	if c.Until != "" {
		if q.Until, err = time.Parse(time.DateOnly, c.Until); err != nil {
			fmt.Fprintf(stderr, "vneidbot gaps: --until %q: want YYYY-MM-DD\n", c.Until)
			return 2
		}
	}
	if c.Days < 1 || !q.Since.Before(q.Until) || (c.JSON && c.Fixtures) {
		fmt.Fprintln(stderr, "vneidbot gaps: want --days ≥ 1 (or --since before --until), and at most one of --json and --fixtures")
		return 2
	}
	db, _, err := dbopen.Open(ctx, c.DB, c.DataDir)
	if err != nil {
		fmt.Fprintf(stderr, "vneidbot gaps: %v\n", err)
		return 1
	}
	defer db.Close()
	r, err := FromStore(ctx, db, q, entryTitles(c.FAQDir, c.Now), Settings{})
	if err != nil {
		fmt.Fprintf(stderr, "vneidbot gaps: %v\n", err)
		return 1
	}
	switch {
	case c.JSON:
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		err = enc.Encode(r)
	case c.Fixtures:
		err = WriteFixtures(stdout, r)
	default:
		err = WriteText(stdout, r)
	}
	if err != nil {
		fmt.Fprintf(stderr, "vneidbot gaps: %v\n", err)
		return 1
	}
	return 0
}

// entryTitles names entries from the FAQ when it can be read; the report works without.
func entryTitles(dir string, now time.Time) func(string) string {
	set, _, err := faq.Load(dir, now)
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
