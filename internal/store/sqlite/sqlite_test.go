package sqlite_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/vneidbot/vneidbot/internal/store"
	"github.com/vneidbot/vneidbot/internal/store/sqlite"
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
	if v, err := db.Version(context.Background()); err != nil || v != 1 {
		t.Errorf("Version = %d, %v; want 1", v, err)
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
