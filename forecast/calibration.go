package forecast

import (
	"math"
	"strconv"
)

// CalibrationOptions are the optional settings of [WinModel.Calibrate].
type CalibrationOptions struct {
	// Buckets is the number of equal-width probability buckets of the
	// reliability table, 1 to 100; default 10.
	Buckets int `json:"buckets,omitempty"`
}

// Bucket is one row of a reliability table: the deals whose predicted
// probability lies in [Low, High) (the last bucket includes 1), their mean
// prediction and the share of them that was won. A calibrated model has
// Observed close to Predicted in every bucket with enough deals. Predicted
// and Observed are absent for an empty bucket.
type Bucket struct {
	Low       float64  `json:"low"`
	High      float64  `json:"high"`
	Deals     int      `json:"deals"`
	Predicted *float64 `json:"predicted,omitempty"`
	Observed  *float64 `json:"observed,omitempty"`
}

// Calibration reports how well a win model's probabilities match what
// happened to held-out deals: the Brier score, mean (p - o)² with o = 1 for
// a won deal and 0 for a lost one (0 is perfect, 0.25 is a coin toss); the
// base rate, the share of the deals won; the reference Brier score of always
// predicting the base rate, base·(1 - base); the skill, 1 - Brier/reference
// (absent when the reference is zero: all deals won, or all lost); and the
// reliability table.
type Calibration struct {
	Deals     int      `json:"deals"`
	Brier     float64  `json:"brier"`
	BaseRate  float64  `json:"base_rate"`
	Reference float64  `json:"reference"`
	Skill     *float64 `json:"skill,omitempty"`
	Buckets   []Bucket `json:"buckets"`
}

// Calibrate scores held-out closed deals as the open deals they were at
// Stage, and compares the model's probabilities (never an override) with
// their outcomes. For an honest test, Stage is the stage a deal was in when
// a forecast would have been made (a snapshot taken before it closed), not
// the last one it reached, and the deals are not ones the model learnt
// from; otherwise the report flatters the model. Errors are *FieldErrors wrapping
// [ErrUnknownStage], [ErrOutcome], [ErrField], [ErrNoHistory] or
// [ErrOption]; with no deals, [ErrOption].
func (w *WinModel) Calibrate(held []ClosedDeal, opts *CalibrationOptions) (Calibration, error) {
	if err := w.built(); err != nil {
		return Calibration{}, err
	}
	nb := 10
	if opts != nil && opts.Buckets != 0 {
		nb = opts.Buckets
	}
	if nb < 1 || nb > 100 {
		return Calibration{}, fieldErr("buckets", strconv.Itoa(nb), wrap(ErrOption, "1 to 100 buckets"))
	}
	if len(held) == 0 {
		return Calibration{}, fieldErr("held", "", wrap(ErrOption, "no held-out deals"))
	}
	cache := w.tables()
	type acc struct {
		n         int
		sumP, won float64
	}
	buckets := make([]acc, nb)
	var errs []error
	var brier, wins float64
	for i := range held {
		d := &held[i]
		at := "held[" + strconv.Itoa(i) + "]."
		if d.Outcome != Won && d.Outcome != Lost {
			errs = append(errs, fieldErr(at+"outcome", d.Outcome.String(), ErrOutcome))
			continue
		}
		s, err := w.score(&OpenDeal{Team: d.Team, Stage: d.Stage, Fields: d.Fields}, cache, at)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		o := 0.0
		if d.Outcome == Won {
			o = 1
		}
		p := s.Automated
		brier += (p - o) * (p - o)
		wins += o
		b := min(int(p*float64(nb)), nb-1)
		buckets[b].n++
		buckets[b].sumP += p
		buckets[b].won += o
	}
	if len(errs) > 0 {
		return Calibration{}, joinErrs(errs)
	}
	n := float64(len(held))
	c := Calibration{Deals: len(held), Brier: brier / n, BaseRate: wins / n}
	c.Reference = c.BaseRate * (1 - c.BaseRate)
	if c.Reference > 0 {
		skill := 1 - c.Brier/c.Reference
		c.Skill = &skill
	}
	for i, b := range buckets {
		row := Bucket{Low: float64(i) / float64(nb), High: float64(i+1) / float64(nb), Deals: b.n}
		if b.n > 0 {
			pred, obs := b.sumP/float64(b.n), b.won/float64(b.n)
			row.Predicted, row.Observed = &pred, &obs
		}
		c.Buckets = append(c.Buckets, row)
	}
	if !finite(c.Brier) || math.IsNaN(c.BaseRate) {
		return Calibration{}, fieldErr("held", "", wrap(ErrOption, "no finite scores"))
	}
	return c, nil
}
