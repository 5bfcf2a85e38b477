package main

import (
	"strings"

	"github.com/vneidbot/vneidbot/internal/answer"
)

// settingsFlag is a repeatable --set name=value over the ranking model's defaults.
type settingsFlag struct {
	s     answer.Settings
	pairs []string
}

func newSettingsFlag() *settingsFlag { return &settingsFlag{s: answer.DefaultSettings()} }

func (f *settingsFlag) String() string { return strings.Join(f.pairs, ",") }

func (f *settingsFlag) Set(pair string) error {
	if err := f.s.SetPair(pair); err != nil {
		return err
	}
	f.pairs = append(f.pairs, pair)
	return nil
}

const setUsage = "try a ranking `name=value` (repeatable; `vneidbot ask --settings` lists them)"
