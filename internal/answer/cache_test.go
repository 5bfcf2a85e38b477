package answer

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// countSearch counts the searches made, to tell a cached reply from a computed one.
type countSearch struct {
	fakeSearch
	n int
}

func (c *countSearch) Search(ctx context.Context, text string, k int) (Found, error) {
	c.n++
	return c.fakeSearch.Search(ctx, text, k)
}

// TestReplyCache: a repeated message is answered from the cache with the very same reply; a
// reply with personal data or a search error is computed again each time; the cache holds no
// message text; its size is bounded.
func TestReplyCache(t *testing.T) {
	st := DefaultSettings()
	st.ReplyCache = 4
	s := &countSearch{fakeSearch: fakeSearch{
		"quen passcode": {Hits: []Hit{sure("quen-passcode")}, Words: 1, Known: 1},
		"số điện thoại của tôi là quen passcode": {Hits: []Hit{sure("quen-passcode")}, Words: 1, Known: 1},
	}}
	e := New(testSet(), s, st)
	ctx := context.Background()

	first := e.Answer(ctx, "quen passcode")
	again := e.Answer(ctx, "quen passcode")
	if s.n != 1 || !reflect.DeepEqual(first, again) || again.Query != "quen passcode" {
		t.Errorf("repeat: %d searches, reply %+v, want 1 search and the first reply %+v", s.n, again, first)
	}
	for _, msg := range []string{"số điện thoại của tôi là 0912345678 quen passcode", "boom"} {
		before := s.n
		r1, r2 := e.Answer(ctx, msg), e.Answer(ctx, msg)
		if s.n != before+2 {
			t.Errorf("%q: %d searches for two asks, want 2 (never cached)", msg, s.n-before)
		}
		if strings.Contains(r2.Query, "0912345678") || r1.Query != r2.Query {
			t.Errorf("%q: queries %q and %q", msg, r1.Query, r2.Query)
		}
	}
	for k, r := range e.cache.cur {
		if r.Query != "" {
			t.Errorf("cached reply %v keeps the message %q", k, r.Query)
		}
	}
	for i := range 20 {
		e.Answer(ctx, fmt.Sprintf("câu hỏi %d", i))
	}
	if n := len(e.cache.cur) + len(e.cache.old); n > 2*st.ReplyCache {
		t.Errorf("cache holds %d replies, want at most %d", n, 2*st.ReplyCache)
	}
	st.ReplyCache = 0
	if New(testSet(), s, st).cache != nil {
		t.Error("reply_cache=0 still caches")
	}
}
