package risk

import (
	"encoding/json"
	"fmt"

	"github.com/shopspring/decimal"
)

// Assessment is the judgement of one risk against a matrix: where it sits
// and what it is worth in money, before the response (Inherent) and after it
// (Residual), and whether the response pays for itself.
//
// Cost is the response's cost (the sum of its actions' costs) and Worth the
// response's worth: the change in expected monetary value it buys minus
// its cost, (Residual.EMV − Inherent.EMV) − Cost. A threat mitigated from
// EMV −175,000 to −75,000 by actions costing 40,000 is worth 60,000; a
// negative worth means the response costs more than it saves. Without a
// response Residual equals Inherent and Cost and Worth are 0. Every amount
// is exact: nothing is rounded but the matrix's scores.
//
// [Assessment.Reason] explains the worth in one line, [Exposure.Reason]
// each side; both marshal with the assessment under the key "reason".
type Assessment struct {
	ID       string          `json:"id"`
	Kind     Kind            `json:"kind"`
	Category Category        `json:"category,omitempty"`
	Owner    string          `json:"owner,omitempty"`
	Status   Status          `json:"status"`
	Inherent Exposure        `json:"inherent"`
	Residual Exposure        `json:"residual"`
	Strategy Strategy        `json:"strategy,omitempty"`
	Cost     decimal.Decimal `json:"cost"`
	Worth    decimal.Decimal `json:"worth"`
}

// Exposure is one side of an assessment, inherent or residual: the risk's
// cell, score and rating, and its expected monetary value.
//
// Probability is the probability in money: the risk's exact value when it
// gives one, else its level's value. Impact is the money impact, a
// magnitude. EMV = Probability × Impact, exact, negative for a threat and
// positive for an opportunity. Score and Rating are the cell's (the matrix
// scores levels, not exact values). An avoided threat's residual is
// Eliminated: probability, score and EMV 0, the lowest rating, and no cell
// ({-1, -1}).
type Exposure struct {
	Probability      decimal.Decimal `json:"probability"`
	Impact           decimal.Decimal `json:"impact"`
	Cell             Cell            `json:"cell"`
	ProbabilityLevel string          `json:"probability_level,omitempty"`
	ImpactLevel      string          `json:"impact_level,omitempty"`
	Score            decimal.Decimal `json:"score"`
	Rating           string          `json:"rating"`
	EMV              decimal.Decimal `json:"emv"`
	Eliminated       bool            `json:"eliminated,omitempty"`
}

// Equal reports whether e and f are the same exposure, comparing decimals
// by value.
func (e Exposure) Equal(f Exposure) bool {
	return e.Probability.Equal(f.Probability) && e.Impact.Equal(f.Impact) && e.Cell == f.Cell &&
		e.ProbabilityLevel == f.ProbabilityLevel && e.ImpactLevel == f.ImpactLevel &&
		e.Score.Equal(f.Score) && e.Rating == f.Rating && e.EMV.Equal(f.EMV) && e.Eliminated == f.Eliminated
}

// Equal reports whether a and b are the same assessment, comparing
// decimals by value.
func (a Assessment) Equal(b Assessment) bool {
	return a.ID == b.ID && a.Kind == b.Kind && a.Category == b.Category && a.Owner == b.Owner &&
		a.Status == b.Status && a.Inherent.Equal(b.Inherent) && a.Residual.Equal(b.Residual) &&
		a.Strategy == b.Strategy && a.Cost.Equal(b.Cost) && a.Worth.Equal(b.Worth)
}

// Reason explains the exposure in one line: [CodeExposure] citing
// probability, impact, score and emv with the levels and rating, or
// [CodeEliminated].
func (e Exposure) Reason() Reason {
	if e.Eliminated {
		return Reason{Code: CodeEliminated}
	}
	return Reason{
		Code:    CodeExposure,
		Amounts: map[string]decimal.Decimal{"probability": e.Probability, "impact": e.Impact, "score": e.Score, "emv": e.EMV},
		Texts:   map[string]string{"probability_level": e.ProbabilityLevel, "impact_level": e.ImpactLevel, "rating": e.Rating},
	}
}

// Reason explains the response's worth in one line: [CodeResponseWorth]
// citing the strategy, the change in EMV, the cost and the worth, or
// [CodeNoResponse].
func (a Assessment) Reason() Reason {
	if a.Strategy == 0 {
		return Reason{Code: CodeNoResponse}
	}
	return Reason{
		Code:    CodeResponseWorth,
		Amounts: map[string]decimal.Decimal{"change": a.Residual.EMV.Sub(a.Inherent.EMV), "cost": a.Cost, "worth": a.Worth},
		Texts:   map[string]string{"strategy": a.Strategy.String()},
	}
}

// reasoned is what every result that works its reason out on demand adds
// to its JSON: the reason under the key "reason", left out when it has no
// code (a chance or end node of a [Valuation]). Reasons are worked out from
// the other fields when asked for, not stored: they cannot disagree with
// them, and Assess builds none.
type reasoned struct {
	Reason Reason `json:"reason,omitzero"`
}

// MarshalJSON encodes e with its reason.
func (e Exposure) MarshalJSON() ([]byte, error) {
	type plain Exposure
	return json.Marshal(struct {
		plain
		reasoned
	}{plain(e), reasoned{e.Reason()}})
}

// MarshalJSON encodes a with its reason.
func (a Assessment) MarshalJSON() ([]byte, error) {
	type plain Assessment
	return json.Marshal(struct {
		plain
		reasoned
	}{plain(a), reasoned{a.Reason()}})
}

// Assess judges r against m: its inherent and residual cells, scores,
// ratings and expected monetary values, and its response's worth.
//
// A nil or zero m is a [*FieldError] wrapping [ErrMatrix]. A risk that
// fails [Risk.Validate], names a level m does not have, or cannot be
// placed through m's bands is an error joining a [*FieldError] for every
// problem (wrapping [ErrInvalid], [ErrLevel], [ErrStrategy], [ErrRange],
// [ErrUnknownName] or [ErrDate]).
func Assess(m *Matrix, r Risk) (Assessment, error) {
	if err := m.built(); err != nil {
		return Assessment{}, err
	}
	c := checker{}
	var a Assessment
	if !m.assess(&c, &r, &a) {
		return Assessment{}, c.err()
	}
	return a, nil
}

// built refuses a nil or zero matrix.
func (m *Matrix) built() error {
	if m == nil || m.np == 0 {
		return fieldErr("matrix", "", fmt.Errorf("%w: not built (use NewMatrix or a preset)", ErrMatrix))
	}
	return nil
}

// assess is Assess, naming fields through c and writing the assessment to
// a; it reports whether r passed. Results are written in place rather than
// returned: an Assessment is 376 bytes, and copying it and its two
// Exposures on the way out took a third of the time of assessing a risk
// without money (a single-risk benchmark under load: 290–350 ns before,
// 210–230 ns after).
func (m *Matrix) assess(c *checker, r *Risk, a *Assessment) bool {
	r.check(c)
	if len(c.errs) > 0 {
		return false
	}
	fin, fres, ok := m.place(c, r, &a.Inherent, &a.Residual, true)
	if !ok {
		return false
	}
	a.ID, a.Kind, a.Category, a.Owner, a.Status = r.ID, r.Kind, r.Category, r.Owner, r.Status
	a.Strategy, a.Cost, a.Worth = r.Response.Strategy, zero, zero
	if a.Strategy != 0 {
		a.Cost = r.Response.cost()
		a.Worth = diffDec(a.Residual.EMV, a.Inherent.EMV, a.Cost, fres, fin, fixedOf(a.Cost))
	}
	return true
}

// place writes r's inherent and residual exposures to in and res; money
// says whether to work out their EMVs, whose fixed forms it returns. r has
// passed check.
func (m *Matrix) place(c *checker, r *Risk, in, res *Exposure, money bool) (fin, fres fixed, ok bool) {
	if !m.side(c, "probability", "impact", &r.Probability, &r.Impact, in) {
		return fin, fres, false
	}
	resp := &r.Response
	switch {
	case resp.Strategy == 0, resp.ResidualProbability.IsZero() && resp.ResidualImpact.IsZero() &&
		resp.Strategy != Avoid && resp.Strategy != Exploit:
		*res = *in
	case resp.Strategy == Avoid:
		*res = Exposure{Impact: in.Impact, Cell: noCell, Score: zero, Rating: m.rKeys[0], EMV: zero, Probability: zero, Eliminated: true}
	default:
		p, im := &resp.ResidualProbability, &resp.ResidualImpact
		if p.IsZero() {
			p = &r.Probability
		}
		if resp.Strategy == Exploit { // certain: the band holding 1, or the top level
			certain := Probability{Value: one}
			if m.bands[MeasureProbability] == nil {
				certain.Level = m.pKeys[m.np-1]
			}
			p = &certain
		}
		if im.IsZero() {
			im = &r.Impact
		}
		if !m.side(c, "response.residual_probability", "response.residual_impact", p, im, res) {
			return fin, fres, false
		}
	}
	if !money {
		return fin, fres, true
	}
	fm := fixedOf(in.Impact)
	in.EMV, fin = emv(r.Kind, in.Probability, in.Impact, m.probabilityFixed(in), fm)
	switch {
	case res.Eliminated: // EMV zero
		fres = fixed{ok: true}
	case res.Probability == in.Probability && res.Impact == in.Impact:
		// The same decimals (not merely equal ones) give the same EMV:
		// compare the values themselves, which is cheaper than Equal,
		// and share the inherent EMV rather than multiply again.
		res.EMV, fres = in.EMV, fin
	default:
		if res.Impact != in.Impact {
			fm = fixedOf(res.Impact)
		}
		res.EMV, fres = emv(r.Kind, res.Probability, res.Impact, m.probabilityFixed(res), fm)
	}
	return fin, fres, true
}

// probabilityFixed returns the fixed form of e's probability: the
// matrix's, when it is its level's value.
func (m *Matrix) probabilityFixed(e *Exposure) fixed {
	if k := e.Cell.Probability; k >= 0 && e.Probability == m.pValue[k] {
		return m.pFixed[k]
	}
	return fixedOf(e.Probability)
}

// emv returns ±p × money, negative for a threat, and its fixed form; fp
// and fm are p's and money's.
func emv(k Kind, p, money decimal.Decimal, fp, fm fixed) (decimal.Decimal, fixed) {
	if money.IsZero() {
		return zero, fixed{ok: true}
	}
	return mulDec(p, money, fp, fm, k == Threat)
}

// side places one side of a risk in e: its probability and impact levels,
// the cell's score and rating, and the probability and money for its EMV.
func (m *Matrix) side(c *checker, pField, iField string, p *Probability, im *Impact, e *Exposure) bool {
	pl, pv, pok := m.probabilityOf(c, pField, p)
	il, iok := m.impactOf(c, iField, im)
	if !pok || !iok {
		return false
	}
	k := pl*m.ni + il
	*e = Exposure{
		Probability: pv, Impact: im.Money, Cell: Cell{pl, il},
		ProbabilityLevel: m.pKeys[pl], ImpactLevel: m.iKeys[il],
		Score: m.score[k], Rating: m.rKeys[m.rating[k]],
	}
	return true
}

// probabilityOf returns the level and the probability in money of p.
func (m *Matrix) probabilityOf(c *checker, field string, p *Probability) (int, decimal.Decimal, bool) {
	k := -1
	if p.Level != "" {
		if k = m.pSlots.find(m.pKeys, p.Level); k < 0 {
			c.add(fieldErr(field+".level", p.Level, ErrLevel))
			return 0, zero, false
		}
	}
	if p.Value.IsZero() {
		return k, m.pValue[k], true
	}
	if m.bands[MeasureProbability] == nil {
		if k < 0 {
			c.fail(field+".value", p.Value.String(), ErrLevel, "the matrix has no probability bands; give a level")
			return 0, zero, false
		}
		return k, p.Value, true
	}
	b, err := m.band(MeasureProbability, p.Value)
	switch {
	case err != nil:
		c.add(fieldErr(field+".value", p.Value.String(), err))
		return 0, zero, false
	case k >= 0 && b != k:
		c.fail(field+".value", p.Value.String(), ErrLevel, "the value lies in level %s, not %s", m.pKeys[b], p.Level)
		return 0, zero, false
	}
	return b, p.Value, true
}

// impactOf returns the impact level of im: its Level, or the highest level
// its measured quantities fall in.
func (m *Matrix) impactOf(c *checker, field string, im *Impact) (int, bool) {
	if im.Level != "" {
		k := m.iSlots.find(m.iKeys, im.Level)
		if k < 0 {
			c.add(fieldErr(field+".level", im.Level, ErrLevel))
			return 0, false
		}
		return k, true
	}
	k, ok := -1, true
	for _, q := range [...]struct {
		meas Measure
		name string
		d    *decimal.Decimal
	}{{MeasureMoney, ".money", &im.Money}, {MeasureCost, ".cost", &im.Cost}, {MeasureSchedule, ".schedule", &im.Schedule}, {MeasureDays, ".days", &im.Days}} {
		if q.d.IsZero() || m.bands[q.meas] == nil {
			continue
		}
		b, err := m.band(q.meas, *q.d)
		if err != nil {
			c.add(fieldErr(field+q.name, q.d.String(), err))
			ok = false
			continue
		}
		k = max(k, b)
	}
	if !ok {
		return 0, false
	}
	if k < 0 {
		c.fail(field+".level", "", ErrLevel, "no level given, and the matrix has no bands for the measures given")
		return 0, false
	}
	return k, true
}

// index returns the position of key in keys, or −1.
func index(keys []string, key string) int {
	for k, s := range keys {
		if s == key {
			return k
		}
	}
	return -1
}
