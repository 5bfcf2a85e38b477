package faq

import (
	"cmp"
	"maps"
	"path/filepath"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// sharedCasesFile holds cases several entries say alike ("someone used your account"): each is
// written once, with an id, and an entry's case says `use: id`. A fact fixed there is fixed in
// every entry that uses it.
const sharedCasesFile = "cases.yaml"

var (
	sharedFileFields = []string{"cases"}
	sharedCaseFields = []string{"id", "when", "situation", "say"}
)

// sharedCase is a case of cases.yaml, with where it was written and whether an entry uses it.
type sharedCase struct {
	Case
	id   string
	path string
	used bool
}

// sharedCasesDoc decodes cases.yaml: a list of cases, each with an id.
func (l *loader) sharedCasesDoc(d *doc, root *yaml.Node) {
	items, ok := d.topList(root, sharedCasesFile, sharedFileFields, "cases", `missing field "cases": the cases several entries share, each with an id`)
	if !ok {
		return
	}
	l.shared = map[string]*sharedCase{}
	for _, n := range items {
		tf := d.mapping(n, "a shared case", sharedCaseFields)
		if tf == nil {
			continue
		}
		iv, ok := tf["id"]
		if !ok {
			d.errorf(firstLine(n), `missing field "id" in a shared case: the name entries use it by`)
			continue
		}
		id, ok := d.text(iv, "id")
		if id = strings.TrimSpace(id); !ok || !idRE.MatchString(id) || len(id) > maxIDBytes {
			d.errorf(iv.Line, "shared case id %q should be lowercase letters a-z and digits, with \"-\" between words, at most %d bytes", id, maxIDBytes)
			continue
		}
		delete(tf, "id")
		c := l.oneCase(d, n, tf)
		if first, dup := l.shared[id]; dup {
			d.errorf(iv.Line, "shared case %q is already defined on line %d", id, first.Line)
			continue
		}
		l.shared[id] = &sharedCase{Case: c, id: id, path: d.path}
	}
}

// resolveShared puts each shared case an entry uses in its place: the shared phrases and the
// entry's own (if any), the shared sentence. An id cases.yaml does not have is an error; a shared
// case no entry uses, a warning.
func (l *loader) resolveShared() {
	for i := range l.set.Entries {
		e := &l.set.Entries[i]
		for j := range e.Cases {
			c := &e.Cases[j]
			if c.Use == "" {
				continue
			}
			s, ok := l.shared[c.Use]
			if !ok {
				l.ps.errorf(filepath.Join(l.dir, e.File), c.Line, "shared case %q is not in %s: define it there, or write when and say here", c.Use, sharedCasesFile)
				continue
			}
			s.used = true
			c.When = append(append([]string{}, s.When...), c.When...)
			if c.Situation == "" {
				c.Situation = s.Situation
			}
			c.Say, c.SayLine, c.SayFile = s.Say, s.SayLine, s.path
		}
	}
	for _, s := range l.sharedList() {
		if !s.used {
			l.ps.warnf(s.path, s.Line, "shared case %q is used by no entry: add `use: %s` to an entry's cases, or remove it", s.id, s.id)
		}
	}
}

// sharedList is the shared cases in the order they were written.
func (l *loader) sharedList() []*sharedCase {
	return slices.SortedFunc(maps.Values(l.shared), func(a, b *sharedCase) int { return cmp.Compare(a.Line, b.Line) })
}

// topList returns the items of a file's one top-level list field (key of the file's fields),
// reporting unknown fields, a missing key (with missing as the message) and a value that is no list.
func (d *doc) topList(root *yaml.Node, file string, fields []string, key, missing string) ([]*yaml.Node, bool) {
	f := d.fields(root, file, fields)
	v, ok := f[key]
	if !ok {
		d.errorf(firstLine(root), "%s", missing)
		return nil, false
	}
	return d.list(v, key)
}
