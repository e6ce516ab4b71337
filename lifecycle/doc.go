// Package lifecycle drives sales projects, opportunities and customers
// through their stages as state machines that a CRM stores as data, with
// stage gates that say exactly what is missing.
//
// A sales project runs a loop (销售项目运作循环): initiation (项目立项) → goal
// setting (目标设定) → resource allocation (资源配置) → strategy (策略制定) →
// execution (执行过程) → monitoring and evaluation (监控评估) → closing
// (项目收尾), and monitoring sends it back to strategy or execution when it
// drifts. Every CRM hard-codes a loop like this; here it is a [Definition]
// built from plain data, shared by any number of instances, and the
// [SalesProject], [Opportunity], [Customer] and [TelesalesLead] presets are
// definitions like any other, embedded as JSON with labels in en and zh-CN.
//
// # Glossary
//
// The words of the package, with the simplified Chinese its labels and
// reasons use:
//
//   - lifecycle (生命周期): the states a thing goes through and the
//     triggers that move it; the customer lifecycle (客户生命周期) runs
//     prospect (潜在客户) → new (新客户) → active (活跃客户) → loyal
//     (忠诚客户), with at risk (风险客户), churned (流失客户) and won back
//     (赢回客户).
//   - sales project (销售项目): the loop above, ending won (赢单), lost
//     (输单) or abandoned (已放弃); opportunity (销售机会): a deal through
//     lead (销售线索), qualified (商机确认), proposal (方案报价) and
//     negotiation (商务谈判) to won or lost; telesales lead (电销线索): a
//     number called until it converts (已成交) or asks not to be called
//     (勿扰).
//   - gate (关卡): the items a move needs; an advisory gate (建议关卡) warns
//     without blocking. A checklist item is ticked, a fact is recorded.
//   - guard (规则): a rule written in Go that may refuse a move with a
//     message.
//   - paused (暂停): held in place, with the paused time kept apart from
//     the active time.
//
// # Overview
//
//   - A [Spec] is the data form of a lifecycle: [State]s, [Trigger]s, gate
//     [Item]s and [Transition]s, round-tripping through encoding/json. States
//     and triggers have the caller's own string types S and T, so the
//     compiler tells a state from a trigger while the JSON stays plain.
//   - A [Builder] checks a Spec and builds a [Definition]: immutable and
//     safe for concurrent use. Build reports every problem at once. To load
//     a stored lifecycle, decode its Spec and build it.
//   - A state is initial, normal or terminal ([StateKind]) and carries the
//     stage data CRMs attach: a default win probability, a
//     [ForecastCategory], an [Outcome] (open, won or lost), the days after
//     which an instance in it is stale, and the items whose facts describe
//     one stay in it ([State.StayItems]): a lost deal's loss reason is
//     forgotten when the deal is reopened.
//   - A [Gate] lists items an instance must have: checklist items ticked
//     ("feasibility assessed") and facts recorded ("decision maker"). A
//     state's entry and exit gates guard every transition into and out of
//     it; a transition's own gates guard a decision point such as
//     approve-to-bid. Gates are blocking or advisory ([GateMode]).
//   - A [Guard] is a rule that cannot be data: a Go function registered with
//     the Builder under a name the Spec refers to. Package
//     [github.com/saleskit/saleskit/lifecycle/lifecycletest] checks that a
//     guard keeps the contract: deterministic, read-only, never panicking,
//     refusing with a message.
//   - An [Instance] is caller-owned data: the current state, the probability
//     taken on entry, gate facts, an optional pause and the history of
//     [Step]s. [Definition.Start] creates one; [Definition.Fire] moves it;
//     [Definition.Pause] and [Definition.Resume] hold it in place.
//   - [Definition.Fire] returns a [Move], with the [Effects] the host must
//     carry out ("create task: kick-off meeting") and the stay facts the
//     instance forgot, or a [*Refusal] that names every [Obstacle]: each
//     gate and guard that refused and every item still missing.
//     [Definition.Permitted] lists every trigger of the current state,
//     allowed or blocked with its obstacles, for a UI's buttons. Each
//     obstacle explains itself with a [Reason]: a stable code, the values it
//     cites, and the sentence in English and simplified Chinese;
//     [Definition.Explain] writes it with the labels of the gate and items.
//   - [Definition.Measure] reads the history as of an instant: the path
//     taken, the unpaused time in each state with the paused time beside
//     it, the current stay's age, staleness, and the loops back such as
//     monitoring to strategy. [Definition.Replay] and [Definition.Check]
//     check a stored history against the definition.
//   - [Definition.Mermaid] and [Definition.DOT] draw the lifecycle, with the
//     gates on the edges they guard.
//
// Times are instants (time.Time): every result depends on the instants
// alone, not on the location they are written in, and is the same after a
// JSON round trip. Durations are elapsed time, and a day is 24 hours; a
// pause's planned resume date is a calendar [Date]. In JSON, durations are
// numbers of seconds.
//
// The package is pure: no clock (times are arguments), no I/O, no global
// state, no goroutines. Bad input is an error wrapping one of the package's
// sentinels, often inside a [*FieldError] naming the field; it never panics.
//
// # Worked example
//
// A project is approved once its background, goal and feasibility are
// assessed; the advisory market-research gate does not block. Goal
// setting, resource allocation and strategy follow, every ten days, and
// execution is reviewed; monitoring finds the strategy off course and loops
// back to it on day 50. A customer's budget freeze pauses the project from
// day 52 to day 57. The package's Example is this code and prints what
// its comments say:
//
//	d := lifecycle.SalesProject()
//	start := time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC)
//	day := func(n int) time.Time { return start.AddDate(0, 0, n) }
//
//	p := d.Start(day(0), "chen") // in initiation, probability 0.1
//	p.Tick("background_clarified")
//	_, err := d.Fire(p, lifecycle.ProjectApprove, day(2), "chen")
//	fmt.Println(err)
//	// lifecycle: trigger "approve" refused in state "initiation":
//	// gate "initiation-review" missing goal_defined, feasibility_assessed
//	p.Tick("goal_defined")
//	p.Tick("feasibility_assessed")
//	move, err := d.Fire(p, lifecycle.ProjectApprove, day(3), "chen")
//	fmt.Println(move.To, move.Advisories, err)
//	// goal_setting [advisory gate "market-research" missing market_researched] <nil>
//
//	p.SetFact("sales_target", "12000000")
//	for _, item := range []string{"target_smart", "team_assigned", "budget_assigned",
//		"tools_assigned", "market_analysis", "customer_strategy", "bid_approved"} {
//		p.Tick(item)
//	}
//	var errs []error
//	for i, tr := range []lifecycle.ProjectTrigger{lifecycle.ProjectSetGoals, lifecycle.ProjectAllocate,
//		lifecycle.ProjectLaunch, lifecycle.ProjectReview, lifecycle.ProjectAdjust} {
//		_, err := d.Fire(p, tr, day(10*(i+1)), "chen") // days 10 to 50
//		errs = append(errs, err)
//	}
//	errs = append(errs, d.Pause(p, day(52), "chen", "customer budget freeze", lifecycle.DateOf(day(57))))
//	errs = append(errs, d.Resume(p, day(57), "chen"))
//	m, err := d.Measure(p, day(60))
//	fmt.Println(m.State, m.Age.Hours()/24, m.Paused.Hours()/24, m.LoopsFrom(lifecycle.PhaseMonitoring), errors.Join(append(errs, err)...))
//	// strategy 5 5 1 <nil>
//	for _, st := range m.Time {
//		fmt.Printf("%-19s %d visit(s) %4v days, %v paused\n", st.State, st.Visits, st.Time.Hours()/24, st.Paused.Hours()/24)
//	}
//	// initiation          1 visit(s)    3 days, 0 paused
//	// goal_setting        1 visit(s)    7 days, 0 paused
//	// resource_allocation 1 visit(s)   10 days, 0 paused
//	// strategy            2 visit(s)   15 days, 5 paused
//	// execution           1 visit(s)   10 days, 0 paused
//	// monitoring          1 visit(s)   10 days, 0 paused
//
// As of day 60 the project has been in strategy since day 50: 5 days active
// (days 50 to 52 and 57 to 60) and 5 paused. Strategy's [StateTime] is 2
// visits, 15 days (10 + 5) and 5 days paused; monitoring's is 1 visit of 10
// days.
//
// # Performance
//
// A successful [Definition.Fire] allocates nothing but the amortised growth
// of the history; a refusal allocates its obstacles, and a reason only when
// asked for one.
package lifecycle
