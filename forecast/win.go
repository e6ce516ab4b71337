package forecast

import (
	"slices"
	"strconv"
)

// Rules are the rules a [WinModel] scores by. The zero value is
// RulesStandard.
type Rules int

// The rule sets.
const (
	// RulesStandard is the naive-Bayes frequency model with add-one
	// (Laplace) smoothing and no rounding: with W won and L lost deals, the
	// prior is (W+1)/(W+L+2); the stage's likelihood, the chance that a won
	// (lost) deal reached the stage, (w+1)/(W+2) and (l+1)/(L+2); a field
	// value's (c+1)/(T+V), T the field's total and V its number of values
	// seen; the probability is clamped to [0.0001, 0.9999].
	RulesStandard Rules = iota
	// RulesOdoo reproduces Odoo's predictive lead scoring exactly (see
	// [WinModel]).
	RulesOdoo
)

var rulesNames = enumNames{"standard", "odoo"}

// String returns the wire name of r ("standard", "odoo"), or "Rules(n)".
func (r Rules) String() string { return rulesNames.str("Rules", int(r)) }

// MarshalText encodes r as its name; a value without one is a *FieldError
// wrapping [ErrUnknownName].
func (r Rules) MarshalText() ([]byte, error) { return rulesNames.text("rules", "Rules", int(r)) }

// UnmarshalText decodes "standard" or "odoo"; any other text is a
// *FieldError wrapping [ErrUnknownName].
func (r *Rules) UnmarshalText(b []byte) error {
	v, err := rulesNames.parse("rules", b)
	if err != nil {
		return err
	}
	*r = Rules(v)
	return nil
}

// ClosedDeal is a deal that has closed, as the win model learns from it:
// its team ("" for none), the last open stage it was in (where a lost deal
// was lost), whether it was won or lost, and the values of the fields the
// model scores on ("source": "web", "country": "DE"). An empty value is no
// value.
type ClosedDeal struct {
	ID      string            `json:"id,omitempty"`
	Team    string            `json:"team,omitempty"`
	Stage   string            `json:"stage"`
	Outcome Outcome           `json:"outcome"`
	Fields  map[string]string `json:"fields,omitempty"`
}

// OpenDeal is a deal to score: its team, its current open stage and its
// field values, and an optional manual probability (Override) that the
// model reports but never replaces.
type OpenDeal struct {
	ID       string            `json:"id,omitempty"`
	Team     string            `json:"team,omitempty"`
	Stage    string            `json:"stage"`
	Fields   map[string]string `json:"fields,omitempty"`
	Override *float64          `json:"override,omitempty"`
}

// WinScore is the win probability of an open deal: what the model says
// (Automated), what to use (Probability: the manual override when there is
// one, else Automated), whether it is manual, and why.
type WinScore struct {
	ID          string  `json:"id,omitempty"`
	Automated   float64 `json:"automated"`
	Probability float64 `json:"probability"`
	Manual      bool    `json:"manual,omitempty"`
	Reason      Reason  `json:"reason"`
}

// WinModel learns win probabilities from closed deals: a naive-Bayes
// frequency model in the manner of Odoo's predictive lead scoring. It
// counts won and lost deals per team, per stage and per (field, value); the
// counts are an accumulator that merges ([WinModel.Merge]) and travels
// ([WinModel.MarshalBinary]), so a model learnt over shards equals one
// learnt in one pass.
//
// Counting, under either rules: a won deal counts as won at every stage; a
// lost deal counts as lost at every stage up to and including the one it
// was lost in; each field value it has counts once. Counts are kept per
// team, a deal without a team under the team "".
//
// Scoring an open deal at stage s with field values v under RulesOdoo is
// Odoo's rule for rule:
//
//   - the deal's team's counts are used, or, for a deal without a team or
//     of a team never seen, the counts of all teams together, summed;
//   - every count starts at 0.1 (a (team, field, value) seen at least once
//     counts its deals plus 0.1, so the sum over three teams carries 0.3);
//   - the prior is won/(won+lost) and lost/(won+lost) at the first stage,
//     whose counts are every closed deal's;
//   - the stage's likelihood divides its counts by those first-stage
//     totals; any other field's divides by that field's totals over its
//     values; a value (or field) never seen is skipped;
//   - the probability S(won)/(S(won)+S(lost)) is rounded to two decimals of
//     a percent and clamped to [0.01%, 99.99%].
//
// Odoo also ignores a tag seen on fewer than 50 closed deals; that rule is
// specific to its multi-valued tag field and is not reproduced. RulesStandard
// uses the same counts with add-one smoothing (see [RulesStandard]).
//
// A WinModel is not safe for concurrent use while it learns; scoring does
// not change it.
//
// Make one with [NewWinModel]. The zero WinModel has no stages: it has
// learnt nothing, merges as an identity, and takes the stages and rules of
// the first model merged into it. Learning, scoring and calibrating refuse
// it ([ErrOption]) until a merge or [WinModel.UnmarshalBinary] gives it
// stages.
type WinModel struct {
	stages []string
	index  map[string]int
	rules  Rules
	teams  map[string]*teamCounts
	deals  int64
}

// teamCounts are one team's counts.
type teamCounts struct {
	stage  []wonLost                      // per stage
	fields map[string]map[string]*wonLost // field → value → counts
}

// wonLost counts closed deals.
type wonLost struct{ won, lost int64 }

// WinModelOptions are the optional settings of [NewWinModel].
type WinModelOptions struct {
	// Rules are the scoring rules; default RulesStandard.
	Rules Rules `json:"rules,omitempty"`
}

// MaxWinStages is the most stages a win model may have.
const MaxWinStages = 1000

// NewWinModel returns a model over the open stages given, in the order
// deals move through them (closed deals name the last one they were in).
// Errors are *FieldErrors wrapping [ErrStage] (no stages, an empty or
// repeated key, more than MaxWinStages) or [ErrUnknownName].
func NewWinModel(stages []string, opts *WinModelOptions) (*WinModel, error) {
	var o WinModelOptions
	if opts != nil {
		o = *opts
	}
	if o.Rules != RulesStandard && o.Rules != RulesOdoo {
		return nil, fieldErr("rules", o.Rules.String(), ErrUnknownName)
	}
	if err := checkStageKeys(stages); err != nil {
		return nil, err
	}
	w := &WinModel{stages: slices.Clone(stages), rules: o.Rules, teams: map[string]*teamCounts{}}
	w.index = make(map[string]int, len(stages))
	for i, s := range stages {
		w.index[s] = i
	}
	return w, nil
}

func checkStageKeys(stages []string) error {
	if len(stages) == 0 || len(stages) > MaxWinStages {
		return fieldErr("stages", strconv.Itoa(len(stages)), wrap(ErrStage, "a win model has 1 to "+strconv.Itoa(MaxWinStages)+" stages"))
	}
	var errs []error
	seen := map[string]int{}
	for i, s := range stages {
		at := "stages[" + strconv.Itoa(i) + "]"
		if s == "" {
			errs = append(errs, fieldErr(at, "", ErrStage))
		} else if j, dup := seen[s]; dup {
			errs = append(errs, fieldErr(at, s, wrap(ErrStage, "key used by stages["+strconv.Itoa(j)+"]")))
		} else {
			seen[s] = i
		}
	}
	return joinErrs(errs)
}

// Stages returns a copy of the model's stages.
func (w *WinModel) Stages() []string { return slices.Clone(w.stages) }

// Rules returns the model's scoring rules.
func (w *WinModel) Rules() Rules { return w.rules }

// Deals returns the number of closed deals learnt, merged ones included.
func (w *WinModel) Deals() int64 { return w.deals }

// checkFields returns a *FieldError for an empty field name.
func checkFields(at string, fields map[string]string) error {
	if _, ok := fields[""]; ok {
		return fieldErr(at+"fields", "", ErrField)
	}
	return nil
}

// Learn counts one closed deal. A deal that cannot be counted is left out:
// *FieldErrors wrapping [ErrUnknownStage], [ErrOutcome] or [ErrField],
// joined. The zero WinModel learns nothing: [ErrOption].
func (w *WinModel) Learn(d ClosedDeal) error {
	if err := w.built(); err != nil {
		return err
	}
	i, err := w.checkClosed(&d, "")
	if err != nil {
		return err
	}
	w.count(&d, i)
	return nil
}

// LearnAll counts closed deals, all or none: when any cannot be counted,
// none is, and the error lists every problem ("deals[3].stage").
func (w *WinModel) LearnAll(deals []ClosedDeal) error {
	if err := w.built(); err != nil {
		return err
	}
	idx := make([]int, len(deals))
	var errs []error
	for k := range deals {
		i, err := w.checkClosed(&deals[k], "deals["+strconv.Itoa(k)+"].")
		if err != nil {
			errs = append(errs, err)
		}
		idx[k] = i
	}
	if len(errs) > 0 {
		return joinErrs(errs)
	}
	for k := range deals {
		w.count(&deals[k], idx[k])
	}
	return nil
}

// built refuses the zero WinModel, which has no stages.
func (w *WinModel) built() error {
	if len(w.stages) == 0 {
		return fieldErr("model", "", wrap(ErrOption, "not built (use NewWinModel)"))
	}
	return nil
}

func (w *WinModel) checkClosed(d *ClosedDeal, at string) (int, error) {
	var errs []error
	i, ok := w.index[d.Stage]
	if !ok {
		errs = append(errs, fieldErr(at+"stage", d.Stage, ErrUnknownStage))
	}
	if d.Outcome != Won && d.Outcome != Lost {
		errs = append(errs, fieldErr(at+"outcome", d.Outcome.String(), ErrOutcome))
	}
	if err := checkFields(at, d.Fields); err != nil {
		errs = append(errs, err)
	}
	return i, joinErrs(errs)
}

func (w *WinModel) team(name string) *teamCounts {
	t := w.teams[name]
	if t == nil {
		t = &teamCounts{stage: make([]wonLost, len(w.stages)), fields: map[string]map[string]*wonLost{}}
		w.teams[name] = t
	}
	return t
}

func (t *teamCounts) value(field, value string) *wonLost {
	vs := t.fields[field]
	if vs == nil {
		vs = map[string]*wonLost{}
		t.fields[field] = vs
	}
	c := vs[value]
	if c == nil {
		c = &wonLost{}
		vs[value] = c
	}
	return c
}

// count adds a checked closed deal lost (or won) at stage i.
func (w *WinModel) count(d *ClosedDeal, i int) {
	t := w.team(d.Team)
	won := d.Outcome == Won
	for s := range t.stage {
		switch {
		case won:
			t.stage[s].won++
		case s <= i:
			t.stage[s].lost++
		}
	}
	for f, v := range d.Fields {
		if v == "" {
			continue
		}
		c := t.value(f, v)
		if won {
			c.won++
		} else {
			c.lost++
		}
	}
	w.deals++
}

// Merge adds everything v has learnt to w; v is unchanged. Merging is
// associative and commutative. It returns an error wrapping [ErrMismatch]
// when the two have different stages or rules, and [ErrSelfMerge] when v is
// w. A zero v changes nothing; a zero w takes v's stages and rules and then
// holds what v has learnt.
func (w *WinModel) Merge(v *WinModel) error {
	if w == v {
		return fieldErr("model", "", ErrSelfMerge)
	}
	switch {
	case len(v.stages) == 0:
		return nil
	case len(w.stages) == 0:
		nw, err := NewWinModel(v.stages, &WinModelOptions{Rules: v.rules})
		if err != nil {
			return err
		}
		*w = *nw
	}
	if !slices.Equal(w.stages, v.stages) || w.rules != v.rules {
		return fieldErr("model", "", wrap(ErrMismatch, "stages or rules differ"))
	}
	for name, vt := range v.teams {
		t := w.team(name)
		for s := range vt.stage {
			t.stage[s].won += vt.stage[s].won
			t.stage[s].lost += vt.stage[s].lost
		}
		for f, vs := range vt.fields {
			for val, c := range vs {
				d := t.value(f, val)
				d.won += c.won
				d.lost += c.lost
			}
		}
	}
	w.deals += v.deals
	return nil
}

// Reset forgets every deal learnt, keeping the stages and rules.
func (w *WinModel) Reset() {
	w.teams = map[string]*teamCounts{}
	w.deals = 0
}
