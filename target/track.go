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
	NotStarted Status = iota // asOf is at or before the plan's start
	Ahead                    // pace at or above Policy.AheadAt
	OnTrack                  // pace at or above Policy.OnTrackAt
	AtRisk                   // pace at or above Policy.AtRiskAt
	Behind                   // pace below Policy.AtRiskAt
)

var statusNames = enumNames{"not_started", "ahead", "on_track", "at_risk", "behind"}

// String returns the status's wire name, such as "on_track", or "Status(n)"
// for another value.
func (s Status) String() string { return statusNames.str("Status", int(s)) }

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
// DefaultPolicy's thresholds.
type TrackOptions struct {
	Direction Direction `json:"direction"`
	// Calendar counts working days in the current period; pass the one the
	// plan was split with. nil means Monday to Friday. It is behaviour, not
	// data: store the Holidays it was built from.
	Calendar Calendar `json:"-"`
	// Policy supplies the status thresholds; nil means DefaultPolicy().
	Policy *Policy `json:"policy,omitempty"`
}

// Progress is where a plan stands as of a date.
type Progress struct {
	AsOf   time.Time       `json:"as_of"`
	Target decimal.Decimal `json:"target"` // the plan's total
	Actual decimal.Decimal `json:"actual"` // the actual to date
	// Expected is what the plan expects by AsOf, following its own shape:
	// every period that has ended, plus the elapsed share of the current
	// period by working days (by calendar days if it has none).
	Expected decimal.Decimal `json:"expected"`
	// Attainment is Actual ÷ Target, as the float64 nearest to it (within
	// ±math.MaxFloat64); 0 when the target is zero.
	Attainment float64 `json:"attainment"`
	// Pace is Actual ÷ Expected for a higher-is-better metric and
	// Expected ÷ Actual for a lower-is-better one, so above 1 is always good.
	// It is the float64 nearest to the ratio, within ±math.MaxFloat64, so it
	// is always finite. Where the ratio is undefined it is 0 and Reason says
	// why: before anything is expected, and for a lower-is-better metric
	// with nothing used yet (whose status is then Ahead).
	Pace float64 `json:"pace"`
	// RunRate projects the end of the plan at the straight-line rate so far:
	// Actual × total days ÷ elapsed days.
	RunRate decimal.Decimal `json:"run_rate"`
	// PlanProjection projects the end of the plan in the plan's shape: the
	// plan ends as far ahead or behind as it is now, Actual × Target ÷
	// Expected.
	PlanProjection decimal.Decimal `json:"plan_projection"`
	// Gap is Target − Actual: what is still to win (or, for a
	// lower-is-better metric such as a cost budget, what is left to spend).
	Gap decimal.Decimal `json:"gap"`
	// RemainingWorkingDays counts working days from AsOf's date to the end.
	RemainingWorkingDays int `json:"remaining_working_days"`
	// RequiredPerWorkingDay is Gap ÷ RemainingWorkingDays: the rate needed
	// from now on. Zero when the gap is closed or no working day is left.
	RequiredPerWorkingDay decimal.Decimal `json:"required_per_working_day"`
	Status                Status          `json:"status"`
	// Reason says how the status was reached, citing the values it rests on.
	Reason Reason `json:"reason"`
}

// Track reports progress on a time plan (as from SplitTime) as of asOf,
// given the actual to date. Days are whole dates: the day asOf falls on has
// not yet elapsed, so asOf = 1 July means January to June are done.
//
// The status compares Pace with the policy's thresholds (defaults in
// parentheses): Ahead from AheadAt (1.05), OnTrack from OnTrackAt (0.95),
// AtRisk from AtRiskAt (0.85), Behind below. Before the plan starts the
// status is NotStarted.
//
// Amounts are rounded half away from zero to the plan's own precision, the
// most decimal places among its targets.
//
// Track returns a *FieldError wrapping ErrNoParts for an empty plan,
// ErrSpan for periods that are empty, overlap or run backwards, and
// ErrInvalid for an amount whose exponent is beyond MaxExponent.
func Track(plan []PeriodTarget, actual decimal.Decimal, asOf time.Time, opts *TrackOptions) (Progress, error) {
	if len(plan) == 0 {
		return Progress{}, fieldErr("plan", "", ErrNoParts)
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
	pol := resolvePolicy(o.Policy)
	places := int32(0)
	pr := Progress{AsOf: asOf, Actual: actual}
	today := dayNumber(asOf.In(plan[0].Start.Location()))
	first, last := dayNumber(plan[0].Start), dayNumber(plan[len(plan)-1].End)
	var target, expected adder
	var current decimal.Decimal // the current period's elapsed share
	for _, p := range plan {
		places = max(places, -p.Target.Exponent())
		target.add(p.Target)
		from, to := dayNumber(p.Start), dayNumber(p.End)
		switch {
		case !p.End.After(asOf):
			expected.add(p.Target)
		case p.Start.Before(asOf):
			// The current period: its elapsed share by working days.
			done, all := workingDays(o.Calendar, from, today), workingDays(o.Calendar, from, to)
			if all == 0 {
				done, all = today-from, to-from
			}
			if all > 0 {
				current = p.Target.Mul(decimal.NewFromInt(int64(done))).DivRound(decimal.NewFromInt(int64(all)), places+2)
			}
			pr.RemainingWorkingDays += workingDays(o.Calendar, today, to)
		default:
			pr.RemainingWorkingDays += p.WorkingDays
		}
	}
	pr.Target = target.sum()
	pr.Expected = expected.sum()
	if !current.IsZero() {
		pr.Expected = pr.Expected.Add(current).Round(places)
	}
	pr.Gap = pr.Target.Sub(actual)
	if !pr.Target.IsZero() {
		pr.Attainment = ratio(actual, pr.Target)
	}
	if elapsed := min(today, last) - first; elapsed > 0 {
		pr.RunRate = actual.Mul(decimal.NewFromInt(int64(last-first))).DivRound(decimal.NewFromInt(int64(elapsed)), places)
	}
	if !pr.Expected.IsZero() {
		pr.PlanProjection = actual.Mul(pr.Target).DivRound(pr.Expected, places)
	}
	if pr.Gap.Sign() > 0 && pr.RemainingWorkingDays > 0 {
		pr.RequiredPerWorkingDay = pr.Gap.DivRound(decimal.NewFromInt(int64(pr.RemainingWorkingDays)), places)
	}
	asOfDate := asOf.Format(time.DateOnly)
	switch {
	case !asOf.After(plan[0].Start) || pr.Expected.IsZero():
		pr.Status = NotStarted
		pr.Reason = newReason(CodeNotStarted).withText("as_of", asOfDate).withText("start", plan[0].Start.Format(time.DateOnly))
		return pr, nil
	case o.Direction == LowerIsBetter && actual.Sign() <= 0:
		// Nothing used against a positive expectation: the pace is
		// unbounded, reported as 0, and the status is Ahead.
		pr.Status = Ahead
		pr.Reason = newReason(CodeNothingUsed).withAmount("actual", actual).withAmount("expected", pr.Expected).
			withText("as_of", asOfDate)
		return pr, nil
	case o.Direction == LowerIsBetter:
		pr.Pace = ratio(pr.Expected, actual)
	default:
		pr.Pace = ratio(actual, pr.Expected)
	}
	var code string
	var at float64
	switch {
	case pr.Pace >= pol.AheadAt:
		pr.Status, code, at = Ahead, CodePaceAhead, pol.AheadAt
	case pr.Pace >= pol.OnTrackAt:
		pr.Status, code, at = OnTrack, CodePaceOnTrack, pol.OnTrackAt
	case pr.Pace >= pol.AtRiskAt:
		pr.Status, code, at = AtRisk, CodePaceAtRisk, pol.AtRiskAt
	default:
		pr.Status, code, at = Behind, CodePaceBehind, pol.AtRiskAt
	}
	pr.Reason = newReason(code).withAmount("actual", actual).withAmount("expected", pr.Expected).
		withNumber("pace", pr.Pace).withNumber("threshold", at).withText("as_of", asOfDate)
	return pr, nil
}
