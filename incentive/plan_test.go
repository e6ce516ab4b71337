package incentive_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/saleskit/saleskit/incentive"
)

func TestPlanJSONRoundTrip(t *testing.T) {
	d := build(t, `{"id":"field-2025","labels":{"en":"Field sales","zh-CN":"外勤销售"},
		"start":"2025-04-01","end":"2026-04-01","period":"quarter",
		"rounding":{"places":2,"mode":"half_even","stage":"total"},
		"crediting":{"on":"payment","overlay":true,"roll_up":true},
		"reps":[{"id":"mia","quota":"300000"},{"id":"ana","manager":"mia","quota":"100000","start":"2025-05-12",
			"relief":[{"period":"2025-07-01","amount":"10000","note":"territory moved"}],"target_incentive":"3000"}],
		"components":[
			{"id":"rev","type":"tiered","basis":"attainment","boundary":"upper_inclusive","threshold":"0.25",
			 "tiers":[{"from":"0","to":"1","rate":"0.08"},{"from":"1","rate":"0.12","retroactive":true}],
			 "filter":{"products":["cloud"],"kinds":["new","renewal"],"at_least":"1000","until":"2026-01-01"},
			 "cap":{"per_deal":"20000"}},
			{"id":"rev","effective":"2025-10-01","type":"flat","rate":"0.09"},
			{"id":"ovr","type":"override","rate":"0.01","filter":{"credits":["team"]}},
			{"id":"card","type":"scorecard","amount":"1500","gate":{"measure":"csat","at_least":"0.5"},
			 "measures":[{"id":"csat","measure":"custom","key":"csat","weight":"1","floor":"3","target":"4.5","cap":"1.2"}]}],
		"cap":{"per_period":"50000","per_year":"150000","excess":"pay_later"},
		"clawback":{"within_days":90,"basis":"percentage","percent":"0.5","reduces_attainment":true},
		"draw":{"amount":"2000","recovery_rate":"0.5","after_periods":1,"floor":true},
		"negative":"pay"}`)
	p := d.Plan()
	data, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	again, err := incentive.DecodePlan(data, nil)
	if err != nil {
		t.Fatalf("the plan's own JSON does not decode: %v\n%s", err, data)
	}
	if diff := cmp.Diff(p, again.Plan()); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	// Plan returns a copy: changing it leaves the definition alone.
	p.Components[0].Tiers[0].Rate = dec("0.5")
	*p.Components[0].Tiers[0].To = dec("7")
	if q := d.Plan(); q.Components[0].Tiers[0].Rate.Equal(dec("0.5")) || q.Components[0].Tiers[0].To.Equal(dec("7")) {
		t.Error("changing Plan()'s result changed the definition")
	}
}

func TestPlanErrorsNameThePath(t *testing.T) {
	const head = `"start":"2025-01-01","end":"2026-01-01","rounding":{"places":2},"reps":[{"id":"ana"}],`
	tests := []struct {
		name  string
		plan  string
		field string
		err   error
	}{
		{"tiers out of order", head + `"components":[{"id":"a","type":"flat","rate":"0.1"},{"id":"t","type":"tiered","tiers":[
			{"from":"0","to":"100","rate":"0.1"},{"from":"100","to":"200","rate":"0.1"},{"from":"150","rate":"0.1"}]}]`,
			`components[1].tiers[2].from "150"`, incentive.ErrTiers},
		{"a gap between tiers", head + `"components":[{"id":"t","type":"tiered","tiers":[
			{"from":"0","to":"100","rate":"0.1"},{"from":"120","rate":"0.1"}]}]`, `components[0].tiers[1].from "120"`, incentive.ErrTiers},
		{"an open tier before the last", head + `"components":[{"id":"t","type":"tiered","tiers":[
			{"from":"0","rate":"0.1"},{"from":"120","rate":"0.1"}]}]`, `components[0].tiers[0].to "null"`, incentive.ErrTiers},
		{"tiers not from zero", head + `"components":[{"id":"t","type":"tiered","tiers":[{"from":"10","rate":"0.1"}]}]`,
			`components[0].tiers[0].from "10"`, incentive.ErrTiers},
		{"a negative rate", head + `"components":[{"id":"a","type":"flat","rate":"-0.1"}]`, `components[0].rate "-0.1"`, incentive.ErrNegative},
		{"an unknown rule type", head + `"components":[{"id":"a","type":"new_logo"}]`, `components[0].type "new_logo"`, incentive.ErrUnknownType},
		{"a parameter the type does not take", head + `"components":[{"id":"a","type":"flat","rate":"0.1","amount":"5"}]`,
			`components[0].amount "5"`, incentive.ErrParam},
		{"cents finer than the currency", head + `"components":[{"id":"a","type":"per_deal","amount":"5.001"}]`,
			`components[0].amount "5.001"`, incentive.ErrPlaces},
		{"scorecard weights", head + `"components":[{"id":"s","type":"scorecard","measures":[{"id":"a","weight":"0.5"},{"id":"b","weight":"0.4"}]}]`,
			`components[0].measures "0.9"`, incentive.ErrWeights},
		{"a manager cycle", `"start":"2025-01-01","end":"2026-01-01","reps":[{"id":"a","manager":"b"},{"id":"b","manager":"a"}]`,
			`reps[0].manager "b"`, incentive.ErrOrgTree},
		{"an unknown manager", `"start":"2025-01-01","end":"2026-01-01","reps":[{"id":"a","manager":"zoe"}]`,
			`reps[0].manager "zoe"`, incentive.ErrUnknownRep},
		{"an end that is not a period's", `"start":"2025-01-01","end":"2025-12-15","period":"quarter"`, `end "2025-12-15"`, incentive.ErrPeriod},
		{"an unknown enum name", head + `"components":[{"id":"t","type":"tiered","method":"stepped","tiers":[{"from":"0","rate":"0.1"}]}]`,
			`method "stepped"`, incentive.ErrUnknownName},
		{"a misspelt field", head + `"components":[{"id":"a","type":"flat","rat":"0.1"}]`, `plan "rat"`, incentive.ErrDecode},
		{"a duplicate version", head + `"components":[{"id":"a","type":"flat","rate":"0.1"},{"id":"a","effective":"2025-01-01","type":"flat","rate":"0.2"}]`,
			`components[1].effective "2025-01-01"`, incentive.ErrDuplicate},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := incentive.DecodePlan([]byte(`{`+tt.plan+`}`), nil)
			if !errors.Is(err, tt.err) {
				t.Fatalf("DecodePlan = %v, want %v", err, tt.err)
			}
			if !strings.Contains(err.Error(), "incentive: "+tt.field+": ") {
				t.Errorf("DecodePlan = %q, want it to name %s", err, tt.field)
			}
			var fe *incentive.FieldError
			if !errors.As(err, &fe) {
				t.Errorf("DecodePlan = %v, not a *FieldError", err)
			}
		})
	}
}

func TestPlanReportsEveryProblem(t *testing.T) {
	_, err := incentive.DecodePlan([]byte(`{"start":"2025-01-01","end":"2026-01-01","rounding":{"places":2},
		"reps":[{"id":"ana","quota":"-5"},{"id":"ana"}],
		"components":[{"id":"a","type":"flat","rate":"-1"},{"type":"per_deal","amount":"0.001"}]}`), nil)
	for _, want := range []string{`reps[0].quota "-5"`, `reps[1].id "ana"`, `components[0].rate "-1"`, `components[1].id`, `components[1].amount "0.001"`} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("DecodePlan = %v, want it to report %s", err, want)
		}
	}
}

func TestTransactionErrors(t *testing.T) {
	d := build(t, `{`+monthly+`}`)
	good := deal("D1", "ana", "100", "2025-01-10")
	tests := []struct {
		name  string
		tx    func(incentive.Transaction) incentive.Transaction
		field string
		err   error
	}{
		{"shares that do not add up", func(t incentive.Transaction) incentive.Transaction {
			t.Rep, t.Splits = "", []incentive.Split{{Rep: "ana", Share: dec("0.6")}, {Rep: "ana", Share: dec("0.3")}}
			return t
		}, `transactions[1].splits "0.9"`, incentive.ErrShares},
		{"an overlay the plan does not allow", func(t incentive.Transaction) incentive.Transaction {
			t.Splits = []incentive.Split{{Rep: "ana", Share: dec("1")}, {Rep: "ana", Share: dec("0.5"), Overlay: true}}
			return t
		}, `transactions[1].splits[1].overlay "true"`, incentive.ErrShares},
		{"an unknown rep", func(t incentive.Transaction) incentive.Transaction { t.Rep = "zoe"; return t },
			`transactions[1].rep "zoe"`, incentive.ErrUnknownRep},
		{"a duplicate id", func(t incentive.Transaction) incentive.Transaction { t.ID = "D1"; return t },
			`transactions[1].id "D1"`, incentive.ErrDuplicate},
		{"cents finer than the currency", func(t incentive.Transaction) incentive.Transaction { t.Amount = dec("10.005"); return t },
			`transactions[1].amount "10.005"`, incentive.ErrPlaces},
		{"cancelled before booked", func(t incentive.Transaction) incentive.Transaction {
			t.Cancelled = incentive.MustDate("2025-01-01")
			return t
		}, `transactions[1].cancelled "2025-01-01"`, incentive.ErrRange},
		{"payments beyond the amount", func(t incentive.Transaction) incentive.Transaction {
			t.Payments = []incentive.Payment{{Date: incentive.MustDate("2025-01-12"), Amount: dec("150")}}
			return t
		}, `transactions[1].payments "150"`, incentive.ErrPayments},
		{"no booked date", func(t incentive.Transaction) incentive.Transaction { t.Booked = incentive.Date{}; return t },
			`transactions[1].booked`, incentive.ErrEmpty},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bad := good
			bad.ID = "D2"
			_, err := incentive.Compute(d, incentive.MustDate("2025-01-01"), []incentive.Transaction{good, tt.tx(bad)}, nil)
			if !errors.Is(err, tt.err) || !strings.Contains(err.Error(), "incentive: "+tt.field+":") {
				t.Fatalf("Compute = %v, want %v at %s", err, tt.err, tt.field)
			}
		})
	}
}

func TestTooManyErrors(t *testing.T) {
	d := build(t, `{`+monthly+`}`)
	txs := make([]incentive.Transaction, 250)
	_, err := incentive.Compute(d, incentive.MustDate("2025-01-01"), txs, nil)
	if !errors.Is(err, incentive.ErrTooMany) || !errors.Is(err, incentive.ErrEmpty) {
		t.Fatalf("Compute = %v, want ErrEmpty and ErrTooMany", err)
	}
	if n := strings.Count(err.Error(), "\n") + 1; n != 101 {
		t.Errorf("Compute reported %d errors, want 100 and a count", n)
	}
}

func TestSplitsAddUpToTheCent(t *testing.T) {
	d := build(t, `{"start":"2025-01-01","end":"2026-01-01","rounding":{"places":2},"crediting":{"roll_up":true},
		"reps":[{"id":"mia"},{"id":"ana","manager":"mia"},{"id":"ben","manager":"mia"},{"id":"cy"}]}`)
	split := func(id, amount string, shares ...string) incentive.Transaction {
		t := incentive.Transaction{ID: id, Amount: dec(amount), Booked: incentive.MustDate("2025-01-10")}
		for i, s := range shares {
			t.Splits = append(t.Splits, incentive.Split{Rep: []string{"ana", "ben", "cy"}[i], Share: dec(s)})
		}
		return t
	}
	tests := []struct {
		tx   incentive.Transaction
		want map[string]string // direct credit by rep
	}{
		// 50.005 each: the cent left goes to the earlier split.
		{split("T1", "100.01", "0.5", "0.5"), map[string]string{"ana": "50.01", "ben": "50.00"}},
		{split("T2", "-100.01", "0.5", "0.5"), map[string]string{"ana": "-50.01", "ben": "-50.00"}},
		// 0.003, 0.003, 0.004: the largest remainder takes the only cent.
		{split("T3", "0.01", "0.3", "0.3", "0.4"), map[string]string{"ana": "0", "ben": "0", "cy": "0.01"}},
		// 33.333.., 33.333.., 33.334: 100 = 33.33 + 33.33 + 33.34.
		{split("T4", "100", "0.33333", "0.33333", "0.33334"), map[string]string{"ana": "33.33", "ben": "33.33", "cy": "33.34"}},
	}
	for _, tt := range tests {
		t.Run(tt.tx.ID, func(t *testing.T) {
			cs, err := incentive.Credits(d, []incentive.Transaction{tt.tx})
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]string{}
			team := dec("0")
			for _, c := range cs {
				switch c.Type {
				case incentive.Direct:
					got[c.Rep] = c.Amount.String()
				case incentive.Team:
					team = team.Add(c.Amount)
				}
			}
			for rep, w := range tt.want {
				if !dec(got[rep]).Equal(dec(w)) {
					t.Errorf("%s's credit = %s, want %s", rep, got[rep], w)
				}
			}
			// Mia manages Ana and Ben: her team credit is theirs.
			direct := dec(got["ana"]).Add(dec(got["ben"]))
			if !team.Equal(direct) {
				t.Errorf("mia's team credit = %s, want %s", team, direct)
			}
		})
	}
}

func TestLineJSONCarriesTheExplanation(t *testing.T) {
	s := compute(t, build(t, docPlan), "2025-01-01", docDeals(), nil)["ana"]
	data, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"code":"tier_quota"`, `"en":"Tier 2, 100%–150% of quota: 30,000.00 × 12% = 3,600.00"`,
		`"zh-CN":"第 2 档（配额的 100%–150%）：30,000.00 × 12% = 3,600.00"`} {
		if !strings.Contains(string(data), want) {
			t.Errorf("statement JSON lacks %s", want)
		}
	}
	var back incentive.Statement
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(s, back); diff != "" {
		t.Errorf("statement round trip (-want +got):\n%s", diff)
	}
}

// TestQuotaJSONCarriesTheExplanation: a statement's quota marshals with
// its reason and sentences, as a line does. Ana starts on 2025-02-15, so
// her quota of 100,000 for Q1 2025 (90 days) is prorated to the 45 days
// she works: 100,000 × 45 / 90 = 50,000.
func TestQuotaJSONCarriesTheExplanation(t *testing.T) {
	plan := strings.Replace(docPlan, `{"id":"ana","quota":"100000"}`, `{"id":"ana","quota":"100000","start":"2025-02-15"}`, 1)
	s := compute(t, build(t, plan), "2025-01-01", docDeals(), nil)["ana"]
	data, err := json.Marshal(s.Quota)
	if err != nil {
		t.Fatal(err)
	}
	en, zh := s.Quota.Reason().Text("en"), s.Quota.Reason().Text("zh-CN")
	for _, want := range []string{`"code":"quota_prorated"`, `"quota":"50000"`, `"en":"` + en + `"`, `"zh-CN":"` + zh + `"`} {
		if !strings.Contains(string(data), want) {
			t.Errorf("quota JSON %s lacks %s", data, want)
		}
	}
	if !strings.Contains(en, "50,000") || !strings.Contains(en, "45") {
		t.Errorf("quota sentence %q does not cite the prorated 50,000 and the 45 days", en)
	}
	var back incentive.Quota
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	if !back.Equal(s.Quota) {
		t.Errorf("quota after a JSON round trip = %+v, want %+v", back, s.Quota)
	}
}
