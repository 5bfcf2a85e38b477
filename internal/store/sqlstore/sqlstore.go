// Package sqlstore is the SQL both store implementations share: the schema, its versioned
// migrations and the queries, over database/sql. The sqlite and postgres packages bring the
// driver and a Dialect; nothing here imports a driver.
package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/vneidbot/vneidbot/internal/store"
)

// Dialect is what differs between databases.
type Dialect struct {
	Name string
	// Numbered placeholders ($1, $2 …) instead of ?.
	Numbered bool
	// Lock, when set, runs inside the migration transaction first, so that replicas
	// starting together migrate one at a time.
	Lock string
	// Migrations, in order: Migrations[i] takes the schema to version i+1.
	Migrations []string
}

// Schema version 1, in the SQL both databases accept. Times are Unix milliseconds.
const schemaV1 = `
CREATE TABLE exchanges (
	id         TEXT PRIMARY KEY,
	at         BIGINT NOT NULL,
	channel    TEXT NOT NULL,
	subject    TEXT NOT NULL DEFAULT '',
	text       TEXT NOT NULL,
	norm       TEXT NOT NULL,
	kind       TEXT NOT NULL,
	entry      TEXT NOT NULL DEFAULT '',
	confidence DOUBLE PRECISION NOT NULL DEFAULT 0,
	runners    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX exchanges_at ON exchanges (at);
CREATE TABLE feedback (
	exchange_id TEXT PRIMARY KEY,
	at          BIGINT NOT NULL,
	vote        TEXT NOT NULL,
	reason      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX feedback_at ON feedback (at);
CREATE TABLE telegram_updates (
	update_id BIGINT PRIMARY KEY,
	at        BIGINT NOT NULL
);
CREATE INDEX telegram_updates_at ON telegram_updates (at);
`

// Schema version 2: why a safety reply was given (flag names, space-separated), so staff can
// review the learned model's risk warnings.
const schemaV2 = `ALTER TABLE exchanges ADD COLUMN flags TEXT NOT NULL DEFAULT ''`

// Migrations common to both databases.
var Migrations = []string{schemaV1, schemaV2}

// DB is a store.DB over database/sql.
type DB struct {
	db     *sql.DB
	d      Dialect
	closed atomic.Bool
}

var _ store.DB = (*DB)(nil)

// Open wraps db, bringing its schema to the newest version.
func Open(ctx context.Context, db *sql.DB, d Dialect) (*DB, error) {
	s := &DB{db: db, d: d}
	if err := s.migrate(ctx); err != nil {
		return nil, err
	}
	return s, nil
}

// Version returns the schema version.
func (s *DB) Version(ctx context.Context) (int, error) {
	var v int
	err := s.db.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_version`).Scan(&v)
	return v, err
}

func (s *DB) migrate(ctx context.Context) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("%s: begin migration: %w", s.d.Name, err)
	}
	defer tx.Rollback()
	if s.d.Lock != "" {
		if _, err := tx.ExecContext(ctx, s.d.Lock); err != nil {
			return fmt.Errorf("%s: lock for migration: %w", s.d.Name, err)
		}
	}
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied BIGINT NOT NULL)`); err != nil {
		return fmt.Errorf("%s: create schema_version: %w", s.d.Name, err)
	}
	var v int
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_version`).Scan(&v); err != nil {
		return fmt.Errorf("%s: read schema version: %w", s.d.Name, err)
	}
	if v > len(s.d.Migrations) {
		return fmt.Errorf("%s: schema version %d is newer than this program knows (%d); upgrade vneidbot", s.d.Name, v, len(s.d.Migrations))
	}
	for i := v; i < len(s.d.Migrations); i++ {
		for _, stmt := range strings.Split(s.d.Migrations[i], ";") {
			if strings.TrimSpace(stmt) == "" {
				continue
			}
			if _, err := tx.ExecContext(ctx, stmt); err != nil {
				return fmt.Errorf("%s: migration %d: %w", s.d.Name, i+1, err)
			}
		}
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO schema_version (version, applied) VALUES (?, ?)`), i+1, time.Now().UnixMilli()); err != nil {
			return fmt.Errorf("%s: record migration %d: %w", s.d.Name, i+1, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("%s: commit migration: %w", s.d.Name, err)
	}
	return nil
}

// q rewrites ? placeholders for the dialect. Queries here hold no ? inside literals.
func (s *DB) q(query string) string {
	if !s.d.Numbered {
		return query
	}
	var b strings.Builder
	n := 0
	for _, r := range query {
		if r == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

const exchangeCols = 11

// Add inserts exchanges in one transaction, in statements of at most 200 rows.
func (s *DB) Add(ctx context.Context, xs []store.Exchange) error {
	if s.closed.Load() {
		return store.ErrClosed
	}
	if len(xs) == 0 {
		return nil
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("%s: begin: %w", s.d.Name, err)
	}
	defer tx.Rollback()
	for len(xs) > 0 {
		n := min(len(xs), 200)
		var b strings.Builder
		b.WriteString(`INSERT INTO exchanges (id, at, channel, subject, text, norm, kind, entry, confidence, runners, flags) VALUES `)
		args := make([]any, 0, n*exchangeCols)
		for i, x := range xs[:n] {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(`(?,?,?,?,?,?,?,?,?,?,?)`)
			args = append(args, x.ID, x.Time.UnixMilli(), x.Channel, x.Subject, x.Text, x.Norm, x.Kind, x.Entry,
				x.Confidence, strings.Join(x.RunnersUp, " "), strings.Join(x.Flags, " "))
		}
		b.WriteString(` ON CONFLICT (id) DO NOTHING`)
		if _, err := tx.ExecContext(ctx, s.q(b.String()), args...); err != nil {
			return fmt.Errorf("%s: insert exchanges: %w", s.d.Name, err)
		}
		xs = xs[n:]
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("%s: commit exchanges: %w", s.d.Name, err)
	}
	return nil
}

// SetFeedback records or replaces the vote on an exchange.
func (s *DB) SetFeedback(ctx context.Context, f store.Feedback) error {
	if s.closed.Load() {
		return store.ErrClosed
	}
	_, err := s.db.ExecContext(ctx, s.q(`INSERT INTO feedback (exchange_id, at, vote, reason) VALUES (?, ?, ?, ?)
		ON CONFLICT (exchange_id) DO UPDATE SET at = excluded.at, vote = excluded.vote, reason = excluded.reason`),
		f.Exchange, f.Time.UnixMilli(), f.Vote, f.Reason)
	if err != nil {
		return fmt.Errorf("%s: set feedback: %w", s.d.Name, err)
	}
	return nil
}

// List returns the exchanges q selects, newest first.
func (s *DB) List(ctx context.Context, q store.Query) ([]store.Exchange, error) {
	if s.closed.Load() {
		return nil, store.ErrClosed
	}
	var where []string
	var args []any
	if !q.Since.IsZero() {
		where = append(where, `e.at >= ?`)
		args = append(args, q.Since.UnixMilli())
	}
	if !q.Until.IsZero() {
		where = append(where, `e.at < ?`)
		args = append(args, q.Until.UnixMilli())
	}
	if q.Down {
		where = append(where, `f.vote = 'down'`)
	}
	if q.Gaps {
		where = append(where, `(e.kind IN ('fallback', 'clarify') OR f.vote = 'down' OR ' ' || e.flags || ' ' LIKE '% risk %')`)
	}
	query := `SELECT e.id, e.at, e.channel, e.subject, e.text, e.norm, e.kind, e.entry, e.confidence, e.runners, e.flags,
		COALESCE(f.vote, ''), COALESCE(f.reason, ''), COALESCE(f.at, 0)
		FROM exchanges e LEFT JOIN feedback f ON f.exchange_id = e.id`
	if len(where) > 0 {
		query += ` WHERE ` + strings.Join(where, ` AND `)
	}
	query += ` ORDER BY e.at DESC, e.id`
	if q.Limit > 0 {
		query += ` LIMIT ` + strconv.Itoa(q.Limit)
	}
	rows, err := s.db.QueryContext(ctx, s.q(query), args...)
	if err != nil {
		return nil, fmt.Errorf("%s: list exchanges: %w", s.d.Name, err)
	}
	defer rows.Close()
	var out []store.Exchange
	for rows.Next() {
		var x store.Exchange
		var at, votedAt int64
		var runners, flags string
		if err := rows.Scan(&x.ID, &at, &x.Channel, &x.Subject, &x.Text, &x.Norm, &x.Kind, &x.Entry, &x.Confidence, &runners, &flags,
			&x.Vote, &x.Reason, &votedAt); err != nil {
			return nil, fmt.Errorf("%s: read exchange: %w", s.d.Name, err)
		}
		x.Time = time.UnixMilli(at).UTC()
		if votedAt != 0 {
			x.VotedAt = time.UnixMilli(votedAt).UTC()
		}
		x.RunnersUp = strings.Fields(runners)
		if flags != "" {
			x.Flags = strings.Fields(flags)
		}
		out = append(out, x)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("%s: list exchanges: %w", s.d.Name, err)
	}
	return out, nil
}

// Count returns the number of exchanges.
func (s *DB) Count(ctx context.Context) (int64, error) {
	if s.closed.Load() {
		return 0, store.ErrClosed
	}
	var n int64
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM exchanges`).Scan(&n); err != nil {
		return 0, fmt.Errorf("%s: count: %w", s.d.Name, err)
	}
	return n, nil
}

// Delete removes exchanges and feedback before c.Records and update ids before c.Updates.
func (s *DB) Delete(ctx context.Context, c store.Cutoff) (int64, error) {
	if s.closed.Load() {
		return 0, store.ErrClosed
	}
	var n int64
	if !c.Records.IsZero() {
		ms := c.Records.UnixMilli()
		res, err := s.db.ExecContext(ctx, s.q(`DELETE FROM exchanges WHERE at < ?`), ms)
		if err != nil {
			return 0, fmt.Errorf("%s: delete exchanges: %w", s.d.Name, err)
		}
		n, _ = res.RowsAffected()
		if _, err := s.db.ExecContext(ctx, s.q(`DELETE FROM feedback WHERE at < ?`), ms); err != nil {
			return n, fmt.Errorf("%s: delete feedback: %w", s.d.Name, err)
		}
	}
	if !c.Updates.IsZero() {
		if _, err := s.db.ExecContext(ctx, s.q(`DELETE FROM telegram_updates WHERE at < ?`), c.Updates.UnixMilli()); err != nil {
			return n, fmt.Errorf("%s: delete update ids: %w", s.d.Name, err)
		}
	}
	return n, nil
}

// SeenUpdate inserts the update id; if it was there already, the update was seen.
func (s *DB) SeenUpdate(ctx context.Context, updateID int64) (bool, error) {
	if s.closed.Load() {
		return false, store.ErrClosed
	}
	res, err := s.db.ExecContext(ctx, s.q(`INSERT INTO telegram_updates (update_id, at) VALUES (?, ?) ON CONFLICT (update_id) DO NOTHING`),
		updateID, time.Now().UnixMilli())
	if err != nil {
		return false, fmt.Errorf("%s: remember update: %w", s.d.Name, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("%s: remember update: %w", s.d.Name, err)
	}
	return n == 0, nil
}

// Ping checks the connection.
func (s *DB) Ping(ctx context.Context) error {
	if s.closed.Load() {
		return store.ErrClosed
	}
	return s.db.PingContext(ctx)
}

// Close closes the database.
func (s *DB) Close() error {
	if s.closed.Swap(true) {
		return nil
	}
	return s.db.Close()
}

// SQL returns the underlying handle, for tests.
func (s *DB) SQL() *sql.DB { return s.db }

// ForgetUpdate removes a remembered update id: the Telegram edge calls it when it marked an
// update seen but could not take it, so that Telegram's redelivery is answered (by any replica).
func (s *DB) ForgetUpdate(ctx context.Context, updateID int64) error {
	if s.closed.Load() {
		return store.ErrClosed
	}
	if _, err := s.db.ExecContext(ctx, s.q(`DELETE FROM telegram_updates WHERE update_id = ?`), updateID); err != nil {
		return fmt.Errorf("%s: forget update: %w", s.d.Name, err)
	}
	return nil
}
