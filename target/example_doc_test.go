package target_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/saleskit/saleskit/target"
	"github.com/shopspring/decimal"
)

// Example is the worked example of the package documentation: 10,000,000
// over four even quarters, then the first quarter over its three months.
// TestDocExampleIsExample keeps the two the same code.
func Example() {
	quarters, err := target.SplitTime(decimal.NewFromInt(10_000_000),
		target.MustDate("2025-01-01"), target.MustDate("2026-01-01"), target.Quarter, 2, nil)
	if err != nil {
		panic(err)
	}
	q1 := quarters[0]
	months, err := target.SplitTime(q1.Target, q1.Start, q1.End, target.Month, 2, nil)
	if err != nil {
		panic(err)
	}
	for _, q := range quarters {
		fmt.Println(q.Label, q.Target.StringFixed(2))
	}
	for _, m := range months {
		fmt.Println(" ", m.Label, m.Target.StringFixed(2))
	}
	// Output:
	// 2025-Q1 2500000.00
	// 2025-Q2 2500000.00
	// 2025-Q3 2500000.00
	// 2025-Q4 2500000.00
	//   2025-01 833333.34
	//   2025-02 833333.33
	//   2025-03 833333.33
}

// TestDocExampleIsExample checks that the code of doc.go's worked example
// is the code of Example, so that the documentation compiles and prints
// what Example's output says. Comments and blank lines are not compared.
func TestDocExampleIsExample(t *testing.T) {
	doc, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	ex, err := os.ReadFile("example_doc_test.go")
	if err != nil {
		t.Fatal(err)
	}
	want := codeLines(docExample(t, string(doc)))
	got := codeLines(exampleBody(t, string(ex)))
	if len(want) == 0 {
		t.Fatal("doc.go's worked example has no code")
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("doc.go's worked example is not Example's code (-doc.go +Example):\n%s", diff)
	}
}

// docExample returns the last code block of doc.go's worked-example
// section, its lines without the comment marker and the block's indent.
func docExample(t *testing.T, doc string) []string {
	i := strings.Index(strings.ToLower(doc), "worked example\n")
	if i < 0 {
		t.Fatal("doc.go has no worked example section")
	}
	var blocks [][]string
	inBlock := false
	for _, line := range strings.Split(doc[i:], "\n")[1:] {
		switch {
		case strings.HasPrefix(line, "// # "):
			return last(t, blocks)
		case strings.HasPrefix(line, "//\t"):
			if !inBlock {
				blocks = append(blocks, nil)
				inBlock = true
			}
			blocks[len(blocks)-1] = append(blocks[len(blocks)-1], line[len("//\t"):])
		case line == "//" && inBlock:
		default:
			inBlock = false
		}
	}
	return last(t, blocks)
}

func last(t *testing.T, blocks [][]string) []string {
	if len(blocks) == 0 {
		t.Fatal("doc.go's worked example shows no code")
	}
	return blocks[len(blocks)-1]
}

// exampleBody returns the lines of func Example's body, unindented once.
func exampleBody(t *testing.T, src string) []string {
	const open = "\nfunc Example() {\n"
	i := strings.Index(src, open)
	if i < 0 {
		t.Fatal("no func Example")
	}
	body := src[i+len(open):]
	j := strings.Index(body, "\n}\n")
	if j < 0 {
		t.Fatal("func Example does not end")
	}
	var lines []string
	for _, line := range strings.Split(body[:j], "\n") {
		lines = append(lines, strings.TrimPrefix(line, "\t"))
	}
	return lines
}

// codeLines drops comment lines, trailing comments and blank lines.
func codeLines(lines []string) []string {
	var code []string
	for _, line := range lines {
		if k := strings.Index(line, "// "); k >= 0 && !strings.Contains(line[:k], `"`) {
			line = line[:k]
		}
		line = strings.TrimRight(line, " \t")
		if strings.TrimSpace(line) == "" {
			continue
		}
		code = append(code, line)
	}
	return code
}
