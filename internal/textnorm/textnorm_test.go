package textnorm

import (
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Mất thẻ CCCD?", "mất thẻ cccd"},
		{"  Đăng   ký   VNeID!!! ", "đăng ký vneid"},
		{norm.NFD.String("Đăng ký mức 2"), "đăng ký mức 2"}, // decomposed input from some keyboards
		{"sđt: 0912-345-678", "sđt 0912 345 678"},
		{"ko dc ạ...", "ko dc ạ"},
		{"", ""},
		{"???", ""},
	}
	for _, tt := range tests {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"đăng ký định danh điện tử", "dang ky dinh danh dien tu"},
		{"mất thẻ căn cước", "mat the can cuoc"},
		{"ưu tiên người cao tuổi", "uu tien nguoi cao tuoi"},
		{"quên mật khẩu", "quen mat khau"},
		{"đ", "d"},
		{"abc 123", "abc 123"},
		{"học bạ ỹ ỵ", "hoc ba y y"},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestToneKey: words that differ only in vowel marks agree; a different tone keeps them apart.
func TestToneKey(t *testing.T) {
	tests := []struct {
		a, b string
		same bool
	}{
		{"cuớc", "cước", true},
		{"gẫy", "gãy", true},
		{"bể", "bẻ", true},
		{"cccđ", "cccd", true},
		{"mất", "mắt", true}, // same tone: the key cannot tell them
		{"mất", "mát", true},
		{"mất", "mặt", false},
		{"gáy", "gãy", false},
		{"thẻ", "thể", true},
		{"ma", "má", false},
		{"abc", "abc", true},
		{"", "", true},
		{"ĐƯỢC", "duọc", true},                   // upper case: lowered first (Đ was once left as đ)
		{"cu\u031Bo\u031B\u0301c", "cuớc", true}, // "cước" in NFD: composed first
		{"ñ", "n", false},                        // not a Vietnamese vowel mark
	}
	for _, tt := range tests {
		if got := ToneKey(tt.a) == ToneKey(tt.b); got != tt.same {
			t.Errorf("ToneKey(%q) == ToneKey(%q): %v, want %v (%q, %q)", tt.a, tt.b, got, tt.same, ToneKey(tt.a), ToneKey(tt.b))
		}
	}
}

func TestUndoTelex(t *testing.T) {
	tests := []struct{ in, want string }{
		{"dduwowcj", "duoc"},
		{"vieetj", "viet"},
		{"khoong", "khong"},
		{"caaps", "cap"},
		{"cccd", ""},
		{"the", ""},
		{"ab", ""},
		{"vneid", ""},
	}
	for _, tt := range tests {
		if got := UndoTelex(tt.in); got != tt.want {
			t.Errorf("UndoTelex(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestUndoVNI(t *testing.T) {
	tests := []struct{ in, want string }{
		{"d9u7o7c5", "duoc"},
		{"vie6t5", "viet"},
		{"123456", ""},
		{"muc2", "muc"},
		{"abc", ""},
	}
	for _, tt := range tests {
		if got := UndoVNI(tt.in); got != tt.want {
			t.Errorf("UndoVNI(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"Mất thẻ CCCD?", norm.NFD.String("Đăng ký"), "ko dc", "\xff\xfe", "a\u0301\u0323", "dduwowcj"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := Normalize(s)
		if !utf8.ValidString(n) {
			t.Fatalf("Normalize(%q) is not valid UTF-8", s)
		}
		if Normalize(n) != n {
			t.Fatalf("Normalize is not idempotent on %q: %q then %q", s, n, Normalize(n))
		}
		if strings.Contains(n, "  ") || strings.HasPrefix(n, " ") || strings.HasSuffix(n, " ") {
			t.Fatalf("Normalize(%q) = %q has stray spaces", s, n)
		}
		f := Fold(n)
		if Fold(f) != f {
			t.Fatalf("Fold is not idempotent on %q", n)
		}
		if HasDiacritics(f) {
			t.Fatalf("Fold(%q) = %q still has diacritics", n, f)
		}
		for _, tok := range Tokens(f) {
			UndoTelex(tok)
			UndoVNI(tok)
		}
		// The tone key drops only vowel-quality marks: idempotent, and folded it is the fold.
		k := ToneKey(n)
		if ToneKey(k) != k {
			t.Fatalf("ToneKey is not idempotent on %q: %q then %q", n, k, ToneKey(k))
		}
		if Fold(k) != f {
			t.Fatalf("Fold(ToneKey(%q)) = %q, want Fold = %q", n, Fold(k), f)
		}
	})
}

func BenchmarkNormalizeFold(b *testing.B) {
	s := "Cho mình hỏi, mình đã đăng ký tài khoản định danh mức 2 mà không nhận được mã OTP thì phải làm sao ạ?"
	b.ReportAllocs()
	for b.Loop() {
		Fold(Normalize(s))
	}
}

func TestIsDigits(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{"49", true}, {"0", true}, {"", false}, {"7t", false}, {"２", false}, {"-1", false}, {"1.5", false},
	} {
		if got := IsDigits(tc.in); got != tc.want {
			t.Errorf("IsDigits(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}
