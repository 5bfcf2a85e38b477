package textnorm

import "testing"

func TestAgeAt(t *testing.T) {
	tests := []struct {
		in        string
		i         int
		age, span int
		short, ok bool
	}{
		{"bé 7 tuổi", 1, 7, 2, false, true},
		{"be 7 tuoi", 1, 7, 2, false, true},
		{"mẹ 75tuổi", 1, 75, 1, false, true},
		{"ông 75t", 1, 75, 1, true, true},
		{"ông 75 t", 1, 75, 2, true, true},
		{"bé 7 tháng", 1, 0, 0, false, false},    // months are not years
		{"năm 2025 tuổi", 1, 0, 0, false, false}, // four digits: not an age
		{"131 tuổi", 0, 0, 0, false, false},      // above MaxAge
		{"130 tuổi", 0, 130, 2, false, true},
		{"7", 0, 0, 0, false, false}, // a number alone
		{"bé tuổi", 0, 0, 0, false, false},
		{"lớp 6", 1, 0, 0, false, false},
		{"con 7tuoi", 1, 7, 1, false, true},  // glued, unmarked
		{"vay 7tr", 1, 0, 0, false, false},   // money
		{"6 14 tuổi", 1, 14, 2, false, true}, // the end of a range reads as an age here: statedAges skips it
		{"6 14 tuổi", 0, 0, 0, false, false}, // its start is followed by a number, not tuổi
	}
	for _, tt := range tests {
		age, span, short, ok := AgeAt(Tokens(Normalize(tt.in)), tt.i)
		if age != tt.age || span != tt.span || short != tt.short || ok != tt.ok {
			t.Errorf("AgeAt(%q, %d) = %d, %d, %v, %v; want %d, %d, %v, %v", tt.in, tt.i, age, span, short, ok, tt.age, tt.span, tt.short, tt.ok)
		}
	}
}

func FuzzAgeAt(f *testing.F) {
	for _, s := range []string{"bé 7 tuổi", "ông 75t", "999 tuoi", "", "7"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		words := Tokens(Normalize(s))
		for i := range words {
			age, span, _, ok := AgeAt(words, i)
			if ok && (age < 0 || age > MaxAge || span < 1 || i+span > len(words)) {
				t.Fatalf("AgeAt(%q, %d) = age %d, span %d", s, i, age, span)
			}
		}
	})
}
