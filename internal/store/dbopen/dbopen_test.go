package dbopen_test

import (
	"context"
	"strings"
	"testing"

	"github.com/vneidbot/vneidbot/internal/store/dbopen"
	"github.com/vneidbot/vneidbot/internal/store/postgres/pgtest"
)

func TestOpen(t *testing.T) {
	ctx := context.Background()
	db, desc, err := dbopen.Open(ctx, "", t.TempDir())
	if err != nil || !strings.HasPrefix(desc, "sqlite ") {
		t.Fatalf("Open sqlite: %q, %v", desc, err)
	}
	db.Close()
	if _, _, err := dbopen.Open(ctx, "mysql://x", ""); err == nil {
		t.Errorf("accepted a mysql URL")
	}
	srv := pgtest.Start(t)
	url := srv.NewDB(t)
	db, desc, err = dbopen.Open(ctx, url, "")
	if err != nil || desc != "postgres 127.0.0.1:"+strings.Split(strings.Split(url, ":")[2], "/")[0] {
		t.Fatalf("Open postgres: %q, %v", desc, err)
	}
	db.Close()
}
