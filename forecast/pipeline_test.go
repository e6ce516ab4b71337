package forecast_test

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/saleskit/saleskit/forecast"
	"github.com/shopspring/decimal"
)

func newPipeline(t *testing.T, places int32, opts *forecast.PipelineOptions) *forecast.Pipeline {
	t.Helper()
	p, err := forecast.NewPipeline(forecast.B2B(), places, opts)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestWeightedRounding checks the rounding rule on values chosen to sit on
// and beside the half: each deal's weighted amount is amount × probability,
// the probability read to nine places, rounded half to even to the places.
func TestWeightedRounding(t *testing.T) {
	cases := []struct {
		amount string
		prob   float64
		places int32
		want   string
	}{
		{"10000.05", 0.5, 2, "5000.02"}, // 5000.025: the tie goes to the even 2
		{"10000.07", 0.5, 2, "5000.04"}, // 5000.035 → 5000.04
		{"0.01", 0.5, 2, "0"},           // 0.005 → 0.00
		{"0.03", 0.5, 2, "0.02"},        // 0.015 → 0.02
		{"33333.33", 0.1, 2, "3333.33"}, // 0.1 is one tenth exactly, not 0.1000000000000000055
		{"100", 1.0 / 3, 2, "33.33"},    // 1/3 is 0.333333333
		{"3", 2.0 / 3, 0, "2"},          // 2/3 is 0.666666667: 2.000000001 → 2
		{"1000000000", 1.0 / 3, 0, "333333333"},
		{"999.99", 0.000000001, 2, "0"},   // one part in a billion of 999.99
		{"1500", 0.0000000015, 0, "0"},    // 0.0000000015 reads as 0.000000002 (half to even): 0.000003
		{"12345.678", 0.25, 3, "3086.42"}, // 3086.4195 → 3086.420
		{"7", 0, 2, "0"},
		{"7", 1, 2, "7"},
	}
	for _, c := range cases {
		p := newPipeline(t, c.places, nil)
		err := p.Add(forecast.Deal{Amount: dec(c.amount), Stage: "proposal", Probability: prob(c.prob),
			CloseDate: forecast.MustDate("2026-01-05")})
		if err != nil {
			t.Fatal(err)
		}
		got := p.Report(nil).Periods[0].Category(forecast.CategoryBestCase).Weighted
		if !got.Equal(dec(c.want)) {
			t.Errorf("weighted(%s × %v at %d places) = %s, want %s", c.amount, c.prob, c.places, got, c.want)
		}
	}
}

// TestEqualAmountsEqualResults: 10.5 and 10.500 are one amount.
func TestEqualAmountsEqualResults(t *testing.T) {
	a, b := newPipeline(t, 2, nil), newPipeline(t, 2, nil)
	for _, s := range []string{"10.5", "1e3", "0"} {
		_ = a.Add(forecast.Deal{Amount: dec(s), Stage: "lead", CloseDate: forecast.MustDate("2026-03-01")})
	}
	for _, s := range []string{"10.500", "1000.00", "0.000"} {
		_ = b.Add(forecast.Deal{Amount: dec(s), Stage: "lead", CloseDate: forecast.MustDate("2026-03-01")})
	}
	if !a.Report(nil).Equal(b.Report(nil)) {
		t.Errorf("reports differ: %+v and %+v", a.Report(nil), b.Report(nil))
	}
	ea, _ := a.MarshalBinary()
	eb, _ := b.MarshalBinary()
	if string(ea) != string(eb) {
		t.Errorf("encodings differ")
	}
}

// TestPeriods checks the period of close dates at each grain, with fiscal
// years starting in April.
func TestPeriods(t *testing.T) {
	d := forecast.MustDate
	cases := []struct {
		date   string
		grain  forecast.Grain
		fiscal int
		start  string
		end    string
	}{
		{"2026-02-28", forecast.Month, 0, "2026-02-01", "2026-03-01"},
		{"2026-12-31", forecast.Month, 4, "2026-12-01", "2027-01-01"},
		{"2026-05-20", forecast.Quarter, 4, "2026-04-01", "2026-07-01"},
		{"2026-03-31", forecast.Quarter, 4, "2026-01-01", "2026-04-01"},
		{"2026-03-31", forecast.Quarter, 0, "2026-01-01", "2026-04-01"},
		{"2026-11-15", forecast.Quarter, 2, "2026-11-01", "2027-02-01"},
		{"2026-03-31", forecast.Year, 4, "2025-04-01", "2026-04-01"},
		{"2026-04-01", forecast.Year, 4, "2026-04-01", "2027-04-01"},
		{"2026-07-04", forecast.Year, 1, "2026-01-01", "2027-01-01"},
	}
	for _, c := range cases {
		got := forecast.PeriodOf(d(c.date), c.grain, time.Month(c.fiscal))
		want := forecast.Period{Start: d(c.start), End: d(c.end)}
		if got != want {
			t.Errorf("PeriodOf(%s, %v, %d) = %v, want %v", c.date, c.grain, c.fiscal, got, want)
		}
	}
}

// TestCategoriesCumulative checks the cumulative forecasts on a deal per
// category: each sums exactly the categories its definition names.
func TestCategoriesCumulative(t *testing.T) {
	p := newPipeline(t, 0, nil)
	d := forecast.MustDate("2026-09-09")
	for _, x := range []struct {
		stage  string
		amount int64
		cat    forecast.Category
	}{
		{"lead", 1, 0}, {"proposal", 10, 0}, {"negotiation", 100, 0}, {"won", 1000, 0}, {"lost", 10000, 0},
		{"lead", 100000, forecast.CategoryOmitted}, // left out on purpose
	} {
		if err := p.Add(forecast.Deal{Amount: decimal.NewFromInt(x.amount), Stage: x.stage, CloseDate: d, Category: x.cat}); err != nil {
			t.Fatal(err)
		}
	}
	f := p.Report(nil).Periods[0].Forecasts
	for _, c := range []struct {
		name string
		got  decimal.Decimal
		want int64
	}{
		{"open pipeline", f.OpenPipeline.Amount, 111},
		{"best case", f.BestCase.Amount, 1110},
		{"commit", f.Commit.Amount, 1100},
		{"closed", f.Closed.Amount, 1000},
	} {
		if !c.got.Equal(decimal.NewFromInt(c.want)) {
			t.Errorf("%s = %s, want %d", c.name, c.got, c.want)
		}
	}
}

// TestAddErrors checks that a bad deal is refused with every field at
// fault named, and that AddAll takes all or none.
func TestAddErrors(t *testing.T) {
	p := newPipeline(t, 2, nil)
	cases := []struct {
		name string
		deal forecast.Deal
		want []error
	}{
		{"draft", forecast.Deal{}, []error{forecast.ErrUnknownStage, forecast.ErrDate}},
		{"negative", forecast.Deal{Amount: dec("-1"), Stage: "lead", CloseDate: forecast.MustDate("2026-01-01")}, []error{forecast.ErrAmount}},
		{"places", forecast.Deal{Amount: dec("1.001"), Stage: "lead", CloseDate: forecast.MustDate("2026-01-01")}, []error{forecast.ErrAmount}},
		{"huge", forecast.Deal{Amount: dec("1e30"), Stage: "lead", CloseDate: forecast.MustDate("2026-01-01")}, []error{forecast.ErrAmount}},
		{"probability", forecast.Deal{Amount: dec("1"), Stage: "lead", Probability: prob(1.5), CloseDate: forecast.MustDate("2026-01-01")}, []error{forecast.ErrProbability}},
		{"won at half", forecast.Deal{Amount: dec("1"), Stage: "won", Probability: prob(0.5), CloseDate: forecast.MustDate("2026-01-01")}, []error{forecast.ErrProbability}},
		{"lost in commit", forecast.Deal{Amount: dec("1"), Stage: "lost", Category: forecast.CategoryCommit, CloseDate: forecast.MustDate("2026-01-01")}, []error{forecast.ErrCategory}},
		{"open closed", forecast.Deal{Amount: dec("1"), Stage: "lead", Category: forecast.CategoryClosed, CloseDate: forecast.MustDate("2026-01-01")}, []error{forecast.ErrCategory}},
		{"bad date", forecast.Deal{Amount: dec("1"), Stage: "lead", CloseDate: forecast.Date{Year: 2026, Month: 2, Day: 30}}, []error{forecast.ErrDate}},
		{"edge of time", forecast.Deal{Amount: dec("1"), Stage: "lead", CloseDate: forecast.MustDate("9999-12-31")}, []error{forecast.ErrDate}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := p.Add(c.deal)
			for _, w := range c.want {
				if !errors.Is(err, w) {
					t.Errorf("Add(%+v) = %v, want an error wrapping %v", c.deal, err, w)
				}
			}
			var fe *forecast.FieldError
			if !errors.As(err, &fe) {
				t.Errorf("Add: %v is not a *FieldError", err)
			}
		})
	}
	if p.Deals() != 0 {
		t.Fatalf("%d deals counted, want 0", p.Deals())
	}
	deals := workedDeals()
	deals[4].Stage = "closed_won"
	err := p.AddAll(deals)
	var fe *forecast.FieldError
	if !errors.As(err, &fe) || fe.Field != "deals[4].stage" || !errors.Is(err, forecast.ErrUnknownStage) {
		t.Errorf("AddAll = %v, want deals[4].stage unknown", err)
	}
	if p.Deals() != 0 {
		t.Errorf("AddAll took %d deals of a bad batch, want none", p.Deals())
	}
}

// TestMergeErrors checks that pipelines of different settings refuse to
// merge, and that a pipeline cannot merge into itself.
func TestMergeErrors(t *testing.T) {
	a := newPipeline(t, 2, nil)
	for _, b := range []*forecast.Pipeline{newPipeline(t, 3, nil), newPipeline(t, 2, &forecast.PipelineOptions{Grain: forecast.Quarter})} {
		if err := a.Merge(b); !errors.Is(err, forecast.ErrMismatch) {
			t.Errorf("Merge = %v, want ErrMismatch", err)
		}
	}
	other := forecast.B2B()
	other[0].Probability = 0.2
	c, _ := forecast.NewPipeline(other, 2, nil)
	if err := a.Merge(c); !errors.Is(err, forecast.ErrMismatch) {
		t.Errorf("Merge of other stages = %v, want ErrMismatch", err)
	}
	if err := a.Merge(a); !errors.Is(err, forecast.ErrSelfMerge) {
		t.Errorf("self Merge = %v, want ErrSelfMerge", err)
	}
}

// TestStagesValidate checks that bad stage lists are refused, every
// problem reported.
func TestStagesValidate(t *testing.T) {
	s := forecast.B2B()
	s[1].Key = "lead"
	s[2].Probability = 1.5
	s[4].Category = forecast.CategoryCommit
	s[5].Probability = 0.1
	err := s.Validate()
	for _, w := range []error{forecast.ErrStage, forecast.ErrProbability, forecast.ErrCategory} {
		if !errors.Is(err, w) {
			t.Errorf("Validate = %v, want an error wrapping %v", err, w)
		}
	}
	if _, err := forecast.NewPipeline(nil, 2, nil); !errors.Is(err, forecast.ErrStage) {
		t.Errorf("NewPipeline(nil) = %v, want ErrStage", err)
	}
	if _, err := forecast.NewPipeline(forecast.B2B(), 10, nil); !errors.Is(err, forecast.ErrPlaces) {
		t.Errorf("NewPipeline(places 10) = %v, want ErrPlaces", err)
	}
}

// TestReportJSON checks that a report round-trips through JSON.
func TestReportJSON(t *testing.T) {
	p := newPipeline(t, 2, nil)
	if err := p.AddAll(workedDeals()); err != nil {
		t.Fatal(err)
	}
	r := p.Report(&forecast.ReportOptions{ByOwner: true})
	data, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var back forecast.PipelineReport
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(r, back, equateDecimals); diff != "" {
		t.Errorf("report JSON round trip (-want +got):\n%s", diff)
	}
	if !r.Equal(back) {
		t.Error("Equal says the round-tripped report differs")
	}
	// the B2B preset round-trips too, and is fresh on every call
	a, b := forecast.B2B(), forecast.B2B()
	a[0].Labels["en"] = "changed"
	if b[0].Labels["en"] != "Lead" {
		t.Error("B2B returns shared labels")
	}
}
