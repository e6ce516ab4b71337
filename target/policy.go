package target

import (
	"errors"
	"fmt"
	"math"
	"strconv"

	"github.com/shopspring/decimal"
)

// Policy holds the thresholds a goal is judged by. A nil *Policy means
// DefaultPolicy(), and every field left zero (or null) takes its default on
// its own: a Policy that sets only AheadAt keeps the other thresholds and
// limits of DefaultPolicy. To lift a limit, set it wide (MaxGrowth of 1000,
// MinHorizonDays of 1); Capacity's default is no ceiling.
type Policy struct {
	// MaxGrowth is the largest improvement over the baseline a target may
	// ask for, as a fraction: 0.5 lets a revenue target be at most 50% above
	// last period's actual (or, for a lower-is-better metric, at most 50%
	// below it). Default 0.5.
	MaxGrowth decimal.NullDecimal `json:"max_growth,omitzero"`
	// Capacity is the most the team can deliver of an additive,
	// higher-is-better metric, such as reps × productivity per rep (see
	// CapacityOf). Default none.
	Capacity decimal.NullDecimal `json:"capacity,omitzero"`
	// MinHorizonDays and MaxHorizonDays bound the length of a goal's period
	// in calendar dates. Defaults 7 and 366.
	MinHorizonDays int `json:"min_horizon_days,omitempty"`
	MaxHorizonDays int `json:"max_horizon_days,omitempty"`

	// AheadAt, OnTrackAt and AtRiskAt are the pace thresholds Track uses to
	// set a status; see Track. Defaults 1.05, 0.95 and 0.85.
	AheadAt   float64 `json:"ahead_at,omitempty"`
	OnTrackAt float64 `json:"on_track_at,omitempty"`
	AtRiskAt  float64 `json:"at_risk_at,omitempty"`
}

// DefaultPolicy returns the policy used when none is given: growth of at most
// 50% over baseline, no capacity ceiling, a horizon from 7 to 366 days, and
// the default status thresholds (ahead at a pace of 1.05, on track at 0.95,
// at risk at 0.85, behind below that).
func DefaultPolicy() Policy {
	return Policy{
		MaxGrowth:      decimal.NewNullDecimal(decimal.New(5, -1)),
		MinHorizonDays: defaultMinHorizon,
		MaxHorizonDays: defaultMaxHorizon,
		AheadAt:        defaultAheadAt,
		OnTrackAt:      defaultOnTrackAt,
		AtRiskAt:       defaultAtRiskAt,
	}
}

// The defaults of DefaultPolicy, MaxGrowth aside.
const (
	defaultMinHorizon = 7
	defaultMaxHorizon = 366
	defaultAheadAt    = 1.05
	defaultOnTrackAt  = 0.95
	defaultAtRiskAt   = 0.85
)

// CapacityOf returns reps × perRep, the usual capacity ceiling for a sales
// target: what the team can deliver at its measured productivity.
func CapacityOf(reps int, perRep decimal.Decimal) decimal.Decimal {
	return decimal.NewFromInt(int64(reps)).Mul(perRep)
}

// Validate reports, with every field left zero taken at its default, a
// negative MaxGrowth or Capacity, a negative horizon or a minimum above the
// maximum, and thresholds that are not finite, negative, or not in the order
// AheadAt ≥ OnTrackAt ≥ AtRiskAt: each a *FieldError wrapping ErrInvalid,
// joined with errors.Join.
func (p Policy) Validate() error {
	_, err := trackPolicy(&p, "")
	return err
}

// resolvePolicy returns p with every zero field at its default.
func resolvePolicy(p *Policy) Policy {
	if p == nil {
		return DefaultPolicy()
	}
	pol := *p
	if !pol.MaxGrowth.Valid {
		pol.MaxGrowth = DefaultPolicy().MaxGrowth
	}
	orInt := func(v *int, d int) {
		if *v == 0 {
			*v = d
		}
	}
	orFloat := func(v *float64, d float64) {
		if *v == 0 {
			*v = d
		}
	}
	orInt(&pol.MinHorizonDays, defaultMinHorizon)
	orInt(&pol.MaxHorizonDays, defaultMaxHorizon)
	orFloat(&pol.AheadAt, defaultAheadAt)
	orFloat(&pol.OnTrackAt, defaultOnTrackAt)
	orFloat(&pol.AtRiskAt, defaultAtRiskAt)
	return pol
}

// trackPolicy resolves p and checks it, naming its fields after prefix.
func trackPolicy(p *Policy, prefix string) (Policy, error) {
	pol := resolvePolicy(p)
	var errs []error
	bad := func(field, value, why string) {
		errs = append(errs, fieldErr(prefix+field, value, fmt.Errorf("%w: %s", ErrInvalid, why)))
	}
	if pol.MaxGrowth.Valid && pol.MaxGrowth.Decimal.Sign() < 0 {
		bad("max_growth", pol.MaxGrowth.Decimal.String(), "negative")
	}
	if pol.Capacity.Valid && pol.Capacity.Decimal.Sign() < 0 {
		bad("capacity", pol.Capacity.Decimal.String(), "negative")
	}
	switch {
	case pol.MinHorizonDays < 0:
		bad("min_horizon_days", strconv.Itoa(pol.MinHorizonDays), "negative")
	case pol.MaxHorizonDays < 0:
		bad("max_horizon_days", strconv.Itoa(pol.MaxHorizonDays), "negative")
	case pol.MinHorizonDays > pol.MaxHorizonDays:
		bad("min_horizon_days", strconv.Itoa(pol.MinHorizonDays), "above max_horizon_days "+strconv.Itoa(pol.MaxHorizonDays))
	}
	thresholds := []struct {
		name string
		v    float64
	}{{"ahead_at", pol.AheadAt}, {"on_track_at", pol.OnTrackAt}, {"at_risk_at", pol.AtRiskAt}}
	for i, th := range thresholds {
		text := strconv.FormatFloat(th.v, 'g', -1, 64)
		switch {
		case math.IsNaN(th.v) || math.IsInf(th.v, 0):
			bad(th.name, text, "not finite")
		case th.v < 0:
			bad(th.name, text, "negative")
		case i > 0 && th.v > thresholds[i-1].v:
			bad(th.name, text, "above "+thresholds[i-1].name+" "+strconv.FormatFloat(thresholds[i-1].v, 'g', -1, 64))
		}
	}
	return pol, errors.Join(errs...)
}
