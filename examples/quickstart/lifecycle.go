package main

import (
	"errors"
	"fmt"
	"time"

	"github.com/saleskit/saleskit/lifecycle"
	"github.com/saleskit/saleskit/target"
)

// projectSection drives the year's sales project through the loop 立项 →
// 目标设定 → 资源配置 → 策略制定 → 执行 → 监控评估: gates refuse steps and
// name what is missing, the goal-setting gate reads the plan's target, and
// the mid-year review sends the project back to strategy when target.Track
// found it behind its plan.
func projectSection(p *printer, y *year, pl *plan, prog target.Progress) error {
	d := lifecycle.SalesProject()
	p.heading(p.tr("4. The sales-project loop (package lifecycle)", "4. 销售项目运作循环（lifecycle 包）"))
	on := func(month time.Month, day int) time.Time { return time.Date(2025, month, day, 10, 0, 0, 0, y.loc) }
	proj := d.Start(on(time.January, 6), "wang.fang")
	phase := func(s lifecycle.Phase) string { return d.StateLabel(s, p.lang) }
	p.linef(p.tr("%s  the project starts in %s", "%s  项目从「%s」开始"), on(time.January, 6).Format(time.DateOnly), phase(proj.State()))

	// fire fires tr at at and prints what happened; a refusal is printed
	// with everything missing, and is not an error here.
	fire := func(at time.Time, tr lifecycle.ProjectTrigger, actor string) error {
		move, err := d.Fire(proj, tr, at, actor)
		var refusal *lifecycle.Refusal
		if errors.As(err, &refusal) {
			p.linef(p.tr("%s  %s: refused", "%s  %s：被拒绝"), at.Format(time.DateOnly), d.TriggerLabel(tr, p.lang))
			for _, o := range refusal.Obstacles {
				p.linef("            %s", d.Explain(o, p.lang))
			}
			return nil
		}
		if err != nil {
			return err
		}
		p.linef(p.tr("%s  %s: %s → %s", "%s  %s：%s → %s"), at.Format(time.DateOnly), d.TriggerLabel(tr, p.lang), phase(move.From), phase(move.To))
		for _, o := range move.Advisories {
			p.linef(p.tr("            advice: %s", "            提示：%s"), d.Explain(o, p.lang))
		}
		return nil
	}
	tick := func(items ...string) {
		for _, it := range items {
			proj.Tick(it)
		}
	}

	// After a month of execution, monitoring keeps the project on course;
	// at mid-year it loops back to strategy if the plan is not on track.
	midYear := lifecycle.ProjectContinue
	if prog.Status == target.AtRisk || prog.Status == target.Behind {
		midYear = lifecycle.ProjectAdjust
	}
	steps := []struct {
		at     time.Time
		before func()
		tr     lifecycle.ProjectTrigger
		actor  string
	}{
		{on(time.January, 7), func() { tick("background_clarified", "goal_defined") }, lifecycle.ProjectApprove, "wang.fang"}, // refused: no feasibility study
		{on(time.January, 9), func() { tick("feasibility_assessed", "market_researched") }, lifecycle.ProjectApprove, "director"},
		// from package target: the project's target fact is the plan's own
		{on(time.January, 10), func() { proj.SetFact("sales_target", pl.goal.Target.String()); tick("target_smart") }, lifecycle.ProjectSetGoals, "wang.fang"},
		{on(time.January, 14), func() { tick("team_assigned", "budget_assigned", "tools_assigned") }, lifecycle.ProjectAllocate, "director"},
		{on(time.January, 20), func() { tick("market_analysis", "customer_strategy") }, lifecycle.ProjectLaunch, "wang.fang"}, // refused: bid not approved
		{on(time.January, 21), func() { tick("bid_approved", "competitor_analysis") }, lifecycle.ProjectLaunch, "director"},
		{on(time.April, 1), nil, lifecycle.ProjectReview, "wang.fang"},
		{on(time.April, 2), nil, lifecycle.ProjectContinue, "wang.fang"},
		{y.asOf, nil, lifecycle.ProjectReview, "wang.fang"},
		{y.asOf.Add(time.Hour), nil, midYear, "wang.fang"},
	}
	for _, s := range steps {
		if s.before != nil {
			s.before()
		}
		if err := fire(s.at, s.tr, s.actor); err != nil {
			return err
		}
	}
	if midYear == lifecycle.ProjectAdjust {
		p.linef(p.tr("            (the mid-year pace is %.2f, %s: the strategy is revised)", "            （年中进度比 %.2f，%s：调整策略）"),
			prog.Pace, prog.Status.Label(p.lang))
	}

	m, err := d.Measure(proj, y.asOf.Add(2*time.Hour))
	if err != nil {
		return err
	}
	var rows [][]string
	for _, st := range m.Time {
		rows = append(rows, []string{phase(st.State), fmt.Sprintf("%.1f", st.Time.Hours()/24), fmt.Sprint(st.Visits)})
	}
	p.linef("")
	p.table([]string{p.tr("phase", "阶段"), ">" + p.tr("days", "天数"), ">" + p.tr("visits", "次数")}, rows)
	if err := d.Check(proj); err != nil {
		return err
	}
	p.linef(p.tr("  the project's history replays to %s; the loop as a Mermaid diagram:", "  项目历史可重放至「%s」；循环的 Mermaid 图："), phase(proj.State()))
	p.linef("\n%s", d.Mermaid(p.lang))
	return nil
}
