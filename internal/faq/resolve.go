package faq

import (
	"crypto/sha256"
	"fmt"
	"io"
	"maps"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"time"
)

// refRE finds a reference to a fact, {{name}}, spaces inside the braces allowed. Anything
// else between double braces is a malformed reference, which lint reports and the
// renderer never shows (see render).
var (
	refRE  = regexp.MustCompile(`\{\{\s*([a-z0-9_]+(?:\.[a-z0-9_]+)*)\s*\}\}`)
	bracRE = regexp.MustCompile(`\{\{[^{}]*\}\}`)
)

// Unavailable is shown in place of a fact that has no value on the day of the reply,
// when bot.yaml has no messages.fact_unavailable. Lint makes such a reference an error,
// so this is only seen when a running bot passes a valid_until nobody extended.
const Unavailable = "(đang cập nhật)"

// references returns the fact names text refers to, in order, with repeats.
func references(text string) []string {
	var names []string
	for _, m := range refRE.FindAllStringSubmatch(text, -1) {
		names = append(names, m[1])
	}
	return names
}

// malformed returns the {{…}} and stray braces in text that are not references.
func malformed(text string) []string {
	var bad []string
	rest := refRE.ReplaceAllString(text, "")
	for _, m := range bracRE.FindAllString(rest, -1) {
		bad = append(bad, m)
	}
	rest = bracRE.ReplaceAllString(rest, "")
	if strings.Contains(rest, "{{") || strings.Contains(rest, "}}") {
		bad = append(bad, "{{ without }} (or }} without {{)")
	}
	return bad
}

// renderer renders references as the values valid on one day.
type renderer struct {
	values      map[string]string // fact name → value on the day; absent: no value that day
	unavailable string
}

func (s *Set) renderer(d Day) renderer {
	r := renderer{values: make(map[string]string, len(s.Facts)), unavailable: s.Bot.Messages.FactUnavailable}
	if r.unavailable == "" {
		r.unavailable = Unavailable
	}
	for i := range s.Facts {
		if v, ok := s.Facts[i].ValueOn(d); ok {
			r.values[s.Facts[i].Name] = v.Value
		}
	}
	return r
}

// render replaces each reference with its value. ok is false when some reference has
// no value: it is then shown as the "unavailable" text, never as {{…}} and never as a
// value past its date. Stray braces are removed.
func (r renderer) render(text string) (out string, ok bool) {
	if !strings.Contains(text, "{{") && !strings.Contains(text, "}}") {
		return text, true
	}
	ok = true
	out = bracRE.ReplaceAllStringFunc(text, func(m string) string {
		sub := refRE.FindStringSubmatch(m)
		if sub != nil {
			if v, found := r.values[sub[1]]; found {
				return v
			}
		}
		ok = false
		return r.unavailable
	})
	for strings.Contains(out, "{{") || strings.Contains(out, "}}") {
		// Stray braces: removing a pair can join two others ("{}}{"), hence the loop.
		ok = false
		out = strings.NewReplacer("{{", "", "}}", "").Replace(out)
	}
	return out, ok
}

// Resolve returns the Set as citizens see it at instant now: titles, answers and link
// URLs with every {{fact}} replaced by the value valid on that day in Vietnam, the
// entry's standard notes appended to its answer, and alias ids in related and
// suggested_topics replaced by the entry they now belong to. s is not changed; the
// result shares nothing mutable with it.
//
// The result's Day is the day it was rendered for and Next the instant its text next
// changes (zero: never); a caller serving it must call Resolve again from then on.
// Its Hash is s.Hash combined with the rendered values, so an index built from the
// rendered text is keyed on what it contains.
//
// A reference with no value on that day (lint makes this an error, so only a running
// bot that crosses a valid_until can meet one) renders as messages.fact_unavailable;
// a link whose URL cannot be rendered is dropped.
func (s *Set) Resolve(now time.Time) *Set {
	day := DayOf(now)
	r := s.renderer(day)
	out := *s
	out.Day = day
	out.Next = s.next(day)
	out.Topics = slices.Clone(s.Topics)
	out.Facts = slices.Clone(s.Facts)
	canon := s.canonicalMap()
	out.canon = canon
	canonical := func(id string) string {
		if c, ok := canon[id]; ok {
			return c
		}
		return id
	}
	out.Bot.SuggestedTopics = make([]string, len(s.Bot.SuggestedTopics))
	for i, id := range s.Bot.SuggestedTopics {
		out.Bot.SuggestedTopics[i] = canonical(id)
	}
	out.Bot.Messages = r.messages(s.Bot.Messages)
	out.Bot.Notes = make(map[string]string, len(s.Bot.Notes)) // for reference: already in the answers
	for name, text := range s.Bot.Notes {
		out.Bot.Notes[name], _ = r.render(text)
	}
	out.Bot.ClarifyLeads = make(map[string]string, len(s.Bot.ClarifyLeads))
	for tag, text := range s.Bot.ClarifyLeads {
		out.Bot.ClarifyLeads[tag], _ = r.render(text)
	}
	out.Entries = make([]Entry, len(s.Entries))
	h := sha256.New()
	hashText(h, s.Hash)
	for i, e := range s.Entries {
		e.Title, _ = r.render(e.Title)
		e.Body, _ = r.render(e.Answer)
		e.Answer = e.Body
		for _, name := range e.Notes {
			if text := strings.TrimSpace(s.Bot.Notes[name]); text != "" {
				text, _ = r.render(text)
				e.Answer += "\n\n" + text
			}
		}
		links := make([]Link, 0, len(e.Links))
		for _, l := range e.Links {
			var ok bool
			if l.URL, ok = r.render(l.URL); !ok {
				continue
			}
			l.Title, _ = r.render(l.Title)
			links = append(links, l)
		}
		e.Links = links
		if e.Related != nil {
			rel := make([]string, len(e.Related))
			for j, id := range e.Related {
				rel[j] = canonical(id)
			}
			e.Related = rel
		}
		e.Questions = slices.Clone(e.Questions)
		e.Keywords = slices.Clone(e.Keywords)
		e.Sources = slices.Clone(e.Sources)
		e.Tags = slices.Clone(e.Tags)
		e.Notes = slices.Clone(e.Notes)
		e.Aliases = slices.Clone(e.Aliases)
		e.Needs = slices.Clone(e.Needs)
		e.NeedsAlso = slices.Clone(e.NeedsAlso)
		if e.Cases != nil {
			cases := make([]Case, len(e.Cases))
			for j, c := range e.Cases {
				c.When = slices.Clone(c.When)
				c.Say, _ = r.render(c.Say)
				cases[j] = c
			}
			e.Cases = cases
		}
		out.Entries[i] = e
		hashText(h, e.ID, e.Title, e.Answer)
		for _, c := range e.Cases {
			hashText(h, c.Say, c.Situation)
			hashText(h, c.When...)
		}
		for _, l := range e.Links {
			hashText(h, l.Title, l.URL)
		}
	}
	fmt.Fprintf(h, "%+v", out.Bot.Messages)
	for _, tag := range slices.Sorted(maps.Keys(out.Bot.ClarifyLeads)) {
		hashText(h, tag, out.Bot.ClarifyLeads[tag])
	}
	out.Hash = fmt.Sprintf("%x", h.Sum(nil))
	return &out
}

// hashText adds texts to h, each ended by a NUL so that the encoding is unambiguous.
func hashText(h io.Writer, texts ...string) {
	for _, t := range texts {
		io.WriteString(h, t)
		h.Write([]byte{0})
	}
}

// messages renders every bot message (the hotline in "help", say).
func (r renderer) messages(m Messages) Messages {
	rv := reflect.ValueOf(&m).Elem()
	for i := range rv.NumField() {
		if f := rv.Field(i); f.Kind() == reflect.String {
			text, _ := r.render(f.String())
			f.SetString(text)
		}
	}
	return m
}

// next returns the instant after day d at which some fact's value changes, or zero. With
// synonyms.yaml born_before, birth years are read against the year rendered for (AgeReader), so
// the next 1 January is a change too.
func (s *Set) next(d Day) time.Time {
	var t time.Time
	if days := s.changesAfter(d); len(days) > 0 {
		t = days[0].Start()
	}
	if len(s.Synonyms.BornBefore) > 0 && !d.IsZero() {
		if ny := (Day{time.Date(d.Year()+1, time.January, 1, 0, 0, 0, 0, time.UTC)}).Start(); t.IsZero() || ny.Before(t) {
			t = ny
		}
	}
	return t
}

// changesAfter returns the days after d on which some fact's value changes, in order.
func (s *Set) changesAfter(d Day) []Day {
	var days []Day
	for i := range s.Facts {
		for _, c := range s.Facts[i].changes() {
			if d.Before(c) {
				days = append(days, c)
			}
		}
	}
	slices.SortFunc(days, func(a, b Day) int { return a.t.Compare(b.t) })
	return slices.Compact(days)
}

// canonicalMap maps every id and alias to its entry's id.
func (s *Set) canonicalMap() map[string]string {
	m := make(map[string]string, len(s.Entries))
	for i := len(s.Entries) - 1; i >= 0; i-- { // the first entry wins, as in ByID
		for _, a := range s.Entries[i].Aliases {
			m[a] = s.Entries[i].ID
		}
	}
	for i := len(s.Entries) - 1; i >= 0; i-- {
		m[s.Entries[i].ID] = s.Entries[i].ID
	}
	return m
}

// Canonical returns the id of the entry that id names: id itself, or the entry that
// lists id among its aliases. An unknown id is returned unchanged.
func (s *Set) Canonical(id string) string {
	if s.canon != nil {
		if c, ok := s.canon[id]; ok {
			return c
		}
		return id
	}
	if e, ok := s.ByID(id); ok {
		return e.ID
	}
	return id
}
