package search

import (
	"context"
	"fmt"
	"os"
	"testing"

	"github.com/vneidbot/vneidbot/internal/faq"
	"time"
)

func TestDebugQuery(t *testing.T) {
	q := os.Getenv("DQ")
	if q == "" {
		t.Skip()
	}
	set, _, err := faq.Load(os.Getenv("FAQ"), time.Now())
	if err != nil || set == nil {
		t.Fatal(err)
	}
	var es []Entry
	for _, e := range set.Entries {
		es = append(es, Entry{ID: e.ID, Title: e.Title, Texts: append([]string{e.Title}, e.Questions...), Keywords: e.Keywords, Answer: e.Answer})
	}
	ix, err := Build("", es, set.Synonyms.Groups)
	if err != nil {
		t.Fatal(err)
	}
	a := ix.an.analyze(q, ix.fix)
	fmt.Printf("%+v\n", a)
	for _, w := range a.Canon {
		fmt.Printf("  %s w=%.2f\n", w, ix.weight(w))
	}
	res, _ := ix.Search(context.Background(), q, 5)
	fmt.Printf("words=%d known=%d\n", res.Words, res.Known)
	for _, h := range res.Hits {
		fmt.Printf("  %-35s score=%.2f cov=%.2f phrase=%.2f\n", h.ID, h.Score, h.Coverage, h.Phrase)
	}
}
