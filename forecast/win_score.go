package forecast

import (
	"math"
	"slices"
	"strconv"
)

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
// deal to be scored against), or [ErrOption] from the zero WinModel.
func (w *WinModel) Score(d OpenDeal) (WinScore, error) {
	if err := w.built(); err != nil {
		return WinScore{}, err
	}
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
	if err := w.built(); err != nil {
		return nil, err
	}
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
