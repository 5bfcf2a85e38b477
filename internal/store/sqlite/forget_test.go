package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/vneidbot/vneidbot/internal/store/sqlite"
	"github.com/vneidbot/vneidbot/internal/telegram"
)

// The store satisfies the Telegram edge's optional UpdateForgetter: an update it forgets
// counts as new when it comes again; the others stay seen.
func TestForgetUpdate(t *testing.T) {
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "data"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	var f telegram.UpdateForgetter = db
	db.SeenUpdate(ctx, 41)
	db.SeenUpdate(ctx, 42)
	if err := f.ForgetUpdate(ctx, 41); err != nil {
		t.Fatal(err)
	}
	if seen, err := db.SeenUpdate(ctx, 41); seen || err != nil {
		t.Errorf("forgotten update: seen %v, %v; want new", seen, err)
	}
	if seen, err := db.SeenUpdate(ctx, 42); !seen || err != nil {
		t.Errorf("other update: seen %v, %v; want seen", seen, err)
	}
}
