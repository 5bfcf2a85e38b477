package faq

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"
)

const (
	// maxFileSize bounds what is handed to the YAML parser; the largest real topic
	// file is a few hundred KiB.
	maxFileSize = 2 << 20

	synonymsFile = "synonyms.yaml"
	botFile      = "bot.yaml"
)

// Load reads every *.yaml file in dir: the topic files, plus synonyms.yaml,
// bot.yaml, facts.yaml, words.yaml and offtopic.yaml by name. Subdirectories (fixtures/, schema/) and files whose names start
// with "_" or "." (drafts) are ignored. It validates everything and returns the Set
// and all problems, sorted by file and line. The Set is nil when any problem is an
// Error, except the Dated ones (see Problem.Dated). err is only for I/O failures on dir itself (missing, unreadable); a bad or
// unreadable file is a Problem. now is the clock for the date checks (reviewed,
// review_by, the facts' valid_until). The Set holds the text as written, {{facts}}
// and all: call Resolve for the text citizens see on a given day.
func Load(dir string, now time.Time) (*Set, []Problem, error) {
	set, r, err := load(dir, now)
	if err != nil {
		return nil, nil, err
	}
	if Blocking(r.Problems) {
		return nil, r.Problems, nil
	}
	return set, r.Problems, nil
}

// Report is the outcome of checking one FAQ directory: what `vneidbot lint` prints.
type Report struct {
	Dir      string    // the directory, as given
	Files    int       // FAQ files found (topic files, synonyms.yaml, bot.yaml)
	Entries  int       // entries found, valid or not
	Problems []Problem // sorted by file, then line
}

// Lint checks dir exactly as Load does, but returns a Report, which counts what was
// found even when there are errors. err is only for I/O failures on dir itself.
func Lint(dir string, now time.Time) (Report, error) {
	_, r, err := load(dir, now)
	return r, err
}

// Errors counts the problems that are errors.
func (r Report) Errors() int { return len(r.Problems) - r.Warnings() }

// Warnings counts the problems that are warnings.
func (r Report) Warnings() int {
	n := 0
	for _, p := range r.Problems {
		if p.Severity == Warning {
			n++
		}
	}
	return n
}

// Summary is the report's last line: "faq: 132 entries in 6 files, 0 errors, 2 warnings".
func (r Report) Summary() string {
	return fmt.Sprintf("%s: %s in %s, %s, %s", r.Dir,
		plural(r.Entries, "entry", "entries"), plural(r.Files, "file", "files"),
		plural(r.Errors(), "error", "errors"), plural(r.Warnings(), "warning", "warnings"))
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// WriteTo writes one line per problem, then the summary line.
func (r Report) WriteTo(w io.Writer) (int64, error) {
	var b strings.Builder
	for _, p := range r.Problems {
		b.WriteString(p.String())
		b.WriteByte('\n')
	}
	b.WriteString(r.Summary())
	b.WriteByte('\n')
	n, err := io.WriteString(w, b.String())
	return int64(n), err
}

// Hash returns the content hash Load would put in Set.Hash, cheaply: it reads the
// same files but does not parse them, so a watcher can poll it to detect a change.
func Hash(dir string) (string, error) {
	names, _, err := listFiles(dir)
	if err != nil {
		return "", err
	}
	h := sha256.New()
	for _, name := range names {
		sum, err := hashFile(filepath.Join(dir, name))
		if err != nil {
			return "", err
		}
		addToHash(h, name, sum)
	}
	return fmt.Sprintf("%x", h.Sum(nil)), nil
}

func hashFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return h.Sum(nil), nil
}

// addToHash adds one file to the directory hash. Hashing each file's content
// first keeps Hash streaming and the encoding unambiguous.
func addToHash(h hash.Hash, name string, contentSum []byte) {
	fmt.Fprintf(h, "%s\x00%x\n", name, contentSum)
}

// listFiles returns the names of the FAQ files in dir, sorted, and notes about
// files that look like FAQ files but are not read.
func listFiles(dir string) (names []string, notes []Problem, err error) {
	des, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("read faq directory: %w", err)
	}
	for _, de := range des { // sorted by name
		name := de.Name()
		if strings.HasPrefix(name, "_") || strings.HasPrefix(name, ".") {
			continue // drafts and editor files
		}
		yml := strings.HasSuffix(name, ".yml")
		if !strings.HasSuffix(name, ".yaml") && !yml {
			continue
		}
		path := filepath.Join(dir, name)
		typ := de.Type()
		if typ&fs.ModeSymlink != 0 {
			fi, err := os.Stat(path)
			if err != nil {
				notes = append(notes, Problem{File: path, Severity: Error, Message: "cannot follow the link: " + pathErrText(err)})
				continue
			}
			typ = fi.Mode().Type()
		}
		switch {
		case typ.IsDir():
			continue
		case !typ.IsRegular():
			notes = append(notes, Problem{File: path, Severity: Error, Message: "not a regular file"})
		case yml:
			notes = append(notes, Problem{File: path, Severity: Warning, Message: `ignored: FAQ files must end in ".yaml", not ".yml"`})
		default:
			names = append(names, name)
		}
	}
	return names, notes, nil
}

// pathErrText is an *fs.PathError's reason without the path, which the Problem
// already carries.
func pathErrText(err error) string {
	if pe, ok := errors.AsType[*fs.PathError](err); ok {
		return pe.Err.Error()
	}
	return err.Error()
}

// load checks dir and returns the Set (complete only if there are no errors) and the report.
func load(dir string, now time.Time) (*Set, Report, error) {
	names, notes, err := listFiles(dir)
	if err != nil {
		return nil, Report{}, err
	}
	l := newLoader(dir, now)
	l.ps.list = append(l.ps.list, notes...)
	h := sha256.New()
	topics, haveBot := 0, false
	for _, name := range names {
		switch name {
		case botFile:
			haveBot = true
		case synonymsFile, factsFile, wordsFile, offTopicFile, sharedCasesFile:
		default:
			topics++
		}
		path := filepath.Join(dir, name)
		content := l.read(path)
		if content == nil {
			continue
		}
		sum := sha256.Sum256(content)
		addToHash(h, name, sum[:])
		if !l.validText(path, content) {
			l.noteUnparsed(path, content)
			l.unread[name] = true
			continue
		}
		d := &doc{path: path, ps: &l.ps}
		switch name {
		case botFile:
			if root := l.parse(d, content, `"messages:" with the bot's texts`); root != nil {
				l.botFile(d, root)
			}
		case synonymsFile:
			if root := l.parse(d, content, `"groups:" with lists of terms`); root != nil {
				l.synonymsFile(d, root)
			}
		case factsFile:
			if root := d.parse(content, `"facts:" with a list of facts`); root != nil {
				l.factsDoc(d, root)
			}
		case wordsFile:
			if root := d.parse(content, listOfWordLists); root != nil {
				l.wordsFile(d, root)
			} else {
				l.unread[name] = true
			}
		case offTopicFile:
			if root := d.parse(content, `"topics:" with cues and messages`); root != nil {
				l.offTopicFile(d, root)
			}
		case sharedCasesFile:
			if root := d.parse(content, `"cases:" with the shared cases`); root != nil {
				l.sharedCasesDoc(d, root)
			}
		default:
			if root := l.parse(d, content, `"topic:" and "entries:"`); root != nil {
				l.topicFile(d, name, root)
			}
		}
	}
	if topics == 0 {
		l.ps.errorf(dir, 0, `no topic files: add at least one .yaml file with "topic:" and "entries:"`)
	}
	if !haveBot {
		l.ps.errorf(filepath.Join(dir, botFile), 0, "file is missing: the bot needs its messages (welcome, help, fallback…)")
	}
	l.resolveShared()
	l.checkRefs()
	l.checkWords()
	l.checkContent()
	sortProblems(l.ps.list)
	l.brokenFirst(l.ps.list)
	l.set.Hash = fmt.Sprintf("%x", h.Sum(nil))
	r := Report{Dir: dir, Files: len(names), Entries: l.entries, Problems: l.ps.list}
	return &l.set, r, nil
}

// read returns the file's content, or nil after reporting why it cannot be used.
func (l *loader) read(path string) []byte {
	f, err := os.Open(path)
	if err != nil {
		l.ps.errorf(path, 0, "cannot read the file: %s", pathErrText(err))
		return nil
	}
	defer f.Close()
	// Read at most one byte past the limit: a huge file is refused, not parsed.
	content, err := io.ReadAll(io.LimitReader(f, maxFileSize+1))
	if err != nil {
		l.ps.errorf(path, 0, "cannot read the file: %s", pathErrText(err))
		return nil
	}
	if len(content) > maxFileSize {
		l.ps.errorf(path, 0, "file is larger than %d MiB: split it into smaller topic files", maxFileSize>>20)
		return nil
	}
	return content
}

// validText reports content that is not UTF-8, at the line of the first bad byte.
func (l *loader) validText(path string, content []byte) bool {
	if utf8.Valid(content) {
		return true
	}
	bad := 0
	for bad < len(content) {
		r, size := utf8.DecodeRune(content[bad:])
		if r == utf8.RuneError && size <= 1 {
			break
		}
		bad += size
	}
	line := 1 + bytes.Count(content[:bad], []byte("\n"))
	l.ps.errorf(path, line, "text is not UTF-8: save the file with the UTF-8 encoding")
	return false
}
