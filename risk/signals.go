package risk

import (
	"encoding/json"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// SignalKind is a kind of deal risk signal. The zero SignalKind is invalid.
type SignalKind int

// The signals, in the order [Signals] lists them.
const (
	_ SignalKind = iota
	// Slipped: a commit or best-case deal is past its close date.
	Slipped
	// CloseDatePushed: the close date moved later SignalPolicy.Pushes
	// times or more.
	CloseDatePushed
	// CloseDatePulledIn: the close date moved earlier SignalPolicy.Pulls
	// times or more.
	CloseDatePulledIn
	// NoActivity: nothing happened on the deal for SignalPolicy.Stale.
	NoActivity
	// StageTooLong: the deal has been in its stage longer than its norm.
	StageTooLong
	// AmountCut: the amount fell SignalPolicy.AmountCut or more below its
	// highest recorded value.
	AmountCut
	// NoDecisionMaker: no contact is a decision maker.
	NoDecisionMaker
	// SingleThreaded: the deal hangs on one contact, or none.
	SingleThreaded
	// DiscountHigh: the discount is above SignalPolicy.MaxDiscount.
	DiscountHigh
	// Competitor: a competitor is in the deal.
	Competitor
)

var signalNames = enumNames{"", "slipped", "close_date_pushed", "close_date_pulled_in", "no_activity",
	"stage_too_long", "amount_cut", "no_decision_maker", "single_threaded", "discount_high", "competitor"}

// String returns the wire name of k, or "SignalKind(n)".
func (k SignalKind) String() string { return signalNames.str("SignalKind", int(k)) }

// MarshalText encodes k as its name; the zero SignalKind is a *FieldError
// wrapping ErrUnknownName.
func (k SignalKind) MarshalText() ([]byte, error) {
	return signalNames.text("signal", "SignalKind", int(k))
}

// UnmarshalText decodes a name.
func (k *SignalKind) UnmarshalText(b []byte) error {
	v, err := signalNames.parse("signal", b)
	if err != nil {
		return err
	}
	*k = SignalKind(v)
	return nil
}

// Signal is one early warning on a deal: its kind, the weight it adds to
// the deal's score, and its evidence, a [Reason] whose code is the kind's
// name and which cites the values that raised it.
type Signal struct {
	Kind   SignalKind `json:"kind,omitempty"`
	Weight float64    `json:"weight"`
	Reason Reason     `json:"reason"`
}

// DealRisk is a deal's risk as [Signals] judges it: its signals in
// [SignalKind] order, the score (the sum of their weights, added in that
// order) and the tier the score falls in. A won or lost deal has no
// signals, score 0 and the lowest tier; Snoozed says the deal was paused on
// asOf, so no staleness was judged.
type DealRisk struct {
	Deal    string   `json:"deal"`
	Signals []Signal `json:"signals"`
	Score   float64  `json:"score"`
	Tier    string   `json:"tier"`
	Snoozed bool     `json:"snoozed,omitempty"`
}

// Has reports whether r holds a signal of kind k.
func (r DealRisk) Has(k SignalKind) bool {
	return slices.ContainsFunc(r.Signals, func(s Signal) bool { return s.Kind == k })
}

// Reason explains r in one line: [CodeDealRisk] citing the score, the
// number of signals and the tier.
func (r DealRisk) Reason() Reason {
	names := make([]string, len(r.Signals))
	for k, s := range r.Signals {
		names[k] = s.Kind.String()
	}
	return Reason{
		Code:    CodeDealRisk,
		Numbers: map[string]float64{"score": r.Score, "signals": float64(len(r.Signals))},
		Texts:   map[string]string{"tier": r.Tier, "kinds": strings.Join(names, ", ")},
	}
}

// MarshalJSON encodes r with its reason under the key "reason", beside
// each signal's own.
func (r DealRisk) MarshalJSON() ([]byte, error) {
	type plain DealRisk
	return json.Marshal(struct {
		plain
		reasoned
	}{plain(r), reasoned{r.Reason()}})
}

// Signals judges deal d as of asOf under policy p (nil for
// [DefaultSignalPolicy]) and returns its signals with their evidence, its
// score and its tier.
//
// Calendar rules use asOf's date in asOf's own location (pass asOf.In(loc)
// for the sales team's zone): a deal slips the day after its close date,
// and a deal snoozed until a date raises no staleness signal before that
// date. Elapsed rules (no_activity, stage_too_long) measure 24-hour spans
// from the last activity or the stage entry to asOf; for a deal that was
// snoozed and has resumed, from the start of its resume date in asOf's
// location when that is later, so the pause does not count as staleness.
//
// A bad deal is an error joining a [*FieldError] for every problem (a
// missing id, a negative amount, a discount outside [0, 1], an unknown
// enum, a bad date); a zero asOf is one naming asOf; a bad policy field is
// one wrapping [ErrOption] or [ErrUnknownName]. All wrap sentinels.
func Signals(d Deal, asOf time.Time, p *SignalPolicy) (DealRisk, error) {
	c := &checker{}
	if asOf.IsZero() {
		c.fail("asOf", "", ErrInvalid, "an instant is required")
	}
	d.check(c)
	pol, err := p.resolved()
	if err != nil {
		c.errs = append(c.errs, flatten(err)...)
	}
	if len(c.errs) > 0 {
		return DealRisk{}, c.err()
	}
	out := DealRisk{Deal: d.ID, Signals: []Signal{}, Tier: pol.Tiers[0].Key}
	if d.Outcome != OutcomeOpen {
		return out, nil
	}
	today := DateOf(asOf)
	out.Snoozed = !d.SnoozedUntil.IsZero() && today.Before(d.SnoozedUntil)
	raise := func(k SignalKind, r Reason) {
		r.Code = signalNames[k]
		out.Signals = append(out.Signals, Signal{Kind: k, Weight: pol.Weights[k], Reason: r})
	}

	if (d.Forecast == ForecastCommit || d.Forecast == ForecastBestCase) && !d.CloseDate.IsZero() && d.CloseDate.Before(today) {
		raise(Slipped, Reason{
			Numbers: map[string]float64{"days": float64(today.Sub(d.CloseDate))},
			Texts:   map[string]string{"close_date": d.CloseDate.String(), "forecast": d.Forecast.String()},
		})
	}
	pushes, pulls, pushed, pulled, first, peak := closeMoves(d)
	if pushes >= pol.Pushes {
		raise(CloseDatePushed, Reason{
			Numbers: map[string]float64{"pushes": float64(pushes), "days": float64(pushed)},
			Texts:   map[string]string{"first": first.String(), "close_date": d.CloseDate.String()},
		})
	}
	if pulls >= pol.Pulls {
		raise(CloseDatePulledIn, Reason{
			Numbers: map[string]float64{"pulls": float64(pulls), "days": float64(pulled)},
			Texts:   map[string]string{"close_date": d.CloseDate.String()},
		})
	}
	if !out.Snoozed {
		from := func(t time.Time) time.Time {
			if !d.SnoozedUntil.IsZero() {
				if resume := d.SnoozedUntil.In(asOf.Location()); resume.After(t) {
					return resume
				}
			}
			return t
		}
		if !d.LastActivity.IsZero() {
			if idle := asOf.Sub(from(d.LastActivity)); idle >= pol.Stale {
				raise(NoActivity, Reason{
					Numbers: map[string]float64{"days": days(idle), "limit_days": days(pol.Stale)},
					Texts:   map[string]string{"last_activity": d.LastActivity.Format(time.RFC3339)},
				})
			}
		}
		if norm, ok := pol.StageNorms[d.Stage]; ok && !d.StageEntered.IsZero() {
			if in := asOf.Sub(from(d.StageEntered)); in > norm {
				raise(StageTooLong, Reason{
					Numbers: map[string]float64{"days": days(in), "norm_days": days(norm)},
					Texts:   map[string]string{"stage": d.Stage},
				})
			}
		}
	}
	// cut ≥ limit ⇔ peak − amount ≥ limit × peak, exactly.
	if peak.Sign() > 0 && peak.Sub(d.Amount).Cmp(pol.AmountCut.Mul(peak)) >= 0 {
		raise(AmountCut, Reason{Amounts: map[string]decimal.Decimal{
			"peak": peak, "amount": d.Amount, "cut": peak.Sub(d.Amount).DivRound(peak, 4), "limit": pol.AmountCut,
		}})
	}
	decisionMakers := 0
	for _, c := range d.Contacts {
		if c.DecisionMaker {
			decisionMakers++
		}
	}
	if decisionMakers == 0 {
		raise(NoDecisionMaker, Reason{Numbers: map[string]float64{"contacts": float64(len(d.Contacts))}})
	}
	if len(d.Contacts) <= 1 {
		raise(SingleThreaded, Reason{Numbers: map[string]float64{"contacts": float64(len(d.Contacts))}})
	}
	if d.Discount.Cmp(pol.MaxDiscount) > 0 {
		raise(DiscountHigh, Reason{Amounts: map[string]decimal.Decimal{"discount": d.Discount, "limit": pol.MaxDiscount}})
	}
	if len(d.Competitors) > 0 {
		raise(Competitor, Reason{
			Numbers: map[string]float64{"count": float64(len(d.Competitors))},
			Texts:   map[string]string{"competitors": strings.Join(d.Competitors, ", ")},
		})
	}
	for _, s := range out.Signals {
		out.Score += s.Weight
	}
	for _, t := range pol.Tiers {
		if out.Score >= t.From {
			out.Tier = t.Key
		}
	}
	return out, nil
}

// closeMoves walks the deal's close dates in time order and counts the
// moves later (pushes, adding up pushed days) and earlier (pulls, pulled
// days); it returns the first recorded close date and the highest amount.
func closeMoves(d Deal) (pushes, pulls, pushed, pulled int, first Date, peak decimal.Decimal) {
	hist := slices.Clone(d.History)
	slices.SortStableFunc(hist, func(a, b Revision) int { return a.At.Compare(b.At) })
	hist = append(hist, Revision{CloseDate: d.CloseDate, Amount: d.Amount})
	var last Date
	peak = d.Amount
	for _, r := range hist {
		if r.Amount.Cmp(peak) > 0 {
			peak = r.Amount
		}
		if r.CloseDate.IsZero() {
			continue
		}
		switch {
		case last.IsZero():
			first = r.CloseDate
		case r.CloseDate.After(last):
			pushes++
			pushed += r.CloseDate.Sub(last)
		case r.CloseDate.Before(last):
			pulls++
			pulled += last.Sub(r.CloseDate)
		}
		last = r.CloseDate
	}
	return pushes, pulls, pushed, pulled, first, peak
}

// days returns d in 24-hour days.
func days(d time.Duration) float64 { return d.Hours() / 24 }
