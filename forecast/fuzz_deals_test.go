package forecast_test

import (
	"bytes"
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/saleskit/saleskit/forecast"
	"github.com/shopspring/decimal"
)

// parseDeals reads deals from lines "amount;stage;probability;date;category;owner".
func parseDeals(s string, max int) []forecast.Deal {
	var out []forecast.Deal
	for i, line := range strings.Split(s, "\n") {
		if len(out) == max {
			break
		}
		f := strings.Split(line, ";")
		for len(f) < 6 {
			f = append(f, "")
		}
		d := forecast.Deal{ID: strconv.Itoa(i), Stage: f[1], Owner: f[5]}
		if a, err := decimal.NewFromString(f[0]); err == nil && a.Exponent() > -30 && a.Exponent() < 30 {
			d.Amount = a
		}
		if p, err := strconv.ParseFloat(f[2], 64); err == nil {
			d.Probability = &p
		}
		d.CloseDate, _ = forecast.ParseDate(f[3])
		_ = d.Category.UnmarshalText([]byte(f[4]))
		out = append(out, d)
	}
	return out
}

// FuzzPipeline adds fuzzed deals: a clear error, or a report equal to the
// naive implementation's that survives a binary round trip.
func FuzzPipeline(f *testing.F) {
	f.Add("120000.00;negotiation;;2026-07-10;;ana\n10000.05;proposal;0.5;2026-07-25;;ben", int8(2), uint8(0))
	f.Add("1e40;lead;NaN;2026-02-30;commit;", int8(0), uint8(1))
	f.Add("5;won;0.5;9999-12-31;omitted;x\n-1;lost;;2026-01-01;closed;y", int8(9), uint8(2))
	f.Fuzz(func(t *testing.T, text string, places int8, grain uint8) {
		deals := parseDeals(text, 32)
		p, err := forecast.NewPipeline(forecast.B2B(), int32(places), &forecast.PipelineOptions{Grain: forecast.Grain(grain % 4)})
		if err != nil {
			clearError(t, err)
			return
		}
		if err := p.AddAll(deals); err != nil {
			clearError(t, err)
			return
		}
		want := naivePipeline(forecast.B2B(), int32(places), forecast.Grain(grain%4), 0, deals)
		r := p.Report(nil)
		for _, pf := range r.Periods {
			w := want[pf.Period.Start]
			for _, c := range pf.Categories {
				if !c.Amount.Equal(w.amount[c.Category]) || !c.Weighted.Equal(w.weighted[c.Category]) {
					t.Fatalf("%v %v: %s/%s, naive %s/%s", pf.Period, c.Category, c.Amount, c.Weighted, w.amount[c.Category], w.weighted[c.Category])
				}
			}
		}
		b, _ := p.MarshalBinary()
		var q forecast.Pipeline
		if err := q.UnmarshalBinary(b); err != nil {
			t.Fatalf("a pipeline's own encoding does not decode: %v", err)
		}
		if !q.Report(nil).Equal(r) {
			t.Fatal("a pipeline reports differently after a binary round trip")
		}
		if _, err := json.Marshal(r); err != nil {
			t.Fatal(err)
		}
		if len(deals) > 0 {
			ps, err := forecast.ProspectsOf(forecast.B2B(), deals, deals[0].CloseDate, 1+int(grain%12), nil)
			if err != nil {
				clearError(t, err)
				return
			}
			for _, pr := range ps {
				if !(pr.Probability >= 0 && pr.Probability <= 1) || pr.Period < 0 {
					t.Fatalf("prospect %+v", pr)
				}
			}
		}
	})
}

// FuzzPipelineUnmarshal decodes hostile bytes: a clear error, or a
// pipeline whose encoding decodes to the same report.
func FuzzPipelineUnmarshal(f *testing.F) {
	p, _ := forecast.NewPipeline(forecast.B2B(), 2, nil)
	_ = p.AddAll(workedDeals())
	good, _ := p.MarshalBinary()
	f.Add(good)
	f.Add(good[:40])
	f.Add([]byte{1, 'P', 2, 0, 1, 0xff, 0xff, 0xff, 0xff, 0x0f})
	f.Fuzz(func(t *testing.T, data []byte) {
		var q forecast.Pipeline
		if err := q.UnmarshalBinary(data); err != nil {
			clearError(t, err)
			return
		}
		b, _ := q.MarshalBinary()
		var r forecast.Pipeline
		if err := r.UnmarshalBinary(b); err != nil {
			t.Fatalf("re-encoding does not decode: %v", err)
		}
		again, _ := r.MarshalBinary()
		if !bytes.Equal(b, again) {
			t.Fatal("encoding is not stable")
		}
		if !r.Report(&forecast.ReportOptions{ByOwner: true}).Equal(q.Report(&forecast.ReportOptions{ByOwner: true})) {
			t.Fatal("decoded pipelines report differently")
		}
	})
}

// FuzzWinModelUnmarshal decodes hostile bytes into a win model.
func FuzzWinModelUnmarshal(f *testing.F) {
	w, _ := forecast.NewWinModel([]string{"lead", "qualified", "proposal", "negotiation"}, nil)
	_ = w.LearnAll(genClosed(40, 1))
	good, _ := w.MarshalBinary()
	f.Add(good)
	f.Add(good[:20])
	f.Add([]byte{1, 'W', 0, 1, 1, 'a', 1})
	f.Fuzz(func(t *testing.T, data []byte) {
		var q forecast.WinModel
		if err := q.UnmarshalBinary(data); err != nil {
			clearError(t, err)
			return
		}
		b, _ := q.MarshalBinary()
		var r forecast.WinModel
		if err := r.UnmarshalBinary(b); err != nil {
			t.Fatalf("re-encoding does not decode: %v", err)
		}
		if again, _ := r.MarshalBinary(); !bytes.Equal(b, again) {
			t.Fatal("encoding is not stable")
		}
		if q.Deals() > 0 {
			s, err := q.Score(forecast.OpenDeal{Stage: q.Stages()[0]})
			if err != nil {
				clearError(t, err)
			} else if !(s.Probability >= 0 && s.Probability <= 1) {
				t.Fatalf("probability %v", s.Probability)
			}
		}
	})
}

// parseClosed reads closed deals from lines "team;stage;won;field=value,…".
func parseClosed(s string, max int) []forecast.ClosedDeal {
	var out []forecast.ClosedDeal
	for _, line := range strings.Split(s, "\n") {
		if len(out) == max {
			break
		}
		f := strings.Split(line, ";")
		for len(f) < 4 {
			f = append(f, "")
		}
		d := forecast.ClosedDeal{Team: f[0], Stage: f[1], Outcome: forecast.Lost, Fields: map[string]string{}}
		switch f[2] {
		case "1":
			d.Outcome = forecast.Won
		case "x":
			d.Outcome = forecast.Open
		}
		for _, kv := range strings.Split(f[3], ",") {
			if k, v, ok := strings.Cut(kv, "="); ok {
				d.Fields[k] = v
			}
		}
		out = append(out, d)
	}
	return out
}

// FuzzWinModel learns fuzzed histories and scores fuzzed deals under both
// rules: a clear error or a probability in [0, 1], equal under Odoo's rules
// to the transliteration of Odoo's code.
func FuzzWinModel(f *testing.F) {
	f.Add("emea;lead;0;source=web\nemea;negotiation;1;source=referral\n;proposal;0;", "emea;qualified;0;source=web")
	f.Add("a;nope;1;\nb;lead;x;=v", ";lead;0;")
	f.Fuzz(func(t *testing.T, history, open string) {
		stages := []string{"lead", "qualified", "proposal", "negotiation"}
		h := parseClosed(history, 64)
		for _, rules := range []forecast.Rules{forecast.RulesStandard, forecast.RulesOdoo} {
			w, _ := forecast.NewWinModel(stages, &forecast.WinModelOptions{Rules: rules})
			if err := w.LearnAll(h); err != nil {
				clearError(t, err)
				return
			}
			for _, d := range parseClosed(open, 8) {
				od := forecast.OpenDeal{Team: d.Team, Stage: d.Stage, Fields: d.Fields}
				s, err := w.Score(od)
				if err != nil {
					clearError(t, err)
					continue
				}
				if !(s.Automated > 0 && s.Automated < 1) {
					t.Fatalf("probability %v outside (0, 1)", s.Automated)
				}
				if rules == forecast.RulesOdoo {
					if want, ok := naiveOdoo(stages, h, od); !ok || want != s.Automated {
						t.Fatalf("Score(%+v) = %v, Odoo's rules give %v (%v)", od, s.Automated, want, ok)
					}
				}
			}
			c, err := w.Calibrate(parseClosed(open, 8), nil)
			if err != nil {
				clearError(t, err)
				continue
			}
			if !(c.Brier >= 0 && c.Brier <= 1) {
				t.Fatalf("Brier score %v outside [0, 1]", c.Brier)
			}
			if _, err := json.Marshal(c); err != nil {
				t.Fatal(err)
			}
		}
	})
}

// FuzzSimulate simulates fuzzed prospects: a clear error, or the same
// numbers as the naive reading of the documentation, with probabilities in
// [0, 1].
func FuzzSimulate(f *testing.F) {
	f.Add([]byte{0, 0, 0, 0, 0, 0, 0xf0, 0x3f, 0, 0, 0, 0, 0, 0, 0xe0, 0x3f}, "100;80;120", uint64(1), 50, 2)
	f.Add([]byte{}, "-5;;", uint64(0), 0, 0)
	f.Fuzz(func(t *testing.T, probs []byte, amounts string, seed uint64, trials, periods int) {
		ps := fuzzFloats(probs, 16)
		var prospects []forecast.Prospect
		parts := strings.Split(amounts, ";")
		for i := 0; i+1 < len(ps) && len(prospects) < 8; i += 2 {
			p := forecast.Prospect{Probability: ps[i], Slip: math.Abs(ps[i+1]), Period: i % 3}
			if len(parts) > 0 {
				p.Amount, _ = decimal.NewFromString(parts[0])
			}
			if len(parts) > 2 && i%4 == 0 {
				p.Low, _ = decimal.NewFromString(parts[1])
				p.High, _ = decimal.NewFromString(parts[2])
			}
			prospects = append(prospects, p)
		}
		trials, periods = trials%300, periods%5
		quota := decimal.NewFromInt(100)
		s, err := forecast.Simulate(prospects, quota, seed, &forecast.SimulateOptions{Trials: trials, Periods: periods})
		if err != nil {
			clearError(t, err)
			return
		}
		if !(s.HitProbability >= 0 && s.HitProbability <= 1) {
			t.Fatalf("hit probability %v", s.HitProbability)
		}
		n := naiveSimulate(prospects, quota, seed, s.Trials, len(s.Periods))
		if n.Total.Mean != s.Total.Mean && !(math.IsNaN(n.Total.Mean) && math.IsNaN(s.Total.Mean)) || n.HitProbability != s.HitProbability {
			t.Fatalf("mean %v, P %v; naive %v, %v", s.Total.Mean, s.HitProbability, n.Total.Mean, n.HitProbability)
		}
		if _, err := json.Marshal(s); err != nil {
			t.Fatalf("a simulation does not marshal: %v", err)
		}
	})
}

// FuzzCompare compares fuzzed snapshots: a clear error, or bridges that
// reconcile.
func FuzzCompare(f *testing.F) {
	f.Add("1;lead;;2026-01-05;;a\n2;won;;2026-02-01;;b", "1;proposal;;2026-03-01;;a\n3;lead;0.2;2026-01-09;;c")
	f.Add("1;lead;;2026-01-05;;a\n1;lead;;2026-01-05;;a", "")
	f.Fuzz(func(t *testing.T, before, after string) {
		withIDs := func(ds []forecast.Deal) []forecast.Deal {
			for i := range ds {
				ds[i].ID = strings.SplitN(strings.Split(before+"\n"+after, "\n")[i%8], ";", 2)[0]
			}
			return ds
		}
		c, err := forecast.Compare(forecast.B2B(), withIDs(parseDeals(before, 16)), withIDs(parseDeals(after, 16)), nil)
		if err != nil {
			clearError(t, err)
			return
		}
		for _, b := range c.Bridges {
			if !b.Reconciles() {
				t.Fatalf("bridge %+v does not reconcile", b)
			}
		}
		if _, err := json.Marshal(c); err != nil {
			t.Fatal(err)
		}
	})
}

// FuzzRollUp rolls the worked example up a fuzzed org with fuzzed
// adjustments: a clear error, or submitted amounts that add up.
func FuzzRollUp(f *testing.F) {
	f.Add("vp;\nana;vp\nben;vp", "ben;vp;2026-07-01;commit;45\nana;ana;2026-08-01;closed;1")
	f.Add("a;b\nb;a", "")
	f.Fuzz(func(t *testing.T, units, adjustments string) {
		var us []forecast.Unit
		for _, line := range strings.Split(units, "\n")[:min(strings.Count(units, "\n")+1, 16)] {
			k, m, _ := strings.Cut(line, ";")
			us = append(us, forecast.Unit{Key: k, Manager: m})
		}
		org, err := forecast.NewOrg(us)
		if err != nil {
			clearError(t, err)
			return
		}
		var adj []forecast.Adjustment
		for _, line := range strings.Split(adjustments, "\n")[:min(strings.Count(adjustments, "\n")+1, 16)] {
			f := strings.Split(line, ";")
			for len(f) < 5 {
				f = append(f, "")
			}
			a := forecast.Adjustment{Unit: f[0], By: f[1]}
			a.Period, _ = forecast.ParseDate(f[2])
			_ = a.Category.UnmarshalText([]byte(f[3]))
			if v, err := decimal.NewFromString(f[4]); err == nil && v.Exponent() > -20 && v.Exponent() < 20 {
				a.Amount = v
			}
			adj = append(adj, a)
		}
		p, _ := forecast.NewPipeline(forecast.B2B(), 2, nil)
		deals := workedDeals()
		for i := range deals {
			deals[i].Owner = us[i%len(us)].Key
		}
		_ = p.AddAll(deals)
		ru, err := p.Report(&forecast.ReportOptions{ByOwner: true}).RollUp(org, adj)
		if err != nil {
			clearError(t, err)
			return
		}
		for _, op := range ru.Periods {
			for _, u := range op.Units {
				for _, l := range u.Lines {
					if !l.Own.Add(l.Team).Equal(l.Computed) || (len(l.Adjustments) == 0 && !l.Amount.Equal(l.Computed)) {
						t.Fatalf("%s %s does not add up: %+v", u.Unit, l.Category, l)
					}
				}
			}
		}
	})
}

// FuzzBlend blends a fuzzed run-rate history and elapsed share into the
// worked example's July.
func FuzzBlend(f *testing.F) {
	f.Add([]byte{20, 22, 21, 23}, 0.25, int8(2))
	f.Add([]byte{255}, math.NaN(), int8(-1))
	f.Fuzz(func(t *testing.T, data []byte, elapsed float64, places int8) {
		p, _ := forecast.NewPipeline(forecast.B2B(), 2, nil)
		_ = p.AddAll(workedDeals())
		july := p.Report(nil).Periods[0]
		b, err := forecast.Blend(july, fuzzSeries(data, 24), int32(places), &forecast.BlendOptions{Elapsed: elapsed})
		if err != nil {
			clearError(t, err)
			return
		}
		if b.RunRate.Sign() < 0 || !b.Closed.Add(b.Pipeline).Add(b.RunRate).Equal(b.Total) {
			t.Fatalf("blend does not add up: %+v", b)
		}
	})
}
