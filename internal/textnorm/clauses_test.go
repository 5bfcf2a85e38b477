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
		{"mat cccd", []Clause{{"mat cccd", false}}},
		{"chào ad, em mất thẻ hôm qua. Giờ làm lại ở đâu ạ?", []Clause{{"chào ad", false}, {"em mất thẻ hôm qua", false}, {"Giờ làm lại ở đâu ạ", true}}},
		{"lệ phí 25.000 đồng, ngày 1.7.2026 ở TP.HCM", []Clause{{"lệ phí 25.000 đồng", false}, {"ngày 1.7.2026 ở TP.HCM", false}}},
		{"dc ko ạ ?", []Clause{{"dc ko ạ", true}}},
		{"mất thẻ ??? 😭 ?", []Clause{{"mất thẻ", true}}},
		{"dòng một\ndòng hai!", []Clause{{"dòng một", false}, {"dòng hai", false}}},
		{"a; b… c", []Clause{{"a", false}, {"b", false}, {"c", false}}},
		{"...", nil},
	}
	for _, tt := range tests {
		if got := Clauses(tt.in, 0, true); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Clauses(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
	if got := Clauses("chào ad, mất thẻ. làm lại ở đâu, bao lâu?", 0, false); !reflect.DeepEqual(got, []Clause{{"chào ad, mất thẻ", false}, {"làm lại ở đâu, bao lâu", true}}) {
		t.Errorf("Clauses without commas = %+v", got)
	}
	if got := Clauses("a. b. c? d", 2, false); !reflect.DeepEqual(got, []Clause{{"a", false}, {"b c d", true}}) {
		t.Errorf("Clauses with max 2 = %+v", got)
	}
}

func FuzzClauses(f *testing.F) {
	for _, s := range []string{"chào ad, em hỏi. ok?", "25.000,5", "?\n?", "ạ…!", "\xff."} {
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
