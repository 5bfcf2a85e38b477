package telegram

import (
	"fmt"
	"hash/fnv"
	"html"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/go-telegram/bot/models"

	"github.com/vneidbot/vneidbot/internal/answer"
)

// Telegram's limits.
const (
	maxMessageLen      = 4096 // characters (UTF-16 code units) in one message
	maxCallbackData    = 64   // bytes of callback_data
	maxButtonRunes     = 60   // longer button labels are cut (Telegram would truncate them anyway)
	maxCallbackTextLen = 200  // answerCallbackQuery text
)

// Callback data. Entry ids are at most 40 bytes (faq lint), so every form fits in 64 bytes.
const (
	cbEntry     = "e:"  // e:<id>            send an entry (related, suggested, browsed)
	cbClarify   = "c:"  // c:<id>            a clarification's choice
	cbFeedback  = "f:"  // f:+:<id> f:-:<id> 👍/👎 under an answer
	cbTopicList = "tl:" // tl:<page>         the list of topic areas
	cbTopic     = "t:"  // t:<hash>:<page>   the entries of one topic area
	voteUp      = "+"
	voteDown    = "-"
)

// Labels of the bot's own buttons (the content, in faq/bot.yaml, has no place for them).
const (
	labelTopics   = "📚 Các chủ đề"
	labelBack     = "↩ Các chủ đề"
	labelPrev     = "« Trước"
	labelNext     = "Sau »"
	labelUp       = "👍 Hữu ích"
	labelDown     = "👎 Chưa đúng"
	textTopics    = "Chọn một chủ đề:"
	textTopic     = "Chọn một câu hỏi:"
	textStale     = "Lựa chọn này đã cũ. Bạn hãy gửi lại câu hỏi nhé."
	topicsPerPage = 8
	entriesPage   = 8
)

// renderHTML turns an answer's plain text into Telegram HTML: &, <, > escaped and **x**
// as <b>x</b>. A marker without its pair on the same line stays as literal text, so every
// piece of a split message is well-formed on its own.
func renderHTML(s string) string {
	lines := strings.Split(s, "\n")
	for i, line := range lines {
		lines[i] = renderLine(line, true)
	}
	return strings.Join(lines, "\n")
}

// plainText is the fallback when Telegram refuses the HTML: the markers removed, nothing escaped.
func plainText(s string) string {
	lines := strings.Split(s, "\n")
	for i, line := range lines {
		lines[i] = renderLine(line, false)
	}
	return strings.Join(lines, "\n")
}

func renderLine(line string, asHTML bool) string {
	esc := func(s string) string {
		if asHTML {
			return html.EscapeString(s)
		}
		return s
	}
	parts := strings.Split(line, "**")
	if len(parts) == 1 {
		return esc(line)
	}
	var b strings.Builder
	// An odd number of markers: the last one has no pair and is kept as text.
	pairs := (len(parts) - 1) / 2
	b.WriteString(esc(parts[0]))
	for i := 0; i < pairs; i++ {
		inner := parts[2*i+1]
		switch {
		case inner == "":
			b.WriteString("****")
		case asHTML:
			b.WriteString("<b>" + esc(inner) + "</b>")
		default:
			b.WriteString(inner)
		}
		b.WriteString(esc(parts[2*i+2]))
	}
	if len(parts)%2 == 0 {
		b.WriteString(esc("**" + parts[len(parts)-1]))
	}
	return b.String()
}

// escapeHTML escapes text the bot writes itself (titles, labels) for HTML parse mode.
func escapeHTML(s string) string { return html.EscapeString(s) }

// utf16Len is the length Telegram counts.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// splitMessage cuts an answer's plain text into pieces whose rendered HTML fits in one
// Telegram message: at paragraph boundaries first, then lines, then words, then characters.
// Each piece is rendered on its own, so no tag is ever cut. Blank pieces are dropped.
func splitMessage(text string, max int) []string {
	var out []string
	for _, p := range split(text, max, []string{"\n\n", "\n", " "}) {
		if strings.TrimSpace(p) != "" {
			out = append(out, p)
		}
	}
	return out
}

// renderedBound is an upper bound of utf16Len(renderHTML(s)) found without rendering:
// escapes grow to their entities (html.EscapeString also escapes quotes), and a "**" pair (4 stars) becomes "<b></b>" (7).
func renderedBound(s string) int {
	n := 0
	for _, r := range s {
		n += runeBound(r)
	}
	return n
}

func runeBound(r rune) int {
	switch r {
	case '<', '>':
		return 4
	case '&', '"', '\'':
		return 5 // &amp; &#34; &#39;
	case '*':
		return 2
	}
	return utf16.RuneLen(r)
}

// fits reports whether s renders to at most max units; rendering never shortens text.
func fits(s string, max int) bool {
	if renderedBound(s) <= max {
		return true
	}
	if utf16Len(s) > max {
		return false
	}
	return utf16Len(renderHTML(s)) <= max
}

func split(s string, max int, seps []string) []string {
	if fits(s, max) {
		return []string{s}
	}
	if len(seps) == 0 {
		return splitRunes(s, max)
	}
	sep := seps[0]
	sepBound := renderedBound(sep)
	var out, cur []string
	curBound := 0
	flush := func() {
		if len(cur) > 0 {
			out = append(out, strings.Join(cur, sep))
			cur, curBound = cur[:0], 0
		}
	}
	for _, p := range strings.Split(s, sep) {
		pb := renderedBound(p)
		if len(cur) > 0 {
			nb := curBound + sepBound + pb
			if nb <= max || fits(strings.Join(cur, sep)+sep+p, max) {
				cur, curBound = append(cur, p), nb
				continue
			}
			flush()
		}
		if fits(p, max) {
			cur, curBound = append(cur, p), pb
			continue
		}
		sub := split(p, max, seps[1:])
		out = append(out, sub[:len(sub)-1]...)
		last := sub[len(sub)-1]
		cur, curBound = append(cur, last), renderedBound(last)
	}
	flush()
	return out
}

// splitRunes is the last resort for a single word longer than a message: cut where the
// bound says the piece still fits, which never cuts an escape (each piece is rendered alone).
func splitRunes(s string, max int) []string {
	var out []string
	for s != "" {
		n, size := 0, 0
		for n < len(s) {
			r, w := utf8.DecodeRuneInString(s[n:])
			if size+runeBound(r) > max {
				break
			}
			size += runeBound(r)
			n += w
		}
		if n == 0 { // max below one character: never loop forever
			_, n = utf8.DecodeRuneInString(s)
		}
		out = append(out, s[:n])
		s = s[n:]
	}
	return out
}

// truncateRunes cuts s to at most n runes, adding "…" when it cut.
func truncateRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// button makes a callback button, or reports false when the data would not fit.
func button(label, data string) (models.InlineKeyboardButton, bool) {
	if len(data) > maxCallbackData {
		return models.InlineKeyboardButton{}, false
	}
	return models.InlineKeyboardButton{Text: truncateRunes(label, maxButtonRunes), CallbackData: data}, true
}

// keyboard builds the inline keyboard under a reply: clarify choices, related or suggested
// entries, official links as URL buttons, and 👍/👎 under an answer. Nil when there is nothing.
func keyboard(r answer.Reply, suggested []answer.Option) *models.InlineKeyboardMarkup {
	return keyboardFor(r, suggested, "")
}

// keyboardFor is keyboard with 👍/👎 naming the stored exchange, when there is one.
func keyboardFor(r answer.Reply, suggested []answer.Option, exchange string) *models.InlineKeyboardMarkup {
	var rows [][]models.InlineKeyboardButton
	add := func(prefix, emoji string, opts []answer.Option) {
		for _, o := range opts {
			if b, ok := button(emoji+o.Title, prefix+o.ID); ok {
				rows = append(rows, []models.InlineKeyboardButton{b})
			}
		}
	}
	switch r.Kind {
	case answer.KindClarify:
		add(cbClarify, "", r.Options)
	case answer.KindFallback:
		if len(r.Options) > 0 {
			add(cbEntry, "➡️ ", r.Options)
		} else {
			add(cbEntry, "➡️ ", suggested)
		}
	case answer.KindSmalltalk:
		add(cbEntry, "➡️ ", r.Options)
	default: // answer, safety
		add(cbEntry, "➡️ ", r.Options)
	}
	if r.Kind != answer.KindClarify {
		for _, l := range r.Links {
			if strings.HasPrefix(l.URL, "https://") {
				rows = append(rows, []models.InlineKeyboardButton{{Text: truncateRunes("🔗 "+l.Title, maxButtonRunes), URL: l.URL}})
			}
		}
	}
	if r.ID != "" && (r.Kind == answer.KindAnswer || r.Kind == answer.KindSafety) {
		target := r.ID
		if exchange != "" {
			target = exchangeMark + exchange
		}
		up, ok1 := button(labelUp, cbFeedback+voteUp+":"+target)
		down, ok2 := button(labelDown, cbFeedback+voteDown+":"+target)
		if ok1 && ok2 {
			rows = append(rows, []models.InlineKeyboardButton{up, down})
		}
	}
	if len(rows) == 0 {
		return nil
	}
	return &models.InlineKeyboardMarkup{InlineKeyboard: rows}
}

// welcomeKeyboard offers the suggested entries and the topic browser.
func welcomeKeyboard(suggested []answer.Option) *models.InlineKeyboardMarkup {
	var rows [][]models.InlineKeyboardButton
	for _, o := range suggested {
		if b, ok := button("➡️ "+o.Title, cbEntry+o.ID); ok {
			rows = append(rows, []models.InlineKeyboardButton{b})
		}
	}
	rows = append(rows, []models.InlineKeyboardButton{{Text: labelTopics, CallbackData: cbTopicList + "0"}})
	return &models.InlineKeyboardMarkup{InlineKeyboard: rows}
}

// withoutFeedback returns the keyboard with its 👍/👎 row removed, once a vote is in.
func withoutFeedback(kb *models.InlineKeyboardMarkup) *models.InlineKeyboardMarkup {
	out := &models.InlineKeyboardMarkup{InlineKeyboard: [][]models.InlineKeyboardButton{}}
	if kb == nil {
		return out
	}
	for _, row := range kb.InlineKeyboard {
		keep := true
		for _, b := range row {
			if strings.HasPrefix(b.CallbackData, cbFeedback) {
				keep = false
			}
		}
		if keep {
			out.InlineKeyboard = append(out.InlineKeyboard, row)
		}
	}
	return out
}

// emptyKeyboard removes an inline keyboard from a message.
func emptyKeyboard() *models.InlineKeyboardMarkup {
	return &models.InlineKeyboardMarkup{InlineKeyboard: [][]models.InlineKeyboardButton{}}
}

// topicKey is a short, stable name for a topic area in callback data: its name may be long
// and the order of areas may change with a reload, a hash of the name does not.
func topicKey(name string) string {
	h := fnv.New32a()
	h.Write([]byte(name))
	return fmt.Sprintf("%08x", h.Sum32())
}

// pageBounds clamps page and returns the slice bounds for n items, per per page.
func pageBounds(n, per, page int) (lo, hi, clamped, pages int) {
	pages = max(1, (n+per-1)/per)
	clamped = min(max(page, 0), pages-1)
	lo = clamped * per
	hi = min(lo+per, n)
	return lo, hi, clamped, pages
}

// topicsView lists the topic areas, a page at a time.
func topicsView(topics []answer.Topic, page int) (string, *models.InlineKeyboardMarkup) {
	lo, hi, page, pages := pageBounds(len(topics), topicsPerPage, page)
	var rows [][]models.InlineKeyboardButton
	for _, t := range topics[lo:hi] {
		label := fmt.Sprintf("📂 %s (%d)", t.Name, len(t.Entries))
		if b, ok := button(label, cbTopic+topicKey(t.Name)+":0"); ok {
			rows = append(rows, []models.InlineKeyboardButton{b})
		}
	}
	var nav []models.InlineKeyboardButton
	if page > 0 {
		nav = append(nav, models.InlineKeyboardButton{Text: labelPrev, CallbackData: cbTopicList + strconv.Itoa(page-1)})
	}
	if page < pages-1 {
		nav = append(nav, models.InlineKeyboardButton{Text: labelNext, CallbackData: cbTopicList + strconv.Itoa(page+1)})
	}
	if len(nav) > 0 {
		rows = append(rows, nav)
	}
	text := textTopics
	if pages > 1 {
		text = fmt.Sprintf("%s (trang %d/%d)", textTopics, page+1, pages)
	}
	return escapeHTML(text), &models.InlineKeyboardMarkup{InlineKeyboard: rows}
}

// topicView lists one topic area's entries, a page at a time; false when the key is unknown
// (the FAQ was reloaded without that area).
func topicView(topics []answer.Topic, key string, page int) (string, *models.InlineKeyboardMarkup, bool) {
	for _, t := range topics {
		if topicKey(t.Name) != key {
			continue
		}
		lo, hi, page, pages := pageBounds(len(t.Entries), entriesPage, page)
		var rows [][]models.InlineKeyboardButton
		for _, e := range t.Entries[lo:hi] {
			if b, ok := button(e.Title, cbEntry+e.ID); ok {
				rows = append(rows, []models.InlineKeyboardButton{b})
			}
		}
		var nav []models.InlineKeyboardButton
		if page > 0 {
			nav = append(nav, models.InlineKeyboardButton{Text: labelPrev, CallbackData: fmt.Sprintf("%s%s:%d", cbTopic, key, page-1)})
		}
		nav = append(nav, models.InlineKeyboardButton{Text: labelBack, CallbackData: cbTopicList + "0"})
		if page < pages-1 {
			nav = append(nav, models.InlineKeyboardButton{Text: labelNext, CallbackData: fmt.Sprintf("%s%s:%d", cbTopic, key, page+1)})
		}
		rows = append(rows, nav)
		text := "<b>" + escapeHTML(t.Name) + "</b>\n" + escapeHTML(textTopic)
		if pages > 1 {
			text += fmt.Sprintf(" (trang %d/%d)", page+1, pages)
		}
		return text, &models.InlineKeyboardMarkup{InlineKeyboard: rows}, true
	}
	return "", nil, false
}
