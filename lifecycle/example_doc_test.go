package lifecycle_test

import (
	"errors"
	"fmt"
	"time"

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
