package faq

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// Facts are the values that change with time or that many answers share: fees, the
// hotline, official URLs, deadlines. They live once, in faq/facts.yaml; answers, titles
// and link URLs name them as {{fee.cap_doi}} and show the value valid on the day of the
// reply (see Resolve).

const (
	factsFile = "facts.yaml"

	// warnDays is how long before a fact's valid_until, or an entry's review_by, lint starts
	// warning: a month leaves time to find the new rule and write it down.
	warnDays = 30
	// recheckDays is how long a value's checked: day silences the warning before it ends:
	// a rule extending a fee cut can come out in the last fortnight, so a check made early
	// in the month is asked for again.
	recheckDays = 14
)

var factNameRE = regexp.MustCompile(`^[a-z0-9_]+(\.[a-z0-9_]+)*$`)

// Fact is one named fact of faq/facts.yaml with its values over time.
type Fact struct {
	Name   string
	Values []FactValue // in date order: each value after the first starts the day after the previous ends
	Note   string      // for staff, never shown to citizens
	File   string      // faq/facts.yaml, as Load was given the directory
	Line   int         // line of the fact's "name:"
}

// FactValue is what a fact says during one period.
type FactValue struct {
	Value  string
	Source string // the legal text or official page it comes from
	URL    string // optional official link for the source
	From   Day    // first day it holds; zero: since always
	Until  Day    // last day it holds; zero: until further notice
	// Checked is the day someone last confirmed against a source that the value still ends on
	// Until and the next one follows (no rule extending or changing it); zero: never.
	Checked Day
	Line    int // line where the value starts (the fact's name, or its "then:")
}

// CheckDue reports whether, on day today, the value's end needs a check against the sources:
// it ends within warnDays (today included) and was never checked, or last checked more than
// recheckDays before. Lint asks it of a value that hands over to a then:, and the staff console
// shows the same.
func (v FactValue) CheckDue(today Day) bool {
	if v.Until.IsZero() {
		return false
	}
	if n := today.DaysUntil(v.Until); n < 0 || n > warnDays {
		return false
	}
	return v.Checked.IsZero() || v.Checked.DaysUntil(today) > recheckDays
}

// ValueOn returns the value valid on day d.
func (f *Fact) ValueOn(d Day) (FactValue, bool) {
	for _, v := range f.Values {
		if (v.From.IsZero() || !d.Before(v.From)) && (v.Until.IsZero() || !v.Until.Before(d)) {
			return v, true
		}
	}
	return FactValue{}, false
}

// Last is the last value of the chain: the one that holds "until further notice", or
// the one after which nothing is known.
func (f *Fact) Last() FactValue { return f.Values[len(f.Values)-1] }

// changes lists the days on which the fact's value changes (starts or stops holding).
func (f *Fact) changes() []Day {
	var out []Day
	if first := f.Values[0]; !first.From.IsZero() {
		out = append(out, first.From)
	}
	for _, v := range f.Values {
		if !v.Until.IsZero() {
			out = append(out, v.Until.AddDays(1))
		}
	}
	return out
}

// FactByName returns the fact with the given name.
func (s *Set) FactByName(name string) (*Fact, bool) {
	for i := range s.Facts {
		if s.Facts[i].Name == name {
			return &s.Facts[i], true
		}
	}
	return nil, false
}

var (
	factsFields     = []string{"facts", "retired"}
	retiredFields   = []string{"says", "until", "source", "note"}
	factFields      = []string{"name", "value", "source", "url", "valid_from", "valid_until", "checked", "then", "note"}
	factThenFields  = []string{"value", "source", "url", "valid_from", "valid_until", "checked", "then", "note"}
	factRequired    = []string{"value", "source"}
	maxFactChain    = 20 // then: nested deeper than this is a mistake, not a plan
	maxFactValueLen = 300
)

// factsDoc decodes faq/facts.yaml.
func (l *loader) factsDoc(d *doc, root *yaml.Node) {
	f := d.fields(root, factsFile, factsFields)
	v, ok := f["facts"]
	if !ok {
		d.errorf(firstLine(root), `missing field "facts": a list of facts, each with name, value and source`)
		return
	}
	items, ok := d.list(v, "facts")
	if !ok {
		return
	}
	for _, n := range items {
		if fact, ok := l.fact(d, n); ok {
			l.set.Facts = append(l.set.Facts, fact)
		}
	}
	if v, ok := f["retired"]; ok {
		if items, ok := d.list(v, "retired"); ok {
			seen := map[string]int{} // a phrasing as compared (retiredForm) → its line
			for _, n := range items {
				if r, ok := l.retired(d, n, seen); ok {
					l.set.Retired = append(l.set.Retired, r)
				}
			}
		}
	}
}

// Retired is a claim that a rule has ended: once a law changes, the old wording in any answer
// is wrong, whichever entry copied it. Lint reports an answer, title or note that still says it after
// Until (see checkRetired).
type Retired struct {
	Says   []string // phrasings of the claim, matched as whole words in answers, titles and notes (retiredForm)
	Until  Day      // last day the claim held
	Source string   // the legal text that ended it
	File   string
	Line   int

	forms []string // Says in retiredForm, made once at decoding
}

// minRetiredWords is the fewest words a retired phrasing may have: a word or two ("bị khóa")
// also matches answers that do not make the claim.
const minRetiredWords = 3

// retired decodes one retired claim; ok is false when it cannot be used. seen holds the
// phrasings of the claims before it.
func (l *loader) retired(d *doc, n *yaml.Node, seen map[string]int) (Retired, bool) {
	r := Retired{File: d.path, Line: firstLine(n)}
	f := d.mapping(n, "retired claim", retiredFields) // refuses an alias too
	if f == nil {
		return r, false
	}
	good := true
	for _, k := range []string{"says", "until", "source"} {
		if _, ok := f[k]; !ok {
			d.errorf(r.Line, "missing field %q in retired claim: give what answers must no longer say (says:), the last day it held (until:) and the rule that ended it (source:)", k)
			good = false
		}
	}
	if v, ok := f["says"]; ok {
		items, ok := d.texts(v, "says", "phrasing")
		if ok && len(v.Content) == 0 { // says: [] or nothing
			d.errorf(v.Line, "says of the retired claim is empty: give the phrasings answers used, at least %d words each", minRetiredWords)
		}
		for _, it := range items {
			form := retiredForm(it.text)
			switch first, dup := seen[form]; {
			case len(strings.Fields(it.text)) < minRetiredWords:
				d.errorf(it.line, "retired phrasing %q is shorter than %d words: it would also match answers that do not make the claim", it.text, minRetiredWords)
			case strings.Contains(it.text, "{{") || strings.Contains(it.text, "}}"):
				d.errorf(it.line, "retired phrasing %q contains {{ or }}: answers are read with their facts filled in, so write the words citizens see", it.text)
			case dup:
				d.errorf(it.line, "retired phrasing %q is given twice (first on line %d)", it.text, first)
			default:
				seen[form] = it.line
				r.Says = append(r.Says, it.text)
				r.forms = append(r.forms, form)
				continue
			}
			good = false
		}
		if len(r.Says) == 0 {
			good = false
		}
	}
	if v, ok := f["until"]; ok {
		if day, ok := l.date(d, v, "until"); ok {
			r.Until = day
		} else {
			good = false
		}
	}
	if v, ok := f["source"]; ok {
		s, ok := d.text(v, "source")
		r.Source = strings.TrimSpace(s)
		if ok && r.Source == "" {
			d.errorf(v.Line, "source of the retired claim is empty: name the legal text that ended it")
		}
		good = good && r.Source != ""
	}
	if v, ok := f["note"]; ok {
		d.text(v, "note") // staff text: checked, not kept
	}
	return r, good
}

// fact decodes one fact; ok is false when it cannot be used at all.
func (l *loader) fact(d *doc, n *yaml.Node) (Fact, bool) {
	if !d.noAlias(n, "fact") {
		return Fact{}, false
	}
	if n.Kind != yaml.MappingNode {
		d.errorf(n.Line, `each fact should be a set of "key: value" fields (name:, value:, source:, …), not %s`, kindName(n))
		return Fact{}, false
	}
	fact := Fact{File: d.path, Line: firstLine(n)}
	f := d.fields(n, "fact", factFields)
	good, named := true, false
	if v, ok := f["name"]; !ok {
		d.errorf(fact.Line, `missing field "name" in fact: the name answers use, like fee.cap_doi`)
		good = false
	} else if s, ok := d.text(v, "fact name"); ok {
		fact.Name = strings.TrimSpace(s)
		fact.Line = v.Line
		switch {
		case fact.Name == "":
			d.errorf(v.Line, "fact name is empty")
			good = false
		case !factNameRE.MatchString(fact.Name):
			d.errorf(v.Line, `fact name %q should be lowercase letters a-z, digits and "_", in parts joined by "." (like "fee.cap_doi")`, fact.Name)
			good = false
		default:
			if first, dup := l.facts[fact.Name]; dup {
				d.errorf(v.Line, "duplicate fact %q: already defined at %s", fact.Name, first)
				good = false
			} else {
				l.facts[fact.Name] = loc{d.path, v.Line}
				named = true
			}
		}
	} else {
		good = false
	}
	what := "fact"
	if fact.Name != "" {
		what = fmt.Sprintf("fact %q", fact.Name)
	}
	if v, ok := f["note"]; ok {
		if s, ok := d.text(v, "note"); ok {
			fact.Note = strings.TrimSpace(s)
		}
	}
	if !l.factValues(d, n, f, what, Day{}, &fact.Values, 0) {
		good = false
	}
	// A fact with problems in its values is kept (the Set is discarded anyway) so
	// that references to it are not also reported as unknown.
	_ = good
	return fact, named && len(fact.Values) > 0
}

// factValues decodes one value and, through "then:", the ones that follow it, appending
// them to out. after is the previous value's valid_until (zero for the first value).
func (l *loader) factValues(d *doc, n *yaml.Node, f map[string]*yaml.Node, what string, after Day, out *[]FactValue, depth int) bool {
	fv := FactValue{Line: firstLine(n)}
	good := true
	for _, k := range factRequired {
		if _, ok := f[k]; !ok {
			d.errorf(fv.Line, "missing field %q in %s", k, what)
			good = false
		}
	}
	if v, ok := f["value"]; ok {
		if s, ok := d.text(v, "value"); ok {
			fv.Value = strings.TrimSpace(s)
			switch {
			case fv.Value == "":
				d.errorf(v.Line, "value of %s is empty", what)
				good = false
			case strings.Contains(fv.Value, "{{") || strings.Contains(fv.Value, "}}"):
				d.errorf(v.Line, "value of %s contains {{ or }}: a fact cannot refer to another fact", what)
				good = false
			case len([]rune(fv.Value)) > maxFactValueLen:
				d.warnf(v.Line, "value of %s is %d characters long: a fact is a value to put in a sentence, not a paragraph", what, len([]rune(fv.Value)))
			}
		} else {
			good = false
		}
	}
	if v, ok := f["source"]; ok {
		if s, ok := d.text(v, "source"); ok {
			fv.Source = strings.TrimSpace(s)
			if fv.Source == "" {
				d.errorf(v.Line, "source of %s is empty: name the legal text or the official page", what)
				good = false
			}
		}
	}
	if v, ok := f["url"]; ok {
		if s, ok := d.text(v, "url"); ok {
			fv.URL = strings.TrimSpace(s)
			if msg := checkLinkURL(fv.URL); msg != "" {
				d.errorf(v.Line, "url %q of %s %s", fv.URL, what, msg)
			}
		}
	}
	if v, ok := f["valid_from"]; ok {
		if day, ok := l.date(d, v, "valid_from"); ok {
			fv.From = day
			if !after.IsZero() && fv.From != after.AddDays(1) {
				d.errorf(v.Line, "valid_from %s of the value after %s should be %s, the day after the previous valid_until (or leave it out)", fv.From, what, after.AddDays(1))
				good = false
			}
		} else {
			good = false
		}
	} else if !after.IsZero() {
		fv.From = after.AddDays(1)
	}
	if v, ok := f["valid_until"]; ok {
		if day, ok := l.date(d, v, "valid_until"); ok {
			fv.Until = day
			if !fv.From.IsZero() && fv.Until.Before(fv.From) {
				d.errorf(v.Line, "valid_until %s of %s is before its valid_from %s", fv.Until, what, fv.From)
				good = false
			}
		} else {
			good = false
		}
	}
	if v, ok := f["checked"]; ok {
		if day, ok := l.date(d, v, "checked"); ok {
			switch {
			case fv.Until.IsZero():
				d.errorf(v.Line, "checked is for a value that ends: %s has no valid_until", what)
				good = false
			case l.day.Before(day):
				d.warnf(v.Line, "checked %s of %s is after today: write the day the source was read (ignored until then)", day, what)
			default:
				fv.Checked = day
				if _, next := f["then"]; !next {
					d.warnf(v.Line, "checked on %s does nothing: it only quiets the warning before a value hands over to its then:", what)
				}
			}
		} else {
			good = false
		}
	}
	if v, ok := f["note"]; ok && depth > 0 {
		d.text(v, "note") // staff text on a later value: checked, not kept
	}
	*out = append(*out, fv)

	v, ok := f["then"]
	if !ok {
		return good
	}
	if fv.Until.IsZero() {
		d.errorf(keyLine(n, "then"), "%s has then: but no valid_until: say on which day the first value ends", what)
		return false
	}
	if depth+1 >= maxFactChain {
		d.errorf(v.Line, "%s has more than %d values chained with then:", what, maxFactChain)
		return false
	}
	tf := d.mapping(v, "then", factThenFields)
	if tf == nil {
		return false
	}
	if v.Kind != yaml.MappingNode {
		d.errorf(v.Line, "then of %s is empty: give the value that follows, or remove then:", what)
		return false
	}
	return l.factValues(d, v, tf, what, fv.Until, out, depth+1) && good
}

// date decodes a YYYY-MM-DD date field.
func (l *loader) date(d *doc, v *yaml.Node, field string) (Day, bool) {
	s, ok := d.text(v, field)
	if !ok {
		return Day{}, false
	}
	s = strings.TrimSpace(s)
	day, err := ParseDay(s)
	if err != nil {
		d.errorf(v.Line, "%s %q should be a date written YYYY-MM-DD, like %s", field, s, l.day)
		return Day{}, false
	}
	return day, true
}

// Day is a calendar day in Vietnam. Fact and review dates are days, and a value holds
// through the whole of its valid_until day, Vietnam time, wherever the server runs.
type Day struct{ t time.Time } // midnight UTC of the day; the zero Day means "no date"

// Zone is Vietnam's time zone (UTC+7 all year, no daylight saving).
var Zone = time.FixedZone("ICT", 7*60*60)

// DayOf returns the calendar day, in Vietnam, of instant t.
func DayOf(t time.Time) Day {
	t = t.In(Zone)
	return Day{time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)}
}

// ParseDay parses a YYYY-MM-DD date.
func ParseDay(s string) (Day, error) {
	if !dateRE.MatchString(s) {
		return Day{}, fmt.Errorf("date %q: want YYYY-MM-DD", s)
	}
	t, err := time.Parse(dateLayout, s)
	if err != nil {
		return Day{}, fmt.Errorf("date %q: %w", s, err)
	}
	return Day{t}, nil
}

// IsZero reports whether d is "no date".
func (d Day) IsZero() bool { return d.t.IsZero() }

// Before reports whether d is before e.
func (d Day) Before(e Day) bool { return d.t.Before(e.t) }

// AddDays returns the day n days after d.
func (d Day) AddDays(n int) Day { return Day{d.t.AddDate(0, 0, n)} }

// Start is the instant the day starts in Vietnam.
func (d Day) Start() time.Time {
	return time.Date(d.t.Year(), d.t.Month(), d.t.Day(), 0, 0, 0, 0, Zone)
}

// Year is d's year (0 for the zero Day).
func (d Day) Year() int {
	if d.IsZero() {
		return 0
	}
	return d.t.Year()
}

// DaysUntil is the number of days from d to e (negative when e is before d).
func (d Day) DaysUntil(e Day) int { return int(e.t.Sub(d.t).Hours() / 24) }

func (d Day) String() string {
	if d.IsZero() {
		return ""
	}
	return d.t.Format(dateLayout)
}
