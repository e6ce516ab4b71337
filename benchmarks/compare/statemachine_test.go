package compare

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/looplab/fsm"
	"github.com/qmuntal/stateless"
	"github.com/saleskit/saleskit/lifecycle"
)

// The machine every library builds: a ticket that loops
//
//	open --start--> working --submit--> review --reopen--> open
//
// and leaves the loop only by review --approve--> done, which needs a
// sign-off. Each library expresses the sign-off its own documented way:
//
//   - lifecycle: a blocking gate on the transition requiring the checklist
//     item "signed_off"; the instance records the item with Tick.
//   - looplab/fsm: a before_approve callback that cancels the event unless
//     the ticket is signed off.
//   - stateless: a guard function on the Permit that reads the ticket's
//     signed-off flag.
//
// What each does per successful fire differs, and the figures must be read
// with it:
//
//   - lifecycle appends an audit Step (from, to, trigger, time, actor) to
//     the instance's history, returns the transition's effects, and on a
//     refusal returns a *Refusal naming the gate and each missing item,
//     with a Reason in English and Chinese on request. Definitions are
//     immutable and shared by any number of instances, which are plain
//     data (JSON round-trip).
//   - looplab/fsm keeps the current state only; every Event takes two
//     mutexes, makes a cancellable context and an *Event. A refusal is a
//     CanceledError wrapping the callback's error.
//   - stateless keeps the current state only (or reads and writes it through
//     accessor functions); it supports hierarchical states, entry and exit
//     actions and parameterised triggers, none used here. A refusal is an
//     error from the unhandled-trigger action, naming the unmet guards.
const (
	stOpen    = "open"
	stWorking = "working"
	stReview  = "review"
	stDone    = "done"

	trStart   = "start"
	trSubmit  = "submit"
	trReopen  = "reopen"
	trApprove = "approve"

	itemSignedOff = "signed_off"
)

// cycle is the loop's triggers, from open back to open.
var cycle = []string{trStart, trSubmit, trReopen}

var t0 = time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC)

type (
	ticketState   string
	ticketTrigger string
)

// lifecycleTicket builds the ticket lifecycle with lifecycle's Builder.
func lifecycleTicket(tb testing.TB) *lifecycle.Definition[ticketState, ticketTrigger] {
	tb.Helper()
	d, err := lifecycle.NewBuilder[ticketState, ticketTrigger]("ticket").
		State(lifecycle.State[ticketState]{Key: stOpen, Kind: lifecycle.Initial}).
		State(lifecycle.State[ticketState]{Key: stWorking}).
		State(lifecycle.State[ticketState]{Key: stReview}).
		State(lifecycle.State[ticketState]{Key: stDone, Kind: lifecycle.Terminal, Outcome: lifecycle.Won}).
		Item(lifecycle.Item{Key: itemSignedOff}).
		Permit(stOpen, trStart, stWorking).
		Permit(stWorking, trSubmit, stReview).
		Permit(stReview, trReopen, stOpen).
		Permit(stReview, trApprove, stDone, lifecycle.Gate{Name: "sign-off", Items: []string{itemSignedOff}}).
		Build()
	if err != nil {
		tb.Fatal(err)
	}
	return d
}

// errNotSignedOff is the refusal looplab/fsm's callback gives.
var errNotSignedOff = errors.New("ticket not signed off")

// record is the audit entry the audited tickets of looplab/fsm and
// stateless append on every transition: the closest equivalent of a
// lifecycle Step, which also holds a step kind, a note and a pause date.
type record struct {
	From, To, Trigger string
	At                time.Time
	Actor             string
}

// fsmTicket is a ticket driven by looplab/fsm, as its README's "usage as a
// struct field" example builds one. An audited ticket appends a record to
// its history in an enter_state callback.
type fsmTicket struct {
	signedOff bool
	history   []record
	FSM       *fsm.FSM
}

func newFSMTicket(audited bool) *fsmTicket {
	t := &fsmTicket{}
	cbs := fsm.Callbacks{
		"before_" + trApprove: func(_ context.Context, e *fsm.Event) {
			if !t.signedOff {
				e.Cancel(errNotSignedOff)
			}
		},
	}
	if audited {
		cbs["enter_state"] = func(_ context.Context, e *fsm.Event) {
			t.history = append(t.history, record{From: e.Src, To: e.Dst, Trigger: e.Event, At: t0, Actor: "rep"})
		}
	}
	t.FSM = fsm.NewFSM(stOpen,
		fsm.Events{
			{Name: trStart, Src: []string{stOpen}, Dst: stWorking},
			{Name: trSubmit, Src: []string{stWorking}, Dst: stReview},
			{Name: trReopen, Src: []string{stReview}, Dst: stOpen},
			{Name: trApprove, Src: []string{stReview}, Dst: stDone},
		},
		cbs,
	)
	return t
}

// statelessTicket is a ticket driven by qmuntal/stateless, as its README
// configures a machine with Configure and Permit. An audited ticket
// appends a record to its history in an OnTransitioned callback.
type statelessTicket struct {
	signedOff bool
	history   []record
	SM        *stateless.StateMachine
}

func newStatelessTicket(audited bool) *statelessTicket {
	t := &statelessTicket{}
	sm := stateless.NewStateMachine(stOpen)
	sm.Configure(stOpen).Permit(trStart, stWorking)
	sm.Configure(stWorking).Permit(trSubmit, stReview)
	sm.Configure(stReview).
		Permit(trReopen, stOpen).
		Permit(trApprove, stDone, func(context.Context, ...any) bool { return t.signedOff })
	sm.Configure(stDone)
	if audited {
		sm.OnTransitioned(func(_ context.Context, tr stateless.Transition) {
			t.history = append(t.history, record{From: tr.Source.(string), To: tr.Destination.(string), Trigger: tr.Trigger.(string), At: t0, Actor: "rep"})
		})
	}
	t.SM = sm
	return t
}

// scenario is what TestMachinesAgree runs on each library: the outcome of
// every step, comparable across libraries.
type scenario struct {
	states    []string // the state after each fire of the loop
	refused   bool     // approve without sign-off was refused
	stayed    string   // the state after the refusal
	permitted []string // the triggers allowed in review without sign-off
	final     string   // the state after sign-off and approve
}

const scenarioCycles = 3

func runLifecycle(t *testing.T) scenario {
	d := lifecycleTicket(t)
	in := d.Start(t0, "rep")
	var s scenario
	for range scenarioCycles {
		for _, tr := range cycle {
			if _, err := d.Fire(in, ticketTrigger(tr), t0, "rep"); err != nil {
				t.Fatal(err)
			}
			s.states = append(s.states, string(in.State()))
		}
	}
	for _, tr := range cycle[:2] {
		if _, err := d.Fire(in, ticketTrigger(tr), t0, "rep"); err != nil {
			t.Fatal(err)
		}
	}
	_, err := d.Fire(in, trApprove, t0, "rep")
	var r *lifecycle.Refusal
	s.refused = errors.As(err, &r) && len(r.Obstacles) == 1 && slices.Equal(r.Obstacles[0].Missing, []string{itemSignedOff})
	s.stayed = string(in.State())
	ps, err := d.Permitted(in, t0, "rep")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		if p.Allowed {
			s.permitted = append(s.permitted, string(p.Trigger))
		}
	}
	in.Tick(itemSignedOff)
	if _, err := d.Fire(in, trApprove, t0, "rep"); err != nil {
		t.Fatal(err)
	}
	s.final = string(in.State())
	// The history is the audit trail the other two do not keep: a start
	// step and one step for every fire that went through.
	if got, want := len(in.History()), 1+3*scenarioCycles+2+1; got != want {
		t.Errorf("len(History()) = %d, want %d", got, want)
	}
	return s
}

func runFSM(t *testing.T) scenario {
	ctx := context.Background()
	tk := newFSMTicket(true)
	var s scenario
	for range scenarioCycles {
		for _, tr := range cycle {
			if err := tk.FSM.Event(ctx, tr); err != nil {
				t.Fatal(err)
			}
			s.states = append(s.states, tk.FSM.Current())
		}
	}
	for _, tr := range cycle[:2] {
		if err := tk.FSM.Event(ctx, tr); err != nil {
			t.Fatal(err)
		}
	}
	err := tk.FSM.Event(ctx, trApprove)
	var c fsm.CanceledError
	s.refused = errors.As(err, &c) && errors.Is(c.Err, errNotSignedOff)
	s.stayed = tk.FSM.Current()
	// AvailableTransitions lists the events the current state has, in map
	// order and without running callbacks, so it cannot see the sign-off.
	// The closest equivalent of "allowed now" is to ask the same question
	// the callback asks for the one guarded event.
	for _, ev := range sortedTransitions(tk.FSM) {
		if ev != trApprove || tk.signedOff {
			s.permitted = append(s.permitted, ev)
		}
	}
	tk.signedOff = true
	if err := tk.FSM.Event(ctx, trApprove); err != nil {
		t.Fatal(err)
	}
	s.final = tk.FSM.Current()
	checkAudit(t, tk.history)
	return s
}

// checkAudit checks an audited ticket's history after the scenario: one
// record for every fire that went through, as lifecycle's history has
// (less its start step), the refused approve not among them.
func checkAudit(t *testing.T, h []record) {
	t.Helper()
	if got, want := len(h), 3*scenarioCycles+2+1; got != want {
		t.Errorf("len(history) = %d, want %d", got, want)
	}
	if got, want := h[len(h)-1], (record{From: stReview, To: stDone, Trigger: trApprove, At: t0, Actor: "rep"}); got != want {
		t.Errorf("last record = %+v, want %+v", got, want)
	}
}

// sortedTransitions is AvailableTransitions in the order the ticket
// declares its events, for comparison.
func sortedTransitions(f *fsm.FSM) []string {
	order := map[string]int{trStart: 0, trSubmit: 1, trReopen: 2, trApprove: 3}
	evs := f.AvailableTransitions()
	slices.SortFunc(evs, func(a, b string) int { return order[a] - order[b] })
	return evs
}

func runStateless(t *testing.T) scenario {
	tk := newStatelessTicket(true)
	var s scenario
	for range scenarioCycles {
		for _, tr := range cycle {
			if err := tk.SM.Fire(tr); err != nil {
				t.Fatal(err)
			}
			s.states = append(s.states, tk.SM.MustState().(string))
		}
	}
	for _, tr := range cycle[:2] {
		if err := tk.SM.Fire(tr); err != nil {
			t.Fatal(err)
		}
	}
	s.refused = tk.SM.Fire(trApprove) != nil
	s.stayed = tk.SM.MustState().(string)
	ts, err := tk.SM.PermittedTriggers()
	if err != nil {
		t.Fatal(err)
	}
	for _, tr := range ts {
		s.permitted = append(s.permitted, tr.(string))
	}
	tk.signedOff = true
	if err := tk.SM.Fire(trApprove); err != nil {
		t.Fatal(err)
	}
	s.final = tk.SM.MustState().(string)
	checkAudit(t, tk.history)
	return s
}

// TestMachinesAgree runs the ticket scenario on all three libraries and
// checks they end in the same states: three loops, a refused approve that
// leaves the ticket in review, reopen as the only trigger allowed there,
// and done after sign-off. The benchmarks time these same steps.
func TestMachinesAgree(t *testing.T) {
	var loop []string
	for range scenarioCycles {
		loop = append(loop, stWorking, stReview, stOpen)
	}
	want := scenario{states: loop, refused: true, stayed: stReview, permitted: []string{trReopen}, final: stDone}
	for _, c := range []struct {
		name string
		run  func(*testing.T) scenario
	}{
		{"lifecycle", runLifecycle},
		{"looplab-fsm", runFSM},
		{"stateless", runStateless},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := c.run(t)
			if !slices.Equal(got.states, want.states) || got.refused != want.refused || got.stayed != want.stayed ||
				!slices.Equal(got.permitted, want.permitted) || got.final != want.final {
				t.Errorf("%s scenario = %+v, want %+v", c.name, got, want)
			}
		})
	}
}
