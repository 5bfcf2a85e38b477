package telegram_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/vneidbot/vneidbot/internal/telegram"
)

// BenchmarkTelegramLoad sends 100 chats × 3 messages through the fake Bot API and waits for
// the 300 replies: polling, dispatch, the engine (a fake here), rendering and sendMessage,
// all over loopback HTTP. It reports replies per second and the delay from an update being
// queued to its reply arriving (p50, p99).
func BenchmarkTelegramLoad(b *testing.B) {
	h := start(b, telegram.Options{})
	const chats, perChat = 100, 3
	base := int64(0)
	var lat []time.Duration
	total := 0
	startAll := time.Now()
	b.ReportAllocs()
	for b.Loop() {
		base += chats // new chats each round: the per-chat limit is not what is measured
		queued := map[int64][]time.Time{}
		for m := range perChat {
			for c := range int64(chats) {
				queued[base+c] = append(queued[base+c], time.Now())
				h.api.SendText(base+c, fmt.Sprintf("câu %d", m))
			}
		}
		for c := range int64(chats) {
			sent := h.api.WaitSent(b, base+c, perChat)
			for i, s := range sent {
				lat = append(lat, s.At.Sub(queued[base+c][i]))
			}
		}
		total += chats * perChat
	}
	elapsed := time.Since(startAll)
	slices.Sort(lat)
	b.ReportMetric(float64(total)/elapsed.Seconds(), "replies/s")
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
}
