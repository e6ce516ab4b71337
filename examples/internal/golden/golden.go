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
	"bytes"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
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

// Languages compares the program's output in each language the examples
// speak with its golden file, in a subtest per language: English's is
// testdata/file, Chinese's the same name with ".zh-CN" before its extension
// (quickstart.golden, quickstart.zh-CN.golden). output runs the program in
// lang and returns what it printed; it may check more with t.
func Languages(t *testing.T, file string, output func(t *testing.T, lang string) string) {
	t.Helper()
	ext := filepath.Ext(file)
	for _, l := range []struct{ lang, file string }{
		{"en", file},
		{"zh-CN", strings.TrimSuffix(file, ext) + ".zh-CN" + ext},
	} {
		t.Run(l.lang, func(t *testing.T) { Check(t, l.file, output(t, l.lang)) })
	}
}

// Seeded checks what a program with a -seed flag promises: seed 7 prints
// the same twice, seed 8 something else, and a language the program does
// not speak is an error. run is the program's run, writing to w.
func Seeded(t *testing.T, run func(w io.Writer, lang string, seed uint64) error) {
	t.Helper()
	output := func(seed uint64) string {
		var out bytes.Buffer
		if err := run(&out, "en", seed); err != nil {
			t.Fatalf("run(seed %d): %v", seed, err)
		}
		return out.String()
	}
	first := output(7)
	if first != output(7) {
		t.Error("seed 7 printed two different outputs")
	}
	if first == output(8) {
		t.Error("seeds 7 and 8 printed the same output")
	}
	if err := run(io.Discard, "fr", 7); err == nil {
		t.Error("run -lang fr = nil error, want one")
	}
}

// Contains checks that got holds each of want: the lines of a program's
// output that a test works out by hand.
func Contains(t *testing.T, got string, want ...string) {
	t.Helper()
	for _, s := range want {
		if !strings.Contains(got, s) {
			t.Errorf("output lacks %q", s)
		}
	}
}
