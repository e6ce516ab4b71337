package lifecycle_test

import (
	"encoding/json"
	"errors"
	"maps"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"
	"time"
	_ "time/tzdata" // the zones below, on machines without a zone database

	"github.com/google/go-cmp/cmp"

	"github.com/saleskit/saleskit/lifecycle"
)

// op is one thing done to an instance: kind says what, arg which trigger,
// item, value or probability, and step how far the clock moves from the
// last step (negative: earlier, which must fail).
type op struct {
	kind byte // 0–2 fire, 3 tick or clear, 4 pause or resume, 5 override, 6 record a fact
	arg  int
	step time.Duration
}

const opKinds = 7

// opsFromBytes reads ops from pairs of bytes: the kind, with the top bit
// asking for an earlier time, and the argument.
func opsFromBytes(b []byte) []op {
	var ops []op
	for i := 0; i+1 < len(b); i += 2 {
		o := op{kind: b[i] & 0x7f % opKinds, arg: int(b[i+1]), step: time.Duration(b[i+1]%5) * time.Hour}
		if b[i]&0x80 != 0 {
			o.step = -time.Hour
		}
		ops = append(ops, o)
	}
	return ops
}

func randomOps(r *rand.Rand, n int) []op {
	ops := make([]op, n)
	for i := range ops {
		ops[i] = op{kind: byte(r.IntN(opKinds)), arg: r.IntN(256), step: time.Duration(r.IntN(72)) * time.Hour}
		if r.IntN(20) == 0 {
			ops[i].step = -time.Duration(1+r.IntN(3)) * time.Hour
		}
	}
	return ops
}

// keys returns the triggers of d's transitions, once each, and one it does
// not have, and the keys of its items.
func keys[S, T ~string](d *lifecycle.Definition[S, T]) ([]T, []string) {
	sp := d.Spec()
	var triggers []T
	for _, tr := range sp.Transitions {
		if !contains(triggers, tr.Trigger) {
			triggers = append(triggers, tr.Trigger)
		}
	}
	triggers = append(triggers, "no-such-trigger")
	var items []string
	for _, it := range sp.Items {
		items = append(items, it.Key)
	}
	return triggers, items
}

func contains[E comparable](list []E, e E) bool {
	for _, x := range list {
		if x == e {
			return true
		}
	}
	return false
}

// twin drives a Definition's instance and the naive model side by side.
type twin[S, T ~string] struct {
	d            *lifecycle.Definition[S, T]
	in           *lifecycle.Instance[S, T]
	n            *naive[S, T]
	triggers     []T
	items        []string
	start, clock time.Time // the first step and the last
}

func newTwin[S, T ~string](d *lifecycle.Definition[S, T], start time.Time) *twin[S, T] {
	triggers, items := keys(d)
	return &twin[S, T]{d: d, in: d.Start(start, "fuzz"), n: newNaive(d.Spec(), start, "fuzz"), triggers: triggers, items: items, start: start, clock: start}
}

// apply does o on both sides and fails t where they disagree, where a failed
// call changed the instance, or where the instance no longer checks.
func (w *twin[S, T]) apply(t testing.TB, i int, o op) {
	t.Helper()
	at := w.clock.Add(o.step)
	// compare, below, also shows that a failed call changed nothing: the
	// naive model does not change on failure.
	switch o.kind {
	case 0, 1, 2:
		tr := w.triggers[o.arg%len(w.triggers)]
		res := w.n.fire(tr, at, "fuzz", "")
		move, err := w.d.Fire(w.in, tr, at, "fuzz")
		var r *lifecycle.Refusal
		switch {
		case res.err != nil:
			if !errors.Is(err, res.err) {
				t.Fatalf("op %d: Fire(%q) = %v, want %v", i, tr, err, res.err)
			}
		case res.refused:
			if !errors.As(err, &r) {
				t.Fatalf("op %d: Fire(%q) = %v, want a refusal with %v", i, tr, err, res.obstacles)
			}
			if !slices.EqualFunc(res.obstacles, r.Obstacles, sameObstacle) {
				t.Fatalf("op %d: Fire(%q) obstacles (-naive +definition):\n%s", i, tr, cmp.Diff(res.obstacles, r.Obstacles))
			}
		default:
			if err != nil {
				t.Fatalf("op %d: Fire(%q) = %v, want %+v", i, tr, err, res.move)
			}
			var effects []lifecycle.Effect
			for e := range move.Effects.All() {
				effects = append(effects, e)
			}
			move.Effects = lifecycle.Effects{}
			if !sameMove(res.move, move) || !slices.EqualFunc(res.effects, effects, sameEffect) {
				t.Fatalf("op %d: Fire(%q) move (-naive +definition):\n%s%s", i, tr,
					cmp.Diff(res.move, move, cmp.Comparer(func(a, b lifecycle.Effects) bool { return a.Len() == b.Len() })), cmp.Diff(res.effects, effects))
			}
			w.clock = at
		}
	case 3:
		if len(w.items) == 0 {
			return
		}
		key := w.items[o.arg%len(w.items)]
		if _, ok := w.in.Fact(key); ok {
			w.in.Clear(key)
			delete(w.n.facts, key)
		} else {
			w.in.Tick(key)
			w.n.facts[key] = "done"
		}
	case 4:
		var want, err error
		if _, paused := w.in.Paused(); paused {
			want = w.n.doResume(at, "fuzz")
			err = w.d.Resume(w.in, at, "fuzz")
		} else {
			var until lifecycle.Date
			if o.arg%2 == 0 {
				until = lifecycle.DateOf(at.Add(48 * time.Hour))
			}
			want = w.n.doPause(at, "fuzz", "reason "+strconv.Itoa(o.arg), until)
			err = w.d.Pause(w.in, at, "fuzz", "reason "+strconv.Itoa(o.arg), until)
		}
		if !sameError(err, want) {
			t.Fatalf("op %d: pause or resume = %v, want %v", i, err, want)
		}
		if err == nil {
			w.clock = at
		}
	case 5:
		p := float64(o.arg) / 255
		if o.arg == 255 {
			p = math.NaN()
		}
		want := w.n.overrideProbability(p)
		if err := w.in.OverrideProbability(p); !sameError(err, want) {
			t.Fatalf("op %d: OverrideProbability(%v) = %v, want %v", i, p, err, want)
		}
	case 6:
		if len(w.items) == 0 {
			return
		}
		key, value := w.items[o.arg%len(w.items)], strconv.Itoa(o.arg%3)
		if value == "0" {
			value = ""
		}
		w.in.SetFact(key, value)
		if value == "" {
			delete(w.n.facts, key)
		} else {
			w.n.facts[key] = value
		}
	}
	w.compare(t, i)
}

// compare fails t where the instance and the naive model differ.
func (w *twin[S, T]) compare(t testing.TB, i int) {
	t.Helper()
	in, n := w.in, w.n
	type view struct {
		state            S
		entered, pauseAt int64
		prob             uint64
		override, paused bool
		reason           string
		until            lifecycle.Date
		steps            int
	}
	pause, paused := in.Paused()
	got := view{in.State(), in.Entered().UnixNano(), pause.At.UnixNano(), math.Float64bits(in.Probability()), in.Overridden(), paused, pause.Reason, pause.Until, len(in.History())}
	want := view{n.state, n.entered.UnixNano(), n.pause.At.UnixNano(), math.Float64bits(n.prob), n.override, n.paused, n.pause.Reason, n.pause.Until, len(n.history)}
	if got != want {
		t.Fatalf("op %d: state, entered, pause, probability, override, steps:\n%+v, want\n%+v", i, got, want)
	}
	if facts := in.Facts(); !maps.Equal(facts, n.facts) {
		t.Fatalf("op %d: facts (-naive +definition):\n%s", i, cmp.Diff(n.facts, facts))
	}
	if h := in.History(); !slices.EqualFunc(n.history, h, sameStep) {
		t.Fatalf("op %d: history (-naive +definition):\n%s", i, cmp.Diff(n.history, h))
	}
	if err := w.d.Check(in); err != nil {
		t.Fatalf("op %d: Check = %v", i, err)
	}
	if s, err := w.d.Replay(in.History()); err != nil || s != in.State() {
		t.Fatalf("op %d: Replay = %q, %v; state %q", i, s, err, in.State())
	}
}

// sameObstacle, sameEffect, sameMove and sameMeasures are cheap equality
// for the cross-checks, which compare after every operation; cmp.Diff
// explains a difference they find.
func sameObstacle(a, b lifecycle.Obstacle) bool {
	return a.Kind == b.Kind && a.Name == b.Name && a.Mode == b.Mode && slices.Equal(a.Missing, b.Missing) && a.Message == b.Message && a.Err == b.Err
}

func sameEffect(a, b lifecycle.Effect) bool {
	return a.Kind == b.Kind && a.Key == b.Key && maps.Equal(a.Labels, b.Labels)
}

func sameMove[S, T ~string](a, b lifecycle.Move[S, T]) bool {
	return a.From == b.From && a.To == b.To && a.Trigger == b.Trigger && a.Internal == b.Internal &&
		slices.EqualFunc(a.Advisories, b.Advisories, sameObstacle) && slices.Equal(a.Forgotten, b.Forgotten)
}

func sameMeasures[S ~string](a, b lifecycle.Measures[S]) bool {
	return a.State == b.State && slices.Equal(a.Path, b.Path) && slices.Equal(a.Time, b.Time) && a.Age == b.Age &&
		a.Paused == b.Paused && slices.Equal(a.Loops, b.Loops) && a.Stale == b.Stale
}

// sameStep reports whether a and b record the same step at the same
// instant.
func sameStep[S, T ~string](a, b lifecycle.Step[S, T]) bool {
	return a.Kind == b.Kind && a.From == b.From && a.To == b.To && a.Trigger == b.Trigger && a.At.Equal(b.At) &&
		a.Actor == b.Actor && a.Note == b.Note && a.Until == b.Until
}

// measure compares Measure and Stale with the naive model as of asOf, and
// checks that the time in states adds up to the instance's life.
func (w *twin[S, T]) measure(t testing.TB, asOf time.Time) {
	t.Helper()
	m, err := w.d.Measure(w.in, asOf)
	if err != nil {
		t.Fatal(err)
	}
	if want := w.n.measure(asOf); !sameMeasures(want, m) {
		t.Fatalf("Measure(%v) (-naive +definition):\n%s", asOf, cmp.Diff(want, m))
	}
	if s := w.d.Stale(w.in, asOf); s != m.Stale {
		t.Fatalf("Stale(%v) = %v, Measure says %v", asOf, s, m.Stale)
	}
	var total time.Duration
	for _, st := range m.Time {
		if st.Time < 0 || st.Paused < 0 {
			t.Fatalf("negative time in %q: %+v", st.State, st)
		}
		total += st.Time + st.Paused
	}
	if life := asOf.Sub(w.start); life >= 0 && total != life {
		t.Fatalf("time in states as of %v adds up to %v, want %v", asOf, total, life)
	}
}

// run applies ops and measures as of instants before, inside and after the
// history.
func (w *twin[S, T]) run(t testing.TB, ops []op) {
	t.Helper()
	for i, o := range ops {
		w.apply(t, i, o)
	}
	span := w.clock.Sub(w.start)
	for _, asOf := range []time.Time{w.start.Add(-time.Hour), w.start, w.start.Add(span / 3), w.start.Add(span / 2), w.clock, w.clock.Add(90 * time.Hour)} {
		w.measure(t, asOf)
	}
}

// TestEngineMatchesNaive cross-checks Fire, Pause, Resume, the facts, the
// probability and Measure with the naive model, on the presets and on
// generated definitions, over generated operations.
func TestEngineMatchesNaive(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 10 {
		newTwin(lifecycle.SalesProject(), t0).run(t, randomOps(r, 150))
		newTwin(lifecycle.Opportunity(), t0).run(t, randomOps(r, 150))
		newTwin(lifecycle.Customer(), t0).run(t, randomOps(r, 150))
		newTwin(lifecycle.TelesalesLead(), t0).run(t, randomOps(r, 150))
	}
	for range 300 {
		sp := randomSpec(r)
		d, err := lifecycle.NewBuilder[string, string]("").Spec(sp).Build()
		if err != nil {
			t.Fatalf("generated spec does not build: %v\n%s", err, mustJSON(t, sp))
		}
		newTwin(d, t0).run(t, randomOps(r, 100))
	}
}

// randomSpec generates a lifecycle that builds: a chain of states from the
// initial one to the last, which is terminal or leads back to the first,
// with random gates, stay items, probabilities, effects and extra
// transitions.
func randomSpec(r *rand.Rand) lifecycle.Spec[string, string] {
	ns, ni := 2+r.IntN(5), r.IntN(6)
	sp := lifecycle.Spec[string, string]{Name: "random"}
	for i := range ni {
		sp.Items = append(sp.Items, lifecycle.Item{Key: "i" + strconv.Itoa(i)})
	}
	subset := func() []string {
		var out []string
		for _, it := range sp.Items {
			if r.IntN(3) == 0 {
				out = append(out, it.Key)
			}
		}
		return out
	}
	gates := func() []lifecycle.Gate {
		var gs []lifecycle.Gate
		for range r.IntN(3) {
			if items := subset(); len(items) > 0 {
				gs = append(gs, lifecycle.Gate{Mode: lifecycle.GateMode(r.IntN(2)), Items: items})
			}
		}
		return gs
	}
	effects := func(tag string) []lifecycle.Effect {
		var fs []lifecycle.Effect
		for k := range r.IntN(3) {
			fs = append(fs, lifecycle.Effect{Kind: "task", Key: tag + "." + strconv.Itoa(k)})
		}
		return fs
	}
	terminal := r.IntN(2) == 0
	for i := range ns {
		key := "s" + strconv.Itoa(i)
		s := lifecycle.State[string]{Key: key, StaleAfterDays: r.IntN(3), StayItems: subset(), Entry: gates(), Exit: gates(),
			OnEnter: effects(key + ".in"), OnExit: effects(key + ".out")}
		if i == 0 {
			s.Kind = lifecycle.Initial
		}
		if i == ns-1 && terminal {
			s.Kind, s.Exit, s.OnExit = lifecycle.Terminal, nil, nil
		}
		if r.IntN(2) == 0 {
			s.Probability = lifecycle.Prob(float64(r.IntN(11)) / 10)
		}
		sp.States = append(sp.States, s)
	}
	for i := range ns - 1 {
		sp.Transitions = append(sp.Transitions, lifecycle.Transition[string, string]{From: "s" + strconv.Itoa(i), Trigger: "next", To: "s" + strconv.Itoa(i+1), Gates: gates()})
	}
	if !terminal {
		sp.Transitions = append(sp.Transitions, lifecycle.Transition[string, string]{From: "s" + strconv.Itoa(ns-1), Trigger: "next", To: "s0"})
	}
	for k := range r.IntN(6) {
		from := r.IntN(ns)
		if terminal && from == ns-1 {
			continue
		}
		tr := lifecycle.Transition[string, string]{From: "s" + strconv.Itoa(from), Trigger: "x" + strconv.Itoa(k), Gates: gates(), Effects: effects("x" + strconv.Itoa(k))}
		if r.IntN(3) == 0 {
			tr.Internal = true
		} else {
			tr.To = "s" + strconv.Itoa(r.IntN(ns))
		}
		sp.Transitions = append(sp.Transitions, tr)
	}
	return sp
}

// zones are locations whose clocks disagree with UTC in every way: whole and
// fractional offsets, daylight saving on either hemisphere, changes at
// midnight.
var zones = func() []*time.Location {
	var out []*time.Location
	for _, name := range []string{"UTC", "Asia/Shanghai", "America/Santiago", "America/Sao_Paulo", "Asia/Tehran", "Asia/Kolkata", "Pacific/Chatham", "America/St_Johns", "Europe/London", "Asia/Beirut"} {
		loc, err := time.LoadLocation(name)
		if err != nil {
			panic(err)
		}
		out = append(out, loc)
	}
	return out
}()

// outcome runs o on in with the instant at and returns what happened as
// bytes: the JSON of the move or refusal, or the sentinel of an error.
func outcome[S, T ~string](t testing.TB, d *lifecycle.Definition[S, T], in *lifecycle.Instance[S, T], triggers []T, items []string, o op, at time.Time) (string, bool) {
	t.Helper()
	var err error
	switch o.kind {
	case 0, 1, 2:
		var move lifecycle.Move[S, T]
		move, err = d.Fire(in, triggers[o.arg%len(triggers)], at, "fuzz")
		var r *lifecycle.Refusal
		if errors.As(err, &r) {
			return "refused " + mustJSON(t, r), false
		}
		if err == nil {
			return "move " + mustJSON(t, move), true
		}
	case 3, 6:
		if len(items) > 0 {
			in.SetFact(items[o.arg%len(items)], strconv.Itoa(o.arg%2))
		}
		return "fact", false
	case 4:
		if _, paused := in.Paused(); paused {
			err = d.Resume(in, at, "fuzz")
		} else {
			err = d.Pause(in, at, "fuzz", "r", lifecycle.DateOf(at.Add(48*time.Hour)))
		}
		if err == nil {
			return "paused or resumed", true
		}
	case 5:
		if err := in.OverrideProbability(float64(o.arg) / 255); err != nil {
			t.Fatal(err)
		}
		return "override " + strconv.FormatUint(math.Float64bits(in.Probability()), 16), false
	}
	for _, s := range []error{lifecycle.ErrTimeOrder, lifecycle.ErrPaused, lifecycle.ErrNotPaused, lifecycle.ErrTerminal} {
		if errors.Is(err, s) {
			return "error " + s.Error(), false
		}
	}
	t.Fatalf("unexpected error %v", err)
	return "", false
}

// TestSameInstantsSameResults checks that results depend on instants alone:
// the same operations at the same instants, written in other locations, on
// a definition rebuilt from its JSON and an instance re-decoded from JSON
// before every operation, give the same bytes: every move, refusal,
// permission and measure, and the probability.
func TestSameInstantsSameResults(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	specs := []lifecycle.Spec[string, string]{}
	for _, p := range presets() {
		var sp lifecycle.Spec[string, string]
		if err := json.Unmarshal([]byte(mustJSON(t, p.def)), &sp); err != nil {
			t.Fatal(err)
		}
		specs = append(specs, sp)
	}
	for range 16 {
		specs = append(specs, randomSpec(r))
	}
	for k, sp := range specs {
		a, err := lifecycle.NewBuilder[string, string]("").Spec(sp).Build()
		if err != nil {
			t.Fatal(err)
		}
		var again lifecycle.Spec[string, string]
		if err := json.Unmarshal([]byte(mustJSON(t, a)), &again); err != nil {
			t.Fatal(err)
		}
		b, err := lifecycle.NewBuilder[string, string]("").Spec(again).Build()
		if err != nil {
			t.Fatal(err)
		}
		triggers, items := keys(a)
		start := t0.Add(time.Duration(r.IntN(1<<20)) * time.Minute)
		ina, inb := a.Start(start, "fuzz"), b.Start(start.In(zones[k%len(zones)]), "fuzz")
		clock := start
		for i, o := range randomOps(r, 100) {
			loc := zones[(i+k)%len(zones)]
			var back lifecycle.Instance[string, string]
			if err := json.Unmarshal([]byte(mustJSON(t, inb)), &back); err != nil {
				t.Fatal(err)
			}
			inb = &back
			at := clock.Add(o.step)
			got, moved := outcome(t, b, inb, triggers, items, o, at.In(loc))
			want, _ := outcome(t, a, ina, triggers, items, o, at)
			if got != want {
				t.Fatalf("spec %d, op %d at %v: outcome\n%s\nwant\n%s", k, i, at.In(loc), got, want)
			}
			if moved {
				clock = at
			}
			asOf := clock.Add(time.Duration(r.IntN(200)-100) * time.Hour)
			ma, _ := a.Measure(ina, asOf)
			mb, _ := b.Measure(inb, asOf.In(zones[(i+k+3)%len(zones)]))
			pa, _ := a.Permitted(ina, asOf, "fuzz")
			pb, _ := b.Permitted(inb, asOf.In(loc), "fuzz")
			if ga, gb := mustJSON(t, ma)+mustJSON(t, pa), mustJSON(t, mb)+mustJSON(t, pb); ga != gb {
				t.Fatalf("spec %d, op %d: measures and permissions as of %v\n%s\nwant\n%s", k, i, asOf, gb, ga)
			}
			if a.Stale(ina, asOf) != b.Stale(inb, asOf.In(loc)) {
				t.Fatalf("spec %d, op %d: Stale differs", k, i)
			}
		}
		if err := b.Check(inb); err != nil {
			t.Fatalf("spec %d: Check of the re-decoded instance = %v", k, err)
		}
	}
}
