package lifecycle_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/saleskit/saleskit/lifecycle"
)

type (
	docState   string
	docTrigger string
)

var errNotManager = errors.New("discounts over 20% need a manager")

func discountDefinition(t *testing.T) *lifecycle.Definition[docState, docTrigger] {
	t.Helper()
	d, err := discountBuilder(lifecycle.Spec[docState, docTrigger]{}).Build()
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// discountBuilder returns a Builder for the discount lifecycle, or for sp
// when it has states, with its guard registered.
func discountBuilder(sp lifecycle.Spec[docState, docTrigger]) *lifecycle.Builder[docState, docTrigger] {
	b := lifecycle.NewBuilder[docState, docTrigger]("discount").
		Guard("manager", lifecycle.GuardFunc[docState, docTrigger](func(a lifecycle.Attempt[docState, docTrigger]) error {
			if v, _ := a.Instance.Fact("discount"); v > "20" && a.Actor != "manager" {
				return errNotManager
			}
			return nil
		}))
	if len(sp.States) > 0 {
		return b.Spec(sp)
	}
	return b.
		State(lifecycle.State[docState]{Key: "draft", Kind: lifecycle.Initial}).
		State(lifecycle.State[docState]{Key: "approved", Kind: lifecycle.Terminal}).
		Item(lifecycle.Item{Key: "margin_checked"}).
		Transition(lifecycle.Transition[docState, docTrigger]{
			From: "draft", Trigger: "approve", To: "approved",
			Gates:  []lifecycle.Gate{{Items: []string{"margin_checked"}}},
			Guards: []string{"manager"},
		})
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
	want := []lifecycle.Obstacle{
		gateObstacle("draft.approve", "margin_checked"),
		{Kind: lifecycle.ObstacleGuard, Name: "manager", Message: errNotManager.Error(), Err: errNotManager},
	}
	if diff := cmp.Diff(want, r.Obstacles, cmpopts.EquateErrors()); diff != "" {
		t.Errorf("obstacles (-want +got):\n%s", diff)
	}
	const msg = `lifecycle: trigger "approve" refused in state "draft": gate "draft.approve" missing margin_checked; guard "manager": discounts over 20% need a manager`
	if got := err.Error(); got != msg {
		t.Errorf("Error() = %q, want %q", got, msg)
	}
	// The refusal travels as JSON with the guard's message.
	const wantJSON = `{"state":"draft","trigger":"approve","obstacles":[` +
		`{"kind":"gate","name":"draft.approve","missing":["margin_checked"],"reason":{"code":"gate_missing","texts":{"gate":"draft.approve","missing":"margin_checked"}}},` +
		`{"kind":"guard","name":"manager","message":"discounts over 20% need a manager","reason":{"code":"guard_refused","texts":{"guard":"manager","message":"discounts over 20% need a manager"}}}]}`
	if got := mustJSON(t, r); got != wantJSON {
		t.Errorf("json.Marshal(refusal) =\n%s\nwant\n%s", got, wantJSON)
	}
	in.Tick("margin_checked")
	if _, err := d.Fire(in, "approve", t0, "manager"); err != nil {
		t.Fatalf("Fire by manager = %v", err)
	}
	if in.State() != "approved" {
		t.Errorf("state = %q, want approved", in.State())
	}

	// The guard cannot travel in JSON: its name does, and a Builder without
	// it says so; one that registers it builds the decoded Spec again.
	var sp lifecycle.Spec[docState, docTrigger]
	if err := json.Unmarshal([]byte(mustJSON(t, d)), &sp); err != nil {
		t.Fatal(err)
	}
	if _, err := lifecycle.NewBuilder[docState, docTrigger]("").Spec(sp).Build(); !errors.Is(err, lifecycle.ErrUnknownGuard) {
		t.Errorf("Build of a decoded guarded Spec without the guard = %v, want ErrUnknownGuard", err)
	}
	if _, err := discountBuilder(sp).Build(); err != nil {
		t.Errorf("Build of a decoded guarded Spec with the guard = %v", err)
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
			{Key: "a", Kind: lifecycle.Initial, Probability: lifecycle.Prob(1.5), StayItems: []string{"x", "x", "nope"}},
			{Key: "a"},
			{Key: "", StaleAfterDays: -1},
			{Key: "island"},
			{Key: "end", Kind: lifecycle.Terminal, Entry: []lifecycle.Gate{{Name: "empty"}}},
			{Key: "start2", Kind: lifecycle.Initial},
			{Key: "odd", Kind: lifecycle.StateKind(9), Forecast: lifecycle.ForecastCategory(42), Outcome: lifecycle.Outcome(3)},
		},
		Triggers: []lifecycle.Trigger[T]{{Key: "go"}, {Key: "go"}},
		Items:    []lifecycle.Item{{Key: "x"}, {Key: "x"}, {Key: "y", Kind: lifecycle.ItemKind(7)}},
		Transitions: []lifecycle.Transition[S, T]{
			{From: "a", Trigger: "go", To: "end", Gates: []lifecycle.Gate{{Items: []string{"nope", "y", "y"}, Mode: lifecycle.GateMode(5)}}},
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
		lifecycle.ErrUnknownName, lifecycle.ErrDuplicateTrigger, lifecycle.ErrDuplicateItem, lifecycle.ErrUnknownItem,
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
		`lifecycle: items[2].kind "ItemKind(7)": unknown name`,
		`lifecycle: triggers[1].key "go": duplicate trigger`,
		`lifecycle: states[0].probability "1.5": probability outside [0, 1]`,
		`lifecycle: states[0].stay_items[1] "x": duplicate item`,
		`lifecycle: states[0].stay_items[2] "nope": unknown gate item`,
		`lifecycle: states[1].key "a": duplicate state`,
		`lifecycle: states[2].key: empty key`,
		`lifecycle: states[2].stale_after_days "-1": negative stale days`,
		`lifecycle: states[4].entry[0].items "empty": gate requires nothing`,
		`lifecycle: states[5].kind "start2": more than one initial state`,
		`lifecycle: states[6].kind "StateKind(9)": unknown name`,
		`lifecycle: states[6].forecast "ForecastCategory(42)": unknown name`,
		`lifecycle: states[6].outcome "Outcome(3)": unknown name`,
		`lifecycle: transitions[0].gates[0].mode "GateMode(5)": unknown name`,
		`lifecycle: transitions[0].gates[0].items[0] "nope": unknown gate item`,
		`lifecycle: transitions[0].gates[0].items[2] "y": duplicate item`,
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

// TestGateListsItemOnce checks that a gate may not list an item twice: it
// would be reported missing twice ("missing x, x").
func TestGateListsItemOnce(t *testing.T) {
	_, err := lifecycle.NewBuilder[string, string]("dup").
		State(lifecycle.State[string]{Key: "a", Kind: lifecycle.Initial}).
		State(lifecycle.State[string]{Key: "b", Kind: lifecycle.Terminal}).
		Item(lifecycle.Item{Key: "x"}).
		Permit("a", "go", "b", lifecycle.Gate{Items: []string{"x", "x"}}).Build()
	var fe *lifecycle.FieldError
	if !errors.Is(err, lifecycle.ErrDuplicateItem) || !errors.As(err, &fe) || fe.Field != "transitions[0].gates[0].items[1]" {
		t.Errorf("Build with a gate listing x twice = %v, want ErrDuplicateItem at transitions[0].gates[0].items[1]", err)
	}
}

// TestBuildSharesNoMemory checks that a Definition keeps nothing of the
// Builder or the Spec it was built from.
func TestBuildSharesNoMemory(t *testing.T) {
	sp := lifecycle.Opportunity().Spec()
	b := lifecycle.NewBuilder[lifecycle.DealStage, lifecycle.DealTrigger]("").Spec(sp)
	d, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	before := mustJSON(t, d)
	sp.States[0].Labels["en"] = "changed"
	sp.Transitions[0].Gates[0].Items[0] = "changed"
	sp.Items[0].Key = "changed"
	b.Guard("late", lifecycle.GuardFunc[lifecycle.DealStage, lifecycle.DealTrigger](func(lifecycle.Attempt[lifecycle.DealStage, lifecycle.DealTrigger]) error { return nil }))
	b.State(lifecycle.State[lifecycle.DealStage]{Key: "extra"})
	if after := mustJSON(t, d); after != before {
		t.Errorf("changing the Spec and Builder after Build changed the Definition:\n%s\nwant\n%s", after, before)
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

// TestZeroDefinition checks that the zero Definition is empty and safe.
func TestZeroDefinition(t *testing.T) {
	checkEmptyDefinition(t, &lifecycle.Definition[string, string]{})
}

// TestNilDefinitionMethods checks that a nil *Definition behaves as the zero
// Definition, or says ErrNilDefinition, and never panics.
func TestNilDefinitionMethods(t *testing.T) {
	var d *lifecycle.Definition[string, string]
	checkEmptyDefinition(t, d)
	in := lifecycle.SalesProject().Start(t0, "x")
	var nd *lifecycle.Definition[lifecycle.Phase, lifecycle.ProjectTrigger]
	for name, err := range map[string]error{
		"Fire":      second(nd.Fire(in, lifecycle.ProjectAbandon, t0, "x")),
		"Pause":     nd.Pause(in, t0, "x", "", lifecycle.Date{}),
		"Resume":    nd.Resume(in, t0, "x"),
		"Check":     nd.Check(in),
		"Permitted": second(nd.Permitted(in, t0, "x")),
		"Measure":   second(nd.Measure(in, t0)),
		"Replay":    second(nd.Replay(in.History())),
	} {
		if !errors.Is(err, lifecycle.ErrNilDefinition) {
			t.Errorf("%s on a nil *Definition = %v, want ErrNilDefinition", name, err)
		}
	}
}

func second[A any](_ A, err error) error { return err }

// checkEmptyDefinition checks every method of a definition with no states.
func checkEmptyDefinition(t *testing.T, d *lifecycle.Definition[string, string]) {
	t.Helper()
	defer func() {
		if r := recover(); r != nil {
			t.Fatalf("panic: %v", r)
		}
	}()
	in := d.Start(t0, "x")
	if in.State() != "" || d.Initial() != "" || len(d.States()) != 0 || d.Name() != "" {
		t.Errorf("empty Definition: state %q, initial %q, states %v, name %q", in.State(), d.Initial(), d.States(), d.Name())
	}
	if _, ok := d.State("x"); ok {
		t.Error("State(x) found a state")
	}
	if got := []string{d.Label("en"), d.StateLabel("s", "en"), d.TriggerLabel("t", "en"), d.ItemLabel("i", "en")}; !cmp.Equal(got, []string{"", "s", "t", "i"}) {
		t.Errorf("labels = %q, want the keys", got)
	}
	if _, err := d.Fire(in, "go", t0, "x"); err == nil {
		t.Error("Fire succeeded")
	}
	if _, err := d.Permitted(in, t0, "x"); err == nil {
		t.Error("Permitted succeeded")
	}
	if _, err := d.Replay(nil); err == nil {
		t.Error("Replay(nil) succeeded")
	}
	if got, want := d.Mermaid("en"), "stateDiagram-v2\n"; got != want {
		t.Errorf("Mermaid = %q, want %q", got, want)
	}
	if got := d.DOT("en"); got == "" {
		t.Error("DOT is empty")
	}
	if d.Stale(in, t0) || d.OnEnter("x").Len() != 0 {
		t.Error("empty Definition: stale or has effects")
	}
	if sp := d.Spec(); len(sp.States) != 0 || len(sp.Transitions) != 0 {
		t.Errorf("Spec = %+v", sp)
	}
	if _, err := json.Marshal(d); err != nil {
		t.Errorf("Marshal = %v", err)
	}
}
