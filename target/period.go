package target

import "github.com/shopspring/decimal"

// Period is a half-open run of calendar dates [Start, End) with a label such
// as "2025-Q1", "FY2025-Q3", "2025-03", "2025-W07" or "2025-03-14": End is
// the first date after the period.
type Period struct {
	Label string `json:"label"`
	Start Date   `json:"start,omitzero"`
	End   Date   `json:"end,omitzero"`
}

// Contains reports whether d lies in [Start, End).
func (p Period) Contains(d Date) bool { return !d.Before(p.Start) && d.Before(p.End) }

// Days returns the number of calendar dates in [Start, End).
func (p Period) Days() int { return p.End.Sub(p.Start) }

// PeriodTarget is one period of a time plan: its share of the total and the
// facts it was weighed by.
type PeriodTarget struct {
	Label       string          `json:"label"`
	Start       Date            `json:"start,omitzero"` // the first date of the period
	End         Date            `json:"end,omitzero"`   // the first date after it
	Weight      decimal.Decimal `json:"weight"`
	Target      decimal.Decimal `json:"target"`
	Days        int             `json:"days"`         // calendar dates in [Start, End)
	WorkingDays int             `json:"working_days"` // of those, working days under the plan's calendar
}

// Period returns the period p covers.
func (p PeriodTarget) Period() Period { return Period{Label: p.Label, Start: p.Start, End: p.End} }

// Equal reports whether p and q are the same period with the same numbers,
// comparing decimals by value.
func (p PeriodTarget) Equal(q PeriodTarget) bool {
	return p.Label == q.Label && p.Start == q.Start && p.End == q.End &&
		p.Weight.Equal(q.Weight) && p.Target.Equal(q.Target) && p.Days == q.Days && p.WorkingDays == q.WorkingDays
}
