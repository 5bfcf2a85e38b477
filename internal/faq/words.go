package faq

import (
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"

	"gopkg.in/yaml.v3"

	"github.com/vneidbot/vneidbot/internal/pii"
	"github.com/vneidbot/vneidbot/internal/textnorm"
)

// The word lists (words.yaml) and the neighbouring matters (offtopic.yaml) are content: staff
// change them without touching code, and lint checks them against each other and against
// synonyms.yaml. Both files are optional: without them the bot reads messages word by word.

const (
	wordsFile    = "words.yaml"
	offTopicFile = "offtopic.yaml"
)

// Words is faq/words.yaml: the word lists the bot reads messages with. Phrases are kept as
// written; they are matched on whole words with diacritics folded (see Fold).
type Words struct {
	Stopwords []string // words (or first terms of synonym groups) with no topic
	Everyday  []string // everyday words that count for less in the ranking
	Greetings []string // small talk: a message of only these gets the greeting
	Thanks    []string // small talk: thanks
	Goodbyes  []string // small talk: goodbyes
	AboutBot  []string // small talk: asking who or what answers ("bạn là người hay máy")
	// Openers call the bot or announce a question without asking it ("ad ơi", "cho em hỏi",
	// "có ai không"): a message with no word the FAQ knows besides them and small talk gets the
	// greeting. Inside a longer message they stay: "cho em hỏi" also marks the clause that asks.
	Openers []string
	// Praise ("giải thích dễ hiểu quá"): thanked the same way; beside a question it stays ("app
	// tuyệt vời nhưng em quên mật khẩu").
	Praise []string
	// Frustration ("chờ mãi", "đi mấy lần rồi", "khó dùng quá"): the reply starts with bot.yaml
	// sorry.
	Frustration []string
	// Venting are frustration words that say nothing of the question ("bực mình thật", "làm ăn
	// kiểu gì"): like small talk they are left out of what is searched, so anger never decides the
	// reply (a login error told angrily fell back: usability test 21). They call bot.yaml sorry as
	// frustration does.
	Venting []string
	// FollowUps are the words a follow-up opens with, as typed with their marks ("vậy", "thế",
	// "còn"; not "nếu", which opens questions of their own): a short message opening so that names none of our subjects leans on an
	// earlier answer the bot does not have, and is asked which topic it means.
	FollowUps []string
	// Acks are acknowledgements ("ok", "hiểu rồi"): alone they get bot.yaml ack; beside anything
	// else they are removed and never decide ("ok mình mất thẻ" asks about a lost card).
	Acks []string
	// AckEmoji are emoji that acknowledge ("👍", "🙏"): a message of nothing else gets bot.yaml
	// ack; other emoji alone ("😡") are asked to type the question.
	AckEmoji []string
	// Attachments are the placeholders chat apps put for what is not text ("[hình ảnh]",
	// "[sticker]"): a message of nothing else gets bot.yaml attachment.
	Attachments []string
	// Foreign are English words that are not Vietnamese syllables without diacritics ("how",
	// "you", not "the" or "do"): a message mostly of these gets bot.yaml other_language.
	Foreign      []string
	QuestionCues []string // phrases marking the sentence that asks, in a long message
	// QuestionForms ask how long, when, whether it is required or on what conditions ("mất bao
	// lâu", "khi nào", "có bắt buộc", "điều kiện gì"), not what about: in the fielded score they
	// weigh like everyday words, so the subject decides, not the form.
	QuestionForms []string
	// Places are names of provinces, cities and towns ("sài gòn", "hà nội", "bình dương"): in
	// the fielded score they weigh like everyday words too. A story says where the citizen lives;
	// the name rarely tells what is asked, yet it is rare in the FAQ and pulled the one entry whose
	// question named the same city ("tôi ở Sài Gòn, làm thẻ ở đâu" → the airport entry).
	Places []string
	// QuestionEndings mark a question only at the end of a clause ("… được không", "… chưa ạ").
	QuestionEndings []string
	// PointsBelow are words by which a paragraph points at the rest of its answer ("dưới đây",
	// "bên dưới"): such a paragraph is not shown alone as a second question's brief.
	PointsBelow []string
	// PieceOpeners are words a step's part does not lead an answer with when they open the step
	// or the part: it leans on what came before ("hoặc", "việc này") or holds under a condition
	// ("nếu", "không bắt buộc") that the part alone would drop (answer.askedPiece).
	PieceOpeners []string
	DoForMe      []string // asking the bot to do a procedure for the citizen
	// A do-for-me phrase asks the bot only when it is for the writer (ForMe right after it:
	// "làm hộ tôi") or the bot is named before it (BotNames: "bot đăng ký hộ mẹ em"), and no
	// one else is named as the doer right before it (Doers: "người nhà làm giúp tôi được không").
	ForMe    []string
	BotNames []string
	Doers    []string
	// DoersNot stand between a doer and a do-for-me phrase when the message tells that someone has
	// not done it ("chủ nhà chưa đăng ký cho tôi"): a report, not a request.
	DoersNot []string
	// BotDoes name the bot as the one doing a procedure ("bạn nộp", "bot đăng ký", "nhờ ad");
	// after one of them in a clause, with no question between, a Please phrase ("giúp tôi",
	// "giúp em với") asks the bot to do it: "bạn nộp hồ sơ cấp đổi giúp tôi". Alone, "giúp tôi"
	// is a plea ("không nhận được otp, giúp em với") and asks nothing of the kind.
	BotDoes   []string
	Please    []string
	Compounds []string // nouns holding a do-for-me word ("hộ chiếu"): they cancel a do-for-me match
	// RiskCompounds are nouns that may begin with a risk phrase's last words ("hộ chiếu" after
	// "làm hộ"): a scam or safety phrase running into one is part of its name, not the phrase.
	RiskCompounds []string
	Scam          []string // scam patterns: the reply starts with the scam warning
	// ScamTogether are combinations of phrase groups that tell a scam by their parts, as a safety
	// rule's Together ("có người" … "căn cước của tôi" … "vay": someone else borrowed in one's
	// name; not "dùng căn cước của tôi để vay được không", one's own loan).
	ScamTogether [][][]string
	// ScamTheft and ScamTheftTogether tell a scam as Scam and ScamTogether do, one of a kind: someone
	// used the citizen's card, account or data (to borrow, to open an account). They set the scam flag
	// all the same; the warning is bot.yaml safety_theft, since the caller's script (safety_scam) is
	// not what happened (usability test 27: a stolen wallet, a loan one never took).
	ScamTheft         []string
	ScamTheftTogether [][][]string
	// OwnSubjects name what the bot is for ("vneid", "căn cước"): a message asking about one of
	// them beside the cue of a matter that keeps_own ("mất thẻ sinh viên và thẻ căn cước") keeps
	// its answer.
	OwnSubjects []string
	// RiskSubjects name what the learned risk warning is about besides OwnSubjects (a card's
	// photo, an account, a code): a message naming neither gets no warning from the model alone.
	RiskSubjects []string
	// OwnProcedures name procedures only we answer ("nhập hộ khẩu", "đăng ký tạm trú"): a message
	// whose asking clauses name one beside the cue of any neighbouring matter ("ly dị rồi, chuyển
	// hộ khẩu về nhà bố mẹ thế nào") keeps its answer, keeps_own or not; one asked, not told as
	// done (DoneBefore, DoneAfter), keeps the best entry about it (by title or keywords) against
	// the learned model's off-topic reading.
	OwnProcedures []string
	// DoneBefore and DoneAfter tell a procedure as done, not asked: a word of DoneBefore right
	// before it ("đã chuyển khẩu"), or of DoneAfter a few words after it ("chuyển hộ khẩu về quê
	// rồi, giờ đất ở quê giá bao nhiêu"). A procedure told as done is the story, not the question.
	DoneBefore []string
	DoneAfter  []string
	// WantBefore, right before one of OwnProcedures, tell it as what the citizen wants ("muốn
	// chuyển thường trú về căn hộ mới"): a letter's bare question after it ("xin hỏi nộp hồ sơ ở
	// đâu, bao lâu") asks that procedure.
	WantBefore []string
	// UnmarkedReadings are phrases that, typed without diacritics, are as often other words:
	// each item is the reading a list means first ("sổ đỏ"), then the others ("số đó"). A
	// neighbouring matter's cue typed so ("ma so do xem o dau") is not sure enough to take an
	// answer away; the matter's channel still replaces a fallback.
	UnmarkedReadings [][]string
	// Situations are named lists of the ways citizens tell a situation many entries have a case
	// for ("failed": bị từ chối, vẫn chưa cập nhật…): a case naming one (Case.Situation) is called
	// by any of its phrases, so the class of phrasing is written once and grows in one place.
	Situations map[string][]string
	// SituationsNotAfter, right before a situation's phrase, tell it has not happened ("làm sao để
	// không bị từ chối", "nộp online có bị trả hồ sơ không"): the phrase calls no case there.
	SituationsNotAfter []string
	Safety             []SafetyRule // other risks, each with its own flag and warning
	// Bereavement tells of a relative's death ("mẹ tôi vừa mất"): the reply starts with bot.yaml
	// condolence.
	Bereavement Bereavement
	// AskedItems are the items a question asks for besides its procedure (a fee): when the
	// clauses that ask hold one of an item's Asks and the answer gives it only in a later
	// paragraph of its own (one of Gives), that paragraph leads the answer, so the citizen who
	// asked the fee does not read the steps first.
	AskedItems []AskedItem
}

// AskedItem is one item of words.yaml asked_items.
type AskedItem struct {
	Item  string
	Asks  []string
	Gives []string
	// FromSteps: when only a numbered step gives the item ("5. Gửi, nộp lệ phí (…); giải quyết
	// trong 3 ngày làm việc."), the part of the step that gives it is said first. For items a
	// step's clause states whole (the wait, the fee, a fine), not for those a step only names.
	FromSteps bool
}

// Bereavement is how a message tells of a relative's death: within one sentence, a relative
// (Kin, or KinOwned followed by one of Owners: "con tôi", not "con": the speaker), then
// optionally Owners and Between words, then Died ("qua đời"), or Lost ("mất", which also means
// to lose) at the end of the sentence or before one of After ("mất hôm rằm", not "mất ví").
type Bereavement struct {
	Kin, KinOwned, Owners, Between []string
	Died, Lost, After              []string
	// Since words after Lost lead to the time since the death ("mất được 2 tháng rồi"): they tell
	// one only before one of After (a count there read as right after Lost), never alone or before
	// other words ("thẻ bố em mất được cấp lại không" is passive: the card is lost).
	Since []string
	// About words after Lost (or Since) make the count of time that follows approximate ("mất
	// khoảng 3 tháng nay", "mất hơn 2 tháng mới có thẻ"): the count then decides, as right after Lost.
	About []string
	// Unless words make a piece hypothetical ("nếu bố mẹ mất thì…"): no death is told in it.
	Unless []string
	// Of words right before a relative make the relative an owner ("thẻ của bố tôi mất rồi": the
	// card is lost, nobody died).
	Of []string
}

// SafetyRule is one kind of risky message (sending a photo of the card, using another person's
// account, trading accounts…): its flag, the phrases that reveal it, the warning to give.
type SafetyRule struct {
	Flag    string
	Phrases []string
	// Personal lists kinds of personal data (as package pii names them: password, code,
	// id_number, phone) that trigger the rule too: a typed password gets the password advice.
	Personal []string
	// Together lists combinations of phrase groups: the rule fires too when one sentence holds
	// one phrase of every group of one combination, apart from each other and within
	// Settings.TogetherSpan words ("ảnh cccd" … "gửi lên đây"). A risk told in many words is
	// caught by its parts, not by listing every sentence.
	Together [][][]string
	// Ours marks a risk whose subject is ours and has its own entry (trading accounts): a message
	// the rule flags is ours like a scam message, however much its story reads like a bank's, and
	// the learned model's off-topic reading does not veto its answer.
	Ours bool
	// Unless lists phrases naming the lawful case the warning would contradict (a guardian using the
	// ward's account, NĐ 69/2024 Điều 14): a message holding one gets no warning from phrases or
	// together combinations; personal data kinds still trigger the rule.
	Unless []string
	// Covers lists the flags of other rules whose warning this one's message already says (the
	// password warning says not to send an OTP either): when both fire, only this one's message
	// is shown, so one reply does not stack near-identical warnings (usability test, round 46).
	Covers  []string
	Message string
	Line    int // where the rule starts in words.yaml
}

// OffTopic is one neighbouring matter that other bodies handle (offtopic.yaml): a message with
// one of its cues gets Message, which names the right channel, instead of an FAQ entry.
type OffTopic struct {
	ID      string
	Cues    []string
	Message string
	// KeepsOwn: the matter is easily named beside ours (another card: "mất thẻ sinh viên và thẻ
	// căn cước"), so a message whose asking clauses name one of words.yaml own_subjects keeps the
	// answer found.
	KeepsOwn bool
	Line     int
}

// Fold is the form in which word-list phrases and messages are compared: normalised, diacritics
// removed, split into words. "Làm hộ" → [lam ho].
func Fold(s string) []string { return textnorm.Tokens(textnorm.Fold(textnorm.Normalize(s))) }

var (
	wordsFields       = []string{"stopwords", "everyday", "greetings", "thanks", "goodbyes", "about_bot", "openers", "praise", "frustration", "venting", "follow_ups", "acknowledgements", "ack_emoji", "attachments", "foreign", "question_cues", "question_forms", "places", "question_endings", "do_for_me", "do_for_me_for_me", "do_for_me_bot", "do_for_me_doers", "do_for_me_not", "do_for_me_bot_does", "do_for_me_please", "do_for_me_compounds", "risk_compounds", "scam", "scam_together", "scam_theft", "scam_theft_together", "own_subjects", "risk_subjects", "own_procedures", "done_before", "done_after", "want_before", "unmarked_readings", "situations", "situations_not_after", "safety", "bereavement", "asked_items", "points_below", "piece_openers"}
	askedItemFields   = []string{"item", "asks", "gives", "from_steps"}
	bereavementFields = []string{"kin", "kin_owned", "owners", "between", "died", "lost", "after", "since", "about", "unless", "of"}
	safetyFields      = []string{"flag", "phrases", "together", "personal", "ours", "unless", "covers", "message"}
	safetyRequired    = []string{"flag", "message"}
	personalKinds     = []string{string(pii.IDNumber), string(pii.Phone), string(pii.Code), string(pii.Password), string(pii.Name), string(pii.GivenName), string(pii.BirthDate)}
	offTopicFields    = []string{"topics"}
	offTopicTopic     = []string{"id", "cues", "message", "keeps_own"}
	offTopicNeeds     = []string{"id", "cues", "message"}
	flagRE            = regexp.MustCompile(`^[a-z]+(_[a-z]+)*$`)
	reservedFlags     = []string{"personal_data", "scam", "do_for_me", "risk"}
	listOfWordLists   = "lists of words or phrases"
)

// phraseAt is a word-list phrase, folded, with where it was written.
type phraseAt struct {
	raw  string // as written
	key  string // folded words joined by one space
	list string // the list it is in
	at   loc
}

func (l *loader) wordsFile(d *doc, root *yaml.Node) {
	f := d.fields(root, wordsFile, wordsFields)
	w := &l.set.Words
	lists := []struct {
		key string
		dst *[]string
	}{
		{"stopwords", &w.Stopwords}, {"everyday", &w.Everyday},
		{"greetings", &w.Greetings}, {"thanks", &w.Thanks}, {"goodbyes", &w.Goodbyes}, {"about_bot", &w.AboutBot}, {"openers", &w.Openers}, {"praise", &w.Praise}, {"frustration", &w.Frustration}, {"venting", &w.Venting}, {"follow_ups", &w.FollowUps}, {"acknowledgements", &w.Acks}, {"attachments", &w.Attachments}, {"foreign", &w.Foreign},
		{"question_cues", &w.QuestionCues}, {"question_forms", &w.QuestionForms}, {"places", &w.Places}, {"question_endings", &w.QuestionEndings}, {"do_for_me", &w.DoForMe},
		{"do_for_me_for_me", &w.ForMe}, {"do_for_me_bot", &w.BotNames}, {"do_for_me_doers", &w.Doers}, {"do_for_me_not", &w.DoersNot},
		{"do_for_me_bot_does", &w.BotDoes}, {"do_for_me_please", &w.Please},
		{"do_for_me_compounds", &w.Compounds}, {"risk_compounds", &w.RiskCompounds}, {"scam", &w.Scam}, {"scam_theft", &w.ScamTheft}, {"own_subjects", &w.OwnSubjects}, {"risk_subjects", &w.RiskSubjects}, {"own_procedures", &w.OwnProcedures},
		{"done_before", &w.DoneBefore}, {"done_after", &w.DoneAfter}, {"want_before", &w.WantBefore},
		{"situations_not_after", &w.SituationsNotAfter}, {"points_below", &w.PointsBelow}, {"piece_openers", &w.PieceOpeners},
	}
	l.words = map[string][]phraseAt{}
	for _, kv := range lists {
		v, ok := f[kv.key]
		if !ok {
			continue
		}
		*kv.dst = l.phrases(d, v, kv.key)
	}
	if v, ok := f["unmarked_readings"]; ok {
		w.UnmarkedReadings = l.unmarkedReadings(d, v)
	}
	if v, ok := f["scam_together"]; ok {
		w.ScamTogether = l.together(d, v, "scam_together", "scam_together")
	}
	if v, ok := f["scam_theft_together"]; ok {
		w.ScamTheftTogether = l.together(d, v, "scam_theft_together", "scam_theft_together")
	}
	if v, ok := f["situations"]; ok {
		l.situations(d, v)
	}
	if v, ok := f["safety"]; ok {
		l.safety(d, v)
	}
	if v, ok := f["bereavement"]; ok {
		l.bereavement(d, v)
	}
	if v, ok := f["asked_items"]; ok {
		l.askedItems(d, v)
	}
	if v, ok := f["ack_emoji"]; ok {
		items, _ := d.texts(v, "ack_emoji", "emoji")
		for _, it := range items {
			if strings.TrimSpace(it.text) == "" || strings.IndexFunc(it.text, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
				d.errorf(it.line, "%q in ack_emoji is not emoji only: write emoji such as 👍", it.text)
				continue
			}
			w.AckEmoji = append(w.AckEmoji, strings.TrimSpace(it.text))
		}
	}
}

// phrases decodes one word list, reporting phrases with no words and repeats within the list. A
// phrase written with alternatives ("dùng {căn cước|cccd} của {tôi|mình} để vay") stands for
// each phrase it expands to.
func (l *loader) phrases(d *doc, v *yaml.Node, list string) []string {
	written, _ := d.texts(v, list, "phrase")
	var items []item
	for _, it := range written {
		alts, err := alternatives(it.text)
		if err != nil {
			d.errorf(it.line, "phrase %q in %s: %v", it.text, list, err)
			continue
		}
		for _, a := range alts {
			items = append(items, item{text: a, line: it.line})
		}
	}
	seen := map[string]int{}
	var out []string
	for _, it := range items {
		key := strings.Join(Fold(it.text), " ")
		if key == "" {
			d.errorf(it.line, "phrase %q in %s has no words", it.text, list)
			continue
		}
		exact := textnorm.Normalize(it.text)
		if first, dup := seen[exact]; dup {
			d.warnf(it.line, "%q is already in %s on line %d", it.text, list, first)
			continue
		}
		seen[exact] = it.line
		l.words[list] = append(l.words[list], phraseAt{raw: it.text, key: key, list: list, at: loc{d.path, it.line}})
		out = append(out, it.text)
	}
	return out
}

// bereavement decodes words.yaml bereavement: its lists are phrases like any other; a relative
// and a way of saying "died" are both needed, or nothing is ever told.
func (l *loader) bereavement(d *doc, v *yaml.Node) {
	f := d.mapping(v, "bereavement", bereavementFields)
	if f == nil {
		return
	}
	b := &l.set.Words.Bereavement
	for _, kv := range []struct {
		key string
		dst *[]string
	}{{"kin", &b.Kin}, {"kin_owned", &b.KinOwned}, {"owners", &b.Owners}, {"between", &b.Between}, {"died", &b.Died}, {"lost", &b.Lost}, {"after", &b.After}, {"since", &b.Since}, {"about", &b.About}, {"unless", &b.Unless}, {"of", &b.Of}} {
		if n, ok := f[kv.key]; ok {
			*kv.dst = l.phrases(d, n, "bereavement "+kv.key)
		}
	}
	switch {
	case len(b.Kin)+len(b.KinOwned) == 0:
		d.errorf(v.Line, "bereavement: give kin (or kin_owned with owners), the relatives a death is told of")
	case len(b.KinOwned) > 0 && len(b.Owners) == 0:
		d.errorf(v.Line, "bereavement: kin_owned needs owners (\"tôi\", \"em\"): alone those words name the speaker")
	case len(b.Died)+len(b.Lost) == 0:
		d.errorf(v.Line, "bereavement: give died (or lost with after), the words that tell the death")
	case len(b.Lost) > 0 && len(b.After) == 0:
		d.errorf(v.Line, "bereavement: lost needs after, the words that may follow it in a death (\"hôm\", \"rồi\"), or every \"mất ví\" is one")
	}
}

// askedItems decodes words.yaml asked_items: each a named item, the phrases that ask for it and
// those that give it in an answer's paragraph; without either the item would never lead.
func (l *loader) askedItems(d *doc, v *yaml.Node) {
	items, ok := d.list(v, "asked_items")
	if !ok {
		return
	}
	names := map[string]int{}
	for _, n := range items {
		f := d.mapping(n, "an asked item", askedItemFields)
		if f == nil {
			continue
		}
		var it AskedItem
		line := firstLine(n)
		if iv, ok := f["item"]; ok {
			if s, ok := d.text(iv, "item"); ok {
				it.Item = strings.TrimSpace(s)
			}
		}
		switch first, dup := names[it.Item]; {
		case !flagRE.MatchString(it.Item):
			d.errorf(line, "asked item %q: name it in lower-case words joined by \"_\", like fee", it.Item)
			continue
		case dup:
			d.errorf(line, "asked item %q is already given on line %d", it.Item, first)
			continue
		}
		names[it.Item] = line
		if av, ok := f["asks"]; ok {
			it.Asks = l.phrases(d, av, "asked_items "+it.Item+" asks")
		}
		if gv, ok := f["gives"]; ok {
			it.Gives = l.phrases(d, gv, "asked_items "+it.Item+" gives")
		}
		if sv, ok := f["from_steps"]; ok {
			it.FromSteps = d.yesNo(sv, "from_steps")
		}
		if len(it.Asks) == 0 || len(it.Gives) == 0 {
			d.errorf(line, "asked item %q: give asks (how a question asks for it) and gives (the words of an answer paragraph that give it)", it.Item)
			continue
		}
		l.set.Words.AskedItems = append(l.set.Words.AskedItems, it)
	}
}

// SituationBereaved is the situation a case names to be said when the message tells of a
// relative's death as words.yaml bereavement reads it ("bố em mất tháng 9", not "thẻ của bố
// mất rồi"): a rule, not a list of every relative before every way of saying when.
const SituationBereaved = "bereaved"

// situations decodes words.yaml situations: a mapping of plain names ("failed") to phrase lists.
func (l *loader) situations(d *doc, v *yaml.Node) {
	if !d.noAlias(v, "situations") || v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
		return
	}
	if v.Kind != yaml.MappingNode {
		d.errorf(v.Line, `situations should be a set of "name: [phrases]" lists, not %s`, kindName(v))
		return
	}
	l.set.Words.Situations = map[string][]string{}
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, val := v.Content[i], v.Content[i+1]
		name := k.Value
		switch {
		case k.Kind != yaml.ScalarNode || !flagRE.MatchString(name):
			d.errorf(k.Line, "situations: name %q should be lowercase words joined by _, like failed", name)
			continue
		case name == SituationBereaved:
			d.errorf(k.Line, "situation %q is the bereavement rule's (words.yaml bereavement): a case names it without a list here", name)
			continue
		case l.set.Words.Situations[name] != nil:
			d.errorf(k.Line, "situation %q is given twice", name)
			continue
		}
		ps := l.phrases(d, val, situationList(name))
		if len(ps) == 0 {
			d.errorf(k.Line, "situation %q has no phrases: list the ways citizens tell it", name)
			continue
		}
		l.set.Words.Situations[name] = ps
	}
}

// situationList names a situation's phrase list as the loader records it.
func situationList(name string) string { return "situations " + name }

// safetyList and unlessList name a safety rule's phrase lists as the loader records them, for the
// checks made once everything is read (checkWords).
func safetyList(flag string) string { return "safety " + flag }
func unlessList(flag string) string { return "safety " + flag + " unless" }

func (l *loader) safety(d *doc, v *yaml.Node) {
	rules, ok := d.list(v, "safety")
	if !ok {
		return
	}
	flags := map[string]int{}
	var covers []covered
	for _, n := range rules {
		f := d.mapping(n, "a safety rule", safetyFields)
		if f == nil {
			continue
		}
		r := SafetyRule{Line: firstLine(n)}
		for _, name := range safetyRequired {
			if _, ok := f[name]; !ok {
				d.errorf(r.Line, "safety rule: missing field %q", name)
			}
		}
		_, hasPhrases := f["phrases"]
		_, hasPersonal := f["personal"]
		_, hasTogether := f["together"]
		if !hasPhrases && !hasPersonal && !hasTogether {
			d.errorf(r.Line, "safety rule: give phrases, together, personal data kinds, or some of them")
		}
		if kv, ok := f["personal"]; ok {
			ks, _ := d.texts(kv, "personal", "kind")
			for _, k := range ks {
				if !contains(personalKinds, k.text) {
					d.errorf(k.line, "personal data kind %q: use one of %s", k.text, strings.Join(personalKinds, ", "))
					continue
				}
				r.Personal = append(r.Personal, k.text)
			}
		}
		if fv, ok := f["flag"]; ok {
			if s, ok := d.text(fv, "flag"); ok {
				r.Flag = strings.TrimSpace(s)
				switch first, dup := flags[r.Flag]; {
				case !flagRE.MatchString(r.Flag):
					d.errorf(fv.Line, "flag %q: use lower-case words joined by \"_\", like card_photo", r.Flag)
				case contains(reservedFlags, r.Flag):
					d.errorf(fv.Line, "flag %q is the bot's own: choose another name", r.Flag)
				case dup:
					d.errorf(fv.Line, "flag %q is already used on line %d", r.Flag, first)
				default:
					flags[r.Flag] = fv.Line
				}
			}
		}
		if pv, ok := f["phrases"]; ok {
			r.Phrases = l.phrases(d, pv, safetyList(r.Flag))
			if len(r.Phrases) == 0 {
				d.errorf(pv.Line, "safety rule %q has no phrases", r.Flag)
			}
		}
		if tv, ok := f["together"]; ok {
			r.Together = l.together(d, tv, fmt.Sprintf("safety rule %q", r.Flag), r.Flag)
		}
		if ov, ok := f["ours"]; ok {
			r.Ours = d.yesNo(ov, "ours")
		}
		if uv, ok := f["unless"]; ok {
			r.Unless = l.phrases(d, uv, unlessList(r.Flag))
		}
		if mv, ok := f["message"]; ok {
			r.Message = listMessage(d, mv, fmt.Sprintf("safety rule %q", r.Flag))
		}
		if cv, ok := f["covers"]; ok {
			cs, _ := d.texts(cv, "covers", "flag")
			for _, c := range cs {
				r.Covers = append(r.Covers, c.text)
				covers = append(covers, covered{c.text, c.line, r.Flag})
			}
		}
		l.set.Words.Safety = append(l.set.Words.Safety, r)
	}
	// Checked once every rule is read: a rule may cover one written after it.
	for _, c := range covers {
		switch _, ok := flags[c.flag]; {
		case c.flag == c.by:
			d.errorf(c.line, "safety rule %q covers itself: list the flags of other rules whose warning its message already says", c.by)
		case !ok:
			d.errorf(c.line, "safety rule %q covers %q, which no safety rule has as its flag", c.by, c.flag)
		}
	}
}

// covered is one flag a safety rule's covers names, kept to check once every rule is read.
type covered struct {
	flag string
	line int
	by   string
}

// together decodes a safety rule's (or scam_together's) combinations: each a list of at least two
// groups of phrases; who names the owner in messages, flag in the lists' names.
// Their lists are named "together …", not "safety …": a single everyday word of a group is
// meant to read both ways without diacritics, since only the combination counts.
func (l *loader) together(d *doc, v *yaml.Node, who, flag string) [][][]string {
	combos, ok := d.list(v, "together")
	if !ok {
		return nil
	}
	var out [][][]string
	for i, c := range combos {
		groups, ok := d.list(c, "a together combination")
		if !ok {
			continue
		}
		if len(groups) < 2 {
			d.errorf(c.Line, "%s: a together combination needs at least two groups of phrases, like [[ảnh, hình], [gửi vào đây]]", who)
			continue
		}
		var combo [][]string
		for j, g := range groups {
			ps := l.phrases(d, g, fmt.Sprintf("together %s %d.%d", flag, i+1, j+1))
			if len(ps) == 0 {
				d.errorf(g.Line, "%s: together group %d.%d has no phrases", who, i+1, j+1)
				combo = nil
				break
			}
			combo = append(combo, ps)
		}
		if combo != nil {
			out = append(out, combo)
		}
	}
	return out
}

// unmarkedReadings decodes words.yaml unmarked_readings: each item at least two phrases that
// read the same without diacritics and differ with them (phrases warns about a repeat).
func (l *loader) unmarkedReadings(d *doc, v *yaml.Node) [][]string {
	items, ok := d.list(v, "unmarked_readings")
	if !ok {
		return nil
	}
	var out [][]string
	for i, n := range items {
		ps := l.phrases(d, n, fmt.Sprintf("unmarked_readings item %d", i+1))
		if n.Kind != yaml.SequenceNode {
			continue // phrases said what is wrong
		}
		if len(ps) < 2 {
			d.errorf(n.Line, "unmarked_readings: give the reading meant and at least one other, like [sổ đỏ, số đó]")
			continue
		}
		key, bad := strings.Join(Fold(ps[0]), " "), false
		for _, p := range ps[1:] {
			if !textnorm.HasDiacritics(p) {
				// Typed without marks every reading looks alike; the other words are known by theirs.
				d.errorf(n.Line, "unmarked_readings: write the other reading %q with its diacritics (like \"số đó\" for \"sổ đỏ\")", p)
				bad = true
				continue
			}
			if k := strings.Join(Fold(p), " "); k != key {
				d.errorf(n.Line, "unmarked_readings: %q and %q do not read the same without diacritics (%q, %q)", ps[0], p, key, k)
				bad = true
			}
		}
		if !bad {
			out = append(out, ps)
		}
	}
	return out
}

// listMessage decodes the message of a safety rule or an off-topic topic (what): it must say
// something, and name a body rather than a phone number.
func listMessage(d *doc, mv *yaml.Node, what string) string {
	s, ok := d.text(mv, "message")
	if !ok {
		return ""
	}
	s = strings.TrimSpace(s)
	if s == "" {
		d.errorf(mv.Line, "%s: the message is empty", what)
	}
	checkNoPhone(d, mv.Line, s)
	return s
}

// seenCue is an off-topic cue already read: where, of which topic, as written.
type seenCue struct {
	at          loc
	topic, text string
}

// markedApart reports two phrases with the same folded words that differ in a word both give
// with its marks ("hàng", "hằng"): a message typed with marks matches one, not the other.
func markedApart(a, b string) bool {
	aw, bw := strings.Fields(strings.ToLower(a)), strings.Fields(strings.ToLower(b))
	if len(aw) != len(bw) {
		return false
	}
	for i := range aw {
		fa, fb := strings.Join(Fold(aw[i]), ""), strings.Join(Fold(bw[i]), "")
		if aw[i] != bw[i] && aw[i] != fa && bw[i] != fb {
			return true
		}
	}
	return false
}

func (l *loader) offTopicFile(d *doc, root *yaml.Node) {
	items, ok := d.topList(root, offTopicFile, offTopicFields, "topics", `missing field "topics"`)
	if !ok {
		return
	}
	ids := map[string]int{}
	cues := map[string]seenCue{}
	l.offTopicRaw = map[string]string{}
	for _, n := range items {
		tf := d.mapping(n, "an off-topic topic", offTopicTopic)
		if tf == nil {
			continue
		}
		t := OffTopic{Line: firstLine(n)}
		for _, name := range offTopicNeeds {
			if _, ok := tf[name]; !ok {
				d.errorf(t.Line, "off-topic topic: missing field %q", name)
			}
		}
		if kv, ok := tf["keeps_own"]; ok {
			t.KeepsOwn = d.yesNo(kv, "keeps_own")
		}
		if iv, ok := tf["id"]; ok {
			if s, ok := d.text(iv, "id"); ok {
				t.ID = strings.TrimSpace(s)
				if !idRE.MatchString(t.ID) {
					d.errorf(iv.Line, "id %q: use lower-case letters, digits and dashes, like gia-vang", t.ID)
				} else if first, dup := ids[t.ID]; dup {
					d.errorf(iv.Line, "id %q is already used on line %d", t.ID, first)
				}
				ids[t.ID] = iv.Line
			}
		}
		if cv, ok := tf["cues"]; ok {
			cs, _ := d.texts(cv, "cues", "cue")
			for _, c := range cs {
				key := strings.Join(Fold(c.text), " ")
				if key == "" {
					d.errorf(c.line, "cue %q has no words", c.text)
					continue
				}
				if first, dup := cues[key]; dup {
					if first.topic == t.ID && markedApart(first.text, c.text) {
						// "tuất hàng tháng" beside "tuất hằng tháng": typed with marks they are
						// different words, typed without both lead to this topic.
						t.Cues = append(t.Cues, c.text)
						continue
					}
					d.errorf(c.line, "cue %q is also a cue at %s: a message must lead to one topic", c.text, first.at)
					continue
				}
				cues[key] = seenCue{at: loc{d.path, c.line}, topic: t.ID, text: c.text}
				l.offTopicRaw[key] = c.text
				t.Cues = append(t.Cues, c.text)
			}
			if len(t.Cues) == 0 {
				d.errorf(cv.Line, "off-topic topic %q has no cues", t.ID)
			}
		}
		if mv, ok := tf["message"]; ok {
			t.Message = listMessage(d, mv, fmt.Sprintf("off-topic topic %q", t.ID))
		}
		l.set.OffTopic = append(l.set.OffTopic, t)
	}
	l.offTopicCues = make(map[string]loc, len(cues))
	for key, c := range cues {
		l.offTopicCues[key] = c.at
	}
}

// checkNoPhone refuses a phone number or ID number in a message: numbers must come from the facts
// brief, and the one hotline the bot gives is in bot.yaml. (pii leaves public 1900/1800 hotlines.)
func checkNoPhone(d *doc, line int, s string) {
	if _, kinds := pii.Redact(s); slices.ContainsFunc(kinds, func(k pii.Kind) bool { return k != pii.Name }) {
		d.errorf(line, "the message holds what looks like a phone or ID number: name the body instead (numbers must come from the facts brief)")
	}
}

// checkWords compares the word lists with each other and with synonyms.yaml once everything is
// read: a word can be a stopword or an everyday word, not both; a phrase can be one kind of small
// talk only; a do-for-me phrase cannot also be a compound that cancels it; a stopword must be a
// word or the first term of a synonym group, never a group id.
func (l *loader) checkWords() {
	byList := l.words
	index := func(list string) map[string]phraseAt {
		m := map[string]phraseAt{}
		for _, p := range byList[list] {
			m[p.key] = p
		}
		return m
	}
	conflict := func(a, b, why string) {
		other := index(b)
		for _, p := range byList[a] {
			if q, ok := other[p.key]; ok {
				l.ps.errorf(p.at.path, p.at.line, "%q is in both %s and %s (%s): %s", p.key, a, b, q.at, why)
			}
		}
	}
	conflict("everyday", "stopwords", "a stopword never counts, so drop it from everyday")
	conflict("thanks", "greetings", "small talk must lead to one reply")
	conflict("goodbyes", "greetings", "small talk must lead to one reply")
	conflict("goodbyes", "thanks", "small talk must lead to one reply")
	for _, other := range []string{"greetings", "thanks", "goodbyes"} {
		conflict("about_bot", other, "small talk must lead to one reply")
	}
	for _, other := range []string{"greetings", "thanks", "goodbyes", "about_bot"} {
		conflict("acknowledgements", other, "small talk must lead to one reply")
	}
	for _, other := range []string{"greetings", "thanks", "goodbyes", "about_bot", "acknowledgements"} {
		conflict("openers", other, "an opener waits for the question; small talk is answered")
		conflict("praise", other, "praise alone is thanked; small talk has its own reply")
	}
	conflict("praise", "openers", "a message leads to one reply")
	for _, other := range []string{"greetings", "thanks", "goodbyes", "praise"} {
		conflict("frustration", other, "a frustrated message is not small talk")
		conflict("venting", other, "venting is left out of the search, small talk answered")
	}
	conflict("do_for_me_compounds", "do_for_me", "a compound cancels the do-for-me phrase it matches")
	conflict("do_for_me_compounds", "do_for_me_please", "a compound cancels the do-for-me phrase it matches")
	// The scam list is read first: a phrase in both lists always gets the caller's warning
	// (bot.yaml safety_scam), never safety_theft; as two lines of one list it would have been warned.
	conflict("scam_theft", "scam", "the scam list wins, so its message never gets safety_theft: keep it in one list")
	// An unless phrase inside one of its rule's own phrases silences the rule on that phrase.
	for _, r := range l.set.Words.Safety {
		for _, u := range byList[unlessList(r.Flag)] {
			for _, p := range byList[safetyList(r.Flag)] {
				if strings.Contains(" "+p.key+" ", " "+u.key+" ") {
					l.ps.errorf(u.at.path, u.at.line, "unless phrase %q of safety rule %q is inside its phrase %q (%s): a message with that phrase would never be warned", u.key, r.Flag, p.key, p.at)
				}
			}
		}
	}
	for _, other := range []string{"stopwords", "everyday", "greetings", "thanks", "acknowledgements"} {
		conflict("foreign", other, "a word Vietnamese users write would make their messages read as English")
	}
	chat := map[string]bool{} // one-word terms of synonyms.yaml: Vietnamese chat writes them ("password", "update")
	for _, g := range l.set.Synonyms.Groups {
		for _, term := range g {
			if ws := Fold(term); len(ws) == 1 {
				chat[ws[0]] = true
			}
		}
	}
	for _, p := range byList["foreign"] {
		if chat[p.key] {
			l.ps.errorf(p.at.path, p.at.line, "%q in foreign is a term of synonyms.yaml: a word Vietnamese users write would make their messages read as English", p.key)
		}
	}

	firstTerms := map[string]bool{}
	for _, g := range l.set.Synonyms.Groups {
		if len(g) > 0 {
			firstTerms[strings.Join(Fold(g[0]), " ")] = true
		}
	}
	for _, p := range byList["stopwords"] {
		switch {
		case strings.HasPrefix(p.raw, "~"):
			l.ps.errorf(p.at.path, p.at.line, "stopword %q is a synonym group id: write the group's first term instead (e.g. \"như thế nào\")", p.raw)
		case strings.Contains(p.key, " ") && !firstTerms[p.key]:
			l.ps.warnf(p.at.path, p.at.line, "stopword %q has several words but is not the first term of a synonym group, so it has no effect", p.key)
		}
	}
	stop := index("stopwords")
	for _, p := range byList["places"] {
		if !strings.Contains(p.key, " ") && stop[p.key].key != "" {
			l.ps.warnf(p.at.path, p.at.line, "place %q is a stopword, which never counts: it has no effect", p.key)
		}
	}
	for _, p := range byList["question_forms"] {
		// A pair of stopwords is still a word pair the ranking counts ("khi nào"); a lone
		// stopword counts for nothing already.
		if !strings.Contains(p.key, " ") && stop[p.key].key != "" {
			l.ps.warnf(p.at.path, p.at.line, "question form %q is a stopword, which never counts: it has no effect", p.key)
		}
	}
	for key, at := range l.offTopicCues {
		all := true
		for _, w := range strings.Fields(key) {
			if _, ok := stop[w]; !ok {
				all = false
			}
		}
		if all {
			l.ps.warnf(at.path, at.line, "cue %q is made only of stopwords: it would match almost any message", key)
		}
	}
	l.checkCueCollisions()
	l.checkCueForms()
	var readings []string // in a fixed order, so warnings come out the same each time
	for list := range byList {
		if strings.HasPrefix(list, "unmarked_readings item ") {
			readings = append(readings, list)
		}
	}
	sort.Strings(readings)
	for _, list := range readings {
		if len(byList[list]) < 2 {
			continue // an error was reported
		}
		p := byList[list][0]
		switch _, ok := l.offTopicCues[p.key]; {
		case !ok:
			l.ps.warnf(p.at.path, p.at.line, "unmarked_readings: %q is not a cue of offtopic.yaml, so listing it changes nothing", p.raw)
		case textnorm.Normalize(p.raw) != textnorm.Normalize(l.offTopicRaw[p.key]):
			// The first reading is the one meant: listed second, the cue as written would be the
			// other reading and never count.
			l.ps.errorf(p.at.path, p.at.line, "unmarked_readings: write the cue first, as offtopic.yaml has it (%q), then the other readings", l.offTopicRaw[p.key])
		}
	}
	for _, list := range []string{"own_subjects", "own_procedures"} {
		for _, p := range byList[list] {
			if at, ok := l.offTopicCues[p.key]; ok {
				l.ps.errorf(p.at.path, p.at.line, "%q is in %s and is an off-topic cue (%s): a subject of ours cannot send the citizen elsewhere", p.key, list, at)
			}
		}
	}
	// A keyword that only says how a question is asked ("ở đâu", "bao lâu") draws every
	// question asked that way to its entry: "đăng ký tạm trú ở đâu" went to where cards are made.
	// Compared with diacritics ("có mặt" is not "có mất") unless the keyword has none.
	// A cue written without diacritics ("dc ko") is compared folded with every keyword.
	asks, folded, bare := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, p := range byList["question_cues"] {
		asks[textnorm.Normalize(p.raw)] = true
		folded[p.key] = true
		if !textnorm.HasDiacritics(p.raw) {
			bare[p.key] = true
		}
	}
	for _, en := range l.set.Entries {
		for _, kw := range en.Keywords {
			k, f := textnorm.Normalize(kw), strings.Join(Fold(kw), " ")
			if asks[k] || bare[f] || !textnorm.HasDiacritics(kw) && folded[f] {
				l.ps.warnf(filepath.Join(l.dir, en.File), en.Line, "entry %q: keyword %q only says how a question is asked (a question cue in words.yaml): it draws every question asked that way; name what the entry is about", en.ID, kw)
			}
		}
	}
	for _, list := range []string{"everyday", "foreign"} {
		for _, p := range byList[list] {
			if strings.Contains(p.key, " ") {
				l.ps.errorf(p.at.path, p.at.line, "%s holds single words; %q has several", list, p.key)
			}
		}
	}
}

// checkCueForms warns about a cue that another cue already gives through the synonym groups
// (Spellings.Forms): "ko trả lương" beside "không trả lương" is read anyway; in another topic it
// would send a message to whichever of the two topics comes first.
func (l *loader) checkCueForms() {
	sp := NewSpellings(l.set.Synonyms.Groups)
	asIs := map[string]bool{}
	for _, r := range l.set.Words.UnmarkedReadings {
		if len(r) > 0 {
			asIs[strings.Join(Fold(r[0]), " ")] = true
		}
	}
	topicOf := map[string]int{} // a cue's folded words → its topic
	for ti, t := range l.set.OffTopic {
		for _, c := range t.Cues {
			topicOf[strings.Join(Fold(c), " ")] = ti
		}
	}
	told := map[string]bool{}
	keepsOne := func(k string) bool { return asIs[k] }
	for ti, t := range l.set.OffTopic {
		for _, c := range t.Cues {
			own := strings.Join(Fold(c), " ")
			for _, f := range sp.formsOf(c, keepsOne) {
				key := strings.Join(Fold(f), " ")
				other, ok := topicOf[key]
				if !ok || told[key] || key == own {
					continue
				}
				told[key] = true
				at := l.offTopicCues[key]
				if other == ti {
					l.ps.warnf(at.path, at.line, "cue %q is already read from %q through synonyms.yaml: remove it", l.offTopicRaw[key], c)
				} else {
					l.ps.warnf(at.path, at.line, "cue %q of topic %q is also read from %q of topic %q through synonyms.yaml: a message must lead to one topic", l.offTopicRaw[key], l.set.OffTopic[other].ID, c, t.ID)
				}
			}
		}
	}
}

// checkCueCollisions warns about an off-topic cue or a safety phrase that, without diacritics,
// is also words of an entry's questions with other diacritics ("vé số" and "gửi về số"; "bán
// vneid" and "bản vneid"): a message typed without diacritics then reads both ways, and the
// phrase takes it away from the entry. (Do-for-me phrases have their compounds for that: "hồ sơ".)
func (l *loader) checkCueCollisions() {
	var cues []phraseAt
	for key, at := range l.offTopicCues {
		cues = append(cues, phraseAt{raw: l.offTopicRaw[key], key: key, at: at})
	}
	l.collisions(cues, "cue", "choose a longer cue")
	var lists []string // in a fixed order: a phrase in two rules is reported at the same place each time
	for list := range l.words {
		if strings.HasPrefix(list, "safety ") {
			lists = append(lists, list)
		}
	}
	sort.Strings(lists)
	var risky []phraseAt
	for _, list := range lists {
		risky = append(risky, l.words[list]...)
	}
	l.collisions(risky, "phrase", "add a word that only the meant reading has")
}

// collisions warns, for each phrase of ps with diacritics, about the first entry title or
// question holding the same words once folded, with other diacritics.
func (l *loader) collisions(ps []phraseAt, what, hint string) {
	if len(ps) == 0 {
		return
	}
	byKey := map[string]phraseAt{}
	lengths := map[int]bool{}
	for _, p := range ps {
		if _, dup := byKey[p.key]; !dup && textnorm.HasDiacritics(p.raw) {
			byKey[p.key] = p
			lengths[len(strings.Fields(p.key))] = true
		}
	}
	type use struct {
		id, text string
	}
	bySeq := map[string]use{} // folded word sequence → first entry text using it with other diacritics
	for _, en := range l.set.Entries {
		for _, q := range append([]string{en.Title}, en.Questions...) {
			exact := textnorm.Tokens(textnorm.Normalize(q))
			fold := make([]string, len(exact))
			for i, w := range exact {
				fold[i] = textnorm.Fold(w)
			}
			for n := range lengths {
				for i := 0; i+n <= len(fold); i++ {
					key := strings.Join(fold[i:i+n], " ")
					p, ok := byKey[key]
					span := strings.Join(exact[i:i+n], " ")
					if !ok || textnorm.Normalize(p.raw) == span || !textnorm.HasDiacritics(span) {
						continue
					}
					if _, seen := bySeq[key]; !seen {
						bySeq[key] = use{en.ID, span}
					}
				}
			}
		}
	}
	for key, u := range bySeq {
		p := byKey[key]
		l.ps.warnf(p.at.path, p.at.line, "%s %q reads like %q of entry %q when typed without diacritics: %s", what, p.raw, u.text, u.id, hint)
	}
}
