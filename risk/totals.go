package risk

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"

	"github.com/shopspring/decimal"
)

// Totals is an accumulator of a register's exposure: the count, net
// expected monetary values and response costs of its open risks, over all
// and by category, owner, inherent rating and residual rating; closed risks
// are only counted. Totals of any sharding of a register, merged in any
// order ([Totals.Merge]), equal the totals of the whole, exactly; they
// travel as bytes between workers ([Totals.MarshalBinary]).
//
// Make one with [NewTotals] for a matrix; the zero Totals is empty, merges
// as an identity, and refuses Add. Totals is plain data (it marshals to JSON
// as it is) and is not safe for concurrent use.
type Totals struct {
	// Ratings are the matrix's rating keys, lowest first.
	Ratings []string `json:"ratings"`
	// All totals every open risk; its Key is "".
	All Total `json:"all"`
	// ByCategory and ByOwner are sorted by key; an empty key gathers the
	// risks without one.
	ByCategory []Total `json:"by_category"`
	ByOwner    []Total `json:"by_owner"`
	// ByRating and ByResidualRating follow Ratings, one Total per rating.
	ByRating         []Total `json:"by_rating"`
	ByResidualRating []Total `json:"by_residual_rating"`
	// Closed counts the closed risks.
	Closed int64 `json:"closed"`
}

// Total is the exposure of a group of open risks. Inherent and Residual
// are net expected monetary values, exact (threats negative,
// opportunities positive); Cost is what their responses cost.
type Total struct {
	Key      string          `json:"key,omitempty"`
	Count    int64           `json:"count"`
	Inherent decimal.Decimal `json:"inherent"`
	Residual decimal.Decimal `json:"residual"`
	Cost     decimal.Decimal `json:"cost"`
}

// Equal reports whether t and u are the same total, comparing decimals by
// value.
func (t Total) Equal(u Total) bool {
	return t.Key == u.Key && t.Count == u.Count && t.Inherent.Equal(u.Inherent) &&
		t.Residual.Equal(u.Residual) && t.Cost.Equal(u.Cost)
}

func (t *Total) add(a *Assessment) {
	t.Count++
	t.Inherent = t.Inherent.Add(a.Inherent.EMV)
	t.Residual = t.Residual.Add(a.Residual.EMV)
	if !a.Cost.IsZero() {
		t.Cost = t.Cost.Add(a.Cost)
	}
}

func (t *Total) merge(u *Total) {
	t.Count += u.Count
	t.Inherent = t.Inherent.Add(u.Inherent)
	t.Residual = t.Residual.Add(u.Residual)
	t.Cost = t.Cost.Add(u.Cost)
}

// NewTotals returns empty totals for assessments of m.
func NewTotals(m *Matrix) Totals {
	t := Totals{Ratings: m.Ratings(), ByCategory: []Total{}, ByOwner: []Total{}}
	t.ByRating, t.ByResidualRating = ratingTotals(t.Ratings), ratingTotals(t.Ratings)
	return t
}

func ratingTotals(ratings []string) []Total {
	out := make([]Total, len(ratings))
	for k, r := range ratings {
		out[k].Key = r
	}
	return out
}

// Add adds one assessment: an open one to every total it belongs to, a
// closed one to Closed. A Totals without Ratings, or an assessment whose
// rating is not among them, is a [*FieldError] wrapping [ErrMismatch].
func (t *Totals) Add(a Assessment) error {
	if len(t.Ratings) == 0 {
		return fieldErr("totals", "", fmt.Errorf("%w: totals made without a matrix (use NewTotals)", ErrMismatch))
	}
	return t.add(&a)
}

// add adds one assessment to totals with Ratings.
func (t *Totals) add(a *Assessment) error {
	if a.Status == Closed {
		t.Closed++
		return nil
	}
	in, res := index(t.Ratings, a.Inherent.Rating), index(t.Ratings, a.Residual.Rating)
	switch {
	case in < 0:
		return fieldErr("inherent.rating", a.Inherent.Rating, fmt.Errorf("%w: not a rating of these totals", ErrMismatch))
	case res < 0:
		return fieldErr("residual.rating", a.Residual.Rating, fmt.Errorf("%w: not a rating of these totals", ErrMismatch))
	}
	t.All.add(a)
	group(&t.ByCategory, string(a.Category)).add(a)
	group(&t.ByOwner, a.Owner).add(a)
	t.ByRating[in].add(a)
	t.ByResidualRating[res].add(a)
	return nil
}

// AddAll adds every assessment of as, all or none: an assessment whose
// rating is not among Ratings is a [*FieldError] naming it
// (as[3].inherent.rating) and wrapping [ErrMismatch], and nothing is added.
func (t *Totals) AddAll(as []Assessment) error {
	if len(t.Ratings) == 0 {
		return t.Add(Assessment{})
	}
	for k := range as {
		a := &as[k]
		if a.Status == Closed {
			continue
		}
		for _, side := range [...]struct {
			name   string
			rating string
		}{{"inherent", a.Inherent.Rating}, {"residual", a.Residual.Rating}} {
			if index(t.Ratings, side.rating) < 0 {
				return fieldErr("as["+strconv.Itoa(k)+"]."+side.name+".rating", side.rating, fmt.Errorf("%w: not a rating of these totals", ErrMismatch))
			}
		}
	}
	for k := range as {
		_ = t.add(&as[k])
	}
	return nil
}

// group returns the total of key in the sorted list, inserting it.
func group(list *[]Total, key string) *Total {
	k, found := slices.BinarySearchFunc(*list, key, func(t Total, key string) int { return cmp.Compare(t.Key, key) })
	if !found {
		*list = slices.Insert(*list, k, Total{Key: key})
	}
	return &(*list)[k]
}

// Merge adds u's totals to t. Merging is associative and commutative:
// totals of any sharding, merged in any order, equal those of one pass. An
// empty side (no Ratings) takes the other's ratings; totals of different
// ratings are a [*FieldError] wrapping [ErrMismatch], and t is left as it
// was.
func (t *Totals) Merge(u Totals) error {
	switch {
	case len(u.Ratings) == 0 && u.empty():
		return nil
	case len(t.Ratings) == 0 && t.empty():
		*t = u.clone()
		return nil
	case !slices.Equal(t.Ratings, u.Ratings):
		return fieldErr("ratings", fmt.Sprint(u.Ratings), fmt.Errorf("%w: ratings %v and %v", ErrMismatch, t.Ratings, u.Ratings))
	case len(t.ByRating) != len(t.Ratings) || len(u.ByRating) != len(u.Ratings) ||
		len(t.ByResidualRating) != len(t.Ratings) || len(u.ByResidualRating) != len(u.Ratings):
		return fieldErr("by_rating", "", fmt.Errorf("%w: one total per rating", ErrMismatch))
	}
	t.All.merge(&u.All)
	t.ByCategory = mergeGroups(t.ByCategory, u.ByCategory)
	t.ByOwner = mergeGroups(t.ByOwner, u.ByOwner)
	for k := range t.ByRating {
		t.ByRating[k].merge(&u.ByRating[k])
		t.ByResidualRating[k].merge(&u.ByResidualRating[k])
	}
	t.Closed += u.Closed
	return nil
}

// empty reports whether t counts nothing.
func (t *Totals) empty() bool {
	return t.All.Count == 0 && t.Closed == 0 && len(t.ByCategory) == 0 && len(t.ByOwner) == 0
}

// clone returns a deep copy of t.
func (t Totals) clone() Totals {
	t.Ratings = slices.Clone(t.Ratings)
	t.ByCategory, t.ByOwner = slices.Clone(t.ByCategory), slices.Clone(t.ByOwner)
	t.ByRating, t.ByResidualRating = slices.Clone(t.ByRating), slices.Clone(t.ByResidualRating)
	return t
}

// mergeGroups merges two key-sorted lists of totals into a new one.
func mergeGroups(a, b []Total) []Total {
	out := make([]Total, 0, len(a)+len(b))
	for len(a) > 0 || len(b) > 0 {
		switch {
		case len(b) == 0 || len(a) > 0 && a[0].Key < b[0].Key:
			out, a = append(out, a[0]), a[1:]
		case len(a) == 0 || b[0].Key < a[0].Key:
			out, b = append(out, b[0]), b[1:]
		default:
			t := a[0]
			t.merge(&b[0])
			out, a, b = append(out, t), a[1:], b[1:]
		}
	}
	return out
}

// Equal reports whether t and u hold the same totals, comparing decimals
// by value.
func (t Totals) Equal(u Totals) bool {
	eq := func(a, b []Total) bool { return slices.EqualFunc(a, b, Total.Equal) }
	return slices.Equal(t.Ratings, u.Ratings) && t.All.Equal(u.All) && eq(t.ByCategory, u.ByCategory) &&
		eq(t.ByOwner, u.ByOwner) && eq(t.ByRating, u.ByRating) && eq(t.ByResidualRating, u.ByResidualRating) &&
		t.Closed == u.Closed
}

// MarshalBinary encodes t in the package's binary form (see the format
// notes in binary.go): after the version byte 1 and the kind byte 'T',
//
//	uint r, then r strings: Ratings
//	total: All
//	uint c, then c keyed totals: ByCategory
//	uint o, then o keyed totals: ByOwner
//	r totals: ByRating
//	r totals: ByResidualRating
//	uint: Closed
//
// where a total is a uint Count and the decimals Inherent, Residual and
// Cost, and a keyed total is a string Key, then a total. It never fails.
func (t Totals) MarshalBinary() ([]byte, error) {
	e := newEncoder('T')
	e.uint(uint64(len(t.Ratings)))
	for _, r := range t.Ratings {
		e.string(r)
	}
	e.total(t.All)
	for _, list := range [][]Total{t.ByCategory, t.ByOwner} {
		e.uint(uint64(len(list)))
		for _, g := range list {
			e.string(g.Key)
			e.total(g)
		}
	}
	for _, list := range [][]Total{t.ByRating, t.ByResidualRating} {
		for k := range t.Ratings {
			var g Total
			if k < len(list) {
				g = list[k]
			}
			e.total(g)
		}
	}
	e.int(t.Closed)
	return e.b, nil
}

func (e *encoder) total(t Total) {
	e.int(t.Count)
	e.decimal(t.Inherent)
	e.decimal(t.Residual)
	e.decimal(t.Cost)
}

func (d *decoder) total() Total {
	return Total{Count: d.int(), Inherent: d.decimal(), Residual: d.decimal(), Cost: d.decimal()}
}

// UnmarshalBinary decodes the form MarshalBinary writes into t, checking
// it whole: ratings unique and as many as a matrix may have (or none, for
// empty totals), keys sorted and unique, every group non-empty, and every
// grouping adding up to All. Bad bytes are an error wrapping [ErrFormat],
// and t is left as it was.
func (t *Totals) UnmarshalBinary(b []byte) error {
	d := newDecoder(b, 'T', "totals")
	var u Totals
	nr := d.count(1)
	if d.err == nil && nr != 0 && (nr < MinRatings || nr > MaxRatings) {
		d.fail("totals: %d ratings", nr)
	}
	u.Ratings = make([]string, 0, nr)
	for range nr {
		r := d.string()
		if d.err == nil && (r == "" || index(u.Ratings, r) >= 0) {
			d.fail("totals: rating %q empty or repeated", r)
		}
		u.Ratings = append(u.Ratings, r)
	}
	u.All = d.total()
	for _, list := range []*[]Total{&u.ByCategory, &u.ByOwner} {
		n := d.count(8)
		*list = make([]Total, 0, n)
		for k := range n {
			key := d.string()
			g := d.total()
			g.Key = key
			if d.err == nil && (g.Count == 0 || k > 0 && (*list)[k-1].Key >= key) {
				d.fail("totals: group %q empty or out of order", key)
			}
			*list = append(*list, g)
		}
	}
	for _, list := range []*[]Total{&u.ByRating, &u.ByResidualRating} {
		*list = make([]Total, 0, nr)
		for _, r := range u.Ratings {
			g := d.total()
			g.Key = r
			*list = append(*list, g)
		}
	}
	u.Closed = d.int()
	if err := d.end(); err != nil {
		return err
	}
	if nr == 0 {
		if !u.empty() || !u.All.Equal(Total{Inherent: zero, Residual: zero, Cost: zero}) {
			return fmt.Errorf("%w: totals without ratings that count risks", ErrFormat)
		}
		*t = Totals{}
		return nil
	}
	for _, list := range [][]Total{u.ByCategory, u.ByOwner, u.ByRating, u.ByResidualRating} {
		sum := Total{Inherent: zero, Residual: zero, Cost: zero}
		for _, g := range list {
			if g.Count == 0 && !(g.Inherent.IsZero() && g.Residual.IsZero() && g.Cost.IsZero()) {
				return fmt.Errorf("%w: totals: group %q counts no risk but sums money", ErrFormat, g.Key)
			}
			sum.Count = d.addCount(sum.Count, g.Count)
			sum.Inherent, sum.Residual, sum.Cost = sum.Inherent.Add(g.Inherent), sum.Residual.Add(g.Residual), sum.Cost.Add(g.Cost)
		}
		if d.err != nil {
			return d.err
		}
		if sum.Count != u.All.Count || !sum.Inherent.Equal(u.All.Inherent) || !sum.Residual.Equal(u.All.Residual) || !sum.Cost.Equal(u.All.Cost) {
			return fmt.Errorf("%w: totals: a grouping does not add up to the whole", ErrFormat)
		}
	}
	*t = u
	return nil
}
