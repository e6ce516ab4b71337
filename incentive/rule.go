package incentive

import (
	"github.com/shopspring/decimal"
)

// Rule turns one rep's credits for one component in one period into
// statement lines. The built-in component types are Rules; a plan uses a
// Rule of its own through a [Registry], and a Rule written for one line of
// logic is a [RuleFunc].
//
// Pay appends the lines it pays for in to lines and returns the extended
// slice. The contract, which TestRule of package incentivetest checks:
//
//   - Pay is deterministic: the same Input gives the same lines, so it reads
//     no clock, no randomness and no state of its own.
//   - Pay changes nothing it is given: not in.Credits or their maps, not
//     the lines already in lines. It keeps no reference to them after it
//     returns.
//   - Each line it adds is a Commission or Bonus line (the zero Kind means
//     Commission), names one of in.Credits' deals or none, and adds up: a
//     line with a Rate has Amount = Basis × Rate exactly. Amounts are exact;
//     the plan rounds them.
//   - It pays nothing on a Reversal credit, which counts toward totals only.
//
// Compute fills each line's Component and Places. A line without a Code
// gets [CodeRate] when it has a Rate and [CodeAmount] otherwise. Compute
// turns a Pay error, a panic or a line that breaks the contract into an
// error wrapping [ErrRule].
type Rule interface {
	Pay(in Input, lines []Line) ([]Line, error)
}

// RuleFunc adapts a function to a [Rule].
type RuleFunc func(in Input, lines []Line) ([]Line, error)

// Pay calls f(in, lines).
func (f RuleFunc) Pay(in Input, lines []Line) ([]Line, error) { return f(in, lines) }

// Input is what a [Rule] sees of one rep, one component and one period.
// Credits are the component's credits for the rep in the period that pass
// its filter (for a versioned component, those the rule's version rates),
// ordered by date, then deal ID, then credit type; a rep's credits dated
// before their start or on or after their end are not among them.
// Everything in an Input is read-only and valid only during the call.
type Input struct {
	Rep       string `json:"rep"`
	Component string `json:"component"`
	Period    Period `json:"period"`
	// Quota is the rep's effective quota for the period (prorated, less
	// relief); zero means none. TargetIncentive is prorated the same way.
	Quota           decimal.Decimal `json:"quota"`
	TargetIncentive decimal.Decimal `json:"target_incentive"`
	// ActiveDays of the PeriodDays calendar dates of the period are dates
	// the rep worked.
	ActiveDays int `json:"active_days"`
	PeriodDays int `json:"period_days"`
	// Measure and Key are the component's measure; Value reads it.
	Measure Measure  `json:"measure"`
	Key     string   `json:"key,omitempty"`
	Credits []Credit `json:"credits"`
	// Opening is the measure credited to the rep in the period before these
	// Credits, by earlier versions of the component; a running total starts
	// there.
	Opening decimal.Decimal `json:"opening"`
	// Metrics are the rep's metrics for the period, by key.
	Metrics []Metric `json:"metrics,omitempty"`
}

// Value returns c's value of the component's measure.
func (in Input) Value(c Credit) decimal.Decimal { return c.Value(in.Measure, in.Key) }

// Total returns the measure's period total: Opening plus every credit's
// value, reversals included.
func (in Input) Total() decimal.Decimal {
	var t total
	t.add(in.Opening)
	for i := range in.Credits {
		t.add(in.Credits[i].value(in.Measure, in.Key))
	}
	return t.value()
}

// Metric returns the rep's metric key for the period, and whether there is
// one.
func (in Input) Metric(key string) (decimal.Decimal, bool) {
	for _, m := range in.Metrics {
		if m.Key == key {
			return m.Value, true
		}
	}
	return zero, false
}

// Metric is a measured value of a rep in a period that no transaction
// carries: a connect rate, a satisfaction score, a count of conduct
// breaches. Scorecard measures of Measure Custom read them by Key.
type Metric struct {
	Rep string `json:"rep"`
	// Period is any date of the period measured.
	Period Date            `json:"period,omitzero"`
	Key    string          `json:"key"`
	Value  decimal.Decimal `json:"value"`
}

// measures appends the measure of each of in's credits to buf.
func measures(in Input, buf []fixed) []fixed {
	for i := range in.Credits {
		buf = append(buf, fixedOf(in.Credits[i].value(in.Measure, in.Key)))
	}
	return buf
}
