package answer

import (
	"strings"
	"testing"
)

func TestSettingsSetAndList(t *testing.T) {
	s := DefaultSettings()
	list := s.List()
	if len(list) == 0 {
		t.Fatal("List() is empty")
	}
	seen := map[string]bool{}
	for _, st := range list {
		if st.Why == "" {
			t.Errorf("setting %s has no reason", st.Name)
		}
		if seen[st.Name] {
			t.Errorf("setting %s listed twice", st.Name)
		}
		seen[st.Name] = true
	}
	tests := []struct {
		pair    string
		name    string
		want    float64
		wantErr string
	}{
		{"answer=0.55", "answer", 0.55, ""},
		{"options = 2", "options", 2, ""},
		{"answer=x", "", 0, "not a number"},
		{"options=2.5", "", 0, "not a whole number"},
		{"nosuch=1", "", 0, "unknown setting"},
		{"answer", "", 0, "want name=value"},
	}
	for _, tt := range tests {
		err := s.SetPair(tt.pair)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("SetPair(%q) err = %v, want %q", tt.pair, err, tt.wantErr)
			}
			continue
		}
		if err != nil {
			t.Errorf("SetPair(%q): %v", tt.pair, err)
			continue
		}
		if got, _ := s.Get(tt.name); got != tt.want {
			t.Errorf("after SetPair(%q) %s = %v, want %v", tt.pair, tt.name, got, tt.want)
		}
	}
}
