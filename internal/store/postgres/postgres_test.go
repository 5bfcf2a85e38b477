package postgres_test

import (
	"context"
	"strings"
	"testing"

	"github.com/vneidbot/vneidbot/internal/store"
	"github.com/vneidbot/vneidbot/internal/store/postgres"
	"github.com/vneidbot/vneidbot/internal/store/postgres/pgtest"
	"github.com/vneidbot/vneidbot/internal/store/storetest"
)

func TestSuite(t *testing.T) {
	srv := pgtest.Start(t)
	storetest.Run(t, func(t *testing.T) (store.DB, func() store.DB) {
		url := srv.NewDB(t)
		open := func() store.DB {
			db, err := postgres.Open(context.Background(), url)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { db.Close() })
			return db
		}
		return open(), open
	})
}

// Replicas starting together migrate once, one at a time.
func TestConcurrentMigration(t *testing.T) {
	srv := pgtest.Start(t)
	url := srv.NewDB(t)
	errs := make(chan error, 4)
	for i := 0; i < 4; i++ {
		go func() {
			db, err := postgres.Open(context.Background(), url)
			if err == nil {
				db.Close()
			}
			errs <- err
		}()
	}
	for i := 0; i < 4; i++ {
		if err := <-errs; err != nil {
			t.Errorf("replica %d: %v", i, err)
		}
	}
}

func TestPasswordNotInError(t *testing.T) {
	_, err := postgres.Open(context.Background(), "postgres://u:s3cretpw@127.0.0.1:1/db?connect_timeout=1")
	if err == nil {
		t.Fatal("connected to port 1")
	}
	if strings.Contains(err.Error(), "s3cretpw") {
		t.Errorf("error shows the password: %v", err)
	}
}
