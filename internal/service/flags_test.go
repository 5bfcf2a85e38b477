package service

import (
	"bytes"
	"strings"
	"testing"
)

func TestFlags(t *testing.T) {
	tests := []struct {
		name      string
		args      []string
		env       map[string]string
		wantCode  int
		wantOK    bool
		wantFAQ   string
		wantIndex string
		wantStop  string // in stderr when the subcommand stops
	}{
		{name: "defaults", wantOK: true, wantFAQ: "faq", wantIndex: "index"},
		{name: "env over default", env: map[string]string{"VNEIDBOT_FAQ": "/srv/faq", "VNEIDBOT_INDEX": "/var/idx"},
			wantOK: true, wantFAQ: "/srv/faq", wantIndex: "/var/idx"},
		{name: "flag over env", args: []string{"--faq", "mine"}, env: map[string]string{"VNEIDBOT_FAQ": "/srv/faq"},
			wantOK: true, wantFAQ: "mine", wantIndex: "index"},
		{name: "help", args: []string{"-h"}, wantCode: 0, wantStop: "usage: vneidbot x\n"},
		{name: "bad flag", args: []string{"--nope"}, wantCode: 2, wantStop: "flag provided but not defined: -nope"},
		{name: "bad setting", args: []string{"--set", "nope=1"}, wantCode: 2, wantStop: `unknown setting "nope"`},
		{name: "bad setting value", args: []string{"--set", "margin=x"}, wantCode: 2, wantStop: "margin"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stderr bytes.Buffer
			fs := NewFlags("x", "usage: vneidbot x\n", func(k string) string { return tt.env[k] }, &stderr)
			var c Content
			fs.Content(&c)
			s := fs.Settings()
			code, ok := fs.ParseArgs(tt.args)
			if code != tt.wantCode || ok != tt.wantOK {
				t.Fatalf("ParseArgs(%q) = %d, %v; want %d, %v (stderr %q)", tt.args, code, ok, tt.wantCode, tt.wantOK, stderr.String())
			}
			if !ok {
				if !strings.Contains(stderr.String(), tt.wantStop) {
					t.Errorf("stderr %q does not say %q", stderr.String(), tt.wantStop)
				}
				return
			}
			if c.FAQDir != tt.wantFAQ || c.IndexDir != tt.wantIndex {
				t.Errorf("faq, index = %q, %q; want %q, %q", c.FAQDir, c.IndexDir, tt.wantFAQ, tt.wantIndex)
			}
			if s == nil {
				t.Fatal("Settings returned nil")
			}
		})
	}
}

func TestSettingsFlag(t *testing.T) {
	f := NewSettingsFlag()
	def, _ := f.Settings.Get("margin")
	for _, pair := range []string{"margin=0.25", "answer=0.3"} {
		if err := f.Set(pair); err != nil {
			t.Fatalf("Set(%q): %v", pair, err)
		}
	}
	if got, _ := f.Settings.Get("margin"); got != 0.25 || got == def {
		t.Errorf("margin = %v after --set margin=0.25 (default %v)", got, def)
	}
	if got, want := f.String(), "margin=0.25,answer=0.3"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	if err := f.Set("margin"); err == nil {
		t.Error(`Set("margin") without a value: no error`)
	}
}

func TestValidateArgs(t *testing.T) {
	c := Config{HTTPAddr: "127.0.0.1:0", FAQDir: t.TempDir(), IndexDir: t.TempDir(), LogLevel: "info", Workers: 1}
	if err := c.ValidateArgs(nil); err != nil {
		t.Fatalf("a valid config: %v", err)
	}
	err := c.ValidateArgs([]string{"extra"})
	if err == nil || !strings.Contains(err.Error(), `unexpected arguments ["extra"]`) {
		t.Errorf("leftover arguments: %v", err)
	}
	c.Workers = 0
	err = c.ValidateArgs([]string{"extra"})
	if err == nil || !strings.Contains(err.Error(), "--workers 0") || !strings.Contains(err.Error(), "unexpected arguments") {
		t.Errorf("a bad field and leftover arguments are reported together: %v", err)
	}
}
