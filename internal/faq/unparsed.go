package faq

import (
	"regexp"
	"slices"

	"gopkg.in/yaml.v3"
)

// unparsed remembers the files that could not be decoded (YAML syntax, encoding), so that a
// staffer sees their error first and is not buried under knock-on errors: when a topic file
// does not parse, its entries are unknown, and every "related id … does not exist" pointing
// into it would be noise. One broken file once gave 29 errors, the real one 23rd.
type unparsed struct {
	files map[string]bool
	ids   map[string]bool // ids the broken files appear to define, read off the raw text
}

// idLineRE finds "id: x" / "- id: x" lines in text that YAML could not parse.
var idLineRE = regexp.MustCompile(`(?m)^[ \t-]*id:[ \t]*["']?([a-z0-9-]+)["']?[ \t]*(?:#.*)?\r?$`)

// parse decodes a file as doc.parse does and remembers the file when it cannot be decoded.
func (l *loader) parse(d *doc, content []byte, what string) *yaml.Node {
	root := d.parse(content, what)
	if root == nil {
		l.noteUnparsed(d.path, content)
	}
	return root
}

// noteUnparsed records path as broken, with the ids its text seems to define.
func (l *loader) noteUnparsed(path string, content []byte) {
	if l.broken.files == nil {
		l.broken = unparsed{files: map[string]bool{}, ids: map[string]bool{}}
	}
	l.broken.files[path] = true
	for _, m := range idLineRE.FindAllSubmatch(content, -1) {
		l.broken.ids[string(m[1])] = true
	}
}

// definedInBroken reports whether a missing id may be defined in a file that did not parse.
func (l *loader) definedInBroken(id string) bool { return l.broken.ids[id] }

// brokenFirst moves the problems of files that did not parse to the front, keeping the
// order within each group (Load and `vneidbot lint` print them in this order).
func (l *loader) brokenFirst(ps []Problem) {
	if len(l.broken.files) == 0 {
		return
	}
	slices.SortStableFunc(ps, func(a, b Problem) int {
		ab, bb := l.broken.files[a.File], l.broken.files[b.File]
		switch {
		case ab && !bb:
			return -1
		case bb && !ab:
			return 1
		}
		return 0
	})
}
