package faq

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"
)

// The FAQ files are decoded by walking the yaml.Node tree rather than with
// yaml.Unmarshal: Unmarshal stops at the first unknown field and forgets line
// numbers, while staff need every problem, each with its line.

// doc is one file being decoded; problems are reported against its path.
type doc struct {
	path string // directory joined with the file name
	ps   *problems
}

func (d *doc) errorf(line int, format string, args ...any) {
	d.ps.errorf(d.path, line, format, args...)
}

func (d *doc) warnf(line int, format string, args ...any) {
	d.ps.warnf(d.path, line, format, args...)
}

var (
	yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)
	// braceValueRE is a "key: {{…" line: a fact reference YAML takes for a mapping.
	braceValueRE = regexp.MustCompile(`^\s*(-\s+)?[A-Za-z_]+:\s+\{\{`)
	// braceItemRE is a list item written with word-list alternatives, {a|b}, unquoted.
	braceItemRE = regexp.MustCompile(`^\s*-\s+\{[^{}]*\|`)
)

// parse parses content as a single YAML document and returns its top-level node,
// or nil after reporting why it cannot be used. what describes the expected fields
// for the "empty file" message.
func (d *doc) parse(content []byte, what string) (root *yaml.Node) {
	defer func() {
		// yaml.v3 has panicked on hostile input before; a bad file must not stop
		// the bot, so treat a panic as a syntax error.
		if r := recover(); r != nil {
			d.errorf(0, "YAML syntax error: the parser gave up (%v)", r)
			root = nil
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(content))
	var n yaml.Node
	if err := dec.Decode(&n); err != nil {
		if errors.Is(err, io.EOF) {
			d.errorf(0, "file is empty: expected %s", what)
			return nil
		}
		d.syntaxError(content, err)
		return nil
	}
	var extra yaml.Node
	switch err := dec.Decode(&extra); {
	case errors.Is(err, io.EOF):
	case err != nil:
		d.syntaxError(content, err)
		return nil
	default:
		d.errorf(extra.Line, `a second YAML document starts here ("---"): put everything in one document`)
		return nil
	}
	if n.Kind == yaml.DocumentNode && len(n.Content) == 1 {
		n = *n.Content[0]
	}
	switch {
	case n.Kind == yaml.ScalarNode && n.Tag == "!!null":
		d.errorf(0, "file is empty: expected %s", what)
		return nil
	case n.Kind != yaml.MappingNode:
		d.errorf(n.Line, "expected %s at the top of the file, found %s", what, kindName(&n))
		return nil
	}
	return &n
}

// syntaxError reports a YAML parser error at its line, with a hint for the usual mistake.
func (d *doc) syntaxError(content []byte, err error) {
	msg := yamlMessage(err)
	line := errorLine(content, msg)
	hint := ""
	if line > 0 && !strings.Contains(msg, "tab") && bytes.Contains(lineOf(content, line), []byte("\t")) {
		hint = " (a tab is used for indenting here: indent with spaces)"
	} else if line > 0 && braceValueRE.Match(lineOf(content, line)) {
		hint = ` (a value starting with { must be in quotes, like url: "{{url.dvc_bca}}/path")`
	} else if line > 0 && braceItemRE.Match(lineOf(content, line)) {
		hint = ` (a list item starting with { must be in quotes, like - "{nhập|điền} mật khẩu")`
	}
	d.errorf(line, "YAML syntax error: %s%s", msg, hint)
}

// yamlMessage is a yaml.v3 error without its "yaml: line N: " prefix.
func yamlMessage(err error) string {
	msg := err.Error()
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		return m[2]
	}
	return strings.TrimPrefix(msg, "yaml: ")
}

// errorLine returns the line of the first syntax error in content: the last line
// of the shortest prefix that fails with the same message. yaml.v3 reports the
// line where the enclosing block starts, which can be far above the mistake.
// Once a prefix holds the mistake every longer one fails the same way, so a
// binary search needs only a few parses.
func errorLine(content []byte, msg string) int {
	var ends []int // ends[i] is the offset just past line i+1
	for i, c := range content {
		if c == '\n' {
			ends = append(ends, i+1)
		}
	}
	if len(ends) == 0 || ends[len(ends)-1] != len(content) {
		ends = append(ends, len(content))
	}
	lo, hi := 1, len(ends)
	for lo < hi {
		mid := lo + (hi-lo)/2
		if err := syntaxErr(content[:ends[mid-1]]); err != nil && yamlMessage(err) == msg {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}

// syntaxErr parses every document in content and returns the first error.
func syntaxErr(content []byte) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("yaml: parser panic: %v", r)
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(content))
	for {
		var n yaml.Node
		if err := dec.Decode(&n); err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return err
		}
	}
}

// lineOf returns line n (1-based) of content, or nil.
func lineOf(content []byte, n int) []byte {
	for i := 1; len(content) > 0; i++ {
		l, rest, _ := bytes.Cut(content, []byte("\n"))
		if i == n {
			return l
		}
		content = rest
	}
	return nil
}

// kindName describes a node's kind for people who have never heard of YAML nodes.
func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "nothing"
		}
		return "a single value"
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return `a set of "key: value" fields`
	case yaml.AliasNode:
		return "an alias (*" + n.Value + ")"
	case yaml.DocumentNode:
		return "a document"
	}
	return "an unknown kind of node"
}

// noAlias reports an alias node. Aliases are refused rather than followed: the
// FAQ has no use for them, and following them invites exponential "billion
// laughs" expansion.
func (d *doc) noAlias(n *yaml.Node, what string) bool {
	if n.Kind == yaml.AliasNode {
		d.errorf(n.Line, "%s: aliases (*%s) are not supported: write the value out", what, n.Value)
		return false
	}
	return true
}

// fields returns the value nodes of mapping n by key, reporting keys that are not
// in known or that are given twice. what names the mapping in messages.
func (d *doc) fields(n *yaml.Node, what string, known []string) map[string]*yaml.Node {
	vals := make(map[string]*yaml.Node)
	keyLine := make(map[string]int)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.errorf(k.Line, "in %s: a field name should be a plain word, found %s", what, kindName(k))
			continue
		}
		name := k.Value
		switch {
		case k.Tag == "!!merge":
			d.errorf(k.Line, "in %s: merge keys (<<) are not supported: write the fields out", what)
			continue
		case !contains(known, name):
			d.errorf(k.Line, "unknown field %q in %s%s", name, what, suggest(name, known))
			continue
		}
		if first, dup := keyLine[name]; dup {
			d.errorf(k.Line, "field %q is given twice in %s (first on line %d)", name, what, first)
			continue
		}
		keyLine[name] = k.Line
		vals[name] = v
	}
	return vals
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// suggest names the known field closest to a misspelt one, or lists them all.
func suggest(name string, known []string) string {
	best, bestDist := "", 3 // at most two edits away
	for _, k := range known {
		if strings.EqualFold(k, name) {
			return fmt.Sprintf(" (did you mean %q?)", k)
		}
		if dist := editDistance(strings.ToLower(name), k); dist < bestDist {
			best, bestDist = k, dist
		}
	}
	if best != "" {
		return fmt.Sprintf(" (did you mean %q?)", best)
	}
	return " (allowed: " + strings.Join(known, ", ") + ")"
}

// editDistance is the Levenshtein distance between a and b, in bytes; field names are ASCII.
func editDistance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		return 64 // not a typo of a field name; avoid quadratic work on junk
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// mapping checks that n is a mapping and returns its fields (see fields), or nil.
func (d *doc) mapping(n *yaml.Node, what string, known []string) map[string]*yaml.Node {
	if !d.noAlias(n, what) {
		return nil
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return map[string]*yaml.Node{}
	}
	if n.Kind != yaml.MappingNode {
		d.errorf(n.Line, `%s should be a set of "key: value" fields, not %s`, what, kindName(n))
		return nil
	}
	return d.fields(n, what, known)
}

// yesNo returns a field written true or false; anything else is reported and reads false.
func (d *doc) yesNo(n *yaml.Node, what string) bool {
	s, ok := d.text(n, what)
	if !ok {
		return false
	}
	switch strings.TrimSpace(s) {
	case "true":
		return true
	case "false":
	default:
		d.errorf(n.Line, "%s is true or false, not %q", what, s)
	}
	return false
}

// text returns the text of a scalar; null is the empty string. It reports a list
// or mapping and returns ok false.
func (d *doc) text(n *yaml.Node, what string) (s string, ok bool) {
	if !d.noAlias(n, what) {
		return "", false
	}
	if n.Kind != yaml.ScalarNode {
		hint := ""
		if n.Kind == yaml.MappingNode && n.Style&yaml.FlowStyle != 0 && len(n.Content) > 0 && n.Content[0].Kind == yaml.MappingNode {
			hint = `: a text starting with { must be in quotes, like "{{url.dvc_bca}}"`
		}
		d.errorf(n.Line, "%s should be text, not %s%s", what, kindName(n), hint)
		return "", false
	}
	if n.Tag == "!!null" {
		return "", true
	}
	return n.Value, true
}

// list returns the items of a sequence; null is an empty list. It reports anything
// else and returns ok false.
func (d *doc) list(n *yaml.Node, what string) (items []*yaml.Node, ok bool) {
	if !d.noAlias(n, what) {
		return nil, false
	}
	switch {
	case n.Kind == yaml.ScalarNode && n.Tag == "!!null":
		return nil, true
	case n.Kind != yaml.SequenceNode:
		d.errorf(n.Line, `%s should be a list (lines starting with "- "), not %s`, what, kindName(n))
		return nil, false
	}
	return n.Content, true
}

// item is a text from a list, with its line.
type item struct {
	text string
	line int
}

// texts returns the trimmed texts of a list of texts, reporting items that are not
// texts and, as errors, empty ones. what names the list, one what each item.
func (d *doc) texts(n *yaml.Node, what, one string) (items []item, ok bool) {
	nodes, ok := d.list(n, what)
	if !ok {
		return nil, false
	}
	for _, c := range nodes {
		s, ok := d.text(c, one)
		if !ok {
			continue
		}
		s = strings.TrimSpace(s)
		if s == "" {
			d.errorf(c.Line, "empty %s", one)
			continue
		}
		items = append(items, item{s, c.Line})
	}
	return items, true
}

func textsOf(items []item) []string {
	if items == nil {
		return nil
	}
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.text
	}
	return out
}

// keyLine returns the line of key name in mapping m, or m's line.
func keyLine(m *yaml.Node, name string) int {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if k := m.Content[i]; k.Kind == yaml.ScalarNode && k.Value == name {
			return k.Line
		}
	}
	return m.Line
}

// firstLine is the line of a mapping's first key, where people see it start.
func firstLine(n *yaml.Node) int {
	if n.Kind == yaml.MappingNode && len(n.Content) > 0 {
		return n.Content[0].Line
	}
	return n.Line
}
