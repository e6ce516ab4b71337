package lifecycle

import "errors"

// Builder assembles a [Definition]. Add states, triggers, items and
// transitions in any order, register guards by name, then call Build, which
// checks everything at once. The methods return the Builder so calls chain.
// A Builder is not safe for concurrent use; the Definitions it builds are.
type Builder[S, T ~string] struct {
	spec   Spec[S, T]
	guards map[string]Guard[S, T]
	errs   []error
}

// NewBuilder returns an empty Builder for a lifecycle called name.
func NewBuilder[S, T ~string](name string) *Builder[S, T] {
	return &Builder[S, T]{spec: Spec[S, T]{Name: name}}
}

// Spec adds everything in sp: its labels (merged over the Builder's), states,
// triggers, items and transitions. A non-empty sp.Name replaces the
// Builder's name. The Builder never writes to sp's slices or maps.
func (b *Builder[S, T]) Spec(sp Spec[S, T]) *Builder[S, T] {
	if sp.Name != "" {
		b.spec.Name = sp.Name
	}
	for k, v := range sp.Labels {
		b.Labels(k, v)
	}
	b.spec.States = join(b.spec.States, sp.States)
	b.spec.Triggers = join(b.spec.Triggers, sp.Triggers)
	b.spec.Items = join(b.spec.Items, sp.Items)
	b.spec.Transitions = join(b.spec.Transitions, sp.Transitions)
	return b
}

// join appends more to list. When list is empty it returns more itself,
// capped so that a later append copies it: the Builder never writes to the
// caller's slices, and Build copies what it keeps.
func join[E any](list, more []E) []E {
	if len(list) == 0 {
		return more[:len(more):len(more)]
	}
	return append(list, more...)
}

// Labels sets the lifecycle's display text for lang.
func (b *Builder[S, T]) Labels(lang, text string) *Builder[S, T] {
	if b.spec.Labels == nil {
		b.spec.Labels = Labels{}
	}
	b.spec.Labels[lang] = text
	return b
}

// State adds a state.
func (b *Builder[S, T]) State(s State[S]) *Builder[S, T] {
	b.spec.States = append(b.spec.States, s)
	return b
}

// Trigger declares a trigger with its labels.
func (b *Builder[S, T]) Trigger(t Trigger[T]) *Builder[S, T] {
	b.spec.Triggers = append(b.spec.Triggers, t)
	return b
}

// Item declares an item gates may require.
func (b *Builder[S, T]) Item(it Item) *Builder[S, T] {
	b.spec.Items = append(b.spec.Items, it)
	return b
}

// Transition adds a transition.
func (b *Builder[S, T]) Transition(t Transition[S, T]) *Builder[S, T] {
	b.spec.Transitions = append(b.spec.Transitions, t)
	return b
}

// Permit adds a transition from one state to another on trigger, passing
// the given gates.
func (b *Builder[S, T]) Permit(from S, trigger T, to S, gates ...Gate) *Builder[S, T] {
	return b.Transition(Transition[S, T]{From: from, Trigger: trigger, To: to, Gates: gates})
}

// Guard registers g under name, for transitions that list name in their
// Guards. Registering a name twice, or a nil guard, makes Build fail with
// [ErrDuplicateGuard] or [ErrNilGuard].
func (b *Builder[S, T]) Guard(name string, g Guard[S, T]) *Builder[S, T] {
	switch {
	case g == nil:
		b.errs = append(b.errs, fieldErr("guards", name, ErrNilGuard))
	case b.guards[name] != nil:
		b.errs = append(b.errs, fieldErr("guards", name, ErrDuplicateGuard))
	default:
		if b.guards == nil {
			b.guards = map[string]Guard[S, T]{}
		}
		b.guards[name] = g
	}
	return b
}

// Build checks the lifecycle and returns it as an immutable Definition. It
// reports every problem it finds, joined with [errors.Join]; each is a
// [*FieldError] wrapping one of [ErrEmptyKey], [ErrDuplicateState],
// [ErrDuplicateTrigger], [ErrDuplicateItem], [ErrDuplicateTransition],
// [ErrDuplicateGuard], [ErrNilGuard], [ErrUnknownState], [ErrUnknownItem],
// [ErrUnknownGuard], [ErrNoInitial], [ErrManyInitial], [ErrUnreachable],
// [ErrDeadEnd], [ErrTerminalExit], [ErrInternalTarget], [ErrEmptyGate],
// [ErrProbability], [ErrStaleDays] or [ErrUnknownName]. The Builder may be
// used again afterwards. The Definition shares no memory with the Builder or
// the Specs given to it; it holds the registered guards themselves.
func (b *Builder[S, T]) Build() (*Definition[S, T], error) {
	d, errs := compile(&b.spec, b.guards, b.errs)
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return d, nil
}
