package main

import (
	"bytes"
	"io"
	"slices"
	"testing"

	"github.com/saleskit/saleskit/examples/internal/golden"
	"github.com/saleskit/saleskit/funnel"
	"github.com/saleskit/saleskit/incentive"
	"github.com/shopspring/decimal"
)

// TestTelesalesGolden runs the program in English and in Chinese and
// compares its output with the golden files, so every change to what users
// see is reviewed in a diff. Run go test ./examples/telesales -update to
// accept a deliberate change.
func TestTelesalesGolden(t *testing.T) {
	golden.Languages(t, "telesales.golden", func(t *testing.T, lang string) string {
		var out bytes.Buffer
		if err := run(&out, options{lang: lang, seed: 7}); err != nil {
			t.Fatalf("run: %v", err)
		}
		return out.String()
	})
}

// TestTelesalesFigures checks the figures the report prints for seed 7
// against the packages directly.
//
// March 2025 has 21 weekdays (the 1st is a Saturday; ten weekend dates),
// so 5 agents × 21 × 30 = 3,150 dials.
//
// chen connected 231 of 630 dials and booked 36 appointments in 138
// conversations. The metrics are 231/630 = 0.36667 → 0.3667 and
// 36/138 = 0.26087 → 0.2609. The scorecard pays 3,000 at 100%:
//
//	revenue      75,000 ≥ target 50,000, score 1          1,500 × 1      = 1,500.00
//	connect      (0.3667 − 0.25) / (0.40 − 0.25) = 0.7780   900 × 0.7780 =   700.20
//	appointment  (0.2609 − 0.15) / (0.30 − 0.15) = 0.7393   600 × 0.7393 =   443.58
//	                                                        bonus          2,643.78
//
// zhao's 27,000 is 54% of the 50,000 quota, below the 60% gate: no bonus.
func TestTelesalesFigures(t *testing.T) {
	calls, deals := generate(7)
	rep, err := funnel.Calls(slices.Values(calls), nil)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Total.Dials != 3150 {
		t.Errorf("dials = %d, want 3150", rep.Total.Dials)
	}
	chen := rep.Agents[0].Stats
	if rep.Agents[0].Agent != "chen" || chen.Connected != 231 || chen.Dials != 630 || chen.Appointments != 36 || chen.Conversations != 138 {
		t.Fatalf("chen's calls = %+v, want 231 connected of 630, 36 appointments of 138 conversations", chen)
	}
	d := decimal.RequireFromString
	want := d("1500").Add(d("900").Mul(incentive.Score(fraction(chen.ConnectRate), d("0.25"), d("0.40"), decimal.Zero))).
		Add(d("600").Mul(incentive.Score(fraction(chen.AppointmentRate), d("0.15"), d("0.30"), decimal.Zero))).Round(2)
	if !want.Equal(d("2643.78")) {
		t.Fatalf("hand-computed bonus = %s, want 2643.78", want)
	}

	def, err := incentive.DecodePlan([]byte(planJSON), nil)
	if err != nil {
		t.Fatal(err)
	}
	stmts, err := incentive.Compute(def, march, deals, &incentive.ComputeOptions{Metrics: metrics(rep)})
	if err != nil {
		t.Fatal(err)
	}
	if got := stmts[0]; got.Rep != "chen" || !got.Payout.Equal(want) {
		t.Errorf("Compute: %s's bonus = %s, want chen's %s", got.Rep, got.Payout, want)
	}
	zhao := stmts[4]
	if zhao.Rep != "zhao" || !zhao.Payout.IsZero() || zhao.Lines[0].Code != incentive.CodeGateNotMet {
		t.Errorf("Compute: %s's bonus = %s, first line %q, want zhao's 0 under %q", zhao.Rep, zhao.Payout, zhao.Lines[0].Code, incentive.CodeGateNotMet)
	}
	r, err := incentive.Rank(stmts, incentive.ByPayout)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(r.Champions, []string{"chen"}) {
		t.Errorf("Rank champions = %v, want [chen]", r.Champions)
	}

	var out bytes.Buffer
	if err := run(&out, options{lang: "en", seed: 7}); err != nil {
		t.Fatal(err)
	}
	golden.Contains(t, out.String(), "Dialed         3150", "chen     630        231         36.7%    33.0–40.5%", "2,643.78", "below the gate of 60%")
}

// TestTelesalesSeed: the same seed prints the same report, another seed
// another one, and an unknown language is refused.
func TestTelesalesSeed(t *testing.T) {
	golden.Seeded(t, func(w io.Writer, lang string, seed uint64) error { return run(w, options{lang: lang, seed: seed}) })
}
