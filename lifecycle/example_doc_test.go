package lifecycle_test

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/saleskit/saleskit/lifecycle"
)

// Example is the worked example of the package documentation: a sales
// project approved once its checklist is complete, looped back from
// monitoring to strategy, and paused for a customer's budget freeze.
// TestDocExampleIsExample keeps the two the same code.
func Example() {
	d := lifecycle.SalesProject()
	start := time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC)
	day := func(n int) time.Time { return start.AddDate(0, 0, n) }

	p := d.Start(day(0), "chen") // in initiation, probability 0.1
	p.Tick("background_clarified")
	_, err := d.Fire(p, lifecycle.ProjectApprove, day(2), "chen")
	fmt.Println(err)
	p.Tick("goal_defined")
	p.Tick("feasibility_assessed")
	move, err := d.Fire(p, lifecycle.ProjectApprove, day(3), "chen")
	fmt.Println(move.To, move.Advisories, err)

	p.SetFact("sales_target", "12000000")
	for _, item := range []string{"target_smart", "team_assigned", "budget_assigned",
		"tools_assigned", "market_analysis", "customer_strategy", "bid_approved"} {
		p.Tick(item)
	}
	var errs []error
	for i, tr := range []lifecycle.ProjectTrigger{lifecycle.ProjectSetGoals, lifecycle.ProjectAllocate,
		lifecycle.ProjectLaunch, lifecycle.ProjectReview, lifecycle.ProjectAdjust} {
		_, err := d.Fire(p, tr, day(10*(i+1)), "chen") // days 10 to 50
		errs = append(errs, err)
	}
	errs = append(errs, d.Pause(p, day(52), "chen", "customer budget freeze", lifecycle.DateOf(day(57))))
	errs = append(errs, d.Resume(p, day(57), "chen"))
	m, err := d.Measure(p, day(60))
	fmt.Println(m.State, m.Age.Hours()/24, m.Paused.Hours()/24, m.LoopsFrom(lifecycle.PhaseMonitoring), errors.Join(append(errs, err)...))
	for _, st := range m.Time {
		fmt.Printf("%-19s %d visit(s) %4v days, %v paused\n", st.State, st.Visits, st.Time.Hours()/24, st.Paused.Hours()/24)
	}
	// Output:
	// lifecycle: trigger "approve" refused in state "initiation": gate "initiation-review" missing goal_defined, feasibility_assessed
	// goal_setting [advisory gate "market-research" missing market_researched] <nil>
	// strategy 5 5 1 <nil>
	// initiation          1 visit(s)    3 days, 0 paused
	// goal_setting        1 visit(s)    7 days, 0 paused
	// resource_allocation 1 visit(s)   10 days, 0 paused
	// strategy            2 visit(s)   15 days, 5 paused
	// execution           1 visit(s)   10 days, 0 paused
	// monitoring          1 visit(s)   10 days, 0 paused
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
