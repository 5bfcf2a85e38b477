package answer

import (
	"hash/maphash"
	"sync"

	"github.com/vneidbot/vneidbot/internal/pii"
)

// replyCache remembers the replies to recent messages: citizens send the same few questions
// over and over ("quên mật khẩu vneid"), and a reply depends only on the text and the engine
// (one engine per content version and day, so a reload or a new day starts afresh).
//
// It keeps no citizen text: the key is a seeded hash of the message and the stored reply has
// its Query cleared (it is the redacted message, filled in again on a hit). A reply that found
// personal data, or that reports a failure, is never kept. Two generations bound its size:
// when the current one is full it becomes the old one, and a hit in the old one moves back.
type replyCache struct {
	seed maphash.Seed
	max  int // entries per generation

	mu       sync.Mutex
	cur, old map[cacheKey]Reply
}

type cacheKey struct {
	h uint64
	n int
}

func newReplyCache(max int) *replyCache {
	if max <= 0 {
		return nil
	}
	return &replyCache{seed: maphash.MakeSeed(), max: max, cur: make(map[cacheKey]Reply)}
}

func (c *replyCache) key(text string) cacheKey {
	return cacheKey{maphash.String(c.seed, text), len(text)}
}

// get returns the reply to text, with its Query filled in, if it is cached.
func (c *replyCache) get(text string) (Reply, bool) {
	k := c.key(text)
	c.mu.Lock()
	r, ok := c.cur[k]
	if !ok {
		if r, ok = c.old[k]; ok {
			c.putLocked(k, r)
		}
	}
	c.mu.Unlock()
	if ok {
		r.Query, _ = pii.Redact(clip(text))
	}
	return r, ok
}

// put keeps r as the reply to text, unless it must not be kept.
func (c *replyCache) put(text string, r Reply) {
	if r.Error != "" || len(r.Flags) > 0 {
		return // a failure is not the answer; flagged messages carry data or risks: read them again
	}
	r.Query = ""
	k := c.key(text)
	c.mu.Lock()
	c.putLocked(k, r)
	c.mu.Unlock()
}

func (c *replyCache) putLocked(k cacheKey, r Reply) {
	if len(c.cur) >= c.max {
		c.old, c.cur = c.cur, make(map[cacheKey]Reply, c.max)
	}
	c.cur[k] = r
}
