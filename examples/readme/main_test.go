package main

import (
	"io"
	"os"
	"strings"
	"testing"

	"github.com/saleskit/saleskit/examples/internal/golden"
)

// TestReadmeSample runs the sample and compares what it prints with the
// golden file, whose lines the READMEs quote.
func TestReadmeSample(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout := os.Stdout
	os.Stdout = w
	main()
	os.Stdout = stdout
	w.Close()
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "readme.golden", string(out))
}

// TestReadmesQuoteTheSample: both READMEs show this program's code, from
// its imports to its end, exactly as it compiles here.
func TestReadmesQuoteTheSample(t *testing.T) {
	src, err := os.ReadFile("main.go")
	if err != nil {
		t.Fatal(err)
	}
	_, code, _ := strings.Cut(string(src), "\nimport (")
	code = "import (" + code
	for _, name := range []string{"../../README.md", "../../README.zh-CN.md"} {
		readme, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(readme), code) {
			t.Errorf("%s does not quote examples/readme/main.go from its imports on; copy it in again", name)
		}
	}
}
