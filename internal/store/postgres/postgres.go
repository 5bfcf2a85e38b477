// Package postgres is the shared store for several replicas behind one webhook, through pgx
// (its database/sql driver, so the SQL is the one sqlstore shares with sqlite). It is the
// only importer of pgx.
package postgres

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"strings"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver

	"github.com/vneidbot/vneidbot/internal/store/sqlstore"
)

// migrationLock serialises migrations of replicas that start together (an arbitrary,
// fixed advisory lock key, released at the end of the transaction).
const migrationLock = `SELECT pg_advisory_xact_lock(7731060001)`

// Open connects to dsn (postgres://user:pass@host:port/db?…) and applies pending migrations.
// Errors never include the DSN, which may hold a password.
func Open(ctx context.Context, dsn string) (*sqlstore.DB, error) {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("postgres: bad VNEIDBOT_DB: %s", redactDSN(err.Error(), dsn))
	}
	db.SetMaxOpenConns(8)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("postgres: connect to %s: %s", Host(dsn), redactDSN(err.Error(), dsn))
	}
	s, err := sqlstore.Open(ctx, db, sqlstore.Dialect{Name: "postgres", Numbered: true, Lock: migrationLock, Migrations: sqlstore.Migrations})
	if err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// Host is the host:port of dsn, for logs.
func Host(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return "?"
	}
	return u.Host
}

func redactDSN(msg, dsn string) string {
	if u, err := url.Parse(dsn); err == nil && u.User != nil {
		if p, ok := u.User.Password(); ok && p != "" {
			return strings.ReplaceAll(msg, p, "***")
		}
	}
	return msg
}
