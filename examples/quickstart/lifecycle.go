package main

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/saleskit/saleskit/lifecycle"
)

// lifecycleSection drives one sales project through the loop 立项 → 目标设定
// → 资源配置 → 策略制定 → 执行 → 监控评估 → 收尾 on fixed dates: a gate
// refuses a step and names what is missing, monitoring sends the project
// back to strategy, and the section ends with the Mermaid diagram of the
// loop.
func lifecycleSection(w io.Writer) error {
	d := lifecycle.SalesProject()
	start := time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC)
	on := func(days int) time.Time { return start.AddDate(0, 0, days) }
	var b strings.Builder

	heading(&b, "3. The sales-project loop: "+d.Label("en")+" ("+d.Label("zh-CN")+")")
	p := d.Start(start, "chen")
	fmt.Fprintf(&b, "%s  start in %s, probability %.0f%%\n", start.Format(time.DateOnly), lifecyclePhase(d, p.State()), 100*p.Probability())

	// fire fires tr on the given day and prints what happened; a refusal is
	// printed with every missing item and is not an error here.
	fire := func(days int, tr lifecycle.ProjectTrigger, actor string) error {
		at := on(days)
		move, err := d.Fire(p, tr, at, actor)
		var r *lifecycle.Refusal
		if errors.As(err, &r) {
			fmt.Fprintf(&b, "%s  %s: refused\n", at.Format(time.DateOnly), d.TriggerLabel(tr, "en"))
			for _, o := range r.Obstacles {
				kind := "blocks"
				if !o.Blocking() {
					kind = "advises"
				}
				fmt.Fprintf(&b, "            gate %s %s; missing:\n", o.Name, kind)
				for _, item := range o.Missing {
					fmt.Fprintf(&b, "              - %s (%s)\n", d.ItemLabel(item, "en"), d.ItemLabel(item, "zh-CN"))
				}
			}
			return nil
		}
		if err != nil {
			return err
		}
		fmt.Fprintf(&b, "%s  %s: %s → %s, probability %.0f%%", at.Format(time.DateOnly), d.TriggerLabel(tr, "en"),
			move.From, lifecyclePhase(d, move.To), 100*p.Probability())
		if move.Internal {
			b.WriteString(" (internal)")
		}
		b.WriteByte('\n')
		for i := range move.Effects.Len() {
			e := move.Effects.At(i)
			fmt.Fprintf(&b, "            effect: %s %q\n", e.Kind, move.Effects.Label(i, "en"))
		}
		for _, o := range move.Advisories {
			fmt.Fprintf(&b, "            advice: %s\n", o)
			fmt.Fprintf(&b, "                    %s\n", d.Explain(o, "zh-CN"))
		}
		for _, item := range move.Forgotten {
			fmt.Fprintf(&b, "            forgets: %s (%s), which described that stay\n", d.ItemLabel(item, "en"), d.ItemLabel(item, "zh-CN"))
		}
		return nil
	}
	tick := func(items ...string) {
		for _, it := range items {
			p.Tick(it)
		}
	}

	tick("background_clarified", "goal_defined")
	steps := []struct {
		day    int
		before func()
		tr     lifecycle.ProjectTrigger
		actor  string
	}{
		{2, nil, lifecycle.ProjectApprove, "chen"}, // refused: feasibility not yet assessed
		{3, func() { tick("feasibility_assessed", "market_researched") }, lifecycle.ProjectApprove, "director"},
		{6, func() { p.SetFact("sales_target", "12000000"); tick("target_smart") }, lifecycle.ProjectSetGoals, "chen"},
		{9, func() { tick("team_assigned", "budget_assigned", "tools_assigned") }, lifecycle.ProjectAllocate, "director"},
		{13, func() { tick("market_analysis", "customer_strategy") }, lifecycle.ProjectLaunch, "chen"}, // refused: bid not approved
		{14, func() { tick("bid_approved", "competitor_analysis") }, lifecycle.ProjectLaunch, "director"},
		{35, nil, lifecycle.ProjectReview, "chen"},
		{36, nil, lifecycle.ProjectAdjust, "chen"}, // the loop back: strategy is off course
		{40, nil, lifecycle.ProjectLaunch, "director"},
		{61, nil, lifecycle.ProjectReview, "chen"},
		{62, nil, lifecycle.ProjectCheckpoint, "chen"},
		{63, func() { tick("evaluation_done") }, lifecycle.ProjectClose, "chen"},
		{66, func() { tick("review_report") }, lifecycle.ProjectWin, "director"},
	}
	for _, s := range steps {
		if s.before != nil {
			s.before()
		}
		if err := fire(s.day, s.tr, s.actor); err != nil {
			return err
		}
	}

	asOf := on(70)
	m, err := d.Measure(p, asOf)
	if err != nil {
		return err
	}
	fmt.Fprintf(&b, "\nAs of %s:\n", asOf.Format(time.DateOnly))
	for _, st := range m.Time {
		fmt.Fprintf(&b, "  %-20s %3.0f days, %d visit(s)  %s\n", st.State, st.Time.Hours()/24, st.Visits, d.StateLabel(st.State, "zh-CN"))
	}
	fmt.Fprintf(&b, "  loops back from monitoring: %d\n", m.LoopsFrom(lifecycle.PhaseMonitoring))
	fmt.Fprintf(&b, "  history replays to %s: ", p.State())
	if err := d.Check(p); err != nil {
		return err
	}
	b.WriteString("ok\n")

	b.WriteString("\nThe loop as a Mermaid diagram:\n\n")
	b.WriteString(d.Mermaid("en"))
	_, err = io.WriteString(w, b.String())
	return err
}

// lifecyclePhase names a phase by key and Chinese label: "strategy 策略制定".
func lifecyclePhase(d *lifecycle.Definition[lifecycle.Phase, lifecycle.ProjectTrigger], s lifecycle.Phase) string {
	return string(s) + " " + d.StateLabel(s, "zh-CN")
}
