package incentive

import (
	"encoding/json"
	"strings"

	"github.com/shopspring/decimal"
)

// Line is one amount on a statement and everything needed to explain it:
// which component and deal it is for, the basis, the rate, the amount, and
// the values its sentence cites. [Line.Reason] builds the explanation from
// these fields when asked, so a statement of many lines stores no maps;
// a line's JSON carries it (as "reason", with the sentence in English and
// Chinese as "text").
//
// Which fields a line uses depends on its Code (see the Code constants):
// a tier line has Tier and the tier's From and To; a clawback has Ref, the
// booked date; a true-up has Ref, the period it corrects, and Was, the
// amount it had there. Money is rounded to Places decimal places unless
// the plan rounds on the total.
type Line struct {
	Kind      LineKind `json:"kind,omitempty"`
	Component string   `json:"component,omitempty"`
	Deal      string   `json:"deal,omitempty"`
	// Key is the other name a line cites: the scorecard measure, the rep
	// whose team credit an override pays on, the changed field of a true-up.
	Key  string `json:"key,omitempty"`
	Date Date   `json:"date,omitzero"`
	// Ref is the other date a line cites: the booked date a clawback
	// reverses, the period a true-up corrects, the rep's start or end date
	// an exclusion cites.
	Ref  Date   `json:"ref,omitzero"`
	Code string `json:"code,omitempty"`
	// Tier is the 1-based tier of a rate table, or 0.
	Tier int `json:"tier,omitempty"`
	// From and To are the bounds the line cites: a tier's (To zero for the
	// open top tier), a cap's limit in To, a threshold in From.
	From decimal.Decimal `json:"from,omitzero"`
	To   decimal.Decimal `json:"to,omitzero"`
	// Value is a measured value the line cites (a scorecard measure's
	// actual, an attainment); Was is an earlier amount (what a locked period
	// had, the balance owed before recovery).
	Value decimal.Decimal `json:"value,omitzero"`
	Was   decimal.Decimal `json:"was,omitzero"`
	// Basis × Rate is the amount before rounding for lines that have a rate.
	Basis  decimal.Decimal `json:"basis,omitzero"`
	Rate   decimal.Decimal `json:"rate,omitzero"`
	Amount decimal.Decimal `json:"amount"`
	// Places is the plan's currency places, for showing money in the
	// sentence.
	Places int32 `json:"places,omitempty"`
}

// Equal reports whether l and m are the same line, comparing amounts by
// value.
func (l Line) Equal(m Line) bool {
	return l.Kind == m.Kind && l.Component == m.Component && l.Deal == m.Deal && l.Key == m.Key &&
		l.Date == m.Date && l.Ref == m.Ref && l.Code == m.Code && l.Tier == m.Tier && l.Places == m.Places &&
		l.From.Equal(m.From) && l.To.Equal(m.To) && l.Value.Equal(m.Value) && l.Was.Equal(m.Was) &&
		l.Basis.Equal(m.Basis) && l.Rate.Equal(m.Rate) && l.Amount.Equal(m.Amount)
}

// Reason explains l: its Code, citing the line's values that the code's
// sentence uses — amounts among basis, rate, amount, from, to, value and
// was; texts among component, deal, key, kind, date and ref; numbers tier,
// days (from Ref to Date) and places. A code the package does not know (a
// custom rule's own) cites every value that is set, and basis, rate and
// amount.
func (l Line) Reason() Reason {
	if l.Code == "" {
		return Reason{}
	}
	uses := citedBy(l.Code)
	r := Reason{Code: l.Code, Amounts: map[string]decimal.Decimal{}, Numbers: map[string]float64{"places": float64(l.Places)},
		Texts: map[string]string{}}
	for _, a := range [...]struct {
		name string
		v    decimal.Decimal
	}{{"basis", l.Basis}, {"rate", l.Rate}, {"amount", l.Amount}, {"from", l.From}, {"to", l.To}, {"value", l.Value}, {"was", l.Was}} {
		if uses(a.name, !a.v.IsZero() || a.name == "basis" || a.name == "rate" || a.name == "amount") {
			r.Amounts[a.name] = a.v
		}
	}
	for _, t := range [...]struct{ name, v string }{{"component", l.Component}, {"deal", l.Deal}, {"key", l.Key}, {"kind", l.Kind.String()}} {
		if uses(t.name, t.v != "" && t.name != "kind") {
			r.Texts[t.name] = t.v
		}
	}
	if !l.Date.IsZero() && uses("date", true) {
		r.Texts["date"] = l.Date.String()
	}
	if !l.Ref.IsZero() && uses("ref", true) {
		r.Texts["ref"] = l.Ref.String()
	}
	if !l.Ref.IsZero() && !l.Date.IsZero() && uses("days", true) {
		r.Numbers["days"] = float64(l.Date.Sub(l.Ref))
	}
	if l.Tier > 0 && uses("tier", true) {
		r.Numbers["tier"] = float64(l.Tier)
	}
	return r
}

// citedBy returns a function reporting whether a line with code cites the
// value name: a known code cites what its sentence uses; an unknown one
// cites what is set (otherwise).
func citedBy(code string) func(name string, otherwise bool) bool {
	t, ok := reasonTexts[code]
	if !ok {
		return func(_ string, otherwise bool) bool { return otherwise }
	}
	return func(name string, _ bool) bool {
		return name == "amount" || strings.Contains(t[0], "{"+name+"}") || strings.Contains(t[0], "{"+name+":")
	}
}

// lineJSON is Line's JSON form without its methods.
type lineJSON Line

// MarshalJSON encodes l with its explanation: "reason", and "text", the
// sentence in English ("en") and simplified Chinese ("zh-CN").
func (l Line) MarshalJSON() ([]byte, error) {
	if l.Code == "" {
		return json.Marshal(lineJSON(l))
	}
	return json.Marshal(struct {
		lineJSON
		explained
	}{lineJSON(l), explain(l.Reason())})
}

// explained is the explanation a line or a quota adds to its JSON: its
// reason, and its sentence in English ("en") and simplified Chinese
// ("zh-CN"). It is derived from the other fields, and decoding ignores it.
type explained struct {
	Reason Reason `json:"reason"`
	Text   Labels `json:"text"`
}

func explain(r Reason) explained {
	return explained{r, Labels{"en": r.Text("en"), "zh-CN": r.Text("zh-CN")}}
}

// UnmarshalJSON decodes a line; its "reason" and "text" are derived from
// the other fields and are not read.
func (l *Line) UnmarshalJSON(b []byte) error {
	var v lineJSON
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*l = Line(v)
	return nil
}

// LineKind is what a statement line is. The zero value is invalid.
type LineKind int

// The line kinds. Commission, bonus, excluded, threshold and component cap
// lines are a component's lines; the others are adjustments.
const (
	_ LineKind = iota
	// LineCommission is a rate paid on credit.
	LineCommission
	// LineBonus is a fixed amount: per deal, per unit, a milestone, a scorecard.
	LineBonus
	// LineExcluded is a zero line: a credit that earns nothing, and why.
	LineExcluded
	// LineThreshold is a zero line: a component that pays nothing because a
	// threshold, a quota or a gate was not met.
	LineThreshold
	// LineCap withholds what a cap does not allow (negative), or pays
	// excess carried from earlier periods (positive).
	LineCap
	// LineClawback recovers commission on a cancelled deal.
	LineClawback
	// LineTrueUp corrects a locked period.
	LineTrueUp
	// LineDraw tops a payout up to the draw.
	LineDraw
	// LineRecovery recovers a balance owed.
	LineRecovery
	// LineDeficit carries a negative payout forward: it brings the payout to
	// zero and adds the shortfall to the balance owed.
	LineDeficit
	// LineRounding rounds a statement kept exact to the currency's places.
	LineRounding
)

var lineKindNames = enumNames{"", "commission", "bonus", "excluded", "threshold", "cap", "clawback",
	"true_up", "draw", "recovery", "deficit", "rounding"}

// String returns the wire name of k, or "LineKind(n)".
func (k LineKind) String() string { return lineKindNames.str("LineKind", int(k)) }

// MarshalText encodes k as its name.
func (k LineKind) MarshalText() ([]byte, error) {
	return lineKindNames.text("kind", "LineKind", int(k))
}

// UnmarshalText decodes a name.
func (k *LineKind) UnmarshalText(b []byte) error {
	v, err := lineKindNames.parse("kind", b)
	if err == nil {
		*k = LineKind(v)
	}
	return err
}
