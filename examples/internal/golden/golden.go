// Package golden compares an example program's output with its golden
// file, so that every change to what users see is reviewed in a diff.
// After a deliberate change, rewrite the files from the current output:
//
//	go test ./examples/<name> -update
//
// It is shared by the tests under examples/ and is not part of saleskit's
// API.
package golden

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata from the current output")

// Check compares got with the file testdata/name, rewriting the file from
// got first when the test runs with -update.
func Check(t testing.TB, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s differs from the output (-want +got):\n%s", path, diff)
	}
}
