package target_test

import (
	"flag"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/saleskit/saleskit/target"
	"github.com/shopspring/decimal"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata from the current output")

// golden compares got with testdata/name, or rewrites it under -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s (-want +got):\n%s", name, diff)
	}
}

// reasonScenarios produces every reason the package gives, from real calls
// on worked examples, scenario by scenario.
func reasonScenarios(t *testing.T) map[string][]target.Reason {
	t.Helper()
	out := map[string][]target.Reason{}
	// assess keeps the failing verdicts' reasons, or every reason of a
	// goal that passes.
	assess := func(name string, a target.Assessment) {
		for _, v := range a.Verdicts {
			if !v.OK || a.OK() {
				out[name] = append(out[name], v.Reasons...)
			}
		}
	}
	goal := func(edit func(*target.Goal)) target.Goal {
		g := revenueGoal()
		edit(&g)
		return g
	}
	assess("a sound goal", target.Check(revenueGoal(), nil, nil))
	assess("no baseline", target.Check(goal(func(g *target.Goal) { g.Baseline = decimal.Decimal{} }), nil, nil))
	assess("an empty draft", target.Check(target.Goal{}, nil, nil))
	assess("a custom metric without a name", target.Check(goal(func(g *target.Goal) { g.Metric = target.MetricCustom }), nil, nil))
	assess("an exponent out of range", target.Check(goal(func(g *target.Goal) { g.Baseline = decimal.New(1, -20000) }), nil, nil))
	assess("negative amounts", target.Check(goal(func(g *target.Goal) { g.Target, g.Baseline = d("-5"), d("-8") }), nil, nil))
	assess("half a deal", target.Check(goal(func(g *target.Goal) {
		g.Metric, g.Unit, g.Target, g.Baseline = target.MetricDealCount, "deals", d("10.5"), d("10")
	}), nil, nil))
	assess("a ratio above 1", target.Check(goal(func(g *target.Goal) {
		g.Metric, g.Unit, g.Target, g.Baseline = target.MetricConversionRate, "fraction", d("25"), d("20")
	}), nil, nil))
	capacity := target.DefaultPolicy()
	capacity.Capacity = decimal.NewNullDecimal(d("15000000"))
	assess("growth and capacity above the policy", target.Check(goal(func(g *target.Goal) { g.Target = d("18000000") }), nil, &capacity))
	assess("within capacity, no improvement", target.Check(goal(func(g *target.Goal) { g.Target = d("7000000") }), nil, &capacity))
	days := func(g *target.Goal) {
		g.Metric, g.MetricName, g.Aggregation, g.Unit, g.Direction = target.MetricCustom, "days to close", target.Ratio, "days", target.LowerIsBetter
	}
	assess("a cut beyond the policy", target.Check(goal(func(g *target.Goal) { days(g); g.Target, g.Baseline = d("30"), d("90") }), nil, nil))
	assess("a cut within the policy", target.Check(goal(func(g *target.Goal) { days(g); g.Target, g.Baseline = d("60"), d("90") }), nil, nil))

	parent := revenueGoal()
	child := func(edit func(*target.Goal)) target.Goal {
		g := revenueGoal()
		g.ID, g.Parent, g.Levels = "east", parent.ID, nil
		g.Start, g.End = day("2025-01-01"), day("2025-07-01")
		edit(&g)
		return g
	}
	assess("a child serving its parent", target.Check(child(func(*target.Goal) {}), &parent, nil))
	assess("a parent not given", target.Check(child(func(*target.Goal) {}), nil, nil))
	other := parent
	other.ID = "other"
	assess("checked against another goal", target.Check(child(func(*target.Goal) {}), &other, nil))
	assess("another unit", target.Check(child(func(g *target.Goal) { g.Unit = "USD" }), &parent, nil))
	assess("a driver metric", target.Check(child(func(g *target.Goal) {
		g.Metric, g.Unit, g.Target, g.Baseline = target.MetricDealCount, "deals", d("120"), d("100")
	}), &parent, nil))
	share := revenueGoal()
	share.ID, share.Metric, share.Unit, share.Target, share.Baseline = "share", target.MetricMarketShare, "fraction", d("0.1"), d("0.1")
	assess("a metric that does not serve", target.Check(child(func(g *target.Goal) {
		g.Metric, g.Unit, g.Target, g.Baseline, g.Parent = target.MetricCustomerSatisfaction, "fraction", d("0.9"), d("0.8"), "share"
	}), &share, nil))
	assess("an inverted period", target.Check(goal(func(g *target.Goal) { g.Start, g.End = g.End, g.Start }), nil, nil))
	assess("a short period", target.Check(goal(func(g *target.Goal) { g.End = day("2025-01-03") }), nil, nil))
	assess("a long period", target.Check(goal(func(g *target.Goal) { g.End = day("2027-01-01") }), nil, nil))
	assess("outside the parent's period", target.Check(child(func(g *target.Goal) { g.End = day("2026-02-01") }), &parent, nil))

	q := func(id, amount string) target.Goal {
		return child(func(g *target.Goal) { g.ID, g.Target = id, d(amount) })
	}
	conv := revenueGoal()
	conv.ID, conv.Metric, conv.Unit, conv.Target, conv.Baseline = "conv", target.MetricConversionRate, "fraction", d("0.25"), d("0.2")
	deals := child(func(g *target.Goal) {
		g.ID, g.Metric, g.Unit, g.Target, g.Baseline = "deals", target.MetricDealCount, "deals", d("100"), d("90")
	})
	convKid := child(func(g *target.Goal) {
		g.ID, g.Parent, g.Metric, g.Unit, g.Target = "conv-east", "conv", target.MetricConversionRate, "fraction", d("0.3")
	})
	for name, goals := range map[string][]target.Goal{
		"children that add up":    {parent, q("h1", "6000000"), q("h2", "4000000")},
		"children short":          {parent, q("h1", "6000000"), q("h2", "3000000")},
		"children over":           {parent, q("h1", "6000000"), q("h2", "5000000")},
		"a ratio's children":      {conv, convKid},
		"children by driver only": {parent, deals},
	} {
		rep, err := target.CheckTree(goals, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range rep.Sums {
			out["sum: "+name] = append(out["sum: "+name], s.Reason)
		}
	}

	plan := monthlyPlan(t)
	track := func(name, actual, asOf string, opts *target.TrackOptions) {
		p, err := target.Track(plan, d(actual), at(asOf), 2, opts)
		if err != nil {
			t.Fatal(err)
		}
		out["track: "+name] = append(out["track: "+name], p.Reason)
	}
	lower := &target.TrackOptions{Direction: target.LowerIsBetter}
	track("not started", "0", "2025-01-01", nil)
	track("ahead", "6600000", "2025-07-01", nil)
	track("on track", "6000000", "2025-07-01", nil)
	track("at risk", "5100000", "2025-07-01", nil)
	track("behind", "4800000", "2025-07-01", nil)
	track("nothing used", "0", "2025-07-01", lower)
	zero, err := target.SplitTime(d("0"), day("2025-01-01"), day("2026-01-01"), target.Month, 2, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, actual string
		opts         *target.TrackOptions
	}{{"zero plan, sales anyway", "500", nil}, {"zero plan, nothing done", "0", nil}, {"zero budget overspent", "500", lower}} {
		p, err := target.Track(zero, d(c.actual), at("2026-02-01"), 2, c.opts)
		if err != nil {
			t.Fatal(err)
		}
		out["track: "+c.name] = append(out["track: "+c.name], p.Reason)
	}
	assess("a date that does not exist", target.Check(goal(func(g *target.Goal) { g.End = target.Date{Year: 2025, Month: 2, Day: 30} }), nil, nil))

	para := paradoxPlan()
	r, err := target.Replan(para, ds("4"), at("2025-02-01"), 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range r.Paradoxes {
		out["replan: the Alabama paradox"] = append(out["replan: the Alabama paradox"], p.Reason)
	}
	return out
}

// TestReasonsGolden pins every reason's code and its sentence in English
// and in simplified Chinese, from real results.
func TestReasonsGolden(t *testing.T) {
	scenarios := reasonScenarios(t)
	names := make([]string, 0, len(scenarios))
	for n := range scenarios {
		names = append(names, n)
	}
	slices.Sort(names)
	var b strings.Builder
	for _, n := range names {
		b.WriteString("== " + n + "\n")
		for _, r := range scenarios[n] {
			b.WriteString(r.Code + "\n  en    " + r.Text("en") + "\n  zh-CN " + r.Text("zh-CN") + "\n")
			if strings.Contains(r.Text("en"), "?") || strings.Contains(r.Text("zh-CN"), "?") {
				t.Errorf("%s: %s cites a value it lacks: %q", n, r.Code, r.Text("en"))
			}
		}
	}
	golden(t, "reasons.golden", b.String())

	// Every code the package declares shows up.
	seen := map[string]bool{}
	for _, rs := range scenarios {
		for _, r := range rs {
			seen[r.Code] = true
		}
	}
	f, err := parser.ParseFile(token.NewFileSet(), "reason.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, decl := range f.Decls {
		g, ok := decl.(*ast.GenDecl)
		if !ok || g.Tok != token.CONST {
			continue
		}
		for _, spec := range g.Specs {
			for i, name := range spec.(*ast.ValueSpec).Names {
				code, _ := strconv.Unquote(spec.(*ast.ValueSpec).Values[i].(*ast.BasicLit).Value)
				if strings.HasPrefix(name.Name, "Code") && !seen[code] {
					t.Errorf("%s (%q) is in no scenario of the golden file", name.Name, code)
				}
			}
		}
	}
}
