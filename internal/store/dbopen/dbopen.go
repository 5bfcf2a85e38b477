// Package dbopen picks the store the configuration names: PostgreSQL when VNEIDBOT_DB is a
// postgres:// URL, otherwise the embedded SQLite file under the data directory. It is the
// one place that knows both implementations, so that service and the gaps command share it.
package dbopen

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/vneidbot/vneidbot/internal/store/postgres"
	"github.com/vneidbot/vneidbot/internal/store/sqlite"
	"github.com/vneidbot/vneidbot/internal/store/sqlstore"
)

// DefaultDataDir is where the SQLite file goes when no data directory is given.
const DefaultDataDir = "data"

// Open opens the store: db is VNEIDBOT_DB ("" or a postgres:// / postgresql:// URL), dataDir
// the SQLite directory. It returns a description for logs, without secrets.
func Open(ctx context.Context, db, dataDir string) (*sqlstore.DB, string, error) {
	switch {
	case strings.HasPrefix(db, "postgres://"), strings.HasPrefix(db, "postgresql://"):
		s, err := postgres.Open(ctx, db)
		return s, "postgres " + postgres.Host(db), err
	case db != "":
		return nil, "", fmt.Errorf("VNEIDBOT_DB must be a postgres:// URL, or empty for the SQLite file in the data directory")
	}
	if dataDir == "" {
		dataDir = DefaultDataDir
	}
	s, err := sqlite.Open(ctx, dataDir)
	return s, "sqlite " + filepath.Join(dataDir, sqlite.FileName), err
}
