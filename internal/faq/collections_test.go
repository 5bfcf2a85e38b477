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
		"fixtures/real/check.yaml", "fixtures/harvest/tune.yaml", "fixtures/only-check/check.yaml", "fixtures/stories/s.yaml",
		"fixtures/stories/tune.yaml", "fixtures/probes/tune.yaml", "fixtures/probes/check.yaml", "fixtures/empty/notes.md"} {
		p := filepath.Join(dir, f)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("[]\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// A directory named like a tuning half is not one; a symbolic link is never a half, nor a
	// linked directory a collection: either could make a check half teach the model.
	if err := os.MkdirAll(filepath.Join(dir, "fixtures", "odd", TuneHalf), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "fixtures", "linked"), 0o755); err != nil {
		t.Fatal(err)
	}
	for link, target := range map[string]string{
		"fixtures/linked/tune.yaml": filepath.Join(dir, "fixtures", "real", CheckHalf),
		"fixtures/real2":            filepath.Join(dir, "fixtures", "real"),
	} {
		if err := os.Symlink(target, filepath.Join(dir, link)); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
	}
	got, err := Collections(dir)
	if err != nil {
		t.Fatal(err)
	}
	c := func(name string, tune, check bool) Collection {
		d := filepath.Join(dir, "fixtures", name)
		col := Collection{Name: name}
		if tune {
			col.Tune = filepath.Join(d, TuneHalf)
		}
		if check {
			col.Check = filepath.Join(d, CheckHalf)
		}
		return col
	}
	want := []Collection{c("real", true, true), c("harvest", true, false), c("only-check", false, true), c("zz", true, true)}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Collections = %+v\nwant %+v", got, want)
	}
	if got, err := Collections(t.TempDir()); err != nil || len(got) != 0 {
		t.Errorf("Collections of an empty directory = %v, %v; want none", got, err)
	}
}
