// Package gaps turns what the bot could not answer well (fallbacks, clarifications and 👎)
// into content work: clusters of similar phrasings, each with its size, examples, the
// entries the bot considered and a suggestion, "add these phrasings to entry X" or "new
// entry needed". The grouping is deliberately simple so a staffer can follow it: two
// questions belong together when they share enough *telling* terms (words and pairs of
// adjacent words that are rare across the period's traffic), measured as the cosine of their
// rarity-weighted term sets; each cluster shows the terms its questions share.
package gaps

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/vneidbot/vneidbot/internal/store"
)

// Settings tune the grouping. Zero values take the defaults.
type Settings struct {
	// Join is the similarity (0..1, cosine of the rarity-weighted terms) at or above which a
	// question joins a cluster. Default 0.3: over the 214 real questions in
	// shared/real-questions, pairs above it nearly all ask the same thing ("tài khoản định
	// danh điện tử bao giờ hết hạn" / "thời hạn của tài khoản định danh điện tử là bao lâu"),
	// pairs below it mostly share only a procedure word ("làm lại online trên vneid").
	Join float64
	// Common is the share of exchanges a term may appear in and still be telling. Default
	// 0.25: terms in a quarter or more of all questions ("lam", "sao", "cccd") tell nothing
	// about which need a question is about. Applied when there are at least MinDocs exchanges.
	Common  float64
	MinDocs int // default 20
	// Adopt is the share of a cluster's questions that must have considered an entry for the
	// suggestion to be "add these phrasings to it". Default 0.5.
	Adopt float64
	// Examples is how many distinct examples each cluster shows. Default 5.
	Examples int
}

func (s *Settings) defaults() {
	if s.Join <= 0 {
		s.Join = 0.3
	}
	if s.Common <= 0 {
		s.Common = 0.25
	}
	if s.MinDocs <= 0 {
		s.MinDocs = 20
	}
	if s.Adopt <= 0 {
		s.Adopt = 0.5
	}
	if s.Examples <= 0 {
		s.Examples = 5
	}
}

// Considered is an entry the bot ranked for a cluster's questions.
type Considered struct {
	Entry string `json:"entry"`
	Title string `json:"title,omitempty"`
	Count int    `json:"count"` // questions of the cluster that ranked it
}

// Suggestion kinds.
const (
	AddPhrasings = "add_phrasings"
	NewEntry     = "new_entry"
)

// Cluster is a group of similar questions.
type Cluster struct {
	Size       int            `json:"size"`
	Words      []string       `json:"words"`    // the telling words its questions share, most telling first
	Examples   []string       `json:"examples"` // redacted, newest first
	Kinds      map[string]int `json:"kinds"`    // fallback, clarify, down, risk → count
	Considered []Considered   `json:"considered"`
	Suggestion string         `json:"suggestion"`      // AddPhrasings or NewEntry
	Entry      string         `json:"entry,omitempty"` // with AddPhrasings: the entry to extend
	Also       []string       `json:"also,omitempty"`  // entries considered as often as Entry: a person chooses
	Last       time.Time      `json:"last"`            // newest question

	members []member
	core    map[string]bool
}

// Report is the result over a period.
type Report struct {
	Since     time.Time `json:"since"`
	Until     time.Time `json:"until"`
	Exchanges int       `json:"exchanges"` // every exchange of the period (for telling words)
	Gaps      int       `json:"gaps"`      // of those, fallbacks, clarifications, 👎 and risk warnings
	Clusters  []Cluster `json:"clusters"`
}

type member struct {
	x     store.Exchange
	words map[string]bool
}

// maxWords is how many shared terms a cluster shows.
const maxWords = 6

// Kind of a gap exchange: "down" when it got a 👎, "risk" for the learned model's risk warning
// (staff check that it was one), else its reply kind.
func Kind(x store.Exchange) string {
	switch {
	case x.Vote == store.VoteDown:
		return "down"
	case learnedRisk(x):
		return "risk"
	}
	return x.Kind
}

// IsGap says whether an exchange belongs in the report.
func IsGap(x store.Exchange) bool {
	return x.Vote == store.VoteDown || x.Kind == "fallback" || x.Kind == "clarify" || learnedRisk(x)
}

// learnedRisk: the reply carried the warning of the learned model's risk reading (no rule named
// the risk), which may be a false alarm.
func learnedRisk(x store.Exchange) bool { return slices.Contains(x.Flags, "risk") }

// Build groups the gaps among all (every exchange of the period, any order; the others only
// weigh the words). title, when not nil, names entries.
func Build(all []store.Exchange, title func(string) string, set Settings) Report {
	set.defaults()
	r := Report{Exchanges: len(all)}
	df := map[string]int{}
	for _, x := range all {
		for w := range wordSet(x.Norm) {
			df[w]++
		}
	}
	n := float64(len(all))
	weight := func(w string) float64 {
		if len(all) >= set.MinDocs && float64(df[w])/n >= set.Common {
			return 0 // too common to tell
		}
		return math.Log(1 + n/float64(max(df[w], 1)))
	}
	var gaps []store.Exchange
	for _, x := range all {
		if IsGap(x) {
			gaps = append(gaps, x)
		}
	}
	r.Gaps = len(gaps)
	// Oldest first, so clusters grow the way traffic came; ties by id for a stable result.
	slices.SortFunc(gaps, func(a, b store.Exchange) int {
		return cmp.Or(a.Time.Compare(b.Time), strings.Compare(a.ID, b.ID))
	})
	var clusters []*Cluster
	for _, x := range gaps {
		words := map[string]bool{}
		for w := range wordSet(x.Norm) {
			if weight(w) > 0 {
				words[w] = true
			}
		}
		best, bestSim := -1, 0.0
		for i, c := range clusters {
			if s := overlap(words, c.core, weight); s > bestSim {
				best, bestSim = i, s
			}
		}
		if best < 0 || bestSim < set.Join || len(words) == 0 {
			clusters = append(clusters, &Cluster{})
			best = len(clusters) - 1
		}
		c := clusters[best]
		c.members = append(c.members, member{x: x, words: words})
		c.core = core(c.members)
	}
	for _, c := range clusters {
		r.Clusters = append(r.Clusters, finish(c, weight, title, set))
	}
	slices.SortStableFunc(r.Clusters, func(a, b Cluster) int {
		return cmp.Or(cmp.Compare(b.Size, a.Size), b.Last.Compare(a.Last))
	})
	return r
}

// wordSet is the terms of a normalised text: its words and its pairs of adjacent words.
// Vietnamese writes one syllable per word, so the pairs ("xac nhan", "hon nhan") carry most of
// the meaning, and two phrasings of one need share them even when their filler differs.
func wordSet(norm string) map[string]bool {
	s := map[string]bool{}
	prev := ""
	for _, w := range strings.Fields(norm) {
		w = strings.Trim(w, ".,;:!?\"'()[]{}…-–—/\\")
		if w == "" {
			prev = ""
			continue
		}
		s[w] = true
		if prev != "" {
			s[prev+" "+w] = true
		}
		prev = w
	}
	return s
}

// overlap is the cosine similarity of two term sets, each term weighted by how telling it
// is: 1 when they hold the same terms, 0 when they share none. Unlike a plain Jaccard index it
// does not fall with the length of a long, wordy question whose topic terms are shared.
func overlap(a, b map[string]bool, weight func(string) float64) float64 {
	var dot, na, nb float64
	for w := range a {
		wt := weight(w)
		na += wt * wt
		if b[w] {
			dot += wt * wt
		}
	}
	for w := range b {
		wt := weight(w)
		nb += wt * wt
	}
	if na == 0 || nb == 0 {
		return 0
	}
	return dot / math.Sqrt(na*nb)
}

// core is the words most of the members share: all of a lone member's, both members' common
// words, two of three members' and so on.
func core(ms []member) map[string]bool {
	count := map[string]int{}
	for _, m := range ms {
		for w := range m.words {
			count[w]++
		}
	}
	c := map[string]bool{}
	for w, n := range count {
		if 2*n > len(ms) || len(ms) == 2 && n == 2 {
			c[w] = true
		}
	}
	return c
}

func finish(c *Cluster, weight func(string) float64, title func(string) string, set Settings) Cluster {
	out := Cluster{Size: len(c.members), Kinds: map[string]int{}, Examples: []string{}, Considered: []Considered{}, Words: []string{}}
	var terms []string
	for w := range c.core {
		terms = append(terms, w)
	}
	// The terms most members share first, pairs before words, the most telling first; a word
	// already shown inside a pair is not repeated.
	in := map[string]int{}
	for _, m := range c.members {
		for w := range m.words {
			in[w]++
		}
	}
	slices.SortFunc(terms, func(a, b string) int {
		return cmp.Or(cmp.Compare(in[b], in[a]), cmp.Compare(strings.Count(b, " "), strings.Count(a, " ")),
			cmp.Compare(weight(b), weight(a)), strings.Compare(a, b))
	})
	shown := map[string]bool{}
	for _, w := range terms {
		if len(out.Words) == maxWords {
			break
		}
		if !strings.Contains(w, " ") && shown[w] {
			continue
		}
		for _, part := range strings.Fields(w) {
			shown[part] = true
		}
		out.Words = append(out.Words, w)
	}
	considered := map[string]int{}
	rankSum := map[string]int{} // positions in the rankings, to order entries considered as often
	seen := map[string]bool{}
	for i := len(c.members) - 1; i >= 0; i-- { // newest first
		x := c.members[i].x
		out.Kinds[Kind(x)]++
		if x.Time.After(out.Last) {
			out.Last = x.Time
		}
		if !seen[x.Norm] && len(out.Examples) < set.Examples {
			seen[x.Norm] = true
			out.Examples = append(out.Examples, x.Text)
		}
		// The entries the bot weighed: its runners-up, and its choice unless the citizen
		// said the choice was wrong.
		ids := map[string]int{}
		if x.Entry != "" && x.Vote != store.VoteDown {
			ids[x.Entry] = 0
		}
		for i, id := range x.RunnersUp[:min(3, len(x.RunnersUp))] {
			if _, ok := ids[id]; !ok {
				ids[id] = i + 1
			}
		}
		for id, pos := range ids {
			considered[id]++
			rankSum[id] += pos
		}
	}
	for id, n := range considered {
		cd := Considered{Entry: id, Count: n}
		if title != nil {
			cd.Title = title(id)
		}
		out.Considered = append(out.Considered, cd)
	}
	slices.SortFunc(out.Considered, func(a, b Considered) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(rankSum[a.Entry], rankSum[b.Entry]), strings.Compare(a.Entry, b.Entry))
	})
	out.Suggestion = NewEntry
	// A lone fallback's runners-up are what the bot found weakest, not a lead; a clarification
	// or a 👎 names real candidates, and several questions ranking one entry point to it.
	lone := out.Size == 1 && out.Kinds["fallback"] == 1
	if !lone && len(out.Considered) > 0 && float64(out.Considered[0].Count) >= set.Adopt*float64(out.Size) {
		out.Suggestion, out.Entry = AddPhrasings, out.Considered[0].Entry
		for _, cd := range out.Considered[1:] {
			if cd.Count == out.Considered[0].Count {
				out.Also = append(out.Also, cd.Entry)
			}
		}
	}
	if len(out.Considered) > 5 {
		out.Considered = out.Considered[:5]
	}
	return out
}

// Lister is what FromStore needs of the store.
type Lister interface {
	List(ctx context.Context, q store.Query) ([]store.Exchange, error)
}

// MaxExchanges bounds how many exchanges a report reads (the newest), so a long period on a
// busy service stays a report, not an outage.
const MaxExchanges = 200_000

// FromStore builds the report of the period q selects (its Since and Until).
func FromStore(ctx context.Context, db Lister, q store.Query, title func(string) string, set Settings) (Report, error) {
	all, err := db.List(ctx, store.Query{Since: q.Since, Until: q.Until, Limit: MaxExchanges})
	if err != nil {
		return Report{}, fmt.Errorf("read exchanges: %w", err)
	}
	r := Build(all, title, set)
	r.Since, r.Until = q.Since, q.Until
	return r, nil
}
