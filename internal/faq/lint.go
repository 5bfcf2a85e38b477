package faq

import (
	"fmt"
	"maps"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
	"gopkg.in/yaml.v3"

	"github.com/vneidbot/vneidbot/internal/textnorm"
)

// Content checks: facts, notes, aliases, review_by, and what makes an answer practical.
// All are explained for staff in faq/README.md.

const (
	// longAnswerRunes: above this an answer no longer fits one phone screen; split it
	// or cut it (the hard limit is maxAnswerRunes).
	longAnswerRunes = 1200

	// maxCaseRunes: a case is one or two sentences added before the answer; longer, the
	// answer no longer fits the screen it was cut for.
	maxCaseRunes = 300

	// notProcedureTag marks an entry whose numbered list is not a procedure (a list
	// of points, of changes in the law…), so it needs no link or what-to-bring line.
	notProcedureTag = "khong-phai-thu-tuc"
)

var (
	noteNameRE = regexp.MustCompile(`^[a-z0-9_]+$`)
	// stepRE finds the start of a step in an answer: "1. ", "1) " or "Bước 1: " at the
	// start of a line (not "1.500 đồng").
	stepRE = regexp.MustCompile(`(?im)^\s*(?:bước\s+)?([0-9]{1,2})\s*[.):](?:\s|$)`)

	// optionalMessages are bot.yaml messages that may be left out.
	optionalMessages = map[string]bool{"fact_unavailable": true, "safety_risk": true, "about_bot": true, "ack": true, "unsure": true, "unsure_fallback": true, "neighbour_ours": true, "neighbour_answer": true, "sorry": true, "attachment": true, "do_for_me_guide": true, "other_language": true, "in_vietnamese": true, "follow_up": true, "condolence": true, "also_asked": true, "also_asked_next": true, "personal_name": true, "safety_theft": true}
)

// textRef is a text that may refer to facts.
type textRef struct {
	at   loc
	text string
	what string // "title", "answer", "link title", "link url", "note", "case"
	url  bool   // a link URL: must still be a valid URL once rendered
}

// noteRef is a note named by an entry.
type noteRef struct {
	at    loc
	name  string
	entry string
}

// entryExtras decodes the fields of issue 9 (review_by, notes and aliases) and cases.
func (l *loader) entryExtras(d *doc, f map[string]*yaml.Node, e *Entry) {
	if v, ok := f["review_by"]; ok {
		if day, ok := l.date(d, v, "review_by"); ok {
			e.ReviewBy = day.String()
			switch n := l.day.DaysUntil(day); {
			case n < 0:
				d.ps.datedf(d.path, v.Line, "review_by %s has passed: check the claim this entry makes is still true, fix it, then move review_by (or remove it)", day)
			case n <= warnDays:
				d.warnf(v.Line, "review_by %s is in %s: check the claim this entry makes is still true", day, plural(n, "day", "days"))
			}
		}
	}
	if v, ok := f["notes"]; ok {
		names, _ := d.texts(v, "notes", "note name")
		seen := map[string]bool{}
		for _, n := range names {
			if seen[n.text] {
				d.errorf(n.line, "note %q is listed twice", n.text)
				continue
			}
			seen[n.text] = true
			e.Notes = append(e.Notes, n.text)
			l.noteRefs = append(l.noteRefs, noteRef{at: loc{d.path, n.line}, name: n.text, entry: e.ID})
		}
	}
	if v, ok := f["cases"]; ok {
		e.Cases = l.cases(d, v)
	}
	if v, ok := f["needs"]; ok {
		e.Needs = needsPhrases(d, v, "needs")
	}
	if v, ok := f["needs_also"]; ok {
		also := needsPhrases(d, v, "needs_also")
		if _, ok := f["needs"]; !ok {
			d.errorf(v.Line, "needs_also without needs: write the list as needs")
		} else {
			e.NeedsAlso = also
		}
	}
	if v, ok := f["ages"]; ok {
		e.Ages = ageSpan(d, v)
	}
	if v, ok := f["aliases"]; ok {
		als, _ := d.texts(v, "aliases", "alias")
		for _, a := range als {
			at := loc{d.path, a.line}
			switch {
			case !idRE.MatchString(a.text) || len(a.text) > maxIDBytes:
				d.errorf(a.line, "alias %q should be written like an id: lowercase letters a-z and digits, with \"-\" between words, at most %d bytes", a.text, maxIDBytes)
				continue
			case a.text == e.ID:
				d.errorf(a.line, "alias %q is the entry's own id", a.text)
				continue
			}
			if first, dup := l.aliasAt[a.text]; dup {
				d.errorf(a.line, "alias %q is already an alias at %s: an old id can lead to one entry only", a.text, first)
				continue
			}
			l.aliasAt[a.text] = at
			l.aliases[a.text] = e.ID
			e.Aliases = append(e.Aliases, a.text)
		}
	}
}

// cases decodes an entry's cases: each names the phrases that call it and the sentence it adds,
// or uses a shared case of cases.yaml (resolveShared puts it in its place once all is read).
func (l *loader) cases(d *doc, v *yaml.Node) []Case {
	nodes, ok := d.list(v, "cases")
	if !ok {
		return nil
	}
	var out []Case
	for _, n := range nodes {
		f := d.mapping(n, "case", caseFields)
		if f == nil {
			continue
		}
		if u, ok := f["use"]; ok {
			use, _ := d.text(u, "use")
			if use = strings.TrimSpace(use); use == "" {
				d.errorf(u.Line, "use is empty: name a shared case of %s", sharedCasesFile)
				continue
			}
			if _, ok := f["say"]; ok {
				d.errorf(u.Line, "a case that uses shared case %q says its sentence in %s: remove say here", use, sharedCasesFile)
			}
			c := Case{Line: firstLine(n), Use: use}
			if w, ok := f["when"]; ok {
				c.When = l.whenPhrases(d, w)
			}
			if sn, ok := f["situation"]; ok {
				c.Situation = l.situationName(d, sn)
			}
			out = append(out, c)
			continue
		}
		out = append(out, l.oneCase(d, n, f))
	}
	return out
}

// oneCase decodes a case written out (an entry's, or a shared one): when and/or situation, say.
func (l *loader) oneCase(d *doc, n *yaml.Node, f map[string]*yaml.Node) Case {
	c := Case{Line: firstLine(n)}
	c.SayLine = c.Line
	if sn, ok := f["situation"]; ok {
		c.Situation = l.situationName(d, sn)
	}
	if w, ok := f["when"]; !ok {
		if c.Situation == "" {
			d.errorf(c.Line, `missing field "when" in case: list the words of the situation, as citizens type them (or name a words.yaml situation)`)
		}
	} else {
		c.When = l.whenPhrases(d, w)
		if len(c.When) == 0 && c.Situation == "" && w.Kind == yaml.SequenceNode && len(w.Content) == 0 {
			d.errorf(w.Line, "when is empty: a case needs at least one phrase that calls it")
		}
	}
	if t, ok := f["say"]; !ok {
		d.errorf(c.Line, `missing field "say" in case: the sentence the answer adds`)
	} else if s, ok := d.text(t, "say"); ok {
		c.Say, c.SayLine = strings.TrimSpace(s), t.Line
		switch n := utf8.RuneCountInString(norm.NFC.String(c.Say)); {
		case c.Say == "":
			d.errorf(t.Line, "say is empty")
		case n > maxCaseRunes:
			d.errorf(t.Line, "say is %d characters long, at most %d allowed: a case is one or two sentences; put more in the answer or a new entry", n, maxCaseRunes)
		}
		l.texts = append(l.texts, textRef{at: loc{d.path, t.Line}, text: c.Say, what: "case"})
	}
	return c
}

// whenPhrases decodes a case's when list, reporting phrases with no word.
func (l *loader) whenPhrases(d *doc, w *yaml.Node) []string {
	ws, ok := d.texts(w, "when", "when phrase")
	if !ok {
		return nil
	}
	var out []string
	seen := map[string]bool{}
	for _, p := range ws {
		if len(Fold(p.text)) == 0 {
			d.errorf(p.line, "when phrase %q has no word to find in a message", p.text)
			continue
		}
		n := textnorm.Normalize(p.text)
		if seen[n] {
			d.warnf(p.line, "when phrase %q is listed twice: remove one", p.text)
			continue
		}
		seen[n] = true
		out = append(out, p.text)
	}
	return out
}

// situationName decodes a case's situation, to be checked against words.yaml once all is read.
func (l *loader) situationName(d *doc, sn *yaml.Node) string {
	s, ok := d.text(sn, "situation")
	if !ok {
		return ""
	}
	s = strings.TrimSpace(s)
	l.situationRefs = append(l.situationRefs, noteRef{name: s, at: loc{d.path, sn.Line}})
	return s
}

// textFields walks a bot.yaml mapping of plain-word keys to texts (notes, warned_notes), reporting
// what is not one, and calls each with every key and its trimmed text.
func (d *doc) textFields(v *yaml.Node, field, shape string, each func(k, val *yaml.Node, text string)) {
	if !d.noAlias(v, field) || v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
		return
	}
	if v.Kind != yaml.MappingNode {
		d.errorf(v.Line, `%s should be a set of "%s" fields, not %s`, field, shape, kindName(v))
		return
	}
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, val := v.Content[i], v.Content[i+1]
		if k.Kind != yaml.ScalarNode || k.Tag == "!!merge" {
			d.errorf(k.Line, "in %s: a note name should be a plain word, found %s", field, kindName(k))
			continue
		}
		if s, ok := d.text(val, field+" "+k.Value); ok {
			each(k, val, strings.TrimSpace(s))
		}
	}
}

// botNotes decodes bot.yaml's notes: name → text.
func (l *loader) botNotes(d *doc, v *yaml.Node) {
	notes := make(map[string]string)
	d.textFields(v, "notes", "name: text", func(k, val *yaml.Node, s string) {
		name := k.Value
		if !noteNameRE.MatchString(name) {
			d.errorf(k.Line, `note name %q should be lowercase letters a-z, digits and "_" (like "app_version")`, name)
			return
		}
		if first, dup := l.notesAt[name]; dup {
			d.errorf(k.Line, "note %q is given twice (first on line %d)", name, first.line)
			return
		}
		l.notesAt[name] = loc{d.path, k.Line}
		if s == "" {
			d.errorf(val.Line, "note %q is empty", name)
		}
		notes[name] = s
		l.texts = append(l.texts, textRef{at: loc{d.path, val.Line}, text: s, what: "note"})
	})
	l.set.Bot.Notes = notes
}

// keyedTexts decodes a bot.yaml mapping of names to texts (warned_notes, clarify_leads): each
// name once, each with its text (need says what it is), and where it was named in refs.
func (l *loader) keyedTexts(d *doc, v *yaml.Node, field, shape, name, need string, refs *[]noteRef, each func(val *yaml.Node, s string)) map[string]string {
	out := make(map[string]string)
	d.textFields(v, field, shape, func(k, val *yaml.Node, s string) {
		if _, dup := out[k.Value]; dup {
			d.errorf(k.Line, "%s: %s %q is given twice", field, name, k.Value)
			return
		}
		if s == "" {
			d.errorf(val.Line, "%s: %s %q needs %s", field, name, k.Value, need)
			return
		}
		out[k.Value] = s
		*refs = append(*refs, noteRef{name: k.Value, at: loc{d.path, k.Line}})
		if each != nil {
			each(val, s)
		}
	})
	return out
}

// warnedNotes decodes bot.yaml's warned_notes: note name → the words by which a warning says
// what the note says.
func (l *loader) warnedNotes(d *doc, v *yaml.Node) {
	l.set.Bot.WarnedNotes = l.keyedTexts(d, v, "warned_notes", "note: words", "note", "the words by which a warning says it", &l.warnedRefs, nil)
}

// clarifyLeads decodes bot.yaml's clarify_leads: entry tag → the line said before a
// clarification whose first topic carries it.
func (l *loader) clarifyLeads(d *doc, v *yaml.Node) {
	l.set.Bot.ClarifyLeads = l.keyedTexts(d, v, "clarify_leads", "tag: line", "tag", "a line", &l.leadRefs, func(val *yaml.Node, s string) {
		l.texts = append(l.texts, textRef{at: loc{d.path, val.Line}, text: s, what: "clarify lead"})
	})
}

// checkContent runs the checks that need every file: references to facts, the facts'
// dates, notes, aliases, and the practical checks on answers.
func (l *loader) checkContent() {
	l.checkFacts()
	l.checkNotes()
	l.checkAliases()
	l.checkAnswers()
	l.checkCases()
	l.checkRetired()
}

// checkRetired reports the answers and titles that still make a retired claim: an error once
// the claim has ended (Dated: the bot keeps serving), a warning while it still holds but the
// wording the answer will show the day after it ends still makes it, so that staff reword it,
// or move the changing sentence into a dated fact, in time. bot.yaml's notes, which replies
// carry, are read the same way.
func (l *loader) checkRetired() {
	if len(l.set.Retired) == 0 {
		return
	}
	// Each claim is read in the wording of one day: today once it has ended, else the day after
	// it ends. Claims share days (a decree ends several), so each text is rendered and put in
	// retiredForm once per day, not once per claim.
	days := []Day{l.day}
	on := make([]int, len(l.set.Retired)) // claim → its day in days
	for i, r := range l.set.Retired {
		if end := r.Until.AddDays(1); l.day.Before(end) {
			if on[i] = slices.Index(days, end); on[i] < 0 {
				on[i] = len(days)
				days = append(days, end)
			}
		}
	}
	rs := make([]renderer, len(days))
	for k, d := range days {
		rs[k] = l.set.renderer(d)
	}
	form := make([]string, len(days)) // the texts on days[k] in retiredForm; "" not made yet
	check := func(path string, line int, who string, texts ...string) {
		clear(form)
		for i, r := range l.set.Retired {
			k := on[i]
			if form[k] == "" {
				for _, t := range texts {
					out, _ := rs[k].render(t)
					form[k] += retiredForm(out) + "\n" // no phrasing runs from one text into the next
				}
			}
			j := slices.IndexFunc(r.forms, func(p string) bool { return strings.Contains(form[k], p) })
			switch {
			case j < 0:
			case k == 0: // ended: read today
				l.ps.datedf(path, line, "%s still says %q, which no longer holds after %s (%s): reword it (retired in %s:%d)", who, r.Says[j], r.Until, r.Source, filepath.Base(r.File), r.Line)
			default:
				l.ps.warnf(path, line, "%s will still say %q from %s, when it no longer holds (%s): reword it, or put the changing words in a dated fact (retired in %s:%d)", who, r.Says[j], days[k], r.Source, filepath.Base(r.File), r.Line)
			}
		}
	}
	for _, e := range l.set.Entries {
		path := filepath.Join(l.dir, e.File)
		line := e.Line
		if a, ok := l.answerAt[loc{path, e.Line}]; ok {
			line = a
		}
		check(path, line, fmt.Sprintf("%q", e.ID), e.Title, e.Answer)
		for _, c := range e.Cases {
			if c.Use != "" {
				continue // checked once, below
			}
			check(path, c.SayLine, fmt.Sprintf("a case of %q", e.ID), c.Say)
		}
	}
	for _, sc := range l.sharedList() {
		check(sc.path, sc.SayLine, fmt.Sprintf("shared case %q", sc.id), sc.Say)
	}
	names := slices.Sorted(maps.Keys(l.set.Bot.Notes))
	for _, name := range names {
		at := l.notesAt[name]
		check(at.path, at.line, fmt.Sprintf("note %q", name), l.set.Bot.Notes[name])
	}
}

// retiredForm is how retired phrasings and the texts citizens read are compared: their words
// alone, folded as fixtures' must phrases are (textnorm: no punctuation or "**" bold marks, no
// diacritics, so "khoá" is "khóa"), with a space at each end, so that a phrasing matches whole
// words only: "5.000 đồng mỗi lần" is not in "15.000 đồng mỗi lần".
func retiredForm(s string) string { return " " + textnorm.Fold(textnorm.Normalize(s)) + " " }

func (l *loader) checkFacts() {
	used := make(map[string]bool)
	r := l.set.renderer(l.day)
	for _, t := range l.texts {
		for _, bad := range malformed(t.text) {
			l.ps.errorf(t.at.path, t.at.line, "%s has a malformed fact reference %s: write {{name}} with a fact name from %s", t.what, bad, factsFile)
		}
		unresolved := false
		for _, name := range references(t.text) {
			used[name] = true
			f, ok := l.set.FactByName(name)
			if !ok {
				l.ps.errorf(t.at.path, t.at.line, "%s refers to {{%s}}, which is not in %s%s", t.what, name, factsFile, l.closestFact(name))
				unresolved = true
				continue
			}
			if _, ok := f.ValueOn(l.day); !ok {
				unresolved = true
				if first := f.Values[0]; !first.From.IsZero() && l.day.Before(first.From) {
					l.ps.datedf(t.at.path, t.at.line, "%s refers to {{%s}}, which has no value before %s", t.what, name, first.From)
				} else {
					l.ps.datedf(t.at.path, t.at.line, "%s refers to {{%s}}, which has no value on %s (its last value ended on %s)", t.what, name, l.day, f.Last().Until)
				}
			}
		}
		if t.url && !unresolved && strings.Contains(t.text, "{{") {
			if s, _ := r.render(t.text); checkLinkURL(s) != "" {
				l.ps.errorf(t.at.path, t.at.line, "link url %q is %q once its facts are filled in, which %s", t.text, s, checkLinkURL(s))
			}
		}
	}
	for _, f := range l.set.Facts {
		if !used[f.Name] {
			l.ps.warnf(f.File, f.Line, "fact %q is not used: refer to it as {{%s}} or remove it", f.Name, f.Name)
		}
		// A value that ends and hands over to the next (a fee cut running out): the bot will
		// switch by itself, so lint asks, in the month before, that someone check no new rule
		// extends or changes it, and again when that check is a fortnight old.
		for i, v := range f.Values[:len(f.Values)-1] {
			if !v.CheckDue(l.day) {
				continue
			}
			n := l.day.DaysUntil(v.Until)
			next := f.Values[i+1]
			checked := "never checked"
			if !v.Checked.IsZero() {
				checked = "last checked " + v.Checked.String()
			}
			when := "in " + plural(n, "day", "days")
			switch n {
			case 0:
				when = "today"
			case 1:
				when = "tomorrow"
			}
			l.ps.warnf(f.File, v.Line, "fact %q: %q holds until %s (%s), then the bot says %q (%s): check that no new rule extends or changes it (%s), then set checked: to the day you read it",
				f.Name, v.Value, v.Until, when, next.Value, next.Source, checked)
		}
		last := f.Last()
		if last.Until.IsZero() {
			continue
		}
		switch n := l.day.DaysUntil(last.Until); {
		case n < 0:
			l.ps.datedf(f.File, f.Line, "fact %q is past its date: its last value held until %s; add the value in force now under then: (with its source), or extend valid_until once a source confirms it", f.Name, last.Until)
		case n <= warnDays:
			l.ps.warnf(f.File, f.Line, "fact %q runs out on %s, in %s: add the value that follows under then:, or extend valid_until once a source confirms it", f.Name, last.Until, plural(n, "day", "days"))
		}
	}
}

// closestFact suggests a defined fact for a misspelt name.
func (l *loader) closestFact(name string) string {
	best, bestDist := "", 4
	for _, f := range l.set.Facts {
		if d := editDistance(name, f.Name); d < bestDist {
			best, bestDist = f.Name, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean {{%s}}?)", best)
}

func (l *loader) checkNotes() {
	used := make(map[string]bool)
	for _, n := range l.noteRefs {
		used[n.name] = true
		l.knownNote(n)
	}
	m := l.set.Bot.Messages
	warnings := []string{m.SafetyPersonalData, m.SafetyScam, m.SafetyTheft, m.SafetyRisk}
	for _, r := range l.set.Words.Safety {
		warnings = append(warnings, r.Message)
	}
	for _, n := range l.warnedRefs {
		l.knownNote(n) // naming a note here does not use it: no entry shows it
		words := l.set.Bot.WarnedNotes[n.name]
		if !slices.ContainsFunc(warnings, func(w string) bool { return WarningSays(w, words) }) {
			l.ps.warnf(n.at.path, n.at.line, "warned_notes: no safety warning (bot.yaml safety_*, words.yaml safety) holds %q, so note %q is never left out", words, n.name)
		}
	}
	for _, n := range l.leadRefs {
		if !slices.ContainsFunc(l.set.Entries, func(e Entry) bool { return slices.Contains(e.Tags, n.name) }) {
			l.ps.warnf(n.at.path, n.at.line, "clarify_leads: no entry has the tag %q, so its line is never said", n.name)
		}
	}
	for name, at := range l.notesAt {
		if !used[name] {
			l.ps.warnf(at.path, at.line, "note %q is not used by any entry", name)
		}
	}
}

// knownNote reports a reference to a note bot.yaml's notes do not hold.
func (l *loader) knownNote(n noteRef) {
	if _, ok := l.notesAt[n.name]; ok {
		return
	}
	known := slices.Sorted(maps.Keys(l.notesAt))
	hint := " (bot.yaml has no notes: yet)"
	if len(known) > 0 {
		hint = suggest(n.name, known)
	}
	l.ps.errorf(n.at.path, n.at.line, "note %q is not in bot.yaml notes:%s", n.name, hint)
}

func (l *loader) checkAliases() {
	for alias, at := range l.aliasAt {
		if first, clash := l.ids[alias]; clash {
			l.ps.errorf(at.path, at.line, "alias %q is also the id of the entry at %s: an old id cannot stay an entry (remove that entry or the alias)", alias, first)
		}
	}
}

// checkAnswers warns about answers a citizen cannot act on: too long, or a procedure
// with no official link or no word on what to bring.
func (l *loader) checkAnswers() {
	r := l.set.renderer(l.day)
	// A dated fact switches an answer's wording by itself: each later wording must fit a phone
	// screen too, so the length is read on every day a fact takes a new value.
	later := l.set.changesAfter(l.day)
	rs := make([]renderer, len(later))
	for i, d := range later {
		rs[i] = l.set.renderer(d)
	}
	var bring []string
	for _, p := range l.set.Bot.BringPhrases {
		bring = append(bring, normText(p))
	}
	noPhrases := 0
	ages := NewAgeReader(l.set.Synonyms, l.day.Year())
	for _, e := range l.set.Entries {
		path := filepath.Join(l.dir, e.File)
		body, _ := r.render(e.Answer)
		line := e.Line
		if a, ok := l.answerAt[loc{path, e.Line}]; ok {
			line = a
		}
		l.checkLength(path, line, e.ID, e.Answer, l.noteText(e), r, later, rs)
		l.checkCaseLength(path, fmt.Sprintf("a case of %q", e.ID), e.Cases, append([]renderer{r}, rs...), later)
		l.checkRepeatedNotes(path, e, body)
		l.checkNeeds(path, e)
		l.checkAges(path, e, ages)
		if !Procedural(e) {
			continue
		}
		if len(e.Links) == 0 {
			l.ps.warnf(path, e.Line, "%q gives steps but no official link: add one under links:", e.ID)
		}
		switch {
		case len(bring) == 0:
			noPhrases++
		case !mentionsAny(body, bring):
			l.ps.warnf(path, e.Line, "%q gives steps but does not say what to bring (or that nothing is needed): add a line with one of bot.yaml's bring_phrases", e.ID)
		}
	}
	for _, sc := range l.sharedList() {
		l.checkCaseLength(sc.path, fmt.Sprintf("shared case %q", sc.id), []Case{sc.Case}, append([]renderer{r}, rs...), later)
	}
	if noPhrases > 0 && l.botPath != "" {
		l.ps.warnf(l.botPath, l.bringAt, "bring_phrases is empty: lint cannot check that the %s with steps say what to bring", plural(noPhrases, "entry", "entries"))
	}
}

// runes counts an answer's characters as a phone shows them (composed).
func runes(s string) int { return utf8.RuneCountInString(norm.NFC.String(s)) }

// checkLength warns about a reply too long for a phone screen or an answer over the hard limit,
// today (its facts filled in) or from the first later day a fact's value makes it so (rs[i]
// renders as on later[i]); check.go counts the raw text, without the facts' values. The phone
// shows the answer with its standard notes below it, so the screen limit counts both; the hard
// limit is the answer's own.
func (l *loader) checkLength(path string, line int, id, answer, notes string, r renderer, later []Day, rs []renderer) {
	if runes(answer) > maxAnswerRunes {
		return // an error already (check.go)
	}
	long := false // said already, today or on an earlier day
	for i, r := range append([]renderer{r}, rs...) {
		a, _ := r.render(answer)
		nt, _ := r.render(notes)
		n, shown := runes(a), runes(a+nt)
		when, will := "", "is"
		if i > 0 {
			when, will = " from "+later[i-1].String(), "will be"
		}
		switch {
		case n > maxAnswerRunes && i == 0:
			l.ps.warnf(path, line, "answer of %q is %d characters long once its facts are filled in, more than the %d allowed: shorten the fact's value or the answer", id, n, maxAnswerRunes)
			return
		case n > maxAnswerRunes:
			l.ps.warnf(path, line, "answer of %q will be %d characters long%s, more than the %d allowed: shorten the fact's value or the answer", id, n, when, maxAnswerRunes)
			return
		case shown > longAnswerRunes && !long:
			long = true
			if shown == n {
				l.ps.warnf(path, line, "answer of %q %s %d characters long%s: above %d it no longer fits a phone screen; cut or split it", id, will, n, when, longAnswerRunes)
				continue
			}
			l.ps.warnf(path, line, "reply of %q %s %d characters long%s (answer %d + standard notes %d): above %d it no longer fits a phone screen; cut or split the answer", id, will, shown, when, n, shown-n, longAnswerRunes)
		}
	}
}

// noteText is the text the reply adds below an entry's answer for its standard notes, as
// resolve.go adds it, before the facts are filled in.
func (l *loader) noteText(e Entry) string {
	var b strings.Builder
	for _, name := range e.Notes {
		if text := strings.TrimSpace(l.set.Bot.Notes[name]); text != "" {
			b.WriteString("\n\n" + text)
		}
	}
	return b.String()
}

// checkCaseLength warns about a case whose sentence, its facts filled in, is longer than a case
// may be, today (rs[0]) or from a later day a fact takes a new value (rs[i], later[i-1]). The
// limit on the text as written is an error already (cases). who names the case in the warning;
// a shared case (use) is checked once, where it is written, not in each entry using it.
func (l *loader) checkCaseLength(path, who string, cases []Case, rs []renderer, later []Day) {
	for _, c := range cases {
		if c.Use != "" || runes(c.Say) > maxCaseRunes || !strings.Contains(c.Say, "{{") {
			continue
		}
		for i, r := range rs {
			s, _ := r.render(c.Say)
			if n := runes(s); n > maxCaseRunes {
				when, from := "is", ""
				if i > 0 {
					when, from = "will be", " from "+later[i-1].String()
				}
				l.ps.warnf(path, c.SayLine, "%s %s %d characters long%s once its facts are filled in, more than %d: shorten it or the fact's value", who, when, n, from, maxCaseRunes)
				break
			}
		}
	}
}

// checkCases reports, per entry, a message that would call two cases at once, or one case
// twice: when phrases read the way the engine reads them (CaseForms), the same words once marks
// are dropped, unless both carry marks and they differ ("vé số" and "về số" are two phrases,
// "ve so" calls both).
func (l *loader) checkCases() {
	for _, r := range l.situationRefs {
		if l.unread[wordsFile] {
			break // its own error says why; every situation named would be one more
		}
		if r.name == SituationBereaved {
			if len(l.set.Words.Bereavement.Kin) == 0 && len(l.set.Words.Bereavement.KinOwned) == 0 {
				l.ps.errorf(r.at.path, r.at.line, "situation %q needs words.yaml bereavement (kin, died…): without it no message tells a death", r.name)
			}
			continue
		}
		if _, ok := l.set.Words.Situations[r.name]; !ok {
			names := append(slices.Sorted(maps.Keys(l.set.Words.Situations)), SituationBereaved)
			l.ps.errorf(r.at.path, r.at.line, "situation %q is not in words.yaml situations (known: %s): name one, or list the phrases in when", r.name, strings.Join(names, ", "))
		}
	}
	sp := NewSpellings(l.set.Synonyms.Groups)
	// A situation's phrases are read only where no word of situations_not_after comes right before
	// them; the same phrase as a when phrase is read everywhere ("có bị từ chối không" called the
	// case): in a case naming the situation it is redundant and loses that guard.
	told := make(map[string]map[string]bool, len(l.set.Words.Situations))
	for name, ps := range l.set.Words.Situations {
		told[name] = make(map[string]bool, len(ps))
		for _, f := range sp.CaseForms(ps) {
			told[name][strings.Join(Fold(f), " ")] = true
		}
	}
	for _, e := range l.set.Entries {
		for _, c := range e.Cases {
			for _, f := range c.When {
				if c.Situation != "" && told[c.Situation][strings.Join(Fold(f), " ")] {
					l.ps.warnf(filepath.Join(l.dir, e.File), c.Line, "when phrase %q is a phrase of situation %q, which this case names: remove it (as a when phrase it is read even right after %s)", f, c.Situation, strings.Join(l.set.Words.SituationsNotAfter, ", "))
				}
			}
		}
	}
	type form struct {
		text, folded string
		marked       bool
		kase         int
	}
	for _, e := range l.set.Entries {
		path := filepath.Join(l.dir, e.File)
		var seen []form
		for i, c := range e.Cases {
			for _, f := range sp.CaseForms(c.When) {
				n := textnorm.Normalize(f)
				cur := form{text: f, folded: strings.Join(Fold(f), " "), marked: textnorm.HasDiacritics(n), kase: i}
				j := slices.IndexFunc(seen, func(o form) bool {
					return o.folded == cur.folded && (!o.marked || !cur.marked || textnorm.Normalize(o.text) == n)
				})
				switch {
				case j < 0:
					seen = append(seen, cur)
				case seen[j].kase == i:
					if slices.Contains(c.When, f) { // a spelling the engine adds is not the writer's
						l.ps.warnf(path, c.Line, "when phrase %q is already read as %q of this case (marks are optional in messages): remove it", f, seen[j].text)
					}
				default:
					l.ps.errorf(path, c.Line, "when phrase %q also calls case %d of %q (as %q): a message naming it would get both; keep it in one", f, seen[j].kase+1, e.ID, seen[j].text)
				}
			}
		}
	}
}

// Procedural reports whether an entry is a procedure: its answer gives numbered steps
// (lines starting "1." and "2.", or "Bước 1" and "Bước 2"), unless it is tagged
// khong-phai-thu-tuc.
func Procedural(e Entry) bool {
	if slices.Contains(e.Tags, notProcedureTag) {
		return false
	}
	one, two := false, false
	for _, m := range stepRE.FindAllStringSubmatch(e.Answer, -1) {
		switch m[1] {
		case "1":
			one = true
		case "2":
			two = two || one
		}
	}
	return one && two
}

// mentionsAny reports whether text contains one of the normalised phrases.
func mentionsAny(text string, phrases []string) bool {
	t := normText(text)
	for _, p := range phrases {
		if p != "" && strings.Contains(t, p) {
			return true
		}
	}
	return false
}

// needsPhrases decodes a list of needs phrases (field needs or needs_also), each once, as
// ageBounds decodes its lists.
func needsPhrases(d *doc, v *yaml.Node, field string) []string {
	ns, ok := d.texts(v, field, "needs phrase")
	if !ok {
		return nil
	}
	var out []string
	seen := map[string]bool{}
	for _, p := range ns {
		key := strings.Join(Fold(p.text), " ")
		switch {
		case key == "":
			d.errorf(p.line, "%s phrase %q has no word to find in a message", field, p.text)
		case seen[key]:
			d.errorf(p.line, "%s phrase %q is listed twice", field, p.text)
		default:
			seen[key] = true
			out = append(out, p.text)
		}
	}
	if len(ns) == 0 {
		d.errorf(v.Line, "%s is empty: list the words without which the entry does not answer, or remove it", field)
	}
	return out
}

// checkNeeds warns about an entry's own question without any of its needs phrases (or of its
// needs_also phrases): asked that way, the entry would leave itself out.
func (l *loader) checkNeeds(path string, e Entry) {
	for _, group := range []struct {
		field   string
		phrases []string
	}{{"needs", e.Needs}, {"needs_also", e.NeedsAlso}} {
		if len(group.phrases) == 0 {
			continue
		}
		needs := make([]string, len(group.phrases))
		for i, n := range group.phrases {
			needs[i] = " " + strings.Join(Fold(n), " ") + " "
		}
		for _, q := range e.Questions {
			words := " " + strings.Join(Fold(q), " ") + " "
			if !slices.ContainsFunc(needs, func(n string) bool { return strings.Contains(words, n) }) {
				l.ps.warnf(path, e.Line, "question %q of %q holds none of its %s phrases: asked that way the entry leaves itself out; add the phrase it uses to %s, or reword the question", q, e.ID, group.field, group.field)
			}
		}
	}
}

// checkAges warns about an entry's own title or question that states ages, none in the entry's
// ages: asked that way, the entry would leave itself out (the engine reads ages the same way; it
// also sets aside an adult's age beside a span for children, which lint does not know of).
func (l *loader) checkAges(path string, e Entry, ages *AgeReader) {
	if e.Ages == nil {
		return
	}
	for _, q := range append([]string{e.Title}, e.Questions...) {
		stated := ages.Stated(textnorm.Tokens(textnorm.Normalize(q)))
		if len(stated) > 0 && !slices.ContainsFunc(stated, e.Ages.Holds) {
			l.ps.warnf(path, e.Line, "question %q of %q states age %s, outside its ages %d to %d: asked that way the entry leaves itself out; reword the question or widen ages", q, e.ID, joinInts(stated), e.Ages.From, e.Ages.To)
		}
	}
}

// joinInts writes numbers as "7, 11".
func joinInts(ns []int) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, ", ")
}

// checkRepeatedNotes warns when an answer carries a standard note's sentence itself: the
// reply adds it from bot.yaml when the entry lists it under notes:.
func (l *loader) checkRepeatedNotes(path string, e Entry, body string) {
	t := normText(body)
	names := make([]string, 0, len(l.set.Bot.Notes))
	for name := range l.set.Bot.Notes {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		note := normText(l.set.Bot.Notes[name])
		if note == "" || !strings.Contains(t, note) {
			continue
		}
		line := e.Line
		if a, ok := l.answerAt[loc{path, e.Line}]; ok {
			line = a
		}
		if slices.Contains(e.Notes, name) {
			l.ps.warnf(path, line, "answer of %q repeats the note %q, which the reply adds anyway: remove the sentence", e.ID, name)
		} else {
			l.ps.warnf(path, line, "answer of %q contains the note %q: remove the sentence and add %s to notes:", e.ID, name, name)
		}
	}
}
