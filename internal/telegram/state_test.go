package telegram

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestChatStates(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	c := newChatStates(func() time.Time { return now })
	steps := []struct {
		do   string // "pending N", "retire", "choose N"
		want bool   // for choose
		ret  int    // for retire
	}{
		{do: "choose 5", want: true},   // unknown chat (after a restart): accepted
		{do: "choose 5", want: false},  // a second press on the same clarification
		{do: "pending 10"},             //
		{do: "choose 7", want: true},   // not known to be retired
		{do: "retire", ret: 10},        // a new question retires 10
		{do: "choose 10", want: false}, // so a late press on it is refused
		{do: "pending 12"},             //
		{do: "pending 14"},             // a newer clarification retires 12
		{do: "choose 12", want: false}, //
		{do: "choose 14", want: true},  //
		{do: "retire", ret: 0},         // nothing pending after the choice
	}
	for i, s := range steps {
		var n int
		switch {
		case s.do == "retire":
			if got := c.retire(1); got != s.ret {
				t.Errorf("step %d retire = %d, want %d", i, got, s.ret)
			}
		case strings.HasPrefix(s.do, "pending"):
			fmt.Sscanf(s.do, "pending %d", &n)
			c.setPending(1, n)
		default:
			fmt.Sscanf(s.do, "choose %d", &n)
			if got := c.choose(1, n); got != s.want {
				t.Errorf("step %d %s = %v, want %v", i, s.do, got, s.want)
			}
		}
	}
}
