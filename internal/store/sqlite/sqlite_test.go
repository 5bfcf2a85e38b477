package sqlite_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/vneidbot/vneidbot/internal/store"
	"github.com/vneidbot/vneidbot/internal/store/sqlite"
	"github.com/vneidbot/vneidbot/internal/store/sqlstore"
	"github.com/vneidbot/vneidbot/internal/store/storetest"
)

func TestSuite(t *testing.T) {
	storetest.Run(t, func(t *testing.T) (store.DB, func() store.DB) {
		dir := filepath.Join(t.TempDir(), "data") // created on first start
		open := func() store.DB {
			db, err := sqlite.Open(context.Background(), dir)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { db.Close() })
			return db
		}
		return open(), open
	})
}

func TestCreatesFile(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "nested", "data")
	db, err := sqlite.Open(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := os.Stat(filepath.Join(dir, sqlite.FileName)); err != nil {
		t.Errorf("database file not created: %v", err)
	}
	if v, err := db.Version(context.Background()); err != nil || v != len(sqlstore.Migrations) {
		t.Errorf("Version = %d, %v; want %d", v, err, len(sqlstore.Migrations))
	}
}

// TestUpgradeFromV1: a database written by the first schema (no flags column) opens, keeps its
// exchanges, and takes flags from then on.
func TestUpgradeFromV1(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db, err := sqlite.Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	// Back to version 1: what an older program left on disk.
	for _, q := range []string{`ALTER TABLE exchanges DROP COLUMN flags`, `DELETE FROM schema_version WHERE version > 1`,
		`INSERT INTO exchanges (id, at, channel, text, norm, kind) VALUES ('old', 1, 'http', 'x', 'x', 'fallback')`} {
		if _, err := db.SQL().Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()
	db, err = sqlite.Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if v, err := db.Version(ctx); err != nil || v != len(sqlstore.Migrations) {
		t.Errorf("Version = %d, %v; want %d", v, err, len(sqlstore.Migrations))
	}
	if err := db.Add(ctx, []store.Exchange{{ID: "new", Time: time.UnixMilli(2), Channel: "http", Text: "y", Norm: "y", Kind: "safety", Flags: []string{"risk"}}}); err != nil {
		t.Fatal(err)
	}
	xs, err := db.List(ctx, store.Query{})
	if err != nil || len(xs) != 2 || xs[0].ID != "new" || !slices.Equal(xs[0].Flags, []string{"risk"}) || xs[1].ID != "old" || xs[1].Flags != nil {
		t.Errorf("List = %+v, %v", xs, err)
	}
}

func TestNewerSchemaRefused(t *testing.T) {
	dir := t.TempDir()
	db, err := sqlite.Open(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	db.SQL().Exec(`INSERT INTO schema_version (version, applied) VALUES (99, 0)`)
	db.Close()
	if _, err := sqlite.Open(context.Background(), dir); err == nil {
		t.Errorf("opened a database whose schema is newer than the program")
	}
}
