package target

import "github.com/shopspring/decimal"

// Goal is a sales goal: who is to reach what value of which metric over which
// period, against which baseline. Goals are plain data; they round-trip
// through encoding/json with enums as their snake_case names, decimals as
// strings and dates as "2025-01-01".
//
// The zero Goal is not valid, but it is a valid draft: it marshals, so a CRM
// can save a half-filled form, and [Check] reports every field it lacks.
type Goal struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Owner string `json:"owner"` // the person or unit answerable for the goal

	Metric      Metric      `json:"metric,omitempty"`      // MetricInvalid, a draft's, is left out
	MetricName  string      `json:"metric_name,omitempty"` // required for MetricCustom
	Aggregation Aggregation `json:"aggregation,omitempty"` // required for MetricCustom; ignored otherwise
	Unit        string      `json:"unit"`                  // "CNY", "deals", "fraction"
	Direction   Direction   `json:"direction"`

	// Target is the value to reach. Ratio metrics are fractions (0.25 is 25%).
	Target decimal.Decimal `json:"target"`
	// Baseline is the actual of the last comparable period; zero when there
	// is none.
	Baseline decimal.Decimal `json:"baseline"`

	// Start and End bound the goal's period, the calendar dates
	// [Start, End): End is the first date after it.
	Start Date `json:"start,omitzero"`
	End   Date `json:"end,omitzero"`

	// Parent is the ID of the goal this one serves; empty for a top goal.
	Parent string `json:"parent,omitempty"`

	// Levels are stretch levels above the base Target, such as a sprint
	// (冲刺) and a challenge (挑战) level, in increasing order of ambition.
	// Progress and incentive plans may refer to them by name.
	Levels []Level `json:"levels,omitempty"`
}

// Level is a named value a goal may be measured against besides its base
// target: 目标 (target), 冲刺 (sprint), 挑战 (challenge).
type Level struct {
	Name  string          `json:"name"`
	Value decimal.Decimal `json:"value"`
}

// Standard level names.
const (
	LevelTarget    = "target"    // 目标
	LevelSprint    = "sprint"    // 冲刺
	LevelChallenge = "challenge" // 挑战
)

// Aggregate reports how g's metric combines: the metric's own aggregation,
// or g.Aggregation for a custom metric.
func (g Goal) Aggregate() Aggregation {
	if g.Metric == MetricCustom {
		return g.Aggregation
	}
	return g.Metric.Aggregation()
}

// Additive reports whether g may be split over periods and units and its
// parts summed back.
func (g Goal) Additive() bool { return g.Aggregate() == Additive }

// LevelValue returns the value of the named level; "target" and "" name the
// base Target. ok is false for an unknown level.
func (g Goal) LevelValue(name string) (v decimal.Decimal, ok bool) {
	if name == "" || name == LevelTarget {
		return g.Target, true
	}
	for _, l := range g.Levels {
		if l.Name == name {
			return l.Value, true
		}
	}
	return decimal.Decimal{}, false
}

// Equal reports whether g and h hold the same goal, comparing decimals by
// value.
func (g Goal) Equal(h Goal) bool {
	if g.ID != h.ID || g.Name != h.Name || g.Owner != h.Owner || g.Metric != h.Metric ||
		g.MetricName != h.MetricName || g.Aggregation != h.Aggregation || g.Unit != h.Unit ||
		g.Direction != h.Direction || !g.Target.Equal(h.Target) || !g.Baseline.Equal(h.Baseline) ||
		g.Start != h.Start || g.End != h.End || g.Parent != h.Parent || len(g.Levels) != len(h.Levels) {
		return false
	}
	for i := range g.Levels {
		if !g.Levels[i].Equal(h.Levels[i]) {
			return false
		}
	}
	return true
}

// Equal reports whether l and m have the same name and value.
func (l Level) Equal(m Level) bool { return l.Name == m.Name && l.Value.Equal(m.Value) }
