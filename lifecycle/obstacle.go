package lifecycle

import (
	"encoding/json"
	"strconv"
	"strings"
)

// Obstacle is one thing that blocks a trigger, or, for an advisory gate, one
// thing that is missing without blocking it. [Obstacle.Reason] explains it
// with a stable code, the values it cites, and a sentence in English and
// simplified Chinese.
type Obstacle struct {
	// Kind says what the obstacle is.
	Kind ObstacleKind `json:"kind,omitempty"`
	// Name names the gate or guard.
	Name string `json:"name,omitempty"`
	// Mode is the gate's mode; obstacles that are not a gate block.
	Mode GateMode `json:"mode,omitzero"`
	// Missing lists, for a gate, the keys of the items still missing, in
	// the gate's order.
	Missing []string `json:"missing,omitempty"`
	// Message is, for a guard, the text of its error, without a leading
	// "lifecycle: ".
	Message string `json:"message,omitempty"`
	// Err is the guard's error itself. It does not travel in JSON;
	// Message does.
	Err error `json:"-"`
}

// Blocking reports whether the obstacle stops the transition.
func (o Obstacle) Blocking() bool { return o.Mode == Blocking }

// Reason explains the obstacle: [CodeNoTransition], [CodePaused],
// [CodeGateMissing] or [CodeAdvisoryMissing] citing the gate and its missing
// items, or [CodeGuardRefused] citing the guard and its message. An
// obstacle without a valid kind gives the zero Reason. Reason builds its
// value on each call, so a refusal costs nothing for explanations nobody
// reads; JSON carries it under "reason".
func (o Obstacle) Reason() Reason {
	switch o.Kind {
	case ObstacleNoTransition:
		return Reason{Code: CodeNoTransition}
	case ObstaclePaused:
		return Reason{Code: CodePaused}
	case ObstacleGate:
		code := CodeGateMissing
		if o.Mode == Advisory {
			code = CodeAdvisoryMissing
		}
		return Reason{Code: code, Texts: map[string]string{"gate": o.Name, "missing": strings.Join(o.Missing, ", ")}}
	case ObstacleGuard:
		return Reason{Code: CodeGuardRefused, Texts: map[string]string{"guard": o.Name, "message": o.Message}}
	}
	return Reason{}
}

// String returns the English sentence of the obstacle's reason: `gate
// "initiation-review" missing feasibility_assessed`, `guard "credit": over
// limit`, `the instance is paused`.
func (o Obstacle) String() string { return o.Reason().String() }

// obstacleJSON is the JSON form of an Obstacle.
type obstacleJSON struct {
	Kind    ObstacleKind `json:"kind,omitempty"`
	Name    string       `json:"name,omitempty"`
	Mode    GateMode     `json:"mode,omitzero"`
	Missing []string     `json:"missing,omitempty"`
	Message string       `json:"message,omitempty"`
	Reason  *Reason      `json:"reason,omitempty"`
}

// MarshalJSON encodes the obstacle with its reason.
func (o Obstacle) MarshalJSON() ([]byte, error) {
	j := obstacleJSON{Kind: o.Kind, Name: o.Name, Mode: o.Mode, Missing: o.Missing, Message: o.Message}
	if r := o.Reason(); r.Code != "" {
		j.Reason = &r
	}
	return json.Marshal(j)
}

// UnmarshalJSON decodes an obstacle written by MarshalJSON. The reason is
// derived from the other fields, so it is not read back; Err stays nil.
func (o *Obstacle) UnmarshalJSON(data []byte) error {
	var j obstacleJSON
	if err := json.Unmarshal(data, &j); err != nil {
		return err
	}
	*o = Obstacle{Kind: j.Kind, Name: j.Name, Mode: j.Mode, Missing: j.Missing, Message: j.Message}
	return nil
}

// ObstacleKind says what blocks a trigger or what it is warned about. The
// zero value is invalid.
type ObstacleKind int

// The obstacle kinds.
const (
	// ObstacleNoTransition means the current state has no transition for
	// the trigger.
	ObstacleNoTransition ObstacleKind = iota + 1
	// ObstaclePaused means the instance is paused.
	ObstaclePaused
	// ObstacleGate means a gate has missing items.
	ObstacleGate
	// ObstacleGuard means a guard returned an error.
	ObstacleGuard
)

var obstacleKindNames = enumNames{"", "no_transition", "paused", "gate", "guard"}

// String returns the kind's wire name, or "ObstacleKind(n)".
func (k ObstacleKind) String() string { return obstacleKindNames.str("ObstacleKind", int(k)) }

// MarshalText encodes k as its name; the zero kind, or any kind without a
// name, is a [*FieldError] wrapping [ErrUnknownName].
func (k ObstacleKind) MarshalText() ([]byte, error) {
	return obstacleKindNames.text("kind", "ObstacleKind", int(k))
}

// UnmarshalText decodes a name; any other text is a [*FieldError] wrapping
// [ErrUnknownName].
func (k *ObstacleKind) UnmarshalText(b []byte) error {
	v, err := obstacleKindNames.parse("kind", b)
	if err == nil {
		*k = ObstacleKind(v)
	}
	return err
}

// Refusal is the error Fire returns when a trigger may not fire. It names
// every gate and guard that refused and every item still missing, and
// matches [ErrRefused], the sentinel of each blocking obstacle's kind
// ([ErrNoTransition], [ErrPaused], [ErrGate], [ErrGuard]) and each guard's
// own error with [errors.Is]. It marshals to JSON for a UI; the guards'
// errors travel as their messages.
type Refusal struct {
	// State is the instance's state.
	State string `json:"state"`
	// Trigger is the trigger refused.
	Trigger string `json:"trigger"`
	// Obstacles lists every obstacle, blocking ones and advisory ones, in
	// the order checked: pause, exit gates, the transition's gates, entry
	// gates, guards.
	Obstacles []Obstacle `json:"obstacles"`
}

// Error returns a message such as `lifecycle: trigger "approve" refused in
// state "initiation": gate "initiation.exit" missing feasibility_assessed`,
// with the English sentence of every blocking obstacle.
func (r *Refusal) Error() string {
	var b strings.Builder
	b.WriteString("lifecycle: trigger ")
	b.WriteString(strconv.Quote(r.Trigger))
	b.WriteString(" refused in state ")
	b.WriteString(strconv.Quote(r.State))
	sep := ": "
	for _, o := range r.Obstacles {
		if !o.Blocking() {
			continue
		}
		b.WriteString(sep)
		b.WriteString(o.String())
		sep = "; "
	}
	return b.String()
}

// Unwrap returns ErrRefused, the sentinels of the blocking obstacles' kinds
// and the guards' errors, for [errors.Is] and [errors.As].
func (r *Refusal) Unwrap() []error {
	errs := []error{ErrRefused}
	for _, o := range r.Obstacles {
		if !o.Blocking() {
			continue
		}
		switch o.Kind {
		case ObstacleNoTransition:
			errs = append(errs, ErrNoTransition)
		case ObstaclePaused:
			errs = append(errs, ErrPaused)
		case ObstacleGate:
			errs = append(errs, ErrGate)
		case ObstacleGuard:
			errs = append(errs, ErrGuard)
			if o.Err != nil {
				errs = append(errs, o.Err)
			}
		}
	}
	return errs
}

// Explain returns the sentence of o's reason in lang with the definition's
// labels in lang in place of keys: the gate's label and those of its missing
// items, each chosen as [Labels.Get] chooses and falling back to its key.
// For a zh-CN UI: `关卡“商机确认”缺少 需求已明确` where [Obstacle.Reason]
// says `关卡“qualification”缺少 need_identified`; a Chinese list of items is
// joined with 、. Obstacles of other kinds
// read as their reasons do.
func (d *Definition[S, T]) Explain(o Obstacle, lang string) string {
	d = d.def()
	r := o.Reason()
	if o.Kind != ObstacleGate {
		return r.Text(lang)
	}
	for i := range d.gates {
		if g := &d.gates[i]; g.name == o.Name {
			r.Texts["gate"] = orKey(d.labels.get(g.labels, lang), g.name)
			break
		}
	}
	items := make([]string, len(o.Missing))
	for i, key := range o.Missing {
		items[i] = d.ItemLabel(key, lang)
	}
	r.Texts["missing"] = strings.Join(items, Labels{"en": ", ", "zh-CN": "、"}.Get(lang))
	return r.Text(lang)
}
