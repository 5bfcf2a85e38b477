package eval

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
)

// Baseline is an earlier run, read back from its JSON report, to compare a change against.
type Baseline struct {
	sets    []jsonSet
	total   jsonSummary
	results map[string]jsonResult // by key
	listed  map[string]bool       // sets whose results it holds (a sealed set's are not)
	order   []string              // keys in report order
}

// LoadBaseline reads a report written by WriteJSON.
func LoadBaseline(path string) (*Baseline, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadBaseline(f)
}

// ReadBaseline decodes a report written by WriteJSON.
func ReadBaseline(r io.Reader) (*Baseline, error) {
	var in jsonRuns
	if err := json.NewDecoder(r).Decode(&in); err != nil {
		return nil, fmt.Errorf("decode report: %w", err)
	}
	if in.Sets == nil || in.Results == nil {
		return nil, fmt.Errorf("not an eval report: want \"sets\" and \"results\" (write it with vneidbot eval --json)")
	}
	b := &Baseline{sets: in.Sets, total: in.Total, results: map[string]jsonResult{}, listed: map[string]bool{}}
	for _, res := range in.Results {
		b.listed[res.Set] = true
		if _, dup := b.results[res.Key]; !dup {
			b.order = append(b.order, res.Key)
		}
		b.results[res.Key] = res
	}
	return b, nil
}

// Change is one fixture whose outcome differs between the baseline and the new run.
type Change struct {
	Key   string
	Set   string
	Name  string // real id or file:line (of the new run)
	Q     string
	Was   string // what the baseline got: "answer x" …
	Now   string
	Fixed bool // failed before, passes now; else passed before, fails now
}

// Comparison is what a change did: the fixtures it fixed and broke, and the figures per set
// before and after.
type Comparison struct {
	Fixed, Broken  []Change
	Added, Removed int // fixtures only in the new run, only in the baseline
	Figures        []FigureChange
}

// FigureChange is one set's headline figure before and after.
type FigureChange struct {
	Set, Metric string
	Was, Now    float64
}

// Compare matches the new run's fixtures with the baseline's by key.
func (b *Baseline) Compare(rs Runs) Comparison {
	var c Comparison
	seen := map[string]bool{}
	sealed := map[string]bool{}
	for _, s := range rs.Sets {
		if s.Sealed {
			sealed[s.Name] = true
		}
		for _, res := range s.Results {
			k := key(s.Name, res.Fixture)
			seen[k] = true
			old, ok := b.results[k]
			if !ok {
				if b.listed[s.Name] {
					c.Added++
				}
				continue
			}
			if old.Pass == res.Pass {
				continue
			}
			ch := Change{Key: k, Set: s.Name, Name: res.Fixture.Name(), Q: res.Fixture.Q,
				Was: describeJSON(old), Now: res.Got, Fixed: res.Pass}
			if res.Pass {
				c.Fixed = append(c.Fixed, ch)
			} else {
				c.Broken = append(c.Broken, ch)
			}
		}
	}
	for _, k := range b.order {
		if !seen[k] && !sealed[b.results[k].Set] {
			c.Removed++
		}
	}
	was := map[string]jsonSummary{"total": b.total}
	for _, s := range b.sets {
		was[s.Name] = s.Summary
	}
	cols := rs.columns()
	for _, col := range cols {
		old, ok := was[col.Name]
		if !ok {
			continue
		}
		// A baseline written before "in one tap" existed has no such figure to compare.
		noTap := old.OneTapHits == 0 && old.IDFixtures > 0
		for _, m := range []struct {
			name     string
			was, now float64
			skip     bool
		}{
			{"pass", old.PassRate, col.PassRate, false},
			{"in_scope_pass", old.InScopePass, col.InScopePass, false},
			{"off_topic_pass", old.OffTopicPass, col.OffTopicPass, false},
			{"top1", old.Top1, col.Top1, false},
			{"recall_at_3", old.RecallAt3, col.RecallAt3, false},
			{"mrr", old.MRR, col.MRR, false},
			{"one_tap", old.OneTap, col.OneTap, noTap},
		} {
			if m.skip {
				continue
			}
			c.Figures = append(c.Figures, FigureChange{Set: col.Name, Metric: m.name, Was: m.was, Now: m.now})
		}
	}
	return c
}

// describeJSON is describeReply for a result read back from JSON.
func describeJSON(r jsonResult) string {
	s := string(r.GotKind)
	if r.GotID != "" {
		s += " " + r.GotID
	}
	return s
}

// WriteText writes the comparison for people: the figures that moved, then each fixed and
// broken fixture, set by set.
func (c Comparison) WriteText(w io.Writer) error {
	p := &printer{w: w}
	p.printf("\nagainst the baseline: %d fixed, %d broken", len(c.Fixed), len(c.Broken))
	if c.Added > 0 || c.Removed > 0 {
		p.printf(" (new fixtures: %d, gone: %d)", c.Added, c.Removed)
	}
	p.printf("\n")
	moved := slices.DeleteFunc(slices.Clone(c.Figures), func(f FigureChange) bool { return fmt.Sprintf("%.3f", f.Was) == fmt.Sprintf("%.3f", f.Now) })
	for _, f := range moved {
		p.printf("  %-11s %-15s %.3f → %.3f (%+.3f)\n", f.Set, f.Metric, f.Was, f.Now, f.Now-f.Was)
	}
	for _, part := range []struct {
		title string
		list  []Change
	}{{"fixed", c.Fixed}, {"broken", c.Broken}} {
		if len(part.list) == 0 {
			continue
		}
		p.printf("%s:\n", part.title)
		for _, ch := range part.list {
			p.printf("  %-10s %s  %s  (was %s, now %s)\n", ch.Set, ch.Name, oneLine(ch.Q), ch.Was, ch.Now)
		}
	}
	return p.err
}
