package textnorm

// MaxAge is the largest number read as an age: a larger one is something else.
const MaxAge = 130

// AgeAt reads an age stated at words[i] of a normalised text: "75 tuổi", "75tuổi", "75t" or
// "75 t", however "tuổi" is marked. span is how many words it takes. short reports the "t"
// forms, which are ages only after a person ("ông 75t"): the caller decides, since "bị lừa 80t"
// is money (triệu).
func AgeAt(words []string, i int) (age, span int, short, ok bool) {
	w := words[i]
	if w == "" || w[0] < '0' || w[0] > '9' {
		return 0, 0, false, false
	}
	n, rest := leadingNumber(w)
	if n < 0 || n > MaxAge {
		return 0, 0, false, false
	}
	span = 1
	if rest == "" && i+1 < len(words) {
		rest, span = words[i+1], 2 // "75 tuổi", "75 t"
	}
	switch {
	case rest == "t":
		return n, span, true, true
	case rest == "tuổi" || Fold(rest) == "tuoi":
		return n, span, false, true
	}
	return 0, 0, false, false
}

// PersonAgeAt is AgeAt with its short forms read as ages only after a word of after (folded:
// "ông 75t"); after any other word the t is triệu ("bị lừa 80t"). The search and the reading of
// stated ages share this rule.
func PersonAgeAt(words []string, i int, after map[string]bool) (age, span int, ok bool) {
	age, span, short, ok := AgeAt(words, i)
	if !ok || short && (i == 0 || !after[Fold(words[i-1])]) {
		return 0, 0, false
	}
	return age, span, true
}

// leadingNumber is the number w starts with (-1 when longer than an age) and what follows it.
func leadingNumber(w string) (int, string) {
	n, i := 0, 0
	for ; i < len(w) && w[i] >= '0' && w[i] <= '9'; i++ {
		if i == 3 {
			return -1, ""
		}
		n = n*10 + int(w[i]-'0')
	}
	return n, w[i:]
}
