package incentive_test

import (
	"testing"

	"github.com/saleskit/saleskit/incentive"
	"github.com/shopspring/decimal"
)

// TestExplainUsesLabels: a flat component is named by its label in the
// reader's language, falls back to its ID where it has none, and a nil
// Definition words the line as Line.Reason does.
func TestExplainUsesLabels(t *testing.T) {
	d, err := incentive.DecodePlan([]byte(`{"start":"2025-01-01","end":"2026-01-01","rounding":{"places":2},
		"reps":[{"id":"ana"}],"components":[{"id":"base","labels":{"zh-CN":"基础提成"},"type":"flat","rate":"0.10"}]}`), nil)
	if err != nil {
		t.Fatal(err)
	}
	st, err := incentive.Compute(d, incentive.MustDate("2025-01-01"),
		[]incentive.Transaction{{ID: "D1", Rep: "ana", Amount: decimal.NewFromInt(12500), Booked: incentive.MustDate("2025-01-06")}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	l := st[0].Lines[0]
	for _, c := range []struct{ got, want string }{
		{d.Explain(l, "zh-CN"), "基础提成：按费率 12,500.00 × 10% = 1,250.00"},
		{d.Explain(l, "en"), "base: 12,500.00 × 10% = 1,250.00"}, // no English label: the ID
		{(*incentive.Definition)(nil).Explain(l, "zh-CN"), l.Reason().Text("zh-CN")},
	} {
		if c.got != c.want {
			t.Errorf("Explain = %q, want %q", c.got, c.want)
		}
	}
}
