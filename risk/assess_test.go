package risk_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/saleskit/saleskit/risk"
	"github.com/shopspring/decimal"
)

// workedExample is the risk of the package documentation's worked example.
func workedExample() risk.Risk {
	return risk.Risk{
		ID:          "engineer-leaves",
		Title:       "Key engineer leaves during the rollout",
		Category:    risk.StaffTurnover,
		Owner:       "Li Na",
		Probability: risk.Probability{Level: "high"},
		Impact:      risk.Impact{Level: "high", Money: money(250_000)},
		Response: risk.Response{
			Strategy:            risk.Mitigate,
			Actions:             []risk.Action{{Title: "pair a second engineer", Cost: money(40_000)}},
			ResidualProbability: risk.Probability{Level: "low"},
		},
	}
}

// TestAssessWorkedExample asserts the numbers of doc.go's worked example:
// inherent 0.7 × 0.4 = 0.28 (high), EMV −0.7 × 250,000 = −175,000;
// residual 0.3 × 0.4 = 0.12 (moderate), EMV −75,000; worth
// −75,000 − (−175,000) − 40,000 = 60,000.
func TestAssessWorkedExample(t *testing.T) {
	a, err := risk.Assess(risk.PMBOK(), workedExample())
	if err != nil {
		t.Fatal(err)
	}
	want := risk.Assessment{
		ID: "engineer-leaves", Kind: risk.Threat, Category: risk.StaffTurnover, Owner: "Li Na",
		Inherent: risk.Exposure{Probability: dec("0.7"), Impact: money(250_000), Cell: risk.Cell{Probability: 3, Impact: 3},
			ProbabilityLevel: "high", ImpactLevel: "high", Score: dec("0.28"), Rating: "high", EMV: money(-175_000)},
		Residual: risk.Exposure{Probability: dec("0.3"), Impact: money(250_000), Cell: risk.Cell{Probability: 1, Impact: 3},
			ProbabilityLevel: "low", ImpactLevel: "high", Score: dec("0.12"), Rating: "moderate", EMV: money(-75_000)},
		Strategy: risk.Mitigate, Cost: money(40_000), Worth: money(60_000),
	}
	if !a.Equal(want) {
		t.Errorf("Assess(worked example) = %+v\nwant %+v", a, want)
	}
	wantText := "Mitigate changes EMV by 100,000 at a cost of 40,000: worth 60,000"
	if got := a.Reason().String(); got != wantText {
		t.Errorf("Reason = %q, want %q", got, wantText)
	}
	if got := a.Inherent.Reason().Text("zh-CN"); !strings.Contains(got, "评级 high") {
		t.Errorf("Reason in Chinese = %q", got)
	}
}

// TestAssessResponses works each strategy by hand on the PMBOK preset.
func TestAssessResponses(t *testing.T) {
	base := func(kind risk.Kind, p, i string, m int64) risk.Risk {
		return risk.Risk{ID: "x", Kind: kind, Probability: risk.Probability{Level: p}, Impact: risk.Impact{Level: i, Money: money(m)}}
	}
	cases := []struct {
		name                   string
		r                      risk.Risk
		inEMV, resEMV          string
		resScore, resRating    string
		cost, worth            string
		eliminated             bool
		inScore, inRating, why string
	}{
		{
			// 0.5 × 0.2 = 0.10, moderate; EMV −0.5 × 100,000 = −50,000, unchanged.
			name: "no response", r: base(risk.Threat, "moderate", "moderate", 100_000),
			inEMV: "-50000", resEMV: "-50000", inScore: "0.1", inRating: "moderate", resScore: "0.1", resRating: "moderate",
			cost: "0", worth: "0", why: "no response planned: the residual risk is the inherent one",
		},
		{
			// 0.9 × 0.1 = 0.09, moderate; EMV −27,000; avoided for 5,000:
			// worth 0 − (−27,000) − 5,000 = 22,000.
			name: "avoid",
			r: func() risk.Risk {
				r := base(risk.Threat, "very_high", "low", 30_000)
				r.Response = risk.Response{Strategy: risk.Avoid, Actions: []risk.Action{{Cost: money(5_000)}}}
				return r
			}(),
			inEMV: "-27000", resEMV: "0", inScore: "0.09", inRating: "moderate", resScore: "0", resRating: "low",
			cost: "5000", worth: "22000", eliminated: true,
			why: "Avoid changes EMV by 27,000 at a cost of 5,000: worth 22,000",
		},
		{
			// An opportunity at 0.5 × 0.4 = 0.20 (high), EMV +0.5 × 100,000 =
			// 50,000; exploited for 20,000 it is certain: very high 0.9 × 0.4 =
			// 0.36, EMV 100,000; worth 100,000 − 50,000 − 20,000 = 30,000.
			name: "exploit",
			r: func() risk.Risk {
				r := base(risk.Opportunity, "moderate", "high", 100_000)
				r.Response = risk.Response{Strategy: risk.Exploit, Actions: []risk.Action{{Cost: money(20_000)}}}
				return r
			}(),
			inEMV: "50000", resEMV: "100000", inScore: "0.2", inRating: "high", resScore: "0.36", resRating: "high",
			cost: "20000", worth: "30000", why: "Exploit changes EMV by 50,000 at a cost of 20,000: worth 30,000",
		},
		{
			// 0.5 × 0.8 = 0.40, EMV −200,000; insured for a premium of 30,000,
			// leaving a deductible of 50,000 at low impact: 0.5 × 0.1 = 0.05,
			// moderate, EMV −25,000; worth 175,000 − 30,000 = 145,000.
			name: "transfer",
			r: func() risk.Risk {
				r := base(risk.Threat, "moderate", "very_high", 400_000)
				r.Response = risk.Response{Strategy: risk.Transfer, Actions: []risk.Action{{Title: "insurance premium", Cost: money(30_000)}},
					ResidualImpact: risk.Impact{Level: "low", Money: money(50_000)}}
				return r
			}(),
			inEMV: "-200000", resEMV: "-25000", inScore: "0.4", inRating: "high", resScore: "0.05", resRating: "moderate",
			cost: "30000", worth: "145000", why: "Transfer changes EMV by 175,000 at a cost of 30,000: worth 145,000",
		},
		{
			// Two actions: 10,000.50 + 2,499.50 = 12,500; an enhanced
			// opportunity from 0.3 to 0.7 of 60,000: EMV 18,000 → 42,000;
			// worth 24,000 − 12,500 = 11,500.
			name: "enhance with two actions",
			r: func() risk.Risk {
				r := base(risk.Opportunity, "low", "moderate", 60_000)
				r.Response = risk.Response{Strategy: risk.Enhance, Actions: []risk.Action{{Cost: dec("10000.50")}, {Cost: dec("2499.50")}},
					ResidualProbability: risk.Probability{Level: "high"}}
				return r
			}(),
			inEMV: "18000", resEMV: "42000", inScore: "0.06", inRating: "moderate", resScore: "0.14", resRating: "moderate",
			cost: "12500", worth: "11500", why: "Enhance changes EMV by 24,000 at a cost of 12,500: worth 11,500",
		},
		{
			// An exact probability of 0.65 lies in the high band: the cell is
			// high × low, 0.7 × 0.1 = 0.07, but the EMV uses 0.65:
			// −0.65 × 80,000 = −52,000.
			name:  "exact probability",
			r:     risk.Risk{ID: "x", Probability: risk.Probability{Value: dec("0.65")}, Impact: risk.Impact{Level: "low", Money: money(80_000)}},
			inEMV: "-52000", resEMV: "-52000", inScore: "0.07", inRating: "moderate", resScore: "0.07", resRating: "moderate",
			cost: "0", worth: "0", why: "no response planned: the residual risk is the inherent one",
		},
		{
			// A 15% cost overrun is moderate and a 15% schedule overrun high:
			// the worse, high, counts: 0.3 × 0.4 = 0.12.
			name: "highest of the measures",
			r: risk.Risk{ID: "x", Probability: risk.Probability{Level: "low"},
				Impact: risk.Impact{Cost: dec("0.15"), Schedule: dec("0.15"), Money: money(10_000)}},
			inEMV: "-3000", resEMV: "-3000", inScore: "0.12", inRating: "moderate", resScore: "0.12", resRating: "moderate",
			cost: "0", worth: "0", why: "no response planned: the residual risk is the inherent one",
		},
	}
	m := risk.PMBOK()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a, err := risk.Assess(m, c.r)
			if err != nil {
				t.Fatal(err)
			}
			for _, x := range []struct{ what, got, want string }{
				{"inherent EMV", a.Inherent.EMV.String(), c.inEMV},
				{"inherent score", a.Inherent.Score.String(), c.inScore},
				{"inherent rating", a.Inherent.Rating, c.inRating},
				{"residual EMV", a.Residual.EMV.String(), c.resEMV},
				{"residual score", a.Residual.Score.String(), c.resScore},
				{"residual rating", a.Residual.Rating, c.resRating},
				{"cost", a.Cost.String(), c.cost},
				{"worth", a.Worth.String(), c.worth},
				{"reason", a.Reason().String(), c.why},
			} {
				if !same(x.got, x.want) {
					t.Errorf("%s = %s, want %s", x.what, x.got, x.want)
				}
			}
			if a.Residual.Eliminated != c.eliminated {
				t.Errorf("Eliminated = %v, want %v", a.Residual.Eliminated, c.eliminated)
			}
		})
	}
}

// same reports whether got and want are the same text, or decimals of
// the same value.
func same(got, want string) bool {
	a, errA := decimal.NewFromString(got)
	b, errB := decimal.NewFromString(want)
	if errA == nil && errB == nil {
		return a.Equal(b)
	}
	return got == want
}

// TestAssessErrors: each fault names its field and wraps its sentinel.
func TestAssessErrors(t *testing.T) {
	ok := workedExample
	cases := []struct {
		name  string
		r     func() risk.Risk
		field string
		err   error
	}{
		{"no id", func() risk.Risk { r := ok(); r.ID = ""; return r }, "id", risk.ErrInvalid},
		{"unknown kind", func() risk.Risk { r := ok(); r.Kind = 5; return r }, "kind", risk.ErrUnknownName},
		{"unknown status", func() risk.Risk { r := ok(); r.Status = 3; return r }, "status", risk.ErrUnknownName},
		{"exploit on a threat", func() risk.Risk { r := ok(); r.Response.Strategy = risk.Exploit; return r }, "response.strategy", risk.ErrStrategy},
		{"transfer on an opportunity", func() risk.Risk {
			r := ok()
			r.Kind, r.Response.Strategy = risk.Opportunity, risk.Transfer
			return r
		}, "response.strategy", risk.ErrStrategy},
		{"avoid with a residual probability", func() risk.Risk { r := ok(); r.Response.Strategy = risk.Avoid; return r }, "response.residual_probability", risk.ErrStrategy},
		{"exploit with a residual probability", func() risk.Risk {
			r := ok()
			r.Kind, r.Response.Strategy = risk.Opportunity, risk.Exploit
			r.Response.ResidualProbability = risk.Probability{Value: dec("0.5")}
			return r
		}, "response.residual_probability", risk.ErrStrategy},
		{"actions without a strategy", func() risk.Risk { r := ok(); r.Response.Strategy = 0; return r }, "response.strategy", risk.ErrStrategy},
		{"unknown strategy", func() risk.Risk { r := ok(); r.Response.Strategy = 42; return r }, "response.strategy", risk.ErrUnknownName},
		{"negative action cost", func() risk.Risk { r := ok(); r.Response.Actions[0].Cost = money(-1); return r }, "response.actions[0].cost", risk.ErrInvalid},
		{"unknown level", func() risk.Risk { r := ok(); r.Probability.Level = "hgh"; return r }, "probability.level", risk.ErrLevel},
		{"unknown residual level", func() risk.Risk { r := ok(); r.Response.ResidualProbability.Level = "lo"; return r }, "response.residual_probability.level", risk.ErrLevel},
		{"probability above 1", func() risk.Risk { r := ok(); r.Probability = risk.Probability{Value: dec("1.5")}; return r }, "probability.value", risk.ErrInvalid},
		{"value outside the level", func() risk.Risk { r := ok(); r.Probability.Value = dec("0.45"); return r }, "probability.value", risk.ErrLevel},
		{"no probability", func() risk.Risk { r := ok(); r.Probability = risk.Probability{}; return r }, "probability", risk.ErrInvalid},
		{"no impact", func() risk.Risk { r := ok(); r.Impact = risk.Impact{}; return r }, "impact", risk.ErrInvalid},
		{"negative money", func() risk.Risk { r := ok(); r.Impact.Money = money(-5); return r }, "impact.money", risk.ErrInvalid},
		{"money without money bands", func() risk.Risk { r := ok(); r.Impact.Level = ""; return r }, "impact.level", risk.ErrLevel},
		{"max below min", func() risk.Risk {
			r := ok()
			r.Impact.Shape, r.Impact.Min, r.Impact.Max = risk.Triangular, money(300_000), money(100_000)
			return r
		}, "impact.max", risk.ErrInvalid},
		{"money outside min and max", func() risk.Risk {
			r := ok()
			r.Impact.Shape, r.Impact.Min, r.Impact.Max = risk.PERT, money(300_000), money(400_000)
			return r
		}, "impact.money", risk.ErrInvalid},
		{"min on a fixed impact", func() risk.Risk { r := ok(); r.Impact.Min = money(1); return r }, "impact.shape", risk.ErrInvalid},
		{"unknown shape", func() risk.Risk { r := ok(); r.Impact.Shape = 9; return r }, "impact.shape", risk.ErrUnknownName},
		{"bad review date", func() risk.Risk { r := ok(); r.Review = risk.Date{Year: 2025, Month: 2, Day: 30}; return r }, "review", risk.ErrDate},
		{"huge money", func() risk.Risk { r := ok(); r.Impact.Money = dec("1e40"); return r }, "impact.money", risk.ErrRange},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := risk.Assess(risk.PMBOK(), c.r())
			if err == nil {
				t.Fatal("Assess = nil error")
			}
			clearError(t, err)
			fe := fieldErrors(err)[c.field]
			if fe == nil || !errors.Is(fe, c.err) {
				t.Fatalf("Assess: %v; want an error on %s wrapping %v", err, c.field, c.err)
			}
		})
	}
	t.Run("every problem reported", func(t *testing.T) {
		r := ok()
		r.ID, r.Kind, r.Impact.Money = "", 3, money(-1)
		_, err := risk.Assess(risk.PMBOK(), r)
		if n := len(leaves(err)); n != 3 {
			t.Errorf("Assess reported %d problems, want 3: %v", n, err)
		}
	})
	t.Run("message", func(t *testing.T) {
		r := ok()
		r.Kind, r.Response.Strategy = risk.Opportunity, risk.Transfer
		_, err := risk.Assess(risk.PMBOK(), r)
		want := `risk: response.strategy "transfer": strategy does not fit: transfer is not a response to an opportunity`
		if err == nil || err.Error() != want {
			t.Errorf("Assess: %v, want %s", err, want)
		}
	})
}

// TestAssessmentJSON: an assessment marshals with its reasons and decodes
// back to an equal one.
func TestAssessmentJSON(t *testing.T) {
	a, err := risk.Assess(risk.PMBOK(), workedExample())
	if err != nil {
		t.Fatal(err)
	}
	data, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"code":"response_worth"`, `"code":"exposure"`, `"worth":"60000"`, `"emv":"-175000"`} {
		if !strings.Contains(string(data), want) {
			t.Errorf("JSON %s lacks %s", data, want)
		}
	}
	var back risk.Assessment
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(a, back, decimalEqual); diff != "" {
		t.Errorf("assessment after a JSON round trip differs (-want +got):\n%s", diff)
	}
	var r risk.Risk
	data, _ = json.Marshal(workedExample())
	if err := json.Unmarshal(data, &r); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(workedExample(), r, decimalEqual); diff != "" {
		t.Errorf("risk after a JSON round trip differs (-want +got):\n%s", diff)
	}
}

// TestStrategyFits lists which strategies fit which kind.
func TestStrategyFits(t *testing.T) {
	threat := map[risk.Strategy]bool{risk.Avoid: true, risk.Transfer: true, risk.Mitigate: true, risk.Accept: true, risk.Escalate: true}
	opp := map[risk.Strategy]bool{risk.Exploit: true, risk.Share: true, risk.Enhance: true, risk.Accept: true, risk.Escalate: true}
	for s := risk.Strategy(0); s <= risk.Enhance+1; s++ {
		if got := s.Fits(risk.Threat); got != threat[s] {
			t.Errorf("%s.Fits(threat) = %v", s, got)
		}
		if got := s.Fits(risk.Opportunity); got != opp[s] {
			t.Errorf("%s.Fits(opportunity) = %v", s, got)
		}
	}
}

// TestAssessWithoutBands: on a matrix without probability bands a level is
// required, an exact value rides along with it, and exploit lands on the
// top level.
func TestAssessWithoutBands(t *testing.T) {
	s := risk.Simple().Spec()
	for k := range s.Probability {
		s.Probability[k].Bands = nil
	}
	m, err := risk.NewMatrix(s)
	if err != nil {
		t.Fatal(err)
	}
	r := risk.Risk{ID: "x", Kind: risk.Opportunity, Probability: risk.Probability{Value: dec("0.4")}, Impact: risk.Impact{Level: "medium", Money: money(1_000)}}
	if _, err := risk.Assess(m, r); fieldErrors(err)["probability.value"] == nil || !errors.Is(err, risk.ErrLevel) {
		t.Errorf("a value alone without bands: %v, want probability.value wrapping ErrLevel", err)
	}
	r.Probability.Level = "medium"
	r.Response = risk.Response{Strategy: risk.Exploit}
	a, err := risk.Assess(m, r)
	if err != nil {
		t.Fatal(err)
	}
	// Inherent: medium × medium, 0.5 × 2 = 1 (medium), EMV 0.4 × 1,000 =
	// 400; exploited: high × medium, 0.8 × 2 = 1.6 (high), EMV 1,000.
	if a.Inherent.EMV.String() != "400" || a.Residual.ProbabilityLevel != "high" || a.Residual.Rating != "high" || !a.Residual.EMV.Equal(money(1_000)) {
		t.Errorf("Assess = inherent %+v, residual %+v", a.Inherent, a.Residual)
	}
}
