package funnel_test

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"math"
	"math/big"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/saleskit/saleskit/funnel"
	"github.com/shopspring/decimal"
)

// FuzzEvents feeds arbitrary event streams, two analyzers sharing them, to
// every entry point that reads events, with times in zones of every kind.
// Nothing may panic; accepted streams must satisfy the report invariants
// and report as the naive replay does, the merged shards must report
// exactly as one pass, and the accepted events in UTC after a JSON round
// trip must give reports of the same JSON bytes.
func FuzzEvents(f *testing.F) {
	var zones []*time.Location
	for _, name := range zoneNames[:8] {
		loc, err := time.LoadLocation(name)
		if err != nil {
			f.Fatal(err)
		}
		zones = append(zones, loc)
	}
	f.Add([]byte{0, 0, 1, 0, 10, 1, 1, 2, 0, 20, 0, 2, 9, 3, 30}, "12.50", int64(3600))
	f.Add([]byte{3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13}, "99999999999999999999999.9", int64(-5))
	f.Add([]byte{}, "-1", int64(0))
	f.Fuzz(func(t *testing.T, data []byte, amount string, window int64) {
		keys := []string{"lead", "qualified", "proposal", "negotiation", "won", "lost", "?", ""}
		amt, err := decimal.NewFromString(amount)
		if err != nil || amt.Exponent() < -40 || amt.Exponent() > 40 {
			amt = decimal.Zero // FuzzAmount tries far exponents; here they would only make sums slow
		}
		opts := &funnel.Options{OnUnknown: funnel.Skip}
		whole, _ := funnel.NewAnalyzer(funnel.B2B(), opts)
		x, _ := funnel.NewAnalyzer(funnel.B2B(), opts)
		y, _ := funnel.NewAnalyzer(funnel.B2B(), opts)
		base := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
		var accepted []funnel.Event
		for i := 0; i+3 <= len(data) && i < 600; i += 3 {
			b0, b1, b2 := data[i], data[i+1], data[i+2]
			e := funnel.Event{
				Deal:   string(rune('a' + b0%5)),
				Stage:  keys[b1%8],
				Time:   base.Add(time.Duration(b2) * time.Hour).In(zones[b0>>5]),
				Amount: amt.Add(decimal.NewFromInt(int64(b1 / 8))),
				Owner:  string(rune('p' + b2%3)),
			}
			if b0 >= 250 {
				e.Deal = ""
			}
			err := whole.Add(e)
			if err == nil {
				accepted = append(accepted, e)
			}
			shard := x
			if b0&8 != 0 {
				shard = y
			}
			if err2 := shard.Add(e); (err == nil) != (err2 == nil) {
				t.Fatalf("Add(%+v) = %v on one analyzer and %v on another", e, err, err2)
			}
		}
		if err := x.Merge(y); err != nil {
			t.Fatal(err)
		}
		moved := slices.Clone(accepted)
		for i := range moved {
			moved[i].Time = moved[i].Time.UTC()
		}
		utcAnalyzer, _ := funnel.NewAnalyzer(funnel.B2B(), opts)
		if _, err := utcAnalyzer.AddAll(throughJSON(t, moved)); err != nil {
			t.Fatalf("the accepted events in UTC, through JSON: %v", err)
		}
		w := time.Duration(window)
		for _, o := range []funnel.ReportOptions{
			{}, {Mode: funnel.Strict, AsOf: base.Add(100 * time.Hour), By: funnel.ByOwner{}}, {Window: w, By: funnel.ByCohort{}},
		} {
			r, err := whole.Report(&o)
			if err != nil {
				if o.Window >= 0 {
					t.Fatalf("Report(%+v) = %v", o, err)
				}
				continue
			}
			checkReport(t, "fuzz", r)
			if diff := cmp.Diff(naiveReport(funnel.B2B(), accepted, o), r, ignoreReason, cmpopts.IgnoreFields(funnel.ReportOptions{}, "By")); diff != "" {
				t.Fatalf("Report(%+v) differs from the naive replay (-naive +analyzer):\n%s", o, diff)
			}
			m, err := x.Report(&o)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(r, m); diff != "" {
				t.Fatalf("merged shards report differently (-one pass +merged):\n%s", diff)
			}
			if got, want := jsonOf(t, report(t, utcAnalyzer, o)), jsonOf(t, r); got != want {
				t.Fatalf("Report(%+v) of the events in UTC through JSON differs: %s", o, firstDiff(got, want))
			}
		}
		from := base.Add(time.Duration(window%400) * time.Hour)
		if _, err := whole.Flow(from, base.Add(300*time.Hour), nil); err != nil && !errors.Is(err, funnel.ErrOption) {
			t.Fatalf("Flow: %v", err)
		}
	})
}

// FuzzStagesJSON decodes arbitrary JSON as a stage list. Decoding must not
// panic; a list that decodes is valid and round-trips.
func FuzzStagesJSON(f *testing.F) {
	b2b, _ := json.Marshal(funnel.B2B())
	f.Add(b2b)
	f.Add([]byte(`[{"key":"a"},{"key":"w","outcome":"won","probability":1}]`))
	f.Add([]byte(`[{"key":"a","probability":-1},{"key":"a","outcome":"lost"}]`))
	f.Add([]byte(`null`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var s funnel.Stages
		if err := json.Unmarshal(data, &s); err != nil {
			return
		}
		if err := s.Validate(); err != nil {
			t.Fatalf("decoded an invalid list: %v", err)
		}
		out, err := json.Marshal(s)
		if err != nil {
			t.Fatalf("Marshal: %v", err)
		}
		var back funnel.Stages
		if err := json.Unmarshal(out, &back); err != nil {
			t.Fatalf("round trip: %v", err)
		}
		if diff := cmp.Diff(s, back, cmp.Comparer(func(a, b map[string]string) bool {
			return len(a) == len(b) && (len(a) == 0 || cmp.Equal(a, b))
		})); diff != "" {
			t.Fatalf("round trip (-want +got):\n%s", diff)
		}
		if _, err := funnel.NewAnalyzer(s, nil); err != nil {
			t.Fatalf("NewAnalyzer of a valid list: %v", err)
		}
	})
}

// FuzzCalls reads arbitrary call records. Nothing may panic; rates stay in
// [0, 1] and the funnel never widens.
func FuzzCalls(f *testing.F) {
	f.Add([]byte{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18})
	f.Add([]byte{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		var calls []funnel.Call
		for i := 0; i+12 <= len(data) && i < 1200; i += 12 {
			rec := data[i : i+12]
			calls = append(calls, funnel.Call{
				Agent:    string(rune('a' + rec[0]%4))[:min(1, int(rec[0]%7))],
				Time:     time.Unix(int64(binary.LittleEndian.Uint32(rec[1:5]))*int64(rec[5]%2), 0),
				Outcome:  funnel.CallOutcome(rec[6] % 8),
				Duration: time.Duration(int64(binary.LittleEndian.Uint32(rec[7:11]))-1<<30) << (rec[11] % 40),
			})
		}
		r, err := funnel.Calls(slices.Values(calls), nil)
		if err != nil {
			return
		}
		all := append([]funnel.CallStats{r.Total}, r.Hours[:]...)
		for _, a := range r.Agents {
			all = append(all, a.Stats)
		}
		for _, s := range all {
			if !(s.Dials >= s.Connected && s.Connected >= s.Conversations && s.Conversations >= s.Appointments && s.Appointments >= s.Deals) {
				t.Fatalf("funnel widens: %+v", s)
			}
			for _, rate := range []funnel.Rate{s.ConnectRate, s.ConversationRate, s.AppointmentRate, s.DealRate} {
				if rate.Low < 0 || rate.High > 1 || rate.Value < rate.Low || rate.Value > rate.High {
					t.Fatalf("rate out of [0, 1]: %+v", rate)
				}
			}
			if s.Talk < 0 {
				t.Fatalf("negative talk time %v", s.Talk)
			}
		}
	})
}

// FuzzAmount adds one amount, written in several ways that have the same
// value, each to its own analyzer: all must be accepted or all rejected
// with ErrAmount, and the accepted ones must report the same JSON bytes.
// Nothing may panic or take long, whatever the exponent.
func FuzzAmount(f *testing.F) {
	for _, s := range []string{"1e19", "10000000000000000000", "12.3400", "1e-19", "-0", "5e35", "5e36", "0.000000000000000001", "1e10000", "1e-10000"} {
		f.Add(s, uint8(2))
	}
	f.Fuzz(func(t *testing.T, s string, k uint8) {
		d, err := decimal.NewFromString(s)
		if err != nil || len(s) > 200 {
			return
		}
		c, e := d.Coefficient(), d.Exponent()
		forms := []decimal.Decimal{d}
		if e > -100 && e < 100 {
			forms = append(forms, decimal.RequireFromString(d.String()))
		}
		if k := int32(k % 4); e >= math.MinInt32+k {
			forms = append(forms, decimal.NewFromBigInt(new(big.Int).Mul(c, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(k)), nil)), e-k))
		}
		if q, r := new(big.Int).QuoRem(c, big.NewInt(10), new(big.Int)); c.Sign() != 0 && r.Sign() == 0 && e < math.MaxInt32 {
			forms = append(forms, decimal.NewFromBigInt(q, e+1))
		}
		var first string
		var firstErr error
		for i, form := range forms {
			a, _ := funnel.NewAnalyzer(funnel.B2B(), nil)
			err := a.Add(funnel.Event{Deal: "d", Stage: "won", Time: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), Amount: form})
			if err != nil && !errors.Is(err, funnel.ErrAmount) {
				t.Fatalf("Add(%s) = %v, want nil or ErrAmount", s, err)
			}
			got := ""
			if err == nil {
				got = jsonOf(t, report(t, a, funnel.ReportOptions{}))
			}
			if i == 0 {
				first, firstErr = got, err
			} else if (err == nil) != (firstErr == nil) || got != first {
				t.Fatalf("amount %s, written as %se%d: Add = %v, written as %se%d: %v; or the reports differ",
					s, c, e, firstErr, form.Coefficient(), form.Exponent(), err)
			}
		}
	})
}

// FuzzSecondsJSON decodes arbitrary JSON values as a duration in seconds.
// Nothing may panic; a value that decodes round-trips, and one that does
// not is a syntax error or an error wrapping ErrDuration.
func FuzzSecondsJSON(f *testing.F) {
	for _, s := range []string{"0", "1.5", "-0.000000001", "9223372036.854775807", "9223372037", "1e3", "1e-30", `"5"`, "null", "1e999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 100 {
			return
		}
		var d funnel.Durations
		err := json.Unmarshal([]byte(`{"n":1,"mean_seconds":`+s+`}`), &d)
		var syntax *json.SyntaxError
		switch {
		case err == nil:
			if back := throughJSON(t, d); back != d {
				t.Fatalf("%s: decoded %v, round trip %v", s, d.Mean, back.Mean)
			}
		case errors.As(err, &syntax):
		case !errors.Is(err, funnel.ErrDuration):
			t.Fatalf("%s: %v, want ErrDuration", s, err)
		}
	})
}

// FuzzOptions builds analyzers with arbitrary options, as decoded from
// stored JSON. Nothing may panic or reserve much memory; a bad option is an
// ErrOption, and a good one reports as the defaults do.
func FuzzOptions(f *testing.F) {
	f.Add(int64(0), int64(0), uint8(0))
	f.Add(int64(100_000_000), int64(4_294_967_294), uint8(1))
	f.Add(int64(-1), int64(1<<40), uint8(9))
	want := jsonOf(f, mustReport(f, funnel.B2B(), worked(), nil))
	f.Fuzz(func(t *testing.T, deals, events int64, unknown uint8) {
		if int64(int(deals)) != deals || int64(int(events)) != events {
			return // does not fit this platform's int
		}
		o := &funnel.Options{OnUnknown: funnel.OnUnknown(unknown % 3), Deals: int(deals), Events: int(events)}
		a, err := funnel.NewAnalyzer(funnel.B2B(), o)
		if err != nil {
			if !errors.Is(err, funnel.ErrOption) {
				t.Fatalf("NewAnalyzer(%+v) = %v, want ErrOption", o, err)
			}
			return
		}
		if _, err := a.AddAll(worked()); err != nil {
			t.Fatal(err)
		}
		if got := jsonOf(t, report(t, a, funnel.ReportOptions{})); got != want {
			t.Fatalf("NewAnalyzer(%+v) reports differently: %s", o, firstDiff(got, want))
		}
	})
}
