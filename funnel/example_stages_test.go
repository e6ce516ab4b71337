package funnel_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/saleskit/saleskit/funnel"
	"github.com/shopspring/decimal"
)

// A stage list of one's own: a renewal funnel with two lost stages.
func ExampleNewStages() {
	stages, err := funnel.NewStages(
		funnel.Stage{Key: "due", Labels: funnel.Labels{"en": "Renewal due", "zh-CN": "待续约"}, Probability: 0.6},
		funnel.Stage{Key: "quoted", Labels: funnel.Labels{"en": "Quoted", "zh-CN": "已报价"}, Probability: 0.8},
		funnel.Stage{Key: "renewed", Labels: funnel.Labels{"en": "Renewed", "zh-CN": "已续约"}, Probability: 1, Outcome: funnel.Won},
		funnel.Stage{Key: "churned", Outcome: funnel.Lost},
		funnel.Stage{Key: "downgraded", Outcome: funnel.Lost},
	)
	if err != nil {
		panic(err)
	}
	fmt.Println(stages.Path())
	fmt.Println(stages[1].Label("zh-CN"), stages[3].Label("zh-CN")) // no labels: the key

	// Every problem of a bad list is reported at once.
	_, err = funnel.NewStages(
		funnel.Stage{Key: "won", Outcome: funnel.Won},
		funnel.Stage{Key: "call", Probability: 1.5},
	)
	fmt.Println(errors.Is(err, funnel.ErrStageOrder), errors.Is(err, funnel.ErrProbability))
	fmt.Println(err)
	// Output:
	// [due quoted renewed]
	// 已报价 churned
	// true true
	// funnel: stages[1].probability "1.5": probability outside [0, 1]
	// funnel: stages[1].outcome "open": open stages must come before terminal stages
}

// Stage lists are data a CRM stores: they round-trip through JSON, and
// decoding checks them.
func ExampleStages_UnmarshalJSON() {
	var stages funnel.Stages
	err := json.Unmarshal([]byte(`[
		{"key": "lead", "labels": {"en": "Lead", "zh-CN": "销售线索"}, "probability": 0.1, "outcome": "open"},
		{"key": "demo", "probability": 0.4, "outcome": "open"},
		{"key": "won", "probability": 1, "outcome": "won"},
		{"key": "lost", "outcome": "lost"}
	]`), &stages)
	if err != nil {
		panic(err)
	}
	out, err := json.Marshal(stages[1:3])
	if err != nil {
		panic(err)
	}
	fmt.Println(string(out))

	err = json.Unmarshal([]byte(`[{"key": "lead", "outcome": "open"}, {"key": "won", "outcome": "closed_won"}]`), &stages)
	fmt.Println(err)
	// Output:
	// [{"key":"demo","probability":0.4,"outcome":"open"},{"key":"won","probability":1,"outcome":"won"}]
	// funnel: stages[1].outcome "closed_won": unknown name
}

// The telesales preset counts calls through dialed, connected,
// conversation, appointment and deal.
func ExampleTelesales() {
	stages := funnel.Telesales()
	for _, s := range stages {
		fmt.Printf("%-12s %-4s %s\n", s.Key, s.Outcome, s.Label("zh-CN"))
	}
	at := func(min int) time.Time { return time.Date(2025, 3, 3, 10, min, 0, 0, time.UTC) }
	a, err := funnel.NewAnalyzer(stages, nil)
	if err != nil {
		panic(err)
	}
	var events []funnel.Event
	for i, reached := range []string{"dialed", "connected", "dialed", "conversation", "appointment", "deal"} {
		events = append(events, funnel.Event{Deal: fmt.Sprintf("lead-%d", i), Stage: reached, Time: at(i), Amount: decimal.Zero})
	}
	// Six calls: each event is the furthest stage its call reached, and in
	// the default AnyOrder mode a call counts in every stage before it.
	if _, err := a.AddAll(events); err != nil {
		panic(err)
	}
	r, err := a.Report(nil)
	if err != nil {
		panic(err)
	}
	for _, s := range r.Stages {
		fmt.Printf("%-12s %d entered, %.0f%% of the stage before\n", s.Key, s.Entered, 100*s.Conversion.Value)
	}
	// Output:
	// dialed       open 拨打
	// connected    open 接通
	// conversation open 有效通话
	// appointment  open 邀约成功
	// deal         won  成交
	// dialed       6 entered, 100% of the stage before
	// connected    4 entered, 67% of the stage before
	// conversation 3 entered, 75% of the stage before
	// appointment  2 entered, 67% of the stage before
	// deal         1 entered, 50% of the stage before
}
