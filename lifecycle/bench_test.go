package lifecycle

import (
	"encoding/json"
	"testing"
	"time"
)

// projectFacts are all the items the SalesProject gates ask for.
var projectFacts = []string{
	"background_clarified", "goal_defined", "feasibility_assessed", "market_researched",
	"target_smart", "target_split", "team_assigned", "budget_assigned", "tools_assigned",
	"market_analysis", "customer_strategy", "competitor_analysis", "bid_approved",
	"evaluation_done", "review_report",
}

var benchT0 = time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC)

// projectInExecution returns a sales project in execution with every gate
// item met.
func projectInExecution(tb testing.TB) *Instance[Phase, ProjectTrigger] {
	tb.Helper()
	d := SalesProject()
	in := d.Start(benchT0, "bench")
	for _, k := range projectFacts {
		in.Tick(k)
	}
	in.SetFact("sales_target", "10000000")
	for _, tr := range []ProjectTrigger{ProjectApprove, ProjectSetGoals, ProjectAllocate, ProjectLaunch} {
		if _, err := d.Fire(in, tr, benchT0, "bench"); err != nil {
			tb.Fatal(err)
		}
	}
	return in
}

// loop is the SalesProject loop from execution back to execution, twice:
// once through strategy, once straight back.
var loop = []ProjectTrigger{ProjectReview, ProjectAdjust, ProjectLaunch, ProjectReview, ProjectContinue}

// BenchmarkFireLoop fires the SalesProject loop execution → monitoring →
// strategy → execution → monitoring → execution, over and over, on one
// instance whose history is cut back to its first five steps (still ending
// in execution) every 51 loops, so the history's capacity is reused as it is
// for a long-lived instance: the steady state of an amortised append.
// Budget: ≤ 30 ns/op, no allocation beyond the amortised history append.
//
// Firing does no map lookups and builds no strings on success: the instance
// caches its state's index and its facts as a bit set over the definition's
// items, and each transition holds its precomputed gate masks and effects.
func BenchmarkFireLoop(b *testing.B) {
	d := SalesProject()
	in := projectInExecution(b)
	at := benchT0
	i := 0
	b.ReportAllocs()
	for b.Loop() {
		if _, err := d.Fire(in, loop[i], at, "rep"); err != nil {
			b.Fatal(err)
		}
		i++
		if i == len(loop) {
			i = 0
			if len(in.history) >= 5+51*len(loop) {
				in.history = in.history[:5]
			}
		}
	}
}

// BenchmarkFireLoopGrowing is BenchmarkFireLoop on a fresh clone of a
// project in execution every 51 loops, so every history reallocation and
// the clones themselves are timed: the cost with growth included.
// Budget: none of its own; it shows what history growth adds to
// BenchmarkFireLoop.
func BenchmarkFireLoopGrowing(b *testing.B) {
	d := SalesProject()
	tmpl := projectInExecution(b)
	in := tmpl.Clone()
	at := benchT0
	i := 0
	b.ReportAllocs()
	for b.Loop() {
		if _, err := d.Fire(in, loop[i%len(loop)], at, "rep"); err != nil {
			b.Fatal(err)
		}
		i++
		if i == 51*len(loop) {
			i = 0
			in = tmpl.Clone()
		}
	}
}

// BenchmarkFireRefused fires approve on a project in initiation with nothing
// ticked: a refusal naming the gate and its three missing items.
// Budget: ≤ 300 ns/op, explanation included.
func BenchmarkFireRefused(b *testing.B) {
	d := SalesProject()
	in := d.Start(benchT0, "bench")
	b.ReportAllocs()
	for b.Loop() {
		_, err := d.Fire(in, ProjectApprove, benchT0, "rep")
		if r, ok := err.(*Refusal); !ok || len(r.Obstacles) != 2 || len(r.Obstacles[0].Missing) != 3 {
			b.Fatal(err)
		}
	}
}

// BenchmarkPermitted lists the five triggers of a project in monitoring, one
// of them blocked by a missing item.
// Budget: ≤ 500 ns/op.
func BenchmarkPermitted(b *testing.B) {
	d := SalesProject()
	in := projectInExecution(b)
	in.Clear("evaluation_done")
	if _, err := d.Fire(in, ProjectReview, benchT0, "bench"); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		ps, err := d.Permitted(in, benchT0, "rep")
		if err != nil || len(ps) != 5 || ps[3].Allowed {
			b.Fatal(ps, err)
		}
	}
}

// BenchmarkBuildSalesProject builds the SalesProject preset from its
// JSON-decoded Spec.
// Budget: ≤ 10 µs/op.
func BenchmarkBuildSalesProject(b *testing.B) {
	data, err := json.Marshal(SalesProject())
	if err != nil {
		b.Fatal(err)
	}
	var sp Spec[Phase, ProjectTrigger]
	if err := json.Unmarshal(data, &sp); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := NewBuilder[Phase, ProjectTrigger]("").Spec(sp).Build(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSalesProject calls the SalesProject preset: a fresh Definition
// built from the Spec decoded once.
// Budget: ≤ 20 µs/op.
func BenchmarkSalesProject(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if SalesProject().Name() != "sales-project" {
			b.Fatal("wrong preset")
		}
	}
}

// BenchmarkDecodeSalesProject decodes the embedded SalesProject file: what
// every preset call would cost on top of the build if presets did not keep
// the decoded Spec.
// Budget: none; it prices the cache in presetSpec.
func BenchmarkDecodeSalesProject(b *testing.B) {
	data, err := presetFiles.ReadFile("presets/sales_project.json")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		var sp Spec[Phase, ProjectTrigger]
		if err := json.Unmarshal(data, &sp); err != nil {
			b.Fatal(err)
		}
	}
}
