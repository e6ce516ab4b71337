package forecast

import (
	"math"
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
// joined.
func (w *WinModel) Learn(d ClosedDeal) error {
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
// w.
func (w *WinModel) Merge(v *WinModel) error {
	if w == v {
		return fieldErr("model", "", ErrSelfMerge)
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

// table is the count table one deal is scored against: one team's, or all
// teams' summed, each count already started at the rules' base.
type table struct {
	stage       []frac // per stage; present marks a count Odoo would hold
	fields      map[string]map[string]frac
	fieldTotals map[string]frac // per field, over its values
	fieldValues map[string]int  // number of values seen per field
	deals       wonLost         // closed deals counted, without the base
}

// frac is a pair of (possibly fractional) counts.
type frac struct {
	won, lost float64
	present   bool
}

// odooBase is the count Odoo starts every (team, field, value) at.
const odooBase = 0.1

// tableFor returns the table a deal of team is scored against, and whether
// it is the team's own.
func (w *WinModel) tableFor(team string) (*table, bool) {
	if t, ok := w.teams[team]; ok && team != "" {
		return w.build([]*teamCounts{t}), true
	}
	names := make([]string, 0, len(w.teams))
	for n := range w.teams {
		names = append(names, n)
	}
	slices.Sort(names) // a fixed order of the float sums
	ts := make([]*teamCounts, len(names))
	for i, n := range names {
		ts[i] = w.teams[n]
	}
	return w.build(ts), false
}

// build sums the counts of teams into a table. Each team adds its count
// plus the base for every stage or value it has seen; under RulesStandard
// the base is zero and smoothing happens at scoring.
func (w *WinModel) build(teams []*teamCounts) *table {
	base := 0.0
	if w.rules == RulesOdoo {
		base = odooBase
	}
	tb := &table{stage: make([]frac, len(w.stages)), fields: map[string]map[string]frac{},
		fieldTotals: map[string]frac{}, fieldValues: map[string]int{}}
	for _, t := range teams {
		for s, c := range t.stage {
			if c.won+c.lost == 0 {
				continue
			}
			f := &tb.stage[s]
			f.won += float64(c.won) + base
			f.lost += float64(c.lost) + base
			f.present = true
		}
		for _, field := range sortedKeys(t.fields) {
			vs := t.fields[field]
			m := tb.fields[field]
			if m == nil {
				m = map[string]frac{}
				tb.fields[field] = m
			}
			for _, val := range sortedKeys(vs) {
				c := vs[val]
				f := m[val]
				if !f.present {
					tb.fieldValues[field]++
				}
				f.won += float64(c.won) + base
				f.lost += float64(c.lost) + base
				f.present = true
				m[val] = f
				tot := tb.fieldTotals[field]
				tot.won += float64(c.won) + base
				tot.lost += float64(c.lost) + base
				tb.fieldTotals[field] = tot
			}
		}
	}
	for _, t := range teams {
		tb.deals.won += t.stage[0].won
		tb.deals.lost += t.stage[0].lost
	}
	return tb
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

// Score returns the win probability of an open deal; see [WinModel] for
// the rules. The deal's own Override, when set, is kept as its probability
// (sticky: the model never replaces a manual value) and reported beside
// the model's. Errors are *FieldErrors wrapping [ErrUnknownStage],
// [ErrProbability], [ErrField] or [ErrNoHistory] (nothing learnt for the
// deal to be scored against).
func (w *WinModel) Score(d OpenDeal) (WinScore, error) {
	return w.score(&d, w.tables(), "")
}

// tables caches the count tables of one scoring run.
type tableCache struct {
	w     *WinModel
	all   *table
	teams map[string]*table
}

func (w *WinModel) tables() *tableCache { return &tableCache{w: w, teams: map[string]*table{}} }

func (c *tableCache) get(team string) (*table, bool) {
	if tb, ok := c.teams[team]; ok {
		return tb, true
	}
	if _, ok := c.w.teams[team]; ok && team != "" {
		tb, _ := c.w.tableFor(team)
		c.teams[team] = tb
		return tb, true
	}
	if c.all == nil {
		c.all, _ = c.w.tableFor("")
	}
	return c.all, false
}

// ScoreAll scores open deals, in order; the error lists every deal that
// could not be scored, and the result holds the others' scores only when
// there is no error.
func (w *WinModel) ScoreAll(deals []OpenDeal) ([]WinScore, error) {
	cache := w.tables()
	out := make([]WinScore, len(deals))
	var errs []error
	for i := range deals {
		s, err := w.score(&deals[i], cache, "deals["+strconv.Itoa(i)+"].")
		if err != nil {
			errs = append(errs, err)
			continue
		}
		out[i] = s
	}
	if len(errs) > 0 {
		return nil, joinErrs(errs)
	}
	return out, nil
}

func (w *WinModel) score(d *OpenDeal, cache *tableCache, at string) (WinScore, error) {
	var errs []error
	si, ok := w.index[d.Stage]
	if !ok {
		errs = append(errs, fieldErr(at+"stage", d.Stage, ErrUnknownStage))
	}
	if d.Override != nil && !(*d.Override >= 0 && *d.Override <= 1) {
		errs = append(errs, fieldErr(at+"override", formatFloat(*d.Override), ErrProbability))
	}
	if err := checkFields(at, d.Fields); err != nil {
		errs = append(errs, err)
	}
	if len(errs) > 0 {
		return WinScore{}, joinErrs(errs)
	}
	tb, own := cache.get(d.Team)
	first := tb.stage[0]
	if !first.present {
		return WinScore{}, fieldErr(at+"team", d.Team, wrap(ErrNoHistory, "no closed deals to score against"))
	}
	var pw, pl float64
	tw, tl := first.won, first.lost
	if w.rules == RulesOdoo {
		pw, pl = tw/(tw+tl), tl/(tw+tl)
	} else {
		pw, pl = (tw+1)/(tw+tl+2), (tl+1)/(tw+tl+2)
	}
	sw, sl := pw, pl
	used := 0
	// the stage
	if st := tb.stage[si]; st.present || w.rules == RulesStandard {
		if w.rules == RulesOdoo {
			sw *= st.won / tw
			sl *= st.lost / tl
		} else {
			sw *= (st.won + 1) / (tw + 2)
			sl *= (st.lost + 1) / (tl + 2)
		}
	}
	// the other fields, in name order
	for _, f := range sortedKeys(d.Fields) {
		val := d.Fields[f]
		if val == "" {
			continue
		}
		c, seen := tb.fields[f][val]
		if !seen {
			continue
		}
		tot := tb.fieldTotals[f]
		if w.rules == RulesOdoo {
			sw *= c.won / tot.won
			sl *= c.lost / tot.lost
		} else {
			v := float64(tb.fieldValues[f])
			sw *= (c.won + 1) / (tot.won + v)
			sl *= (c.lost + 1) / (tot.lost + v)
		}
		used++
	}
	p := sw / (sw + sl)
	if w.rules == RulesOdoo {
		// Odoo: min(max(round(100·p, 2), 0.01), 99.99), in percent; as a
		// fraction, the float64 nearest that percent over 100
		p = odooPercent(p)
	} else {
		p = math.Min(math.Max(p, 0.0001), 0.9999)
	}
	if !finite(p) {
		p = pw
	}
	s := WinScore{ID: d.ID, Automated: p, Probability: p}
	texts := map[string]string{"stage": d.Stage, "team": d.Team}
	nums := map[string]float64{"probability": p, "won": float64(tb.deals.won), "lost": float64(tb.deals.lost),
		"fields": float64(used)}
	code := CodeWinScore
	if !own {
		code = CodeWinScoreAllTeams
	}
	if d.Override != nil {
		s.Probability, s.Manual = *d.Override, true
		nums["override"] = *d.Override
		code = CodeManualProbability
	}
	s.Reason = Reason{Code: code, Numbers: nums, Texts: texts}
	return s, nil
}

// odooPercent returns Odoo's rounding of probability p as a fraction: 100·p
// rounded half to even to two decimals (Python's round, on the exact binary
// value), clamped to [0.01, 99.99], read back as the float64 nearest that
// many hundredths of a percent.
func odooPercent(p float64) float64 {
	pct, _ := strconv.ParseFloat(strconv.FormatFloat(100*p, 'f', 2, 64), 64)
	pct = math.Min(math.Max(pct, 0.01), 99.99)
	v, _ := strconv.ParseFloat(strconv.FormatFloat(pct, 'f', 2, 64)+"e-2", 64)
	return v
}
