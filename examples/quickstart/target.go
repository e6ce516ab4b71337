package main

import (
	"fmt"
	"strings"
	"time"

	"github.com/saleskit/saleskit/examples/internal/console"
	"github.com/saleskit/saleskit/target"
	"github.com/shopspring/decimal"
)

// plan is what goal setting decides, and what the later sections measure
// against.
type plan struct {
	goal   target.Goal
	months []target.PeriodTarget // the company's monthly plan
	reps   map[string]repPlan    // by rep id
}

// repPlan is one rep's share of the target.
type repPlan struct {
	annual   decimal.Decimal
	months   []target.PeriodTarget
	quarters []target.PeriodTarget
}

// goalSection sets the 2025 revenue goal, checks it against SMART, and
// splits it exactly into quarters and months and down the organisation to
// every rep, each rep's share then into months.
func goalSection(p *printer, y *year) (*plan, error) {
	jan1 := func(year int) target.Date { return target.Date{Year: year, Month: time.January, Day: 1} }
	goal := target.Goal{
		ID: "co-2025", Name: p.tr("2025 revenue", "2025 年销售额"), Owner: p.tr("Wang Fang (VP Sales)", "王芳（销售副总裁）"),
		Metric: target.MetricRevenue, Unit: "CNY",
		Target: decimal.NewFromInt(10_000_000), Baseline: decimal.NewFromInt(8_000_000),
		Start: jan1(2025), End: jan1(2026),
	}
	p.heading(p.tr("1. Goal setting: the 2025 revenue target (package target)", "1. 目标设定：2025 年销售额目标（target 包）"))
	p.linef(p.tr("Goal %s: %s CNY from a baseline of %s, owner %s", "目标 %s：%s 元，基线 %s，负责人 %s"),
		goal.ID, console.Money(goal.Target), console.Money(goal.Baseline), goal.Owner)
	var rows [][]string
	for _, v := range target.Check(goal, nil, nil).Verdicts {
		mark := p.tr("ok", "通过")
		if !v.OK {
			mark = p.tr("FAIL", "不通过")
		}
		reasons := make([]string, len(v.Reasons))
		for i, r := range v.Reasons {
			reasons[i] = r.Text(p.lang)
		}
		rows = append(rows, []string{mark, v.Criterion.Label(p.lang), strings.Join(reasons, "; ")})
	}
	p.table([]string{"", p.tr("SMART", "SMART 原则"), p.tr("why", "依据")}, rows)

	// Quarters, and each quarter into months, so that the months of every
	// quarter add up to it exactly.
	nested, err := target.SplitNested(goal.Target, goal.Start, goal.End, []target.Grain{target.Quarter, target.Month}, 2, nil)
	if err != nil {
		return nil, err
	}
	p.linef("\n%s", p.tr("Quarters and months (an even split; the spare cent goes to the earliest month):",
		"季度与月度分解（平均分配，多出的一分钱归最早的月份）："))
	rows = rows[:0]
	for i, q := range nested.Level(target.Quarter) {
		row := []string{q.Label, console.Money(q.Target)}
		for _, m := range nested.Children(0, i) {
			row = append(row, m.Label[5:]+" "+console.Money(m.Target))
		}
		rows = append(rows, row)
	}
	p.table([]string{p.tr("quarter", "季度"), ">" + p.tr("target", "目标"), p.tr("month 1", "第 1 月"), p.tr("month 2", "第 2 月"), p.tr("month 3", "第 3 月")}, rows)
	months := nested.Level(target.Month)
	var sum decimal.Decimal
	for _, m := range months {
		sum = sum.Add(m.Target)
	}
	p.linef(p.tr("  the 12 months add up to %s", "  12 个月合计 %s"), console.Money(sum))

	// Down the organisation: each team by its reps' sales last year, each
	// rep by their own.
	units := []target.Unit{{ID: "company", Name: p.tr("Company", "公司")}}
	teamWeight := make([]decimal.Decimal, len(y.teams))
	for _, r := range y.reps {
		teamWeight[r.team] = teamWeight[r.team].Add(r.lastYear)
	}
	for i, t := range y.teams {
		units = append(units, target.Unit{ID: t.id, Parent: "company", Name: p.tr(t.en, t.zh), Weight: teamWeight[i]})
	}
	for i := range y.reps {
		r := &y.reps[i]
		units = append(units, target.Unit{ID: r.id, Parent: y.teams[r.team].id, Name: p.name(r), Weight: r.lastYear})
	}
	tree, err := target.SplitTree(goal.Target, units, 2)
	if err != nil {
		return nil, err
	}
	p.linef("\n%s", p.tr("Down the organisation (teams and reps weighed by last year's sales):",
		"按组织分解（团队与个人按去年销售额加权）："))
	rows = rows[:0]
	pl := &plan{goal: goal, months: months, reps: map[string]repPlan{}}
	for _, u := range tree.Units {
		last := ""
		if u.Depth > 0 {
			last = whole(unitWeight(units, u.ID))
		}
		rows = append(rows, []string{strings.Repeat("  ", u.Depth) + u.Name, last, console.Money(u.Target)})
		if u.Depth < 2 {
			continue
		}
		// Each rep's share, into months and quarters the same way.
		rp, err := target.SplitNested(u.Target, goal.Start, goal.End, []target.Grain{target.Quarter, target.Month}, 2, nil)
		if err != nil {
			return nil, fmt.Errorf("rep %s: %w", u.ID, err)
		}
		pl.reps[u.ID] = repPlan{annual: u.Target, months: rp.Level(target.Month), quarters: rp.Level(target.Quarter)}
	}
	p.table([]string{p.tr("unit", "单元"), ">" + p.tr("last year", "去年销售额"), ">" + p.tr("2025 target", "2025 目标")}, rows)
	return pl, nil
}

// unitWeight returns the weight given to the unit with the given id.
func unitWeight(units []target.Unit, id string) decimal.Decimal {
	for _, u := range units {
		if u.ID == id {
			return u.Weight
		}
	}
	return decimal.Zero
}

// trackSection reads the funnel's won amounts as the actuals to date and
// tracks the company and every rep against their monthly plans.
func trackSection(p *printer, y *year, pl *plan, won wonAmounts) (target.Progress, error) {
	p.heading(p.tr("3. Monitoring: progress at mid-year (package target, actuals from the funnel)",
		"3. 监控评估：年中进度（target 包，实际值来自销售漏斗）"))
	prog, err := target.Track(pl.months, won.total, y.asOf, 2, nil)
	if err != nil {
		return prog, err
	}
	p.linef("%s", prog.Reason.Text(p.lang))
	p.linef(p.tr("  attained %s of the year; projected %s in the plan's shape, %s at the run rate;",
		"  已完成全年的 %s；按计划节奏预计全年 %s，按当前速度预计 %s；"),
		pct(prog.Attainment), console.Money(prog.PlanProjection), console.Money(prog.RunRate))
	p.linef(p.tr("  %s still to win: %s per working day over the %d working days left",
		"  尚差 %s：每个工作日需完成 %s，剩余 %d 个工作日"),
		console.Money(prog.Gap), console.Money(prog.RequiredPerWorkingDay), prog.RemainingWorkingDays)

	var rows [][]string
	for i := range y.reps {
		r := &y.reps[i]
		rp := pl.reps[r.id]
		rprog, err := target.Track(rp.months, won.byOwner[r.id], y.asOf, 2, nil)
		if err != nil {
			return prog, fmt.Errorf("rep %s: %w", r.id, err)
		}
		rows = append(rows, []string{p.name(r), console.Money(rp.annual), console.Money(rprog.Expected), console.Money(rprog.Actual),
			fmt.Sprintf("%.2f", rprog.Pace), bar(rprog.Pace/1.5, 15), rprog.Status.Label(p.lang)})
	}
	p.linef("")
	p.table([]string{p.tr("rep", "销售"), ">" + p.tr("target", "全年目标"), ">" + p.tr("expected", "应完成"),
		">" + p.tr("won", "已赢单"), ">" + p.tr("pace", "进度比"), p.tr("pace (full bar 1.5)", "进度（满格 1.5）"), p.tr("status", "状态")}, rows)
	return prog, nil
}
