package risk_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/saleskit/saleskit/risk"
)

// TestResultReasonsInJSON: the results that explain themselves with a
// Reason method carry that reason in their JSON, as Assessment does, so a
// UI that gets the JSON can show why; and they decode back to an equal
// value (the decoder ignores the reason, which is worked out, not stored).
func TestResultReasonsInJSON(t *testing.T) {
	// The bid tree: the root's reason is the choice, bid alone at 150,000
	// ahead of the partner bid at 135,100; chance and end nodes have none.
	v, err := risk.Decide(bidTree())
	if err != nil {
		t.Fatal(err)
	}
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	for _, want := range []string{`"code":"decision"`, `"choice":"bid alone"`, `"runner_up_emv":"135100"`} {
		if !strings.Contains(s, want) {
			t.Errorf("valuation JSON %s lacks %s", s, want)
		}
	}
	if n := strings.Count(s, `"reason"`); n != 1 {
		t.Errorf("valuation JSON has %d reasons, want 1 (the decision node's): %s", n, s)
	}
	var vb risk.Valuation
	if err := json.Unmarshal(data, &vb); err != nil || !vb.Equal(v) {
		t.Errorf("valuation after a JSON round trip: %v, equal %v", err, vb.Equal(v))
	}

	g := salesRegister()
	c, err := risk.Reserve(risk.PMBOK(), g.Risks, &risk.ReserveOptions{Seed: 7, Trials: 2_000})
	if err != nil {
		t.Fatal(err)
	}
	data, err = json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"code":"reserve"`, `"reserve":"` + c.Reserve.String() + `"`} {
		if !strings.Contains(string(data), want) {
			t.Errorf("contingency JSON %s lacks %s", data, want)
		}
	}
	var cb risk.Contingency
	if err := json.Unmarshal(data, &cb); err != nil || !cb.Equal(c) {
		t.Errorf("contingency after a JSON round trip: %v, equal %v", err, cb.Equal(c))
	}

	d := quietDeal()
	d.Forecast, d.CloseDate = risk.ForecastCommit, risk.MustDate("2025-06-20")
	r, err := risk.Signals(d, quietAsOf, nil)
	if err != nil {
		t.Fatal(err)
	}
	data, err = json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"code":"deal_risk"`, `"code":"slipped"`, `"kinds":"slipped"`} {
		if !strings.Contains(string(data), want) {
			t.Errorf("deal risk JSON %s lacks %s", data, want)
		}
	}
	var rb risk.DealRisk
	if err := json.Unmarshal(data, &rb); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(r, rb, decimalEqual); diff != "" {
		t.Errorf("deal risk after a JSON round trip differs (-want +got):\n%s", diff)
	}
}
