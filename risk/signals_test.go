package risk_test

import (
	"encoding/json"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/saleskit/saleskit/risk"
)

// quietDeal raises no signal as of quietAsOf under the default policy:
// pipeline, active yesterday, two contacts one of them a decision maker,
// no discount, no competitor, no history.
var quietAsOf = time.Date(2025, 7, 1, 9, 0, 0, 0, time.UTC)

func quietDeal() risk.Deal {
	return risk.Deal{
		ID: "d1", Stage: "proposal", Amount: money(80_000), CloseDate: risk.MustDate("2025-08-15"),
		StageEntered: quietAsOf.Add(-10 * risk.Day), LastActivity: quietAsOf.Add(-risk.Day),
		Contacts: []risk.Contact{{Name: "Zhao Lei", DecisionMaker: true}, {Name: "Sun Li"}},
	}
}

func kinds(r risk.DealRisk) []risk.SignalKind {
	out := []risk.SignalKind{}
	for _, s := range r.Signals {
		out = append(out, s.Kind)
	}
	return out
}

func TestSignals(t *testing.T) {
	norms := &risk.SignalPolicy{StageNorms: map[string]time.Duration{"proposal": 21 * risk.Day}}
	shanghai := time.FixedZone("CST", 8*3600)
	cases := []struct {
		name   string
		deal   func() risk.Deal
		asOf   time.Time
		policy *risk.SignalPolicy
		want   []risk.SignalKind
		why    string // the first signal's sentence
	}{
		{name: "quiet", deal: quietDeal, want: []risk.SignalKind{}},
		{
			name: "slipped commit", asOf: quietAsOf,
			deal: func() risk.Deal {
				d := quietDeal()
				d.Forecast, d.CloseDate = risk.ForecastCommit, risk.MustDate("2025-06-20")
				return d
			},
			want: []risk.SignalKind{risk.Slipped}, why: "commit deal past its close date 2025-06-20 by 11 day(s)",
		},
		{
			name: "a pipeline deal past its date has not slipped",
			deal: func() risk.Deal { d := quietDeal(); d.CloseDate = risk.MustDate("2025-06-20"); return d },
			want: []risk.SignalKind{},
		},
		{
			name: "closing today has not slipped",
			deal: func() risk.Deal {
				d := quietDeal()
				d.Forecast, d.CloseDate = risk.ForecastBestCase, risk.MustDate("2025-07-01")
				return d
			},
			want: []risk.SignalKind{},
		},
		{
			// 2025-07-02 01:00 UTC is 09:00 on 2025-07-02 in Shanghai, a day
			// after the close date, but 18:00 on 2025-07-01 in Los Angeles:
			// the day is asOf's in its own zone.
			name: "slip judged in asOf's zone", asOf: time.Date(2025, 7, 2, 1, 0, 0, 0, time.UTC).In(shanghai),
			deal: func() risk.Deal {
				d := quietDeal()
				d.Forecast, d.CloseDate = risk.ForecastCommit, risk.MustDate("2025-07-01")
				return d
			},
			want: []risk.SignalKind{risk.Slipped}, why: "commit deal past its close date 2025-07-01 by 1 day(s)",
		},
		{
			name: "slip not yet in Los Angeles", asOf: time.Date(2025, 7, 2, 1, 0, 0, 0, time.UTC).In(time.FixedZone("PDT", -7*3600)),
			deal: func() risk.Deal {
				d := quietDeal()
				d.Forecast, d.CloseDate = risk.ForecastCommit, risk.MustDate("2025-07-01")
				return d
			},
			want: []risk.SignalKind{},
		},
		{
			// Close date history 05-31 → 06-30 (+30) → 06-15 (−15) → 08-15
			// (+61): pushed twice, 91 days; pulled in once, 15 days.
			name: "pushed and pulled in",
			deal: func() risk.Deal {
				d := quietDeal()
				d.History = []risk.Revision{ // given out of order
					{At: quietAsOf.Add(-30 * risk.Day), CloseDate: risk.MustDate("2025-06-15"), Amount: money(80_000)},
					{At: quietAsOf.Add(-90 * risk.Day), CloseDate: risk.MustDate("2025-05-31"), Amount: money(80_000)},
					{At: quietAsOf.Add(-60 * risk.Day), CloseDate: risk.MustDate("2025-06-30"), Amount: money(80_000)},
				}
				return d
			},
			want: []risk.SignalKind{risk.CloseDatePushed, risk.CloseDatePulledIn},
			why:  "close date pushed 2×, 91 days in all: from 2025-05-31 to 2025-08-15",
		},
		{
			name: "stale", deal: func() risk.Deal { d := quietDeal(); d.LastActivity = quietAsOf.Add(-14 * risk.Day); return d },
			want: []risk.SignalKind{risk.NoActivity}, why: "no activity for 14 days since 2025-06-17T09:00:00Z (limit 14 days)",
		},
		{
			name: "a second short of stale",
			deal: func() risk.Deal {
				d := quietDeal()
				d.LastActivity = quietAsOf.Add(-14*risk.Day + time.Second)
				return d
			},
			want: []risk.SignalKind{},
		},
		{
			name: "snoozed: no staleness until the resume date",
			deal: func() risk.Deal {
				d := quietDeal()
				d.LastActivity, d.StageEntered, d.SnoozedUntil = quietAsOf.Add(-40*risk.Day), quietAsOf.Add(-60*risk.Day), risk.MustDate("2025-07-02")
				return d
			},
			policy: norms, want: []risk.SignalKind{},
		},
		{
			// Resumed on 2025-06-20: staleness counts from 2025-06-20 00:00 UTC,
			// 11 days 9 hours, not from the last activity 40 days ago.
			name: "resumed: the pause does not count",
			deal: func() risk.Deal {
				d := quietDeal()
				d.LastActivity, d.SnoozedUntil = quietAsOf.Add(-40*risk.Day), risk.MustDate("2025-06-20")
				return d
			},
			want: []risk.SignalKind{},
		},
		{
			name: "resumed long ago: stale again",
			deal: func() risk.Deal {
				d := quietDeal()
				d.LastActivity, d.SnoozedUntil = quietAsOf.Add(-40*risk.Day), risk.MustDate("2025-06-01")
				return d
			},
			want: []risk.SignalKind{risk.NoActivity}, why: "no activity for 30.38 days since 2025-05-22T09:00:00Z (limit 14 days)",
		},
		{
			name: "in stage longer than its norm", policy: norms,
			deal: func() risk.Deal { d := quietDeal(); d.StageEntered = quietAsOf.Add(-30 * risk.Day); return d },
			want: []risk.SignalKind{risk.StageTooLong}, why: "30 days in stage proposal, longer than its norm of 21 days",
		},
		{
			// 100,000 → 90,000 is a cut of exactly 10%: at the limit, raised.
			name: "amount cut",
			deal: func() risk.Deal {
				d := quietDeal()
				d.Amount = money(90_000)
				d.History = []risk.Revision{{At: quietAsOf.Add(-20 * risk.Day), Amount: money(100_000)}}
				return d
			},
			want: []risk.SignalKind{risk.AmountCut}, why: "amount cut 10% from 100,000 to 90,000 (limit 10%)",
		},
		{
			name: "a small cut",
			deal: func() risk.Deal {
				d := quietDeal()
				d.Amount = dec("90000.01")
				d.History = []risk.Revision{{At: quietAsOf.Add(-20 * risk.Day), Amount: money(100_000)}}
				return d
			},
			want: []risk.SignalKind{},
		},
		{
			name: "single-threaded, no decision maker",
			deal: func() risk.Deal { d := quietDeal(); d.Contacts = d.Contacts[1:]; return d },
			want: []risk.SignalKind{risk.NoDecisionMaker, risk.SingleThreaded},
		},
		{
			name: "discount and competitor",
			deal: func() risk.Deal {
				d := quietDeal()
				d.Discount, d.Competitors = dec("0.25"), []string{"Acme", "Globex"}
				return d
			},
			want: []risk.SignalKind{risk.DiscountHigh, risk.Competitor}, why: "discount 25% above the limit of 20%",
		},
		{
			name: "won deals raise nothing",
			deal: func() risk.Deal { d := quietDeal(); d.Outcome, d.Contacts = risk.Won, nil; return d },
			want: []risk.SignalKind{},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			asOf := c.asOf
			if asOf.IsZero() {
				asOf = quietAsOf
			}
			r, err := risk.Signals(c.deal(), asOf, c.policy)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(c.want, kinds(r)); diff != "" {
				t.Fatalf("signals differ (-want +got):\n%s", diff)
			}
			if c.why != "" {
				if got := r.Signals[0].Reason.String(); got != c.why {
					t.Errorf("evidence = %q, want %q", got, c.why)
				}
			}
			for _, s := range r.Signals {
				if s.Reason.Code != s.Kind.String() {
					t.Errorf("signal %s has reason code %q", s.Kind, s.Reason.Code)
				}
			}
		})
	}
}

// TestDealRiskScore: the score adds the default weights, and the tier
// follows the score: slipped 25 + no_activity 20 + competitor 5 = 50, high
// (from 45).
func TestDealRiskScore(t *testing.T) {
	d := quietDeal()
	d.Forecast, d.CloseDate = risk.ForecastCommit, risk.MustDate("2025-06-01")
	d.LastActivity = quietAsOf.Add(-20 * risk.Day)
	d.Competitors = []string{"Acme"}
	r, err := risk.Signals(d, quietAsOf, nil)
	if err != nil {
		t.Fatal(err)
	}
	if r.Score != 50 || r.Tier != "high" {
		t.Errorf("Score, Tier = %v, %q; want 50, high", r.Score, r.Tier)
	}
	want := "score 50 from 3 signals (slipped, no_activity, competitor): tier high"
	if got := r.Reason().String(); got != want {
		t.Errorf("Reason = %q, want %q", got, want)
	}
	// Custom weights and tiers: slipped 60 + no_activity 20 (default) +
	// competitor 0 = 80, "red" from 70.
	p := &risk.SignalPolicy{
		Weights: map[risk.SignalKind]float64{risk.Slipped: 60, risk.Competitor: 0},
		Tiers:   []risk.Tier{{Key: "green"}, {Key: "amber", From: 30}, {Key: "red", From: 70}},
	}
	r, err = risk.Signals(d, quietAsOf, p)
	if err != nil {
		t.Fatal(err)
	}
	if r.Score != 80 || r.Tier != "red" || !r.Has(risk.Competitor) {
		t.Errorf("custom policy: Score, Tier = %v, %q, competitor %v; want 80, red, true", r.Score, r.Tier, r.Has(risk.Competitor))
	}
}

func TestSignalsErrors(t *testing.T) {
	cases := []struct {
		name   string
		deal   func() risk.Deal
		asOf   time.Time
		policy *risk.SignalPolicy
		field  string
		err    error
	}{
		{"no id", func() risk.Deal { d := quietDeal(); d.ID = ""; return d }, quietAsOf, nil, "id", risk.ErrInvalid},
		{"no asOf", quietDeal, time.Time{}, nil, "asOf", risk.ErrInvalid},
		{"negative amount", func() risk.Deal { d := quietDeal(); d.Amount = money(-1); return d }, quietAsOf, nil, "amount", risk.ErrInvalid},
		{"discount above 1", func() risk.Deal { d := quietDeal(); d.Discount = dec("1.5"); return d }, quietAsOf, nil, "discount", risk.ErrInvalid},
		{"bad close date", func() risk.Deal { d := quietDeal(); d.CloseDate = risk.Date{Year: 2025, Month: 13, Day: 1}; return d }, quietAsOf, nil, "close_date", risk.ErrDate},
		{"unknown forecast", func() risk.Deal { d := quietDeal(); d.Forecast = 9; return d }, quietAsOf, nil, "forecast", risk.ErrUnknownName},
		{"history amount", func() risk.Deal {
			d := quietDeal()
			d.History = []risk.Revision{{Amount: money(-3)}}
			return d
		}, quietAsOf, nil, "history[0].amount", risk.ErrInvalid},
		{"negative weight", quietDeal, quietAsOf, &risk.SignalPolicy{Weights: map[risk.SignalKind]float64{risk.Slipped: -1}}, "weights.slipped", risk.ErrOption},
		{"unknown signal weight", quietDeal, quietAsOf, &risk.SignalPolicy{Weights: map[risk.SignalKind]float64{42: 1}}, "weights", risk.ErrUnknownName},
		{"tiers not rising", quietDeal, quietAsOf, &risk.SignalPolicy{Tiers: []risk.Tier{{Key: "a"}, {Key: "b", From: 5}, {Key: "c", From: 5}}}, "tiers[2].from", risk.ErrOption},
		{"first tier above 0", quietDeal, quietAsOf, &risk.SignalPolicy{Tiers: []risk.Tier{{Key: "a", From: 1}}}, "tiers[0].from", risk.ErrOption},
		{"zero norm", quietDeal, quietAsOf, &risk.SignalPolicy{StageNorms: map[string]time.Duration{"lead": -1}}, "stage_norms_seconds.lead", risk.ErrOption},
		{"negative pushes", quietDeal, quietAsOf, &risk.SignalPolicy{Pushes: -2}, "pushes", risk.ErrOption},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := risk.Signals(c.deal(), c.asOf, c.policy)
			if err == nil {
				t.Fatal("Signals = nil error")
			}
			clearError(t, err)
			if fe := fieldErrors(err)[c.field]; fe == nil || !errors.Is(fe, c.err) {
				t.Fatalf("Signals: %v; want an error on %s wrapping %v", err, c.field, c.err)
			}
		})
	}
}

// TestSignalPolicyJSON: durations travel as seconds, and a policy
// round-trips.
func TestSignalPolicyJSON(t *testing.T) {
	p := risk.DefaultSignalPolicy()
	p.StageNorms["proposal"] = 21*risk.Day + 12*time.Hour
	data, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"stale_seconds":1209600`, `"stage_norms_seconds":{"proposal":1857600}`, `"slipped":25`} {
		if !strings.Contains(string(data), want) {
			t.Errorf("policy JSON %s lacks %s", data, want)
		}
	}
	var back risk.SignalPolicy
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(p, back, decimalEqual); diff != "" {
		t.Errorf("policy after a JSON round trip differs (-want +got):\n%s", diff)
	}
	if err := json.Unmarshal([]byte(`{"stale_seconds":1e30}`), &back); !errors.Is(err, risk.ErrOption) {
		t.Errorf("decoding 1e30 seconds: %v, want ErrOption", err)
	}
}

// TestSignalsProperties: on generated deals the score is the sum of the
// signals' weights, the tier is the last one the score reaches, a snoozed
// deal has no staleness signal, and signals come in kind order.
func TestSignalsProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	pol := risk.DefaultSignalPolicy()
	for k := range 3000 {
		d := genDeal(rng, quietAsOf, k)
		r, err := risk.Signals(d, quietAsOf, nil)
		if err != nil {
			t.Fatal(err)
		}
		checkDealRisk(t, d, r, pol)
	}
}

func checkDealRisk(t *testing.T, d risk.Deal, r risk.DealRisk, pol risk.SignalPolicy) {
	t.Helper()
	sum := 0.0
	for k, s := range r.Signals {
		sum += s.Weight
		if k > 0 && r.Signals[k-1].Kind >= s.Kind {
			t.Fatalf("signals out of order: %v", kinds(r))
		}
	}
	if sum != r.Score {
		t.Fatalf("Score %v, signals' weights add up to %v", r.Score, sum)
	}
	tier := pol.Tiers[0].Key
	for _, x := range pol.Tiers {
		if r.Score >= x.From {
			tier = x.Key
		}
	}
	if r.Tier != tier {
		t.Fatalf("Tier %q for score %v, want %q", r.Tier, r.Score, tier)
	}
	if r.Snoozed && (r.Has(risk.NoActivity) || r.Has(risk.StageTooLong)) {
		t.Fatalf("a snoozed deal raised staleness: %v", kinds(r))
	}
	if d.Outcome != risk.OutcomeOpen && len(r.Signals) > 0 {
		t.Fatalf("a closed deal raised %v", kinds(r))
	}
}
