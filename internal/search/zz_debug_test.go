package search

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/vneidbot/vneidbot/internal/faq"
)

func TestZZDebug(t *testing.T) {
	q := os.Getenv("DQ")
	if q == "" {
		t.Skip()
	}
	set, _, _ := faq.Load("/work/main/faq", time.Now())
	var es []Entry
	for _, e := range set.Entries {
		es = append(es, Entry{ID: e.ID, Title: e.Title, Texts: append([]string{e.Title}, e.Questions...), Keywords: e.Keywords, Answer: e.Answer})
	}
	ix, _ := Build("", es, set.Synonyms.Groups)
	a := ix.an.analyze(q, ix.fix)
	for _, w := range a.Canon {
		fmt.Printf("  %s w=%.2f df=%d\n", w, ix.weight(w), ix.df[w])
	}
	res, _ := ix.Search(context.Background(), q, 3)
	for _, h := range res.Hits {
		fmt.Printf("  %-35s score=%.2f cov=%.2f phrase=%.2f anch=%v\n", h.ID, h.Score, h.Coverage, h.Phrase, h.Anchored)
		for _, w := range a.Canon {
			fmt.Printf("     %s q=%v a=%v\n", w, ix.terms[h.entry][w], ix.aterm[h.entry][w])
		}
	}
}
