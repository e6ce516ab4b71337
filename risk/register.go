package risk

import (
	"cmp"
	"errors"
	"slices"
	"strconv"
)

// Register is a project's list of risks: plain data that round-trips
// through JSON. The zero Register is empty, and so is its report.
type Register struct {
	Name  string `json:"name,omitempty"`
	Risks []Risk `json:"risks"`
}

// ReportOptions are the optional knobs of [Register.Report]; nil means
// every default, and each field defaults on its own.
type ReportOptions struct {
	// AsOf lists the reviews overdue on that date ([Overdue]); the zero
	// Date lists none.
	AsOf Date `json:"as_of,omitzero"`
	// Top is how many risks Report.Top holds; 0 means 10.
	Top int `json:"top,omitempty"`
	// RankBy and Side choose how the top risks are ranked ([Top]).
	RankBy RankBy `json:"rank_by,omitempty"`
	Side   Side   `json:"side,omitempty"`
}

// Report is a register analysed against a matrix: every risk assessed,
// exposure totalled, open risks counted in a heat map, the top risks, and
// the overdue reviews.
type Report struct {
	Name string `json:"name,omitempty"`
	// Assessments are in register order, closed risks included.
	Assessments []Assessment `json:"assessments"`
	Totals      Totals       `json:"totals"`
	HeatMap     HeatMap      `json:"heat_map"`
	// Top holds the open risks ranked first by ReportOptions.RankBy.
	Top []Assessment `json:"top"`
	// Overdue holds the open risks whose review is overdue as of
	// ReportOptions.AsOf.
	Overdue []OverdueReview `json:"overdue,omitempty"`
}

// Report assesses every risk of g against m and sums them up.
//
// It takes all or none: a risk that [Assess] refuses, or two risks with
// the same id ([ErrDuplicate]), make it return an error joining every
// problem, each field prefixed with the risk's place (risks[3].impact.level).
// A nil or zero m is a [*FieldError] wrapping [ErrMatrix]; a bad option one
// wrapping [ErrOption] or [ErrUnknownName].
func (g Register) Report(m *Matrix, o *ReportOptions) (Report, error) {
	if err := m.built(); err != nil {
		return Report{}, err
	}
	var opt ReportOptions
	if o != nil {
		opt = *o
	}
	if err := opt.check(); err != nil {
		return Report{}, err
	}
	if opt.Top == 0 {
		opt.Top = 10
	}
	as, err := m.assessAll(g.Risks)
	if err != nil {
		return Report{}, err
	}
	rep := Report{Name: g.Name, Assessments: as, Totals: NewTotals(m), HeatMap: NewHeatMap(m)}
	// Assessments of m always fit accumulators of m.
	_ = rep.Totals.AddAll(as)
	_ = rep.HeatMap.AddAll(as)
	open := make([]Assessment, 0, len(as))
	for k := range as {
		if as[k].Status == Open {
			open = append(open, as[k])
		}
	}
	rep.Top = Top(open, opt.Top, opt.RankBy, opt.Side)
	if !opt.AsOf.IsZero() {
		rep.Overdue = Overdue(g.Risks, opt.AsOf)
	}
	return rep, nil
}

// assessAll assesses every risk, all or none: the errors of every risk
// that Assess refuses and of every repeated id, each field prefixed with
// the risk's place (risks[3].impact.level), in one flat join.
func (m *Matrix) assessAll(risks []Risk) ([]Assessment, error) {
	as := make([]Assessment, len(risks))
	var errs []error
	seen := make(map[string]int, len(risks))
	for k := range risks {
		r := &risks[k]
		c := checker{list: "risks", index: k}
		if prev, dup := seen[r.ID]; dup && r.ID != "" {
			c.fail("id", r.ID, ErrDuplicate, "risks[%d] has it too", prev)
		}
		seen[r.ID] = k
		if !m.assess(&c, r, &as[k]) || len(c.errs) > 0 {
			errs = append(errs, c.errs...)
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return as, nil
}

func (o ReportOptions) check() error {
	c := &checker{}
	if o.Top < 0 {
		c.fail("top", strconv.Itoa(o.Top), ErrOption, "top is 0 (the default, 10) or more")
	}
	if !o.AsOf.IsZero() && !o.AsOf.IsValid() {
		c.add(fieldErr("as_of", o.AsOf.String(), ErrDate))
	}
	if o.RankBy != ByEMV && o.RankBy != ByScore {
		c.name("rank_by", o.RankBy.String())
	}
	if o.Side != Inherent && o.Side != Residual {
		c.name("side", o.Side.String())
	}
	return c.err()
}

// Top returns the first n of as ranked by by on side, in a new slice (as is
// left as it is). ByEMV ranks by the size of the expected monetary value,
// |EMV|, largest first, so the worst threats and the best opportunities
// lead; ties go to the higher score, then the smaller id, then the earlier
// place in as. ByScore ranks by score, then |EMV|, then id and place. A
// negative n is taken as 0. It keeps the best n in a heap as it goes, so a
// register of a million risks is ranked in one pass.
func Top(as []Assessment, n int, by RankBy, side Side) []Assessment {
	n = max(0, min(n, len(as)))
	pick := func(k int) *Exposure {
		if side == Residual {
			return &as[k].Residual
		}
		return &as[k].Inherent
	}
	// before reports whether as[i] ranks before as[j].
	before := func(i, j int) bool {
		x, y := pick(i), pick(j)
		first, second := cmpAbs(x.EMV, y.EMV), x.Score.Cmp(y.Score)
		if by == ByScore {
			first, second = second, first
		}
		switch {
		case first != 0:
			return first > 0
		case second != 0:
			return second > 0
		case as[i].ID != as[j].ID:
			return as[i].ID < as[j].ID
		}
		return i < j
	}
	// heap holds the best n seen, the one ranked last at the root.
	heap := make([]int, 0, n)
	down := func(k int) {
		for {
			worst, l, r := k, 2*k+1, 2*k+2
			if l < len(heap) && before(heap[worst], heap[l]) {
				worst = l
			}
			if r < len(heap) && before(heap[worst], heap[r]) {
				worst = r
			}
			if worst == k {
				return
			}
			heap[k], heap[worst] = heap[worst], heap[k]
			k = worst
		}
	}
	for i := range as {
		switch {
		case n == 0:
		case len(heap) < n:
			heap = append(heap, i)
			for k := len(heap) - 1; k > 0 && before(heap[(k-1)/2], heap[k]); k = (k - 1) / 2 {
				heap[k], heap[(k-1)/2] = heap[(k-1)/2], heap[k]
			}
		case before(i, heap[0]):
			heap[0] = i
			down(0)
		}
	}
	slices.SortFunc(heap, func(i, j int) int {
		if before(i, j) {
			return -1
		}
		return 1
	})
	out := make([]Assessment, len(heap))
	for k, i := range heap {
		out[k] = as[i]
	}
	return out
}

// OverdueReview is an open risk whose review is overdue: Days calendar
// days after its Review date.
type OverdueReview struct {
	ID     string `json:"id"`
	Owner  string `json:"owner,omitempty"`
	Review Date   `json:"review"`
	Days   int    `json:"days"`
}

// Overdue returns the open risks whose review date is before asOf, most
// overdue first (then by id). A review due on asOf itself is not yet
// overdue; a risk without a review date is never overdue. Days count
// calendar dates: a review due yesterday is 1 day overdue.
func Overdue(risks []Risk, asOf Date) []OverdueReview {
	var out []OverdueReview
	for _, r := range risks {
		if r.Status == Open && r.Review.IsValid() && r.Review.Before(asOf) {
			out = append(out, OverdueReview{ID: r.ID, Owner: r.Owner, Review: r.Review, Days: asOf.Sub(r.Review)})
		}
	}
	slices.SortStableFunc(out, func(a, b OverdueReview) int {
		if c := cmp.Compare(b.Days, a.Days); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return out
}

// RankBy is what [Top] ranks by. The zero RankBy is ByEMV.
type RankBy int

// The rankings.
const (
	// ByEMV ranks by |expected monetary value|.
	ByEMV RankBy = iota
	// ByScore ranks by the matrix's score.
	ByScore
)

var rankByNames = enumNames{"emv", "score"}

// String returns the wire name of r, or "RankBy(n)".
func (r RankBy) String() string { return rankByNames.str("RankBy", int(r)) }

// MarshalText encodes r as its name.
func (r RankBy) MarshalText() ([]byte, error) { return rankByNames.text("rank_by", "RankBy", int(r)) }

// UnmarshalText decodes a name.
func (r *RankBy) UnmarshalText(b []byte) error {
	v, err := rankByNames.parse("rank_by", b)
	if err != nil {
		return err
	}
	*r = RankBy(v)
	return nil
}

// Side is one side of an assessment. The zero Side is Inherent.
type Side int

// The sides.
const (
	// Inherent is the risk before its response.
	Inherent Side = iota
	// Residual is the risk after its response.
	Residual
)

var sideNames = enumNames{"inherent", "residual"}

// String returns the wire name of s, or "Side(n)".
func (s Side) String() string { return sideNames.str("Side", int(s)) }

// MarshalText encodes s as its name.
func (s Side) MarshalText() ([]byte, error) { return sideNames.text("side", "Side", int(s)) }

// UnmarshalText decodes a name.
func (s *Side) UnmarshalText(b []byte) error {
	v, err := sideNames.parse("side", b)
	if err != nil {
		return err
	}
	*s = Side(v)
	return nil
}
