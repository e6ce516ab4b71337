package forecast_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/saleskit/saleskit/forecast"
	"github.com/shopspring/decimal"
)

// Example is the worked example of the package documentation: seven deals
// closing in July 2026, by forecast category. TestDocExampleIsExample
// keeps the two the same code.
func Example() {
	p, err := forecast.NewPipeline(forecast.B2B(), 2, nil)
	if err != nil {
		panic(err)
	}
	d := forecast.MustDate
	half := 0.5
	deals := []forecast.Deal{
		{ID: "A", Amount: decimal.RequireFromString("120000.00"), Stage: "negotiation", CloseDate: d("2026-07-10")},
		{ID: "B", Amount: decimal.RequireFromString("80000.00"), Stage: "proposal", CloseDate: d("2026-07-15")},
		{ID: "C", Amount: decimal.RequireFromString("50000.00"), Stage: "qualified", CloseDate: d("2026-07-20")},
		{ID: "D", Amount: decimal.RequireFromString("33333.33"), Stage: "lead", CloseDate: d("2026-07-31")},
		{ID: "E", Amount: decimal.RequireFromString("60000.00"), Stage: "won", CloseDate: d("2026-07-02")},
		{ID: "F", Amount: decimal.RequireFromString("40000.00"), Stage: "lost", CloseDate: d("2026-07-03")},
		{ID: "G", Amount: decimal.RequireFromString("10000.05"), Stage: "proposal", Probability: &half, CloseDate: d("2026-07-25")},
	}
	if err := p.AddAll(deals); err != nil {
		panic(err)
	}
	july := p.Report(nil).Periods[0]
	for _, c := range july.Categories {
		fmt.Printf("%-9s %d deals %10s weighted %9s\n", c.Category, c.Deals, c.Amount.StringFixed(2), c.Weighted.StringFixed(2))
	}
	f := july.Forecasts
	fmt.Println("open pipeline", f.OpenPipeline.Amount.StringFixed(2))
	fmt.Println("best case    ", f.BestCase.Amount.StringFixed(2))
	fmt.Println("commit       ", f.Commit.Amount.StringFixed(2))
	fmt.Println("closed       ", f.Closed.Amount.StringFixed(2))
	fmt.Println("expected     ", july.Expected.StringFixed(2))
	// Output:
	// pipeline  2 deals   83333.33 weighted  15833.33
	// best_case 2 deals   90000.05 weighted  45000.02
	// commit    1 deals  120000.00 weighted  90000.00
	// closed    1 deals   60000.00 weighted  60000.00
	// omitted   1 deals   40000.00 weighted      0.00
	// open pipeline 293333.38
	// best case     270000.05
	// commit        180000.00
	// closed        60000.00
	// expected      210833.35
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
