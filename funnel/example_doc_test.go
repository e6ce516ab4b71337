package funnel_test

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/saleskit/saleskit/funnel"
	"github.com/shopspring/decimal"
)

// Example is the worked example of the package documentation: four deals
// on the B2B stages, reported in AnyOrder mode. TestDocExampleIsExample
// keeps the two the same code.
func Example() {
	at := func(day int) time.Time { return time.Date(2025, 3, day, 9, 0, 0, 0, time.UTC) }
	ev := func(deal, stage string, day int, amount int64) funnel.Event {
		return funnel.Event{Deal: deal, Stage: stage, Time: at(day), Amount: decimal.NewFromInt(amount)}
	}
	events := []funnel.Event{
		ev("d1", "lead", 1, 1000), ev("d1", "qualified", 3, 1000), ev("d1", "proposal", 6, 1000), ev("d1", "won", 16, 1000),
		ev("d2", "lead", 1, 400), ev("d2", "proposal", 4, 400), ev("d2", "lost", 9, 400),
		ev("d3", "lead", 2, 250), ev("d3", "qualified", 4, 250), ev("d3", "lost", 5, 250),
		ev("d4", "lead", 2, 300),
	}
	a, err := funnel.NewAnalyzer(funnel.B2B(), nil)
	if err != nil {
		panic(err)
	}
	if _, err := a.AddAll(events); err != nil {
		panic(err)
	}
	r, err := a.Report(&funnel.ReportOptions{Mode: funnel.AnyOrder})
	if err != nil {
		panic(err)
	}
	for _, s := range r.Stages {
		c := s.Conversion
		fmt.Printf("%-11s %d entered  %5.1f%% [%5.1f%%, %5.1f%%]\n", s.Key, s.Entered, 100*c.Value, 100*c.Low, 100*c.High)
	}
	fmt.Printf("win rate %d of %d\n", r.Overall.WinRate.Successes, r.Overall.WinRate.Trials)
	// Output:
	// lead        4 entered  100.0% [ 51.0%, 100.0%]
	// qualified   3 entered   75.0% [ 30.1%,  95.4%]
	// proposal    2 entered   66.7% [ 20.8%,  93.9%]
	// negotiation 1 entered   50.0% [  9.5%,  90.5%]
	// won         1 entered  100.0% [ 20.7%, 100.0%]
	// win rate 1 of 3
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
