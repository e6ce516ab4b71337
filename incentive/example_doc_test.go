package incentive_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/saleskit/saleskit/incentive"
	"github.com/shopspring/decimal"
)

// Example is the worked example of the package documentation: three deals
// against a 100,000 quota on marginal attainment tiers.
// TestDocExampleIsExample keeps the two the same code.
func Example() {
	def, err := incentive.DecodePlan([]byte(`{"id": "ae-2025", "start": "2025-01-01", "end": "2026-01-01",
		"period": "quarter", "rounding": {"places": 2}, "reps": [{"id": "ana", "quota": "100000"}],
		"components": [{"id": "revenue", "type": "tiered", "basis": "attainment", "tiers": [
			{"from": "0", "to": "1", "rate": "0.08"},
			{"from": "1", "to": "1.5", "rate": "0.12"},
			{"from": "1.5", "rate": "0.15"}]}]}`), nil)
	if err != nil {
		panic(err)
	}
	txs := []incentive.Transaction{
		{ID: "D1", Rep: "ana", Amount: decimal.NewFromInt(70_000), Booked: incentive.MustDate("2025-01-10")},
		{ID: "D2", Rep: "ana", Amount: decimal.NewFromInt(60_000), Booked: incentive.MustDate("2025-02-10")},
		{ID: "D3", Rep: "ana", Amount: decimal.NewFromInt(30_000), Booked: incentive.MustDate("2025-03-10")},
	}
	stmts, err := incentive.Compute(def, incentive.MustDate("2025-03-31"), txs, nil)
	if err != nil {
		panic(err)
	}
	s := stmts[0]
	fmt.Println(s.Rep, s.Period)
	for _, l := range s.Lines {
		fmt.Printf("  %s %8s  %s\n", l.Deal, l.Amount.StringFixed(2), l.Reason())
	}
	fmt.Println("  payout", s.Payout.StringFixed(2))
	fmt.Println(" ", s.Lines[2].Reason().Text("zh-CN"))
	// Output:
	// ana 2025-Q1
	//   D1  5600.00  Tier 1, 0%–100% of quota: 70,000.00 × 8% = 5,600.00
	//   D2  2400.00  Tier 1, 0%–100% of quota: 30,000.00 × 8% = 2,400.00
	//   D2  3600.00  Tier 2, 100%–150% of quota: 30,000.00 × 12% = 3,600.00
	//   D3  2400.00  Tier 2, 100%–150% of quota: 20,000.00 × 12% = 2,400.00
	//   D3  1500.00  Tier 3, 150% of quota and above: 10,000.00 × 15% = 1,500.00
	//   payout 15500.00
	//   第 2 档（配额的 100%–150%）：30,000.00 × 12% = 3,600.00
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
