package answer

import (
	"bufio"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestSafetyGolden reads testdata/safety-messages.txt with the real word lists and compares the
// warnings each message gets (personal_data(no warning): masked and flagged, not warned about)
// with testdata/safety-messages.golden: a change to the safety rules
// shows, line by line, which risky messages it catches or loses and which questions it starts
// warning about.
func TestSafetyGolden(t *testing.T) {
	lx := realLexicon(t)
	f, err := os.Open(filepath.Join("testdata", "safety-messages.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var b strings.Builder
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			b.WriteString(line + "\n")
			continue
		}
		r := lx.read(line)
		var flags []string
		for _, s := range r.safety {
			flags = append(flags, s.flag)
		}
		if len(r.personal) > 0 {
			// The kinds found, and whether the reply warns about them (a given name alone does not).
			f := FlagPersonalData
			if !warnsPersonal(r.personal) {
				f += "(no warning)"
			}
			flags = append(flags, f)
		}
		if r.scam {
			flags = append(flags, FlagScam)
		}
		slices.Sort(flags)
		got := "-"
		if len(flags) > 0 {
			got = strings.Join(flags, ",")
		}
		b.WriteString(got + "\t" + r.redacted + "\n")
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "safety-messages.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got := b.String(); got != string(want) {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := 0; i < len(gl) && i < len(wl); i++ {
			if gl[i] != wl[i] {
				t.Errorf("line %d: got %q, golden %q", i+1, gl[i], wl[i])
			}
		}
		if len(gl) != len(wl) {
			t.Errorf("got %d lines, golden %d", len(gl), len(wl))
		}
		t.Log("run go test ./internal/answer -run SafetyGolden -update and review the diff")
	}
}
