package lifecycle_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/saleskit/saleskit/lifecycle"
)

// A deal desk's quote approval, with its own state and trigger types so the
// compiler tells a state from a trigger.
type (
	QuoteState   string
	QuoteTrigger string
)

func ExampleBuilder() {
	d, err := lifecycle.NewBuilder[QuoteState, QuoteTrigger]("quote").
		Labels("en", "Quote approval").
		State(lifecycle.State[QuoteState]{Key: "draft", Kind: lifecycle.Initial, Labels: lifecycle.Labels{"en": "Draft", "zh-CN": "草稿"}}).
		State(lifecycle.State[QuoteState]{Key: "review", StaleAfterDays: 3}).
		State(lifecycle.State[QuoteState]{Key: "approved", Kind: lifecycle.Terminal, Outcome: lifecycle.Won}).
		Item(lifecycle.Item{Key: "margin_checked", Labels: lifecycle.Labels{"en": "Margin checked"}}).
		Permit("draft", "submit", "review").
		Permit("review", "approve", "approved", lifecycle.Gate{Name: "approve-to-quote", Items: []string{"margin_checked"}}).
		Permit("review", "reject", "draft").
		Build()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(d.Name(), d.States(), d.StateLabel("draft", "zh-CN"), d.StateLabel("review", "zh-CN"))

	// Problems are reported together.
	_, err = lifecycle.NewBuilder[QuoteState, QuoteTrigger]("broken").
		State(lifecycle.State[QuoteState]{Key: "draft"}).
		Permit("draft", "submit", "review").
		Build()
	fmt.Println(err)
	fmt.Println(errors.Is(err, lifecycle.ErrUnknownState), errors.Is(err, lifecycle.ErrNoInitial))
	// Output:
	// quote [draft review approved] 草稿 review
	// lifecycle: states: no initial state
	// lifecycle: transitions[0].to "review": unknown state
	// lifecycle: states[0].key "draft": non-terminal state has no way out
	// true true
}

func ExampleDefinition_Fire() {
	d := lifecycle.SalesProject()
	start := time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC)
	p := d.Start(start, "chen")

	p.Tick("background_clarified")
	_, err := d.Fire(p, lifecycle.ProjectApprove, start.AddDate(0, 0, 2), "chen")
	fmt.Println(err)
	var r *lifecycle.Refusal
	if errors.As(err, &r) {
		for _, o := range r.Obstacles {
			fmt.Printf("  blocking %v: %s\n", o.Blocking(), o.Reason().Text("zh-CN"))
		}
	}

	p.Tick("goal_defined")
	p.Tick("feasibility_assessed")
	move, err := d.Fire(p, lifecycle.ProjectApprove, start.AddDate(0, 0, 3), "chen")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(move.From, "→", move.To, "probability", p.Probability())
	for _, o := range move.Advisories {
		fmt.Println("  advice:", o)
	}
	// Output:
	// lifecycle: trigger "approve" refused in state "initiation": gate "initiation-review" missing goal_defined, feasibility_assessed
	//   blocking true: 关卡“initiation-review”缺少 goal_defined, feasibility_assessed
	//   blocking false: 建议关卡“market-research”缺少 market_researched
	// initiation → goal_setting probability 0.1
	//   advice: advisory gate "market-research" missing market_researched
}

func ExampleDefinition_Permitted() {
	d := lifecycle.Opportunity()
	now := time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC)
	deal := d.Start(now, "wang")
	deal.Tick("budget_confirmed")
	deal.SetFact("decision_maker", "Li Wei, CIO")

	perms, err := d.Permitted(deal, now, "wang")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range perms {
		fmt.Printf("[%s] allowed=%v", d.TriggerLabel(p.Trigger, "zh-CN"), p.Allowed)
		for _, o := range p.Obstacles {
			fmt.Print("; ", d.Explain(o, "zh-CN"))
		}
		fmt.Println()
	}
	// A UI gets the same as JSON, each obstacle with its code and cited values.
	b, err := json.Marshal(perms[1])
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(b))
	// Output:
	// [确认商机] allowed=false; 关卡“商机确认”缺少 需求已明确; 建议关卡“采购时间”缺少 采购时间已明确
	// [判定无效] allowed=false; 关卡“输单原因”缺少 输单原因
	// {"trigger":"disqualify","to":"lost","allowed":false,"obstacles":[{"kind":"gate","name":"loss-reason","missing":["loss_reason"],"reason":{"code":"gate_missing","texts":{"gate":"loss-reason","missing":"loss_reason"}}}]}
}

func ExampleDefinition_Mermaid() {
	d, err := lifecycle.NewBuilder[QuoteState, QuoteTrigger]("quote").
		State(lifecycle.State[QuoteState]{Key: "draft", Kind: lifecycle.Initial, Labels: lifecycle.Labels{"en": "Draft"}}).
		State(lifecycle.State[QuoteState]{Key: "approved", Kind: lifecycle.Terminal, Labels: lifecycle.Labels{"en": "Approved"}}).
		Item(lifecycle.Item{Key: "margin_checked"}).
		Trigger(lifecycle.Trigger[QuoteTrigger]{Key: "approve", Labels: lifecycle.Labels{"en": "Approve"}}).
		Permit("draft", "approve", "approved", lifecycle.Gate{Name: "margin", Items: []string{"margin_checked"}}).
		Transition(lifecycle.Transition[QuoteState, QuoteTrigger]{From: "draft", Trigger: "comment", Internal: true}).
		Build()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(d.Mermaid("en"))
	// Output:
	// ---
	// title: "quote"
	// ---
	// stateDiagram-v2
	//     state "Draft" as draft
	//     state "Approved" as approved
	//     [*] --> draft
	//     draft --> approved : Approve (gate margin)
	//     draft --> draft : comment (internal)
	//     approved --> [*]
}

func ExampleDefinition_Measure() {
	d := lifecycle.SalesProject()
	t := time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC)
	p := d.Start(t, "chen")
	for _, k := range []string{"background_clarified", "goal_defined", "feasibility_assessed", "market_researched",
		"target_smart", "target_split", "team_assigned", "budget_assigned", "tools_assigned",
		"market_analysis", "customer_strategy", "competitor_analysis", "bid_approved"} {
		p.Tick(k)
	}
	p.SetFact("sales_target", "12000000")
	for i, tr := range []lifecycle.ProjectTrigger{
		lifecycle.ProjectApprove, lifecycle.ProjectSetGoals, lifecycle.ProjectAllocate, lifecycle.ProjectLaunch,
		lifecycle.ProjectReview, lifecycle.ProjectAdjust, lifecycle.ProjectLaunch, lifecycle.ProjectReview,
	} {
		if _, err := d.Fire(p, tr, t.AddDate(0, 0, 7*(i+1)), "chen"); err != nil {
			fmt.Println(err)
			return
		}
	}
	m, err := d.Measure(p, t.AddDate(0, 0, 60))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("path:", m.Path)
	for _, st := range m.Time {
		fmt.Printf("%s: %d visit(s), %v days\n", st.State, st.Visits, st.Time.Hours()/24)
	}
	fmt.Println("age:", m.Age.Hours()/24, "days; loops back from monitoring:", m.LoopsFrom(lifecycle.PhaseMonitoring))
	// As of day 30, only what had happened by then counts.
	m, _ = d.Measure(p, t.AddDate(0, 0, 30))
	fmt.Println("as of day 30:", m.Path)
	// Output:
	// path: [initiation goal_setting resource_allocation strategy execution monitoring strategy execution monitoring]
	// initiation: 1 visit(s), 7 days
	// goal_setting: 1 visit(s), 7 days
	// resource_allocation: 1 visit(s), 7 days
	// strategy: 2 visit(s), 14 days
	// execution: 2 visit(s), 14 days
	// monitoring: 2 visit(s), 11 days
	// age: 4 days; loops back from monitoring: 1
	// as of day 30: [initiation goal_setting resource_allocation strategy execution]
}

func ExampleDefinition_Pause() {
	d := lifecycle.TelesalesLead()
	t := time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC)
	lead := d.Start(t, "agent-7")
	fmt.Println("stale after 3 days:", d.Stale(lead, t.AddDate(0, 0, 3)))

	if err := d.Pause(lead, t.AddDate(0, 0, 1), "agent-7", "customer abroad", lifecycle.MustDate("2025-03-17")); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("paused, stale after 3 days:", d.Stale(lead, t.AddDate(0, 0, 3)))
	_, err := d.Fire(lead, lifecycle.LeadConnect, t.AddDate(0, 0, 2), "agent-7")
	fmt.Println(err, errors.Is(err, lifecycle.ErrPaused))

	if err := d.Resume(lead, t.AddDate(0, 0, 14), "agent-7"); err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range lead.History() {
		fmt.Printf("%s %s %q", s.Kind, s.At.Format("Jan 2"), s.Note)
		if !s.Until.IsZero() {
			fmt.Print(" until ", s.Until)
		}
		fmt.Println()
	}
	m, _ := d.Measure(lead, t.AddDate(0, 0, 15))
	fmt.Println("in new:", m.Age.Hours()/24, "days,", m.Paused.Hours()/24, "paused; stale:", m.Stale)
	// Output:
	// stale after 3 days: true
	// paused, stale after 3 days: false
	// lifecycle: trigger "connect" refused in state "new": the instance is paused true
	// start Mar 3 ""
	// pause Mar 4 "customer abroad" until 2025-03-17
	// resume Mar 17 ""
	// in new: 2 days, 13 paused; stale: true
}

func ExampleDefinition_Spec() {
	// Tighten a preset: a qualified opportunity now needs a champion too.
	sp := lifecycle.Opportunity().Spec()
	sp.Items = append(sp.Items, lifecycle.Item{Key: "champion", Kind: lifecycle.Fact})
	for i := range sp.Transitions {
		if sp.Transitions[i].Trigger == lifecycle.DealQualify {
			sp.Transitions[i].Gates[0].Items = append(sp.Transitions[i].Gates[0].Items, "champion")
		}
	}
	d, err := lifecycle.NewBuilder[lifecycle.DealStage, lifecycle.DealTrigger]("").Spec(sp).Build()
	if err != nil {
		fmt.Println(err)
		return
	}
	deal := d.Start(time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC), "wang")
	deal.Tick("budget_confirmed")
	deal.Tick("need_identified")
	deal.SetFact("decision_maker", "Li Wei")
	deal.Tick("timeline_known")
	_, err = d.Fire(deal, lifecycle.DealQualify, time.Date(2025, 3, 4, 9, 0, 0, 0, time.UTC), "wang")
	fmt.Println(err)
	// Output:
	// lifecycle: trigger "qualify" refused in state "lead": gate "qualification" missing champion
}

func ExampleState_stayItems() {
	// The loss reason describes one stay in lost: a deal reopened and lost
	// again must say why again.
	d := lifecycle.Opportunity()
	at := time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC)
	deal := d.Start(at, "wang")
	deal.SetFact("loss_reason", "price")
	if _, err := d.Fire(deal, lifecycle.DealDisqualify, at.Add(time.Hour), "wang"); err != nil {
		fmt.Println(err)
		return
	}
	move, err := d.Fire(deal, lifecycle.DealReopen, at.Add(48*time.Hour), "wang")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(move.To, "forgot", move.Forgotten)
	_, err = d.Fire(deal, lifecycle.DealLose, at.Add(72*time.Hour), "wang")
	fmt.Println(err)
	// Output:
	// qualified forgot [loss_reason]
	// lifecycle: trigger "lose" refused in state "qualified": gate "loss-reason" missing loss_reason
}

func ExampleGuardFunc() {
	type (
		S = string
		T = string
	)
	errLimit := errors.New("over the rep's discount limit")
	d, err := lifecycle.NewBuilder[S, T]("discount").
		State(lifecycle.State[S]{Key: "requested", Kind: lifecycle.Initial}).
		State(lifecycle.State[S]{Key: "granted", Kind: lifecycle.Terminal}).
		Transition(lifecycle.Transition[S, T]{From: "requested", Trigger: "grant", To: "granted", Guards: []string{"limit"}}).
		Guard("limit", lifecycle.GuardFunc[S, T](func(a lifecycle.Attempt[S, T]) error {
			if pct, _ := a.Instance.Fact("percent"); len(pct) > 1 && a.Actor != "manager" {
				return errLimit
			}
			return nil
		})).
		Build()
	if err != nil {
		fmt.Println(err)
		return
	}
	t := time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC)
	req := d.Start(t, "rep")
	req.SetFact("percent", "15")
	_, err = d.Fire(req, "grant", t, "rep")
	fmt.Println(err, errors.Is(err, lifecycle.ErrGuard), errors.Is(err, errLimit))
	_, err = d.Fire(req, "grant", t, "manager")
	fmt.Println(err, req.State())
	// Output:
	// lifecycle: trigger "grant" refused in state "requested": guard "limit": over the rep's discount limit true true
	// <nil> granted
}

func ExampleDefinition_Check() {
	// An instance loaded from storage, whose history a script edited by
	// hand: the deal skipped qualification.
	stored := `{"state":"proposal","entered":"2025-03-04T10:30:00+08:00","probability":0.5,"history":[
		{"kind":"start","to":"lead","at":"2025-03-03T09:30:00+08:00"},
		{"kind":"fire","from":"lead","to":"proposal","trigger":"qualify","at":"2025-03-04T10:30:00+08:00"}]}`
	var deal lifecycle.Instance[lifecycle.DealStage, lifecycle.DealTrigger]
	if err := json.Unmarshal([]byte(stored), &deal); err != nil {
		fmt.Println(err)
		return
	}
	err := lifecycle.Opportunity().Check(&deal)
	fmt.Println(err)
	fmt.Println(errors.Is(err, lifecycle.ErrHistory))
	// Output:
	// lifecycle: history[1].to "proposal": history does not replay: "qualify" on "lead" leads to "qualified"
	// true
}
