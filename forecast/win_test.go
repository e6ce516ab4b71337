package forecast_test

import (
	"errors"
	"math"
	"testing"

	"github.com/saleskit/saleskit/forecast"
)

// emeaHistory is the closed-deal history of the WinModel example: team
// emea won 6 referral and 2 web deals at negotiation; it lost 3 web deals
// at lead, 2 web deals at proposal and 1 referral deal at negotiation.
func emeaHistory() []forecast.ClosedDeal {
	var h []forecast.ClosedDeal
	add := func(n int, stage string, o forecast.Outcome, source string) {
		for range n {
			h = append(h, forecast.ClosedDeal{Team: "emea", Stage: stage, Outcome: o, Fields: map[string]string{"source": source}})
		}
	}
	add(6, "negotiation", forecast.Won, "referral")
	add(2, "negotiation", forecast.Won, "web")
	add(3, "lead", forecast.Lost, "web")
	add(2, "proposal", forecast.Lost, "web")
	add(1, "negotiation", forecast.Lost, "referral")
	return h
}

func learnt(t *testing.T, rules forecast.Rules, h []forecast.ClosedDeal) *forecast.WinModel {
	t.Helper()
	w := newWin(t, rules)
	if err := w.LearnAll(h); err != nil {
		t.Fatal(err)
	}
	return w
}

// TestWinOdooWorked checks Odoo's rules by hand on the emea history.
// Counts plus 0.1: every stage won 8.1; lost 6.1 at lead, 3.1 at qualified
// and proposal, 1.1 at negotiation; source referral 6.1/1.1, web 2.1/5.1,
// totals 8.2/6.2. A lead from the web:
//
//	S(won)  = 8.1/14.2 · 8.1/8.1 · 2.1/8.2 = 0.146085…
//	S(lost) = 6.1/14.2 · 6.1/6.1 · 5.1/6.2 = 0.353362…
//	p = 0.29249… → 29.25%
func TestWinOdooWorked(t *testing.T) {
	w := learnt(t, forecast.RulesOdoo, emeaHistory())
	cases := []struct {
		deal forecast.OpenDeal
		want float64
	}{
		{forecast.OpenDeal{Team: "emea", Stage: "lead", Fields: map[string]string{"source": "web"}}, 0.2925},
		{forecast.OpenDeal{Team: "emea", Stage: "proposal", Fields: map[string]string{"source": "referral"}}, 0.9164},
		// no team: scored against all teams, here emea's counts alone
		{forecast.OpenDeal{Stage: "negotiation", Fields: map[string]string{"source": "web"}}, 0.6963},
		// a value never seen is skipped
		{forecast.OpenDeal{Team: "emea", Stage: "proposal", Fields: map[string]string{"source": "fax", "size": "xl"}}, 0.7232},
	}
	for _, c := range cases {
		s, err := w.Score(c.deal)
		if err != nil {
			t.Fatal(err)
		}
		if s.Automated != c.want || s.Probability != c.want || s.Manual {
			t.Errorf("Score(%+v) = %+v, want %v", c.deal, s, c.want)
		}
	}
	// the clamp: a history with no lost deal at negotiation and many won
	var h []forecast.ClosedDeal
	for range 100000 {
		h = append(h, forecast.ClosedDeal{Team: "t", Stage: "negotiation", Outcome: forecast.Won})
	}
	h = append(h, forecast.ClosedDeal{Team: "t", Stage: "lead", Outcome: forecast.Lost})
	s, _ := learnt(t, forecast.RulesOdoo, h).Score(forecast.OpenDeal{Team: "t", Stage: "negotiation"})
	if s.Automated != 0.9999 {
		t.Errorf("a near-certain deal scores %v, want the clamp 0.9999", s.Automated)
	}
}

// TestWinStandardWorked checks the standard rules by hand on the emea
// history: W = 8, L = 6. A lead from the web:
//
//	prior     9/16 won, 7/16 lost
//	stage     (8+1)/(8+2) = 0.9 won, (6+1)/(6+2) = 0.875 lost (all reached lead)
//	source    (2+1)/(8+2) = 0.3 won, (5+1)/(6+2) = 0.75 lost (two values)
//	p = 0.151875 / (0.151875 + 0.287109375) = 0.345969…
func TestWinStandardWorked(t *testing.T) {
	w := learnt(t, forecast.RulesStandard, emeaHistory())
	s, err := w.Score(forecast.OpenDeal{Team: "emea", Stage: "lead", Fields: map[string]string{"source": "web"}})
	if err != nil {
		t.Fatal(err)
	}
	sw, sl := 9.0/16*0.9*0.3, 7.0/16*0.875*0.75
	if want := sw / (sw + sl); math.Abs(s.Automated-want) > 1e-15 {
		t.Errorf("standard score = %v, want %v", s.Automated, want)
	}
	if s.Reason.String() != "win probability 34.6% at stage lead, learnt from 8 won and 6 lost deals of team emea" {
		t.Errorf("reason = %q", s.Reason.String())
	}
}

// TestWinOverrideSticky: a manual probability is what the deal uses, the
// model's is reported beside it, and learning more does not replace it.
func TestWinOverrideSticky(t *testing.T) {
	w := learnt(t, forecast.RulesOdoo, emeaHistory())
	d := forecast.OpenDeal{Team: "emea", Stage: "lead", Fields: map[string]string{"source": "web"}, Override: prob(0.6)}
	s, _ := w.Score(d)
	if !s.Manual || s.Probability != 0.6 || s.Automated != 0.2925 {
		t.Errorf("Score with override = %+v, want probability 0.6, automated 0.2925, manual", s)
	}
	if got := s.Reason.Text("zh-CN"); got != "保留手动设定的概率 60%；模型给出 29.25%" {
		t.Errorf("zh-CN reason = %q", got)
	}
	if err := w.LearnAll(emeaHistory()); err != nil {
		t.Fatal(err)
	}
	s, _ = w.Score(d)
	if s.Probability != 0.6 {
		t.Errorf("after learning more, probability = %v, want the override 0.6", s.Probability)
	}
}

// TestCalibrateWorked checks calibration by hand: four held-out deals
// scored 0.2925 (lost), 0.9164 (won), 0.6963 (won) and 0.2925 (won):
//
//	Brier = (0.2925² + 0.0836² + 0.3037² + 0.7075²)/4 = 0.17133…
//	base rate 0.75, reference 0.1875, skill 1 - 0.17133/0.1875 = 0.0862…
//	buckets: [0.2, 0.3) 2 deals, predicted 0.2925, observed 0.5;
//	[0.6, 0.7) 1, observed 1; [0.9, 1] 1, observed 1
func TestCalibrateWorked(t *testing.T) {
	w := learnt(t, forecast.RulesOdoo, emeaHistory())
	held := []forecast.ClosedDeal{
		{Team: "emea", Stage: "lead", Outcome: forecast.Lost, Fields: map[string]string{"source": "web"}},
		{Team: "emea", Stage: "proposal", Outcome: forecast.Won, Fields: map[string]string{"source": "referral"}},
		{Stage: "negotiation", Outcome: forecast.Won, Fields: map[string]string{"source": "web"}},
		{Team: "emea", Stage: "lead", Outcome: forecast.Won, Fields: map[string]string{"source": "web"}},
	}
	c, err := w.Calibrate(held, nil)
	if err != nil {
		t.Fatal(err)
	}
	brier := (0.2925*0.2925 + 0.0836*0.0836 + 0.3037*0.3037 + 0.7075*0.7075) / 4
	if math.Abs(c.Brier-brier) > 1e-12 || c.BaseRate != 0.75 || c.Reference != 0.1875 {
		t.Errorf("Brier %v, base %v, reference %v; want %v, 0.75, 0.1875", c.Brier, c.BaseRate, c.Reference, brier)
	}
	if c.Skill == nil || math.Abs(*c.Skill-(1-brier/0.1875)) > 1e-12 {
		t.Errorf("skill = %v, want %v", c.Skill, 1-brier/0.1875)
	}
	if len(c.Buckets) != 10 {
		t.Fatalf("%d buckets, want 10", len(c.Buckets))
	}
	for i, b := range c.Buckets {
		switch i {
		case 2:
			if b.Deals != 2 || *b.Predicted != 0.2925 || *b.Observed != 0.5 {
				t.Errorf("bucket 2 = %d deals, %v, %v; want 2, 0.2925, 0.5", b.Deals, *b.Predicted, *b.Observed)
			}
		case 6, 9:
			if b.Deals != 1 || *b.Observed != 1 {
				t.Errorf("bucket %d = %d deals, observed %v; want 1, 1", i, b.Deals, *b.Observed)
			}
		default:
			if b.Deals != 0 || b.Predicted != nil {
				t.Errorf("bucket %d has %d deals, want none", i, b.Deals)
			}
		}
	}
}

// TestWinErrors checks refusals.
func TestWinErrors(t *testing.T) {
	if _, err := forecast.NewWinModel(nil, nil); !errors.Is(err, forecast.ErrStage) {
		t.Errorf("NewWinModel(nil) = %v, want ErrStage", err)
	}
	if _, err := forecast.NewWinModel([]string{"a", "a", ""}, nil); !errors.Is(err, forecast.ErrStage) {
		t.Errorf("NewWinModel with duplicates = %v, want ErrStage", err)
	}
	w := newWin(t, forecast.RulesOdoo)
	if _, err := w.Score(forecast.OpenDeal{Stage: "lead"}); !errors.Is(err, forecast.ErrNoHistory) {
		t.Errorf("Score before learning = %v, want ErrNoHistory", err)
	}
	err := w.LearnAll([]forecast.ClosedDeal{
		{Stage: "won", Outcome: forecast.Won},
		{Stage: "lead", Outcome: forecast.Open},
		{Stage: "lead", Outcome: forecast.Lost, Fields: map[string]string{"": "x"}},
	})
	for _, want := range []error{forecast.ErrUnknownStage, forecast.ErrOutcome, forecast.ErrField} {
		if !errors.Is(err, want) {
			t.Errorf("LearnAll = %v, want an error wrapping %v", err, want)
		}
	}
	if w.Deals() != 0 {
		t.Errorf("LearnAll took %d deals of a bad batch", w.Deals())
	}
	other, _ := forecast.NewWinModel([]string{"lead"}, nil)
	if err := w.Merge(other); !errors.Is(err, forecast.ErrMismatch) {
		t.Errorf("Merge of other stages = %v, want ErrMismatch", err)
	}
	if err := w.Merge(w); !errors.Is(err, forecast.ErrSelfMerge) {
		t.Errorf("self Merge = %v, want ErrSelfMerge", err)
	}
	w = learnt(t, forecast.RulesOdoo, emeaHistory())
	if _, err := w.ScoreAll([]forecast.OpenDeal{{Stage: "lead"}, {Stage: "lead", Override: prob(2)}}); !errors.Is(err, forecast.ErrProbability) {
		t.Errorf("ScoreAll with a bad override = %v, want ErrProbability", err)
	}
}
