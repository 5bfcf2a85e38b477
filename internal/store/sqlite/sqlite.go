// Package sqlite is the embedded store, the default: one file under the data directory,
// created on first start, through the pure-Go modernc.org/sqlite driver (no C compiler, a
// static binary). It is the only importer of that driver.
package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"

	"github.com/vneidbot/vneidbot/internal/store/sqlstore"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// FileName is the database file inside the data directory.
const FileName = "vneidbot.db"

// Open opens (creating it if needed) the database in dir and applies pending migrations.
func Open(ctx context.Context, dir string) (*sqlstore.DB, error) {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("sqlite: create data dir %s: %w", dir, err)
	}
	path := filepath.Join(dir, FileName)
	// WAL lets the console read while replies are written; the busy timeout makes a second
	// writer wait instead of failing; NORMAL sync is safe with WAL (a crash may lose the last
	// commits, never corrupt the file).
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(5000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Add("_txlock", "immediate")
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	db.SetMaxOpenConns(4)
	s, err := sqlstore.Open(ctx, db, sqlstore.Dialect{Name: "sqlite", Migrations: sqlstore.Migrations})
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return s, nil
}
