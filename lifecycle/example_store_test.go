package lifecycle_test

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/saleskit/saleskit/lifecycle"
)

// The customer lifecycle: a prospect's first order makes a new customer,
// a repeat order an active one; a customer at risk who churns must say why.
func ExampleCustomer() {
	d := lifecycle.Customer()
	at := func(day int) time.Time { return time.Date(2025, 1, day, 9, 0, 0, 0, time.UTC) }
	c := d.Start(at(1), "sun")
	c.SetFact("first_order", "SO-1001")
	if _, err := d.Fire(c, lifecycle.CustomerConvert, at(2), "sun"); err != nil {
		fmt.Println(err)
		return
	}
	// No repeat order yet: the customer stays new.
	_, err := d.Fire(c, lifecycle.CustomerActivate, at(3), "sun")
	fmt.Println(err)
	if _, err := d.Fire(c, lifecycle.CustomerFlagRisk, at(20), "sun"); err != nil {
		fmt.Println(err)
		return
	}
	_, err = d.Fire(c, lifecycle.CustomerChurn, at(25), "sun")
	fmt.Println(err)
	c.SetFact("churn_reason", "moved to a competitor")
	move, err := d.Fire(c, lifecycle.CustomerChurn, at(26), "sun")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(move.To, d.StateLabel(move.To, "zh-CN"))
	for i := range move.Effects.Len() {
		fmt.Println("effect:", move.Effects.Label(i, "zh-CN"))
	}
	// Output:
	// lifecycle: trigger "activate" refused in state "new": gate "repeat-order" missing repeat_order
	// lifecycle: trigger "churn" refused in state "at_risk": gate "churn-reason" missing churn_reason
	// churned 流失客户
	// effect: 流失原因调查
}

// An instance is caller-owned data: it is stored as JSON and loaded back
// before the next Fire. Check tells whether a loaded instance fits the
// definition.
func ExampleInstance_MarshalJSON() {
	d := lifecycle.Opportunity()
	shanghai := time.FixedZone("CST", 8*3600)
	deal := d.Start(time.Date(2025, 3, 3, 9, 30, 0, 0, shanghai), "wang")
	deal.SetFact("budget", "confirmed")
	stored, err := json.Marshal(deal)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(stored))

	var loaded lifecycle.Instance[lifecycle.DealStage, lifecycle.DealTrigger]
	if err := json.Unmarshal(stored, &loaded); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(loaded.State(), loaded.Probability(), d.Check(&loaded))
	// Output:
	// {"state":"lead","entered":"2025-03-03T09:30:00+08:00","probability":0.1,"facts":{"budget":"confirmed"},"history":[{"kind":"start","to":"lead","at":"2025-03-03T09:30:00+08:00","actor":"wang"}]}
	// lead 0.1 <nil>
}

// Replay walks a history that came from elsewhere, such as an audit log,
// and says which state it ends in.
func ExampleDefinition_Replay() {
	d := lifecycle.Opportunity()
	at := func(day int) time.Time { return time.Date(2025, 3, day, 9, 0, 0, 0, time.UTC) }
	history := []lifecycle.Step[lifecycle.DealStage, lifecycle.DealTrigger]{
		{Kind: lifecycle.StepStart, To: lifecycle.DealLead, At: at(3)},
		{Kind: lifecycle.StepFire, From: lifecycle.DealLead, To: lifecycle.DealQualified, Trigger: lifecycle.DealQualify, At: at(5)},
	}
	state, err := d.Replay(history)
	fmt.Println(state, err)

	history[1].At = at(1) // before the start
	_, err = d.Replay(history)
	fmt.Println(err)
	// Output:
	// qualified <nil>
	// lifecycle: history[1].at "2025-03-01T09:00:00Z": time before the last recorded step: step 0 is at 2025-03-03T09:00:00Z
}

// DOT draws the lifecycle for Graphviz: terminal states have a double
// border, internal transitions are dashed.
func ExampleDefinition_DOT() {
	d, err := lifecycle.NewBuilder[QuoteState, QuoteTrigger]("quote").
		State(lifecycle.State[QuoteState]{Key: "draft", Kind: lifecycle.Initial, Labels: lifecycle.Labels{"en": "Draft", "zh-CN": "草稿"}}).
		State(lifecycle.State[QuoteState]{Key: "approved", Kind: lifecycle.Terminal, Labels: lifecycle.Labels{"en": "Approved", "zh-CN": "已批准"}}).
		Item(lifecycle.Item{Key: "margin_checked"}).
		Trigger(lifecycle.Trigger[QuoteTrigger]{Key: "approve", Labels: lifecycle.Labels{"en": "Approve", "zh-CN": "批准"}}).
		Permit("draft", "approve", "approved", lifecycle.Gate{Name: "margin", Items: []string{"margin_checked"}}).
		Transition(lifecycle.Transition[QuoteState, QuoteTrigger]{From: "draft", Trigger: "comment", Internal: true}).
		Build()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(d.DOT("zh-CN"))
	// Output:
	// digraph "quote" {
	//     label="quote";
	//     labelloc=t;
	//     rankdir=LR;
	//     node [shape=box, style=rounded];
	//     "[*]" [shape=point, label=""];
	//     "draft" [label="草稿"];
	//     "approved" [label="已批准", peripheries=2];
	//     "[*]" -> "draft";
	//     "draft" -> "approved" [label="批准 (关卡 margin)"];
	//     "draft" -> "draft" [label="comment (内部)", style=dashed];
	// }
}

// The opportunity preset carries the sales-stage table every saleskit
// preset shares: each stage's label, default win probability and forecast
// category.
func ExampleOpportunity() {
	d := lifecycle.Opportunity()
	for _, key := range d.States() {
		s, _ := d.State(key)
		fmt.Printf("%-11s %-4s %.2f %-9s %s\n", key, s.Outcome, *s.Probability, s.Forecast, d.StateLabel(key, "zh-CN"))
	}
	// Output:
	// lead        open 0.10 pipeline  销售线索
	// qualified   open 0.25 pipeline  商机确认
	// proposal    open 0.50 best_case 方案报价
	// negotiation open 0.75 commit    商务谈判
	// won         won  1.00 closed    赢单
	// lost        lost 0.00 omitted   输单
}

// A telesales lead's buttons once it has shown interest: what the agent
// may do next, and what is missing for the rest, in Chinese.
func ExampleTelesalesLead() {
	d := lifecycle.TelesalesLead()
	at := time.Date(2025, 3, 3, 10, 0, 0, 0, time.UTC)
	lead := d.Start(at, "agent-7")
	for _, tr := range []lifecycle.LeadTrigger{lifecycle.LeadConnect, lifecycle.LeadShowInterest} {
		if _, err := d.Fire(lead, tr, at.Add(5*time.Minute), "agent-7"); err != nil {
			fmt.Println(err)
			return
		}
	}
	perms, err := d.Permitted(lead, at.Add(6*time.Minute), "agent-7")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range perms {
		fmt.Printf("%-11s %v %s", p.To, p.Allowed, d.TriggerLabel(p.Trigger, "zh-CN"))
		for _, o := range p.Obstacles {
			fmt.Printf("：%s", d.Explain(o, "zh-CN"))
		}
		fmt.Println()
	}
	// Output:
	// appointment false 预约：关卡“预约信息”缺少 预约时间
	// interested  true 跟进
	// do_not_call true 要求勿扰
}
