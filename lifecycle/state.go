package lifecycle

// State is one state of a lifecycle and the stage data CRMs attach to it.
type State[S ~string] struct {
	// Key identifies the state.
	Key S `json:"key"`
	// Kind says whether the state is the initial one, a terminal one, or
	// neither.
	Kind StateKind `json:"kind,omitzero"`
	// Labels are the state's display text per language.
	Labels Labels `json:"labels,omitempty"`
	// Probability, when set, is the default win probability in [0, 1] an
	// instance takes when it enters the state (see [Prob]). An instance
	// keeps the value it took on entry, so changing the default later does
	// not rewrite instances already in the state. Entering a state without
	// a default keeps the default the instance took last (0 when none), and
	// entering any state drops a manual override.
	Probability *float64 `json:"probability,omitempty"`
	// Forecast is the forecast category of deals in the state.
	Forecast ForecastCategory `json:"forecast,omitzero"`
	// Outcome says whether a deal in the state counts as won, lost or
	// still open.
	Outcome Outcome `json:"outcome,omitzero"`
	// StaleAfterDays, when positive, is the number of days of 24 hours of
	// unpaused time in one stay in the state after which an instance
	// counts as stale (see [Definition.Stale]).
	StaleAfterDays int `json:"stale_after_days,omitempty"`
	// StayItems lists the items whose facts describe one stay in the
	// state, such as the loss reason of a lost deal: the instance forgets
	// them when it leaves the state, so a deal reopened and lost again
	// must say why again. A self-transition leaves the state and forgets
	// them; an internal transition does not. Each is declared in the
	// definition's Items.
	StayItems []string `json:"stay_items,omitempty"`
	// Entry lists the gates every transition into the state must pass.
	Entry []Gate `json:"entry,omitempty"`
	// Exit lists the gates every transition out of the state must pass.
	Exit []Gate `json:"exit,omitempty"`
	// OnEnter lists the effects of entering the state.
	OnEnter []Effect `json:"on_enter,omitempty"`
	// OnExit lists the effects of leaving the state.
	OnExit []Effect `json:"on_exit,omitempty"`
}

// Label returns the state's display text for lang, chosen as [Labels.Get]
// chooses, or its key when it has none.
func (s State[S]) Label(lang string) string { return orKey(s.Labels.Get(lang), string(s.Key)) }

// Prob returns a pointer to p, for [State.Probability] in Go literals.
func Prob(p float64) *float64 { return &p }

// StateKind says where a state sits in a lifecycle. The zero value is
// [Normal].
type StateKind int

// The kinds of state.
const (
	// Normal is a state an instance passes through.
	Normal StateKind = iota
	// Initial is the state every instance starts in; a definition has
	// exactly one.
	Initial
	// Terminal is a state with no way out: won, lost, converted.
	Terminal
)

var stateKindNames = enumNames{"normal", "initial", "terminal"}

// String returns the kind's wire name, or "StateKind(n)".
func (k StateKind) String() string { return stateKindNames.str("StateKind", int(k)) }

// MarshalText encodes k as its name; a kind without one is a [*FieldError]
// wrapping [ErrUnknownName].
func (k StateKind) MarshalText() ([]byte, error) {
	return stateKindNames.text("kind", "StateKind", int(k))
}

// UnmarshalText decodes a name; any other text is a [*FieldError] wrapping
// [ErrUnknownName].
func (k *StateKind) UnmarshalText(b []byte) error {
	v, err := stateKindNames.parse("kind", b)
	if err == nil {
		*k = StateKind(v)
	}
	return err
}

// Outcome says whether a deal in a state counts as won, lost or still open,
// with the same names as funnel's outcomes. The zero value is [Open]. A
// state's outcome does not decide whether it is terminal: a lost deal may be
// reopenable.
type Outcome int

// The outcomes.
const (
	// Open is a state on the way to an outcome.
	Open Outcome = iota
	// Won is a state of a deal that closed as a sale.
	Won
	// Lost is a state of a deal that closed without a sale.
	Lost
)

var outcomeNames = enumNames{"open", "won", "lost"}

// String returns the outcome's wire name, or "Outcome(n)".
func (o Outcome) String() string { return outcomeNames.str("Outcome", int(o)) }

// MarshalText encodes o as its name; an outcome without one is a
// [*FieldError] wrapping [ErrUnknownName].
func (o Outcome) MarshalText() ([]byte, error) {
	return outcomeNames.text("outcome", "Outcome", int(o))
}

// UnmarshalText decodes a name; any other text is a [*FieldError] wrapping
// [ErrUnknownName].
func (o *Outcome) UnmarshalText(b []byte) error {
	v, err := outcomeNames.parse("outcome", b)
	if err == nil {
		*o = Outcome(v)
	}
	return err
}

// ForecastCategory is the forecast bucket a stage puts a deal in, as the big
// CRMs use them. The zero value is [ForecastNone]: the stage does not feed
// the forecast.
type ForecastCategory int

// The forecast categories.
const (
	// ForecastNone means the stage has no forecast category.
	ForecastNone ForecastCategory = iota
	// ForecastPipeline is an open deal not yet likely.
	ForecastPipeline
	// ForecastBestCase is an open deal that could close this period.
	ForecastBestCase
	// ForecastCommit is an open deal the owner commits to.
	ForecastCommit
	// ForecastClosed is a won deal.
	ForecastClosed
	// ForecastOmitted is a deal left out of the forecast: lost, abandoned.
	ForecastOmitted
)

var forecastNames = enumNames{"none", "pipeline", "best_case", "commit", "closed", "omitted"}

// String returns the category's wire name, or "ForecastCategory(n)".
func (c ForecastCategory) String() string { return forecastNames.str("ForecastCategory", int(c)) }

// MarshalText encodes c as its name; a category without one is a
// [*FieldError] wrapping [ErrUnknownName].
func (c ForecastCategory) MarshalText() ([]byte, error) {
	return forecastNames.text("forecast", "ForecastCategory", int(c))
}

// UnmarshalText decodes a name; any other text is a [*FieldError] wrapping
// [ErrUnknownName].
func (c *ForecastCategory) UnmarshalText(b []byte) error {
	v, err := forecastNames.parse("forecast", b)
	if err == nil {
		*c = ForecastCategory(v)
	}
	return err
}
