package faq

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// The halves of a collection of real questions, as files in its directory.
const (
	TuneHalf  = "tune.yaml"  // may train and tune the ranking
	CheckHalf = "check.yaml" // never does: it shows whether what was learned carries over
)

// SetDirs are the directories under fixtures/ that hold the project's own sets, each read by the
// evaluation as the set of its name: a tune.yaml there is not a collection's half (probes,
// neighbours, situations and usertests never train the model; stories train it at their own
// weight). A new set is a new name here.
var SetDirs = []string{"stories", "probes", "neighbours", "situations", "usertests"}

// A Collection is a set of real citizen questions gathered outside the project and split once
// into two fixed halves, fixtures/<Name>/tune.yaml and check.yaml. A new collection is a new
// directory: no code names one, so the model, the eval sets and the seal all follow it.
type Collection struct {
	Name  string // the directory: "real", "harvest", ...
	Tune  string // path of the tuning half; "" when the directory has none
	Check string // path of the check half; "" when the directory has none
}

// Collections lists the collections under dir/fixtures: every directory holding a tune.yaml or
// a check.yaml, "real" (the first collection, the reference of every report) first, then by
// name. A half must be a regular file in a real directory: a symbolic link could make a check
// half teach the model, or count a collection twice.
func Collections(dir string) ([]Collection, error) {
	root := filepath.Join(dir, "fixtures")
	entries, err := os.ReadDir(root)
	if err != nil {
		if os.IsNotExist(err) {
			return nil, nil
		}
		return nil, fmt.Errorf("list collections: %w", err)
	}
	var cs []Collection
	for _, de := range entries {
		if !de.IsDir() || slices.Contains(SetDirs, de.Name()) { // a symlink is not IsDir
			continue
		}
		c := Collection{Name: de.Name()}
		d := filepath.Join(root, de.Name())
		for half, path := range map[string]*string{TuneHalf: &c.Tune, CheckHalf: &c.Check} {
			p := filepath.Join(d, half)
			if fi, err := os.Lstat(p); err == nil && fi.Mode().IsRegular() {
				*path = p
			}
		}
		if c.Tune != "" || c.Check != "" {
			cs = append(cs, c)
		}
	}
	slices.SortFunc(cs, func(a, b Collection) int {
		if (a.Name == "real") != (b.Name == "real") {
			if a.Name == "real" {
				return -1
			}
			return 1
		}
		return strings.Compare(a.Name, b.Name)
	})
	return cs, nil
}
