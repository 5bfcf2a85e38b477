package kb

import (
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/vneidbot/vneidbot/internal/faq"
	"github.com/vneidbot/vneidbot/internal/pii"
	"github.com/vneidbot/vneidbot/internal/search"
	"github.com/vneidbot/vneidbot/internal/textnorm"
)

// TrainFiles are the labelled questions the ranking model learns from, besides the entries'
// own questions: the project's fixtures (fixtures/*.yaml, and the long stories under
// fixtures/stories/) and the tuning half of every collection of real citizen questions
// (faq.Collections). The check halves are never read here: they measure whether what was
// learned carries over.
func TrainFiles(faqDir string) ([]string, error) {
	var files []string
	for _, pattern := range []string{filepath.Join(faqDir, "fixtures", "*.yaml"), filepath.Join(faqDir, "fixtures", "stories", "*.yaml")} {
		found, err := filepath.Glob(pattern)
		if err != nil {
			return nil, fmt.Errorf("list fixtures: %w", err)
		}
		sort.Strings(found)
		files = append(files, found...)
	}
	kept := files[:0]
	for _, f := range files {
		if !strings.Contains(filepath.Base(f), "check") { // a check half never teaches
			kept = append(kept, f)
		}
	}
	files = kept
	cs, err := faq.Collections(faqDir)
	if err != nil {
		return nil, err
	}
	for _, c := range cs {
		if c.Tune != "" {
			files = append(files, c.Tune)
		}
	}
	return files, nil
}

// contentHash is what a change must reload: the FAQ files (faq.Hash) and the files the model
// learns from (TrainFiles), so a staffer's new fixture retrains the model without a restart.
func contentHash(faqDir string) (string, error) {
	h, err := faq.Hash(faqDir)
	if err != nil {
		return "", err
	}
	files, err := TrainFiles(faqDir)
	if err != nil {
		return "", err
	}
	trained, err := filesHash(files)
	if err != nil {
		return "", err
	}
	return joinHash(h, trained), nil
}

// filesHash hashes the names and contents of files, in order.
func filesHash(files []string) (string, error) {
	h := sha256.New()
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return "", fmt.Errorf("read %s: %w", f, err)
		}
		fmt.Fprintf(h, "%s\x00%x\n", f, sha256.Sum256(b))
	}
	return fmt.Sprintf("%x", h.Sum(nil)), nil
}

func joinHash(faqHash, trained string) string {
	return fmt.Sprintf("%x", sha256.Sum256([]byte(faqHash+"\n"+trained)))
}

// trainItem is what the model needs of a fixture; the eval package owns and validates the full
// format, this reader takes what it understands and ignores the rest.
type trainItem struct {
	Q      string     `yaml:"q"`
	ID     string     `yaml:"id"`
	Also   []string   `yaml:"also"`
	Kind   string     `yaml:"kind"`
	Must   [][]string `yaml:"must"`
	Expect string     `yaml:"expect"`
}

// trainWeights are the weights of the three kinds of training file.
type trainWeights struct{ own, stories, real, realOff float64 }

// of is the weight of file's examples, and of its off-topic ones.
func (w trainWeights) of(file string) (float64, float64) {
	switch dir := filepath.Base(filepath.Dir(file)); {
	case dir == "stories":
		return w.stories, w.stories
	case dir != "fixtures" && filepath.Base(file) == faq.TuneHalf: // a collection's tuning half
		return w.real, w.real * w.realOff
	}
	return w.own, w.own
}

// loadExamples reads the training files. A fixture with an id teaches that entry (and its
// `also` entries); one with `must` phrase groups teaches every entry whose answer or cases hold a
// phrase of each group (faq.Entry.Stated); a risky one (kind safety without an id, or `expect` saying safety) teaches
// "risk"; an off-topic one (kind fallback or smalltalk, or another `expect`) teaches "no entry".
//
// Examples from the collections' tuning halves (fixtures/<collection>/tune.yaml) weigh w.real,
// their off-topic messages w.real·w.realOff, the stories (under fixtures/stories/) w.stories, the
// project's other fixtures w.own. A weight of 0 leaves those files out, so that a set can be
// measured on a model that never saw it; a question in held is left out alone.
func loadExamples(files []string, set *faq.Set, w trainWeights, maxMust int, held map[string]bool) ([]search.Example, error) {
	answers := make([]string, len(set.Entries)) // what each entry states: its answer and its cases
	for i, e := range set.Entries {
		answers[i] = foldText(e.Stated())
	}
	var out []search.Example
	for _, f := range files {
		w, wOff := w.of(f)
		if w <= 0 {
			continue
		}
		items, err := readTrainItems(f)
		if err != nil {
			return nil, err
		}
		for _, it := range items {
			if strings.TrimSpace(it.Q) == "" || held[it.Q] {
				continue
			}
			switch {
			case it.ID != "":
				out = append(out, search.Example{Text: it.Q, IDs: append([]string{it.ID}, it.Also...), Weight: w})
			case len(it.Must) > 0:
				if ids := mustEntries(it.Must, set, answers, maxMust); len(ids) > 0 {
					out = append(out, search.Example{Text: it.Q, IDs: ids, Weight: w})
				}
			case it.Kind == "safety" || expectsSafety(it.Expect):
				// Read as the engine reads a message: personal data masked (the model never
				// sees a password or a number at answer time, so it must not learn from them).
				red, _ := pii.Redact(it.Q)
				out = append(out, search.Example{Text: strings.ReplaceAll(red, pii.Mask, " "), Risk: true, Weight: w})
			case it.Expect != "" || it.Kind == "fallback" || it.Kind == "smalltalk":
				if wOff > 0 {
					out = append(out, search.Example{Text: it.Q, Weight: wOff})
				}
			}
		}
	}
	return out, nil
}

// withLastClauses adds, for each in-scope example with a last clause apart from its first (last
// returns "" when it has none), that clause as an example of the same entries weighing w times
// the example's. Off-topic and risk examples (no IDs) are left alone: their last clauses taught
// as off-topic caught 7 more fresh neighbours' messages but cost 6 real in-scope answers and 8
// stories (round 27).
func withLastClauses(ex []search.Example, last func(string) string, w float64) []search.Example {
	if w <= 0 {
		return ex
	}
	out := ex
	for _, e := range ex {
		if len(e.IDs) == 0 {
			continue
		}
		q := last(e.Text)
		if q == "" {
			continue
		}
		weight := e.Weight
		if weight == 0 {
			weight = 1
		}
		out = append(out, search.Example{Text: q, IDs: e.IDs, Weight: weight * w})
	}
	return out
}

// expectsSafety reads an `expect` label as the evaluation does: the words before ':', any case.
func expectsSafety(expect string) bool {
	label, _, ok := strings.Cut(expect, ":")
	return ok && strings.EqualFold(strings.TrimSpace(label), "safety")
}

// mustEntries lists the entries whose answer passes the `must` rule. A question that more than
// maxEntries answers pass tells the model too little about which entry it means.
func mustEntries(must [][]string, set *faq.Set, answers []string, maxEntries int) []string {
	var ids []string
	for i, a := range answers {
		ok := true
		for _, g := range must {
			hit := false
			for _, p := range g {
				if fp := foldText(p); fp != "" && strings.Contains(a, fp) {
					hit = true
					break
				}
			}
			if !hit {
				ok = false
				break
			}
		}
		if ok {
			ids = append(ids, set.Entries[i].ID)
		}
	}
	if len(ids) > maxEntries {
		return nil
	}
	return ids
}

func foldText(s string) string { return textnorm.Fold(textnorm.Normalize(s)) }

func readTrainItems(file string) ([]trainItem, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("read training file: %w", err)
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, fmt.Errorf("read training file %s: %w", file, err)
	}
	if len(root.Content) == 0 {
		return nil, nil
	}
	doc := root.Content[0]
	var items []trainItem
	switch doc.Kind {
	case yaml.SequenceNode:
		if err := doc.Decode(&items); err != nil {
			return nil, fmt.Errorf("read training file %s: %w", file, err)
		}
	case yaml.MappingNode:
		// {in_scope: [...], out_of_scope: [...]} as in the real question sets.
		for i := 0; i+1 < len(doc.Content); i += 2 {
			if doc.Content[i+1].Kind != yaml.SequenceNode {
				continue
			}
			var part []trainItem
			if err := doc.Content[i+1].Decode(&part); err != nil {
				return nil, fmt.Errorf("read training file %s: %w", file, err)
			}
			if doc.Content[i].Value == "out_of_scope" {
				for j := range part {
					if part[j].Expect == "" && part[j].ID == "" {
						part[j].Expect = "off-topic"
					}
				}
			}
			items = append(items, part...)
		}
	}
	return items, nil
}
