package risk_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/saleskit/saleskit/risk"
	"github.com/shopspring/decimal"
)

// Example is the worked example of the package documentation: a threat
// scored under the PMBOK preset, and the worth of mitigating it.
// TestDocExampleIsExample keeps the two the same code.
func Example() {
	a, err := risk.Assess(risk.PMBOK(), risk.Risk{
		ID:          "engineer-leaves",
		Probability: risk.Probability{Level: "high"},
		Impact:      risk.Impact{Level: "high", Money: decimal.NewFromInt(250_000)},
		Response: risk.Response{
			Strategy:            risk.Mitigate,
			Actions:             []risk.Action{{Title: "pair a second engineer", Cost: decimal.NewFromInt(40_000)}},
			ResidualProbability: risk.Probability{Level: "low"},
		},
	})
	if err != nil {
		panic(err)
	}
	fmt.Println("inherent:", a.Inherent.Score, a.Inherent.Rating, a.Inherent.EMV)
	fmt.Println("residual:", a.Residual.Score, a.Residual.Rating, a.Residual.EMV)
	fmt.Println("worth:", a.Worth)
	// Output:
	// inherent: 0.28 high -175000
	// residual: 0.12 moderate -75000
	// worth: 60000
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
