package textnorm

import (
	"reflect"
	"strings"
	"testing"
)

func TestClauses(t *testing.T) {
	tests := []struct {
		in   string
		want []Clause
	}{
		{"", nil},
		{"mat cccd", []Clause{{"mat cccd", false, false}}},
		{"chào ad, em mất thẻ hôm qua. Giờ làm lại ở đâu ạ?", []Clause{{"chào ad", false, false}, {"em mất thẻ hôm qua", false, false}, {"Giờ làm lại ở đâu ạ", true, false}}},
		{"lệ phí 25.000 đồng, ngày 1.7.2026 ở TP.HCM", []Clause{{"lệ phí 25.000 đồng", false, false}, {"ngày 1.7.2026 ở TP.HCM", false, false}}},
		{"dc ko ạ ?", []Clause{{"dc ko ạ", true, false}}},
		{"mất thẻ ??? 😭 ?", []Clause{{"mất thẻ", true, false}}},
		{"dòng một\ndòng hai!", []Clause{{"dòng một", false, false}, {"dòng hai", false, false}}},
		{"a; b… c", []Clause{{"a", false, false}, {"b", false, false}, {"c", false, false}}},
		{"...", nil},
		// a numbered list typed in one line: split before each number, the numbers left out
		{"cho em hỏi 2 việc: 1. làm thẻ cho con cần gì 2. tạm trú online thế nào", []Clause{{"cho em hỏi 2 việc:", false, false}, {"làm thẻ cho con cần gì", false, true}, {"tạm trú online thế nào", false, true}}},
		{"1) khai sinh can gi 2) nhap khau sao 3) bhyt bao lau co", []Clause{{"khai sinh can gi", false, true}, {"nhap khau sao", false, true}, {"bhyt bao lau co", false, true}}},
		{"1. mất thẻ làm sao? 2. vneid có khóa không?", []Clause{{"mất thẻ làm sao", true, true}, {"vneid có khóa không", true, true}}},
		// look-alikes: numbers of the text stay
		{"con học lớp 3. Giờ làm thẻ ở đâu", []Clause{{"con học lớp 3", false, false}, {"Giờ làm thẻ ở đâu", false, false}}},
		{"sinh năm 2011. làm thẻ", []Clause{{"sinh năm 2011", false, false}, {"làm thẻ", false, false}}},
		{"bé 1 tuổi. 2 tuổi thì sao", []Clause{{"bé 1 tuổi", false, false}, {"2 tuổi thì sao", false, false}}},
		{"có 2) cách", []Clause{{"có 2) cách", false, false}}},
		// review r51: a "1." after a word, or with no "2." after it, is a number of the text
		{"Tôi đang ở mức 1. Muốn lên mức 2. Làm thế nào?", []Clause{{"Tôi đang ở mức 1", false, false}, {"Muốn lên mức 2", false, false}, {"Làm thế nào", true, false}}},
		{"Con em học lớp 1. Làm thẻ cần gì 2. tạm trú thế nào", []Clause{{"Con em học lớp 1", false, false}, {"Làm thẻ cần gì 2", false, false}, {"tạm trú thế nào", false, false}}},
		{"ngày 1. 7. 2024 tôi nộp", []Clause{{"ngày 1", false, false}, {"7", false, false}, {"2024 tôi nộp", false, false}}},
		{"nhà số 1) ngõ 2) phố Huế", []Clause{{"nhà số 1) ngõ 2) phố Huế", false, false}}},
		// "1)" inside a sentence numbers a list when "2)" follows three words or more later
		{"ad cho hỏi 1) làm lại thẻ bị mất được ko 2) bao lâu có", []Clause{{"ad cho hỏi", false, false}, {"làm lại thẻ bị mất được ko", false, true}, {"bao lâu có", false, true}}},
		{"ad cho hoi 1) lam the o dau 2. bao lau", []Clause{{"ad cho hoi 1) lam the o dau 2", false, false}, {"bao lau", false, false}}}, // "1)" inside a sentence needs "2)"
		{"số 1) ngõ hai 2) phố", []Clause{{"số 1) ngõ hai 2) phố", false, false}}},
		{"lần 1) em lên phường hỏi làm thẻ lần 2) em hỏi tạm trú", []Clause{{"lần 1) em lên phường hỏi làm thẻ lần 2) em hỏi tạm trú", false, false}}}, // the same word counted
		{"1. mất thẻ làm sao", []Clause{{"1", false, false}, {"mất thẻ làm sao", false, false}}},                                                       // no "2.": as before
		{"1) khai sinh cho con cần gì 3) tạm trú online thế nào", []Clause{{"1) khai sinh cho con cần gì 3) tạm trú online thế nào", false, false}}},
		// a list restarted on a new line
		{"1. mất thẻ 2. quên mk\n1. đổi sđt 2. khóa tk", []Clause{{"mất thẻ", false, true}, {"quên mk", false, true}, {"đổi sđt", false, true}, {"khóa tk", false, true}}},
		{"Tôi có 2 câu hỏi. 1) mất thẻ? 2) quên mk", []Clause{{"Tôi có 2 câu hỏi", false, false}, {"mất thẻ", true, true}, {"quên mk", false, true}}},
		// numbers said with "là" (round 65, usability test 28 #6 class): "1 là …, 2 là …"
		{"cho mình hỏi 2 việc: 1 là đi làm xa có phải khai tạm vắng không. 2 là thẻ hết hạn thì làm sao", []Clause{{"cho mình hỏi 2 việc:", false, false}, {"đi làm xa có phải khai tạm vắng không", false, true}, {"thẻ hết hạn thì làm sao", false, true}}},
		{"em hoi 1 la mat the lam lai o dau 2 la vneid co phai khoa ko 3 la bao lau", []Clause{{"em hoi", false, false}, {"mat the lam lai o dau", false, true}, {"vneid co phai khoa ko", false, true}, {"bao lau", false, true}}},
		// look-alikes: the same word counted, too few words, no "2 là", a number inside a word
		{"mức 1 là gì, mức 2 là gì", []Clause{{"mức 1 là gì", false, false}, {"mức 2 là gì", false, false}}},
		{"lần 1 là em lên phường hỏi, lần 2 là em gọi điện", []Clause{{"lần 1 là em lên phường hỏi", false, false}, {"lần 2 là em gọi điện", false, false}}},
		{"1 là hay 2 là", []Clause{{"1 là hay 2 là", false, false}}},
		{"con em 1 là tuổi làm thẻ được không", []Clause{{"con em 1 là tuổi làm thẻ được không", false, false}}},
		{"phí 21 là bao nhiêu 2 là sao", []Clause{{"phí 21 là bao nhiêu 2 là sao", false, false}}},
		// review rv65m: look-alikes where "N là" is no list number: a count of a noun (after any word
		// but a lead-in like "hỏi", "ơi", "việc": "mức độ 2 là", "loại 1 là", "nhà em có 1 là con trai"),
		// a phone number, money, too few words; the same noun counted ("số 1 là … số 2 là")
		{"mức 1 là gì mức 2 là gì", []Clause{{"mức 1 là gì mức 2 là gì", false, false}}},
		{"lần 1 là lên phường hỏi cán bộ, lần 2 là gọi tổng đài mà vẫn chưa được", []Clause{{"lần 1 là lên phường hỏi cán bộ", false, false}, {"lần 2 là gọi tổng đài mà vẫn chưa được", false, false}}},
		{"1 là đủ 2 là thừa", []Clause{{"1 là đủ 2 là thừa", false, false}}},
		{"sđt em 0912 1 là số cũ của em, 2 là số mới mua", []Clause{{"sđt em 0912 1 là số cũ của em", false, false}, {"2 là số mới mua", false, false}}},
		{"con 1 là trai 2 là gái thì làm thẻ thế nào", []Clause{{"con 1 là trai 2 là gái thì làm thẻ thế nào", false, false}}},
		{"nhà em có 1 là con trai 14 tuổi 2 là con gái 10 tuổi", []Clause{{"nhà em có 1 là con trai 14 tuổi 2 là con gái 10 tuổi", false, false}}},
		{"phí 1 là 100k nộp online 2 là 200k nộp trực tiếp đúng không", []Clause{{"phí 1 là 100k nộp online 2 là 200k nộp trực tiếp đúng không", false, false}}},
		{"1 là 100k 2 là 200k đúng không ad", []Clause{{"1 là 100k 2 là 200k đúng không ad", false, false}}},
		{"cho em hỏi số 1 là làm lại thẻ mất ở đâu số 2 là đổi sđt vneid thế nào", []Clause{{"cho em hỏi số 1 là làm lại thẻ mất ở đâu số 2 là đổi sđt vneid thế nào", false, false}}},
		{"mức 1 là gì, mức độ 2 là gì", []Clause{{"mức 1 là gì", false, false}, {"mức độ 2 là gì", false, false}}},
		{"loại 1 là thẻ cứng có chip 2 là thẻ trên điện thoại à", []Clause{{"loại 1 là thẻ cứng có chip 2 là thẻ trên điện thoại à", false, false}}},
		// said lists after a lead-in word, unmarked, and restarted on a new line
		{"em hoi 1 la mat the lam lai o dau 2 la doi sdt vneid the nao", []Clause{{"em hoi", false, false}, {"mat the lam lai o dau", false, true}, {"doi sdt vneid the nao", false, true}}},
		{"ad ơi, 1 là em mất thẻ rồi 2 là em quên mật khẩu vneid luôn", []Clause{{"ad ơi", false, false}, {"em mất thẻ rồi", false, true}, {"em quên mật khẩu vneid luôn", false, true}}},
		{"em có 2 việc 1 là mất thẻ làm lại ở đâu 2 là quên mật khẩu vneid", []Clause{{"em có 2 việc", false, false}, {"mất thẻ làm lại ở đâu", false, true}, {"quên mật khẩu vneid", false, true}}},
		{"1 là làm lại thẻ mất ở đâu 2 là đổi sđt thế nào\n1 là khóa vneid có mở được không 2 là mở ở đâu", []Clause{{"làm lại thẻ mất ở đâu", false, true}, {"đổi sđt thế nào", false, true}, {"khóa vneid có mở được không", false, true}, {"mở ở đâu", false, true}}},
	}
	for _, tt := range tests {
		if got := Clauses(tt.in, 0, true); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Clauses(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
	if got := Clauses("chào ad, mất thẻ. làm lại ở đâu, bao lâu?", 0, false); !reflect.DeepEqual(got, []Clause{{"chào ad, mất thẻ", false, false}, {"làm lại ở đâu, bao lâu", true, false}}) {
		t.Errorf("Clauses without commas = %+v", got)
	}
	if got := Clauses("a. b. c? d", 2, false); !reflect.DeepEqual(got, []Clause{{"a", false, false}, {"b c d", true, false}}) {
		t.Errorf("Clauses with max 2 = %+v", got)
	}
}

func FuzzClauses(f *testing.F) {
	for _, s := range []string{"chào ad, em hỏi. ok?", "25.000,5", "?\n?", "ạ…!", "\xff.", "1. a 2. b", "x: 1) y 2) z", "a 1) b c d 2) e", "x 1 là a b c 2 là d", "mức 1 là a, mức 2 là b", "mức 1 là a b, mức độ 2 là c", "em hỏi 1 la a b c\n1 la d e f 2 la g", "lớp 1. a", "1. a 2. b\n1. c 2. d"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		cs := Clauses(s, 8, len(s)%2 == 0)
		if len(cs) > 8 {
			t.Fatalf("Clauses(%q) = %d clauses, max 8", s, len(cs))
		}
		for _, c := range cs {
			if c.Text == "" || c.Text != strings.TrimSpace(c.Text) || !hasWord(c.Text) {
				t.Fatalf("Clauses(%q): bad clause %q", s, c.Text)
			}
			if !strings.Contains(s, strings.Fields(c.Text)[0]) {
				t.Fatalf("Clauses(%q): clause %q is not from the message", s, c.Text)
			}
		}
	})
}
