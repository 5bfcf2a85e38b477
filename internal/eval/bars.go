package eval

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// Bars are the lowest figures each set may reach, by set name ("own", "real-tune",
// "real-check", "total") and metric name (see Metrics). They live in one file,
// internal/eval/bars.yaml, read by both `vneidbot eval --bars` (make eval) and the gate test in
// go test, so that raising a bar is a one-line change in one place.
type Bars map[string]map[string]float64

// Metrics are the figures a bar may be set on, with how to read each from a report.
var Metrics = map[string]func(Report) float64{
	"pass":                func(r Report) float64 { return r.PassRate },
	"in_scope_pass":       func(r Report) float64 { return r.InScopePass },
	"off_topic_pass":      func(r Report) float64 { return r.OffTopicPass },
	"top1":                func(r Report) float64 { return r.Top1 },
	"recall_at_3":         func(r Report) float64 { return r.RecallAt3 },
	"mrr":                 func(r Report) float64 { return r.MRR },
	"one_tap":             func(r Report) float64 { return r.OneTap },
	"off_topic_precision": func(r Report) float64 { return r.OffTopicPrecision },
	"off_topic_recall":    func(r Report) float64 { return r.OffTopicRecall },
}

// LoadBars reads a bars file: a mapping of set name to a mapping of metric to a share (0..1).
func LoadBars(path string) (Bars, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return ParseBars(path, data)
}

// ParseBars decodes the content of a bars file; path names it in errors.
func ParseBars(path string, data []byte) (Bars, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var b Bars
	if err := dec.Decode(&b); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var bad []string
	for _, set := range b.sets() {
		for _, m := range sortedKeys(b[set]) {
			v := b[set][m]
			if _, ok := Metrics[m]; !ok {
				bad = append(bad, fmt.Sprintf("%s: %s: unknown metric %q (want one of %s)", path, set, m, strings.Join(sortedKeys(Metrics), ", ")))
			} else if v < 0 || v > 1 {
				bad = append(bad, fmt.Sprintf("%s: %s.%s: %v is not a share between 0 and 1", path, set, m, v))
			}
		}
	}
	if len(bad) > 0 {
		return nil, errors.New(strings.Join(bad, "\n"))
	}
	return b, nil
}

// Check lists, one line each, the figures of rs that are below their bar, and bars set on a set
// the run does not have (a bar that checks nothing is a mistake).
func (b Bars) Check(rs Runs) []string {
	var below []string
	for _, set := range b.sets() {
		r, ok := rs.Set(set)
		if !ok {
			below = append(below, fmt.Sprintf("bars for set %q, which this run does not have", set))
			continue
		}
		for _, m := range sortedKeys(b[set]) {
			if got, bar := Metrics[m](r), b[set][m]; got < bar {
				below = append(below, fmt.Sprintf("%s %s %.4f is below the bar %.4f", set, m, got, bar))
			}
		}
	}
	return below
}

// sets are the set names of b, in report order: the project's sets (each unseen set after its
// own), each collection's tune, tune-unseen and check sets ("real" first), others, total.
func (b Bars) sets() []string {
	fixed := []string{SetOwn, SetOwnUnseen, SetStories, SetStoriesUnseen, SetProbes, SetNeighbours, SetSituations, SetUserTests}
	// rank orders by group (project's sets, collections, others, total), then within the group.
	rank := func(s string) (int, string, int) {
		if i := slices.Index(fixed, s); i >= 0 {
			return 0, "", i
		}
		if c, kind, ok := collectionSet(s); ok {
			if c == "real" {
				c = "" // the first collection leads, as faq.Collections orders them
			}
			return 1, c, kind
		}
		if s == "total" {
			return 3, "", 0
		}
		return 2, s, 0
	}
	names := sortedKeys(b)
	slices.SortStableFunc(names, func(x, y string) int {
		gx, cx, kx := rank(x)
		gy, cy, ky := rank(y)
		return cmp.Or(cmp.Compare(gx, gy), strings.Compare(cx, cy), cmp.Compare(kx, ky))
	})
	return names
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
