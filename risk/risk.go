package risk

import (
	"strings"

	"github.com/shopspring/decimal"
)

// Risk is one entry of a risk register: an uncertain event that would hurt
// (a threat) or help (an opportunity) a sales project if it happened. It is
// plain data; [Risk.Validate] checks it on its own, [Assess] against a
// matrix.
//
// Probability and Impact are the inherent estimates, before any response.
// Response, when it has a strategy, says what the project does about the
// risk, at what cost, and what is left (the residual). The zero Risk is an
// empty draft: it marshals (a form saved half-filled), and Validate and
// Assess refuse it until it has an id, a probability and an impact.
type Risk struct {
	ID          string      `json:"id"`
	Title       string      `json:"title,omitempty"`
	Category    Category    `json:"category,omitempty"`
	Kind        Kind        `json:"kind"`
	Probability Probability `json:"probability,omitzero"`
	Impact      Impact      `json:"impact,omitzero"`
	Owner       string      `json:"owner,omitempty"`
	Status      Status      `json:"status"`
	// Triggers are the conditions that show the risk is about to happen.
	Triggers []string `json:"triggers,omitempty"`
	// Review is the date of the next review; the zero Date means none is
	// scheduled.
	Review Date `json:"review,omitzero"`
	// Driver names a shared driver: risks with the same driver tend to
	// occur together in [Reserve], as correlated as ReserveOptions.Drivers
	// says. Empty means independent.
	Driver   string   `json:"driver,omitempty"`
	Response Response `json:"response,omitzero"`
}

// Probability is how likely a risk is: a level of the matrix's probability
// scale, an exact value in (0, 1], or both. The exact value, when given, is
// the probability in money (expected monetary value, [Reserve]); the level
// places the risk in its cell, and when only a value is given the level is
// the one whose band holds it. A zero Value means "not given".
type Probability struct {
	Level string          `json:"level,omitempty"`
	Value decimal.Decimal `json:"value,omitzero"`
}

// IsZero reports whether p gives neither a level nor a value.
func (p Probability) IsZero() bool { return p.Level == "" && p.Value.IsZero() }

// text returns p as the caller wrote it: its level, its value, or both.
func (p Probability) text() string {
	switch {
	case p.Value.IsZero():
		return p.Level
	case p.Level == "":
		return p.Value.String()
	}
	return p.Level + " " + p.Value.String()
}

// Impact is what a risk would do if it happened: a level of the matrix's
// impact scale and/or measured quantities. Money is the money impact, a
// magnitude (never negative: the risk's Kind says whether it is a loss or a
// gain); it is the impact in expected monetary value. Cost and Schedule are
// overruns as fractions (0.15 for 15%), Days a slip in days.
//
// Without a Level, the level is found through the matrix's bands: for each
// of Money, Cost, Schedule and Days that is given and has bands, the level
// its band names, and the highest of those (the PMBOK practice of rating a
// risk on each objective and keeping the worst). A zero quantity means "not
// given".
//
// Shape, Min and Max describe the money impact's uncertainty for
// [Reserve]: Fixed (the zero Shape) costs exactly Money; Triangular and
// PERT spread it over [Min, Max] with Money most likely. Expected monetary
// value always uses Money.
type Impact struct {
	Level    string          `json:"level,omitempty"`
	Money    decimal.Decimal `json:"money,omitzero"`
	Cost     decimal.Decimal `json:"cost,omitzero"`
	Schedule decimal.Decimal `json:"schedule,omitzero"`
	Days     decimal.Decimal `json:"days,omitzero"`
	Shape    Shape           `json:"shape,omitempty"`
	Min      decimal.Decimal `json:"min,omitzero"`
	Max      decimal.Decimal `json:"max,omitzero"`
}

// IsZero reports whether i gives nothing.
func (i Impact) IsZero() bool {
	return i.Level == "" && i.Money.IsZero() && i.Cost.IsZero() && i.Schedule.IsZero() && i.Days.IsZero() &&
		i.Shape == Fixed && i.Min.IsZero() && i.Max.IsZero()
}

// Validate reports what is wrong with r on its own, without a matrix: a
// missing id, an unknown kind, status or strategy, a probability outside
// (0, 1], a negative amount, a strategy that does not fit the kind, a
// residual that contradicts the strategy. Every problem is a [*FieldError]
// naming the field (probability.value, response.actions[1].cost), joined
// with [errors.Join]; they wrap [ErrInvalid], [ErrStrategy], [ErrRange],
// [ErrUnknownName] or [ErrDate].
func (r Risk) Validate() error {
	c := checker{}
	r.check(&c)
	return c.err()
}

// check records r's problems.
func (r *Risk) check(c *checker) {
	switch {
	case r.ID == "":
		c.fail("id", "", ErrInvalid, "a risk needs an id")
	case strings.TrimSpace(r.ID) != r.ID:
		c.fail("id", r.ID, ErrInvalid, "an id has no surrounding spaces")
	}
	if r.Kind != Threat && r.Kind != Opportunity {
		c.name("kind", r.Kind.String())
	}
	if r.Status != Open && r.Status != Closed {
		c.name("status", r.Status.String())
	}
	if r.Probability.IsZero() {
		c.fail("probability", "", ErrInvalid, "a level or a value is required")
	}
	checkProbabilityValue(c, "probability.value", r.Probability.Value)
	checkImpact(c, "impact", &r.Impact)
	if !r.Review.IsZero() && !r.Review.IsValid() {
		c.errs = append(c.errs, fieldErr(c.path("review"), r.Review.String(), ErrDate))
	}
	r.Response.check(c, r.Kind)
}

// checkProbabilityValue checks an exact probability that may be absent.
func checkProbabilityValue(c *checker, field string, v decimal.Decimal) {
	if v.IsZero() || !c.decimal(field, "", v) {
		return
	}
	if v.Sign() < 0 || cmpDec(v, one) > 0 {
		c.fail(field, v.String(), ErrInvalid, "a probability lies within [0, 1]")
	}
}

// checkProbability checks that p is a decimal within [0, 1].
func checkProbability(field string, p decimal.Decimal) error {
	c := checker{}
	c.errs = nil
	checkProbabilityValue(&c, field, p)
	return c.err()
}

// checkImpact checks an impact that must place its risk.
func checkImpact(c *checker, field string, im *Impact) {
	if im.Level == "" && im.Money.IsZero() && im.Cost.IsZero() && im.Schedule.IsZero() && im.Days.IsZero() {
		c.fail(field, "", ErrInvalid, "a level or a measured impact is required")
	}
	// One call a quantity rather than a loop over them: each check of an
	// absent quantity is then a branch of its own, which the processor
	// predicts; in the loop the same branch saw money given and the rest
	// absent, and Assess mispredicted about two branches a risk more on
	// BenchmarkAssess (callgrind).
	ok := im.Money.IsZero() || c.magnitude(field, ".money", im.Money)
	ok = (im.Cost.IsZero() || c.magnitude(field, ".cost", im.Cost)) && ok
	ok = (im.Schedule.IsZero() || c.magnitude(field, ".schedule", im.Schedule)) && ok
	ok = (im.Days.IsZero() || c.magnitude(field, ".days", im.Days)) && ok
	ok = (im.Min.IsZero() || c.magnitude(field, ".min", im.Min)) && ok
	ok = (im.Max.IsZero() || c.magnitude(field, ".max", im.Max)) && ok
	switch im.Shape {
	case Fixed:
		if !im.Min.IsZero() || !im.Max.IsZero() {
			c.fail(field+".shape", "fixed", ErrInvalid, "min and max belong to a triangular or pert impact")
		}
	case Triangular, PERT:
		switch {
		case !ok:
		case im.Min.Cmp(im.Max) >= 0:
			c.fail(field+".max", im.Max.String(), ErrInvalid, "max must be above min %s", im.Min)
		case im.Money.Cmp(im.Min) < 0 || im.Money.Cmp(im.Max) > 0:
			c.fail(field+".money", im.Money.String(), ErrInvalid, "the most likely money lies within [min %s, max %s]", im.Min, im.Max)
		}
	default:
		c.name(field+".shape", im.Shape.String())
	}
}

// magnitude checks an impact quantity that is given (not zero): not below
// 0, within MaxDigits and MaxExponent. It reports whether d is within
// them.
func (c *checker) magnitude(field, name string, d decimal.Decimal) bool {
	if !c.decimal(field, name, d) {
		return false
	}
	if d.Sign() < 0 {
		c.fail(field+name, d.String(), ErrInvalid, "an impact is a magnitude, never below 0")
	}
	return true
}

// Kind says whether a risk is a threat or an opportunity. The zero Kind is
// Threat.
type Kind int

// The kinds of risk.
const (
	// Threat is a risk that would cost the project: a negative expected
	// monetary value.
	Threat Kind = iota
	// Opportunity is a risk that would benefit it: a positive one.
	Opportunity
)

var kindNames = enumNames{"threat", "opportunity"}

// kindLabels are the kinds' names for people.
var kindLabels = [][2]string{{"Threat", "威胁"}, {"Opportunity", "机会"}}

// Label returns the kind's name for people in lang ("Threat", "威胁"),
// chosen as [Labels.Get] chooses; a value without a name gives its String.
func (k Kind) Label(lang string) string { return kindNames.label("Kind", int(k), kindLabels, lang) }

// String returns the wire name of k, or "Kind(n)".
func (k Kind) String() string { return kindNames.str("Kind", int(k)) }

// MarshalText encodes k as its name.
func (k Kind) MarshalText() ([]byte, error) { return kindNames.text("kind", "Kind", int(k)) }

// UnmarshalText decodes a name.
func (k *Kind) UnmarshalText(b []byte) error {
	v, err := kindNames.parse("kind", b)
	if err != nil {
		return err
	}
	*k = Kind(v)
	return nil
}

// Status says whether a risk is still live. The zero Status is Open.
type Status int

// The statuses.
const (
	// Open risks count in a register's exposure, heat maps and reviews.
	Open Status = iota
	// Closed risks no longer can happen, or have been dealt with; a
	// register counts them apart.
	Closed
)

var statusNames = enumNames{"open", "closed"}

// statusLabels are the statuses' names for people.
var statusLabels = [][2]string{{"Open", "未关闭"}, {"Closed", "已关闭"}}

// Label returns the status's name for people in lang ("Closed", "已关闭"),
// chosen as [Labels.Get] chooses; a value without a name gives its String.
func (s Status) Label(lang string) string {
	return statusNames.label("Status", int(s), statusLabels, lang)
}

// String returns the wire name of s, or "Status(n)".
func (s Status) String() string { return statusNames.str("Status", int(s)) }

// MarshalText encodes s as its name.
func (s Status) MarshalText() ([]byte, error) { return statusNames.text("status", "Status", int(s)) }

// UnmarshalText decodes a name.
func (s *Status) UnmarshalText(b []byte) error {
	v, err := statusNames.parse("status", b)
	if err != nil {
		return err
	}
	*s = Status(v)
	return nil
}

// Shape is the distribution of a risk's money impact in [Reserve]. The
// zero Shape is Fixed.
type Shape int

// The shapes.
const (
	// Fixed costs exactly Impact.Money.
	Fixed Shape = iota
	// Triangular is the triangular distribution over [Min, Max] with mode
	// Money: mean (Min + Money + Max) / 3.
	Triangular
	// PERT is the beta-PERT distribution over [Min, Max] with mode Money
	// and λ = 4: shape parameters α = 1 + 4(Money − Min)/(Max − Min) and
	// β = 1 + 4(Max − Money)/(Max − Min), mean (Min + 4 Money + Max) / 6.
	PERT
)

var shapeNames = enumNames{"fixed", "triangular", "pert"}

// String returns the wire name of s, or "Shape(n)".
func (s Shape) String() string { return shapeNames.str("Shape", int(s)) }

// MarshalText encodes s as its name.
func (s Shape) MarshalText() ([]byte, error) { return shapeNames.text("shape", "Shape", int(s)) }

// UnmarshalText decodes a name.
func (s *Shape) UnmarshalText(b []byte) error {
	v, err := shapeNames.parse("shape", b)
	if err != nil {
		return err
	}
	*s = Shape(v)
	return nil
}

// Category is what a risk is about: one of the categories below or any
// name the caller chooses. The empty Category means uncategorised.
type Category string

// The built-in categories, with labels in English and simplified Chinese
// ([Category.Label]).
const (
	Market        Category = "market"         // market changes 市场变化
	Competition   Category = "competition"    // competitors 竞争
	Customer      Category = "customer"       // the customer: budget, churn, politics 客户
	Technical     Category = "technical"      // technical problems 技术
	Resource      Category = "resource"       // shortage of people, budget or tools 资源
	StaffTurnover Category = "staff_turnover" // people leaving the team 人员流失
	Financial     Category = "financial"      // money: payment, currency, credit 财务
	Compliance    Category = "compliance"     // law, regulation, contract terms 合规
	Schedule      Category = "schedule"       // delays 进度
)

var categoryLabels = map[Category][2]string{
	Market:        {"Market", "市场风险"},
	Competition:   {"Competition", "竞争风险"},
	Customer:      {"Customer", "客户风险"},
	Technical:     {"Technical", "技术风险"},
	Resource:      {"Resource", "资源风险"},
	StaffTurnover: {"Staff turnover", "人员流失风险"},
	Financial:     {"Financial", "财务风险"},
	Compliance:    {"Compliance", "合规风险"},
	Schedule:      {"Schedule", "进度风险"},
}

// Label returns a built-in category's label in lang, chosen as
// [Labels.Get] chooses, or the category itself for a custom one.
func (c Category) Label(lang string) string {
	l := categoryLabels[c]
	return label(Labels{"en": l[0], "zh-CN": l[1]}, lang, string(c))
}
