package incentive

import (
	"slices"
	"strings"
)

// Constructor builds a [Rule] from the component that names its type, the
// way the built-in types are built from theirs: it reads the component's
// fields (Params above all, and any built-in field it gives a meaning) and
// reports bad ones as an error, which [Build] wraps in ErrParam at the
// component's path.
type Constructor func(c Component) (Rule, error)

// Registry maps the component types a caller defines to their
// constructors, for [Build] and [DecodePlan]. The caller makes one, fills
// it before building plans and keeps it; there is no global registry. A
// nil *Registry knows the built-in types only. Register must not be called
// while another goroutine builds a plan with the same Registry; Build only
// reads it.
type Registry struct {
	ctors map[string]Constructor
}

// NewRegistry returns an empty Registry.
func NewRegistry() *Registry { return &Registry{ctors: map[string]Constructor{}} }

// Register makes typ a component type built by c. It returns a
// *FieldError wrapping ErrRegistry for a nil Registry or constructor, an
// empty name, a built-in name, or a name already registered.
func (r *Registry) Register(typ string, c Constructor) error {
	switch {
	case r == nil:
		return fieldErr("registry", "", because(ErrRegistry, "nil registry: make one with NewRegistry"))
	case typ == "" || strings.TrimSpace(typ) != typ:
		return fieldErr("type", typ, because(ErrRegistry, "a type needs a name without surrounding spaces"))
	case slices.Contains(builtinTypes, typ):
		return fieldErr("type", typ, because(ErrRegistry, "%s is a built-in type", typ))
	case c == nil:
		return fieldErr("type", typ, because(ErrRegistry, "nil constructor"))
	}
	if _, dup := r.ctors[typ]; dup {
		return fieldErr("type", typ, because(ErrRegistry, "%s is already registered", typ))
	}
	if r.ctors == nil {
		r.ctors = map[string]Constructor{}
	}
	r.ctors[typ] = c
	return nil
}

// Types returns the registered type names, sorted.
func (r *Registry) Types() []string {
	if r == nil {
		return nil
	}
	names := make([]string, 0, len(r.ctors))
	for n := range r.ctors {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

func (r *Registry) lookup(typ string) (Constructor, bool) {
	if r == nil {
		return nil, false
	}
	c, ok := r.ctors[typ]
	return c, ok
}
