package store_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vneidbot/vneidbot/internal/store"
)

// memSink is an in-memory Sink that can be made to fail or to block.
type memSink struct {
	mu    sync.Mutex
	xs    []store.Exchange
	votes map[string]store.Feedback
	err   error
	gate  chan struct{} // when set, Add waits for it
}

func (m *memSink) Add(ctx context.Context, xs []store.Exchange) error {
	if m.gate != nil {
		<-m.gate
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.err != nil {
		return m.err
	}
	m.xs = append(m.xs, xs...)
	return nil
}

func (m *memSink) SetFeedback(ctx context.Context, f store.Feedback) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.err != nil {
		return m.err
	}
	if m.votes == nil {
		m.votes = map[string]store.Feedback{}
	}
	m.votes[f.Exchange] = f
	return nil
}

func TestWriterRecordsAndVotes(t *testing.T) {
	sink := &memSink{}
	w := store.NewWriter(slog.New(slog.DiscardHandler), sink, store.NewHasher("k"), store.WriterSettings{Batch: 7})
	var ids []string
	for i := 0; i < 100; i++ {
		ids = append(ids, w.Record(store.Reply{Channel: "http", Subject: "chat-1", Text: "Tôi quên mật khẩu là Abc12345, sđt 0912345678",
			Kind: "safety", Entry: "e1", Confidence: 0.9, RunnersUp: []string{"e2", "e3", "e4", "e5", "e6", "e7"},
			Flags: []string{"personal_data", "password"}}))
	}
	if !w.Vote(ids[3], store.VoteDown, "sai rồi, gọi 0987654321") {
		t.Fatal("Vote refused a valid id")
	}
	if w.Vote("nope", store.VoteDown, "") || w.Vote(ids[0], "meh", "") {
		t.Error("Vote accepted a bad id or vote")
	}
	w.Close(context.Background())
	if got := len(sink.xs); got != 100 {
		t.Fatalf("stored %d exchanges, want 100", got)
	}
	x := sink.xs[0]
	for _, secret := range []string{"Abc12345", "0912345678", "chat-1"} {
		if strings.Contains(x.Text+x.Norm+x.Subject, secret) {
			t.Errorf("stored %q in %+v", secret, x)
		}
	}
	if x.Subject == "" || x.Subject != w.Subject("chat-1") || x.Subject == store.NewHasher("other").Subject("chat-1") {
		t.Errorf("subject %q is not the keyed hash", x.Subject)
	}
	if len(x.RunnersUp) != 5 {
		t.Errorf("runners-up %v, want the first 5", x.RunnersUp)
	}
	if !slices.Equal(x.Flags, []string{"personal_data", "password"}) {
		t.Errorf("flags %v, want why the warning was given", x.Flags)
	}
	f := sink.votes[ids[3]]
	if f.Vote != "down" || strings.Contains(f.Reason, "0987654321") || !strings.HasPrefix(f.Reason, "sai rồi") {
		t.Errorf("vote stored as %+v", f)
	}
	if s := w.Stats(); s.Written != 101 || s.Lost != 0 {
		t.Errorf("stats %+v, want 101 written, 0 lost", s)
	}
}

func TestWriterFlush(t *testing.T) {
	sink := &memSink{}
	w := store.NewWriter(slog.New(slog.DiscardHandler), sink, store.NewHasher("k"), store.WriterSettings{Every: time.Hour})
	defer w.Close(context.Background())
	id := w.Record(store.Reply{Channel: "http", Text: "x", Kind: "fallback"})
	w.Vote(id, store.VoteUp, "")
	w.Flush()
	sink.mu.Lock()
	defer sink.mu.Unlock()
	if len(sink.xs) != 1 || sink.votes[id].Vote != "up" {
		t.Errorf("after Flush: %d exchanges, votes %v", len(sink.xs), sink.votes)
	}
}

// A database that is down loses records, counts them and logs once per minute, and never
// makes Record wait.
func TestWriterDatabaseDown(t *testing.T) {
	var logs bytes.Buffer
	var mu sync.Mutex
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	sink := &memSink{err: errors.New("connection refused")}
	w := store.NewWriter(slog.New(slog.NewTextHandler(&logs, nil)), sink, store.NewHasher("k"),
		store.WriterSettings{Every: time.Hour, Now: clock})
	for round := 0; round < 3; round++ {
		for i := 0; i < 10; i++ {
			w.Record(store.Reply{Channel: "http", Text: "x", Kind: "answer"})
		}
		w.Flush()
		mu.Lock()
		now = now.Add(20 * time.Second) // three rounds within one minute and a bit
		mu.Unlock()
	}
	mu.Lock()
	now = now.Add(time.Minute)
	mu.Unlock()
	w.Record(store.Reply{Channel: "http", Text: "x", Kind: "answer"})
	w.Flush()
	w.Close(context.Background())
	if s := w.Stats(); s.Lost != 31 || s.Written != 0 {
		t.Errorf("stats %+v, want 31 lost", s)
	}
	if n := strings.Count(logs.String(), "records_lost"); n != 2 {
		t.Errorf("%d loss log lines, want 2 (one per minute):\n%s", n, logs.String())
	}
}

func TestWriterQueueFull(t *testing.T) {
	sink := &memSink{gate: make(chan struct{})}
	w := store.NewWriter(slog.New(slog.DiscardHandler), sink, store.NewHasher("k"), store.WriterSettings{Queue: 10, Batch: 1})
	for i := 0; i < 50; i++ { // must not block although the sink is stuck
		w.Record(store.Reply{Channel: "http", Text: "x", Kind: "answer"})
	}
	close(sink.gate)
	w.Close(context.Background())
	s := w.Stats()
	if s.Lost == 0 || s.Lost+s.Written != 50 {
		t.Errorf("stats %+v: want some lost and lost+written = 50", s)
	}
	// After Close nothing is accepted, and nothing panics.
	w.Record(store.Reply{Channel: "http", Text: "x", Kind: "answer"})
	if w.Stats().Lost != s.Lost+1 {
		t.Errorf("a record after Close was not counted as lost")
	}
}

type fakeDeleter struct{ got []store.Cutoff }

func (f *fakeDeleter) Delete(ctx context.Context, c store.Cutoff) (int64, error) {
	f.got = append(f.got, c)
	return 3, nil
}

func TestRetention(t *testing.T) {
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		r    store.Retention
		want store.Cutoff
	}{
		{store.Retention{}, store.Cutoff{Records: now.AddDate(0, 0, -90), Updates: now.Add(-10 * time.Minute)}},
		{store.Retention{Days: 7, Updates: time.Hour}, store.Cutoff{Records: now.AddDate(0, 0, -7), Updates: now.Add(-time.Hour)}},
	}
	for _, tt := range tests {
		if got := tt.r.Cutoff(now); got != tt.want {
			t.Errorf("%+v: Cutoff = %+v, want %+v", tt.r, got, tt.want)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // one pass at start, then return
	d := &fakeDeleter{}
	store.RunRetention(ctx, slog.New(slog.DiscardHandler), d, store.Retention{Days: 30, Now: func() time.Time { return now }})
	if len(d.got) != 1 || !d.got[0].Records.Equal(now.AddDate(0, 0, -30)) {
		t.Errorf("retention deleted %+v", d.got)
	}
}

func TestRedact(t *testing.T) {
	tests := []struct{ in, want string }{
		{"email tôi là nguyen.van.a@gmail.com nhé", "email tôi là [đã ẩn] nhé"},
		{"cccd 001099012345 bị khóa", "cccd [đã ẩn] bị khóa"},
		{"số tk 1903 5555 7777 01", "số tk [đã ẩn]"},
		{"làm căn cước năm 2024", "làm căn cước năm 2024"},
	}
	for _, tt := range tests {
		if got := store.Redact(tt.in); got != tt.want {
			t.Errorf("Redact(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := store.Normalize("Làm CĂN CƯỚC [đã ẩn] ở đâu?"); strings.Contains(got, "an]") || !strings.Contains(got, "can cuoc") {
		t.Errorf("Normalize = %q", got)
	}
}

// BenchmarkRecord is what a reply pays to record its exchange: redaction, normalisation, an
// id and a channel send (the database write happens elsewhere).
func BenchmarkRecord(b *testing.B) {
	sink := &memSink{}
	w := store.NewWriter(slog.New(slog.DiscardHandler), sink, store.NewHasher("k"), store.WriterSettings{Queue: 1 << 20})
	defer w.Close(context.Background())
	r := store.Reply{Channel: "http", Subject: "12345", Text: "quên mật khẩu vneid thì phải làm sao, số 0912345678", Kind: "answer",
		Entry: "vneid-quen-mat-khau", Confidence: 0.8, RunnersUp: []string{"a", "b", "c"}}
	b.ReportAllocs()
	for b.Loop() {
		w.Record(r)
	}
}
