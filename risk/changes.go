package risk

import (
	"cmp"
	"errors"
	"slices"
)

// RiskChange is how one risk moved between two snapshots of a register:
// new, closed, reopened, escalated or de-escalated. From and To are its
// residual ratings in the earlier and the later snapshot ("" where it is
// absent or closed).
type RiskChange struct {
	ID   string     `json:"id"`
	Kind ChangeKind `json:"kind,omitempty"`
	From string     `json:"from,omitempty"`
	To   string     `json:"to,omitempty"`
}

// ChangeKind is the kind of a [RiskChange]. The zero ChangeKind is
// invalid.
type ChangeKind int

// The kinds of change.
const (
	_ ChangeKind = iota
	// Added: open in the later snapshot, absent from the earlier.
	Added
	// Removed: open in the earlier snapshot, closed or absent in the later.
	Removed
	// Reopened: closed in the earlier snapshot, open in the later.
	Reopened
	// Escalated: open in both, its residual rating higher in the later.
	Escalated
	// Deescalated: open in both, its residual rating lower in the later.
	Deescalated
)

var changeKindNames = enumNames{"", "new", "closed", "reopened", "escalated", "de_escalated"}

// String returns the wire name of k, or "ChangeKind(n)".
func (k ChangeKind) String() string { return changeKindNames.str("ChangeKind", int(k)) }

// MarshalText encodes k as its name; the zero ChangeKind is a *FieldError
// wrapping ErrUnknownName.
func (k ChangeKind) MarshalText() ([]byte, error) {
	return changeKindNames.text("kind", "ChangeKind", int(k))
}

// UnmarshalText decodes a name.
func (k *ChangeKind) UnmarshalText(b []byte) error {
	v, err := changeKindNames.parse("kind", b)
	if err != nil {
		return err
	}
	*k = ChangeKind(v)
	return nil
}

// Changes compares two snapshots of a register, both judged against m,
// and returns how their risks moved, ordered by kind (as listed under
// [ChangeKind]) and then by id. Risks are matched by id; a risk whose
// residual rating did not move, or that was closed in both, is left out.
// A residual rating is the one after the risk's planned response, so
// planning a response that lowers it de-escalates the risk.
//
// Either snapshot failing [Register.Report] is an error, its fields
// prefixed with before. or after. (before.risks[2].probability.level).
func Changes(m *Matrix, before, after Register) ([]RiskChange, error) {
	b, errB := before.Report(m, &ReportOptions{Top: 1})
	a, errA := after.Report(m, &ReportOptions{Top: 1})
	if errB != nil || errA != nil {
		return nil, errors.Join(prefixed("before.", errB), prefixed("after.", errA))
	}
	type state struct {
		open   bool
		rating string
	}
	states := func(r Report) map[string]state {
		s := make(map[string]state, len(r.Assessments))
		for _, x := range r.Assessments {
			s[x.ID] = state{x.Status == Open, x.Residual.Rating}
		}
		return s
	}
	was, is := states(b), states(a)
	var out []RiskChange
	for _, x := range a.Assessments {
		prev, existed := was[x.ID]
		now := is[x.ID]
		switch {
		case !now.open && existed && prev.open:
			out = append(out, RiskChange{ID: x.ID, Kind: Removed, From: prev.rating})
		case !now.open:
		case !existed:
			out = append(out, RiskChange{ID: x.ID, Kind: Added, To: now.rating})
		case !prev.open:
			out = append(out, RiskChange{ID: x.ID, Kind: Reopened, To: now.rating})
		case m.RatingRank(now.rating) > m.RatingRank(prev.rating):
			out = append(out, RiskChange{ID: x.ID, Kind: Escalated, From: prev.rating, To: now.rating})
		case m.RatingRank(now.rating) < m.RatingRank(prev.rating):
			out = append(out, RiskChange{ID: x.ID, Kind: Deescalated, From: prev.rating, To: now.rating})
		}
	}
	for _, x := range b.Assessments {
		if _, still := is[x.ID]; !still && x.Status == Open {
			out = append(out, RiskChange{ID: x.ID, Kind: Removed, From: x.Residual.Rating})
		}
	}
	slices.SortFunc(out, func(x, y RiskChange) int {
		if c := cmp.Compare(x.Kind, y.Kind); c != 0 {
			return c
		}
		return cmp.Compare(x.ID, y.ID)
	})
	return out, nil
}

// prefixed returns err with every FieldError's field prefixed, keeping
// the joined structure flat.
func prefixed(prefix string, err error) error {
	if err == nil {
		return nil
	}
	errs := flatten(err)
	out := make([]error, len(errs))
	for k, e := range errs {
		if fe, ok := e.(*FieldError); ok {
			out[k] = &FieldError{Field: prefix + fe.Field, Value: fe.Value, Err: fe.Err}
			continue
		}
		out[k] = e
	}
	return errors.Join(out...)
}
