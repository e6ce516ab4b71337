// Command salesproject drives one sales project through the sales-project
// loop of package lifecycle, from initiation to a win: every phase's
// checklist is a gate, and a trigger fired too early is refused with the
// gate and the items still missing, explained in English or Chinese. The
// project's sales target must pass package target's SMART check before
// the goal gate opens; monitoring sends the project back to strategy once;
// a customer's budget freeze pauses it. At the end the project's history
// is measured (time in each phase, paused time, loops back), stored as
// JSON and checked on loading, and the definition is drawn as a Mermaid
// diagram.
//
// Run it with:
//
//	go run ./examples/salesproject
//	go run ./examples/salesproject -lang zh-CN
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"github.com/saleskit/saleskit/examples/internal/console"
	"io"
	"os"
	"strings"
	"time"

	"github.com/saleskit/saleskit/lifecycle"
	"github.com/saleskit/saleskit/target"
	"github.com/shopspring/decimal"
)

// options are the program's flags.
type options struct {
	lang string // "en" or "zh-CN"
}

func main() {
	var o options
	flag.StringVar(&o.lang, "lang", "en", "language of labels and explanations: en or zh-CN")
	flag.Parse()
	if err := run(os.Stdout, o); err != nil {
		fmt.Fprintln(os.Stderr, "salesproject:", err)
		os.Exit(1)
	}
}

// shanghai is where the project team works; every instant below is
// Shanghai time.
var shanghai = time.FixedZone("CST", 8*3600)

// start is the morning the project opens; day(n) is n days later.
var start = time.Date(2025, 3, 3, 9, 0, 0, 0, shanghai)

func day(n int) time.Time { return start.AddDate(0, 0, n) }

// project is what story needs while it drives the instance: the
// definition, the instance, the language and the writer. Like a
// bufio.Writer it keeps the first error it meets and then does nothing, so
// the story reads as a list of steps.
type project struct {
	w    io.Writer
	lang string
	d    *lifecycle.Definition[lifecycle.Phase, lifecycle.ProjectTrigger]
	p    *lifecycle.Instance[lifecycle.Phase, lifecycle.ProjectTrigger]
	tr   func(en, zh string) string
	err  error // the first error met; every later step does nothing
}

// check keeps the first error met.
func (x *project) check(err error) {
	if x.err == nil {
		x.err = err
	}
}

// run prints the project's story to w.
func run(w io.Writer, o options) error {
	_, err := story(w, o)
	return err
}

// story drives the project, prints each step to w and returns the
// project's instance as it ends.
func story(w io.Writer, o options) (*lifecycle.Instance[lifecycle.Phase, lifecycle.ProjectTrigger], error) {
	if o.lang != "en" && o.lang != "zh-CN" {
		return nil, fmt.Errorf("-lang %q: want en or zh-CN", o.lang)
	}
	tr := func(en, zh string) string { return lifecycle.Labels{"en": en, "zh-CN": zh}.Get(o.lang) }

	// Step 1. SalesProject is a preset Definition: built, immutable, shared
	// by every project. Its phases carry labels, a default win probability
	// and a forecast category.
	d := lifecycle.SalesProject()
	fmt.Fprintln(w, tr("Sales project: East China hospital network upgrade, through the loop to a win",
		"销售项目：华东医院网络升级，走完运作循环直至赢单"))
	console.Heading(w, fmt.Sprintf(tr("The lifecycle: %s", "生命周期：%s"), d.Label(o.lang)))
	tb := console.NewTable("lrr", tr("phase", "阶段"), tr("probability", "赢率"), tr("stale after", "停滞预警"))
	for _, s := range d.States() {
		st, _ := d.State(s)
		prob, stale := "", ""
		if st.Probability != nil {
			prob = fmt.Sprintf("%.0f%%", 100**st.Probability)
		}
		if st.StaleAfterDays > 0 {
			stale = fmt.Sprintf(tr("%d days", "%d 天"), st.StaleAfterDays)
		}
		tb.Row(d.StateLabel(s, o.lang), prob, stale)
	}
	tb.Write(w)

	// Step 2. Start creates the instance: caller-owned data the CRM stores.
	x := &project{w: w, lang: o.lang, d: d, p: d.Start(day(0), "chen"), tr: tr}
	console.Heading(w, tr("Initiation", "项目立项"))
	x.p.Tick("background_clarified")
	// Approve is refused: the Refusal names every gate that blocks and
	// every item still missing, and an advisory gate's missing item too.
	x.fire(lifecycle.ProjectApprove, day(2))
	x.p.Tick("goal_defined")
	x.p.Tick("feasibility_assessed")
	// Now it goes through; the advisory gate is reported, not enforced.
	x.fire(lifecycle.ProjectApprove, day(3))

	// Step 3. The goal gate wants the sales target recorded and judged
	// SMART. Package target judges it; the program records the verdict as
	// a ticked item, one line.
	console.Heading(w, tr("Goal setting", "目标设定"))
	goal := target.Goal{ID: "hospital-2025", Name: "East China hospital network upgrade", Owner: "chen",
		Metric: target.MetricRevenue, Unit: "CNY", Target: decimal.NewFromInt(18_000_000), Baseline: decimal.NewFromInt(10_000_000),
		Start: target.MustDate("2025-04-01"), End: target.MustDate("2026-04-01")}
	for _, try := range []struct {
		amount int64
		at     int
	}{{18_000_000, 8}, {12_000_000, 10}} {
		goal.Target = decimal.NewFromInt(try.amount)
		a := target.Check(goal, nil, nil)
		fmt.Fprintf(w, tr("sales target %s against a baseline of %s: SMART: %s\n", "销售目标 %s（基数 %s）符合 SMART 原则：%s\n"),
			console.Money(goal.Target), console.Money(goal.Baseline), x.yes(a.OK()))
		for _, f := range a.Failures(o.lang) {
			fmt.Fprintf(w, "  %s\n", f)
		}
		x.p.SetFact("sales_target", goal.Target.String())
		if a.OK() {
			x.p.Tick("target_smart")
		}
		x.fire(lifecycle.ProjectSetGoals, day(try.at))
	}

	// Step 4. Permitted lists what a UI shows as buttons: every trigger
	// of the current state, allowed or not, with its obstacles.
	console.Heading(w, tr("Resource allocation", "资源配置"))
	x.p.Tick("team_assigned")
	x.buttons(day(15))
	x.p.Tick("budget_assigned")
	x.p.Tick("tools_assigned")
	x.fire(lifecycle.ProjectAllocate, day(20))

	// Step 5. Strategy has two blocking gates and an advisory one.
	console.Heading(w, tr("Strategy, execution and monitoring", "策略、执行与监控"))
	for _, item := range []string{"market_analysis", "customer_strategy", "competitor_analysis"} {
		x.p.Tick(item)
	}
	x.fire(lifecycle.ProjectLaunch, day(28))
	x.p.Tick("bid_approved")
	x.fire(lifecycle.ProjectLaunch, day(30))
	x.fire(lifecycle.ProjectReview, day(45))
	// Monitoring evaluates and finds the strategy off course: the project
	// loops back. The evaluation describes one stay in monitoring, so
	// leaving forgets it (Move.Forgotten); the next review must evaluate
	// again.
	x.p.Tick("evaluation_done")
	x.fire(lifecycle.ProjectAdjust, day(50))
	// The customer freezes its budget: the project is paused, and paused
	// time does not count towards staleness.
	x.check(d.Pause(x.p, day(52), "chen", "customer budget freeze", lifecycle.DateOf(day(59))))
	fmt.Fprintf(w, tr("%s  paused until %s: customer budget freeze\n", "%s  暂停至 %s：客户预算冻结\n"), date(day(52)), lifecycle.DateOf(day(59)))
	x.check(d.Resume(x.p, day(59), "chen"))
	fmt.Fprintf(w, tr("%s  resumed\n", "%s  恢复\n"), date(day(59)))
	x.fire(lifecycle.ProjectLaunch, day(61))
	x.fire(lifecycle.ProjectReview, day(75))
	x.fire(lifecycle.ProjectClose, day(78))
	x.p.Tick("evaluation_done")
	x.fire(lifecycle.ProjectClose, day(79))

	// Step 6. Closing's exit gate guards every way out of it.
	console.Heading(w, tr("Closing", "项目收尾"))
	x.fire(lifecycle.ProjectWin, day(85))
	x.p.Tick("review_report")
	x.fire(lifecycle.ProjectWin, day(88))

	// Step 7. Measure reads the history as of an instant: here day 70,
	// while the project was back in execution, and the end.
	x.measures(day(70))
	x.measures(day(88))

	if x.err != nil {
		return nil, x.err
	}

	// Step 8. The instance is data: stored as JSON, loaded back, and
	// checked against the definition before use.
	console.Heading(w, tr("Stored and loaded", "存储与加载"))
	b, err := json.Marshal(x.p)
	if err != nil {
		return nil, err
	}
	var loaded lifecycle.Instance[lifecycle.Phase, lifecycle.ProjectTrigger]
	if err := json.Unmarshal(b, &loaded); err != nil {
		return nil, err
	}
	state, err := d.Replay(loaded.History())
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(w, tr("%d steps of history stored as JSON and loaded back; replayed to %s; check: %v\n",
		"%d 条历史记录存为 JSON 后加载；重放至「%s」；校验：%v\n"),
		len(loaded.History()), d.StateLabel(state, o.lang), errOK(d.Check(&loaded)))

	// Step 9. Mermaid draws the definition with the gates on the edges
	// they guard, in the report's language.
	console.Heading(w, tr("The lifecycle as a Mermaid diagram", "生命周期的 Mermaid 图"))
	fmt.Fprint(w, d.Mermaid(o.lang))
	return x.p, nil
}

// fire fires trigger at the instant and prints what happened: the move
// with its effects and advisories, or the refusal with each obstacle
// explained. A refusal is a result here, not a failure: any other error
// is kept in x.err.
func (x *project) fire(trigger lifecycle.ProjectTrigger, at time.Time) {
	if x.err != nil {
		return
	}
	from := x.p.State()
	move, err := x.d.Fire(x.p, trigger, at, "chen")
	var refusal *lifecycle.Refusal
	if errors.As(err, &refusal) {
		fmt.Fprintf(x.w, x.tr("%s  %s: refused in %s\n", "%s  %s：在「%s」被拒绝\n"),
			date(at), x.d.TriggerLabel(trigger, x.lang), x.d.StateLabel(from, x.lang))
		for _, o := range refusal.Obstacles {
			x.obstacle(o)
		}
		return
	}
	if err != nil {
		x.err = err
		return
	}
	fmt.Fprintf(x.w, x.tr("%s  %s: %s → %s, probability %.0f%%\n", "%s  %s：%s → %s，赢率 %.0f%%\n"),
		date(at), x.d.TriggerLabel(trigger, x.lang), x.d.StateLabel(move.From, x.lang), x.d.StateLabel(move.To, x.lang),
		100*x.p.Probability())
	for i := range move.Effects.Len() {
		fmt.Fprintf(x.w, x.tr("    to do (%s): %s\n", "    待办（%s）：%s\n"), move.Effects.At(i).Kind, move.Effects.Label(i, x.lang))
	}
	for _, o := range move.Advisories {
		x.obstacle(o)
	}
	if len(move.Forgotten) > 0 {
		labels := make([]string, len(move.Forgotten))
		for i, k := range move.Forgotten {
			labels[i] = x.d.ItemLabel(k, x.lang)
		}
		fmt.Fprintf(x.w, x.tr("    forgotten on leaving: %s\n", "    离开时清除：%s\n"), strings.Join(labels, ", "))
	}
}

// obstacle prints one obstacle, blocking or advisory, explained with the
// definition's labels.
func (x *project) obstacle(o lifecycle.Obstacle) {
	kind := x.tr("blocks", "阻止")
	if !o.Blocking() {
		kind = x.tr("advice", "建议")
	}
	fmt.Fprintf(x.w, "    [%s] %s\n", kind, x.d.Explain(o, x.lang))
}

// buttons prints the triggers a UI would offer now, allowed or not.
func (x *project) buttons(at time.Time) {
	perms, err := x.d.Permitted(x.p, at, "chen")
	if x.check(err); x.err != nil {
		return
	}
	fmt.Fprintf(x.w, x.tr("%s  buttons in %s:\n", "%s  「%s」阶段的按钮：\n"), date(at), x.d.StateLabel(x.p.State(), x.lang))
	for _, p := range perms {
		mark := x.tr("enabled", "可用")
		if !p.Allowed {
			mark = x.tr("disabled", "不可用")
		}
		fmt.Fprintf(x.w, x.tr("    %s → %s: %s\n", "    %s → %s：%s\n"), x.d.TriggerLabel(p.Trigger, x.lang), x.d.StateLabel(p.To, x.lang), mark)
		for _, o := range p.Obstacles {
			fmt.Fprintf(x.w, "        %s\n", x.d.Explain(o, x.lang))
		}
	}
}

// measures prints the figures Measure reads from the history as of asOf.
func (x *project) measures(asOf time.Time) {
	m, err := x.d.Measure(x.p, asOf)
	if x.check(err); x.err != nil {
		return
	}
	console.Heading(x.w, fmt.Sprintf(x.tr("Measures as of %s", "截至 %s 的度量"), date(asOf)))
	path := make([]string, len(m.Path))
	for i, s := range m.Path {
		path[i] = x.d.StateLabel(s, x.lang)
	}
	fmt.Fprintf(x.w, x.tr("path: %s\n", "路径：%s\n"), strings.Join(path, " → "))
	fmt.Fprintf(x.w, x.tr("now in %s for %s (%s paused), stale: %s, loops back from monitoring: %d\n\n",
		"当前「%s」已 %s（暂停 %s），停滞：%s，自监控评估返回：%d 次\n\n"),
		x.d.StateLabel(m.State, x.lang), x.days(m.Age), x.days(m.Paused), x.yes(m.Stale), m.LoopsFrom(lifecycle.PhaseMonitoring))
	tb := console.NewTable("lrrr", x.tr("phase", "阶段"), x.tr("visits", "进入次数"), x.tr("active", "有效时长"), x.tr("paused", "暂停时长"))
	for _, st := range m.Time {
		tb.Row(x.d.StateLabel(st.State, x.lang), fmt.Sprint(st.Visits), x.days(st.Time), x.days(st.Paused))
	}
	tb.Write(x.w)
}

// date writes an instant's calendar date in Shanghai.
func date(t time.Time) string { return t.In(shanghai).Format("2006-01-02") }

// days writes a duration in days of 24 hours, to one decimal.
func (x *project) days(d time.Duration) string {
	return fmt.Sprintf(x.tr("%.1f days", "%.1f 天"), d.Hours()/24)
}

// yes writes a boolean as a word.
func (x *project) yes(b bool) string {
	if b {
		return x.tr("yes", "是")
	}
	return x.tr("no", "否")
}

// errOK writes a check's result: "ok" or the error.
func errOK(err error) string {
	if err != nil {
		return err.Error()
	}
	return "ok"
}
