package forecast

import (
	"math"
	"time"

	"github.com/shopspring/decimal"
)

// Deal is an opportunity as the forecast sees it: how much (Amount), where it
// stands (Stage, a key of the stage list), when it is expected to close
// (CloseDate, a calendar date), who owns it (Owner, a unit of the org tree
// when the forecast is rolled up) and, optionally, its own win probability
// and forecast category, which override the stage's.
//
// Amount is money: not negative, with no more decimal places than the
// pipeline's places (10.50 and 10.5 are the same amount). Probability, when
// set, is in [0, 1]; a won deal's is 1 and a lost deal's 0 whatever the
// stage list says, so setting another is an error. Category, when set, must
// suit the deal's outcome: an open deal is pipeline, best case, commit or
// omitted; a won deal closed or omitted; a lost deal omitted.
//
// The zero Deal is an unfinished draft: it marshals, and [Pipeline.Add]
// rejects it.
type Deal struct {
	ID          string          `json:"id,omitempty"`
	Amount      decimal.Decimal `json:"amount"`
	Stage       string          `json:"stage,omitempty"`
	Probability *float64        `json:"probability,omitempty"`
	CloseDate   Date            `json:"close_date,omitzero"`
	Category    Category        `json:"category,omitempty"`
	Owner       string          `json:"owner,omitempty"`
}

// Equal reports whether d and e are the same deal, comparing amounts by value.
func (d Deal) Equal(e Deal) bool {
	pe := (d.Probability == nil) == (e.Probability == nil) &&
		(d.Probability == nil || *d.Probability == *e.Probability)
	return d.ID == e.ID && d.Amount.Equal(e.Amount) && d.Stage == e.Stage && pe &&
		d.CloseDate == e.CloseDate && d.Category == e.Category && d.Owner == e.Owner
}

// dealTerms is how one deal counts, once checked against a stage list.
type dealTerms struct {
	stage    int
	outcome  Outcome
	category Category
	units    int64   // amount in units of 10^-places
	prob     float64 // the probability used
	pu       uint64  // prob in parts per billion
	weighted int64   // units × prob, rounded half to even
	close    Date
}

// periodSetting is how close dates map to periods.
type periodSetting struct {
	grain  Grain
	fiscal time.Month
}

// exactPlaces marks deal rules that keep amounts as decimals and count no
// units (snapshot comparison).
const exactPlaces = -1

// dealRules is what checking a deal needs: the stage list and its index,
// the stages' default probabilities, the places money is held to and the
// period setting.
type dealRules struct {
	stages  Stages
	index   map[string]int
	slots   keySlots // finds a stage key, index when they collide
	probs   []stageProb
	places  int32
	setting periodSetting
}

func newDealRules(stages Stages, places int32, set periodSetting) dealRules {
	s := stages.clone()
	return dealRules{stages: s, index: s.index(), slots: slotsOf(s), probs: stageProbs(s), places: places, setting: set}
}

// terms checks d and fills t with how it counts. Problems are *FieldErrors
// whose fields start with at ("deals[3]." or ""), all of them joined.
func (r *dealRules) terms(t *dealTerms, d *Deal, at string) error {
	stages, places, set := r.stages, r.places, &r.setting
	*t = dealTerms{}
	var errs []error
	i, ok := r.stageIndex(d.Stage)
	if !ok {
		errs = append(errs, fieldErr(at+"stage", d.Stage, ErrUnknownStage))
	}
	t.stage = i
	if d.Amount.Sign() < 0 {
		errs = append(errs, fieldErr(at+"amount", d.Amount.String(), wrap(ErrAmount, "negative")))
	} else if places == exactPlaces {
		// amounts kept as they are: no units to count
	} else if u, ok := toUnits(d.Amount, places); !ok {
		errs = append(errs, fieldErr(at+"amount", d.Amount.String(),
			wrap(ErrAmount, "more than "+formatInt(int64(places))+" decimal places, or too large")))
	} else {
		t.units = u
	}
	if !d.CloseDate.IsValid() {
		errs = append(errs, fieldErr(at+"close_date", dateText(d.CloseDate), ErrDate))
	} else if d.CloseDate.Year < 2 || d.CloseDate.Year > 9998 {
		if pd := PeriodOf(d.CloseDate, set.grain, set.fiscal); !pd.Start.IsValid() || !pd.End.IsValid() {
			errs = append(errs, fieldErr(at+"close_date", d.CloseDate.String(), wrap(ErrDate, "its period is not within years 1 to 9999")))
		}
	}
	t.close = d.CloseDate
	if d.Probability != nil {
		if p := *d.Probability; math.IsNaN(p) || p < 0 || p > 1 {
			errs = append(errs, fieldErr(at+"probability", formatFloat(p), ErrProbability))
		}
	}
	if !ok {
		return joinErrs(errs)
	}
	st := &stages[i]
	t.outcome = st.Outcome
	t.prob = st.Probability
	if d.Probability != nil {
		p := *d.Probability
		switch {
		case st.Outcome == Won && p != 1, st.Outcome == Lost && p != 0:
			errs = append(errs, fieldErr(at+"probability", formatFloat(p),
				wrap(ErrProbability, "a "+st.Outcome.String()+" deal has probability "+formatFloat(st.Probability))))
		case st.Outcome == Open:
			t.prob = p
		}
	}
	t.category = st.Category
	if d.Category != CategoryUnset {
		if !d.Category.valid() {
			errs = append(errs, fieldErr(at+"category", d.Category.String(), ErrUnknownName))
		} else if !st.Outcome.allows(d.Category) {
			errs = append(errs, fieldErr(at+"category", d.Category.String(),
				wrap(ErrCategory, "a "+st.Outcome.String()+" deal cannot be "+d.Category.String())))
		} else {
			t.category = d.Category
		}
	}
	if len(errs) > 0 {
		return joinErrs(errs)
	}
	if t.prob == r.probs[i].p {
		t.pu = r.probs[i].pu // the stage's default, converted once
	} else {
		t.pu = probUnits(t.prob)
	}
	t.weighted = weightUnits(t.units, t.pu)
	return nil
}

// stageProb is a stage's default probability and its parts per billion.
type stageProb struct {
	p  float64
	pu uint64
}

func stageProbs(stages Stages) []stageProb {
	out := make([]stageProb, len(stages))
	for i, st := range stages {
		out[i] = stageProb{st.Probability, probUnits(st.Probability)}
	}
	return out
}

// dateText returns the text of d for an error message.
func dateText(d Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

// keySlots finds a stage by its key in one string comparison: slot
// keySlot(key) holds the index plus one of the only stage whose key has
// that slot, 0 when none has, or −1 when several share it (then the index
// map is asked). Scanning the six B2B stages instead (a map lookup costs
// some 75 instructions more) mispredicted 1.5 branches a deal on
// BenchmarkPipeline1M (callgrind: 4.15 million mispredicted branches in
// Add before, 2.67 million after).
type keySlots [64]int32

// keySlot returns the slot of a stage key: a mix of its length and its
// first and last bytes.
func keySlot(key string) int {
	if key == "" {
		return 0
	}
	return (len(key)*8 + int(key[0])*3 + int(key[len(key)-1])) & 63
}

func slotsOf(stages Stages) keySlots {
	var t keySlots
	for i := range stages {
		switch s := keySlot(stages[i].Key); t[s] {
		case 0:
			t[s] = int32(i + 1)
		default:
			t[s] = -1
		}
	}
	return t
}

// stageIndex returns the position of the stage whose key is key.
func (r *dealRules) stageIndex(key string) (int, bool) {
	switch i := r.slots[keySlot(key)]; {
	case i > 0 && r.stages[i-1].Key == key:
		return int(i - 1), true
	case i < 0:
		i, ok := r.index[key]
		return i, ok
	}
	return 0, false
}
