package answer

import (
	"bufio"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/vneidbot/vneidbot/internal/faq"
	"github.com/vneidbot/vneidbot/internal/pii"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// testMessages tell the warning from the name's note apart in the golden file.
var testMessages = faq.Messages{SafetyPersonalData: "warning", PersonalName: "note"}

// TestSafetyGolden reads testdata/safety-messages.txt with the real word lists and compares the
// warnings each message gets (personal_data(no warning): masked and flagged, not warned about; (name note): a short note;
// scam(theft): identity theft told, bot.yaml safety_theft instead of safety_scam)
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
			// The kinds found, and what the reply opens with (a given name or a caller's number
			// alone: nothing; a full name alone: a note).
			f := FlagPersonalData
			switch personalWarning(r.personal, testMessages) {
			case "":
				f += "(no warning)"
			case testMessages.PersonalName:
				f += "(name note)"
			}
			flags = append(flags, f)
		}
		if r.scam {
			f := FlagScam
			if r.theft {
				f += "(theft)" // told by words.yaml scam_theft alone: bot.yaml safety_theft opens the reply
			}
			flags = append(flags, f)
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

// TestPersonalWarning pins what opens a reply for each mix of personal data.
func TestPersonalWarning(t *testing.T) {
	noNote := faq.Messages{SafetyPersonalData: "warning"}
	for _, tc := range []struct {
		kinds []pii.Kind
		m     faq.Messages
		want  string
	}{
		{[]pii.Kind{pii.Phone}, testMessages, "warning"},
		{[]pii.Kind{pii.CallerPhone}, testMessages, ""},
		{[]pii.Kind{pii.GivenName}, testMessages, ""},
		{[]pii.Kind{pii.GivenName, pii.CallerPhone}, testMessages, ""},
		{[]pii.Kind{pii.Name}, testMessages, "note"},
		{[]pii.Kind{pii.Name, pii.CallerPhone}, testMessages, "note"},
		{[]pii.Kind{pii.Name, pii.Phone}, testMessages, "warning"},
		{[]pii.Kind{pii.CallerPhone, pii.Code}, testMessages, "warning"},
		{[]pii.Kind{pii.BirthDate}, testMessages, "warning"},
		{[]pii.Kind{pii.Name}, noNote, "warning"}, // no note configured: the warning
	} {
		if got := personalWarning(tc.kinds, tc.m); got != tc.want {
			t.Errorf("personalWarning(%v) = %q, want %q", tc.kinds, got, tc.want)
		}
	}
}
