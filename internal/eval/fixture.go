package eval

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/vneidbot/vneidbot/internal/answer"
)

// Fixture is one query with what the bot should do, as a tester wrote it in faq/fixtures/, or
// as a real citizen asked it (faq/fixtures/real/, Real set).
type Fixture struct {
	Q    string      // the message as a citizen types it
	ID   string      // the entry that should answer; empty for a kind-only fixture
	Also []string    // other entries that are also a right answer
	Kind answer.Kind // the kind of reply wanted; empty when only ID is given
	Note string      // the tester's remark, not used for scoring

	// Must holds phrase groups: the reply must answer with an entry and its text must hold one
	// phrase of every group (compared folded, see holds). Set for in-scope real questions.
	Must [][]string
	// Never holds phrases the reply's text must not hold (compared folded, as Must): a case that
	// must not fire on a look-alike message ("tại ngoại thành" is not bail), a wrong fact that
	// must not come back. It narrows any fixture's pass; alone it is not a fixture.
	Never []string
	// Expect says, in words, what a good reply to an off-topic message does; the bot must not
	// answer it with an entry. Its leading label may name the kind wanted (see expectKind).
	Expect string
	// Real is the question's id in the collection of real citizen questions ("real003"); empty
	// for fixtures a tester wrote. On a real question ID and Also are labels for the ranking
	// metrics, not part of the pass: the pass is the Must rule.
	Real    string
	Topic   string // the collector's topic label, not used for scoring
	Derived bool   // a phone-style rewrite of another real question

	File string // the file as it was passed to LoadFixtures
	Line int    // line of the fixture's first key
}

// IsReal reports whether f is a real citizen question.
func (f Fixture) IsReal() bool { return f.Real != "" }

// Name is how reports name the fixture: the real question's id, else file:line.
func (f Fixture) Name() string {
	if f.Real != "" {
		return f.Real
	}
	return f.File + ":" + strconv.Itoa(f.Line)
}

// accepts reports whether id is a right answer for f.
func (f Fixture) accepts(id string) bool {
	return id != "" && (id == f.ID || slices.Contains(f.Also, id))
}

// expectedKind is the kind a fixture is counted under: its Kind, the kind its expect label
// names, KindNoEntry for another off-topic message, or answer for an id or must alone.
func (f Fixture) expectedKind() answer.Kind {
	switch {
	case f.Kind != "":
		return f.Kind
	case f.Expect != "":
		if k := expectKind(f.Expect); k != "" {
			return k
		}
		return KindNoEntry
	}
	return answer.KindAnswer
}

// KindNoEntry is the pseudo-kind the reports count off-topic messages under when their expect
// text names no kind: any reply without an entry is right.
const KindNoEntry answer.Kind = "no-entry"

// offTopic reports whether f is a message the bot must not answer with an entry.
func (f Fixture) offTopic() bool {
	return f.Expect != "" || (f.ID == "" && len(f.Must) == 0 && (f.Kind == answer.KindFallback || f.Kind == answer.KindSmalltalk))
}

// wantsAnswer reports whether f is an in-scope question: one the bot should answer with an entry.
func (f Fixture) wantsAnswer() bool {
	return f.Expect == "" && (f.ID != "" || len(f.Must) > 0 || f.Kind == answer.KindAnswer) && f.Kind != answer.KindClarify
}

// Problem is something wrong in a fixture file, at a line (0 when it concerns the whole file).
type Problem struct {
	File    string
	Line    int
	Msg     string
	Warning bool // the fixtures can still be used
}

func (p Problem) String() string {
	pos := p.File
	if p.Line > 0 {
		pos += ":" + strconv.Itoa(p.Line)
	}
	if p.Warning {
		return pos + ": warning: " + p.Msg
	}
	return pos + ": " + p.Msg
}

// Problems is the error LoadFixtures returns: every problem found, one per line.
type Problems []Problem

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// kinds are the reply kinds a fixture may ask for, in report order.
var kinds = []answer.Kind{answer.KindAnswer, answer.KindClarify, answer.KindFallback, answer.KindSafety, answer.KindSmalltalk}

// reportKinds are the kinds the reports count fixtures under, in order.
var reportKinds = append(append([]answer.Kind{}, kinds...), KindNoEntry)

// fields are the keys a fixture may have, in the order a message lists them.
var fields = []string{"q", "id", "also", "kind", "must", "never", "expect", "real", "topic", "derived", "note"}

// LoadFixtures reads the fixture files, in order. When anything is wrong it returns no
// fixtures and a Problems error listing every problem of every file as file:line: message,
// warnings included. When nothing is wrong, Warnings tells what is merely suspicious.
func LoadFixtures(paths []string) ([]Fixture, error) {
	var (
		all      []Fixture
		problems Problems
	)
	for _, path := range paths {
		fs, ps := loadFile(path)
		all = append(all, fs...)
		for j := range ps {
			ps[j].File = path
		}
		// Sort each file's problems by line; keep the files in the order given.
		slices.SortStableFunc(ps, func(a, b Problem) int { return cmp.Compare(a.Line, b.Line) })
		problems = append(problems, ps...)
	}
	if len(problems) == 0 {
		return all, nil
	}
	problems = append(problems, Warnings(all)...)
	fileOrder := map[string]int{}
	for i, p := range paths {
		if _, ok := fileOrder[p]; !ok {
			fileOrder[p] = i
		}
	}
	slices.SortStableFunc(problems, func(a, b Problem) int {
		return cmp.Or(cmp.Compare(fileOrder[a.File], fileOrder[b.File]), cmp.Compare(a.Line, b.Line))
	})
	return nil, problems
}

// Warnings lists what is suspicious but not wrong in a set of fixtures: the same query twice
// (compared without case and extra spaces), which weighs it double in every metric.
func Warnings(fixtures []Fixture) Problems {
	var ps Problems
	first := map[string]Fixture{}
	for _, f := range fixtures {
		key := strings.Join(strings.Fields(strings.ToLower(f.Q)), " ")
		if prev, ok := first[key]; ok {
			ps = append(ps, Problem{File: f.File, Line: f.Line, Warning: true,
				Msg: fmt.Sprintf("duplicate q %q (first at %s:%d)", f.Q, prev.File, prev.Line)})
			continue
		}
		first[key] = f
	}
	return ps
}

// loadFile reads one file. The problems it returns have no File yet.
func loadFile(path string) ([]Fixture, []Problem) {
	data, err := os.ReadFile(path)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err // the path is already in front of the message
		}
		return nil, []Problem{{Msg: err.Error()}}
	}
	return parseFixtures(path, data)
}

// parseFixtures decodes the content of one file. The problems it returns have no File yet.
func parseFixtures(path string, data []byte) ([]Fixture, []Problem) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil // an empty file holds no fixtures
		}
		return nil, []Problem{syntaxProblem(err)}
	}
	var problems []Problem
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		problems = append(problems, Problem{Line: extra.Line, Msg: "more than one YAML document: put every fixture in one list"})
	} else if !errors.Is(err, io.EOF) {
		problems = append(problems, syntaxProblem(err))
	}

	root := &doc
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	root = deref(root)
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return nil, problems // only comments, or a bare "~"
	}
	if root.Kind != yaml.SequenceNode {
		return nil, append(problems, Problem{Line: root.Line, Msg: "want a list of fixtures (each item starting with \"- q:\"), got " + describeNode(root)})
	}
	var fixtures []Fixture
	for _, item := range root.Content {
		f, ps := decodeFixture(path, deref(item))
		problems = append(problems, ps...)
		if len(ps) == 0 {
			fixtures = append(fixtures, f)
		}
	}
	return fixtures, problems
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// syntaxProblem turns a yaml.v3 parse error into a problem at its line.
func syntaxProblem(err error) Problem {
	msg := err.Error()
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		return Problem{Line: line, Msg: "YAML syntax: " + m[2]}
	}
	return Problem{Msg: "YAML syntax: " + strings.TrimPrefix(msg, "yaml: ")}
}

// decodeFixture checks one list item and returns it with Line and File set.
func decodeFixture(path string, n *yaml.Node) (Fixture, []Problem) {
	f := Fixture{File: path, Line: n.Line}
	if n.Kind != yaml.MappingNode {
		return f, []Problem{{Line: n.Line, Msg: "want a fixture (q: and id:, kind:, must: or expect:), got " + describeNode(n)}}
	}
	var problems []Problem
	bad := func(n *yaml.Node, format string, args ...any) {
		problems = append(problems, Problem{Line: n.Line, Msg: fmt.Sprintf(format, args...)})
	}
	seen := map[string]bool{}
	misspelt := map[string]bool{} // fields whose name a key seems to misspell: not "missing" too
	var idNode, kindNode, alsoNode, mustNode, expectNode *yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], deref(n.Content[i+1])
		key := k.Value
		if !slices.Contains(fields, key) {
			msg := fmt.Sprintf("unknown field %q (a fixture has %s)", key, strings.Join(fields, ", "))
			if s := closest(key, fields); s != "" {
				msg = fmt.Sprintf("unknown field %q: did you mean %q?", key, s)
				misspelt[s] = true
			}
			bad(k, "%s", msg)
			continue
		}
		if seen[key] {
			bad(k, "field %q given twice", key)
			continue
		}
		seen[key] = true
		if key == "also" {
			alsoNode = v
			if isNull(v) {
				continue
			}
			if v.Kind != yaml.SequenceNode {
				bad(v, "also: want a list of entry ids, got %s", describeNode(v))
				continue
			}
			for _, e := range v.Content {
				e = deref(e)
				switch {
				case e.Kind != yaml.ScalarNode || isNull(e):
					bad(e, "also: want an entry id, got %s", describeNode(e))
				case strings.TrimSpace(e.Value) == "":
					bad(e, "also: empty entry id")
				default:
					f.Also = append(f.Also, strings.TrimSpace(e.Value))
				}
			}
			continue
		}
		if key == "must" {
			mustNode = v
			f.Must = decodeMust(v, bad)
			continue
		}
		if key == "never" {
			f.Never = decodeNever(v, bad)
			continue
		}
		if isNull(v) {
			continue // reported below as missing, where that matters
		}
		if v.Kind != yaml.ScalarNode {
			bad(v, "%s: want text, got %s", key, describeNode(v))
			continue
		}
		switch key {
		case "q":
			f.Q = v.Value // as typed: the engine normalises, the fixture must not
		case "id":
			idNode = v
			f.ID = strings.TrimSpace(v.Value)
		case "kind":
			kindNode = v
			f.Kind = answer.Kind(strings.TrimSpace(v.Value))
		case "note":
			f.Note = v.Value
		case "expect":
			expectNode = v
			f.Expect = strings.TrimSpace(v.Value)
		case "real":
			f.Real = strings.TrimSpace(v.Value)
			if f.Real == "" {
				bad(v, "empty real: give the question's id in its collection")
			}
		case "topic":
			f.Topic = strings.TrimSpace(v.Value)
		case "derived":
			switch v.Value {
			case "true":
				f.Derived = true
			case "false":
			default:
				bad(v, "derived: want true or false, got %q", v.Value)
			}
		}
	}

	if strings.TrimSpace(f.Q) == "" && !misspelt["q"] {
		bad(n, "missing q: the message to ask")
	}
	if idNode != nil && f.ID == "" {
		bad(idNode, "empty id")
	}
	if f.ID == "" && f.Kind == "" && idNode == nil && kindNode == nil && mustNode == nil && expectNode == nil &&
		!misspelt["id"] && !misspelt["kind"] && !misspelt["must"] && !misspelt["expect"] {
		bad(n, "want id (the entry that should answer) or kind (%s), or both; or must (phrase groups) or expect (off topic)", kindList())
	}
	if expectNode != nil {
		switch {
		case f.Expect == "":
			bad(expectNode, "empty expect: say what a good reply to this off-topic message does")
		case mustNode != nil:
			bad(expectNode, "expect with must: expect is for off-topic messages, must for questions to answer; drop one")
		case idNode != nil:
			bad(expectNode, "expect with an id: an off-topic message gets no entry; drop one of them")
		case f.Kind == answer.KindAnswer || f.Kind == answer.KindClarify:
			bad(kindNode, "expect with kind %s: an off-topic message gets no entry", f.Kind)
		}
	}
	if mustNode != nil && (f.Kind == answer.KindClarify || f.Kind == answer.KindFallback || f.Kind == answer.KindSmalltalk) {
		bad(kindNode, "must with kind %s: must is checked on a reply that answers (answer or safety)", f.Kind)
	}
	if kindNode != nil && !slices.Contains(kinds, f.Kind) {
		bad(kindNode, "unknown kind %q (want one of %s)", f.Kind, kindList())
	} else if f.ID != "" && (f.Kind == answer.KindFallback || f.Kind == answer.KindSmalltalk) {
		bad(kindNode, "kind %s with an id: a %s reply has no entry; drop one of them", f.Kind, f.Kind)
	}
	if len(f.Also) > 0 && f.ID == "" && idNode == nil {
		bad(alsoNode, "also without id: give the main expected entry as id")
	}
	return f, problems
}

// decodeMust reads the phrase groups of must: a list of lists of phrases (a bare phrase is a
// group of one). Problems go to bad.
func decodeMust(v *yaml.Node, bad func(*yaml.Node, string, ...any)) [][]string {
	if v.Kind != yaml.SequenceNode {
		bad(v, "must: want a list of phrase groups (each a list of phrases), got %s", describeNode(v))
		return nil
	}
	if len(v.Content) == 0 {
		bad(v, "must: empty list: give at least one phrase group")
		return nil
	}
	var groups [][]string
	for _, g := range v.Content {
		g = deref(g)
		items := []*yaml.Node{g}
		if g.Kind == yaml.SequenceNode {
			items = g.Content
		}
		group := decodePhrases("must", items, bad)
		if len(items) == 0 {
			bad(g, "must: empty phrase group")
		}
		if len(group) > 0 {
			groups = append(groups, group)
		}
	}
	return groups
}

// decodeNever reads never: a list of phrases (a bare phrase is a list of one). Problems go to bad.
func decodeNever(v *yaml.Node, bad func(*yaml.Node, string, ...any)) []string {
	items := []*yaml.Node{v}
	if v.Kind == yaml.SequenceNode {
		items = v.Content
	}
	if len(items) == 0 {
		bad(v, "never: empty list: give the phrases the reply must not hold")
		return nil
	}
	return decodePhrases("never", items, bad)
}

// decodePhrases reads the phrases of a must group or of never (field names it in problems).
func decodePhrases(field string, items []*yaml.Node, bad func(*yaml.Node, string, ...any)) []string {
	var out []string
	for _, p := range items {
		p = deref(p)
		switch {
		case p.Kind != yaml.ScalarNode || isNull(p):
			bad(p, "%s: want a phrase, got %s", field, describeNode(p))
		case fold(p.Value) == "":
			bad(p, "%s: empty phrase", field)
		default:
			out = append(out, p.Value)
		}
	}
	return out
}

func deref(n *yaml.Node) *yaml.Node {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

func isNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.Tag == "!!null" }

func describeNode(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a mapping"
	case yaml.ScalarNode:
		if isNull(n) {
			return "nothing"
		}
		return fmt.Sprintf("%q", n.Value)
	}
	return "something else"
}

func kindList() string {
	s := make([]string, len(kinds))
	for i, k := range kinds {
		s[i] = string(k)
	}
	return strings.Join(s, ", ")
}

// closest returns the candidate s seems to misspell: at most two edits away, fewer for short
// names (only the case for "q"), so that any short key does not look like "q" or "id".
func closest(s string, candidates []string) string {
	best, bestD := "", -1
	for _, c := range candidates {
		d := editDistance(strings.ToLower(s), c)
		if d <= min(2, len([]rune(c))/2) && (bestD < 0 || d < bestD) {
			best, bestD = c, d
		}
	}
	return best
}

// editDistance counts the insertions, deletions, substitutions and swaps of two neighbours
// that turn a into b (optimal string alignment), so "kidn" is one edit from "kind".
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}

// ResolveIDs checks the entry ids of the fixtures (id and also) against the FAQ and rewrites
// each to the entry's current id. resolve returns the current id of an entry given its id or,
// where the FAQ keeps them, one of its former ids (aliases), and false when no entry has it.
// Every unknown id is a problem at the fixture's line; the fixtures come back only when there
// is none.
func ResolveIDs(fixtures []Fixture, resolve func(id string) (string, bool)) ([]Fixture, error) {
	var problems Problems
	out := make([]Fixture, len(fixtures))
	for i, f := range fixtures {
		one := func(id string) string {
			cur, ok := resolve(id)
			if !ok {
				problems = append(problems, Problem{File: f.File, Line: f.Line, Msg: fmt.Sprintf("no FAQ entry has id %q", id)})
				return id
			}
			return cur
		}
		if f.ID != "" {
			f.ID = one(f.ID)
		}
		if len(f.Also) > 0 {
			// An old id and the entry it was merged into are one entry: keep it once.
			var also []string
			for _, id := range f.Also {
				if cur := one(id); cur != f.ID && !slices.Contains(also, cur) {
					also = append(also, cur)
				}
			}
			f.Also = also
		}
		out[i] = f
	}
	if len(problems) > 0 {
		return nil, problems
	}
	return out, nil
}
