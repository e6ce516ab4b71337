package lifecycle

// Spec is the data form of a [Definition]: plain structs that round-trip
// through encoding/json, so a CRM can store a lifecycle in its database and
// edit it in a UI. A Spec is not checked until a [Builder] builds it; to load
// a stored lifecycle, decode its Spec and build it.
//
// S is the caller's type for state keys and T its type for trigger keys;
// both are strings underneath, so a Spec[Phase, ProjectTrigger] and a
// Spec[string, string] read and write the same JSON.
type Spec[S, T ~string] struct {
	// Name identifies the lifecycle: "sales-project".
	Name string `json:"name"`
	// Labels are the lifecycle's display text per language.
	Labels Labels `json:"labels,omitempty"`
	// States lists the states in process order; that order decides which
	// transitions count as loops back (see [Measures]).
	States []State[S] `json:"states"`
	// Triggers optionally declares triggers, to give them labels. A
	// transition may use a trigger that is not declared.
	Triggers []Trigger[T] `json:"triggers,omitempty"`
	// Items declares every item gates may require.
	Items []Item `json:"items,omitempty"`
	// Transitions lists the transitions; for each state they are offered in
	// this order.
	Transitions []Transition[S, T] `json:"transitions"`
}

// Label returns the lifecycle's display text for lang, chosen as
// [Labels.Get] chooses, or its name when it has none.
func (sp Spec[S, T]) Label(lang string) string { return orKey(sp.Labels.Get(lang), sp.Name) }

// Trigger declares a trigger and its labels: the text of a button.
type Trigger[T ~string] struct {
	// Key identifies the trigger.
	Key T `json:"key"`
	// Labels are the trigger's display text per language.
	Labels Labels `json:"labels,omitempty"`
}

// Label returns the trigger's display text for lang, chosen as [Labels.Get]
// chooses, or its key when it has none.
func (t Trigger[T]) Label(lang string) string { return orKey(t.Labels.Get(lang), string(t.Key)) }

// Transition says that trigger moves an instance from one state to another.
// A transition whose To equals its From is a self-transition: the instance
// leaves and re-enters the state, with exit and entry gates and effects. An
// internal transition stays in the state without leaving it: no exit or
// entry gates or effects, and the stage age, probability and stay facts are
// untouched.
type Transition[S, T ~string] struct {
	// From is the state the transition leaves.
	From S `json:"from"`
	// Trigger fires the transition.
	Trigger T `json:"trigger"`
	// To is the state the transition enters. An internal transition may
	// leave it empty.
	To S `json:"to,omitempty"`
	// Internal marks an internal transition.
	Internal bool `json:"internal,omitempty"`
	// Gates lists the transition's own gates, such as approve-to-bid.
	Gates []Gate `json:"gates,omitempty"`
	// Guards names Go functions registered with [Builder.Guard] that must
	// allow the transition, for rules that cannot be data.
	Guards []string `json:"guards,omitempty"`
	// Effects lists the transition's own effects.
	Effects []Effect `json:"effects,omitempty"`
}
