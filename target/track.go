package target

import (
	"strconv"
	"time"

	"github.com/shopspring/decimal"
)

// Status is where progress stands against the plan. The zero value is
// NotStarted.
type Status int

// The statuses, judged on pace (see Track).
const (
	NotStarted Status = iota // no date of the plan has passed as of asOf
	Ahead                    // pace at or above Policy.AheadAt
	OnTrack                  // pace at or above Policy.OnTrackAt
	AtRisk                   // pace at or above Policy.AtRiskAt
	Behind                   // pace below Policy.AtRiskAt
)

var statusNames = enumNames{"not_started", "ahead", "on_track", "at_risk", "behind"}

// String returns the status's wire name, such as "on_track", or "Status(n)"
// for another value.
func (s Status) String() string { return statusNames.str("Status", int(s)) }

// statusLabels are the statuses' names for people, in English and
// simplified Chinese.
var statusLabels = [...][2]string{{"Not started", "未开始"}, {"Ahead", "超前"}, {"On track", "正常"}, {"At risk", "有风险"}, {"Behind", "落后"}}

// Label returns the status's name for people in lang, chosen as Labels.Get
// chooses between English and simplified Chinese ("zh-CN"): "At risk",
// "有风险". A value without a name gives String().
func (s Status) Label(lang string) string {
	if !statusNames.valid(int(s)) {
		return s.String()
	}
	l := statusLabels[s]
	return Labels{"en": l[0], "zh-CN": l[1]}.Get(lang)
}

// MarshalText encodes s as its name; another value is a *FieldError
// wrapping ErrUnknownName.
func (s Status) MarshalText() ([]byte, error) { return statusNames.text("status", "Status", int(s)) }

// UnmarshalText decodes a status name; any other text is a *FieldError
// wrapping ErrUnknownName.
func (s *Status) UnmarshalText(b []byte) error {
	v, err := statusNames.parse("status", b)
	if err == nil {
		*s = Status(v)
	}
	return err
}

// TrackOptions are the optional settings of Track. The zero value tracks a
// higher-is-better metric on a Monday-to-Friday calendar under
// DefaultPolicy's thresholds; each field defaults on its own.
type TrackOptions struct {
	Direction Direction `json:"direction"`
	// Calendar counts working days in the current period; pass the one the
	// plan was split with. nil means Monday to Friday. It is behaviour, not
	// data: store the Holidays it was built from.
	Calendar Calendar `json:"-"`
	// Policy supplies the status thresholds; nil means DefaultPolicy(), and
	// each threshold left zero defaults on its own.
	Policy *Policy `json:"policy,omitempty"`
}

// Progress is where a plan stands as of a date.
type Progress struct {
	// AsOf is the date asOf fell on in its own location: the dates before
	// it have passed, AsOf itself has not.
	AsOf   Date            `json:"as_of,omitzero"`
	Target decimal.Decimal `json:"target"` // the plan's total
	Actual decimal.Decimal `json:"actual"` // the actual to date
	// Expected is what the plan expects by AsOf, following its own shape:
	// every period that has ended, plus the elapsed share of the current
	// period by working days (by calendar days if it has none), rounded
	// once.
	Expected decimal.Decimal `json:"expected"`
	// Attainment is Actual ÷ Target, as the float64 nearest to it (within
	// ±math.MaxFloat64); 0 when the target is zero.
	Attainment float64 `json:"attainment"`
	// Pace is Actual ÷ Expected for a higher-is-better metric and
	// Expected ÷ Actual for a lower-is-better one, so above 1 is always good,
	// computed on the exact expectation. It is the float64 nearest to the
	// ratio, within ±math.MaxFloat64, so it is always finite. Where the
	// ratio is undefined it is 0 and Reason says why: before the plan
	// starts, when nothing is expected yet (a zero target, or zero periods
	// so far), and for a lower-is-better metric with nothing used.
	Pace float64 `json:"pace"`
	// RunRate projects the end of the plan at the straight-line rate so far:
	// Actual × the plan's calendar days ÷ the days passed.
	RunRate decimal.Decimal `json:"run_rate"`
	// PlanProjection projects the end of the plan in the plan's shape: the
	// plan ends as far ahead or behind as it is now, Actual × Target ÷
	// Expected (the exact expectation). Zero when nothing is expected.
	PlanProjection decimal.Decimal `json:"plan_projection"`
	// Gap is Target − Actual: what is still to win (or, for a
	// lower-is-better metric such as a cost budget, what is left to spend).
	Gap decimal.Decimal `json:"gap"`
	// RemainingWorkingDays counts working days from AsOf, included, to the
	// plan's end, under the Calendar of the options.
	RemainingWorkingDays int `json:"remaining_working_days"`
	// RequiredPerWorkingDay is Gap ÷ RemainingWorkingDays: the rate needed
	// from now on. Zero when the gap is closed or no working day is left.
	RequiredPerWorkingDay decimal.Decimal `json:"required_per_working_day"`
	Status                Status          `json:"status"`
	// Reason says how the status was reached, citing the values it rests on.
	Reason Reason `json:"reason"`
}

// Track reports progress on a time plan (as from SplitTime) as of asOf,
// given the actual to date.
//
// Days are calendar dates. asOf is an instant; Track takes its date in
// asOf's own location (pass asOf.In(loc) for the zone the plan is run in).
// The dates before it have passed and that date itself has not: as of any
// instant of 1 July, January to June are done and July has not begun. A
// caller who has the whole of 1 July's actuals passes an instant of 2 July.
//
// The status compares Pace with the policy's thresholds (defaults in
// parentheses): Ahead from AheadAt (1.05), OnTrack from OnTrackAt (0.95),
// AtRisk from AtRiskAt (0.85), Behind below. Before the plan's first date
// has passed the status is NotStarted. When nothing is expected (a zero
// target, or periods with zero targets so far) the pace is undefined, and
// the status says which side of zero the actual lies on: more than nothing
// is Ahead for a higher-is-better metric and Behind for a lower-is-better
// one (a zero budget overspent), nothing is OnTrack. After the plan's end
// the whole plan is expected, and the status is judged as before.
//
// Amounts (Expected, RunRate, PlanProjection, RequiredPerWorkingDay) are
// rounded half away from zero to places decimal places, each once, from
// exact values; Target, Actual and Gap are exact. The result depends only
// on the values given, never on their decimal exponents, so a plan read
// back from JSON tracks the same.
//
// Track returns a *FieldError wrapping ErrNoParts for an empty plan, ErrDate
// for a period whose dates do not exist, ErrSpan for periods that are
// empty, overlap or run backwards, ErrPlaces for places out of range, and
// ErrInvalid for a policy whose thresholds are not finite, negative or out
// of order, or an amount whose exponent is beyond MaxExponent.
func Track(plan []PeriodTarget, actual decimal.Decimal, asOf time.Time, places int32, opts *TrackOptions) (Progress, error) {
	if len(plan) == 0 {
		return Progress{}, fieldErr("plan", "", ErrNoParts)
	}
	if err := checkPlaces(places); err != nil {
		return Progress{}, err
	}
	if err := checkOrder(plan); err != nil {
		return Progress{}, err
	}
	if err := checkExp("actual", actual); err != nil {
		return Progress{}, err
	}
	for i, p := range plan {
		if e := p.Target.Exponent(); e > MaxExponent || e < -MaxExponent { // named only when bad
			return Progress{}, checkExp("plan["+strconv.Itoa(i)+"].target", p.Target)
		}
	}
	var o TrackOptions
	if opts != nil {
		o = *opts
	}
	aheadAt, onTrackAt, atRiskAt := defaultAheadAt, defaultOnTrackAt, defaultAtRiskAt
	if o.Policy != nil {
		pol, err := trackPolicy(o.Policy, "opts.policy.")
		if err != nil {
			return Progress{}, err
		}
		aheadAt, onTrackAt, atRiskAt = pol.AheadAt, pol.OnTrackAt, pol.AtRiskAt
	}
	today := DateOf(asOf)
	now := today.days()
	first, last := plan[0].Start.days(), plan[len(plan)-1].End.days()
	pr := Progress{AsOf: today, Actual: actual}
	// The expectation is exactly expNum ÷ expDen: the ended periods' sum
	// plus the current period's target × done ÷ all working days.
	var target, ended adder
	curTarget, done, all := decimal.Decimal{}, 0, 1
	for _, p := range plan {
		target.add(p.Target)
		from, to := p.Start.days(), p.End.days()
		switch {
		case to <= now:
			ended.add(p.Target)
		case from < now:
			// The current period: its elapsed share by working days, or by
			// calendar days if it has none.
			done, all = workingDays(o.Calendar, from, now), workingDays(o.Calendar, from, to)
			if all == 0 {
				done, all = now-from, to-from
			}
			curTarget = p.Target
			pr.RemainingWorkingDays += workingDays(o.Calendar, now, to)
		default:
			pr.RemainingWorkingDays += workingDays(o.Calendar, from, to)
		}
	}
	pr.Target = target.sum()
	// scaled(x) is x × expDen: x itself while the expectation is whole
	// periods (expDen = 1).
	expNum, expDen := ended.sum(), decimal.Decimal{}
	scaled := func(x decimal.Decimal) decimal.Decimal { return x }
	if done > 0 {
		expDen = decimal.NewFromInt(int64(all))
		expNum = expNum.Mul(expDen).Add(curTarget.Mul(decimal.NewFromInt(int64(done))))
		pr.Expected = expNum.DivRound(expDen, places)
		scaled = func(x decimal.Decimal) decimal.Decimal { return x.Mul(expDen) }
	} else {
		pr.Expected = expNum.Round(places)
	}
	pr.Gap = pr.Target.Sub(actual)
	if !pr.Target.IsZero() {
		pr.Attainment = ratio(actual, pr.Target)
	}
	if elapsed := min(now, last) - first; elapsed > 0 {
		pr.RunRate = actual.Mul(decimal.NewFromInt(int64(last-first))).DivRound(decimal.NewFromInt(int64(elapsed)), places)
	}
	if !expNum.IsZero() {
		pr.PlanProjection = scaled(actual.Mul(pr.Target)).DivRound(expNum, places)
	}
	if pr.Gap.Sign() > 0 && pr.RemainingWorkingDays > 0 {
		pr.RequiredPerWorkingDay = pr.Gap.DivRound(decimal.NewFromInt(int64(pr.RemainingWorkingDays)), places)
	}
	lower := o.Direction == LowerIsBetter
	var code string
	switch {
	case now <= first:
		pr.Status = NotStarted
		pr.Reason = newReason(CodeNotStarted).withText("as_of", today.String()).withText("start", plan[0].Start.String())
		return pr, nil
	case expNum.IsZero():
		// Nothing expected: the actual's side of zero decides.
		better := actual.Sign()
		if lower {
			better = -better
		}
		switch better {
		case 1:
			pr.Status, code = Ahead, CodeZeroPlanAhead
		case 0:
			pr.Status, code = OnTrack, CodeZeroPlanOnTrack
		default:
			pr.Status, code = Behind, CodeZeroPlanBehind
		}
		pr.Reason = newReason(code).withAmount("actual", actual).withText("as_of", today.String())
		return pr, nil
	case lower && actual.Sign() <= 0:
		// Nothing used against an expectation: the pace is unbounded,
		// reported as 0, and the status is Ahead.
		pr.Status = Ahead
		pr.Reason = newReason(CodeNothingUsed).withAmount("actual", actual).withAmount("expected", pr.Expected).
			withText("as_of", today.String())
		return pr, nil
	case lower:
		pr.Pace = ratio(expNum, scaled(actual))
	default:
		pr.Pace = ratio(scaled(actual), expNum)
	}
	var at float64
	switch {
	case pr.Pace >= aheadAt:
		pr.Status, code, at = Ahead, CodePaceAhead, aheadAt
	case pr.Pace >= onTrackAt:
		pr.Status, code, at = OnTrack, CodePaceOnTrack, onTrackAt
	case pr.Pace >= atRiskAt:
		pr.Status, code, at = AtRisk, CodePaceAtRisk, atRiskAt
	default:
		pr.Status, code, at = Behind, CodePaceBehind, atRiskAt
	}
	pr.Reason = newReason(code).withAmount("actual", actual).withAmount("expected", pr.Expected).
		withNumber("pace", pr.Pace).withNumber("threshold", at).withText("as_of", today.String())
	return pr, nil
}
