// Package pii finds and hides the personal data citizens sometimes paste into a chat:
// personal ID numbers, phone numbers, one-time codes, passwords and names given as theirs. The bot never needs them,
// so it warns, and nothing downstream (logs, replies, reports) ever sees them.
package pii

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Kind names a sort of personal data.
type Kind string

// The kinds of personal data detected.
const (
	IDNumber Kind = "id_number" // 12-digit personal ID (or 9-digit old CMND)
	Phone    Kind = "phone"     // Vietnamese phone number
	Code     Kind = "code"      // OTP or passcode: a 4–8 digit code
	Password Kind = "password"  // a password written after "mật khẩu là…"
	Name     Kind = "name"      // a person's name given as theirs: "tôi tên Nguyễn Văn An"
	// GivenName is a one-word name given as theirs ("Tôi tên Hùng, sinh năm 1994…", a letter's
	// usual opening): masked like a name, but it identifies nobody, so it alone raises no warning.
	GivenName Kind = "given_name"
	// CallerPhone is a phone number told as the one that called or texted the citizen ("số
	// 0867 415 290 gọi xưng là công an", "tin nhắn từ số 09…"): a stranger's, often a scammer's.
	// It is masked like any number, but the warning not to send one's own data does not fit it.
	CallerPhone Kind = "caller_phone"
	// BirthDate is a whole date given as a date of birth: "ngày sinh 12/03/1975" (a year alone,
	// "sinh năm 1975", tells too little to mask, and the age rules need it).
	BirthDate Kind = "birth_date"
)

// Mask replaces each piece of personal data in redacted text.
const Mask = "[đã ẩn]"

var (
	// Digit groups possibly separated by spaces, dots or dashes, as people type numbers.
	// Runs of digits may hold several numbers ("001203004567 0912345678"): see segment.
	reDigits = regexp.MustCompile(`\+?\d(?:[ .\-]?\d){3,47}`)
	reGroup  = regexp.MustCompile(`\+?\d+`)
	// A secret is the word after "mật khẩu … là", "mk:", "pass =": up to four words may stand
	// between ("mật khẩu VNeID của tôi là …").
	// A comma may stand there too ("quên mk, hình như là 12345678a"); then the word must look
	// like a password.
	reSecret = regexp.MustCompile(`(?i)(mật\s*khẩu|mat\s*khau|\bmk|\bpass(?:word|code)?|\bpasscode|mã\s*pin|ma\s*pin)[\s,]*(?:[\p{L}\d]+[\s,]*){0,4}?(?:(?:là|la)\s+|[:=]\s*)(\S+)`)
	// A password typed with no "là" ("mật khẩu Abc@12345 không vào được"): a word right after the
	// keyword (or after a few words) that mixes letters and digits, or holds a symbol.
	reSecretBare = regexp.MustCompile(`(?i)(mật\s*khẩu|mat\s*khau|\bmk|\bpass(?:word)?)\s+(?:[\p{L}]+\s+){0,3}?(\S{6,})`)
	// A password given after a colon further on ("em gửi mk luôn để ad kiểm tra nhé: Thao.2001@"):
	// the word after the colon counts only when it looks like a password.
	// Only within one clause (a comma or a full stop ends it: "pass lại xe, biển số: 59X1-23456"),
	// and not after a label ("thiết bị: SM-A525F").
	reSecretColon = regexp.MustCompile(`(?i)(mật\s*khẩu|mat\s*khau|\bmk|\bpass(?:word|code)?)([^:=\n,.;!?]{0,60})[:=]\s*(\S{6,})`)
	// Go's \b is ASCII-only: after "mã" it never matches, so the word's edges are spelled out.
	// reKeyword names a password as a word of its own (not "passport", "pin" of a phone).
	reKeyword = regexp.MustCompile(`(?i)(mật\s*khẩu|mat\s*khau|(?:^|[^\p{L}])(?:mk|pass|password|passcode)(?:$|[^\p{L}]))`)
	// reWord is a word as strings.Fields cuts it: a run of anything but Unicode white space.
	reWord  = regexp.MustCompile(`[^\t\n\v\f\r \x{85}\p{Z}]+`)
	reEmail = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[\p{L}]{2,}$`)
	reCode  = regexp.MustCompile(`(?i)(?:^|[^\p{L}])(otp|mã|ma|code|passcode)(?:$|[^\p{L}])`)
	// A name is the capitalised words right after a self-introduction ("tôi tên", "tên con là",
	// "họ và tên:"). Only capitalised words count: "tôi tên trên thẻ bị sai" names nobody, and a
	// name typed in lower case cannot be told from the words around it.
	// reBirth finds a whole date after the words for a date of birth, a few words apart at most
	// ("ngày sinh của tôi là 12/03/1975", "sinh ngày 5-7-1990", "ns: 1.1.80"), or typed as eight
	// digits ("pass là ngày sinh 01011990").
	reBirth = regexp.MustCompile(`(?i)(?:ngày\s+sinh|ngay\s+sinh|sinh\s+ngày|sinh\s+ngay|ngày\s+tháng\s+năm\s+sinh|ngay\s+thang\s+nam\s+sinh|(?:^|[^\p{L}])(?:ns|dob))[\s,:=]*(?:[\p{L}]+[\s,:]*){0,4}?(\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*(?:\d{4}|\d{2})|(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])(?:19|20)\d{2})(?:[^\d]|$)`)
	// reFullName is a full name standing alone ("chị Nguyễn Thị Hoà", "mẹ tôi là Trần Văn B"): one of
	// the commonest family names, capitalised, and two or three more capitalised words. Family names
	// that are everyday words too (Hồ of "Hồ Chí Minh" and "Hồ Sơ", Lý, Hà, Mai, Dương) and the
	// unaccented spellings of marked ones that spell other words (Le "lệ", Dang "đăng", Dinh "định",
	// Truong "trường", Vo "vô") are left out: a heading typed in title case must stay readable.
	// Phan stays: it is the family name as written, though "Phan Anh…" may also be "phản ánh". Đỗ
	// (marked only: unmarked "do" is "because") was missing: "Tôi là Đỗ Văn Thắng" stayed in the
	// API's query (round 47).
	reFullName = regexp.MustCompile(`(?:^|[^\p{L}])((?i:nguyễn|trần|lê|phạm|hoàng|huỳnh|phan|vũ|võ|đặng|bùi|đỗ|ngô|trịnh|đinh|trương|nguyen|tran|pham|hoang|huynh|bui)(?:[ \t]+\p{Lu}\p{L}*){2,3})(?:$|[^\p{L}])`)
	// reCapitalRun is up to five capitalised words from the start (a name after "mk là").
	reCapitalRun = regexp.MustCompile(`^\p{Lu}\p{L}*(?:[ \t]+\p{Lu}\p{L}*){0,4}`)
	reName       = regexp.MustCompile(`(?:^|[^\p{L}])(?i:(?:tôi|toi|em|mình|minh|cháu|chau|con|bà|ông|ong|mẹ|bố|má|chồng|chong|vợ|anh|chị)(?:\s+(?:tôi|toi|em|mình|minh))?\s+(?:tên|ten)(?:\s+(?:là|la))?|(?:tên|ten)\s+(?:tôi|toi|em|mình|minh|cháu|chau|con|mẹ|bố|chồng|chong|vợ)(?:\s+(?:tôi|toi|em|mình|minh))?\s+(?:là|la)|(?:họ\s+(?:và\s+)?tên|ho\s+(?:va\s+)?ten)(?:\s+(?:là|la))?)\s*:?\s+[` + regexp.QuoteMeta(openers) + `]?(\p{Lu}\p{L}*(?:[ \t]+\p{Lu}\p{L}*){0,4})`)
)

// Find returns the kinds of personal data in text, each once, in a stable order.
func Find(text string) []Kind {
	_, kinds := Redact(text)
	return kinds
}

// Redact returns text with every piece of personal data replaced by Mask, and the kinds found.
// The text is put in NFC first, as every other part of the bot does.
func Redact(text string) (string, []Kind) {
	if !norm.NFC.IsNormalString(text) {
		text = norm.NFC.String(text)
	}
	found := map[Kind]bool{}
	// One pass can reveal what the next masks (a number masked between a password's keyword and
	// its colon brings them close enough): pass again until nothing changes, so the result is
	// stable. Masks only grow, so this ends; three passes are plenty.
	for range 3 {
		out := redactOnce(text, found)
		if out == text {
			break
		}
		text = out
	}
	var kinds []Kind
	for _, k := range []Kind{IDNumber, Phone, CallerPhone, Code, Password, Name, GivenName, BirthDate} {
		if found[k] {
			kinds = append(kinds, k)
		}
	}
	return text, kinds
}

// redactOnce is one pass of Redact, recording the kinds found.
func redactOnce(text string, found map[Kind]bool) string {
	text = redactSecrets(text, found)
	text = redactNames(text, found)
	text = redactFullNames(text, found)
	text = redactBirthDates(text, found)
	if asciiDigits(text) >= 4 { // fewer cannot make a reDigits match: most messages skip both
		hasCodeWord := reCode.MatchString(text)
		dossiers := dossierCodes(text)
		var b strings.Builder
		last := 0
		for _, at := range reDigits.FindAllStringIndex(text, -1) {
			b.WriteString(text[last:at[0]])
			b.WriteString(segment(text[at[0]:at[1]], text[:at[0]], text[at[1]:], hasCodeWord, within(at, dossiers), found))
			last = at[1]
		}
		b.WriteString(text[last:])
		text = b.String()
	}
	return text
}

var (
	// reCallerBefore ends where a stranger's number starts: "số lạ", "đầu số", a text or call
	// "từ số" (a bare "từ số" may be one's own: "chuyển từ số 09… sang số mới").
	reCallerBefore = regexp.MustCompile(`(?i)(?:(?:số|so)\s+lạ|(?:đầu|dau)\s+(?:số|so)|(?:nhắn|nhan|gọi|goi|sms|tin)\s+(?:(?:đến|den|tới|toi)\s+)?(?:từ|tu)\s+(?:số|so|sđt|sdt|số\s+điện\s+thoại|so\s+dien\s+thoai))\s*:?\s*$`)
	// reNumberWord ends with the bare word for a number ("số", "sđt"), with no owner between:
	// "sdt em 0978…" is one's own, and "số 0867… gọi" is the caller.
	reNumberWord = regexp.MustCompile(`(?i)(?:^|[^\p{L}])(?:số|so|sđt|sdt|số\s+điện\s+thoại|so\s+dien\s+thoai|số\s+máy|so\s+may)\s*:?\s*$`)
	// reCallerAfter starts with the number's own act: it called, texted or sent.
	reCallerAfter = regexp.MustCompile(`(?i)^\s*(?:(?:đã|da|vừa|vua|cứ|cu|liên\s+tục|lien\s+tuc|hay|mới|moi)\s+)?(?:gọi|goi|nhắn|nhan|gửi|gui|call|sms)(?:$|[^\p{L}])`)
)

// caller reports whether the number between before and after is told as the one that called or
// texted: after words that name a stranger's number, or after the bare word for a number when the
// number itself then calls or texts.
func caller(before, after string) bool {
	if len(before) > 40 {
		before = before[len(before)-40:]
		for len(before) > 0 && !utf8.RuneStart(before[0]) {
			before = before[1:]
		}
	}
	return reCallerBefore.MatchString(before) || reNumberWord.MatchString(before) && reCallerAfter.MatchString(after)
}

// reDossier is a dossier's code after the words that name it ("mã hồ sơ 000.00.12.H21-250812-0003",
// "số hồ sơ: G22.…", "số biên nhận …" of the receipt): the code the portal gives, not a secret.
// A few words may stand between ("số hồ sơ của tôi là …"), none naming a code ("mã hồ sơ lỗi, otp
// 482913" gives an OTP); the code holds a digit.
// A mask counts as a part of the code, so a number masked inside it on one pass leaves the rest a
// code on the next ("mã hồ sơ [đã ẩn]-251203-0045": its last groups are no OTP).
var reDossier = func() *regexp.Regexp {
	codeChar := `(?:` + regexp.QuoteMeta(Mask) + `|\S)` // a mask is one piece of the code, spaces and all
	return regexp.MustCompile(`(?i)(?:mã|ma|số|so)\s*(?:hồ\s*sơ|ho\s*so|hs|biên\s*nhận|bien\s*nhan)((?:\s+\p{L}+){0,4}?)\s*:?\s+(` + codeChar + `*\d` + codeChar + `*)`)
}()

// dossierCodes returns where the dossier codes of text are (see reDossier).
func dossierCodes(text string) [][]int {
	if !containsAny(strings.ToLower(text), []string{"hồ sơ", "ho so", "hs", "biên nhận", "bien nhan"}) {
		return nil
	}
	var spans [][]int
	for _, m := range reDossier.FindAllStringSubmatchIndex(text, -1) {
		if !reCode.MatchString(text[m[2]:m[3]]) {
			spans = append(spans, m[4:6])
		}
	}
	return spans
}

// within reports whether span at lies inside one of spans.
func within(at []int, spans [][]int) bool {
	for _, s := range spans {
		if at[0] >= s[0] && at[1] <= s[1] {
			return true
		}
	}
	return false
}

// redactBirthDates masks a date given as a date of birth (see reBirth).
func redactBirthDates(text string, found map[Kind]bool) string {
	if !containsAny(text, birthCues[:]) {
		return text // most messages: skip the expression
	}
	return maskGroup(text, reBirth, func([]int) Kind { return BirthDate }, found)
}

// redactNames masks a name the citizen gives as theirs or a relative's (see reName).
func redactNames(text string, found map[Kind]bool) string {
	if !containsAny(text, nameCues[:]) {
		return text // most messages: skip the expression
	}
	return maskGroup(text, reName, func(sub []int) Kind {
		name := strings.Fields(text[sub[2]:sub[3]])
		switch {
		case strings.HasPrefix(text[sub[2]:], Mask) || notNames[strings.ToLower(name[0])]:
			return ""
		case len(name) == 1:
			return GivenName
		}
		return Name
	}, found)
}

// redactFullNames masks a full name written without "tên" before it (see reFullName).
func redactFullNames(text string, found map[Kind]bool) string {
	if !capitalRun(text, 3) {
		return text // most messages: skip the expression
	}
	return maskGroup(text, reFullName, func(sub []int) Kind {
		name := text[sub[2]:sub[3]]
		first, _ := utf8.DecodeRuneInString(name)
		if !unicode.IsUpper(first) {
			return "" // "trần Văn" is no name: only the family name was matched without case
		}
		if afterPlaceWord(text[:sub[2]]) {
			return "" // "phường Phan Đình Phùng", "đường Nguyễn Hữu Cảnh", "số 12 Trần Hưng Đạo": a place
		}
		// In a message typed in capitals every word is capitalised ("VI PHẠM PHÁP LUẬT"): a name
		// in capitals counts only where the rest of the message has small letters.
		if strings.ToUpper(name) == name &&
			!strings.ContainsFunc(text[:sub[2]], unicode.IsLower) && !strings.ContainsFunc(text[sub[3]:], unicode.IsLower) {
			return ""
		}
		return Name
	}, found)
}

// openers are the marks a name may be typed inside: quotes and brackets (capitalRun skips one at a
// word's start, reName allows one before the name).
const openers = "\"“‘'(«["

// placeWords name a street, ward or building right before a name of a person it is called after
// (usability test 10: the personal-data warning for "phường Phan Đình Phùng"). Unmarked forms only
// where they spell nothing else before a name: "cho", "quan", "xa" stay (gửi cho Trần Văn B).
var placeWords = map[string]bool{
	"đường": true, "duong": true, "phố": true, "phường": true, "phuong": true, "quận": true, "xã": true,
	"huyện": true, "huyen": true, "ngõ": true, "ngách": true, "hẻm": true, "hem": true, "kiệt": true,
	"trường": true, "cầu": true, "chợ": true, "viện": true, "vien": true, "trấn": true, "tỉnh": true,
	"lộ": true, "tp": true, "p": true, "q": true, "đ": true, "kp": true, "thpt": true, "thcs": true,
	// a hamlet or quarter named after a person ("khu Phạm Văn Đồng", "thôn Lê Lợi")
	"khu": true, "thôn": true, "thon": true, "xóm": true, "xom": true, "ấp": true, "khóm": true, "khom": true,
}

// afterPlaceWord reports whether before ends with a word of placeWords, or a house number
// ("số 12", "45/3").
func afterPlaceWord(before string) bool {
	before = strings.TrimRightFunc(before, func(r rune) bool { return unicode.IsSpace(r) || r == '.' })
	i := strings.LastIndexFunc(before, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '/' })
	last := before[i+1:]
	if last == "" {
		return false
	}
	if strings.IndexFunc(last, unicode.IsDigit) == 0 {
		return true
	}
	return placeWords[strings.ToLower(last)]
}

// maskGroup masks the first group of each match of re in text and records the kind kindOf gives
// it; a match kindOf gives no kind ("") is left as it is.
func maskGroup(text string, re *regexp.Regexp, kindOf func(sub []int) Kind, found map[Kind]bool) string {
	subs := re.FindAllStringSubmatchIndex(text, -1)
	if subs == nil {
		return text
	}
	var b strings.Builder
	last := 0
	for _, sub := range subs {
		k := kindOf(sub)
		if k == "" {
			continue
		}
		found[k] = true
		b.WriteString(text[last:sub[2]])
		b.WriteString(Mask)
		last = sub[3]
	}
	b.WriteString(text[last:])
	return b.String()
}

// notNames are capitalised words citizens write after "họ tên" that name a paper, not a person
// ("họ tên CCCD bị sai").
var notNames = map[string]bool{"vneid": true, "cccd": true, "cmnd": true, "cmt": true, "bhyt": true, "bhxh": true, "gplx": true, "otp": true, "nfc": true, "qr": true, "app": true, "trên": true, "tren": true, "trong": true, "ở": true, "của": true, "cua": true}

// nameCues and birthCues are what every cue of reName and reBirth holds, in the cases citizens
// type them: a cheap test before the expression, with no lower-cased copy of the message.
var (
	nameCues  = [...]string{"tên", "Tên", "TÊN", "ten", "Ten", "TEN"}
	birthCues = [...]string{"sinh", "Sinh", "SINH", "ns", "NS", "Ns", "dob", "DOB", "Dob"}
)

// containsAny reports whether text holds one of words.
func containsAny(text string, words []string) bool {
	for _, w := range words {
		if strings.Contains(text, w) {
			return true
		}
	}
	return false
}

// capitalRun reports whether text has n words in a row, separated by spaces or tabs, that each
// begin with a capital letter: what a full name needs, found without the expression.
func capitalRun(text string, n int) bool {
	run, start := 0, true
	for _, r := range text {
		switch {
		case r == ' ' || r == '\t':
			start = true
			continue
		case start && strings.ContainsRune(openers, r):
			continue // a quoted name starts after its mark: "“Nguyễn Minh Châu”"
		case start && unicode.IsUpper(r):
			run++
			if run >= n {
				return true
			}
		case start || !unicode.IsLetter(r):
			run = 0 // a word in small letters, or a comma or a digit, ends the run
		}
		start = false
	}
	return false
}

// asciiDigits counts the digits 0-9 in s (what \d matches in Go's regexp).
func asciiDigits(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			n++
		}
	}
	return n
}

// redactSecrets masks the word after "mật khẩu là", "mk:" and the like.
func redactSecrets(text string, found map[Kind]bool) string {
	if !mayHoldSecret(text) {
		return text // most messages: skip the two backtracking expressions
	}
	var b strings.Builder
	last := 0
	for _, sub := range reSecret.FindAllStringSubmatchIndex(text, -1) {
		val := text[sub[4]:sub[5]]
		if isFiller(val) || strings.HasPrefix(text[sub[4]:], Mask) {
			continue
		}
		// After a comma the clause may have moved on ("quên mk, lý do là vì…"): only a word shaped
		// like a password counts.
		if strings.Contains(text[sub[3]:sub[4]], ",") && !looksLikePassword(val) {
			continue
		}
		// Words between the keyword and a colon may name something else ("mật khẩu đổi rồi mà
		// báo lỗi: ERR_401"): then only a word shaped like a password counts, and not after a
		// label. Right after the keyword ("mk: abc") anything counts.
		if between := strings.TrimSpace(text[sub[3]:sub[4]]); strings.HasSuffix(between, ":") || strings.HasSuffix(between, "=") {
			words := strings.Fields(strings.ToLower(strings.TrimRight(between, ":= \t")))
			if len(words) > 0 && (!looksLikePassword(val) || labels[words[len(words)-1]]) {
				continue
			}
		}
		if n := capitalRunAt(text[sub[4]:]); n > 0 {
			// Capitalised words, masked whole ("mật khẩu là Nguyễn Văn An" left "Văn An"): a name
			// after "mk là" (mk is "mình" too), else a password of several words.
			if mkIntro(text, sub) {
				found[Name] = true
			} else {
				found[Password] = true
			}
			b.WriteString(text[last:sub[4]])
			b.WriteString(Mask)
			last = sub[4] + n
			continue
		}
		found[Password] = true
		b.WriteString(text[last:sub[4]])
		b.WriteString(Mask)
		last = sub[4] + len(strings.TrimRight(val, ",")) // a comma after it ends the clause, not the password
	}
	if last > 0 {
		b.WriteString(text[last:])
		text = b.String()
	}
	return redactStrong(redactBare(text, found), found)
}

// redactStrong masks, in a message that names a password, any word shaped like a strong one:
// letters, digits and one of @#$%^&*!~ ("mật khẩu cũ là X, mới đổi sang Minh@2024"). The whole
// word goes, brackets and trailing marks included ("(Minh@2024!)"): none of it is shown. An
// e-mail address or an @name is not a password.
func redactStrong(text string, found map[Kind]bool) string {
	if !reKeyword.MatchString(text) {
		return text
	}
	return reWord.ReplaceAllStringFunc(text, func(w string) string {
		core := strings.Trim(w, ".,?!;:()[]{}\"'“”‘’")
		if core == "" || strings.HasPrefix(core, "@") || reEmail.MatchString(core) ||
			!strings.ContainsAny(core, "@#$%^&*!~") || !strings.ContainsFunc(core, unicode.IsLetter) ||
			!strings.ContainsFunc(core, unicode.IsDigit) || !looksLikePassword(core) {
			return w
		}
		found[Password] = true
		return Mask
	})
}

// mkIntro reports a reSecret match (sub) that reads "mk là": in chat "mk" is "mình" as well as
// "mật khẩu", and "mk là" before a full name introduces oneself.
func mkIntro(text string, sub []int) bool {
	between := strings.Fields(strings.ToLower(text[sub[3]:sub[4]]))
	return strings.EqualFold(text[sub[2]:sub[3]], "mk") && len(between) == 1 && (between[0] == "là" || between[0] == "la")
}

// capitalRunAt is the length of the two to five capitalised words text starts with, up to a
// password's keyword ("Nguyễn Văn An Mật khẩu: …" keeps its keyword); 0 for fewer than two.
func capitalRunAt(text string) int {
	run := reCapitalRun.FindString(text)
	end, n := 0, 0 // end of the last name word taken, and how many
	for _, w := range strings.Fields(run) {
		if keywordWords[strings.ToLower(w)] {
			break
		}
		end += strings.Index(run[end:], w) + len(w)
		n++
	}
	if n < 2 {
		return 0
	}
	// The rest of the last word goes too ("Minh An2024"), not a mark that ends the clause.
	if n := strings.IndexFunc(text[end:], func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune(",.;!?)", r) }); n > 0 {
		end += n
	} else if n < 0 {
		end = len(text)
	}
	return end
}

// keywordWords are the words that start a password's keyword, as a name's run must not take them.
var keywordWords = map[string]bool{"mật": true, "mat": true, "mk": true, "pass": true, "password": true, "passcode": true}

// mayHoldSecret is a cheap test for the keywords reSecret and reSecretBare start with.
func mayHoldSecret(text string) bool {
	lower := strings.ToLower(text)
	for _, k := range []string{"khẩu", "khau", "mk", "pass", "pin"} {
		if strings.Contains(lower, k) {
			return true
		}
	}
	return false
}

// redactBare masks a password typed after its keyword without "là", or after a colon further on.
func redactBare(text string, found map[Kind]bool) string {
	return redactLooking(redactLooking(text, reSecretBare, 2, found), reSecretColon, 3, found)
}

// labels are words that name what follows a colon, so it is no password ("thiết bị: SM-A525F").
// Only accented or unambiguous ones: unaccented "ma", "can", "ban" are also "mà", "cần", "bạn",
// and a password after them must still be masked. A label lets a password through, so the list
// stays short.
var labels = map[string]bool{"số": true, "phòng": true, "căn": true, "bị": true, "máy": true, "lỗi": true,
	"mã": true, "ios": true, "android": true, "bản": true, "model": true, "đời": true, "lúc": true,
	"ngày": true, "giờ": true, "chỉ": true, "thiểu": true, "dạng": true, "dụ": true, "mẫu": true}

// redactLooking masks group g of re's matches where it looks like a password.
func redactLooking(text string, re *regexp.Regexp, g int, found map[Kind]bool) string {
	var b strings.Builder
	last := 0
	for _, sub := range re.FindAllStringSubmatchIndex(text, -1) {
		if g == 3 {
			between := strings.Fields(strings.ToLower(text[sub[4]:sub[5]]))
			if len(between) > 0 && labels[between[len(between)-1]] {
				continue
			}
		}
		val := text[sub[2*g]:sub[2*g+1]]
		if !looksLikePassword(val) || strings.Contains(val, Mask) {
			continue
		}
		found[Password] = true
		b.WriteString(text[last:sub[2*g]])
		b.WriteString(Mask)
		last = sub[2*g+1]
	}
	if last == 0 {
		return text
	}
	b.WriteString(text[last:])
	return b.String()
}

// looksLikePassword: letters and digits mixed, or a symbol among them ("Abc@1234", "hoa123",
// "Thao.2001@").
func looksLikePassword(w string) bool {
	w = strings.TrimRight(w, ".,?!;:")
	if strings.Contains(w, Mask) {
		return false
	}
	var letter, digit, symbol bool
	for _, r := range w {
		switch {
		case unicode.IsLetter(r):
			letter = true
		case unicode.IsDigit(r):
			digit = true
		case strings.ContainsRune("@#$%^&*_-+=!~", r):
			symbol = true
		case r == '.': // inside a password, but so in a web address: it proves nothing alone
		default:
			return false // brackets, quotes, the mask: not one word
		}
	}
	return letter && (digit || symbol)
}

// isFiller reports whether the word after "mật khẩu là" is ordinary speech, not a password
// ("mật khẩu là gì", "mk là sao").
func isFiller(w string) bool {
	switch strings.ToLower(strings.Trim(w, ".,?!;:")) {
	case "gì", "gi", "j", "sao", "bao", "như", "nhu", "thế", "the", "mấy", "may", "số", "so", "chữ", "chu", "do", "để", "de", "":
		return true
	case "ngày", "ngay", "năm", "nam", "tên", "ten", "mã", "ma", "mặc", "mac", "sđt", "sdt", "cái", "cai", "một", "mot", "hai", "ba":
		// a description of the password ("là ngày sinh", "là tên con"), not the password
		return true
	case "mật", "mat", "mk", "pass", "password", "passcode", "pin", "otp":
		// a comparison of two secrets' names ("passcode có phải là mật khẩu không", "mk là mk
		// vneid hay mk khác"), not a secret
		return true
	}
	return false
}

// segment redacts a run of digit groups. The whole run may be one number ("0912 345 678"), or
// several typed side by side ("001203004567 0912345678"): from the left, the longest span of
// groups that is personal data is masked, and the search goes on after it.
//
// In a dossier's code (inDossier) a short run is a part of the code, not an OTP ("…-250812-0003"):
// only a phone or an ID number is masked there, and nine digits across its groups are no old CMND.
// before and after are the text around the run: a whole run that is a phone told as the
// caller is a CallerPhone (see caller).
func segment(m, before, after string, hasCodeWord, inDossier bool, found map[Kind]bool) string {
	kindOf := func(m string) (Kind, bool) {
		k, ok := classify(m, hasCodeWord)
		if ok && k == Code && inDossier {
			return "", false
		}
		return k, ok
	}
	if k, ok := kindOf(m); ok {
		if k == Phone && caller(before, after) {
			k = CallerPhone // told as the one that called or texted: a stranger's
		}
		found[k] = true
		return Mask
	}
	part := kindOf
	if inDossier {
		// A part of a dossier's code is masked only when it is a phone or an ID number typed into
		// the code ("…-0912345678", "001203004567-0003"): a 9-digit part only as one unbroken
		// group, since nine digits across the code's groups ("789-251203" of
		// "G01.123.456.789-251203-0021") are no old CMND.
		part = func(s string) (Kind, bool) {
			k, ok := kindOf(s)
			if ok && k == IDNumber && strings.ContainsAny(s, " .-") && asciiDigits(s) == 9 {
				return "", false
			}
			return k, ok
		}
	}
	groups := reGroup.FindAllStringIndex(m, -1)
	if len(groups) < 2 {
		return m
	}
	var b strings.Builder
	last := 0
	for i := 0; i < len(groups); {
		j := len(groups)
		for ; j > i; j-- {
			span := m[groups[i][0]:groups[j-1][1]]
			if j-i == len(groups) {
				continue // the whole run was tried above
			}
			if k, ok := part(span); ok {
				found[k] = true
				b.WriteString(m[last:groups[i][0]])
				b.WriteString(Mask)
				last = groups[j-1][1]
				break
			}
		}
		if j > i {
			i = j
		} else {
			i++
		}
	}
	b.WriteString(m[last:])
	return b.String()
}

func classify(m string, hasCodeWord bool) (Kind, bool) {
	digits := make([]byte, 0, len(m))
	for i := 0; i < len(m); i++ {
		if m[i] >= '0' && m[i] <= '9' {
			digits = append(digits, m[i])
		}
	}
	d := string(digits)
	n := len(d)
	switch {
	case strings.HasPrefix(d, "1900") || strings.HasPrefix(d, "1800"):
		return "", false // service hotlines are public
	case strings.HasPrefix(m, "+84") && n == 11, strings.HasPrefix(d, "84") && n == 11 && d[2] != '0':
		return Phone, true
	case n == 10 && d[0] == '0' && d[1] != '0':
		return Phone, true
	case n == 12 && d[0] == '0':
		return IDNumber, true
	case n == 9 && d[0] != '0' && !hasDate(m):
		return IDNumber, true // old 9-digit CMND
	case n == 6 && !strings.ContainsAny(m, " .-"):
		return Code, true // OTPs and passcodes are 6 digits
	case n >= 4 && n <= 8 && hasCodeWord && !strings.ContainsAny(m, " .-") && !looksLikeYear(d):
		return Code, true
	case n >= 4 && n <= 8 && hasCodeWord && spelled(m):
		return Code, true // read out digit by digit: "5 0 1 7 7 2"
	case n == 6 && hasCodeWord && pairsOrTriples(m) && !strings.HasSuffix(m, "000") && !dateLike(m):
		return Code, true // a 6-digit code typed in parts: "218 644", "21 86 44"
	}
	return "", false
}

// pairsOrTriples reports digits typed in groups of two or three, one space apart, all of one size.
func pairsOrTriples(m string) bool {
	groups := strings.Split(m, " ")
	if len(groups) < 2 {
		return false
	}
	for _, g := range groups {
		if len(g) != len(groups[0]) || len(g) < 2 || len(g) > 3 || strings.Trim(g, "0123456789") != "" {
			return false
		}
	}
	return true
}

// dateLike reports day month year in pairs ("12 05 24").
func dateLike(m string) bool {
	g := strings.Split(m, " ")
	if len(g) != 3 || len(g[0]) != 2 {
		return false
	}
	return g[0] >= "01" && g[0] <= "31" && g[1] >= "01" && g[1] <= "12"
}

// spelled reports a code typed one digit at a time, separated by spaces.
func spelled(m string) bool {
	for i := 0; i < len(m); i++ {
		if (i%2 == 0) != (m[i] >= '0' && m[i] <= '9') || i%2 == 1 && m[i] != ' ' {
			return false
		}
	}
	return true
}

func hasDate(m string) bool { return strings.Count(m, ".") == 2 || strings.Count(m, "-") == 2 }

func looksLikeYear(d string) bool {
	return len(d) == 4 && (strings.HasPrefix(d, "19") || strings.HasPrefix(d, "20"))
}
