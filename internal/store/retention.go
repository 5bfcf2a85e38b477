package store

import (
	"context"
	"log/slog"
	"time"
)

// Deleter is what the retention needs of a database.
type Deleter interface {
	Delete(ctx context.Context, c Cutoff) (int64, error)
}

// Retention says how long records are kept.
type Retention struct {
	Days int // exchanges and feedback older than this are deleted; default 90
	// Updates is how long Telegram update ids are remembered for de-duplication; default 10
	// minutes (Telegram redelivers within seconds to a few minutes).
	Updates time.Duration
	Every   time.Duration // how often to delete; default 1 hour
	Now     func() time.Time
}

// DefaultRetentionDays is the default retention of exchanges.
const DefaultRetentionDays = 90

// Cutoff is what one retention pass deletes at now.
func (r Retention) Cutoff(now time.Time) Cutoff {
	days := r.Days
	if days <= 0 {
		days = DefaultRetentionDays
	}
	upd := r.Updates
	if upd <= 0 {
		upd = 10 * time.Minute
	}
	return Cutoff{Records: now.AddDate(0, 0, -days), Updates: now.Add(-upd)}
}

// RunRetention deletes old records at start and then every r.Every until ctx ends.
func RunRetention(ctx context.Context, logger *slog.Logger, db Deleter, r Retention) {
	if r.Every <= 0 {
		r.Every = time.Hour
	}
	if r.Now == nil {
		r.Now = time.Now
	}
	t := time.NewTicker(r.Every)
	defer t.Stop()
	for {
		c := r.Cutoff(r.Now())
		n, err := db.Delete(ctx, c)
		switch {
		case err != nil && ctx.Err() == nil:
			logger.Warn("store.retention", "err", err)
		case n > 0:
			logger.Info("store.retention", "deleted", n, "before", c.Records.Format(time.DateOnly))
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
