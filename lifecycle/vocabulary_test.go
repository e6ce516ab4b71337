package lifecycle_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/saleskit/saleskit/lifecycle"
)

func TestLabels(t *testing.T) {
	d := lifecycle.SalesProject()
	for _, tc := range []struct{ got, want string }{
		{d.StateLabel(lifecycle.PhaseMonitoring, "zh-CN"), "监控评估"},
		{d.StateLabel(lifecycle.PhaseMonitoring, "zh_cn"), "监控评估"},
		{d.StateLabel(lifecycle.PhaseMonitoring, "zh"), "Monitoring and evaluation"}, // no "zh" entry: English
		{d.StateLabel(lifecycle.PhaseMonitoring, "fr"), "Monitoring and evaluation"},
		{d.StateLabel(lifecycle.PhaseMonitoring, "en-GB"), "Monitoring and evaluation"},
		{d.StateLabel("nowhere", "en"), "nowhere"},
		{d.TriggerLabel(lifecycle.ProjectAdjust, "zh-CN"), "调整策略"},
		{d.TriggerLabel("nowhere", "zh-CN"), "nowhere"},
		{d.ItemLabel("review_report", "zh-CN"), "项目总结报告已形成"},
		{d.ItemLabel("unknown", "zh-CN"), "unknown"},
		{d.Label("zh-CN"), "销售项目运作循环"},
		{d.Label("de"), "Sales project"},
		{d.OnEnter(lifecycle.PhaseExecution).Label(0, "zh-CN"), "项目启动会"},
		{lifecycle.Labels{"zh": "中文"}.Get("zh-TW"), "中文"},
		{lifecycle.Labels{"zh-CN": "中文"}.Get("de"), ""},
		{lifecycle.State[string]{Key: "k", Labels: lifecycle.Labels{"zh-CN": "中文"}}.Label("de"), "k"},
		{lifecycle.Gate{Name: "g"}.Label("en"), "g"},
		{lifecycle.Item{Key: "i", Labels: lifecycle.Labels{"EN": "Item"}}.Label("en-US"), "Item"},
		{lifecycle.Effect{Key: "e"}.Label("en"), "e"},
		{lifecycle.Trigger[string]{Key: "t"}.Label("en"), "t"},
		{lifecycle.Spec[string, string]{Name: "n"}.Label("en"), "n"},
	} {
		if tc.got != tc.want {
			t.Errorf("label = %q, want %q", tc.got, tc.want)
		}
	}
	// Labels in a built definition choose as Labels.Get does, even among
	// tags that differ only in case.
	b, err := lifecycle.NewBuilder[string, string]("x").
		State(lifecycle.State[string]{Key: "a", Kind: lifecycle.Initial, Labels: lifecycle.Labels{"zh_cn": "乙", "ZH-CN": "甲", "EN": "A"}}).
		State(lifecycle.State[string]{Key: "b", Kind: lifecycle.Terminal}).Permit("a", "go", "b").Build()
	if err != nil {
		t.Fatal(err)
	}
	labels := lifecycle.Labels{"zh_cn": "乙", "ZH-CN": "甲", "EN": "A"}
	for _, lang := range []string{"zh-CN", "zh", "en", "de", ""} {
		if got, want := b.StateLabel("a", lang), labels.Get(lang); got != want {
			t.Errorf("StateLabel(a, %q) = %q, Labels.Get = %q", lang, got, want)
		}
	}
	if got := d.Initial(); got != lifecycle.PhaseInitiation {
		t.Errorf("Initial() = %q", got)
	}
	if got := len(d.States()); got != 10 {
		t.Errorf("len(States()) = %d, want 10", got)
	}
}

// enum is what every enum of the package provides.
type enum interface {
	comparable
	String() string
	MarshalText() ([]byte, error)
}

// checkEnum checks that v is written as name and read back, and that an
// unknown name is an error that names the field once.
func checkEnum[E enum, P interface {
	*E
	UnmarshalText([]byte) error
}](t *testing.T, v E, name, field string) {
	t.Helper()
	b, err := v.MarshalText()
	if err != nil || string(b) != name || v.String() != name {
		t.Errorf("MarshalText(%v) = %q, %v; want %q", v, b, err, name)
	}
	var back E
	if err := P(&back).UnmarshalText(b); err != nil || back != v {
		t.Errorf("UnmarshalText(%q) = %v, %v; want %v", b, back, err, v)
	}
	err = P(&back).UnmarshalText([]byte("Terminal"))
	if want := `lifecycle: ` + field + ` "Terminal": unknown name`; !errors.Is(err, lifecycle.ErrUnknownName) || err.Error() != want {
		t.Errorf("UnmarshalText(%q) into %T = %v, want %s", "Terminal", v, err, want)
	}
}

func TestEnumsText(t *testing.T) {
	checkEnum(t, lifecycle.Terminal, "terminal", "kind")
	checkEnum(t, lifecycle.Normal, "normal", "kind")
	checkEnum(t, lifecycle.Advisory, "advisory", "mode")
	checkEnum(t, lifecycle.Fact, "fact", "kind")
	checkEnum(t, lifecycle.ForecastBestCase, "best_case", "forecast")
	checkEnum(t, lifecycle.ForecastNone, "none", "forecast")
	checkEnum(t, lifecycle.Lost, "lost", "outcome")
	checkEnum(t, lifecycle.Open, "open", "outcome")
	checkEnum(t, lifecycle.StepResume, "resume", "kind")
	checkEnum(t, lifecycle.ObstacleNoTransition, "no_transition", "kind")
	for _, v := range []interface {
		MarshalText() ([]byte, error)
	}{lifecycle.StepKind(0), lifecycle.ObstacleKind(0), lifecycle.GateMode(9)} {
		if _, err := v.MarshalText(); !errors.Is(err, lifecycle.ErrUnknownName) {
			t.Errorf("%v.MarshalText() = %v, want ErrUnknownName", v, err)
		}
	}
	if got := lifecycle.GateMode(9).String(); got != "GateMode(9)" {
		t.Errorf("GateMode(9).String() = %q", got)
	}
	// A draft step without a kind still saves.
	if got := mustJSON(t, lifecycle.Step[string, string]{To: "a", At: t0}); got != `{"to":"a","at":"2025-03-03T09:00:00Z"}` {
		t.Errorf("json.Marshal(Step without a kind) = %s", got)
	}
}

func TestFieldError(t *testing.T) {
	for _, tc := range []struct {
		err  *lifecycle.FieldError
		want string
	}{
		{&lifecycle.FieldError{Field: "states[2].key", Value: "a", Err: lifecycle.ErrDuplicateState}, `lifecycle: states[2].key "a": duplicate state`},
		{&lifecycle.FieldError{Field: "at", Err: fmt.Errorf("%w: more", lifecycle.ErrTimeOrder)}, `lifecycle: at: time before the last recorded step: more`},
		{&lifecycle.FieldError{Field: "x", Value: `say "hi"`}, `lifecycle: x "say \"hi\"": invalid value`},
	} {
		if got := tc.err.Error(); got != tc.want {
			t.Errorf("Error() = %q, want %q", got, tc.want)
		}
	}
}

// TestObstacleReasons pins the explanation of every kind of obstacle in
// English and simplified Chinese.
func TestObstacleReasons(t *testing.T) {
	d := lifecycle.SalesProject()
	in := d.Start(t0, "chen")
	in.Tick("background_clarified")
	var b strings.Builder
	write := func(title string, obstacles []lifecycle.Obstacle) {
		fmt.Fprintf(&b, "%s\n", title)
		for _, o := range obstacles {
			r := o.Reason()
			fmt.Fprintf(&b, "  %s %s\n    en: %s\n    zh-CN: %s\n", r.Code, mustJSON(t, r), r.Text("en"), r.Text("zh-CN"))
		}
	}
	refusal := func(err error) []lifecycle.Obstacle {
		var r *lifecycle.Refusal
		if !errors.As(err, &r) {
			t.Fatalf("err = %v, want a refusal", err)
		}
		return r.Obstacles
	}
	_, err := d.Fire(in, lifecycle.ProjectApprove, day(1), "chen")
	write("approve in initiation, two items missing", refusal(err))
	_, err = d.Fire(in, lifecycle.ProjectClose, day(1), "chen")
	write("close in initiation", refusal(err))
	if err := d.Pause(in, day(2), "chen", "freeze", lifecycle.Date{}); err != nil {
		t.Fatal(err)
	}
	_, err = d.Fire(in, lifecycle.ProjectAbandon, day(3), "chen")
	write("abandon while paused", refusal(err))
	g := discountDefinition(t)
	gi := g.Start(t0, "rep")
	gi.SetFact("discount", "25")
	gi.Tick("margin_checked")
	_, err = g.Fire(gi, "approve", t0, "rep")
	write("approve a 25% discount as a rep", refusal(err))
	golden(t, "obstacles.golden", b.String())

	// Explain puts the definition's labels in place of keys.
	o := lifecycle.Opportunity()
	deal := o.Start(t0, "wang")
	deal.Tick("budget_confirmed")
	perms, err := o.Permitted(deal, t0, "wang")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		obstacle   lifecycle.Obstacle
		lang, want string
	}{
		{perms[0].Obstacles[0], "zh-CN", "关卡“商机确认”缺少 决策人、需求已明确"},
		{perms[0].Obstacles[0], "en", `gate "Qualification" missing Decision maker, Need identified`},
		{perms[0].Obstacles[1], "zh-CN", "建议关卡“采购时间”缺少 采购时间已明确"},
		{lifecycle.Obstacle{Kind: lifecycle.ObstacleGate, Name: "nowhere", Missing: []string{"x"}}, "zh-CN", "关卡“nowhere”缺少 x"},
		{lifecycle.Obstacle{Kind: lifecycle.ObstaclePaused}, "zh-CN", "实例已暂停"},
	} {
		if got := o.Explain(tc.obstacle, tc.lang); got != tc.want {
			t.Errorf("Explain(%v, %q) = %q, want %q", tc.obstacle, tc.lang, got, tc.want)
		}
	}

	if got := (lifecycle.Obstacle{}).Reason(); got.Code != "" || got.String() != "" {
		t.Errorf("zero Obstacle's Reason = %+v, %q", got, got.String())
	}
	r := lifecycle.Reason{Code: lifecycle.CodeGateMissing, Texts: map[string]string{"gate": "g"}}
	if got := r.Text("zh-CN"); got != "关卡“g”缺少 ?" {
		t.Errorf("Text of a reason lacking a value = %q", got)
	}
	if !r.Equal(lifecycle.Reason{Code: lifecycle.CodeGateMissing, Texts: map[string]string{"gate": "g"}}) || r.Equal(lifecycle.Reason{Code: lifecycle.CodeGateMissing}) {
		t.Error("Reason.Equal is wrong")
	}
}

// TestMoveJSON checks that a move carries its effects, advisories and
// forgotten facts in JSON, and round-trips.
func TestMoveJSON(t *testing.T) {
	d := lifecycle.Opportunity()
	in := d.Start(t0, "wang")
	for _, k := range []string{"budget_confirmed", "decision_maker", "need_identified", "bid_approved"} {
		in.Tick(k)
	}
	for _, tr := range []lifecycle.DealTrigger{lifecycle.DealQualify, lifecycle.DealPropose} {
		if _, err := d.Fire(in, tr, day(1), "wang"); err != nil {
			t.Fatal(err)
		}
	}
	in.Tick("proposal_feedback")
	move, err := d.Fire(in, lifecycle.DealRevise, day(2), "wang")
	if err != nil {
		t.Fatal(err)
	}
	const want = `{"from":"proposal","to":"proposal","trigger":"revise",` +
		`"effects":[{"kind":"task","key":"send_proposal","labels":{"en":"Send the proposal","zh-CN":"发送方案"}}],` +
		`"forgotten":["proposal_feedback"]}`
	got := mustJSON(t, move)
	if got != want {
		t.Errorf("json.Marshal(move) =\n%s\nwant\n%s", got, want)
	}
	var back lifecycle.Move[lifecycle.DealStage, lifecycle.DealTrigger]
	if err := json.Unmarshal([]byte(got), &back); err != nil {
		t.Fatal(err)
	}
	if again := mustJSON(t, back); again != want {
		t.Errorf("move after a JSON round trip =\n%s\nwant\n%s", again, want)
	}
	if back.Effects.Len() != 1 || back.Effects.Label(0, "zh-CN") != "发送方案" || back.Effects.At(0).Kind != "task" {
		t.Errorf("decoded effects = %v", back.Effects.At(0))
	}
	if got := mustJSON(t, lifecycle.Effects{}); got != "[]" {
		t.Errorf("json.Marshal(Effects{}) = %s, want []", got)
	}
}

func TestDate(t *testing.T) {
	for _, tc := range []struct {
		text string
		ok   bool
	}{{"2025-03-17", true}, {"2024-02-29", true}, {"2025-02-29", false}, {"2025-06-31", false}, {"2025-3-17", false}, {"", false}, {"2025-03-17T00:00:00Z", false}} {
		d, err := lifecycle.ParseDate(tc.text)
		if tc.ok != (err == nil) || (tc.ok && d.String() != tc.text) {
			t.Errorf("ParseDate(%q) = %v, %v", tc.text, d, err)
		}
		if !tc.ok && !errors.Is(err, lifecycle.ErrDate) {
			t.Errorf("ParseDate(%q) = %v, want ErrDate", tc.text, err)
		}
	}
	santiago, err := time.LoadLocation("America/Santiago")
	if err != nil {
		t.Skip(err)
	}
	// 2024-09-08 has no midnight in Santiago: the day starts at 01:00.
	d := lifecycle.MustDate("2024-09-08")
	if got := d.In(santiago); got.Hour() != 1 || lifecycle.DateOf(got) != d {
		t.Errorf("Date(2024-09-08).In(Santiago) = %v, want 01:00 that day", got)
	}
	if got := d.AddDays(1).Sub(d); got != 1 || d.Weekday() != time.Sunday {
		t.Errorf("AddDays, Sub, Weekday = %d, %v", got, d.Weekday())
	}
}
