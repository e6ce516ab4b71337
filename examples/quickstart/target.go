package main

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/saleskit/saleskit/target"
	"github.com/shopspring/decimal"
)

// targetSection sets the 2025 revenue goal, checks it, splits it into
// quarters, months and teams, and reports progress at mid-year.
func targetSection(w io.Writer) error {
	year := func(y int) target.Date { return target.Date{Year: y, Month: time.January, Day: 1} }
	goal := target.Goal{
		ID: "co-2025", Name: "2025 revenue", Owner: "Wang Fang (VP Sales)",
		Metric: target.MetricRevenue, Unit: "CNY",
		Target: decimal.NewFromInt(10_000_000), Baseline: decimal.NewFromInt(8_000_000),
		Start: year(2025), End: year(2026),
		Levels: []target.Level{{Name: target.LevelSprint, Value: decimal.NewFromInt(11_000_000)}},
	}
	heading(w, "1. Goal setting: the 2025 revenue target")
	fmt.Fprintf(w, "Goal %s: %s CNY, owner %s\n", goal.ID, money(goal.Target), goal.Owner)
	for _, v := range target.Check(goal, nil, nil).Verdicts {
		mark := "ok  "
		if !v.OK {
			mark = "FAIL"
		}
		reasons := make([]string, len(v.Reasons))
		for i, r := range v.Reasons {
			reasons[i] = r.String()
		}
		fmt.Fprintf(w, "  %s %-10s %s\n", mark, v.Criterion, strings.Join(reasons, "; "))
	}

	// Quarters, then each quarter into months, exactly: a nested split.
	nested, err := target.SplitNested(goal.Target, goal.Start, goal.End, []target.Grain{target.Quarter, target.Month}, 2, nil)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "\nQuarters and months (even split, largest remainder, spare cent to the earliest month):")
	var total decimal.Decimal
	for i, q := range nested.Level(target.Quarter) {
		months := nested.Children(0, i)
		cells := make([]string, len(months))
		for i, m := range months {
			cells[i] = fmt.Sprintf("%s %14s", m.Label, money(m.Target))
			total = total.Add(m.Target)
		}
		fmt.Fprintf(w, "  %s %14s = %s\n", q.Label, money(q.Target), strings.Join(cells, " + "))
	}
	fmt.Fprintf(w, "  12 months add up to %s\n", money(total))

	// Down the organisation: regions by last year's sales, teams by headcount.
	units := []target.Unit{
		{ID: "company", Name: "Company"},
		{ID: "east", Parent: "company", Name: "East region", Weight: decimal.NewFromInt(4_100_000)},
		{ID: "north", Parent: "company", Name: "North region", Weight: decimal.NewFromInt(2_400_000)},
		{ID: "south", Parent: "company", Name: "South region", Weight: decimal.NewFromInt(1_500_000)},
		{ID: "east-1", Parent: "east", Name: "Shanghai team (7 reps)", Weight: decimal.NewFromInt(7)},
		{ID: "east-2", Parent: "east", Name: "Hangzhou team (5 reps)", Weight: decimal.NewFromInt(5)},
		{ID: "north-1", Parent: "north", Name: "Beijing team (6 reps)", Weight: decimal.NewFromInt(6)},
		{ID: "south-1", Parent: "south", Name: "Shenzhen team (4 reps)", Weight: decimal.NewFromInt(4)},
	}
	tree, err := target.SplitTree(goal.Target, units, 2)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "\nTeam split (regions by last year's sales, teams by headcount):")
	for _, u := range tree.Units {
		fmt.Fprintf(w, "  %-32s %14s\n", strings.Repeat("  ", u.Depth)+u.Name, money(u.Target))
	}

	// Mid-year progress against the monthly plan's own shape, as of the
	// morning of 16 July in Shanghai: 1 January to 15 July have passed.
	plan := nested.Level(target.Month)
	asOf := time.Date(2025, 7, 16, 9, 0, 0, 0, time.FixedZone("CST", 8*3600))
	p, err := target.Track(plan, decimal.NewFromInt(5_050_000), asOf, 2, nil)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\nProgress as of %s: %s\n", p.AsOf, p.Reason)
	fmt.Fprintf(w, "  (zh-CN) %s\n", p.Reason.Text("zh-CN"))
	fmt.Fprintf(w, "  attainment %.1f%%, projection %s (plan shape) / %s (run rate), need %s per working day over %d days\n",
		100*p.Attainment, money(p.PlanProjection), money(p.RunRate), money(p.RequiredPerWorkingDay), p.RemainingWorkingDays)
	return nil
}

// money formats an amount with thousands separators and two decimals.
func money(d decimal.Decimal) string {
	s := d.StringFixed(2)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String() + "." + frac
}

// heading prints a section title, underlined.
func heading(w io.Writer, title string) {
	fmt.Fprintf(w, "\n%s\n%s\n", title, strings.Repeat("=", len([]rune(title))))
}
