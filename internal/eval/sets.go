package eval

import (
	"context"
	"hash/fnv"
	"maps"
	"path/filepath"
	"slices"
	"strings"

	"github.com/vneidbot/vneidbot/internal/answer"
)

// Set is a named group of fixtures reported on its own: the testers' fixtures, the real
// questions' tuning half, the real questions' check half.
type Set struct {
	Name     string
	Fixtures []Fixture
	// By answers this set instead of the engine given to RunSets (nil: that engine).
	By Answerer
	// Again marks a set whose fixtures another set holds too (asked of another model): it is
	// left out of the total, so no fixture counts twice.
	Again bool
}

// The sets vneidbot eval runs by default, and where their files live under the FAQ directory.
const (
	SetOwn = "own" // fixtures/*.yaml: written by the project's testers
	// SetStories are long messages the project wrote the way citizens tell them (a story, then
	// the question), fixtures/stories/*.yaml: the class real questions show most and own
	// fixtures least.
	SetStories = "stories"
	// SetProbes are the fact probes, fixtures/probes/*.yaml: one or two questions per settled fact
	// of the domain brief, written by the project in citizens' styles and scored by must. The
	// model never trains on them, so they show whether each fact is stated where citizens land.
	SetProbes = "probes"
	// SetNeighbours are fresh off-topic messages over many neighbouring matters (other bodies'
	// business, often told beside our subjects), fixtures/neighbours/*.yaml, never trained on:
	// how the off-topic handling does on matters and phrasing nobody tuned for. Apart from the
	// probes so that each keeps its own bar.
	SetNeighbours = "neighbours"
	// SetSituations are questions in which citizens name their own situation (a bedridden parent,
	// a card lost abroad, a number that changed hands), fixtures/situations/*.yaml, written blind
	// (no entry or case read) and scored by must, never trained on: whether the fact that settles
	// a particular case reaches the citizen who names it (faq cases:).
	SetSituations = "situations"
	// SetUserTests are the messages of the blind usability tests (fixtures/usertests/*.yaml): a
	// helper who never read the FAQ wrote them the way citizens chat, a judge graded the replies,
	// and each was then labelled with the entry that answers what it asks. Never trained on
	// (round 55: training on them lost on every collection's unseen half), so they show how the
	// ranking routes citizen-style messages nobody tuned the model for.
	SetUserTests = "usertests"
	// The sets of the first collection of real citizen questions (faq.Collections), "real":
	// tuneSet("real") and so on. Every collection gets the same three sets.
	SetTune  = "real-tune"
	SetCheck = "real-check"
	// SetUnseen is the tuning half again, each question answered by a model trained without it
	// (see Folds): what tuning gains on questions the model has not memorised, to compare with
	// real-check. The deployed model learns from the whole tuning half, so real-tune alone
	// always looks better than an unseen set.
	SetUnseen = "real-tune-unseen"
	// SetOwnUnseen is the own fixtures again, each answered by a model trained without its fold:
	// how the model does on phrasing it never saw, with ten times the questions of a real half
	// (noisy there), though written by the project rather than by citizens.
	SetOwnUnseen     = "own-unseen"
	SetStoriesUnseen = "stories-unseen" // the stories, each answered by a model trained without its fold
)

// The sets of a collection of real citizen questions (faq.Collections: fixtures/<c>/tune.yaml and
// check.yaml), by the suffix of their names: the tuning half, which may train and tune the model;
// that half asked of models trained without its fold; the check half, never used to tune or
// train, sealed in reports. The one home of these names.
var collectionSuffixes = [...]string{kindTune: "-tune", kindUnseen: "-tune-unseen", kindCheck: "-check"}

const (
	kindTune = iota
	kindUnseen
	kindCheck
)

func tuneSet(c string) string   { return c + collectionSuffixes[kindTune] }
func unseenSet(c string) string { return c + collectionSuffixes[kindUnseen] }
func checkSet(c string) string  { return c + collectionSuffixes[kindCheck] }

// collectionSet splits a collection's set name into the collection and the kind of set.
func collectionSet(set string) (c string, kind int, ok bool) {
	for k, suffix := range collectionSuffixes {
		if c, ok := strings.CutSuffix(set, suffix); ok && c != "" {
			return c, k, true
		}
	}
	return "", 0, false
}

// isCheck says whether set is a collection's check half.
func isCheck(set string) bool {
	_, kind, ok := collectionSet(set)
	return ok && kind == kindCheck
}

// unseenTwin is the name of the set that asks set's fixtures of models trained without their
// fold, for every set that trains the model: the own fixtures, the stories, each tuning half.
func unseenTwin(set string) (string, bool) {
	switch c, kind, ok := collectionSet(set); {
	case set == SetOwn:
		return SetOwnUnseen, true
	case set == SetStories:
		return SetStoriesUnseen, true
	case ok && kind == kindTune:
		return unseenSet(c), true
	}
	return "", false
}

// Folds is how many parts a set is cut into for its unseen twin (unseenTwin): each
// part is answered by a model trained on the rest (2: each model still learns from half).
const Folds = 2

// foldAnswerer answers each question with the model of the fold that held it out.
type foldAnswerer struct {
	models []Answerer
	fold   map[string]int // question → its fold
}

func (f foldAnswerer) Answer(ctx context.Context, text string) answer.Reply {
	return f.models[f.fold[text]].Answer(ctx, text)
}

// heldOutFolds cuts fixtures into n folds by a hash of each question and returns each fold's
// questions. A question's fold depends on its text alone, not on its place among the others:
// adding or removing a fixture moves no other question to another fold. Dealt out in file order,
// one fixture added at the top of a file moved half the set, and an unseen report moved with it:
// one own fixture removed flipped about 31 unseen results, about 11 now (round 26). Dealing each
// entry's questions out in turn keeps every fold model learning half of each entry, but one
// fixture added to an entry still moves that entry's questions (about 21 flips).
func heldOutFolds(fixtures []Fixture, n int) []map[string]bool {
	folds := make([]map[string]bool, n)
	for i := range folds {
		folds[i] = map[string]bool{}
	}
	for _, f := range fixtures {
		h := fnv.New32a()
		h.Write([]byte(f.Q))
		folds[h.Sum32()%uint32(n)][f.Q] = true
	}
	return folds
}

// SetReport is the report of one set.
type SetReport struct {
	Name  string
	Again bool // its fixtures are another set's too: not in the total
	// Sealed: its figures are reported, its questions and what each got are not (see Sealed).
	Sealed bool
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

// Sealed is rs as reports show it by default: the check halves' figures stay, but not its
// questions, what each got nor its confusions, in the text report, the JSON report and a
// baseline comparison alike. Whoever reads a failure is tempted to mend it, and the check half
// only tells whether a change generalises while nobody has. `eval --show-check` lifts the seal.
func (rs Runs) Sealed() Runs {
	rs.Sets = slices.Clone(rs.Sets)
	var confused []Confusion
	for i, s := range rs.Sets {
		if isCheck(s.Name) {
			rs.Sets[i].Sealed = true
			rs.Sets[i].Results, rs.Sets[i].Confused = nil, nil
			continue
		}
		if !s.Again {
			confused = append(confused, s.Confused...)
		}
	}
	rs.Total.Confused = mergeConfused(confused)
	return rs
}

// mergeConfused adds up confusion pairs and orders them as summarize does.
func mergeConfused(cs []Confusion) []Confusion {
	n := map[[2]string]int{}
	for _, c := range cs {
		n[[2]string{c.Want, c.Got}] += c.Count
	}
	return confusionList(n)
}

// RunSets runs every set, in order, and adds the total. When ctx is cancelled it stops and
// reports on what was asked so far; callers check ctx.Err().
func RunSets(ctx context.Context, a Answerer, sets []Set) Runs {
	var rs Runs
	var all []Result
	for _, s := range sets {
		by := a
		if s.By != nil {
			by = s.By
		}
		rep := Run(ctx, by, s.Fixtures)
		rs.Sets = append(rs.Sets, SetReport{Name: s.Name, Report: rep, Again: s.Again})
		if !s.Again {
			all = append(all, rep.Results...)
		}
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

// Attribute says, for every failed fixture with must phrases, which entries state its fact
// (texts: all each entry may say, its answer and its cases, by id), so the report can tell a
// missing fact (content to write) from a fact another entry holds (ranking or decision to mend)
// or a case of the entry answered that the message did not call (a when phrase to add). The
// summaries are recomputed with the causes counted.
func (rs Runs) Attribute(texts map[string]string) Runs {
	ids := slices.Sorted(maps.Keys(texts))
	folded := make([]string, len(ids))
	for i, id := range ids {
		folded[i] = fold(texts[id])
	}
	var all []Result
	rs.Sets = slices.Clone(rs.Sets)
	for i, s := range rs.Sets {
		results := slices.Clone(s.Results)
		for j, res := range results {
			if res.Pass || len(res.Fixture.Must) == 0 || res.Said != "" { // a never phrase said: nothing to attribute
				continue
			}
			var by []string
			for k, id := range ids {
				if ok, _ := foldedHolds(res.Fixture.Must, folded[k]); ok {
					by = append(by, id)
				}
			}
			results[j].StatedBy, results[j].Cause = by, CauseRanking
			switch r := res.Reply; {
			case len(by) == 0:
				results[j].Cause = CauseContent
			case withEntry(r) && slices.Contains(by, r.ID):
				results[j].Cause = CauseCase
			}
		}
		rs.Sets[i].Report = summarize(results)
		if !s.Again {
			all = append(all, results...)
		}
	}
	rs.Total = summarize(all)
	return rs
}
