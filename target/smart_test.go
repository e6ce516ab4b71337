package target_test

import (
	"encoding/json"
	"errors"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/saleskit/saleskit/target"
	"github.com/shopspring/decimal"
)

func revenueGoal() target.Goal {
	return target.Goal{
		ID: "co-2025", Name: "2025 revenue", Owner: "Wang Fang",
		Metric: target.MetricRevenue, Unit: "CNY",
		Target: d("10000000"), Baseline: d("8000000"),
		Start: day("2025-01-01"), End: day("2026-01-01"),
		Levels: []target.Level{{Name: target.LevelSprint, Value: d("11000000")}, {Name: target.LevelChallenge, Value: d("12000000")}},
	}
}

func TestCheckPasses(t *testing.T) {
	r := target.Check(revenueGoal(), nil, nil)
	if !r.OK() {
		t.Fatalf("Check failed: %v", r.Failures("en"))
	}
	// 10,000,000 over 8,000,000 is 25% growth.
	if got := sentences(r.Verdict(target.Achievable).Reasons); !slices.Equal(got, []string{"target 10,000,000 is 25% above baseline 8,000,000, within the policy's 50%"}) {
		t.Errorf("achievable reasons = %q", got)
	}
	if got := sentences(r.Verdict(target.TimeBound).Reasons); !slices.Equal(got, []string{"runs 365 days, 2025-01-01 to 2026-01-01"}) {
		t.Errorf("time-bound reasons = %q", got)
	}
}

func TestCheckFailures(t *testing.T) {
	capacity := target.DefaultPolicy()
	// 12 reps × 1,250,000 each = 15,000,000.
	capacity.Capacity = decimal.NewNullDecimal(target.CapacityOf(12, d("1250000")))
	tests := []struct {
		name   string
		edit   func(*target.Goal)
		policy *target.Policy
		want   []string
	}{
		{"growth above policy", func(g *target.Goal) { g.Target, g.Baseline = d("18000000"), d("10000000") }, nil,
			[]string{"Achievable: target 18,000,000 is 80% above baseline 10,000,000; policy allows at most 50% (15,000,000)"}},
		{"above capacity", func(g *target.Goal) { g.Target, g.Baseline = d("18000000"), d("15000000") }, &capacity,
			[]string{"Achievable: target 18,000,000 exceeds capacity 15,000,000 by 3,000,000"}},
		{"lower is better", func(g *target.Goal) {
			g.Metric, g.Unit, g.Direction = target.MetricCustom, "days", target.LowerIsBetter
			g.MetricName, g.Aggregation = "days to close", target.Ratio
			g.Target, g.Baseline = d("30"), d("90")
		}, nil, []string{"Achievable: target 30 is 66.67% below baseline 90; policy allows at most 50% (45)"}},
		{"no owner", func(g *target.Goal) { g.Owner = "" }, nil, []string{"Specific: goal is not assigned to an owner"}},
		{"no metric", func(g *target.Goal) { g.Metric = target.MetricInvalid }, nil, []string{"Specific: goal names no metric"}},
		{"custom unnamed", func(g *target.Goal) { g.Metric = target.MetricCustom }, nil, []string{
			"Specific: custom metric has no name",
			"Measurable: custom metric custom does not say whether it is additive or a ratio"}},
		{"ratio above 1", func(g *target.Goal) {
			g.Metric, g.Unit, g.Target, g.Baseline = target.MetricConversionRate, "fraction", d("25"), d("20")
		}, nil,
			[]string{"Measurable: target 25 of conversion_rate is above 1; ratios are fractions (0.25 is 25%)"}},
		{"fractional deals", func(g *target.Goal) {
			g.Metric, g.Unit, g.Target, g.Baseline = target.MetricDealCount, "deals", d("10.5"), d("10")
		}, nil,
			[]string{"Measurable: target 10.5 is not a whole number of deal_count"}},
		{"no unit", func(g *target.Goal) { g.Unit = "" }, nil, []string{"Measurable: goal has no unit"}},
		{"inverted period", func(g *target.Goal) { g.Start, g.End = g.End, g.Start }, nil,
			[]string{"Time-bound: end 2025-01-01 is not after start 2026-01-01"}},
		{"too long", func(g *target.Goal) { g.End = day("2027-01-01") }, nil,
			[]string{"Time-bound: period of 730 days is longer than the policy's maximum of 366"}},
		{"too short", func(g *target.Goal) { g.End = day("2025-01-03") }, nil,
			[]string{"Time-bound: period of 2 days is shorter than the policy's minimum of 7"}},
		{"unknown parent", func(g *target.Goal) { g.Parent = "group" }, nil,
			[]string{`Relevant: serves goal group, which is not known`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := revenueGoal()
			tt.edit(&g)
			r := target.Check(g, nil, tt.policy)
			if diff := cmp.Diff(tt.want, r.Failures("en")); diff != "" {
				t.Errorf("Check failures (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCheckTree(t *testing.T) {
	co := revenueGoal()
	q := func(id, start, end, amount string) target.Goal {
		g := revenueGoal()
		g.ID, g.Parent, g.Target, g.Baseline, g.Start, g.End, g.Levels = id, co.ID, d(amount), d("2000000"), day(start), day(end), nil
		return g
	}
	conv := revenueGoal()
	conv.ID, conv.Parent, conv.Metric, conv.Unit, conv.Target, conv.Baseline = "conv", co.ID, target.MetricConversionRate, "fraction", d("0.25"), d("0.2")
	share := revenueGoal()
	share.ID, share.Parent, share.Metric, share.Unit, share.Target, share.Baseline = "share", "conv", target.MetricMarketShare, "fraction", d("0.1"), d("0.1")
	goals := []target.Goal{co,
		q("q1", "2025-01-01", "2025-04-01", "2400000"), q("q2", "2025-04-01", "2025-07-01", "2500000"),
		q("q3", "2025-07-01", "2025-10-01", "2500000"), q("q4", "2025-10-01", "2026-01-01", "2500000"),
		conv, share}
	rep, err := target.CheckTree(goals, nil)
	if err != nil {
		t.Fatal(err)
	}
	// Quarters add up to 9,900,000: 100,000 short. The conversion goal drives
	// revenue and is not summed; the ratio parent's children are not summed.
	want := []target.SumCheck{
		{Parent: "co-2025", Children: []string{"q1", "q2", "q3", "q4"}, Summed: true, Sum: d("9900000"),
			Target: d("10000000"), Difference: d("-100000"), OK: false,
			Reason: target.Reason{Code: target.CodeChildrenShort,
				Amounts: map[string]decimal.Decimal{"sum": d("9900000"), "short": d("100000"), "target": d("10000000")}}},
		{Parent: "conv", Target: d("0.25"), OK: true,
			Reason: target.Reason{Code: target.CodeRatioNotSummed, Texts: map[string]string{"metric": "conversion_rate"}}},
	}
	if diff := cmp.Diff(want, rep.Sums); diff != "" {
		t.Errorf("Sums (-want +got):\n%s", diff)
	}
	// market share does not drive conversion: Relevant fails for "share".
	if got := rep.Goals[6].Failures("en"); !slices.Equal(got, []string{"Relevant: market_share does not serve parent conv's conversion_rate"}) {
		t.Errorf("share failures = %q", got)
	}
	if got := sentences(rep.Goals[5].Verdict(target.Relevant).Reasons); !slices.Equal(got, []string{"conversion_rate drives parent co-2025's revenue"}) {
		t.Errorf("conv relevance = %q", got)
	}
	if rep.OK() {
		t.Error("TreeAssessment.OK() = true with a short sum")
	}
	// A child outside its parent's period fails Time-bound.
	late := q("late", "2025-10-01", "2026-02-01", "1")
	rep, _ = target.CheckTree([]target.Goal{co, late}, nil)
	if got := rep.Goals[1].Failures("en"); !slices.Equal(got, []string{"Time-bound: period 2025-10-01 to 2026-02-01 is not inside parent co-2025's period 2025-01-01 to 2026-01-01"}) {
		t.Errorf("late failures = %q", got)
	}
	// Duplicates and cycles are errors.
	if _, err := target.CheckTree([]target.Goal{co, co}, nil); !errors.Is(err, target.ErrTree) {
		t.Errorf("duplicate ids: err = %v", err)
	}
	a, b := revenueGoal(), revenueGoal()
	a.ID, a.Parent, b.ID, b.Parent = "a", "b", "b", "a"
	if _, err := target.CheckTree([]target.Goal{a, b}, nil); !errors.Is(err, target.ErrTree) {
		t.Errorf("cycle: err = %v", err)
	}
}

func TestGoalJSONRoundTrip(t *testing.T) {
	g := revenueGoal()
	g.Direction = target.LowerIsBetter
	b, err := json.Marshal(g)
	if err != nil {
		t.Fatal(err)
	}
	var back target.Goal
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if !back.Equal(g) {
		t.Fatalf("round trip:\n got %+v\nwant %+v", back, g)
	}
	var m map[string]any
	_ = json.Unmarshal(b, &m)
	if m["metric"] != "revenue" || m["direction"] != "lower" {
		t.Errorf("enums encode as %v, %v; want names", m["metric"], m["direction"])
	}
	for _, bad := range []string{`{"metric":"profit"}`, `{"metric":""}`, `{"direction":"sideways"}`, `{"aggregation":"mean"}`} {
		var g target.Goal
		if err := json.Unmarshal([]byte(bad), &g); !errors.Is(err, target.ErrUnknownName) {
			t.Errorf("Unmarshal(%s) error = %v, want ErrUnknownName", bad, err)
		}
	}
	if v, ok := g.LevelValue("challenge"); !ok || !v.Equal(d("12000000")) {
		t.Errorf("LevelValue(challenge) = %s, %v", v, ok)
	}
	if _, ok := g.LevelValue("moon"); ok {
		t.Error("LevelValue(moon) found")
	}
}

func TestMeasures(t *testing.T) {
	// Retention: 200 at start, 210 at end of whom 30 are new → 180/200 = 0.9.
	r, err := target.RetentionRate(200, 210, 30)
	if err != nil || !r.Round(4).Equal(d("0.9")) || r.String() != "180/200" {
		t.Errorf("RetentionRate = %v, %v", r, err)
	}
	// CSAT: answers 5,4,3,5,2,4,4,1 → 5 of 8 are 4 or 5 → 0.625.
	c, err := target.CSAT([]int{5, 4, 3, 5, 2, 4, 4, 1})
	if err != nil || !c.Round(4).Equal(d("0.625")) {
		t.Errorf("CSAT = %v, %v", c, err)
	}
	cv, err := target.ConversionRate(42, 50)
	if err != nil || cv.Float64() != 0.84 {
		t.Errorf("ConversionRate = %v (%v), %v", cv, cv.Float64(), err)
	}
	ms, err := target.MarketShare(d("2500000"), d("20000000"))
	if err != nil || !ms.Round(3).Equal(d("0.125")) {
		t.Errorf("MarketShare = %v, %v", ms, err)
	}
	for name, err := range map[string]error{
		"retention start 0":      second(target.RetentionRate(0, 1, 0)),
		"retention new > end":    second(target.RetentionRate(10, 5, 6)),
		"retention grew":         second(target.RetentionRate(10, 20, 5)),
		"csat empty":             second(target.CSAT(nil)),
		"csat 6":                 second(target.CSAT([]int{6})),
		"conversion > 1":         second(target.ConversionRate(3, 2)),
		"conversion 0 entered":   second(target.ConversionRate(0, 0)),
		"share market 0":         second(target.MarketShare(d("1"), d("0"))),
		"share above market":     second(target.MarketShare(d("2"), d("1"))),
		"coverage negative":      second(target.PipelineCoverage(d("-1"), d("1"), d("3"))),
		"coverage zero multiple": second(target.PipelineCoverage(d("1"), d("1"), d("0"))),
	} {
		if err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func second[T any](_ T, err error) error { return err }

func TestPipelineCoverage(t *testing.T) {
	// 4,000,000 remaining, 9,000,000 open pipeline: 2.25× coverage; at 3×
	// 12,000,000 is needed, 3,000,000 more.
	c, err := target.PipelineCoverage(d("9000000"), d("4000000"), d("3"))
	if err != nil {
		t.Fatal(err)
	}
	if c.Ratio.Float64() != 2.25 || !c.Needed.Equal(d("3000000")) || c.Met() {
		t.Errorf("coverage = %+v", c)
	}
	c, _ = target.PipelineCoverage(d("9000000"), d("-5"), d("3"))
	if c.Ratio.Defined() || !c.Met() {
		t.Errorf("met target coverage = %+v", c)
	}
}

func TestFractionEqualCompare(t *testing.T) {
	half, twoQuarters, third := target.Fraction{Num: d("1"), Den: d("2")}, target.Fraction{Num: d("2"), Den: d("4")}, target.Fraction{Num: d("1"), Den: d("3")}
	if !half.Equal(twoQuarters) || half.Equal(third) || half.Compare(third) != 1 || third.Compare(half) != -1 || half.Compare(twoQuarters) != 0 {
		t.Errorf("1/2 vs 2/4 vs 1/3: Equal %v %v, Compare %d %d %d", half.Equal(twoQuarters), half.Equal(third),
			half.Compare(third), third.Compare(half), half.Compare(twoQuarters))
	}
	negDen := target.Fraction{Num: d("-1"), Den: d("-3")} // = 1/3
	if negDen.Compare(half) != -1 || !negDen.Equal(third) {
		t.Errorf("-1/-3 vs 1/2: Compare %d, Equal(1/3) %v", negDen.Compare(half), negDen.Equal(third))
	}
	var undefined target.Fraction
	if !undefined.Equal(target.Fraction{}) || undefined.Equal(half) || undefined.Compare(half) != -1 {
		t.Error("undefined fractions compare wrongly")
	}
}

// sentences returns the English sentences of reasons.
func sentences(rs []target.Reason) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.String()
	}
	return out
}
