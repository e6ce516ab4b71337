package target_test

import (
	"bytes"
	"encoding/json"
	"math"
	"testing"

	"github.com/saleskit/saleskit/target"
	"github.com/shopspring/decimal"
)

func TestDraftGoalSaves(t *testing.T) {
	// A CRM saves a half-filled form: no metric, no aggregation, no dates.
	draft := target.Goal{ID: "draft-1", Name: "Q3 push", Target: d("500000")}
	b, err := json.Marshal(draft)
	if err != nil {
		t.Fatalf("json.Marshal(draft goal) = %v", err)
	}
	var back target.Goal
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatalf("decoding %s: %v", b, err)
	}
	if !back.Equal(draft) {
		t.Errorf("draft round trip: %+v, want %+v", back, draft)
	}
	if bytes.Contains(b, []byte(`"metric"`)) || bytes.Contains(b, []byte(`"aggregation"`)) {
		t.Errorf("draft %s carries an unset enum", b)
	}
	if target.Check(back, nil, nil).Verdict(target.Specific).OK {
		t.Error("Check passes a goal without a metric")
	}
}

func TestProgressMarshalsWithoutInf(t *testing.T) {
	// A lower-is-better budget with a vanishing spend: 6,000,000 expected ÷
	// 10^-9000 spent is far beyond float64, which used to give pace +Inf.
	p, err := target.Track(monthlyPlan(t), decimal.New(1, -9000), at("2025-07-01"), 2, &target.TrackOptions{Direction: target.LowerIsBetter})
	if err != nil {
		t.Fatal(err)
	}
	if math.IsInf(p.Pace, 0) || p.Pace != math.MaxFloat64 {
		t.Errorf("Pace = %v, want math.MaxFloat64", p.Pace)
	}
	if _, err := json.Marshal(p); err != nil {
		t.Errorf("json.Marshal(Progress) = %v", err)
	}
}

// roundTrip marshals v, decodes it into a new T and marshals that again:
// the two encodings must be the same bytes.
func roundTrip[T any](t *testing.T, name string, v T) {
	t.Helper()
	a, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("%s: json.Marshal = %v", name, err)
	}
	var back T
	if err := json.Unmarshal(a, &back); err != nil {
		t.Fatalf("%s: decoding %s: %v", name, a, err)
	}
	b, err := json.Marshal(back)
	if err != nil {
		t.Fatalf("%s: json.Marshal after decoding = %v", name, err)
	}
	if !bytes.Equal(a, b) {
		t.Errorf("%s does not round-trip:\n%s\n%s", name, a, b)
	}
}

func TestResultsRoundTripJSON(t *testing.T) {
	plan := monthlyPlan(t)
	roundTrip(t, "plan", plan)
	progress, err := target.Track(plan, d("4800000"), at("2025-07-01"), 2, nil)
	if err != nil {
		t.Fatal(err)
	}
	roundTrip(t, "Progress", progress)
	revision, err := target.Replan(plan, ds("900000", "1000000", "1100000"), at("2025-04-01"), 2)
	if err != nil {
		t.Fatal(err)
	}
	roundTrip(t, "Revision", revision)
	roundTrip(t, "Assessment", target.Check(revenueGoal(), nil, nil))
	goals := []target.Goal{revenueGoal()}
	child := revenueGoal()
	child.ID, child.Parent, child.Levels = "h1", "co-2025", nil
	tree, err := target.CheckTree(append(goals, child), nil)
	if err != nil {
		t.Fatal(err)
	}
	roundTrip(t, "TreeAssessment", tree)
	org, err := target.SplitTree(d("1000"), []target.Unit{{ID: "co"}, {ID: "a", Parent: "co", Weight: d("1")}}, 2)
	if err != nil {
		t.Fatal(err)
	}
	roundTrip(t, "Tree", org)
	grid, err := target.SplitGrid(margins(nil, ds("100", "50")), margins(nil, ds("70", "80")), 0)
	if err != nil {
		t.Fatal(err)
	}
	roundTrip(t, "Grid", grid)
	parts, err := target.AllocateParts(d("-0.05"), ones(3), 2)
	if err != nil {
		t.Fatal(err)
	}
	roundTrip(t, "Parts", parts)
	cov, err := target.PipelineCoverage(d("9000000"), d("4000000"), d("3"))
	if err != nil {
		t.Fatal(err)
	}
	roundTrip(t, "Coverage", cov)
	roundTrip(t, "CellChange", target.Diff(target.PlanCells("co", plan), target.PlanCells("co", revision.Periods)))
}

func TestPartsJSON(t *testing.T) {
	p, err := target.AllocateParts(d("2500000"), ones(3), 2)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"places":2,"parts":["833333.34","833333.33","833333.33"]}`; string(b) != want {
		t.Errorf("json.Marshal(Parts) = %s, want %s", b, want)
	}
	var back target.Parts
	if err := json.Unmarshal(b, &back); err != nil || back.String() != p.String() || back.Places() != 2 {
		t.Errorf("decoded Parts = %v, %v", back, err)
	}
	for _, bad := range []string{
		`{"places":19,"parts":[]}`,
		`{"places":2,"parts":["0.001"]}`,
		`{"places":0,"parts":["1","-1"]}`,
		`{"places":2,"parts":["100000000000000000"]}`,
	} {
		if err := json.Unmarshal([]byte(bad), &back); err == nil {
			t.Errorf("Parts decoded %s", bad)
		}
	}
}
