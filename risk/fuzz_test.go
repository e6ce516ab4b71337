package risk_test

import (
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
	"math"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/saleskit/saleskit/risk"
)

// Fuzz inputs are bounded so that one execution stays cheap: JSON of at
// most a few kilobytes, at most a few dozen risks, at most 200 trials.
const maxFuzzJSON = 4096

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

func FuzzMatrixSpecJSON(f *testing.F) {
	f.Add(mustJSON(risk.PMBOK()))
	f.Add(mustJSON(risk.Simple()))
	f.Add([]byte(`{"probability":[{"key":"a","value":"0.5"}],"impact":[],"ratings":[{"key":"x"}],"thresholds":["1"]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > maxFuzzJSON {
			return
		}
		var s risk.MatrixSpec
		if json.Unmarshal(data, &s) != nil {
			return
		}
		m, err := risk.NewMatrix(s)
		if err != nil {
			clearError(t, err)
			return
		}
		for p := range s.Probability {
			for i := range s.Impact {
				c := risk.Cell{Probability: p, Impact: i}
				if got, want := m.Score(c), naiveScore(s, p, i); !got.Equal(want) {
					t.Fatalf("Score(%v) = %s, naive %s", c, got, want)
				}
				if got, want := m.Rating(c), naiveRating(s, p, i); got != want {
					t.Fatalf("Rating(%v) = %q, naive %q", c, got, want)
				}
			}
		}
		var back risk.MatrixSpec
		if err := json.Unmarshal(mustJSON(m), &back); err != nil {
			t.Fatal(err)
		}
		again, err := risk.NewMatrix(back)
		if err != nil {
			t.Fatalf("a built matrix's JSON does not build: %v", err)
		}
		if !bytes.Equal(mustJSON(again), mustJSON(m)) {
			t.Fatalf("matrix JSON changes in a round trip")
		}
	})
}

func FuzzAssess(f *testing.F) {
	f.Add(mustJSON(workedExample()), uint8(0))
	for _, r := range salesRegister().Risks {
		f.Add(mustJSON(r), uint8(1))
	}
	f.Add([]byte(`{"id":"x","kind":"opportunity","probability":{"value":"0.3"},"impact":{"money":"1200","days":"7"},"response":{"strategy":"exploit"}}`), uint8(2))
	var matrices []*risk.Matrix
	for _, name := range []string{"pmbok", "simple", "money"} {
		matrices = append(matrices, crossMatrices()[name])
	}
	f.Fuzz(func(t *testing.T, data []byte, which uint8) {
		if len(data) > maxFuzzJSON {
			return
		}
		var r risk.Risk
		if json.Unmarshal(data, &r) != nil {
			return
		}
		m := matrices[int(which)%len(matrices)]
		a, err := risk.Assess(m, r)
		h := risk.NewHeatMap(m)
		placeErr := h.Place(m, r)
		if (err == nil) != (placeErr == nil) {
			t.Fatalf("Assess: %v, but HeatMap.Place: %v", err, placeErr)
		}
		valid := r.Validate()
		if valid != nil && err == nil {
			t.Fatalf("Validate: %v, but Assess accepted the risk", valid)
		}
		if err != nil {
			clearError(t, err)
			if valid == nil {
				if _, ok := naiveAssess(m.Spec(), r); ok {
					t.Fatalf("Assess refused a valid risk the naive assessment places: %v", err)
				}
			}
			return
		}
		want, ok := naiveAssess(m.Spec(), r)
		if !ok {
			t.Fatalf("Assess placed a risk the naive assessment cannot: %+v", a)
		}
		if diff := cmp.Diff(want, a, decimalEqual); diff != "" {
			t.Fatalf("Assess differs from the naive assessment (-want +got):\n%s", diff)
		}
		var back risk.Assessment
		if err := json.Unmarshal(mustJSON(a), &back); err != nil || !back.Equal(a) {
			t.Fatalf("assessment JSON round trip: %v, %+v", err, back)
		}
		_ = a.Reason().Text("zh-CN")
		_ = a.Inherent.Reason().String()
	})
}

func FuzzRegister(f *testing.F) {
	f.Add(mustJSON(salesRegister()), int64(0))
	f.Add([]byte(`{"risks":[{"id":"a","probability":{"level":"low"},"impact":{"level":"low"}},{"id":"a"}]}`), int64(20000))
	m := risk.PMBOK()
	s := m.Spec()
	f.Fuzz(func(t *testing.T, data []byte, asOfDays int64) {
		if len(data) > 2*maxFuzzJSON {
			return
		}
		var g risk.Register
		if json.Unmarshal(data, &g) != nil || len(g.Risks) > 64 {
			return
		}
		asOf := risk.MustDate("1970-01-01").AddDays(int(asOfDays % 3_000_000))
		if !asOf.IsValid() {
			asOf = risk.Date{}
		}
		rep, err := g.Report(m, &risk.ReportOptions{AsOf: asOf, Top: 5})
		if err != nil {
			clearError(t, err)
			return
		}
		naive := naiveRegister(t, s, g.Risks)
		if !rep.Totals.Equal(naiveTotals(s, naive)) {
			t.Fatalf("totals differ from the naive sums:\n%s", cmp.Diff(naiveTotals(s, naive), rep.Totals, decimalEqual))
		}
		if !rep.HeatMap.Equal(naiveHeatMap(s, naive)) {
			t.Fatalf("heat map differs from the naive counts")
		}
		if back := roundTrip(t, rep.Totals); !back.Equal(rep.Totals) {
			t.Fatalf("totals change in a binary round trip")
		}
		if back := roundTrip(t, rep.HeatMap); !back.Equal(rep.HeatMap) {
			t.Fatalf("heat map changes in a binary round trip")
		}
		if _, err := risk.Changes(m, g, g); err != nil {
			t.Fatalf("Changes of a register with itself: %v", err)
		}
	})
}

func FuzzDecide(f *testing.F) {
	f.Add(mustJSON(bidTree()))
	f.Add([]byte(`{"kind":"chance","children":[{"kind":"end","probability":"0.5"},{"kind":"end","probability":"0.5","payoff":"-3"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > maxFuzzJSON {
			return
		}
		var n risk.Node
		if json.Unmarshal(data, &n) != nil {
			return
		}
		v, err := risk.Decide(n)
		if err != nil {
			clearError(t, err)
			return
		}
		emv, path := naiveDecide(n)
		if !v.EMV.Equal(emv) {
			t.Fatalf("Decide EMV %s, naive %s", v.EMV, emv)
		}
		if diff := cmp.Diff(path, v.Path()); diff != "" {
			t.Fatalf("Decide path differs (-want +got):\n%s", diff)
		}
		_ = v.Reason().String()
		_ = mustJSON(v)
	})
}

func FuzzSignals(f *testing.F) {
	d := quietDeal()
	d.Forecast, d.Competitors = risk.ForecastCommit, []string{"Acme"}
	d.History = []risk.Revision{{At: quietAsOf.Add(-30 * risk.Day), CloseDate: risk.MustDate("2025-06-01"), Amount: money(120_000)}}
	f.Add(mustJSON(d), []byte(nil), quietAsOf.Unix(), int16(480))
	f.Add(mustJSON(quietDeal()), mustJSON(risk.DefaultSignalPolicy()), quietAsOf.Unix(), int16(-420))
	f.Add([]byte(`{"id":"x","amount":"5","snoozed_until":"2025-07-03","last_activity":"2025-01-01T00:00:00Z"}`),
		[]byte(`{"tiers":[{"key":"a","from":0},{"key":"b","from":1}],"weights":{"competitor":3}}`), quietAsOf.Unix(), int16(0))
	def := risk.DefaultSignalPolicy()
	f.Fuzz(func(t *testing.T, dealJSON, policyJSON []byte, asOfUnix int64, zoneMinutes int16) {
		if len(dealJSON) > maxFuzzJSON || len(policyJSON) > maxFuzzJSON {
			return
		}
		var d risk.Deal
		if json.Unmarshal(dealJSON, &d) != nil || len(d.History) > 64 {
			return
		}
		var p *risk.SignalPolicy
		if len(policyJSON) > 0 {
			p = new(risk.SignalPolicy)
			if err := json.Unmarshal(policyJSON, p); err != nil {
				if errors.Is(err, risk.ErrOption) {
					clearError(t, err)
				}
				return
			}
		}
		asOf := time.Unix(asOfUnix%(1<<36), 0).In(time.FixedZone("z", int(zoneMinutes%(18*60))*60))
		r, err := risk.Signals(d, asOf, p)
		if err != nil {
			clearError(t, err)
			return
		}
		if p == nil {
			checkDealRisk(t, d, r, def)
		}
		sum := 0.0
		for _, s := range r.Signals {
			sum += s.Weight
			if math.IsNaN(s.Weight) || s.Reason.Code != s.Kind.String() {
				t.Fatalf("signal %+v", s)
			}
			_ = s.Reason.Text("zh-CN")
		}
		if sum != r.Score {
			t.Fatalf("Score %v, weights add up to %v", r.Score, sum)
		}
		var c risk.SignalCounts
		c.Add(r)
		if back := roundTrip(t, c); !back.Equal(c) {
			t.Fatalf("signal counts change in a binary round trip")
		}
	})
}

func FuzzUnmarshalBinary(f *testing.F) {
	for _, v := range []encoding.BinaryMarshaler{salesTotals(), salesHeatMap(), salesSignalCounts(), risk.Totals{}, risk.HeatMap{}, risk.SignalCounts{}} {
		data, _ := v.MarshalBinary()
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > maxFuzzJSON {
			return
		}
		for _, v := range []interface {
			encoding.BinaryMarshaler
			encoding.BinaryUnmarshaler
		}{new(risk.Totals), new(risk.HeatMap), new(risk.SignalCounts)} {
			if err := v.UnmarshalBinary(data); err != nil {
				if !errors.Is(err, risk.ErrFormat) {
					t.Fatalf("UnmarshalBinary: %v does not wrap ErrFormat", err)
				}
				clearError(t, err)
				continue
			}
			again, _ := v.MarshalBinary()
			if !bytes.Equal(again, data) {
				t.Fatalf("%T decodes bytes it would not write:\n%x\nencodes as\n%x", v, data, again)
			}
			switch x := v.(type) {
			case *risk.Totals:
				if err := x.Merge(*x); err != nil {
					t.Fatalf("a decoded Totals does not merge with itself: %v", err)
				}
			case *risk.HeatMap:
				if err := x.Merge(*x); err != nil {
					t.Fatalf("a decoded HeatMap does not merge with itself: %v", err)
				}
			case *risk.SignalCounts:
				x.Merge(*x)
			}
		}
	})
}

func FuzzReserve(f *testing.F) {
	g := salesRegister()
	g.Risks[0].Driver = "a"
	g.Risks[1].Impact.Shape, g.Risks[1].Impact.Min, g.Risks[1].Impact.Max = risk.PERT, money(1), money(500_000)
	f.Add(mustJSON(g.Risks), uint64(1), uint8(50))
	f.Add([]byte(`[{"id":"x","probability":{"value":"1"},"impact":{"level":"low","money":"3","shape":"triangular","min":"1","max":"3"},"driver":"b"}]`), uint64(7), uint8(200))
	m := risk.PMBOK()
	drivers := map[string]float64{"a": 0.5, "b": 1, "c": 0}
	f.Fuzz(func(t *testing.T, data []byte, seed uint64, trials uint8) {
		if len(data) > maxFuzzJSON {
			return
		}
		var rs []risk.Risk
		if json.Unmarshal(data, &rs) != nil || len(rs) > 32 {
			return
		}
		o := &risk.ReserveOptions{Seed: seed, Trials: 1 + int(trials)%200, Drivers: drivers}
		c, err := risk.Reserve(m, rs, o)
		if err != nil {
			clearError(t, err)
			return
		}
		if c.P50.GreaterThan(c.P80) || c.P80.GreaterThan(c.P90) || !c.P90.Equal(c.Reserve) { // Confidence 0.9
			t.Fatalf("quantiles out of order: %s %s %s %s", c.P50, c.P80, c.P90, c.Reserve)
		}
		share := 0.0
		for _, x := range c.Tail {
			if x.Occurrence < 0 || x.Occurrence > 1 || x.TailOccurrence < 0 || x.TailOccurrence > 1 || math.IsNaN(x.Share) {
				t.Fatalf("contribution %+v", x)
			}
			share += x.Share
		}
		if share != 0 && math.Abs(share-1) > 1e-9 {
			t.Fatalf("shares add up to %v", share)
		}
		again, _ := risk.Reserve(m, rs, o)
		if !again.Mean.Equal(c.Mean) || !again.Reserve.Equal(c.Reserve) {
			t.Fatalf("the same seed gave %s and %s", c.Mean, again.Mean)
		}
		_ = c.Reason().Text("zh-CN")
	})
}
