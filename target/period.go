package target

import (
	"time"

	"github.com/shopspring/decimal"
)

// Period is a half-open interval of time [Start, End) with a label such as
// "2025-Q1", "FY2025-Q3", "2025-03", "2025-W07" or "2025-03-14".
type Period struct {
	Label string    `json:"label"`
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
}

// Contains reports whether t lies in [Start, End).
func (p Period) Contains(t time.Time) bool { return !t.Before(p.Start) && t.Before(p.End) }

// PeriodTarget is one period of a time plan: its share of the total and the
// facts it was weighed by.
type PeriodTarget struct {
	Label       string          `json:"label"`
	Start       time.Time       `json:"start"`
	End         time.Time       `json:"end"`
	Weight      decimal.Decimal `json:"weight"`
	Target      decimal.Decimal `json:"target"`
	Days        int             `json:"days"`         // calendar dates in [Start, End)
	WorkingDays int             `json:"working_days"` // of those, working days under the plan's calendar
}

// Period returns the period p covers.
func (p PeriodTarget) Period() Period { return Period{Label: p.Label, Start: p.Start, End: p.End} }

// Equal reports whether p and q are the same period with the same numbers.
func (p PeriodTarget) Equal(q PeriodTarget) bool {
	return p.Label == q.Label && p.Start.Equal(q.Start) && p.End.Equal(q.End) &&
		p.Weight.Equal(q.Weight) && p.Target.Equal(q.Target) && p.Days == q.Days && p.WorkingDays == q.WorkingDays
}
