package lifecycle_test

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/saleskit/saleskit/lifecycle"
)

func TestInstanceJSONAndCheck(t *testing.T) {
	d := lifecycle.SalesProject()
	in := d.Start(t0, "owner")
	for _, k := range []string{"background_clarified", "goal_defined", "feasibility_assessed"} {
		in.Tick(k)
	}
	if _, err := d.FireNote(in, lifecycle.ProjectApprove, day(1), "manager", "board approved"); err != nil {
		t.Fatal(err)
	}
	if err := in.OverrideProbability(0.3); err != nil {
		t.Fatal(err)
	}
	if err := d.Pause(in, day(2), "owner", "budget freeze", lifecycle.MustDate("2025-03-12")); err != nil {
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
	if err := d.Check(&back); err != nil {
		t.Errorf("Check(decoded) = %v", err)
	}
	if p, ok := back.Paused(); !ok || p.Reason != "budget freeze" || p.Until != lifecycle.MustDate("2025-03-12") {
		t.Errorf("Paused() = %+v, %v", p, ok)
	}
	if h := back.History(); h[1].Note != "board approved" || h[1].Actor != "manager" {
		t.Errorf("history[1] = %+v, want the note and actor", h[1])
	}
	// The override and the default under it survive the round trip.
	if err := d.Resume(&back, day(3), "owner"); err != nil {
		t.Fatal(err)
	}
	back.Tick("sales_target")
	back.Tick("target_smart")
	if _, err := d.Fire(&back, lifecycle.ProjectAbandon, day(4), "owner"); err != nil {
		t.Fatal(err)
	}
	if back.Overridden() || back.Probability() != 0 {
		t.Errorf("after abandoning: Probability() = %v, Overridden() = %v; want 0, false", back.Probability(), back.Overridden())
	}

	const (
		start = `{"kind":"start","to":"initiation","at":"2025-03-03T09:00:00Z"}`
		fire  = `{"kind":"fire","from":"initiation","to":"goal_setting","trigger":"approve","at":"2025-03-04T09:00:00Z"}`
		pause = `{"kind":"pause","from":"goal_setting","to":"goal_setting","at":"2025-03-05T09:00:00Z","note":"freeze"}`
	)
	for _, tc := range []struct {
		name, json string
		err        error
		msg        string
	}{
		{"unknown state", `{"state":"limbo","entered":"2025-03-03T09:00:00Z","probability":0,"history":[]}`,
			lifecycle.ErrUnknownState, `lifecycle: state "limbo": unknown state`},
		{"empty history", `{"state":"initiation","entered":"2025-03-03T09:00:00Z","probability":0,"history":[]}`,
			lifecycle.ErrHistory, `lifecycle: history: history does not replay: it has no steps`},
		{"history elsewhere", `{"state":"strategy","entered":"2025-03-03T09:00:00Z","probability":0,"history":[` + start + `]}`,
			lifecycle.ErrHistory, `lifecycle: state "strategy": history does not replay: the history ends in "initiation"`},
		{"skipped phase", `{"state":"strategy","entered":"2025-03-03T09:00:00Z","probability":0,"history":[` + start + `,{"kind":"fire","from":"initiation","to":"strategy","trigger":"approve","at":"2025-03-03T09:00:00Z"}]}`,
			lifecycle.ErrHistory, `lifecycle: history[1].to "strategy": history does not replay: "approve" on "initiation" leads to "goal_setting"`},
		{"wrong source", `{"state":"goal_setting","entered":"2025-03-04T09:00:00Z","probability":0,"history":[` + start + `,{"kind":"fire","from":"strategy","to":"goal_setting","trigger":"approve","at":"2025-03-04T09:00:00Z"}]}`,
			lifecycle.ErrHistory, `lifecycle: history[1].from "strategy": history does not replay: step 0 left the instance in "initiation"`},
		{"unknown trigger", `{"state":"goal_setting","entered":"2025-03-04T09:00:00Z","probability":0,"history":[` + start + `,{"kind":"fire","from":"initiation","to":"goal_setting","trigger":"jump","at":"2025-03-04T09:00:00Z"}]}`,
			lifecycle.ErrHistory, `lifecycle: history[1].trigger "jump": history does not replay: "initiation" has no transition for it`},
		{"internal as fire", `{"state":"goal_setting","entered":"2025-03-04T09:00:00Z","probability":0,"history":[` + start + `,{"kind":"internal","from":"initiation","to":"goal_setting","trigger":"approve","at":"2025-03-04T09:00:00Z"}]}`,
			lifecycle.ErrHistory, `lifecycle: history[1].kind "internal": history does not replay: "approve" on "initiation" is a fire step`},
		{"backwards time", `{"state":"goal_setting","entered":"2025-03-02T09:00:00Z","probability":0,"history":[` + start + `,{"kind":"fire","from":"initiation","to":"goal_setting","trigger":"approve","at":"2025-03-02T09:00:00Z"}]}`,
			lifecycle.ErrTimeOrder, `lifecycle: history[1].at "2025-03-02T09:00:00Z": time before the last recorded step: step 0 is at 2025-03-03T09:00:00Z`},
		{"no start", `{"state":"initiation","entered":"2025-03-03T09:00:00Z","probability":0,"history":[{"kind":"resume","from":"initiation","to":"initiation","at":"2025-03-03T09:00:00Z"}]}`,
			lifecycle.ErrHistory, `lifecycle: history[0].kind "resume": history does not replay: a history begins with a start step`},
		{"second start", `{"state":"initiation","entered":"2025-03-03T09:00:00Z","probability":0,"history":[` + start + `,` + start + `]}`,
			lifecycle.ErrHistory, `lifecycle: history[1].kind "start": history does not replay: only the first step is a start`},
		{"fire while paused", `{"state":"strategy","entered":"2025-03-06T09:00:00Z","probability":0,"history":[` + start + `,` + fire + `,` + pause + `,{"kind":"fire","from":"goal_setting","to":"resource_allocation","trigger":"set_goals","at":"2025-03-06T09:00:00Z"}]}`,
			lifecycle.ErrHistory, `lifecycle: history[3].kind "fire": history does not replay: step 2 paused the instance and nothing resumed it`},
		{"resume unpaused", `{"state":"goal_setting","entered":"2025-03-04T09:00:00Z","probability":0,"history":[` + start + `,` + fire + `,{"kind":"resume","from":"goal_setting","to":"goal_setting","at":"2025-03-05T09:00:00Z"}]}`,
			lifecycle.ErrHistory, `lifecycle: history[2].kind "resume": history does not replay: the instance is not paused`},
		{"pause not in history", `{"state":"initiation","entered":"2025-03-03T09:00:00Z","probability":0,"pause":{"at":"2025-03-03T09:00:00Z"},"history":[` + start + `]}`,
			lifecycle.ErrHistory, `lifecycle: pause: history does not replay: the instance is paused and its history is not`},
		{"pause not on the instance", `{"state":"goal_setting","entered":"2025-03-04T09:00:00Z","probability":0,"history":[` + start + `,` + fire + `,` + pause + `]}`,
			lifecycle.ErrHistory, `lifecycle: pause: history does not replay: step 2 paused the instance and nothing resumed it`},
		{"pause differs", `{"state":"goal_setting","entered":"2025-03-04T09:00:00Z","probability":0,"pause":{"at":"2025-03-05T09:00:00Z","reason":"holiday"},"history":[` + start + `,` + fire + `,` + pause + `]}`,
			lifecycle.ErrHistory, `lifecycle: pause: history does not replay: step 2 paused the instance at 2025-03-05T09:00:00Z by "" for "freeze"`},
		{"wrong entry time", `{"state":"goal_setting","entered":"2025-03-05T09:00:00Z","probability":0,"history":[` + start + `,` + fire + `]}`,
			lifecycle.ErrHistory, `lifecycle: entered "2025-03-05T09:00:00Z": history does not replay: step 1 entered "goal_setting" at 2025-03-04T09:00:00Z`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var in lifecycle.Instance[lifecycle.Phase, lifecycle.ProjectTrigger]
			if err := json.Unmarshal([]byte(tc.json), &in); err != nil {
				t.Fatal(err)
			}
			err := d.Check(&in)
			var fe *lifecycle.FieldError
			if !errors.Is(err, tc.err) || !errors.As(err, &fe) || err.Error() != tc.msg {
				t.Errorf("Check = %v, want a FieldError wrapping %v:\n%s", err, tc.err, tc.msg)
			}
		})
	}
	var bad lifecycle.Instance[string, string]
	if err := json.Unmarshal([]byte(`{"state":"a","probability":2}`), &bad); !errors.Is(err, lifecycle.ErrProbability) {
		t.Errorf("Unmarshal with probability 2 = %v, want ErrProbability", err)
	}
	if err := json.Unmarshal([]byte(`{"state":"a","probability":0.5,"overridden":true,"default_probability":-1}`), &bad); !errors.Is(err, lifecycle.ErrProbability) {
		t.Errorf("Unmarshal with default_probability -1 = %v, want ErrProbability", err)
	}
	if err := json.Unmarshal([]byte(`{"state":"a","pause":{"at":"2025-03-03T09:00:00Z","until":"2025-06-31"}}`), &bad); !errors.Is(err, lifecycle.ErrDate) {
		t.Errorf("Unmarshal with a pause until 2025-06-31 = %v, want ErrDate", err)
	}
}

// TestCopiesSeeFactChanges checks that the cached gate facts never go stale:
// a shallow copy shares its facts, a clone does not.
func TestCopiesSeeFactChanges(t *testing.T) {
	d := lifecycle.SalesProject()
	a := d.Start(t0, "owner")
	for _, k := range []string{"background_clarified", "goal_defined", "feasibility_assessed"} {
		a.Tick(k)
	}
	if _, err := d.Permitted(a, t0, "owner"); err != nil {
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
	c.Tick("goal_defined")
	if _, ok := a.Fact("goal_defined"); ok {
		t.Error("Tick on a clone changed the original")
	}
	if _, err := d.Fire(c, lifecycle.ProjectApprove, t0, "owner"); err != nil {
		t.Errorf("Fire on the clone = %v", err)
	}
	if a.State() != lifecycle.PhaseInitiation || c.State() != lifecycle.PhaseGoalSetting {
		t.Errorf("states = %q, %q; want initiation, goal_setting", a.State(), c.State())
	}
	// The same instance driven by another definition gets its own cache.
	other := lifecycle.SalesProject()
	if _, err := other.Fire(a, lifecycle.ProjectApprove, t0, "owner"); !errors.Is(err, lifecycle.ErrGate) {
		t.Errorf("Fire on another definition = %v, want ErrGate", err)
	}
	a.Tick("goal_defined")
	if _, err := other.Fire(a, lifecycle.ProjectApprove, t0, "owner"); err != nil {
		t.Errorf("Fire on another definition after the fix = %v", err)
	}
	// And back on the first, whose cache is stale: the state moved on.
	if _, err := d.Fire(a, lifecycle.ProjectAbandon, t0, "owner"); err != nil || a.State() != lifecycle.PhaseAbandoned {
		t.Errorf("Fire on the first definition again = %v, state %q; want abandoned", err, a.State())
	}
}

func TestFireErrors(t *testing.T) {
	d := lifecycle.SalesProject()
	in := d.Start(day(5), "owner")
	before := mustJSON(t, in)
	if _, err := d.Fire(in, lifecycle.ProjectAbandon, day(4), "owner"); !errors.Is(err, lifecycle.ErrTimeOrder) {
		t.Errorf("Fire before the last step = %v, want ErrTimeOrder", err)
	}
	if err := d.Pause(in, day(4), "owner", "x", lifecycle.Date{}); !errors.Is(err, lifecycle.ErrTimeOrder) {
		t.Errorf("Pause before the last step = %v, want ErrTimeOrder", err)
	}
	if err := d.Pause(in, day(6), "owner", "x", lifecycle.Date{Year: 2025, Month: 6, Day: 31}); !errors.Is(err, lifecycle.ErrDate) {
		t.Errorf("Pause until 2025-06-31 = %v, want ErrDate", err)
	}
	if after := mustJSON(t, in); after != before {
		t.Errorf("a failed call changed the instance")
	}
	if _, err := d.Fire(nil, lifecycle.ProjectAbandon, day(6), "owner"); !errors.Is(err, lifecycle.ErrNilInstance) {
		t.Errorf("Fire(nil) = %v, want ErrNilInstance", err)
	}
	var zero lifecycle.Instance[lifecycle.Phase, lifecycle.ProjectTrigger]
	if _, err := d.Fire(&zero, lifecycle.ProjectAbandon, day(6), "owner"); !errors.Is(err, lifecycle.ErrUnknownState) {
		t.Errorf("Fire on the zero Instance = %v, want ErrUnknownState", err)
	}
	if err := in.OverrideProbability(1.01); !errors.Is(err, lifecycle.ErrProbability) || err.Error() != `lifecycle: probability "1.01": probability outside [0, 1]` {
		t.Errorf("OverrideProbability(1.01) = %v, want ErrProbability", err)
	}
}

// TestOverrideEndsOnEntry checks that a manual probability lasts until the
// instance enters a state, also one without a default probability: the
// probability is then the default the instance had before.
func TestOverrideEndsOnEntry(t *testing.T) {
	d := lifecycle.Customer() // no state has a default probability
	in := d.Start(t0, "a")
	if err := in.OverrideProbability(0.9); err != nil {
		t.Fatal(err)
	}
	in.SetFact("first_order", "SO-1")
	if _, err := d.Fire(in, lifecycle.CustomerConvert, day(1), "a"); err != nil {
		t.Fatal(err)
	}
	if in.Probability() != 0 || in.Overridden() {
		t.Errorf("after entering new: Probability() = %v, Overridden() = %v; want 0, false", in.Probability(), in.Overridden())
	}

	// A state without a default keeps the one taken before it.
	p, err := lifecycle.NewBuilder[string, string]("hold").
		State(lifecycle.State[string]{Key: "open", Kind: lifecycle.Initial, Probability: lifecycle.Prob(0.3)}).
		State(lifecycle.State[string]{Key: "hold"}).
		State(lifecycle.State[string]{Key: "won", Kind: lifecycle.Terminal, Probability: lifecycle.Prob(1)}).
		Permit("open", "hold", "hold").Permit("hold", "release", "open").Permit("hold", "win", "won").
		Transition(lifecycle.Transition[string, string]{From: "hold", Trigger: "note", Internal: true}).
		Build()
	if err != nil {
		t.Fatal(err)
	}
	in2 := p.Start(t0, "a")
	type want struct {
		p          float64
		overridden bool
	}
	for i, s := range []struct {
		override float64
		fire     string
		want     want
	}{
		{override: 0.8, fire: "hold", want: want{0.3, false}},
		{override: 0.6, fire: "note", want: want{0.6, true}}, // internal: the override stays
		{fire: "win", want: want{1, false}},
	} {
		if s.override > 0 {
			if err := in2.OverrideProbability(s.override); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := p.Fire(in2, s.fire, day(i+1), "a"); err != nil {
			t.Fatal(err)
		}
		if got := (want{in2.Probability(), in2.Overridden()}); got != s.want {
			t.Errorf("step %d: after %q, Probability, Overridden = %v, want %v", i, s.fire, got, s.want)
		}
	}
}

// TestFactsScopedToStay checks that a fact a state lists in its stay items
// lasts for one stay: a lost deal reopened and lost again needs a new loss
// reason.
func TestFactsScopedToStay(t *testing.T) {
	d := lifecycle.Opportunity()
	in := d.Start(t0, "a")
	for _, k := range []string{"budget_confirmed", "decision_maker", "need_identified", "bid_approved", "proposal_feedback"} {
		in.Tick(k)
	}
	in.SetFact("loss_reason", "price")
	for i, tr := range []lifecycle.DealTrigger{lifecycle.DealQualify, lifecycle.DealLose, lifecycle.DealReopen} {
		if _, err := d.Fire(in, tr, day(i+1), "a"); err != nil {
			t.Fatal(err)
		}
	}
	_, err := d.Fire(in, lifecycle.DealLose, day(9), "a")
	var r *lifecycle.Refusal
	if !errors.As(err, &r) || !errors.Is(err, lifecycle.ErrGate) {
		t.Fatalf("losing a reopened deal without a new reason: Fire = %v, want ErrGate", err)
	}
	if diff := cmp.Diff([]lifecycle.Obstacle{gateObstacle("loss-reason", "loss_reason")}, r.Obstacles); diff != "" {
		t.Errorf("obstacles (-want +got):\n%s", diff)
	}
	if _, ok := in.Fact("proposal_feedback"); !ok {
		t.Error("proposal_feedback was forgotten, though the deal never left proposal")
	}

	// A self-transition leaves the state; an internal one does not.
	sd, err := lifecycle.NewBuilder[string, string]("stay").
		State(lifecycle.State[string]{Key: "a", Kind: lifecycle.Initial, StayItems: []string{"x", "y"}}).
		State(lifecycle.State[string]{Key: "b", Kind: lifecycle.Terminal}).
		Item(lifecycle.Item{Key: "x"}).Item(lifecycle.Item{Key: "y"}).Item(lifecycle.Item{Key: "z"}).
		Permit("a", "again", "a").Permit("a", "done", "b").
		Transition(lifecycle.Transition[string, string]{From: "a", Trigger: "note", Internal: true}).
		Build()
	if err != nil {
		t.Fatal(err)
	}
	in2 := sd.Start(t0, "a")
	for i, s := range []struct {
		set       []string
		fire      string
		forgotten []string
		left      map[string]string
	}{
		{set: []string{"y", "z"}, fire: "note", left: map[string]string{"y": "done", "z": "done"}},
		{set: []string{"x"}, fire: "again", forgotten: []string{"x", "y"}, left: map[string]string{"z": "done"}},
		{fire: "again", left: map[string]string{"z": "done"}},
		{set: []string{"y"}, fire: "done", forgotten: []string{"y"}, left: map[string]string{"z": "done"}},
	} {
		for _, k := range s.set {
			in2.Tick(k)
		}
		m, err := sd.Fire(in2, s.fire, t0.Add(time.Duration(i)*time.Hour), "a")
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(s.forgotten, m.Forgotten); diff != "" {
			t.Errorf("step %d: %q forgot (-want +got):\n%s", i, s.fire, diff)
		}
		if diff := cmp.Diff(s.left, in2.Facts()); diff != "" {
			t.Errorf("step %d: facts after %q (-want +got):\n%s", i, s.fire, diff)
		}
	}
}

func TestPermitted(t *testing.T) {
	d := lifecycle.SalesProject()
	in := d.Start(t0, "owner")
	tick := func(keys ...string) {
		for _, k := range keys {
			in.Tick(k)
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
		{Trigger: lifecycle.ProjectApprove, To: lifecycle.PhaseGoalSetting, Obstacles: []lifecycle.Obstacle{
			gateObstacle("initiation-review", "background_clarified", "goal_defined", "feasibility_assessed"),
			advisory("market-research", "market_researched"),
		}},
		{Trigger: lifecycle.ProjectAbandon, To: lifecycle.PhaseAbandoned, Allowed: true},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Permitted in initiation (-want +got):\n%s", diff)
	}
	const wantJSON = `[{"trigger":"approve","to":"goal_setting","allowed":false,"obstacles":[` +
		`{"kind":"gate","name":"initiation-review","missing":["background_clarified","goal_defined","feasibility_assessed"],"reason":{"code":"gate_missing","texts":{"gate":"initiation-review","missing":"background_clarified, goal_defined, feasibility_assessed"}}},` +
		`{"kind":"gate","name":"market-research","mode":"advisory","missing":["market_researched"],"reason":{"code":"advisory_missing","texts":{"gate":"market-research","missing":"market_researched"}}}]},` +
		`{"trigger":"abandon","to":"abandoned","allowed":true}]`
	if got := mustJSON(t, got); got != wantJSON {
		t.Errorf("json.Marshal(Permitted) =\n%s\nwant\n%s", got, wantJSON)
	}
	var back []perm
	if err := json.Unmarshal([]byte(wantJSON), &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, back); diff != "" {
		t.Errorf("Permitted after a JSON round trip (-want +got):\n%s", diff)
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
		{Trigger: lifecycle.ProjectClose, To: lifecycle.PhaseClosing, Obstacles: []lifecycle.Obstacle{gateObstacle("evaluation", "evaluation_done")}},
		{Trigger: lifecycle.ProjectAbandon, To: lifecycle.PhaseAbandoned, Allowed: true},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Permitted in monitoring (-want +got):\n%s", diff)
	}

	// Paused, every trigger is blocked and says so.
	if err := d.Pause(in, t0, "owner", "holiday", lifecycle.Date{}); err != nil {
		t.Fatal(err)
	}
	got, err = d.Permitted(in, t0, "owner")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range got {
		if p.Allowed || p.Obstacles[0].Kind != lifecycle.ObstaclePaused {
			t.Errorf("Permitted while paused: %+v, want blocked by the pause", p)
		}
	}
}
