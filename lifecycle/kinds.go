package lifecycle

import (
	"fmt"
	"strconv"
)

// enumName returns names[v], or "<what>(v)" when v is out of range.
func enumName(names []string, v int, what string) string {
	if v >= 0 && v < len(names) && names[v] != "" {
		return names[v]
	}
	return what + "(" + strconv.Itoa(v) + ")"
}

func enumMarshal(names []string, v int, what string) ([]byte, error) {
	if v >= 0 && v < len(names) && names[v] != "" {
		return []byte(names[v]), nil
	}
	return nil, fmt.Errorf("lifecycle: %s %d: %w", what, v, ErrInvalidEnum)
}

func enumParse(names []string, text []byte, what string) (int, error) {
	for i, n := range names {
		if n != "" && n == string(text) {
			return i, nil
		}
	}
	return 0, fmt.Errorf("lifecycle: %s %q: %w", what, text, ErrInvalidEnum)
}

func enumValid(names []string, v int) bool {
	return v >= 0 && v < len(names) && names[v] != ""
}

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

var stateKindNames = []string{"normal", "initial", "terminal"}

// String returns the kind's stable lowercase name.
func (k StateKind) String() string { return enumName(stateKindNames, int(k), "statekind") }

// MarshalText returns the kind's name; an undefined kind is an error
// wrapping [ErrInvalidEnum].
func (k StateKind) MarshalText() ([]byte, error) {
	return enumMarshal(stateKindNames, int(k), "state kind")
}

// UnmarshalText parses a name written by MarshalText; an unknown name is an
// error wrapping [ErrInvalidEnum].
func (k *StateKind) UnmarshalText(text []byte) error {
	v, err := enumParse(stateKindNames, text, "state kind")
	if err == nil {
		*k = StateKind(v)
	}
	return err
}

// GateMode says whether an unmet gate stops a transition. The zero value is
// [Blocking].
type GateMode int

// The gate modes.
const (
	// Blocking gates refuse the transition while items are missing.
	Blocking GateMode = iota
	// Advisory gates report missing items and let the transition through.
	Advisory
)

var gateModeNames = []string{"blocking", "advisory"}

// String returns the mode's stable lowercase name.
func (m GateMode) String() string { return enumName(gateModeNames, int(m), "gatemode") }

// MarshalText returns the mode's name; an undefined mode is an error
// wrapping [ErrInvalidEnum].
func (m GateMode) MarshalText() ([]byte, error) {
	return enumMarshal(gateModeNames, int(m), "gate mode")
}

// UnmarshalText parses a name written by MarshalText; an unknown name is an
// error wrapping [ErrInvalidEnum].
func (m *GateMode) UnmarshalText(text []byte) error {
	v, err := enumParse(gateModeNames, text, "gate mode")
	if err == nil {
		*m = GateMode(v)
	}
	return err
}

// ItemKind says how a UI asks for a gate item. Both kinds are met the same
// way: the instance holds a non-empty value for the item's key. The zero
// value is [Checklist].
type ItemKind int

// The item kinds.
const (
	// Checklist items are ticked: "feasibility assessed".
	Checklist ItemKind = iota
	// Fact items hold a value: the decision maker's name, the budget.
	Fact
)

var itemKindNames = []string{"checklist", "fact"}

// String returns the kind's stable lowercase name.
func (k ItemKind) String() string { return enumName(itemKindNames, int(k), "itemkind") }

// MarshalText returns the kind's name; an undefined kind is an error
// wrapping [ErrInvalidEnum].
func (k ItemKind) MarshalText() ([]byte, error) {
	return enumMarshal(itemKindNames, int(k), "item kind")
}

// UnmarshalText parses a name written by MarshalText; an unknown name is an
// error wrapping [ErrInvalidEnum].
func (k *ItemKind) UnmarshalText(text []byte) error {
	v, err := enumParse(itemKindNames, text, "item kind")
	if err == nil {
		*k = ItemKind(v)
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

var forecastNames = []string{"none", "pipeline", "best_case", "commit", "closed", "omitted"}

// String returns the category's stable lowercase name.
func (c ForecastCategory) String() string { return enumName(forecastNames, int(c), "forecast") }

// MarshalText returns the category's name; an undefined category is an
// error wrapping [ErrInvalidEnum].
func (c ForecastCategory) MarshalText() ([]byte, error) {
	return enumMarshal(forecastNames, int(c), "forecast category")
}

// UnmarshalText parses a name written by MarshalText; an unknown name is an
// error wrapping [ErrInvalidEnum].
func (c *ForecastCategory) UnmarshalText(text []byte) error {
	v, err := enumParse(forecastNames, text, "forecast category")
	if err == nil {
		*c = ForecastCategory(v)
	}
	return err
}

// StepKind says what a history step records. The zero value is invalid.
type StepKind int

// The step kinds.
const (
	// StepStart records the instance's creation in the initial state.
	StepStart StepKind = iota + 1
	// StepFire records a transition that left its state: to another state,
	// or back into the same one (a self-transition).
	StepFire
	// StepInternal records an internal transition: the trigger fired and
	// the instance stayed in its state without leaving it.
	StepInternal
	// StepPause records a pause, with its reason and resume date.
	StepPause
	// StepResume records the end of a pause.
	StepResume
)

var stepKindNames = []string{"", "start", "fire", "internal", "pause", "resume"}

// String returns the kind's stable lowercase name.
func (k StepKind) String() string { return enumName(stepKindNames, int(k), "stepkind") }

// MarshalText returns the kind's name; the zero kind or an undefined kind is
// an error wrapping [ErrInvalidEnum].
func (k StepKind) MarshalText() ([]byte, error) {
	return enumMarshal(stepKindNames, int(k), "step kind")
}

// UnmarshalText parses a name written by MarshalText; an unknown name is an
// error wrapping [ErrInvalidEnum].
func (k *StepKind) UnmarshalText(text []byte) error {
	v, err := enumParse(stepKindNames, text, "step kind")
	if err == nil {
		*k = StepKind(v)
	}
	return err
}

// ReasonKind says why a trigger is blocked or what it is warned about. The
// zero value is invalid.
type ReasonKind int

// The reason kinds.
const (
	// ReasonNoTransition means the current state has no transition for the
	// trigger.
	ReasonNoTransition ReasonKind = iota + 1
	// ReasonPaused means the instance is paused.
	ReasonPaused
	// ReasonGate means a gate has missing items.
	ReasonGate
	// ReasonGuard means a guard returned an error.
	ReasonGuard
)

var reasonKindNames = []string{"", "no_transition", "paused", "gate", "guard"}

// String returns the kind's stable lowercase name.
func (k ReasonKind) String() string { return enumName(reasonKindNames, int(k), "reasonkind") }

// MarshalText returns the kind's name; the zero kind or an undefined kind is
// an error wrapping [ErrInvalidEnum].
func (k ReasonKind) MarshalText() ([]byte, error) {
	return enumMarshal(reasonKindNames, int(k), "reason kind")
}

// UnmarshalText parses a name written by MarshalText; an unknown name is an
// error wrapping [ErrInvalidEnum].
func (k *ReasonKind) UnmarshalText(text []byte) error {
	v, err := enumParse(reasonKindNames, text, "reason kind")
	if err == nil {
		*k = ReasonKind(v)
	}
	return err
}
