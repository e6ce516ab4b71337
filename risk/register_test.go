package risk_test

import (
	"encoding/json"
	"errors"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/saleskit/saleskit/risk"
)

// salesRegister is a small register worked by hand on the PMBOK preset:
//
//	r1 threat, staff_turnover, Li Na: high × high (0.28, high), 250,000:
//	   EMV −175,000; mitigated for 40,000 to low (0.12, moderate), −75,000
//	r2 threat, competition, Wang Wei: moderate × moderate (0.10, moderate),
//	   100,000: EMV −50,000, no response
//	r3 opportunity, customer, Li Na: low × high (0.12, moderate), 200,000:
//	   EMV +60,000; enhanced for 10,000 to moderate (0.20, high), +100,000
//	r4 closed threat, very_high × very_high, 1,000,000
//	r5 threat, compliance, Wang Wei: very_high × low (0.09, moderate),
//	   30,000: EMV −27,000; avoided for 5,000 (eliminated, rated low)
func salesRegister() risk.Register {
	r1 := workedExample()
	r1.ID, r1.Review = "r1", risk.MustDate("2025-07-01")
	return risk.Register{Name: "Q3 rollout", Risks: []risk.Risk{
		r1,
		{ID: "r2", Category: risk.Competition, Owner: "Wang Wei", Review: risk.MustDate("2025-06-30"),
			Probability: risk.Probability{Level: "moderate"}, Impact: risk.Impact{Level: "moderate", Money: money(100_000)}},
		{ID: "r3", Kind: risk.Opportunity, Category: risk.Customer, Owner: "Li Na",
			Probability: risk.Probability{Level: "low"}, Impact: risk.Impact{Level: "high", Money: money(200_000)},
			Response: risk.Response{Strategy: risk.Enhance, Actions: []risk.Action{{Cost: money(10_000)}}, ResidualProbability: risk.Probability{Level: "moderate"}}},
		{ID: "r4", Status: risk.Closed, Category: risk.Financial, Review: risk.MustDate("2025-01-01"),
			Probability: risk.Probability{Level: "very_high"}, Impact: risk.Impact{Level: "very_high", Money: money(1_000_000)}},
		{ID: "r5", Category: risk.Compliance, Owner: "Wang Wei", Review: risk.MustDate("2025-06-01"),
			Probability: risk.Probability{Level: "very_high"}, Impact: risk.Impact{Level: "low", Money: money(30_000)},
			Response: risk.Response{Strategy: risk.Avoid, Actions: []risk.Action{{Cost: money(5_000)}}}},
	}}
}

func total(key string, count int64, in, res, cost int64) risk.Total {
	return risk.Total{Key: key, Count: count, Inherent: money(in), Residual: money(res), Cost: money(cost)}
}

// salesTotals are salesRegister's totals, by hand.
func salesTotals() risk.Totals {
	return risk.Totals{
		Ratings: []string{"low", "moderate", "high"},
		// −175,000 − 50,000 + 60,000 − 27,000; −75,000 − 50,000 + 100,000 + 0
		All: total("", 4, -192_000, -25_000, 55_000),
		ByCategory: []risk.Total{
			total("competition", 1, -50_000, -50_000, 0),
			total("compliance", 1, -27_000, 0, 5_000),
			total("customer", 1, 60_000, 100_000, 10_000),
			total("staff_turnover", 1, -175_000, -75_000, 40_000),
		},
		ByOwner: []risk.Total{
			total("Li Na", 2, -115_000, 25_000, 50_000),
			total("Wang Wei", 2, -77_000, -50_000, 5_000),
		},
		ByRating: []risk.Total{
			total("low", 0, 0, 0, 0),
			total("moderate", 3, -17_000, 50_000, 15_000),
			total("high", 1, -175_000, -75_000, 40_000),
		},
		ByResidualRating: []risk.Total{
			total("low", 1, -27_000, 0, 5_000),
			total("moderate", 2, -225_000, -125_000, 40_000),
			total("high", 1, 60_000, 100_000, 10_000),
		},
		Closed: 1,
	}
}

// salesHeatMap is salesRegister's heat map, by hand: inherent r1 (3,3),
// r2 (2,2), r3 (1,3), r5 (4,1); residual r1 (1,3), r2 (2,2), r3 (2,3), r5
// eliminated.
func salesHeatMap() risk.HeatMap {
	keys := []string{"very_low", "low", "moderate", "high", "very_high"}
	h := risk.HeatMap{Probability: keys, Impact: keys, Eliminated: 1}
	for range 5 {
		h.Inherent = append(h.Inherent, make([]int64, 5))
		h.Residual = append(h.Residual, make([]int64, 5))
	}
	h.Inherent[3][3], h.Inherent[2][2], h.Inherent[1][3], h.Inherent[4][1] = 1, 1, 1, 1
	h.Residual[1][3], h.Residual[2][2], h.Residual[2][3] = 1, 1, 1
	return h
}

func TestReport(t *testing.T) {
	rep, err := salesRegister().Report(risk.PMBOK(), &risk.ReportOptions{AsOf: risk.MustDate("2025-07-01"), Top: 3})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(salesTotals(), rep.Totals, decimalEqual); diff != "" {
		t.Errorf("Totals differ (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(salesHeatMap(), rep.HeatMap); diff != "" {
		t.Errorf("HeatMap differs (-want +got):\n%s", diff)
	}
	ids := func(as []risk.Assessment) []string {
		var out []string
		for _, a := range as {
			out = append(out, a.ID)
		}
		return out
	}
	// |EMV| 175,000 (r1), 60,000 (r3), 50,000 (r2), 27,000 (r5).
	if diff := cmp.Diff([]string{"r1", "r3", "r2"}, ids(rep.Top)); diff != "" {
		t.Errorf("Top differs (-want +got):\n%s", diff)
	}
	// Residual |EMV| 100,000 (r3), 75,000 (r1), 50,000 (r2), 0 (r5);
	// residual scores 0.20 (r3), 0.12 (r1), 0.10 (r2), 0 (r5).
	open := rep.Assessments[:3:3]
	open = append(open, rep.Assessments[4])
	if diff := cmp.Diff([]string{"r3", "r1", "r2", "r5"}, ids(risk.Top(open, 10, risk.ByEMV, risk.Residual))); diff != "" {
		t.Errorf("Top residual by EMV differs (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"r1", "r3"}, ids(risk.Top(open, 2, risk.ByScore, risk.Inherent))); diff != "" {
		t.Errorf("Top by score differs (-want +got):\n%s", diff)
	}
	// As of 2025-07-01: r5 (due 2025-06-01) 30 days, r2 (2025-06-30) 1 day;
	// r1 is due that very day, r4 is closed.
	wantOverdue := []risk.OverdueReview{
		{ID: "r5", Owner: "Wang Wei", Review: risk.MustDate("2025-06-01"), Days: 30},
		{ID: "r2", Owner: "Wang Wei", Review: risk.MustDate("2025-06-30"), Days: 1},
	}
	if diff := cmp.Diff(wantOverdue, rep.Overdue); diff != "" {
		t.Errorf("Overdue differs (-want +got):\n%s", diff)
	}
	// A report is a result: it marshals and round-trips.
	data, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	var back risk.Report
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(rep, back, decimalEqual); diff != "" {
		t.Errorf("report after a JSON round trip differs (-want +got):\n%s", diff)
	}
}

func TestReportErrors(t *testing.T) {
	g := salesRegister()
	g.Risks[2].ID = "r1"
	g.Risks[4].Probability.Level = "unlikely"
	_, err := g.Report(risk.PMBOK(), nil)
	clearError(t, err)
	fe := fieldErrors(err)
	if e := fe["risks[2].id"]; e == nil || !errors.Is(e, risk.ErrDuplicate) {
		t.Errorf("Report: %v; want risks[2].id wrapping ErrDuplicate", err)
	}
	if e := fe["risks[4].probability.level"]; e == nil || !errors.Is(e, risk.ErrLevel) {
		t.Errorf("Report: %v; want risks[4].probability.level wrapping ErrLevel", err)
	}
	if _, err := salesRegister().Report(risk.PMBOK(), &risk.ReportOptions{Top: -1}); !errors.Is(err, risk.ErrOption) {
		t.Errorf("Report with Top -1: %v, want ErrOption", err)
	}
}

// TestChanges compares two snapshots of salesRegister: r2's impact rises
// to high (0.5 × 0.4 = 0.20, moderate → high), r1 closes, r3 loses its
// response (residual back to 0.12, high → moderate), r4 reopens, r6 is
// new.
func TestChanges(t *testing.T) {
	before := salesRegister()
	after := salesRegister()
	after.Risks[1].Impact.Level = "high"
	after.Risks[0].Status = risk.Closed
	after.Risks[2].Response = risk.Response{}
	after.Risks[3].Status = risk.Open
	after.Risks = append(after.Risks, risk.Risk{ID: "r6", Probability: risk.Probability{Level: "low"}, Impact: risk.Impact{Level: "low"}})
	got, err := risk.Changes(risk.PMBOK(), before, after)
	if err != nil {
		t.Fatal(err)
	}
	want := []risk.RiskChange{
		{ID: "r6", Kind: risk.Added, To: "low"},
		{ID: "r1", Kind: risk.Removed, From: "moderate"},
		{ID: "r4", Kind: risk.Reopened, To: "high"},
		{ID: "r2", Kind: risk.Escalated, From: "moderate", To: "high"},
		{ID: "r3", Kind: risk.Deescalated, From: "high", To: "moderate"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Changes differ (-want +got):\n%s", diff)
	}
	// A risk dropped from the register is closed too.
	after.Risks = after.Risks[1:]
	if got, _ := risk.Changes(risk.PMBOK(), before, after); len(got) == 0 || got[1].ID != "r1" || got[1].Kind != risk.Removed {
		t.Errorf("Changes with r1 dropped = %+v", got)
	}
	bad := salesRegister()
	bad.Risks[0].ID = ""
	_, err = risk.Changes(risk.PMBOK(), before, bad)
	if fe := fieldErrors(err)["after.risks[0].id"]; fe == nil {
		t.Errorf("Changes with a bad snapshot: %v; want after.risks[0].id", err)
	}
}

// TestAddAll: AddAll adds what Add adds one by one, and takes all or none.
func TestAddAll(t *testing.T) {
	rep, err := salesRegister().Report(risk.PMBOK(), nil)
	if err != nil {
		t.Fatal(err)
	}
	tot, heat := risk.NewTotals(risk.PMBOK()), risk.NewHeatMap(risk.PMBOK())
	for _, a := range rep.Assessments {
		if err := tot.Add(a); err != nil {
			t.Fatal(err)
		}
		if err := heat.Add(a); err != nil {
			t.Fatal(err)
		}
	}
	if !tot.Equal(salesTotals()) || !heat.Equal(salesHeatMap()) {
		t.Error("Add one by one differs from the report's accumulators")
	}
	bad := append(slices.Clone(rep.Assessments), risk.Assessment{ID: "x", Inherent: risk.Exposure{Rating: "extreme", Cell: risk.Cell{Probability: 9}}})
	tot, heat = risk.NewTotals(risk.PMBOK()), risk.NewHeatMap(risk.PMBOK())
	err = tot.AddAll(bad)
	if fe := fieldErrors(err)["as[5].inherent.rating"]; fe == nil || !errors.Is(err, risk.ErrMismatch) {
		t.Errorf("Totals.AddAll: %v, want as[5].inherent.rating wrapping ErrMismatch", err)
	}
	if tot.All.Count != 0 || tot.Closed != 0 {
		t.Errorf("a refused AddAll added %+v", tot.All)
	}
	err = heat.AddAll(bad)
	if fe := fieldErrors(err)["as[5].inherent.cell"]; fe == nil || !errors.Is(err, risk.ErrMismatch) {
		t.Errorf("HeatMap.AddAll: %v, want as[5].inherent.cell wrapping ErrMismatch", err)
	}
	if !heat.Equal(risk.NewHeatMap(risk.PMBOK())) {
		t.Error("a refused AddAll counted")
	}
}
