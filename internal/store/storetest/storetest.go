// Package storetest is the one suite every store.DB implementation passes: sqlite and
// postgres run it from their own tests.
package storetest

import (
	"context"
	"fmt"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/vneidbot/vneidbot/internal/store"
)

// Opener opens a fresh, empty store for one test; reopen opens the same store again (to
// check the schema survives and migrations are not applied twice).
type Opener func(t *testing.T) (db store.DB, reopen func() store.DB)

var base = time.Date(2026, 11, 1, 8, 0, 0, 0, time.UTC)

func ex(id string, minute int, kind, entry string) store.Exchange {
	return store.Exchange{
		ID: id, Time: base.Add(time.Duration(minute) * time.Minute), Channel: "http", Subject: "",
		Text: "câu hỏi " + id, Norm: "cau hoi " + id, Kind: kind, Entry: entry, Confidence: 0.5,
		RunnersUp: []string{"a-b", "c-d"},
	}
}

// Run runs the suite.
func Run(t *testing.T, open Opener) {
	ctx := context.Background()
	id := func(n int) string { return fmt.Sprintf("%032x", n) }

	t.Run("AddList", func(t *testing.T) {
		db, _ := open(t)
		in := []store.Exchange{ex(id(1), 0, "answer", "e1"), ex(id(2), 1, "fallback", ""), ex(id(3), 2, "clarify", "")}
		in[0].Subject = "abc"
		in[0].Kind, in[0].Flags = "safety", []string{"personal_data", "risk"}
		if err := db.Add(ctx, in); err != nil {
			t.Fatal(err)
		}
		got, err := db.List(ctx, store.Query{})
		if err != nil {
			t.Fatal(err)
		}
		want := []store.Exchange{in[2], in[1], in[0]} // newest first
		if !reflect.DeepEqual(got, want) {
			t.Errorf("List =\n%+v\nwant\n%+v", got, want)
		}
		// The same ids again are ignored, not an error.
		if err := db.Add(ctx, in[:1]); err != nil {
			t.Errorf("Add again: %v", err)
		}
		if n, err := db.Count(ctx); err != nil || n != 3 {
			t.Errorf("Count = %d, %v; want 3", n, err)
		}
	})

	t.Run("Query", func(t *testing.T) {
		db, _ := open(t)
		in := []store.Exchange{ex(id(1), 0, "answer", "e1"), ex(id(2), 10, "fallback", ""), ex(id(3), 20, "clarify", ""),
			ex(id(4), 30, "answer", "e2"), ex(id(5), 40, "smalltalk", ""), ex(id(6), 50, "safety", ""), ex(id(7), 60, "safety", "")}
		in[5].Flags = []string{"risk"}       // the learned model's warning: staff check it
		in[6].Flags = []string{"card_photo"} // a rule's warning: not a gap
		if err := db.Add(ctx, in); err != nil {
			t.Fatal(err)
		}
		if err := db.SetFeedback(ctx, store.Feedback{Exchange: id(4), Vote: store.VoteDown, Reason: "sai", Time: base.Add(31 * time.Minute)}); err != nil {
			t.Fatal(err)
		}
		if err := db.SetFeedback(ctx, store.Feedback{Exchange: id(1), Vote: store.VoteUp, Time: base.Add(time.Minute)}); err != nil {
			t.Fatal(err)
		}
		tests := []struct {
			name string
			q    store.Query
			want []string
		}{
			{"all", store.Query{}, []string{id(7), id(6), id(5), id(4), id(3), id(2), id(1)}},
			{"since", store.Query{Since: base.Add(20 * time.Minute)}, []string{id(7), id(6), id(5), id(4), id(3)}},
			{"until", store.Query{Until: base.Add(20 * time.Minute)}, []string{id(2), id(1)}},
			{"gaps", store.Query{Gaps: true}, []string{id(6), id(4), id(3), id(2)}},
			{"down", store.Query{Down: true}, []string{id(4)}},
			{"limit", store.Query{Limit: 2}, []string{id(7), id(6)}},
		}
		for _, tt := range tests {
			got, err := db.List(ctx, tt.q)
			if err != nil {
				t.Errorf("%s: %v", tt.name, err)
				continue
			}
			var ids []string
			for _, x := range got {
				ids = append(ids, x.ID)
			}
			if !reflect.DeepEqual(ids, tt.want) {
				t.Errorf("%s: got %v, want %v", tt.name, ids, tt.want)
			}
		}
		got, _ := db.List(ctx, store.Query{Down: true})
		if len(got) == 1 && (got[0].Vote != "down" || got[0].Reason != "sai" || !got[0].VotedAt.Equal(base.Add(31*time.Minute))) {
			t.Errorf("feedback read back as %q %q %v", got[0].Vote, got[0].Reason, got[0].VotedAt)
		}
	})

	t.Run("FeedbackFirstAndReplaced", func(t *testing.T) {
		db, _ := open(t)
		// Feedback can arrive before its exchange is written (another replica's buffer).
		if err := db.SetFeedback(ctx, store.Feedback{Exchange: id(7), Vote: store.VoteUp, Time: base}); err != nil {
			t.Fatal(err)
		}
		if err := db.Add(ctx, []store.Exchange{ex(id(7), 0, "answer", "e1")}); err != nil {
			t.Fatal(err)
		}
		if err := db.SetFeedback(ctx, store.Feedback{Exchange: id(7), Vote: store.VoteDown, Reason: "thiếu", Time: base.Add(time.Minute)}); err != nil {
			t.Fatal(err)
		}
		got, err := db.List(ctx, store.Query{})
		if err != nil || len(got) != 1 {
			t.Fatalf("List = %v, %v", got, err)
		}
		if got[0].Vote != "down" || got[0].Reason != "thiếu" {
			t.Errorf("vote = %q %q, want the later one: down thiếu", got[0].Vote, got[0].Reason)
		}
	})

	t.Run("Retention", func(t *testing.T) {
		db, _ := open(t)
		in := []store.Exchange{ex(id(1), 0, "answer", "e1"), ex(id(2), 60, "fallback", "")}
		if err := db.Add(ctx, in); err != nil {
			t.Fatal(err)
		}
		db.SetFeedback(ctx, store.Feedback{Exchange: id(1), Vote: "down", Time: base})
		n, err := db.Delete(ctx, store.Cutoff{Records: base.Add(30 * time.Minute)})
		if err != nil || n != 1 {
			t.Errorf("Delete = %d, %v; want 1", n, err)
		}
		got, _ := db.List(ctx, store.Query{})
		if len(got) != 1 || got[0].ID != id(2) {
			t.Errorf("after retention: %+v", got)
		}
		// The vote went with its exchange: re-adding the exchange shows none.
		db.Add(ctx, in[:1])
		got, _ = db.List(ctx, store.Query{Down: true})
		if len(got) != 0 {
			t.Errorf("feedback survived retention: %+v", got)
		}
	})

	t.Run("SeenUpdate", func(t *testing.T) {
		db, _ := open(t)
		for i, want := range []bool{false, true, true} {
			got, err := db.SeenUpdate(ctx, 42)
			if err != nil || got != want {
				t.Errorf("call %d: SeenUpdate(42) = %v, %v; want %v", i+1, got, err, want)
			}
		}
		if got, _ := db.SeenUpdate(ctx, 43); got {
			t.Errorf("SeenUpdate(43) = true for a new id")
		}
		if _, err := db.Delete(ctx, store.Cutoff{Updates: time.Now().Add(time.Hour)}); err != nil {
			t.Fatal(err)
		}
		if got, _ := db.SeenUpdate(ctx, 42); got {
			t.Errorf("SeenUpdate(42) = true after its id was forgotten")
		}
	})

	t.Run("SeenUpdateConcurrent", func(t *testing.T) {
		db, _ := open(t)
		// Many callers race on the same ids: exactly one of them sees each id first.
		const ids, callers = 20, 4
		var mu sync.Mutex
		first := map[int64]int{}
		var wg sync.WaitGroup
		for c := 0; c < callers; c++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for u := int64(0); u < ids; u++ {
					seen, err := db.SeenUpdate(ctx, 1000+u)
					if err != nil {
						t.Error(err)
						return
					}
					if !seen {
						mu.Lock()
						first[u]++
						mu.Unlock()
					}
				}
			}()
		}
		wg.Wait()
		for u := int64(0); u < ids; u++ {
			if first[u] != 1 {
				t.Errorf("update %d first seen by %d callers, want 1", u, first[u])
			}
		}
	})

	t.Run("ConcurrentAdd", func(t *testing.T) {
		db, _ := open(t)
		var wg sync.WaitGroup
		for w := 0; w < 4; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				var batch []store.Exchange
				for i := 0; i < 250; i++ {
					batch = append(batch, ex(id(w*1000+i), i, "answer", "e"))
					if len(batch) == 50 {
						if err := db.Add(ctx, batch); err != nil {
							t.Error(err)
						}
						batch = nil
					}
				}
			}()
		}
		wg.Wait()
		if n, err := db.Count(ctx); err != nil || n != 1000 {
			t.Errorf("Count = %d, %v; want 1000", n, err)
		}
	})

	t.Run("Reopen", func(t *testing.T) {
		db, reopen := open(t)
		if err := db.Add(ctx, []store.Exchange{ex(id(1), 0, "answer", "e1")}); err != nil {
			t.Fatal(err)
		}
		db.Close()
		if _, err := db.Count(ctx); err == nil {
			t.Errorf("Count after Close: no error")
		}
		db2 := reopen()
		defer db2.Close()
		if n, err := db2.Count(ctx); err != nil || n != 1 {
			t.Errorf("after reopen Count = %d, %v; want 1", n, err)
		}
		if v, ok := db2.(interface {
			Version(context.Context) (int, error)
		}); ok {
			if got, err := v.Version(ctx); err != nil || got < 1 {
				t.Errorf("Version = %d, %v", got, err)
			}
		}
	})

	t.Run("Text", func(t *testing.T) {
		db, _ := open(t)
		x := ex(id(9), 0, "fallback", "")
		x.Text = "căn cước gắn chip — 'quote' \"double\" ; DROP TABLE exchanges; 😀"
		x.RunnersUp = nil
		if err := db.Add(ctx, []store.Exchange{x}); err != nil {
			t.Fatal(err)
		}
		got, err := db.List(ctx, store.Query{})
		if err != nil || len(got) != 1 {
			t.Fatalf("List = %v, %v", got, err)
		}
		if got[0].Text != x.Text || len(got[0].RunnersUp) != 0 {
			t.Errorf("text read back as %q, runners %v", got[0].Text, got[0].RunnersUp)
		}
	})
}
