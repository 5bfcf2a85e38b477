package faq

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// The halves of a collection of real citizen questions, as files in its directory.
const (
	TuneHalf  = "tune.yaml"  // may train and tune the ranking
	CheckHalf = "check.yaml" // never does: it shows whether what was learned carries over
)

// A Collection is a set of real citizen questions gathered outside the project and split once
// into two fixed halves, fixtures/<Name>/tune.yaml and check.yaml. A new collection is a new
// directory: no code names one, so the model, the eval sets and the seal all follow it.
type Collection struct {
	Name  string // the directory: "real", "harvest", ...
	Tune  string // path of the tuning half
	Check string // path of the check half; it may not exist yet
}

// Collections lists the collections under dir/fixtures: every directory holding a tune.yaml,
// "real" (the first collection, the reference of every report) first, then by name.
func Collections(dir string) ([]Collection, error) {
	found, err := filepath.Glob(filepath.Join(dir, "fixtures", "*", TuneHalf))
	if err != nil {
		return nil, fmt.Errorf("list collections: %w", err)
	}
	var cs []Collection
	for _, tune := range found {
		if fi, err := os.Stat(tune); err != nil || !fi.Mode().IsRegular() {
			continue
		}
		d := filepath.Dir(tune)
		cs = append(cs, Collection{Name: filepath.Base(d), Tune: tune, Check: filepath.Join(d, CheckHalf)})
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
