package main

import (
	"context"
	"fmt"
	"log/slog"
	"strings"

	"github.com/vneidbot/vneidbot/internal/answer"
	"github.com/vneidbot/vneidbot/internal/kb"
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

// openKBSettings opens the knowledge base with the given ranking settings.
func openKBSettings(ctx context.Context, logger *slog.Logger, faqDir, indexDir string, s answer.Settings) (*kb.Live, error) {
	return kb.Open(ctx, logger, kb.Config{FAQDir: faqDir, IndexDir: indexDir, Settings: &s})
}

// writeSettings prints every setting with its value and reason.
func writeSettings(w interface{ Write([]byte) (int, error) }, s answer.Settings) {
	for _, st := range s.List() {
		fmt.Fprintf(w, "%-18s %-8s %s\n", st.Name, st.Value, st.Why)
	}
}
