package incentive

import (
	"errors"
	"slices"
	"strings"

	"github.com/shopspring/decimal"
)

// RankBy is what a ranking orders reps by. The zero value is ByPayout.
type RankBy int

// What reps are ranked by.
const (
	// ByPayout ranks by the statement's payout.
	ByPayout RankBy = iota
	// ByEarned ranks by what the components earned, before adjustments.
	ByEarned
	// ByCredit ranks by the revenue credited to the rep directly (direct
	// and overlay credit, reversals included; team credit and credits
	// excluded by the rep's start or end date left out).
	ByCredit
	// ByAttainment ranks by direct credit over the effective quota, at 4
	// decimal places (0.01%), the figure the ranking shows; reps without a
	// quota are not ranked.
	ByAttainment
)

var rankByNames = enumNames{"payout", "earned", "credit", "attainment"}

// String returns the wire name of b, or "RankBy(n)".
func (b RankBy) String() string { return rankByNames.str("RankBy", int(b)) }

// MarshalText encodes b as its name.
func (b RankBy) MarshalText() ([]byte, error) { return rankByNames.text("by", "RankBy", int(b)) }

// UnmarshalText decodes a name.
func (b *RankBy) UnmarshalText(t []byte) error {
	v, err := rankByNames.parse("by", t)
	if err == nil {
		*b = RankBy(v)
	}
	return err
}

// Ranking orders a period's reps. Ranks follow standard competition
// ranking: reps with equal values share a rank and the next rank skips
// (1, 2, 2, 4); reps sharing a rank are listed by ID. Champions are the
// reps ranked first, when their value is above zero (a period in which
// nobody earned has none). Unranked lists, for ByAttainment, the reps
// without a quota.
type Ranking struct {
	Period    Period     `json:"period"`
	By        RankBy     `json:"by"`
	Standings []Standing `json:"standings,omitempty"`
	Champions []string   `json:"champions,omitempty"`
	Unranked  []string   `json:"unranked,omitempty"`
}

// Standing is one rep's place in a Ranking.
type Standing struct {
	Rank     int             `json:"rank"`
	Rep      string          `json:"rep"`
	Value    decimal.Decimal `json:"value"`
	Tied     bool            `json:"tied,omitempty"`
	Champion bool            `json:"champion,omitempty"`
}

// Rank ranks the statements of one period by by. Statements of different
// periods are a *FieldError wrapping ErrPeriod, two of one rep one wrapping
// ErrDuplicate, an amount no statement holds one wrapping ErrRange, and an
// unknown by one wrapping ErrUnknownName.
func Rank(stmts []Statement, by RankBy) (Ranking, error) {
	if int(by) < 0 || int(by) >= len(rankByNames) {
		return Ranking{}, fieldErr("by", by.String(), ErrUnknownName)
	}
	r := Ranking{By: by}
	seen := map[string]bool{}
	for i, s := range stmts {
		if i == 0 {
			r.Period = s.Period
		} else if s.Period != r.Period {
			return Ranking{}, fieldErr(at("stmts", i)+".period", s.Period.String(), because(ErrPeriod, "ranking %s, not %s", r.Period, s.Period))
		}
		if seen[s.Rep] {
			return Ranking{}, fieldErr(at("stmts", i)+".rep", s.Rep, ErrDuplicate)
		}
		if err := s.sane(); err != nil {
			var fe *FieldError
			errors.As(err, &fe)
			fe.Field = at("stmts", i) + "." + fe.Field
			return Ranking{}, fe
		}
		seen[s.Rep] = true
		var v decimal.Decimal
		switch by {
		case ByPayout:
			v = s.Payout
		case ByEarned:
			v = s.Earned
		default:
			excluded := map[string]bool{}
			for _, l := range s.Lines {
				if l.Kind == LineExcluded {
					excluded[l.Deal] = true
				}
			}
			var t total
			for _, c := range s.Credits {
				if c.Type != Team && !excluded[c.Deal] {
					t.add(c.Amount)
				}
			}
			v = t.value()
			if by == ByAttainment {
				if s.Quota.Effective.Sign() <= 0 {
					r.Unranked = append(r.Unranked, s.Rep)
					continue
				}
				v = ratio(v, s.Quota.Effective, 4, HalfUp)
			}
		}
		r.Standings = append(r.Standings, Standing{Rep: s.Rep, Value: v})
	}
	slices.Sort(r.Unranked)
	slices.SortFunc(r.Standings, func(a, b Standing) int {
		if c := b.Value.Cmp(a.Value); c != 0 {
			return c
		}
		return strings.Compare(a.Rep, b.Rep)
	})
	for i := range r.Standings {
		st := &r.Standings[i]
		st.Rank = i + 1
		if i > 0 && st.Value.Equal(r.Standings[i-1].Value) {
			st.Rank = r.Standings[i-1].Rank
			st.Tied, r.Standings[i-1].Tied = true, true
		}
		if st.Rank == 1 && st.Value.Sign() > 0 {
			st.Champion = true
			r.Champions = append(r.Champions, st.Rep)
		}
	}
	return r, nil
}
