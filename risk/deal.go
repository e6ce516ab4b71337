package risk

import (
	"fmt"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// Deal is a snapshot of one sales opportunity as the caller's CRM holds it,
// with the history [Signals] reads its early warnings from. It is the
// caller's data, converted from whatever its pipeline or funnel records;
// risk imports no other saleskit package.
//
// History lists earlier states of the deal's close date and amount, each
// as recorded at At; the snapshot's own CloseDate and Amount are the latest
// state. Signals reads History in order of At (equal instants keep their
// order), so the caller may give it in any order. The zero Deal is an
// empty draft that Signals refuses for want of an id.
type Deal struct {
	ID       string   `json:"id"`
	Stage    string   `json:"stage,omitempty"`
	Forecast Forecast `json:"forecast,omitempty"`
	Outcome  Outcome  `json:"outcome,omitempty"`
	// Amount is the deal's current value, never negative.
	Amount decimal.Decimal `json:"amount"`
	// CloseDate is the expected close date; the zero Date means none.
	CloseDate Date `json:"close_date,omitzero"`
	// StageEntered is when the deal entered its current stage.
	StageEntered time.Time `json:"stage_entered,omitzero"`
	// LastActivity is the last call, meeting or email; the zero time means
	// none is recorded, and no staleness is judged.
	LastActivity time.Time `json:"last_activity,omitzero"`
	// SnoozedUntil is the resume date of a paused deal: until that date it
	// raises no staleness signal, and after it the pause does not count
	// toward its staleness. The zero Date means not paused.
	SnoozedUntil Date      `json:"snoozed_until,omitzero"`
	Contacts     []Contact `json:"contacts,omitempty"`
	// Discount is the discount off list price as a fraction (0.25 for
	// 25%); zero means none.
	Discount    decimal.Decimal `json:"discount,omitzero"`
	Competitors []string        `json:"competitors,omitempty"`
	History     []Revision      `json:"history,omitempty"`
}

// Contact is a person on the customer's side the deal team talks to.
type Contact struct {
	Name          string `json:"name,omitempty"`
	DecisionMaker bool   `json:"decision_maker,omitempty"`
}

// Revision is an earlier state of a deal: its close date and amount as
// recorded at At. A zero CloseDate means the revision did not record one.
type Revision struct {
	At        time.Time       `json:"at"`
	CloseDate Date            `json:"close_date,omitzero"`
	Amount    decimal.Decimal `json:"amount"`
}

// check records d's problems.
func (d *Deal) check(c *checker) {
	switch {
	case d.ID == "":
		c.fail("id", "", ErrInvalid, "a deal needs an id")
	case strings.TrimSpace(d.ID) != d.ID:
		c.fail("id", d.ID, ErrInvalid, "an id has no surrounding spaces")
	}
	if d.Forecast < ForecastPipeline || d.Forecast > ForecastOmitted {
		c.name("forecast", d.Forecast.String())
	}
	if d.Outcome < OutcomeOpen || d.Outcome > Lost {
		c.name("outcome", d.Outcome.String())
	}
	amount := func(field string, a decimal.Decimal) {
		if c.decimal(field, "", a) && a.Sign() < 0 {
			c.fail(field, a.String(), ErrInvalid, "an amount is never below 0")
		}
	}
	amount("amount", d.Amount)
	date := func(field string, v Date) {
		if !v.IsZero() && !v.IsValid() {
			c.add(fieldErr(field, v.String(), ErrDate))
		}
	}
	date("close_date", d.CloseDate)
	date("snoozed_until", d.SnoozedUntil)
	checkProbabilityValue(c, "discount", d.Discount)
	for k, r := range d.History {
		amount(fmt.Sprintf("history[%d].amount", k), r.Amount)
		date(fmt.Sprintf("history[%d].close_date", k), r.CloseDate)
	}
}

// Forecast is a deal's forecast category, with the names of the saleskit
// stage table. The zero Forecast is ForecastPipeline.
type Forecast int

// The forecast categories.
const (
	ForecastPipeline Forecast = iota
	ForecastBestCase
	ForecastCommit
	ForecastClosed
	ForecastOmitted
)

var forecastNames = enumNames{"pipeline", "best_case", "commit", "closed", "omitted"}

// String returns the wire name of f, or "Forecast(n)".
func (f Forecast) String() string { return forecastNames.str("Forecast", int(f)) }

// MarshalText encodes f as its name.
func (f Forecast) MarshalText() ([]byte, error) {
	return forecastNames.text("forecast", "Forecast", int(f))
}

// UnmarshalText decodes a name.
func (f *Forecast) UnmarshalText(b []byte) error {
	v, err := forecastNames.parse("forecast", b)
	if err != nil {
		return err
	}
	*f = Forecast(v)
	return nil
}

// Outcome is whether a deal is still open, won or lost. The zero Outcome
// is OutcomeOpen.
type Outcome int

// The outcomes.
const (
	OutcomeOpen Outcome = iota
	Won
	Lost
)

var outcomeNames = enumNames{"open", "won", "lost"}

// String returns the wire name of o, or "Outcome(n)".
func (o Outcome) String() string { return outcomeNames.str("Outcome", int(o)) }

// MarshalText encodes o as its name.
func (o Outcome) MarshalText() ([]byte, error) {
	return outcomeNames.text("outcome", "Outcome", int(o))
}

// UnmarshalText decodes a name.
func (o *Outcome) UnmarshalText(b []byte) error {
	v, err := outcomeNames.parse("outcome", b)
	if err != nil {
		return err
	}
	*o = Outcome(v)
	return nil
}
