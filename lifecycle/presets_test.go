package lifecycle_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/saleskit/saleskit/lifecycle"
)

type projectStep = step[lifecycle.Phase, lifecycle.ProjectTrigger]

func TestSalesProjectLoop(t *testing.T) {
	d := lifecycle.SalesProject()
	p := lifecycle.Prob
	steps := []projectStep{
		{day: 1, fire: lifecycle.ProjectApprove, want: lifecycle.PhaseInitiation, refused: []lifecycle.Obstacle{
			gateObstacle("initiation-review", "background_clarified", "goal_defined", "feasibility_assessed"),
			advisory("market-research", "market_researched"),
		}},
		{day: 2, tick: []string{"background_clarified", "goal_defined"}, fire: lifecycle.ProjectApprove, want: lifecycle.PhaseInitiation, refused: []lifecycle.Obstacle{
			gateObstacle("initiation-review", "feasibility_assessed"),
			advisory("market-research", "market_researched"),
		}},
		{day: 3, tick: []string{"feasibility_assessed"}, fire: lifecycle.ProjectApprove, want: lifecycle.PhaseGoalSetting,
			advice: []lifecycle.Obstacle{advisory("market-research", "market_researched")}, wantP: p(0.1)},
		{day: 4, fire: lifecycle.ProjectSetGoals, want: lifecycle.PhaseGoalSetting, refused: []lifecycle.Obstacle{
			gateObstacle("goal-check", "sales_target", "target_smart"),
			advisory("target-split", "target_split"),
		}},
		{day: 5, facts: map[string]string{"sales_target": "12000000"}, tick: []string{"target_smart", "target_split"},
			fire: lifecycle.ProjectSetGoals, want: lifecycle.PhaseResourceAllocation, wantP: p(0.2)},
		{day: 6, tick: []string{"team_assigned"}, fire: lifecycle.ProjectAllocate, want: lifecycle.PhaseResourceAllocation, refused: []lifecycle.Obstacle{
			gateObstacle("resource-check", "budget_assigned", "tools_assigned"),
		}},
		{day: 8, tick: []string{"budget_assigned", "tools_assigned"}, fire: lifecycle.ProjectAllocate, want: lifecycle.PhaseStrategy, wantP: p(0.3)},
		{day: 9, tick: []string{"market_analysis", "customer_strategy", "competitor_analysis"}, fire: lifecycle.ProjectLaunch, want: lifecycle.PhaseStrategy, refused: []lifecycle.Obstacle{
			gateObstacle("approve-to-bid", "bid_approved"),
		}},
		{day: 10, tick: []string{"bid_approved"}, fire: lifecycle.ProjectLaunch, want: lifecycle.PhaseExecution,
			effects: []string{"kickoff_meeting"}, wantP: p(0.5)},
		{day: 20, fire: lifecycle.ProjectReview, want: lifecycle.PhaseMonitoring, effects: []string{"review_meeting"}, wantP: p(0.6)},
		{day: 21, prob: 0.45, fire: lifecycle.ProjectCheckpoint, want: lifecycle.PhaseMonitoring, wantP: p(0.45)},
		// The loop: back to strategy, then to execution. The evaluation
		// ticked in this monitoring stay is forgotten on leaving it.
		{day: 22, tick: []string{"evaluation_done"}, fire: lifecycle.ProjectAdjust, want: lifecycle.PhaseStrategy, wantP: p(0.3),
			forgotten: []string{"evaluation_done"}},
		{day: 24, fire: lifecycle.ProjectLaunch, want: lifecycle.PhaseExecution, effects: []string{"kickoff_meeting"}},
		{day: 34, fire: lifecycle.ProjectReview, want: lifecycle.PhaseMonitoring, effects: []string{"review_meeting"}},
		{day: 35, fire: lifecycle.ProjectContinue, want: lifecycle.PhaseExecution, effects: []string{"kickoff_meeting"}},
		{day: 45, fire: lifecycle.ProjectReview, want: lifecycle.PhaseMonitoring, effects: []string{"review_meeting"}},
		{day: 46, fire: lifecycle.ProjectClose, want: lifecycle.PhaseMonitoring, refused: []lifecycle.Obstacle{
			gateObstacle("evaluation", "evaluation_done"),
		}},
		{day: 47, tick: []string{"evaluation_done"}, fire: lifecycle.ProjectClose, want: lifecycle.PhaseClosing, effects: []string{"write_review"}, wantP: p(0.8),
			forgotten: []string{"evaluation_done"}},
		{day: 50, fire: lifecycle.ProjectWin, want: lifecycle.PhaseClosing, refused: []lifecycle.Obstacle{
			gateObstacle("closing-review", "review_report"),
		}},
		{day: 52, tick: []string{"review_report"}, fire: lifecycle.ProjectWin, want: lifecycle.PhaseWon, effects: []string{"deal_won"}, wantP: p(1)},
		{day: 53, fire: lifecycle.ProjectAbandon, want: lifecycle.PhaseWon, refused: noTransition},
		{day: 54, pause: "done", want: lifecycle.PhaseWon, err: lifecycle.ErrTerminal},
	}
	in := run(t, d, steps)

	m, err := d.Measure(in, day(60))
	if err != nil {
		t.Fatal(err)
	}
	want := lifecycle.Measures[lifecycle.Phase]{
		State: lifecycle.PhaseWon,
		Path: []lifecycle.Phase{
			lifecycle.PhaseInitiation, lifecycle.PhaseGoalSetting, lifecycle.PhaseResourceAllocation,
			lifecycle.PhaseStrategy, lifecycle.PhaseExecution, lifecycle.PhaseMonitoring,
			lifecycle.PhaseStrategy, lifecycle.PhaseExecution, lifecycle.PhaseMonitoring,
			lifecycle.PhaseExecution, lifecycle.PhaseMonitoring, lifecycle.PhaseClosing, lifecycle.PhaseWon,
		},
		// Days: initiation 0-3, goal setting 3-5, resources 5-8, strategy
		// 8-10 and 22-24, execution 10-20, 24-34 and 35-45, monitoring
		// 20-22, 34-35 and 45-47, closing 47-52, won 52-60.
		Time: []lifecycle.StateTime[lifecycle.Phase]{
			{State: lifecycle.PhaseInitiation, Visits: 1, Time: 3 * days},
			{State: lifecycle.PhaseGoalSetting, Visits: 1, Time: 2 * days},
			{State: lifecycle.PhaseResourceAllocation, Visits: 1, Time: 3 * days},
			{State: lifecycle.PhaseStrategy, Visits: 2, Time: 4 * days},
			{State: lifecycle.PhaseExecution, Visits: 3, Time: 30 * days},
			{State: lifecycle.PhaseMonitoring, Visits: 3, Time: 5 * days},
			{State: lifecycle.PhaseClosing, Visits: 1, Time: 5 * days},
			{State: lifecycle.PhaseWon, Visits: 1, Time: 8 * days},
		},
		Age: 8 * days,
		Loops: []lifecycle.Loop[lifecycle.Phase]{
			{From: lifecycle.PhaseMonitoring, To: lifecycle.PhaseStrategy, Count: 1},
			{From: lifecycle.PhaseMonitoring, To: lifecycle.PhaseExecution, Count: 1},
		},
	}
	if diff := cmp.Diff(want, m); diff != "" {
		t.Errorf("Measure (-want +got):\n%s", diff)
	}
	if got := m.LoopsFrom(lifecycle.PhaseMonitoring); got != 2 {
		t.Errorf("LoopsFrom(monitoring) = %d, want 2", got)
	}
	if got := m.LoopCount(); got != 2 {
		t.Errorf("LoopCount = %d, want 2", got)
	}
	// The internal checkpoint is in the history but enters nothing.
	var kinds []lifecycle.StepKind
	for s := range in.Steps() {
		kinds = append(kinds, s.Kind)
	}
	if got := slices.Index(kinds, lifecycle.StepInternal); got != 6 {
		t.Errorf("internal step at %d in %v, want 6", got, kinds)
	}
}

func TestSalesProjectAbandonAndPause(t *testing.T) {
	d := lifecycle.SalesProject()
	run(t, d, []projectStep{
		{day: 1, tick: []string{"background_clarified", "goal_defined", "feasibility_assessed", "market_researched"}, fire: lifecycle.ProjectApprove, want: lifecycle.PhaseGoalSetting},
		{day: 2, pause: "customer budget freeze", until: 30, want: lifecycle.PhaseGoalSetting},
		{day: 3, pause: "again", want: lifecycle.PhaseGoalSetting, err: lifecycle.ErrPaused},
		{day: 4, facts: map[string]string{"sales_target": "5000000"}, fire: lifecycle.ProjectSetGoals, want: lifecycle.PhaseGoalSetting, refused: []lifecycle.Obstacle{
			pausedNow,
			gateObstacle("goal-check", "target_smart"),
			advisory("target-split", "target_split"),
		}},
		{day: 5, fire: lifecycle.ProjectAbandon, want: lifecycle.PhaseGoalSetting, refused: []lifecycle.Obstacle{pausedNow}},
		{day: 6, fire: "no-such-trigger", want: lifecycle.PhaseGoalSetting, refused: noTransition},
		{day: 30, resume: true, want: lifecycle.PhaseGoalSetting},
		{day: 31, resume: true, want: lifecycle.PhaseGoalSetting, err: lifecycle.ErrNotPaused},
		{day: 32, fire: lifecycle.ProjectAbandon, want: lifecycle.PhaseAbandoned, wantP: lifecycle.Prob(0)},
	})
}

type dealStep = step[lifecycle.DealStage, lifecycle.DealTrigger]

func TestOpportunity(t *testing.T) {
	d := lifecycle.Opportunity()
	p := lifecycle.Prob
	in := run(t, d, []dealStep{
		{day: 1, tick: []string{"budget_confirmed"}, fire: lifecycle.DealQualify, want: lifecycle.DealLead, refused: []lifecycle.Obstacle{
			gateObstacle("qualification", "decision_maker", "need_identified"),
			advisory("timeline", "timeline_known"),
		}},
		{day: 2, facts: map[string]string{"decision_maker": "Li Wei, CIO"}, tick: []string{"need_identified"}, fire: lifecycle.DealQualify, want: lifecycle.DealQualified,
			advice: []lifecycle.Obstacle{advisory("timeline", "timeline_known")}, wantP: p(0.25)},
		// A manual override survives refusals and lasts until the next stage change.
		{day: 3, prob: 0.35, fire: lifecycle.DealPropose, want: lifecycle.DealQualified, wantP: p(0.35), refused: []lifecycle.Obstacle{
			gateObstacle("approve-to-bid", "bid_approved"),
		}},
		{day: 4, tick: []string{"bid_approved"}, fire: lifecycle.DealPropose, want: lifecycle.DealProposal, effects: []string{"send_proposal"}, wantP: p(0.5)},
		// A self-transition re-enters the stage: entry effects again, override dropped.
		{day: 6, prob: 0.6, fire: lifecycle.DealRevise, want: lifecycle.DealProposal, effects: []string{"send_proposal"}, wantP: p(0.5)},
		{day: 8, fire: lifecycle.DealNegotiate, want: lifecycle.DealProposal, refused: []lifecycle.Obstacle{
			gateObstacle("proposal-feedback", "proposal_feedback"),
		}},
		{day: 9, tick: []string{"proposal_feedback"}, fire: lifecycle.DealNegotiate, want: lifecycle.DealNegotiation, wantP: p(0.75),
			forgotten: []string{"proposal_feedback"}},
		{day: 10, fire: lifecycle.DealLose, want: lifecycle.DealNegotiation, refused: []lifecycle.Obstacle{
			gateObstacle("loss-reason", "loss_reason"),
		}},
		{day: 11, facts: map[string]string{"loss_reason": "price"}, fire: lifecycle.DealLose, want: lifecycle.DealLost, wantP: p(0)},
		{day: 40, fire: lifecycle.DealReopen, want: lifecycle.DealQualified, wantP: p(0.25), forgotten: []string{"loss_reason"}},
		{day: 41, fire: lifecycle.DealPropose, want: lifecycle.DealProposal, effects: []string{"send_proposal"}},
		// The feedback was on the first proposal: the new one needs its own.
		{day: 42, fire: lifecycle.DealNegotiate, want: lifecycle.DealProposal, refused: []lifecycle.Obstacle{
			gateObstacle("proposal-feedback", "proposal_feedback"),
		}},
		{day: 42, tick: []string{"proposal_feedback"}, fire: lifecycle.DealNegotiate, want: lifecycle.DealNegotiation, forgotten: []string{"proposal_feedback"}},
		{day: 43, fire: lifecycle.DealWin, want: lifecycle.DealNegotiation, refused: []lifecycle.Obstacle{
			gateObstacle("approve-to-contract", "contract_approved"),
		}},
		{day: 44, tick: []string{"contract_approved"}, fire: lifecycle.DealWin, want: lifecycle.DealWon, effects: []string{"handover"}, wantP: p(1)},
		{day: 45, fire: lifecycle.DealReopen, want: lifecycle.DealWon, refused: noTransition},
	})
	m, err := d.Measure(in, day(44))
	if err != nil {
		t.Fatal(err)
	}
	wantLoops := []lifecycle.Loop[lifecycle.DealStage]{{From: lifecycle.DealLost, To: lifecycle.DealQualified, Count: 1}}
	if diff := cmp.Diff(wantLoops, m.Loops); diff != "" {
		t.Errorf("Loops (-want +got):\n%s", diff)
	}
}

// TestOpportunityStageTable checks the opportunity stages against the table
// every saleskit preset shares (CONTRIBUTING.md, Labels).
func TestOpportunityStageTable(t *testing.T) {
	d := lifecycle.Opportunity()
	for _, want := range []struct {
		key      lifecycle.DealStage
		en, zh   string
		p        float64
		forecast lifecycle.ForecastCategory
		outcome  lifecycle.Outcome
	}{
		{lifecycle.DealLead, "Lead", "销售线索", 0.10, lifecycle.ForecastPipeline, lifecycle.Open},
		{lifecycle.DealQualified, "Qualified", "商机确认", 0.25, lifecycle.ForecastPipeline, lifecycle.Open},
		{lifecycle.DealProposal, "Proposal", "方案报价", 0.50, lifecycle.ForecastBestCase, lifecycle.Open},
		{lifecycle.DealNegotiation, "Negotiation", "商务谈判", 0.75, lifecycle.ForecastCommit, lifecycle.Open},
		{lifecycle.DealWon, "Won", "赢单", 1, lifecycle.ForecastClosed, lifecycle.Won},
		{lifecycle.DealLost, "Lost", "输单", 0, lifecycle.ForecastOmitted, lifecycle.Lost},
	} {
		s, ok := d.State(want.key)
		if !ok {
			t.Errorf("Opportunity has no state %q", want.key)
			continue
		}
		got := []any{s.Label("en"), s.Label("zh-CN"), *s.Probability, s.Forecast, s.Outcome}
		if diff := cmp.Diff([]any{want.en, want.zh, want.p, want.forecast, want.outcome}, got); diff != "" {
			t.Errorf("State(%q) label en, zh-CN, probability, forecast, outcome (-want +got):\n%s", want.key, diff)
		}
	}
	// Won and lost read the same in the sales project.
	sp := lifecycle.SalesProject()
	if got := []string{sp.StateLabel(lifecycle.PhaseWon, "zh-CN"), sp.StateLabel(lifecycle.PhaseLost, "zh-CN")}; !slices.Equal(got, []string{"赢单", "输单"}) {
		t.Errorf("SalesProject won, lost in zh-CN = %v, want [赢单 输单]", got)
	}
}

// TestProbabilityDefaultChange checks that a changed default does not
// rewrite instances that already entered the stage.
func TestProbabilityDefaultChange(t *testing.T) {
	old := lifecycle.Opportunity()
	in := old.Start(t0, "rep")
	for _, k := range []string{"budget_confirmed", "decision_maker", "need_identified", "bid_approved"} {
		in.Tick(k)
	}
	if _, err := old.Fire(in, lifecycle.DealQualify, day(1), "rep"); err != nil {
		t.Fatal(err)
	}
	sp := old.Spec()
	for i := range sp.States {
		if sp.States[i].Key == lifecycle.DealProposal {
			sp.States[i].Probability = lifecycle.Prob(0.4)
		}
		if sp.States[i].Key == lifecycle.DealQualified {
			sp.States[i].Probability = lifecycle.Prob(0.3)
		}
	}
	changed, err := lifecycle.NewBuilder[lifecycle.DealStage, lifecycle.DealTrigger]("").Spec(sp).Build()
	if err != nil {
		t.Fatal(err)
	}
	if got := in.Probability(); got != 0.25 {
		t.Errorf("probability after the default changed = %v, want 0.25 (taken on entry)", got)
	}
	if _, err := changed.Fire(in, lifecycle.DealPropose, day(2), "rep"); err != nil {
		t.Fatal(err)
	}
	if got := in.Probability(); got != 0.4 {
		t.Errorf("probability on entering proposal = %v, want the new default 0.4", got)
	}
	if p, _ := old.State(lifecycle.DealProposal); *p.Probability != 0.5 {
		t.Errorf("the preset changed: proposal probability %v", *p.Probability)
	}
}

type customerStep = step[lifecycle.CustomerStage, lifecycle.CustomerTrigger]

func TestCustomer(t *testing.T) {
	d := lifecycle.Customer()
	in := run(t, d, []customerStep{
		{day: 1, fire: lifecycle.CustomerConvert, want: lifecycle.CustomerProspect, refused: []lifecycle.Obstacle{gateObstacle("first-order", "first_order")}},
		{day: 2, facts: map[string]string{"first_order": "SO-1001"}, fire: lifecycle.CustomerConvert, want: lifecycle.CustomerNew},
		{day: 20, fire: lifecycle.CustomerActivate, want: lifecycle.CustomerNew, refused: []lifecycle.Obstacle{gateObstacle("repeat-order", "repeat_order")}},
		{day: 40, fire: lifecycle.CustomerFlagRisk, want: lifecycle.CustomerAtRisk, effects: []string{"retention_call"}},
		{day: 50, fire: lifecycle.CustomerChurn, want: lifecycle.CustomerAtRisk, refused: []lifecycle.Obstacle{gateObstacle("churn-reason", "churn_reason")}},
		{day: 51, facts: map[string]string{"churn_reason": "moved to a competitor"}, fire: lifecycle.CustomerChurn, want: lifecycle.CustomerChurned, effects: []string{"churn_survey"}},
		{day: 90, fire: lifecycle.CustomerWinBack, want: lifecycle.CustomerChurned, refused: []lifecycle.Obstacle{gateObstacle("reactivation", "reactivation_order")}},
		{day: 91, facts: map[string]string{"reactivation_order": "SO-2001"}, fire: lifecycle.CustomerWinBack, want: lifecycle.CustomerWonBack, effects: []string{"welcome_back"},
			forgotten: []string{"churn_reason", "reactivation_order"}},
		{day: 120, fire: lifecycle.CustomerActivate, want: lifecycle.CustomerActive},
		{day: 200, fire: lifecycle.CustomerPromote, want: lifecycle.CustomerActive, refused: []lifecycle.Obstacle{gateObstacle("loyalty", "loyalty_criteria")}},
		{day: 201, tick: []string{"loyalty_criteria"}, fire: lifecycle.CustomerPromote, want: lifecycle.CustomerLoyal, forgotten: []string{"loyalty_criteria"}},
		// At risk and recovered, a customer must meet the loyalty criteria again.
		{day: 300, fire: lifecycle.CustomerFlagRisk, want: lifecycle.CustomerAtRisk, effects: []string{"retention_call"}},
		{day: 310, fire: lifecycle.CustomerRecover, want: lifecycle.CustomerActive},
		{day: 311, fire: lifecycle.CustomerPromote, want: lifecycle.CustomerActive, refused: []lifecycle.Obstacle{gateObstacle("loyalty", "loyalty_criteria")}},
	})
	m, err := d.Measure(in, day(201))
	if err != nil {
		t.Fatal(err)
	}
	if got := m.LoopsFrom(lifecycle.CustomerWonBack); got != 1 {
		t.Errorf("LoopsFrom(won_back) = %d, want 1", got)
	}
}

type leadStep = step[lifecycle.LeadStatus, lifecycle.LeadTrigger]

func TestTelesalesLead(t *testing.T) {
	d := lifecycle.TelesalesLead()
	in := run(t, d, []leadStep{
		{day: 0, fire: lifecycle.LeadNoAnswer, want: lifecycle.LeadNew, effects: []string{"call_back"}},
		{day: 1, fire: lifecycle.LeadNoAnswer, want: lifecycle.LeadNew, effects: []string{"call_back"}},
		{day: 2, fire: lifecycle.LeadConnect, want: lifecycle.LeadContacted},
		{day: 3, fire: lifecycle.LeadShowInterest, want: lifecycle.LeadInterested},
		{day: 3, fire: lifecycle.LeadBook, want: lifecycle.LeadInterested, refused: []lifecycle.Obstacle{gateObstacle("appointment", "appointment_time")}},
		{day: 4, facts: map[string]string{"appointment_time": "2025-03-10T14:00"}, fire: lifecycle.LeadBook, want: lifecycle.LeadAppointment, effects: []string{"appointment_reminder"}},
		{day: 7, fire: lifecycle.LeadNoShow, want: lifecycle.LeadInterested, forgotten: []string{"appointment_time"}},
		// After a no-show, booking again needs a new time.
		{day: 8, fire: lifecycle.LeadBook, want: lifecycle.LeadInterested, refused: []lifecycle.Obstacle{gateObstacle("appointment", "appointment_time")}},
		{day: 8, facts: map[string]string{"appointment_time": "2025-03-12T10:00"}, fire: lifecycle.LeadBook, want: lifecycle.LeadAppointment, effects: []string{"appointment_reminder"}},
		{day: 9, fire: lifecycle.LeadConvert, want: lifecycle.LeadAppointment, refused: []lifecycle.Obstacle{gateObstacle("order", "order_number")}},
		{day: 9, facts: map[string]string{"order_number": "TS-88"}, fire: lifecycle.LeadConvert, want: lifecycle.LeadConverted, forgotten: []string{"appointment_time"}},
	})
	// The two unanswered calls are internal: the lead entered new at t0.
	m, err := d.Measure(in, day(9))
	if err != nil {
		t.Fatal(err)
	}
	if got := m.Time[0]; got != (lifecycle.StateTime[lifecycle.LeadStatus]{State: lifecycle.LeadNew, Visits: 1, Time: 2 * days}) {
		t.Errorf("time in new = %+v, want 1 visit of 2 days", got)
	}

	run(t, d, []leadStep{
		{day: 0, fire: lifecycle.LeadOptOut, want: lifecycle.LeadDoNotCall},
		{day: 1, fire: lifecycle.LeadConnect, want: lifecycle.LeadDoNotCall, refused: noTransition},
	})
}

func TestPresetsRoundTrip(t *testing.T) {
	for _, tc := range presets() {
		t.Run(tc.name, func(t *testing.T) {
			data := mustJSON(t, tc.def)
			var sp lifecycle.Spec[string, string]
			if err := json.Unmarshal([]byte(data), &sp); err != nil {
				t.Fatal(err)
			}
			back, err := lifecycle.NewBuilder[string, string]("").Spec(sp).Build()
			if err != nil {
				t.Fatal(err)
			}
			if again := mustJSON(t, back); again != data {
				t.Errorf("JSON round trip changed the definition:\n%s\nwant\n%s", again, data)
			}
			// The embedded file, decoded, is what the preset reports.
			raw, err := os.ReadFile(filepath.Join("presets", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			var fromFile lifecycle.Spec[string, string]
			if err := json.Unmarshal(raw, &fromFile); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(fromFile, sp); diff != "" {
				t.Errorf("Spec differs from presets/%s (-file +definition):\n%s", tc.file, diff)
			}
			// Every state and trigger has en and zh-CN labels.
			for _, s := range fromFile.States {
				if s.Labels["en"] == "" || s.Labels["zh-CN"] == "" {
					t.Errorf("state %q lacks an en or zh-CN label", s.Key)
				}
			}
			for _, tr := range fromFile.Triggers {
				if tr.Labels["en"] == "" || tr.Labels["zh-CN"] == "" {
					t.Errorf("trigger %q lacks an en or zh-CN label", tr.Key)
				}
			}
		})
	}
}

// TestPresetsFresh checks that every preset call returns a definition of its
// own: decoding JSON into one, or changing one's Spec, leaves the next call
// as it was.
func TestPresetsFresh(t *testing.T) {
	a := lifecycle.SalesProject()
	//lint:ignore SA9005 decoding into a built Definition must change nothing: that is what is tested
	if err := json.Unmarshal([]byte(`{"name":"renamed","states":[]}`), a); err != nil {
		t.Fatal(err)
	}
	sp := a.Spec()
	sp.Name = "changed"
	sp.States[0].Labels["en"] = "changed"
	b := lifecycle.SalesProject()
	if a == b {
		t.Fatal("SalesProject() returned the same *Definition twice")
	}
	if got := []string{a.Name(), b.Name(), b.StateLabel(lifecycle.PhaseInitiation, "en")}; !slices.Equal(got, []string{"sales-project", "sales-project", "Initiation"}) {
		t.Errorf("after decoding into one preset and changing its Spec: names, label = %v, want [sales-project sales-project Initiation]", got)
	}
}

func TestDiagramsGolden(t *testing.T) {
	for _, tc := range presets() {
		for _, lang := range []string{"en", "zh-CN"} {
			for _, kind := range []struct {
				ext    string
				render func(string) string
			}{{"mmd", tc.mermaid}, {"dot", tc.dot}} {
				name := tc.name + "." + lang + "." + kind.ext
				t.Run(name, func(t *testing.T) { golden(t, name, kind.render(lang)) })
			}
		}
	}
}
