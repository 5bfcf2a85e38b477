package service

import (
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
)

// BenchmarkAskRecording measures what recording costs a reply: two services on the same
// machine, one without a store and one recording into SQLite, asked in turn (so machine
// noise falls on both alike). It reports each one's p50 latency and the overhead in percent
// (the bar: ≤ 10%).
//
//	go test -run '^$' -bench AskRecording -benchtime 4000x ./internal/service
func BenchmarkAskRecording(b *testing.B) {
	off := testConfig(b, serveFAQ)
	off.APILimit = 0
	on := testConfig(b, serveFAQ)
	on.APILimit = 0
	on.Exchanges = ExchangeConfig{DataDir: b.TempDir()}
	rOff, rOn := startServe(b, off), startServe(b, on)
	hc := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 2}}
	body := `{"text": "quên passcode vneid thì làm sao"}`
	ask := func(base string) time.Duration {
		start := time.Now()
		resp, err := hc.Post(base+"/api/v1/ask", "application/json", strings.NewReader(body))
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return time.Since(start)
	}
	for range 50 { // warm both up
		ask(rOff.base)
		ask(rOn.base)
	}
	var latOff, latOn []time.Duration
	i := 0
	for b.Loop() {
		if i%2 == 0 {
			latOff = append(latOff, ask(rOff.base))
		} else {
			latOn = append(latOn, ask(rOn.base))
		}
		i++
	}
	p50 := func(d []time.Duration) float64 {
		if len(d) == 0 {
			return 0
		}
		slices.Sort(d)
		return float64(d[len(d)/2].Microseconds())
	}
	pOff, pOn := p50(latOff), p50(latOn)
	b.ReportMetric(pOff, "p50-off-µs")
	b.ReportMetric(pOn, "p50-store-µs")
	if pOff > 0 {
		b.ReportMetric(100*(pOn-pOff)/pOff, "overhead-%")
	}
}
