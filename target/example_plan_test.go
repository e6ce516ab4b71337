package target_test

import (
	"encoding/json"
	"fmt"

	"github.com/saleskit/saleskit/target"
	"github.com/shopspring/decimal"
)

func ExampleDiff() {
	// The east team's plan before and after a mid-year re-plan: March
	// moved, April is new and the old "2025-Q2" cell went away.
	old := []target.Cell{
		{Unit: "east", Period: "2025-01", Amount: decimal.NewFromInt(800_000)},
		{Unit: "east", Period: "2025-02", Amount: decimal.NewFromInt(800_000)},
		{Unit: "east", Period: "2025-03", Amount: decimal.NewFromInt(800_000)},
		{Unit: "east", Period: "2025-Q2", Amount: decimal.NewFromInt(2_400_000)},
	}
	updated := []target.Cell{
		{Unit: "east", Period: "2025-01", Amount: decimal.RequireFromString("800000.00")}, // same value
		{Unit: "east", Period: "2025-02", Amount: decimal.NewFromInt(800_000)},
		{Unit: "east", Period: "2025-03", Amount: decimal.NewFromInt(950_000)},
		{Unit: "east", Period: "2025-04", Amount: decimal.NewFromInt(850_000)},
	}
	changes := target.Diff(old, updated)
	for _, c := range changes {
		fmt.Printf("%s %s: %s → %s (%s) added=%v removed=%v\n", c.Unit, c.Period, c.Old, c.New, c.Delta(), c.Added, c.Removed)
	}
	log, err := json.Marshal(changes[0])
	if err != nil {
		panic(err)
	}
	fmt.Println(string(log))
	// January's 800000.00 is the same value as 800000, so it is not listed.

	// Output:
	// east 2025-03: 800000 → 950000 (150000) added=false removed=false
	// east 2025-04: 0 → 850000 (850000) added=true removed=false
	// east 2025-Q2: 2400000 → 0 (-2400000) added=false removed=true
	// {"unit":"east","period":"2025-03","old":"800000","new":"950000"}
}

func ExampleParseDate() {
	d, err := target.ParseDate("2025-10-01")
	fmt.Println(d, d.Weekday(), err)
	_, err = target.ParseDate("2025-06-31")
	fmt.Println(err)
	r, err := target.ParseDateRange("2025-10-01/2025-10-08")
	fmt.Println(r, err)
	// Output:
	// 2025-10-01 Wednesday <nil>
	// target: date "2025-06-31": invalid date
	// 2025-10-01/2025-10-08 <nil>
}

func ExampleTree_RollUp() {
	// Team A commits to 3,000,000, above its 2,500,000 share of east's
	// 5,000,000, so east's members add up to 500,000 more than east (a gap
	// of -500,000). Rolling up makes east and the company follow the
	// teams' numbers.
	units := []target.Unit{
		{ID: "company"},
		{ID: "east", Parent: "company", Weight: decimal.NewFromInt(1)},
		{ID: "team-a", Parent: "east", Weight: decimal.NewFromInt(1)},
		{ID: "team-b", Parent: "east", Weight: decimal.NewFromInt(1)},
	}
	units[2].Target = decimal.NewNullDecimal(decimal.NewFromInt(3_000_000))
	tree, err := target.SplitTree(decimal.NewFromInt(5_000_000), units, 2)
	if err != nil {
		panic(err)
	}
	for _, u := range tree.Units {
		fmt.Printf("%*s%-8s %s (gap %s)\n", 2*u.Depth, "", u.ID, u.Target.StringFixed(2), u.Gap)
	}
	fmt.Println("rolled up:")
	for _, u := range tree.RollUp().Units {
		fmt.Printf("%*s%-8s %s (gap %s)\n", 2*u.Depth, "", u.ID, u.Target.StringFixed(2), u.Gap)
	}
	// Output:
	// company  5000000.00 (gap 0)
	//   east     5000000.00 (gap -500000)
	//     team-a   3000000.00 (gap 0)
	//     team-b   2500000.00 (gap 0)
	// rolled up:
	// company  5500000.00 (gap 0)
	//   east     5500000.00 (gap 0)
	//     team-a   3000000.00 (gap 0)
	//     team-b   2500000.00 (gap 0)
}

// National Day 2025: 1 to 8 October off, Sunday 28 September and Saturday
// 11 October worked instead (调休).
func ExampleNewWeekdayCalendar() {
	cal, err := target.NewWeekdayCalendar(target.Holidays{
		Name: "国庆节 2025",
		Off:  []target.DateRange{target.MustDateRange("2025-10-01/2025-10-08")},
		Work: []target.DateRange{target.OneDay(target.MustDate("2025-09-28")), target.OneDay(target.MustDate("2025-10-11"))},
	})
	if err != nil {
		panic(err)
	}
	for _, s := range []string{"2025-09-28", "2025-10-01", "2025-10-09", "2025-10-11", "2025-10-12"} {
		d := target.MustDate(s)
		fmt.Println(d, d.Weekday(), cal.IsWorkingDay(d))
	}
	// Output:
	// 2025-09-28 Sunday true
	// 2025-10-01 Wednesday false
	// 2025-10-09 Thursday true
	// 2025-10-11 Saturday true
	// 2025-10-12 Sunday false
}
