package risk

import "github.com/shopspring/decimal"

// Level is one step of a probability or impact scale: a key that risks
// name it by, labels to show, the value that enters the score, and the
// bands that map a measured quantity onto it.
//
// On a probability scale Value is a probability in (0, 1] ("0.7" for high);
// it is also the probability of a risk that names the level without an exact
// value. On an impact scale Value is the level's weight in the score ("0.4"
// for high in the PMBOK style, or 1 to 5 on an ordinal scale).
type Level struct {
	Key    string          `json:"key"`
	Labels Labels          `json:"labels,omitempty"`
	Value  decimal.Decimal `json:"value"`
	Bands  []Band          `json:"bands,omitempty"`
}

// Label returns the level's label in lang, as [Labels.Get] chooses it, or
// its key when it has none.
func (l Level) Label(lang string) string { return label(l.Labels, lang, l.Key) }

// Band is where a level starts on one measure: a quantity q of that measure
// falls in level k when From of level k ≤ q < From of level k+1, and in the
// top level when q ≥ its From (the top band has no upper end). A quantity
// below the lowest From falls in no level. Every level of a scale has a band
// for a measure, or none does, and the Froms rise strictly from level to
// level, so bands never overlap and leave no gaps.
type Band struct {
	Measure Measure         `json:"measure,omitempty"`
	From    decimal.Decimal `json:"from"`
}

// Measure is what a band measures. The zero Measure is invalid.
type Measure int

// The measures. Probability bands belong on the probability scale, the
// others on the impact scale.
const (
	_ Measure = iota
	// MeasureProbability is a probability in [0, 1].
	MeasureProbability
	// MeasureCost is a cost overrun as a fraction of the budget: 0.15 for
	// 15% over.
	MeasureCost
	// MeasureSchedule is a schedule overrun as a fraction of the planned
	// duration: 0.1 for 10% late.
	MeasureSchedule
	// MeasureMoney is a money impact in the register's currency.
	MeasureMoney
	// MeasureDays is a schedule slip in days, counted as the caller counts
	// them (calendar or working days; the matrix does not know which).
	MeasureDays
)

var measureNames = enumNames{"", "probability", "cost", "schedule", "money", "days"}

// measureCount is one more than the largest Measure.
const measureCount = 6

// String returns the wire name of m, or "Measure(n)".
func (m Measure) String() string { return measureNames.str("Measure", int(m)) }

// MarshalText encodes m as its name; the zero Measure is a *FieldError
// wrapping ErrUnknownName.
func (m Measure) MarshalText() ([]byte, error) {
	return measureNames.text("measure", "Measure", int(m))
}

// UnmarshalText decodes a name.
func (m *Measure) UnmarshalText(b []byte) error {
	v, err := measureNames.parse("measure", b)
	if err != nil {
		return err
	}
	*m = Measure(v)
	return nil
}

// Rating is one of a matrix's ordered ratings ("low", "moderate", "high",
// or names the caller chooses). A matrix lists its ratings lowest first.
type Rating struct {
	Key    string `json:"key"`
	Labels Labels `json:"labels,omitempty"`
}

// Label returns the rating's label in lang, as [Labels.Get] chooses it, or
// its key when it has none.
func (r Rating) Label(lang string) string { return label(r.Labels, lang, r.Key) }

// Rounding is how a matrix rounds its scores to its places. The zero
// Rounding is HalfUp, the rounding of the published PMBOK table.
type Rounding int

// The rounding modes. Scores are never negative, so "up" and "away from
// zero" agree.
const (
	// HalfUp rounds to the nearest, halves away from zero: 0.035 → 0.04.
	HalfUp Rounding = iota
	// HalfEven rounds to the nearest, halves to the even digit: 0.035 →
	// 0.04, 0.045 → 0.04.
	HalfEven
	// Up rounds away from zero: 0.031 → 0.04.
	Up
	// Down rounds toward zero (truncates): 0.039 → 0.03.
	Down
)

var roundingNames = enumNames{"half_up", "half_even", "up", "down"}

// String returns the wire name of r, or "Rounding(n)".
func (r Rounding) String() string { return roundingNames.str("Rounding", int(r)) }

// MarshalText encodes r as its name.
func (r Rounding) MarshalText() ([]byte, error) {
	return roundingNames.text("rounding", "Rounding", int(r))
}

// UnmarshalText decodes a name.
func (r *Rounding) UnmarshalText(b []byte) error {
	v, err := roundingNames.parse("rounding", b)
	if err != nil {
		return err
	}
	*r = Rounding(v)
	return nil
}
