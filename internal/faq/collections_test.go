package faq

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestCollections(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"fixtures/a.yaml", "fixtures/zz/tune.yaml", "fixtures/zz/check.yaml", "fixtures/real/tune.yaml",
		"fixtures/real/check.yaml", "fixtures/harvest/tune.yaml", "fixtures/only-check/check.yaml", "fixtures/stories/s.yaml"} {
		p := filepath.Join(dir, f)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("[]\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// A directory named like a tuning half is not one.
	if err := os.MkdirAll(filepath.Join(dir, "fixtures", "odd", TuneHalf), 0o755); err != nil {
		t.Fatal(err)
	}
	got, err := Collections(dir)
	if err != nil {
		t.Fatal(err)
	}
	c := func(name string) Collection {
		d := filepath.Join(dir, "fixtures", name)
		return Collection{Name: name, Tune: filepath.Join(d, TuneHalf), Check: filepath.Join(d, CheckHalf)}
	}
	if want := []Collection{c("real"), c("harvest"), c("zz")}; !reflect.DeepEqual(got, want) {
		t.Errorf("Collections = %+v\nwant %+v", got, want)
	}
	if got, err := Collections(t.TempDir()); err != nil || len(got) != 0 {
		t.Errorf("Collections of an empty directory = %v, %v; want none", got, err)
	}
}
