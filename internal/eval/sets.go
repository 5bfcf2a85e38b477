package eval

import (
	"context"
	"path/filepath"
	"strings"
)

// Set is a named group of fixtures reported on its own: the testers' fixtures, the real
// questions' tuning half, the real questions' check half.
type Set struct {
	Name     string
	Fixtures []Fixture
}

// The sets vneidbot eval runs by default, and where their files live under the FAQ directory.
const (
	SetOwn   = "own"        // fixtures/*.yaml: written by the project's testers
	SetTune  = "real-tune"  // fixtures/real/tune.yaml: may be used to tune and train the ranking
	SetCheck = "real-check" // fixtures/real/check.yaml: never used to tune; shows whether a change generalises
)

// SetReport is the report of one set.
type SetReport struct {
	Name string
	Report
}

// Runs is the outcome of running several sets: each set's report and the total over all.
type Runs struct {
	Sets  []SetReport
	Total Report
}

// Set returns the report of the set named name, and whether there is one; "total" is the total.
func (rs Runs) Set(name string) (Report, bool) {
	if name == "total" {
		return rs.Total, true
	}
	for _, s := range rs.Sets {
		if s.Name == name {
			return s.Report, true
		}
	}
	return Report{}, false
}

// RunSets runs every set, in order, and adds the total. When ctx is cancelled it stops and
// reports on what was asked so far; callers check ctx.Err().
func RunSets(ctx context.Context, a Answerer, sets []Set) Runs {
	var rs Runs
	var all []Result
	for _, s := range sets {
		rep := Run(ctx, a, s.Fixtures)
		rs.Sets = append(rs.Sets, SetReport{Name: s.Name, Report: rep})
		all = append(all, rep.Results...)
	}
	rs.Total = summarize(all)
	return rs
}

// key identifies a fixture from run to run (for --baseline): the set and the real question's
// id, or the set, the file's name and the query (lines move when fixtures are added above; the
// directory differs with --faq).
func key(set string, f Fixture) string {
	if f.Real != "" {
		return set + " " + f.Real
	}
	return set + " " + filepath.Base(f.File) + " " + strings.Join(strings.Fields(f.Q), " ")
}
