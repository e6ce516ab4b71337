package forecast

import (
	"cmp"
	"slices"
	"strconv"

	"github.com/shopspring/decimal"
)

// Movement is one way a deal changed between two forecast snapshots.
type Movement int

// The movements, in the order a DealMove lists them.
const (
	// Added: the deal is in the later snapshot only.
	Added Movement = iota
	// Removed: the deal is in the earlier snapshot only.
	Removed
	// Moved: its forecast category changed.
	Moved
	// Slipped: its close date moved to a later period.
	Slipped
	// PulledIn: its close date moved to an earlier period.
	PulledIn
	// Resized: its amount changed.
	Resized
	// Restaged: its stage changed.
	Restaged
	// Reassigned: its owner changed.
	Reassigned
)

var movementNames = enumNames{"added", "removed", "moved", "slipped", "pulled_in", "resized", "restaged", "reassigned"}

// String returns the wire name of m ("pulled_in"), or "Movement(n)".
func (m Movement) String() string { return movementNames.str("Movement", int(m)) }

// MarshalText encodes m as its name; a value without one is a *FieldError
// wrapping [ErrUnknownName].
func (m Movement) MarshalText() ([]byte, error) {
	return movementNames.text("movement", "Movement", int(m))
}

// UnmarshalText decodes a movement's name; any other text is a *FieldError
// wrapping [ErrUnknownName].
func (m *Movement) UnmarshalText(b []byte) error {
	v, err := movementNames.parse("movement", b)
	if err != nil {
		return err
	}
	*m = Movement(v)
	return nil
}

// DealState is where a deal stood in one snapshot.
type DealState struct {
	Stage     string          `json:"stage"`
	Category  Category        `json:"category,omitempty"`
	Period    Period          `json:"period"`
	CloseDate Date            `json:"close_date"`
	Amount    decimal.Decimal `json:"amount"`
	Owner     string          `json:"owner,omitempty"`
}

// Equal reports whether s and t are the same state, comparing amounts by
// value.
func (s DealState) Equal(t DealState) bool {
	return s.Stage == t.Stage && s.Category == t.Category && s.Period == t.Period &&
		s.CloseDate == t.CloseDate && s.Amount.Equal(t.Amount) && s.Owner == t.Owner
}

// DealMove is a deal that differs between two snapshots: how (Movements, in
// their declared order) and where it stood before and after (absent for an
// added or removed deal).
type DealMove struct {
	Deal      string     `json:"deal"`
	Movements []Movement `json:"movements"`
	Before    *DealState `json:"before,omitempty"`
	After     *DealState `json:"after,omitempty"`
}

// Bridge explains how one category's amount in one period went from one
// snapshot to the next, deal by deal:
//
//	Before + Added - Removed + MovedIn - MovedOut + SlippedIn - SlippedOut + Resized = After
//
// Added and Removed are deals new to or gone from the pipeline; MovedIn and
// MovedOut deals whose category changed; SlippedIn and SlippedOut deals of
// this category whose close date changed period (in from another period,
// out to one); Resized the change in amount of deals that stayed. Every
// term is the deals' amount, exactly.
type Bridge struct {
	Period     Period          `json:"period"`
	Category   Category        `json:"category,omitempty"`
	Before     decimal.Decimal `json:"before"`
	Added      decimal.Decimal `json:"added"`
	Removed    decimal.Decimal `json:"removed"`
	MovedIn    decimal.Decimal `json:"moved_in"`
	MovedOut   decimal.Decimal `json:"moved_out"`
	SlippedIn  decimal.Decimal `json:"slipped_in"`
	SlippedOut decimal.Decimal `json:"slipped_out"`
	Resized    decimal.Decimal `json:"resized"`
	After      decimal.Decimal `json:"after"`
}

// Equal reports whether b and c hold the same numbers.
func (b Bridge) Equal(c Bridge) bool {
	return b.Period == c.Period && b.Category == c.Category && b.Before.Equal(c.Before) && b.Added.Equal(c.Added) &&
		b.Removed.Equal(c.Removed) && b.MovedIn.Equal(c.MovedIn) && b.MovedOut.Equal(c.MovedOut) &&
		b.SlippedIn.Equal(c.SlippedIn) && b.SlippedOut.Equal(c.SlippedOut) && b.Resized.Equal(c.Resized) && b.After.Equal(c.After)
}

// Reconciles reports whether the bridge adds up (it always does; a UI may
// check before it draws a waterfall).
func (b Bridge) Reconciles() bool {
	return b.Before.Add(b.Added).Sub(b.Removed).Add(b.MovedIn).Sub(b.MovedOut).
		Add(b.SlippedIn).Sub(b.SlippedOut).Add(b.Resized).Equal(b.After)
}

// Comparison is what changed between two forecast snapshots: every deal
// that differs, by deal id, and a bridge for every period and category
// that holds deals in either, by period then category.
type Comparison struct {
	Moves   []DealMove `json:"moves"`
	Bridges []Bridge   `json:"bridges"`
}

// Compare compares two snapshots of a pipeline, before and after, deal by
// deal, matching deals by ID: what was added or removed, what moved between
// categories, what slipped to a later period or was pulled in, what changed
// amount, stage or owner. Deals are read as [Pipeline.Add] reads them
// (categories default to their stage's), with periods of opts' grain; money
// is compared exactly, so no places are needed.
//
// Errors, all reported, are *FieldErrors naming the deal ("before[3].id")
// and wrapping [ErrDuplicate] (an id used twice in one snapshot),
// [ErrOption] (a deal without an id) or any error [Pipeline.Add] returns.
func Compare(stages Stages, before, after []Deal, opts *PipelineOptions) (Comparison, error) {
	if err := stages.Validate(); err != nil {
		return Comparison{}, err
	}
	var o PipelineOptions
	if opts != nil {
		o = *opts
	}
	set, err := o.setting()
	if err != nil {
		return Comparison{}, err
	}
	rules := newDealRules(stages, exactPlaces, set)
	read := func(name string, deals []Deal) (map[string]DealState, []error) {
		out := make(map[string]DealState, len(deals))
		var errs []error
		for i := range deals {
			d := &deals[i]
			at := name + "[" + strconv.Itoa(i) + "]."
			if d.ID == "" {
				errs = append(errs, fieldErr(at+"id", "", wrap(ErrOption, "a snapshot deal needs an id")))
				continue
			}
			if _, dup := out[d.ID]; dup {
				errs = append(errs, fieldErr(at+"id", d.ID, ErrDuplicate))
				continue
			}
			var t dealTerms
			if err := rules.terms(&t, d, at); err != nil {
				errs = append(errs, err)
				continue
			}
			out[d.ID] = DealState{Stage: d.Stage, Category: t.category, CloseDate: d.CloseDate,
				Period: PeriodOf(d.CloseDate, set.grain, set.fiscal), Amount: d.Amount, Owner: d.Owner}
		}
		return out, errs
	}
	b, errs := read("before", before)
	a, errs2 := read("after", after)
	if errs = append(errs, errs2...); len(errs) > 0 {
		return Comparison{}, joinErrs(errs)
	}
	type key struct {
		start Date
		cat   Category
	}
	bridges := map[key]*Bridge{}
	bridge := func(s DealState) *Bridge {
		k := key{s.Period.Start, s.Category}
		br := bridges[k]
		if br == nil {
			z := decimal.Zero
			br = &Bridge{Period: s.Period, Category: s.Category, Before: z, Added: z, Removed: z, MovedIn: z,
				MovedOut: z, SlippedIn: z, SlippedOut: z, Resized: z, After: z}
			bridges[k] = br
		}
		return br
	}
	var cmpOut Comparison
	ids := make([]string, 0, len(a)+len(b))
	for id := range b {
		ids = append(ids, id)
	}
	for id := range a {
		if _, ok := b[id]; !ok {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	for _, id := range ids {
		sb, inB := b[id]
		sa, inA := a[id]
		if inB {
			br := bridge(sb)
			br.Before = br.Before.Add(sb.Amount)
		}
		if inA {
			br := bridge(sa)
			br.After = br.After.Add(sa.Amount)
		}
		mv := DealMove{Deal: id}
		switch {
		case !inB:
			mv.Movements = []Movement{Added}
			mv.After = &sa
			br := bridge(sa)
			br.Added = br.Added.Add(sa.Amount)
		case !inA:
			mv.Movements = []Movement{Removed}
			mv.Before = &sb
			br := bridge(sb)
			br.Removed = br.Removed.Add(sb.Amount)
		default:
			if sb.Equal(sa) {
				continue
			}
			mv.Before, mv.After = &sb, &sa
			if sb.Category != sa.Category {
				mv.Movements = append(mv.Movements, Moved)
			}
			switch sa.Period.Start.Compare(sb.Period.Start) {
			case 1:
				mv.Movements = append(mv.Movements, Slipped)
			case -1:
				mv.Movements = append(mv.Movements, PulledIn)
			}
			if !sb.Amount.Equal(sa.Amount) {
				mv.Movements = append(mv.Movements, Resized)
			}
			if sb.Stage != sa.Stage {
				mv.Movements = append(mv.Movements, Restaged)
			}
			if sb.Owner != sa.Owner {
				mv.Movements = append(mv.Movements, Reassigned)
			}
			if len(mv.Movements) == 0 {
				continue // a new close date within the same period
			}
			bb, ba := bridge(sb), bridge(sa)
			switch {
			case bb == ba:
				bb.Resized = bb.Resized.Add(sa.Amount.Sub(sb.Amount))
			case sb.Category != sa.Category:
				bb.MovedOut = bb.MovedOut.Add(sb.Amount)
				ba.MovedIn = ba.MovedIn.Add(sa.Amount)
			default:
				bb.SlippedOut = bb.SlippedOut.Add(sb.Amount)
				ba.SlippedIn = ba.SlippedIn.Add(sa.Amount)
			}
		}
		cmpOut.Moves = append(cmpOut.Moves, mv)
	}
	for _, br := range bridges {
		cmpOut.Bridges = append(cmpOut.Bridges, *br)
	}
	slices.SortFunc(cmpOut.Bridges, func(x, y Bridge) int {
		return cmp.Or(x.Period.Start.Compare(y.Period.Start), cmp.Compare(x.Category, y.Category))
	})
	return cmpOut, nil
}
