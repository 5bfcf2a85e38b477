package faq

import (
	"fmt"
	"net/url"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
	"gopkg.in/yaml.v3"

	"github.com/vneidbot/vneidbot/internal/textnorm"
)

// Limits and formats from faq/README.md and faq/schema/faq.schema.json.
const (
	maxIDBytes     = 40
	minQuestions   = 3
	maxAnswerRunes = 3000
	reviewMonths   = 12
	dateLayout     = "2006-01-02"
)

var (
	idRE   = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	dateRE = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`)

	topicFields    = []string{"topic", "entries"}
	entryFields    = []string{"id", "title", "questions", "keywords", "answer", "links", "related", "sources", "reviewed", "tags", "review_by", "notes", "aliases", "cases", "needs", "needs_also", "ages"}
	entryRequired  = []string{"id", "title", "questions", "answer", "sources", "reviewed"}
	linkFields     = []string{"title", "url"}
	caseFields     = []string{"when", "situation", "say", "use"}
	synonymsFields = []string{"groups", "ages", "age_after", "age_bounds", "age_bounds_after", "born_before"}
	ageFields      = []string{"from", "to", "as"}
	ageSpanFields  = []string{"from", "to"}
	botFields      = []string{"messages", "suggested_topics", "notes", "warned_notes", "clarify_leads", "bring_phrases"}
)

// loc is a place in the FAQ, for messages that name another place.
type loc struct {
	path string
	line int
}

func (l loc) String() string { return fmt.Sprintf("%s:%d", l.path, l.line) }

// firstQuestion is where a normalised question was first seen.
type firstQuestion struct {
	at      loc
	entry   string // id of the entry holding it
	entryAt loc    // start of that entry, to tell "same entry" from "another entry"
}

// ref is an entry id mentioned somewhere, checked once every id is known.
type ref struct {
	at   loc
	id   string
	from string // the id of the entry that mentions it; "" for bot.yaml
	kind string // "related id", "suggested topic"
}

// loader holds the state of one Load: what was decoded so far and what the
// cross-file checks need.
type loader struct {
	dir     string
	today   time.Time // now's calendar date, at midnight UTC
	ps      problems
	set     Set
	entries int

	ids       map[string]loc // entry id → where first defined
	idOrder   []string       // ids in file order, for deterministic suggestions
	questions map[string]firstQuestion
	topics    map[string]string // topic name → path of the file first using it
	refs      []ref
	broken    unparsed // files that could not be decoded (unparsed.go)

	day           Day               // today, as a calendar day in Vietnam
	facts         map[string]loc    // fact name → where defined
	texts         []textRef         // texts that may refer to facts
	aliases       map[string]string // alias → id of the entry that lists it
	aliasAt       map[string]loc
	noteRefs      []noteRef
	warnedRefs    []noteRef              // bot.yaml warned_notes
	leadRefs      []noteRef              // bot.yaml clarify_leads' tags
	situationRefs []noteRef              // cases naming a words.yaml situation
	unread        map[string]bool        // files named so that could not be parsed (words.yaml)
	shared        map[string]*sharedCase // cases.yaml: id → shared case
	notesAt       map[string]loc         // note name → where defined in bot.yaml
	botPath       string
	bringAt       int         // line of bring_phrases in bot.yaml
	answerAt      map[loc]int // start of an entry → line of its answer

	words        map[string][]phraseAt // words.yaml: list name → its phrases
	offTopicCues map[string]loc        // offtopic.yaml: folded cue → where
	offTopicRaw  map[string]string     // offtopic.yaml: folded cue → as written
}

func newLoader(dir string, now time.Time) *loader {
	day := DayOf(now)
	return &loader{
		dir:       dir,
		today:     day.t,
		day:       day,
		ids:       make(map[string]loc),
		questions: make(map[string]firstQuestion),
		topics:    make(map[string]string),
		facts:     make(map[string]loc),
		aliases:   make(map[string]string),
		aliasAt:   make(map[string]loc),
		notesAt:   make(map[string]loc),
		answerAt:  make(map[loc]int),
		unread:    make(map[string]bool),
	}
}

// normText is the form in which questions and synonym terms are compared:
// NFC, lower case, runs of spaces collapsed.
func normText(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(norm.NFC.String(s))), " ")
}

func (l *loader) topicFile(d *doc, name string, root *yaml.Node) {
	f := d.fields(root, "the topic file", topicFields)
	top := firstLine(root)
	topic := ""
	if v, ok := f["topic"]; !ok {
		d.errorf(top, `missing field "topic": the name of the topic area`)
	} else if s, ok := d.text(v, "topic"); ok {
		topic = strings.TrimSpace(s)
		if topic == "" {
			d.errorf(v.Line, "topic is empty")
		} else if first, dup := l.topics[normText(topic)]; dup {
			d.warnf(v.Line, "topic %q is also the topic of %s: citizens will see it twice", topic, first)
		} else {
			l.topics[normText(topic)] = d.path
		}
	}
	l.set.Topics = append(l.set.Topics, topic)

	v, ok := f["entries"]
	if !ok {
		d.errorf(top, `missing field "entries"`)
		return
	}
	items, ok := d.list(v, "entries")
	if !ok {
		return
	}
	if len(items) == 0 {
		d.errorf(v.Line, "entries is empty: add at least one entry")
	}
	for _, n := range items {
		l.entries++
		if e, ok := l.entry(d, n); ok {
			e.Topic, e.File = topic, name
			l.set.Entries = append(l.set.Entries, e)
		}
	}
}

// entry decodes and checks one entry. It returns ok false only when n is not an
// entry at all; an entry with problems is still returned (and the Set discarded).
func (l *loader) entry(d *doc, n *yaml.Node) (e Entry, ok bool) {
	if !d.noAlias(n, "entry") {
		return Entry{}, false
	}
	if n.Kind != yaml.MappingNode {
		d.errorf(n.Line, `each entry should be a set of "key: value" fields (id:, title:, …), not %s`, kindName(n))
		return Entry{}, false
	}
	e.Line = firstLine(n)
	start := loc{d.path, e.Line}
	f := d.fields(n, "entry", entryFields)

	if v, ok := f["id"]; ok {
		if s, ok := d.text(v, "id"); ok {
			e.ID = s
			l.checkID(d, v.Line, s)
		}
	}
	name := "entry"
	if e.ID != "" {
		name = fmt.Sprintf("entry %q", e.ID)
	}
	for _, k := range entryRequired {
		if _, ok := f[k]; !ok {
			d.errorf(e.Line, "missing field %q in %s", k, name)
		}
	}

	if v, ok := f["title"]; ok {
		if s, ok := d.text(v, "title"); ok {
			e.Title = strings.TrimSpace(s)
			if e.Title == "" {
				d.errorf(v.Line, "title is empty")
			}
			l.texts = append(l.texts, textRef{at: loc{d.path, v.Line}, text: e.Title, what: "title"})
		}
	}
	if v, ok := f["questions"]; ok {
		if qs, ok := d.texts(v, "questions", "question"); ok {
			e.Questions = textsOf(qs)
			if len(qs) < minQuestions {
				d.errorf(v.Line, "need at least %d questions (ways citizens ask it), found %d", minQuestions, len(qs))
			}
			l.checkQuestions(d, e.ID, start, qs)
		}
	}
	if v, ok := f["keywords"]; ok {
		kws, _ := d.texts(v, "keywords", "keyword")
		e.Keywords = textsOf(kws)
	}
	if v, ok := f["answer"]; ok {
		if s, ok := d.text(v, "answer"); ok {
			e.Answer = strings.TrimSpace(s)
			l.texts = append(l.texts, textRef{at: loc{d.path, v.Line}, text: e.Answer, what: "answer"})
			l.answerAt[start] = v.Line
			if n := utf8.RuneCountInString(norm.NFC.String(e.Answer)); e.Answer == "" {
				d.errorf(v.Line, "answer is empty")
			} else if n > maxAnswerRunes {
				d.errorf(v.Line, "answer is %d characters long, at most %d allowed: shorten it or split the entry", n, maxAnswerRunes)
			}
		}
	}
	if v, ok := f["links"]; ok {
		e.Links = l.links(d, v)
	}
	if v, ok := f["related"]; ok {
		rel, _ := d.texts(v, "related", "related id")
		e.Related = textsOf(rel)
		for _, r := range rel {
			l.refs = append(l.refs, ref{at: loc{d.path, r.line}, id: r.text, from: e.ID, kind: "related id"})
		}
	}
	if v, ok := f["sources"]; ok {
		e.Sources = l.sources(d, v)
	}
	if v, ok := f["reviewed"]; ok {
		if s, ok := d.text(v, "reviewed"); ok {
			e.Reviewed = strings.TrimSpace(s)
			l.checkReviewed(d, v.Line, e.Reviewed)
		}
	}
	if v, ok := f["tags"]; ok {
		tags, _ := d.texts(v, "tags", "tag")
		e.Tags = textsOf(tags)
	}
	l.entryExtras(d, f, &e)
	return e, true
}

func (l *loader) checkID(d *doc, line int, id string) {
	if id == "" {
		d.errorf(line, "id is empty")
		return
	}
	if len(id) > maxIDBytes {
		d.errorf(line, "id %q is %d bytes long, at most %d allowed", id, len(id), maxIDBytes)
	}
	if !idRE.MatchString(id) {
		d.errorf(line, `id %q should be lowercase letters a-z and digits, with "-" between words (like "vneid-quen-passcode")`, id)
	}
	if first, dup := l.ids[id]; dup {
		d.errorf(line, "duplicate id %q: already used at %s", id, first)
		return
	}
	l.ids[id] = loc{d.path, line}
	l.idOrder = append(l.idOrder, id)
}

// checkQuestions reports questions already asked elsewhere, or twice in this entry.
func (l *loader) checkQuestions(d *doc, id string, start loc, qs []item) {
	for _, q := range qs {
		key := normText(q.text)
		first, dup := l.questions[key]
		switch {
		case !dup:
			l.questions[key] = firstQuestion{at: loc{d.path, q.line}, entry: id, entryAt: start}
		case first.entryAt == start:
			d.errorf(q.line, "question %q is repeated in this entry (first on line %d)", q.text, first.at.line)
		case first.entry != "":
			d.errorf(q.line, "question %q is also in entry %q (%s): each question must lead to one entry", q.text, first.entry, first.at)
		default:
			d.errorf(q.line, "question %q is also in the entry at %s: each question must lead to one entry", q.text, first.at)
		}
	}
}

func (l *loader) links(d *doc, v *yaml.Node) []Link {
	nodes, ok := d.list(v, "links")
	if !ok {
		return nil
	}
	var links []Link
	for _, n := range nodes {
		f := d.mapping(n, "link", linkFields)
		if f == nil {
			continue
		}
		var link Link
		line := firstLine(n)
		if t, ok := f["title"]; !ok {
			d.errorf(line, `missing field "title" in link`)
		} else if s, ok := d.text(t, "link title"); ok {
			link.Title = strings.TrimSpace(s)
			if link.Title == "" {
				d.errorf(t.Line, "link title is empty")
			}
			l.texts = append(l.texts, textRef{at: loc{d.path, t.Line}, text: link.Title, what: "link title"})
		}
		if u, ok := f["url"]; !ok {
			d.errorf(line, `missing field "url" in link`)
		} else if s, ok := d.text(u, "link url"); ok {
			link.URL = s
			l.texts = append(l.texts, textRef{at: loc{d.path, u.Line}, text: s, what: "link url", url: true})
			if strings.Contains(s, "{{") {
				// checked once rendered, when the facts are known (checkFacts)
			} else if msg := checkLinkURL(s); msg != "" {
				d.errorf(u.Line, "link url %q %s", s, msg)
			}
		}
		links = append(links, link)
	}
	return links
}

// checkLinkURL returns what is wrong with a link's URL, or "".
func checkLinkURL(s string) string {
	if s == "" {
		return "is empty"
	}
	if strings.ContainsFunc(s, func(r rune) bool { return r <= ' ' || r == 0x7f }) {
		return "contains a space or control character"
	}
	u, err := url.Parse(s)
	switch {
	case err != nil:
		return "is not a valid URL"
	case u.Scheme != "https":
		return "should start with https://"
	case u.Host == "" || u.Hostname() == "":
		return "has no host name (like https://vneid.gov.vn)"
	}
	return ""
}

func (l *loader) sources(d *doc, v *yaml.Node) []string {
	srcs, ok := d.texts(v, "sources", "source")
	if !ok {
		return nil
	}
	if v.Kind != yaml.SequenceNode || len(v.Content) == 0 {
		d.errorf(v.Line, "sources is empty: name where the facts come from (a web page or a legal document)")
	}
	for _, s := range srcs {
		if !strings.HasPrefix(strings.ToLower(s.text), "http") {
			continue // a legal document, such as "Luật Căn cước 2023, Điều 21"
		}
		u, err := url.Parse(s.text)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Hostname() == "" {
			d.errorf(s.line, "source %q looks like a web address but is not a valid URL", s.text)
		}
	}
	return textsOf(srcs)
}

func (l *loader) checkReviewed(d *doc, line int, s string) {
	if s == "" {
		d.errorf(line, "reviewed is empty: give the day the facts were last checked, as YYYY-MM-DD")
		return
	}
	day, err := time.Parse(dateLayout, s)
	if err != nil || !dateRE.MatchString(s) {
		d.errorf(line, "reviewed %q should be a date written YYYY-MM-DD, like %s", s, l.today.Format(dateLayout))
		return
	}
	switch {
	case day.After(l.today):
		d.errorf(line, "reviewed %s is in the future (today is %s)", s, l.today.Format(dateLayout))
	case day.Before(l.today.AddDate(0, -reviewMonths, 0)):
		d.warnf(line, "not reviewed since %s: check the facts are still true, then update reviewed", s)
	}
}

func (l *loader) synonymsFile(d *doc, root *yaml.Node) {
	f := d.fields(root, synonymsFile, synonymsFields)
	v, ok := f["groups"]
	if !ok {
		d.errorf(firstLine(root), `missing field "groups"`)
		return
	}
	groups, ok := d.list(v, "groups")
	if !ok {
		return
	}
	seen := make(map[string]int) // normalised term → line of its group
	for _, g := range groups {
		if g.Kind == yaml.ScalarNode && g.Tag != "!!null" {
			d.errorf(g.Line, "each group should be a list of terms, like [cccd, căn cước công dân], not a single value")
			continue
		}
		terms, ok := d.texts(g, "group", "term")
		if !ok {
			continue
		}
		if len(terms) < 2 {
			d.errorf(g.Line, "group has %s: a group needs at least 2 terms that mean the same", plural(len(terms), "term", "terms"))
		}
		inGroup := make(map[string]bool)
		for _, t := range terms {
			key := normText(t.text)
			if inGroup[key] {
				d.warnf(t.line, "term %q is repeated in this group", t.text)
				continue
			}
			inGroup[key] = true
			if first, dup := seen[key]; dup {
				d.warnf(t.line, "term %q is also in the group on line %d: merge the groups or drop one", t.text, first)
				continue
			}
			seen[key] = g.Line
		}
		l.set.Synonyms.Groups = append(l.set.Synonyms.Groups, textsOf(terms))
	}
	if v, ok := f["ages"]; ok {
		l.ages(d, v)
	}
	if v, ok := f["age_after"]; ok {
		words, _ := d.texts(v, "age_after", "word")
		for _, w := range words {
			if len(Fold(w.text)) != 1 {
				d.errorf(w.line, "age_after holds single words; %q is not one", w.text)
				continue
			}
			l.set.Synonyms.AgeAfter = append(l.set.Synonyms.AgeAfter, w.text)
		}
	}
	if v, ok := f["age_bounds"]; ok {
		l.set.Synonyms.AgeBounds = ageBounds(d, v, "age_bounds", "before a number (\"dưới\", \"chưa đủ\")")
	}
	if v, ok := f["age_bounds_after"]; ok {
		l.set.Synonyms.AgeBoundsAfter = ageBounds(d, v, "age_bounds_after", "after an age (\"trở xuống\")")
	}
	if v, ok := f["born_before"]; ok {
		l.set.Synonyms.BornBefore = ageBounds(d, v, "born_before", "before a birth year (\"sinh năm\", \"sn\")")
	}
}

// ageBounds decodes a list of bound words: one or two words each, with a letter, once.
func ageBounds(d *doc, v *yaml.Node, key, where string) []string {
	ps, _ := d.texts(v, key, "phrase")
	var out []string
	seen := map[string]bool{}
	for _, p := range ps {
		words := Fold(p.text)
		switch k := textnorm.Normalize(p.text); {
		case len(words) == 0 || len(words) > 2 || strings.IndexFunc(p.text, unicode.IsLetter) < 0:
			d.errorf(p.line, "%s holds one or two words, as typed %s; %q is not", key, where, p.text)
		case seen[k]:
			d.errorf(p.line, "%s: %q is listed twice", key, p.text)
		default:
			seen[k] = true
			out = append(out, p.text)
		}
	}
	return out
}

// maxAge bounds the ages a range may name: a larger number is not an age.
const maxAge = 130

// ages decodes synonyms.yaml ages: ranges that do not overlap, each read as a phrase.
func (l *loader) ages(d *doc, v *yaml.Node) {
	items, ok := d.list(v, "ages")
	if !ok {
		return
	}
	for _, n := range items {
		f := d.mapping(n, "an age range", ageFields)
		if f == nil {
			continue
		}
		line := firstLine(n)
		if len(f) < len(ageFields) {
			d.errorf(line, "age range: write from, to and as, like {from: 61, to: 130, as: trên 60 tuổi}")
			continue
		}
		from, okFrom := ageOf(d, f["from"], "age range", "from")
		to, okTo := ageOf(d, f["to"], "age range", "to")
		as, okAs := d.text(f["as"], "as")
		if okAs && len(Fold(as)) == 0 {
			d.errorf(f["as"].Line, "age range: \"as\" needs the phrase the ages read as")
			okAs = false
		}
		if !okFrom || !okTo || !okAs {
			continue
		}
		if from > to {
			d.errorf(line, "age range: from %d is above to %d", from, to)
			continue
		}
		r := AgeRange{From: from, To: to, As: strings.TrimSpace(as)}
		overlap := false
		for _, o := range l.set.Synonyms.Ages {
			if r.From <= o.To && o.From <= r.To {
				d.errorf(line, "age range %d-%d overlaps %d-%d: an age reads one way", r.From, r.To, o.From, o.To)
				overlap = true
				break
			}
		}
		if !overlap {
			l.set.Synonyms.Ages = append(l.set.Synonyms.Ages, r)
		}
	}
}

// ageSpan decodes an entry's ages: {from: 0, to: 5}.
func ageSpan(d *doc, v *yaml.Node) *AgeSpan {
	f := d.mapping(v, "ages", ageSpanFields)
	if f == nil {
		return nil
	}
	if len(f) < len(ageSpanFields) {
		d.errorf(v.Line, "ages: write from and to, like {from: 0, to: 5}")
		return nil
	}
	from, okFrom := ageOf(d, f["from"], "ages", "from")
	to, okTo := ageOf(d, f["to"], "ages", "to")
	if !okFrom || !okTo {
		return nil
	}
	if from > to {
		d.errorf(v.Line, "ages: from %d is above to %d", from, to)
		return nil
	}
	return &AgeSpan{From: from, To: to}
}

func ageOf(d *doc, n *yaml.Node, what, name string) (int, bool) {
	s, ok := d.text(n, name)
	if !ok {
		return 0, false
	}
	a, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || a < 0 || a > maxAge {
		d.errorf(n.Line, "%s: %s %q is not an age from 0 to %d", what, name, s, maxAge)
		return 0, false
	}
	return a, true
}

func (l *loader) botFile(d *doc, root *yaml.Node) {
	f := d.fields(root, botFile, botFields)
	b := &l.set.Bot
	if v, ok := f["messages"]; !ok {
		d.errorf(firstLine(root), `missing field "messages": the bot's own texts (welcome, help, fallback…)`)
	} else {
		l.messages(d, keyLine(root, "messages"), v)
	}
	if v, ok := f["suggested_topics"]; ok {
		ids, _ := d.texts(v, "suggested_topics", "suggested topic")
		b.SuggestedTopics = textsOf(ids)
		for _, id := range ids {
			l.refs = append(l.refs, ref{at: loc{d.path, id.line}, id: id.text, kind: "suggested topic"})
		}
	}
	l.botPath = d.path
	if v, ok := f["notes"]; ok {
		l.botNotes(d, v)
	}
	if v, ok := f["warned_notes"]; ok {
		l.warnedNotes(d, v)
	}
	if v, ok := f["clarify_leads"]; ok {
		l.clarifyLeads(d, v)
	}
	if v, ok := f["bring_phrases"]; ok {
		ps, _ := d.texts(v, "bring_phrases", "phrase")
		b.BringPhrases = textsOf(ps)
		l.bringAt = keyLine(root, "bring_phrases")
	}
}

// messages decodes bot.yaml's messages: every field of Messages is required and
// must not be empty. The field list comes from the struct, so a message added to
// Messages is required at once.
func (l *loader) messages(d *doc, line int, n *yaml.Node) {
	rv := reflect.ValueOf(&l.set.Bot.Messages).Elem()
	rt := rv.Type()
	var names []string
	var fields []int
	for i := range rt.NumField() {
		sf := rt.Field(i)
		if sf.Type.Kind() != reflect.String {
			continue
		}
		name, _, _ := strings.Cut(sf.Tag.Get("yaml"), ",")
		if name == "" || name == "-" {
			continue
		}
		names = append(names, name)
		fields = append(fields, i)
	}
	f := d.mapping(n, "messages", names)
	if f == nil {
		return
	}
	for i, name := range names {
		v, ok := f[name]
		if !ok {
			if !optionalMessages[name] {
				d.errorf(line, "missing message %q", name)
			}
			continue
		}
		s, ok := d.text(v, "message "+name)
		if !ok {
			continue
		}
		s = strings.TrimSpace(s)
		if s == "" {
			d.errorf(v.Line, "message %q is empty", name)
		}
		if name != "fact_unavailable" { // shown in place of a fact: it cannot use one
			l.texts = append(l.texts, textRef{at: loc{d.path, v.Line}, text: s, what: "message " + name})
		} else if strings.Contains(s, "{{") || strings.Contains(s, "}}") {
			d.errorf(v.Line, "message fact_unavailable cannot use {{facts}}: it stands in for one that has no value")
		}
		rv.Field(fields[i]).SetString(s)
	}
}

// checkRefs checks the ids mentioned in related and suggested_topics, once all ids are known.
func (l *loader) checkRefs() {
	for _, r := range l.refs {
		_, ok := l.ids[r.id]
		owner, isAlias := l.aliases[r.id]
		switch {
		case r.from != "" && (r.id == r.from || !ok && isAlias && owner == r.from):
			l.ps.errorf(r.at.path, r.at.line, "%s %q is the entry itself", r.kind, r.id)
		case !ok && isAlias:
			l.ps.warnf(r.at.path, r.at.line, "%s %q is an old id, merged into %q: write %q", r.kind, r.id, owner, owner)
		case !ok && !l.definedInBroken(r.id):
			l.ps.errorf(r.at.path, r.at.line, "%s %q does not exist%s", r.kind, r.id, l.closestID(r.id))
		}
	}
}

// closestID suggests an existing id for a misspelt one.
func (l *loader) closestID(id string) string {
	best, bestDist := "", 3
	for _, known := range l.idOrder {
		if dist := editDistance(id, known); dist < bestDist {
			best, bestDist = known, dist
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}
