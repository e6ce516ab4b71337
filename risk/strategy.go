package risk

import (
	"strconv"

	"github.com/shopspring/decimal"
)

// Strategy is a response to a risk. Threats take avoid, transfer,
// mitigate, accept or escalate; opportunities take exploit, share, enhance,
// accept or escalate (the PMBOK Guide, 6th edition, 11.5.2.4–5, escalates
// either kind). The zero Strategy is invalid: a risk without a response has
// a zero [Response].
//
// The treatment options of ISO 31000:2018 (6.5.2) map onto the strategies
// as follows:
//
//	avoiding the risk by not starting or continuing the activity  → Avoid
//	taking or increasing the risk to pursue an opportunity         → Exploit, Enhance
//	removing the risk source                                       → Avoid (threat), Exploit (opportunity)
//	changing the likelihood                                        → Mitigate (threat), Enhance (opportunity)
//	changing the consequences                                      → Mitigate (threat), Enhance (opportunity)
//	sharing the risk (contracts, insurance)                        → Transfer (threat), Share (opportunity)
//	retaining the risk by informed decision                        → Accept
//
// Escalate has no ISO 31000 treatment: it hands the risk to someone above
// the project, which ISO 31000 counts as communication, not treatment.
type Strategy int

// The strategies.
const (
	_ Strategy = iota
	// Avoid removes the threat: the residual probability is zero.
	Avoid
	// Transfer moves the threat's impact to a third party (insurance, a
	// fixed-price subcontract).
	Transfer
	// Mitigate lowers the threat's probability or impact.
	Mitigate
	// Accept takes the risk as it is (possibly with a contingency reserve).
	Accept
	// Escalate hands the risk to someone with the authority to act on it.
	Escalate
	// Exploit makes the opportunity certain: the residual probability is
	// one.
	Exploit
	// Share gives part of the opportunity to a partner better placed to
	// capture it.
	Share
	// Enhance raises the opportunity's probability or impact.
	Enhance
)

var strategyNames = enumNames{"", "avoid", "transfer", "mitigate", "accept", "escalate", "exploit", "share", "enhance"}

// strategyLabels are the strategies' names for people, in PMBOK's English
// and Chinese.
var strategyLabels = [][2]string{{}, {"Avoid", "规避"}, {"Transfer", "转移"}, {"Mitigate", "减轻"}, {"Accept", "接受"},
	{"Escalate", "上报"}, {"Exploit", "开拓"}, {"Share", "分享"}, {"Enhance", "提高"}}

// Label returns the strategy's name for people in lang ("Mitigate", "减轻"),
// chosen as [Labels.Get] chooses between English and simplified Chinese; a
// value without a name gives its String.
func (s Strategy) Label(lang string) string {
	return strategyNames.label("Strategy", int(s), strategyLabels, lang)
}

// String returns the wire name of s, or "Strategy(n)".
func (s Strategy) String() string { return strategyNames.str("Strategy", int(s)) }

// MarshalText encodes s as its name; the zero Strategy is a *FieldError
// wrapping ErrUnknownName.
func (s Strategy) MarshalText() ([]byte, error) {
	return strategyNames.text("strategy", "Strategy", int(s))
}

// UnmarshalText decodes a name.
func (s *Strategy) UnmarshalText(b []byte) error {
	v, err := strategyNames.parse("strategy", b)
	if err != nil {
		return err
	}
	*s = Strategy(v)
	return nil
}

// Fits reports whether s is a response for a risk of kind k.
func (s Strategy) Fits(k Kind) bool {
	switch s {
	case Accept, Escalate:
		return k == Threat || k == Opportunity
	case Avoid, Transfer, Mitigate:
		return k == Threat
	case Exploit, Share, Enhance:
		return k == Opportunity
	}
	return false
}

// Response is what a project does about a risk. The zero Response means
// none is planned: the residual risk is the inherent one.
//
// ResidualProbability and ResidualImpact are the estimates after the
// response; each, when zero, is the inherent estimate, and when given
// replaces it wholly. Avoid sets the residual probability to zero and
// Exploit to one: a residual probability given with them is an error,
// unless it is exactly 1 for Exploit.
type Response struct {
	Strategy            Strategy    `json:"strategy,omitempty"`
	Actions             []Action    `json:"actions,omitempty"`
	ResidualProbability Probability `json:"residual_probability,omitzero"`
	ResidualImpact      Impact      `json:"residual_impact,omitzero"`
}

// Action is one step of a response, with its cost.
type Action struct {
	Title string          `json:"title,omitempty"`
	Owner string          `json:"owner,omitempty"`
	Cost  decimal.Decimal `json:"cost"`
	Due   Date            `json:"due,omitzero"`
}

// Cost returns the response's cost: the sum of its actions' costs, exact.
func (r Response) Cost() decimal.Decimal { return r.cost() }

// cost is Cost without copying the 200-byte Response.
func (r *Response) cost() decimal.Decimal {
	switch len(r.Actions) {
	case 0:
		return zero
	case 1: // no addition, no allocation
		return r.Actions[0].Cost
	}
	sum := r.Actions[0].Cost
	for _, a := range r.Actions[1:] {
		sum = sum.Add(a.Cost)
	}
	return sum
}

// check records the response's problems.
func (r *Response) check(c *checker, k Kind) {
	if r.Strategy == 0 {
		if len(r.Actions) > 0 || !r.ResidualProbability.IsZero() || !r.ResidualImpact.IsZero() {
			c.fail("response.strategy", "", ErrStrategy, "a response with actions or a residual needs a strategy")
		}
		return
	}
	switch {
	case r.Strategy < 0 || int(r.Strategy) >= len(strategyNames):
		c.name("response.strategy", r.Strategy.String())
		return
	case (k == Threat || k == Opportunity) && !r.Strategy.Fits(k):
		c.fail("response.strategy", r.Strategy.String(), ErrStrategy, "%s is not a response to %s", r.Strategy, kindArticle(k))
	}
	for n := range r.Actions {
		a := &r.Actions[n]
		switch {
		case a.Cost.IsZero():
		case checkDecimal("", a.Cost) != nil:
			c.decimal(actionField(n, "cost"), "", a.Cost)
		case a.Cost.Sign() < 0:
			c.fail(actionField(n, "cost"), a.Cost.String(), ErrInvalid, "a cost is never below 0")
		}
		if !a.Due.IsZero() && !a.Due.IsValid() {
			c.errs = append(c.errs, fieldErr(c.path(actionField(n, "due")), a.Due.String(), ErrDate))
		}
	}
	rp := &r.ResidualProbability
	checkProbabilityValue(c, "response.residual_probability.value", rp.Value)
	switch {
	case r.Strategy == Avoid && !rp.IsZero():
		c.fail("response.residual_probability", rp.text(), ErrStrategy, "avoid leaves no probability to estimate")
	case r.Strategy == Exploit && (rp.Level != "" || !(rp.Value.IsZero() || rp.Value.Equal(one))):
		c.fail("response.residual_probability", rp.text(), ErrStrategy, "exploit makes the opportunity certain: a residual probability of 1")
	}
	if !r.ResidualImpact.IsZero() {
		checkImpact(c, "response.residual_impact", &r.ResidualImpact)
	}
}

func actionField(n int, name string) string {
	return "response.actions[" + strconv.Itoa(n) + "]." + name
}

func kindArticle(k Kind) string {
	if k == Opportunity {
		return "an opportunity"
	}
	return "a threat"
}
