package target

import "github.com/shopspring/decimal"

// Policy holds the thresholds a goal is judged by. A nil *Policy means
// DefaultPolicy(). Within a Policy, an invalid (null) decimal or a zero
// number of days means "no limit"; zero status thresholds mean the defaults
// documented on Track.
type Policy struct {
	// MaxGrowth is the largest improvement over the baseline a target may
	// ask for, as a fraction: 0.5 lets a revenue target be at most 50% above
	// last period's actual (or, for a lower-is-better metric, at most 50%
	// below it).
	MaxGrowth decimal.NullDecimal `json:"max_growth"`
	// Capacity is the most the team can deliver of an additive,
	// higher-is-better metric, such as reps × productivity per rep (see
	// CapacityOf).
	Capacity decimal.NullDecimal `json:"capacity"`
	// MinHorizonDays and MaxHorizonDays bound the length of a goal's period
	// in calendar dates.
	MinHorizonDays int `json:"min_horizon_days"`
	MaxHorizonDays int `json:"max_horizon_days"`

	// AheadAt, OnTrackAt and AtRiskAt are the pace thresholds Track uses to
	// set a status; see Track.
	AheadAt   float64 `json:"ahead_at"`
	OnTrackAt float64 `json:"on_track_at"`
	AtRiskAt  float64 `json:"at_risk_at"`
}

// DefaultPolicy returns the policy used when none is given: growth of at most
// 50% over baseline, no capacity ceiling, a horizon from 7 to 366 days, and
// the default status thresholds (ahead at a pace of 1.05, on track at 0.95,
// at risk at 0.85, behind below that).
func DefaultPolicy() Policy {
	return Policy{
		MaxGrowth:      decimal.NewNullDecimal(decimal.New(5, -1)),
		MinHorizonDays: 7,
		MaxHorizonDays: 366,
		AheadAt:        1.05,
		OnTrackAt:      0.95,
		AtRiskAt:       0.85,
	}
}

// CapacityOf returns reps × perRep, the usual capacity ceiling for a sales
// target: what the team can deliver at its measured productivity.
func CapacityOf(reps int, perRep decimal.Decimal) decimal.Decimal {
	return decimal.NewFromInt(int64(reps)).Mul(perRep)
}

func resolvePolicy(p *Policy) Policy {
	if p == nil {
		return DefaultPolicy()
	}
	pol := *p
	d := DefaultPolicy()
	if pol.AheadAt == 0 && pol.OnTrackAt == 0 && pol.AtRiskAt == 0 {
		pol.AheadAt, pol.OnTrackAt, pol.AtRiskAt = d.AheadAt, d.OnTrackAt, d.AtRiskAt
	}
	return pol
}
