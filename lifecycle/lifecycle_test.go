package lifecycle_test

import (
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/saleskit/saleskit/lifecycle"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// t0 is the instant every scenario starts at.
var t0 = time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC)

func day(n int) time.Time { return t0.Add(time.Duration(n) * 24 * time.Hour) }

const days = 24 * time.Hour

func gateReason(name string, missing ...string) lifecycle.Reason {
	return lifecycle.Reason{Kind: lifecycle.ReasonGate, Name: name, Missing: missing}
}

func advisory(name string, missing ...string) lifecycle.Reason {
	return lifecycle.Reason{Kind: lifecycle.ReasonGate, Name: name, Mode: lifecycle.Advisory, Missing: missing}
}

var noTransition = []lifecycle.Reason{{Kind: lifecycle.ReasonNoTransition}}

// step is one thing that happens to an instance at a fixed instant, and what
// must follow.
type step[S, T ~string] struct {
	day     int               // days after t0
	tick    []string          // checklist items ticked first
	facts   map[string]string // facts recorded first
	clear   []string          // facts cleared first
	fire    T                 // the trigger fired, if any
	pause   string            // pause with this reason
	until   int               // the pause's resume day
	resume  bool              // resume
	prob    float64           // override the probability with this, if > 0
	want    S                 // the state afterwards
	refused []lifecycle.Reason
	err     error    // the sentinel expected, for errors other than refusals
	effects []string // the keys of the effects returned
	advice  []lifecycle.Reason
	wantP   *float64 // the probability afterwards, if set
}

// run plays steps on a new instance of d and checks every outcome. A refused
// step must leave the instance exactly as it was, and after every step the
// history must replay to the current state.
func run[S, T ~string](t *testing.T, d *lifecycle.Definition[S, T], steps []step[S, T]) *lifecycle.Instance[S, T] {
	t.Helper()
	in := d.Start(t0, "owner")
	overridden := false
	for i, s := range steps {
		at := day(s.day)
		for _, k := range s.tick {
			in.Check(k)
		}
		for k, v := range s.facts {
			in.SetFact(k, v)
		}
		for _, k := range s.clear {
			in.Clear(k)
		}
		if s.prob > 0 {
			if err := in.OverrideProbability(s.prob); err != nil {
				t.Fatalf("step %d: OverrideProbability(%v) = %v", i, s.prob, err)
			}
			overridden = true
		}
		before := mustJSON(t, in)
		var fired lifecycle.Fired[S, T]
		var err error
		switch {
		case s.pause != "":
			var until time.Time
			if s.until > 0 {
				until = day(s.until)
			}
			err = d.Pause(in, at, "owner", s.pause, until)
		case s.resume:
			err = d.Resume(in, at, "owner")
		case s.fire != "":
			fired, err = d.Fire(in, s.fire, at, "owner")
		}
		switch {
		case s.refused != nil:
			var r *lifecycle.Refusal
			if !errors.As(err, &r) {
				t.Fatalf("step %d: Fire(%q) = %v, want a refusal", i, s.fire, err)
			}
			if !errors.Is(err, lifecycle.ErrRefused) {
				t.Errorf("step %d: refusal does not match ErrRefused", i)
			}
			if diff := cmp.Diff(s.refused, r.Reasons, cmpopts.EquateErrors()); diff != "" {
				t.Errorf("step %d: Fire(%q) reasons (-want +got):\n%s", i, s.fire, diff)
			}
			if after := mustJSON(t, in); after != before {
				t.Errorf("step %d: refused Fire(%q) changed the instance:\n%s\nwant\n%s", i, s.fire, after, before)
			}
		case s.err != nil:
			if !errors.Is(err, s.err) {
				t.Fatalf("step %d: err = %v, want %v", i, err, s.err)
			}
		case err != nil:
			t.Fatalf("step %d: unexpected error %v", i, err)
		case s.fire != "":
			var keys []string
			for e := range fired.Effects.All() {
				keys = append(keys, e.Key)
			}
			if diff := cmp.Diff(s.effects, keys); diff != "" {
				t.Errorf("step %d: Fire(%q) effects (-want +got):\n%s", i, s.fire, diff)
			}
			if diff := cmp.Diff(s.advice, fired.Advisories); diff != "" {
				t.Errorf("step %d: Fire(%q) advisories (-want +got):\n%s", i, s.fire, diff)
			}
			if fired.To != s.want || fired.Trigger != s.fire {
				t.Errorf("step %d: Fired = %v --%v--> %v, want --%v--> %v", i, fired.From, fired.Trigger, fired.To, s.fire, s.want)
			}
		}
		if got := in.State(); got != s.want {
			t.Fatalf("step %d: state = %q, want %q", i, got, s.want)
		}
		if err == nil && s.fire != "" && !fired.Internal {
			overridden = false // entering a state drops the override
		}
		if in.Overridden() != overridden {
			t.Errorf("step %d: Overridden() = %v, want %v", i, in.Overridden(), overridden)
		}
		if s.wantP != nil && in.Probability() != *s.wantP {
			t.Errorf("step %d: probability = %v, want %v", i, in.Probability(), *s.wantP)
		}
		if err := d.Validate(in); err != nil {
			t.Fatalf("step %d: Validate = %v", i, err)
		}
	}
	return in
}

func mustJSON(t testing.TB, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

type projectStep = step[lifecycle.Phase, lifecycle.ProjectTrigger]

func TestSalesProjectLoop(t *testing.T) {
	d := lifecycle.SalesProject()
	p := lifecycle.Prob
	steps := []projectStep{
		{day: 1, fire: lifecycle.ProjectApprove, want: lifecycle.PhaseInitiation, refused: []lifecycle.Reason{
			gateReason("initiation-review", "background_clarified", "goal_defined", "feasibility_assessed"),
			advisory("market-research", "market_researched"),
		}},
		{day: 2, tick: []string{"background_clarified", "goal_defined"}, fire: lifecycle.ProjectApprove, want: lifecycle.PhaseInitiation, refused: []lifecycle.Reason{
			gateReason("initiation-review", "feasibility_assessed"),
			advisory("market-research", "market_researched"),
		}},
		{day: 3, tick: []string{"feasibility_assessed"}, fire: lifecycle.ProjectApprove, want: lifecycle.PhaseGoalSetting,
			advice: []lifecycle.Reason{advisory("market-research", "market_researched")}, wantP: p(0.1)},
		{day: 4, fire: lifecycle.ProjectSetGoals, want: lifecycle.PhaseGoalSetting, refused: []lifecycle.Reason{
			gateReason("goal-check", "sales_target", "target_smart"),
			advisory("target-split", "target_split"),
		}},
		{day: 5, facts: map[string]string{"sales_target": "12000000"}, tick: []string{"target_smart", "target_split"},
			fire: lifecycle.ProjectSetGoals, want: lifecycle.PhaseResourceAllocation, wantP: p(0.2)},
		{day: 6, tick: []string{"team_assigned"}, fire: lifecycle.ProjectAllocate, want: lifecycle.PhaseResourceAllocation, refused: []lifecycle.Reason{
			gateReason("resource-check", "budget_assigned", "tools_assigned"),
		}},
		{day: 8, tick: []string{"budget_assigned", "tools_assigned"}, fire: lifecycle.ProjectAllocate, want: lifecycle.PhaseStrategy, wantP: p(0.3)},
		{day: 9, tick: []string{"market_analysis", "customer_strategy", "competitor_analysis"}, fire: lifecycle.ProjectLaunch, want: lifecycle.PhaseStrategy, refused: []lifecycle.Reason{
			gateReason("approve-to-bid", "bid_approved"),
		}},
		{day: 10, tick: []string{"bid_approved"}, fire: lifecycle.ProjectLaunch, want: lifecycle.PhaseExecution,
			effects: []string{"kickoff_meeting"}, wantP: p(0.5)},
		{day: 20, fire: lifecycle.ProjectReview, want: lifecycle.PhaseMonitoring, effects: []string{"review_meeting"}, wantP: p(0.6)},
		{day: 21, prob: 0.45, fire: lifecycle.ProjectCheckpoint, want: lifecycle.PhaseMonitoring, wantP: p(0.45)},
		// The loop: back to strategy, then to execution.
		{day: 22, fire: lifecycle.ProjectAdjust, want: lifecycle.PhaseStrategy, wantP: p(0.3)},
		{day: 24, fire: lifecycle.ProjectLaunch, want: lifecycle.PhaseExecution, effects: []string{"kickoff_meeting"}},
		{day: 34, fire: lifecycle.ProjectReview, want: lifecycle.PhaseMonitoring, effects: []string{"review_meeting"}},
		{day: 35, fire: lifecycle.ProjectContinue, want: lifecycle.PhaseExecution, effects: []string{"kickoff_meeting"}},
		{day: 45, fire: lifecycle.ProjectReview, want: lifecycle.PhaseMonitoring, effects: []string{"review_meeting"}},
		{day: 46, fire: lifecycle.ProjectClose, want: lifecycle.PhaseMonitoring, refused: []lifecycle.Reason{
			gateReason("evaluation", "evaluation_done"),
		}},
		{day: 47, tick: []string{"evaluation_done"}, fire: lifecycle.ProjectClose, want: lifecycle.PhaseClosing, effects: []string{"write_review"}, wantP: p(0.8)},
		{day: 50, fire: lifecycle.ProjectWin, want: lifecycle.PhaseClosing, refused: []lifecycle.Reason{
			gateReason("closing-review", "review_report"),
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
		Path: []lifecycle.Phase{
			lifecycle.PhaseInitiation, lifecycle.PhaseGoalSetting, lifecycle.PhaseResourceAllocation,
			lifecycle.PhaseStrategy, lifecycle.PhaseExecution, lifecycle.PhaseMonitoring,
			lifecycle.PhaseStrategy, lifecycle.PhaseExecution, lifecycle.PhaseMonitoring,
			lifecycle.PhaseExecution, lifecycle.PhaseMonitoring, lifecycle.PhaseClosing, lifecycle.PhaseWon,
		},
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
		{day: 4, facts: map[string]string{"sales_target": "5000000"}, fire: lifecycle.ProjectSetGoals, want: lifecycle.PhaseGoalSetting, refused: []lifecycle.Reason{
			{Kind: lifecycle.ReasonPaused},
			gateReason("goal-check", "target_smart"),
			advisory("target-split", "target_split"),
		}},
		{day: 5, fire: lifecycle.ProjectAbandon, want: lifecycle.PhaseGoalSetting, refused: []lifecycle.Reason{{Kind: lifecycle.ReasonPaused}}},
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
		{day: 1, tick: []string{"budget_confirmed"}, fire: lifecycle.DealQualify, want: lifecycle.DealLead, refused: []lifecycle.Reason{
			gateReason("qualification", "decision_maker", "need_identified"),
			advisory("timeline", "timeline_known"),
		}},
		{day: 2, facts: map[string]string{"decision_maker": "Li Wei, CIO"}, tick: []string{"need_identified"}, fire: lifecycle.DealQualify, want: lifecycle.DealQualified,
			advice: []lifecycle.Reason{advisory("timeline", "timeline_known")}, wantP: p(0.2)},
		// A manual override survives refusals and lasts until the next stage change.
		{day: 3, prob: 0.35, fire: lifecycle.DealPropose, want: lifecycle.DealQualified, wantP: p(0.35), refused: []lifecycle.Reason{
			gateReason("approve-to-bid", "bid_approved"),
		}},
		{day: 4, tick: []string{"bid_approved"}, fire: lifecycle.DealPropose, want: lifecycle.DealProposal, effects: []string{"send_proposal"}, wantP: p(0.5)},
		// A self-transition re-enters the stage: entry effects again, override dropped.
		{day: 6, prob: 0.6, fire: lifecycle.DealRevise, want: lifecycle.DealProposal, effects: []string{"send_proposal"}, wantP: p(0.5)},
		{day: 8, fire: lifecycle.DealNegotiate, want: lifecycle.DealProposal, refused: []lifecycle.Reason{
			gateReason("proposal-feedback", "proposal_feedback"),
		}},
		{day: 9, tick: []string{"proposal_feedback"}, fire: lifecycle.DealNegotiate, want: lifecycle.DealNegotiation, wantP: p(0.8)},
		{day: 10, fire: lifecycle.DealLose, want: lifecycle.DealNegotiation, refused: []lifecycle.Reason{
			gateReason("loss-reason", "loss_reason"),
		}},
		{day: 11, facts: map[string]string{"loss_reason": "price"}, fire: lifecycle.DealLose, want: lifecycle.DealLost, wantP: p(0)},
		{day: 40, fire: lifecycle.DealReopen, want: lifecycle.DealQualified, wantP: p(0.2)},
		{day: 41, fire: lifecycle.DealPropose, want: lifecycle.DealProposal, effects: []string{"send_proposal"}},
		{day: 42, fire: lifecycle.DealNegotiate, want: lifecycle.DealNegotiation},
		{day: 43, fire: lifecycle.DealWin, want: lifecycle.DealNegotiation, refused: []lifecycle.Reason{
			gateReason("approve-to-contract", "contract_approved"),
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
	st, _ := d.State(lifecycle.DealWon)
	if !st.Won || st.Forecast != lifecycle.ForecastClosed {
		t.Errorf("State(won) = %+v, want won and closed", st)
	}
}

// TestProbabilityDefaultChange checks that a changed default does not
// rewrite instances that already entered the stage.
func TestProbabilityDefaultChange(t *testing.T) {
	old := lifecycle.Opportunity()
	in := old.Start(t0, "rep")
	for _, k := range []string{"budget_confirmed", "decision_maker", "need_identified", "bid_approved"} {
		in.Check(k)
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
	if got := in.Probability(); got != 0.2 {
		t.Errorf("probability after the default changed = %v, want 0.2 (taken on entry)", got)
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
		{day: 1, fire: lifecycle.CustomerConvert, want: lifecycle.CustomerProspect, refused: []lifecycle.Reason{gateReason("first-order", "first_order")}},
		{day: 2, facts: map[string]string{"first_order": "SO-1001"}, fire: lifecycle.CustomerConvert, want: lifecycle.CustomerNew},
		{day: 20, fire: lifecycle.CustomerActivate, want: lifecycle.CustomerNew, refused: []lifecycle.Reason{gateReason("repeat-order", "repeat_order")}},
		{day: 40, fire: lifecycle.CustomerFlagRisk, want: lifecycle.CustomerAtRisk, effects: []string{"retention_call"}},
		{day: 50, fire: lifecycle.CustomerChurn, want: lifecycle.CustomerAtRisk, refused: []lifecycle.Reason{gateReason("churn-reason", "churn_reason")}},
		{day: 51, facts: map[string]string{"churn_reason": "moved to a competitor"}, fire: lifecycle.CustomerChurn, want: lifecycle.CustomerChurned, effects: []string{"churn_survey"}},
		{day: 90, fire: lifecycle.CustomerWinBack, want: lifecycle.CustomerChurned, refused: []lifecycle.Reason{gateReason("reactivation", "reactivation_order")}},
		{day: 91, facts: map[string]string{"reactivation_order": "SO-2001"}, fire: lifecycle.CustomerWinBack, want: lifecycle.CustomerWonBack, effects: []string{"welcome_back"}},
		{day: 120, fire: lifecycle.CustomerActivate, want: lifecycle.CustomerActive},
		{day: 200, fire: lifecycle.CustomerPromote, want: lifecycle.CustomerActive, refused: []lifecycle.Reason{gateReason("loyalty", "loyalty_criteria")}},
		{day: 201, tick: []string{"loyalty_criteria"}, fire: lifecycle.CustomerPromote, want: lifecycle.CustomerLoyal},
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
		{day: 3, fire: lifecycle.LeadBook, want: lifecycle.LeadInterested, refused: []lifecycle.Reason{gateReason("appointment", "appointment_time")}},
		{day: 4, facts: map[string]string{"appointment_time": "2025-03-10T14:00"}, fire: lifecycle.LeadBook, want: lifecycle.LeadAppointment, effects: []string{"appointment_reminder"}},
		{day: 7, fire: lifecycle.LeadNoShow, want: lifecycle.LeadInterested},
		{day: 8, fire: lifecycle.LeadBook, want: lifecycle.LeadAppointment, effects: []string{"appointment_reminder"}},
		{day: 9, fire: lifecycle.LeadConvert, want: lifecycle.LeadAppointment, refused: []lifecycle.Reason{gateReason("order", "order_number")}},
		{day: 9, facts: map[string]string{"order_number": "TS-88"}, fire: lifecycle.LeadConvert, want: lifecycle.LeadConverted},
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

func TestPermitted(t *testing.T) {
	d := lifecycle.SalesProject()
	in := d.Start(t0, "owner")
	tick := func(keys ...string) {
		for _, k := range keys {
			in.Check(k)
		}
	}
	fire := func(tr lifecycle.ProjectTrigger) {
		t.Helper()
		if _, err := d.Fire(in, tr, t0, "owner"); err != nil {
			t.Fatal(err)
		}
	}
	type perm = lifecycle.Permission[lifecycle.Phase, lifecycle.ProjectTrigger]

	got, err := d.Permitted(in, t0, "owner")
	if err != nil {
		t.Fatal(err)
	}
	want := []perm{
		{Trigger: lifecycle.ProjectApprove, To: lifecycle.PhaseGoalSetting, Reasons: []lifecycle.Reason{
			gateReason("initiation-review", "background_clarified", "goal_defined", "feasibility_assessed"),
			advisory("market-research", "market_researched"),
		}},
		{Trigger: lifecycle.ProjectAbandon, To: lifecycle.PhaseAbandoned, Allowed: true},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Permitted in initiation (-want +got):\n%s", diff)
	}

	tick("background_clarified", "goal_defined", "feasibility_assessed", "market_researched", "target_smart", "target_split",
		"team_assigned", "budget_assigned", "tools_assigned", "market_analysis", "customer_strategy", "competitor_analysis", "bid_approved")
	in.SetFact("sales_target", "1")
	for _, tr := range []lifecycle.ProjectTrigger{lifecycle.ProjectApprove, lifecycle.ProjectSetGoals, lifecycle.ProjectAllocate, lifecycle.ProjectLaunch, lifecycle.ProjectReview} {
		fire(tr)
	}
	got, err = d.Permitted(in, t0, "owner")
	if err != nil {
		t.Fatal(err)
	}
	want = []perm{
		{Trigger: lifecycle.ProjectAdjust, To: lifecycle.PhaseStrategy, Allowed: true},
		{Trigger: lifecycle.ProjectContinue, To: lifecycle.PhaseExecution, Allowed: true},
		{Trigger: lifecycle.ProjectCheckpoint, To: lifecycle.PhaseMonitoring, Internal: true, Allowed: true},
		{Trigger: lifecycle.ProjectClose, To: lifecycle.PhaseClosing, Reasons: []lifecycle.Reason{gateReason("evaluation", "evaluation_done")}},
		{Trigger: lifecycle.ProjectAbandon, To: lifecycle.PhaseAbandoned, Allowed: true},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Permitted in monitoring (-want +got):\n%s", diff)
	}

	// Paused, every trigger is blocked and says so.
	if err := d.Pause(in, t0, "owner", "holiday", time.Time{}); err != nil {
		t.Fatal(err)
	}
	got, err = d.Permitted(in, t0, "owner")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range got {
		if p.Allowed || p.Reasons[0].Kind != lifecycle.ReasonPaused {
			t.Errorf("Permitted while paused: %+v, want blocked by the pause", p)
		}
	}
}

type (
	docState   string
	docTrigger string
)

var errNotManager = errors.New("discounts over 20% need a manager")

func discountDefinition(t *testing.T) *lifecycle.Definition[docState, docTrigger] {
	t.Helper()
	d, err := lifecycle.NewBuilder[docState, docTrigger]("discount").
		State(lifecycle.State[docState]{Key: "draft", Kind: lifecycle.Initial}).
		State(lifecycle.State[docState]{Key: "approved", Kind: lifecycle.Terminal}).
		Item(lifecycle.Item{Key: "margin_checked"}).
		Transition(lifecycle.Transition[docState, docTrigger]{
			From: "draft", Trigger: "approve", To: "approved",
			Gates:  []lifecycle.Gate{{Items: []string{"margin_checked"}}},
			Guards: []string{"manager"},
		}).
		Guard("manager", lifecycle.GuardFunc[docState, docTrigger](func(a lifecycle.Attempt[docState, docTrigger]) error {
			if v, _ := a.Instance.Fact("discount"); v > "20" && a.Actor != "manager" {
				return errNotManager
			}
			return nil
		})).
		Build()
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestGuard(t *testing.T) {
	d := discountDefinition(t)
	in := d.Start(t0, "rep")
	in.SetFact("discount", "25")
	_, err := d.Fire(in, "approve", t0, "rep")
	if !errors.Is(err, errNotManager) || !errors.Is(err, lifecycle.ErrGuard) || !errors.Is(err, lifecycle.ErrGate) {
		t.Fatalf("Fire by rep = %v, want the guard's error, ErrGuard and ErrGate", err)
	}
	var r *lifecycle.Refusal
	errors.As(err, &r)
	want := []lifecycle.Reason{
		gateReason("draft.approve", "margin_checked"),
		{Kind: lifecycle.ReasonGuard, Name: "manager", Err: errNotManager},
	}
	if diff := cmp.Diff(want, r.Reasons, cmpopts.EquateErrors()); diff != "" {
		t.Errorf("reasons (-want +got):\n%s", diff)
	}
	const msg = `lifecycle: trigger "approve" refused in state "draft": gate "draft.approve" missing margin_checked; guard "manager": discounts over 20% need a manager`
	if got := err.Error(); got != msg {
		t.Errorf("Error() = %q, want %q", got, msg)
	}
	in.Check("margin_checked")
	if _, err := d.Fire(in, "approve", t0, "manager"); err != nil {
		t.Fatalf("Fire by manager = %v", err)
	}
	if in.State() != "approved" {
		t.Errorf("state = %q, want approved", in.State())
	}

	// The guard cannot travel in JSON: decoding the definition says so.
	data := mustJSON(t, d)
	var back lifecycle.Definition[docState, docTrigger]
	if err := json.Unmarshal([]byte(data), &back); !errors.Is(err, lifecycle.ErrUnknownGuard) {
		t.Errorf("Unmarshal of a guarded definition = %v, want ErrUnknownGuard", err)
	}
}

func TestBuildReportsEverything(t *testing.T) {
	type (
		S = string
		T = string
	)
	sp := lifecycle.Spec[S, T]{
		Name: "broken",
		States: []lifecycle.State[S]{
			{Key: "a", Kind: lifecycle.Initial, Probability: lifecycle.Prob(1.5)},
			{Key: "a"},
			{Key: "", StaleAfterDays: -1},
			{Key: "island"},
			{Key: "end", Kind: lifecycle.Terminal, Entry: []lifecycle.Gate{{Name: "empty"}}},
			{Key: "start2", Kind: lifecycle.Initial},
			{Key: "odd", Kind: lifecycle.StateKind(9), Forecast: lifecycle.ForecastCategory(42)},
		},
		Triggers: []lifecycle.Trigger[T]{{Key: "go"}, {Key: "go"}},
		Items:    []lifecycle.Item{{Key: "x"}, {Key: "x"}, {Key: "y", Kind: lifecycle.ItemKind(7)}},
		Transitions: []lifecycle.Transition[S, T]{
			{From: "a", Trigger: "go", To: "end", Gates: []lifecycle.Gate{{Items: []string{"nope"}, Mode: lifecycle.GateMode(5)}}},
			{From: "a", Trigger: "go", To: "end"},
			{From: "a", Trigger: "stay", To: "end", Internal: true},
			{From: "end", Trigger: "back", To: "a"},
			{From: "ghost", Trigger: "", To: "nowhere", Guards: []string{"missing"}},
		},
	}
	_, err := lifecycle.NewBuilder[S, T]("").Spec(sp).Guard("nil", nil).Build()
	if err == nil {
		t.Fatal("Build succeeded")
	}
	for _, want := range []error{
		lifecycle.ErrProbability, lifecycle.ErrDuplicateState, lifecycle.ErrEmptyKey, lifecycle.ErrStaleDays,
		lifecycle.ErrUnreachable, lifecycle.ErrDeadEnd, lifecycle.ErrEmptyGate, lifecycle.ErrManyInitial,
		lifecycle.ErrInvalidEnum, lifecycle.ErrDuplicateTrigger, lifecycle.ErrDuplicateItem, lifecycle.ErrUnknownItem,
		lifecycle.ErrDuplicateTransition, lifecycle.ErrInternalTarget, lifecycle.ErrTerminalExit,
		lifecycle.ErrUnknownState, lifecycle.ErrUnknownGuard, lifecycle.ErrNilGuard,
	} {
		if !errors.Is(err, want) {
			t.Errorf("Build error does not report %v", want)
		}
	}
	var fe *lifecycle.FieldError
	if !errors.As(err, &fe) || fe.Field != "guards" || fe.Value != "nil" {
		t.Errorf("first error = %#v, want the nil guard's FieldError", fe)
	}
	joined, ok := err.(interface{ Unwrap() []error })
	if !ok {
		t.Fatalf("Build error %T is not joined", err)
	}
	wantMsgs := []string{
		`lifecycle: guards "nil": nil guard`,
		`lifecycle: items[1].key "x": duplicate item`,
		`lifecycle: items[2].kind "7": invalid enum value`,
		`lifecycle: triggers[1].key "go": duplicate trigger`,
		`lifecycle: states[0].probability "1.5": probability outside [0, 1]`,
		`lifecycle: states[1].key "a": duplicate state`,
		`lifecycle: states[2].key: empty key`,
		`lifecycle: states[2].stale_after_days "-1": negative stale days`,
		`lifecycle: states[4].entry[0].items "empty": gate requires nothing`,
		`lifecycle: states[5].kind "start2": more than one initial state`,
		`lifecycle: states[6].kind "9": invalid enum value`,
		`lifecycle: states[6].forecast "42": invalid enum value`,
		`lifecycle: transitions[0].gates[0].mode "5": invalid enum value`,
		`lifecycle: transitions[0].gates[0].items[0] "nope": unknown gate item`,
		`lifecycle: transitions[1].trigger "go": two transitions for the same state and trigger`,
		`lifecycle: transitions[2].to "end": internal transition must stay in its state`,
		`lifecycle: transitions[3].from "end": transition out of a terminal state`,
		`lifecycle: transitions[4].from "ghost": unknown state`,
		`lifecycle: transitions[4].trigger: empty key`,
		`lifecycle: transitions[4].to "nowhere": unknown state`,
		`lifecycle: transitions[4].guards[0] "missing": unknown guard`,
		`lifecycle: states[1].key "a": state unreachable from the initial state`,
		`lifecycle: states[1].key "a": non-terminal state has no way out`,
		`lifecycle: states[2].key: state unreachable from the initial state`,
		`lifecycle: states[2].key: non-terminal state has no way out`,
		`lifecycle: states[3].key "island": state unreachable from the initial state`,
		`lifecycle: states[3].key "island": non-terminal state has no way out`,
		`lifecycle: states[5].key "start2": state unreachable from the initial state`,
		`lifecycle: states[5].key "start2": non-terminal state has no way out`,
		`lifecycle: states[6].key "odd": state unreachable from the initial state`,
		`lifecycle: states[6].key "odd": non-terminal state has no way out`,
	}
	var gotMsgs []string
	for _, e := range joined.Unwrap() {
		gotMsgs = append(gotMsgs, e.Error())
	}
	if diff := cmp.Diff(wantMsgs, gotMsgs); diff != "" {
		t.Errorf("Build errors (-want +got):\n%s", diff)
	}

	if _, err := lifecycle.NewBuilder[S, T]("empty").Build(); !errors.Is(err, lifecycle.ErrNoInitial) {
		t.Errorf("Build of an empty definition = %v, want ErrNoInitial", err)
	}
	if _, err := lifecycle.NewBuilder[S, T]("dup").Guard("g", lifecycle.GuardFunc[S, T](func(lifecycle.Attempt[S, T]) error { return nil })).
		Guard("g", lifecycle.GuardFunc[S, T](func(lifecycle.Attempt[S, T]) error { return nil })).Build(); !errors.Is(err, lifecycle.ErrDuplicateGuard) {
		t.Errorf("Build with a guard registered twice = %v, want ErrDuplicateGuard", err)
	}
}

func TestPresetsRoundTrip(t *testing.T) {
	for _, tc := range presets() {
		t.Run(tc.name, func(t *testing.T) {
			data, err := json.Marshal(tc.def)
			if err != nil {
				t.Fatal(err)
			}
			var back lifecycle.Definition[string, string]
			if err := json.Unmarshal(data, &back); err != nil {
				t.Fatal(err)
			}
			again, err := json.Marshal(&back)
			if err != nil {
				t.Fatal(err)
			}
			if string(again) != string(data) {
				t.Errorf("JSON round trip changed the definition:\n%s\nwant\n%s", again, data)
			}
			// The embedded file, decoded, is what the preset reports.
			raw, err := os.ReadFile(filepath.Join("presets", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			var fromFile, fromDef lifecycle.Spec[string, string]
			if err := json.Unmarshal(raw, &fromFile); err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(data, &fromDef); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(fromFile, fromDef); diff != "" {
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

type preset struct {
	name, file    string
	def           any // a *lifecycle.Definition of the preset's types
	mermaid, dots func(locale string) string
}

func presets() []preset {
	sp, op, cu, tl := lifecycle.SalesProject(), lifecycle.Opportunity(), lifecycle.Customer(), lifecycle.TelesalesLead()
	return []preset{
		{"sales_project", "sales_project.json", sp, sp.Mermaid, sp.DOT},
		{"opportunity", "opportunity.json", op, op.Mermaid, op.DOT},
		{"customer", "customer.json", cu, cu.Mermaid, cu.DOT},
		{"telesales_lead", "telesales_lead.json", tl, tl.Mermaid, tl.DOT},
	}
}

func TestDiagramsGolden(t *testing.T) {
	for _, tc := range presets() {
		for _, locale := range []string{"en", "zh-CN"} {
			for _, kind := range []struct {
				ext    string
				render func(string) string
			}{{"mmd", tc.mermaid}, {"dot", tc.dots}} {
				name := tc.name + "." + locale + "." + kind.ext
				t.Run(name, func(t *testing.T) {
					got := kind.render(locale)
					path := filepath.Join("testdata", name)
					if *update {
						if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
							t.Fatal(err)
						}
						return
					}
					want, err := os.ReadFile(path)
					if err != nil {
						t.Fatalf("%v (run go test -run TestDiagramsGolden -update to create it)", err)
					}
					if diff := cmp.Diff(string(want), got); diff != "" {
						t.Errorf("%s differs from its golden file (-want +got):\n%s", name, diff)
					}
				})
			}
		}
	}
}

func TestDiagramEscaping(t *testing.T) {
	d, err := lifecycle.NewBuilder[string, string]("odd \"names\"").
		State(lifecycle.State[string]{Key: "a b", Kind: lifecycle.Initial, Labels: lifecycle.Labels{"en": `say "hi"; 100%`}}).
		State(lifecycle.State[string]{Key: "s0", Kind: lifecycle.Terminal}).
		Permit("a b", "go: now", "s0").
		Build()
	if err != nil {
		t.Fatal(err)
	}
	wantMermaid := "---\ntitle: \"odd \\\"names\\\"\"\n---\nstateDiagram-v2\n" +
		"    state \"say #quot;hi#quot;#59; 100#37;\" as s0\n" +
		"    state \"s0\" as s1\n" +
		"    [*] --> s0\n" +
		"    s0 --> s1 : go#58; now\n" +
		"    s1 --> [*]\n"
	if got := d.Mermaid("en"); got != wantMermaid {
		t.Errorf("Mermaid =\n%s\nwant\n%s", got, wantMermaid)
	}
	wantDOT := "digraph \"odd \\\"names\\\"\" {\n" +
		"    label=\"odd \\\"names\\\"\";\n    labelloc=t;\n" +
		"    rankdir=LR;\n    node [shape=box, style=rounded];\n" +
		"    \"[*]\" [shape=point, label=\"\"];\n" +
		"    \"a b\" [label=\"say \\\"hi\\\"; 100%\"];\n" +
		"    \"s0\" [label=\"s0\", peripheries=2];\n" +
		"    \"[*]\" -> \"a b\";\n" +
		"    \"a b\" -> \"s0\" [label=\"go: now\"];\n}\n"
	if got := d.DOT("en"); got != wantDOT {
		t.Errorf("DOT =\n%s\nwant\n%s", got, wantDOT)
	}
}

// enum is what every enum of the package provides.
type enum interface {
	comparable
	String() string
	MarshalText() ([]byte, error)
}

// checkEnum checks that v is written as name and read back, and that an
// unknown name is an error.
func checkEnum[E enum, P interface {
	*E
	UnmarshalText([]byte) error
}](t *testing.T, v E, name string) {
	t.Helper()
	b, err := v.MarshalText()
	if err != nil || string(b) != name || v.String() != name {
		t.Errorf("MarshalText(%v) = %q, %v; want %q", v, b, err, name)
	}
	var back E
	if err := P(&back).UnmarshalText(b); err != nil || back != v {
		t.Errorf("UnmarshalText(%q) = %v, %v; want %v", b, back, err, v)
	}
	if err := P(&back).UnmarshalText([]byte("Terminal")); !errors.Is(err, lifecycle.ErrInvalidEnum) {
		t.Errorf("UnmarshalText(%q) into %T = %v, want ErrInvalidEnum", "Terminal", v, err)
	}
}

func TestEnumsText(t *testing.T) {
	checkEnum(t, lifecycle.Terminal, "terminal")
	checkEnum(t, lifecycle.Normal, "normal")
	checkEnum(t, lifecycle.Advisory, "advisory")
	checkEnum(t, lifecycle.Fact, "fact")
	checkEnum(t, lifecycle.ForecastBestCase, "best_case")
	checkEnum(t, lifecycle.ForecastNone, "none")
	checkEnum(t, lifecycle.StepResume, "resume")
	checkEnum(t, lifecycle.ReasonNoTransition, "no_transition")
	if _, err := lifecycle.StepKind(0).MarshalText(); !errors.Is(err, lifecycle.ErrInvalidEnum) {
		t.Errorf("StepKind(0).MarshalText() = %v, want ErrInvalidEnum", err)
	}
	if got := lifecycle.GateMode(9).String(); got != "gatemode(9)" {
		t.Errorf("GateMode(9).String() = %q", got)
	}
}

func TestInstanceJSONAndValidate(t *testing.T) {
	d := lifecycle.SalesProject()
	in := d.Start(t0, "owner")
	for _, k := range []string{"background_clarified", "goal_defined", "feasibility_assessed"} {
		in.Check(k)
	}
	if _, err := d.FireNote(in, lifecycle.ProjectApprove, day(1), "manager", "board approved"); err != nil {
		t.Fatal(err)
	}
	if err := d.Pause(in, day(2), "owner", "budget freeze", day(9)); err != nil {
		t.Fatal(err)
	}
	data := mustJSON(t, in)
	var back lifecycle.Instance[lifecycle.Phase, lifecycle.ProjectTrigger]
	if err := json.Unmarshal([]byte(data), &back); err != nil {
		t.Fatal(err)
	}
	if got := mustJSON(t, &back); got != data {
		t.Errorf("instance JSON round trip:\n%s\nwant\n%s", got, data)
	}
	if err := d.Validate(&back); err != nil {
		t.Errorf("Validate(decoded) = %v", err)
	}
	if p, ok := back.Paused(); !ok || p.Reason != "budget freeze" || !p.Until.Equal(day(9)) {
		t.Errorf("Paused() = %+v, %v", p, ok)
	}
	if h := back.History(); h[1].Note != "board approved" || h[1].Actor != "manager" {
		t.Errorf("history[1] = %+v, want the note and actor", h[1])
	}

	for _, tc := range []struct {
		name  string
		json  string
		field string
		err   error
	}{
		{"unknown state", `{"state":"limbo","entered":"2025-03-03T09:00:00Z","probability":0,"history":[]}`, "state", lifecycle.ErrUnknownState},
		{"history elsewhere", `{"state":"strategy","entered":"2025-03-03T09:00:00Z","probability":0,"history":[{"kind":"start","to":"initiation","at":"2025-03-03T09:00:00Z"}]}`, "state", lifecycle.ErrHistory},
		{"skipped phase", `{"state":"strategy","entered":"2025-03-03T09:00:00Z","probability":0,"history":[{"kind":"start","to":"initiation","at":"2025-03-03T09:00:00Z"},{"kind":"fire","from":"initiation","to":"strategy","trigger":"approve","at":"2025-03-03T09:00:00Z"}]}`, "history[1].to", lifecycle.ErrHistory},
		{"backwards time", `{"state":"goal_setting","entered":"2025-03-02T09:00:00Z","probability":0,"history":[{"kind":"start","to":"initiation","at":"2025-03-03T09:00:00Z"},{"kind":"fire","from":"initiation","to":"goal_setting","trigger":"approve","at":"2025-03-02T09:00:00Z"}]}`, "history[1].at", lifecycle.ErrTimeOrder},
		{"no start", `{"state":"initiation","entered":"2025-03-03T09:00:00Z","probability":0,"history":[{"kind":"resume","from":"initiation","to":"initiation","at":"2025-03-03T09:00:00Z"}]}`, "history[0].kind", lifecycle.ErrHistory},
		{"pause not in history", `{"state":"initiation","entered":"2025-03-03T09:00:00Z","probability":0,"pause":{"at":"2025-03-03T09:00:00Z"},"history":[{"kind":"start","to":"initiation","at":"2025-03-03T09:00:00Z"}]}`, "pause", lifecycle.ErrHistory},
		{"wrong entry time", `{"state":"initiation","entered":"2025-03-04T09:00:00Z","probability":0,"history":[{"kind":"start","to":"initiation","at":"2025-03-03T09:00:00Z"}]}`, "entered", lifecycle.ErrHistory},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var in lifecycle.Instance[lifecycle.Phase, lifecycle.ProjectTrigger]
			if err := json.Unmarshal([]byte(tc.json), &in); err != nil {
				t.Fatal(err)
			}
			err := d.Validate(&in)
			var fe *lifecycle.FieldError
			if !errors.Is(err, tc.err) || !errors.As(err, &fe) || fe.Field != tc.field {
				t.Errorf("Validate = %v, want a FieldError on %s wrapping %v", err, tc.field, tc.err)
			}
		})
	}
	var bad lifecycle.Instance[string, string]
	if err := json.Unmarshal([]byte(`{"state":"a","probability":2}`), &bad); !errors.Is(err, lifecycle.ErrProbability) {
		t.Errorf("Unmarshal with probability 2 = %v, want ErrProbability", err)
	}
}

// TestCopiesSeeFactChanges checks that the cached gate facts never go stale:
// a shallow copy shares its facts, a clone does not.
func TestCopiesSeeFactChanges(t *testing.T) {
	d := lifecycle.SalesProject()
	a := d.Start(t0, "owner")
	for _, k := range []string{"background_clarified", "goal_defined", "feasibility_assessed"} {
		a.Check(k)
	}
	if _, err := d.Permitted(a, t0, "owner"); err != nil { // no caching by Permitted
		t.Fatal(err)
	}
	// Fire a refused trigger to fill a's cache, then clear a fact through a
	// shallow copy.
	if _, err := d.Fire(a, lifecycle.ProjectSetGoals, t0, "owner"); !errors.Is(err, lifecycle.ErrNoTransition) {
		t.Fatalf("Fire(set_goals) in initiation = %v, want ErrNoTransition", err)
	}
	b := *a
	b.Clear("goal_defined")
	if _, err := d.Fire(a, lifecycle.ProjectApprove, t0, "owner"); !errors.Is(err, lifecycle.ErrGate) {
		t.Errorf("Fire after a shared fact was cleared = %v, want ErrGate", err)
	}
	c := a.Clone()
	c.Check("goal_defined")
	if _, ok := a.Fact("goal_defined"); ok {
		t.Error("Check on a clone changed the original")
	}
	if _, err := d.Fire(c, lifecycle.ProjectApprove, t0, "owner"); err != nil {
		t.Errorf("Fire on the clone = %v", err)
	}
	if a.State() != lifecycle.PhaseInitiation || c.State() != lifecycle.PhaseGoalSetting {
		t.Errorf("states = %q, %q; want initiation, goal_setting", a.State(), c.State())
	}
	// The same instance driven by another definition gets its own cache.
	sp := d.Spec()
	other, err := lifecycle.NewBuilder[lifecycle.Phase, lifecycle.ProjectTrigger]("").Spec(sp).Build()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := other.Fire(a, lifecycle.ProjectApprove, t0, "owner"); !errors.Is(err, lifecycle.ErrGate) {
		t.Errorf("Fire on another definition = %v, want ErrGate", err)
	}
	a.Check("goal_defined")
	if _, err := other.Fire(a, lifecycle.ProjectApprove, t0, "owner"); err != nil {
		t.Errorf("Fire on another definition after the fix = %v", err)
	}
}

func TestFireErrors(t *testing.T) {
	d := lifecycle.SalesProject()
	in := d.Start(day(5), "owner")
	before := mustJSON(t, in)
	if _, err := d.Fire(in, lifecycle.ProjectAbandon, day(4), "owner"); !errors.Is(err, lifecycle.ErrTimeOrder) {
		t.Errorf("Fire before the last step = %v, want ErrTimeOrder", err)
	}
	if err := d.Pause(in, day(4), "owner", "x", time.Time{}); !errors.Is(err, lifecycle.ErrTimeOrder) {
		t.Errorf("Pause before the last step = %v, want ErrTimeOrder", err)
	}
	if after := mustJSON(t, in); after != before {
		t.Errorf("a failed call changed the instance")
	}
	if _, err := d.Fire(nil, lifecycle.ProjectAbandon, day(6), "owner"); !errors.Is(err, lifecycle.ErrNilInstance) {
		t.Errorf("Fire(nil) = %v, want ErrNilInstance", err)
	}
	var nilDef *lifecycle.Definition[lifecycle.Phase, lifecycle.ProjectTrigger]
	if _, err := nilDef.Fire(in, lifecycle.ProjectAbandon, day(6), "owner"); !errors.Is(err, lifecycle.ErrNilDefinition) {
		t.Errorf("nil definition Fire = %v, want ErrNilDefinition", err)
	}
	var zero lifecycle.Instance[lifecycle.Phase, lifecycle.ProjectTrigger]
	if _, err := d.Fire(&zero, lifecycle.ProjectAbandon, day(6), "owner"); !errors.Is(err, lifecycle.ErrUnknownState) {
		t.Errorf("Fire on the zero Instance = %v, want ErrUnknownState", err)
	}
	if err := in.OverrideProbability(1.01); !errors.Is(err, lifecycle.ErrProbability) {
		t.Errorf("OverrideProbability(1.01) = %v, want ErrProbability", err)
	}
}

// TestStale walks a project through time, checking staleness at fixed
// instants: initiation goes stale after 14 days of unpaused time.
func TestStale(t *testing.T) {
	d := lifecycle.SalesProject()
	in := d.Start(t0, "owner")
	type check struct {
		day    int
		action func() error
		stale  bool
		age    time.Duration
	}
	for i, c := range []check{
		{day: 9, stale: false, age: 9 * days},
		{day: 10, action: func() error { return d.Pause(in, day(10), "owner", "customer on holiday", day(15)) }, stale: false, age: 10 * days},
		{day: 14, stale: false, age: 14 * days}, // 14 days old, but paused
		{day: 15, action: func() error { return d.Resume(in, day(15), "owner") }, stale: false, age: 15 * days},
		{day: 18, stale: false, age: 18 * days}, // 13 unpaused days
		{day: 19, stale: true, age: 19 * days},  // 14 unpaused days
		{day: 40, stale: true, age: 40 * days},
	} {
		if c.action != nil {
			if err := c.action(); err != nil {
				t.Fatalf("check %d: %v", i, err)
			}
		}
		m, err := d.Measure(in, day(c.day))
		if err != nil {
			t.Fatal(err)
		}
		if got := d.Stale(in, day(c.day)); got != c.stale || m.Stale != c.stale {
			t.Errorf("check %d: Stale(day %d) = %v (measure %v), want %v", i, c.day, got, m.Stale, c.stale)
		}
		if m.Age != c.age {
			t.Errorf("check %d: Age = %v, want %v", i, m.Age, c.age)
		}
	}
}

func TestLabels(t *testing.T) {
	d := lifecycle.SalesProject()
	for _, tc := range []struct{ got, want string }{
		{d.StateLabel(lifecycle.PhaseMonitoring, "zh-CN"), "监控评估"},
		{d.StateLabel(lifecycle.PhaseMonitoring, "zh"), "monitoring"},
		{d.StateLabel(lifecycle.PhaseMonitoring, "en-GB"), "Monitoring and evaluation"},
		{d.StateLabel("nowhere", "en"), "nowhere"},
		{d.TriggerLabel(lifecycle.ProjectAdjust, "zh-CN"), "调整策略"},
		{d.ItemLabel("review_report", "zh-CN"), "项目总结报告已形成"},
		{d.ItemLabel("unknown", "zh-CN"), "unknown"},
		{d.Label("zh-CN"), "销售项目运作循环"},
		{d.OnEnter(lifecycle.PhaseExecution).Label(0, "zh-CN"), "项目启动会"},
		{lifecycle.Labels{"zh": "中文"}.Get("zh-TW"), "中文"},
	} {
		if tc.got != tc.want {
			t.Errorf("label = %q, want %q", tc.got, tc.want)
		}
	}
	if got := d.Initial(); got != lifecycle.PhaseInitiation {
		t.Errorf("Initial() = %q", got)
	}
	if got := len(d.States()); got != 10 {
		t.Errorf("len(States()) = %d, want 10", got)
	}
}

// TestZeroDefinition checks that the zero Definition is empty and safe.
func TestZeroDefinition(t *testing.T) {
	var d lifecycle.Definition[string, string]
	in := d.Start(t0, "x")
	if in.State() != "" || d.Initial() != "" || len(d.States()) != 0 {
		t.Errorf("zero Definition: state %q, initial %q, states %v", in.State(), d.Initial(), d.States())
	}
	if _, err := d.Fire(in, "go", t0, "x"); !errors.Is(err, lifecycle.ErrUnknownState) {
		t.Errorf("Fire = %v, want ErrUnknownState", err)
	}
	if _, err := d.Permitted(in, t0, "x"); !errors.Is(err, lifecycle.ErrUnknownState) {
		t.Errorf("Permitted = %v, want ErrUnknownState", err)
	}
	if _, err := d.Replay(nil); !errors.Is(err, lifecycle.ErrHistory) {
		t.Errorf("Replay(nil) = %v, want ErrHistory", err)
	}
	if got, want := d.Mermaid("en"), "stateDiagram-v2\n"; got != want {
		t.Errorf("Mermaid = %q, want %q", got, want)
	}
	if got := d.Label("en"); got != "" {
		t.Errorf("Label = %q", got)
	}
	if d.Stale(in, t0) || d.OnEnter("x").Len() != 0 {
		t.Error("zero Definition: stale or has effects")
	}
	if _, err := json.Marshal(&d); err != nil {
		t.Errorf("Marshal = %v", err)
	}
}
