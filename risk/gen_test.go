package risk_test

import (
	"errors"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/saleskit/saleskit/risk"
	"github.com/shopspring/decimal"
)

// sentinels are every sentinel error the package returns.
var sentinels = []error{risk.ErrUnknownName, risk.ErrMatrix, risk.ErrInvalid, risk.ErrLevel, risk.ErrStrategy,
	risk.ErrRange, risk.ErrDuplicate, risk.ErrTree, risk.ErrOption, risk.ErrMismatch, risk.ErrFormat, risk.ErrDate}

// clearError fails unless every error joined in err wraps one of the
// package's sentinels and starts with the package name.
func clearError(t *testing.T, err error) {
	t.Helper()
	for _, e := range leaves(err) {
		if !strings.HasPrefix(e.Error(), "risk: ") {
			t.Fatalf("error %q does not start with the package name", e)
		}
		found := false
		for _, s := range sentinels {
			if errors.Is(e, s) {
				found = true
				break
			}
		}
		if !found {
			t.Fatalf("error %v wraps no sentinel", e)
		}
	}
}

// leaves returns the errors joined in err, recursively.
func leaves(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, leaves(e)...)
		}
		return out
	}
	return []error{err}
}

// fieldErrors returns the FieldErrors in err by field.
func fieldErrors(err error) map[string]*risk.FieldError {
	out := map[string]*risk.FieldError{}
	for _, e := range leaves(err) {
		var fe *risk.FieldError
		if errors.As(e, &fe) {
			out[fe.Field] = fe
		}
	}
	return out
}

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func money(n int64) decimal.Decimal { return decimal.NewFromInt(n) }

var (
	genCategories = []risk.Category{risk.Market, risk.Competition, risk.Customer, risk.Technical, risk.Resource,
		risk.StaffTurnover, risk.Financial, risk.Compliance, risk.Schedule, "partner", ""}
	genOwners = []string{"Li Na", "Wang Wei", "Zhang Min", "Chen Jie", ""}
)

// genRisk returns a valid risk for a PMBOK-shaped matrix spec s (levels
// with probability bands, impact levels with cost and schedule bands).
func genRisk(rng *rand.Rand, s risk.MatrixSpec, id int) risk.Risk {
	r := risk.Risk{
		ID:       "r" + strconv.Itoa(id),
		Category: genCategories[rng.IntN(len(genCategories))],
		Owner:    genOwners[rng.IntN(len(genOwners))],
		Kind:     risk.Kind(rng.IntN(4) / 3), // a quarter opportunities
	}
	if rng.IntN(10) == 0 {
		r.Status = risk.Closed
	}
	r.Probability = genProbability(rng, s)
	r.Impact = genImpact(rng, s)
	if rng.IntN(3) == 0 {
		r.Review = risk.MustDate("2025-01-01").AddDays(rng.IntN(365))
	}
	if rng.IntN(4) == 0 {
		return r // no response
	}
	threat := []risk.Strategy{risk.Avoid, risk.Transfer, risk.Mitigate, risk.Accept, risk.Escalate}
	opp := []risk.Strategy{risk.Exploit, risk.Share, risk.Enhance, risk.Accept, risk.Escalate}
	if r.Kind == risk.Threat {
		r.Response.Strategy = threat[rng.IntN(len(threat))]
	} else {
		r.Response.Strategy = opp[rng.IntN(len(opp))]
	}
	for range rng.IntN(4) {
		r.Response.Actions = append(r.Response.Actions, risk.Action{Title: "step", Cost: decimal.New(rng.Int64N(5_000_000), -2)})
	}
	if st := r.Response.Strategy; st != risk.Avoid && st != risk.Exploit && rng.IntN(2) == 0 {
		r.Response.ResidualProbability = genProbability(rng, s)
	}
	if rng.IntN(3) == 0 {
		r.Response.ResidualImpact = genImpact(rng, s)
	}
	return r
}

// genProbability returns a level, an exact value or both (consistent).
func genProbability(rng *rand.Rand, s risk.MatrixSpec) risk.Probability {
	k := rng.IntN(len(s.Probability))
	switch rng.IntN(3) {
	case 0:
		return risk.Probability{Level: s.Probability[k].Key}
	case 1: // any value in (0, 1]
		return risk.Probability{Value: decimal.New(rng.Int64N(1000)+1, -3)}
	}
	// a value in level k's band
	lo := s.Probability[k].Bands[0].From
	hi := one
	if k+1 < len(s.Probability) {
		hi = s.Probability[k+1].Bands[0].From
	}
	span := hi.Sub(lo).Shift(3).IntPart()
	v := lo.Add(decimal.New(rng.Int64N(max(span, 1)), -3))
	if v.IsZero() {
		v = decimal.New(1, -3)
	}
	return risk.Probability{Level: s.Probability[k].Key, Value: v}
}

var one = decimal.New(1, 0)

// genImpact returns a level with money, or measured overruns with money.
func genImpact(rng *rand.Rand, s risk.MatrixSpec) risk.Impact {
	im := risk.Impact{Money: decimal.New(rng.Int64N(100_000_000), -int32(rng.IntN(3)))}
	switch rng.IntN(3) {
	case 0:
		im.Cost = decimal.New(rng.Int64N(600)+1, -3)
	case 1:
		im.Schedule = decimal.New(rng.Int64N(400)+1, -3)
		if rng.IntN(2) == 0 {
			im.Cost = decimal.New(rng.Int64N(600)+1, -3)
		}
	default:
		im.Level = s.Impact[rng.IntN(len(s.Impact))].Key
	}
	if rng.IntN(5) == 0 && !im.Money.IsZero() {
		im.Shape = risk.Triangular + risk.Shape(rng.IntN(2))
		im.Min = im.Money.Mul(dec("0.5")).Truncate(2)
		im.Max = im.Money.Mul(dec("2"))
	}
	return im
}

// genRegister returns a register of n valid risks.
func genRegister(rng *rand.Rand, s risk.MatrixSpec, n int) risk.Register {
	g := risk.Register{Name: "generated", Risks: make([]risk.Risk, n)}
	for k := range g.Risks {
		g.Risks[k] = genRisk(rng, s, k)
	}
	return g
}

// genDeal returns a valid deal as of asOf.
func genDeal(rng *rand.Rand, asOf time.Time, id int) risk.Deal {
	d := risk.Deal{
		ID:        "d" + strconv.Itoa(id),
		Stage:     []string{"lead", "qualified", "proposal", "negotiation"}[rng.IntN(4)],
		Forecast:  risk.Forecast(rng.IntN(3)),
		Amount:    decimal.New(rng.Int64N(10_000_000), -2),
		CloseDate: risk.DateOf(asOf).AddDays(rng.IntN(120) - 60),
	}
	if rng.IntN(10) == 0 {
		d.Outcome = risk.Outcome(1 + rng.IntN(2))
	}
	if rng.IntN(5) > 0 {
		d.LastActivity = asOf.Add(-time.Duration(rng.Int64N(int64(40 * risk.Day))))
	}
	d.StageEntered = asOf.Add(-time.Duration(rng.Int64N(int64(90 * risk.Day))))
	if rng.IntN(6) == 0 {
		d.SnoozedUntil = risk.DateOf(asOf).AddDays(rng.IntN(30) - 15)
	}
	for range rng.IntN(4) {
		d.Contacts = append(d.Contacts, risk.Contact{Name: "c", DecisionMaker: rng.IntN(3) == 0})
	}
	d.Discount = decimal.New(rng.Int64N(40), -2)
	if rng.IntN(3) == 0 {
		d.Competitors = []string{"Acme"}
	}
	at := asOf.Add(-100 * risk.Day)
	for range rng.IntN(4) {
		at = at.Add(time.Duration(rng.Int64N(int64(20 * risk.Day))))
		d.History = append(d.History, risk.Revision{At: at, CloseDate: d.CloseDate.AddDays(rng.IntN(60) - 30),
			Amount: d.Amount.Add(decimal.New(rng.Int64N(3_000_000)-1_000_000, -2)).Abs()})
	}
	return d
}
