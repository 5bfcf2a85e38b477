package faq

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
)

// Severity says whether a problem stops the FAQ from loading.
type Severity int

const (
	// Error: the FAQ is not loaded until it is fixed. The zero value, so a
	// Problem built without a severity errs on the safe side.
	Error Severity = iota
	// Warning: worth fixing, but the FAQ still loads.
	Warning
)

func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	}
	return "Severity(" + strconv.Itoa(int(s)) + ")"
}

// Problem is one thing wrong in the FAQ files, reported as file:line: message.
type Problem struct {
	File     string // the FAQ directory joined with the file's name, as Load was given it
	Line     int    // 1-based; 0 when the problem is about the whole file
	Severity Severity
	Message  string
	// Dated marks an error that time alone caused (a fact past its valid_until, a
	// review_by passed): lint fails on it, but it does not stop the FAQ from loading, so
	// a bot restarted the day after still serves (the fact shown as "unavailable").
	Dated bool
}

// String formats the problem the way compilers do, so editors can jump to it:
// "faq/x.yaml:12: message" or "faq/x.yaml:12: warning: message".
func (p Problem) String() string {
	loc := p.File
	if p.Line > 0 {
		loc += ":" + strconv.Itoa(p.Line)
	}
	if p.Severity == Warning {
		return loc + ": warning: " + p.Message
	}
	return loc + ": " + p.Message
}

// Blocking reports whether any problem stops the FAQ from loading: an Error that is not Dated.
func Blocking(ps []Problem) bool {
	for _, p := range ps {
		if p.Severity != Warning && !p.Dated {
			return true
		}
	}
	return false
}

// HasErrors reports whether any problem is an Error.
func HasErrors(ps []Problem) bool {
	for _, p := range ps {
		if p.Severity != Warning {
			return true
		}
	}
	return false
}

// sortProblems orders problems by file, then line; problems on the same line keep
// the order in which they were found.
func sortProblems(ps []Problem) {
	slices.SortStableFunc(ps, func(a, b Problem) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line))
	})
}

// problems collects the problems of one FAQ directory.
type problems struct {
	list []Problem
}

func (ps *problems) errorf(file string, line int, format string, args ...any) {
	ps.list = append(ps.list, Problem{File: file, Line: line, Severity: Error, Message: fmt.Sprintf(format, args...)})
}

// datedf reports an error that time alone caused (see Problem.Dated).
func (ps *problems) datedf(file string, line int, format string, args ...any) {
	ps.list = append(ps.list, Problem{File: file, Line: line, Severity: Error, Message: fmt.Sprintf(format, args...), Dated: true})
}

func (ps *problems) warnf(file string, line int, format string, args ...any) {
	ps.list = append(ps.list, Problem{File: file, Line: line, Severity: Warning, Message: fmt.Sprintf(format, args...)})
}
