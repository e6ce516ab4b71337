package risk

import (
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"time"

	"github.com/shopspring/decimal"
)

// Day is 24 hours: the span in which [Signals] counts elapsed days.
const Day = 24 * time.Hour

// SignalPolicy holds the thresholds, weights and tiers [Signals] judges a
// deal by. A nil policy means every default; each field defaults on its
// own when zero (nil, for the maps and Tiers).
//
// Elapsed times (Stale, StageNorms) are durations of 24-hour spans, not
// calendar days: a deal last touched at 09:00 fourteen days ago is stale
// under a 14-day Stale from 09:00 today, whatever the time zone. In JSON
// they are numbers of seconds (stale_seconds, stage_norms_seconds).
type SignalPolicy struct {
	// Pushes raises close_date_pushed when the close date moved later at
	// least this many times; default 2.
	Pushes int `json:"pushes,omitempty"`
	// Pulls raises close_date_pulled_in when it moved earlier at least
	// this many times; default 1.
	Pulls int `json:"pulls,omitempty"`
	// Stale raises no_activity when the last activity is at least this
	// long before asOf; default 14 × 24 hours.
	Stale time.Duration `json:"stale_seconds,omitempty"`
	// StageNorms raises stage_too_long when a deal has been in its stage
	// longer than the stage's norm (the funnel's median time in stage,
	// say). A stage without a norm is not judged; the default is none.
	StageNorms map[string]time.Duration `json:"stage_norms_seconds,omitempty"`
	// AmountCut raises amount_cut when the amount fell at least this
	// fraction below its highest recorded value; default 0.1.
	AmountCut decimal.Decimal `json:"amount_cut,omitzero"`
	// MaxDiscount raises discount_high above this fraction; default 0.2.
	MaxDiscount decimal.Decimal `json:"max_discount,omitzero"`
	// Weights are what each signal adds to the deal's score; a signal
	// missing from the map keeps its default weight (see
	// [DefaultSignalPolicy]), and a weight of 0 raises the signal without
	// scoring it.
	Weights map[SignalKind]float64 `json:"weights,omitempty"`
	// Tiers name score ranges, lowest first: a deal is in the last tier
	// whose From its score reaches. The first From is 0.
	Tiers []Tier `json:"tiers,omitempty"`
}

// Tier is a named range of deal risk scores, from From up to the next
// tier's From.
type Tier struct {
	Key    string  `json:"key"`
	Labels Labels  `json:"labels,omitempty"`
	From   float64 `json:"from"`
}

// Label returns the tier's label in lang, as [Labels.Get] chooses it, or
// its key when it has none.
func (t Tier) Label(lang string) string { return label(t.Labels, lang, t.Key) }

// DefaultSignalPolicy returns the default policy, a fresh value on every
// call: Pushes 2, Pulls 1, Stale 14 days, no stage norms, AmountCut 0.1,
// MaxDiscount 0.2; weights slipped 25, close_date_pushed 15,
// close_date_pulled_in 5, no_activity 20, stage_too_long 15, amount_cut 10,
// no_decision_maker 15, single_threaded 10, discount_high 10, competitor 5;
// tiers low (低) from 0, medium (中) from 20, high (高) from 45.
func DefaultSignalPolicy() SignalPolicy {
	return SignalPolicy{
		Pushes: 2, Pulls: 1, Stale: 14 * Day, StageNorms: map[string]time.Duration{},
		AmountCut: decimal.New(1, -1), MaxDiscount: decimal.New(2, -1),
		Weights: map[SignalKind]float64{
			Slipped: 25, CloseDatePushed: 15, CloseDatePulledIn: 5, NoActivity: 20, StageTooLong: 15,
			AmountCut: 10, NoDecisionMaker: 15, SingleThreaded: 10, DiscountHigh: 10, Competitor: 5,
		},
		Tiers: []Tier{
			{Key: "low", Labels: Labels{"en": "Low", "zh-CN": "低"}, From: 0},
			{Key: "medium", Labels: Labels{"en": "Medium", "zh-CN": "中"}, From: 20},
			{Key: "high", Labels: Labels{"en": "High", "zh-CN": "高"}, From: 45},
		},
	}
}

// resolved returns p with every zero field set to its default, checked.
func (p *SignalPolicy) resolved() (SignalPolicy, error) {
	d := DefaultSignalPolicy()
	if p == nil {
		return d, nil
	}
	c := &checker{}
	r := *p
	if r.Pushes == 0 {
		r.Pushes = d.Pushes
	} else if r.Pushes < 0 {
		c.fail("pushes", strconv.Itoa(r.Pushes), ErrOption, "a count is never below 0")
	}
	if r.Pulls == 0 {
		r.Pulls = d.Pulls
	} else if r.Pulls < 0 {
		c.fail("pulls", strconv.Itoa(r.Pulls), ErrOption, "a count is never below 0")
	}
	if r.Stale == 0 {
		r.Stale = d.Stale
	} else if r.Stale < 0 {
		c.fail("stale_seconds", r.Stale.String(), ErrOption, "a duration is never below 0")
	}
	for _, k := range slices.Sorted(maps.Keys(r.StageNorms)) {
		if r.StageNorms[k] <= 0 {
			c.fail("stage_norms_seconds."+k, r.StageNorms[k].String(), ErrOption, "a norm is above 0")
		}
	}
	for _, f := range []struct {
		name string
		v    *decimal.Decimal
		def  decimal.Decimal
	}{{"amount_cut", &r.AmountCut, d.AmountCut}, {"max_discount", &r.MaxDiscount, d.MaxDiscount}} {
		if f.v.IsZero() {
			*f.v = f.def
		} else if err := checkProbability(f.name, *f.v); err != nil {
			c.fail(f.name, f.v.String(), ErrOption, "a fraction within [0, 1]")
		}
	}
	weights := d.Weights
	for _, k := range slices.Sorted(maps.Keys(r.Weights)) {
		w := r.Weights[k]
		switch {
		case k <= 0 || int(k) >= len(signalNames):
			c.name("weights", k.String())
		case math.IsNaN(w) || math.IsInf(w, 0) || w < 0 || w > 1e9:
			c.fail("weights."+k.String(), strconv.FormatFloat(w, 'g', -1, 64), ErrOption, "a weight is within [0, 1e9]")
		default:
			weights[k] = w
		}
	}
	r.Weights = weights
	if r.Tiers == nil {
		r.Tiers = d.Tiers
	} else {
		checkTiers(c, r.Tiers)
	}
	return r, c.err()
}

func checkTiers(c *checker, tiers []Tier) {
	if len(tiers) == 0 || len(tiers) > MaxRatings {
		c.fail("tiers", strconv.Itoa(len(tiers))+" tiers", ErrOption, "a policy has 1 to %d tiers", MaxRatings)
	}
	keys := map[string]int{}
	for k, t := range tiers {
		at := "tiers[" + strconv.Itoa(k) + "]"
		checkKey(c, at+".key", t.Key, keys, k, "tiers", ErrOption)
		switch from := strconv.FormatFloat(t.From, 'g', -1, 64); {
		case k == 0 && t.From != 0:
			c.fail(at+".from", from, ErrOption, "the first tier starts at 0")
		case math.IsNaN(t.From) || math.IsInf(t.From, 0):
			c.fail(at+".from", from, ErrOption, "a tier starts at a finite score")
		case k > 0 && !(t.From > tiers[k-1].From):
			c.fail(at+".from", from, ErrOption, "tiers must rise: not above tiers[%d]'s %g", k-1, tiers[k-1].From)
		}
	}
}

// policyJSON is SignalPolicy with its durations in seconds.
type policyJSON struct {
	Pushes      int                    `json:"pushes,omitempty"`
	Pulls       int                    `json:"pulls,omitempty"`
	Stale       float64                `json:"stale_seconds,omitempty"`
	StageNorms  map[string]float64     `json:"stage_norms_seconds,omitempty"`
	AmountCut   decimal.Decimal        `json:"amount_cut,omitzero"`
	MaxDiscount decimal.Decimal        `json:"max_discount,omitzero"`
	Weights     map[SignalKind]float64 `json:"weights,omitempty"`
	Tiers       []Tier                 `json:"tiers,omitempty"`
}

// MarshalJSON encodes p with its durations as numbers of seconds.
func (p SignalPolicy) MarshalJSON() ([]byte, error) {
	j := policyJSON{Pushes: p.Pushes, Pulls: p.Pulls, Stale: p.Stale.Seconds(), AmountCut: p.AmountCut,
		MaxDiscount: p.MaxDiscount, Weights: p.Weights, Tiers: p.Tiers}
	if p.StageNorms != nil {
		j.StageNorms = make(map[string]float64, len(p.StageNorms))
		for k, v := range p.StageNorms {
			j.StageNorms[k] = v.Seconds()
		}
	}
	return json.Marshal(j)
}

// UnmarshalJSON decodes what MarshalJSON writes. A number of seconds
// beyond what a time.Duration holds is a [*FieldError] wrapping
// [ErrOption].
func (p *SignalPolicy) UnmarshalJSON(b []byte) error {
	var j policyJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	seconds := func(field string, s float64) (time.Duration, error) {
		if math.IsNaN(s) || math.Abs(s) > math.MaxInt64/float64(time.Second) {
			return 0, fieldErr(field, strconv.FormatFloat(s, 'g', -1, 64), fmt.Errorf("%w: seconds out of range", ErrOption))
		}
		return time.Duration(math.Round(s * float64(time.Second))), nil
	}
	stale, err := seconds("stale_seconds", j.Stale)
	if err != nil {
		return err
	}
	out := SignalPolicy{Pushes: j.Pushes, Pulls: j.Pulls, Stale: stale, AmountCut: j.AmountCut,
		MaxDiscount: j.MaxDiscount, Weights: j.Weights, Tiers: j.Tiers}
	if j.StageNorms != nil {
		out.StageNorms = make(map[string]time.Duration, len(j.StageNorms))
		for _, k := range slices.Sorted(maps.Keys(j.StageNorms)) {
			if out.StageNorms[k], err = seconds("stage_norms_seconds."+k, j.StageNorms[k]); err != nil {
				return err
			}
		}
	}
	*p = out
	return nil
}
