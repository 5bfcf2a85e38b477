// Package pii finds and hides the personal data citizens sometimes paste into a chat:
// personal ID numbers, phone numbers, one-time codes and passwords. The bot never needs them,
// so it warns, and nothing downstream (logs, replies, reports) ever sees them.
package pii

import (
	"regexp"
	"strings"

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
)

// Mask replaces each piece of personal data in redacted text.
const Mask = "[đã ẩn]"

var (
	// Digit groups possibly separated by spaces, dots or dashes, as people type numbers.
	reDigits = regexp.MustCompile(`\+?\d(?:[ .\-]?\d){3,13}`)
	reSecret = regexp.MustCompile(`(?i)(mật\s*khẩu|mat\s*khau|\bmk|\bpass(?:word|code)?|\bpasscode|mã\s*pin|ma\s*pin)\s*(?:(?:của|cua)\s*(?:tôi|toi|mình|minh|em|anh|chị|chi)\s*)?(?:là|la|:|=)\s*(\S+)`)
	reCode   = regexp.MustCompile(`(?i)(otp|mã|ma|code|passcode)\b`)
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
	text = redactSecrets(text, found)
	hasCodeWord := reCode.MatchString(text)
	text = reDigits.ReplaceAllStringFunc(text, func(m string) string {
		k, ok := classify(m, hasCodeWord)
		if !ok {
			return m
		}
		found[k] = true
		return Mask
	})
	var kinds []Kind
	for _, k := range []Kind{IDNumber, Phone, Code, Password} {
		if found[k] {
			kinds = append(kinds, k)
		}
	}
	return text, kinds
}

// redactSecrets masks the word after "mật khẩu là", "mk:" and the like.
func redactSecrets(text string, found map[Kind]bool) string {
	var b strings.Builder
	last := 0
	for _, sub := range reSecret.FindAllStringSubmatchIndex(text, -1) {
		val := text[sub[4]:sub[5]]
		if isFiller(val) || strings.HasPrefix(text[sub[4]:], Mask) {
			continue
		}
		found[Password] = true
		b.WriteString(text[last:sub[4]])
		b.WriteString(Mask)
		last = sub[5]
	}
	if last == 0 {
		return text
	}
	b.WriteString(text[last:])
	return b.String()
}

// isFiller reports whether the word after "mật khẩu là" is ordinary speech, not a password
// ("mật khẩu là gì", "mk là sao").
func isFiller(w string) bool {
	switch strings.ToLower(strings.Trim(w, ".,?!;:")) {
	case "gì", "gi", "j", "sao", "bao", "như", "nhu", "thế", "the", "mấy", "may", "số", "so", "chữ", "chu", "do", "để", "de", "":
		return true
	}
	return false
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
	}
	return "", false
}

func hasDate(m string) bool { return strings.Count(m, ".") == 2 || strings.Count(m, "-") == 2 }

func looksLikeYear(d string) bool {
	return len(d) == 4 && (strings.HasPrefix(d, "19") || strings.HasPrefix(d, "20"))
}
