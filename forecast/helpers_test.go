package forecast_test

import (
	"errors"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/saleskit/saleskit/forecast"
	"github.com/shopspring/decimal"
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func prob(p float64) *float64 { return &p }

// workedDeals are the seven deals of the package documentation's worked
// example.
func workedDeals() []forecast.Deal {
	d := forecast.MustDate
	return []forecast.Deal{
		{ID: "A", Amount: dec("120000.00"), Stage: "negotiation", CloseDate: d("2026-07-10"), Owner: "ana"},
		{ID: "B", Amount: dec("80000.00"), Stage: "proposal", CloseDate: d("2026-07-15"), Owner: "ana"},
		{ID: "C", Amount: dec("50000.00"), Stage: "qualified", CloseDate: d("2026-07-20"), Owner: "ben"},
		{ID: "D", Amount: dec("33333.33"), Stage: "lead", CloseDate: d("2026-07-31"), Owner: "ben"},
		{ID: "E", Amount: dec("60000.00"), Stage: "won", CloseDate: d("2026-07-02"), Owner: "ana"},
		{ID: "F", Amount: dec("40000.00"), Stage: "lost", CloseDate: d("2026-07-03"), Owner: "ben"},
		{ID: "G", Amount: dec("10000.05"), Stage: "proposal", Probability: prob(0.5), CloseDate: d("2026-07-25"), Owner: "ben"},
	}
}

// sentinels lists every sentinel error of the package.
var sentinels = []error{
	forecast.ErrUnknownName, forecast.ErrStage, forecast.ErrUnknownStage, forecast.ErrProbability,
	forecast.ErrCategory, forecast.ErrAmount, forecast.ErrPlaces, forecast.ErrDuplicate, forecast.ErrOption,
	forecast.ErrMismatch, forecast.ErrSelfMerge, forecast.ErrEncoding, forecast.ErrVersion, forecast.ErrOrg,
	forecast.ErrUnknownUnit, forecast.ErrAdjustment, forecast.ErrSeries, forecast.ErrTooShort, forecast.ErrModel,
	forecast.ErrParams, forecast.ErrInitial, forecast.ErrDiverged, forecast.ErrHorizon, forecast.ErrLength,
	forecast.ErrOutcome, forecast.ErrField, forecast.ErrNoHistory, forecast.ErrDate,
}

// clearError fails unless err wraps one of the package's sentinels and
// reads as the package's errors do.
func clearError(t testing.TB, err error) {
	t.Helper()
	if !strings.HasPrefix(err.Error(), "forecast: ") {
		t.Fatalf("error %q does not start with the package name", err)
	}
	for _, s := range sentinels {
		if errors.Is(err, s) {
			return
		}
	}
	t.Fatalf("error %v wraps no sentinel", err)
}

// equateDecimals compares decimals by value in cmp.Diff.
var equateDecimals = cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) })

// genHistory returns n closed deals that moved through the four open B2B
// stages: at each stage a deal goes on with a chance that depends on its
// source (referral 0.8, event 0.7, web 0.6) and is lost otherwise; one that
// gets through negotiation is won. Stage is the last stage it reached, or,
// with snapshot, a stage drawn at random among the four for a deal that
// reached it (deals that did not are drawn again): what a forecast made at
// that stage saw.
func genHistory(n int, seed uint64, snapshot bool) []forecast.ClosedDeal {
	r := rand.New(rand.NewPCG(seed, 17))
	stages := []string{"lead", "qualified", "proposal", "negotiation"}
	sources := []string{"referral", "event", "web"}
	odds := []float64{0.8, 0.7, 0.6}
	var out []forecast.ClosedDeal
	for len(out) < n {
		k := r.IntN(3)
		last, outcome := 0, forecast.Won
		for last = 0; last < len(stages); last++ {
			if r.Float64() >= odds[k] {
				outcome = forecast.Lost
				break
			}
		}
		last = min(last, len(stages)-1)
		at := last
		if snapshot {
			if at = r.IntN(len(stages)); at > last {
				continue
			}
		}
		out = append(out, forecast.ClosedDeal{ID: strconv.Itoa(len(out)), Stage: stages[at], Outcome: outcome,
			Fields: map[string]string{"source": sources[k]}})
	}
	return out
}
