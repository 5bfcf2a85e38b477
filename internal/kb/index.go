package kb

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/vneidbot/vneidbot/internal/search"
)

// openIndex returns the index for content with the given hash. On disk, each content version
// has its own directory named after its hash; it is built in a temporary directory and renamed
// into place, so two processes never see half an index. A stale or damaged one is rebuilt.
func openIndex(ctx context.Context, logger *slog.Logger, dir, hash string, entries []search.Entry, lex search.Lexicon, p search.Params, examples []search.Example) (*search.Index, error) {
	if dir == "" {
		return search.Build("", entries, lex, p, examples)
	}
	name := IndexName(hash)
	target := filepath.Join(dir, name)
	if _, err := os.Stat(target); err == nil {
		ix, err := search.Open(target, entries, lex, p, examples)
		if err == nil {
			return ix, nil
		}
		logger.Warn("kb.index_rebuild", "dir", target, "err", err)
		if err := os.RemoveAll(target); err != nil {
			return nil, fmt.Errorf("remove stale index %s: %w", target, err)
		}
	}
	if err := Build(ctx, logger, dir, hash, entries, lex, p); err != nil {
		return nil, err
	}
	return search.Open(target, entries, lex, p, examples)
}

// IndexName is the directory name of the index for content with the given hash.
func IndexName(hash string) string {
	if len(hash) > 16 {
		hash = hash[:16]
	}
	return "faq-" + hash + "-v" + search.Version
}

// Build writes the index for content with the given hash under dir, atomically, and removes
// indexes of other content versions. An index already in place is kept.
func Build(ctx context.Context, logger *slog.Logger, dir, hash string, entries []search.Entry, lex search.Lexicon, p search.Params) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create index dir %s: %w", dir, err)
	}
	start := time.Now()
	tmp, err := os.MkdirTemp(dir, ".build-")
	if err != nil {
		return fmt.Errorf("create temp index dir in %s: %w", dir, err)
	}
	defer os.RemoveAll(tmp)
	built := filepath.Join(tmp, "index")
	ix, err := search.Build(built, entries, lex, p, nil)
	if err != nil {
		return err
	}
	if err := ix.Close(); err != nil {
		return fmt.Errorf("write index %s: %w", built, err)
	}
	target := filepath.Join(dir, IndexName(hash))
	if err := os.Rename(built, target); err != nil {
		if _, statErr := os.Stat(target); statErr == nil {
			return nil // another process built the same content first
		}
		return fmt.Errorf("move index into place %s: %w", target, err)
	}
	logger.Info("kb.index_built", "dir", target, "entries", len(entries), "took", time.Since(start).Round(time.Millisecond))
	removeOld(logger, dir, filepath.Base(target))
	return ctx.Err()
}

// removeOld deletes the indexes of other content versions and abandoned temporary builds.
// A process still serving an old index keeps its open files until it reloads.
func removeOld(logger *slog.Logger, dir, keep string) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range ents {
		n := e.Name()
		if !e.IsDir() || n == keep {
			continue
		}
		old := strings.HasPrefix(n, "faq-")
		if strings.HasPrefix(n, ".build-") {
			if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > time.Hour {
				old = true
			}
		}
		if old {
			if err := os.RemoveAll(filepath.Join(dir, n)); err != nil && !errors.Is(err, os.ErrNotExist) {
				logger.Warn("kb.index_remove_error", "dir", n, "err", err)
			}
		}
	}
}

// RemoveIndexes deletes every built index under dir, keeping its README.
func RemoveIndexes(dir string) error {
	ents, err := os.ReadDir(dir)
	if err != nil {
		if os.IsNotExist(err) {
			return nil
		}
		return fmt.Errorf("read index dir: %w", err)
	}
	for _, en := range ents {
		if en.IsDir() {
			if err := os.RemoveAll(filepath.Join(dir, en.Name())); err != nil {
				return fmt.Errorf("remove old index: %w", err)
			}
		}
	}
	return nil
}
